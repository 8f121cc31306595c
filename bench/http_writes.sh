#!/usr/bin/env bash
# Acknowledged writes through HTTP: 32 clients (wrk) registering children
# with POST /api/v1/children against `homeward serve`, on SQLite
# (synchronous=FULL) and on PostgreSQL, with group commit and, in the same
# run, with one command per transaction (HOMEWARD_WRITE_GROUP_MAX=1).
# Every answer counted is a 201 given after the write was durable.
# Prints a Markdown table.
#
#   bench/http_writes.sh                      # 10 s per run, 3 runs each
#   SECS=5 RUNS=1 bench/http_writes.sh
#   HOMEWARD_TEST_PG=postgres://postgres@127.0.0.1:5432/test bench/http_writes.sh
#   HOMEWARD_BIN=/path/to/homeward bench/http_writes.sh   # another build, not rebuilt
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SECS:-10}"
RUNS="${RUNS:-3}"
CONNS="${CONNS:-32}"
PG_ADMIN="${HOMEWARD_TEST_PG:-postgres://postgres@127.0.0.1:5432/test}"
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)" >&2; exit 1; }
if [ -n "${HOMEWARD_BIN:-}" ]; then
    bin="$HOMEWARD_BIN"
else
    cargo build -q --release -p homeward
    bin="${CARGO_TARGET_DIR:-target}/release/homeward"
fi
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

cat > "$work/post.lua" <<'LUA'
local token = os.getenv("TOKEN")
local n = 0
request = function()
    n = n + 1
    local body = string.format(
        '{"given_name":"Олександр","family_name":"Шевченко%d","birth_date":"2014","sex":"m","list_name":"bench"}',
        n * 1000 + math.random(0, 999))
    return wrk.format("POST", "/api/v1/children",
        { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }, body)
end
LUA

start_server() { # db key group -> prints address
    HOMEWARD_LOG=warn HOMEWARD_WRITE_GROUP_MAX="$3" "$bin" serve --demo --listen 127.0.0.1:0 \
        --db "$1" --ledger-key "$2" 2> "$work/serve.log" > /dev/null &
    echo $! > "$work/pid"
    for _ in $(seq 1 600); do
        addr=$(sed -n 's/^homeward listening on http:\/\/\([^ ]*\).*/\1/p' "$work/serve.log")
        [ -n "$addr" ] && { echo "$addr"; return; }
        sleep 0.1
    done
    echo "serve did not start: $(cat "$work/serve.log")" >&2
    exit 1
}

stop_server() { # the server is not our child (started in a subshell): poll
    local pid
    pid=$(cat "$work/pid")
    kill -TERM "$pid"
    while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
}

# One wrk run: "requests/s p50_ms p99_ms non2xx"
one_run() {
    TOKEN="$2" wrk -t2 -c"$CONNS" -d"${SECS}s" --latency -s "$work/post.lua" "http://$1" > "$work/wrk.txt"
    awk '
        /Requests\/sec/ { rps = $2 }
        /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
        /Non-2xx/ { bad = $5 }
        function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
        END { printf "%.0f %.2f %.2f %d\n", rps, ms(p50), ms(p99), bad + 0 }' "$work/wrk.txt"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

bench() { # label db key group
    local addr token rps=() p50=() p99=() bad=0
    addr=$(start_server "$2" "$3" "$4")
    token=$(curl -s -X POST "http://$addr/api/v1/auth/token" -H 'content-type: application/json' \
        -d '{"login":"party-a","password":"homeward-demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
    for _ in $(seq 1 "$RUNS"); do
        read -r r a b n < <(one_run "$addr" "$token")
        rps+=("$r"); p50+=("$a"); p99+=("$b"); bad=$((bad + n))
    done
    stop_server
    "$bin" ledger verify --db "$2" --ledger-key "$3" > "$work/verify.txt" 2>&1 \
        || { echo "ledger verify failed after $1: $(cat "$work/verify.txt")" >&2; exit 1; }
    printf '| %s | %s | %s ms | %s ms | %s |\n' "$1" \
        "$(printf '%s\n' "${rps[@]}" | median)" "$(printf '%s\n' "${p50[@]}" | median)" \
        "$(printf '%s\n' "${p99[@]}" | median)" "$bad"
}

pg_db() { # name -> url, after creating it
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1" >/dev/null
    echo "${PG_ADMIN%/*}/$1"
}

echo "$CONNS clients, POST /api/v1/children, $RUNS runs of $SECS s, medians; ledger verified after each"
echo
echo "| backend, commit | acknowledged writes/s | p50 | p99 | non-201 |"
echo "|---|---:|---:|---:|---:|"
bench "SQLite, group commit" "$work/g.db" "$work/g.key" 512
bench "SQLite, one command per transaction" "$work/s.db" "$work/s.key" 1
if command -v psql >/dev/null && psql -q "$PG_ADMIN" -c 'SELECT 1' >/dev/null 2>&1; then
    bench "PostgreSQL, group commit" "$(pg_db homeward_bench_g)" "$work/pg.key" 512
    bench "PostgreSQL, one command per transaction" "$(pg_db homeward_bench_s)" "$work/ps.key" 1
    psql -q "$PG_ADMIN" -c "DROP DATABASE IF EXISTS homeward_bench_g WITH (FORCE)" -c "DROP DATABASE IF EXISTS homeward_bench_s WITH (FORCE)" >/dev/null
else
    echo "(PostgreSQL at $PG_ADMIN not reachable: skipped)"
fi
