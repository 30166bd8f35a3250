//! Fills a real-sized response (tests/data/focal-point.toml: 6 questions, 8 records) from scratch
//! through the pty, as a focal point with the answers at hand would, and counts the prompts and
//! keys it takes. It reads the screen to see which kind of prompt it faces, so the same driver
//! measures an older build too: `QFILL_BIN=path/to/old/qfill cargo test --test it
//! fill_editor::filling_the_fixture -- --nocapture`.
//!
//! Counting: each typed character is a typed key; Enter, arrows, Space, Ctrl-D, a `y` at a
//! confirmation and a paste (one shortcut) are other keys.

use std::fmt;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use toml::{Table, Value};

use super::screen::Screen;
use crate::common::{Scratch, repo};

const DOWN: &str = "\x1b[B";

/// What filling the fixture took.
#[derive(Debug, Default)]
pub struct Counts {
    /// Prompts answered.
    pub prompts: usize,
    /// Characters typed.
    pub typed: usize,
    /// Other keys (Enter, arrows, Space, Ctrl-D, pastes).
    pub other: usize,
    /// Of all keys, those spent in the SDG and initiative menus.
    pub in_menus: usize,
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} prompts, {} keys: {} typed characters, {} other keys; {} keys in tick menus",
            self.prompts,
            self.typed + self.other,
            self.typed,
            self.other,
            self.in_menus
        )
    }
}

struct Driver {
    s: Screen,
    /// How far the output has been read.
    seen: usize,
    counts: Counts,
}

impl Driver {
    /// Enter on the review: the counts, and the response saved in `dir`.
    fn save_from_review(mut self, dir: &Path) -> (Counts, Table) {
        self.prompt("Review your answers");
        self.press("\r", 1);
        self.until(&["saved response.toml"]);
        assert_eq!(self.s.exit_code(), 0);
        let saved =
            toml::from_str(&fs::read_to_string(dir.join("response.toml")).unwrap()).unwrap();
        (self.counts, saved)
    }

    /// Waits for the first of `needles` in the output not read yet; its index.
    fn until(&mut self, needles: &[&str]) -> usize {
        let start = Instant::now();
        loop {
            self.s.pump();
            let fresh = &self.s.raw[self.seen..];
            let found = needles
                .iter()
                .enumerate()
                .filter_map(|(i, n)| {
                    fresh
                        .windows(n.len())
                        .position(|w| w == n.as_bytes())
                        .map(|at| (at, i, n.len()))
                })
                .min();
            if let Some((at, i, len)) = found {
                self.seen += at + len;
                return i;
            }
            if start.elapsed() > Duration::from_secs(30) {
                let screen = self.s.contents();
                let tail = &self.s.raw[self.s.raw.len().saturating_sub(3000)..];
                panic!(
                    "waiting for {needles:?}; the screen:\n{}\nthe last output: {:?}",
                    screen,
                    String::from_utf8_lossy(tail)
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn prompt(&mut self, needle: &str) {
        self.until(&[needle]);
        self.counts.prompts += 1;
    }

    fn type_text(&mut self, text: &str) {
        self.s.keys(text);
        self.counts.typed += text.chars().count();
    }

    fn press(&mut self, key: &str, times: usize) {
        self.s.keys(&key.repeat(times));
        self.counts.other += times;
    }

    fn line(&mut self, needle: &str, value: &str) {
        self.prompt(needle);
        self.type_text(value);
        self.press("\r", 1);
    }

    /// A text: pasted whole in the editor and finished with Ctrl-D; in the old line prompt,
    /// pasted as lines and ended with a `.` line.
    fn text(&mut self, needle: &str, value: &str) {
        self.prompt(needle);
        let editor = self.until(&["Ctrl-D finish", "finish with two empty lines"]) == 0;
        if editor {
            self.s.paste(value);
            self.counts.other += 1;
            self.press("\x04", 1);
        } else {
            self.s.keys(&format!("{value}\n"));
            self.counts.other += 1;
            self.type_text(".");
            self.press("\r", 1);
        }
    }

    /// Ticks `picked` (0-based) in a menu: typed numbers where the menu takes them, else arrows
    /// and Space.
    fn tick(&mut self, needle: &str, picked: &[usize], typed: String) {
        self.prompt(needle);
        let before = self.counts.other + self.counts.typed;
        if self.until(&["Type ", "space to tick"]) == 0 {
            self.type_text(&typed);
        } else {
            let mut at = 0;
            for &i in picked {
                self.press(DOWN, i - at);
                self.press(" ", 1);
                at = i;
            }
        }
        self.press("\r", 1);
        self.counts.in_menus += self.counts.other + self.counts.typed - before;
    }
}

/// A field's value as a person types it.
fn typed(kind: &str, value: &Value) -> String {
    let list = |separator: &str| match value {
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join(separator),
        other => other.as_str().unwrap().to_string(),
    };
    let place = |p: &Value| {
        format!(
            "{}, {}",
            p["city"].as_str().unwrap(),
            p["country"].as_str().unwrap()
        )
    };
    match (kind, value) {
        ("dates", Value::Table(t)) => format!(
            "{} to {}",
            t["start"].as_str().unwrap(),
            t["end"].as_str().unwrap()
        ),
        ("places", Value::Array(places)) => places.iter().map(place).collect::<Vec<_>>().join("; "),
        ("places", table) => place(table),
        ("organisations", _) => list("; "),
        ("languages" | "countries", _) => list(", "),
        (_, Value::String(s)) => s.clone(),
        (kind, other) => panic!("{kind}: {other:?}"),
    }
}

/// Fills the fixture with `binary` from scratch on a screen of `size`; the counts, and the
/// response it saved.
pub fn fill_fixture(binary: &Path, size: (u16, u16)) -> (Counts, Table) {
    let fixture: Table =
        toml::from_str(&fs::read_to_string(repo("tests/data/focal-point.toml")).unwrap()).unwrap();
    let definition: Table =
        toml::from_str(&fs::read_to_string(repo("questionnaires/hlpf-2024.toml")).unwrap())
            .unwrap();
    let dir = Scratch::new();
    let mut d = Driver {
        s: Screen::start_binary(binary, dir.path(), &[], size, "xterm-256color", &[]),
        seen: 0,
        counts: Counts::default(),
    };
    let answers = fixture["answers"].as_table().unwrap();
    d.line("Entity", fixture["entity"].as_str().unwrap());
    for question in definition["questions"].as_array().unwrap() {
        let id = question["id"].as_str().unwrap();
        let answer = &answers[id];
        match question["kind"].as_str().unwrap() {
            "text" => d.text("Your answer:", answer.as_str().unwrap()),
            "choices-text" => {
                let choices = question["choices"].as_array().unwrap();
                let picked: Vec<usize> = answer["initiatives"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|c| choices.iter().position(|x| x == c).unwrap())
                    .collect();
                let mut sorted = picked.clone();
                sorted.sort_unstable();
                let numbers: Vec<String> = sorted.iter().map(|i| (i + 1).to_string()).collect();
                d.tick("contributes to", &sorted, numbers.join(", "));
                d.text("How do you contribute?", answer["text"].as_str().unwrap());
            }
            _ => {
                let label = question["record_label"].as_str().unwrap();
                let records = answer.as_array().unwrap();
                let max = question.get("max_records").and_then(Value::as_integer);
                d.prompt(&format!(
                    "Add a{} {label}",
                    if label.starts_with(['a', 'e', 'i', 'o', 'u']) {
                        "n"
                    } else {
                        ""
                    }
                ));
                d.press("\r", 1);
                for (n, record) in records.iter().enumerate() {
                    if n > 0 {
                        d.prompt(&format!("Add another {label}?"));
                        d.press("y", 1);
                        d.press("\r", 1);
                    }
                    for field in question["fields"].as_array().unwrap() {
                        let kind = field["kind"].as_str().unwrap();
                        let full = field["label"].as_str().unwrap();
                        // The label's start, long enough not to be found in another one.
                        let short: String = full.chars().take(30).collect();
                        let short = short.as_str();
                        let value = &record[field["id"].as_str().unwrap()];
                        match (kind, value) {
                            ("sdgs", Value::Array(goals)) => {
                                let goals: Vec<usize> = goals
                                    .iter()
                                    .map(|g| g.as_integer().unwrap() as usize - 1)
                                    .collect();
                                let numbers: Vec<String> =
                                    goals.iter().map(|g| (g + 1).to_string()).collect();
                                d.tick(short, &goals, numbers.join(", "));
                            }
                            ("sdgs", _) => d.tick(short, &[17], "all".to_string()),
                            ("paragraphs", _) => d.text(short, value.as_str().unwrap()),
                            _ => d.line(short, &typed(kind, value)),
                        }
                    }
                }
                if max.is_none_or(|max| (records.len() as i64) < max) {
                    d.prompt(&format!("Add another {label}?"));
                    d.press("\r", 1);
                }
            }
        }
    }
    d.save_from_review(dir.path())
}

/// Migrates the fixture to hlpf-2026 with this build's `migrate`, then fills the result with
/// `binary` as a focal point would: question 1 (reworded, now at most 200 words) written anew
/// shorter, each event outside the new window kept, the records looked at, the notes kept,
/// the new question 2 answered, saved. The counts, and the response it saved.
pub fn migrate_then_fill(binary: &Path, size: (u16, u16)) -> (Counts, Table) {
    let dir = Scratch::new();
    let migrated = dir.path().join("last-year-2026.toml");
    let output = crate::common::command()
        .args(["migrate"])
        .arg(repo("tests/data/focal-point.toml"))
        .args(["--edition", "hlpf-2026", "-o"])
        .arg(&migrated)
        .output()
        .unwrap();
    assert!(output.status.code().is_some_and(|c| c <= 1), "{output:?}");
    let mut d = Driver {
        s: Screen::start_binary(
            binary,
            dir.path(),
            &["--answers", "last-year-2026.toml"],
            size,
            "xterm-256color",
            &[],
        ),
        seen: 0,
        counts: Counts::default(),
    };
    let shorter: String = (0..150)
        .map(|i| format!("word{i}"))
        .collect::<Vec<_>>()
        .join(" ");
    // Question 1: the old answer in the editor, cleared and written anew (a paste).
    d.prompt("Question 1 of 3 · Your answer:");
    d.until(&["Ctrl-D finish"]);
    d.press("\x18", 1);
    d.until(&["0 / 200 words"]);
    d.s.paste(&shorter);
    d.counts.other += 1;
    d.press("\x04", 1);
    // Question 3: each event outside the window kept, then the records menu left.
    // (Needles short enough not to be broken over two rows of the screen.)
    for _ in 0..2 {
        d.prompt("❯ Keep event");
        d.press("\r", 1);
    }
    d.prompt("❯ Go on");
    d.press("\r", 1);
    // The notes, each kept.
    for n in 1..=4 {
        d.prompt(&format!("Note {n} of 4 holds"));
        d.until(&["❯ Keep it in notes"]);
        d.press("\r", 1);
    }
    // The new question 2.
    d.prompt("Question 2 of 3 · Your answer:");
    d.until(&["Ctrl-D finish"]);
    d.s.paste("The Institute met the other agencies of the water cluster every month.");
    d.counts.other += 1;
    d.press("\x04", 1);
    d.save_from_review(dir.path())
}
