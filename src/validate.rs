//! Validating one input end to end: read, parse, pick the questionnaire, check, and place every
//! finding at a line and column.

use crate::check::{self, Checked};
use crate::document::{self, Format};
use crate::docx::{self, Form};
use crate::finding::{Anchor, Code, Finding};
use crate::input::{self, Kind, ReadFailure, ReadOptions, Source, Text};
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

/// An input read, ready to check: text of some kind, or a Word form flattened.
#[derive(Debug, Clone)]
pub enum Input {
    /// An answers file or legacy text.
    Text(Text),
    /// A Word form.
    Form(Form),
}

impl Input {
    /// What the input is read as.
    pub fn kind(&self) -> Kind {
        match self {
            Input::Text(text) => text.kind,
            Input::Form(_) => Kind::Docx,
        }
    }
}

impl<'q> Validator<'q> {
    /// Reads one input by its kind: a Word form as a package (`--max-size` capping its text,
    /// not the file), anything else as text.
    pub fn read(&self, source: &Source) -> Result<Input, ReadFailure> {
        if Kind::named(source, self.read) != Some(Kind::Docx) {
            return input::read(source, self.read).map(Input::Text);
        }
        let limits = docx::Limits {
            max_size: self.read.max_size,
        };
        match source {
            Source::File(path) => docx::read_file(path, limits).map(Input::Form),
            _ => {
                let cap = self.read.max_size.saturating_mul(docx::Limits::FILE_FACTOR);
                let bytes = input::read_bytes(source, cap)?;
                docx::read_bytes(&bytes, limits).map(Input::Form)
            }
        }
    }

    /// Reads and checks one input, of any kind.
    pub fn validate(&self, source: &Source) -> Validated {
        match self.read(source) {
            Ok(input) => self.validate_input(source.name(), &input),
            Err(finding) => Validated {
                report: FileReport::new(source.name(), vec![*finding]),
                checked: None,
                kind: None,
            },
        }
    }

    /// Checks an input already read (named `file` in findings); findings are placed.
    pub fn validate_input(&self, file: String, input: &Input) -> Validated {
        let (findings, checked, edition) = self.check_input(input, true);
        Validated {
            report: FileReport {
                file,
                findings,
                edition: edition.map(|q| q.id.clone()),
            },
            checked,
            kind: Some(input.kind()),
        }
    }

    /// Checks text already read (named `file` in findings); findings are placed.
    pub fn validate_read(&self, file: String, text: &Text) -> Validated {
        self.validate_input(file, &Input::Text(text.clone()))
    }

    /// Reads and checks one input and keeps only its report, as small as it can be: what a
    /// batch run holds for each file while the others are checked.
    pub fn report(&self, source: &Source) -> FileReport {
        let mut report = match self.read(source) {
            Ok(input) => {
                let (findings, _, edition) = self.check_input(&input, false);
                drop(input);
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
        input: &Input,
        answers: bool,
    ) -> (Vec<Finding>, Option<Checked>, Option<&'q Questionnaire>) {
        let imported = match input {
            Input::Text(text) => match text.kind {
                Kind::Answers(format) => {
                    let (mut findings, checked, edition) =
                        self.check_text(&text.text, format, answers);
                    document::resolve_positions(&mut findings, &text.text);
                    return (findings, checked, edition);
                }
                Kind::Legacy | Kind::Docx => {
                    let q = self.edition_of(None, &text.text);
                    (crate::import::import(&text.text, q), q)
                }
            },
            Input::Form(form) => {
                let q = self.edition_of(form.questionnaire.as_deref(), &form.text());
                (crate::import::import_form(form, q), q)
            }
        };
        let (imported, q) = imported;
        let checked = Checked {
            answers: imported.answers,
            findings: Vec::new(),
        };
        (imported.findings, Some(checked), Some(q))
    }

    /// The edition a legacy text or a Word form is read as: `--questionnaire`, else the one the
    /// form names (its custom property) when it is a candidate, else the candidate whose
    /// question texts it holds most of.
    fn edition_of(&self, named: Option<&str>, text: &str) -> &'q Questionnaire {
        if let Some(q) = self.questionnaire {
            return q;
        }
        let builtins = || Questionnaire::builtin_ids().filter_map(Questionnaire::builtin_cached);
        let by_name = named.and_then(|id| match self.editions {
            Some(editions) => editions.iter().find(|q| q.id == id),
            None => builtins().find(|q| q.id == id),
        });
        by_name.unwrap_or_else(|| match self.editions {
            Some(editions) => crate::import::guess_edition(text, editions),
            None => crate::import::guess_edition(text, builtins()),
        })
    }

    /// The edition a legacy text is read as: `--questionnaire`, else the one among the
    /// candidates whose question texts it holds most of.
    pub fn legacy_edition(&self, text: &str) -> &'q Questionnaire {
        self.edition_of(None, text)
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
