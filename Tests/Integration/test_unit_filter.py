"""The shipped systemd unit's system-call filter, exercised: the daemon runs under exactly the
filter `etc/systemd/property-inbox.service` declares (applied with libseccomp the way systemd does,
Tests/Integration/unit_filter.py) and still starts, processes a folder, calls the provider and
stops cleanly. A call the filter refuses would kill it with SIGSYS (exit 159) at the first use.
"""
from __future__ import annotations

import json
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

import pi_harness as h

UNIT = h.ETC / "systemd" / "property-inbox.service"
FILTER = Path(__file__).resolve().parent / "unit_filter.py"
SYSTEM_PYTHON = "/usr/bin/python3"  # Debian's python3-seccomp is installed for this interpreter


def under_unit_filter(argv: list[str]) -> list[str]:
    return [SYSTEM_PYTHON, str(FILTER), str(UNIT), "--", *argv]


@pytest.fixture(scope="module")
def seccomp_ready():
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import seccomp"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.fail("python3-seccomp is missing for /usr/bin/python3 (make integration-deps installs it)")
    if shutil.which("systemd-analyze") is None:
        pytest.fail("systemd-analyze is missing (package systemd)")


def test_the_filter_really_filters(seccomp_ready, tmp_path):
    """The runner must not be a no-op: a call the unit denies (@privileged's `setuid`) is refused."""
    script = "import os,sys\ntry:\n    os.setuid(0)\nexcept PermissionError:\n    sys.exit(3)\n"
    unit = tmp_path / "deny.service"
    unit.write_text("[Service]\nSystemCallFilter=@system-service\nSystemCallFilter=~@privileged\n")
    killed = subprocess.run([SYSTEM_PYTHON, str(FILTER), str(unit), "--", SYSTEM_PYTHON, "-c", script])
    assert killed.returncode == -signal.SIGSYS or killed.returncode == 128 + signal.SIGSYS, killed.returncode
    unit.write_text(unit.read_text() + "SystemCallErrorNumber=EPERM\n")
    refused = subprocess.run([SYSTEM_PYTHON, str(FILTER), str(unit), "--", SYSTEM_PYTHON, "-c", script])
    assert refused.returncode == 3


def test_help_and_process_run_under_the_units_filter(seccomp_ready, cli, tmp_path):
    help_run = subprocess.run(under_unit_filter([str(cli), "--help"]), capture_output=True, text=True, timeout=60)
    assert help_run.returncode == 0, f"--help under the unit's filter: exit {help_run.returncode}\n{help_run.stderr}"

    inbox = tmp_path / "inbox"
    shutil.copytree(h.EXAMPLES / "villa-rawai-12", inbox / "villa-rawai-12")
    run = subprocess.run(under_unit_filter([str(cli), "process", str(inbox / "villa-rawai-12"),
                                            "--state-dir", str(tmp_path / "state"), "--offline"]),
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, f"process under the unit's filter: exit {run.returncode}\n{run.stdout}\n{run.stderr}"
    result = json.loads((inbox / "villa-rawai-12" / "result.json").read_text())
    assert len(result["photos"]) == 3
    for photo in result["photos"]:  # every photo decoded (libheif, libjpeg-turbo, libexif) and written
        assert photo["photo"] and (inbox / "villa-rawai-12" / photo["photo"]).stat().st_size > 10_000, photo


def test_watch_publishes_with_a_provider_under_the_units_filter(seccomp_ready, cli, tmp_path):
    provider = h.FakeProvider(latency=0.0, script_path=tmp_path / "script.json")
    inbox, state = tmp_path / "inbox", tmp_path / "state"
    inbox.mkdir()
    env = {"OPENROUTER_API_KEY": "sk-unit-filter-test", "OPENROUTER_BASE_URL": provider.base,
           "OPENAI_API_KEY": "sk-unit-filter-test", "OPENAI_BASE_URL": provider.base}
    # The rebuild hook's command (a /bin/sh child, its ids on stdin) runs under the filter too.
    hook_out = tmp_path / "hook.out"
    (tmp_path / "config.toml").write_text(f'[hook]\ncommand = "cat > {hook_out}"\ndebounce_seconds = 1\n')
    daemon = h.Daemon(under_unit_filter([str(cli), "watch", str(inbox), "--state-dir", str(state), "--settle", "1",
                                         "--config", str(tmp_path / "config.toml"), "--verbose"]), tmp_path / "daemon.log", env=env)
    try:
        daemon.start()
        daemon.wait_for(lambda: "watching" in daemon.log(), 60, "the daemon to start watching")
        folder = h.make_text_folder(inbox, "condo-filter", "Condo for rent, 2 bedrooms, 25,000 THB per month, Sukhumvit")
        daemon.wait_for(lambda: (folder / "result.json").exists(), 120, "condo-filter to be published")
        result = json.loads((folder / "result.json").read_text())
        assert result["model_info"]["text"] != "offline-rules", result["model_info"]
        assert provider.requests(), "the provider was never called"
        daemon.wait_for(lambda: hook_out.exists() and "condo-filter" in hook_out.read_text(), 60,
                        "the rebuild hook command to run under the unit's filter")
        code, _ = daemon.stop(signal.SIGTERM, timeout=15)
        assert code == 0, f"exit {code} after SIGTERM\n{daemon.log()[-3000:]}"
    finally:
        daemon.cleanup()
        provider.stop()


def test_the_units_exposure_score_stays_low():
    """`systemd-analyze security` rates the unit's sandboxing; 2.0 or less is what we keep."""
    run = subprocess.run(["systemd-analyze", "security", "--offline=true", str(UNIT)], capture_output=True, text=True)
    line = next((l for l in run.stdout.splitlines() if "Overall exposure level" in l), None)
    assert line, run.stdout + run.stderr
    score = float(line.split(":")[1].split()[0])
    assert score <= 2.0, line
