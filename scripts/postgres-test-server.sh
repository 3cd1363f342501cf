#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL cluster for the persistence tests and benchmark.
#
#   eval "$(scripts/postgres-test-server.sh)"     # start, export A3C_TEST_POSTGRES
#   source scripts/postgres-test-server.sh         # same, from a calling script
#   scripts/postgres-test-server.sh stop           # stop the cluster (data stays for reuse)
#
# The cluster lives in $A3C_PG_DIR (default /tmp/a3c-pg), owned by user postgres, listens on
# 127.0.0.1 only with trust auth, on $A3C_PG_PORT (default 54329, or the next free port).
# Re-running while it is up only prints the connection string. Installs postgresql via apt-get
# (Debian 12, root) when no server binaries are present. Progress goes to stderr, so stdout
# carries only the export line.

_a3c_pg_main() (
    set -euo pipefail
    local dir="${A3C_PG_DIR:-/tmp/a3c-pg}"
    local database="${A3C_PG_DATABASE:-a3c_test}"
    local action="${1:-start}"
    log() { echo "postgres-test-server: $*" >&2; }

    # Runs a command as the cluster owner: postgres when we are root, else ourselves.
    as_owner() {
        if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
    }

    find_bin() {
        local candidate
        candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
        [[ -n $candidate && -x $candidate/initdb ]] && echo "$candidate"
    }

    local bin
    bin=$(find_bin || true)
    if [[ -z $bin ]]; then
        [[ $action == stop ]] && { log "no PostgreSQL installed; nothing to stop"; return 0; }
        [[ $(id -u) -eq 0 ]] || { log "PostgreSQL is not installed and we are not root to apt-get it"; return 1; }
        log "installing postgresql with apt-get"
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
        bin=$(find_bin) || { log "postgresql installed but no initdb found under /usr/lib/postgresql"; return 1; }
    fi

    local data="$dir/data"
    if [[ $action == stop ]]; then
        if [[ -f $data/postmaster.pid ]]; then
            as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >&2
        else
            log "not running ($data)"
        fi
        return 0
    fi
    [[ $action == start ]] || { log "unknown action '$action' (expected start or stop)"; return 2; }

    port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"

    if [[ ! -f $data/PG_VERSION ]]; then
        log "initialising cluster in $data"
        as_owner "$bin/initdb" -D "$data" -U postgres --auth-local=trust --auth-host=trust \
            --encoding=UTF8 --no-locale >/dev/null
    fi

    local port
    if as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1; then
        port=$(cat "$dir/port")
    else
        port="${A3C_PG_PORT:-54329}"
        local last=$((port + 20))
        while port_in_use "$port"; do
            port=$((port + 1))
            ((port <= last)) || { log "no free port in ${A3C_PG_PORT:-54329}..$last"; return 1; }
        done
        echo "$port" >"$dir/port"
        log "starting on 127.0.0.1:$port"
        as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start \
            -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir" >&2 \
            || { log "start failed; see $dir/server.log"; tail -n 20 "$dir/server.log" >&2; return 1; }
    fi

    local psql=("$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qtA)
    if [[ -z $(as_owner "${psql[@]}" -c "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
        as_owner "${psql[@]}" -c "CREATE DATABASE \"$database\"" >&2
    fi
    echo "Host=127.0.0.1;Port=$port;Username=postgres;Database=$database"
)

if [[ ${BASH_SOURCE[0]} != "$0" ]]; then
    # Sourced: export into the caller's shell without leaking set -e into it.
    if A3C_TEST_POSTGRES="$(_a3c_pg_main "$@")"; then
        [[ -n $A3C_TEST_POSTGRES ]] && export A3C_TEST_POSTGRES || unset A3C_TEST_POSTGRES
    else
        unset A3C_TEST_POSTGRES
        return 1
    fi
else
    connection=$(_a3c_pg_main "$@") || exit $?
    [[ -n $connection ]] && echo "export A3C_TEST_POSTGRES=\"$connection\""
    exit 0
fi
