//! The spool: every response's rows, written to a temporary file as they are built and read
//! back in the same order once every response is in, so that what only the whole intake says
//! (which answers are copies of others, which one `--keep latest` keeps) decides which rows
//! reach the tables, while memory holds one slice of answers.
//!
//! A compact binary form, not JSON: each row is written once and read once, and the cost of the
//! detour is the cost of this format.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

use jiff::civil::Date;

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

fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "the temporary file of the tables was changed while qfill was writing it",
    )
}

/// Rows written as they come.
pub(super) struct Spool {
    file: BufWriter<File>,
}

impl Spool {
    /// A spool in a new temporary file (removed when dropped).
    pub(super) fn new() -> io::Result<Spool> {
        Ok(Spool {
            file: BufWriter::with_capacity(1 << 16, tempfile::tempfile()?),
        })
    }

    /// The rows of response `n` start here.
    pub(super) fn begin(&mut self, n: u32) -> io::Result<()> {
        self.file.write_all(&[0xff])?;
        self.file.write_all(&n.to_le_bytes())
    }

    /// One row of finished cells.
    pub(super) fn row(&mut self, tag: Tag, cells: &[Cell]) -> io::Result<()> {
        self.head(tag, cells.len())?;
        for cell in cells {
            write_cell(&mut self.file, cell)?;
        }
        Ok(())
    }

    /// One row holding record ids among its cells.
    pub(super) fn row_spooled(&mut self, tag: Tag, cells: &[Spooled]) -> io::Result<()> {
        self.head(tag, cells.len())?;
        for cell in cells {
            match cell {
                Spooled::Cell(cell) => write_cell(&mut self.file, cell)?,
                Spooled::RecordId { topic, number } => {
                    self.file.write_all(&[6])?;
                    self.file.write_all(&topic.to_le_bytes())?;
                    self.file.write_all(&number.to_le_bytes())?;
                }
            }
        }
        Ok(())
    }

    fn head(&mut self, tag: Tag, cells: usize) -> io::Result<()> {
        let (code, n) = tag.code();
        let cells = u32::try_from(cells).map_err(|_| corrupt())?;
        self.file.write_all(&[code])?;
        self.file.write_all(&n.to_le_bytes())?;
        self.file.write_all(&cells.to_le_bytes())
    }

    /// Everything written, from the start.
    pub(super) fn read_back(self) -> io::Result<Replay> {
        let mut file = self
            .file
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        file.rewind()?;
        Ok(Replay {
            file: BufReader::with_capacity(1 << 16, file),
        })
    }
}

fn write_text(out: &mut impl Write, kind: u8, s: &str) -> io::Result<()> {
    let len = u32::try_from(s.len()).map_err(|_| corrupt())?;
    out.write_all(&[kind])?;
    out.write_all(&len.to_le_bytes())?;
    out.write_all(s.as_bytes())
}

fn write_cell(out: &mut impl Write, cell: &Cell) -> io::Result<()> {
    match cell {
        Cell::Empty => out.write_all(&[0]),
        Cell::Text(s) => write_text(out, 1, s),
        Cell::Int(n) => {
            out.write_all(&[2])?;
            out.write_all(&n.to_le_bytes())
        }
        Cell::Bool(b) => out.write_all(&[3, u8::from(*b)]),
        Cell::Date(d) => {
            out.write_all(&[4])?;
            out.write_all(&d.year().to_le_bytes())?;
            out.write_all(&[d.month() as u8, d.day() as u8])
        }
        Cell::Link(s) => write_text(out, 5, s),
    }
}

/// The spooled items, in the order they were written.
pub(super) struct Replay {
    file: BufReader<File>,
}

impl Replay {
    /// The next item; `None` at the end.
    pub(super) fn next_item(&mut self) -> io::Result<Option<Item>> {
        let mut code = [0u8];
        match self.file.read_exact(&mut code) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e),
        }
        if code[0] == 0xff {
            return Ok(Some(Item::Begin(self.u32()?)));
        }
        let n = self.u16()?;
        let tag = Tag::from_code(code[0], n)?;
        let count = self.u32()? as usize;
        let mut cells = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            cells.push(self.cell()?);
        }
        Ok(Some(Item::Row(tag, cells)))
    }

    fn bytes<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut buf = [0u8; N];
        self.file.read_exact(&mut buf)?;
        Ok(buf)
    }

    fn u16(&mut self) -> io::Result<u16> {
        Ok(u16::from_le_bytes(self.bytes()?))
    }

    fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn text(&mut self) -> io::Result<String> {
        let len = self.u32()? as usize;
        let mut buf = vec![0u8; len];
        self.file.read_exact(&mut buf)?;
        String::from_utf8(buf).map_err(|_| corrupt())
    }

    fn cell(&mut self) -> io::Result<Spooled> {
        let [kind] = self.bytes()?;
        let cell = match kind {
            0 => Cell::Empty,
            1 => Cell::Text(self.text()?),
            2 => Cell::Int(i64::from_le_bytes(self.bytes()?)),
            3 => Cell::Bool(self.bytes::<1>()?[0] != 0),
            4 => {
                let year = i16::from_le_bytes(self.bytes()?);
                let [month, day] = self.bytes()?;
                let date = Date::new(year, month as i8, day as i8).map_err(|_| corrupt())?;
                Cell::Date(date)
            }
            5 => Cell::Link(self.text()?),
            6 => {
                let topic = self.u16()?;
                let number = self.u32()?;
                return Ok(Spooled::RecordId { topic, number });
            }
            _ => return Err(corrupt()),
        };
        Ok(Spooled::Cell(cell))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_cell_reads_back_as_written() {
        let day: Date = "2024-02-29".parse().unwrap();
        let rows = [
            (
                Tag::Responses,
                vec![
                    Cell::Empty,
                    Cell::text("é ✓ 🌍"),
                    Cell::Int(-7),
                    Cell::Int(i64::MAX),
                    Cell::Bool(true),
                    Cell::Bool(false),
                    Cell::Date(day),
                    Cell::Link("https://example.org".into()),
                ],
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
