//! The legacy text layout, as `import` reads it: the entity, `N. question` headers, paragraphs
//! one per line, records as `Label |` lines followed by value lines ending in ` |`.
//!
//! It carries the entity, texts and records. Contact, submission date, notes and the draft are
//! not part of the layout; an empty list of records comes back as "not answered".

use super::Render;
use crate::answers::{Answer, Answers, FieldValue, Scalar};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::text::one_line;

/// `--to text`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Legacy;

impl Render for Legacy {
    fn render(&self, answers: &Answers, q: &Questionnaire) -> String {
        let mut out = String::new();
        match &answers.entity {
            Some(Scalar::Text(t)) => line(&mut out, t),
            Some(Scalar::Raw(node)) => line(&mut out, node.as_str().unwrap_or("")),
            None => {}
        }
        for question in &q.questions {
            question_block(&mut out, question, answers.answer(&question.id));
        }
        out
    }
}

/// One question in the legacy layout: its `N. text` line and its answer, if any.
pub fn question_block(out: &mut String, question: &Question, answer: Option<&Answer>) {
    line(
        out,
        &format!("{}. {}", question.number, one_line(&question.text)),
    );
    match (answer, &question.kind) {
        (None, _) => {}
        (Some(Answer::Text(t)), _) => paragraphs(out, t),
        (Some(Answer::Choices { selected, text, .. }), QuestionKind::ChoicesText(def)) => {
            let text = text.clone().unwrap_or_default();
            paragraphs(out, &text);
            // Import selects the names the text mentions: name the others too.
            let unmentioned: Vec<&String> = selected
                .iter()
                .flatten()
                .filter(|s| !crate::text::fold(&text).contains(&crate::text::fold(s)))
                .collect();
            if !unmentioned.is_empty() {
                let names: Vec<&str> = unmentioned.iter().map(|s| s.as_str()).collect();
                line(
                    out,
                    &format!("{}: {}.", def.choices_label, names.join("; ")),
                );
            }
        }
        (Some(Answer::Records(records)), QuestionKind::Records(def)) => {
            for record in records {
                for field in &def.fields {
                    let Some((_, value)) = record.fields.iter().find(|(k, _)| *k == field.id)
                    else {
                        continue;
                    };
                    line(out, &format!("{} |", one_line(&field.label)));
                    let text = match value {
                        FieldValue::Text(t) if field.kind.is_text() => t.clone(),
                        other => other.to_plain(),
                    };
                    let lines: Vec<&str> =
                        text.split('\n').filter(|l| !l.trim().is_empty()).collect();
                    for (i, l) in lines.iter().enumerate() {
                        if i + 1 == lines.len() {
                            line(out, &format!("{} |", l.trim_end()));
                        } else {
                            line(out, l.trim_end());
                        }
                    }
                }
            }
        }
        (Some(Answer::Raw(node)), _) => {
            if let Some(s) = node.as_str() {
                paragraphs(out, s);
            }
        }
        (Some(_), _) => {}
    }
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

/// Paragraphs and bullet lines, one per line.
fn paragraphs(out: &mut String, text: &str) {
    for l in text.split('\n').filter(|l| !l.trim().is_empty()) {
        line(out, l.trim_end());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::document::{Format, parse};

    #[test]
    fn the_example_comes_back_through_import() {
        let q = Questionnaire::default_builtin();
        let text = include_str!("../../examples/response.toml");
        let answers = check(&parse(text, Format::Toml).unwrap(), &q).answers;
        let legacy = Legacy.render(&answers, &q);
        let back = crate::import::import(&legacy, &q);
        assert!(back.findings.is_empty(), "{:#?}\n{legacy}", back.findings);
        let mut expected = answers.clone();
        // Not carried by the layout.
        expected.contact.clear();
        expected.submitted = None;
        for ((ka, a), (kb, b)) in back.answers.answers.iter().zip(&expected.answers) {
            assert_eq!(ka, kb);
            assert_eq!(a, b, "{ka}");
        }
        assert_eq!(back.answers, expected, "{legacy}");
    }
}
