#!/usr/bin/env bash
# Lists in and links proposed, at scale, on SQLite (synchronous=FULL):
#  1. party A's list of N children imported (ledger events included), then
#     party B's list less its last 1,000 rows, both without matching;
#  2. one matching run over the 2N-1,000 records (the first run after a
#     bulk load: every candidate is new to the queue);
#  3. party B's last 1,000 rows imported as a later list, with the matching
#     run every import does: the new rows against what is stored;
#  4. the queue against the generator's truth: candidate recall and
#     candidates per true link (pairs of the two parties' lists).
# `homeward gen` writes the lists (a noise model independent of the engine).
# Prints a Markdown table.
#
#   bench/import_match.sh              # N=100000
#   N=20000 bench/import_match.sh
#   HOMEWARD_BIN=/path/to/release/homeward bench/import_match.sh
set -euo pipefail
cd "$(dirname "$0")/.."
N="${N:-100000}"
SEED="${SEED:-31}"
NEW=1000
if [ -n "${HOMEWARD_BIN:-}" ]; then
    bin="$HOMEWARD_BIN"
else
    cargo build -q --release -p homeward
    bin=target/release/homeward
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"

secs() { # command... -> prints elapsed seconds, keeps stdout in $work/out
    local t0 t1
    t0=$(date +%s.%N)
    "$@" > "$work/out" 2> "$work/err" || { cat "$work/err" >&2; exit 1; }
    t1=$(date +%s.%N)
    echo "$t1 - $t0" | bc
}

"$bin" gen --seed "$SEED" --left "$N" --matches $((N * 6 / 10)) --distractors $((N * 4 / 10)) \
    --out "$work" > /dev/null
head -n 1 "$work/right.csv" > "$work/right-later.csv"
tail -n "$NEW" "$work/right.csv" >> "$work/right-later.csv"
head -n $(( $(wc -l < "$work/right.csv") - NEW )) "$work/right.csv" > "$work/right-first.csv"
"$bin" org add Mediator --kind mediator --db "$db" > /dev/null
"$bin" org add "Party A" --kind party --side A --db "$db" > /dev/null
"$bin" org add "Party B" --kind party --side B --db "$db" > /dev/null

t_a=$(secs "$bin" import "$work/left.csv" --party "Party A" --no-match --db "$db")
t_b=$(secs "$bin" import "$work/right-first.csv" --party "Party B" --no-match --db "$db")
t_run=$(secs "$bin" matches --run --status pending -o "$work/q1.csv" --db "$db")
t_new=$(secs "$bin" import "$work/right-later.csv" --party "Party B" --db "$db")
new_line=$(grep '^matching:' "$work/out" || true)
"$bin" matches --status pending -o "$work/queue.csv" --db "$db" > /dev/null
t_verify=$(secs "$bin" ledger verify --db "$db")

python3 - "$work/truth.csv" "$work/queue.csv" <<'PY' > "$work/recall"
import csv, sys
truth = {(r["left_id"], r["right_id"]) for r in csv.DictReader(open(sys.argv[1]))}
pairs = []
for r in csv.DictReader(open(sys.argv[2])):
    if r["kind"] != "parties":
        continue
    a, b = (r["a_external_id"], r["b_external_id"])
    pairs.append((a, b) if r["a_party"] == "Party A" else (b, a))
found = sum(1 for p in pairs if p in truth)
print(f"{found / len(truth):.4f} {len(pairs) / len(truth):.2f} {found} {len(truth)} {len(pairs)}")
PY
read -r recall per_link found true_n cands < "$work/recall"

echo "| step | figure |"
echo "|---|---|"
echo "| import party A's list, $N rows (ledger events included) | ${t_a} s |"
echo "| import party B's list, $((N - NEW)) rows | ${t_b} s |"
echo "| first matching run over $((2 * N - NEW)) records, proposals written | ${t_run} s |"
echo "| import $NEW later rows of party B, then the matching run (the new rows against what is stored) | ${t_new} s |"
echo "| candidate recall (two parties' pairs) | $recall ($found of $true_n true pairs) |"
echo "| candidates per true link | $per_link ($cands candidates) |"
echo "| ledger verify | ${t_verify} s |"
echo
echo "after the later import: $new_line"
