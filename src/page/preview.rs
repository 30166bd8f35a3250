//! Previews: each response as it will be published — every question's label, then the answer;
//! records as `Label | value` tables — with the findings marked where they point.

use std::collections::HashMap;

use serde::Serialize;

use super::lists::{Flag, flag};
use super::sheet::{Row, Shown, record_sheets, rows};
use super::view::{Definitions, anchor, entity_name};
use crate::compile::model::{ColumnKind, Compilation, Sheet};
use crate::compile::root_question;
use crate::questionnaire::QuestionKind;

/// One field of a record.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// The form's label.
    pub label: String,
    /// The value.
    pub value: Shown,
    /// Findings on this field.
    pub findings: Vec<Flag>,
}

/// One record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordView {
    /// Its number, from 1.
    pub number: i64,
    /// Its fields, in the form's order.
    pub fields: Vec<Field>,
    /// Findings on the record as a whole.
    pub findings: Vec<Flag>,
}

/// One question and its answer.
#[derive(Debug, Clone, Serialize)]
pub struct QuestionView {
    /// The question's id.
    pub id: String,
    /// Its number on the form.
    pub number: String,
    /// The question as the form words it.
    pub label: String,
    /// Text written, if any.
    pub text: Option<String>,
    /// Words of the text.
    pub words: Option<i64>,
    /// The text's word limit.
    pub limit: Option<i64>,
    /// Names chosen from the list (and others named).
    pub choices: Vec<String>,
    /// Records.
    pub records: Vec<RecordView>,
    /// Whether records are the answer (an empty list is "none").
    pub is_records: bool,
    /// Whether the question is left unanswered.
    pub not_answered: bool,
    /// Findings on the question as a whole, and on parts of it not shown.
    pub findings: Vec<Flag>,
}

/// One response's preview.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// The element id.
    pub anchor: String,
    /// The entity (or the file).
    pub entity: String,
    /// The file.
    pub file: String,
    /// The edition.
    pub edition: String,
    /// Whether it is valid.
    pub valid: bool,
    /// Errors.
    pub errors: i64,
    /// Warnings.
    pub warnings: i64,
    /// Questions in the form's order; none for a response that is not counted.
    pub questions: Vec<QuestionView>,
    /// Findings on the file as a whole or on no question shown.
    pub findings: Vec<Flag>,
    /// The file whose answers count instead of this one's (a copy of it, or with `--keep
    /// latest` a later one), and the anchor of its preview.
    pub duplicate_of: Option<(String, String)>,
}

/// Where a finding's path points: question, record index, field.
fn split_path(path: &str) -> (String, Option<usize>, Option<String>) {
    let end = path.find(['.', '[']).unwrap_or(path.len());
    let topic = path[..end].to_string();
    let rest = &path[end..];
    let Some(inner) = rest.strip_prefix('[') else {
        return (topic, None, None);
    };
    let Some(close) = inner.find(']') else {
        return (topic, None, None);
    };
    let index = inner[..close].parse().ok();
    let field = inner[close + 1..]
        .strip_prefix('.')
        .map(|f| f[..f.find(['.', '[']).unwrap_or(f.len())].to_string());
    (topic, index, field)
}

/// Rows of a sheet grouped by file, in sheet order.
fn by_file(sheet: Option<&Sheet>) -> HashMap<String, Vec<Row<'_>>> {
    let mut out: HashMap<String, Vec<Row<'_>>> = HashMap::new();
    for row in sheet.map(super::sheet::sheet_rows).unwrap_or_default() {
        out.entry(row.text("file")).or_default().push(row);
    }
    out
}

/// A record row's fields: a dates pair shown as one field; with each field's id.
fn record_fields(row: &Row<'_>) -> Vec<(String, Field)> {
    let cells: Vec<_> = row
        .cells()
        .filter(|(col, _)| col.question.is_some())
        .collect();
    let mut out: Vec<(String, Field)> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let (col, cell) = cells[i];
        let start = col
            .id
            .strip_suffix("_start")
            .filter(|_| col.kind == ColumnKind::Date);
        if let Some(base) = start {
            let end = cells
                .get(i + 1)
                .filter(|(c, _)| c.id == format!("{base}_end"))
                .map(|(_, cell)| cell.to_plain())
                .unwrap_or_default();
            let start = cell.to_plain();
            let text = if end.is_empty() || end == start {
                start
            } else {
                format!("{start} to {end}")
            };
            let label = col
                .label
                .strip_suffix(" (start)")
                .unwrap_or(&col.label)
                .to_string();
            out.push((
                base.to_string(),
                Field {
                    label,
                    value: Shown::text(text),
                    findings: Vec::new(),
                },
            ));
            i += 2;
            continue;
        }
        out.push((
            col.id.clone(),
            Field {
                label: col.label.clone(),
                value: Shown::of(cell, col.kind),
                findings: Vec::new(),
            },
        ));
        i += 1;
    }
    out
}

/// One preview per row of the `responses` sheet, in input order.
pub fn previews(c: &Compilation, defs: &Definitions) -> Vec<Preview> {
    let texts = by_file(c.sheet("texts"));
    let choices = by_file(c.sheet("high_impact"));
    let findings = by_file(c.sheet("findings"));
    let records: Vec<(&str, HashMap<String, Vec<Row<'_>>>)> = record_sheets(c)
        .into_iter()
        .map(|(topic, sheet)| (topic, by_file(Some(sheet))))
        .collect();
    let initiatives: Vec<String> = c
        .sheet("high_impact")
        .map(|s| {
            s.spec
                .columns
                .iter()
                .filter(|col| col.kind == ColumnKind::Boolean)
                .map(|col| col.id.clone())
                .collect()
        })
        .unwrap_or_default();
    let none = Vec::new();
    let responses = rows(c, "responses");
    let anchors: HashMap<String, String> = responses
        .iter()
        .enumerate()
        .map(|(i, row)| (row.text("file"), anchor(i)))
        .collect();
    responses
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let file = row.text("file");
            let edition = row.text("edition");
            let duplicate_of = Some(row.text("duplicate_of"))
                .filter(|d| !d.is_empty())
                .map(|d| {
                    let at = anchors.get(&d).cloned().unwrap_or_default();
                    (d, at)
                });
            let not_answered: Vec<String> = row
                .text("not_answered")
                .split(", ")
                .map(str::to_string)
                .collect();
            let mut questions = Vec::new();
            if let Some(q) = defs
                .get(&edition)
                .filter(|_| !row.text("read_as").is_empty() && duplicate_of.is_none())
            {
                for question in &q.questions {
                    let topic = root_question(q, &question.id);
                    let text = texts
                        .get(&file)
                        .unwrap_or(&none)
                        .iter()
                        .find(|t| t.text("question") == topic);
                    let chosen = match choices
                        .get(&file)
                        .and_then(|r| r.iter().find(|r| r.text("question") == topic))
                    {
                        Some(r) => {
                            let mut names: Vec<String> =
                                initiatives.iter().filter(|n| r.flag(n)).cloned().collect();
                            names.extend(
                                r.text("other")
                                    .split("; ")
                                    .filter(|s| !s.is_empty())
                                    .map(str::to_string),
                            );
                            names
                        }
                        None => Vec::new(),
                    };
                    let recs = records
                        .iter()
                        .find(|(t, _)| *t == topic)
                        .and_then(|(_, by)| by.get(&file))
                        .map(|rows| {
                            rows.iter()
                                .map(|r| RecordView {
                                    number: r.int("record"),
                                    fields: record_fields(r).into_iter().map(|(_, f)| f).collect(),
                                    findings: Vec::new(),
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    questions.push(QuestionView {
                        number: question.number.clone(),
                        label: question.text.clone(),
                        text: text.map(|t| t.text("text")),
                        words: text.and_then(|t| t.opt_int("words")),
                        limit: text.and_then(|t| t.opt_int("limit")),
                        choices: chosen,
                        records: recs,
                        is_records: matches!(question.kind, QuestionKind::Records(_)),
                        not_answered: not_answered.contains(&topic),
                        findings: Vec::new(),
                        id: topic,
                    });
                }
            }
            let mut general = Vec::new();
            for f in findings.get(&file).unwrap_or(&none) {
                place(flag(f), &mut questions, &records, &file, &mut general);
            }
            Preview {
                anchor: anchor(i),
                entity: entity_name(row),
                file,
                edition,
                valid: row.flag("valid"),
                errors: row.int("errors"),
                warnings: row.int("warnings"),
                questions,
                findings: general,
                duplicate_of,
            }
        })
        .collect()
}

/// Puts a finding on the field, record or question it points to, else with the file's.
fn place(
    f: Flag,
    questions: &mut [QuestionView],
    records: &[(&str, HashMap<String, Vec<Row<'_>>>)],
    file: &str,
    general: &mut Vec<Flag>,
) {
    let (topic, index, field) = split_path(&f.path);
    let Some(question) = questions.iter_mut().find(|q| q.id == topic) else {
        general.push(f);
        return;
    };
    let Some(index) = index.filter(|_| question.is_records) else {
        question.findings.push(f);
        return;
    };
    let Some(record) = question
        .records
        .iter_mut()
        .find(|r| r.number == index as i64 + 1)
    else {
        question.findings.push(f);
        return;
    };
    let ids: Vec<String> = records
        .iter()
        .find(|(t, _)| *t == topic)
        .and_then(|(_, by)| by.get(file))
        .and_then(|rows| rows.iter().find(|r| r.int("record") == index as i64 + 1))
        .map(|r| record_fields(r).into_iter().map(|(id, _)| id).collect())
        .unwrap_or_default();
    match field.and_then(|name| ids.iter().position(|id| *id == name)) {
        Some(at) if at < record.fields.len() => record.fields[at].findings.push(f),
        _ => record.findings.push(f),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_point_to_question_record_and_field() {
        let cases = [
            ("governing_body", ("governing_body", None, None)),
            ("events[0].website", ("events", Some(0), Some("website"))),
            ("events[2]", ("events", Some(2), None)),
            (
                "initiatives[1].member_states[3]",
                ("initiatives", Some(1), Some("member_states")),
            ),
            ("high_impact.initiatives[0]", ("high_impact", None, None)),
            ("", ("", None, None)),
        ];
        for (path, (topic, index, field)) in cases {
            assert_eq!(
                split_path(path),
                (topic.to_string(), index, field.map(str::to_string)),
                "{path}"
            );
        }
    }
}
