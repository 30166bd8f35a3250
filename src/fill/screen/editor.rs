//! The text editor: multi-line editing, bracketed paste, wrapping by display width, a footer
//! with the live word count and the keys.

use std::time::{Duration, Instant};

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use super::buffer::Buffer;
use super::layout::{self, Row};
use super::{Area, RawMode, rows_of, size, word_status};
use crate::fill::prompter::{Completer, Completion, PromptError, Prompted, Typing};
use crate::questionnaire::WordLimits;

/// What the editor is asked to edit.
pub(crate) struct Spec<'a> {
    /// The prompt line (with the progress: question, record, field).
    pub prompt: &'a str,
    /// The text to start from (a current or rejected answer).
    pub initial: &'a str,
    /// The word limits, for the live count.
    pub limits: WordLimits,
    /// One line (a name, a list): Enter finishes, a pasted line break is a list separator.
    pub single_line: bool,
    /// Completes the last item of a list on Tab.
    pub complete: Option<Completer>,
    /// F2 keeps the refused answer as it is, for now ([`PromptError::Keep`]).
    pub keep: bool,
    /// Where the text goes while it is typed; also says when the process is asked to stop.
    pub typing: &'a mut dyn Typing,
}

/// How an edit ended.
pub(crate) enum Ended {
    /// Finished with this text.
    Done(String),
    /// `:e` alone, then Enter: the external editor, at once (as the line prompt had it).
    External,
}

const GUTTER: usize = 2;

/// While keys arrive, the text typed is saved at least this often, so that a crash loses at most
/// this much typing.
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// ... and at least every so many changes, however fast they come.
const SAVE_AFTER_CHANGES: usize = 8;

/// How often the editor looks for a pause or a stop while no key comes.
const TICK: Duration = Duration::from_millis(100);

/// The editor's state.
struct Editor<'a> {
    spec: Spec<'a>,
    buffer: Buffer,
    cols: usize,
    rows: usize,
    /// The first text row shown.
    scroll: usize,
    area: Area,
    help: bool,
    message: Option<String>,
    /// The cell that up and down aim for, kept across short rows.
    goal: Option<usize>,
    /// Rows of the whole text at the last layout.
    total_rows: usize,
    /// The text before each deleting key (Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-X), for Ctrl-Z.
    undo: Vec<Buffer>,
}

/// How many deletions Ctrl-Z can take back.
const UNDO_DEPTH: usize = 50;

/// Edits a text until Ctrl-D, a `.` line, or Enter on an empty text; Esc is
/// [`PromptError::Back`], Ctrl-C [`PromptError::Interrupted`].
pub(crate) fn edit(spec: Spec<'_>) -> Prompted<Ended> {
    let (cols, rows) = size();
    let mut editor = Editor {
        buffer: Buffer::new(spec.initial),
        spec,
        cols,
        rows,
        scroll: 0,
        area: Area::default(),
        help: false,
        message: None,
        goal: None,
        total_rows: 0,
        undo: Vec::new(),
    };
    let raw = RawMode::enter()?;
    editor.spec.typing.watching(true);
    let result = editor.run();
    editor.spec.typing.watching(false);
    if let Err(PromptError::Io(_)) = &result {
        // The terminal is gone (a hangup, say): what was typed is kept all the same.
        editor.spec.typing.save(&editor.buffer.text());
    }
    let mut last = editor.prompt_rows();
    match &result {
        // A line stays on screen whole, as it is stored.
        Ok(Ended::Done(_)) if editor.spec.single_line => {
            let (rows, _, _) = editor.text_area();
            last.extend(rows.into_iter().take(editor.rows.saturating_sub(2)));
        }
        Ok(Ended::Done(text)) => last.push(summary(text)),
        _ => {}
    }
    editor.area.leave(&last, editor.cols)?;
    drop(raw);
    result
}

/// One line about a finished text: its first line, and how many follow.
fn summary(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    match text.lines().count().saturating_sub(1) {
        0 => format!("> {first}"),
        n => format!(
            "> {first} … and {n} more {}",
            crate::text::plural(n, "line")
        ),
    }
}

impl Editor<'_> {
    fn text_width(&self) -> usize {
        self.cols.saturating_sub(GUTTER + 1).max(8)
    }

    fn run(&mut self) -> Prompted<Ended> {
        let mut dirty = true;
        // When the text was last saved, and how many changes since.
        let mut saved_at = Instant::now();
        let mut unsaved = 0usize;
        let mut last = self.buffer.text();
        loop {
            // Keys and paste that arrived together are handled before one redraw.
            if dirty && !super::input_waiting()? {
                self.draw()?;
                dirty = false;
            }
            if self.spec.typing.stop_requested() {
                self.spec.typing.save(&self.buffer.text());
                return Err(PromptError::Interrupted);
            }
            if !event::poll(TICK)? {
                if unsaved > 0 && saved_at.elapsed() >= SAVE_EVERY {
                    self.spec.typing.save(&self.buffer.text());
                    (saved_at, unsaved) = (Instant::now(), 0);
                }
                continue;
            }
            let lines = self.buffer.lines().len();
            let ended = match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => self.key(key)?,
                Event::Paste(text) => {
                    let text = if self.spec.single_line {
                        let items: Vec<&str> = text
                            .lines()
                            .map(str::trim)
                            .filter(|l| !l.is_empty())
                            .collect();
                        items.join(if self.spec.complete.is_some() {
                            "; "
                        } else {
                            " "
                        })
                    } else {
                        text
                    };
                    self.buffer.insert(&text);
                    None
                }
                Event::Resize(cols, rows) => {
                    self.cols = (cols as usize).max(10);
                    self.rows = (rows as usize).max(5);
                    self.area.restart()?;
                    None
                }
                _ => continue,
            };
            if let Some(ended) = ended {
                return Ok(ended);
            }
            let now = self.buffer.text();
            if now != last {
                self.spec.typing.typed(&now);
                unsaved += 1;
                // Steady typing is saved as it goes, not only at a pause; a new line at once.
                if self.buffer.lines().len() > lines
                    || unsaved >= SAVE_AFTER_CHANGES
                    || saved_at.elapsed() >= SAVE_EVERY
                {
                    self.spec.typing.save(&now);
                    (saved_at, unsaved) = (Instant::now(), 0);
                }
                last = now;
            }
            dirty = true;
        }
    }

    /// Handles a key; `Some` when the edit ends.
    fn key(&mut self, key: KeyEvent) -> Prompted<Option<Ended>> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if !matches!(key.code, KeyCode::Up | KeyCode::Down) {
            self.goal = None;
        }
        self.message = None;
        if self.spec.single_line {
            match key.code {
                KeyCode::Enter => return Ok(Some(Ended::Done(self.buffer.text()))),
                KeyCode::Char('j' | 'm' | 'd') if ctrl => {
                    return Ok(Some(Ended::Done(self.buffer.text())));
                }
                KeyCode::Tab => {
                    match self.spec.complete.map(|c| c(&self.buffer.text())) {
                        Some(Completion::Done(done)) => self.buffer = Buffer::new(&done),
                        Some(Completion::Candidates(names)) => {
                            self.message = Some(format!(
                                "it may be {}: type more, then Tab",
                                names.join(", ")
                            ));
                        }
                        _ => {}
                    }
                    return Ok(None);
                }
                _ => {}
            }
        }
        let alt = key.modifiers.contains(KeyModifiers::ALT);
        match key.code {
            KeyCode::Char('c') if ctrl => {
                // Ctrl-C stops the fill, but what was typed is kept in the draft.
                self.spec.typing.save(&self.buffer.text());
                return Err(PromptError::Interrupted);
            }
            KeyCode::Char('d') if ctrl => return Ok(Some(Ended::Done(self.buffer.text()))),
            KeyCode::Char('u') if ctrl => self.deleting(Buffer::delete_to_start),
            KeyCode::Char('k') if ctrl => self.deleting(Buffer::delete_to_end),
            KeyCode::Char('w') if ctrl => self.deleting(Buffer::delete_word),
            KeyCode::Char('x') if ctrl => self.deleting(Buffer::clear),
            KeyCode::Char('z') if ctrl => {
                if let Some(before) = self.undo.pop() {
                    self.buffer = before;
                }
            }
            KeyCode::Char('a') if ctrl => self.buffer.home(),
            KeyCode::Char('e') if ctrl => self.buffer.end(),
            KeyCode::Char('o') if ctrl => self.external()?,
            // In raw mode a line feed arrives as Ctrl-J: it is Enter all the same.
            KeyCode::Char('j' | 'm') if ctrl => return Ok(self.enter()),
            KeyCode::Char('b') if alt => self.buffer.word_left(),
            KeyCode::Char('f') if alt => self.buffer.word_right(),
            KeyCode::Char(_) if ctrl || alt => {}
            KeyCode::Char(c) => self.buffer.insert(c.encode_utf8(&mut [0; 4])),
            KeyCode::Enter => return Ok(self.enter()),
            KeyCode::Backspace => self.buffer.backspace(),
            KeyCode::Delete => self.buffer.delete(),
            KeyCode::Left if ctrl || alt => self.buffer.word_left(),
            KeyCode::Right if ctrl || alt => self.buffer.word_right(),
            KeyCode::Left => self.buffer.left(),
            KeyCode::Right => self.buffer.right(),
            KeyCode::Home => self.buffer.home(),
            KeyCode::End => self.buffer.end(),
            KeyCode::Up => self.vertical(-1),
            KeyCode::Down => self.vertical(1),
            KeyCode::PageUp => self.vertical(-(self.text_rows() as isize)),
            KeyCode::PageDown => self.vertical(self.text_rows() as isize),
            KeyCode::Esc => return Err(PromptError::Back),
            KeyCode::F(1) => self.help = !self.help,
            KeyCode::F(2) if self.spec.keep => return Err(PromptError::Keep),
            _ => {}
        }
        Ok(None)
    }

    /// A key that deletes: what was there before can be had back with Ctrl-Z.
    fn deleting(&mut self, delete: fn(&mut Buffer)) {
        let before = self.buffer.clone();
        delete(&mut self.buffer);
        if self.buffer != before {
            if self.undo.len() == UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.undo.push(before);
        }
    }

    /// Enter: a new line, except that it ends the text on a `.` line or an empty text.
    fn enter(&mut self) -> Option<Ended> {
        if self.buffer.is_empty() {
            return Some(Ended::Done(String::new()));
        }
        if self.buffer.text().trim() == ":e" {
            return Some(Ended::External);
        }
        if self.buffer.take_dot_line() {
            return Some(Ended::Done(self.buffer.text()));
        }
        self.buffer.newline();
        None
    }

    /// Opens the external editor on the text; a missing or failing one is a message, and the
    /// text stays as it was.
    fn external(&mut self) -> Prompted<()> {
        let _ = terminal::disable_raw_mode();
        let edited = crate::fill::external::edit(&self.buffer.text());
        terminal::enable_raw_mode()?;
        self.area.restart()?;
        match edited {
            Ok(text) => self.buffer = Buffer::new(&text),
            Err(reason) => self.message = Some(crate::fill::terminal::editor_failed(&reason)),
        }
        Ok(())
    }

    fn vertical(&mut self, by: isize) {
        let rows = layout::wrap(self.buffer.lines(), self.text_width());
        let (line, col) = self.buffer.cursor();
        let (row, cell) = layout::cursor_cell(&rows, self.buffer.lines(), line, col);
        let goal = *self.goal.get_or_insert(cell);
        let target = (row as isize + by).clamp(0, rows.len() as isize - 1) as usize;
        if target == row {
            return;
        }
        let r = rows[target];
        let last = rows.get(target + 1).is_none_or(|next| next.line != r.line);
        let offset = layout::offset_at(r, self.buffer.lines(), goal, last);
        self.buffer.set_cursor(r.line, offset);
    }

    /// The footer's lines, before they are broken at the width: a message, the keep offer, the
    /// word count and the keys (`at` says where the text is when it scrolls), the help.
    fn footer_lines(&self, at: Option<String>) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(message) = &self.message {
            lines.push(format!("! {message}"));
        }
        if self.spec.keep {
            lines.push(
                "it has an error: correct it, or F2 keeps it as it is for now (the review marks it)"
                    .to_string(),
            );
        }
        let keep = if self.spec.keep { " · F2 keep" } else { "" };
        let mut keys = if self.spec.single_line {
            let tab = if self.spec.complete.is_some() {
                " · Tab completes a name"
            } else {
                ""
            };
            format!("Enter finish{tab}{keep} · Esc back · F1 help")
        } else {
            format!(
                "{} · Ctrl-D finish{keep} · Esc back · F1 help",
                word_status(&self.buffer.text(), self.spec.limits)
            )
        };
        if let Some(at) = at {
            keys = format!("{at} · {keys}");
        }
        lines.push(keys);
        if self.help {
            lines.extend(
                [
                    if self.spec.single_line {
                        "Enter: finish · Tab: complete the last name of a list, or list the names it may be"
                    } else {
                        "Enter: new line · a line with only `.`, or Ctrl-D: finish"
                    },
                    "arrows, Home/End, PgUp/PgDn: move · Ctrl-Left/Right, Alt-B/F: a word back/on",
                    "Ctrl-U/Ctrl-K: delete to the start/end of the line · Ctrl-W: a word · Ctrl-X: the whole text · Ctrl-Z: undo a deletion",
                    "Ctrl-O: your editor ($VISUAL, $EDITOR, editor, nano, vi) · Esc: back",
                    "F2: keep an answer with an error as it is, for now · Ctrl-C: stop; confirmed answers are saved",
                ]
                .map(str::to_string),
            );
        }
        lines
    }

    /// The footer as screen rows.
    fn footer(&self, at: Option<String>) -> Vec<String> {
        self.footer_lines(at)
            .iter()
            .flat_map(|l| rows_of(l, self.cols))
            .collect()
    }

    /// The prompt as screen rows.
    fn prompt_rows(&self) -> Vec<String> {
        rows_of(self.spec.prompt, self.cols)
    }

    /// Text rows that fit with the prompt and the footer (as it is with a scroll position).
    fn text_rows(&self) -> usize {
        let footer = self.footer(Some("rows 1–1 of 1".to_string())).len();
        self.rows
            .saturating_sub(self.prompt_rows().len() + footer + 1)
            .max(1)
    }

    /// The visible text rows with their gutter, and the cursor's row among them and cell.
    fn text_area(&mut self) -> (Vec<String>, usize, usize) {
        let width = self.text_width();
        let visible = self.text_rows();
        let lines = self.buffer.lines();
        let rows: Vec<Row> = layout::wrap(lines, width);
        let (line, col) = self.buffer.cursor();
        let (row, cell) = layout::cursor_cell(&rows, lines, line, col);
        if row < self.scroll {
            self.scroll = row;
        } else if row >= self.scroll + visible {
            self.scroll = row + 1 - visible;
        }
        self.scroll = self.scroll.min(rows.len().saturating_sub(1));
        self.total_rows = rows.len();
        let shown = rows
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(visible)
            .map(|(i, r)| {
                let first = i == 0 || rows[i - 1].line != r.line;
                let text = lines[r.line][r.start..r.end].trim_end_matches(' ');
                format!("{}{text}", if first { "> " } else { "  " })
            })
            .collect();
        (shown, row - self.scroll, GUTTER + cell)
    }

    fn draw(&mut self) -> Prompted<()> {
        let visible = self.text_rows();
        let (rows, row, cell) = self.text_area();
        let mut area = self.prompt_rows();
        let top = area.len();
        area.extend(rows);
        let at = (self.total_rows > visible).then(|| {
            let last = (self.scroll + visible).min(self.total_rows);
            format!("rows {}–{last} of {}", self.scroll + 1, self.total_rows)
        });
        area.extend(self.footer(at));
        let cols = self.cols;
        self.area.draw(&area, cols, top + row, cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fill::prompter::NotKept;
    use crossterm::event::{KeyEvent, KeyModifiers};

    fn editor<'a>(initial: &'a str, single_line: bool, keep: bool) -> Editor<'a> {
        // Leaked: a test's editor lives as long as the test.
        let typing: &'a mut NotKept = Box::leak(Box::new(NotKept));
        Editor {
            buffer: Buffer::new(initial),
            spec: Spec {
                prompt: "p",
                initial,
                limits: WordLimits::default(),
                single_line,
                complete: Some(|s: &str| Completion::Done(format!("{s}ia"))),
                keep,
                typing,
            },
            cols: 20,
            rows: 10,
            scroll: 0,
            area: Area::default(),
            help: false,
            message: None,
            goal: None,
            total_rows: 0,
            undo: Vec::new(),
        }
    }

    fn press(e: &mut Editor<'_>, code: KeyCode) -> Prompted<Option<Ended>> {
        e.key(KeyEvent::from(code))
    }

    fn done(result: Prompted<Option<Ended>>) -> Option<String> {
        match result {
            Ok(Some(Ended::Done(text))) => Some(text),
            _ => None,
        }
    }

    #[test]
    fn enter_makes_lines_and_a_dot_line_or_an_empty_text_finishes() {
        let mut e = editor("one", false, false);
        assert_eq!(done(press(&mut e, KeyCode::Enter)), None);
        press(&mut e, KeyCode::Char('.')).unwrap();
        assert_eq!(done(press(&mut e, KeyCode::Enter)).as_deref(), Some("one"));
        let mut e = editor("", false, false);
        assert_eq!(done(press(&mut e, KeyCode::Enter)).as_deref(), Some(""));
        let mut e = editor("?", false, false);
        press(&mut e, KeyCode::Char('?')).unwrap();
        assert!(!e.help, "`?` is text");
        press(&mut e, KeyCode::F(1)).unwrap();
        assert!(e.help);
        assert!(matches!(
            press(&mut e, KeyCode::Esc),
            Err(PromptError::Back)
        ));
    }

    #[test]
    fn a_line_finishes_on_enter_and_tab_completes() {
        let mut e = editor("Kenya, Gamb", true, false);
        press(&mut e, KeyCode::Tab).unwrap();
        assert_eq!(e.buffer.text(), "Kenya, Gambia");
        assert_eq!(
            done(press(&mut e, KeyCode::Enter)).as_deref(),
            Some("Kenya, Gambia")
        );
    }

    #[test]
    fn f2_keeps_only_when_offered() {
        let mut e = editor("long text", false, false);
        assert!(matches!(press(&mut e, KeyCode::F(2)), Ok(None)));
        let mut e = editor("long text", false, true);
        assert!(matches!(
            press(&mut e, KeyCode::F(2)),
            Err(PromptError::Keep)
        ));
        let lines = e.footer_lines(None);
        assert!(lines[0].contains("F2 keeps it"), "{lines:?}");
        assert!(
            lines.last().unwrap().contains("F2 keep · Esc back"),
            "{lines:?}"
        );
    }

    #[test]
    fn up_and_down_move_by_screen_row_keeping_the_column() {
        // 17 cells of text a row at 20 columns.
        let mut e = editor("aaaa bbbb cccc dddd eeee\nxy", false, false);
        e.buffer.set_cursor(0, 7);
        press(&mut e, KeyCode::Down).unwrap();
        assert_eq!(e.buffer.cursor(), (0, 22), "the wrapped row below");
        press(&mut e, KeyCode::Down).unwrap();
        assert_eq!(e.buffer.cursor(), (1, 2), "a short row: its end");
        press(&mut e, KeyCode::Up).unwrap();
        assert_eq!(e.buffer.cursor(), (0, 22), "the column aimed for is kept");
        press(&mut e, KeyCode::Up).unwrap();
        assert_eq!(e.buffer.cursor(), (0, 7));
    }

    #[test]
    fn the_footer_counts_words_and_says_the_keys() {
        let mut e = editor("one two", false, false);
        e.cols = 80;
        assert_eq!(
            e.footer(None),
            ["2 words · Ctrl-D finish · Esc back · F1 help"]
        );
        let mut e = editor("Kenya", true, false);
        e.cols = 80;
        assert_eq!(
            e.footer(None),
            ["Enter finish · Tab completes a name · Esc back · F1 help"]
        );
    }

    #[test]
    fn nothing_of_the_prompt_or_the_footer_is_cut() {
        let mut e = editor("x", false, true);
        e.cols = 60;
        e.help = true;
        let prompt = "Question 2 of 6 · Event 1 · Description (max 150 words): please include a short summary of the event's mandate and contributions to the SDGs, including its main outcome(s)";
        e.spec.prompt = prompt;
        let rows = e.prompt_rows();
        assert_eq!(rows.join(" "), prompt);
        for row in rows.iter().chain(e.footer(None).iter()) {
            assert!(layout::width(row) < 60, "{row}");
            assert!(!row.contains('…'), "{row}");
        }
        let keys = e.footer_lines(None).join(" ");
        let shown = e.footer(None).join(" ");
        assert_eq!(shown, keys);
    }

    #[test]
    fn words_are_moved_over_and_a_cleared_text_comes_back() {
        let mut e = editor("one two", false, false);
        e.key(KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL))
            .unwrap();
        assert_eq!(e.buffer.cursor(), (0, 4));
        e.key(KeyEvent::new(KeyCode::Char('b'), KeyModifiers::ALT))
            .unwrap();
        assert_eq!(e.buffer.cursor(), (0, 0));
        e.key(KeyEvent::new(KeyCode::Right, KeyModifiers::ALT))
            .unwrap();
        assert_eq!(e.buffer.cursor(), (0, 3));
        e.key(KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL))
            .unwrap();
        assert!(e.buffer.is_empty());
        e.key(KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL))
            .unwrap();
        assert_eq!(e.buffer.text(), "one two");
    }
}
