// libdispatch on Linux imitates QoS classes with nice values: each worker thread it starts calls
// setpriority(PRIO_PROCESS, 0, nice) for its root queue, and logs "Failed to set thread priority
// for worker thread: pqc=… errno=13" to standard error (the journal) when that fails. Its event
// manager thread (timers, epoll, the pool monitor) runs on the user-interactive overcommit root
// queue and asks for nice -4 whatever our own queues' QoS is; a service without CAP_SYS_NICE (or
// an RLIMIT_NICE that allows it) may not, so every start logged that line.
//
// This executable defines setpriority(2) itself, so libdispatch's call (static in the release
// binary, libdispatch.so in a debug build: an executable's symbol comes first) lands here. A
// request that only the calling thread's priority be raised, refused with EACCES, is answered as
// done: the thread keeps the priority it has, exactly as after the refusal, but nothing is
// logged. Every other call, and any other error, goes to the C library unchanged.
#define _GNU_SOURCE
#include "ThreadPriority.h"

#include <dlfcn.h>
#include <errno.h>
#include <stdatomic.h>
#include <sys/resource.h>

static atomic_ulong declined;

int setpriority(__priority_which_t which, id_t who, int prio) {
    static int (*libc_setpriority)(__priority_which_t, id_t, int);
    if (libc_setpriority == NULL) {
        libc_setpriority = (int (*)(__priority_which_t, id_t, int))dlsym(RTLD_NEXT, "setpriority");
        if (libc_setpriority == NULL) {
            errno = ENOSYS;
            return -1;
        }
    }
    int saved = errno;
    int result = libc_setpriority(which, who, prio);
    if (result == -1 && errno == EACCES && which == PRIO_PROCESS && who == 0 && prio < 0) {
        atomic_fetch_add(&declined, 1);
        errno = saved;
        return 0;
    }
    return result;
}

unsigned long property_inbox_priority_requests_declined(void) {
    return atomic_load(&declined);
}
