"""The Debian package, installed as an operator would (`dpkg -i`), then run where no Swift
toolchain is visible: a mount namespace puts an empty tmpfs over /opt/swift, so a binary that
still needed libswiftCore.so (or a resource bundle from the build tree) would fail here.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import pi_harness as h

SWIFT_ROOT = "/opt/swift"


def deb_path() -> Path:
    """$PROPERTY_INBOX_DEB, else the newest .build/deb/*.deb (`make deb` builds it; built here if missing)."""
    if os.environ.get("PROPERTY_INBOX_DEB"):
        return Path(os.environ["PROPERTY_INBOX_DEB"])
    found = sorted(glob.glob(str(h.REPO / ".build" / "deb" / "property-inbox_*.deb")), key=os.path.getmtime)
    if not found:
        subprocess.run(["make", "--no-print-directory", "deb"], cwd=h.REPO, check=True, timeout=3600)
        found = sorted(glob.glob(str(h.REPO / ".build" / "deb" / "property-inbox_*.deb")), key=os.path.getmtime)
    return Path(found[-1])


def without_toolchain(argv: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Runs argv with /opt/swift hidden behind an empty tmpfs (a private mount namespace)."""
    script = f"mount -t tmpfs none {SWIFT_ROOT} && exec \"$@\""
    return subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *argv],
                          capture_output=True, text=True, timeout=300, **kwargs)


@pytest.fixture(scope="module")
def installed(as_root):
    deb = deb_path()
    subprocess.run(["dpkg", "--purge", "property-inbox"], capture_output=True)
    install = subprocess.run(["dpkg", "-i", str(deb)], capture_output=True, text=True, timeout=300)
    assert install.returncode == 0, f"dpkg -i {deb}:\n{install.stdout}\n{install.stderr}"
    yield Path("/usr/bin/property-inbox")
    subprocess.run(["dpkg", "--purge", "property-inbox"], capture_output=True, timeout=300)


def test_the_package_holds_what_a_server_needs(installed):
    files = subprocess.run(["dpkg", "-L", "property-inbox"], capture_output=True, text=True, check=True).stdout.split()
    for path in ["/usr/bin/property-inbox", "/usr/lib/systemd/system/property-inbox.service",
                 "/etc/property-inbox/property-inbox.toml", "/usr/lib/sysusers.d/property-inbox.conf",
                 "/usr/lib/tmpfiles.d/property-inbox.conf", "/usr/share/man/man1/property-inbox.1.gz",
                 "/usr/share/bash-completion/completions/property-inbox"]:
        assert path in files, f"{path} is not in the package"
    unit = Path("/usr/lib/systemd/system/property-inbox.service").read_text()
    assert "ExecStart=/usr/bin/property-inbox watch" in unit
    verify = subprocess.run(["systemd-analyze", "verify", "/usr/lib/systemd/system/property-inbox.service"],
                            capture_output=True, text=True)
    assert "is not executable" not in verify.stderr, verify.stderr
    # postinst: the service user (in the agents group) and its private secrets file exist.
    groups = subprocess.run(["id", "-nG", "property-inbox"], capture_output=True, text=True, check=True).stdout.split()
    assert "agents" in groups
    secrets = os.stat("/etc/property-inbox/secrets.env")
    assert secrets.st_mode & 0o077 == 0
    man = subprocess.run(["sh", "-c", "zcat /usr/share/man/man1/property-inbox.1.gz | head -20"], capture_output=True, text=True)
    assert "property-inbox" in man.stdout


def test_no_toolchain_path_is_linked(installed):
    ldd = subprocess.run(["ldd", str(installed)], capture_output=True, text=True, check=True).stdout
    assert SWIFT_ROOT not in ldd and "libswift" not in ldd, ldd


def test_the_installed_binary_processes_an_example_without_a_toolchain(installed, tmp_path):
    hidden = without_toolchain(["ls", "-A", SWIFT_ROOT])
    assert hidden.returncode == 0 and hidden.stdout.strip() == "", "the toolchain was not hidden"
    version = without_toolchain([str(installed), "--version"])
    assert version.returncode == 0 and version.stdout.strip(), version.stderr
    inbox = tmp_path / "inbox"
    shutil.copytree(h.EXAMPLES / "villa-rawai-12", inbox / "villa-rawai-12")
    run = without_toolchain([str(installed), "process", str(inbox / "villa-rawai-12"),
                             "--state-dir", str(tmp_path / "state"), "--offline"])
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    result = json.loads((inbox / "villa-rawai-12" / "result.json").read_text())
    assert result["property_id"] == "villa-rawai-12" and len(result["photos"]) == 3
    doctor = without_toolchain([str(installed), "doctor", "--offline", "--state-dir", str(tmp_path / "state"),
                                "--config", "/etc/property-inbox/property-inbox.toml"])
    # doctor may warn about this machine (inotify limits, permissions); it must run and report.
    assert doctor.returncode in (0, 1) and "provider" in doctor.stdout, doctor.stdout + doctor.stderr
