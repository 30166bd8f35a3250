//! Generated legacy files: every line is read as what the generator meant it to be, and every
//! value reads back as written, even when it begins with a label's words.

use proptest::prelude::*;

use super::{LineKind, parse_legacy};
use crate::document::{Node, Value};
use crate::questionnaire::{QuestionKind, Questionnaire};

/// Words that never continue a label's text, so a line of them is a value whatever it starts with.
const WORDS: &[&str] = &[
    "traffic",
    "grew",
    "by",
    "a",
    "third",
    "other",
    "than",
    "English",
    "were",
    "chosen",
    "feedback",
    "was",
    "positive",
    "the",
    "team",
    "planned",
    "ministers",
    "coastal",
    "met",
    "twice",
    "in",
    "twenty",
    "and",
    "data",
    "names",
    "changes",
];

/// How a value line may begin: with plain words, or with the words of a form label.
const STARTS: &[&str] = &[
    "",
    "Website",
    "Languages",
    "Language",
    "Relevant SDGs",
    "Target audience",
    "Event Name",
    "Event Dates",
    "Resource Name",
    "Initiative/Partnership Name",
    "Description",
    "Partners",
    "Publishing entity/entities",
    "Member States benefiting from it",
];

fn line() -> impl Strategy<Value = String> {
    (
        prop::sample::select(STARTS),
        prop::collection::vec(prop::sample::select(WORDS), 1..6),
    )
        .prop_map(|(start, words)| {
            let words = words.join(" ");
            if start.is_empty() {
                words
            } else {
                format!("{start} {words}")
            }
        })
}

#[derive(Debug, Clone)]
struct FieldPlan {
    present: bool,
    /// Empty: the label is followed at once by the next one.
    lines: Vec<String>,
    /// 0 `Label |`, 1 `Label: |`, 2 `Label` then `|`, 3 `Label:` then `|`.
    style: u8,
    stray_after: bool,
}

#[derive(Debug, Clone)]
struct QuestionPlan {
    present: bool,
    paragraphs: Vec<String>,
    strays: Vec<bool>,
    unplaced: Option<String>,
    records: Vec<Vec<FieldPlan>>,
}

fn field_plan() -> impl Strategy<Value = FieldPlan> {
    (
        any::<bool>(),
        prop::collection::vec(line(), 0..4),
        0u8..4,
        any::<bool>(),
    )
        .prop_map(|(present, lines, style, stray_after)| FieldPlan {
            present,
            lines,
            style,
            stray_after,
        })
}

fn question_plan() -> impl Strategy<Value = QuestionPlan> {
    (
        any::<bool>(),
        prop::collection::vec(line(), 1..4),
        prop::collection::vec(any::<bool>(), 4),
        prop::option::weighted(0.2, line()),
        prop::collection::vec(prop::collection::vec(field_plan(), 8), 1..4),
    )
        .prop_map(
            |(present, paragraphs, strays, unplaced, records)| QuestionPlan {
                present,
                paragraphs,
                strays,
                unplaced,
                records,
            },
        )
}

/// What a question's answer should read back as.
enum Expected {
    Text(String),
    Records(Vec<Vec<(String, Option<String>)>>),
}

/// The legacy text, what each of its lines is, and the values by question id.
fn render(
    q: &Questionnaire,
    plans: &[QuestionPlan],
    remark: Option<&String>,
) -> (String, Vec<LineKind>, Vec<(String, Expected)>) {
    let mut out: Vec<(String, LineKind)> =
        vec![("Office for Coastal Studies".into(), LineKind::Entity)];
    if let Some(remark) = remark {
        out.push((remark.clone(), LineKind::Unplaced));
    }
    let mut expected = Vec::new();
    for (question, plan) in q.questions.iter().zip(plans) {
        if !plan.present {
            continue;
        }
        out.push((
            format!("{}. {}", question.number, question.text),
            LineKind::Header,
        ));
        let QuestionKind::Records(def) = &question.kind else {
            for (i, paragraph) in plan.paragraphs.iter().enumerate() {
                out.push((paragraph.clone(), LineKind::Value));
                if plan.strays[i] {
                    out.push((format!("{}. ", i + 2), LineKind::StrayNumber));
                }
            }
            expected.push((
                question.id.clone(),
                Expected::Text(plan.paragraphs.join("\n\n")),
            ));
            continue;
        };
        if let Some(remark) = &plan.unplaced {
            out.push((remark.clone(), LineKind::Unplaced));
        }
        let mut records = Vec::new();
        for record in &plan.records {
            let mut values = Vec::new();
            for (i, (field, fp)) in def.fields.iter().zip(record).enumerate() {
                let mut lines = fp.lines.clone();
                if i == 0 && lines.is_empty() {
                    // Each record names itself, so that its first label starts it.
                    lines.push("Unnamed".into());
                }
                if i > 0 && !fp.present {
                    continue;
                }
                let label = &field.label;
                match fp.style {
                    0 => out.push((format!("{label} |"), LineKind::Label)),
                    1 => out.push((format!("{label}: |"), LineKind::Label)),
                    style => {
                        let colon = if style == 3 { ":" } else { "" };
                        out.push((format!("{label}{colon}"), LineKind::Label));
                        out.push(("|".into(), LineKind::Label));
                    }
                }
                let n = lines.len();
                for (j, l) in lines.iter().enumerate() {
                    let bar = if j + 1 == n { " |" } else { "" };
                    out.push((format!("{l}{bar}"), LineKind::Value));
                }
                let sep = if field.kind.is_text() { "\n\n" } else { "\n" };
                let value = (!lines.is_empty()).then(|| lines.join(sep));
                if !lines.is_empty() && fp.stray_after {
                    out.push(("3.".into(), LineKind::StrayNumber));
                }
                values.push((field.id.clone(), value));
            }
            records.push(values);
        }
        expected.push((question.id.clone(), Expected::Records(records)));
    }
    let text: String = out.iter().map(|(l, _)| format!("{l}\n")).collect();
    (text, out.into_iter().map(|(_, k)| k).collect(), expected)
}

fn text_of<'a>(node: &'a Node, q: &Questionnaire, id: &str) -> Option<&'a str> {
    match &q.question(id)?.kind {
        QuestionKind::ChoicesText(def) => node.get(&def.text_key)?.as_str(),
        _ => node.as_str(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_line_is_classified_and_every_value_reads_back(
        plans in prop::collection::vec(question_plan(), 6),
        remark in prop::option::weighted(0.3, line()),
    ) {
        let q = Questionnaire::default_builtin();
        let (text, kinds, expected) = render(&q, &plans, remark.as_ref());
        let imported = parse_legacy(&text, &q);
        prop_assert_eq!(&imported.lines, &kinds, "{}", text);
        let answers = imported.doc.get("answers").unwrap();
        for (id, want) in &expected {
            let got = answers.get(id);
            prop_assert!(got.is_some(), "{} missing\n{}", id, text);
            let got = got.unwrap();
            match want {
                Expected::Text(want) => {
                    prop_assert_eq!(text_of(got, &q, id), Some(want.as_str()), "{}", text);
                }
                Expected::Records(want) => {
                    let Value::Array(records) = &got.value else {
                        return Err(TestCaseError::fail(format!("{id} is not records\n{text}")));
                    };
                    prop_assert_eq!(records.len(), want.len(), "{}", text);
                    for (record, fields) in records.iter().zip(want) {
                        for (field, value) in fields {
                            let got = record.get(field).and_then(Node::as_str);
                            prop_assert_eq!(got, value.as_deref(), "{}.{}\n{}", id, field, text);
                        }
                    }
                }
            }
        }
        let unplaced = kinds.iter().filter(|k| **k == LineKind::Unplaced).count();
        prop_assert_eq!(imported.doc.get("notes").map_or(0, |n| match &n.value {
            Value::Array(a) => a.len(),
            _ => 0,
        }), unplaced);
    }
}
