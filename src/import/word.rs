//! Importing the Word form: the flattened form read by the same importer as legacy text, and
//! every finding placed at the paragraph or table row a person finds in Word, with where that
//! is on the questionnaire (`question 5, initiative 3 (table 14, row 5)`).

use super::{ImportResult, checked, read_blocks};
use crate::docx::{self, Form, Limits};
use crate::finding::{Anchor, Finding, Place};
use crate::input::ReadFailure;
use crate::questionnaire::{QuestionKind, Questionnaire};

/// Imports a .docx held in memory: flattened, read as a form of `questionnaire`, checked as
/// `validate` checks, each finding placed; a file that is no .docx is a `parse-error` (or
/// `too-large`) finding.
pub fn import_docx(
    bytes: &[u8],
    questionnaire: &Questionnaire,
    limits: Limits,
) -> Result<ImportResult, ReadFailure> {
    let form = docx::read_bytes(bytes, limits)?;
    Ok(import_form(&form, questionnaire))
}

/// Imports a form already flattened (`docx::read`), e.g. once its edition was guessed from
/// [`Form::text`].
pub fn import_form(form: &Form, questionnaire: &Questionnaire) -> ImportResult {
    let read = read_blocks(&form.blocks, questionnaire, form.skipped.clone());
    let mut findings = form.findings.clone();
    findings.extend(read.findings);
    let mut result = checked(findings, &read.doc, questionnaire);
    // Where each question's section starts, as a span index: for findings placed by block
    // alone (a placeholder, a tracked change, text kept in `notes`).
    let starts: Vec<(usize, &str)> = read
        .sections
        .iter()
        .map(|&(block, question)| {
            (
                form.blocks[block].span.start,
                questionnaire.questions[question].number.as_str(),
            )
        })
        .collect();
    for finding in &mut result.findings {
        let Anchor::Offset(mut at) = finding.anchor else {
            continue;
        };
        // A question with no answer is pointed at from the answers as a whole: in a form, its
        // own header is the place to look.
        if let Some(header) = finding.question().and_then(|id| {
            read.sections
                .iter()
                .find(|&&(_, q)| questionnaire.questions[q].id == id)
                .map(|&(block, _)| form.blocks[block].span.start)
        }) && at < header
        {
            at = header;
            finding.anchor = Anchor::Offset(at);
        }
        let Some(spot) = form.spots.get(at) else {
            continue;
        };
        let within = within(finding, questionnaire).or_else(|| {
            starts
                .iter()
                .filter(|(start, _)| *start <= at)
                .max_by_key(|(start, _)| *start)
                .map(|(_, number)| format!("question {number}"))
        });
        finding.place = Some(Place {
            spot: *spot,
            within,
        });
    }
    // In the order of the form; findings about the whole file first.
    result.findings.sort_by_key(|f| match f.anchor {
        Anchor::Offset(at) => at + 1,
        _ => 0,
    });
    result
}

/// Where a finding's answer path is on the questionnaire: `question 5, initiative 3`.
fn within(finding: &Finding, q: &Questionnaire) -> Option<String> {
    let question = q.question(finding.question()?)?;
    let mut out = format!("question {}", question.number);
    if let (Some(record), QuestionKind::Records(def)) = (finding.record(), &question.kind) {
        out.push_str(&format!(", {} {}", def.record_label, record + 1));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Spot;
    use crate::import::block::{Block, BlockKind, ListItem, Paragraph};

    /// A form of paragraphs, the first `numbered` of them numbered by Word.
    fn form(paragraphs: &[&str], numbered: usize) -> Form {
        let blocks = paragraphs
            .iter()
            .enumerate()
            .map(|(i, text)| Block {
                kind: BlockKind::Paragraph(Paragraph {
                    text: text.to_string(),
                    list: (i < numbered).then_some(ListItem {
                        level: 0,
                        number: None,
                        numbered: true,
                    }),
                    links: Vec::new(),
                }),
                span: i..i + 1,
            })
            .collect();
        Form {
            blocks,
            spots: (1..=paragraphs.len()).map(Spot::Paragraph).collect(),
            ..Form::default()
        }
    }

    #[test]
    fn the_edition_of_a_form_is_guessed_from_its_text_as_for_legacy_text() {
        let hlpf = Questionnaire::default_builtin();
        let pilot = crate::questionnaire::parse_definition(
            include_str!("../../tests/data/pilot-2026.toml"),
            "pilot-2026.toml",
        )
        .unwrap();
        let editions = vec![hlpf.clone(), pilot.clone()];
        let texts: Vec<&str> = pilot.questions.iter().map(|q| q.text.as_str()).collect();
        let word = form(&texts, texts.len());
        let guessed = crate::import::guess_edition(&word.text(), &editions);
        assert_eq!(guessed.id, "pilot-2026");
        // Read as that edition: its questions are found though Word numbers them itself.
        let imported = import_form(&form(&[texts[0], "An answer."], 1), guessed);
        assert_eq!(
            imported.answers.answer(&pilot.questions[0].id),
            Some(&crate::answers::Answer::Text("An answer.".to_string()))
        );
    }

    #[test]
    fn a_question_not_answered_points_at_its_own_header() {
        let q = Questionnaire::default_builtin();
        let texts: Vec<&str> = q.questions.iter().map(|q| q.text.as_str()).collect();
        let imported = import_form(&form(&texts, texts.len()), &q);
        let places: Vec<(String, String)> = imported
            .findings
            .iter()
            .filter(|f| f.code == crate::finding::Code::NotAnswered)
            .map(|f| (f.path.clone(), f.place.as_ref().unwrap().to_string()))
            .collect();
        assert_eq!(places.len(), q.questions.len());
        for (i, (path, place)) in places.iter().enumerate() {
            assert_eq!(path, &q.questions[i].id);
            assert_eq!(
                place,
                &format!("question {} (paragraph {})", q.questions[i].number, i + 1)
            );
        }
    }
}
