//! Reading a filled form: last year's answers in the legacy text layout copied out of Word, or
//! the Word form itself (.docx).
//!
//! Both are first read into one stream of blocks (`block.rs`: paragraphs, table rows, check
//! boxes); the importer reads only the stream, so every rule is written once. It finds
//! structure: the entity (or the entity table), question headers, paragraphs and bullets,
//! records of label and value pairs, Q4's check boxes. It builds the same tree a TOML file gives,
//! with every value spanning the block it came from, so the checker that `validate` uses reads
//! the values the human way and its findings point at the source: a legacy line, or a Word
//! form's paragraph or table row. What cannot be placed is kept in `notes`.

use std::ops::Range;

use crate::answers::Answers;
use crate::check;
use crate::document::{Entry, Node, Value};
use crate::finding::{Anchor, Code, Finding};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::rules::text;
use crate::text::fold;

pub mod block;
mod choices;
mod edition;
mod entity;
mod label;
mod legacy;
mod paragraphs;
mod records;
mod word;

pub use edition::guess_edition;

use block::{Block, BlockKind, CheckBox, Skipped};
/// The legacy text layout as the stream of blocks the importer reads, one block a line.
pub use legacy::blocks as legacy_blocks;
use paragraphs::{Line, lines_of, text_node};
pub use word::{import_docx, import_form};

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
    /// The form's own title (the questionnaire's), which is no answer.
    Title,
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

/// An import's result: canonical answers and every finding, placed at legacy lines or at a
/// Word form's paragraphs and table rows.
#[derive(Debug, Clone)]
pub struct ImportResult {
    /// The answers, canonical where the values could be read.
    pub answers: Answers,
    /// Import findings and the checker's, in the order of the source.
    pub findings: Vec<Finding>,
}

/// Imports legacy text: structure, then the same checks as `validate`.
///
/// Import writes canonical values itself, so it gives no `non-canonical` warnings.
pub fn import(text: &str, questionnaire: &Questionnaire) -> ImportResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let imported = parse_legacy(text, questionnaire);
    let mut result = checked(imported.findings, &imported.doc, questionnaire);
    crate::document::resolve_positions(&mut result.findings, text);
    result
}

/// Checks an imported tree: its answers, then the import's own findings and the checker's
/// (without `non-canonical`: import writes canonical values itself), not yet placed.
fn checked(mut findings: Vec<Finding>, doc: &Node, q: &Questionnaire) -> ImportResult {
    let checked = check::check(doc, q);
    findings.extend(
        checked
            .findings
            .into_iter()
            .filter(|f| f.code != Code::NonCanonical),
    );
    ImportResult {
        answers: checked.answers,
        findings,
    }
}

/// Parses the legacy layout of `questionnaire`.
pub fn parse_legacy(text: &str, questionnaire: &Questionnaire) -> Imported {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let blocks = legacy::blocks(text);
    let read = read_blocks(&blocks, questionnaire, Vec::new());
    // One block a line, except a line of several check boxes: each line takes its blocks' kind.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
        .filter(|&s| s < text.len())
        .collect();
    let mut lines = vec![LineKind::Blank; starts.len()];
    for (block, kind) in blocks.iter().zip(&read.kinds) {
        let line = starts
            .partition_point(|&s| s <= block.span.start)
            .saturating_sub(1);
        if let Some(slot) = lines.get_mut(line)
            && *kind != LineKind::Blank
        {
            *slot = *kind;
        }
    }
    Imported {
        doc: with_root_span(read.doc, 0..text.len()),
        findings: read.findings,
        lines,
    }
}

fn with_root_span(mut doc: Node, span: Range<usize>) -> Node {
    doc.span = Some(span);
    doc
}

/// What the importer made of a stream of blocks.
pub(crate) struct Read {
    /// The answers tree.
    pub doc: Node,
    /// `stray-number`, `unplaced-text` and `skipped-text` findings.
    pub findings: Vec<Finding>,
    /// What each block was read as.
    pub kinds: Vec<LineKind>,
    /// Each question read: the block of its header, and the question's index.
    pub sections: Vec<(usize, usize)>,
}

/// Reads a stream of blocks as the answers to `questionnaire`; `skipped` joins `notes`.
pub(crate) fn read_blocks(blocks: &[Block], q: &Questionnaire, skipped: Vec<Skipped>) -> Read {
    let mut importer = Importer {
        q,
        openings: q
            .questions
            .iter()
            .map(|question| fold(question.text.split('…').next().unwrap_or(&question.text)))
            .collect(),
        blocks,
        findings: Vec::new(),
        notes: Vec::new(),
        kinds: vec![LineKind::Blank; blocks.len()],
    };
    let mut entries = vec![Entry {
        key: "questionnaire".into(),
        key_span: None,
        node: Node::new(Value::String(q.id.as_str().into())),
    }];

    // Split at question headers (the first of each question). A header's question text may go
    // on in the paragraphs right after it, as Word splits a long question.
    let mut sections: Vec<(usize, usize, Range<usize>)> = Vec::new();
    let mut seen = Vec::new();
    let mut preamble_end = blocks.len();
    let mut i = 0;
    while i < blocks.len() {
        let Some(index) = importer.header(i).filter(|q| !seen.contains(q)) else {
            i += 1;
            continue;
        };
        seen.push(index);
        importer.mark(i, LineKind::Header);
        if let Some((_, _, last)) = sections.last_mut() {
            last.end = i;
        } else {
            preamble_end = i;
        }
        let header = i;
        i += 1;
        while i < blocks.len() && importer.continues_question(i, &q.questions[index]) {
            importer.mark(i, LineKind::Header);
            i += 1;
        }
        sections.push((index, header, i..blocks.len()));
    }
    importer.preamble(0..preamble_end, &mut entries);
    // A `Notes` heading after the last question (as `export --to docx` writes the answers
    // file's notes) ends it: each paragraph after it is a note.
    let notes_start = sections.last().and_then(|(_, _, last)| {
        last.clone().find(|&i| {
            importer
                .paragraph_text(i)
                .is_some_and(|t| fold(t) == fold(crate::docx::write::NOTES_HEADING))
        })
    });
    if let (Some(at), Some((_, _, last))) = (notes_start, sections.last_mut()) {
        last.end = at;
        importer.mark(at, LineKind::Label);
        for (i, block) in blocks.iter().enumerate().skip(at + 1) {
            if let BlockKind::Paragraph(p) = &block.kind
                && !p.text.trim().is_empty()
            {
                importer.mark(i, LineKind::Value);
                importer.notes.push(Node {
                    value: Value::String(p.text.trim().into()),
                    span: Some(importer.span(i)),
                });
            }
        }
    }

    let headers = sections
        .iter()
        .map(|(index, header, _)| (*header, *index))
        .collect();
    let mut answers = Vec::new();
    let mut answers_span = None;
    for (index, header, section) in sections {
        let header_span = importer.span(header);
        answers_span.get_or_insert(header_span.clone());
        let question = &q.questions[index];
        if let Some(node) = importer.answer(question, section) {
            answers.push(Entry {
                key: question.id.as_str().into(),
                key_span: Some(header_span),
                node,
            });
        }
    }
    for skip in skipped {
        importer.skipped(skip);
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
    Read {
        doc: Node::new(Value::Table(entries)),
        findings: importer.findings,
        kinds: importer.kinds,
        sections: headers,
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

pub(crate) struct Importer<'q, 'b> {
    q: &'q Questionnaire,
    /// Each question's text folded, up to its first gap: a question known only in part
    /// (`… improve coordination …`) is matched by its opening words.
    openings: Vec<String>,
    blocks: &'b [Block],
    findings: Vec<Finding>,
    notes: Vec<Node>,
    kinds: Vec<LineKind>,
}

impl<'b> Importer<'_, 'b> {
    fn mark(&mut self, block: usize, kind: LineKind) {
        self.kinds[block] = kind;
    }

    fn span(&self, block: usize) -> Range<usize> {
        self.blocks[block].span.clone()
    }

    fn finding(&mut self, code: Code, block: usize, message: String, hint: &str) {
        let at = Anchor::Offset(self.blocks[block].span.start);
        self.findings
            .push(Finding::new(code, "", message).with_hint(hint).at(at));
    }

    fn stray(&mut self, block: usize, text: &str) {
        self.mark(block, LineKind::StrayNumber);
        self.finding(
            Code::StrayNumber,
            block,
            format!("line `{text}` is a list number left by Word, not a question; skipped"),
            "nothing to do: the number is not part of any answer",
        );
    }

    /// Keeps text that belongs to no answer in `notes`.
    fn unplaced(&mut self, block: usize, text: &str) {
        self.mark(block, LineKind::Unplaced);
        let index = self.notes.len();
        self.notes.push(Node {
            value: Value::String(text.into()),
            span: Some(self.span(block)),
        });
        let at = Anchor::Offset(self.blocks[block].span.start);
        self.findings.push(
            Finding::new(
                Code::UnplacedText,
                format!("notes[{index}]"),
                format!(
                    "text that belongs to no answer was kept in notes[{index}]: `{}`",
                    crate::text::elided(&crate::text::one_line(text), 60)
                ),
            )
            .with_hint("move it into the answer it belongs to, or delete it")
            .at(at),
        );
    }

    /// Keeps text from where no answer is (a footnote, a text box) in `notes`.
    fn skipped(&mut self, skip: Skipped) {
        let index = self.notes.len();
        self.notes.push(Node {
            value: Value::String(skip.text.as_str().into()),
            span: skip.span.clone(),
        });
        let finding = Finding::new(
            Code::SkippedText,
            format!("notes[{index}]"),
            format!(
                "text in {} holds no answer field; kept in notes[{index}]: `{}`",
                skip.what,
                crate::text::elided(&crate::text::one_line(&skip.text), 60)
            ),
        )
        .with_hint("if it is part of an answer, move it into the answer's paragraph or table");
        self.findings.push(match skip.span {
            Some(span) => finding.at(Anchor::Offset(span.start)),
            None => finding,
        });
    }

    /// The text of a paragraph block, trimmed, if the block is one.
    fn paragraph_text(&self, block: usize) -> Option<&'b str> {
        match &self.blocks[block].kind {
            BlockKind::Paragraph(p) => Some(p.text.trim()),
            _ => None,
        }
    }

    /// The question a block starts, matched by its text, loosely: a paragraph with a number
    /// typed before its text, or numbered automatically (the number is then not in the text).
    fn header(&self, block: usize) -> Option<usize> {
        let BlockKind::Paragraph(p) = &self.blocks[block].kind else {
            return None;
        };
        let text = p.text.trim();
        let typed = split_number(text).map(|(_, rest)| rest);
        let numbered = p.list.as_ref().is_some_and(|l| l.numbered).then_some(text);
        typed
            .into_iter()
            .chain(numbered)
            .find_map(|rest| self.question_opening(rest))
    }

    /// The question whose text `rest` (a header's text without its number) opens.
    fn question_opening(&self, rest: &str) -> Option<usize> {
        let typed = fold(rest);
        if typed.len() < 20 {
            return None;
        }
        self.openings.iter().position(|wanted| {
            // Editions reword questions slightly: compare the openings, allowing drift.
            let n = wanted.len().min(typed.len()).min(120);
            wanted.starts_with(&typed[..n])
                || strsim::normalized_levenshtein(&wanted[..n.min(wanted.len())], &typed[..n])
                    >= 0.85
        })
    }

    /// A paragraph right after a header that is more of the question's own text (Word splits
    /// a long question into paragraphs).
    fn continues_question(&self, block: usize, question: &Question) -> bool {
        let Some(text) = self.paragraph_text(block) else {
            return false;
        };
        let folded = fold(text);
        folded.len() >= 20 && fold(&question.text).contains(&folded)
    }

    fn answer(&mut self, question: &Question, section: Range<usize>) -> Option<Node> {
        if let QuestionKind::Records(def) = &question.kind {
            return self.records_answer(&def.fields, &def.record_label, section);
        }
        let blocks = self.blocks;
        let mut content: Vec<Line<'b>> = Vec::new();
        let mut boxes: Vec<(usize, &'b CheckBox)> = Vec::new();
        for i in section {
            match &blocks[i].kind {
                BlockKind::CheckBox(check_box)
                    if matches!(question.kind, QuestionKind::ChoicesText(_)) =>
                {
                    self.mark(i, LineKind::Value);
                    boxes.push((i, check_box));
                }
                _ => lines_of(&blocks[i], i, &mut content),
            }
        }
        let mut kept = Vec::with_capacity(content.len());
        for line in content {
            if !line.bar && is_stray_number(&line.text) {
                self.stray(line.block, &line.text);
            } else if !line.is_empty() {
                self.mark(line.block, LineKind::Value);
                kept.push(line);
            } else if line.list.is_some() {
                // An empty bullet: a glyph with its item on the next line, or nothing.
                self.mark(line.block, LineKind::Value);
            }
        }
        let span_of = |block: usize| blocks[block].span.clone();
        match &question.kind {
            QuestionKind::ChoicesText(def) => self.choices_answer(def, kept, &boxes),
            _ => (!kept.is_empty()).then(|| text_node(&kept, span_of)),
        }
    }

    /// A records question: records, or a not-answered value alone; `None` when nothing in the
    /// section reads as a record (its text then went to `notes`), so it stays not answered.
    fn records_answer(
        &mut self,
        fields: &[crate::questionnaire::Field],
        record_label: &str,
        section: Range<usize>,
    ) -> Option<Node> {
        let blocks = self.blocks;
        let mut content: Vec<Line<'b>> = Vec::new();
        for i in section.clone() {
            match &blocks[i].kind {
                // The form's spare record tables: rows whose value cells are all empty.
                BlockKind::Row(row)
                    if row.cells.len() > 1 && row.cells[1..].iter().all(block::Cell::is_empty) => {}
                BlockKind::Row(row) if row.title => {}
                _ => lines_of(&blocks[i], i, &mut content),
            }
        }
        let content: Vec<Line<'b>> = content.into_iter().filter(|l| !l.is_empty()).collect();
        let first = content.first()?.clone();
        // "No events to report." (as `export --to docx` writes `events = []`): an answer, none.
        if let [only] = content.as_slice()
            && says_none(&only.text, record_label)
        {
            self.mark(only.block, LineKind::Value);
            return Some(Node {
                value: Value::Array(Vec::new()),
                span: Some(self.span(only.block)),
            });
        }
        if content.iter().all(|l| text::marker(&l.text).is_some()) {
            for line in &content {
                self.mark(line.block, LineKind::Value);
            }
            return Some(Node {
                value: Value::String(first.text.to_string().into()),
                span: Some(self.span(first.block)),
            });
        }
        let section: Vec<usize> = section.collect();
        let records = self.records(fields, &section, Some(record_label));
        (!records.is_empty()).then(|| Node {
            value: Value::Array(records),
            span: Some(self.span(first.block)),
        })
    }
}

/// Whether a line says a records question has none to report: `No events to report.`, `No
/// event to report`, folded as labels are.
fn says_none(line: &str, record_label: &str) -> bool {
    let said = fold(line);
    [
        format!("no {record_label}s to report"),
        format!("no {record_label} to report"),
    ]
    .iter()
    .any(|phrase| said == fold(phrase))
}

#[cfg(test)]
mod generated;
#[cfg(test)]
mod tests;
