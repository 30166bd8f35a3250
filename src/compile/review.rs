//! DESA's review of a previous compilation, carried over (`--review previous.xlsx`): the
//! `review_status` and `review_note` a reviewer filled in on the `responses` sheet of an
//! earlier workbook, matched to this one's responses by entity key and edition.

use std::collections::HashMap;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use super::CompileError;

/// The review of a previous workbook: (status, note) per entity key and edition.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    by: HashMap<(String, String), (String, String)>,
}

/// A header of the previous workbook, whether it was written with ids or with `--labels`.
fn column(header: &[String], id: &str, label: &str) -> Option<usize> {
    header
        .iter()
        .position(|h| h.trim() == id || h.trim().eq_ignore_ascii_case(label))
}

fn text(cell: Option<&Data>) -> String {
    match cell {
        None | Some(Data::Empty) => String::new(),
        Some(Data::String(s)) => s.trim().to_string(),
        Some(other) => other.to_string(),
    }
}

impl Review {
    /// Reads the `responses` sheet of a workbook `qfill compile` wrote; an entity and edition
    /// reviewed in several rows keeps the first row that says anything.
    pub fn read(path: &Path) -> Result<Review, CompileError> {
        let fail = |reason: String| CompileError::ReviewUnreadable {
            path: path.display().to_string(),
            reason,
        };
        let mut book: Xlsx<_> = open_workbook(path).map_err(|e| fail(reason(&e)))?;
        let range = book
            .worksheet_range("responses")
            .map_err(|_| fail("it has no `responses` sheet".to_string()))?;
        let mut rows = range.rows();
        let header: Vec<String> = rows
            .next()
            .unwrap_or_default()
            .iter()
            .map(|c| text(Some(c)))
            .collect();
        let need = |id: &str, label: &str| {
            column(&header, id, label)
                .ok_or_else(|| fail(format!("its `responses` sheet has no `{id}` column")))
        };
        let key = need("entity_key", "Entity key")?;
        let edition = need("edition", "Edition")?;
        let status = need("review_status", "Review status")?;
        let note = need("review_note", "Review note")?;
        let mut by: HashMap<(String, String), (String, String)> = HashMap::new();
        for row in rows {
            let review = (text(row.get(status)), text(row.get(note)));
            if review.0.is_empty() && review.1.is_empty() {
                continue;
            }
            by.entry((text(row.get(key)), text(row.get(edition))))
                .or_insert(review);
        }
        Ok(Review { by })
    }

    /// The status and note given to an entity's answer to an edition.
    pub fn get(&self, key: &str, edition: &str) -> Option<&(String, String)> {
        self.by.get(&(key.to_string(), edition.to_string()))
    }
}

/// Why calamine could not open a workbook, in one line.
fn reason(e: &calamine::XlsxError) -> String {
    match e {
        calamine::XlsxError::Io(io) => crate::text::io_reason(io),
        other => format!("not a workbook qfill can read ({other})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::model::{Cell, Column, ColumnKind, SheetSpec, Sink};
    use crate::compile::xlsx::{XlsxSink, save};

    fn workbook(
        dir: &Path,
        name: &str,
        sheet: &str,
        columns: &[&str],
        rows: &[&[&str]],
    ) -> std::path::PathBuf {
        let mut sink = XlsxSink::new(false);
        let spec = SheetSpec {
            name: sheet.into(),
            columns: columns
                .iter()
                .map(|c| Column::plain(c, "", ColumnKind::Text))
                .collect(),
        };
        sink.header(0, &spec).unwrap();
        for row in rows {
            sink.row(0, row.iter().map(|c| Cell::text(*c)).collect())
                .unwrap();
        }
        let path = dir.join(name);
        save(&mut sink.finish(0).unwrap(), &path).unwrap();
        path
    }

    #[test]
    fn statuses_and_notes_by_entity_and_edition() {
        let dir = tempfile::tempdir().unwrap();
        let columns = [
            "entity",
            "entity_key",
            "edition",
            "review_status",
            "review_note",
        ];
        let path = workbook(
            dir.path(),
            "book.xlsx",
            "responses",
            &columns,
            &[
                &["UN Tourism", "UNWTO", "hlpf-2024", "checked", "fine"],
                &["UNICEF", "UNICEF", "hlpf-2024", "", ""],
                &[
                    "United Nations Children's Fund",
                    "UNICEF",
                    "hlpf-2024",
                    "asked for a final version",
                    "",
                ],
                &["WFP", "WFP", "hlpf-2024", "", ""],
            ],
        );
        let review = Review::read(&path).unwrap();
        let get = |k: &str, e: &str| review.get(k, e).cloned();
        assert_eq!(
            get("UNWTO", "hlpf-2024"),
            Some(("checked".into(), "fine".into()))
        );
        assert_eq!(
            get("UNICEF", "hlpf-2024"),
            Some(("asked for a final version".into(), String::new()))
        );
        assert_eq!(get("WFP", "hlpf-2024"), None);
        assert_eq!(get("UNWTO", "hlpf-2025"), None);
    }

    #[test]
    fn a_workbook_without_what_a_review_needs_is_an_error_naming_it() {
        let dir = tempfile::tempdir().unwrap();
        let other = workbook(dir.path(), "other.xlsx", "sheet", &["a"], &[]);
        let older = workbook(
            dir.path(),
            "older.xlsx",
            "responses",
            &["entity", "edition"],
            &[],
        );
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "not a workbook").unwrap();
        let cases = [
            (other, "it has no `responses` sheet"),
            (older, "its `responses` sheet has no `entity_key` column"),
            (text, "not a workbook qfill can read"),
            (
                dir.path().join("missing.xlsx"),
                "cannot read the review workbook",
            ),
        ];
        for (path, want) in cases {
            let e = Review::read(&path).unwrap_err().to_string();
            assert!(e.contains(want), "{e}");
            assert!(e.contains(&format!("`{}`", path.display())), "{e}");
        }
    }
}
