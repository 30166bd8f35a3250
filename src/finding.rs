//! Findings: what a check says about an answers file, as data.

use std::fmt;

use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something a person should look at, which DESA could still accept.
    Warning,
    /// A broken hard rule: the file is not valid.
    Error,
}

impl Severity {
    /// The lowercase name used in every output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

macro_rules! codes {
    ($($variant:ident => $name:literal, $severity:ident, $what:literal;)*) => {
        /// A stable, kebab-case finding code. Codes are part of the interface and never renamed.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code { $(#[doc = $what] $variant,)* }

        impl Code {
            /// Every code, in the order `docs/reference.md` lists them.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The stable kebab-case id, e.g. `word-limit`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity every finding of this code has.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// When a finding of this code is given, in a few words.
            pub fn description(self) -> &'static str {
                match self { $(Code::$variant => $what,)* }
            }
        }
    };
}

codes! {
    ParseError => "parse-error", Error, "not valid TOML/JSON, not UTF-8, binary";
    Unreadable => "unreadable", Error, "missing, no permission, symlink loop, a folder where a file is needed";
    TooLarge => "too-large", Error, "larger than `--max-size` (default 10 MiB); not read";
    QuestionnaireUnknown => "questionnaire-unknown", Error, "no built-in or file questionnaire has that id";
    QuestionnaireMismatch => "questionnaire-mismatch", Error, "the file's `questionnaire` differs from `--questionnaire`";
    UnknownKey => "unknown-key", Error, "a key the definition does not have";
    WrongType => "wrong-type", Error, "a value of the wrong type, e.g. a float where SDG numbers belong";
    Required => "required", Error, "a required key or record field missing or not answered";
    WordLimit => "word-limit", Error, "over a question's or field's word maximum";
    WordMinimum => "word-minimum", Warning, "under a word minimum";
    SdgRange => "sdg-range", Error, "an SDG outside 1-17";
    SdgDuplicate => "sdg-duplicate", Error, "the same SDG twice";
    TooManyRecords => "too-many-records", Error, "more records than the question allows";
    DateInvalid => "date-invalid", Error, "not a date qfill can read";
    DateOrder => "date-order", Error, "end date before start date";
    DateNoYear => "date-no-year", Warning, "a date without a year";
    DateWindow => "date-window", Warning, "a day outside the reporting window";
    UrlInvalid => "url-invalid", Error, "not an absolute http(s) URL";
    UrlBareDomain => "url-bare-domain", Warning, "a domain without `https://`";
    Pending => "pending", Warning, "`TBD`, `To be determined`, `Forthcoming`";
    LanguageUnknown => "language-unknown", Warning, "not an ISO 639-1 code or language name";
    CountryUnknown => "country-unknown", Warning, "no country matches";
    NotMemberState => "not-member-state", Warning, "a territory or an organisation listed as a Member State";
    NotAnswered => "not-answered", Warning, "a whole question left unanswered";
    NonCanonical => "non-canonical", Warning, "a value written the human way that qfill rewrites";
    ChoiceUnknown => "choice-unknown", Warning, "a choice that is not in the definition's list";
    DuplicateRecord => "duplicate-record", Warning, "two records of a question with the same name";
    Draft => "draft", Warning, "the file still has `fill`'s `[draft]` table";
    StrayNumber => "stray-number", Warning, "import only: a Word list number skipped";
    UnplacedText => "unplaced-text", Warning, "import only: text kept in `notes`";
    QuestionUnknown => "question-unknown", Warning, "an answer to a question an incomplete edition does not know yet; kept as written";
    Truncated => "truncated", Warning, "compile only: a text longer than a spreadsheet cell holds, cut with a marker";
    RosterAmbiguous => "roster-ambiguous", Warning, "compile only: a response's entity matches more than one roster entry";
    DuplicateEntity => "duplicate-entity", Warning, "compile only: two different answers from one entity (same entity key) in one edition";
    NotesAnswers => "notes-answers", Warning, "`notes` hold answers to a question (as `migrate` writes them); says which question";
    TrackedChanges => "tracked-changes", Warning, "a .docx with changes not yet accepted; read as if accepted";
    Comments => "comments", Warning, "a .docx with comments; they are never read as answers";
    SkippedText => "skipped-text", Warning, "text in a .docx part that holds no answer field (text box, footnote, header); kept in `notes`";
    Placeholder => "placeholder", Warning, "a .docx field still showing its placeholder; read as empty";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// One step of a path into a document: a key or a 0-based index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Segment {
    /// A table key.
    Key(String),
    /// An array index, 0-based.
    Index(usize),
}

/// A path into a document, from its root.
pub type DocPath = Vec<Segment>;

/// Renders a document path as an answer path: `events[0].description`.
///
/// Answers live under `[answers]`, so that first key is left out: the path a person reads is the
/// one of the question.
pub fn answer_path(path: &[Segment]) -> String {
    let rest = match path.first() {
        Some(Segment::Key(k)) if k == "answers" && path.len() > 1 => &path[1..],
        _ => path,
    };
    let mut out = String::new();
    for segment in rest {
        match segment {
            Segment::Key(k) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// Where in the source a finding points, before it is turned into a line and column.
///
/// TOML gives byte offsets while parsing; JSON is parsed without spans for speed, so its findings
/// carry the document path and are located only when a file has findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Anchor {
    /// No place in the file (the whole file, or a missing root key).
    #[default]
    None,
    /// A byte offset into the source text.
    Offset(usize),
    /// A value (or, with `key`, the key naming it) to look up by path.
    Path {
        /// The document path of the value.
        path: DocPath,
        /// Point at the key rather than at the value.
        key: bool,
    },
}

/// Where a finding points in a document that has no lines (a Word form): a paragraph or a table
/// row a person can find in Word, and where that is on the questionnaire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The paragraph or table row.
    pub spot: Spot,
    /// Where it is on the questionnaire, in words: `question 5, initiative 3`.
    pub within: Option<String>,
}

/// A paragraph or a table row of a Word form, counted as a person counts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spot {
    /// The Nth paragraph outside tables, 1-based, in document order.
    Paragraph(usize),
    /// Row `row` of table `table`, both 1-based; tables are counted in document order.
    Row {
        /// The table.
        table: usize,
        /// The row.
        row: usize,
    },
}

impl fmt::Display for Spot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Spot::Paragraph(n) => write!(f, "paragraph {n}"),
            Spot::Row { table, row } => write!(f, "table {table}, row {row}"),
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.within {
            Some(within) => write!(f, "{within} ({})", self.spot),
            None => write!(f, "{}", self.spot),
        }
    }
}

/// In JSON a place adds `table` and `row`, or `paragraph`, beside the finding's `path`.
impl Serialize for Place {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        match self.spot {
            Spot::Paragraph(n) => map.serialize_entry("paragraph", &n)?,
            Spot::Row { table, row } => {
                map.serialize_entry("table", &table)?;
                map.serialize_entry("row", &row)?;
            }
        }
        map.end()
    }
}

/// One thing a check found in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// `error` or `warning`; set by the code.
    pub severity: Severity,
    /// The stable code.
    pub code: Code,
    /// The answer path, `""` for the whole file.
    pub path: String,
    /// 1-based line, if the finding has a place.
    pub line: Option<usize>,
    /// 1-based column in characters, if the finding has a place.
    pub column: Option<usize>,
    /// The paragraph or table row, in a document without lines (a Word form).
    #[serde(flatten)]
    pub place: Option<Place>,
    /// What is wrong, naming the path and values.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// Where it points before positions are resolved.
    #[serde(skip)]
    pub anchor: Anchor,
    /// The path as data, from the root of the document (`answers`, the question id, ...);
    /// [`Finding::path`] is its rendering.
    #[serde(skip)]
    pub at: DocPath,
    /// The message without its subject: `has 153 words, the limit is 150`.
    #[serde(skip)]
    pub predicate: String,
    /// The values the message was rendered from.
    #[serde(skip)]
    pub params: Params,
}

/// The values a finding's message names, kept as data so that it can be rendered in other terms.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    /// How many there are: words, records.
    pub count: Option<usize>,
    /// The limit broken: a word maximum or minimum, the most records allowed.
    pub limit: Option<usize>,
    /// The value as written, trimmed, where the finding is about one.
    pub value: Option<String>,
}

impl Finding {
    /// A finding with the severity its code has.
    pub fn new(code: Code, path: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: code.severity(),
            code,
            path: path.into(),
            line: None,
            column: None,
            place: None,
            message: message.into(),
            hint: None,
            anchor: Anchor::None,
            at: DocPath::new(),
            predicate: String::new(),
            params: Params::default(),
        }
    }

    /// The id of the question the finding is about, if it is under `[answers]`.
    pub fn question(&self) -> Option<&str> {
        match self.at.as_slice() {
            [Segment::Key(answers), Segment::Key(id), ..] if answers == "answers" => Some(id),
            _ => None,
        }
    }

    /// The 0-based record number, if the finding is inside a record.
    pub fn record(&self) -> Option<usize> {
        match self.at.get(2) {
            Some(Segment::Index(i)) if self.question().is_some() => Some(*i),
            _ => None,
        }
    }

    /// The id of the record field the finding is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self.at.get(3) {
            Some(Segment::Key(id)) if self.record().is_some() => Some(id),
            _ => None,
        }
    }

    /// True if the finding is about the value at `path` or anything inside it.
    pub fn is_within(&self, path: &[Segment]) -> bool {
        self.at.starts_with(path)
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Sets where the finding points.
    pub fn at(mut self, anchor: Anchor) -> Self {
        self.anchor = anchor;
        self
    }

    /// Sets a resolved line and column.
    pub fn at_position(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    /// Sets the paragraph or table row a finding in a Word form points at.
    pub fn at_place(mut self, place: Place) -> Self {
        self.place = Some(place);
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_paths_drop_the_answers_table() {
        let cases: &[(&[Segment], &str)] = &[
            (&[], ""),
            (&[Segment::Key("entity".into())], "entity"),
            (&[Segment::Key("answers".into())], "answers"),
            (
                &[
                    Segment::Key("answers".into()),
                    Segment::Key("initiatives".into()),
                    Segment::Index(5),
                    Segment::Key("description".into()),
                ],
                "initiatives[5].description",
            ),
            (
                &[Segment::Key("contact".into()), Segment::Key("email".into())],
                "contact.email",
            ),
        ];
        for (path, want) in cases {
            assert_eq!(answer_path(path), *want);
        }
    }

    #[test]
    fn codes_are_kebab_case_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for code in Code::ALL {
            let s = code.as_str();
            assert!(s.chars().all(|c| c.is_ascii_lowercase() || c == '-'), "{s}");
            assert!(seen.insert(s), "duplicate code {s}");
        }
        assert_eq!(Code::ALL.len(), 39);
    }

    #[test]
    fn structured_paths_name_question_record_and_field() {
        let key = |k: &str| Segment::Key(k.to_string());
        let mut f = Finding::new(Code::WordLimit, "initiatives[1].description", "");
        f.at = vec![
            key("answers"),
            key("initiatives"),
            Segment::Index(1),
            key("description"),
        ];
        assert_eq!(f.question(), Some("initiatives"));
        assert_eq!(f.record(), Some(1));
        assert_eq!(f.field(), Some("description"));
        assert!(f.is_within(&[key("answers"), key("initiatives")]));
        assert!(!f.is_within(&[key("answers"), key("events")]));
        f.at = vec![key("contact"), key("email")];
        assert_eq!((f.question(), f.record(), f.field()), (None, None, None));
        f.at = vec![key("answers"), key("high_impact"), key("initiatives")];
        assert_eq!(f.question(), Some("high_impact"));
        assert_eq!((f.record(), f.field()), (None, None));
    }

    #[test]
    fn places_read_as_a_person_finds_them_and_add_their_numbers_to_json() {
        let row = Place {
            spot: Spot::Row { table: 14, row: 5 },
            within: Some("question 5, initiative 3".into()),
        };
        let paragraph = Place {
            spot: Spot::Paragraph(41),
            within: None,
        };
        assert_eq!(
            row.to_string(),
            "question 5, initiative 3 (table 14, row 5)"
        );
        assert_eq!(paragraph.to_string(), "paragraph 41");
        let finding = Finding::new(Code::Pending, "initiatives[2].website", "m").at_place(row);
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(
            (json["table"].as_u64(), json["row"].as_u64()),
            (Some(14), Some(5))
        );
        assert_eq!(json["path"], "initiatives[2].website");
        assert!(json.get("paragraph").is_none());
        let json = serde_json::to_value(Finding::new(Code::Pending, "", "m").at_place(paragraph));
        assert_eq!(json.unwrap()["paragraph"].as_u64(), Some(41));
        let json = serde_json::to_value(Finding::new(Code::Pending, "", "m")).unwrap();
        assert!(json.get("table").is_none() && json.get("paragraph").is_none());
    }

    #[test]
    fn severity_comes_from_the_code() {
        assert_eq!(
            Finding::new(Code::WordLimit, "", "").severity,
            Severity::Error
        );
        assert_eq!(
            Finding::new(Code::WordMinimum, "", "").severity,
            Severity::Warning
        );
    }
}
