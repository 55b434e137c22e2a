"""Agent spaces with two agents over real sftp and smbclient, from the shipped files:
etc/sshd/property-inbox-sftp-spaces.conf, etc/samba/property-inbox-spaces-share.conf and one
daemon per space as etc/systemd/property-inbox@.service runs it (with the upload-modes drop-in).

- Each agent sees only their own space: the other's folders cannot be listed, read, renamed or
  deleted, over SFTP or SMB.
- Both folders are processed (agent 1's with `sftp put -r` from a 0755 folder), each space has
  its own _INBOX_STATUS.txt, and each agent is told only about their own folder.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pi_harness as h
from test_agent_notices import Receiver
from test_upload_modes import DROP_IN, local_folder, with_capabilities

AGENT2 = "pi-it-agent2"
AGENT2_SMB_PASSWORD = "agent2-pw-9"


def smbclient(smbd, user: str, password: str, commands: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["smbclient", "//127.0.0.1/space", "-p", str(smbd.port), "-U", f"{user}%{password}", "-m", "SMB3",
                           "-c", commands], capture_output=True, text=True, cwd=cwd, timeout=60, stdin=subprocess.DEVNULL)


def refused(proc: subprocess.CompletedProcess) -> bool:
    out = proc.stdout + proc.stderr
    return proc.returncode != 0 or "NT_STATUS_" in out


def test_two_agents_each_see_only_their_own_space_and_messages(watch_cli, deployment, sshd, smbd, daemons):
    agent1 = h.AGENT_USER
    h.ensure_user(AGENT2, h.AGENTS_GROUP)
    # The spaces layout (etc/sshd/property-inbox-sftp-spaces.conf).
    h.chown(deployment.inbox, "root", h.AGENTS_GROUP, 0o710)
    spaces = {}
    for agent in (agent1, AGENT2):
        space = deployment.inbox / agent
        space.mkdir()
        h.chown(space, agent, h.SERVICE_USER, 0o2770)
        spaces[agent] = space

    # sshd and smbd with the spaces files instead of the single-inbox ones.
    sshd.stop()
    h.render(h.ETC / "sshd" / "property-inbox-sftp-spaces.conf", sshd.dir / "property-inbox-sftp.conf",
             {"ChrootDirectory /srv/property-inbox": f"ChrootDirectory {deployment.chroot}"})
    shutil.copyfile(sshd.dir / "authorized_keys" / agent1, sshd.dir / "authorized_keys" / AGENT2)
    sshd.start()
    smbd.stop()
    share = smbd.dir / "property-inbox-share.conf"
    h.render(h.ETC / "samba" / "property-inbox-spaces-share.conf", share,
             {"path = /srv/property-inbox/inbox/%U": f"path = {deployment.inbox}/%U"})
    smbd.start()
    subprocess.run(["smbpasswd", "-c", str(smbd.config), "-s", "-a", AGENT2], input=f"{AGENT2_SMB_PASSWORD}\n{AGENT2_SMB_PASSWORD}\n",
                   text=True, capture_output=True, timeout=30, check=True)

    receiver = Receiver()
    try:
        # One daemon per space, as property-inbox@<account>.service runs it.
        started = []
        for agent in (agent1, AGENT2):
            daemon = with_capabilities(deployment.service_daemon(watch_cli, settle=1), DROP_IN)
            state = deployment.state / agent
            state.mkdir()
            h.chown(state, h.SERVICE_USER, h.SERVICE_USER, 0o750)
            daemon.argv = [str(state) if a == str(deployment.state) else a for a in daemon.argv if a != str(deployment.inbox)]
            # The space on the command line, as property-inbox@.service's ExecStart names it.
            daemon.argv.insert(daemon.argv.index("watch") + 1, str(spaces[agent]))
            daemon.log_path = deployment.logs / f"daemon-{agent}.log"
            started.append(daemon)
        config = deployment.etc / "property-inbox.toml"
        config.write_text(config.read_text() + f'\n[notify]\nspaces = true\nwebhook_url = "{receiver.base}/hook"\n'
                          f'\n[agents.{agent1}]\nlanguage = "th"\n\n[agents.{AGENT2}]\nlanguage = "ru"\n')
        for daemon in started:
            daemons.append(daemon)
            daemon.start()

        # Agent 1 uploads with `sftp put -r` from a 0755 folder; agent 2 with `smbclient mput`.
        local_folder(deployment.base, "condo-one")
        local_folder(deployment.base, "condo-two")
        sshd.user = agent1
        sshd.sftp("put -r condo-one\n", cwd=deployment.base / "laptop")
        put = smbclient(smbd, AGENT2, AGENT2_SMB_PASSWORD, "recurse ON; prompt OFF; mput condo-two", cwd=deployment.base / "laptop")
        assert not refused(put), put.stdout + put.stderr
        assert (spaces[agent1] / "condo-one").is_dir() and (spaces[AGENT2] / "condo-two").is_dir()

        started[0].wait_for(lambda: h.all_published(deployment.state / agent1, ["condo-one"]), 120, "agent 1's folder published")
        started[1].wait_for(lambda: h.all_published(deployment.state / AGENT2, ["condo-two"]), 120, "agent 2's folder published")
        assert (spaces[agent1] / "condo-one" / "_STATUS.txt").exists()
        started[0].wait_for(lambda: (spaces[agent1] / "_INBOX_STATUS.txt").exists()
                            and (spaces[AGENT2] / "_INBOX_STATUS.txt").exists(), 30, "each space's _INBOX_STATUS.txt")
        assert "condo-two" not in (spaces[agent1] / "_INBOX_STATUS.txt").read_text()
        assert "condo-one" not in (spaces[AGENT2] / "_INBOX_STATUS.txt").read_text()

        # Neither can list, read, rename or delete the other's folders.
        other = {agent1: AGENT2, AGENT2: agent1}
        theirs = {agent1: "condo-two", AGENT2: "condo-one"}
        for agent in (agent1, AGENT2):
            sshd.user = agent
            target = f"/inbox/{other[agent]}/{theirs[agent]}"
            assert theirs[agent] not in sshd.sftp("ls -1\n").stdout        # their own space only
            for command in ("ls /inbox\n", f"ls /inbox/{other[agent]}\n", f"ls {target}\n",
                            f"get {target}/description.txt {deployment.base}/stolen.txt\n",
                            f"rename {target} /inbox/{agent}/taken\n", f"rm {target}/description.txt\n", f"rmdir {target}\n"):
                proc = sshd.sftp(command, check=False)
                print(f"sftp as {agent}: {command.strip()} -> {proc.stderr.strip()[-120:]}")
                assert proc.returncode != 0, f"{agent} over SFTP: {command.strip()} was allowed:\n{proc.stdout}"
        smb_passwords = {agent1: h.AGENT_SMB_PASSWORD, AGENT2: AGENT2_SMB_PASSWORD}
        for agent in (agent1, AGENT2):
            listing = smbclient(smbd, agent, smb_passwords[agent], "ls")
            assert not refused(listing), listing.stdout + listing.stderr
            assert theirs[agent] not in listing.stdout and ("condo-one" if agent == agent1 else "condo-two") in listing.stdout
            for command in (f"ls ../{other[agent]}/*", f"get ../{other[agent]}/{theirs[agent]}/description.txt {deployment.base}/stolen.txt",
                            f"rename ../{other[agent]}/{theirs[agent]} taken", f"del ../{other[agent]}/{theirs[agent]}/description.txt"):
                proc = smbclient(smbd, agent, smb_passwords[agent], command)
                print(f"smbclient as {agent}: {command} -> {(proc.stdout + proc.stderr).strip()[-120:]}")
                assert refused(proc), f"{agent} over SMB: {command} was allowed:\n{proc.stdout}"
        assert not (deployment.base / "stolen.txt").exists()
        for agent in (agent1, AGENT2):
            assert (spaces[other[agent]] / theirs[agent] / "description.txt").exists()

        # Each agent is told about their own folder only.
        started[0].wait_for(lambda: len(receiver.requests) >= 2, 60, "both agents' notices")
        told = {(r["json"]["agent"], r["json"]["property_id"]) for r in receiver.requests}
        assert told == {(agent1, "condo-one"), (AGENT2, "condo-two")}, told
        languages = {r["json"]["agent"]: r["json"]["language"] for r in receiver.requests}
        assert languages == {agent1: "th", AGENT2: "ru"}

        # The operator's one summary across the spaces' state directories.
        def summary() -> dict:
            proc = subprocess.run([str(watch_cli), "status", "--spaces", "--json", "--state-dir", str(deployment.state)],
                                  capture_output=True, text=True, timeout=60)
            assert proc.returncode == 0, proc.stderr
            return {s["space"]: s for s in json.loads(proc.stdout)["spaces"]}
        h.wait_until(lambda: all((s.get("notifications") or {}).get("sent") == 1 for s in summary().values()), 30,
                     "each space's message to show as sent in the summary")
        seen = summary()
        assert set(seen) == {agent1, AGENT2}
        assert all(sum(s["folders"].values()) == 1 for s in seen.values()), seen
    finally:
        receiver.stop()
