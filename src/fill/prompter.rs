//! What `fill` needs from a terminal, as a trait: the rich terminal prompter and the plain line
//! prompter both implement it, and unit tests script the plain one.

use std::io;

use crate::questionnaire::WordLimits;

/// Why a prompt gave no answer.
#[derive(Debug, thiserror::Error)]
pub enum PromptError {
    /// Ctrl-C.
    #[error("interrupted")]
    Interrupted,
    /// The input ended (Ctrl-D, or a closed stdin).
    #[error("the input ended")]
    Eof,
    /// The person asked to go back to the previous field or question (Esc, `:back`).
    #[error("back")]
    Back,
    /// The person keeps a refused answer as it is for now, to fix later (F2, `:keep`).
    #[error("kept for now")]
    Keep,
    /// The terminal failed.
    #[error("terminal error: {0}")]
    Io(io::Error),
    /// A file (the draft, the response) could not be written.
    #[error("cannot write `{}`: {}", .path.display(), crate::text::io_reason(.source))]
    Save {
        /// The file.
        path: std::path::PathBuf,
        /// Why.
        #[source]
        source: io::Error,
    },
}

impl From<io::Error> for PromptError {
    fn from(e: io::Error) -> PromptError {
        match e.kind() {
            io::ErrorKind::Interrupted => PromptError::Interrupted,
            io::ErrorKind::UnexpectedEof => PromptError::Eof,
            _ => PromptError::Io(e),
        }
    }
}

/// A prompt's result.
pub type Prompted<T> = Result<T, PromptError>;

/// What Tab makes of a typed list's last item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// The list with its last item completed.
    Done(String),
    /// The names the last item may start, when it starts more than one.
    Candidates(Vec<String>),
    /// Nothing to complete.
    None,
}

/// Completes the last item of a typed list, e.g. a country name.
pub type Completer = fn(&str) -> Completion;

/// What a text typed in a tick menu reads as: the items it names, ticked as they are typed, and
/// what is wrong with it (then Enter waits until it is corrected).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Picked {
    /// Indexes of the items the text names.
    pub items: Vec<usize>,
    /// What is wrong with the text, in a few words.
    pub problem: Option<String>,
}

impl Picked {
    fn problem(items: Vec<usize>, problem: String) -> Picked {
        Picked {
            items,
            problem: Some(problem),
        }
    }
}

/// Reads typed text into the indexes of the items (shown as they are) to tick.
pub type Picks = fn(&str, &[String]) -> Picked;

/// A menu of items to tick, by arrows and Space or by typed text.
#[derive(Clone, Copy)]
pub struct Ticks<'a> {
    /// The question.
    pub prompt: &'a str,
    /// The items, as shown.
    pub items: &'a [String],
    /// Ticked when the menu opens.
    pub chosen: &'a [bool],
    /// Reads typed text.
    pub typed: Picks,
    /// What may be typed, e.g. "goals like `10, 16 and 17`, `all` or `none`".
    pub example: &'a str,
    /// The item that stands for all the others ("All 17 goals"), if any.
    pub all: Option<usize>,
}

/// An item's text without the number it is shown with (` 3 Energy Compacts`).
fn without_number(item: &str) -> &str {
    item.trim_start()
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start()
}

/// Reads the numbers of items (`1, 3 5`, `2-4`), or their names or the unambiguous start of a
/// name (`power, energy`), into 0-based indexes; `none` is none. A name with `and` in it stays
/// whole; a part that is two names joined by `and` is both.
pub fn pick_choices(text: &str, items: &[String]) -> Picked {
    let count = items.len();
    let how = || format!("type numbers from 1 to {count} or the start of a name, e.g. 1, 3 or 2-4");
    if text.trim().eq_ignore_ascii_case("none") {
        return Picked::default();
    }
    let mut out = Vec::new();
    let mut problem = None;
    let names: Vec<String> = items
        .iter()
        .map(|i| crate::text::fold(without_number(i)))
        .collect();
    let by_name = |part: &str| -> Result<usize, String> {
        let key = crate::text::fold(part);
        if key.is_empty() {
            return Err(how());
        }
        if let Some(exact) = names.iter().position(|n| *n == key) {
            return Ok(exact);
        }
        let found: Vec<usize> = (0..count).filter(|i| names[*i].starts_with(&key)).collect();
        match found.as_slice() {
            [one] => Ok(*one),
            [] => Err(format!(
                "`{}` is not one of the items; {}",
                part.trim(),
                how()
            )),
            several => Err(format!(
                "`{}` starts {} names: {}",
                part.trim(),
                several.len(),
                several
                    .iter()
                    .map(|i| (i + 1).to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    };
    for part in text
        .split([',', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let numeric = part
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c.is_whitespace());
        let mut found: Result<Vec<usize>, String> = if numeric {
            part.split_whitespace()
                .map(|n| {
                    let number = |s: &str| s.trim().parse::<usize>().map_err(|_| how());
                    let (a, b) = match n.split_once('-') {
                        Some((a, b)) => (number(a)?, number(b)?),
                        None => (number(n)?, number(n)?),
                    };
                    if a == 0 || b > count || a > b {
                        return Err(format!("{n} is not an item: {}", how()));
                    }
                    Ok((a - 1..b).collect::<Vec<usize>>())
                })
                .collect::<Result<Vec<_>, _>>()
                .map(|v| v.concat())
        } else {
            by_name(part).map(|i| vec![i])
        };
        // `Energy Compacts and Power of Data`: two names, unless `and` is inside a name.
        if found.is_err() && !numeric && part.contains(" and ") {
            let both: Result<Vec<usize>, String> = part.split(" and ").map(by_name).collect();
            if both.is_ok() {
                found = both;
            }
        }
        match found {
            Ok(items) => out.extend(items),
            Err(e) => {
                problem.get_or_insert(e);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    match problem {
        Some(p) => Picked::problem(out, p),
        None => Picked {
            items: out,
            problem: None,
        },
    }
}

/// Where a prompt puts the text while it is being typed, so that a crash, a closed terminal or
/// SIGTERM loses none of it: `fill` saves it in the draft.
pub trait Typing {
    /// Saves the text typed so far: at least once a second while keys arrive, at each new line,
    /// and before a stop.
    fn save(&mut self, text: &str);

    /// The text as it is now, after each change, not saved yet: kept where a signal handler saves
    /// it before the process ends.
    fn typed(&mut self, _text: &str) {}

    /// Whether the process was asked to stop (SIGTERM, SIGHUP): the prompt saves the text and
    /// ends as Ctrl-C does ([`PromptError::Interrupted`]).
    fn stop_requested(&self) -> bool {
        false
    }

    /// Said by a prompt when it starts editing (`true`) and ends (`false`): while it edits,
    /// [`Typing::typed`] keeps the text where a signal handler finds it.
    fn watching(&self, _on: bool) {}
}

/// Typing that is not kept anywhere (a one-off prompt, a test).
pub struct NotKept;

impl Typing for NotKept {
    fn save(&mut self, _text: &str) {}
}

/// The questions `fill` can ask.
pub trait Prompter {
    /// Shows information (question texts, findings, tables).
    fn say(&mut self, text: &str) -> Prompted<()>;

    /// Where the walk is (`Question 5 of 6 · Initiative 3 · Member States`), for prompters that
    /// keep it in view; the plain mode says it in its own lines.
    fn progress(&mut self, _where: &str) {}

    /// Whether the next prompt offers to keep the answer just refused as it is (for now).
    fn offer_keep(&mut self, _on: bool) {}

    /// The width lines are shown at, for what is said in one row (the review's findings);
    /// `None` when lines are shown whole.
    fn width(&self) -> Option<usize> {
        None
    }

    /// One line of text; Enter on an empty line gives `default` (or `""`). What is typed goes to
    /// `typing` as it is typed.
    fn line(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        complete: Option<Completer>,
        typing: &mut dyn Typing,
    ) -> Prompted<String>;

    /// Several lines (paragraphs), starting from `default`, with the word count against `limits`
    /// shown as it grows. What is typed goes to `typing` as it is typed.
    fn text(
        &mut self,
        prompt: &str,
        default: Option<&str>,
        limits: WordLimits,
        typing: &mut dyn Typing,
    ) -> Prompted<String>;

    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> Prompted<bool>;

    /// One of `items`, by index.
    fn select(&mut self, prompt: &str, items: &[String], default: usize) -> Prompted<usize>;

    /// Any of the menu's items, by index.
    fn multi_select(&mut self, menu: Ticks<'_>) -> Prompted<Vec<usize>>;
}

/// How to type a text in the plain mode.
pub(super) fn text_instructions(has_default: bool, editor: bool) -> String {
    let start = if has_default {
        "type the new text, or press Enter to keep the current one"
    } else {
        "type the text; a blank line separates paragraphs"
    };
    let editor = if editor {
        "; type `:e` to write in your editor"
    } else {
        ""
    };
    format!("{start}; finish with a line with only `.`{editor}; `:back` goes back, `:help` helps")
}

/// What the plain mode's `:help` says.
pub(super) const PLAIN_HELP: &str = "Type the answer and press Enter. In a text, only a line with only `.` ends it, so a paste stays whole; the word count is shown after each line. At a menu, type the number of an item; where several may be chosen, numbers separated by commas. `:back` goes back to the previous question or field; after an answer is refused, `:keep` keeps it as it is for now (the review marks it). Ctrl-C stops, and the same command resumes.";

/// How a person ended a text, or what the first line asked for.
pub(super) enum TextEnd {
    /// The text as typed (empty when Enter was pressed at once: keep the default).
    Typed(String),
    /// `:e` on the first line: write it in the editor.
    Editor,
}

/// What a typed line asks for, when it is a command rather than an answer.
pub(super) fn command(line: &str, keep: bool) -> Option<PromptError> {
    match line.trim() {
        ":back" | ":b" => Some(PromptError::Back),
        ":keep" if keep => Some(PromptError::Keep),
        _ => None,
    }
}

/// Reads a multi-line text line by line: a blank line separates paragraphs and only a line
/// with only `.` ends it (so a pasted text with blank lines stays whole); the end of the input
/// ends it once something was typed, and Enter at once keeps the current text. `counted` is
/// called with the text so far after each line.
pub(super) fn read_text(
    mut next_line: impl FnMut() -> Prompted<String>,
    mut counted: impl FnMut(&str) -> Prompted<()>,
    keep: bool,
) -> Prompted<TextEnd> {
    let mut lines: Vec<String> = Vec::new();
    loop {
        let line = match next_line() {
            Ok(line) => line,
            Err(PromptError::Eof) if !lines.is_empty() => break,
            Err(e) => return Err(e),
        };
        let trimmed = line.trim();
        if lines.is_empty() && matches!(trimmed, ":e" | ":edit") {
            return Ok(TextEnd::Editor);
        }
        if lines.is_empty()
            && let Some(command) = command(trimmed, keep)
        {
            return Err(command);
        }
        if trimmed == "." {
            break;
        }
        if trimmed.is_empty() && lines.is_empty() {
            return Ok(TextEnd::Typed(String::new()));
        }
        lines.push(line.trim_end().to_string());
        if !trimmed.is_empty() {
            counted(&lines.join("\n"))?;
        }
    }
    Ok(TextEnd::Typed(lines.join("\n").trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        [
            "Transforming Education",
            "Energy Compacts",
            "Food Systems Transformation",
            "Global Accelerator on Jobs and Social Protection for Just Transitions",
            "FutureGov",
        ]
        .iter()
        .enumerate()
        .map(|(i, n)| format!("{:>2} {n}", i + 1))
        .collect()
    }

    #[test]
    fn numbers_names_and_starts_of_names_tick_items() {
        let cases: &[(&str, &[usize], bool)] = &[
            ("1, 3", &[0, 2], false),
            ("2-4", &[1, 2, 3], false),
            ("1 5", &[0, 4], false),
            ("energy, future", &[1, 4], false),
            (
                "Global Accelerator on Jobs and Social Protection for Just Transitions",
                &[3],
                false,
            ),
            ("energy compacts and futuregov", &[1, 4], false),
            ("none", &[], false),
            ("f", &[], true),
            ("2, 9", &[1], true),
            ("nothing like it", &[], true),
        ];
        for (text, want, problem) in cases {
            let picked = pick_choices(text, &items());
            assert_eq!(picked.items, *want, "{text}");
            assert_eq!(picked.problem.is_some(), *problem, "{text}: {picked:?}");
        }
    }
}
