#ifndef PROPERTY_INBOX_THREAD_PRIORITY_H
#define PROPERTY_INBOX_THREAD_PRIORITY_H

/// How many times a thread of this process asked for a higher priority (a lower nice value) than
/// it may have, and was left where it was (see ThreadPriority.c). Also keeps the object linked.
unsigned long property_inbox_priority_requests_declined(void);

#endif
