//! A response as a Markdown document people read: the entity, each question's number and text,
//! the answers, records as labelled blocks, SDGs with their titles.

use super::Render;
use crate::answers::{Answer, Answers, FieldValue, Scalar};
use crate::questionnaire::{QuestionKind, Questionnaire};
use crate::refdata::sdg_title;
use crate::rules::dates::Dates;
use crate::rules::sdgs::SdgSet;
use crate::text::one_line;

/// `--to markdown`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Render for Markdown {
    fn render(&self, answers: &Answers, q: &Questionnaire) -> String {
        let mut out = String::new();
        let entity = match &answers.entity {
            Some(Scalar::Text(t)) => t.clone(),
            _ => "Response".to_string(),
        };
        out.push_str(&format!("# {}\n\n", escape(&entity)));
        out.push_str(&format!("*{}*", escape(&q.title)));
        if let Some(edition) = &q.edition {
            out.push_str(&format!(" — {}", escape(edition)));
        }
        out.push_str("\n\n");
        if let Some(Scalar::Text(day)) = &answers.submitted {
            out.push_str(&format!("Submitted: {day}\n\n"));
        }
        for (key, value) in &answers.contact {
            if let Scalar::Text(t) = value {
                out.push_str(&format!("- Contact {key}: {}\n", escape(t)));
            }
        }
        if !answers.contact.is_empty() {
            out.push('\n');
        }
        for question in &q.questions {
            out.push_str(&format!(
                "## {}. {}\n\n",
                question.number,
                escape(&one_line(&question.text))
            ));
            match (answers.answer(&question.id), &question.kind) {
                (None, _) => out.push_str("*Not answered.*\n\n"),
                (Some(Answer::Text(t)), _) => block(&mut out, t),
                (Some(Answer::Choices { selected, text, .. }), QuestionKind::ChoicesText(def)) => {
                    let chosen = selected.clone().unwrap_or_default();
                    if chosen.is_empty() {
                        out.push_str(&format!("{}: none.\n\n", escape(&def.choices_label)));
                    } else {
                        out.push_str(&format!("{}:\n\n", escape(&def.choices_label)));
                        for c in &chosen {
                            out.push_str(&format!("- {}\n", escape(c)));
                        }
                        out.push('\n');
                    }
                    if let Some(text) = text {
                        block(&mut out, text);
                    }
                }
                (Some(Answer::Records(records)), QuestionKind::Records(def)) => {
                    if records.is_empty() {
                        out.push_str(&format!("*No {}s to report.*\n\n", def.record_label));
                    }
                    for (i, record) in records.iter().enumerate() {
                        let name = record
                            .fields
                            .first()
                            .map(|(_, v)| v.to_plain())
                            .unwrap_or_default();
                        out.push_str(&format!(
                            "### {} {}: {}\n\n",
                            crate::text::capitalised(&def.record_label),
                            i + 1,
                            escape(&one_line(&name))
                        ));
                        for field in def.fields.iter().skip(1) {
                            let Some((_, value)) =
                                record.fields.iter().find(|(k, _)| *k == field.id)
                            else {
                                continue;
                            };
                            let label = field.short_label();
                            match value {
                                FieldValue::Text(t) if t.contains('\n') => {
                                    out.push_str(&format!("\n**{}:**\n\n", escape(label)));
                                    block(&mut out, t);
                                }
                                other => out.push_str(&format!(
                                    "- **{}:** {}\n",
                                    escape(label),
                                    rich_value(other)
                                )),
                            }
                        }
                        out.push('\n');
                    }
                }
                (Some(Answer::Raw(node)), _) => match node.as_str() {
                    Some(s) => block(&mut out, s),
                    None => out.push_str(&format!("`{}`\n\n", crate::answers::node_json(node))),
                },
                (Some(_), _) => {}
            }
        }
        if !answers.notes.is_empty() {
            out.push_str("## Notes\n\n");
            for note in &answers.notes {
                out.push_str(&format!("- {}\n", escape(note)));
            }
            out.push('\n');
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

fn rich_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Sdgs(SdgSet::All) => "all 17 SDGs".to_string(),
        FieldValue::Sdgs(SdgSet::Goals(goals)) => goals
            .iter()
            .map(|g| format!("{g} {}", sdg_title(i64::from(*g)).unwrap_or("")))
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Dates(Dates::Day(d)) => d.to_string(),
        FieldValue::Dates(Dates::Span { start, end }) => format!("{start} to {end}"),
        FieldValue::Text(t) if t.starts_with("http://") || t.starts_with("https://") => {
            format!("<{t}>")
        }
        FieldValue::All => "all".to_string(),
        other => escape(&other.to_plain()),
    }
}

/// Text with its paragraphs and bullet lists.
fn block(out: &mut String, text: &str) {
    for paragraph in text.split("\n\n").filter(|p| !p.trim().is_empty()) {
        let lines: Vec<String> = paragraph
            .lines()
            .map(|l| match l.trim_start().strip_prefix("- ") {
                Some(rest) => {
                    let indent = l.len() - l.trim_start().len();
                    format!("{}- {}", " ".repeat(indent), escape(rest))
                }
                None => escape(l),
            })
            .collect();
        out.push_str(&lines.join("\n"));
        out.push_str("\n\n");
    }
}

/// Escapes what Markdown would read as markup, so that answers render as written.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|')
            || (i == 0 && matches!(c, '#' | '-' | '+'))
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
