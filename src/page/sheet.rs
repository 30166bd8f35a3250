//! Reading the compiled tables by column id, and the cells as the page shows them.

use serde::Serialize;

use crate::compile::build::is_web_link;
use crate::compile::model::{Cell, ColumnKind, Compilation, Sheet};

static EMPTY: Cell = Cell::Empty;

/// One row of a sheet, read by column id; a column the sheet lacks reads as empty.
#[derive(Clone, Copy)]
pub struct Row<'a> {
    sheet: &'a Sheet,
    cells: &'a [Cell],
}

impl<'a> Row<'a> {
    /// The cell of column `id`.
    pub fn cell(&self, id: &str) -> &'a Cell {
        self.sheet
            .column(id)
            .and_then(|i| self.cells.get(i))
            .unwrap_or(&EMPTY)
    }

    /// The cell of column `id` as plain text.
    pub fn text(&self, id: &str) -> String {
        self.cell(id).to_plain()
    }

    /// The cell of column `id` as a number (0 when empty).
    pub fn int(&self, id: &str) -> i64 {
        match self.cell(id) {
            Cell::Int(n) => *n,
            _ => 0,
        }
    }

    /// The cell of column `id` as a number, if it holds one.
    pub fn opt_int(&self, id: &str) -> Option<i64> {
        match self.cell(id) {
            Cell::Int(n) => Some(*n),
            _ => None,
        }
    }

    /// Whether column `id` holds `true`.
    pub fn flag(&self, id: &str) -> bool {
        matches!(self.cell(id), Cell::Bool(true))
    }

    /// The sheet the row is of.
    pub fn sheet(&self) -> &'a Sheet {
        self.sheet
    }

    /// The cells with their columns, in order.
    pub fn cells(&self) -> impl Iterator<Item = (&'a crate::compile::model::Column, &'a Cell)> {
        self.sheet.spec.columns.iter().zip(self.cells.iter())
    }
}

/// The rows of sheet `name`; none when the compilation lacks it.
pub fn rows<'a>(c: &'a Compilation, name: &str) -> Vec<Row<'a>> {
    c.sheet(name).map(sheet_rows).unwrap_or_default()
}

/// The rows of a sheet.
pub fn sheet_rows(sheet: &Sheet) -> Vec<Row<'_>> {
    sheet
        .rows
        .iter()
        .map(|cells| Row { sheet, cells })
        .collect()
}

/// Row `i` of a sheet; a row past the end reads as empty.
pub fn row_at(sheet: &Sheet, i: usize) -> Row<'_> {
    Row {
        sheet,
        cells: sheet.rows.get(i).map_or(&[], Vec::as_slice),
    }
}

/// The sheets of record questions (events, resources, initiatives), with their topic: a sheet
/// with a `record` column whose other columns come from one question's fields.
pub fn record_sheets(c: &Compilation) -> Vec<(&str, &Sheet)> {
    c.sheets
        .iter()
        .filter(|s| s.column("record").is_some())
        .filter_map(|s| {
            let topic = s
                .spec
                .columns
                .iter()
                .find_map(|col| col.question.as_deref())?;
            Some((topic, s))
        })
        .collect()
}

/// A cell as the page shows it: text, and a link only for an http(s) website from an answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Shown {
    /// The text.
    pub text: String,
    /// The address to link, when the cell is a web link.
    pub link: Option<String>,
    /// Whether the cell is a number (right-aligned).
    pub number: bool,
}

impl Shown {
    /// How a cell of a column of `kind` is shown.
    pub fn of(cell: &Cell, kind: ColumnKind) -> Shown {
        let text = cell.to_plain();
        let link = match cell {
            Cell::Link(url) if is_web_link(url) => Some(url.clone()),
            Cell::Text(url) if kind == ColumnKind::Link && is_web_link(url) => Some(url.clone()),
            _ => None,
        };
        Shown {
            number: matches!(cell, Cell::Int(_)),
            text,
            link,
        }
    }

    /// Plain text, never a link.
    pub fn text(text: impl Into<String>) -> Shown {
        Shown {
            text: text.into(),
            ..Shown::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_addresses_become_links() {
        let cases = [
            (
                Cell::Link("https://example.org".into()),
                ColumnKind::Link,
                true,
            ),
            (
                Cell::Link("javascript:alert(1)".into()),
                ColumnKind::Link,
                false,
            ),
            (
                Cell::Text("javascript:alert(1)".into()),
                ColumnKind::Link,
                false,
            ),
            (
                Cell::Text("http://example.org".into()),
                ColumnKind::Text,
                false,
            ),
            (
                Cell::Text("www.example.org".into()),
                ColumnKind::Link,
                false,
            ),
        ];
        for (cell, kind, linked) in cases {
            assert_eq!(Shown::of(&cell, kind).link.is_some(), linked, "{cell:?}");
        }
    }
}
