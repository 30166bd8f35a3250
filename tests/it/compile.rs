//! `qfill compile` through the binary: the workbook read back with calamine, the CSV files with
//! the csv crate, compared with the answers files; determinism; a roster; spreadsheet limits;
//! mixed inputs; the hostile corpus; and every failure path's exit code and message.

mod examples;
mod failures;
mod handover;
mod inputs;
mod libreoffice;
mod outputs;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{qfill, repo};
use calamine::{Data, Reader, Xlsx, open_workbook};

/// A sheet as text: the header, then rows; cells by column id.
struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// Sheet `sheet` as CSV and JSON have it: without the columns only the workbook adds (the
    /// languages by name; the codebook's sentences and questions) and the codebook's rows for
    /// them.
    fn without_workbook_extras(&self, sheet: &str) -> Table {
        let extra = |h: &str| {
            h == "language_names"
                || sheet == "codebook"
                    && matches!(h, "description" | "question_number" | "question_text")
        };
        let keep: Vec<usize> = (0..self.header.len())
            .filter(|i| !extra(&self.header[*i]))
            .collect();
        let pick = |row: &Vec<String>| keep.iter().map(|i| row[*i].clone()).collect::<Vec<_>>();
        Table {
            header: pick(&self.header),
            rows: self
                .rows
                .iter()
                .filter(|r| {
                    !(sheet == "codebook" && r.get(1).is_some_and(|c| c == "language_names"))
                })
                .map(pick)
                .collect(),
        }
    }

    fn at(&self, column: &str) -> usize {
        self.header
            .iter()
            .position(|h| h == column)
            .unwrap_or_else(|| panic!("no column `{column}` in {:?}", self.header))
    }

    fn get(&self, row: usize, column: &str) -> &str {
        &self.rows[row][self.at(column)]
    }

    /// Rows whose `column` is `value`.
    fn rows_where(&self, column: &str, value: &str) -> Vec<&Vec<String>> {
        let at = self.at(column);
        self.rows.iter().filter(|r| r[at] == value).collect()
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

fn workbook(path: &Path) -> (Vec<String>, HashMap<String, Table>) {
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
    (names, sheets)
}

fn csv_table(path: &Path) -> Table {
    let mut reader = csv::Reader::from_path(path).unwrap();
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
    Table { header, rows }
}

/// The examples copied into a folder, so that file names in the tables are short and stable.
fn examples(dir: &Path) -> PathBuf {
    let folder = dir.join("subs");
    fs::create_dir_all(&folder).unwrap();
    for name in ["response.toml", "response.json", "warnings.toml"] {
        fs::copy(repo(&format!("examples/{name}")), folder.join(name)).unwrap();
    }
    folder
}

fn run(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = qfill()
        .current_dir(dir)
        .arg("compile")
        .args(args)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).to_string(),
        stderr,
    )
}

fn toml_file(path: &Path) -> toml::Table {
    fs::read_to_string(path).unwrap().parse().unwrap()
}

fn records(answers: &toml::Table, question: &str) -> usize {
    answers["answers"]
        .get(question)
        .and_then(|v| v.as_array())
        .map_or(0, Vec::len)
}

const SHEETS: &[&str] = &[
    "responses",
    "texts",
    "events",
    "resources",
    "initiatives",
    "sdgs",
    "sdg_matrix",
    "member_states",
    "country_matrix",
    "high_impact",
    "findings",
    "codebook",
];
