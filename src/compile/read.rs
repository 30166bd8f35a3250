//! Reading and checking one input for `compile`: exactly as `validate` reads and checks it (the
//! same [`Validator`], so legacy text named on the command line too), with several `-q` naming
//! the editions files may answer.

use super::build::Response;
use super::topic::Layout;
use crate::document;
use crate::finding::Code;
use crate::input::{self, Kind, ReadOptions, Source, Text};
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
        let unparsed = report
            .findings
            .iter()
            .any(|f| matches!(f.code, Code::ParseError | Code::TooLarge));
        let entity_read = if checked.is_none() && unparsed {
            self.entity_of_unparsed(source)
        } else {
            None
        };
        Response {
            edition: checked.as_ref().and(report.edition),
            read_as: kind.map(|k| k.as_str().to_string()).unwrap_or_default(),
            answers: checked.map(|c| c.answers),
            file: report.file,
            findings: report.findings,
            unparsed,
            entity_read,
        }
    }

    /// The entity of a file that does not parse, read best-effort from its `entity` line (or,
    /// for legacy text, its first line); `None` when the file says nothing readable.
    fn entity_of_unparsed(&self, source: &Source) -> Option<String> {
        if !matches!(source, Source::File(_)) {
            return None;
        }
        let text = input::read(source, self.read).ok()?;
        match text.kind {
            Kind::Legacy => text
                .text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .filter(|l| !l.starts_with(|c: char| c.is_ascii_digit()))
                .map(str::to_string),
            Kind::Answers(_) => entity_line(&text.text),
            // A Word form that does not open has no text to read: its file name tells.
            Kind::Docx => None,
        }
    }
}

/// The value of the first `entity = "…"` (TOML) or `"entity": "…"` (JSON) line of a text that
/// may not parse as a whole.
pub fn entity_line(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let line = line.trim_start();
        let rest = line
            .strip_prefix("\"entity\"")
            .or_else(|| line.strip_prefix("entity"))?
            .trim_start();
        let rest = rest.strip_prefix(['=', ':'])?.trim_start();
        let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let mut value = String::new();
        let mut chars = rest[1..].chars();
        while let Some(c) = chars.next() {
            match c {
                c if c == quote => {
                    let value = value.trim().to_string();
                    return (!value.is_empty()).then_some(value);
                }
                '\\' if quote == '"' => value.push(chars.next()?),
                c => value.push(c),
            }
        }
        None
    })
}

/// A name read from a file's name, for a response that names no entity: its stem, with `_`
/// as spaces (`WMO_submission.toml` is `WMO submission`).
pub fn entity_of_file_name(file: &str) -> String {
    let stem = std::path::Path::new(file)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    stem.replace('_', " ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_entity_line_of_a_file_that_does_not_parse() {
        let cases = [
            (
                "entity = \"World Meteorological Organization (WMO)\"\nx = \"",
                Some("World Meteorological Organization (WMO)"),
            ),
            ("{\n  \"entity\": \"WFP\",\n  \"answers\": {", Some("WFP")),
            ("entity='UN Tourism'\n[", Some("UN Tourism")),
            (
                "entity = \"A \\\"quoted\\\" name\"",
                Some("A \"quoted\" name"),
            ),
            ("entity = \"unclosed\n", None),
            ("entity = [1]\n", None),
            ("entity_key = \"x\"\n", None),
            ("{ \"questionnaire\": \"hlpf-2024\", ", None),
        ];
        for (text, want) in cases {
            assert_eq!(entity_line(text).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn a_name_from_a_file_name() {
        assert_eq!(
            entity_of_file_name("subs/WMO_submission.toml"),
            "WMO submission"
        );
        assert_eq!(entity_of_file_name("ITU.json"), "ITU");
        assert_eq!(entity_of_file_name("-"), "-");
    }
}
