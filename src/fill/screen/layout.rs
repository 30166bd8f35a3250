//! Wrapping logical lines into screen rows by display width (a CJK character takes two cells, a
//! combining mark none), breaking after a space where one is near, and finding the cursor's cell.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// One screen row: a byte range of one logical line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    /// The logical line.
    pub line: usize,
    /// Start byte in the line.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
}

/// Cells a piece of text takes on screen.
pub(crate) fn width(text: &str) -> usize {
    text.width()
}

/// Rows of `line` (index `index`) at `width` cells; an empty line is one empty row.
fn wrap_line(index: usize, line: &str, width: usize) -> Vec<Row> {
    let width = width.max(2);
    let mut rows = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // The byte after the last space in the current row, and the cells up to it.
    let mut after_space: Option<(usize, usize)> = None;
    for (i, g) in line.grapheme_indices(true) {
        let cells = g.width();
        let space = g.chars().all(char::is_whitespace);
        if used + cells > width && i > start {
            if space {
                // A space that does not fit ends the row; it is not drawn past the edge.
                rows.push(Row {
                    line: index,
                    start,
                    end: i + g.len(),
                });
                start = i + g.len();
                used = 0;
                after_space = None;
                continue;
            }
            match after_space {
                Some((cut, cut_cells)) if cut > start => {
                    rows.push(Row {
                        line: index,
                        start,
                        end: cut,
                    });
                    start = cut;
                    used -= cut_cells;
                }
                _ => {
                    rows.push(Row {
                        line: index,
                        start,
                        end: i,
                    });
                    start = i;
                    used = 0;
                }
            }
            after_space = None;
        }
        used += cells;
        if space {
            after_space = Some((i + g.len(), used));
        }
    }
    rows.push(Row {
        line: index,
        start,
        end: line.len(),
    });
    rows
}

/// Every row of `lines` at `width` cells.
pub(crate) fn wrap(lines: &[String], width: usize) -> Vec<Row> {
    lines
        .iter()
        .enumerate()
        .flat_map(|(i, line)| wrap_line(i, line, width))
        .collect()
}

/// The row and cell of the cursor at `(line, col)`: the last row of that line starting at or
/// before `col`.
pub(crate) fn cursor_cell(
    rows: &[Row],
    lines: &[String],
    line: usize,
    col: usize,
) -> (usize, usize) {
    let row = rows
        .iter()
        .rposition(|r| r.line == line && r.start <= col)
        .unwrap_or(0);
    let r = rows[row];
    (row, width(&lines[line][r.start..col.max(r.start)]))
}

/// The byte offset in `row` nearest to cell `cell` without passing it.
pub(crate) fn offset_at(row: Row, lines: &[String], cell: usize, last_of_line: bool) -> usize {
    let text = &lines[row.line][row.start..row.end];
    let mut used = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = g.width();
        if used + w > cell {
            return row.start + i;
        }
        used += w;
    }
    if last_of_line {
        row.end
    } else {
        // The end of a wrapped row is the start of the next one: stay on this row.
        text.grapheme_indices(true)
            .next_back()
            .map_or(row.start, |(i, _)| row.start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[&str], w: usize) -> Vec<String> {
        let lines: Vec<String> = lines.iter().map(std::string::ToString::to_string).collect();
        wrap(&lines, w)
            .iter()
            .map(|r| lines[r.line][r.start..r.end].to_string())
            .collect()
    }

    #[test]
    fn words_wrap_after_spaces_and_long_words_are_cut() {
        assert_eq!(texts(&["aaa bbb ccc"], 7), ["aaa bbb ", "ccc"]);
        assert_eq!(texts(&["aaa bbbb ccc"], 7), ["aaa ", "bbbb ", "ccc"]);
        assert_eq!(texts(&["aaaaaaaaaa"], 4), ["aaaa", "aaaa", "aa"]);
        assert_eq!(texts(&["", "x"], 4), ["", "x"]);
        assert_eq!(texts(&["abcd efgh"], 4), ["abcd ", "efgh"]);
    }

    #[test]
    fn cjk_takes_two_cells_and_combining_marks_none() {
        assert_eq!(texts(&["字字字"], 5), ["字字", "字"]);
        assert_eq!(
            texts(&["e\u{301}e\u{301}e\u{301}"], 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        let lines = vec!["字字字".to_string()];
        let rows = wrap(&lines, 5);
        assert_eq!(cursor_cell(&rows, &lines, 0, 3), (0, 2));
        assert_eq!(cursor_cell(&rows, &lines, 0, 6), (1, 0));
        assert_eq!(cursor_cell(&rows, &lines, 0, 9), (1, 2));
        assert_eq!(offset_at(rows[0], &lines, 3, false), 3);
        assert_eq!(offset_at(rows[1], &lines, 9, true), 9);
    }
}
