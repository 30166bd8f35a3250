//! Questionnaire definitions: the model, loading and checking a definition file, and the
//! built-in editions compiled into the binary.

mod applicable;
mod compiled;
mod edition;
pub mod limits;
mod load;

use std::fmt;
use std::path::Path;
use std::sync::OnceLock;

pub use applicable::{Applicable, applicable, flag_or_default, from_flag};
pub use edition::{Provenance, QuestionRef, ReviewSdgs, Status};
pub use load::{DefinitionError, parse_definition};
// The rule types a definition sets; `rules` owns them so that it never depends on this module.
pub use crate::rules::dates::Window;
pub use crate::rules::text::WordLimits;

/// The id of the questionnaire used when neither a flag nor an answers file names one: the newest
/// built-in edition whose definition is complete (a test keeps it so).
pub const DEFAULT_ID: &str = "hlpf-2024";

/// Built-in definitions, oldest first: (id, file name, TOML text).
const BUILTIN: &[(&str, &str, &str)] = &[
    (
        "hlpf-2024",
        "questionnaires/hlpf-2024.toml",
        include_str!("../../questionnaires/hlpf-2024.toml"),
    ),
    (
        "hlpf-2025",
        "questionnaires/hlpf-2025.toml",
        include_str!("../../questionnaires/hlpf-2025.toml"),
    ),
    (
        "hlpf-2026",
        "questionnaires/hlpf-2026.toml",
        include_str!("../../questionnaires/hlpf-2026.toml"),
    ),
];

/// A loaded, checked questionnaire definition.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Questionnaire {
    /// Stable id, e.g. `hlpf-2024`; answers files name it in `questionnaire`.
    pub id: String,
    /// Title shown to people.
    pub title: String,
    /// Edition, e.g. `HLPF 2024`.
    pub edition: Option<String>,
    /// Inclusive reporting window, for date fields that check it.
    pub reporting_window: Option<Window>,
    /// How sure the reporting window is.
    pub window_provenance: Provenance,
    /// The SDGs under in-depth review that year, if known.
    pub review_sdgs: Option<ReviewSdgs>,
    /// False when questions of the edition are not known yet and are left out: an answer to a
    /// question it does not know is then a `question-unknown` warning, not an `unknown-key` error.
    pub complete: bool,
    /// Questions in order.
    pub questions: Vec<Question>,
}

/// One question.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    /// Stable key under `[answers]`.
    pub id: String,
    /// Display number, e.g. `2` or `B.1`.
    pub number: String,
    /// The full question text.
    pub text: String,
    /// Whether leaving it unanswered is an error rather than a warning.
    pub required: bool,
    /// What kind of answer it takes.
    pub kind: QuestionKind,
    /// How sure the question (its text, kind and limits) is.
    pub provenance: Provenance,
    /// The question of an earlier built-in edition this one carries on from; checked on load to
    /// name an existing question of the same kind. Follow it with [`Questionnaire::lineage`].
    pub continues: Option<QuestionRef>,
}

/// The kinds of answer a question takes.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum QuestionKind {
    /// Free text.
    Text(WordLimits),
    /// A list of records, each with the same fields.
    Records(Records),
    /// A choice of names from a list, plus free text.
    ChoicesText(ChoicesText),
}

/// A repeating-records question.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Records {
    /// What one record is called, singular: `event`.
    pub record_label: String,
    /// Most records allowed.
    pub max_records: Option<usize>,
    /// Fields in order; the first one names a record.
    pub fields: Vec<Field>,
}

/// A question answered by picking from a list and writing text.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ChoicesText {
    /// Key of the list of chosen names in the answer table.
    pub choices_key: String,
    /// Key of the free text in the answer table.
    pub text_key: String,
    /// What the choices are, for prompts: `High-Impact Initiatives`.
    pub choices_label: String,
    /// The names to choose from.
    pub choices: Vec<String>,
    /// Limits on the free text.
    pub words: WordLimits,
}

/// One field of a record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Field {
    /// Key in the record.
    pub id: String,
    /// Label on the form (also what the legacy layout prints).
    pub label: String,
    /// What kind of value it holds.
    pub kind: FieldKind,
    /// Required when the record exists.
    pub required: bool,
    /// Word limits (text fields).
    pub words: WordLimits,
    /// Whether `all` is accepted (lists of organisations or countries).
    pub allow_all: bool,
    /// Whether days outside the reporting window get a `date-window` warning (dates).
    pub check_window: bool,
    /// How sure the field (its label and kind) is.
    pub provenance: Provenance,
}

/// The kinds of value a record field holds, spelled in definitions as [`FieldKind::as_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// Paragraphs of text.
    Paragraphs,
    /// A set of SDGs, 1-17, or all.
    Sdgs,
    /// A date or a start and end date.
    Dates,
    /// One or more `{ city, country }`.
    Places,
    /// An http(s) URL.
    Url,
    /// ISO 639-1 codes.
    Languages,
    /// Names of organisations.
    Organisations,
    /// UN Member States.
    Countries,
}

impl FieldKind {
    /// Every kind, in the spelling definitions use.
    pub const ALL: &'static [(FieldKind, &'static str)] = &[
        (FieldKind::Line, "line"),
        (FieldKind::Paragraphs, "paragraphs"),
        (FieldKind::Sdgs, "sdgs"),
        (FieldKind::Dates, "dates"),
        (FieldKind::Places, "places"),
        (FieldKind::Url, "url"),
        (FieldKind::Languages, "languages"),
        (FieldKind::Organisations, "organisations"),
        (FieldKind::Countries, "countries"),
    ];

    /// The spelling definitions use.
    pub fn as_str(self) -> &'static str {
        FieldKind::ALL
            .iter()
            .find(|(k, _)| *k == self)
            .map_or("?", |(_, s)| s)
    }

    /// Kinds whose value is free text, to which word limits apply.
    pub fn is_text(self) -> bool {
        matches!(self, FieldKind::Line | FieldKind::Paragraphs)
    }

    /// Kinds whose value is a list of names.
    pub fn is_list(self) -> bool {
        matches!(
            self,
            FieldKind::Languages | FieldKind::Organisations | FieldKind::Countries
        )
    }
}

impl Field {
    /// The form label up to its first parenthesis or colon: `Description`, `Event Location`.
    pub fn short_label(&self) -> &str {
        short_label(&self.label)
    }
}

/// A form label up to its first parenthesis or colon: the part people call the field by.
pub fn short_label(label: &str) -> &str {
    label.split(['(', ':']).next().unwrap_or(label).trim()
}

impl fmt::Display for FieldKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Questionnaire {
    /// The question with this id.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The built-in default questionnaire.
    pub fn default_builtin() -> Questionnaire {
        Questionnaire::builtin(DEFAULT_ID)
            .and_then(Result::ok)
            .expect("the default questionnaire is built in and checked by the test suite")
    }

    /// A built-in questionnaire by id. Built-ins are checked by the test suite, and read in their
    /// compiled form (`compiled.rs`).
    pub fn builtin(id: &str) -> Option<Result<Questionnaire, DefinitionError>> {
        BUILTIN
            .iter()
            .position(|(builtin, _, _)| *builtin == id)
            .map(compiled::builtin)
    }

    /// A built-in questionnaire by id, parsed once per process.
    pub fn builtin_cached(id: &str) -> Option<&'static Questionnaire> {
        static CACHE: [OnceLock<Option<Questionnaire>>; BUILTIN.len()] =
            [const { OnceLock::new() }; BUILTIN.len()];
        let index = BUILTIN.iter().position(|(builtin, _, _)| *builtin == id)?;
        CACHE[index]
            .get_or_init(|| Questionnaire::builtin(id).and_then(Result::ok))
            .as_ref()
    }

    /// Ids of the built-in questionnaires, oldest first.
    pub fn builtin_ids() -> impl Iterator<Item = &'static str> {
        BUILTIN.iter().map(|(id, _, _)| *id)
    }

    /// The id of the newest built-in edition whose definition is complete: the default.
    pub fn newest_complete_id() -> Option<&'static str> {
        BUILTIN
            .iter()
            .rev()
            .map(|(id, _, _)| *id)
            .find(|id| Questionnaire::builtin_cached(id).is_some_and(|q| q.complete))
    }

    /// Loads a definition from a file.
    pub fn from_file(path: &Path) -> Result<Questionnaire, DefinitionError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| DefinitionError {
            file: name.clone(),
            position: None,
            message: format!("cannot read the definition: {}", crate::text::io_reason(&e)),
        })?;
        parse_definition(text.strip_prefix('\u{feff}').unwrap_or(&text), &name)
    }

    /// Resolves `--questionnaire`: a built-in id, else a path to a definition file.
    pub fn resolve(id_or_path: &str) -> Result<Questionnaire, DefinitionError> {
        if let Some(builtin) = Questionnaire::builtin(id_or_path) {
            return builtin;
        }
        let path = Path::new(id_or_path);
        if path.exists() {
            return Questionnaire::from_file(path);
        }
        let known: Vec<_> = Questionnaire::builtin_ids().collect();
        Err(DefinitionError {
            file: id_or_path.to_string(),
            position: None,
            message: format!(
                "no built-in questionnaire has the id `{id_or_path}` and no such file exists (built-in: {})",
                known.join(", ")
            ),
        })
    }
}

impl Question {
    /// What kind of answer it takes, in a word.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            QuestionKind::Text(_) => "text",
            QuestionKind::Records(_) => "records",
            QuestionKind::ChoicesText(_) => "choices-text",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_loads() {
        for id in Questionnaire::builtin_ids() {
            let q = Questionnaire::builtin(id).unwrap().unwrap();
            assert_eq!(q.id, id);
        }
    }

    #[test]
    fn the_default_has_six_questions_in_order() {
        let q = Questionnaire::default_builtin();
        let numbers: Vec<_> = q.questions.iter().map(|q| q.number.as_str()).collect();
        assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
        let ids: Vec<_> = q.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "governing_body",
                "events",
                "resources",
                "high_impact",
                "initiatives",
                "recommendations"
            ]
        );
    }

    #[test]
    fn field_kinds_are_spelled_as_definitions_spell_them() {
        #[derive(serde::Deserialize)]
        struct One {
            kind: FieldKind,
        }
        for (kind, name) in FieldKind::ALL {
            let one: One = toml::from_str(&format!("kind = \"{name}\"")).unwrap();
            assert_eq!(one.kind, *kind);
            assert_eq!(kind.as_str(), *name);
        }
    }

    #[test]
    fn the_default_is_the_newest_complete_edition() {
        assert_eq!(Questionnaire::newest_complete_id(), Some(DEFAULT_ID));
        let ids: Vec<_> = Questionnaire::builtin_ids().collect();
        let mut sorted = ids.clone();
        sorted.sort();
        assert_eq!(ids, sorted, "built-ins are listed oldest first");
    }

    #[test]
    fn resolve_reports_unknown_ids() {
        let e = Questionnaire::resolve("hlpf-1999").unwrap_err();
        assert!(e.message.contains("hlpf-2024"), "{}", e.message);
    }
}
