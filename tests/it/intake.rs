//! A year's intake as entities really send it (`tests/data/intake-2024/`, issue 22) through
//! `qfill compile` and `qfill report`: the workbook read back with calamine, the CSV files with
//! the csv crate, the JSON model with serde_json and the page with scraper, each compared with
//! figures `intake/expected.rs` computes from the answers files themselves and tables written
//! by hand.

mod expected;

use std::collections::{BTreeSet, HashMap};
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
