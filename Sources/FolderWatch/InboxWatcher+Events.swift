import PropertyCore
#if canImport(Glibc)
import Glibc
#endif

extension InboxWatcher {
    /// Handles one batch of inotify events, then dispatches what is due (a READY that just
    /// arrived starts processing now, not at the next tick).
    public mutating func handle(_ events: [Inotify.Event]) -> [WatchEffect] {
        let now = clock.now()
        for (index, event) in events.enumerated() {
            if event.isOverflow {
                if !effects.contains(.reconcile(reason: "overflow")) {
                    log(.warning, "inotify queue overflowed; events were lost, rescanning the inbox")
                    effects.append(.reconcile(reason: "overflow"))
                }
                continue
            }
            if event.isWatchGone {
                if watches[event.watch] == "" { inboxWatchLost = true }
                watches[event.watch] = nil
                continue
            }
            guard let directory = watches[event.watch] else { continue }
            if directory.isEmpty {
                handleInboxEvent(event, now: now)
            } else {
                // Our own atomic writes rename a `.pi-tmp-` file over the output; the kernel queues
                // the two halves of a rename one after the other.
                let isOwnRename = event.mask & UInt32(IN_MOVED_TO) != 0 && index > 0
                    && events[index - 1].mask & UInt32(IN_MOVED_FROM) != 0
                    && events[index - 1].name.hasPrefix(FileRules.ownTempPrefix)
                handleFolderEvent(event, directory: directory, isOwnRename: isOwnRename, now: now)
            }
        }
        dispatchDue(now: clock.now())
        return takeEffects()
    }

    /// A folder appeared in or left the inbox.
    private mutating func handleInboxEvent(_ event: Inotify.Event, now: Double) {
        if event.isSelfGone {
            log(.critical, "the inbox itself was deleted or moved")
            return
        }
        guard event.isDirectory, !event.name.isEmpty, !FileRules.isSilentlyIgnored(event.name) else { return }
        let path = settings.inbox + "/" + event.name
        if event.isAttributeChange {
            lookAtPermissions(of: path)  // chmod 000, or the fix of one
        } else if event.isArrival {
            // Created, or moved in whole with one rename (then no event will tell about its
            // contents): watch it and everything in it now.
            let snapshot = FolderSnapshot.take(of: path)
            if let snapshot {
                addWatches(event.name, snapshot: snapshot)
                if snapshot.hasReadyMarker { tracker.noteReady(path) }
            } else {
                lookAtPermissions(of: path)
            }
            log(.debug, "folder arrived", ["path": event.name, "moved_in": "\(!event.isCreate)",
                                            "ready_marker": "\(snapshot?.hasReadyMarker ?? false)"])
            // Created here (not moved in finished): an upload may have opened a file in it
            // before the watch existed.
            if event.isCreate { awaitingProcCheck.insert(path) }
            // An empty folder is told nothing yet: its first file announces the upload.
            if snapshot?.hasNothingUploaded == true { noteSettleActivity(path, at: now) } else { noteActivity(path, at: now) }
        } else if event.isRemoval {
            unreadable.remove(path)
            markRemoved(path)
        }
    }

    /// Something changed inside a property folder or one of its subfolders.
    private mutating func handleFolderEvent(_ event: Inotify.Event, directory: String, isOwnRename: Bool, now: Double) {
        if event.isSelfGone || event.name.isEmpty { return }
        let folderName = directory.split(separator: "/").first.map(String.init) ?? directory
        let path = settings.inbox + "/" + folderName
        let isReady = directory == folderName && event.name == FileRules.readyMarker
        // Our own outputs, hidden files and litter never trigger work; upload temp names do
        // (the folder is still arriving).
        let ignored = FileRules.isSilentlyIgnored(event.name) && !FileRules.isUploadTemp(event.name)
        let file = directory == folderName ? event.name : directory.dropFirst(folderName.count + 1) + "/" + event.name
        if Self.outputFolders.contains(String(directory.dropFirst(folderName.count + 1))) {
            handleOutputFolderEvent(event, directory: directory, folderName: folderName, file: String(file), path: path, now: now)
            return
        }
        // An open or a reader's close changes nothing (our own processing reads every input):
        // it only counts descriptors.
        if event.isOpen || event.isCloseNoWrite {
            if !event.isDirectory && !ignored && !isReady {
                if event.isOpen { writes.opened(file, in: path, at: now) } else { writes.closed(file, in: path, wrote: false) }
            }
            return
        }
        if isReady && !event.isRemoval {
            tracker.noteReady(path)
            noteActivity(path, at: now)
            return
        }
        // `_listing/` made by a run: its removals are watched from now on.
        if directory == folderName && event.name == "_listing" && event.isDirectory && event.isArrival {
            watchOutputFolders(of: folderName)
            return
        }
        // Our published outputs (and the folder's status) removed or moved away by hand (a cleanup
        // script, an agent tidying up) are written back: the folder runs again after the settle window and, its inputs
        // unchanged, only publishes. Our own writes never remove them (they rename over them).
        if ignored && event.isRemoval && directory == folderName
            && (FileRules.isPublishedOutput(event.name) || event.name == FileRules.statusFile) {
            log(.info, "a published output was removed; it will be written again", ["path": folderName + "/" + event.name])
            noteSettleActivity(path, at: now)
            return
        }
        // Written by someone else (an editor, a copy): result.json and the listing pages are ours
        // and are written again; the run sees they no longer match what it published.
        if ignored && !event.isDirectory && directory == folderName && FileRules.isPublishedOutput(event.name)
            && (event.isCloseWrite || (event.isArrival && !isOwnRename)) {
            log(.info, "a published output was changed by hand; it will be written again", ["path": folderName + "/" + event.name])
            noteSettleActivity(path, at: now)
            return
        }
        if ignored { return }
        if event.isRemoval {
            writes.removed(file, in: path)
            // Said before this batch's dispatch: a run that would start now writes nothing into a
            // folder a client is emptying (its status would keep the client's rmdir from succeeding).
            effects.append(.losingEntries(path, removed: file))
        } else if !event.isDirectory {
            if event.isCreate && isNewRegularFile(settings.inbox + "/" + directory + "/" + event.name) {
                writes.created(file, in: path, at: now)
            }
            if event.isModify { writes.modified(file, in: path, at: now) }
            if event.isCloseWrite { writes.closed(file, in: path, wrote: true) }
        }
        if event.isDirectory && event.isArrival {
            let relative = directory + "/" + event.name
            if let snapshot = FolderSnapshot.take(of: settings.inbox + "/" + relative) {
                addWatches(relative, snapshot: snapshot)
            }
            if event.isCreate { awaitingProcCheck.insert(path) }
        }
        log(.debug, "change", ["path": directory + "/" + event.name, "mask": String(event.mask, radix: 16)])
        noteSettleActivity(path, at: now)
        // A deletion alone is no sign that an upload is under way.
        if !event.isRemoval { announceWaiting(path) }
    }
}

extension InboxWatcher {
    /// Inside `_listing/`: a derived photo, thumbnail or transcript removed, or written by someone
    /// else, is written back after the settle window (the run finds it missing and writes it from
    /// its original). Our own writes are renames of `.pi-tmp-` files and change nothing here.
    mutating func handleOutputFolderEvent(_ event: Inotify.Event, directory: String, folderName: String, file: String,
                                          path: String, now: Double) {
        if event.isSelfGone || event.name.isEmpty || event.name.hasPrefix(FileRules.ownTempPrefix) { return }
        if event.isDirectory && event.isArrival {
            watchOutputFolders(of: folderName)
            return
        }
        guard event.isRemoval || event.isCloseWrite else { return }
        log(.info, event.isRemoval ? "a published output was removed; it will be written again"
                                   : "a published output was changed by hand; it will be written again",
            ["path": folderName + "/" + file])
        noteSettleActivity(path, at: now)
    }
}

/// A regular file with one link: created by an open for writing. A symlink, or a hard link to
/// an existing file, has no writer to wait for.
private func isNewRegularFile(_ path: String) -> Bool {
    var info = stat()
    return FileName.withSystemPath(path, { lstat($0, &info) }) == 0 && info.st_mode & S_IFMT == S_IFREG && info.st_nlink == 1
}
