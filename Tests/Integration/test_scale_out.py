"""Several hosts sharing one inbox through PostgreSQL (issue #25): a real server, real processes.

The module starts its own PostgreSQL (Debian's `postgresql`: initdb + pg_ctl in a temporary
directory, on 127.0.0.1, as an unprivileged user, since initdb refuses root), with a role and a
password as docs/SCALE-OUT.md sets one up. Every test gets a database of its own.

- one watcher and three workers, each a process with its own --state-dir: every folder is
  published exactly once (its result.json, the "published" lines of all logs, the queue's count);
- `kill -9` of a worker holding a job: another worker finishes it once the lease runs out;
- a worker stopped (SIGSTOP) while it holds a job, taken over, then woken up: it publishes nothing
  and writes no status (the fencing token);
- PostgreSQL stopped for a while mid-run: workers wait, go on, nothing lost or published twice;
- a provider limited to N requests a minute (the fake one): the calls of three workers together
  stay within N in every minute;
- a small daily budget and a provider with a known price per call: the spending of a watcher and
  three workers together stays within it, and the folders left over are paused, not lost.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request
from collections import Counter
from pathlib import Path

import pytest

import pg_harness as pg
import pi_harness as h
from test_metrics import get, series

LEASE = 3  # seconds: short, so the tests of a lost worker are quick
# For the busy tests: room for a loaded machine (make test, 2 cores) to miss a renewal or two
# without every slow run being taken over.
BUSY_LEASE = 10
FOLDERS = int(os.environ.get("PROPERTY_INBOX_IT_SCALE_FOLDERS", "500"))


@pytest.fixture(scope="module")
def postgres(as_root):
    server = pg.start_postgres()
    yield server
    server.remove()


@pytest.fixture
def database(postgres, request):
    name = "pi_" + "".join(c if c.isalnum() else "_" for c in request.node.name.lower())[:40]
    return postgres.new_database(name), name


def job_rows(postgres: pg.Postgres, name: str) -> dict[str, dict]:
    rows = postgres.sql("SELECT folder, state, fence, claims, publishes, coalesce(worker, '') FROM pi_jobs", name)
    return {r[0]: {"state": r[1], "fence": int(r[2]), "claims": int(r[3]), "publishes": int(r[4]), "worker": r[5]}
            for r in rows}


def log_lines(daemon: h.Daemon) -> list[dict]:
    lines = []
    for line in daemon.log().splitlines():
        if line.startswith("{"):
            try:
                lines.append(json.loads(line))
            except json.JSONDecodeError:
                pass
    return lines


def publishes_in_logs(daemons: list[h.Daemon]) -> Counter:
    """Listings written, by folder, over every process's log: the run's own "published" line."""
    return Counter(line.get("property") for d in daemons for line in log_lines(d) if line.get("message") == "published")


JSON_LOGS = {"PROPERTY_INBOX_LOG_FORMAT": "json"}


def worker(cli, base: Path, inbox: Path, url: str, name: str, env: dict | None = None, lease: float = LEASE,
           offline: bool = True, extra: list[str] = ()) -> h.Daemon:
    argv = [str(cli), "work", "--inbox", str(inbox), "--state-dir", str(base / f"state-{name}"), "--verbose",
            "--database", url, "--lease-seconds", str(lease), "--worker-name", name] + (["--offline"] if offline else []) + list(extra)
    return h.Daemon(argv, base / f"{name}.log", env=dict(JSON_LOGS, **(env or {})))


def watcher_and_workers(cli, base: Path, inbox: Path, url: str, env: dict | None = None) -> list[h.Daemon]:
    """`watch --database` (also a worker) and three `work` processes, each with its own state directory."""
    watch = h.Daemon.watch(cli, inbox, base / "state-watch", base / "watch.log", settle=2, env=JSON_LOGS,
                           extra=["--database", url, "--lease-seconds", str(BUSY_LEASE), "--worker-name", "watch"])
    return [watch] + [worker(cli, base, inbox, url, f"w{i}", env=env, lease=BUSY_LEASE) for i in range(1, 4)]


def make_folders(inbox: Path, count: int) -> list[str]:
    names = [f"prop-{i:04d}" for i in range(count)]
    for i, name in enumerate(names):
        h.make_text_folder(inbox, name, description=f"House for sale #{i}: {2 + i % 4} bedrooms, {1 + i % 3} bathrooms, "
                                                    f"{120 + i} sqm, garden, Rawai, Phuket. Price {3 + i % 7},500,000 THB.\n")
    return names


def wait_for_jobs(postgres, name, names, daemons, timeout, what):
    def all_done():
        for d in daemons:
            d.assert_alive()
        rows = job_rows(postgres, name)
        return all(rows.get(n, {}).get("state") == "done" for n in names)
    try:
        h.wait_until(all_done, timeout, what, interval=0.5)
    except TimeoutError as error:
        rows = job_rows(postgres, name)
        stuck = {n: rows.get(n) for n in names if rows.get(n, {}).get("state") != "done"}
        tails = "\n".join(f"--- {d.log_path.name}\n{d.log()[-1500:]}" for d in daemons)
        raise AssertionError(f"{error}; {len(stuck)} not done: {dict(list(stuck.items())[:5])}\n{tails}") from None


def assert_each_published_once(inbox: Path, postgres, name, names, daemons):
    for n in names:
        result = json.loads((inbox / n / "result.json").read_text())
        assert result["property_id"] == n
        assert (inbox / n / "listing.md").exists()
    in_logs = publishes_in_logs(daemons)
    wrong = {n: in_logs.get(n, 0) for n in names if in_logs.get(n, 0) != 1}
    assert not wrong, f"folders not published exactly once (by the logs): {dict(list(wrong.items())[:10])}"
    rows = job_rows(postgres, name)
    wrong = {n: rows[n]["publishes"] for n in names if rows[n]["publishes"] > 1}
    assert not wrong, f"the queue counted more than one publish: {wrong}"


def stop_all(daemons):
    for d in daemons:
        code, seconds = d.stop(timeout=15)
        assert code == 0, f"{d.log_path.name} exited {code}:\n{d.log()[-3000:]}"


def test_a_watcher_and_three_workers_publish_each_folder_once(watch_cli, base, postgres, database, daemons):
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    started = time.monotonic()
    procs = watcher_and_workers(watch_cli, base, inbox, url)
    daemons.extend(procs)
    for d in procs:
        d.start()
    names = make_folders(inbox, FOLDERS)
    wait_for_jobs(postgres, name, names, procs, 60 + FOLDERS, f"all {FOLDERS} jobs to be done")
    took = time.monotonic() - started
    time.sleep(2)  # a late second publish would show now
    assert_each_published_once(inbox, postgres, name, names, procs)
    by_worker = Counter(line.get("worker") for d in procs for line in log_lines(d)
                        if line.get("message") == "job finished" and line.get("published") == "true")
    print(f"{FOLDERS} folders in {took:.1f} s; published by worker: {dict(by_worker)}")
    assert len(by_worker) >= 2, f"one process did all the work: {by_worker}"
    # The watcher queued each folder once: its own outputs written by the workers are not a change.
    rows = job_rows(postgres, name)
    assert sorted(rows) == names
    requeued = {n: r["claims"] for n, r in rows.items() if r["claims"] != 1}
    print(f"claimed more than once: {requeued}")
    # `status` from any host (here: one with no state of its own) shows the queue and its workers.
    status = subprocess.run([str(watch_cli), "status", "--json", "--database", url, "--state-dir", str(base / "state-none")],
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    queue = json.loads(status.stdout)["shared_queue"]
    assert queue["jobs"] == {"done": FOLDERS} and queue["leases"] == [], queue
    workers = {w["name"]: w for w in queue["workers"]}
    assert sorted(workers) == ["w1", "w2", "w3", "watch"], workers
    assert sum(w["finished"] for w in workers.values()) == FOLDERS, workers
    assert all(w["seconds_since_seen"] < 10 for w in workers.values()), workers
    # The folder history is shared: that host sees every folder, published once and settled (offline
    # and without photos: needs_attention), by their paths relative to the inbox since it names none.
    folders = {f["path"]: f for f in json.loads(status.stdout)["folders"]}
    assert sorted(folders) == names, sorted(folders)[:5]
    wrong = {n: (f["state"], f["publish_count"]) for n, f in folders.items()
             if f["state"] not in ("done", "needs_attention") or f["publish_count"] != 1}
    assert not wrong, f"the shared history says otherwise: {dict(list(wrong.items())[:10])}"
    stop_all(procs)


def start_and_wait_ready(d: h.Daemon):
    d.start()
    d.wait_for(lambda: "job queue ready" in d.log(), 30, f"{d.log_path.name} to open the queue")


def queue_by_hand(postgres, name, folders):
    # What the watcher does; here by hand, so that only the worker under test can take the job.
    for folder in folders:
        postgres.sql(f"INSERT INTO pi_jobs (folder, fingerprint) VALUES ('{folder}', 'by-hand')", name)


def one_job_held_by(cli, base, postgres, database, daemons, worker_name: str, delay: float):
    """One folder, queued by hand, claimed by a worker that waits `delay` seconds before running it."""
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    (folder,) = make_folders(inbox, 1)
    holder = worker(cli, base, inbox, url, worker_name, env={"PROPERTY_INBOX_TEST_JOB_DELAY_SECONDS": str(delay)})
    daemons.append(holder)
    start_and_wait_ready(holder)
    queue_by_hand(postgres, name, [folder])
    holder.wait_for(lambda: job_rows(postgres, name)[folder]["worker"] == worker_name, 20, f"{worker_name} to claim the job")
    return inbox, folder, holder


def test_a_worker_killed_mid_job_is_replaced_once_its_lease_runs_out(watch_cli, base, postgres, database, daemons):
    url, name = database
    inbox, folder, slow = one_job_held_by(watch_cli, base, postgres, database, daemons, "doomed", delay=60)
    status = subprocess.run([str(watch_cli), "status", "--database", url, "--state-dir", str(base / "state-none")],
                            capture_output=True, text=True, timeout=60)
    assert status.returncode == 0 and f"{folder}: held by doomed (claim 1)" in status.stdout, status.stdout + status.stderr
    slow.kill9()
    killed_at = time.monotonic()
    rescuer = worker(watch_cli, base, inbox, url, "rescuer")
    daemons.append(rescuer)
    rescuer.start()
    wait_for_jobs(postgres, name, [folder], [rescuer], 30, "the rescuer to finish the job")
    took = time.monotonic() - killed_at
    row = job_rows(postgres, name)[folder]
    assert row["claims"] == 2 and row["publishes"] == 1, row
    assert took >= LEASE * 0.5, f"taken over after {took:.1f} s, before the lease could run out"
    assert_each_published_once(inbox, postgres, name, [folder], [slow, rescuer])
    print(f"finished by another worker {took:.1f} s after the kill (lease {LEASE} s)")
    stop_all([rescuer])


def test_a_worker_woken_after_losing_its_lease_publishes_nothing(watch_cli, base, postgres, database, daemons):
    url, name = database
    inbox, folder, sleeper = one_job_held_by(watch_cli, base, postgres, database, daemons, "sleeper", delay=5)
    os.killpg(sleeper.pid, signal.SIGSTOP)  # a frozen VM, a long GC pause: it holds the claim and does nothing
    try:
        time.sleep(LEASE + 1)
        other = worker(watch_cli, base, inbox, url, "other")
        daemons.append(other)
        other.start()
        wait_for_jobs(postgres, name, [folder], [other], 30, "the other worker to finish the job")
        status = (inbox / folder / "_STATUS.txt").read_text()
        published = (inbox / folder / "result.json").stat().st_mtime_ns
    finally:
        os.killpg(sleeper.pid, signal.SIGCONT)
    sleeper.wait_for(lambda: any(line.get("message") == "job given back" for line in log_lines(sleeper)), 20,
                     "the woken worker to give the job up")
    time.sleep(1)
    assert (inbox / folder / "result.json").stat().st_mtime_ns == published, "the woken worker published again"
    assert (inbox / folder / "_STATUS.txt").read_text() == status, "the woken worker wrote a status over the new one"
    row = job_rows(postgres, name)[folder]
    assert row["state"] == "done" and row["claims"] == 2 and row["publishes"] == 1, row
    assert_each_published_once(inbox, postgres, name, [folder], [sleeper, other])
    stop_all([sleeper, other])


def test_postgres_stopped_mid_run_pauses_the_workers_and_loses_nothing(watch_cli, base, postgres, database, daemons):
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    outage = float(os.environ.get("PROPERTY_INBOX_IT_PG_OUTAGE_SECONDS", "30"))
    # A little time per job, so that the outage falls in the middle of the run.
    slow = {"PROPERTY_INBOX_TEST_JOB_DELAY_SECONDS": "0.3"}
    procs = watcher_and_workers(watch_cli, base, inbox, url, env=slow)
    daemons.extend(procs)
    for d in procs:
        d.start()
    names = make_folders(inbox, 60)
    h.wait_until(lambda: sum(1 for r in job_rows(postgres, name).values() if r["state"] == "done") >= 15, 60,
                 "a quarter of the jobs to be done")
    postgres.stop()
    stopped = time.monotonic()
    time.sleep(outage)
    for d in procs:
        d.assert_alive()
    postgres.start()
    wait_for_jobs(postgres, name, names, procs, 120, "every job to be done after the outage")
    print(f"database down for {outage:.0f} s; all done {time.monotonic() - stopped:.1f} s after it stopped")
    time.sleep(2)
    assert_each_published_once(inbox, postgres, name, names, procs)
    said = [d.log_path.name for d in procs if "the database does not answer" in d.log()]
    assert said, "no process said it was waiting for the database"
    assert all("the database answers again" in next(d for d in procs if d.log_path.name == n).log() for n in said)
    stop_all(procs)


def test_the_provider_rate_limit_holds_across_workers(watch_cli, base, postgres, database, daemons):
    """Three workers with more calls to make than the limit allows, watched for a minute and a bit."""
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    per_minute = int(os.environ.get("PROPERTY_INBOX_IT_RATE_PER_MINUTE", "4"))
    watched = float(os.environ.get("PROPERTY_INBOX_IT_RATE_SECONDS", "75"))
    names = make_folders(inbox, 6)
    provider = h.FakeProvider(latency=0.0, script_path=base / "script.json")
    try:
        config = base / "property-inbox.toml"
        config.write_text(f"[provider]\nrequests_per_minute = {per_minute}\n")
        env = {"OPENROUTER_API_KEY": "sk-scale-out-test", "OPENROUTER_BASE_URL": provider.base}
        procs = [worker(watch_cli, base, inbox, url, f"w{i}", env=env, lease=BUSY_LEASE, offline=False,
                        extra=["--config", str(config)]) for i in range(1, 4)]
        daemons.extend(procs)
        for d in procs:
            start_and_wait_ready(d)
        queue_by_hand(postgres, name, names)
        time.sleep(watched)
        for d in procs:
            d.assert_alive()
        stop_all(procs)
        times = sorted(r["time"] for r in provider.requests())
    finally:
        provider.stop()
    # Counted by the provider. 59 s, not 60: a call counted in PostgreSQL is sent a moment later,
    # so two calls a full minute apart in the database may arrive a little closer.
    busiest = max(sum(1 for t in times if first <= t < first + 59) for first in times)
    span = times[-1] - times[0]
    print(f"{len(times)} calls from 3 workers over {span:.1f} s; at most {busiest} in any minute (limit {per_minute})")
    assert len(times) > per_minute, f"only {len(times)} calls: the limit was never reached, the test shows nothing"
    assert busiest <= per_minute, f"{busiest} calls within a minute, over the shared limit of {per_minute}: {times}"


def test_the_daily_budget_holds_across_workers(watch_cli, base, postgres, database, daemons):
    """Every call costs `cost` (the provider says so); the budget covers some folders, not all sixteen."""
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    cost, budget = 0.002, 0.1
    provider = h.FakeProvider(latency=0.2, script_path=base / "script.json")
    try:
        usage = {"prompt_tokens": 900, "completion_tokens": 300, "cost": cost}
        script = {"steps": [{"match_system": "You write property listings", "repeat": True, "usage": usage,
                             "content": json.dumps({"description": "A bright house with a garden in Rawai."})},
                            {"repeat": True, "usage": usage}],
                  "default_content": h.VALID_DETAILS, "latency": 0.2}
        urllib.request.urlopen(urllib.request.Request(provider.base + "/_script", data=json.dumps(script).encode(),
                                                      method="POST"), timeout=10).read()
        config = base / "property-inbox.toml"
        config.write_text(f"[budget]\ndaily_usd = {budget}\n")
        # w1 also serves /metrics: its series say which worker it is and what its jobs did.
        port = h.free_port()
        metrics_config = base / "w1.toml"
        metrics_config.write_text(config.read_text() + f'[metrics]\nlisten = "127.0.0.1:{port}"\n')
        env = {"OPENROUTER_API_KEY": "sk-scale-out-test", "OPENROUTER_BASE_URL": provider.base}
        watch = h.Daemon([str(watch_cli), "watch", str(inbox), "--state-dir", str(base / "state-watch"), "--verbose",
                          "--settle", "1", "--database", url, "--lease-seconds", str(BUSY_LEASE), "--worker-name", "watch",
                          "--config", str(config)], base / "watch.log", env=dict(JSON_LOGS, **env))
        procs = [watch] + [worker(watch_cli, base, inbox, url, f"w{i}", env=env, lease=BUSY_LEASE, offline=False,
                                  extra=["--config", str(metrics_config if i == 1 else config)]) for i in range(1, 4)]
        daemons.extend(procs)
        for d in procs:
            start_and_wait_ready(d)
        # A dead worker's reservation, expired: it must not count (else nothing would run).
        postgres.sql("INSERT INTO pi_spend (usd, expires_at) VALUES (1000, now() - interval '1 second')", name)
        names = make_folders(inbox, 16)
        wait_for_jobs(postgres, name, names, procs, 120, "every job to be done or paused")
        calls = len(provider.requests())
        code, text = get(f"http://127.0.0.1:{port}/metrics")
        stop_all(procs)
    finally:
        provider.stop()
    (shared,) = postgres.sql("SELECT coalesce(sum(usd), 0), count(*) FROM pi_spend WHERE settled", name)
    assert postgres.sql("SELECT count(*) FROM pi_spend WHERE NOT settled", name) == [["1"]], "a reservation left unsettled"
    local = {d.log_path.stem: h.db_query(base / f"state-{d.log_path.stem}", "SELECT coalesce(sum(cost_usd), 0) FROM gateway_usage")[0][0]
             for d in procs}
    outcomes = Counter(r[0] for r in postgres.sql("SELECT last_outcome FROM pi_jobs", name))
    print(f"budget {budget}: {calls} calls, {float(shared[0]):.2f} USD in pi_spend ({shared[1]} calls), "
          f"per worker {local}; outcomes {dict(outcomes)}")
    assert calls == int(shared[1]) and abs(float(shared[0]) - calls * cost) < 1e-6, (calls, shared)
    assert float(shared[0]) <= budget + 1e-9 and sum(local.values()) <= budget + 1e-9, (shared, local)
    assert abs(sum(local.values()) - float(shared[0])) < 1e-6, (shared, local)
    # Not lost: paused (published from the text alone meanwhile), with the budget's message in the
    # state of the host that ran it last, which retries it when the budget resets.
    last = {r[0]: (r[1], r[2]) for r in postgres.sql("SELECT folder, last_outcome, last_worker FROM pi_jobs", name)}
    paused = [n for n in names if last[n][0] == "paused"]
    # The fake's extraction disagrees with the text: a processed folder needs attention.
    assert paused and len(paused) + outcomes["needs_attention"] + outcomes["done"] == len(names), last
    for n in paused:
        assert (inbox / n / "_STATUS.txt").read_text().startswith(f"{n}: Paused"), (inbox / n / "_STATUS.txt").read_text()
        (state, error), = h.db_query(base / f"state-{last[n][1]}", "SELECT state, last_error FROM folder WHERE path = ?",
                                     (str(inbox / n),))
        assert state == "paused" and "budget" in error, (n, state, error)
    w1 = [line.get("message") for line in log_lines(procs[1])]
    assert code == 200 and series(text, "property_inbox_worker_info", worker="w1") == 1, text
    for event, said in [("claimed", "job claimed"), ("finished", "job finished")]:
        assert series(text, "property_inbox_shared_jobs_total", worker="w1", event=event) == w1.count(said), (event, text)
    assert series(text, "property_inbox_shared_jobs_total", worker="w1", event="lost_lease") == 0, text


def test_migrate_copies_a_hosts_history_once(watch_cli, base, postgres, database):
    """A host that ran alone (`scan`, SQLite) copies its folders into the shared history, twice."""
    url, name = database
    inbox = base / "inbox"
    inbox.mkdir()
    names = make_folders(inbox, 3)
    memo_only = inbox / "memo-only"  # not published: a state other than done travels too
    memo_only.mkdir()
    (memo_only / "memo.m4a").write_bytes(b"not really audio")
    (memo_only / "READY").touch()
    state = base / "state-alone"
    scan = subprocess.run([str(watch_cli), "scan", str(inbox), "--state-dir", str(state), "--offline", "--settle", "0"],
                          capture_output=True, text=True, timeout=120)
    assert "prop-0000" in scan.stdout + scan.stderr, scan.stdout + scan.stderr

    def migrate():
        proc = subprocess.run([str(watch_cli), "migrate", "--to", url, "--inbox", str(inbox), "--state-dir", str(state)],
                              capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        assert pg.PASSWORD not in proc.stdout + proc.stderr, "the password was printed"
        return proc.stdout

    first = migrate()
    print(first)
    assert first.startswith("Copied 4 folders to postgres://property_inbox:***@127.0.0.1"), first
    assert "Already there (left unchanged): 0" in first, first
    # Each row as the host's SQLite has it, keyed relative to the inbox.
    columns = "state, publish_count, coalesce(published_at, ''), coalesce(published_fingerprint, ''), updated_at"
    rows = {r[0]: r[1:] for r in postgres.sql(f"SELECT path, {columns} FROM pi_folders", name)}
    local = {Path(r[0]).name: [str(v) for v in r[1:]] for r in h.db_query(state, f"SELECT path, {columns} FROM folder")}
    assert sorted(rows) == sorted(names + ["memo-only"]) and rows == local, (rows, local)
    assert all(rows[n][1] == "1" for n in names) and rows["memo-only"][:2] == ["failed", "0"], rows
    second = migrate()
    assert second.startswith("Copied 0 folders") and "Already there (left unchanged): 4" in second, second
    assert len(postgres.sql("SELECT path FROM pi_folders", name)) == 4
    # `status --database` from another host (another mount, no state) shows what was copied.
    status = subprocess.run([str(watch_cli), "status", "--json", "--database", url, "--state-dir", str(base / "state-none"),
                             "/mnt/elsewhere"], capture_output=True, text=True, timeout=60)
    assert status.returncode == 0, status.stderr
    shown = {f["path"]: f["state"] for f in json.loads(status.stdout)["folders"]}
    assert shown == {f"/mnt/elsewhere/{n}": rows[n][0] for n in rows}, shown
