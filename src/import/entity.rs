//! What comes before the first question: the form's own title (no answer), and the entity
//! table a form may open with (name of entity, focal point, e-mail, date of submission), its
//! labels read as the fields of one record; without one, the first line is the entity, as the
//! legacy layout writes it. Anything else there is kept in `notes`.
//!
//! The entity table's labels are the form's, not a question's: every edition's form asks them
//! the same way, and they map to the top-level keys `entity`, `contact` and `submitted`.

use std::ops::Range;

use super::block::BlockKind;
use super::paragraphs::lines_of;
use super::{Importer, LineKind, is_stray_number, label};
use crate::document::{Entry, Node, Value};
use crate::questionnaire::{Field, FieldKind};
use crate::text::fold;

/// Where an entity table's value goes in the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// `entity`.
    Entity,
    /// `contact.name`.
    ContactName,
    /// `contact.email`.
    ContactEmail,
    /// `submitted`.
    Submitted,
}

impl Target {
    /// The field id the labels below carry.
    fn id(self) -> &'static str {
        match self {
            Target::Entity => "entity",
            Target::ContactName => "name",
            Target::ContactEmail => "email",
            Target::Submitted => "submitted",
        }
    }

    /// The target a pseudo-field's id names.
    pub(super) fn of(id: &str) -> Option<Target> {
        [
            Target::Entity,
            Target::ContactName,
            Target::ContactEmail,
            Target::Submitted,
        ]
        .into_iter()
        .find(|t| t.id() == id)
    }
}

/// The labels forms use, each as a field of the entity table; the matcher takes the longest.
const LABELS: &[(Target, &str)] = &[
    (Target::Entity, "Name of entity"),
    (Target::Entity, "Name of the entity"),
    (Target::Entity, "Entity name"),
    (Target::Entity, "Entity"),
    (Target::Entity, "Name of organization"),
    (Target::Entity, "Name of organisation"),
    (Target::Entity, "Organization"),
    (Target::Entity, "Organisation"),
    (Target::Entity, "UN system entity"),
    (Target::ContactName, "Focal point"),
    (Target::ContactName, "Name of focal point"),
    (Target::ContactName, "Focal point name"),
    (Target::ContactName, "Contact person"),
    (Target::ContactName, "Name of contact person"),
    (Target::ContactEmail, "E-mail"),
    (Target::ContactEmail, "Email"),
    (Target::ContactEmail, "E-mail address"),
    (Target::ContactEmail, "Email address"),
    (Target::ContactEmail, "Focal point e-mail"),
    (Target::ContactEmail, "Focal point email"),
    (Target::ContactEmail, "E-mail of focal point"),
    (Target::ContactEmail, "Email of focal point"),
    (Target::Submitted, "Date of submission"),
    (Target::Submitted, "Submission date"),
    (Target::Submitted, "Date submitted"),
];

/// The entity table's labels as record fields, for the label matcher.
pub(super) fn fields() -> Vec<Field> {
    LABELS
        .iter()
        .map(|(target, label)| Field {
            id: target.id().to_string(),
            label: label.to_string(),
            kind: FieldKind::Line,
            required: false,
            words: Default::default(),
            allow_all: false,
            check_window: false,
            provenance: Default::default(),
        })
        .collect()
}

impl Importer<'_, '_> {
    /// Whether a block is the form's own title, the questionnaire's: a paragraph, or a row
    /// spanning the entity table (as `export --to docx` writes it), with or without the edition
    /// in parentheses after it (`… Agenda (HLPF 2024)`).
    fn is_title(&self, block: usize) -> bool {
        let text = match &self.blocks[block].kind {
            BlockKind::Paragraph(p) => p.text.trim().to_string(),
            BlockKind::Row(row) if row.title && row.cells.len() == 1 => row.cells[0].line(),
            _ => return false,
        };
        let wanted = fold(&self.q.title);
        let without_edition = match text.trim_end().strip_suffix(')') {
            Some(rest) => rest
                .rsplit_once('(')
                .map_or(text.as_str(), |(title, _)| title),
            None => text.as_str(),
        };
        !wanted.is_empty()
            && [text.as_str(), without_edition]
                .iter()
                .any(|typed| strsim::normalized_levenshtein(&fold(typed), &wanted) >= 0.9)
    }

    /// Before the first question: the form's title, the entity table if there is one (else the
    /// first line is the entity, as the legacy layout writes it), and anything else to `notes`.
    pub(super) fn preamble(&mut self, section: Range<usize>, entries: &mut Vec<Entry>) {
        let mut rest = Vec::new();
        for i in section.clone() {
            if self.is_title(i) {
                self.mark(i, LineKind::Title);
            } else {
                rest.push(i);
            }
        }
        let fields = fields();
        let tabled = rest.iter().any(|&i| {
            let mut lines = Vec::new();
            lines_of(&self.blocks[i], i, &mut lines);
            let row_label = match &self.blocks[i].kind {
                BlockKind::Row(row) if row.cells.len() > 1 => Some(row.cells[0].line()),
                _ => None,
            };
            row_label
                .into_iter()
                .chain(lines.iter().map(|l| l.text.to_string()))
                .any(|text| label::match_label(&text, &fields).is_some())
        });
        if tabled {
            self.entity_table(&rest, &fields, entries);
            return;
        }
        let mut rest = rest.into_iter();
        for i in rest.by_ref() {
            match &self.blocks[i].kind {
                BlockKind::Paragraph(p) if p.text.trim().is_empty() => continue,
                BlockKind::Paragraph(p) if !is_stray_number(p.text.trim()) => {
                    self.mark(i, LineKind::Entity);
                    entries.push(Entry {
                        key: "entity".into(),
                        key_span: Some(self.span(i)),
                        node: Node {
                            value: Value::String(p.text.trim().into()),
                            span: Some(self.span(i)),
                        },
                    });
                    break;
                }
                _ => {
                    self.unplace_block(i);
                    break;
                }
            }
        }
        for i in rest {
            self.unplace_block(i);
        }
    }

    /// A block that belongs to no answer: its text to `notes` (stray list numbers skipped).
    fn unplace_block(&mut self, block: usize) {
        let mut lines = Vec::new();
        lines_of(&self.blocks[block], block, &mut lines);
        for line in lines {
            if line.is_empty() {
                continue;
            }
            if is_stray_number(&line.text) && !line.bar {
                self.stray(block, &line.text);
            } else {
                self.unplaced(block, &line.text);
            }
        }
    }

    /// The entity table: its values as `entity`, `contact` and `submitted`; anything else in
    /// the preamble to `notes`.
    fn entity_table(&mut self, blocks: &[usize], fields: &[Field], entries: &mut Vec<Entry>) {
        let mut contact: Vec<Entry> = Vec::new();
        // The preamble's blocks are read as one section, however they are interleaved.
        let mut found: Vec<Entry> = Vec::new();
        for record in self.records(fields, blocks, None) {
            if let Value::Table(record_entries) = record.value {
                found.extend(record_entries);
            }
        }
        let mut seen: Vec<Target> = Vec::new();
        for entry in found {
            let Some(target) = Target::of(&entry.key) else {
                continue;
            };
            if seen.contains(&target) {
                let text = entry.node.as_str().unwrap_or("").to_string();
                let block = self.block_at(entry.node.span.as_ref());
                self.unplaced(block, &text);
                continue;
            }
            seen.push(target);
            match target {
                Target::Entity => entries.push(Entry {
                    key: "entity".into(),
                    ..entry
                }),
                Target::Submitted => entries.push(Entry {
                    key: "submitted".into(),
                    ..entry
                }),
                Target::ContactName | Target::ContactEmail => contact.push(entry),
            }
        }
        if !contact.is_empty() {
            let span = contact[0].key_span.clone();
            entries.push(Entry {
                key: "contact".into(),
                key_span: span.clone(),
                node: Node {
                    value: Value::Table(contact),
                    span,
                },
            });
        }
    }

    /// The block whose span starts where `span` does (the first block if none).
    fn block_at(&self, span: Option<&Range<usize>>) -> usize {
        span.and_then(|s| self.blocks.iter().position(|b| b.span.start == s.start))
            .unwrap_or(0)
    }
}

#[cfg(test)]
mod tests {
    use super::super::label::match_label;
    use super::*;

    #[test]
    fn the_labels_forms_use() {
        type Case<'a> = (&'a str, Option<(Target, Option<&'a str>)>);
        let fields = fields();
        let cases: &[Case<'_>] = &[
            ("Name of entity:", Some((Target::Entity, None))),
            ("Entity: OCRS", Some((Target::Entity, Some("OCRS")))),
            ("Focal point", Some((Target::ContactName, None))),
            ("E-mail:", Some((Target::ContactEmail, None))),
            ("Focal point e-mail", Some((Target::ContactEmail, None))),
            ("Date of submission", Some((Target::Submitted, None))),
            ("Entities were consulted", None),
        ];
        for (line, want) in cases {
            let got = match_label(line, &fields)
                .map(|(i, value)| (Target::of(&fields[i].id).unwrap(), value));
            assert_eq!(got, *want, "{line}");
        }
    }
}
