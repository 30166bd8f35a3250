//! The tick menu: arrows and Space tick items, and typed text ticks them too (`10, 16 and 17`,
//! `all`), checked as it is typed. The current row and the ticks are marked by characters, so
//! every state shows without colour.

use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::layout::width;
use super::{Area, RawMode, size};
use crate::fill::prompter::{Picks, PromptError, Prompted};

/// A menu to tick.
pub(crate) struct Menu<'a> {
    /// The question.
    pub prompt: &'a str,
    /// The items.
    pub items: &'a [String],
    /// Ticked when the menu opens.
    pub chosen: &'a [bool],
    /// Reads typed text into item indexes, or says what is wrong with it.
    pub typed: Picks,
    /// What may be typed, e.g. "10, 16 and 17 · all · none".
    pub example: &'a str,
}

struct State<'a> {
    menu: Menu<'a>,
    ticks: Vec<bool>,
    active: usize,
    line: String,
    message: Option<String>,
    scroll: usize,
    cols: usize,
    rows: usize,
    area: Area,
}

const TYPED: &str = "type: ";

/// Shows the menu until Enter; Esc is [`PromptError::Back`], Ctrl-C [`PromptError::Interrupted`].
pub(crate) fn pick(menu: Menu<'_>) -> Prompted<Vec<usize>> {
    let (cols, rows) = size();
    let mut ticks = menu.chosen.to_vec();
    ticks.resize(menu.items.len(), false);
    let mut state = State {
        menu,
        ticks,
        active: 0,
        line: String::new(),
        message: None,
        scroll: 0,
        cols,
        rows,
        area: Area::default(),
    };
    let raw = RawMode::enter()?;
    let result = state.run();
    let mut last = vec![state.menu.prompt.to_string()];
    if let Ok(picked) = &result {
        last.push(format!("✔ {}", state.summary(picked)));
    }
    state.area.leave(&last, state.cols)?;
    drop(raw);
    result
}

impl State<'_> {
    fn picked(&self) -> Vec<usize> {
        (0..self.ticks.len()).filter(|i| self.ticks[*i]).collect()
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

    fn retype(&mut self) {
        if self.line.trim().is_empty() {
            self.message = None;
            return;
        }
        match (self.menu.typed)(&self.line, self.ticks.len()) {
            Ok(picked) => {
                self.ticks.iter_mut().for_each(|t| *t = false);
                for i in picked {
                    if let Some(t) = self.ticks.get_mut(i) {
                        *t = true;
                    }
                }
                self.message = None;
            }
            Err(message) => self.message = Some(message),
        }
    }

    fn run(&mut self) -> Prompted<Vec<usize>> {
        let mut dirty = true;
        loop {
            if dirty && !event::poll(Duration::ZERO)? {
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
            KeyCode::Char(' ') if self.line.is_empty() => {
                if let Some(t) = self.ticks.get_mut(self.active) {
                    *t = !*t;
                }
            }
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

    /// The ticked items, unless the typed text is wrong (then it says so and stays).
    fn confirm(&mut self) -> Option<Vec<usize>> {
        if self.message.is_some() {
            return None;
        }
        Some(self.picked())
    }

    fn draw(&mut self) -> Prompted<()> {
        let visible = self.rows.saturating_sub(5).max(1);
        if self.active < self.scroll {
            self.scroll = self.active;
        } else if self.active >= self.scroll + visible {
            self.scroll = self.active + 1 - visible;
        }
        let mut lines = vec![
            self.menu.prompt.to_string(),
            format!(
                "Type numbers or {}, or move with ↑↓ and tick with Space · Enter confirms · Esc back",
                self.menu.example
            ),
            format!("{TYPED}{}", self.line),
        ];
        for (i, item) in self
            .menu
            .items
            .iter()
            .enumerate()
            .skip(self.scroll)
            .take(visible)
        {
            let current = if i == self.active { "❯" } else { " " };
            let tick = if self.ticks[i] { "[x]" } else { "[ ]" };
            lines.push(format!("{current} {tick} {item}"));
        }
        let picked = self.picked();
        let mut status = format!("ticked: {}", self.summary_numbers(&picked));
        if self.menu.items.len() > visible {
            status = format!(
                "items {}–{} of {} · {status}",
                self.scroll + 1,
                (self.scroll + visible).min(self.menu.items.len()),
                self.menu.items.len()
            );
        }
        if let Some(message) = &self.message {
            status = format!("! {message} · {status}");
        }
        lines.push(status);
        let cell = width(TYPED) + width(&self.line);
        let cols = self.cols;
        self.area.draw(&lines, cols, 2, cell)
    }

    fn summary_numbers(&self, picked: &[usize]) -> String {
        if picked.is_empty() {
            return "none".to_string();
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

    fn state<'a>(items: &'a [String], chosen: &'a [bool]) -> State<'a> {
        State {
            menu: Menu {
                prompt: "p",
                items,
                chosen,
                typed: crate::fill::prompter::pick_numbers,
                example: "`none`",
            },
            ticks: {
                let mut t = chosen.to_vec();
                t.resize(items.len(), false);
                t
            },
            active: 0,
            line: String::new(),
            message: None,
            scroll: 0,
            cols: 80,
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

    #[test]
    fn space_ticks_the_current_row_and_typed_numbers_replace_the_ticks() {
        let items: Vec<String> = ["a", "b", "c"].map(str::to_string).to_vec();
        let mut s = state(&items, &[true]);
        let picked = keys(&mut s, &[KeyCode::Down, KeyCode::Char(' '), KeyCode::Enter]);
        assert_eq!(picked.unwrap(), Some(vec![0, 1]));
        let mut s = state(&items, &[true]);
        let typed = "2 3".chars().map(KeyCode::Char).collect::<Vec<_>>();
        keys(&mut s, &typed).unwrap();
        assert_eq!(s.picked(), [1, 2], "the space was typed, not a tick");
        assert_eq!(keys(&mut s, &[KeyCode::Enter]).unwrap(), Some(vec![1, 2]));
    }

    #[test]
    fn wrong_text_is_said_and_blocks_enter_until_corrected() {
        let items: Vec<String> = ["a", "b"].map(str::to_string).to_vec();
        let mut s = state(&items, &[]);
        keys(&mut s, &[KeyCode::Char('9')]).unwrap();
        assert!(s.message.is_some());
        assert_eq!(keys(&mut s, &[KeyCode::Enter]).unwrap(), None);
        let fixed = keys(
            &mut s,
            &[KeyCode::Backspace, KeyCode::Char('2'), KeyCode::Enter],
        );
        assert_eq!(fixed.unwrap(), Some(vec![1]));
        assert!(matches!(
            keys(&mut s, &[KeyCode::Esc]),
            Err(PromptError::Back)
        ));
    }
}
