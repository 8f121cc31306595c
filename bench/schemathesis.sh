#!/usr/bin/env bash
# Property tests of the API against its own OpenAPI document: schemathesis
# (PyPI) generates requests for every operation and runs all its checks
# (no server errors, documented status codes and content types, response
# schemas, ...) against `homeward serve --demo` signed in as the coordinator.
# /api/v1/auth/token is left out: its DELETE would revoke the run's own
# token (sign-in is covered by crates/server/tests/api_auth.rs).
# Not part of CI. Prints schemathesis's summary.
#
#   bench/schemathesis.sh                 # 240 s
#   SECS=60 bench/schemathesis.sh
#   ST=/path/to/venv/bin/schemathesis bench/schemathesis.sh
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SECS:-240}"
ST="${ST:-bench/.venv/bin/schemathesis}"
if [ ! -x "$ST" ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q schemathesis
    ST=bench/.venv/bin/schemathesis
fi
cargo build -q --release -p homeward
work=$(mktemp -d)
HOMEWARD_LOG=warn target/release/homeward serve --demo --listen 127.0.0.1:0 --db "$work/st.db" \
    2> "$work/serve.log" > /dev/null &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
    addr=$(sed -n 's/^homeward listening on http:\/\/\([^ ]*\).*/\1/p' "$work/serve.log")
    [ -n "$addr" ] && break
    sleep 0.1
done
token=$(curl -s -X POST "http://$addr/api/v1/auth/token" -H 'content-type: application/json' \
    -d '{"login":"coordinator","password":"homeward-demo"}' | sed 's/.*"token":"\([^"]*\)".*/\1/')
status=0
timeout --signal=INT "$SECS" "$ST" run "http://$addr/api/v1/openapi.json" \
    --url "http://$addr" --checks all -H "Authorization: Bearer $token" \
    --max-examples 200 --no-color --exclude-path /api/v1/auth/token || status=$?
echo "schemathesis exit status: $status (124 or 130: stopped at the time limit)"
grep -c ' 500 \|"status":500' "$work/serve.log" | sed 's/^/server-side 5xx log lines: /' || true
