//! The spool: every response's rows, written to a temporary file as they are built and read
//! back in the same order once every response is in, so that what only the whole intake says
//! (which answers are copies of others, which one `--keep latest` keeps) decides which rows
//! reach the tables, while memory holds one slice of answers.
//!
//! The cells are in `cell_file`'s compact form; a row starts with its sheet's tag.

use std::fs::File;
use std::io::{self, BufWriter, Write};

use crate::compile::cell_file::{self, CellReader, corrupt};
use crate::compile::model::Cell;

/// The sheet a spooled row belongs to; record sheets by their place among the record topics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tag {
    /// `responses`: one row per response.
    Responses,
    /// `texts`.
    Texts,
    /// The record sheet of the n-th record topic.
    Records(u16),
    /// The long `sdgs` sheet.
    Sdgs,
    /// The long `member_states` sheet.
    MemberStates,
    /// `high_impact`.
    HighImpact,
    /// `notes`.
    Notes,
    /// `findings`.
    Findings,
}

impl Tag {
    fn code(self) -> (u8, u16) {
        match self {
            Tag::Responses => (0, 0),
            Tag::Texts => (1, 0),
            Tag::Records(n) => (2, n),
            Tag::Sdgs => (3, 0),
            Tag::MemberStates => (4, 0),
            Tag::HighImpact => (5, 0),
            Tag::Notes => (6, 0),
            Tag::Findings => (7, 0),
        }
    }

    /// Whether the sheet holds a response's data (left out for a response that is not
    /// counted), rather than what is said about the response itself.
    pub(super) fn is_data(self) -> bool {
        !matches!(self, Tag::Responses | Tag::Findings)
    }

    fn from_code(code: u8, n: u16) -> io::Result<Tag> {
        Ok(match code {
            0 => Tag::Responses,
            1 => Tag::Texts,
            2 => Tag::Records(n),
            3 => Tag::Sdgs,
            4 => Tag::MemberStates,
            5 => Tag::HighImpact,
            6 => Tag::Notes,
            7 => Tag::Findings,
            _ => return Err(corrupt()),
        })
    }
}

/// A cell as spooled: a cell of the tables, or a record's id, which only the end of the run
/// can write (a second file of the same entity and edition adds `~2`).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Spooled {
    /// A finished cell.
    Cell(Cell),
    /// The id of record `number` of the record topic at `topic`.
    RecordId {
        /// The record topic's place among the record topics.
        topic: u16,
        /// The record's number in its response, from 1.
        number: u32,
    },
}

/// One spooled item: the start of a response's rows, or one row.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    /// The rows that follow, up to the next `Begin`, are response `n`'s (in input order).
    Begin(u32),
    /// A row of a sheet.
    Row(Tag, Vec<Spooled>),
}

/// Rows written as they come.
pub(super) struct Spool {
    file: BufWriter<File>,
}

impl Spool {
    /// A spool in a new temporary file (removed when dropped).
    pub(super) fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: cell_file::create()?,
        })
    }

    /// The rows of response `n` start here.
    pub(super) fn begin(&mut self, n: u32) -> io::Result<()> {
        self.file.write_all(&[BEGIN])?;
        self.file.write_all(&n.to_le_bytes())
    }

    /// One row of finished cells.
    pub(super) fn row(&mut self, tag: Tag, cells: &[Cell]) -> io::Result<()> {
        self.head(tag, cells.len())?;
        for cell in cells {
            cell_file::write_cell(&mut self.file, cell)?;
        }
        Ok(())
    }

    /// One row holding record ids among its cells.
    pub(super) fn row_spooled(&mut self, tag: Tag, cells: &[Spooled]) -> io::Result<()> {
        self.head(tag, cells.len())?;
        for cell in cells {
            match cell {
                Spooled::Cell(cell) => cell_file::write_cell(&mut self.file, cell)?,
                Spooled::RecordId { topic, number } => {
                    self.file.write_all(&[RECORD_ID])?;
                    self.file.write_all(&topic.to_le_bytes())?;
                    self.file.write_all(&number.to_le_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn head(&mut self, tag: Tag, cells: usize) -> io::Result<()> {
        let (code, n) = tag.code();
        self.file.write_all(&[code])?;
        self.file.write_all(&n.to_le_bytes())?;
        cell_file::write_u32(&mut self.file, cells)
    }

    /// Everything written, from the start.
    pub(super) fn read_back(self) -> io::Result<Replay> {
        Ok(Replay {
            file: cell_file::read_back(self.file)?,
        })
    }
}

/// What starts a response's rows, where a row starts with its tag's code.
const BEGIN: u8 = 0xff;
/// A record id among a row's cells, a kind of cell only the spool has.
const RECORD_ID: u8 = cell_file::FIRST_FREE_KIND;

/// The spooled items, in the order they were written.
pub(super) struct Replay {
    file: CellReader,
}

impl Replay {
    /// The next item; `None` at the end.
    pub(super) fn next_item(&mut self) -> io::Result<Option<Item>> {
        let Some(code) = self.file.next_byte()? else {
            return Ok(None);
        };
        if code == BEGIN {
            return Ok(Some(Item::Begin(self.file.u32()?)));
        }
        let n = self.file.u16()?;
        let tag = Tag::from_code(code, n)?;
        let count = self.file.u32()? as usize;
        let mut cells = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            cells.push(self.cell()?);
        }
        Ok(Some(Item::Row(tag, cells)))
    }

    fn cell(&mut self) -> io::Result<Spooled> {
        let [kind] = self.file.bytes()?;
        if let Some(cell) = self.file.cell_of_kind(kind)? {
            return Ok(Spooled::Cell(cell));
        }
        if kind != RECORD_ID {
            return Err(corrupt());
        }
        let topic = self.file.u16()?;
        let number = self.file.u32()?;
        Ok(Spooled::RecordId { topic, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the spool adds to `cell_file` (whose test reads back every kind of cell): tags,
    /// the start of each response's rows, record ids among the cells.
    #[test]
    fn tags_responses_and_record_ids_read_back_as_written() {
        let rows = [
            (
                Tag::Responses,
                vec![Cell::text("é ✓ 🌍"), Cell::Int(-7), Cell::Empty],
            ),
            (Tag::Records(3), vec![]),
            (Tag::Findings, vec![Cell::text("x".repeat(100_000))]),
        ];
        let mut spool = Spool::new().unwrap();
        spool.begin(0).unwrap();
        for (tag, cells) in &rows {
            spool.row(*tag, cells).unwrap();
        }
        spool.begin(1).unwrap();
        let ids = [
            Spooled::Cell(Cell::text("a")),
            Spooled::RecordId {
                topic: 2,
                number: 41,
            },
        ];
        spool.row_spooled(Tag::Sdgs, &ids).unwrap();
        let mut replay = spool.read_back().unwrap();
        assert_eq!(replay.next_item().unwrap(), Some(Item::Begin(0)));
        for (tag, cells) in rows {
            let want = cells.into_iter().map(Spooled::Cell).collect();
            assert_eq!(replay.next_item().unwrap(), Some(Item::Row(tag, want)));
        }
        assert_eq!(replay.next_item().unwrap(), Some(Item::Begin(1)));
        assert_eq!(
            replay.next_item().unwrap(),
            Some(Item::Row(Tag::Sdgs, ids.to_vec()))
        );
        assert_eq!(replay.next_item().unwrap(), None);
    }
}
