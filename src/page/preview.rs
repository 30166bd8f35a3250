//! Previews: each response as it will be published — every question's label, then the answer;
//! records as `Label | value` tables — with the findings marked where they point.

use std::collections::HashMap;
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr, Value};

use serde::Serialize;

use super::hold::Spilled;
use super::lists::{Flag, flag};
use super::sheet::{Row, Shown, record_sheets, row_at, rows};
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
#[derive(Debug, Clone, Default, Serialize)]
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

/// The rows of a sheet grouped by file, by index, in sheet order.
fn by_file(sheet: Option<&Sheet>) -> HashMap<String, Vec<usize>> {
    let mut out: HashMap<String, Vec<usize>> = HashMap::new();
    if let Some(sheet) = sheet {
        for i in 0..sheet.rows.len() {
            out.entry(row_at(sheet, i).text("file"))
                .or_default()
                .push(i);
        }
    }
    out
}

/// A record row's fields: a dates pair shown as one field; with each field's id. `held` gives
/// the text of a column held aside ([`super::hold`]), by its index.
fn record_fields(row: &Row<'_>, held: &dyn Fn(usize) -> Option<String>) -> Vec<(String, Field)> {
    let cells: Vec<_> = row
        .cells()
        .enumerate()
        .filter(|(_, (col, _))| col.question.is_some())
        .map(|(i, (col, cell))| (i, col, cell))
        .collect();
    let mut out: Vec<(String, Field)> = Vec::new();
    let mut i = 0;
    while i < cells.len() {
        let (at, col, cell) = cells[i];
        let start = col
            .id
            .strip_suffix("_start")
            .filter(|_| col.kind == ColumnKind::Date);
        if let Some(base) = start {
            let end = cells
                .get(i + 1)
                .filter(|(_, c, _)| c.id == format!("{base}_end"))
                .map(|(_, _, cell)| cell.to_plain())
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
                value: held(at).map_or_else(|| Shown::of(cell, col.kind), Shown::text),
                findings: Vec::new(),
            },
        ));
        i += 1;
    }
    out
}

/// Makes the preview of each response on demand, from the compiled tables and indexes of their
/// rows by file: the page holds one preview at a time, however many responses there are.
#[derive(Debug)]
pub struct Previewer {
    compilation: Arc<Compilation>,
    defs: Arc<Definitions>,
    texts: HashMap<String, Vec<usize>>,
    choices: HashMap<String, Vec<usize>>,
    findings: HashMap<String, Vec<usize>>,
    /// Per record topic: its sheet's name and its rows by file.
    records: Vec<(String, String, HashMap<String, Vec<usize>>)>,
    /// The initiatives of the list: the boolean columns of `high_impact`.
    initiatives: Vec<String>,
    /// Each file's anchor.
    anchors: HashMap<String, String>,
    /// The long texts held aside while the tables were built.
    spilled: Spilled,
}

/// One row of a sheet with where it is: the sheet's index and the row's.
#[derive(Clone, Copy)]
struct Placed<'a> {
    sheet: usize,
    index: usize,
    row: Row<'a>,
}

/// Rows of record sheets by topic, as one preview reads them.
type RecordRows<'a> = Vec<(&'a str, Vec<Placed<'a>>)>;

impl Previewer {
    /// Indexes the compiled tables.
    pub fn new(
        compilation: Arc<Compilation>,
        defs: Arc<Definitions>,
        spilled: Spilled,
    ) -> Previewer {
        let c = &*compilation;
        let records = record_sheets(c)
            .into_iter()
            .map(|(topic, sheet)| {
                (
                    topic.to_string(),
                    sheet.spec.name.clone(),
                    by_file(Some(sheet)),
                )
            })
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
        let anchors = rows(c, "responses")
            .iter()
            .enumerate()
            .map(|(i, row)| (row.text("file"), anchor(i)))
            .collect();
        Previewer {
            texts: by_file(c.sheet("texts")),
            choices: by_file(c.sheet("high_impact")),
            findings: by_file(c.sheet("findings")),
            records,
            initiatives,
            anchors,
            defs,
            compilation,
            spilled,
        }
    }

    /// Responses, one preview each.
    pub fn len(&self) -> usize {
        self.compilation
            .sheet("responses")
            .map_or(0, |s| s.rows.len())
    }

    /// Whether there is no response to preview.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows of sheet `name` that `index` lists for `file`.
    fn rows_of<'a>(
        &'a self,
        name: &str,
        index: &HashMap<String, Vec<usize>>,
        file: &str,
    ) -> Vec<Placed<'a>> {
        let sheets = &self.compilation.sheets;
        let Some(at) = sheets.iter().position(|s| s.spec.name == name) else {
            return Vec::new();
        };
        index
            .get(file)
            .map(|rows| {
                rows.iter()
                    .map(|i| Placed {
                        sheet: at,
                        index: *i,
                        row: row_at(&sheets[at], *i),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The fields of a record row, its long texts read back.
    fn fields(&self, placed: &Placed<'_>) -> Vec<(String, Field)> {
        record_fields(&placed.row, &|column| {
            self.spilled.text(placed.sheet, placed.index, column)
        })
    }

    /// The preview of response number `i` (0-based, in input order).
    pub fn preview(&self, i: usize) -> Preview {
        let Some(responses) = self.compilation.sheet("responses") else {
            return Preview::default();
        };
        let row = row_at(responses, i);
        let file = row.text("file");
        let edition = row.text("edition");
        let duplicate_of = Some(row.text("duplicate_of"))
            .filter(|d| !d.is_empty())
            .map(|d| {
                let at = self.anchors.get(&d).cloned().unwrap_or_default();
                (d, at)
            });
        let not_answered: Vec<String> = row
            .text("not_answered")
            .split(", ")
            .map(str::to_string)
            .collect();
        let texts = self.rows_of("texts", &self.texts, &file);
        let choices = self.rows_of("high_impact", &self.choices, &file);
        let records: RecordRows<'_> = self
            .records
            .iter()
            .map(|(topic, name, index)| (topic.as_str(), self.rows_of(name, index, &file)))
            .collect();
        let mut questions = Vec::new();
        if let Some(q) = self
            .defs
            .get(&edition)
            .filter(|_| !row.text("read_as").is_empty() && duplicate_of.is_none())
        {
            for question in &q.questions {
                let topic = root_question(q, &question.id);
                let text = texts.iter().find(|t| t.row.text("question") == topic);
                let chosen = match choices
                    .iter()
                    .map(|p| p.row)
                    .find(|r| r.text("question") == topic)
                {
                    Some(r) => {
                        let mut names: Vec<String> = self
                            .initiatives
                            .iter()
                            .filter(|n| r.flag(n))
                            .cloned()
                            .collect();
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
                    .map(|(_, rows)| {
                        rows.iter()
                            .map(|r| RecordView {
                                number: r.row.int("record"),
                                fields: self.fields(r).into_iter().map(|(_, f)| f).collect(),
                                findings: Vec::new(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                questions.push(QuestionView {
                    number: question.number.clone(),
                    label: question.text.clone(),
                    text: text.map(|t| {
                        t.row
                            .sheet()
                            .column("text")
                            .and_then(|c| self.spilled.text(t.sheet, t.index, c))
                            .unwrap_or_else(|| t.row.text("text"))
                    }),
                    words: text.and_then(|t| t.row.opt_int("words")),
                    limit: text.and_then(|t| t.row.opt_int("limit")),
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
        for f in self.rows_of("findings", &self.findings, &file) {
            place(flag(&f.row), &mut questions, &records, &mut general, self);
        }
        Preview {
            anchor: anchor(i),
            entity: entity_name(&row),
            file,
            edition,
            valid: row.flag("valid"),
            errors: row.int("errors"),
            warnings: row.int("warnings"),
            questions,
            findings: general,
            duplicate_of,
        }
    }
}

/// The previews as the templates iterate them: made one at a time as the loop asks.
impl Object for Previewer {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Iterable
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let this = Arc::clone(self);
        Enumerator::Iter(Box::new(
            (0..self.len()).map(move |i| Value::from(minijinja::value::Serde(this.preview(i)))),
        ))
    }

    fn enumerator_len(self: &Arc<Self>) -> Option<usize> {
        Some(self.len())
    }
}

/// Puts a finding on the field, record or question it points to, else with the file's.
fn place(
    f: Flag,
    questions: &mut [QuestionView],
    records: &RecordRows<'_>,
    general: &mut Vec<Flag>,
    previewer: &Previewer,
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
        .and_then(|(_, rows)| {
            rows.iter()
                .find(|r| r.row.int("record") == index as i64 + 1)
        })
        .map(|r| previewer.fields(r).into_iter().map(|(id, _)| id).collect())
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
