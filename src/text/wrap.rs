//! Wrapping text by words at a screen's width, by display width (a CJK character takes two
//! cells, a combining mark none), so that a line printed on a terminal never breaks inside a word.

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// `text` as rows of at most `width` cells: each of its lines broken at spaces, a word longer
/// than a row broken where the row ends; the spaces a break falls on are dropped, leading spaces
/// of a line kept. An empty line stays one empty row.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut rows = Vec::new();
    for line in text.split('\n') {
        wrap_line(line.trim_end_matches('\r'), width, &mut rows);
    }
    rows
}

/// `text` wrapped at `width` and joined again with line breaks.
pub fn wrapped(text: &str, width: usize) -> String {
    wrap(text, width).join("\n")
}

fn wrap_line(line: &str, width: usize, rows: &mut Vec<String>) {
    let indent_len = line.len() - line.trim_start_matches(' ').len();
    let mut row = line[..indent_len].to_string();
    let mut used = row.width();
    if used >= width {
        row.clear();
        used = 0;
    }
    // Whether the row holds a word yet (a space goes before the next one).
    let mut worded = false;
    for word in line[indent_len..].split(' ').filter(|w| !w.is_empty()) {
        let cells = word.width();
        let space = usize::from(worded);
        if used + space + cells <= width {
            if worded {
                row.push(' ');
            }
            row.push_str(word);
            used += space + cells;
            worded = true;
            continue;
        }
        if worded || (used > 0 && cells <= width) {
            rows.push(std::mem::take(&mut row));
            used = 0;
        }
        // A word wider than a row is broken where the row ends.
        for g in word.graphemes(true) {
            let w = g.width();
            if used + w > width && used > 0 {
                rows.push(std::mem::take(&mut row));
                used = 0;
            }
            row.push_str(g);
            used += w;
        }
        worded = true;
    }
    rows.push(row);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_never_split_unless_longer_than_a_row() {
        let cases: &[(&str, usize, &[&str])] = &[
            (
                "is not a UN Member State",
                10,
                &["is not a", "UN Member", "State"],
            ),
            ("decisions taken by", 12, &["decisions", "taken by"]),
            ("abcdefghij", 4, &["abcd", "efgh", "ij"]),
            ("a\n\nb", 5, &["a", "", "b"]),
            ("  indented text here", 10, &["  indented", "text here"]),
            ("字字字 字", 6, &["字字字", "字"]),
            ("", 5, &[""]),
            ("one  two", 20, &["one two"]),
            ("  shorten it by 1 word", 15, &["  shorten it by", "1 word"]),
        ];
        for (text, width, want) in cases {
            assert_eq!(wrap(text, *width), *want, "{text:?} at {width}");
        }
    }

    #[test]
    fn no_row_is_wider_than_the_width() {
        let text = "Description (max 150 words): please include a short summary of the event's mandate and contributions to the SDGs, including its main outcome(s)";
        for width in [20, 59, 60, 79] {
            let rows = wrap(text, width);
            assert!(rows.iter().all(|r| r.width() <= width), "{rows:?}");
            assert_eq!(rows.join(" "), text);
        }
    }
}
