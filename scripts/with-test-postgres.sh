#!/usr/bin/env bash
# Runs a command (the Swift tests) with a PostgreSQL of its own: initdb + pg_ctl in a temporary
# directory, on 127.0.0.1 at a free port, passwords checked by SCRAM as in production. The server's
# URL goes to the command in PROPERTY_INBOX_TEST_POSTGRES_URL (the folder history's PostgreSQL
# variants: Tests/PipelineStoreTests); each test makes a database of its own there. The server is
# stopped and its directory removed when the command ends, whether it passed or not.
#
#   scripts/with-test-postgres.sh swift test --skip-build
set -euo pipefail

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
  echo "with-test-postgres: PostgreSQL is not installed (Debian's postgresql: make integration-deps)" >&2
  exit 1
fi

root=$(mktemp -d "${TMPDIR:-/tmp}/pi-test-pg-XXXXXX")
mkdir "$root/socket"
# initdb refuses root: as root (here and in CI) the server runs as a system account of its own.
as_server=()
if [ "$(id -u)" -eq 0 ]; then
  account=pi-test-postgres
  id -u "$account" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$account"
  chown -R "$account:" "$root"
  as_server=(runuser -u "$account" --)
fi

stop() {
  if [ -f "$root/data/postmaster.pid" ]; then
    "${as_server[@]}" "$bindir/pg_ctl" -D "$root/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$root"
}
trap stop EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')

if ! "${as_server[@]}" "$bindir/initdb" -D "$root/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
    >"$root/initdb.log" 2>&1; then
  cat "$root/initdb.log" >&2
  exit 1
fi
# -w: pg_ctl polls until the server accepts connections (no fixed sleep).
if ! "${as_server[@]}" "$bindir/pg_ctl" -D "$root/data" -l "$root/server.log" -w -t 60 start \
    -o "-p $port -k $root/socket -c listen_addresses=127.0.0.1 -c fsync=off" >/dev/null; then
  tail -n 40 "$root/server.log" >&2
  exit 1
fi
"${as_server[@]}" "$bindir/pg_isready" -q -h 127.0.0.1 -p "$port" -t 30
"${as_server[@]}" "$bindir/psql" -q -h "$root/socket" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE pi_test LOGIN CREATEDB PASSWORD '$password'"

echo "with-test-postgres: PostgreSQL on 127.0.0.1:$port for: $*"
export PROPERTY_INBOX_TEST_POSTGRES_URL="postgres://pi_test:$password@127.0.0.1:$port/postgres?sslmode=disable"
status=0
"$@" || status=$?
exit "$status"
