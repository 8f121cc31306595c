//! `homeward link` and `homeward dedupe` end to end on generated lists:
//! the output contract, quality, errors that name the line, unreadable
//! values compared by what can be read, broken pipes.

use std::collections::HashSet;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

fn homeward() -> Command {
    Command::new(env!("CARGO_BIN_EXE_homeward"))
}

fn generate(dir: &Path, left: usize, matches: usize, distractors: usize) {
    let out = homeward()
        .args([
            "gen",
            "--seed",
            "11",
            "--left",
            &left.to_string(),
            "--matches",
            &matches.to_string(),
        ])
        .args(["--distractors", &distractors.to_string()])
        .arg("--out")
        .arg(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn read(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::Reader::from_path(path).unwrap();
    let header = r.headers().unwrap().iter().map(str::to_string).collect();
    let rows = r
        .records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

#[test]
fn link_writes_scored_explained_one_to_one_links() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1500, 900, 600);
    let out = dir.path().join("links.csv");
    let status = homeward()
        .arg("link")
        .arg(dir.path().join("left.csv"))
        .arg(dir.path().join("right.csv"))
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let (header, rows) = read(&out);
    assert_eq!(header[..3], ["left_id", "right_id", "score"]);
    assert!(header.contains(&"given_name_level".to_string()));
    let (_, truth) = read(&dir.path().join("truth.csv"));
    let truth: HashSet<(String, String)> = truth
        .into_iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let tp = rows
        .iter()
        .filter(|r| truth.contains(&(r[0].clone(), r[1].clone())))
        .count();
    let (precision, recall) = (
        tp as f64 / rows.len() as f64,
        tp as f64 / truth.len() as f64,
    );
    assert!(
        precision > 0.95 && recall > 0.85,
        "precision {precision:.3} recall {recall:.3}"
    );
    let lefts: HashSet<&String> = rows.iter().map(|r| &r[0]).collect();
    let rights: HashSet<&String> = rows.iter().map(|r| &r[1]).collect();
    assert_eq!(
        (lefts.len(), rights.len()),
        (rows.len(), rows.len()),
        "one-to-one"
    );
    // The engine links where its expected F1 peaks, i.e. where a pair's
    // probability is half that F1: never below 0.25 when the F1 is 0.5.
    for r in &rows {
        let p: f64 = r[2].parse().unwrap();
        assert!((0.25..=1.0).contains(&p), "{r:?}");
    }
    assert_eq!(header.last().map(String::as_str), Some("flag"));

    // A stricter threshold gives a subset.
    let strict = homeward()
        .arg("link")
        .arg(dir.path().join("left.csv"))
        .arg(dir.path().join("right.csv"))
        .args(["--threshold", "0.99"])
        .output()
        .unwrap();
    assert!(strict.status.success());
    let mut r = csv::Reader::from_reader(&strict.stdout[..]);
    let strict_rows = r.records().count();
    assert!(strict_rows < rows.len() && strict_rows > rows.len() / 2);
}

#[test]
fn dedupe_writes_a_cluster_per_record() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 600, 300, 100);
    // One list holding both sides: true pairs are duplicates.
    let (header, left) = read(&dir.path().join("left.csv"));
    let (_, right) = read(&dir.path().join("right.csv"));
    let both = dir.path().join("both.csv");
    let mut w = csv::Writer::from_path(&both).unwrap();
    w.write_record(&header).unwrap();
    for r in left.iter().chain(&right) {
        w.write_record(r).unwrap();
    }
    w.flush().unwrap();
    let out = homeward().arg("dedupe").arg(&both).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut r = csv::Reader::from_reader(&out.stdout[..]);
    assert_eq!(r.headers().unwrap(), vec!["id", "cluster_id"]);
    let clusters: std::collections::HashMap<String, String> = r
        .records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x[1].to_string()))
        .collect();
    assert_eq!(clusters.len(), left.len() + right.len());
    let (_, truth) = read(&dir.path().join("truth.csv"));
    let together = truth
        .iter()
        .filter(|t| clusters[&t[0]] == clusters[&t[1]])
        .count();
    assert!(
        together as f64 > 0.8 * truth.len() as f64,
        "{together} of {}",
        truth.len()
    );
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn malformed_input_is_an_error_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.csv", "id,given_name\n1,Анна\n");
    // (file, text, error; whether it is refused only with --strict)
    let cases = [
        (
            "date.csv",
            "id,birth_date\n1,2014-01-02\n2,31.02.2014\n",
            "date.csv line 3: birth_date '31.02.2014' is not a date",
            true,
        ),
        (
            "sex.csv",
            "id,sex\n1,M\n2,X\n",
            "sex.csv line 3: sex 'X'",
            true,
        ),
        (
            "noid.csv",
            "name,birth_date\nx,2014\n",
            "noid.csv: the header has no `id` column",
            false,
        ),
        (
            "short.csv",
            "id,given_name,family_name\n1,Анна\n",
            "short.csv line 2",
            false,
        ),
        (
            "emptyid.csv",
            "id,given_name\n,Анна\n",
            "emptyid.csv line 2: empty id",
            false,
        ),
    ];
    for (name, text, expect, only_strict) in cases {
        let bad = write(dir.path(), name, text);
        for strict in [true, false] {
            let mut cmd = homeward();
            cmd.arg("link").arg(&bad).arg(&good);
            if strict {
                cmd.arg("--strict");
            }
            let out = cmd.output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(err.contains(expect), "{name}, strict {strict}: {err}");
            let refused = strict || !only_strict;
            assert_eq!(!out.status.success(), refused, "{name}, strict {strict}");
            if refused {
                assert!(!err.contains("compared as"), "{name}: {err}");
            } else {
                assert!(err.contains("compared as"), "{name}: {err}");
            }
        }
    }
}

#[test]
fn missing_columns_and_other_columns_are_fine() {
    let dir = tempfile::tempdir().unwrap();
    let l = write(
        dir.path(),
        "l.csv",
        "id,note,given_name,family_name,birth_date\n1,x,Олександр,Шевченко,05.03.2014\n",
    );
    let r = write(
        dir.path(),
        "r.csv",
        "given_name,id,family_name,birth_date\nАлександр,a,Шевченко,2014-03-05\n",
    );
    let out = homeward().arg("link").arg(&l).arg(&r).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("left_id,right_id,score"), "{text}");
}

#[test]
fn broken_pipe_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 3000, 2000, 1000);
    let mut child = homeward()
        .arg("link")
        .arg(dir.path().join("left.csv"))
        .arg(dir.path().join("right.csv"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read the header only, then hang up.
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 16];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Appends one record to a generated list, in the order of its header.
fn append(path: &Path, values: &[(&str, impl AsRef<str>)]) {
    let text = std::fs::read_to_string(path).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let row: Vec<&str> = header
        .iter()
        .map(|h| {
            values
                .iter()
                .find(|(k, _)| k == h)
                .map_or("", |(_, v)| v.as_ref())
        })
        .collect();
    std::fs::write(path, format!("{text}{}\n", row.join(","))).unwrap();
}

#[test]
fn two_errors_at_once_are_found_and_explained() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1500, 900, 600);
    let (left, right) = (dir.path().join("left.csv"), dir.path().join("right.csv"));
    let child = |id, family, given, date| {
        [
            ("id", id),
            ("family_name", family),
            ("given_name", given),
            ("patronymic", "Петрович"),
            ("sex", "M"),
            ("birth_date", date),
            ("birth_place", "Херсон"),
        ]
    };
    // Family name mistyped and only the year given; and a date with two
    // digits transposed in another script.
    append(&left, &child("hw-1", "Гордієнко", "Ярослав", "2012-05-17"));
    append(&right, &child("hw-1r", "Гордіеико", "Ярослав", "2012"));
    append(&left, &child("hw-2", "Стельмащук", "Остап", "2011-03-13"));
    append(&right, &child("hw-2r", "Стельмащук", "Остап", "2011-03-31"));
    let out = homeward()
        .arg("link")
        .arg(&left)
        .arg(&right)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    let find = |l: &str| rows.iter().find(|x| &x[0] == l).cloned();
    let first = find("hw-1").expect("hw-1 not linked");
    assert_eq!(&first[1], "hw-1r");
    assert_eq!(&first[col("family_name_level")], "similar");
    assert_eq!(&first[col("birth_date_level")], "year");
    let second = find("hw-2").expect("hw-2 not linked");
    assert_eq!(&second[1], "hw-2r");
    assert_eq!(&second[col("birth_date_level")], "two_digits");
}

#[test]
fn review_out_writes_the_possible_band_and_verbose_reports_no_drops() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1500, 900, 600);
    let (links, review) = (dir.path().join("links.csv"), dir.path().join("review.csv"));
    let out = homeward()
        .arg("link")
        .arg(dir.path().join("left.csv"))
        .arg(dir.path().join("right.csv"))
        .arg("-o")
        .arg(&links)
        .arg("--review-out")
        .arg(&review)
        .args(["--review-threshold", "0.05", "-v"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    for want in ["no pairs dropped", "expected:", "precision", "walked"] {
        assert!(err.contains(want), "{want}: {err}");
    }
    let (link_header, link_rows) = read(&links);
    let (header, rows) = read(&review);
    assert_eq!(header, link_header, "the review file has the link columns");
    assert!(!rows.is_empty());
    let linked: HashSet<(String, String)> = link_rows
        .iter()
        .map(|r| (r[0].clone(), r[1].clone()))
        .collect();
    let flag = header.len() - 1;
    for r in &rows {
        assert!(!linked.contains(&(r[0].clone(), r[1].clone())), "{r:?}");
        let p: f64 = r[2].parse().unwrap();
        assert!(p >= 0.05 || r[flag] == "renamed", "{r:?}");
        assert!(["", "renamed"].contains(&r[flag].as_str()), "{r:?}");
        assert!(!r[header.iter().position(|h| h == "given_name_level").unwrap()].is_empty());
    }
}

/// The header and rows of a link output.
fn parse_links(csv_text: &[u8]) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(csv_text);
    let header = r.headers().unwrap().clone();
    (header, r.records().map(|x| x.unwrap()).collect())
}

#[test]
fn a_date_that_does_not_exist_no_longer_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    generate(dir.path(), 1500, 900, 600);
    let (left, right) = (dir.path().join("left.csv"), dir.path().join("right.csv"));
    let first_line = std::fs::read_to_string(&right).unwrap().lines().count() + 1;
    // Six children agreeing on everything but a birth date the right list
    // mistyped; the last one's sex is also written `?` there.
    // id, family, given, sex, patronymic, left date, right date, compared at
    let children = [
        "bv-1,Кравчишин,Богдан,M,Петрович,2012-04-13,2012-04-31,year_month",
        "bv-2,Лисенчук,Мирослава,F,Іванівна,2011-03-13,2011-13-03,year",
        "bv-3,Гнатишин,Орест,M,Андрійович,2013-05-17,2013-O5-17,missing",
        "bv-4,Федорчак,Зоряна,F,Петрівна,2010-06-04,00.06.2010,year_month",
        "bv-5,Дзюбенко,Тарас,M,Іванович,2012-09-21,весна 2012,missing",
        "bv-6,Ковальчин,Соломія,F,Андріївна,2014-02-14,2014-02-30,year_month",
    ];
    let children: Vec<Vec<&str>> = children.iter().map(|c| c.split(',').collect()).collect();
    for (i, c) in children.iter().enumerate() {
        let row = |id: String, sex: &str, date: &str| {
            [
                ("id", id),
                ("family_name", c[1].into()),
                ("given_name", c[2].into()),
                ("patronymic", c[4].into()),
                ("sex", sex.into()),
                ("birth_date", date.into()),
                ("birth_place", "Тернопіль".into()),
            ]
        };
        let right_sex = if i == 5 { "?" } else { c[3] };
        append(&left, &row(c[0].into(), c[3], c[5]));
        append(&right, &row(format!("{}r", c[0]), right_sex, c[6]));
    }

    let out = homeward()
        .arg("link")
        .arg(&left)
        .arg(&right)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    // The first five are quoted with what they were compared as; the sixth
    // line is only counted.
    let line = |n: usize| format!("right.csv line {}: ", first_line + n);
    for want in [
        format!("{}birth_date '2012-04-31' is not a date", line(0)),
        "April has 30 days in 2012; compared as 2012-04".into(),
        format!("{}birth_date '2011-13-03' is not a date", line(1)),
        "month 13 is not between 1 and 12; compared as 2011".into(),
        format!("{}birth_date '2013-O5-17' is not a date", line(2)),
        format!("{}birth_date '00.06.2010' is not a date", line(3)),
        format!("{}birth_date 'весна 2012' is not a date", line(4)),
        "right.csv: 7 unreadable values (birth_date 6, sex 1) compared by what could be read; \
         the first 5 shown"
            .into(),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(!err.contains(&line(5)), "{err}");
    assert!(!err.contains("left.csv"), "{err}");
    assert_eq!(err.matches("compared as").count(), 5, "{err}");

    let (header, rows) = parse_links(&out.stdout);
    let level = header.iter().position(|h| h == "birth_date_level").unwrap();
    for c in &children {
        let link = rows
            .iter()
            .find(|r| &r[0] == c[0])
            .unwrap_or_else(|| panic!("{} not linked", c[0]));
        assert_eq!(&link[1], format!("{}r", c[0]));
        assert_eq!(&link[level], c[7], "{}", c[0]);
    }

    // --strict refuses the list at its first unreadable value, and writes
    // nothing.
    let strict = homeward()
        .arg("link")
        .arg(&left)
        .arg(&right)
        .arg("--strict")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&strict.stderr);
    assert!(!strict.status.success());
    assert!(
        err.contains(&format!("{}birth_date '2012-04-31' is not a date", line(0))),
        "{err}"
    );
    assert!(!err.contains("compared as"), "{err}");
    assert!(strict.stdout.is_empty());

    // dedupe reads its list the same way.
    let out = homeward().arg("dedupe").arg(&right).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("right.csv: 7 unreadable values"), "{err}");
    let out = homeward()
        .args(["dedupe", "--strict"])
        .arg(&right)
        .output()
        .unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&line(0)), "{err}");
}
