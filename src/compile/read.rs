//! Reading and checking one input for `compile`: exactly as `validate` reads and checks it (the
//! same [`Validator`], so legacy text named on the command line too), with several `-q` naming
//! the editions files may answer.

use super::build::Response;
use super::topic::Layout;
use crate::document;
use crate::input::{Kind, ReadOptions, Source, Text};
use crate::questionnaire::Questionnaire;
use crate::validate::{Input, Validated, Validator};

/// Reads and checks inputs; shared by the worker threads.
pub struct Reader<'a> {
    /// `-q` as given: one is every file's edition; several are editions files may name.
    pub flags: &'a [Questionnaire],
    /// The editions compiled.
    pub layout: &'a Layout,
    /// How inputs are read.
    pub read: ReadOptions,
}

impl Reader<'_> {
    /// Reads and checks one input; never fails: what goes wrong is a finding.
    pub fn read(&self, source: &Source) -> Response {
        let validator = |questionnaire| Validator {
            questionnaire,
            read: self.read,
            editions: Some(&self.layout.editions),
        };
        let validated = match self.flags {
            [] => validator(None).validate(source),
            [one] => validator(Some(one)).validate(source),
            // Several: each file against the one its `questionnaire` key names, else as
            // `validate` without `-q`.
            several => {
                // The edition a file names: an answers file's `questionnaire` key, a Word form's
                // property.
                let validator = validator(None);
                match validator.read(source) {
                    Ok(input) => {
                        let key = match &input {
                            Input::Text(Text {
                                text,
                                kind: Kind::Answers(format),
                            }) => document::parse(text, *format).ok().and_then(|doc| {
                                crate::check::questionnaire_key(&doc).map(str::to_string)
                            }),
                            Input::Form(form) => form.questionnaire.clone(),
                            Input::Text(_) => None,
                        };
                        let flag = key.and_then(|key| several.iter().find(|q| q.id == key));
                        Validator {
                            questionnaire: flag,
                            ..validator
                        }
                        .validate_input(source.name(), &input)
                    }
                    Err(finding) => Validated {
                        report: crate::report::FileReport::new(source.name(), vec![*finding]),
                        checked: None,
                        kind: None,
                    },
                }
            }
        };
        let Validated {
            report,
            checked,
            kind,
        } = validated;
        Response {
            edition: checked.as_ref().and(report.edition),
            read_as: kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
            answers: checked.map(|c| c.answers),
            file: report.file,
            findings: report.findings,
        }
    }
}
