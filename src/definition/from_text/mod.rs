//! A definition from a blank Word form (`qfill definition from-text`): its text (the legacy
//! layout with empty answers), or the .docx itself.
//!
//! Both are read as the one stream of blocks the importer reads (`crate::import::block`): in
//! the text, question lines `N. text`, record rows `Label |`, check boxes before choices; in a
//! .docx, questions are its numbered paragraphs (Word's automatic numbering, so the number is
//! not in the text, or a typed one), record fields the first column of the tables that follow,
//! choices its check boxes. Word's quirks are expected: `1.From` without a space, labels with and
//! without colons, curly quotes, list numbers left on lines of their own. What the reader infers
//! becomes a TOML comment in the output, what it guesses a `TODO` comment; the result is loaded
//! and checked like any definition before it is given back.

use std::fmt;

pub use super::phrases::{kind_of, max_records_in, window_in};
use crate::docx::Form;
use crate::finding::Spot;
use crate::import::block::Block;
use crate::questionnaire::{Questionnaire, WordLimits};

mod read;
mod write;

/// What the reader made of a form.
#[derive(Debug, Clone)]
pub struct FromText {
    /// The definition as TOML, with a comment for every inference and a `TODO` for every guess.
    pub toml: String,
    /// The same, loaded and checked.
    pub definition: Questionnaire,
    /// What was skipped: answers present in the form, stray list numbers, duplicates.
    pub warnings: Vec<FormWarning>,
}

/// Where in a form something is: a line of its text, or a paragraph or table row of a .docx.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormPlace {
    /// A 1-based line of the text.
    Line(usize),
    /// A paragraph or table row of a Word form.
    Word(Spot),
}

impl fmt::Display for FormPlace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormPlace::Line(n) => write!(f, "line {n}"),
            FormPlace::Word(spot) => write!(f, "{spot}"),
        }
    }
}

/// Something in the form the reader skipped, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormWarning {
    /// Where in the form.
    pub place: FormPlace,
    /// What was skipped and why.
    pub message: String,
}

#[derive(Debug)]
struct FormQuestion {
    place: FormPlace,
    number: String,
    text: String,
    words: Option<(WordLimits, String)>,
    max_records: Option<(usize, String)>,
    fields: Vec<FormField>,
    choices: Vec<String>,
    /// A record's first label came round again: what follows is answers, or another blank
    /// record table of the form's.
    repeated: bool,
    /// The form's blank tables for more records of this question, beyond the first.
    more_tables: Vec<usize>,
}

impl FormQuestion {
    fn new(place: FormPlace, number: String, text: String) -> FormQuestion {
        FormQuestion {
            place,
            number,
            text,
            words: None,
            max_records: None,
            fields: Vec::new(),
            choices: Vec::new(),
            repeated: false,
            more_tables: Vec::new(),
        }
    }
}

/// What follows a question decides its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormKind {
    Text,
    Records,
    Choices,
}

#[derive(Debug)]
struct FormField {
    place: FormPlace,
    label: String,
    /// The table it is a row of, in a .docx.
    table: Option<usize>,
}

/// Why a form gives no definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// No question line in the text.
    NoQuestion,
    /// The definition made does not load (a bug): the loader's message.
    NotLoaded(String),
}

/// One block of a form as the reader sees it.
#[derive(Debug)]
enum Item {
    /// A paragraph's text, cleaned: a question line, a plain line, a list number.
    Line(String),
    /// A paragraph Word numbers itself, outermost level: a question.
    Numbered { number: String, text: String },
    /// A record row's label (`Label |`; `""` for a `|` alone), with the table it is in (a
    /// .docx) and the text in its value cells, which a blank form leaves empty.
    Label {
        label: String,
        table: Option<usize>,
        value: String,
    },
    /// A check box and the text beside it.
    CheckBox(String),
}

/// Reads a blank form's text; `id` is the definition's id (made by the caller from the file
/// name).
///
/// Fails when no question is found, or (a bug) when the result does not load.
pub fn from_text(text: &str, id: &str, file: &str) -> Result<FromText, FormError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blocks = crate::import::legacy_blocks(text);
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .collect();
    let place =
        |block: &Block| FormPlace::Line(starts.partition_point(|&s| s <= block.span.start).max(1));
    read::read(&blocks, place, id, file)
}

/// Reads a blank Word form, flattened (`crate::docx::read`).
pub fn from_form(form: &Form, id: &str, file: &str) -> Result<FromText, FormError> {
    let place = |block: &Block| {
        FormPlace::Word(
            form.spots
                .get(block.span.start)
                .copied()
                .unwrap_or(Spot::Paragraph(0)),
        )
    };
    read::read(&form.blocks, place, id, file)
}

/// Trims, straightens Word's curly quotes and no-break spaces, drops control characters.
fn clean(raw: &str) -> String {
    raw.chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201f}' | '\u{2033}' => '"',
            '\u{a0}' | '\u{202f}' | '\t' => ' ',
            c => c,
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn clip(text: &str) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() {
        format!("{head}…")
    } else {
        head
    }
}

/// The id a question gets from its number: `q1`, `qb_1`.
fn question_id(number: &str) -> String {
    format!("q{}", slug(number).trim_start_matches("f_"))
}

/// An id from a label: lowercase words joined by `_`, starting with a letter.
fn slug(label: &str) -> String {
    let words: Vec<String> = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id = words.join("_");
    match id.chars().next() {
        Some(c) if c.is_ascii_lowercase() => id,
        Some(_) => format!("f_{id}"),
        None => "field".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::QuestionKind;

    #[test]
    fn a_small_form() {
        let form = "Survey on things\n1. Why? (Max 20 words)\n2. List up to two events.\nEvent Name: |\nEvent Dates |\n3. Pick\n☐ One\n☐ Two\n";
        let made = from_text(form, "things", "form.txt").unwrap();
        let q = &made.definition;
        assert_eq!(q.title, "Survey on things");
        assert_eq!(q.questions.len(), 3);
        assert!(
            made.toml.contains("# max_words from \"(Max 20 words)\""),
            "{}",
            made.toml
        );
        let QuestionKind::Records(records) = &q.questions[1].kind else {
            panic!()
        };
        assert_eq!(records.max_records, Some(2));
        assert_eq!(records.fields[0].id, "name");
        assert_eq!(records.fields[0].label, "Event Name");
        assert!(
            matches!(&q.questions[2].kind, QuestionKind::ChoicesText(c) if c.choices == ["One", "Two"])
        );
        assert!(made.warnings.is_empty(), "{:?}", made.warnings);
    }

    #[test]
    fn a_number_split_from_its_text_is_a_duplicate_like_any_other() {
        // Found by the `definition_from_text` fuzz target: `1.` alone, then the text, after a
        // question 1 gave two questions `q1`, a definition that does not load.
        let form = "T\n1. Why?\n2. How?\n1.\nAgain?\n";
        let made = from_text(form, "t", "f.txt").unwrap();
        let numbers: Vec<&str> = made
            .definition
            .questions
            .iter()
            .map(|q| q.number.as_str())
            .collect();
        assert_eq!(numbers, ["1", "2"]);
        assert_eq!(made.warnings.len(), 1, "{:?}", made.warnings);
        assert!(
            made.warnings[0]
                .message
                .contains("question 1 appears a second time")
        );
    }

    #[test]
    fn a_second_word_limit_leaves_the_text_with_a_warning() {
        // Found by the `definition_from_text` fuzz target: two limits in one question's text
        // gave a definition that does not load.
        let made = from_text(
            "T\n1. Why (max 150 words) and how? (Max 200 words)\n",
            "t",
            "f.txt",
        )
        .unwrap();
        let q = &made.definition.questions[0];
        assert_eq!(q.text, "Why and how?");
        assert!(matches!(q.kind, QuestionKind::Text(w) if w.max == Some(150)));
        assert_eq!(made.warnings.len(), 1, "{:?}", made.warnings);
        assert!(
            made.warnings[0]
                .message
                .contains("another word limit `(Max 200 words)`")
        );
    }

    #[test]
    fn a_limit_of_no_words_is_a_todo_not_a_limit() {
        let form = "T\n1. Why? (max 0 words)\n2. List events.\nDescription (max 0 words) |\n";
        let made = from_text(form, "t", "f.txt").unwrap();
        assert!(
            matches!(made.definition.questions[0].kind, QuestionKind::Text(w) if w.max.is_none())
        );
        assert!(
            made.toml
                .contains("# TODO: the form says \"(max 0 words)\""),
            "{}",
            made.toml
        );
        assert!(
            made.toml
                .contains("# TODO: the label says \"(max 0 words)\""),
            "{}",
            made.toml
        );
    }

    #[test]
    fn a_box_whose_text_names_nothing_is_no_choice() {
        // Found by the `definition_from_text` fuzz target: `☐ ~` gave a choice `~`, which the
        // loader refuses (a choice has no name).
        let made = from_text("T\n1. Pick one\n☐ ~\n☐ Power of Data\n", "t", "f.txt").unwrap();
        assert!(
            matches!(&made.definition.questions[0].kind, QuestionKind::ChoicesText(c) if c.choices == ["Power of Data"])
        );
        assert_eq!(made.warnings.len(), 1, "{:?}", made.warnings);
    }

    #[test]
    fn answers_and_nothing() {
        let made = from_text("T\n1. Why?\nBecause.\n", "t", "f.txt").unwrap();
        assert_eq!(made.warnings.len(), 1);
        assert_eq!(made.warnings[0].place, FormPlace::Line(3));
        assert!(from_text("just text\nno numbers", "t", "f.txt").is_err());
        assert!(from_text("", "t", "f.txt").is_err());
    }
}
