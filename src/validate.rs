//! Validating one input end to end: read, parse, pick the questionnaire, check, and place every
//! finding at a line and column.

use crate::check::{self, Checked};
use crate::document::{self, Format};
use crate::finding::{Anchor, Code, Finding};
use crate::input::{self, ReadOptions, Source};
use crate::questionnaire::{self, Applicable, Questionnaire};
use crate::report::FileReport;

/// What the validator knows before it sees a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Validator<'q> {
    /// `--questionnaire`, if given: every file is checked against it.
    pub questionnaire: Option<&'q Questionnaire>,
    /// How inputs are read.
    pub read: ReadOptions,
}

/// A checked input: the report, and the answers when the file parsed.
#[derive(Debug, Clone)]
pub struct Validated {
    /// Findings for the file.
    pub report: FileReport,
    /// The canonical answers, if the file parsed and its questionnaire is known.
    pub checked: Option<Checked>,
    /// The format the input was read as.
    pub format: Option<Format>,
}

impl<'q> Validator<'q> {
    /// Reads and checks one input.
    pub fn validate(&self, source: &Source) -> Validated {
        let file = source.name();
        let text = match input::read(source, self.read) {
            Ok(text) => text,
            Err(finding) => {
                return Validated {
                    report: FileReport::new(file, vec![with_subject(*finding, &source.name())]),
                    checked: None,
                    format: None,
                };
            }
        };
        let (mut findings, checked, edition) = self.check_text(&text.text, text.format, true);
        resolve_positions(&mut findings, &text.text);
        Validated {
            report: FileReport {
                file,
                findings,
                edition: edition.map(|q| q.id.clone()),
            },
            checked,
            format: Some(text.format),
        }
    }

    /// Reads and checks one input and keeps only its report, as small as it can be: what a
    /// batch run holds for each file while the others are checked.
    pub fn report(&self, source: &Source) -> FileReport {
        let mut report = match input::read(source, self.read) {
            Ok(text) => {
                let (mut findings, _, edition) = self.check_text(&text.text, text.format, false);
                resolve_positions(&mut findings, &text.text);
                drop(text);
                FileReport {
                    file: source.name(),
                    findings,
                    edition: edition.map(|q| q.id.clone()),
                }
            }
            Err(finding) => {
                let file = source.name();
                let findings = vec![with_subject(*finding, &file)];
                FileReport::new(file, findings)
            }
        };
        for finding in &mut report.findings {
            // Positions are resolved; the anchor's document path is no longer needed.
            finding.anchor = Anchor::None;
        }
        report.findings.shrink_to_fit();
        report
    }

    /// Checks text already read; findings are not yet placed.
    pub fn validate_text(&self, text: &str, format: Format) -> (Vec<Finding>, Option<Checked>) {
        let (findings, checked, _) = self.check_text(text, format, true);
        (findings, checked)
    }

    /// Checks text already read, building the canonical answers only if `answers` is set; says
    /// which edition it was checked against.
    fn check_text(
        &self,
        text: &str,
        format: Format,
        answers: bool,
    ) -> (Vec<Finding>, Option<Checked>, Option<&'q Questionnaire>) {
        let doc = match document::parse(text, format) {
            Ok(doc) => doc,
            Err(e) => {
                let mut finding = Finding::new(
                    Code::ParseError,
                    "",
                    format!(
                        "is not valid {}: {}",
                        format.as_str().to_uppercase(),
                        e.message
                    ),
                );
                if let Some((line, column)) = e.position {
                    finding = finding.at_position(line, column);
                }
                return (vec![finding], None, None);
            }
        };
        let mut findings = Vec::new();
        let at_key = || {
            doc.get("questionnaire").map_or(Anchor::None, |n| {
                n.anchor(&[crate::finding::Segment::Key("questionnaire".into())])
            })
        };
        let questionnaire = match questionnaire::applicable(
            self.questionnaire,
            check::questionnaire_key(&doc),
        ) {
            Applicable::Found(q) => q,
            Applicable::Overridden { flag, named } => {
                findings.push(
                        Finding::new(
                            Code::QuestionnaireMismatch,
                            "questionnaire",
                            format!("questionnaire is `{named}`, but `--questionnaire` is `{}`", flag.id),
                        )
                        .with_hint("check the file against the questionnaire it names, or fix its `questionnaire` key")
                        .at(at_key()),
                    );
                flag
            }
            Applicable::Unknown { named } => {
                let known: Vec<&str> = Questionnaire::builtin_ids().collect();
                findings.push(
                        Finding::new(
                            Code::QuestionnaireUnknown,
                            "questionnaire",
                            format!("questionnaire `{named}` is not a built-in questionnaire"),
                        )
                        .with_hint(format!(
                            "built-in: {}; for another one pass its definition with `--questionnaire FILE`",
                            known.join(", ")
                        ))
                        .at(at_key()),
                    );
                return (findings, None, None);
            }
        };
        if !answers {
            findings.extend(check::findings(&doc, questionnaire));
            return (findings, None, Some(questionnaire));
        }
        let checked = check::check(&doc, questionnaire);
        findings.extend(checked.findings.iter().cloned());
        (findings, Some(checked), Some(questionnaire))
    }
}

fn with_subject(mut finding: Finding, file: &str) -> Finding {
    if finding.code == Code::Unreadable && file == "-" {
        finding.message = finding.message.replace("the file", "standard input");
    }
    finding
}

/// Turns anchors into lines and columns and sorts findings into file order.
///
/// A file's tree has the span of every value and key, so each anchor is an offset; a value that
/// came from no file (answers held in memory) has no place to point at.
pub fn resolve_positions(findings: &mut [Finding], text: &str) {
    let mut lines: Option<document::LineIndex<'_>> = None;
    for finding in findings.iter_mut() {
        if let Anchor::Offset(offset) = finding.anchor {
            let (line, column) = lines
                .get_or_insert_with(|| document::LineIndex::new(text))
                .position(offset);
            finding.line = Some(line);
            finding.column = Some(column);
        }
    }
    findings.sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
}
