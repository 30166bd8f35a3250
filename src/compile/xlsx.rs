//! The XLSX workbook (rust_xlsxwriter). Rows are spooled to one temporary file per sheet as they
//! come, then each sheet is written in constant-memory mode once its row count is known, so that
//! it can be an Excel table (autofilter included) with a frozen header and widths that fit
//! ([`TABLE_CELLS`] says which sheets are too big to be tables).

use std::fs::File;
use std::io::{self, BufWriter};
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use std::collections::{HashMap, HashSet};

use rust_xlsxwriter::{
    ExcelDateTime, Format, Note, Table, TableColumn, TableStyle, Url, Workbook, Worksheet,
    XlsxError,
};

use super::cell_file;
use super::model::{Cell, Column, ColumnKind, SheetSpec, Sink};
use super::xlsx_about::{self, Context, Tally};
use super::xlsx_layout::{self, Formats, MAX_WIDTH};

/// Rows a sheet holds, the header included.
pub const MAX_ROWS: usize = 1_048_576;
/// Columns a sheet holds.
pub const MAX_COLUMNS: usize = 16_384;
/// The longest link a cell holds; longer ones are written as text.
pub const MAX_LINK: usize = 2_079;
/// Links a sheet holds; later ones are written as text.
pub const MAX_LINKS: usize = 65_530;

/// The most cells a sheet has to be an Excel table: rust_xlsxwriter keeps an entry per cell of a
/// table until the workbook is saved, so a bigger sheet gets a plain header with an autofilter
/// (filtering and sorting the same; no table style) and memory stays small.
pub const TABLE_CELLS: usize = 50_000;
/// Characters of a table column's name, with room for a `(2)` that makes it unique.
const MAX_HEADER: usize = 240;

struct Spooled {
    spec: SheetSpec,
    file: BufWriter<File>,
    rows: usize,
    widths: Vec<usize>,
    /// The columns of languages (in the model's numbering), each followed here by its names.
    languages: Vec<usize>,
}

/// A sink that spools rows and writes the workbook at [`XlsxSink::finish`].
pub struct XlsxSink {
    sheets: Vec<Option<Spooled>>,
    labels: bool,
    max_rows: usize,
    table_cells: usize,
    context: Context,
    tally: Tally,
    /// Every sheet's columns as the model gives them, for the codebook's sentences.
    specs: HashMap<String, SheetSpec>,
    languages: HashSet<(String, String)>,
}

fn limit(message: String) -> io::Error {
    io::Error::other(message)
}

impl XlsxSink {
    /// A workbook with ids (or form labels, with `labels`) as headers.
    pub fn new(labels: bool) -> XlsxSink {
        XlsxSink {
            sheets: Vec::new(),
            labels,
            max_rows: MAX_ROWS,
            table_cells: TABLE_CELLS,
            context: Context::default(),
            tally: Tally::default(),
            specs: HashMap::new(),
            languages: HashSet::new(),
        }
    }

    /// The same sink knowing the editions compiled and `--as-of`: the `about` sheet, the
    /// codebook's questions and the languages' names come from them.
    pub fn with_context(mut self, context: Context) -> XlsxSink {
        self.languages = context.language_fields();
        self.context = context;
        self
    }

    /// The workbook of every sheet, ready to save; documents are dated `created` (seconds since
    /// the epoch), so that the same inputs give the same bytes.
    pub fn finish(self, created: i64) -> io::Result<Workbook> {
        let mut workbook = Workbook::new();
        // Level 6 (the default) spends most of a big run compressing. Level 2 (zlib-rs's fast
        // deflate) costs a tenth fewer instructions in all than 3 (its medium one) and wrote a
        // smaller file of 1,000 responses (3.31 MB against 3.35); 1 wrote 4.74 MB.
        workbook.set_zip_compression_level(2);
        let when = ExcelDateTime::from_timestamp(created).map_err(xlsx_error)?;
        workbook.set_properties(
            &rust_xlsxwriter::DocProperties::new()
                .set_creation_datetime(&when)
                .set_title("qfill compile"),
        );
        let formats = Formats::new();
        // Registered in this order before the sheets are written in parallel, so that their
        // numbers in the file are the same in every run.
        for format in formats.all() {
            workbook.register_format(format);
        }
        let mut spooled: Vec<Spooled> = self.sheets.into_iter().flatten().collect();
        // `about` opens the workbook: what it holds, sheet by sheet.
        let counts: Vec<(String, usize)> = spooled
            .iter()
            .map(|s| (s.spec.name.clone(), s.rows))
            .collect();
        let mut about = Spooled::new(xlsx_about::about_spec(), Vec::new())?;
        let rows = xlsx_about::about_rows(&self.context, &self.tally, &counts);
        for row in rows {
            about.push(row)?;
        }
        spooled.insert(0, about);
        for _ in &spooled {
            workbook
                .add_worksheet_with_constant_memory()
                .map_err(xlsx_error)?;
        }
        let names = &self.tally.names;
        let (labels, table_cells) = (self.labels, self.table_cells);
        let formats = &formats;
        // Each sheet has its own temporary file, so sheets are written in parallel: one thread
        // per core, each taking the next sheet.
        let threads = crate::batch::default_jobs().clamp(1, spooled.len().max(1));
        let queue = Mutex::new(workbook.worksheets_mut().iter_mut().zip(spooled));
        let written: Vec<io::Result<()>> = std::thread::scope(|scope| {
            let writers: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        loop {
                            let next = queue.lock().unwrap_or_else(PoisonError::into_inner).next();
                            match next {
                                Some((sheet, spooled)) => {
                                    write_sheet(
                                        sheet,
                                        spooled,
                                        Options {
                                            labels,
                                            table_cells,
                                            formats,
                                            names,
                                        },
                                    )?;
                                }
                                None => return Ok(()),
                            }
                        }
                    })
                })
                .collect();
            writers
                .into_iter()
                .map(|w| {
                    w.join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
                .collect()
        });
        written.into_iter().collect::<io::Result<()>>()?;
        Ok(workbook)
    }
}

/// Writes a finished workbook to `path`, atomically.
pub fn save(workbook: &mut Workbook, path: &Path) -> io::Result<()> {
    crate::fsio::write_atomic_with(path, |file| {
        workbook.save_to_writer(file).map_err(xlsx_error)
    })
}

/// A finished workbook as the bytes of its file, for standard output.
pub fn to_bytes(workbook: &mut Workbook) -> io::Result<Vec<u8>> {
    workbook.save_to_buffer().map_err(xlsx_error)
}

/// How one sheet is written.
struct Options<'a> {
    labels: bool,
    table_cells: usize,
    formats: &'a Formats,
    /// Entity key → full name, for the notes on a matrix's headers.
    names: &'a HashMap<String, String>,
}

impl Spooled {
    fn new(spec: SheetSpec, languages: Vec<usize>) -> io::Result<Spooled> {
        Ok(Spooled {
            widths: vec![0; spec.columns.len()],
            spec,
            file: cell_file::create()?,
            rows: 0,
            languages,
        })
    }

    /// One more row, spooled, its widths measured.
    fn push(&mut self, cells: Vec<Cell>) -> io::Result<()> {
        self.rows += 1;
        for (width, cell) in self.widths.iter_mut().zip(&cells) {
            let w = match cell {
                Cell::Text(s) | Cell::Link(s) => s.chars().take(MAX_WIDTH).count(),
                Cell::Empty => 0,
                Cell::Date(_) => 10,
                other => other.to_plain().len(),
            };
            *width = (*width).max(w);
        }
        cell_file::write_row(&mut self.file, &cells)
    }
}

fn xlsx_error(e: XlsxError) -> io::Error {
    io::Error::other(e.to_string())
}

/// A number in a cell, with a format unless the column's is the one.
fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: f64,
    format: Option<&Format>,
) -> Result<(), XlsxError> {
    match format {
        Some(format) => sheet.write_number_with_format(row, col, value, format),
        None => sheet.write_number(row, col, value),
    }
    .map(|_| ())
}

fn write_sheet<'a>(
    sheet: &mut Worksheet,
    spooled: Spooled,
    options: Options<'a>,
) -> io::Result<()> {
    let Options {
        labels,
        table_cells,
        formats,
        names,
    } = options;
    let (date, header) = (&formats.date, &formats.header);
    let Spooled {
        spec,
        file,
        rows,
        mut widths,
        ..
    } = spooled;
    sheet.set_name(&spec.name).map_err(xlsx_error)?;
    let headers = spec.headers_within(labels, MAX_HEADER);
    let last_col = (headers.len().max(1) - 1) as u16;
    for ((width, h), column) in widths.iter_mut().zip(&headers).zip(&spec.columns) {
        // A header wraps onto two lines before it widens a column of short values.
        let head = h.chars().count().div_ceil(2).max(h.len().min(12));
        *width = (*width).max(head).max(match column.kind {
            ColumnKind::Date => 10,
            _ => 0,
        });
    }
    // Each column carries the format of its kind, so that a cell of that kind is written
    // without one: looking a cell's format up costs a hash of the whole format, which was an
    // eighth of a big workbook's time.
    let column_formats: Vec<&Format> = spec
        .columns
        .iter()
        .map(|column| formats.of_kind(column.kind))
        .collect();
    for (i, width) in widths.iter().enumerate() {
        if let Some(format) = column_formats.get(i) {
            sheet
                .set_column_format(i as u16, format)
                .map_err(xlsx_error)?;
        }
        sheet
            .set_column_width(i as u16, xlsx_layout::width(*width))
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
    xlsx_layout::print_setup(sheet, &spec.name).map_err(xlsx_error)?;
    // A matrix headed by entity keys names each entity in full in a note on its header.
    if spec.name.ends_with("_matrix") {
        for (i, column) in spec.columns.iter().enumerate() {
            if let Some(name) = names.get(&column.id).filter(|n| **n != column.id) {
                sheet
                    .insert_note(0, i as u16, &Note::new(name).add_author_prefix(false))
                    .map_err(xlsx_error)?;
            }
        }
    }
    let cells = rows.saturating_mul(headers.len());
    if rows > 0 && cells <= table_cells {
        let columns: Vec<TableColumn> = headers
            .iter()
            .map(|h| TableColumn::new().set_header(h).set_header_format(header))
            .collect();
        let table = Table::new()
            .set_name(xlsx_layout::table_name(&spec.name))
            .set_columns(&columns)
            .set_style(TableStyle::Light9);
        sheet
            .add_table(0, 0, rows as u32, last_col, &table)
            .map_err(xlsx_error)?;
    } else {
        for (i, h) in headers.iter().enumerate() {
            sheet
                .write_string_with_format(0, i as u16, h, header)
                .map_err(xlsx_error)?;
        }
        if rows > 0 {
            sheet
                .autofilter(0, 0, rows as u32, last_col)
                .map_err(xlsx_error)?;
        }
    }
    let mut spooled_rows = cell_file::read_back(file)?;
    let mut links = 0usize;
    // The header is row 0.
    let mut row = 0u32;
    while let Some(cells) = spooled_rows.row()? {
        row += 1;
        if let Some(height) = xlsx_layout::row_height(&cells, &widths) {
            sheet.set_row_height(row, height).map_err(xlsx_error)?;
        }
        for (c, cell) in cells.into_iter().enumerate() {
            let numbered = spec.columns.get(c).is_some_and(|col| col.id == "number");
            // `None` where the column's own format is the cell's (the same one of `formats`).
            let column_format = column_formats.get(c).copied();
            let own = |format: &'a Format| {
                (!column_format.is_some_and(|f| std::ptr::eq(f, format))).then_some(format)
            };
            let c = c as u16;
            let written = match cell {
                Cell::Empty => continue,
                // A question's number is a number where it is one (`2`, not `B.1`).
                Cell::Text(s) if numbered && s.parse::<u32>().is_ok() => {
                    let n = f64::from(s.parse::<u32>().unwrap_or(0));
                    number(sheet, row, c, n, own(&formats.plain))
                }
                // Answers are cut (with a finding) when the tables are built; this catches any
                // other text, such as a finding quoting a huge key.
                Cell::Text(s) => {
                    let s = match super::build::truncate(&s) {
                        Some((cut, _)) => cut,
                        None => s,
                    };
                    match own(&formats.text) {
                        Some(format) => sheet.write_string_with_format(row, c, s, format),
                        None => sheet.write_string(row, c, s),
                    }
                    .map(|_| ())
                }
                Cell::Int(n) => number(sheet, row, c, n as f64, own(&formats.plain)),
                Cell::Bool(b) => match own(&formats.plain) {
                    Some(format) => sheet.write_boolean_with_format(row, c, b, format),
                    None => sheet.write_boolean(row, c, b),
                }
                .map(|_| ()),
                Cell::Date(d) => {
                    match ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8) {
                        Ok(day) => match own(date) {
                            Some(format) => sheet.write_datetime_with_format(row, c, &day, format),
                            None => sheet.write_datetime(row, c, &day),
                        }
                        .map(|_| ()),
                        Err(_) => sheet
                            .write_string_with_format(row, c, d.to_string(), &formats.text)
                            .map(|_| ()),
                    }
                }
                Cell::Link(url) => {
                    let fits = url.chars().count() <= MAX_LINK && links < MAX_LINKS;
                    // A link Excel refuses is still the address, as text.
                    let linked = fits
                        && sheet
                            .write_url_with_format(row, c, Url::new(url.as_str()), &formats.link)
                            .is_ok();
                    if linked {
                        links += 1;
                        Ok(())
                    } else {
                        sheet
                            .write_string_with_format(row, c, url, &formats.text)
                            .map(|_| ())
                    }
                }
            };
            written.map_err(xlsx_error)?;
        }
    }
    Ok(())
}

impl Sink for XlsxSink {
    fn header(&mut self, sheet: usize, spec: &SheetSpec) -> io::Result<()> {
        if spec.columns.len() > MAX_COLUMNS {
            return Err(limit(format!(
                "sheet `{}` needs {} columns, more than a spreadsheet holds ({MAX_COLUMNS})",
                spec.name,
                spec.columns.len()
            )));
        }
        while self.sheets.len() <= sheet {
            self.sheets.push(None);
        }
        self.specs.insert(spec.name.clone(), spec.clone());
        let languages: Vec<usize> = spec
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                c.question
                    .as_ref()
                    .is_some_and(|q| self.languages.contains(&(q.clone(), c.id.clone())))
            })
            .map(|(i, _)| i)
            .collect();
        let mut written = spec.clone();
        for &at in languages.iter().rev() {
            let codes = &spec.columns[at];
            let id = if codes.id == "languages" {
                "language_names".to_string()
            } else {
                format!("{}_names", codes.id)
            };
            let names = Column {
                id,
                label: format!("{} (names)", codes.label),
                ..codes.clone()
            };
            written.columns.insert(at + 1, names);
        }
        if spec.name == "codebook" {
            written.columns.extend(xlsx_about::codebook_columns());
        }
        self.sheets[sheet] = Some(Spooled::new(written, languages)?);
        Ok(())
    }

    fn row(&mut self, sheet: usize, mut cells: Vec<Cell>) -> io::Result<()> {
        let Some(Some(spooled)) = self.sheets.get_mut(sheet) else {
            return Err(io::Error::other("a row before its sheet's header"));
        };
        if spooled.spec.name == "responses" {
            self.tally.response(&spooled.spec, &cells);
        }
        for &at in spooled.languages.iter().rev() {
            let names = cells
                .get(at)
                .map(|c| xlsx_about::language_names(&c.to_plain()))
                .unwrap_or_default();
            cells.insert((at + 1).min(cells.len()), Cell::text(names));
        }
        if spooled.spec.name == "codebook" {
            let (name, id) = (
                cells.first().map(Cell::to_plain).unwrap_or_default(),
                cells.get(1).map(Cell::to_plain).unwrap_or_default(),
            );
            cells.extend(xlsx_about::codebook_cells(
                &self.context,
                &self.specs,
                &name,
                &id,
            ));
            // A languages column is followed by its names here, and so is its codebook row.
            // Borrowed, not cloned: a matrix's codebook has a row per entity key, each of which
            // would otherwise copy the whole matrix's columns.
            let names_row = self.specs.get(&name).and_then(|spec| {
                let column = spec.columns.iter().find(|c| c.id == id)?;
                let q = column.question.clone()?;
                self.languages.contains(&(q, id.clone())).then(|| {
                    let mut row = cells.clone();
                    let names = if id == "languages" {
                        "language_names".to_string()
                    } else {
                        format!("{id}_names")
                    };
                    // The same question; its own label and sentence.
                    let [sentence, ..] =
                        xlsx_about::codebook_cells(&self.context, &self.specs, &name, &names);
                    row[1] = Cell::text(names);
                    row[3] = Cell::text(format!("{} (names)", column.label));
                    row[7] = sentence;
                    row
                })
            });
            let spooled = self.sheets[sheet].as_mut().expect("checked above");
            spooled.push(cells)?;
            if let Some(row) = names_row {
                spooled.push(row)?;
            }
            return Ok(());
        }
        let spooled = self.sheets[sheet].as_mut().expect("checked above");
        if spooled.rows + 1 >= self.max_rows {
            return Err(limit(format!(
                "sheet `{}` needs more than {} rows, more than a spreadsheet holds; compile fewer files at once, or use `--to csv`",
                spooled.spec.name,
                self.max_rows - 1
            )));
        }
        spooled.push(cells)
    }
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::compile::model::Column;

    fn spec(columns: usize) -> SheetSpec {
        SheetSpec {
            name: "links".into(),
            columns: (0..columns)
                .map(|i| Column::plain(&format!("c{i}"), "", ColumnKind::Link))
                .collect(),
        }
    }

    #[test]
    fn more_rows_or_columns_than_a_sheet_holds_is_an_error_not_a_crash() {
        let mut sink = XlsxSink::new(false);
        sink.max_rows = 3;
        sink.header(0, &spec(1)).unwrap();
        sink.row(0, vec![Cell::Int(1)]).unwrap();
        sink.row(0, vec![Cell::Int(2)]).unwrap();
        let e = sink.row(0, vec![Cell::Int(3)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "sheet `links` needs more than 2 rows, more than a spreadsheet holds; compile fewer files at once, or use `--to csv`"
        );
        let e = XlsxSink::new(false)
            .header(0, &spec(MAX_COLUMNS + 1))
            .unwrap_err();
        assert!(e.to_string().contains("16385 columns"), "{e}");
    }

    fn sheet_xml(path: &Path) -> String {
        let mut zip = zip::ZipArchive::new(File::open(path).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("xl/worksheets/sheet2.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    #[test]
    fn a_sheet_too_big_for_a_table_gets_an_autofilter() {
        let dir = tempfile::tempdir().unwrap();
        for (rows, table) in [(2, true), (3, false)] {
            let path = dir.path().join(format!("{rows}.xlsx"));
            let mut sink = XlsxSink::new(false);
            sink.table_cells = 4;
            sink.header(0, &spec(2)).unwrap();
            for i in 0..rows {
                sink.row(0, vec![Cell::Int(i), Cell::Empty]).unwrap();
            }
            save(&mut sink.finish(0).unwrap(), &path).unwrap();
            let xml = sheet_xml(&path);
            assert_eq!(xml.contains("<tableParts"), table, "{xml}");
            assert_eq!(xml.contains("<autoFilter"), !table, "{xml}");
            assert!(xml.contains("<pane "), "a frozen header: {xml}");
        }
    }

    /// A cell takes its column's format unless its kind differs; a day Excel cannot hold is its
    /// text.
    #[test]
    fn cells_of_their_columns_kind_take_its_format_and_others_their_own() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("formats.xlsx");
        let mut sink = XlsxSink::new(false);
        let spec = SheetSpec {
            name: "days".into(),
            columns: vec![
                Column::plain("day", "", ColumnKind::Date),
                Column::plain("count", "", ColumnKind::Integer),
            ],
        };
        sink.header(0, &spec).unwrap();
        let day = |y, m, d| Cell::Date(jiff::civil::date(y, m, d));
        sink.row(0, vec![day(2024, 3, 1), Cell::Int(7)]).unwrap();
        sink.row(0, vec![day(1800, 1, 1), Cell::text("n/a")])
            .unwrap();
        save(&mut sink.finish(0).unwrap(), &path).unwrap();
        let xml = sheet_xml(&path);
        let style = |cell: &str| {
            let at = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("{cell}: {xml}"));
            let tag = &xml[at..at + xml[at..].find('>').unwrap()];
            tag.split(" s=\"")
                .nth(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
        };
        let column_style = |n: u16| {
            let at = xml.find(&format!("<col min=\"{n}\"")).unwrap();
            let tag = &xml[at..at + xml[at..].find('>').unwrap()];
            tag.split(" style=\"")
                .nth(1)
                .map(|s| s[..s.find('"').unwrap()].to_string())
        };
        assert!(
            column_style(1).is_some() && column_style(2).is_some(),
            "{xml}"
        );
        assert_eq!(style("A2"), column_style(1), "a day in a day column");
        assert_eq!(style("B2"), column_style(2), "a number in a number column");
        assert_ne!(
            style("A3"),
            column_style(1),
            "1800 is text, not a day: {xml}"
        );
        assert!(xml.contains("1800-01-01"), "{xml}");
        assert_ne!(style("B3"), column_style(2), "text in a number column");
    }

    #[test]
    fn links_too_long_for_a_cell_are_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("links.xlsx");
        let mut sink = XlsxSink::new(false);
        sink.header(0, &spec(2)).unwrap();
        let long = format!("https://example.org/{}", "a".repeat(MAX_LINK));
        sink.row(
            0,
            vec![
                Cell::Link("https://example.org/a".into()),
                Cell::Link(long.clone()),
            ],
        )
        .unwrap();
        save(&mut sink.finish(0).unwrap(), &path).unwrap();
        let xml = sheet_xml(&path);
        assert_eq!(xml.matches("<hyperlink ").count(), 1, "{xml}");
        assert!(xml.contains(&long), "the long address is kept as text");
    }
}
