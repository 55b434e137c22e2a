"""Whatever mode the upload client gives a folder, the daemon writes its outputs — or says why not.

Real `sftp put -r` (through the shipped sshd snippet) and `smbclient mput` (through the shipped
share) of a local folder of mode 0755, processed by the daemon run as the unit runs it:
- with the shipped drop-in (etc/systemd/property-inbox.service.d/upload-modes.conf: CAP_FOWNER)
  the SFTP folder (created 0755 by the client's mkdir) gets group write and is processed; the
  Samba folder needs nothing (the share forces 2770);
- without it, the SFTP folder is reported: the agent's notice, the log, /healthz (503,
  "degraded"), the metric, and `doctor` run as the service user.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import urllib.error
import urllib.request
from pathlib import Path

import pi_harness as h
from conftest import parse_unit
from test_agent_notices import PHOTO, Receiver

DROP_IN = h.ETC / "systemd" / "property-inbox.service.d" / "upload-modes.conf"


def local_folder(base: Path, name: str) -> Path:
    """A property folder as it sits on an agent's laptop: 0755, files 0644."""
    folder = base / "laptop" / name
    folder.mkdir(parents=True)
    (folder / "description.txt").write_text("Condo for rent: 2 bedrooms, 1 bathroom, 65 sqm, pool, Sukhumvit, Bangkok. 25,000 THB/month.\n")
    shutil.copyfile(PHOTO, folder / PHOTO.name)
    (folder / "READY").write_text("")
    for path in (folder.parent, folder):
        os.chmod(path, 0o755)
    for path in folder.iterdir():
        os.chmod(path, 0o644)
    return folder


def upload_both(base: Path, sshd, smbd):
    local_folder(base, "condo-sftp")
    local_folder(base, "condo-smb")
    sshd.sftp("put -r condo-sftp\n", cwd=base / "laptop")
    smbd.smbclient("recurse ON; prompt OFF; mput condo-smb", cwd=base / "laptop")


def with_capabilities(daemon: h.Daemon, drop_in: Path) -> h.Daemon:
    """The drop-in's AmbientCapabilities=, applied as systemd would (setpriv, before --)."""
    caps = [c.lower().removeprefix("cap_") for c in parse_unit(drop_in)["Service"]["AmbientCapabilities"][-1].split()]
    at = daemon.argv.index("--")
    flags = [f"--inh-caps=+{','.join(caps)}", f"--ambient-caps=+{','.join(caps)}"]
    daemon.argv = daemon.argv[:at] + flags + daemon.argv[at:]
    return daemon


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_sftp_put_r_and_smbclient_mput_from_0755_are_processed_with_the_drop_in(watch_cli, deployment, sshd, smbd, daemons):
    upload_both(deployment.base, sshd, smbd)
    sftp_folder, smb_folder = deployment.inbox / "condo-sftp", deployment.inbox / "condo-smb"
    print(f"as uploaded: sftp {oct(mode(sftp_folder))}, smb {oct(mode(smb_folder))}")
    assert mode(sftp_folder) & 0o020 == 0, "the SFTP client's mode no longer reproduces the problem"

    daemon = with_capabilities(deployment.service_daemon(watch_cli, settle=1), DROP_IN)
    daemons.append(daemon)
    daemon.start()
    daemon.wait_for(lambda: h.all_published(deployment.state, ["condo-sftp", "condo-smb"]), 120, "both uploads published")
    for folder in (sftp_folder, smb_folder):
        assert (folder / "_STATUS.txt").exists() and (folder / "result.json").exists()
    assert mode(sftp_folder) == 0o775, oct(mode(sftp_folder))  # group write added, nothing else
    assert "group write added" in daemon.log()


def test_a_folder_the_service_cannot_write_is_reported_to_agent_and_operator(watch_cli, deployment, sshd, smbd, daemons):
    receiver = Receiver()
    try:
        upload_both(deployment.base, sshd, smbd)
        daemon = deployment.service_daemon(watch_cli, settle=1)  # as shipped: no capability
        port = h.free_port()
        config = deployment.etc / "property-inbox.toml"
        config.write_text(config.read_text().replace("[metrics]", "[metrics]\nlisten = \"127.0.0.1:%d\"" % port, 1)
                          if "[metrics]" in config.read_text() else config.read_text() + f'\n[metrics]\nlisten = "127.0.0.1:{port}"\n')
        config.write_text(config.read_text() + f'\n[notify]\nwebhook_url = "{receiver.base}/hook"\n'
                          f'\n[agents.somchai]\nlanguage = "th"\naccounts = ["{h.AGENT_USER}"]\n')
        daemons.append(daemon)
        daemon.start()
        daemon.wait_for(lambda: h.all_published(deployment.state, ["condo-smb"]), 120, "the Samba upload published")
        daemon.wait_for(lambda: any(r["json"]["state"] == "cannot_write" for r in receiver.requests), 60,
                        "the agent to be told the folder cannot be written")
        notice = next(r["json"] for r in receiver.requests if r["json"]["state"] == "cannot_write")
        assert notice["property_id"] == "condo-sftp" and notice["agent"] == "somchai" and notice["owner"] == h.AGENT_USER
        assert notice["language"] == "th"
        assert "the service cannot write into the folder" in daemon.log()

        def get(path: str) -> tuple[int, str]:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                    return response.status, response.read().decode()
            except urllib.error.HTTPError as error:
                return error.code, error.read().decode()
        daemon.wait_for(lambda: get("/healthz")[0] == 503, 30, "/healthz to say degraded")
        assert "condo-sftp" in get("/healthz")[1] and "degraded" in get("/healthz")[1]
        daemon.wait_for(lambda: "property_inbox_folders_unwritable 1" in get("/metrics")[1], 30, "the metric")

        doctor = subprocess.run(["setpriv", f"--reuid={h.SERVICE_USER}", f"--regid={h.SERVICE_USER}", f"--groups={h.AGENTS_GROUP}",
                                 "--", str(daemon.argv[daemon.argv.index("--") + 1]), "doctor", str(deployment.inbox),
                                 "--offline", "--state-dir", str(deployment.state)], capture_output=True, text=True, timeout=60)
        print(doctor.stdout)
        assert "condo-sftp" in doctor.stdout and "cannot write" in doctor.stdout

        # Told once: later retries of the same folder add no second notice.
        assert sum(r["json"]["state"] == "cannot_write" for r in receiver.requests) == 1
        # Fixed by hand: processed on the next retry, /healthz healthy again.
        os.chmod(deployment.inbox / "condo-sftp", 0o2775)
        daemon.wait_for(lambda: h.all_published(deployment.state, ["condo-sftp"]), 120, "the fixed folder published")
        daemon.wait_for(lambda: get("/healthz")[0] == 200, 30, "/healthz healthy again")
    finally:
        receiver.stop()
