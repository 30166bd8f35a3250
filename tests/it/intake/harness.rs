//! How the intake's outputs are read back: the workbook with calamine, the CSV files with the
//! csv crate, the JSON model with serde_json and the page with scraper, into one shape of table.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use scraper::{Html, Selector};

use super::expected::{DIR, IOM, ROSTER};
use crate::common::{Scratch, qfill, repo};

/// A sheet as text, as CSV writes it: the header, then rows.
pub(super) struct Table {
    pub(super) header: Vec<String>,
    pub(super) rows: Vec<Vec<String>>,
}

impl Table {
    pub(super) fn at(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column `{column}` in {:?}", self.header))
    }

    pub(super) fn has(&self, column: &str) -> bool {
        self.header.iter().any(|h| h == column)
    }

    pub(super) fn get(&self, row: usize, column: &str) -> &str {
        &self.rows[row][self.at(column)]
    }

    /// Rows whose `column` is `value`.
    pub(super) fn rows_where(&self, column: &str, value: &str) -> Vec<&Vec<String>> {
        let at = self.at(column);
        self.rows.iter().filter(|r| r[at] == value).collect()
    }

    /// Column `column` of every row.
    pub(super) fn column(&self, column: &str) -> Vec<&str> {
        let at = self.at(column);
        self.rows.iter().map(|r| r[at].as_str()).collect()
    }
}

pub(super) fn int(s: &str) -> i64 {
    s.trim()
        .parse()
        .unwrap_or_else(|_| panic!("not a number: {s:?}"))
}

/// Every sheet of one output, by name, and the names in order.
pub(super) struct Tables {
    pub format: &'static str,
    pub names: Vec<String>,
    pub sheets: HashMap<String, Table>,
}

impl Tables {
    pub(super) fn sheet(&self, name: &str) -> &Table {
        self.sheets
            .get(name)
            .unwrap_or_else(|| panic!("{}: no sheet {name}", self.format))
    }
}

pub(super) fn data_text(cell: &Data) -> String {
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

pub(super) fn json_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The workbook's sheets as CSV and JSON have them: without what only the workbook adds (the
/// `about` sheet, the languages by name, the codebook's sentences and questions), which
/// `compile/handover.rs` checks.
pub(super) fn read_workbook(path: &Path) -> Tables {
    let mut book: Xlsx<_> = open_workbook(path).unwrap();
    let names: Vec<String> = book
        .sheet_names()
        .into_iter()
        .filter(|n| n != "about")
        .collect();
    let mut sheets = HashMap::new();
    for name in &names {
        let range = book.worksheet_range(name).unwrap();
        let mut rows = range
            .rows()
            .map(|r| r.iter().map(data_text).collect::<Vec<_>>());
        let header = rows.next().unwrap_or_default();
        let extra = |h: &str| {
            h == "language_names"
                || name == "codebook"
                    && matches!(h, "description" | "question_number" | "question_text")
        };
        let keep: Vec<usize> = (0..header.len()).filter(|i| !extra(&header[*i])).collect();
        let pick = |row: &Vec<String>| keep.iter().map(|i| row[*i].clone()).collect::<Vec<_>>();
        sheets.insert(
            name.clone(),
            Table {
                header: pick(&header),
                rows: rows
                    .filter(|r| {
                        !(name == "codebook" && r.get(1).is_some_and(|c| c == "language_names"))
                    })
                    .map(|r| pick(&r))
                    .collect(),
            },
        );
    }
    Tables {
        format: "xlsx",
        names,
        sheets,
    }
}

pub(super) fn read_csv_folder(folder: &Path, names: &[String]) -> Tables {
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

pub(super) fn read_json(text: &str) -> Tables {
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
pub(super) fn run(args: &[&str]) -> (Option<i32>, String, Vec<u8>) {
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
pub(super) fn compiled(extra: &[&str]) -> (Vec<Tables>, String) {
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
pub(super) fn page(extra: &[&str]) -> Html {
    let dir = Scratch::new();
    let out = dir.at("report.html");
    let mut args = vec!["report", DIR, IOM, "--roster", ROSTER, "-o", out.as_str()];
    args.extend(extra);
    let (code, stderr, _) = run(&args);
    assert_eq!(code, Some(1), "{stderr}");
    Html::parse_document(&fs::read_to_string(&out).unwrap())
}

pub(super) fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

pub(super) fn texts(doc: &Html, selector: &str) -> Vec<String> {
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
pub(super) fn count(doc: &Html, name: &str) -> i64 {
    let found = texts(doc, &format!("[data-count={name}]"));
    int(found.first().unwrap_or_else(|| panic!("no count {name}")))
}

/// The cells of a matrix row as numbers, empty as 0.
pub(super) fn numbers(table: &Table, row: &[String], columns: &[String]) -> Vec<i64> {
    columns
        .iter()
        .map(|c| {
            let cell = &row[table.at(c)];
            if cell.is_empty() { 0 } else { int(cell) }
        })
        .collect()
}

/// The goal columns of a matrix, `sdg_1` to `sdg_17`.
pub(super) fn goal_columns() -> Vec<String> {
    (1..=17).map(|g| format!("sdg_{g}")).collect()
}
