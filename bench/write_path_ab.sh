#!/usr/bin/env bash
# One client through the store's write path (the `write_path` bench of
# homeward-store), this working tree against another revision, in the same
# run: the two builds alternate RUNS times, so a noisy machine or a disk
# that changes speed by the hour weighs on both alike. Prints each run and
# the medians as a Markdown table, with the bare INSERT of each run (the
# disk's own speed).
#
#   bench/write_path_ab.sh f864e7b        # the code issue 7 measured: 1,550/s then
#   RUNS=5 bench/write_path_ab.sh HEAD~3
#   HOMEWARD_BENCH_DIR=/var/tmp bench/write_path_ab.sh f864e7b   # where the temp DBs go
#
# The other revision is built in a temporary git worktree, into a target
# directory of its own kept under CARGO_TARGET_DIR (write_path_ab/): cargo
# names a workspace's artifacts by their path inside the workspace, so two
# checkouts sharing one target directory would link each other's crates.
set -euo pipefail
cd "$(dirname "$0")/.."
rev="${1:?usage: bench/write_path_ab.sh REVISION}"
RUNS="${RUNS:-3}"
export HOMEWARD_BENCH_VERIFY_SIZES="${HOMEWARD_BENCH_VERIFY_SIZES:-1000}"
export HOMEWARD_BENCH_DIR="${HOMEWARD_BENCH_DIR:-${TMPDIR:-/tmp}}"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$PWD/$CARGO_TARGET_DIR" ;; esac

work=$(mktemp -d)
trap 'git worktree remove --force "$work/tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

# Builds the bench in directory $1 with target directory $2 and copies its
# executable to $3.
build() {
    local out exe
    if ! out=$(cd "$1" && CARGO_TARGET_DIR="$2" cargo bench -p homeward-store --bench write_path --no-run 2>&1); then
        printf '%s\n' "$out" >&2
        echo "write_path_ab: the bench did not build in $1" >&2
        exit 1
    fi
    exe=$(printf '%s\n' "$out" | sed -n 's/.*Executable benches\/write_path.rs (\(.*\))$/\1/p')
    cp "$exe" "$3"
}
git worktree add --detach -q "$work/tree" "$rev"
build "$work/tree" "$CARGO_TARGET_DIR/write_path_ab" "$work/other"
build . "$CARGO_TARGET_DIR" "$work/this"

# Runs executable $1 from the store crate (as `cargo bench` does) and prints
# "commands/s p50 bare-rows/s".
measure() {
    (cd crates/store && "$1" --bench) | awk '
        /^\| write path/ { for (i = 1; i <= NF; i++) { if ($i == "commands/s") c = $(i-1); if ($i == "(p50") p = $(i+1) } }
        /^\| bare INSERT/ { for (i = 1; i <= NF; i++) if ($i == "rows/s") b = $(i-1) }
        END { if (c == "" || b == "") exit 1; print c, p, b }'
}

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

echo "| run | $rev: commands/s (p50 ms) | this tree: commands/s (p50 ms) | bare INSERT rows/s (other / this) |"
echo "|---|---:|---:|---:|"
: >"$work/a"
: >"$work/b"
for i in $(seq "$RUNS"); do
    read -r ca pa ba < <(measure "$work/other") || { echo "write_path_ab: run $i of $rev printed no figures" >&2; exit 1; }
    read -r cb pb bb < <(measure "$work/this") || { echo "write_path_ab: run $i of this tree printed no figures" >&2; exit 1; }
    echo "$ca" >>"$work/a"
    echo "$cb" >>"$work/b"
    echo "| $i | $ca ($pa) | $cb ($pb) | $ba / $bb |"
done
ma=$(median <"$work/a")
mb=$(median <"$work/b")
echo "| median | $ma | $mb | this tree / $rev = $(awk -v a="$ma" -v b="$mb" 'BEGIN { printf "%.2f", b / a }') |"
