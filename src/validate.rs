//! Validating one input end to end: read, parse, pick the questionnaire, check, and place every
//! finding at a line and column.

use crate::check::{self, Checked};
use crate::document::{self, Format};
use crate::finding::{Anchor, Code, Finding};
use crate::input::{self, Kind, ReadOptions, Source, Text};
use crate::questionnaire::{self, Applicable, Questionnaire};
use crate::report::FileReport;

/// What the validator knows before it sees a file.
#[derive(Debug, Clone, Copy, Default)]
pub struct Validator<'q> {
    /// `--questionnaire`, if given: every file is checked against it.
    pub questionnaire: Option<&'q Questionnaire>,
    /// How inputs are read.
    pub read: ReadOptions,
    /// The editions a legacy text may answer when `questionnaire` does not say which, matched by
    /// its question texts; `None`: the built-in editions.
    pub editions: Option<&'q [Questionnaire]>,
}

/// A checked input: the report, and the answers when the file could be read.
#[derive(Debug, Clone)]
pub struct Validated {
    /// Findings for the file.
    pub report: FileReport,
    /// The canonical answers, if the file parsed and its questionnaire is known; their findings
    /// are in `report`.
    pub checked: Option<Checked>,
    /// What the input was read as.
    pub kind: Option<Kind>,
}

impl<'q> Validator<'q> {
    /// Reads and checks one input, of any kind.
    pub fn validate(&self, source: &Source) -> Validated {
        match input::read(source, self.read) {
            Ok(text) => self.validate_read(source.name(), &text),
            Err(finding) => Validated {
                report: FileReport::new(source.name(), vec![*finding]),
                checked: None,
                kind: None,
            },
        }
    }

    /// Checks an input already read (named `file` in findings); findings are placed.
    pub fn validate_read(&self, file: String, text: &Text) -> Validated {
        let (findings, checked, edition) = self.check_input(text, true);
        Validated {
            report: FileReport {
                file,
                findings,
                edition: edition.map(|q| q.id.clone()),
            },
            checked,
            kind: Some(text.kind),
        }
    }

    /// Reads and checks one input and keeps only its report, as small as it can be: what a
    /// batch run holds for each file while the others are checked.
    pub fn report(&self, source: &Source) -> FileReport {
        let mut report = match input::read(source, self.read) {
            Ok(text) => {
                let (findings, _, edition) = self.check_input(&text, false);
                drop(text);
                FileReport {
                    file: source.name(),
                    findings,
                    edition: edition.map(|q| q.id.clone()),
                }
            }
            Err(finding) => FileReport::new(source.name(), vec![*finding]),
        };
        for finding in &mut report.findings {
            // Positions are resolved; the anchor's document path is no longer needed.
            finding.anchor = Anchor::None;
        }
        report.findings.shrink_to_fit();
        report
    }

    /// Checks an input of any kind, building the canonical answers of an answers file only if
    /// `answers` is set; findings are placed. Says which edition it was checked against.
    fn check_input(
        &self,
        text: &Text,
        answers: bool,
    ) -> (Vec<Finding>, Option<Checked>, Option<&'q Questionnaire>) {
        match text.kind {
            Kind::Answers(format) => {
                let (mut findings, checked, edition) = self.check_text(&text.text, format, answers);
                document::resolve_positions(&mut findings, &text.text);
                (findings, checked, edition)
            }
            Kind::Legacy => {
                let q = self.legacy_edition(&text.text);
                let imported = crate::import::import(&text.text, q);
                let checked = Checked {
                    answers: imported.answers,
                    findings: Vec::new(),
                };
                (imported.findings, Some(checked), Some(q))
            }
        }
    }

    /// The edition a legacy text is read as: `--questionnaire`, else the one among the
    /// candidates whose question texts it holds most of.
    pub fn legacy_edition(&self, text: &str) -> &'q Questionnaire {
        if let Some(q) = self.questionnaire {
            return q;
        }
        match self.editions {
            Some(editions) => crate::import::guess_edition(text, editions),
            None => crate::import::guess_edition(
                text,
                Questionnaire::builtin_ids().filter_map(Questionnaire::builtin_cached),
            ),
        }
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
        let mut checked = check::check(&doc, questionnaire);
        // The findings go with the report; the answers keep none, as a legacy text's do.
        findings.append(&mut checked.findings);
        (findings, Some(checked), Some(questionnaire))
    }
}
