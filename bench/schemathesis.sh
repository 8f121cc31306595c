#!/usr/bin/env bash
# Property tests of the API against its own OpenAPI document: schemathesis
# (PyPI) generates requests for every operation and runs all its checks
# (no server errors, documented status codes and content types, response
# schemas, schema-valid requests accepted, schema-violating ones refused,
# ...) against `homeward serve --demo` signed in as the coordinator.
# bench/schemathesis.toml names the few operations where a schema-valid
# request may be refused with 422 because of what is stored, and why.
#
# Two runs, one after the other:
# 1. every operation but /api/v1/auth/token (its DELETE would revoke the
#    run's own token; sign-in is covered by crates/server/tests/http/api_auth.rs)
#    and /api/v1/auth/password;
# 2. POST /api/v1/auth/password alone and last: with the right current
#    password it ends every session of the user, the run's token included.
# Not part of CI. Prints schemathesis's summaries.
#
#   bench/schemathesis.sh                 # 240 s for the first run
#   SECS=60 bench/schemathesis.sh
#   ST=/path/to/venv/bin/schemathesis bench/schemathesis.sh
#   HOMEWARD_BIN=/path/to/homeward bench/schemathesis.sh   # no build
set -euo pipefail
cd "$(dirname "$0")/.."
SECS="${SECS:-240}"
ST="${ST:-bench/.venv/bin/schemathesis}"
if [ ! -x "$ST" ]; then
    python3 -m venv bench/.venv
    bench/.venv/bin/pip install -q schemathesis
    ST=bench/.venv/bin/schemathesis
fi
BIN="${HOMEWARD_BIN:-}"
if [ -z "$BIN" ]; then
    cargo build -q --release -p homeward
    BIN="${CARGO_TARGET_DIR:-target}/release/homeward"
fi
"$ST" --version
work=$(mktemp -d)
HOMEWARD_LOG=warn "$BIN" serve --demo --listen 127.0.0.1:0 --db "$work/st.db" \
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
run=("$ST" --config-file bench/schemathesis.toml run "http://$addr/api/v1/openapi.json"
    --url "http://$addr" --checks all -H "Authorization: Bearer $token"
    --max-examples 200 --no-color)
status=0
timeout --signal=INT "$SECS" "${run[@]}" --exclude-path /api/v1/auth/token \
    --exclude-path /api/v1/auth/password || status=$?
echo "schemathesis exit status (all but auth/password): $status (124 or 130: stopped at the time limit)"
status=0
timeout --signal=INT 120 "${run[@]}" --include-path /api/v1/auth/password || status=$?
echo "schemathesis exit status (auth/password): $status"
grep -c 'status=5[0-9][0-9]' "$work/serve.log" | sed 's/^/5xx answers in the server log: /' || true
