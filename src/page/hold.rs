//! The compiled tables as the page holds them while it is made: every row in memory except the
//! long texts only the previews show (text answers, paragraph fields such as descriptions),
//! which go to a temporary file and are read back when their preview is written — or, without
//! previews, are not kept at all; nor are the columns of the long sheets the page never reads.
//! They are most of what memory would otherwise hold.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::sync::{Mutex, PoisonError};

use crate::compile::model::{Cell, Compilation, SheetSpec, Sink};
use crate::questionnaire::{FieldKind, QuestionKind, Questionnaire};

/// The sheet of text answers and its column of text.
const TEXTS: (&str, &str) = ("texts", "text");

/// The long sheets (a row per goal or place of every record), with the only columns the page
/// reads of them (`coverage::sdgs`, `lists::member_states`): the others are not kept, since
/// these sheets are most of the compilation's rows.
const READ_OF_LONG_SHEETS: &[(&str, &[&str])] = &[
    ("sdgs", &["goal"]),
    (
        "member_states",
        &["country", "kind", "entity_key", "name", "all"],
    ),
];

/// Where a long text went: sheet, row and column index → offset and length in the file.
type Places = HashMap<(usize, usize, usize), (u64, u32)>;

/// A sink that keeps the compilation in memory, long texts aside.
pub struct Held {
    compilation: Compilation,
    /// The paragraph fields of the editions: (question, field).
    paragraphs: HashSet<(String, String)>,
    /// Per sheet, the columns held aside.
    long: Vec<Vec<usize>>,
    /// Per sheet, the columns not kept.
    unread: Vec<Vec<usize>>,
    /// Where the long texts are written; none without previews.
    spill: Option<(BufWriter<File>, u64)>,
    places: Places,
}

/// The long texts, read back by their place.
#[derive(Debug)]
pub struct Spilled {
    file: Mutex<File>,
    places: Places,
}

impl Held {
    /// A sink for a page of these editions; with `previews`, long texts are kept on disk.
    pub fn new(editions: &[Questionnaire], previews: bool) -> io::Result<Held> {
        let paragraphs = editions
            .iter()
            .flat_map(|q| &q.questions)
            .filter_map(|q| match &q.kind {
                QuestionKind::Records(r) => Some((q, r)),
                _ => None,
            })
            .flat_map(|(q, r)| {
                r.fields
                    .iter()
                    .filter(|f| f.kind == FieldKind::Paragraphs)
                    .map(|f| (q.id.clone(), f.id.clone()))
            })
            .collect();
        let spill = if previews {
            Some((BufWriter::new(tempfile::tempfile()?), 0))
        } else {
            None
        };
        Ok(Held {
            compilation: Compilation::default(),
            paragraphs,
            long: Vec::new(),
            unread: Vec::new(),
            spill,
            places: Places::new(),
        })
    }

    /// The compilation, and the long texts when they were kept.
    pub fn finish(self) -> io::Result<(Compilation, Spilled)> {
        let file = match self.spill {
            Some((writer, _)) => Some(
                writer
                    .into_inner()
                    .map_err(io::IntoInnerError::into_error)?,
            ),
            None => None,
        };
        let file = match file {
            Some(f) => f,
            None => tempfile::tempfile()?,
        };
        Ok((
            self.compilation,
            Spilled {
                file: Mutex::new(file),
                places: self.places,
            },
        ))
    }
}

impl Spilled {
    /// The long text of a cell, if it was held aside.
    pub fn text(&self, sheet: usize, row: usize, column: usize) -> Option<String> {
        let (offset, len) = *self.places.get(&(sheet, row, column))?;
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        let mut bytes = vec![0; len as usize];
        file.seek(SeekFrom::Start(offset))
            .and_then(|_| file.read_exact(&mut bytes))
            .ok()?;
        String::from_utf8(bytes).ok()
    }
}

impl Sink for Held {
    fn header(&mut self, sheet: usize, spec: &SheetSpec) -> io::Result<()> {
        let long = spec
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| {
                (spec.name == TEXTS.0 && c.id == TEXTS.1)
                    || c.question
                        .as_ref()
                        .is_some_and(|q| self.paragraphs.contains(&(q.clone(), c.id.clone())))
            })
            .map(|(i, _)| i)
            .collect();
        let unread = READ_OF_LONG_SHEETS
            .iter()
            .find(|(name, _)| *name == spec.name)
            .map(|(_, read)| {
                (0..spec.columns.len())
                    .filter(|i| !read.contains(&spec.columns[*i].id.as_str()))
                    .collect()
            })
            .unwrap_or_default();
        while self.long.len() <= sheet {
            self.long.push(Vec::new());
            self.unread.push(Vec::new());
        }
        self.long[sheet] = long;
        self.unread[sheet] = unread;
        self.compilation.header(sheet, spec)
    }

    fn row(&mut self, sheet: usize, mut cells: Vec<Cell>) -> io::Result<()> {
        let row = self
            .compilation
            .sheets
            .get(sheet)
            .map_or(0, |s| s.rows.len());
        for &column in self.unread.get(sheet).map_or(&[][..], Vec::as_slice) {
            if let Some(cell) = cells.get_mut(column) {
                *cell = Cell::Empty;
            }
        }
        for &column in self.long.get(sheet).map_or(&[][..], Vec::as_slice) {
            if !matches!(cells.get(column), Some(Cell::Text(_))) {
                continue;
            }
            let Cell::Text(text) = std::mem::replace(&mut cells[column], Cell::Empty) else {
                continue;
            };
            if let Some((file, end)) = &mut self.spill {
                file.write_all(text.as_bytes())?;
                let len = u32::try_from(text.len()).map_err(io::Error::other)?;
                self.places.insert((sheet, row, column), (*end, len));
                *end += u64::from(len);
            }
        }
        self.compilation.row(sheet, cells)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::model::{Column, ColumnKind};

    fn texts() -> SheetSpec {
        SheetSpec {
            name: "texts".into(),
            columns: vec![
                Column::plain("file", "File", ColumnKind::Text),
                Column::plain("text", "Answer", ColumnKind::Text),
            ],
        }
    }

    fn events() -> SheetSpec {
        let q = Questionnaire::builtin_cached("hlpf-2024").unwrap();
        let editions = [q.id.clone()];
        SheetSpec {
            name: "events".into(),
            columns: vec![
                Column::plain("file", "File", ColumnKind::Text),
                Column::plain("name", "Name", ColumnKind::Text).of("events", &editions),
                Column::plain("description", "Description", ColumnKind::Text)
                    .of("events", &editions),
            ],
        }
    }

    fn rows(held: &mut Held) {
        held.header(0, &texts()).unwrap();
        held.header(1, &events()).unwrap();
        for i in 0..3 {
            held.row(
                0,
                vec![
                    Cell::text(format!("f{i}")),
                    Cell::text(format!("answer {i} é")),
                ],
            )
            .unwrap();
            held.row(
                1,
                vec![
                    Cell::text(format!("f{i}")),
                    Cell::text(format!("event {i}")),
                    Cell::text(format!("description {i}")),
                ],
            )
            .unwrap();
        }
    }

    #[test]
    fn long_texts_wait_on_disk_for_their_preview() {
        let q = Questionnaire::builtin_cached("hlpf-2024").unwrap().clone();
        let mut held = Held::new(&[q], true).unwrap();
        rows(&mut held);
        let (c, spilled) = held.finish().unwrap();
        assert_eq!(c.sheets[0].rows[1][1], Cell::Empty, "not in memory");
        assert_eq!(
            c.sheets[1].rows[2][1],
            Cell::text("event 2"),
            "short fields stay"
        );
        assert_eq!(spilled.text(0, 1, 1).as_deref(), Some("answer 1 é"));
        assert_eq!(spilled.text(1, 2, 2).as_deref(), Some("description 2"));
        assert_eq!(spilled.text(1, 2, 1), None);
    }

    #[test]
    fn the_long_sheets_keep_only_what_the_page_reads() {
        let q = Questionnaire::builtin_cached("hlpf-2024").unwrap().clone();
        let mut held = Held::new(&[q], false).unwrap();
        let spec = SheetSpec {
            name: "sdgs".into(),
            columns: vec![
                Column::plain("entity", "Entity", ColumnKind::Text),
                Column::plain("goal", "Goal", ColumnKind::Integer),
            ],
        };
        held.header(0, &spec).unwrap();
        held.row(0, vec![Cell::text("UNDP"), Cell::Int(13)])
            .unwrap();
        let (c, _) = held.finish().unwrap();
        assert_eq!(c.sheets[0].rows[0], [Cell::Empty, Cell::Int(13)]);
    }

    #[test]
    fn without_previews_long_texts_are_not_kept() {
        let q = Questionnaire::builtin_cached("hlpf-2024").unwrap().clone();
        let mut held = Held::new(&[q], false).unwrap();
        rows(&mut held);
        let (c, spilled) = held.finish().unwrap();
        assert_eq!(c.sheets[0].rows[0][1], Cell::Empty);
        assert_eq!(spilled.text(0, 0, 1), None);
    }
}
