//! The tables as CSV: one RFC 4180 file per sheet in a folder, UTF-8. Each file is spooled, then
//! written atomically in place at the end; other files in the folder are never touched.
//! For Excel, `excel` adds a BOM (so that accents open right) and quotes formula-like cells.

use std::borrow::Cow;
use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use super::model::{Cell, SheetSpec, Sink};

/// How the CSV files are written.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// Headers are form labels instead of ids.
    pub labels: bool,
    /// A BOM, and `'` before cells that start with `=`, `+`, `-` or `@`.
    pub excel: bool,
    /// Replace existing files.
    pub force: bool,
}

struct Open {
    target: PathBuf,
    writer: csv::Writer<BufWriter<File>>,
}

/// A sink writing one CSV file per sheet into a folder.
pub struct CsvSink {
    folder: PathBuf,
    options: CsvOptions,
    sheets: Vec<Option<Open>>,
}

impl CsvSink {
    /// Writes into `folder`, which is created if missing.
    pub fn new(folder: &Path, options: CsvOptions) -> io::Result<CsvSink> {
        fs::create_dir_all(folder)?;
        Ok(CsvSink {
            folder: folder.to_path_buf(),
            options,
            sheets: Vec::new(),
        })
    }

    /// Moves every finished file into place; gives the paths written, in sheet order.
    pub fn finish(self) -> io::Result<Vec<PathBuf>> {
        let mut written = Vec::new();
        for open in self.sheets.into_iter().flatten() {
            let mut spooled = open
                .writer
                .into_inner()
                .map_err(|e| io::Error::other(e.to_string()))?
                .into_inner()
                .map_err(std::io::IntoInnerError::into_error)?;
            spooled.rewind()?;
            crate::fsio::write_atomic_with(&open.target, |file| {
                io::copy(&mut spooled, file).map(|_| ())
            })?;
            written.push(open.target);
        }
        Ok(written)
    }
}

/// Text of a cell for CSV; with `excel`, a cell that a spreadsheet would run as a formula is
/// prefixed with `'`.
pub fn csv_text(cell: &Cell, excel: bool) -> Cow<'_, str> {
    let text = cell.as_plain();
    let is_text = matches!(cell, Cell::Text(_) | Cell::Link(_));
    if excel && is_text {
        guarded(text)
    } else {
        text
    }
}

/// Text a spreadsheet would run as a formula (it starts with `=`, `+`, `-` or `@`), prefixed
/// with `'`: for `--excel`, in cells and headers alike (a header can be an entity's key).
fn guarded(text: Cow<'_, str>) -> Cow<'_, str> {
    if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}").into()
    } else {
        text
    }
}

impl Sink for CsvSink {
    fn header(&mut self, sheet: usize, spec: &SheetSpec) -> io::Result<()> {
        let target = self.folder.join(format!("{}.csv", spec.name));
        if !self.options.force && fs::symlink_metadata(&target).is_ok() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("`{}` exists already", target.display()),
            ));
        }
        // Spooled aside, then written atomically in place at the end.
        let mut out = BufWriter::new(tempfile::tempfile()?);
        if self.options.excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(out);
        let headers = spec.headers(self.options.labels);
        if self.options.excel {
            writer.write_record(headers.into_iter().map(|h| guarded(h.into()).into_owned()))?;
        } else {
            writer.write_record(headers)?;
        }
        while self.sheets.len() <= sheet {
            self.sheets.push(None);
        }
        self.sheets[sheet] = Some(Open { target, writer });
        Ok(())
    }

    fn row(&mut self, sheet: usize, cells: Vec<Cell>) -> io::Result<()> {
        let Some(Some(open)) = self.sheets.get_mut(sheet) else {
            return Err(io::Error::other("a row before its sheet's header"));
        };
        let excel = self.options.excel;
        // Field by field, each text borrowed from its cell (a copy of every text was a sixth
        // of a compile to CSV); an empty record ends the row.
        for cell in &cells {
            match cell {
                // The sheets are mostly counts and goals' 0 and 1.
                Cell::Int(n) => open.writer.write_field(itoa::Buffer::new().format(*n))?,
                _ => open.writer.write_field(csv_text(cell, excel).as_bytes())?,
            }
        }
        open.writer.write_record(None::<&[u8]>)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::model::{Column, ColumnKind};

    #[test]
    fn formula_like_cells_are_quoted_for_excel_only() {
        let cell = Cell::text("=HYPERLINK(\"x\")");
        assert_eq!(csv_text(&cell, true), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_text(&cell, false), "=HYPERLINK(\"x\")");
        assert_eq!(csv_text(&Cell::text("-5 and more"), true), "'-5 and more");
        assert_eq!(csv_text(&Cell::Int(-5), true), "-5");
        assert_eq!(csv_text(&Cell::text("plain"), true), "plain");
        assert_eq!(guarded("=SUM(B2:B9)".into()), "'=SUM(B2:B9)");
        assert_eq!(guarded("UNICEF".into()), "UNICEF");
    }

    #[test]
    fn excel_headers_are_guarded_too() {
        let dir = tempfile::tempdir().unwrap();
        let spec = SheetSpec {
            name: "country_matrix".into(),
            columns: vec![
                Column::plain("country", "", ColumnKind::Text),
                Column::plain("=SUM(B2:B9)", "", ColumnKind::Integer),
            ],
        };
        for (excel, want) in [
            (true, "\u{feff}country,'=SUM(B2:B9)\r\n"),
            (false, "country,=SUM(B2:B9)\r\n"),
        ] {
            let options = CsvOptions {
                excel,
                force: true,
                ..CsvOptions::default()
            };
            let mut sink = CsvSink::new(dir.path(), options).unwrap();
            sink.header(0, &spec).unwrap();
            sink.finish().unwrap();
            let text = fs::read_to_string(dir.path().join("country_matrix.csv")).unwrap();
            assert_eq!(text, want);
        }
    }

    #[test]
    fn files_appear_only_at_the_end_and_are_not_replaced_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let spec = SheetSpec {
            name: "texts".into(),
            columns: vec![Column::plain("text", "Answer", ColumnKind::Text)],
        };
        let mut sink = CsvSink::new(
            dir.path(),
            CsvOptions {
                excel: true,
                ..CsvOptions::default()
            },
        )
        .unwrap();
        sink.header(0, &spec).unwrap();
        sink.row(0, vec![Cell::text("a, \"b\"\nc")]).unwrap();
        assert!(!dir.path().join("texts.csv").exists());
        sink.finish().unwrap();
        let bytes = fs::read(dir.path().join("texts.csv")).unwrap();
        assert_eq!(bytes, b"\xEF\xBB\xBFtext\r\n\"a, \"\"b\"\"\nc\"\r\n");
        let mut again = CsvSink::new(dir.path(), CsvOptions::default()).unwrap();
        let e = again.header(0, &spec).err().unwrap();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        let mut forced = CsvSink::new(
            dir.path(),
            CsvOptions {
                force: true,
                ..CsvOptions::default()
            },
        )
        .unwrap();
        forced.header(0, &spec).unwrap();
        forced.finish().unwrap();
        assert_eq!(fs::read(dir.path().join("texts.csv")).unwrap(), b"text\r\n");
    }
}
