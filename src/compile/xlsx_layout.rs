//! How the workbook reads and prints: wrapped text in columns of sensible widths with a capped
//! row height, every sheet landscape A4 fitted to one page wide with its header row repeated and
//! a footer naming the sheet and the page, and tables named as their sheets.

use rust_xlsxwriter::{Format, FormatAlign, Worksheet};

use super::model::{Cell, ColumnKind};

/// The widest a column is drawn, in characters; longer text wraps.
pub const MAX_WIDTH: usize = 50;
/// The narrowest.
const MIN_WIDTH: usize = 6;
/// The most lines a row is drawn with; the rest of a long answer is in the cell (and the formula
/// bar), not on screen or paper.
pub const MAX_LINES: usize = 6;
/// Points per line of 11-point text.
const LINE: f64 = 15.0;
/// A4 in Excel's paper sizes.
const A4: u8 = 9;

/// The cell formats of a workbook: everything top-aligned so that a row of wrapped text reads
/// from its top; text wraps.
pub struct Formats {
    /// Text, wrapped.
    pub text: Format,
    /// Numbers and booleans.
    pub plain: Format,
    /// Calendar days.
    pub date: Format,
    /// The header row.
    pub header: Format,
    /// Web addresses.
    pub link: Format,
}

impl Formats {
    /// The formats, made once per workbook.
    pub fn new() -> Formats {
        let top = Format::new().set_align(FormatAlign::Top);
        Formats {
            text: top.clone().set_text_wrap(),
            plain: top.clone(),
            date: top.clone().set_num_format("yyyy-mm-dd"),
            header: Format::new().set_bold().set_text_wrap(),
            link: top.set_hyperlink(),
        }
    }

    /// The format of a column of `kind`.
    pub fn of_kind(&self, kind: ColumnKind) -> &Format {
        match kind {
            ColumnKind::Text => &self.text,
            ColumnKind::Integer | ColumnKind::Boolean => &self.plain,
            ColumnKind::Date => &self.date,
            ColumnKind::Link => &self.link,
        }
    }

    /// Every format, in the order they are registered, so that their numbers in the file are
    /// the same in every run.
    pub fn all(&self) -> [&Format; 5] {
        [
            &self.header,
            &self.date,
            &self.link,
            &self.text,
            &self.plain,
        ]
    }
}

impl Default for Formats {
    fn default() -> Formats {
        Formats::new()
    }
}

/// The width a column is drawn at, from the longest value it holds (header included).
pub fn width(longest: usize) -> f64 {
    longest.clamp(MIN_WIDTH, MAX_WIDTH) as f64 + 1.5
}

/// The height of a row of `cells` in columns of `widths` (characters each), when some cell
/// wraps onto more than one line: enough lines for the longest, at most [`MAX_LINES`].
pub fn row_height(cells: &[Cell], widths: &[usize]) -> Option<f64> {
    let lines = cells
        .iter()
        .zip(widths)
        .map(|(cell, width)| match cell {
            Cell::Text(s) => {
                let width = (*width).clamp(MIN_WIDTH, MAX_WIDTH);
                // Each line break starts a line; a line holds about `width` characters.
                s.split('\n')
                    .map(|line| line.chars().count().div_ceil(width).max(1))
                    .sum::<usize>()
            }
            _ => 1,
        })
        .max()
        .unwrap_or(1)
        .min(MAX_LINES);
    (lines > 1).then_some(lines as f64 * LINE)
}

/// Whether a sheet is long or wide enough to print small: the long sheets of one row per goal or
/// Member State, and the matrices.
pub fn prints_small(name: &str) -> bool {
    matches!(name, "sdgs" | "member_states") || name.ends_with("_matrix")
}

/// Landscape A4, fitted to one page wide, the header row on every page, a footer with the sheet's
/// name and `Page X of Y`; the long sheets and matrices with narrow margins.
pub fn print_setup(sheet: &mut Worksheet, name: &str) -> Result<(), rust_xlsxwriter::XlsxError> {
    sheet
        .set_landscape()
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_footer("&L&A&RPage &P of &N");
    if prints_small(name) {
        sheet.set_margins(0.25, 0.25, 0.4, 0.5, 0.2, 0.25);
    } else {
        sheet.set_margins(0.4, 0.4, 0.5, 0.6, 0.3, 0.3);
    }
    sheet.set_repeat_rows(0, 0)?;
    Ok(())
}

/// An Excel table's name for a sheet: the sheet's own name when Excel allows it (letters,
/// digits, `_` and `.`, starting with a letter or `_`, not like a cell reference), else the name
/// with the rest replaced by `_` and a leading `_`.
pub fn table_name(sheet: &str) -> String {
    let mut name: String = sheet
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '.' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let starts_well = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    // `A1`, `XFD1048576`, `R1C1` and `R`/`C` alone are references.
    let letters = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let reference = (!letters.is_empty()
        && letters.len() <= 3
        && letters.len() < name.len()
        && letters.chars().all(|c| c.is_ascii_alphabetic()))
        || matches!(name.to_ascii_lowercase().as_str(), "r" | "c")
        || (name.to_ascii_lowercase().starts_with('r')
            && name[1..].contains(['c', 'C'])
            && name[1..]
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'c' || c == 'C'));
    if !starts_well || reference {
        name.insert(0, '_');
    }
    name.chars().take(255).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_as_tall_as_their_longest_text_up_to_a_cap() {
        let widths = [10, 50];
        assert_eq!(
            row_height(&[Cell::Int(3), Cell::text("short")], &widths),
            None
        );
        assert_eq!(
            row_height(&[Cell::text("x".repeat(25)), Cell::Empty], &widths),
            Some(3.0 * LINE)
        );
        assert_eq!(
            row_height(&[Cell::text("a\nb"), Cell::Empty], &widths),
            Some(2.0 * LINE)
        );
        assert_eq!(
            row_height(&[Cell::Empty, Cell::text("word ".repeat(800))], &widths),
            Some(MAX_LINES as f64 * LINE),
            "an 800-word answer is capped"
        );
    }

    #[test]
    fn tables_are_named_as_their_sheets_when_excel_allows_it() {
        let cases = [
            ("events", "events"),
            ("sdg_matrix", "sdg_matrix"),
            ("about", "about"),
            ("A1", "_A1"),
            ("xfd12", "_xfd12"),
            ("R1C1", "_R1C1"),
            ("c", "_c"),
            ("2024 answers", "_2024_answers"),
            ("entité", "entité"),
        ];
        for (sheet, want) in cases {
            assert_eq!(table_name(sheet), want, "{sheet}");
        }
    }

    #[test]
    fn widths_stay_between_the_narrowest_and_the_widest() {
        assert_eq!(width(2), MIN_WIDTH as f64 + 1.5);
        assert_eq!(width(800), MAX_WIDTH as f64 + 1.5);
    }
}
