//! Reading last year's answers in the legacy text layout copied out of the Word form.
//!
//! The importer only finds structure: the entity, question headers, paragraphs and bullets,
//! records of `label | value |` pairs. It builds the same tree a TOML file gives, with every value
//! spanning the legacy line it came from, so the checker that `validate` uses reads the values
//! the human way and its findings point at legacy lines. What cannot be placed is kept in `notes`.

use crate::answers::Answers;
use crate::check;
use crate::document::{Entry, Node, Value};
use crate::finding::{Anchor, Code, Finding};
use crate::questionnaire::{Field, Question, QuestionKind, Questionnaire};
use crate::rules::text;
use crate::text::fold;

mod edition;
mod label;
pub use edition::guess_edition;
use label::match_label;

/// The legacy text as an answers tree, and what only the import can see.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The answers tree, spans into the legacy text.
    pub doc: Node,
    /// `stray-number` and `unplaced-text` findings.
    pub findings: Vec<Finding>,
    /// What each line of the text was read as, by line (index 0 is line 1).
    pub lines: Vec<LineKind>,
}

/// What the importer read a line of legacy text as: every line is exactly one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// Empty or only spaces.
    Blank,
    /// The first line: the entity's name.
    Entity,
    /// `N. <question text>`: a question starts.
    Header,
    /// A field's form label, or the `|` that closes one on a line of its own.
    Label,
    /// Part of an answer: a paragraph, a bullet, a record value or the `|` that ends one.
    Value,
    /// A list number Word left behind, skipped with a `stray-number` warning.
    StrayNumber,
    /// Text that belongs to no answer, kept in `notes` with an `unplaced-text` warning.
    Unplaced,
}

/// An import's result: canonical answers and every finding, placed at legacy lines.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The answers, canonical where the values could be read.
    pub answers: Answers,
    /// Import findings and the checker's, in line order.
    pub findings: Vec<Finding>,
}

/// Imports legacy text: structure, then the same checks as `validate`.
///
/// Import writes canonical values itself, so it gives no `non-canonical` warnings.
pub fn import(text: &str, questionnaire: &Questionnaire) -> ImportResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let imported = parse_legacy(text, questionnaire);
    let checked = check::check(&imported.doc, questionnaire);
    let mut findings = imported.findings;
    findings.extend(
        checked
            .findings
            .into_iter()
            .filter(|f| f.code != Code::NonCanonical),
    );
    crate::document::resolve_positions(&mut findings, text);
    ImportResult {
        answers: checked.answers,
        findings,
    }
}

/// One line of the input, with its byte offset.
#[derive(Debug, Clone, Copy)]
struct Line<'a> {
    text: &'a str,
    start: usize,
    /// The line's number, from 0.
    index: usize,
}

impl Line<'_> {
    fn trimmed(&self) -> &str {
        self.text.trim()
    }

    fn span(&self) -> Option<std::ops::Range<usize>> {
        Some(self.start..self.start + self.text.len())
    }
}

fn lines(text: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    let mut start = 0;
    for raw in text.split_inclusive('\n') {
        let content = raw.trim_end_matches(['\n', '\r']);
        out.push(Line {
            text: content,
            start,
            index: out.len(),
        });
        start += raw.len();
    }
    out
}

/// Parses the legacy layout of `questionnaire`.
pub fn parse_legacy(text: &str, questionnaire: &Questionnaire) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let all = lines(text);
    let mut importer = Importer {
        q: questionnaire,
        findings: Vec::new(),
        notes: Vec::new(),
        kinds: vec![LineKind::Blank; all.len()],
    };
    let mut entries = vec![Entry {
        key: "questionnaire".into(),
        key_span: None,
        node: Node::new(Value::String(questionnaire.id.as_str().into())),
    }];

    // The entity is the first line that is not blank, unless the text starts with a question.
    let mut rest: &[Line<'_>] = &all;
    while let Some((first, tail)) = rest.split_first() {
        if first.trimmed().is_empty() {
            rest = tail;
            continue;
        }
        if importer.header(first).is_none() {
            importer.mark(first, LineKind::Entity);
            entries.push(Entry {
                key: "entity".into(),
                key_span: first.span(),
                node: Node {
                    value: Value::String(first.trimmed().into()),
                    span: first.span(),
                },
            });
            rest = tail;
        }
        break;
    }

    // Split the rest at question headers. A number alone on a line is a list number Word left
    // behind, unless it is a record's value: the answers decide, below.
    let mut blocks: Vec<(usize, Line<'_>, Vec<Line<'_>>)> = Vec::new();
    let mut before: Vec<Line<'_>> = Vec::new();
    let mut seen = Vec::new();
    for line in rest {
        match importer.header(line).filter(|i| !seen.contains(i)) {
            Some(index) => {
                seen.push(index);
                importer.mark(line, LineKind::Header);
                blocks.push((index, *line, Vec::new()));
            }
            None => match blocks.last_mut() {
                Some((_, _, block)) => block.push(*line),
                None => before.push(*line),
            },
        }
    }
    for line in importer.without_stray_numbers(&before) {
        importer.unplaced(&line);
    }

    let mut answers = Vec::new();
    let mut answers_span = None;
    for (index, header, block) in &blocks {
        answers_span.get_or_insert(header.start..header.start + header.text.len());
        let question = &questionnaire.questions[*index];
        if let Some(node) = importer.answer(question, block) {
            answers.push(Entry {
                key: question.id.as_str().into(),
                key_span: header.span(),
                node,
            });
        }
    }
    if !importer.notes.is_empty() {
        entries.push(Entry {
            key: "notes".into(),
            key_span: None,
            node: Node::new(Value::Array(std::mem::take(&mut importer.notes))),
        });
    }
    entries.push(Entry {
        key: "answers".into(),
        key_span: answers_span.clone(),
        node: Node {
            value: Value::Table(answers),
            span: answers_span,
        },
    });
    Imported {
        doc: Node {
            value: Value::Table(entries),
            span: Some(0..text.len()),
        },
        findings: importer.findings,
        lines: importer.kinds,
    }
}

/// `3.`, `3. `, `12` alone on a line.
fn is_stray_number(line: &str) -> bool {
    let digits = line.strip_suffix('.').unwrap_or(line);
    !digits.is_empty() && digits.len() <= 3 && digits.chars().all(|c| c.is_ascii_digit())
}

/// `12.` or `B.1` then the question text: the number and the text.
fn split_number(line: &str) -> Option<(&str, &str)> {
    let line = line.trim();
    // Word drops the space after the number: `1.From November 2024 …`.
    if let Some((number, after)) = line.split_once('.')
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && after.starts_with(char::is_alphabetic)
    {
        return Some((number, after.trim()));
    }
    let end = line.find(char::is_whitespace)?;
    let (number, rest) = line.split_at(end);
    let number = number.strip_suffix('.').unwrap_or(number);
    let number = number.strip_suffix(')').unwrap_or(number);
    let plausible = !number.is_empty()
        && number.chars().any(|c| c.is_ascii_digit())
        && number
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.');
    plausible.then(|| (number, rest.trim()))
}

struct Importer<'q> {
    q: &'q Questionnaire,
    findings: Vec<Finding>,
    notes: Vec<Node>,
    kinds: Vec<LineKind>,
}

impl Importer<'_> {
    fn mark(&mut self, line: &Line<'_>, kind: LineKind) {
        self.kinds[line.index] = kind;
    }

    fn finding(&mut self, code: Code, line: &Line<'_>, message: String, hint: &str) {
        self.findings.push(
            Finding::new(code, "", message)
                .with_hint(hint)
                .at(Anchor::Offset(line.start)),
        );
    }

    fn stray(&mut self, line: &Line<'_>) {
        self.mark(line, LineKind::StrayNumber);
        self.finding(
            Code::StrayNumber,
            line,
            format!(
                "line `{}` is a list number left by Word, not a question; skipped",
                line.trimmed()
            ),
            "nothing to do: the number is not part of any answer",
        );
    }

    /// The lines that hold text: blank lines and stray list numbers (reported) are left out.
    fn without_stray_numbers<'a>(&mut self, lines: &[Line<'a>]) -> Vec<Line<'a>> {
        let mut kept = Vec::new();
        for line in lines {
            if is_stray_number(line.trimmed()) {
                self.stray(line);
            } else if !line.trimmed().is_empty() {
                kept.push(*line);
            }
        }
        kept
    }

    /// Keeps a line that belongs to no answer in `notes`.
    fn unplaced(&mut self, line: &Line<'_>) {
        self.mark(line, LineKind::Unplaced);
        let index = self.notes.len();
        self.notes.push(Node {
            value: Value::String(line.trimmed().into()),
            span: line.span(),
        });
        self.findings.push(
            Finding::new(
                Code::UnplacedText,
                format!("notes[{index}]"),
                format!(
                    "text that belongs to no answer was kept in notes[{index}]: `{}`",
                    crate::text::elided(line.trimmed(), 60)
                ),
            )
            .with_hint("move it into the answer it belongs to, or delete it")
            .at(Anchor::Offset(line.start)),
        );
    }

    /// The question a header line starts, matched by its text, loosely.
    fn header(&self, line: &Line<'_>) -> Option<usize> {
        let (_, rest) = split_number(line.trimmed())?;
        let typed = fold(rest);
        if typed.len() < 20 {
            return None;
        }
        self.q.questions.iter().position(|q| {
            // A question known only in part (`… improve coordination …`) is matched by its
            // opening words, up to the first gap.
            let wanted = fold(q.text.split('…').next().unwrap_or(&q.text));
            // Editions reword questions slightly: compare the openings, allowing drift.
            let n = wanted.len().min(typed.len()).min(120);
            wanted.starts_with(&typed[..n])
                || strsim::normalized_levenshtein(&wanted[..n.min(wanted.len())], &typed[..n])
                    >= 0.85
        })
    }

    fn answer(&mut self, question: &Question, block: &[Line<'_>]) -> Option<Node> {
        if let QuestionKind::Records(def) = &question.kind {
            return self.records_answer(&def.fields, block);
        }
        let mut content = self.without_stray_numbers(block);
        for line in &content {
            self.mark(line, LineKind::Value);
        }
        let first = *content.first()?;
        let QuestionKind::ChoicesText(def) = &question.kind else {
            return Some(text_node(&content));
        };
        // `export --to text` names chosen initiatives the text does not mention on a last line
        // `<choices label>: A; B.`; it is read back as choices, not as text.
        let mut listed: Vec<String> = Vec::new();
        if let Some(last) = content.last()
            && let Some((label, names)) = last.trimmed().split_once(':')
            && fold(label) == fold(&def.choices_label)
        {
            listed = crate::rules::lists::split_list(names);
            content.pop();
        }
        let node = text_node(&content);
        if listed.is_empty() && node.as_str().is_some_and(|s| text::marker(s).is_some()) {
            return Some(node);
        }
        let folded = fold(node.as_str().unwrap_or(""));
        let mut chosen: Vec<String> = def
            .choices
            .iter()
            .filter(|c| folded.contains(&fold(c)))
            .cloned()
            .collect();
        for name in listed {
            if !chosen.iter().any(|c| fold(c) == fold(&name)) {
                chosen.push(name);
            }
        }
        let at = |value: Value| Node {
            value,
            span: first.span(),
        };
        let mut entries = vec![Entry {
            key: def.choices_key.as_str().into(),
            key_span: first.span(),
            node: at(Value::Array(
                chosen
                    .into_iter()
                    .map(|c| at(Value::String(c.into())))
                    .collect(),
            )),
        }];
        if node.as_str().is_some_and(|t| !t.is_empty()) {
            entries.push(Entry {
                key: def.text_key.as_str().into(),
                key_span: first.span(),
                node,
            });
        }
        Some(at(Value::Table(entries)))
    }

    /// A records question: records, or a not-answered value alone; `None` when nothing in the
    /// block reads as a record (its text then went to `notes`), so it stays not answered.
    fn records_answer(&mut self, fields: &[Field], block: &[Line<'_>]) -> Option<Node> {
        let content: Vec<&Line<'_>> = block.iter().filter(|l| !l.trimmed().is_empty()).collect();
        let first = **content.first()?;
        let bare = |l: &Line<'_>| l.trimmed().trim_end_matches('|').trim().to_string();
        if content.iter().all(|l| text::marker(&bare(l)).is_some()) {
            for line in &content {
                self.mark(line, LineKind::Value);
            }
            return Some(Node {
                value: Value::String(bare(&first).into()),
                span: first.span(),
            });
        }
        let records = self.records(fields, block);
        (!records.is_empty()).then(|| Node {
            value: Value::Array(records),
            span: first.span(),
        })
    }

    /// Records of `label | value |` pairs; a record starts again at its first label.
    fn records(&mut self, fields: &[Field], block: &[Line<'_>]) -> Vec<Node> {
        let mut records: Vec<(usize, Vec<Entry>)> = Vec::new();
        let mut open: Option<(usize, Line<'_>, Vec<Line<'_>>)> = None;
        let mut label_waits_for_bar = false;
        let close = |open: &mut Option<(usize, Line<'_>, Vec<Line<'_>>)>,
                     records: &mut Vec<(usize, Vec<Entry>)>| {
            if let Some((field, label, values)) = open.take()
                && let Some(first) = values.iter().find(|l| !l.trimmed().is_empty())
                && let Some((_, entries)) = records.last_mut()
            {
                let value = if fields[field].kind.is_text() {
                    text_node(&values)
                } else {
                    let joined: Vec<&str> = values
                        .iter()
                        .map(Line::trimmed)
                        .filter(|t| !t.is_empty())
                        .collect();
                    Node {
                        value: Value::String(joined.join("\n").into()),
                        span: first.span(),
                    }
                };
                entries.push(Entry {
                    key: fields[field].id.as_str().into(),
                    key_span: label.span(),
                    node: value,
                });
            }
        };
        for (i, line) in block.iter().enumerate() {
            let t = line.trimmed();
            if t == "|" {
                // A label's bar on a line of its own, or the end of a value.
                if label_waits_for_bar {
                    self.mark(line, LineKind::Label);
                } else {
                    self.mark(line, LineKind::Value);
                    close(&mut open, &mut records);
                }
                label_waits_for_bar = false;
                continue;
            }
            if open.is_none() && is_stray_number(t) {
                // Not inside a value: a list number Word left behind.
                self.stray(line);
                continue;
            }
            let body = t.strip_suffix('|').map(str::trim_end);
            let bar_next = block.get(i + 1).is_some_and(|n| n.trimmed() == "|");
            let value_open = open.as_ref().is_some_and(|(_, _, v)| !v.is_empty());
            let label = (body.is_some() || (bar_next && !value_open))
                .then(|| match_label(body.unwrap_or(t), fields))
                .flatten();
            if let Some((field, same_line)) = label {
                self.mark(line, LineKind::Label);
                close(&mut open, &mut records);
                // A new record starts when a label comes again, not merely at the first one.
                let starts_record = records.is_empty()
                    || records
                        .last()
                        .is_some_and(|(_, e)| e.iter().any(|x| x.key == fields[field].id));
                if starts_record {
                    records.push((line.start, Vec::new()));
                }
                let values = same_line
                    .map(|text| Line {
                        text,
                        start: line.start,
                        index: line.index,
                    })
                    .into_iter()
                    .collect();
                open = Some((field, *line, values));
                if same_line.is_some() && body.is_some() {
                    // `Label: value |` on one line.
                    close(&mut open, &mut records);
                }
                label_waits_for_bar = body.is_none() && same_line.is_none();
                continue;
            }
            label_waits_for_bar = false;
            if open.is_some() && !t.is_empty() {
                self.mark(line, LineKind::Value);
            }
            match (&mut open, body) {
                (Some((_, _, values)), Some(last)) => {
                    values.push(Line {
                        text: last,
                        start: line.start,
                        index: line.index,
                    });
                    close(&mut open, &mut records);
                }
                (Some((_, _, values)), None) => values.push(*line),
                (None, _) if t.is_empty() => {}
                (None, _) => self.unplaced(line),
            }
        }
        close(&mut open, &mut records);
        records
            .into_iter()
            .map(|(start, entries)| Node {
                value: Value::Table(entries),
                span: Some(start..start),
            })
            .collect()
    }
}

/// Paragraphs one per line; `-` alone makes the next line a bullet (two in a row nest it).
fn text_node(lines: &[Line<'_>]) -> Node {
    let first = lines.iter().find(|l| !l.trimmed().is_empty());
    let mut blocks: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut last_was_bullet = false;
    for line in lines {
        let t = line.trimmed();
        if t.is_empty() {
            continue;
        }
        if matches!(t, "-" | "•" | "–") {
            depth += 1;
            continue;
        }
        let bullet = t
            .strip_prefix("- ")
            .or_else(|| t.strip_prefix("• "))
            .map(|rest| (1usize, rest.trim()))
            .or_else(|| (depth > 0).then_some((depth, t)));
        depth = 0;
        match bullet {
            Some((level, item)) => {
                let item = format!("{}- {item}", "  ".repeat(level.saturating_sub(1).min(3)));
                match blocks.last_mut() {
                    Some(list) if last_was_bullet => {
                        list.push('\n');
                        list.push_str(&item);
                    }
                    _ => blocks.push(item),
                }
                last_was_bullet = true;
            }
            None => {
                blocks.push(t.to_string());
                last_was_bullet = false;
            }
        }
    }
    Node {
        value: Value::String(blocks.join("\n\n").into()),
        span: first.and_then(Line::span),
    }
}

#[cfg(test)]
mod generated;
#[cfg(test)]
mod tests;
