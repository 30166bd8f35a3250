//! The rich mode's own widgets, drawn inline on crossterm: the text editor, the tick menu, the
//! menu of one choice and the yes/no question. Each redraws one area below the question, never
//! taller than the screen, breaks every line between words at the screen's width, and starts
//! from a clean screen after a resize.
//!
//! Why not a crate for the text: reedline and rustyline are line editors whose multi-line mode
//! still ends on Enter and has no place for a live footer; tui-textarea does not wrap lines at
//! all and brings ratatui. crossterm and unicode-width are already in the build (comfy-table,
//! console), so the editor costs no new dependency but signal-hook and mio for key events.

mod buffer;
mod choose;
mod editor;
mod layout;
mod menu;

use std::io::Write;
use std::time::Duration;

use crossterm::{cursor, event, queue, terminal};

pub(crate) use choose::{choose, confirm};
pub(crate) use editor::{Ended, Spec, edit};
pub(crate) use menu::pick;

use super::prompter::Prompted;
use crate::questionnaire::WordLimits;
use layout::width;

/// The live word count against the limits, with a marker and the excess past the maximum
/// (never colour alone); the count is the project's one, `rules::text::count_words`.
pub(crate) fn word_status(text: &str, limits: WordLimits) -> String {
    let n = crate::rules::text::count_words(text);
    let words = crate::text::plural(n, "word");
    match (limits.min, limits.max) {
        (_, Some(max)) if n > max => format!("! {n} / {max} words — {} over", n - max),
        (Some(min), Some(max)) if n < min => {
            format!("{n} {words} — {min} to {max}, {} short", min - n)
        }
        (Some(min), Some(max)) => format!("{n} {words} — {min} to {max}"),
        (None, Some(max)) => format!("{n} / {max} words"),
        (Some(min), None) if n < min => format!("{n} {words} — at least {min}, {} short", min - n),
        _ => format!("{n} {words}"),
    }
}

/// Raw mode and bracketed paste for as long as it lives, whatever way a widget ends.
struct RawMode;

impl RawMode {
    fn enter() -> std::io::Result<RawMode> {
        terminal::enable_raw_mode()?;
        let mut err = std::io::stderr();
        queue!(err, event::EnableBracketedPaste)?;
        err.flush()?;
        Ok(RawMode)
    }
}

impl Drop for RawMode {
    fn drop(&mut self) {
        let mut err = std::io::stderr();
        let _ = queue!(err, event::DisableBracketedPaste, cursor::Show);
        let _ = err.flush();
        let _ = terminal::disable_raw_mode();
    }
}

/// Whether input already read or typed waits to be handled.
pub(crate) fn input_waiting() -> std::io::Result<bool> {
    // Not a zero timeout: crossterm's tty source answers one without looking at events it has
    // parsed already (crossterm issue #839), so keys that came in one read would look handled.
    event::poll(Duration::from_millis(1))
}

/// Discards input typed or pasted ahead, so that the rest of a paste never answers a menu or a
/// confirmation: what crossterm read already, then what the terminal holds.
pub(crate) fn discard_pending_input() {
    while input_waiting().unwrap_or(false) {
        if event::read().is_err() {
            break;
        }
    }
    #[cfg(unix)]
    let _ = rustix::termios::tcflush(
        rustix::stdio::stdin(),
        rustix::termios::QueueSelector::IFlush,
    );
}

/// The rows a widget owns, drawn again as a whole at each change.
#[derive(Default)]
struct Area {
    /// The area row the terminal cursor is on after the last draw.
    cursor_row: usize,
}

impl Area {
    /// Draws `lines` (each cut to the width) and puts the cursor at `row`, `cell`.
    fn draw(&mut self, lines: &[String], cols: usize, row: usize, cell: usize) -> Prompted<()> {
        let mut err = std::io::stderr();
        queue!(err, cursor::Hide)?;
        self.to_top(&mut err)?;
        let lines: Vec<String> = lines.iter().map(|l| fit(l, cols)).collect();
        write!(err, "{}", lines.join("\r\n"))?;
        let up = lines.len().saturating_sub(1 + row);
        if up > 0 {
            queue!(err, cursor::MoveUp(up as u16))?;
        }
        queue!(err, cursor::MoveToColumn(cell as u16), cursor::Show)?;
        err.flush()?;
        self.cursor_row = row;
        Ok(())
    }

    /// After a resize or a full-screen program: the area starts again at the top of a clean
    /// screen.
    fn restart(&mut self) -> Prompted<()> {
        let mut err = std::io::stderr();
        queue!(
            err,
            terminal::Clear(terminal::ClearType::All),
            cursor::MoveTo(0, 0)
        )?;
        self.cursor_row = 0;
        Ok(())
    }

    /// Replaces the area with `lines` for good and leaves the cursor below them.
    fn leave(&mut self, lines: &[String], cols: usize) -> Prompted<()> {
        let mut err = std::io::stderr();
        self.to_top(&mut err)?;
        for line in lines {
            write!(err, "{}\r\n", fit(line, cols))?;
        }
        err.flush()?;
        self.cursor_row = 0;
        Ok(())
    }

    fn to_top(&self, err: &mut impl Write) -> Prompted<()> {
        write!(err, "\r")?;
        if self.cursor_row > 0 {
            queue!(err, cursor::MoveUp(self.cursor_row as u16))?;
        }
        queue!(err, terminal::Clear(terminal::ClearType::FromCursorDown))?;
        Ok(())
    }
}

/// The screen size, 80×24 when it cannot be told (a pseudo-terminal may say 0×0).
pub(crate) fn size() -> (usize, usize) {
    match terminal::size() {
        Ok((cols, rows)) if cols > 0 && rows > 0 => (cols.max(10) as usize, rows.max(5) as usize),
        _ => (80, 24),
    }
}

/// `text` as screen rows of at most `cols - 1` cells (the last cell stays free so that no row
/// wraps), broken between words: nothing is cut.
pub(crate) fn rows_of(text: &str, cols: usize) -> Vec<String> {
    crate::text::wrap(text, cols.saturating_sub(1).max(1))
}

/// The first item to show of items `heights` rows tall in `room` rows, so that `active` is shown
/// whole, moving as little as it can from `first`.
pub(crate) fn window(heights: &[usize], active: usize, first: usize, room: usize) -> usize {
    if active < first {
        return active;
    }
    let mut first = first.min(active);
    // Move down until the rows from `first` to `active` fit.
    while first < active && heights[first..=active].iter().sum::<usize>() > room {
        first += 1;
    }
    first
}

/// `text` cut to fit in `cols - 1` cells (the last cell stays free so that no row wraps).
pub(crate) fn fit(text: &str, cols: usize) -> String {
    let max = cols.saturating_sub(1).max(1);
    if width(text) <= max {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = width(c.encode_utf8(&mut [0; 4]));
        if used + w + 1 > max {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(min: Option<usize>, max: Option<usize>) -> WordLimits {
        WordLimits { min, max }
    }

    #[test]
    fn the_word_status_says_the_limits_and_marks_the_excess() {
        let text = "one two three";
        assert_eq!(word_status(text, limits(None, Some(150))), "3 / 150 words");
        assert_eq!(
            word_status(text, limits(None, Some(2))),
            "! 3 / 2 words — 1 over"
        );
        assert_eq!(
            word_status(text, limits(Some(200), Some(800))),
            "3 words — 200 to 800, 197 short"
        );
        assert_eq!(
            word_status(text, limits(Some(1), Some(2))),
            "! 3 / 2 words — 1 over"
        );
        assert_eq!(
            word_status(text, limits(Some(1), Some(5))),
            "3 words — 1 to 5"
        );
        assert_eq!(word_status("one", limits(None, None)), "1 word");
    }

    #[test]
    fn the_window_keeps_the_active_item_whole() {
        let heights = [1, 2, 1, 3, 1];
        assert_eq!(window(&heights, 0, 0, 3), 0);
        assert_eq!(window(&heights, 3, 0, 4), 2, "rows 2 and 3 take 4");
        assert_eq!(window(&heights, 1, 2, 4), 1, "up to the active one");
        assert_eq!(window(&heights, 4, 0, 1), 4);
    }

    #[test]
    fn long_lines_are_cut_to_the_screen() {
        assert_eq!(fit("abcdef", 5), "abc…");
        assert_eq!(fit("字字字", 6), "字字…");
        assert_eq!(fit("abc", 5), "abc");
    }
}
