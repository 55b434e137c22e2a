"""A real systemd (Debian 12's systemd 252) as PID 1 of a private PID and mount namespace, to drive
the shipped unit with systemctl and read its journal as a server would.

It boots an empty target, never the host's: no enabled service starts, and the units that would
change the shared machine are masked (tmpfiles would empty /tmp and /var/tmp, sysusers would edit
/etc/passwd, sysctl and modules-load touch the shared kernel, timers run apt). /run is a tmpfs of
its own; units go in /run/systemd/system there. The file systems and the network are the host's,
except with `Sandbox(overlay=True)`: then /etc, /usr and /var are overlays whose writes go to a
tmpfs of the namespace's own, and /srv is an empty tmpfs, so `dpkg -i`, `dpkg --purge`,
`userdel` and the package's /srv/property-inbox happen in a root that vanishes with the sandbox
(the host's dpkg database, accounts and other tests' files stay as they were). /tmp stays
shared: tests pass files through it.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

MASKED = """systemd-tmpfiles-setup.service systemd-tmpfiles-setup-dev.service systemd-tmpfiles-clean.service
systemd-tmpfiles-clean.timer systemd-sysusers.service systemd-sysctl.service systemd-modules-load.service
systemd-remount-fs.service systemd-udevd.service systemd-udev-trigger.service systemd-random-seed.service
systemd-machine-id-commit.service systemd-firstboot.service systemd-update-utmp.service
systemd-journal-flush.service systemd-binfmt.service proc-sys-fs-binfmt_misc.automount tmp.mount
timers.target paths.target getty.target console-getty.service apt-daily.timer apt-daily-upgrade.timer""".split()
SYSTEMD = "/lib/systemd/systemd"
COMMAND = f"{SYSTEMD} --system --log-target=console --unit=sandbox.target"
OVERLAID = ["/etc", "/usr", "/var"]


def available() -> bool:
    return Path(SYSTEMD).exists() and shutil.which("unshare") is not None and shutil.which("nsenter") is not None


class Sandbox:
    """`start()` boots it, `run(...)` runs a command inside, `stop()` powers it off."""

    def __init__(self, overlay: bool = False):
        self.overlay = overlay
        self.pid: int | None = None
        self.log = Path(tempfile.mkstemp(prefix="systemd-sandbox-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30):
        boot = ["set -e"]
        if self.overlay:
            # /mnt: a tmpfs of this namespace holds each overlay's writes (mounts here are private).
            boot.append("mount -t tmpfs -o mode=700 none /mnt")
            for directory in OVERLAID:
                name = directory.strip("/")
                boot += [f"mkdir -p /mnt/{name}.upper /mnt/{name}.work {directory}",
                         f"mount -t overlay overlay -o lowerdir={directory},upperdir=/mnt/{name}.upper,"
                         f"workdir=/mnt/{name}.work {directory}"]
            # /srv starts empty: other tests on the host create and delete /srv/property-inbox,
            # and a lower layer that changes under an overlay is undefined behaviour.
            boot.append("mount -t tmpfs -o mode=755 none /srv")
        boot += ["mount -t tmpfs -o mode=755 none /run", "mkdir -p -m 1777 /run/lock", "mkdir -p /run/systemd/system"]
        boot += [f"ln -s /dev/null /run/systemd/system/{unit}" for unit in MASKED]
        boot += ['printf "[Unit]\\nDescription=systemd-sandbox\\n" > /run/systemd/system/sandbox.target',
                 "umount -l /sys/fs/cgroup 2>/dev/null || true; mount -t cgroup2 none /sys/fs/cgroup",
                 f"exec {COMMAND}"]
        self.process = subprocess.Popen(["setsid", "unshare", "--pid", "--fork", "--mount", "--mount-proc", "bash", "-c",
                                         "\n".join(boot)], stdout=self.log.open("w"), stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self._own_systemd()
            if found:
                self.pid = found
                state = self.run("systemctl", "is-system-running", check=False).stdout.strip()
                if state in ("running", "degraded"):
                    return self
            time.sleep(0.2)
        raise RuntimeError(f"systemd did not come up in the sandbox: {self.log.read_text()[-2000:]}")

    def _own_systemd(self) -> int | None:
        """This sandbox's systemd: the child of our `unshare --fork` (setsid execs it in place).
        Not `pgrep -n`: other tests on the machine boot sandboxes too, and the newest one may be
        theirs (a test then drove another's systemd, and left its own running)."""
        assert self.process is not None
        found = subprocess.run(["pgrep", "-P", str(self.process.pid)], capture_output=True, text=True).stdout.split()
        for child in found:
            try:
                command = Path(f"/proc/{child}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
            except OSError:
                continue
            if command.startswith(COMMAND):
                return int(child)
        return None

    def run(self, *argv: str, check: bool = True, timeout: float = 60) -> subprocess.CompletedProcess:
        assert self.pid is not None, "the sandbox is not running"
        return subprocess.run(["nsenter", "-t", str(self.pid), "-m", "-p", *argv], capture_output=True, text=True,
                              check=check, timeout=timeout)

    def install_unit(self, source: Path, name: str | None = None, dropin: str | None = None):
        name = name or source.name
        self.run("cp", str(source), f"/run/systemd/system/{name}")
        if dropin:
            directory = f"/run/systemd/system/{name}.d"
            self.run("mkdir", "-p", directory)
            local = Path(tempfile.mkstemp(suffix=".conf")[1])
            local.write_text(dropin)
            self.run("cp", str(local), f"{directory}/test.conf")
            local.unlink()
        self.run("systemctl", "daemon-reload")

    def sh(self, script: str, check: bool = True, timeout: float = 120) -> subprocess.CompletedProcess:
        return self.run("sh", "-c", script, check=check, timeout=timeout)

    def exists(self, path: str) -> bool:
        return self.run("test", "-e", path, check=False).returncode == 0

    def read(self, path: str) -> str:
        return self.run("cat", path).stdout

    def write(self, path: str, text: str, mode: str = "0644", owner: str = "root:root"):
        """A file inside the sandbox's root (which the host may not see, with overlay=True)."""
        local = Path(tempfile.mkstemp(prefix="sandbox-file-")[1])
        local.write_text(text)
        local.chmod(0o644)
        try:
            self.run("install", "-m", mode, "-o", owner.split(":")[0], "-g", owner.split(":")[1], str(local), path)
        finally:
            local.unlink()

    def wait_for(self, predicate, timeout: float, what: str):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            value = predicate()
            if value:
                return value
            time.sleep(0.3)
        raise AssertionError(f"timed out after {timeout} s waiting for {what}")

    def state(self, unit: str) -> str:
        """ActiveState/SubState, e.g. "active/running"."""
        out = self.run("systemctl", "show", "-p", "ActiveState", "-p", "SubState", unit).stdout
        values = dict(line.split("=", 1) for line in out.splitlines() if "=" in line)
        return f"{values.get('ActiveState')}/{values.get('SubState')}"

    def main_pid(self, unit: str) -> int:
        return int(self.run("systemctl", "show", "-p", "MainPID", "--value", unit).stdout.strip() or 0)

    def journal(self, *match: str) -> list[str]:
        """The journal's messages (no metadata) for the matches, e.g. `_PID=123`."""
        return self.run("journalctl", "--no-pager", "-o", "cat", *match).stdout.splitlines()

    def stop(self):
        if self.pid is not None:
            self.run("systemctl", "poweroff", "-ff", check=False)
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and subprocess.run(["kill", "-0", str(self.pid)],
                                                                 capture_output=True).returncode == 0:
                time.sleep(0.2)
            subprocess.run(["kill", "-9", str(self.pid)], capture_output=True)
            self.pid = None
        if self.process:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.unlink(missing_ok=True)
