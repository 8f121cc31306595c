#!/bin/sh
# Figures for the store: commands/s through the whole write path on SQLite
# (one transaction each, synchronous=FULL) against a bare INSERT, and
# `ledger verify` at several ledger sizes. Prints a Markdown table.
#
#   bench/store_write_verify.sh                 # verify at 100k and 1M events
#   HOMEWARD_BENCH_VERIFY_SIZES=100000 bench/store_write_verify.sh
#   HOMEWARD_BENCH_DIR=/tmp bench/store_write_verify.sh   # where the temp DBs go
set -eu
cd "$(dirname "$0")/.."
export HOMEWARD_BENCH_VERIFY_SIZES="${HOMEWARD_BENCH_VERIFY_SIZES:-100000,1000000}"
export HOMEWARD_BENCH_DIR="${HOMEWARD_BENCH_DIR:-${TMPDIR:-/tmp}}"
cargo bench -q -p homeward-store --bench write_path
