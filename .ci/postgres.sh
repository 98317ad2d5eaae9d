#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the store tests; sourced by .ci/run (`. .ci/postgres.sh`),
# which runs with `set -euo pipefail`, so any failing step here stops CI.
# The cluster lives in a temporary folder owned by an unprivileged user (initdb refuses root),
# listens on a free loopback port only, and is stopped and removed on exit (trap). Exports
# PENINSULA_TEST_POSTGRES, the connection string the tests read, and, where a tmpfs can be mounted
# (as root), PENINSULA_TEST_POSTGRES_FULL_TABLESPACE: a tablespace on an 8 MB tmpfs for the full-disk test.
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$pg_bin" ]]; then
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    else
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

pg_user=${PENINSULA_CI_USER:-peninsula-ci}
run_as=()
if [[ $(id -u) -eq 0 ]]; then
    id "$pg_user" >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin "$pg_user"
    run_as=(runuser -u "$pg_user" --)
fi

pg_dir=$(mktemp -d /tmp/peninsula-pg.XXXXXX)
chmod 755 "$pg_dir"
[[ ${#run_as[@]} -gt 0 ]] && chown "$pg_user" "$pg_dir"
pg_port=55432
while (echo >"/dev/tcp/127.0.0.1/$pg_port") 2>/dev/null; do pg_port=$((pg_port + 1)); done

"${run_as[@]}" "$pg_bin/initdb" -D "$pg_dir/data" -U peninsula --auth=trust -E UTF8 --locale=C.UTF-8 >"$pg_dir/initdb.log"
"${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$pg_port -c unix_socket_directories=$pg_dir -c fsync=off -c max_connections=200" start >/dev/null

peninsula_stop_postgres() {
    "${run_as[@]}" "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    if mountpoint -q "$pg_dir/full" 2>/dev/null; then umount "$pg_dir/full" || true; fi
    rm -rf "$pg_dir"
}
trap peninsula_stop_postgres EXIT

export PENINSULA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=peninsula;Database=postgres"
if [[ $(id -u) -eq 0 ]] && mkdir -p "$pg_dir/full" && mount -t tmpfs -o size=8m tmpfs "$pg_dir/full" 2>/dev/null; then
    chown "$pg_user" "$pg_dir/full"
    "$pg_bin/psql" -h 127.0.0.1 -p "$pg_port" -U peninsula -d postgres -qc "CREATE TABLESPACE peninsula_full LOCATION '$pg_dir/full'"
    export PENINSULA_TEST_POSTGRES_FULL_TABLESPACE=peninsula_full
fi
echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$pg_port (cluster in $pg_dir)"
