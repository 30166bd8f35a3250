//! The menu of one choice and the yes/no question, drawn inline like the editor: every line
//! (the question, each item, the position in a long list) breaks between words at the screen's
//! width, so nothing is cut at any width, and a confirmation names in full what it will do.
//! They look as dialoguer's did (`? question ›`, `❯` on the current item, `(y/n) › yes`).

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::layout::width;
use super::{Area, RawMode, rows_of, size, window};
use crate::fill::prompter::{PromptError, Prompted};

/// What the two widgets share: the area they draw in and the screen's size.
struct Screen {
    area: Area,
    cols: usize,
    rows: usize,
}

impl Screen {
    fn new() -> Screen {
        let (cols, rows) = size();
        Screen {
            area: Area::default(),
            cols,
            rows,
        }
    }

    /// Waits for a key; `None` for anything else (after a resize, the area starts again).
    fn key(&mut self) -> Prompted<Option<KeyEvent>> {
        match event::read()? {
            Event::Key(key) if key.kind != KeyEventKind::Release => Ok(Some(key)),
            Event::Resize(cols, rows) => {
                self.cols = (cols as usize).max(10);
                self.rows = (rows as usize).max(5);
                self.area.restart()?;
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    /// Leaves `✔ prompt · answer` on the screen for good.
    fn leave(&mut self, prompt: &str, answer: &str) -> Prompted<()> {
        let rows = rows_of(&format!("✔ {prompt} · {answer}"), self.cols);
        self.area.leave(&rows, self.cols)
    }
}

/// One of `items`, starting on `default`; arrows move (round from the last to the first),
/// Enter chooses, Ctrl-C is [`PromptError::Interrupted`].
pub(crate) fn choose(prompt: &str, items: &[String], default: usize) -> Prompted<usize> {
    let Some(last) = items.len().checked_sub(1) else {
        return Err(PromptError::Eof);
    };
    let mut screen = Screen::new();
    let raw = RawMode::enter()?;
    let mut active = default.min(last);
    let mut first = 0;
    let chosen = loop {
        first = draw_choices(&mut screen, prompt, items, active, first)?;
        let Some(key) = screen.key()? else {
            continue;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => break Err(PromptError::Interrupted),
            KeyCode::Enter => break Ok(active),
            KeyCode::Char('j' | 'm') if ctrl => break Ok(active),
            KeyCode::Up | KeyCode::Char('k') | KeyCode::BackTab => {
                active = if active == 0 { last } else { active - 1 };
            }
            KeyCode::Down | KeyCode::Char('j') | KeyCode::Tab => {
                active = if active >= last { 0 } else { active + 1 };
            }
            KeyCode::Home | KeyCode::PageUp => active = 0,
            KeyCode::End | KeyCode::PageDown => active = last,
            _ => {}
        }
    };
    match &chosen {
        Ok(i) => screen.leave(prompt, &items[*i])?,
        Err(_) => {
            let rows = rows_of(&format!("? {prompt}"), screen.cols);
            screen.area.leave(&rows, screen.cols)?;
        }
    }
    drop(raw);
    chosen
}

/// The rows of a menu of one choice: the question, the items from `first` that fit with the
/// current one whole, the position when not all fit. The first item shown.
fn choice_rows(
    prompt: &str,
    items: &[String],
    active: usize,
    first: usize,
    cols: usize,
    rows: usize,
) -> (Vec<String>, usize) {
    let mut lines = rows_of(&format!("? {prompt} ›"), cols);
    let blocks: Vec<Vec<String>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let mark = if i == active { "❯ " } else { "  " };
            rows_of(item, cols.saturating_sub(2))
                .into_iter()
                .enumerate()
                .map(|(n, row)| format!("{}{row}", if n == 0 { mark } else { "  " }))
                .collect()
        })
        .collect();
    let heights: Vec<usize> = blocks.iter().map(Vec::len).collect();
    let all: usize = heights.iter().sum();
    let fits = lines.len() + all < rows;
    let room = if fits {
        all
    } else {
        rows.saturating_sub(lines.len() + 2).max(1)
    };
    let first = if fits {
        0
    } else {
        window(&heights, active, first, room)
    };
    let mut used = 0;
    let mut last = first;
    for (i, block) in blocks.iter().enumerate().skip(first) {
        if used + block.len() > room && i > first {
            break;
        }
        used += block.len();
        lines.extend(block.iter().cloned());
        last = i;
    }
    if !fits {
        lines.extend(rows_of(
            &format!(
                "items {}–{} of {} · ↑↓ to see the others",
                first + 1,
                last + 1,
                items.len()
            ),
            cols,
        ));
    }
    (lines, first)
}

fn draw_choices(
    screen: &mut Screen,
    prompt: &str,
    items: &[String],
    active: usize,
    first: usize,
) -> Prompted<usize> {
    let (lines, first) = choice_rows(prompt, items, active, first, screen.cols, screen.rows);
    let prompt_rows = rows_of(&format!("? {prompt} ›"), screen.cols);
    let row = prompt_rows.len() - 1;
    let cell = prompt_rows.last().map_or(0, |r| width(r));
    let cols = screen.cols;
    screen.area.draw(&lines, cols, row, cell)?;
    Ok(first)
}

/// Yes or no, `default` on Enter; `y` and `n` say which, and Enter confirms it.
pub(crate) fn confirm(prompt: &str, default: bool) -> Prompted<bool> {
    let mut screen = Screen::new();
    let raw = RawMode::enter()?;
    let mut yes = default;
    let answered = loop {
        let rows = confirm_rows(prompt, yes, screen.cols);
        let cell = rows.last().map_or(0, |r| width(r));
        let cols = screen.cols;
        screen.area.draw(&rows, cols, rows.len() - 1, cell)?;
        let Some(key) = screen.key()? else {
            continue;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Char('c') if ctrl => break Err(PromptError::Interrupted),
            KeyCode::Char('y' | 'Y') => yes = true,
            KeyCode::Char('n' | 'N') => yes = false,
            KeyCode::Enter => break Ok(yes),
            KeyCode::Char('j' | 'm') if ctrl => break Ok(yes),
            _ => {}
        }
    };
    match answered {
        Ok(yes) => screen.leave(prompt, if yes { "yes" } else { "no" })?,
        Err(_) => {
            let rows = rows_of(&format!("? {prompt}"), screen.cols);
            screen.area.leave(&rows, screen.cols)?;
        }
    }
    drop(raw);
    answered
}

fn confirm_rows(prompt: &str, yes: bool, cols: usize) -> Vec<String> {
    rows_of(
        &format!("? {prompt} (y/n) › {}", if yes { "yes" } else { "no" }),
        cols,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_confirmation_is_whole_on_several_rows() {
        let prompt = "`Republic of Moldov`: did you mean Republic of Moldova?";
        let rows = confirm_rows(prompt, true, 40);
        assert!(rows.len() > 1, "{rows:?}");
        assert_eq!(
            rows.join(" "),
            format!("? {prompt} (y/n) › yes"),
            "nothing cut"
        );
        assert!(rows.iter().all(|r| width(r) < 40), "{rows:?}");
    }

    #[test]
    fn a_long_menu_shows_the_current_item_and_where_it_is() {
        let items: Vec<String> = (1..=30).map(|i| format!("Item number {i}")).collect();
        let (rows, first) = choice_rows("Pick", &items, 25, 0, 60, 12);
        assert!(rows.len() <= 11, "{rows:?}");
        assert!(rows.contains(&"❯ Item number 26".to_string()), "{rows:?}");
        assert!(first > 0);
        assert!(rows.last().unwrap().starts_with("items "), "{rows:?}");
        let (rows, _) = choice_rows("Pick", &items[..3], 0, 0, 60, 12);
        assert_eq!(rows.len(), 4, "all fit, no position: {rows:?}");
        let long = vec!["Change question 1: a long item that takes more than one row of the sixty columns there are".to_string()];
        let (rows, _) = choice_rows("Pick", &long, 0, 0, 60, 12);
        assert_eq!(rows.len(), 3, "{rows:?}");
        assert!(rows[2].starts_with("  "), "hanging: {rows:?}");
    }
}
