"""Fixtures for the integration suite: the built CLI, the deployment's accounts and directories,
a real sshd and smbd configured from etc/ (templated with test paths and ports), and the daemon.

Every process started here is stopped at teardown; every wait is time-bounded.
"""
from __future__ import annotations

import os
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import pi_harness as h  # noqa: E402


def pytest_report_header(config):
    return f"property-inbox integration: binary {os.environ.get('PROPERTY_INBOX_BIN') or '.build/debug/property-inbox'}"


@pytest.fixture(scope="session")
def cli() -> Path:
    return h.binary("debug")


@pytest.fixture(scope="session")
def watch_cli(cli) -> Path:
    if not h.has_watch(cli):
        pytest.fail(f"{cli} has no `watch` command (issue 3): build the daemon first")
    return cli


@pytest.fixture(scope="session")
def as_root():
    if not h.is_root():
        pytest.skip("needs root: sshd's ChrootDirectory, useradd, smbd and sysctl (the suite runs as root in CI)")


@pytest.fixture(scope="session")
def accounts(as_root):
    h.ensure_accounts()


@pytest.fixture
def daemons():
    """Collects every Daemon a test starts and kills any still running at teardown."""
    started: list[h.Daemon] = []
    yield started
    for daemon in started:
        daemon.cleanup()


@pytest.fixture
def base(as_root, request):
    path = h.make_base(request.node.name[:40].replace("[", "-").replace("]", "") + "-")
    yield path
    if os.environ.get("PROPERTY_INBOX_IT_KEEP") != "1":
        shutil.rmtree(path, ignore_errors=True)
    else:
        print(f"kept {path}")


# ---------------------------------------------------------------------------------------------
# The deployment: chroot + inbox + state dir, laid out as etc/ says


class Deployment:
    """`/srv/property-inbox` (chroot, root 0755) → `inbox/` (property-inbox:agents 2775), and a
    state dir owned by the service user — the layout the systemd unit and sshd snippet assume."""

    def __init__(self, base: Path):
        self.base = base
        self.chroot = base / "chroot"
        self.inbox = self.chroot / "inbox"
        self.state = base / "state"
        self.etc = base / "etc"
        self.logs = base / "logs"
        for d in (self.chroot, self.inbox, self.state, self.etc, self.logs):
            d.mkdir(parents=True, exist_ok=True)
        h.chown(self.chroot, "root", "root", 0o755)
        h.chown(self.inbox, h.SERVICE_USER, h.AGENTS_GROUP, 0o2775)
        h.chown(self.state, h.SERVICE_USER, h.SERVICE_USER, 0o750)

    def service_daemon(self, cli: Path, settle: float = 3) -> h.Daemon:
        """The daemon exactly as etc/systemd/property-inbox.service starts it: its ExecStart (paths
        templated), as its User=/Group=/SupplementaryGroups=, with its UMask= and Environment(File)=."""
        cli = self.executable_by_service_user(cli)
        unit = self.etc / "property-inbox.service"
        config = self.etc / "property-inbox.toml"
        secrets = self.etc / "secrets.env"
        h.render(h.ETC / "property-inbox.toml", config,
                 {'inbox = "/srv/property-inbox/inbox"': f'inbox = "{self.inbox}"'})
        h.render(h.ETC / "systemd" / "property-inbox.service", unit, {
            "/usr/local/bin/property-inbox": str(cli),
            "/srv/property-inbox/inbox": str(self.inbox),
            "/var/lib/property-inbox": str(self.state),
            "/etc/property-inbox/property-inbox.toml": str(config),
            "/etc/property-inbox/secrets.env": str(secrets),
        })
        # The EnvironmentFile: readable by the service user only, like the real one.
        secrets.write_text(f"PROPERTY_INBOX_SETTLE_SECONDS={settle}\nPROPERTY_INBOX_OFFLINE=1\n"
                           "PROPERTY_INBOX_LOG_LEVEL=debug\n")
        h.chown(secrets, h.SERVICE_USER, h.SERVICE_USER, 0o600)
        service = parse_unit(unit)["Service"]
        env = {}
        for assignment in service.get("Environment", []):
            for item in shlex.split(assignment):
                key, _, value = item.partition("=")
                env[key] = value
        for path in service.get("EnvironmentFile", []):
            path = path.lstrip("-")
            for line in Path(path).read_text().splitlines():
                if line.strip() and not line.startswith("#"):
                    key, _, value = line.partition("=")
                    env[key.strip()] = value.strip()
        for key in ("OPENROUTER_API_KEY", "OPENAI_API_KEY"):
            env.setdefault(key, "")
        umask = int(service["UMask"][-1], 8)
        user, group = service["User"][-1], service["Group"][-1]
        groups = ",".join(" ".join(service.get("SupplementaryGroups", [])).split())
        argv = ["setpriv", f"--reuid={user}", f"--regid={group}", f"--groups={groups}", "--no-new-privs", "--"]
        argv += shlex.split(service["ExecStart"][-1])
        return h.Daemon(argv, self.logs / "daemon.log", env=env, preexec=lambda: os.umask(umask))


    def executable_by_service_user(self, cli: Path) -> Path:
        """The build tree may sit where the service user cannot reach (a 0700 checkout), or under
        /tmp, which the shipped unit's PrivateTmp= hides (a checkout in /tmp failed to start there
        with an empty journal); then run a copy of the binary and its resource bundles from the
        deployment's root-owned tree."""
        probe = subprocess.run(["setpriv", f"--reuid={h.SERVICE_USER}", f"--regid={h.SERVICE_USER}", "--clear-groups",
                                "--", "test", "-x", str(cli)], timeout=30)
        if probe.returncode == 0 and not str(cli.resolve()).startswith(("/tmp/", "/var/tmp/")):
            return cli
        bin_dir = self.base / "bin"
        bin_dir.mkdir(mode=0o755, exist_ok=True)
        shutil.copy2(cli, bin_dir / cli.name)
        for bundle in cli.parent.glob("*.resources"):
            shutil.copytree(bundle, bin_dir / bundle.name, dirs_exist_ok=True)
        return bin_dir / cli.name


def parse_unit(path: Path) -> dict[str, dict[str, list[str]]]:
    sections: dict[str, dict[str, list[str]]] = {}
    current = None
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, _, value = line.partition("=")
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


@pytest.fixture
def deployment(accounts, base) -> Deployment:
    return Deployment(base)


# ---------------------------------------------------------------------------------------------
# sshd with etc/sshd/property-inbox-sftp.conf


class SSHServer:
    def __init__(self, deployment: Deployment):
        self.dir = deployment.base / "sshd"
        self.dir.mkdir(mode=0o755)
        self.port = h.free_port()
        self.user = h.AGENT_USER
        self.key = self.dir / "agent_key"
        keys = self.dir / "authorized_keys"
        keys.mkdir(mode=0o755)
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.dir / "ssh_host_ed25519_key")])
        run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(self.key)])
        shutil.copyfile(f"{self.key}.pub", keys / self.user)
        os.chmod(keys / self.user, 0o644)
        snippet = self.dir / "property-inbox-sftp.conf"
        h.render(h.ETC / "sshd" / "property-inbox-sftp.conf", snippet,
                 {"ChrootDirectory /srv/property-inbox": f"ChrootDirectory {deployment.chroot}"})
        # The main config mirrors Debian's: the drop-in directory is included at the top.
        self.config = self.dir / "sshd_config"
        self.config.write_text(f"""Include {snippet}
Port {self.port}
ListenAddress 127.0.0.1
HostKey {self.dir / 'ssh_host_ed25519_key'}
PidFile {self.dir / 'sshd.pid'}
AuthorizedKeysFile {keys}/%u
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
Subsystem sftp internal-sftp
LogLevel VERBOSE
""")
        self.log_path = deployment.logs / "sshd.log"
        self.proc = None

    def start(self):
        Path("/run/sshd").mkdir(mode=0o755, exist_ok=True)  # privilege separation directory
        check = subprocess.run([shutil.which("sshd") or "/usr/sbin/sshd", "-t", "-f", str(self.config)],
                               capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"sshd -t rejected the config:\n{check.stderr}"
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([shutil.which("sshd") or "/usr/sbin/sshd", "-D", "-e", "-f", str(self.config)],
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        h.wait_for_port(self.port, 20, f"sshd on 127.0.0.1:{self.port}")

    def client_options(self) -> list[str]:
        return ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes", "-o", "LogLevel=ERROR", "-i", str(self.key)]

    def sftp(self, commands: str, limit_kbit: int | None = None, cwd: Path | None = None, timeout: float = 120,
             check: bool = True) -> subprocess.CompletedProcess:
        argv = ["sftp", "-P", str(self.port), *self.client_options(), "-b", "-"]
        if limit_kbit:
            # 32 KiB requests, as most SFTP clients send. OpenSSH >= 8.7 otherwise sends up to
            # 255 KiB per request (the server's limits@openssh.com), so on a slow link the file on
            # disk would not change for seconds at a time — longer than a short settle window.
            argv += ["-l", str(limit_kbit), "-B", "32768"]
        proc = subprocess.run(argv + [f"{self.user}@127.0.0.1"], input=commands, capture_output=True, text=True,
                              cwd=cwd, timeout=timeout)
        if check:
            assert proc.returncode == 0, f"sftp failed ({proc.returncode}):\n{commands}\n{proc.stdout}\n{proc.stderr}\n{self.log()}"
        return proc

    def ssh(self, *command: str, timeout: float = 30) -> subprocess.CompletedProcess:
        return subprocess.run(["ssh", "-p", str(self.port), *self.client_options(), f"{self.user}@127.0.0.1", *command],
                              capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self):
        stop_server(self.proc)


@pytest.fixture
def sshd(deployment):
    if not (shutil.which("sshd") or Path("/usr/sbin/sshd").exists()) or not shutil.which("sftp"):
        pytest.skip("openssh-server/openssh-client not installed (make integration-test installs them)")
    server = SSHServer(deployment)
    server.start()
    probe = server.sftp("pwd\n", check=False)
    if probe.returncode != 0 and "chroot" in server.log() and "not permitted" in server.log():
        server.stop()
        pytest.skip(f"this sandbox forbids chroot(2), which ChrootDirectory needs: {server.log()[-300:]}")
    yield server
    server.stop()


# ---------------------------------------------------------------------------------------------
# smbd with etc/samba/global.conf.example and an include of etc/samba/property-inbox-share.conf


class SMBServer:
    def __init__(self, deployment: Deployment):
        self.dir = deployment.base / "samba"
        self.dir.mkdir(mode=0o755)
        self.port = h.free_port()
        dirs = {name: self.dir / name for name in ("private", "lock", "state", "cache", "pid", "ncalrpc")}
        for d in dirs.values():
            d.mkdir(mode=0o755)
        os.chmod(dirs["private"], 0o700)
        self.config = self.dir / "smb.conf"
        test_globals = "".join(f"\n    {key} = {value}" for key, value in {
            "interfaces": "127.0.0.1", "bind interfaces only": "yes",
            "private dir": dirs["private"], "lock directory": dirs["lock"], "state directory": dirs["state"],
            "cache directory": dirs["cache"], "pid directory": dirs["pid"], "ncalrpc dir": dirs["ncalrpc"],
            "log file": deployment.logs / "smbd.log", "passdb backend": f"tdbsam:{dirs['private'] / 'passdb.tdb'}",
        }.items())
        # As an operator installs it: their [global] (here the recommended one, with the test's
        # port and directories) and one `include =` line for the shipped share file.
        share = self.dir / "property-inbox-share.conf"
        h.render(h.ETC / "samba" / "property-inbox-share.conf", share,
                 {"path = /srv/property-inbox/inbox": f"path = {deployment.inbox}"})
        h.render(h.ETC / "samba" / "global.conf.example", self.config, {"smb ports = 445": f"smb ports = {self.port}"},
                 insert_after={"\n[global]": test_globals})
        with open(self.config, "a") as config:
            config.write(f"\ninclude = {share}\n")
        self.log_path = deployment.logs / "smbd.stdout"
        self.proc = None

    def start(self):
        check = subprocess.run(["testparm", "-s", str(self.config)], capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, f"testparm rejected the config:\n{check.stderr}"
        for complaint in ("Unknown parameter", "found in service section", "Ignoring unknown"):
            assert complaint not in check.stderr, f"testparm: {check.stderr}"
        subprocess.run(["smbpasswd", "-c", str(self.config), "-s", "-a", h.AGENT_USER],
                       input=f"{h.AGENT_SMB_PASSWORD}\n{h.AGENT_SMB_PASSWORD}\n", text=True,
                       capture_output=True, timeout=30, check=True)
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen([shutil.which("smbd") or "/usr/sbin/smbd", "--foreground", "--no-process-group",
                                      "--debug-stdout", "-d", "1", "-s", str(self.config)],
                                     stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        log.close()
        h.wait_for_port(self.port, 30, f"smbd on 127.0.0.1:{self.port}")

    def smbclient(self, commands: str, cwd: Path | None = None, timeout: float = 60,
                  check: bool = True, port: int | None = None) -> subprocess.CompletedProcess:
        proc = subprocess.run(["smbclient", f"//127.0.0.1/inbox", "-p", str(port or self.port),
                               "-U", f"{h.AGENT_USER}%{h.AGENT_SMB_PASSWORD}", "-m", "SMB3", "-c", commands],
                              capture_output=True, text=True, cwd=cwd, timeout=timeout, stdin=subprocess.DEVNULL)
        if check:
            failed = proc.returncode != 0 or "NT_STATUS_" in proc.stdout + proc.stderr
            assert not failed, f"smbclient failed ({proc.returncode}):\n{commands}\n{proc.stdout}\n{proc.stderr}\n{self.log()}"
        return proc

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-3000:]

    def stop(self):
        stop_server(self.proc)


@pytest.fixture
def smbd(deployment):
    for tool in ("smbd", "smbclient", "testparm", "smbpasswd"):
        if not (shutil.which(tool) or Path(f"/usr/sbin/{tool}").exists()):
            pytest.skip(f"{tool} not installed (make integration-test installs samba and smbclient)")
    server = SMBServer(deployment)
    server.start()
    yield server
    server.stop()


def stop_server(proc: subprocess.Popen | None):
    """SIGTERM to a server's whole process group (sshd/smbd fork per connection), then SIGKILL."""
    if proc is None:
        return
    for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            break
        try:
            proc.wait(timeout=wait)
            break
        except subprocess.TimeoutExpired:
            continue


def run(argv: list[str], timeout: float = 60):
    subprocess.run(argv, check=True, timeout=timeout, capture_output=True)
