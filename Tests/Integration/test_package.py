"""The Debian package, installed as an administrator would (`dpkg -i`) on a root where a real
systemd 252 runs (systemd_sandbox.py with overlay=True: the host's dpkg database, accounts and
/srv are untouched; the accounts and the default inbox are removed there first, so the package
makes them itself). Then: what a server needs is in it, the binary runs with the Swift toolchain
hidden, the installed CLI finds the packaged config, state directory and secrets.env, and the
maintainer scripts do what debhelper's would: the service is enabled and started on install and
publishes a folder, restarted on upgrade, stopped on remove, and purge leaves nothing of ours.
lintian finds no errors.
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

import pi_harness as h
import systemd_sandbox

SWIFT_ROOT = "/opt/swift"
UNIT = "property-inbox.service"
INBOX = "/srv/property-inbox/inbox"
SMB_INCLUDE = "include = /etc/samba/property-inbox-share.conf"
# Paths a dpkg run or the journal may add whoever installs what; anything else new after the
# purge is something of ours left behind.
CHURN = ("/var/lib/dpkg/", "/var/log/", "/var/cache/", "/var/tmp/systemd-private-", "/etc/passwd-", "/etc/group-",
         "/etc/shadow-", "/etc/gshadow-", "/etc/.pwd.lock", "/etc/subuid-", "/etc/subgid-", "/var/lib/systemd/catalog",
         "/var/lib/systemd/deb-systemd-helper-masked", "/var/lib/systemd/deb-systemd-helper-enabled",
         "/etc/ld.so.cache", "/var/lib/systemd/timers")


_built: list[Path] = []


def deb_path() -> Path:
    """$PROPERTY_INBOX_DEB, else `make deb` from this checkout, once per test run (an incremental
    release build): a package left in .build/deb by an older checkout would test old files."""
    if os.environ.get("PROPERTY_INBOX_DEB"):
        return Path(os.environ["PROPERTY_INBOX_DEB"])
    if not _built:
        subprocess.run(["make", "--no-print-directory", "deb"], cwd=h.REPO, check=True, timeout=3600)
        found = sorted(glob.glob(str(h.REPO / ".build" / "deb" / "property-inbox_*.deb")), key=os.path.getmtime)
        _built.append(Path(found[-1]))
    return _built[0]


def files(box) -> set[str]:
    """Every path in the overlaid root, but the tree other integration tests use on the host."""
    out = box.sh(f"find /etc /usr /var /srv -xdev -path {h.TEST_BASE} -prune -o -print 2>/dev/null || true",
                 timeout=300).stdout
    return set(out.splitlines())


@pytest.fixture(scope="module")
def staging():
    path = Path(tempfile.mkdtemp(prefix="pi-package-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def box(as_root, staging):
    if not systemd_sandbox.available():
        pytest.skip("systemd, unshare and nsenter are needed")
    sandbox = systemd_sandbox.Sandbox(overlay=True).start()
    try:
        # A clean server: no accounts or directories of ours, and no policy-rc.d (a container's
        # "never start services" switch, which a server does not have).
        # The host's test accounts go too: every user whose primary group is agents.
        # Another test on the host may have the package installed at this moment (its files are
        # then in the lower layer): purge it here, and remove what a by-hand install leaves.
        sandbox.sh("dpkg --purge property-inbox >/dev/null 2>&1 || true;"
                   " rm -rf /etc/property-inbox /etc/samba/property-inbox-share.conf /usr/bin/property-inbox*"
                   " /usr/lib/systemd/system/property-inbox* /etc/systemd/system/property-inbox*"
                   " /etc/systemd/system/*/property-inbox* /usr/lib/sysusers.d/property-inbox.conf"
                   " /usr/lib/tmpfiles.d/property-inbox.conf /usr/share/doc/property-inbox /usr/share/property-inbox"
                   " /var/lib/systemd/deb-systemd-helper-*/property-inbox* /var/lib/systemd/deb-systemd-helper-*/*/property-inbox*"
                   " /var/backups/property-inbox")
        sandbox.sh("rm -f /usr/sbin/policy-rc.d; rm -rf /var/lib/property-inbox /srv/property-inbox /var/tmp/*;"
                   f" gid=$(getent group {h.AGENTS_GROUP} | cut -d: -f3);"
                   " for u in $(awk -F: -v g=\"$gid\" 'g != \"\" && $4 == g { print $1 }' /etc/passwd)"
                   f" {h.SERVICE_USER}; do userdel $u 2>/dev/null || true; done;"
                   f" for g in {h.AGENTS_GROUP} {h.SERVICE_USER}; do groupdel $g 2>/dev/null || true; done")
        assert sandbox.run("getent", "group", h.AGENTS_GROUP, check=False).returncode != 0
        sandbox.before = files(sandbox)
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture(scope="module")
def installed(box, staging):
    deb = staging / "property-inbox.deb"
    shutil.copyfile(deb_path(), deb)
    install = box.run("dpkg", "-i", str(deb), check=False, timeout=300)
    assert install.returncode == 0, f"dpkg -i {deb}:\n{install.stdout}\n{install.stderr}"
    return "/usr/bin/property-inbox"


def status(box) -> str:
    return box.run("systemctl", "status", "--no-pager", "-n", "30", UNIT, check=False).stdout


def without_toolchain(box, argv: list[str]) -> subprocess.CompletedProcess:
    """argv inside the sandbox with /opt/swift hidden behind an empty tmpfs (one more mount namespace)."""
    script = f"mount -t tmpfs none {SWIFT_ROOT} && exec \"$@\""
    return box.run("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", *argv,
                   check=False, timeout=300)


def test_lintian_finds_no_errors():
    if shutil.which("lintian") is None:
        pytest.skip("lintian is not installed (make integration-deps installs it)")
    run = subprocess.run(["lintian", "--fail-on", "error", str(deb_path())], capture_output=True, text=True, timeout=900)
    assert run.returncode == 0 and "\nE: " not in "\n" + run.stdout, run.stdout + run.stderr


def test_the_package_holds_what_a_server_needs(box, installed):
    listed = box.run("dpkg", "-L", "property-inbox").stdout.split()
    for path in ["/usr/bin/property-inbox", "/usr/bin/property-inbox-site-sync",
                 "/usr/lib/systemd/system/property-inbox.service", "/usr/lib/systemd/system/property-inbox-backup.service",
                 "/usr/lib/systemd/system/property-inbox-backup.timer", "/etc/property-inbox/property-inbox.toml",
                 "/usr/lib/sysusers.d/property-inbox.conf", "/usr/lib/tmpfiles.d/property-inbox.conf",
                 "/usr/share/man/man1/property-inbox.1.gz", "/usr/share/man/man1/property-inbox-site-sync.1.gz",
                 "/usr/share/bash-completion/completions/property-inbox", "/usr/share/property-inbox/result.schema.json",
                 "/usr/share/doc/property-inbox/README.md", "/usr/share/doc/property-inbox/ARCHITECTURE.md",
                 "/usr/share/doc/property-inbox/RELIABILITY.md", "/usr/share/doc/property-inbox/WEBSITE.md",
                 "/usr/share/doc/property-inbox/changelog.gz", "/usr/share/doc/property-inbox/copyright"]:
        assert path in listed, f"{path} is not in the package"
    unit = box.read("/usr/lib/systemd/system/property-inbox.service")
    assert "ExecStart=/usr/bin/property-inbox watch" in unit and "ReadWritePaths=-/srv/property-inbox/inbox" in unit
    verify = box.run("systemd-analyze", "verify", "/usr/lib/systemd/system/property-inbox.service", check=False)
    assert "is not executable" not in verify.stderr, verify.stderr
    # The accounts (the service user in the agents group) and the private secrets file.
    assert h.AGENTS_GROUP in box.run("id", "-nG", h.SERVICE_USER).stdout.split()
    assert box.run("stat", "-c", "%a %U", "/etc/property-inbox/secrets.env").stdout.split() == ["600", h.SERVICE_USER]
    # The default inbox: owner, group, setgid, and default ACLs that keep uploads group-writable.
    assert box.run("stat", "-c", "%a %U %G", INBOX).stdout.split() == ["2775", h.SERVICE_USER, h.AGENTS_GROUP]
    acl = box.run("python3", "-c", f"import os; print(len(os.getxattr({INBOX!r}, 'system.posix_acl_default')))",
                  check=False)
    assert acl.returncode == 0 and int(acl.stdout) > 0, f"no default ACL on {INBOX}: {acl.stderr}"
    # The man page: the configuration keys, the environment and the files.
    man = box.sh("zcat /usr/share/man/man1/property-inbox.1.gz").stdout
    for section in (".Sh CONFIGURATION", ".Sh ENVIRONMENT", ".Sh FILES"):
        assert section in man
    for key in ("inbox", "settle_seconds", "description_languages", "draft_markers", "debounce_seconds", "listen",
                "text_models", "daily_usd", "OPENROUTER_API_KEY", "PROPERTY_INBOX_HOOK_SECRET", "secrets.env"):
        assert key in man, f"{key} is not in the man page"
    # Installed means enabled and started (deb-systemd-helper / deb-systemd-invoke).
    assert box.run("systemctl", "is-enabled", UNIT, check=False).stdout.strip() == "enabled"
    assert box.run("systemctl", "is-enabled", "property-inbox-backup.timer", check=False).stdout.strip() == "enabled"
    assert box.run("systemctl", "is-active", "property-inbox-backup.timer", check=False).stdout.strip() == "active"
    assert box.run("stat", "-c", "%a %U", "/var/backups/property-inbox").stdout.split() == ["750", h.SERVICE_USER]
    box.wait_for(lambda: box.state(UNIT) == "active/running", 60, "the service started by postinst\n" + status(box))


def test_no_toolchain_path_is_linked(box, installed):
    ldd = box.run("ldd", installed).stdout
    assert SWIFT_ROOT not in ldd and "libswift" not in ldd, ldd


def test_the_installed_binary_processes_an_example_without_a_toolchain(box, installed, staging):
    hidden = without_toolchain(box, ["ls", "-A", SWIFT_ROOT])
    assert hidden.returncode == 0 and hidden.stdout.strip() == "", "the toolchain was not hidden"
    version = without_toolchain(box, [installed, "--version"])
    assert version.returncode == 0 and version.stdout.strip(), version.stderr
    inbox = staging / "by-hand"
    shutil.copytree(h.EXAMPLES / "villa-rawai-12", inbox / "villa-rawai-12")
    run = without_toolchain(box, [installed, "process", str(inbox / "villa-rawai-12"),
                                  "--state-dir", str(staging / "by-hand-state"), "--offline"])
    assert run.returncode == 0, f"exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    result = json.loads((inbox / "villa-rawai-12" / "result.json").read_text())
    assert result["property_id"] == "villa-rawai-12" and len(result["photos"]) == 3


def test_the_installed_cli_finds_the_packaged_config_state_and_secrets(box, installed):
    """`property-inbox doctor` and `status` typed by root, with no flags, see what the service sees."""
    key = "sk-or-v1-packagetest-not-a-real-key"
    box.write("/etc/property-inbox/secrets.env",
              f"OPENROUTER_API_KEY={key}\nOPENROUTER_BASE_URL=http://127.0.0.1:9/api/v1\n",
              mode="0600", owner=f"{h.SERVICE_USER}:{h.SERVICE_USER}")
    try:
        doctor = without_toolchain(box, [installed, "doctor"])
        out = doctor.stdout + doctor.stderr
        assert "key set" in out and "127.0.0.1:9" in out, out  # both values came from secrets.env
        assert key not in out
        assert INBOX in out or "inbox" in out, out  # [watch] inbox from the packaged config
        report = json.loads(without_toolchain(box, [installed, "status", "--json"]).stdout)
        assert report["state_directory"] == "/var/lib/property-inbox", report
    finally:
        box.write("/etc/property-inbox/secrets.env", "", mode="0600", owner=f"{h.SERVICE_USER}:{h.SERVICE_USER}")


def test_publish_upgrade_remove_and_purge(box, installed, staging):
    box.wait_for(lambda: box.state(UNIT) == "active/running", 60, "the service running\n" + status(box))
    # A folder uploaded into the package's inbox is published by the packaged service.
    upload = staging / "villa-packaged"
    shutil.copytree(h.EXAMPLES / "villa-rawai-12", upload)
    (upload / "READY").touch()
    folder = f"{INBOX}/villa-packaged"
    box.run("cp", "-r", str(upload), folder)
    box.run("chown", "-R", f"{h.SERVICE_USER}:{h.AGENTS_GROUP}", folder)
    box.wait_for(lambda: box.exists(f"{folder}/result.json"), 120, f"{folder}/result.json\n{status(box)}")
    # The release binary (libdispatch linked statically) logs nothing but its own lines (#27).
    uid = box.run("id", "-u", h.SERVICE_USER).stdout.strip()
    foreign = [line for line in box.journal("-u", UNIT, f"_UID={uid}") if not line.startswith("property-inbox: ")]
    assert foreign == [], foreign

    # Upgrade (the same package as a newer version): postinst restarts the service.
    pid = box.main_pid(UNIT)
    unpacked = staging / "upgrade"
    subprocess.run(["dpkg-deb", "-R", str(staging / "property-inbox.deb"), str(unpacked)], check=True)
    control = unpacked / "DEBIAN" / "control"
    version = next(line.split(": ", 1)[1] for line in control.read_text().splitlines() if line.startswith("Version: "))
    control.write_text(control.read_text().replace(f"Version: {version}", f"Version: {version}+upgrade1"))
    subprocess.run(["dpkg-deb", "--root-owner-group", "-b", str(unpacked), str(staging / "upgrade.deb")],
                   check=True, capture_output=True)
    upgrade = box.run("dpkg", "-i", str(staging / "upgrade.deb"), check=False, timeout=300)
    assert upgrade.returncode == 0, upgrade.stdout + upgrade.stderr
    box.wait_for(lambda: box.state(UNIT) == "active/running" and box.main_pid(UNIT) not in (0, pid), 60,
                 "a restart on upgrade\n" + status(box))

    # Remove: the service stops; state, config and accounts stay.
    remove = box.run("dpkg", "-r", "property-inbox", check=False, timeout=300)
    assert remove.returncode == 0, remove.stdout + remove.stderr
    assert box.state(UNIT) in ("inactive/dead", "failed/failed") and box.main_pid(UNIT) == 0, status(box)
    assert not box.exists("/usr/bin/property-inbox")
    assert box.exists("/var/lib/property-inbox/state.sqlite") and box.exists("/etc/property-inbox/property-inbox.toml")

    # Purge, after the administrator took the listing away and had added our Samba share.
    box.run("rm", "-rf", folder)
    box.sh(f"mkdir -p /etc/samba && echo '{SMB_INCLUDE}' >> /etc/samba/smb.conf")
    purge = box.run("dpkg", "--purge", "property-inbox", check=False, timeout=300)
    assert purge.returncode == 0, purge.stdout + purge.stderr
    assert box.run("getent", "passwd", h.SERVICE_USER, check=False).returncode != 0
    for group in (h.SERVICE_USER, h.AGENTS_GROUP):
        assert box.run("getent", "group", group, check=False).returncode != 0, f"group {group} is left"
    assert SMB_INCLUDE not in box.read("/etc/samba/smb.conf")
    left = sorted(path for path in files(box) - box.before if not path.startswith(CHURN))
    assert left == [], f"left after the purge: {left}"
    ours = sorted(path for path in files(box) if "property-inbox" in path)  # the timer's stamp too
    assert ours == [], f"left after the purge: {ours}"
