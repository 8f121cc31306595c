//! `homeward import` end to end, on real files with synthetic children:
//! party A's CSV and party B's workbook go in; a file with one bad date is
//! refused whole; the same file twice changes nothing; a changed row
//! updates its record; the ledger verifies afterwards.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn homeward() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_homeward"));
    c.env_remove("HOMEWARD_DB")
        .env_remove("HOMEWARD_LEDGER_KEY");
    c
}

fn run(args: &[&str]) -> Output {
    homeward().args(args).output().unwrap()
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Runs and expects success; returns standard output.
fn ok(args: &[&str]) -> String {
    let out = run(args);
    assert!(
        out.status.success(),
        "{args:?} failed:\n{}\n{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    text(&out.stdout)
}

/// A database with the mediator, two parties and a transit state.
fn world() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("homeward.db");
    let d = db.to_str().unwrap();
    ok(&["org", "add", "Mediator", "--kind", "mediator", "--db", d]);
    ok(&[
        "org", "add", "Party A", "--kind", "party", "--side", "A", "--db", d,
    ]);
    ok(&[
        "org", "add", "Party B", "--kind", "party", "--side", "B", "--db", d,
    ]);
    ok(&["org", "add", "Transit", "--kind", "transit", "--db", d]);
    (dir, db)
}

fn query(db: &Path, sql: &str) -> Vec<String> {
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        use sqlx::{Connection, Row};
        sqlx::any::install_default_drivers();
        let mut conn = sqlx::AnyConnection::connect(&format!("sqlite://{}", db.display()))
            .await
            .unwrap();
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql.to_owned()))
            .fetch_all(&mut conn)
            .await
            .unwrap();
        conn.close().await.unwrap();
        rows.iter()
            .map(|r| {
                r.try_get::<String, _>(0)
                    .or_else(|_| r.try_get::<i64, _>(0).map(|n| n.to_string()))
                    .unwrap()
            })
            .collect()
    })
}

fn children(db: &Path) -> i64 {
    query(db, "SELECT COUNT(*) FROM children")[0]
        .parse()
        .unwrap()
}

fn ledger_size(db: &Path) -> i64 {
    query(db, "SELECT COUNT(*) FROM ledger_entries")[0]
        .parse()
        .unwrap()
}

const FAMILY: [&str; 10] = [
    "Шевченко",
    "Коваленко",
    "Бондаренко",
    "Ткаченко",
    "Кравченко",
    "Олійник",
    "Шевчук",
    "Коваль",
    "Поліщук",
    "Мельник",
];
const GIVEN: [&str; 10] = [
    "Олена",
    "Іван",
    "Марія",
    "Андрій",
    "Софія",
    "Дмитро",
    "Анна",
    "Богдан",
    "Вікторія",
    "Максим",
];

/// Party A's list: Ukrainian headers, semicolons, a byte-order mark, as a
/// spreadsheet program saves it; 20 children, `bad` as row 17's birth date
/// if given.
fn party_a_csv(bad: Option<&str>) -> String {
    let mut s = String::from(
        "\u{feff}Ідентифікатор;Прізвище;Ім'я;По батькові;Стать;Дата народження;Місце народження\r\n",
    );
    for i in 0..20 {
        let born = match bad {
            Some(b) if i == 16 => b.to_owned(),
            _ => format!("{:02}.{:02}.{}", 1 + i % 28, 1 + i % 12, 2010 + i % 8),
        };
        s.push_str(&format!(
            "UA-{:04};{};{};Петрович;{};{born};Харків\r\n",
            i + 1,
            FAMILY[i % 10],
            GIVEN[(i * 3) % 10],
            if i % 2 == 0 { "ж" } else { "ч" },
        ));
    }
    s
}

/// Party B's workbook: a title row, Russian headers, date cells.
fn party_b_xlsx(path: &Path) {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let mut wb = Workbook::new();
    let sheet = wb.add_worksheet();
    let date = Format::new().set_num_format("dd.mm.yyyy");
    sheet
        .write_string(0, 0, "Список детей, переданный посреднику")
        .unwrap();
    for (c, h) in ["ИД", "Фамилия", "Имя", "Отчество", "Пол", "Дата рождения"]
        .iter()
        .enumerate()
    {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    let people = [
        ("RU-1", "Петренко", "Ирина", "Сергеевна", "ж", (2012, 5, 1)),
        ("RU-2", "Воробьёв", "Пётр", "Ильич", "м", (2011, 9, 23)),
        ("RU-3", "Смирнова", "Алёна", "Петровна", "ж", (2015, 1, 30)),
        ("RU-4", "Кузнецов", "Артём", "Юрьевич", "м", (2013, 12, 2)),
        ("RU-5", "Шевченко", "Олег", "Иванович", "м", (2014, 7, 14)),
    ];
    for (i, (id, fam, given, pat, sex, (y, m, d))) in people.iter().enumerate() {
        let r = 3 + i as u32;
        sheet.write_string(r, 0, *id).unwrap();
        sheet.write_string(r, 1, *fam).unwrap();
        sheet.write_string(r, 2, *given).unwrap();
        sheet.write_string(r, 3, *pat).unwrap();
        sheet.write_string(r, 4, *sex).unwrap();
        let dt = ExcelDateTime::from_ymd(*y, *m, *d).unwrap();
        sheet.write_datetime_with_format(r, 5, &dt, &date).unwrap();
    }
    wb.save(path).unwrap();
}

#[test]
fn two_parties_lists_come_in_once_and_changes_update_their_records() {
    let (dir, db) = world();
    let d = db.to_str().unwrap();
    let a = dir.path().join("party-a.csv");
    std::fs::write(&a, party_a_csv(None)).unwrap();
    let out = ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    assert!(
        out.starts_with("party-a.csv: CSV, UTF-8 with byte-order mark, semicolon separated, header on line 1, 20 data rows\n"),
        "{out}"
    );
    assert!(
        out.contains("  Дата народження -> birth_date (by its header)"),
        "{out}"
    );
    assert!(
        out.contains("imported 20 rows for 'Party A': 20 new, 0 updated, 0 unchanged (import "),
        "{out}"
    );
    assert_eq!(children(&db), 20);

    let b = dir.path().join("party-b.xlsx");
    party_b_xlsx(&b);
    let out = ok(&[
        "import",
        b.to_str().unwrap(),
        "--party",
        "Party B",
        "--db",
        d,
    ]);
    assert!(
        out.contains("XLSX, sheet 'Sheet1', header on line 3, 5 data rows"),
        "{out}"
    );
    assert!(out.contains("5 new, 0 updated, 0 unchanged"), "{out}");
    assert_eq!(children(&db), 25);
    // Each party's names are kept in its own script and language.
    let langs = query(
        &db,
        "SELECT DISTINCT json_extract(details, '$.names[0].lang') FROM children c \
         JOIN organisations o ON o.id = c.org_id WHERE o.name = 'Party B'",
    );
    assert_eq!(langs, ["ru"]);
    let langs = query(
        &db,
        "SELECT DISTINCT json_extract(details, '$.names[0].lang') FROM children c \
         JOIN organisations o ON o.id = c.org_id WHERE o.name = 'Party A'",
    );
    assert_eq!(langs, ["uk"]);
    let born = query(
        &db,
        "SELECT json_extract(details, '$.birth_date.day') FROM children WHERE external_id = 'RU-2'",
    );
    assert_eq!(born, ["23"], "a date cell is a date");

    // The same file again: nothing new, nothing changed.
    let out = ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    assert!(out.contains("0 new, 0 updated, 20 unchanged"), "{out}");
    assert_eq!(children(&db), 25);

    // One row corrected, one added: a dry run says so and stores nothing.
    let changed = party_a_csv(None).replace("UA-0005;Кравченко", "UA-0005;Кравчук")
        + "UA-0021;Мороз;Тарас;Іванович;ч;2015;Суми\r\n";
    std::fs::write(&a, changed).unwrap();
    let before = ledger_size(&db);
    let out = ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--dry-run",
        "--db",
        d,
    ]);
    assert!(
        out.contains("dry run, nothing stored: importing 21 rows for 'Party A' would give 1 new, 1 updated, 19 unchanged"),
        "{out}"
    );
    assert_eq!(ledger_size(&db), before);
    let out = ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    assert!(out.contains("1 new, 1 updated, 19 unchanged"), "{out}");
    assert_eq!(children(&db), 26);
    let name = query(
        &db,
        "SELECT json_extract(details, '$.names[0].family_name') FROM children WHERE external_id = 'UA-0005'",
    );
    assert_eq!(name, ["Кравчук"]);
    assert_eq!(query(&db, "SELECT COUNT(*) FROM imports")[0], "4");

    let out = ok(&["ledger", "verify", "--db", d]);
    assert!(out.starts_with("ledger verified: "), "{out}");
}

#[test]
fn a_bad_date_in_row_17_refuses_the_whole_file() {
    let (dir, db) = world();
    let d = db.to_str().unwrap();
    let a = dir.path().join("party-a.csv");
    std::fs::write(&a, party_a_csv(None)).unwrap();
    ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    let (count, size) = (children(&db), ledger_size(&db));

    // The contract's own header names this time, and commas.
    let bad = party_a_csv(Some("1945-04-93"))
        .replace(
            "\u{feff}Ідентифікатор;Прізвище;Ім'я;По батькові;Стать;Дата народження;Місце народження",
            "id;family_name;given_name;patronymic;sex;birth_date;birth_place",
        )
        .replace("UA-", "UB-")
        .replace(';', ",");
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, bad).unwrap();
    let out = run(&[
        "import",
        file.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.starts_with("row 17 (line 18), column birth_date: value '1945-04-93' — "),
        "{err}"
    );
    assert!(
        err.contains("error: 1 problem(s) in 'bad.csv'; nothing was imported"),
        "{err}"
    );
    assert!(text(&out.stdout).contains("bad.csv: CSV, UTF-8, comma separated"));
    assert_eq!(children(&db), count);
    assert_eq!(ledger_size(&db), size);
    assert!(ok(&["ledger", "verify", "--db", d]).starts_with("ledger verified: "));
}

#[test]
fn imports_are_refused_for_the_wrong_party_or_person() {
    let (dir, db) = world();
    let d = db.to_str().unwrap();
    let a = dir.path().join("party-a.csv");
    std::fs::write(&a, party_a_csv(None)).unwrap();
    let file = a.to_str().unwrap();

    let out = run(&["import", file, "--party", "Nobody", "--db", d]);
    assert!(!out.status.success());
    assert_eq!(
        text(&out.stderr).trim(),
        "error: there is no organisation named 'Nobody'"
    );
    let out = run(&["import", file, "--party", "Transit", "--db", d]);
    assert!(
        text(&out.stderr).contains("is a transit organisation; lists are imported for a party")
    );

    // Party B's officer may not import party A's list; party A's may.
    for (login, org) in [("officer-b", "Party B"), ("officer-a", "Party A")] {
        let mut child = homeward()
            .args([
                "user",
                "add",
                login,
                "--org",
                org,
                "--role",
                "party_officer",
                "--db",
                d,
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        use std::io::Write;
        child
            .stdin
            .take()
            .unwrap()
            .write_all(b"a long enough password\n")
            .unwrap();
        assert!(child.wait().unwrap().success());
    }
    let out = run(&[
        "import",
        file,
        "--party",
        "Party A",
        "--as",
        "officer-b",
        "--db",
        d,
    ]);
    assert!(!out.status.success());
    assert!(
        text(&out.stderr)
            .contains("a party's lists are imported by mediator staff or by that party's officers"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(children(&db), 0);
    let out = ok(&[
        "import",
        file,
        "--party",
        "Party A",
        "--as",
        "officer-a",
        "--db",
        d,
    ]);
    assert!(out.contains("20 new"), "{out}");
    // The ledger names who imported it.
    let by = query(
        &db,
        "SELECT COUNT(*) FROM ledger_entries WHERE kind = 'list_imported'",
    );
    assert_eq!(by, ["1"]);

    // An unknown language and a missing database are refused before anything.
    let out = run(&[
        "import", file, "--party", "Party A", "--lang", "de", "--db", d,
    ]);
    assert!(text(&out.stderr).contains("'de' is not a language of names"));
    let missing = dir.path().join("none.db");
    let out = run(&[
        "import",
        file,
        "--party",
        "Party A",
        "--db",
        missing.to_str().unwrap(),
    ]);
    assert!(!out.status.success());
    assert!(!missing.exists(), "no database is created by an import");
}

/// Rows of the linkage contract's columns as a CSV file.
fn contract_csv(rows: &[homeward_synth::Row]) -> String {
    let mut s = String::from("id,family_name,given_name,patronymic,sex,birth_date,birth_place\n");
    for r in rows {
        s.push_str(&format!(
            "{},{},{},{},{},{},{}\n",
            r.id, r.family_name, r.given_name, r.patronymic, r.sex, r.birth_date, r.birth_place
        ));
    }
    s
}

/// The same as a workbook, every cell a string.
fn contract_xlsx(rows: &[homeward_synth::Row], path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let sheet = wb.add_worksheet();
    let header = [
        "id",
        "family_name",
        "given_name",
        "patronymic",
        "sex",
        "birth_date",
        "birth_place",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let cells = [
            &r.id,
            &r.family_name,
            &r.given_name,
            &r.patronymic,
            &r.sex,
            &r.birth_date,
            &r.birth_place,
        ];
        for (c, v) in cells.iter().enumerate() {
            sheet
                .write_string(1 + i as u32, c as u16, v.as_str())
                .unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// `homeward matches` as parsed CSV rows (header first).
fn matches_csv(args: &[&str]) -> Vec<Vec<String>> {
    let out = ok(args);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(out.as_bytes());
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn imports_propose_the_two_parties_pairs_for_review() {
    let (dir, db) = world();
    let d = db.to_str().unwrap();
    let lists = homeward_synth::gen_lists(&homeward_synth::GenConfig {
        seed: 11,
        left: 120,
        matches: 80,
        distractors: 40,
    });
    let a = dir.path().join("party-a.csv");
    std::fs::write(&a, contract_csv(&lists.left)).unwrap();
    let b = dir.path().join("party-b.xlsx");
    contract_xlsx(&lists.right, &b);
    let out = ok(&[
        "import",
        a.to_str().unwrap(),
        "--party",
        "Party A",
        "--db",
        d,
    ]);
    assert!(
        out.contains("matching: 120 children's records (all, models fitted anew)"),
        "{out}"
    );
    let out = ok(&[
        "import",
        b.to_str().unwrap(),
        "--party",
        "Party B",
        "--db",
        d,
    ]);
    assert!(out.contains("120 new, 0 updated, 0 unchanged"), "{out}");
    // Party B's rows against party A's stored list, with the models kept
    // from the first run (the lists have not more than doubled).
    assert!(
        out.contains("matching: 120 changed of 240 children's records (kept models)"),
        "{out}"
    );

    let rows = matches_csv(&["matches", "--status", "pending", "--db", d]);
    assert_eq!(
        rows[0][..5],
        [
            "a_party",
            "a_external_id",
            "b_party",
            "b_external_id",
            "score"
        ]
    );
    let truth: std::collections::HashSet<(String, String)> = lists.truth.iter().cloned().collect();
    let parties: Vec<(String, String)> = rows[1..]
        .iter()
        .filter(|r| r[5] == "parties")
        .map(|r| {
            assert_eq!(r[7], "pending");
            let score: f64 = r[4].parse().unwrap();
            assert!((0.0..=1.0).contains(&score), "{r:?}");
            if r[0] == "Party A" {
                assert_eq!(r[2], "Party B");
                (r[1].clone(), r[3].clone())
            } else {
                (r[3].clone(), r[1].clone())
            }
        })
        .collect();
    let found = parties.iter().filter(|p| truth.contains(*p)).count();
    assert!(
        found as f64 >= 0.95 * truth.len() as f64,
        "{found} of {} true pairs among the candidates",
        truth.len()
    );
    assert!(
        parties.len() <= 2 * truth.len(),
        "{} candidates for {} true pairs",
        parties.len(),
        truth.len()
    );

    // The same workbook again: no new records, no new matches.
    let queued = rows.len();
    let out = ok(&[
        "import",
        b.to_str().unwrap(),
        "--party",
        "Party B",
        "--db",
        d,
    ]);
    assert!(out.contains("0 new, 0 updated, 120 unchanged"), "{out}");
    assert!(out.contains(", 0 new in the review queue"), "{out}");
    assert_eq!(children(&db), 240);
    let again = matches_csv(&["matches", "--status", "pending", "--db", d]);
    assert_eq!(again.len(), queued);

    // To a file, which must not exist yet; the other statuses are empty.
    let file = dir.path().join("queue.csv");
    ok(&["matches", "-o", file.to_str().unwrap(), "--db", d]);
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("a_party,a_external_id,b_party,b_external_id,score,"));
    let refused = run(&["matches", "-o", file.to_str().unwrap(), "--db", d]);
    assert!(!refused.status.success());
    assert_eq!(
        matches_csv(&["matches", "--status", "confirmed", "--db", d]).len(),
        1
    );

    let out = ok(&["ledger", "verify", "--db", d]);
    assert!(out.starts_with("ledger verified: "), "{out}");
}

#[test]
fn a_bulk_load_without_matching_warns_of_nothing_and_one_run_proposes_afterwards() {
    let (dir, db) = world();
    let d = db.to_str().unwrap();
    let lists = homeward_synth::gen_lists(&homeward_synth::GenConfig {
        seed: 12,
        left: 40,
        matches: 30,
        distractors: 10,
    });
    let a = dir.path().join("party-a.csv");
    std::fs::write(&a, contract_csv(&lists.left)).unwrap();
    let b = dir.path().join("party-b.csv");
    std::fs::write(&b, contract_csv(&lists.right)).unwrap();
    for (file, party) in [(&a, "Party A"), (&b, "Party B")] {
        let out = run(&[
            "import",
            file.to_str().unwrap(),
            "--party",
            party,
            "--no-match",
            "--db",
            d,
        ]);
        let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
        assert!(out.status.success(), "{stdout}\n{stderr}");
        assert!(stdout.contains("40 new, 0 updated"), "{stdout}");
        // Matching was not asked for: no run, and no warning that it failed.
        assert!(!stdout.contains("matching:"), "{stdout}");
        assert!(!stderr.contains("warning"), "{stderr}");
    }
    assert_eq!(
        matches_csv(&["matches", "--status", "pending", "--db", d]).len(),
        1,
        "only the header before the run"
    );
    // The run's line goes to stderr, the queue as CSV to stdout.
    let out = run(&["matches", "--run", "--db", d]);
    let stderr = text(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("matching: 80 children's records (all, models fitted anew)"),
        "{stderr}"
    );
    let rows = matches_csv(&["matches", "--status", "pending", "--db", d]);
    let truth: std::collections::HashSet<(String, String)> = lists.truth.iter().cloned().collect();
    let found = rows[1..]
        .iter()
        .filter(|r| r[5] == "parties")
        .filter(|r| {
            truth.contains(&(r[1].clone(), r[3].clone()))
                || truth.contains(&(r[3].clone(), r[1].clone()))
        })
        .count();
    assert!(
        found >= 25,
        "{found} of {} true pairs proposed",
        truth.len()
    );
}
