//! The text being edited: logical lines and a cursor that always sits on a grapheme boundary,
//! so that a combining mark or a CJK character is never split by a key.

use unicode_segmentation::UnicodeSegmentation;

/// Lines of text and a cursor (line, byte offset in that line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Buffer {
    lines: Vec<String>,
    line: usize,
    col: usize,
}

impl Default for Buffer {
    fn default() -> Self {
        Buffer {
            lines: vec![String::new()],
            line: 0,
            col: 0,
        }
    }
}

/// Text as it may be stored: line breaks as `\n`, tabs as a space, and no other control
/// characters, which would drive the terminal instead of showing.
pub(crate) fn clean(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

impl Buffer {
    /// A buffer holding `text`, with the cursor at its end.
    pub(crate) fn new(text: &str) -> Buffer {
        let mut buffer = Buffer::default();
        buffer.insert(text);
        buffer
    }

    /// The whole text, lines joined by `\n`.
    pub(crate) fn text(&self) -> String {
        self.lines.join("\n")
    }

    /// The logical lines.
    pub(crate) fn lines(&self) -> &[String] {
        &self.lines
    }

    /// The cursor: line index and byte offset.
    pub(crate) fn cursor(&self) -> (usize, usize) {
        (self.line, self.col)
    }

    /// Whether nothing at all is typed.
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.len() == 1 && self.lines[0].is_empty()
    }

    /// Moves the cursor to `col` of `line` (both clamped, `col` to a boundary at or before it).
    pub(crate) fn set_cursor(&mut self, line: usize, col: usize) {
        self.line = line.min(self.lines.len() - 1);
        let text = &self.lines[self.line];
        let mut col = col.min(text.len());
        while !text.is_char_boundary(col) {
            col -= 1;
        }
        self.col = col;
    }

    /// Inserts typed or pasted text at the cursor; line breaks in it start new lines.
    pub(crate) fn insert(&mut self, text: &str) {
        let text = clean(text);
        let mut parts = text.split('\n');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let current = &mut self.lines[self.line];
        let tail = current.split_off(self.col);
        current.push_str(first);
        self.col = current.len();
        for part in rest {
            self.line += 1;
            self.lines.insert(self.line, part.to_string());
            self.col = part.len();
        }
        self.lines[self.line].push_str(&tail);
    }

    /// Splits the line at the cursor.
    pub(crate) fn newline(&mut self) {
        self.insert("\n");
    }

    fn previous_boundary(&self) -> usize {
        let text = &self.lines[self.line][..self.col];
        text.grapheme_indices(true)
            .next_back()
            .map_or(0, |(i, _)| i)
    }

    fn next_boundary(&self) -> usize {
        let text = &self.lines[self.line];
        text[self.col..]
            .graphemes(true)
            .next()
            .map_or(self.col, |g| self.col + g.len())
    }

    /// Deletes the character (grapheme) before the cursor, joining lines at a line start.
    pub(crate) fn backspace(&mut self) {
        if self.col > 0 {
            let start = self.previous_boundary();
            self.lines[self.line].replace_range(start..self.col, "");
            self.col = start;
        } else if self.line > 0 {
            let current = self.lines.remove(self.line);
            self.line -= 1;
            self.col = self.lines[self.line].len();
            self.lines[self.line].push_str(&current);
        }
    }

    /// Deletes the character (grapheme) under the cursor, joining the next line at a line end.
    pub(crate) fn delete(&mut self) {
        if self.col < self.lines[self.line].len() {
            let end = self.next_boundary();
            self.lines[self.line].replace_range(self.col..end, "");
        } else if self.line + 1 < self.lines.len() {
            let next = self.lines.remove(self.line + 1);
            self.lines[self.line].push_str(&next);
        }
    }

    /// One character left, to the end of the previous line from a line start.
    pub(crate) fn left(&mut self) {
        if self.col > 0 {
            self.col = self.previous_boundary();
        } else if self.line > 0 {
            self.line -= 1;
            self.col = self.lines[self.line].len();
        }
    }

    /// One character right, to the start of the next line from a line end.
    pub(crate) fn right(&mut self) {
        if self.col < self.lines[self.line].len() {
            self.col = self.next_boundary();
        } else if self.line + 1 < self.lines.len() {
            self.line += 1;
            self.col = 0;
        }
    }

    /// To the start of the word before the cursor (Ctrl-Left, Alt-B); from a line's start, to
    /// the end of the previous line.
    pub(crate) fn word_left(&mut self) {
        if self.col == 0 {
            self.left();
            return;
        }
        let before = &self.lines[self.line][..self.col];
        let trimmed = before.trim_end();
        self.col = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
    }

    /// To the end of the word after the cursor (Ctrl-Right, Alt-F); from a line's end, to the
    /// start of the next line.
    pub(crate) fn word_right(&mut self) {
        let line = &self.lines[self.line];
        if self.col >= line.len() {
            self.right();
            return;
        }
        let after = &line[self.col..];
        let start = after.len() - after.trim_start().len();
        let rest = &after[start..];
        let word = rest.find(char::is_whitespace).unwrap_or(rest.len());
        self.col += start + word;
    }

    /// Empties the text (Ctrl-X).
    pub(crate) fn clear(&mut self) {
        *self = Buffer::default();
    }

    /// To the start of the line.
    pub(crate) fn home(&mut self) {
        self.col = 0;
    }

    /// To the end of the line.
    pub(crate) fn end(&mut self) {
        self.col = self.lines[self.line].len();
    }

    /// Deletes from the start of the line to the cursor (Ctrl-U).
    pub(crate) fn delete_to_start(&mut self) {
        self.lines[self.line].replace_range(..self.col, "");
        self.col = 0;
    }

    /// Deletes from the cursor to the end of the line (Ctrl-K).
    pub(crate) fn delete_to_end(&mut self) {
        self.lines[self.line].truncate(self.col);
    }

    /// Deletes the word before the cursor and the spaces after it (Ctrl-W); at a line start,
    /// joins the line to the previous one.
    pub(crate) fn delete_word(&mut self) {
        if self.col == 0 {
            self.backspace();
            return;
        }
        let before = &self.lines[self.line][..self.col];
        let trimmed = before.trim_end();
        let start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(i, c)| i + c.len_utf8());
        self.lines[self.line].replace_range(start..self.col, "");
        self.col = start;
    }

    /// Removes the line the cursor is on if it holds only `.` (the plain way to end a text).
    pub(crate) fn take_dot_line(&mut self) -> bool {
        if self.lines[self.line].trim() != "." {
            return false;
        }
        if self.lines.len() == 1 {
            self.lines[0].clear();
            self.col = 0;
        } else {
            self.lines.remove(self.line);
            self.line = self.line.saturating_sub(1).min(self.lines.len() - 1);
            self.col = self.lines[self.line].len();
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_text_keeps_every_line_and_blank_line() {
        let mut b = Buffer::new("start ");
        b.insert("one\r\n\r\n\r\ntwo\tthree\u{1b}[31m\n");
        assert_eq!(b.text(), "start one\n\n\ntwo three[31m\n");
        assert_eq!(b.cursor(), (4, 0));
    }

    #[test]
    fn editing_in_the_middle_of_a_line() {
        let mut b = Buffer::new("hello world");
        b.set_cursor(0, 5);
        b.newline();
        assert_eq!(b.text(), "hello\n world");
        b.backspace();
        assert_eq!(b.text(), "hello world");
        assert_eq!(b.cursor(), (0, 5));
        b.delete();
        assert_eq!(b.text(), "helloworld");
        b.end();
        b.delete_word();
        assert_eq!(b.text(), "");
        b.insert("one two  ");
        b.delete_word();
        assert_eq!(b.text(), "one ");
        b.insert("x\ny");
        b.home();
        b.delete_word();
        assert_eq!(b.text(), "one xy");
    }

    #[test]
    fn cursor_moves_by_grapheme() {
        // `e` + combining acute, then a CJK character: each is one step.
        let mut b = Buffer::new("e\u{301}字");
        b.left();
        assert_eq!(b.cursor(), (0, 3));
        b.left();
        assert_eq!(b.cursor(), (0, 0));
        b.right();
        b.delete();
        assert_eq!(b.text(), "e\u{301}");
        b.backspace();
        assert_eq!(b.text(), "");
    }

    #[test]
    fn moving_across_lines_and_killing() {
        let mut b = Buffer::new("ab\ncd");
        b.set_cursor(1, 0);
        b.left();
        assert_eq!(b.cursor(), (0, 2));
        b.right();
        assert_eq!(b.cursor(), (1, 0));
        b.set_cursor(1, 1);
        b.delete_to_start();
        assert_eq!(b.text(), "ab\nd");
        b.set_cursor(0, 1);
        b.delete_to_end();
        assert_eq!(b.text(), "a\nd");
        b.end();
        b.delete();
        assert_eq!(b.text(), "ad");
    }

    #[test]
    fn moving_by_word() {
        let mut b = Buffer::new("one two  three\nfour");
        b.set_cursor(0, 14);
        b.word_left();
        assert_eq!(b.cursor(), (0, 9));
        b.word_left();
        assert_eq!(b.cursor(), (0, 4));
        b.word_left();
        assert_eq!(b.cursor(), (0, 0));
        b.word_right();
        assert_eq!(b.cursor(), (0, 3));
        b.word_right();
        assert_eq!(b.cursor(), (0, 7));
        b.set_cursor(0, 14);
        b.word_right();
        assert_eq!(b.cursor(), (1, 0), "on to the next line");
        b.word_left();
        assert_eq!(b.cursor(), (0, 14), "back to the end of the line before");
        b.clear();
        assert!(b.is_empty());
    }

    #[test]
    fn a_dot_line_is_taken_away() {
        let mut b = Buffer::new("text\n.");
        assert!(b.take_dot_line());
        assert_eq!(b.text(), "text");
        assert!(!b.take_dot_line());
        let mut b = Buffer::new(".");
        assert!(b.take_dot_line());
        assert!(b.is_empty());
    }
}
