# Sourced by test.sh: start a throwaway PostgreSQL cluster on a free loopback port and
# export XXGK_TEST_DATABASE_URL for the tests; stopped and removed on exit.
# initdb refuses to run as root, so the server runs as the 'postgres' user when we are root.
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then return 1; fi
XXGK_PGDATA=$(mktemp -d /tmp/xxgk-pg.XXXXXX)
XXGK_PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
_pg_run() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$XXGK_PGDATA"
_pg_run "$PGBIN/initdb -D $XXGK_PGDATA -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null" || return 1
_pg_run "$PGBIN/pg_ctl -D $XXGK_PGDATA -l $XXGK_PGDATA/server.log -w -o '-c listen_addresses=127.0.0.1 -p $XXGK_PGPORT -k $XXGK_PGDATA -c fsync=off -c synchronous_commit=off -c full_page_writes=off' start >/dev/null" || return 1
trap '_pg_run "$PGBIN/pg_ctl -D $XXGK_PGDATA -m fast -w stop >/dev/null 2>&1"; rm -rf "$XXGK_PGDATA"' EXIT
export XXGK_TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$XXGK_PGPORT/postgres"
echo "== PostgreSQL on 127.0.0.1:$XXGK_PGPORT"
