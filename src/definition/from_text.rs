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
use crate::import::block::{Block, BlockKind};
use crate::questionnaire::{
    FieldKind, Questionnaire, WordLimits, limits, parse_definition, short_label,
};
use crate::text::fold;

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
    read(&blocks, place, id, file)
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
    read(&form.blocks, place, id, file)
}

/// The items of a form's blocks, each with its place.
fn items(blocks: &[Block], place: impl Fn(&Block) -> FormPlace) -> Vec<(FormPlace, Item)> {
    let mut out = Vec::new();
    // Word numbers questions itself; when a number cannot be computed, count them.
    let mut numbered = 0;
    for block in blocks {
        let at = place(block);
        match &block.kind {
            BlockKind::Paragraph(p) => {
                let text = clean(&p.text);
                match &p.list {
                    Some(list) if list.numbered && list.level == 0 && !text.is_empty() => {
                        numbered += 1;
                        // `3.`, `(c)`, `B.1)`: the number without the marks around it.
                        let number = list
                            .number
                            .as_deref()
                            .map(|n| n.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                            .filter(|n| !n.is_empty())
                            .unwrap_or_else(|| numbered.to_string());
                        out.push((at, Item::Numbered { number, text }));
                    }
                    _ => out.push((at, Item::Line(text))),
                }
            }
            BlockKind::Row(row) => {
                // A title row ("Event 2") names a record: no field.
                if row.title {
                    continue;
                }
                let table = match at {
                    FormPlace::Word(Spot::Row { table, .. }) => Some(table),
                    _ => None,
                };
                let mut cells = row.cells.iter().map(|c| clean(&c.line()));
                let label = cells.next().unwrap_or_default();
                let value: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
                out.push((
                    at,
                    Item::Label {
                        label,
                        table,
                        value: value.join(" "),
                    },
                ));
            }
            BlockKind::CheckBox(check_box) => {
                out.push((at, Item::CheckBox(clean(&check_box.label))));
            }
        }
    }
    out
}

fn read(
    blocks: &[Block],
    place: impl Fn(&Block) -> FormPlace,
    id: &str,
    file: &str,
) -> Result<FromText, FormError> {
    let items = items(blocks, place);
    let all_text: String = items
        .iter()
        .map(|(_, item)| match item {
            Item::Line(text) | Item::CheckBox(text) => text.as_str(),
            Item::Numbered { text, .. } => text.as_str(),
            Item::Label { label, .. } => label.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut warnings = Vec::new();
    let mut preamble: Vec<(FormPlace, String)> = Vec::new();
    let mut questions: Vec<FormQuestion> = Vec::new();
    // A list number Word left alone on its line, waiting to see whether text follows.
    let mut pending_number: Option<(FormPlace, String)> = None;
    // A plain line, waiting to see whether a lone `|` makes it a label.
    let mut pending_plain: Option<(FormPlace, String)> = None;
    let flush_plain = |pending: &mut Option<(FormPlace, String)>,
                       warnings: &mut Vec<FormWarning>,
                       q: Option<&FormQuestion>| {
        if let Some((place, text)) = pending.take() {
            let owner = q.map_or(String::new(), |q| format!(" under question {}", q.number));
            warnings.push(FormWarning {
                place,
                message: format!(
                    "text{owner} is an answer, not part of a blank form: ignored (`{}`)",
                    clip(&text)
                ),
            });
        }
    };
    for (place, item) in items {
        let question = match &item {
            Item::Line(line) if line.is_empty() => continue,
            Item::Line(line) => question_line(line),
            Item::Numbered { number, text } => Some((number.clone(), text.clone())),
            _ => None,
        };
        if let Some((number, rest)) = question {
            flush_plain(&mut pending_plain, &mut warnings, questions.last());
            if let Some((stray_place, stray)) = pending_number.take() {
                warnings.push(stray_warning(stray_place, &stray));
            }
            if rest.is_empty() {
                pending_number = Some((place, number));
                continue;
            }
            add_question(&mut questions, &mut warnings, place, number, rest);
            continue;
        }
        if let Some((number_place, number)) = pending_number.take() {
            if let Item::Line(line) = &item {
                // `3.` on one line and the question on the next: Word split a numbered item.
                add_question(
                    &mut questions,
                    &mut warnings,
                    number_place,
                    number,
                    line.clone(),
                );
                continue;
            }
            warnings.push(stray_warning(number_place, &number));
        }
        let Some(current) = questions.last_mut() else {
            if let Item::Line(line) = item {
                preamble.push((place, line));
            }
            continue;
        };
        if current.number.is_empty() {
            continue; // under a duplicate question
        }
        let (label, table) = match item {
            Item::CheckBox(choice) => {
                flush_plain(&mut pending_plain, &mut warnings, Some(current));
                if choice.is_empty() {
                    continue;
                }
                if fold(&choice).is_empty() {
                    // `☐ ~`: no letter or digit to name a choice by.
                    warnings.push(FormWarning {
                        place,
                        message: format!(
                            "a check box named `{}` names no choice: ignored",
                            clip(&choice)
                        ),
                    });
                    continue;
                }
                if current.choices.iter().any(|c| fold(c) == fold(&choice)) {
                    warnings.push(FormWarning {
                        place,
                        message: format!("choice `{}` appears twice: ignored", clip(&choice)),
                    });
                } else {
                    current.choices.push(choice);
                }
                continue;
            }
            Item::Label {
                label,
                table,
                value,
            } => {
                if !value.is_empty() {
                    warnings.push(FormWarning {
                        place,
                        message: format!(
                            "text under question {} is an answer, not part of a blank form: ignored (`{}`)",
                            current.number,
                            clip(&value)
                        ),
                    });
                }
                if label.is_empty() {
                    match pending_plain.take() {
                        // `Label` on one line and `|` alone on the next.
                        Some((_, text)) => (text, table),
                        None => continue,
                    }
                } else {
                    flush_plain(&mut pending_plain, &mut warnings, Some(current));
                    (label, table)
                }
            }
            Item::Line(line) | Item::Numbered { text: line, .. } => {
                flush_plain(&mut pending_plain, &mut warnings, Some(current));
                pending_plain = Some((place, line));
                continue;
            }
        };
        let label = label
            .trim()
            .trim_end_matches([':', '：'])
            .trim()
            .to_string();
        if fold(&label).is_empty() {
            warnings.push(FormWarning {
                place,
                message: "a row `|` without a label: ignored".to_string(),
            });
        } else if let Some(first) = current
            .fields
            .iter()
            .find(|f| fold(&f.label) == fold(&label))
        {
            // The form's own table for another record: labels again, in a table of its own.
            let another_table = matches!((table, first.table), (Some(t), Some(f)) if t != f);
            if another_table {
                if let Some(table) = table
                    && !current.more_tables.contains(&table)
                {
                    current.more_tables.push(table);
                }
            } else if !current.repeated {
                warnings.push(FormWarning {
                    place,
                    message: format!(
                        "the label `{}` of question {} comes round again: the form holds records, which are answers, and they are ignored",
                        clip(&label),
                        current.number
                    ),
                });
            }
            current.repeated = true;
        } else if current.repeated {
            // Answers of further records, or more of the form's record tables: already read.
        } else {
            current.fields.push(FormField {
                place,
                label,
                table,
            });
        }
    }
    flush_plain(&mut pending_plain, &mut warnings, questions.last());
    if let Some((place, number)) = pending_number {
        warnings.push(stray_warning(place, &number));
    }
    questions.retain(|q| !q.number.is_empty());
    if questions.is_empty() {
        return Err(FormError::NoQuestion);
    }
    let toml = write(
        &preamble,
        &mut questions,
        &all_text,
        id,
        file,
        &mut warnings,
    );
    let definition =
        parse_definition(&toml, file).map_err(|e| FormError::NotLoaded(e.to_string()))?;
    Ok(FromText {
        toml,
        definition,
        warnings,
    })
}

/// A question, unless its number (or the id made from it) came before: then what follows it is
/// ignored, with a warning.
fn add_question(
    questions: &mut Vec<FormQuestion>,
    warnings: &mut Vec<FormWarning>,
    place: FormPlace,
    number: String,
    text: String,
) {
    let id = question_id(&number);
    if questions
        .iter()
        .any(|q| !q.number.is_empty() && question_id(&q.number) == id)
    {
        warnings.push(FormWarning {
            place,
            message: format!(
                "question {number} appears a second time: ignored, with what follows it"
            ),
        });
        questions.push(FormQuestion::new(place, String::new(), String::new()));
        return;
    }
    questions.push(FormQuestion::new(place, number, text));
}

/// The id a question gets from its number: `q1`, `qb_1`.
fn question_id(number: &str) -> String {
    format!("q{}", slug(number).trim_start_matches("f_"))
}

fn stray_warning(place: FormPlace, number: &str) -> FormWarning {
    FormWarning {
        place,
        message: format!("a list number `{number}.` alone on its line: skipped"),
    }
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

/// A question line: `1. Text`, `1.Text` (Word), `B.1. Text`, `A. Text`; the number and the
/// text (empty for a number alone on its line).
pub(crate) fn question_line(line: &str) -> Option<(String, String)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut parts = Vec::new();
    loop {
        let start = i;
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start > 3 {
                return None; // a year, not a question number
            }
        } else if bytes.get(i).is_some_and(u8::is_ascii_uppercase)
            && matches!(bytes.get(i + 1), Some(b'.'))
        {
            i += 1;
        } else {
            break;
        }
        parts.push(&line[start..i]);
        match bytes.get(i) {
            Some(b'.' | b')') => i += 1,
            // `1.1 Text`: the last part needs no dot before a space.
            Some(b' ') if parts.len() > 1 => break,
            None if bytes.iter().all(u8::is_ascii_digit) => break,
            _ => return None,
        }
        // After a dot: another part only if it is one (`B.1.`), else the text starts.
        let another = bytes.get(i).is_some_and(u8::is_ascii_digit)
            || (bytes.get(i).is_some_and(u8::is_ascii_uppercase)
                && matches!(bytes.get(i + 1), Some(b'.')));
        if !another {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let rest = line[i..].trim();
    if rest.is_empty() && !parts.iter().all(|p| p.as_bytes()[0].is_ascii_digit()) {
        return None; // `A.` alone is no list number
    }
    Some((parts.join("."), rest.to_string()))
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

/// A TOML string.
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// A comment's text on one line, safe in TOML.
fn note(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

fn write(
    preamble: &[(FormPlace, String)],
    questions: &mut [FormQuestion],
    text: &str,
    id: &str,
    file: &str,
    warnings: &mut Vec<FormWarning>,
) -> String {
    let mut out = String::new();
    let mut push = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    push(format!(
        "# Made by `qfill definition from-text` from {}: each inference is a comment, each guess a TODO.",
        note(file)
    ));
    push(
        "# Check the TODOs, then use it with `--questionnaire` (`qfill show -q FILE` shows it)."
            .to_string(),
    );
    push(String::new());
    push(
        "# TODO: an id of your choice, made here from the file name; answers files name it"
            .to_string(),
    );
    push(format!("id = {}", quoted(id)));
    let title = preamble
        .iter()
        .find(|(_, l)| window_in(l).is_none() && !l.to_lowercase().starts_with("reporting period"));
    match title {
        Some((place, title)) => {
            push(format!("# title from {place}"));
            push(format!("title = {}", quoted(title)));
        }
        None => {
            push("# TODO: the form has no title line before question 1".to_string());
            push(format!("title = {}", quoted(id)));
        }
    }
    let window = window_in(&clean_all(text));
    let window = window.map(|(w, range)| (w, clean_all(text)[range].to_string()));
    if let Some((w, phrase)) = &window {
        push(format!("# reporting_window from \"{}\"", note(phrase)));
        push(format!(
            "reporting_window = {{ start = {}, end = {} }}",
            w.start, w.end
        ));
    }
    for q in questions.iter_mut() {
        // The limit phrase is data: it leaves the text.
        let (mut body, words) = limits::strip(&q.text);
        if let Some(words) = words {
            let phrase = limits::find(&q.text).map(|p| p.text(&q.text).to_string());
            q.words = Some((words, phrase.unwrap_or_default()));
        }
        // `(select up to N)` is the blank form's own note of a record maximum: it leaves the text.
        if let Some((n, range)) = max_records_in(&body) {
            let before = body[..range.start].trim_end();
            let phrase = body[range.clone()].to_string();
            if before.ends_with("(select") && body[range.end..].starts_with(')') {
                let start = before.len() - "(select".len();
                body = format!("{}{}", body[..start].trim_end(), &body[range.end + 1..]);
            }
            q.max_records = Some((n, phrase));
        }
        // A definition's text holds no limit: a second phrase (a form's text run together, a
        // limit repeated) leaves it too, said in a warning; the first one is the limit.
        while let Some(phrase) = limits::find(&body) {
            warnings.push(FormWarning {
                place: q.place,
                message: format!(
                    "question {} states another word limit `{}`: only the first is kept",
                    q.number,
                    clip(phrase.text(&body))
                ),
            });
            body = limits::strip(&body).0;
        }
        q.text = body.trim().to_string();
        push(String::new());
        push("[[questions]]".to_string());
        push(format!("# number and text from {}", q.place));
        push(format!(
            "id = {}  # TODO: an id of your choice (the key under [answers])",
            quoted(&question_id(&q.number))
        ));
        push(format!("number = {}", quoted(&q.number)));
        let kind = if !q.fields.is_empty() {
            if !q.choices.is_empty() {
                warnings.push(FormWarning {
                    place: q.place,
                    message: format!(
                        "question {} has both record rows and check boxes: read as records, the choices are ignored",
                        q.number
                    ),
                });
            }
            FormKind::Records
        } else if !q.choices.is_empty() {
            FormKind::Choices
        } else {
            FormKind::Text
        };
        match kind {
            FormKind::Records => {
                push(format!(
                    "kind = \"records\"  # followed by `Label |` rows ({})",
                    between(q.fields[0].place, q.fields[q.fields.len() - 1].place)
                ));
                if !q.more_tables.is_empty() {
                    push(format!(
                        "# the form holds {} tables for these records (the first is read)",
                        q.more_tables.len() + 1
                    ));
                }
            }
            FormKind::Choices => push(
                "kind = \"choices-text\"  # followed by lines that start with a check box"
                    .to_string(),
            ),
            FormKind::Text => {
                push("kind = \"text\"  # no record rows or check boxes follow it".to_string());
            }
        }
        if q.text.is_empty() {
            q.text = "TODO".to_string();
            push("# TODO: the form gives this question no text".to_string());
        }
        push(format!("text = {}", quoted(&q.text)));
        if let Some((words, phrase)) = &q.words {
            if kind == FormKind::Records {
                warnings.push(FormWarning {
                    place: q.place,
                    message: format!(
                        "question {} has records and a word limit `{}`: the limit is ignored (put it on a field's label)",
                        q.number, phrase
                    ),
                });
            } else {
                if let Some(min) = words.min {
                    push(format!("# min_words from \"{}\"", note(phrase)));
                    push(format!("min_words = {min}"));
                }
                match words.max {
                    // A limit of no words is none: a definition's maximum is at least 1.
                    Some(0) => push(format!(
                        "# TODO: the form says \"{}\", a limit of no words",
                        note(phrase)
                    )),
                    Some(max) => {
                        push(format!("# max_words from \"{}\"", note(phrase)));
                        push(format!("max_words = {max}"));
                    }
                    None => {}
                }
            }
        }
        match kind {
            FormKind::Records => write_fields(q, window.is_some(), &mut push),
            FormKind::Choices => {
                push(
                    "choices_label = \"choices\"  # TODO: what the choices are, for prompts"
                        .to_string(),
                );
                push("choices = [".to_string());
                for choice in &q.choices {
                    push(format!("  {},", quoted(choice)));
                }
                push("]".to_string());
            }
            FormKind::Text => {}
        }
    }
    out
}

fn write_fields(q: &FormQuestion, window: bool, push: &mut impl FnMut(String)) {
    let first = short_label(&q.fields[0].label);
    let record = first
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "record".to_string());
    push(format!(
        "record_label = {}  # TODO: what one record is called, from the first label",
        quoted(&record)
    ));
    if let Some((n, phrase)) = &q.max_records {
        push(format!("# max_records from \"{}\"", note(phrase)));
        push(format!("max_records = {n}"));
    }
    let mut ids: Vec<String> = Vec::new();
    for field in &q.fields {
        // Words that name no field: `Relevant SDGs` is `sdgs`, as in the built-in editions.
        let short: Vec<&str> = short_label(&field.label)
            .split_whitespace()
            .filter(|w| {
                !["relevant", "the", "a", "an", "of", "your"].contains(&w.to_lowercase().as_str())
            })
            .collect();
        let mut id = slug(&short.join(" "));
        // `Event Name` in event records is its `name`.
        if let Some(rest) = id.strip_prefix(&format!("{}_", slug(&record)))
            && !rest.is_empty()
            && rest.starts_with(|c: char| c.is_ascii_lowercase())
        {
            id = rest.to_string();
        }
        let base = id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        ids.push(id.clone());
        push(String::new());
        push("  [[questions.fields]]".to_string());
        push(format!("  # label from {}", field.place));
        push(format!("  id = {}  # made from the label", quoted(&id)));
        push(format!("  label = {}", quoted(&field.label)));
        let (kind, why) = kind_of(&field.label);
        match why {
            Some(why) => push(format!("  kind = \"{kind}\"  # the label says {why}")),
            None => push(format!(
                "  kind = \"{kind}\"  # TODO: nothing in the label says what kind of value it holds"
            )),
        }
        push("  # TODO: `required = true` if every record must have it".to_string());
        if let Some(phrase) = limits::find(&field.label)
            && kind.is_text()
        {
            let said = note(phrase.text(&field.label));
            if let Some(min) = phrase.limits.min {
                push(format!("  # min_words from \"{said}\""));
                push(format!("  min_words = {min}"));
            }
            match phrase.limits.max {
                Some(0) => push(format!(
                    "  # TODO: the label says \"{said}\", a limit of no words"
                )),
                Some(max) => {
                    push(format!("  # max_words from \"{said}\""));
                    push(format!("  max_words = {max}"));
                }
                None => {}
            }
        }
        if kind == FieldKind::Dates && window {
            push("  # dates, and the form states a reporting window".to_string());
            push("  check_window = true".to_string());
        }
        if matches!(kind, FieldKind::Countries | FieldKind::Organisations) {
            push("  # TODO: `allow_all = true` if \"all\" is an answer".to_string());
        }
    }
}

/// Where a run of rows is: `lines 5-10`, `table 3, rows 2-7`.
fn between(first: FormPlace, last: FormPlace) -> String {
    match (first, last) {
        (FormPlace::Line(a), FormPlace::Line(b)) => format!("lines {a}-{b}"),
        (
            FormPlace::Word(Spot::Row { table, row: a }),
            FormPlace::Word(Spot::Row { table: t, row: b }),
        ) if table == t => format!("table {table}, rows {a}-{b}"),
        (first, last) => format!("{first} to {last}"),
    }
}

/// The form's text with its lines cleaned, for phrases that may sit anywhere.
fn clean_all(text: &str) -> String {
    text.lines().map(clean).collect::<Vec<_>>().join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::QuestionKind;

    #[test]
    fn question_lines_with_words_quirks() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("1. Why?", Some(("1", "Why?"))),
            ("1.From November", Some(("1", "From November"))),
            ("B.1. List two", Some(("B.1", "List two"))),
            ("A. Summarise", Some(("A", "Summarise"))),
            ("12) Tell", Some(("12", "Tell"))),
            ("3.", Some(("3", ""))),
            ("3", Some(("3", ""))),
            ("2024. A year", None),
            ("Event Name |", None),
            ("A", None),
            ("", None),
        ];
        for (line, want) in cases {
            let got = question_line(line);
            assert_eq!(
                got.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
                *want,
                "{line}"
            );
        }
    }

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
