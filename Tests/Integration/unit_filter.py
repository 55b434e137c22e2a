#!/usr/bin/python3
"""Runs a command under the system-call filter a systemd unit file declares, as systemd applies it.

usage: unit_filter.py UNIT_FILE [--log-denied] -- COMMAND [ARG...]

Every `SystemCallFilter=` line is read in order (`@groups` expanded with `systemd-analyze
syscall-filter`): when the first line is an allow-list, later `~` lines remove names from it and
later plain lines add names back; when it is a deny-list, the reverse. `SystemCallErrorNumber=`
makes a denied call fail with that errno; without it the process is killed (SIGSYS), as systemd
does. `--log-denied` makes every denial fail with EPERM so the command survives; run it under
`strace -f` to see which calls the filter refused.

Needs Debian's python3-seccomp, so run it with /usr/bin/python3.
"""
import errno
import os
import subprocess
import sys

import seccomp

_groups: dict[str, set[str]] = {}


def expand(token: str) -> set[str]:
    token = token.strip()
    if not token:
        return set()
    if not token.startswith("@"):
        return {token.split(":")[0]}
    if token not in _groups:
        out = subprocess.run(["systemd-analyze", "syscall-filter", token], capture_output=True, text=True, check=True).stdout
        names: set[str] = set()
        for line in out.splitlines()[1:]:
            line = line.strip()
            if line and not line.startswith("#"):
                names |= expand(line)
        _groups[token] = names
    return _groups[token]


def read_unit(path: str):
    """(allow_mode, names, errno or None) as systemd would build them."""
    allow_mode, names, error = None, set(), None
    for raw in open(path, encoding="utf-8"):
        line = raw.strip()
        if line.startswith("SystemCallErrorNumber="):
            value = line.split("=", 1)[1].strip()
            error = int(value) if value.isdigit() else getattr(errno, value)
        if not line.startswith("SystemCallFilter="):
            continue
        value = line.split("=", 1)[1].strip()
        negated = value.startswith("~")
        listed = set().union(*(expand(t) for t in value.lstrip("~").split()))
        if allow_mode is None:
            allow_mode = not negated
        if allow_mode == (not negated):
            names |= listed
        else:
            names -= listed
    return allow_mode, names, error


def main() -> None:
    args = sys.argv[1:]
    separator = args.index("--")
    unit, options, command = args[0], args[1:separator], args[separator + 1:]
    allow_mode, names, error = read_unit(unit)
    if "--log-denied" in options:
        error = errno.EPERM
    denied = seccomp.ERRNO(error) if error is not None else seccomp.KILL_PROCESS
    if allow_mode:
        # systemd always permits these so that a process can start and end at all.
        names |= expand("@default") | {"execve", "exit", "exit_group", "getrlimit", "rt_sigreturn", "sigreturn"}
        rules = seccomp.SyscallFilter(defaction=denied)
        action = seccomp.ALLOW
    else:
        rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
        action = denied
    for name in sorted(names):
        try:
            rules.add_rule(action, name)
        except (RuntimeError, ValueError, OSError):
            pass  # a name this kernel or libseccomp does not know
    rules.load()
    os.execvp(command[0], command)


if __name__ == "__main__":
    main()
