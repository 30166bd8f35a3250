//! The tabular model of a compilation: sheets of typed cells under described columns, produced
//! row by row into a [`Sink`]. Every output (XLSX, CSV, JSON, Markdown, the HTML report) reads
//! this model and nothing else.

use std::io;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// One cell of a table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    /// Nothing: not answered, or not applicable on this row.
    Empty,
    /// Text, shown as it is.
    Text(String),
    /// A whole number (counts, words, goals).
    Int(i64),
    /// Yes or no.
    Bool(bool),
    /// A calendar day.
    Date(#[serde(with = "iso_date")] Date),
    /// A web address, shown as a link where the format has links.
    Link(String),
}

impl Cell {
    /// Text, or nothing for an empty string.
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// The value as plain text, the way CSV writes it: dates in ISO form, `true`/`false`.
    pub fn to_plain(&self) -> String {
        self.as_plain().into_owned()
    }

    /// [`Cell::to_plain`], a text borrowed rather than copied.
    pub fn as_plain(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Cell::Empty => "".into(),
            Cell::Text(s) | Cell::Link(s) => s.as_str().into(),
            Cell::Int(n) => n.to_string().into(),
            Cell::Bool(b) => if *b { "true" } else { "false" }.into(),
            Cell::Date(d) => d.to_string().into(),
        }
    }

    /// The value as JSON: strings, numbers, booleans, ISO dates, `null`.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Cell::Empty => serde_json::Value::Null,
            Cell::Int(n) => serde_json::Value::from(*n),
            Cell::Bool(b) => serde_json::Value::Bool(*b),
            other => serde_json::Value::String(other.to_plain()),
        }
    }
}

mod iso_date {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(date: &Date, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// What a column holds, for the codebook and for writers that format by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnKind {
    /// Text.
    Text,
    /// Whole numbers.
    Integer,
    /// `true` or `false`.
    Boolean,
    /// Calendar days (text where the answer had no year).
    Date,
    /// Web addresses.
    Link,
}

impl ColumnKind {
    /// The lowercase name the codebook shows.
    pub fn as_str(self) -> &'static str {
        match self {
            ColumnKind::Text => "text",
            ColumnKind::Integer => "integer",
            ColumnKind::Boolean => "boolean",
            ColumnKind::Date => "date",
            ColumnKind::Link => "link",
        }
    }
}

/// One column of a sheet, described for the codebook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Stable id, used as the header: `entity`, `dates_start`, `governing_body_words`.
    pub id: String,
    /// The form's label (the header with `--labels`).
    pub label: String,
    /// The topic (root question id) the column comes from, if any.
    pub question: Option<String>,
    /// The editions whose definitions have the column; empty when it is not tied to one.
    pub editions: Vec<String>,
    /// What the column holds.
    pub kind: ColumnKind,
    /// The unit of numbers (`words`, `records`, `goals`), if any.
    pub unit: Option<String>,
}

impl Column {
    /// A column not tied to a question: `entity`, `file`.
    pub fn plain(id: &str, label: &str, kind: ColumnKind) -> Column {
        Column {
            id: id.to_string(),
            label: label.to_string(),
            question: None,
            editions: Vec::new(),
            kind,
            unit: None,
        }
    }

    /// The same column with a unit.
    pub fn unit(mut self, unit: &str) -> Column {
        self.unit = Some(unit.to_string());
        self
    }

    /// The same column tied to a question of some editions.
    pub fn of(mut self, question: &str, editions: &[String]) -> Column {
        self.question = Some(question.to_string());
        self.editions = editions.to_vec();
        self
    }
}

/// A sheet's name and columns.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SheetSpec {
    /// Sheet name (also the CSV file's stem): `responses`, `events`, `sdg_matrix`.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<Column>,
}

impl SheetSpec {
    /// The headers: ids, or form labels with `labels`, made unique.
    pub fn headers(&self, labels: bool) -> Vec<String> {
        self.headers_within(labels, usize::MAX)
    }

    /// The headers on one line each and at most `max` characters long (an Excel table's column
    /// names are), made unique.
    pub fn headers_within(&self, labels: bool, max: usize) -> Vec<String> {
        let mut seen = std::collections::HashSet::new();
        self.columns
            .iter()
            .map(|c| {
                let base = if labels && !c.label.is_empty() {
                    &c.label
                } else {
                    &c.id
                };
                let base: String = if max == usize::MAX {
                    base.clone()
                } else {
                    base.split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                        .chars()
                        .filter(|ch| !ch.is_control())
                        .take(max)
                        .collect()
                };
                let mut name = base.clone();
                let mut n = 2;
                while !seen.insert(name.to_lowercase()) {
                    name = format!("{base} ({n})");
                    n += 1;
                }
                name
            })
            .collect()
    }
}

/// Where the rows of a compilation go. Sheets are numbered in workbook order; each sheet gets
/// its header once, before any of its rows, and rows of different sheets may interleave.
pub trait Sink {
    /// Sheet `sheet` starts with these columns.
    fn header(&mut self, sheet: usize, spec: &SheetSpec) -> io::Result<()>;
    /// One more row of sheet `sheet`, one cell per column.
    fn row(&mut self, sheet: usize, cells: Vec<Cell>) -> io::Result<()>;
}

/// A sheet held in memory.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    /// Name and columns.
    #[serde(flatten)]
    pub spec: SheetSpec,
    /// Rows, one cell per column.
    #[serde(serialize_with = "rows_json")]
    pub rows: Vec<Vec<Cell>>,
}

fn rows_json<S: serde::Serializer>(rows: &[Vec<Cell>], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(
        rows.iter()
            .map(|row| row.iter().map(Cell::to_json).collect::<Vec<_>>()),
    )
}

/// A whole compilation in memory: what JSON, Markdown and the HTML report render.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Compilation {
    /// Sheets in workbook order.
    pub sheets: Vec<Sheet>,
}

impl Compilation {
    /// The sheet with this name.
    pub fn sheet(&self, name: &str) -> Option<&Sheet> {
        self.sheets.iter().find(|s| s.spec.name == name)
    }
}

impl Sheet {
    /// The index of the column with this id.
    pub fn column(&self, id: &str) -> Option<usize> {
        self.spec.columns.iter().position(|c| c.id == id)
    }
}

impl Sink for Compilation {
    fn header(&mut self, sheet: usize, spec: &SheetSpec) -> io::Result<()> {
        while self.sheets.len() <= sheet {
            self.sheets.push(Sheet {
                spec: SheetSpec {
                    name: String::new(),
                    columns: Vec::new(),
                },
                rows: Vec::new(),
            });
        }
        self.sheets[sheet].spec = spec.clone();
        Ok(())
    }

    fn row(&mut self, sheet: usize, cells: Vec<Cell>) -> io::Result<()> {
        self.sheets[sheet].rows.push(cells);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_as_text_and_json() {
        let day: Date = "2023-05-10".parse().unwrap();
        assert_eq!(Cell::Date(day).to_plain(), "2023-05-10");
        assert_eq!(Cell::Int(3).to_json(), serde_json::json!(3));
        assert_eq!(Cell::Empty.to_json(), serde_json::Value::Null);
        assert_eq!(Cell::text(""), Cell::Empty);
        let spooled = serde_json::to_string(&Cell::Date(day)).unwrap();
        assert_eq!(
            serde_json::from_str::<Cell>(&spooled).unwrap(),
            Cell::Date(day)
        );
    }

    #[test]
    fn headers_are_unique() {
        let spec = SheetSpec {
            name: "s".into(),
            columns: vec![
                Column::plain("a", "Description", ColumnKind::Text),
                Column::plain("b", "description", ColumnKind::Text),
                Column::plain("c", "", ColumnKind::Text),
            ],
        };
        assert_eq!(spec.headers(false), ["a", "b", "c"]);
        assert_eq!(spec.headers(true), ["Description", "description (2)", "c"]);
        assert_eq!(
            spec.headers_within(true, 4),
            ["Desc", "desc (2)", "c"],
            "cut, then made unique"
        );
    }
}
