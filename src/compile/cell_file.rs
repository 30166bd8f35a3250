//! Cells in a temporary file, in a compact binary form: the tables' spool and the workbook's
//! sheets write each row once and read it once, so the cost of the detour is the cost of this
//! format (JSON was a tenth of a big workbook's time).
//!
//! A cell is a kind byte (`0`–`5`, see [`write_cell`]), then its value: little-endian numbers,
//! texts as a `u32` byte length and their UTF-8. Kinds from [`FIRST_FREE_KIND`] up are the
//! caller's own.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, Write};

use jiff::civil::Date;

use super::model::Cell;

/// The first kind byte a caller may give a value of its own.
pub const FIRST_FREE_KIND: u8 = 6;

/// What reading a file that is not as it was written says.
pub fn corrupt() -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        "a temporary file of the tables was changed while qfill was writing it",
    )
}

/// A new temporary file (removed when dropped), buffered for writing.
pub fn create() -> io::Result<BufWriter<File>> {
    Ok(BufWriter::with_capacity(1 << 16, tempfile::tempfile()?))
}

/// What was written to `file`, from the start.
pub fn read_back(file: BufWriter<File>) -> io::Result<CellReader> {
    let mut file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
    file.rewind()?;
    Ok(CellReader {
        file: BufReader::with_capacity(1 << 16, file),
    })
}

/// A `u32`, the count of a row's cells or a number of the caller's.
pub fn write_u32(out: &mut impl Write, n: usize) -> io::Result<()> {
    let n = u32::try_from(n).map_err(|_| corrupt())?;
    out.write_all(&n.to_le_bytes())
}

fn write_text(out: &mut impl Write, kind: u8, s: &str) -> io::Result<()> {
    out.write_all(&[kind])?;
    write_u32(out, s.len())?;
    out.write_all(s.as_bytes())
}

/// One cell.
pub fn write_cell(out: &mut impl Write, cell: &Cell) -> io::Result<()> {
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

/// A row: its count of cells, then each.
pub fn write_row(out: &mut impl Write, cells: &[Cell]) -> io::Result<()> {
    write_u32(out, cells.len())?;
    cells.iter().try_for_each(|cell| write_cell(out, cell))
}

/// Reads back what the writers above wrote.
pub struct CellReader {
    file: BufReader<File>,
}

impl CellReader {
    /// The next byte; `None` at the end of the file.
    pub fn next_byte(&mut self) -> io::Result<Option<u8>> {
        let mut byte = [0u8];
        match self.file.read_exact(&mut byte) {
            Ok(()) => Ok(Some(byte[0])),
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// `N` bytes, all there.
    pub fn bytes<const N: usize>(&mut self) -> io::Result<[u8; N]> {
        let mut buf = [0u8; N];
        self.file.read_exact(&mut buf)?;
        Ok(buf)
    }

    /// A `u16`.
    pub fn u16(&mut self) -> io::Result<u16> {
        Ok(u16::from_le_bytes(self.bytes()?))
    }

    /// A `u32`.
    pub fn u32(&mut self) -> io::Result<u32> {
        Ok(u32::from_le_bytes(self.bytes()?))
    }

    fn text(&mut self) -> io::Result<String> {
        let len = self.u32()? as usize;
        let mut buf = vec![0u8; len];
        self.file.read_exact(&mut buf)?;
        String::from_utf8(buf).map_err(|_| corrupt())
    }

    /// The value of a cell of `kind`, its kind byte read already; `None` for a kind of the
    /// caller's ([`FIRST_FREE_KIND`] and up), whose value is still to read.
    pub fn cell_of_kind(&mut self, kind: u8) -> io::Result<Option<Cell>> {
        Ok(Some(match kind {
            0 => Cell::Empty,
            1 => Cell::Text(self.text()?),
            2 => Cell::Int(i64::from_le_bytes(self.bytes()?)),
            3 => Cell::Bool(self.bytes::<1>()?[0] != 0),
            4 => {
                let year = i16::from_le_bytes(self.bytes()?);
                let [month, day] = self.bytes()?;
                Cell::Date(Date::new(year, month as i8, day as i8).map_err(|_| corrupt())?)
            }
            5 => Cell::Link(self.text()?),
            _ => return Ok(None),
        }))
    }

    /// The next row [`write_row`] wrote; `None` at the end of the file.
    pub fn row(&mut self) -> io::Result<Option<Vec<Cell>>> {
        let Some(first) = self.next_byte()? else {
            return Ok(None);
        };
        let [b, c, d] = self.bytes()?;
        let count = u32::from_le_bytes([first, b, c, d]) as usize;
        let mut cells = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            let [kind] = self.bytes()?;
            cells.push(self.cell_of_kind(kind)?.ok_or_else(corrupt)?);
        }
        Ok(Some(cells))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_cell_reads_back_as_written() {
        let day: Date = "2024-02-29".parse().unwrap();
        let rows = [
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
            vec![],
            vec![Cell::text("x".repeat(100_000))],
        ];
        let mut file = create().unwrap();
        for row in &rows {
            write_row(&mut file, row).unwrap();
        }
        let mut reader = read_back(file).unwrap();
        for row in rows {
            assert_eq!(reader.row().unwrap(), Some(row));
        }
        assert_eq!(reader.row().unwrap(), None);
    }

    #[test]
    fn a_file_cut_short_or_with_an_unknown_kind_is_an_error_not_a_panic() {
        let mut file = create().unwrap();
        write_row(&mut file, &[Cell::text("abc")]).unwrap();
        file.write_all(&[1, 0, 0, 0, FIRST_FREE_KIND]).unwrap();
        file.write_all(&[9, 0, 0, 0]).unwrap();
        let mut reader = read_back(file).unwrap();
        assert!(reader.row().unwrap().is_some());
        assert_eq!(
            reader.row().unwrap_err().kind(),
            io::ErrorKind::InvalidData,
            "a kind of the caller's where a cell of the tables was due"
        );
        let mut short = create().unwrap();
        short
            .write_all(&[1, 0, 0, 0, 1, 200, 0, 0, 0, b'a'])
            .unwrap();
        let mut reader = read_back(short).unwrap();
        assert_eq!(
            reader.row().unwrap_err().kind(),
            io::ErrorKind::UnexpectedEof
        );
    }
}
