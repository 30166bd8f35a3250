//! Cells: how one value of an answer becomes one or two cells, and the limits of a cell.

use crate::answers::{FieldValue, Record, Scalar};
use crate::compile::model::{Cell, Column, ColumnKind};
use crate::compile::topic::TopicField;
use crate::finding::{Code, Finding};
use crate::questionnaire::FieldKind;

use super::CELL_LIMIT;
use std::collections::HashMap;
use std::fmt::Display;

/// Where a record is: its topic, 0-based index, name, the topic's fields, and its id.
pub(super) struct Place<'p> {
    pub(super) topic: &'p str,
    pub(super) index: usize,
    pub(super) name: &'p str,
    pub(super) fields: &'p [TopicField],
    pub(super) id: super::spool::Spooled,
}

#[derive(Default)]
pub(super) struct Stats {
    pub(super) words: HashMap<String, (Option<usize>, Option<usize>)>,
    pub(super) records: HashMap<String, usize>,
    pub(super) not_answered: Vec<String>,
    /// Topics answered in the response's notes.
    pub(super) in_notes: Vec<String>,
}

/// The row's first cells and where findings of the response go.
pub(super) struct Context<'r> {
    pub(super) who: &'r [Cell; 4],
    pub(super) findings: &'r mut Vec<Finding>,
    /// Whether texts are cut to what a spreadsheet cell holds: for the workbook only, since
    /// JSON and CSV hold any text whole.
    pub(super) cut_cells: bool,
}

impl Context<'_> {
    /// Text for a cell; for the workbook, cut to what a spreadsheet cell holds with a visible
    /// marker and a `truncated` finding.
    /// `path` is only written out for a finding: most texts fit, and building each path was a
    /// twentieth of a compile to CSV.
    pub(super) fn cut(&mut self, text: impl AsRef<str> + Into<String>, path: &dyn Display) -> Cell {
        match if self.cut_cells {
            truncate(text.as_ref())
        } else {
            None
        } {
            None => Cell::text(text),
            Some((kept, total)) => {
                let path = path.to_string();
                self.findings.push(
                    Finding::new(
                        Code::Truncated,
                        &path,
                        format!("{path} has {total} characters as Excel counts them (UTF-16 units), more than a spreadsheet cell holds ({CELL_LIMIT}); the workbook's cell is cut"),
                    )
                    .with_hint("the answers file keeps the whole text, and so do the JSON and CSV outputs; shorten it if the question has no reason to be so long"),
                );
                Cell::Text(kept)
            }
        }
    }
}

/// The length of a text as a spreadsheet counts it: in UTF-16 units (an emoji is two).
pub fn cell_length(text: &str) -> usize {
    text.chars().map(char::len_utf16).sum()
}

/// Cuts text longer than a spreadsheet cell holds ([`CELL_LIMIT`] UTF-16 units), ending it with
/// a marker; `None` when it fits. Gives the cut text and the original length in UTF-16 units.
pub fn truncate(text: &str) -> Option<(String, usize)> {
    // A character takes at least as many UTF-8 bytes as UTF-16 units: a text of no more bytes
    // than a cell holds fits without counting.
    if text.len() <= CELL_LIMIT {
        return None;
    }
    let total = cell_length(text);
    if total <= CELL_LIMIT {
        return None;
    }
    let marker = format!(" […] [cut by qfill: {total} characters, the cell holds {CELL_LIMIT}]");
    let mut room = CELL_LIMIT - cell_length(&marker);
    let mut kept = String::with_capacity(room * 2);
    for c in text.chars() {
        let Some(left) = room.checked_sub(c.len_utf16()) else {
            break;
        };
        room = left;
        kept.push(c);
    }
    kept.push_str(&marker);
    Some((kept, total))
}

pub(super) fn scalar_text(s: &Scalar) -> String {
    match s {
        Scalar::Text(t) => t.clone(),
        Scalar::Raw(node) => node.as_str().map(str::to_string).unwrap_or_default(),
    }
}

/// The columns a record field takes: two for dates (start and end), one for the others.
pub(super) fn field_columns(field: &TopicField, topic: &str) -> Vec<Column> {
    let base = |id: String, label: String, kind| Column {
        id,
        label,
        question: Some(topic.to_string()),
        editions: field.editions.clone(),
        kind,
        unit: None,
    };
    match field.kind {
        FieldKind::Dates => vec![
            base(
                format!("{}_start", field.id),
                format!("{} (start)", field.label),
                ColumnKind::Date,
            ),
            base(
                format!("{}_end", field.id),
                format!("{} (end)", field.label),
                ColumnKind::Date,
            ),
        ],
        FieldKind::Url => vec![base(
            field.id.clone(),
            field.label.clone(),
            ColumnKind::Link,
        )],
        _ => vec![base(
            field.id.clone(),
            field.label.clone(),
            ColumnKind::Text,
        )],
    }
}

/// The cells of one field of a record, in the columns [`field_columns`] gives.
pub(super) fn field_cells(
    field: &TopicField,
    record: &Record,
    cx: &mut Context<'_>,
    path: &str,
) -> Vec<Cell> {
    let value = record
        .fields
        .iter()
        .find(|(id, _)| *id == field.id)
        .map(|(_, v)| v);
    let path = format_args!("{path}.{}", field.id);
    match (field.kind, value) {
        (FieldKind::Dates, None) => vec![Cell::Empty, Cell::Empty],
        (FieldKind::Dates, Some(FieldValue::Dates(dates))) => {
            let (start, end) = dates.bounds();
            vec![Cell::Date(start), Cell::Date(end)]
        }
        // No year, or not a date: the text as written, in the start column.
        (FieldKind::Dates, Some(other)) => vec![cx.cut(other.to_plain(), &path), Cell::Empty],
        (_, None) => vec![Cell::Empty],
        (FieldKind::Url, Some(FieldValue::Text(url))) if is_web_link(url) => {
            vec![Cell::Link(url.clone())]
        }
        (_, Some(value)) => vec![cx.cut(value.to_plain(), &path)],
    }
}

/// A record's dates as two cells, start and end (the text as written in the start cell when it
/// has no year), without the findings of [`field_cells`]: for rows that repeat them.
pub(super) fn dates_cells(field: &TopicField, record: &Record) -> [Cell; 2] {
    let value = record.fields.iter().find(|(id, _)| *id == field.id);
    match value.map(|(_, v)| v) {
        None => [Cell::Empty, Cell::Empty],
        Some(FieldValue::Dates(dates)) => {
            let (start, end) = dates.bounds();
            [Cell::Date(start), Cell::Date(end)]
        }
        Some(other) => [Cell::text(other.to_plain()), Cell::Empty],
    }
}

/// An absolute http(s) address: what the link columns show as links.
pub fn is_web_link(s: &str) -> bool {
    let lower = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && !s.contains(char::is_whitespace)
}

pub(super) fn sheet_name(id: &str, reserved: &[&str]) -> String {
    let clean: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(28)
        .collect();
    if reserved.contains(&clean.as_str()) || clean.is_empty() {
        format!("q_{clean}")
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_texts_are_cut_to_a_cell_with_a_marker() {
        assert_eq!(truncate("short"), None);
        let long = "é".repeat(CELL_LIMIT + 10);
        let (kept, total) = truncate(&long).unwrap();
        assert_eq!(total, CELL_LIMIT + 10);
        assert_eq!(kept.chars().count(), CELL_LIMIT);
        // An emoji is two units of a cell: 20,000 of them are 40,000.
        let emoji = "🌍".repeat(20_000);
        let (kept, total) = truncate(&emoji).unwrap();
        assert_eq!(total, 40_000);
        assert!(cell_length(&kept) <= CELL_LIMIT, "{}", cell_length(&kept));
        assert!(
            cell_length(&kept) >= CELL_LIMIT - 1,
            "no more room left than one emoji"
        );
        assert_eq!(truncate(&"🌍".repeat(CELL_LIMIT / 2)), None);
        assert!(
            kept.ends_with("the cell holds 32767]"),
            "{}",
            &kept[kept.len() - 80..]
        );
        let exact = "a".repeat(CELL_LIMIT);
        assert_eq!(truncate(&exact), None);
    }

    #[test]
    fn links_and_sheet_names() {
        assert!(is_web_link("https://example.org/a"));
        assert!(is_web_link("HTTP://example.org"));
        assert!(!is_web_link("www.example.org"));
        assert!(!is_web_link("https://exa mple.org"));
        assert_eq!(sheet_name("events", &["texts"]), "events");
        assert_eq!(sheet_name("texts", &["texts"]), "q_texts");
        assert_eq!(sheet_name("a/b:c", &[]), "a_b_c");
    }
}
