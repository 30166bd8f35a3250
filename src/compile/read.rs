//! Reading and checking one input for `compile`: answers files exactly as `validate` does (the
//! same [`Validator`]), and legacy text files named on the command line through `import`, with
//! the edition from `-q` or the best match of the question headers.

use super::build::Response;
use super::topic::Layout;
use crate::document::{self, Format};
use crate::input::{self, ReadOptions, Source};
use crate::questionnaire::{DEFAULT_ID, Questionnaire};
use crate::text::fold;
use crate::validate::{Validator, resolve_positions};

/// Reads and checks inputs; shared by the worker threads.
pub struct Reader<'a> {
    /// `-q` as given: one is every file's edition; several are editions files may name.
    pub flags: &'a [Questionnaire],
    /// The editions compiled.
    pub layout: &'a Layout,
    /// How inputs are read.
    pub read: ReadOptions,
}

/// A file named `*.txt`: the legacy text layout.
pub fn is_legacy(source: &Source) -> bool {
    matches!(source, Source::File(path) if path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("txt")))
}

impl Reader<'_> {
    /// Reads and checks one input; never fails: what goes wrong is a finding.
    pub fn read(&self, source: &Source) -> Response {
        if is_legacy(source) {
            return self.legacy(source);
        }
        let single = match self.flags {
            [one] => Some(one),
            _ => None,
        };
        if single.is_none() && !self.flags.is_empty() {
            return self.named(source);
        }
        let validated = Validator {
            questionnaire: single,
            read: self.read,
        }
        .validate(source);
        let edition = validated.checked.as_ref().map(|c| {
            single
                .map(|q| q.id.clone())
                .or_else(|| c.answers.questionnaire.clone())
                .unwrap_or_else(|| DEFAULT_ID.to_string())
        });
        Response {
            file: validated.report.file,
            read_as: validated
                .format
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
            edition,
            answers: validated.checked.map(|c| c.answers),
            findings: validated.report.findings,
        }
    }

    /// With several `-q`: each file against the one its `questionnaire` key names, else as
    /// `validate` without `-q`.
    fn named(&self, source: &Source) -> Response {
        let file = source.name();
        let text = match input::read(source, self.read) {
            Ok(text) => text,
            Err(finding) => return unread(file, *finding),
        };
        let key = document::parse(&text.text, text.format)
            .ok()
            .and_then(|doc| crate::check::questionnaire_key(&doc).map(str::to_string));
        let flag = key
            .as_deref()
            .and_then(|key| self.flags.iter().find(|q| q.id == key));
        let validator = Validator {
            questionnaire: flag,
            read: self.read,
        };
        let (mut findings, checked) = validator.validate_text(&text.text, text.format);
        resolve_positions(&mut findings, &text.text);
        let edition = checked.as_ref().map(|c| {
            flag.map(|q| q.id.clone())
                .or_else(|| c.answers.questionnaire.clone())
                .unwrap_or_else(|| DEFAULT_ID.to_string())
        });
        Response {
            file,
            read_as: text.format.as_str().to_string(),
            edition,
            answers: checked.map(|c| c.answers),
            findings,
        }
    }

    fn legacy(&self, source: &Source) -> Response {
        let file = source.name();
        let read = ReadOptions {
            format: Some(Format::Toml),
            ..self.read
        };
        let text = match input::read(source, read) {
            Ok(text) => text.text,
            Err(finding) => return unread(file, *finding),
        };
        let q = match self.flags {
            [one] => one,
            _ => best_match(&text, &self.layout.editions),
        };
        let imported = crate::import::import(&text, q);
        Response {
            file,
            read_as: "legacy text".to_string(),
            edition: Some(q.id.clone()),
            answers: Some(imported.answers),
            findings: imported.findings,
        }
    }
}

fn unread(file: String, finding: crate::finding::Finding) -> Response {
    Response {
        file,
        read_as: String::new(),
        edition: None,
        answers: None,
        findings: vec![finding],
    }
}

/// The edition whose question texts the legacy text holds most of (the first on a tie).
pub fn best_match<'q>(text: &str, editions: &'q [Questionnaire]) -> &'q Questionnaire {
    let folded = fold(text);
    let score = |q: &Questionnaire| {
        q.questions
            .iter()
            .filter(|question| {
                let opening: String = question
                    .text
                    .split_whitespace()
                    .take(10)
                    .collect::<Vec<_>>()
                    .join(" ");
                let key = fold(&opening);
                !key.is_empty() && folded.contains(&key)
            })
            .count()
    };
    let mut best: Option<(&Questionnaire, usize)> = None;
    for q in editions {
        let s = score(q);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((q, s));
        }
    }
    best.map(|(q, _)| q).unwrap_or_else(|| {
        Questionnaire::builtin_cached(DEFAULT_ID).expect("the default questionnaire is built in")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edition_of_a_legacy_text_is_the_one_whose_questions_it_holds() {
        let hlpf = Questionnaire::default_builtin();
        let pilot = crate::questionnaire::parse_definition(
            include_str!("../../tests/data/pilot-2026.toml"),
            "pilot-2026.toml",
        )
        .unwrap();
        let editions = vec![hlpf.clone(), pilot.clone()];
        let legacy = include_str!("../../tests/data/legacy-example.txt");
        assert_eq!(best_match(legacy, &editions).id, "hlpf-2024");
        let pilot_text = format!(
            "Entity\n{}. {}\nSome answer\n",
            pilot.questions[0].number, pilot.questions[0].text
        );
        assert_eq!(best_match(&pilot_text, &editions).id, "pilot-2026");
        assert_eq!(best_match("nothing", &editions).id, "hlpf-2024");
        assert!(is_legacy(&Source::File("old/answers.TXT".into())));
        assert!(!is_legacy(&Source::File("a.toml".into())));
    }
}
