//! A year's intake as entities really send it (`tests/data/intake-2024/`, issue 22) through
//! `qfill compile` and `qfill report`: the workbook read back with calamine, the CSV files with
//! the csv crate, the JSON model with serde_json and the page with scraper, each compared with
//! figures `intake/expected.rs` computes from the answers files themselves and tables written
//! by hand.

mod expected;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fs;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use expected::{DIR, IOM, ROSTER};
use scraper::{Html, Selector};

use crate::common::{Scratch, qfill, repo};

/// A sheet as text, as CSV writes it: the header, then rows.
pub struct Table {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

impl Table {
    pub fn at(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column `{column}` in {:?}", self.header))
    }

    pub fn has(&self, column: &str) -> bool {
        self.header.iter().any(|h| h == column)
    }

    pub fn get(&self, row: usize, column: &str) -> &str {
        &self.rows[row][self.at(column)]
    }

    /// Rows whose `column` is `value`.
    pub fn rows_where(&self, column: &str, value: &str) -> Vec<&Vec<String>> {
        let at = self.at(column);
        self.rows.iter().filter(|r| r[at] == value).collect()
    }

    /// Column `column` of every row.
    pub fn column(&self, column: &str) -> Vec<&str> {
        let at = self.at(column);
        self.rows.iter().map(|r| r[at].as_str()).collect()
    }
}

fn int(s: &str) -> i64 {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// Every sheet of one output, by name, and the names in order.
pub struct Tables {
    pub format: &'static str,
    pub names: Vec<String>,
    pub sheets: HashMap<String, Table>,
}

impl Tables {
    pub fn sheet(&self, name: &str) -> &Table {
        self.sheets
            .get(name)
            .unwrap_or_else(|| panic!("{}: no sheet {name}", self.format))
    }
}

fn data_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) if f.fract() == 0.0 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        other => other.to_string(),
    }
}

fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn read_workbook(path: &Path) -> Tables {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names = book.sheet_names();
    let mut sheets = HashMap::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let mut rows = range
            .rows()
            .map(|r| r.iter().map(data_text).collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        sheets.insert(
            name.clone(),
            Table {
                header,
                rows: rows.collect(),
            },
        );
    }
    Tables {
        format: "xlsx",
        names,
        sheets,
    }
}

fn read_csv_folder(folder: &Path, names: &[String]) -> Tables {
    let mut sheets = HashMap::new();
    for name in names {
        let mut reader = csv::Reader::from_path(folder.join(format!("{name}.csv"))).unwrap();
        let header = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect();
        sheets.insert(name.clone(), Table { header, rows });
    }
    Tables {
        format: "csv",
        names: names.to_vec(),
        sheets,
    }
}

fn read_json(text: &str) -> Tables {
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let mut names = Vec::new();
    let mut sheets = HashMap::new();
    for sheet in doc["sheets"].as_array().unwrap() {
        let name = sheet["name"].as_str().unwrap().to_string();
        let header = sheet["columns"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        let rows = sheet["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r.as_array().unwrap().iter().map(json_text).collect())
            .collect();
        names.push(name.clone());
        sheets.insert(name, Table { header, rows });
    }
    Tables {
        format: "json",
        names,
        sheets,
    }
}

/// `qfill ARGS` from the checkout's root (so that files are named `tests/data/…`): the exit
/// code and standard error.
fn run(args: &[&str]) -> (Option<i32>, String, Vec<u8>) {
    let output = qfill()
        .current_dir(repo(""))
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (output.status.code(), stderr, output.stdout)
}

/// The intake compiled with the roster (and `extra` flags) to a workbook, CSV files and JSON:
/// the three outputs read back, and compile's standard error.
fn compiled(extra: &[&str]) -> (Vec<Tables>, String) {
    let dir = Scratch::new();
    let mut outputs: Vec<Tables> = Vec::new();
    let mut stderr = String::new();
    for (format, out) in [
        ("xlsx", dir.at("book.xlsx")),
        ("csv", dir.at("csv/")),
        ("json", dir.at("model.json")),
    ] {
        let mut args = vec!["compile", DIR, IOM, "--roster", ROSTER, "-o", out.as_str()];
        args.extend(extra);
        let (code, err, _) = run(&args);
        // Two files do not parse: the run is invalid, and the tables are written.
        assert_eq!(code, Some(1), "{format}: {err}");
        stderr = err;
        outputs.push(match format {
            "xlsx" => read_workbook(Path::new(&out)),
            "json" => read_json(&fs::read_to_string(&out).unwrap()),
            _ => {
                let names = outputs[0].names.clone();
                read_csv_folder(Path::new(&out), &names)
            }
        });
    }
    (outputs, stderr)
}

/// The page of the intake with the roster (and `extra` flags).
fn page(extra: &[&str]) -> Html {
    let dir = Scratch::new();
    let out = dir.at("report.html");
    let mut args = vec!["report", DIR, IOM, "--roster", ROSTER, "-o", out.as_str()];
    args.extend(extra);
    let (code, stderr, _) = run(&args);
    assert_eq!(code, Some(1), "{stderr}");
    Html::parse_document(&fs::read_to_string(&out).unwrap())
}

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn texts(doc: &Html, selector: &str) -> Vec<String> {
    doc.select(&sel(selector))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The number a page shows in an element `data-count=NAME`.
fn count(doc: &Html, name: &str) -> i64 {
    let found = texts(doc, &format!("[data-count={name}]"));
    int(found.first().unwrap_or_else(|| panic!("no count {name}")))
}

#[test]
fn every_response_is_keyed_and_matched_to_the_roster_however_it_names_itself() {
    let files = expected::files();
    assert_eq!(files.len(), expected::KEYS.len(), "every file has its key");
    let (outputs, stderr) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        let responses = tables.sheet("responses");
        let listed: Vec<&str> = responses.column("file");
        let want: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(listed, want, "{f}: one row per file, in input order");
        for file in &files {
            let row = responses.rows_where("file", &file.name)[0];
            // The entity as the file writes it, its edition as the file names it.
            let written = file.doc.as_ref().and_then(|d| d["entity"].as_str());
            assert_eq!(
                row[responses.at("entity")],
                written.unwrap_or_else(|| if file.base() == "iom.txt" {
                    "International Organization for Migration (IOM)"
                } else {
                    ""
                }),
                "{f}: {}",
                file.name
            );
            assert_eq!(
                row[responses.at("edition")],
                file.edition().unwrap_or(if file.base() == "iom.txt" {
                    "hlpf-2024"
                } else {
                    ""
                }),
                "{f}: {}",
                file.name
            );
            assert_eq!(
                row[responses.at("entity_key")],
                expected::key_of(file.base()),
                "{f}: {}",
                file.name
            );
        }
        // Every data sheet carries the key.
        for sheet in [
            "texts",
            "events",
            "resources",
            "initiatives",
            "sdgs",
            "member_states",
        ] {
            assert!(tables.sheet(sheet).has("entity_key"), "{f}: {sheet}");
        }

        let roster = tables.sheet("roster");
        let status = |name: &str| -> String {
            let rows = roster.rows_where("name", name);
            assert_eq!(rows.len(), 1, "{f}: {name}");
            rows[0][roster.at("status")].clone()
        };
        let of = |status: &str| -> BTreeSet<String> {
            roster
                .rows_where("status", status)
                .iter()
                .map(|r| r[roster.at("name")].clone())
                .collect()
        };
        let set = |names: &[&str]| -> BTreeSet<String> {
            names.iter().map(|n| (*n).to_string()).collect()
        };
        assert_eq!(of("not responded"), set(&expected::NOT_RESPONDED), "{f}");
        assert_eq!(
            of("received, unreadable"),
            set(&expected::UNREADABLE),
            "{f}"
        );
        assert_eq!(of("responded twice"), set(&expected::TWICE), "{f}");
        // One row per roster entry (52), then one per response matching none.
        let members = fs::read_to_string(repo(ROSTER)).unwrap().lines().count() - 1;
        assert_eq!(members, 52);
        let unmatched: Vec<(&str, &str)> = roster.rows[members..]
            .iter()
            .map(|r| {
                (
                    r[roster.at("name")].as_str(),
                    r[roster.at("entity_key")].as_str(),
                )
            })
            .collect();
        let want = expected::NOT_IN_ROSTER.to_vec();
        assert_eq!(unmatched, want, "{f}: in input order");
        assert!(
            roster.rows[members..]
                .iter()
                .all(|r| r[roster.at("status")] == "not in roster"),
            "{f}"
        );
        assert_eq!(
            roster.rows.len() - members - of("not in roster").len(),
            0,
            "{f}"
        );
        let responded = members - expected::NOT_RESPONDED.len();
        assert_eq!(
            of("responded").len() + of("responded twice").len() + of("received, unreadable").len(),
            responded,
            "{f}"
        );
        for (name, by) in expected::SELF_NAMED {
            assert_eq!(status(name), "responded", "{f}: {name}");
            let row = roster.rows_where("name", name)[0];
            assert_eq!(row[roster.at("matched_by")], by, "{f}: {name}");
        }
        // The WMO file's entity line and ITU's file name are read.
        let wmo = roster.rows_where("name", "World Meteorological Organization")[0];
        assert_eq!(
            wmo[roster.at("files")],
            format!("{DIR}/WMO_submission.toml")
        );
        let itu = roster.rows_where("name", "International Telecommunication Union")[0];
        assert_eq!(itu[roster.at("files")], format!("{DIR}/ITU.json"));
    }

    // The totals name the entities neither the roster nor the directory knows.
    let note = stderr.lines().next().unwrap();
    assert!(
        note.starts_with("note: 3 entities neither the roster nor the directory"),
        "{stderr}"
    );
    for name in expected::UNKNOWN {
        assert!(note.contains(&format!("`{name}`")), "{name}: {note}");
    }
    assert!(
        !note.contains("UNV"),
        "the directory knows UN Volunteers: {note}"
    );

    // `validate` says nothing about who sent a file.
    let (_, validated, json) = run(&["validate", DIR, IOM, "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}: {validated}"));
    for file in report["files"].as_array().unwrap() {
        for finding in file["findings"].as_array().unwrap() {
            assert_ne!(finding["path"], "entity", "{finding}");
        }
    }

    // The page's response rate comes from the roster sheet: unreadable files count as responses.
    let doc = page(&[]);
    let members = 52;
    let responded = members - expected::NOT_RESPONDED.len() as i64;
    assert_eq!(count(&doc, "rate"), responded * 100 / members);
    let rate = texts(&doc, "p.rate");
    assert!(
        rate[0].starts_with(&format!("{responded} of {members} entities")),
        "{rate:?}"
    );
    let missing: BTreeSet<String> = texts(&doc, "ul.roster-missing li").into_iter().collect();
    assert_eq!(missing.len(), expected::NOT_RESPONDED.len());
    for name in expected::NOT_RESPONDED {
        assert!(missing.contains(name), "{name}");
    }
    let unreadable = texts(&doc, "ul.roster-unreadable li");
    assert_eq!(unreadable, expected::UNREADABLE);
    let distinct: BTreeSet<&str> = expected::KEYS.iter().map(|(_, k)| *k).collect();
    assert_eq!(count(&doc, "entities"), distinct.len() as i64);
}

/// The cells of a matrix row as numbers, empty as 0.
fn numbers(table: &Table, row: &[String], columns: &[String]) -> Vec<i64> {
    columns
        .iter()
        .map(|c| {
            let cell = &row[table.at(c)];
            if cell.is_empty() { 0 } else { int(cell) }
        })
        .collect()
}

fn goal_columns() -> Vec<String> {
    (1..=17).map(|g| format!("sdg_{g}")).collect()
}

#[test]
fn one_entity_is_counted_once_and_two_different_answers_are_flagged() {
    let files = expected::files();
    let instead = expected::counted_instead(&files, false);
    let not_counted: Vec<&str> = files
        .iter()
        .zip(&instead)
        .filter(|(_, i)| i.is_some())
        .map(|(f, _)| f.base())
        .collect();
    assert_eq!(
        not_counted,
        ["WFP-HLPF2024.toml"],
        "the same answer as TOML and JSON"
    );
    let by_name = |base: &str| files.iter().find(|f| f.base() == base).unwrap();
    let unicef = [
        by_name("UNICEF.toml"),
        by_name("United Nations Children's Fund - final.json"),
    ];
    assert_ne!(
        unicef[0].answers(),
        unicef[1].answers(),
        "two different answers"
    );

    let (outputs, stderr) = compiled(&[]);
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .contains("; 1 duplicate merged, "),
        "{stderr}"
    );
    for tables in &outputs {
        let f = tables.format;
        let responses = tables.sheet("responses");
        for (file, instead) in files.iter().zip(&instead) {
            let row = responses.rows_where("file", &file.name)[0];
            let want = instead.map_or("", |i| files[i].name.as_str());
            assert_eq!(
                row[responses.at("duplicate_of")],
                want,
                "{f}: {}",
                file.name
            );
            let counted = if instead.is_some() { "false" } else { "true" };
            assert_eq!(row[responses.at("counted")], counted, "{f}: {}", file.name);
        }
        // The copy's rows are in no data sheet; its row and findings stay.
        let copy = &files[instead.iter().position(Option::is_some).unwrap()];
        for sheet in [
            "texts",
            "events",
            "resources",
            "initiatives",
            "sdgs",
            "member_states",
            "high_impact",
        ] {
            assert!(
                tables
                    .sheet(sheet)
                    .rows_where("file", &copy.name)
                    .is_empty(),
                "{f}: {sheet}"
            );
        }
        // Both UNICEF answers count, each with a warning that names the other.
        let findings = tables.sheet("findings");
        let flagged: Vec<&str> = findings
            .rows_where("code", "duplicate-entity")
            .iter()
            .map(|r| r[findings.at("file")].as_str())
            .collect();
        assert_eq!(
            flagged,
            [unicef[0].name.as_str(), unicef[1].name.as_str()],
            "{f}"
        );
        for (one, other) in [(0, 1), (1, 0)] {
            let row = findings
                .rows_where("file", &unicef[one].name)
                .into_iter()
                .find(|r| r[findings.at("code")] == "duplicate-entity")
                .unwrap();
            assert_eq!(row[findings.at("severity")], "warning");
            assert!(
                row[findings.at("message")].contains(&unicef[other].name),
                "{f}"
            );
            let events = tables
                .sheet("events")
                .rows_where("file", &unicef[one].name)
                .len();
            assert_eq!(events, unicef[one].records("events").len(), "{f}");
            // Its warnings count it.
            let warnings = findings
                .rows_where("file", &unicef[one].name)
                .iter()
                .filter(|r| r[findings.at("severity")] == "warning")
                .count();
            let response = responses.rows_where("file", &unicef[one].name)[0];
            assert_eq!(
                int(&response[responses.at("warnings")]),
                warnings as i64,
                "{f}"
            );
        }

        // The SDG matrix: a row per entity and edition; a goal both UNICEF answers name
        // counts as in the answer that names it most.
        let matrix = tables.sheet("sdg_matrix");
        let goals = goal_columns();
        let row = matrix.rows_where("entity_key", "UNICEF");
        assert_eq!(row.len(), 1, "{f}");
        assert_eq!(
            row[0][matrix.at("files")],
            format!("{}; {}", unicef[0].name, unicef[1].name)
        );
        let (a, b) = (
            expected::goal_counts(unicef[0]),
            expected::goal_counts(unicef[1]),
        );
        let most: Vec<i64> = a.iter().zip(&b).map(|(x, y)| *x.max(y)).collect();
        assert_eq!(numbers(matrix, row[0], &goals), most, "{f}");
        let wfp = matrix.rows_where("entity_key", "WFP");
        assert_eq!(
            wfp[0][matrix.at("files")],
            by_name("WFP-HLPF2024.json").name,
            "{f}"
        );
        let (entities, total): (Vec<&Vec<String>>, Vec<&Vec<String>>) = matrix
            .rows
            .iter()
            .partition(|r| !r[matrix.at("entity_key")].is_empty());
        let keys: Vec<(&str, &str)> = entities
            .iter()
            .map(|r| {
                (
                    r[matrix.at("entity_key")].as_str(),
                    r[matrix.at("edition")].as_str(),
                )
            })
            .collect();
        let distinct: BTreeSet<&(&str, &str)> = keys.iter().collect();
        assert_eq!(
            distinct.len(),
            keys.len(),
            "{f}: one row per entity and edition"
        );
        // The total row counts entities, not files.
        for (g, column) in goals.iter().enumerate() {
            let naming: BTreeSet<&str> = entities
                .iter()
                .filter(|r| !r[matrix.at(column)].is_empty())
                .map(|r| r[matrix.at("entity_key")].as_str())
                .collect();
            assert_eq!(
                numbers(matrix, total[0], &goals)[g],
                naming.len() as i64,
                "{f}: {column}"
            );
        }

        // The country matrix is keyed by entity: UNICEF is one column, WFP counted once.
        let countries = tables.sheet("country_matrix");
        assert_eq!(
            countries.header.first().map(String::as_str),
            Some("country")
        );
        assert_eq!(
            &countries.header[countries.header.len() - 2..],
            ["entities", "total"]
        );
        let keyed: Vec<&str> = countries.header[1..countries.header.len() - 2]
            .iter()
            .map(String::as_str)
            .collect();
        let distinct: BTreeSet<&&str> = keyed.iter().collect();
        assert_eq!(distinct.len(), keyed.len(), "{f}: each key once");
        for key in &keyed {
            assert!(
                expected::KEYS.iter().any(|(_, k)| k == key),
                "{f}: {key} is a key"
            );
        }
        for row in &countries.rows {
            let cells = numbers(
                countries,
                row,
                &keyed.iter().map(|k| (*k).to_string()).collect::<Vec<_>>(),
            );
            assert_eq!(int(&row[countries.at("total")]), cells.iter().sum::<i64>());
            assert_eq!(
                int(&row[countries.at("entities")]),
                cells.iter().filter(|n| **n > 0).count() as i64
            );
        }
        let count_in = |file: &expected::File, country: &str| -> i64 {
            file.records("initiatives")
                .iter()
                .filter(|r| {
                    r["member_states"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|c| c == country))
                })
                .count() as i64
        };
        for country in ["Afghanistan", "Chad", "Haiti"] {
            let want = count_in(unicef[0], country).max(count_in(unicef[1], country));
            let row = countries.rows_where("country", country);
            let got = row.first().map_or(0, |r| {
                let cell = &r[countries.at("UNICEF")];
                if cell.is_empty() { 0 } else { int(cell) }
            });
            assert_eq!(got, want, "{f}: UNICEF in {country}");
        }
    }

    // The page counts entities, and says how many responses are not counted.
    let doc = page(&[]);
    assert_eq!(count(&doc, "not-counted"), 1);

    // With `--keep latest`, UNICEF's earlier answer is left out too, and nobody is warned.
    let latest = expected::counted_instead(&files, true);
    let dir = Scratch::new();
    let out = dir.at("latest.json");
    let (code, stderr, _) = run(&[
        "compile", DIR, IOM, "--roster", ROSTER, "--keep", "latest", "-o", &out,
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .contains("; 2 duplicates merged, "),
        "{stderr}"
    );
    let tables = read_json(&fs::read_to_string(&out).unwrap());
    let responses = tables.sheet("responses");
    for (file, instead) in files.iter().zip(&latest) {
        let row = responses.rows_where("file", &file.name)[0];
        let want = instead.map_or("", |i| files[i].name.as_str());
        assert_eq!(row[responses.at("duplicate_of")], want, "{}", file.name);
    }
    assert_eq!(
        latest[files
            .iter()
            .position(|f| f.base() == "UNICEF.toml")
            .unwrap()]
        .map(|i| files[i].base()),
        Some("United Nations Children's Fund - final.json")
    );
    assert!(
        tables
            .sheet("findings")
            .rows_where("code", "duplicate-entity")
            .is_empty()
    );
    let matrix = tables.sheet("sdg_matrix");
    let row = matrix.rows_where("entity_key", "UNICEF")[0];
    assert_eq!(row[matrix.at("files")], unicef[1].name);
    assert_eq!(
        numbers(matrix, row, &goal_columns()),
        expected::goal_counts(unicef[1]).to_vec()
    );
    let doc = page(&["--keep", "latest"]);
    assert_eq!(count(&doc, "not-counted"), 2);
}

/// The places every counted response names as Member States, computed from the files:
/// (entity key, edition, file, place, kind), once per record.
fn named_places() -> Vec<(String, String, String, String, String)> {
    let files = expected::files();
    let instead = expected::counted_instead(&files, false);
    let mut out = Vec::new();
    for (file, instead) in files.iter().zip(&instead) {
        if instead.is_some() {
            continue;
        }
        let key = expected::key_of(file.base()).to_string();
        let edition = file.edition().unwrap_or("hlpf-2024").to_string();
        // ESCWA's 2025 file holds its 2024 initiatives in its notes.
        let escwa = expected::escwa_2024();
        let file = if file.base() == expected::ESCWA_2025 {
            &escwa
        } else {
            file
        };
        let lists: Vec<serde_json::Value> = if file.base() == "iom.txt" {
            expected::iom_lists()
                .into_iter()
                .map(serde_json::Value::String)
                .collect()
        } else {
            file.records("initiatives")
                .iter()
                .map(|r| r["member_states"].clone())
                .collect()
        };
        for list in lists {
            let places = expected::places(&list)
                .unwrap_or_else(|| vec![("All Member States".to_string(), "member state")]);
            for (place, kind) in places {
                out.push((
                    key.clone(),
                    edition.clone(),
                    file.name.clone(),
                    place,
                    kind.to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn member_states_are_counted_as_the_answers_meant_them() {
    let named = named_places();
    let iom: Vec<_> = named.iter().filter(|p| p.0 == "IOM").collect();
    assert_eq!(iom.len(), 68, "IOM names 68 places");
    assert_eq!(
        iom.iter().filter(|p| p.4 == "member state").count(),
        61,
        "61 of them Member States"
    );
    let others = named.iter().filter(|p| p.4 != "member state").count();

    // A Member State's records per entity: the most any one answer of an entity to an edition
    // gives, summed over editions.
    let mut per_answer: BTreeMap<(String, String, String, String), i64> = BTreeMap::new();
    for (key, edition, file, place, kind) in &named {
        if kind == "member state" {
            *per_answer
                .entry((place.clone(), key.clone(), edition.clone(), file.clone()))
                .or_default() += 1;
        }
    }
    let mut matrix: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut most: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    for ((place, key, edition, _), n) in per_answer {
        let slot = most.entry((place, key, edition)).or_default();
        *slot = (*slot).max(n);
    }
    for ((place, key, _), n) in most {
        *matrix.entry((place, key)).or_default() += n;
    }

    let (outputs, stderr) = compiled(&[]);
    let totals = stderr.lines().last().unwrap();
    assert!(
        totals.contains(&format!(", {others} places not Member States; wrote ")),
        "{totals}"
    );
    for tables in &outputs {
        let f = tables.format;
        let sheet = tables.sheet("member_states");
        let mut got: Vec<(String, String, String)> = sheet
            .rows
            .iter()
            .map(|r| {
                (
                    r[sheet.at("entity_key")].clone(),
                    r[sheet.at("country")].clone(),
                    r[sheet.at("kind")].clone(),
                )
            })
            .collect();
        let mut want: Vec<(String, String, String)> = named
            .iter()
            .map(|(k, _, _, p, kind)| (k.clone(), p.clone(), kind.clone()))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(
            got, want,
            "{f}: every place named, Member State or not, with its kind"
        );
        for row in sheet.rows_where("country", "All Member States") {
            assert_eq!(row[sheet.at("all")], "true", "{f}");
        }

        // The country matrix counts Member States only.
        let countries = tables.sheet("country_matrix");
        let listed: BTreeSet<&str> = countries.column("country").into_iter().collect();
        let want: BTreeSet<&str> = matrix.keys().map(|(p, _)| p.as_str()).collect();
        assert_eq!(listed, want, "{f}");
        for row in &countries.rows {
            let place = &row[countries.at("country")];
            let of: Vec<(&String, &i64)> = matrix
                .iter()
                .filter(|((p, _), _)| p == place)
                .map(|((_, k), n)| (k, n))
                .collect();
            assert_eq!(
                int(&row[countries.at("total")]),
                of.iter().map(|(_, n)| **n).sum::<i64>(),
                "{f}: {place}"
            );
            assert_eq!(
                int(&row[countries.at("entities")]),
                of.len() as i64,
                "{f}: {place}"
            );
            for (key, n) in of {
                assert_eq!(int(&row[countries.at(key)]), *n, "{f}: {place}, {key}");
            }
        }
    }

    // The page: the Member States table as the matrix has them, the other places apart.
    let doc = page(&[]);
    let table: BTreeMap<String, i64> = doc
        .select(&sel("table.states tbody tr"))
        .map(|tr| {
            let th = tr
                .select(&sel("th"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let td = tr
                .select(&sel("td"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            (th.trim_end_matches(" (“all”)").trim().to_string(), int(&td))
        })
        .collect();
    let mut want: BTreeMap<String, i64> = BTreeMap::new();
    for ((place, _), n) in &matrix {
        *want.entry(place.clone()).or_default() += n;
    }
    assert_eq!(table, want);
    let distinct: BTreeSet<(&str, &str)> = named
        .iter()
        .filter(|p| p.4 != "member state")
        .map(|p| (p.3.as_str(), p.4.as_str()))
        .collect();
    assert_eq!(count(&doc, "other-places"), distinct.len() as i64);
    assert_eq!(count(&doc, "other-records"), others as i64);
    let kinds: BTreeSet<(String, String)> = doc
        .select(&sel("table.other-places tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .text()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect();
    let want: BTreeSet<(String, String)> = distinct
        .iter()
        .map(|(p, k)| ((*p).to_string(), (*k).to_string()))
        .collect();
    assert_eq!(kinds, want);
}

#[test]
fn every_goal_that_can_be_read_counts_once_and_can_be_filtered() {
    let files = expected::files();
    let records = expected::counted_records(&files);
    let undp = records
        .iter()
        .find(|r| r.key == "UNDP" && r.question == "initiatives")
        .unwrap();
    assert_eq!(
        undp.goals,
        BTreeSet::from([10, 13, 16, 17]),
        "a repeated goal once"
    );
    let women = records
        .iter()
        .find(|r| r.key == "UN-Women" && r.question == "initiatives")
        .unwrap();
    assert_eq!(
        women.goals,
        BTreeSet::from([5, 8]),
        "a goal out of range not at all"
    );

    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        // The long sheet: one row per goal of every record, with the record's dates.
        let sdgs = tables.sheet("sdgs");
        let mut got: Vec<(String, String, i64, i64)> = sdgs
            .rows
            .iter()
            .map(|r| {
                (
                    r[sdgs.at("file")].clone(),
                    r[sdgs.at("question")].clone(),
                    int(&r[sdgs.at("record")]),
                    int(&r[sdgs.at("goal")]),
                )
            })
            .collect();
        let mut want: Vec<(String, String, i64, i64)> = records
            .iter()
            .flat_map(|r| {
                r.goals.iter().map(|g| {
                    (
                        r.file.clone(),
                        r.question.to_string(),
                        r.number as i64,
                        i64::from(*g),
                    )
                })
            })
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{f}");
        for r in records.iter().filter(|r| r.question == "events") {
            let Some(serde_json::Value::Object(dates)) = &r.dates else {
                continue;
            };
            for row in sdgs.rows_where("file", &r.file) {
                if row[sdgs.at("question")] == "events"
                    && int(&row[sdgs.at("record")]) == r.number as i64
                {
                    assert_eq!(
                        row[sdgs.at("start")],
                        dates["start"].as_str().unwrap(),
                        "{f}"
                    );
                    assert_eq!(row[sdgs.at("end")], dates["end"].as_str().unwrap(), "{f}");
                }
            }
        }

        // Each record sheet: sdg_1 … sdg_17 beside the text, so that `sdg_14 = 1` finds every
        // record naming SDG 14, "all" included, where "contains 14" finds fewer.
        let mut fourteen = 0;
        let mut contains = 0;
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            for r in records.iter().filter(|r| r.question == question) {
                let row = sheet
                    .rows_where("file", &r.file)
                    .into_iter()
                    .find(|row| int(&row[sheet.at("record")]) == r.number as i64)
                    .unwrap_or_else(|| panic!("{f}: {} {question} {}", r.file, r.number));
                for goal in 1..=17u8 {
                    let want = if r.goals.contains(&goal) { "1" } else { "0" };
                    assert_eq!(
                        row[sheet.at(&format!("sdg_{goal}"))],
                        want,
                        "{f}: {} {question} {} SDG {goal}",
                        r.file,
                        r.number
                    );
                }
            }
            fourteen += sheet.rows_where("sdg_14", "1").len();
            contains += sheet
                .column("sdgs")
                .iter()
                .filter(|s| s.contains("14"))
                .count();
        }
        let naming_14 = records.iter().filter(|r| r.goals.contains(&14)).count();
        assert_eq!(fourteen, naming_14, "{f}");
        assert!(records.iter().any(|r| r.all && r.question == "events"));
        assert!(
            contains < fourteen,
            "{f}: the text filter misses the `all` records"
        );

        // The matrix: records naming each goal, an entity's two answers as the one naming it
        // most; the total counts entities.
        let matrix = tables.sheet("sdg_matrix");
        let goals = goal_columns();
        let mut per_file: BTreeMap<(&str, &str), [i64; 17]> = BTreeMap::new();
        for r in &records {
            let counts = per_file
                .entry((r.key.as_str(), r.file.as_str()))
                .or_default();
            for g in &r.goals {
                counts[usize::from(*g) - 1] += 1;
            }
        }
        let mut per_key: BTreeMap<&str, [i64; 17]> = BTreeMap::new();
        for ((key, _), counts) in &per_file {
            let most = per_key.entry(key).or_default();
            for (m, n) in most.iter_mut().zip(counts) {
                *m = (*m).max(*n);
            }
        }
        for (key, counts) in &per_key {
            if counts.iter().all(|n| *n == 0) {
                continue;
            }
            let row = matrix.rows_where("entity_key", key);
            assert_eq!(row.len(), 1, "{f}: {key}");
            assert_eq!(
                numbers(matrix, row[0], &goals),
                counts.to_vec(),
                "{f}: {key}"
            );
        }
        let total = matrix
            .rows
            .iter()
            .find(|r| r[matrix.at("entity_key")].is_empty())
            .unwrap();
        let naming: Vec<i64> = (0..17)
            .map(|g| per_key.values().filter(|c| c[g] > 0).count() as i64)
            .collect();
        assert_eq!(numbers(matrix, total, &goals), naming, "{f}");
    }

    // The page's chart counts every record naming each goal.
    let doc = page(&[]);
    let bars: Vec<i64> = doc
        .select(&sel("figure#chart-sdgs svg g.bar"))
        .map(|g| int(g.value().attr("data-value").unwrap()))
        .collect();
    let want: Vec<i64> = (1..=17u8)
        .map(|g| records.iter().filter(|r| r.goals.contains(&g)).count() as i64)
        .collect();
    assert_eq!(bars, want);
}

#[test]
fn answers_kept_in_notes_are_compiled_under_their_question() {
    // The 2025 file is what `qfill migrate` writes from ESCWA's 2024 answers: its notes hold
    // the answers to every question hlpf-2025 does not ask.
    let dir = Scratch::new();
    let migrated = dir.at("escwa-2025.toml");
    let (code, stderr, _) = run(&[
        "migrate",
        expected::ESCWA_2024,
        "--edition",
        "hlpf-2025",
        "-o",
        &migrated,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let notes = |path: &Path| -> toml::Value {
        let table: toml::Table = fs::read_to_string(path).unwrap().parse().unwrap();
        table["notes"].clone()
    };
    let in_intake = repo(&format!("{DIR}/{}", expected::ESCWA_2025));
    assert_eq!(notes(Path::new(&migrated)), notes(&in_intake));

    let source = expected::escwa_2024();
    let file = format!("{DIR}/{}", expected::ESCWA_2025);
    let records: usize = ["events", "resources", "initiatives"]
        .iter()
        .map(|q| source.records(q).len())
        .sum();
    assert_eq!(records, 6);
    let unep = expected::files()
        .into_iter()
        .find(|f| f.base() == "UNEP.toml")
        .unwrap();
    let plain = unep.doc.as_ref().unwrap()["notes"][0]
        .as_str()
        .unwrap()
        .to_string();

    let (outputs, stderr) = compiled(&[]);
    let totals = stderr.lines().last().unwrap();
    assert!(
        totals.contains(&format!(", {records} records read from notes, ")),
        "{totals}"
    );
    for tables in &outputs {
        let f = tables.format;
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            let rows = sheet.rows_where("file", &file);
            let names: Vec<&str> = rows.iter().map(|r| r[sheet.at("name")].as_str()).collect();
            let want: Vec<&str> = source
                .records(question)
                .iter()
                .map(|r| r["name"].as_str().unwrap())
                .collect();
            assert_eq!(names, want, "{f}: {question}");
            for row in rows {
                assert_eq!(row[sheet.at("via")], "notes", "{f}");
                assert_eq!(row[sheet.at("answered_in")], "hlpf-2024", "{f}");
                assert_eq!(row[sheet.at("edition")], "hlpf-2025", "{f}");
            }
            // The file's own records say where they come from too.
            for row in sheet.rows.iter().filter(|r| r[sheet.at("file")] != file) {
                assert_eq!(row[sheet.at("via")], "", "{f}");
                assert_eq!(
                    row[sheet.at("answered_in")],
                    row[sheet.at("edition")],
                    "{f}"
                );
            }
        }
        let texts = tables.sheet("texts");
        let from_notes: Vec<&str> = texts
            .rows_where("via", "notes")
            .iter()
            .map(|r| r[texts.at("question")].as_str())
            .collect();
        assert_eq!(from_notes, ["high_impact", "recommendations"], "{f}");
        let hi = tables.sheet("high_impact");
        assert_eq!(hi.rows_where("file", &file).len(), 1, "{f}");
        let responses = tables.sheet("responses");
        let row = responses.rows_where("file", &file)[0];
        assert_eq!(
            row[responses.at("in_notes")],
            "events, resources, high_impact, initiatives, recommendations",
            "{f}"
        );
        // A note that holds no answer is a row of `notes`.
        let sheet = tables.sheet("notes");
        assert_eq!(sheet.rows.len(), 1, "{f}");
        assert_eq!(sheet.get(0, "file"), unep.name, "{f}");
        assert_eq!(sheet.get(0, "entity_key"), "UNEP", "{f}");
        assert_eq!(sheet.get(0, "note"), "1", "{f}");
        assert_eq!(sheet.get(0, "text"), plain, "{f}");
    }

    // The page says what was read from notes and lists the other notes.
    let doc = page(&[]);
    assert_eq!(count(&doc, "notes-records"), records as i64);
    assert_eq!(count(&doc, "notes-texts"), 2);
    assert_eq!(count(&doc, "notes"), 1);
    assert_eq!(texts(&doc, "table.notes td.note"), [plain]);

    // The digest shows the answer kept in notes, and says so.
    let (code, stderr, stdout) = run(&[
        "compile",
        DIR,
        "--question",
        "events",
        "--to",
        "markdown",
        "-o",
        "-",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let digest = String::from_utf8(stdout).unwrap();
    let escwa = digest
        .split("\n## ")
        .find(|e| e.starts_with("Economic and Social Commission for Western Asia"))
        .unwrap();
    assert!(
        escwa.contains(&format!(
            "_2 records; from its notes, answered in hlpf-2024; {file}_"
        )),
        "{escwa}"
    );
    for record in source.records("events") {
        assert!(escwa.contains(record["name"].as_str().unwrap()), "{escwa}");
    }
}

/// The id of record `number` of `question` in `file`: `KEY-YEAR-QUESTION-N`, `~2` for the second
/// counted file of an entity and edition.
fn record_id(files: &[expected::File], file: &str, question: &str, number: usize) -> String {
    let instead = expected::counted_instead(files, false);
    let at = files.iter().position(|f| f.name == file).unwrap();
    let key = expected::key_of(files[at].base());
    let edition = files[at].edition().unwrap_or("hlpf-2024");
    let year = &edition[edition.len() - 4..];
    let before = files[..at]
        .iter()
        .zip(&instead)
        .filter(|(f, i)| {
            i.is_none()
                && expected::key_of(f.base()) == key
                && f.edition().unwrap_or("hlpf-2024") == edition
        })
        .count();
    let suffix = if before == 0 {
        String::new()
    } else {
        format!("~{}", before + 1)
    };
    format!("{key}-{year}-{question}-{number}{suffix}")
}

#[test]
fn every_record_has_an_id_and_every_response_its_admin_columns() {
    let files = expected::files();
    let records = expected::counted_records(&files);
    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        let mut ids: BTreeMap<(String, String, i64), String> = BTreeMap::new();
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            for row in &sheet.rows {
                let id = row[sheet.at("record_id")].clone();
                let key = (
                    row[sheet.at("file")].clone(),
                    question.to_string(),
                    int(&row[sheet.at("record")]),
                );
                assert!(ids.insert(key, id).is_none(), "{f}");
            }
        }
        let distinct: BTreeSet<&String> = ids.values().collect();
        assert_eq!(distinct.len(), ids.len(), "{f}: ids are unique");
        assert_eq!(ids.len(), records.len(), "{f}");
        for r in &records {
            let id = &ids[&(r.file.clone(), r.question.to_string(), r.number as i64)];
            assert_eq!(*id, record_id(&files, &r.file, r.question, r.number), "{f}");
        }
        let unicef = ids
            .iter()
            .filter(|((file, q, _), _)| file.ends_with("final.json") && q == "events")
            .map(|(_, id)| id.as_str())
            .collect::<Vec<_>>();
        assert_eq!(
            unicef,
            [
                "UNICEF-2024-events-1~2",
                "UNICEF-2024-events-2~2",
                "UNICEF-2024-events-3~2"
            ],
            "{f}"
        );
        // The long sheets carry their record's id.
        for sheet in ["sdgs", "member_states"] {
            let long = tables.sheet(sheet);
            for row in &long.rows {
                let key = (
                    row[long.at("file")].clone(),
                    row[long.at("question")].clone(),
                    int(&row[long.at("record")]),
                );
                assert_eq!(row[long.at("record_id")], ids[&key], "{f}: {sheet}");
            }
        }
        // Findings: their entity, the record they point into, counted from 1.
        let findings = tables.sheet("findings");
        for row in &findings.rows {
            let file = &row[findings.at("file")];
            let base = file.rsplit('/').next().unwrap();
            assert_eq!(
                row[findings.at("entity_key")],
                expected::key_of(base),
                "{f}"
            );
            let path = &row[findings.at("path")];
            let pointed = ["events", "resources", "initiatives"].iter().find_map(|q| {
                let rest = path.strip_prefix(&format!("{q}["))?;
                let index: usize = rest[..rest.find(']')?].parse().ok()?;
                Some((*q, index + 1))
            });
            match pointed {
                Some((question, number)) => {
                    assert_eq!(
                        int(&row[findings.at("record")]),
                        number as i64,
                        "{f}: {path}"
                    );
                    assert_eq!(
                        row[findings.at("record_id")],
                        record_id(&files, file, question, number),
                        "{f}: {path}"
                    );
                }
                None => {
                    assert_eq!(row[findings.at("record")], "", "{f}: {path}");
                    assert_eq!(row[findings.at("record_id")], "", "{f}: {path}");
                }
            }
        }
        assert!(!findings.rows_where("record", "1").is_empty(), "{f}");
        // Who to write to, and when it was sent.
        let responses = tables.sheet("responses");
        for file in files.iter().filter(|f| f.doc.is_some()) {
            let row = responses.rows_where("file", &file.name)[0];
            let doc = file.doc.as_ref().unwrap();
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            assert_eq!(
                row[responses.at("submitted")],
                text(&doc["submitted"]),
                "{f}"
            );
            assert_eq!(
                row[responses.at("contact_name")],
                text(&doc["contact"]["name"]),
                "{f}"
            );
            assert_eq!(
                row[responses.at("contact_email")],
                text(&doc["contact"]["email"]),
                "{f}"
            );
            assert_eq!(row[responses.at("review_status")], "", "{f}");
        }
    }
}

#[test]
fn a_review_is_carried_over_from_a_previous_workbook() {
    let dir = Scratch::new();
    // DESA's reviewer filled in two columns of last run's workbook, written with labels.
    let previous = dir.path().join("previous.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("responses").unwrap();
    let rows = [
        ["Entity key", "Edition", "Review status", "Review note"],
        [
            "UNWTO",
            "hlpf-2024",
            "checked",
            "figures match the 2023 report",
        ],
        ["UNICEF", "hlpf-2024", "asked for one final version", ""],
        ["ESCWA", "hlpf-2024", "checked", "last year's answer"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&previous).unwrap();
    let out = dir.at("reviewed.json");
    let review = previous.display().to_string();
    let (code, stderr, _) = run(&[
        "compile", DIR, IOM, "--roster", ROSTER, "--review", &review, "-o", &out,
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let tables = read_json(&fs::read_to_string(&out).unwrap());
    let responses = tables.sheet("responses");
    let reviewed: Vec<(&str, &str, &str)> = responses
        .rows
        .iter()
        .filter(|r| !r[responses.at("review_status")].is_empty())
        .map(|r| {
            (
                r[responses.at("entity_key")].as_str(),
                r[responses.at("review_status")].as_str(),
                r[responses.at("review_note")].as_str(),
            )
        })
        .collect();
    assert_eq!(
        reviewed,
        [
            ("UNICEF", "asked for one final version", ""),
            ("UNWTO", "checked", "figures match the 2023 report"),
            ("UNICEF", "asked for one final version", ""),
        ],
        "by entity key and edition: ESCWA's 2025 answer is not last year's"
    );

    // A workbook that is not one: a message naming it, exit 2.
    let (code, stderr, _) = run(&["compile", DIR, "--review", ROSTER, "-o", &dir.at("x.json")]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&format!(
            "error: cannot read the review workbook `{ROSTER}`: not a workbook qfill can read"
        )),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{stderr}"
    );
}

#[test]
fn a_named_legacy_text_is_read_alike_by_validate_and_compile() {
    let (_, stderr, json) = run(&["validate", IOM, "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let file = &report["files"][0];
    assert_eq!(file["file"], IOM);
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let validated: Vec<[String; 5]> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            [
                text(&f["code"]),
                text(&f["path"]),
                text(&f["line"]),
                text(&f["column"]),
                text(&f["message"]),
            ]
        })
        .collect();
    assert!(validated.len() >= 8, "{validated:?}");
    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let findings = tables.sheet("findings");
        let compiled: Vec<[String; 5]> = findings
            .rows_where("file", IOM)
            .iter()
            .map(|r| {
                ["code", "path", "line", "column", "message"].map(|c| r[findings.at(c)].clone())
            })
            .collect();
        assert_eq!(compiled, validated, "{}", tables.format);
        let responses = tables.sheet("responses");
        let row = responses.rows_where("file", IOM)[0];
        assert_eq!(row[responses.at("read_as")], "legacy text");
        assert_eq!(row[responses.at("edition")], "hlpf-2024");
        assert_eq!(
            int(&row[responses.at("warnings")]),
            file["warnings"].as_i64().unwrap()
        );
    }
}
