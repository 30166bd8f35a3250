//! The tick menu: arrows and Space tick items, and typed text ticks them too (`10, 16 and 17`,
//! `all`, `power`), read again at each key: the ticks are always what the text reads, and what
//! is wrong with it is said. The current row and the ticks are marked by characters, so every
//! state shows without colour; every line breaks between words at the screen's width.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::layout::width;
use super::{Area, RawMode, rows_of, size, window};
use crate::fill::prompter::{PromptError, Prompted, Ticks};

struct State<'a> {
    menu: Ticks<'a>,
    ticks: Vec<bool>,
    /// The ticks as they were when nothing was typed: emptying the typed text brings them back.
    base: Vec<bool>,
    active: usize,
    line: String,
    /// What is wrong with the typed text.
    message: Option<String>,
    /// Enter was pressed while the typed text was wrong.
    refused: bool,
    /// The first item shown.
    scroll: usize,
    cols: usize,
    rows: usize,
    area: Area,
}

const TYPED: &str = "type: ";

/// The mark before an item: the current row, and its tick.
const MARKS: usize = 6;

/// Shows the menu until Enter; Esc is [`PromptError::Back`], Ctrl-C [`PromptError::Interrupted`].
pub(crate) fn pick(menu: Ticks<'_>) -> Prompted<Vec<usize>> {
    let (cols, rows) = size();
    let mut ticks = menu.chosen.to_vec();
    ticks.resize(menu.items.len(), false);
    let mut state = State {
        menu,
        base: ticks.clone(),
        ticks,
        active: 0,
        line: String::new(),
        message: None,
        refused: false,
        scroll: 0,
        cols,
        rows,
        area: Area::default(),
    };
    let raw = RawMode::enter()?;
    let result = state.run();
    let mut last = rows_of(state.menu.prompt, state.cols);
    if let Ok(picked) = &result {
        last.extend(rows_of(&format!("✔ {}", state.summary(picked)), state.cols));
    }
    state.area.leave(&last, state.cols)?;
    drop(raw);
    result
}

impl State<'_> {
    fn picked(&self) -> Vec<usize> {
        match self.menu.all {
            Some(all) if self.ticks.get(all).copied().unwrap_or(false) => vec![all],
            _ => (0..self.ticks.len()).filter(|i| self.ticks[*i]).collect(),
        }
    }

    fn summary(&self, picked: &[usize]) -> String {
        if picked.is_empty() {
            return "none".to_string();
        }
        picked
            .iter()
            .map(|i| self.menu.items[*i].trim().to_string())
            .collect::<Vec<_>>()
            .join("; ")
    }

    /// The ticks are what the typed text reads, or, with nothing typed, what they were before.
    fn retype(&mut self) {
        self.refused = false;
        if self.line.trim().is_empty() {
            self.ticks.clone_from(&self.base);
            self.message = None;
            return;
        }
        let reading = (self.menu.typed)(&self.line, self.menu.items);
        self.ticks.iter_mut().for_each(|t| *t = false);
        for i in reading.items {
            if let Some(t) = self.ticks.get_mut(i) {
                *t = true;
            }
        }
        self.message = reading.problem;
    }

    /// Space on a row: its tick, and on the row that stands for all, every tick.
    fn toggle(&mut self) {
        let Some(on) = self.ticks.get(self.active).map(|t| !*t) else {
            return;
        };
        if self.menu.all == Some(self.active) {
            self.ticks.iter_mut().for_each(|t| *t = on);
        } else {
            self.ticks[self.active] = on;
            if let Some(all) = self.menu.all.filter(|_| !on) {
                self.ticks[all] = false;
            }
        }
        self.base.clone_from(&self.ticks);
    }

    fn run(&mut self) -> Prompted<Vec<usize>> {
        let mut dirty = true;
        loop {
            if dirty && !super::input_waiting()? {
                self.draw()?;
                dirty = false;
            }
            match event::read()? {
                Event::Key(key) if key.kind != KeyEventKind::Release => {
                    if let Some(picked) = self.key(key)? {
                        return Ok(picked);
                    }
                }
                Event::Paste(text) => {
                    let text = super::buffer::clean(&text).replace('\n', " ");
                    self.line.push_str(&text);
                    self.retype();
                }
                Event::Resize(cols, rows) => {
                    self.cols = (cols as usize).max(10);
                    self.rows = (rows as usize).max(5);
                    self.area.restart()?;
                }
                _ => continue,
            }
            dirty = true;
        }
    }

    /// Handles a key; `Some` with the ticked items when the menu is confirmed.
    fn key(&mut self, key: KeyEvent) -> Prompted<Option<Vec<usize>>> {
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let last = self.ticks.len().saturating_sub(1);
        match key.code {
            KeyCode::Char('c') if ctrl => return Err(PromptError::Interrupted),
            KeyCode::Char('u') if ctrl => {
                self.line.clear();
                self.retype();
            }
            KeyCode::Char('j' | 'm') if ctrl => return Ok(self.confirm()),
            KeyCode::Char(_) if ctrl => {}
            // Space ticks the current row, unless it is part of typed text.
            KeyCode::Char(' ') if self.line.is_empty() => self.toggle(),
            KeyCode::Char(c) => {
                self.line.push(c);
                self.retype();
            }
            KeyCode::Backspace => {
                self.line.pop();
                self.retype();
            }
            KeyCode::Up => self.active = self.active.saturating_sub(1),
            KeyCode::Down => self.active = (self.active + 1).min(last),
            KeyCode::Home | KeyCode::PageUp => self.active = 0,
            KeyCode::End | KeyCode::PageDown => self.active = last,
            KeyCode::Enter => return Ok(self.confirm()),
            KeyCode::Esc => return Err(PromptError::Back),
            _ => {}
        }
        Ok(None)
    }

    /// The ticked items, unless the typed text is wrong: then it says why and stays.
    fn confirm(&mut self) -> Option<Vec<usize>> {
        if self.message.is_some() {
            self.refused = true;
            return None;
        }
        Some(self.picked())
    }

    /// The rows of one item: the marks, then the item broken between words under itself.
    fn item_rows(&self, i: usize) -> Vec<String> {
        let current = if i == self.active { "❯" } else { " " };
        let tick = if self.ticks[i] { "[x]" } else { "[ ]" };
        let text = rows_of(&self.menu.items[i], self.cols.saturating_sub(MARKS));
        text.iter()
            .enumerate()
            .map(|(n, row)| {
                if n == 0 {
                    format!("{current} {tick} {row}")
                } else {
                    format!("{}{row}", " ".repeat(MARKS))
                }
            })
            .collect()
    }

    fn status(&self, shown: Option<(usize, usize)>) -> Vec<String> {
        let picked = self.picked();
        let mut status = format!("ticked: {}", self.summary_numbers(&picked));
        if let Some((first, last)) = shown {
            status = format!(
                "items {}–{} of {} · {status}",
                first + 1,
                last + 1,
                self.menu.items.len()
            );
        }
        if let Some(message) = &self.message {
            status = format!("! {message} · {status}");
        }
        let mut lines = Vec::new();
        if self.refused
            && let Some(message) = &self.message
        {
            lines.extend(rows_of(
                &format!("! Enter waits until the list is right: {message}; correct it, or Ctrl-U clears what is typed"),
                self.cols,
            ));
        }
        lines.extend(rows_of(&status, self.cols));
        lines
    }

    fn draw(&mut self) -> Prompted<()> {
        let mut lines = rows_of(self.menu.prompt, self.cols);
        lines.extend(rows_of(
            &format!(
                "Type {}, or move with ↑↓ and tick with Space · Enter confirms · Esc back",
                self.menu.example
            ),
            self.cols,
        ));
        let typed_row = lines.len();
        lines.extend(rows_of(&format!("{TYPED}{}", self.line), self.cols));
        let items: Vec<Vec<String>> = (0..self.menu.items.len())
            .map(|i| self.item_rows(i))
            .collect();
        let heights: Vec<usize> = items.iter().map(Vec::len).collect();
        // The status says where the list is when it does not fit: count it in.
        let status_rows = self.status(Some((0, 0))).len();
        let room = self
            .rows
            .saturating_sub(lines.len() + status_rows + 1)
            .max(1);
        self.scroll = window(&heights, self.active, self.scroll, room);
        let mut used = 0;
        let mut last = self.scroll;
        for (i, rows) in items.iter().enumerate().skip(self.scroll) {
            if used + rows.len() > room && i > self.scroll {
                break;
            }
            used += rows.len();
            lines.extend(rows.iter().cloned());
            last = i;
        }
        let whole = self.scroll == 0 && last + 1 == items.len();
        lines.extend(self.status((!whole).then_some((self.scroll, last))));
        let typed_rows = rows_of(&format!("{TYPED}{}", self.line), self.cols);
        let row = typed_row + typed_rows.len() - 1;
        let cell = typed_rows.last().map_or(0, |r| width(r));
        let cols = self.cols;
        self.area.draw(&lines, cols, row, cell)
    }

    fn summary_numbers(&self, picked: &[usize]) -> String {
        if picked.is_empty() {
            return "none".to_string();
        }
        if self.menu.all.is_some_and(|all| picked == [all]) {
            return "all".to_string();
        }
        picked
            .iter()
            .map(|i| (i + 1).to_string())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fill::prompter::pick_choices;

    fn state<'a>(items: &'a [String], chosen: &'a [bool], all: Option<usize>) -> State<'a> {
        let mut ticks = chosen.to_vec();
        ticks.resize(items.len(), false);
        State {
            menu: Ticks {
                prompt: "p",
                items,
                chosen,
                typed: pick_choices,
                example: "`none`",
                all,
            },
            base: ticks.clone(),
            ticks,
            active: 0,
            line: String::new(),
            message: None,
            refused: false,
            scroll: 0,
            cols: 60,
            rows: 24,
            area: Area::default(),
        }
    }

    fn keys(s: &mut State<'_>, codes: &[KeyCode]) -> Prompted<Option<Vec<usize>>> {
        let mut last = Ok(None);
        for code in codes {
            last = s.key(KeyEvent::from(*code));
        }
        last
    }

    fn typed(text: &str) -> Vec<KeyCode> {
        text.chars().map(KeyCode::Char).collect()
    }

    #[test]
    fn space_ticks_the_current_row_and_typed_text_replaces_the_ticks() {
        let items: Vec<String> = ["a", "b", "c"].map(str::to_string).to_vec();
        let mut s = state(&items, &[true], None);
        let picked = keys(&mut s, &[KeyCode::Down, KeyCode::Char(' '), KeyCode::Enter]);
        assert_eq!(picked.unwrap(), Some(vec![0, 1]));
        let mut s = state(&items, &[true], None);
        keys(&mut s, &typed("2 3")).unwrap();
        assert_eq!(s.picked(), [1, 2], "the space was typed, not a tick");
        assert_eq!(keys(&mut s, &[KeyCode::Enter]).unwrap(), Some(vec![1, 2]));
    }

    #[test]
    fn the_ticks_are_always_what_the_text_reads() {
        let items: Vec<String> = ["alpha", "beta", "gamma"].map(str::to_string).to_vec();
        let mut s = state(&items, &[true], None);
        // Typing `2` then `2` more: nothing of the first reading stays.
        keys(&mut s, &typed("2")).unwrap();
        assert_eq!(s.picked(), [1]);
        keys(&mut s, &typed(", 9")).unwrap();
        assert_eq!(s.picked(), [1], "the part that reads");
        assert!(s.message.is_some());
        // Enter is refused, and says so.
        assert_eq!(keys(&mut s, &[KeyCode::Enter]).unwrap(), None);
        assert!(
            s.status(None)[0].starts_with("! Enter waits"),
            "{:?}",
            s.status(None)
        );
        // Cleared: the ticks from before the typing; then names.
        s.key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL))
            .unwrap();
        assert_eq!(s.picked(), [0]);
        keys(&mut s, &typed("gam")).unwrap();
        assert_eq!(s.picked(), [2]);
        assert_eq!(keys(&mut s, &[KeyCode::Enter]).unwrap(), Some(vec![2]));
    }

    #[test]
    fn the_row_for_all_ticks_everything() {
        let items: Vec<String> = ["a", "b", "all of them"].map(str::to_string).to_vec();
        let mut s = state(&items, &[], Some(2));
        keys(&mut s, &[KeyCode::End, KeyCode::Char(' ')]).unwrap();
        assert_eq!(s.ticks, [true, true, true]);
        assert_eq!(s.summary_numbers(&s.picked()), "all");
        keys(&mut s, &[KeyCode::Home, KeyCode::Char(' ')]).unwrap();
        assert_eq!(s.picked(), [1], "unticking one is not all any more");
    }

    #[test]
    fn long_items_wrap_under_themselves() {
        let items = vec![
            "Global Accelerator on Jobs and Social Protection for Just Transitions".to_string(),
        ];
        let s = state(&items, &[], None);
        let rows = s.item_rows(0);
        assert_eq!(rows.len(), 2, "{rows:?}");
        assert!(rows.iter().all(|r| width(r) < 60), "{rows:?}");
        assert!(rows[1].starts_with("      "), "{rows:?}");
    }
}
