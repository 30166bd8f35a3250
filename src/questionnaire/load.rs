//! Reading a definition file: serde types that mirror the TOML, then checks that serde cannot
//! express (duplicate ids, min above max, keys that do not fit the kind), each reported with its
//! file, line and column.

use std::collections::HashSet;
use std::ops::Range;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;

use super::{
    ChoicesText, Field, FieldKind, Provenance, Question, QuestionKind, QuestionRef, Questionnaire,
    Records, ReviewSdgs, Status, Window, WordLimits, limits,
};
use crate::document::line_column;

/// A definition that could not be loaded: where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {message}", .position.map(|(l, c)| format!(":{l}:{c}")).unwrap_or_default())]
pub struct DefinitionError {
    /// The definition file (or the id that was asked for).
    pub file: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DefinitionFile {
    id: Spanned<String>,
    title: String,
    edition: Option<String>,
    reporting_window: Option<Spanned<WindowDef>>,
    review_sdgs: Option<Spanned<ReviewSdgsDef>>,
    complete: Option<bool>,
    questions: Vec<QuestionDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WindowDef {
    start: toml::value::Datetime,
    end: toml::value::Datetime,
    provenance: Option<ProvenanceDef>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct ProvenanceDef {
    status: Status,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(
    untagged,
    expecting = "a list of SDGs such as `[3, 5, 8, 14, 17]`, or `{ goals = [...], provenance = { status = \"assumed\" } }`"
)]
enum ReviewSdgsDef {
    Goals(Vec<i64>),
    Table(ReviewSdgsTable),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewSdgsTable {
    goals: Vec<i64>,
    provenance: Option<ProvenanceDef>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QuestionDef {
    id: Spanned<String>,
    number: Spanned<String>,
    text: String,
    kind: Spanned<QuestionKindDef>,
    #[serde(default)]
    required: bool,
    min_words: Option<usize>,
    max_words: Option<Spanned<usize>>,
    record_label: Option<String>,
    max_records: Option<Spanned<usize>>,
    #[serde(default)]
    fields: Vec<FieldDef>,
    choices_key: Option<Spanned<String>>,
    text_key: Option<Spanned<String>>,
    choices_label: Option<String>,
    choices: Option<Spanned<Vec<Spanned<String>>>>,
    provenance: Option<Spanned<ProvenanceDef>>,
    continues: Option<Spanned<String>>,
}

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
enum QuestionKindDef {
    Text,
    Records,
    ChoicesText,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FieldDef {
    id: Spanned<String>,
    label: String,
    kind: Spanned<FieldKind>,
    #[serde(default)]
    required: bool,
    min_words: Option<usize>,
    max_words: Option<Spanned<usize>>,
    allow_all: Option<Spanned<bool>>,
    check_window: Option<Spanned<bool>>,
    provenance: Option<Spanned<ProvenanceDef>>,
}

/// Parses and checks a definition; `file` names it in errors.
pub fn parse_definition(text: &str, file: &str) -> Result<Questionnaire, DefinitionError> {
    let checker = Checker { text, file };
    let def: DefinitionFile = toml::from_str(text).map_err(|e| {
        checker.error(
            e.span(),
            e.message().lines().next().unwrap_or("invalid definition"),
        )
    })?;
    checker.check(def)
}

struct Checker<'a> {
    text: &'a str,
    file: &'a str,
}

impl Checker<'_> {
    fn error(&self, span: Option<Range<usize>>, message: impl Into<String>) -> DefinitionError {
        DefinitionError {
            file: self.file.to_string(),
            position: span.map(|s| line_column(self.text, s.start)),
            message: message.into(),
        }
    }

    fn check(&self, def: DefinitionFile) -> Result<Questionnaire, DefinitionError> {
        self.check_id(&def.id, "questionnaire id")?;
        let (reporting_window, window_provenance) = match def.reporting_window {
            Some(window) => {
                let provenance =
                    self.provenance(window.get_ref().provenance.clone(), window.span())?;
                (Some(self.window(&window)?), provenance)
            }
            None => (None, Provenance::default()),
        };
        let review_sdgs = match def.review_sdgs {
            Some(review) => Some(self.review_sdgs(review)?),
            None => None,
        };
        if def.questions.is_empty() {
            return Err(self.error(None, "a questionnaire needs at least one `[[questions]]`"));
        }
        let mut ids = HashSet::new();
        let mut numbers = HashSet::new();
        let mut questions = Vec::with_capacity(def.questions.len());
        for q in def.questions {
            self.check_id(&q.id, "question id")?;
            if !ids.insert(q.id.get_ref().clone()) {
                return Err(self.error(
                    Some(q.id.span()),
                    format!("duplicate question id `{}`", q.id.get_ref()),
                ));
            }
            if !numbers.insert(q.number.get_ref().clone()) {
                return Err(self.error(
                    Some(q.number.span()),
                    format!("duplicate question number `{}`", q.number.get_ref()),
                ));
            }
            questions.push(self.question(q, reporting_window.is_some(), def.id.get_ref())?);
        }
        Ok(Questionnaire {
            id: def.id.into_inner(),
            title: def.title,
            edition: def.edition,
            reporting_window,
            window_provenance,
            review_sdgs,
            complete: def.complete.unwrap_or(true),
            questions,
        })
    }

    fn provenance(
        &self,
        def: Option<ProvenanceDef>,
        span: Range<usize>,
    ) -> Result<Provenance, DefinitionError> {
        let Some(def) = def else {
            return Ok(Provenance::default());
        };
        if let Some(source) = &def.source {
            let web = url::Url::parse(source)
                .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
            if !web {
                return Err(self.error(
                    Some(span),
                    format!("the provenance `source` `{source}` is not an http(s) URL"),
                ));
            }
        }
        Ok(Provenance {
            status: def.status,
            source: def.source,
        })
    }

    fn review_sdgs(&self, def: Spanned<ReviewSdgsDef>) -> Result<ReviewSdgs, DefinitionError> {
        let span = def.span();
        let (goals, provenance) = match def.into_inner() {
            ReviewSdgsDef::Goals(goals) => (goals, None),
            ReviewSdgsDef::Table(table) => (table.goals, table.provenance),
        };
        let mut checked = Vec::with_capacity(goals.len());
        for goal in goals {
            match u8::try_from(goal) {
                Ok(g @ 1..=17) if !checked.contains(&g) => checked.push(g),
                Ok(g @ 1..=17) => {
                    return Err(
                        self.error(Some(span), format!("`review_sdgs` names SDG {g} twice"))
                    );
                }
                _ => {
                    return Err(self.error(
                        Some(span),
                        format!("`review_sdgs` holds {goal}, SDGs are 1 to 17"),
                    ));
                }
            }
        }
        checked.sort_unstable();
        Ok(ReviewSdgs {
            goals: checked,
            provenance: self.provenance(provenance, span)?,
        })
    }

    /// Resolves `continues`: a question of another built-in edition, of the same kind.
    fn continues(
        &self,
        link: Spanned<String>,
        own_edition: &str,
        kind: &QuestionKind,
    ) -> Result<QuestionRef, DefinitionError> {
        let span = link.span();
        let Some(target) = QuestionRef::parse(link.get_ref()) else {
            return Err(self.error(
                Some(span),
                format!(
                    "`continues` is `{}`, an edition and a question are expected, e.g. `hlpf-2024.events`",
                    link.get_ref()
                ),
            ));
        };
        if target.edition == own_edition {
            return Err(self.error(
                Some(span),
                format!(
                    "`continues` names `{target}`, a question of this edition: it must name an earlier one"
                ),
            ));
        }
        let Some(edition) = Questionnaire::builtin_cached(&target.edition) else {
            let known: Vec<_> = Questionnaire::builtin_ids().collect();
            return Err(self.error(
                Some(span),
                format!(
                    "`continues` names `{target}`, but no built-in edition has the id `{}` (built-in: {})",
                    target.edition,
                    known.join(", ")
                ),
            ));
        };
        let Some(question) = edition.question(&target.question) else {
            let ids: Vec<&str> = edition.questions.iter().map(|q| q.id.as_str()).collect();
            return Err(self.error(
                Some(span),
                format!(
                    "`continues` names `{target}`, but `{}` has no question `{}` (its questions: {})",
                    target.edition,
                    target.question,
                    ids.join(", ")
                ),
            ));
        };
        if std::mem::discriminant(&question.kind) != std::mem::discriminant(kind) {
            return Err(self.error(
                Some(span),
                format!(
                    "`continues` names `{target}`, a `{}` question, but this one is `{}`: answers could not move between them",
                    question.kind_name(),
                    kind_label(kind)
                ),
            ));
        }
        Ok(target)
    }

    fn check_id(&self, id: &Spanned<String>, what: &str) -> Result<(), DefinitionError> {
        let s = id.get_ref();
        let valid = !s.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-');
        if valid {
            Ok(())
        } else {
            Err(self.error(
                Some(id.span()),
                format!("{what} `{s}` must start with a-z and hold only a-z, 0-9, `_` and `-`"),
            ))
        }
    }

    fn window(&self, window: &Spanned<WindowDef>) -> Result<Window, DefinitionError> {
        let day = |d: &toml::value::Datetime| -> Result<Date, DefinitionError> {
            match (d.date, d.time) {
                (Some(date), None) => Date::new(date.year as i16, date.month as i8, date.day as i8)
                    .map_err(|e| self.error(Some(window.span()), format!("invalid date: {e}"))),
                _ => Err(self.error(
                    Some(window.span()),
                    "the reporting window takes plain dates, e.g. `start = 2022-11-01`",
                )),
            }
        };
        let start = day(&window.get_ref().start)?;
        let end = day(&window.get_ref().end)?;
        if end < start {
            return Err(self.error(
                Some(window.span()),
                format!("the reporting window ends ({end}) before it starts ({start})"),
            ));
        }
        Ok(Window { start, end })
    }

    fn limits(
        &self,
        min: Option<usize>,
        max: Option<Spanned<usize>>,
    ) -> Result<WordLimits, DefinitionError> {
        if let (Some(min), Some(max)) = (min, &max)
            && min > *max.get_ref()
        {
            return Err(self.error(
                Some(max.span()),
                format!(
                    "`min_words` ({min}) is more than `max_words` ({})",
                    max.get_ref()
                ),
            ));
        }
        if let Some(max) = &max
            && *max.get_ref() == 0
        {
            return Err(self.error(Some(max.span()), "`max_words` must be at least 1"));
        }
        Ok(WordLimits {
            min,
            max: max.map(Spanned::into_inner),
        })
    }

    fn question(
        &self,
        q: QuestionDef,
        has_window: bool,
        own_edition: &str,
    ) -> Result<Question, DefinitionError> {
        let kind = *q.kind.get_ref();
        let misplaced = |present: bool, key: &str, span: Range<usize>| {
            if present {
                Err(self.error(
                    Some(span),
                    format!(
                        "`{key}` does not apply to a question of kind `{}`",
                        kind_name(kind)
                    ),
                ))
            } else {
                Ok(())
            }
        };
        let kind_span = q.kind.span();
        if kind != QuestionKindDef::Records {
            misplaced(q.record_label.is_some(), "record_label", kind_span.clone())?;
            if let Some(max) = &q.max_records {
                misplaced(true, "max_records", max.span())?;
            }
            if let Some(field) = q.fields.first() {
                misplaced(true, "fields", field.id.span())?;
            }
        }
        if kind != QuestionKindDef::ChoicesText {
            for key in [&q.choices_key, &q.text_key].into_iter().flatten() {
                misplaced(true, "choices_key/text_key", key.span())?;
            }
            if let Some(choices) = &q.choices {
                misplaced(true, "choices", choices.span())?;
            }
            misplaced(
                q.choices_label.is_some(),
                "choices_label",
                kind_span.clone(),
            )?;
        }
        let words = self.limits(q.min_words, q.max_words)?;
        let kind = match kind {
            QuestionKindDef::Text => QuestionKind::Text(words),
            QuestionKindDef::Records => {
                if q.min_words.is_some() || words.max.is_some() {
                    return Err(self.error(
                        Some(kind_span),
                        "a records question has no word limits itself: put them on its fields",
                    ));
                }
                if q.fields.is_empty() {
                    return Err(self.error(
                        Some(kind_span),
                        "a records question needs at least one `[[questions.fields]]`",
                    ));
                }
                let max_records = match q.max_records {
                    Some(max) if *max.get_ref() == 0 => {
                        return Err(
                            self.error(Some(max.span()), "`max_records` must be at least 1")
                        );
                    }
                    max => max.map(Spanned::into_inner),
                };
                let mut ids = HashSet::new();
                let mut fields = Vec::with_capacity(q.fields.len());
                for f in q.fields {
                    self.check_id(&f.id, "field id")?;
                    if !ids.insert(f.id.get_ref().clone()) {
                        return Err(self.error(
                            Some(f.id.span()),
                            format!("duplicate field id `{}`", f.id.get_ref()),
                        ));
                    }
                    fields.push(self.field(f, has_window)?);
                }
                QuestionKind::Records(Records {
                    record_label: q.record_label.unwrap_or_else(|| "record".to_string()),
                    max_records,
                    fields,
                })
            }
            QuestionKindDef::ChoicesText => {
                let Some(choices) = q.choices else {
                    return Err(self.error(
                        Some(kind_span),
                        "a `choices-text` question needs a `choices` list",
                    ));
                };
                let mut seen = HashSet::new();
                for choice in choices.get_ref() {
                    if fold_is_empty(choice.get_ref()) {
                        return Err(self.error(Some(choice.span()), "a choice has no name"));
                    }
                    if !seen.insert(crate::text::fold(choice.get_ref())) {
                        return Err(self.error(
                            Some(choice.span()),
                            format!("duplicate choice `{}`", choice.get_ref()),
                        ));
                    }
                }
                let choices_key = q.choices_key.map_or("selected".into(), Spanned::into_inner);
                let text_key = q.text_key.map_or("text".into(), Spanned::into_inner);
                if choices_key == text_key {
                    return Err(
                        self.error(Some(kind_span), "`choices_key` and `text_key` must differ")
                    );
                }
                QuestionKind::ChoicesText(ChoicesText {
                    choices_key,
                    text_key,
                    choices_label: q.choices_label.unwrap_or_else(|| "choices".to_string()),
                    choices: choices
                        .into_inner()
                        .into_iter()
                        .map(Spanned::into_inner)
                        .collect(),
                    words,
                })
            }
        };
        if q.text.trim().is_empty() {
            return Err(self.error(Some(kind_span), "the question has no `text`"));
        }
        if let Some(phrase) = limits::find(&q.text) {
            return Err(self.error(
                Some(kind_span),
                format!(
                    "the text of question `{}` holds the word limit `{}`: limits are data, write them as `min_words`/`max_words` and leave them out of the text",
                    q.id.get_ref(),
                    phrase.text(&q.text)
                ),
            ));
        }
        let provenance = match q.provenance {
            Some(p) => {
                let span = p.span();
                self.provenance(Some(p.into_inner()), span)?
            }
            None => Provenance::default(),
        };
        let continues = match q.continues {
            Some(link) => Some(self.continues(link, own_edition, &kind)?),
            None => None,
        };
        Ok(Question {
            id: q.id.into_inner(),
            number: q.number.into_inner(),
            text: q.text.trim().to_string(),
            required: q.required,
            kind,
            provenance,
            continues,
        })
    }

    fn field(&self, f: FieldDef, has_window: bool) -> Result<Field, DefinitionError> {
        let kind = *f.kind.get_ref();
        let words = self.limits(f.min_words, f.max_words)?;
        if !kind.is_text() && (words.min.is_some() || words.max.is_some()) {
            return Err(self.error(
                Some(f.kind.span()),
                format!("word limits apply to `line` and `paragraphs` fields, not `{kind}`"),
            ));
        }
        if let Some(all) = &f.allow_all
            && !matches!(kind, FieldKind::Organisations | FieldKind::Countries)
        {
            return Err(self.error(
                Some(all.span()),
                format!(
                    "`allow_all` applies to `organisations` and `countries` fields, not `{kind}`"
                ),
            ));
        }
        if let Some(check) = &f.check_window {
            if kind != FieldKind::Dates {
                return Err(self.error(
                    Some(check.span()),
                    format!("`check_window` applies to `dates` fields, not `{kind}`"),
                ));
            }
            if *check.get_ref() && !has_window {
                return Err(self.error(
                    Some(check.span()),
                    "`check_window` needs a `reporting_window` at the top of the definition",
                ));
            }
        }
        if fold_is_empty(&f.label) {
            return Err(self.error(
                Some(f.id.span()),
                format!(
                    "field `{}` has no `label` (its form label is needed to import and to ask)",
                    f.id.get_ref()
                ),
            ));
        }
        let provenance = match f.provenance {
            Some(p) => {
                let span = p.span();
                self.provenance(Some(p.into_inner()), span)?
            }
            None => Provenance::default(),
        };
        Ok(Field {
            provenance,
            id: f.id.into_inner(),
            label: f.label,
            kind,
            required: f.required,
            words,
            allow_all: f.allow_all.is_some_and(Spanned::into_inner),
            check_window: f.check_window.is_some_and(Spanned::into_inner),
        })
    }
}

fn fold_is_empty(label: &str) -> bool {
    crate::text::fold(label).is_empty()
}

fn kind_label(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Text(_) => "text",
        QuestionKind::Records(_) => "records",
        QuestionKind::ChoicesText(_) => "choices-text",
    }
}

fn kind_name(kind: QuestionKindDef) -> &'static str {
    match kind {
        QuestionKindDef::Text => "text",
        QuestionKindDef::Records => "records",
        QuestionKindDef::ChoicesText => "choices-text",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
id = "mini"
title = "Mini"

[[questions]]
id = "q1"
number = "1"
text = "Why?"
kind = "text"
max_words = 10
"#;

    fn error_for(text: &str) -> DefinitionError {
        parse_definition(text, "def.toml").unwrap_err()
    }

    #[test]
    fn a_minimal_definition_loads() {
        let q = parse_definition(MINIMAL, "def.toml").unwrap();
        assert_eq!(
            q.questions[0].kind,
            QuestionKind::Text(WordLimits {
                min: None,
                max: Some(10)
            })
        );
    }

    #[test]
    fn editions_provenance_and_links() {
        let head = "id = \"x\"\ntitle = \"X\"\n";
        let q = |rest: &str| {
            format!(
                "{head}{rest}\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"records\"\nREST\n[[questions.fields]]\nid = \"name\"\nlabel = \"Name\"\nkind = \"line\""
            )
        };
        let ok = parse_definition(
            &q("complete = false\nreview_sdgs = { goals = [17, 3], provenance = { status = \"assumed\" } }\nreporting_window = { start = 2024-01-01, end = 2024-12-31, provenance = { status = \"partial\", source = \"https://example.org/a\" } }")
                .replace("REST", "continues = \"hlpf-2024.events\"\nprovenance = { status = \"partial\" }"),
            "def.toml",
        )
        .unwrap();
        assert!(!ok.complete);
        assert_eq!(ok.review_sdgs.as_ref().unwrap().goals, [3, 17]);
        assert_eq!(ok.review_sdgs.unwrap().provenance.status, Status::Assumed);
        assert_eq!(ok.window_provenance.status, Status::Partial);
        assert_eq!(ok.questions[0].provenance.status, Status::Partial);
        assert_eq!(
            ok.questions[0].continues.as_ref().unwrap().to_string(),
            "hlpf-2024.events"
        );
        let broken: &[(&str, &str, &str)] = &[
            (
                "",
                "continues = \"hlpf-1999.events\"",
                "no built-in edition has the id `hlpf-1999`",
            ),
            (
                "",
                "continues = \"hlpf-2024.evnts\"",
                "`hlpf-2024` has no question `evnts`",
            ),
            (
                "",
                "continues = \"hlpf-2024.governing_body\"",
                "a `text` question, but this one is `records`",
            ),
            ("", "continues = \"x.a\"", "a question of this edition"),
            (
                "",
                "continues = \"events\"",
                "an edition and a question are expected",
            ),
            (
                "",
                "provenance = { status = \"rumoured\" }",
                "unknown variant `rumoured`",
            ),
            (
                "",
                "provenance = { status = \"verified\", source = \"example.org\" }",
                "not an http(s) URL",
            ),
            ("review_sdgs = [3, 18]", "", "SDGs are 1 to 17"),
            ("review_sdgs = [3, 3]", "", "names SDG 3 twice"),
            ("review_sdgs = \"3\"", "", "a list of SDGs"),
        ];
        for (top, inside, want) in broken {
            let text = q(top).replace("REST", inside);
            let e = error_for(&text);
            assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
            assert!(e.position.is_some(), "{want}");
        }
        let e = error_for(&MINIMAL.replace("Why?", "Why? (Max 200 words)"));
        assert!(
            e.message.contains("holds the word limit `(Max 200 words)`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn broken_definitions_say_where() {
        let cases: &[(&str, &str, (usize, usize))] = &[
            (
                "id = \"x\"\ntitle = \"X\"\ncolour = 1\nquestions = []",
                "unknown field `colour`",
                (3, 1),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"essay\"",
                "unknown variant `essay`",
                (7, 8),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"text\"\n[[questions]]\nid = \"a\"\nnumber = \"2\"\ntext = \"t\"\nkind = \"text\"",
                "duplicate question id `a`",
                (9, 6),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"text\"\nmin_words = 20\nmax_words = 10",
                "`min_words` (20) is more than `max_words` (10)",
                (9, 13),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"records\"\n[[questions.fields]]\nid = \"f\"\nlabel = \"F\"\nkind = \"blob\"",
                "unknown variant `blob`",
                (11, 8),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"records\"\nmax_records = 0\n[[questions.fields]]\nid = \"f\"\nlabel = \"F\"\nkind = \"line\"",
                "`max_records` must be at least 1",
                (8, 15),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\nreporting_window = { start = 2024-01-01, end = 2023-01-01 }\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"text\"",
                "ends (2023-01-01) before it starts",
                (3, 20),
            ),
            (
                "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"records\"\n[[questions.fields]]\nid = \"f\"\nlabel = \"F\"\nkind = \"sdgs\"\nmax_words = 5",
                "word limits apply to `line` and `paragraphs` fields, not `sdgs`",
                (11, 8),
            ),
        ];
        for (text, want, position) in cases {
            let e = error_for(text);
            assert!(e.message.contains(want), "{want:?} not in {:?}", e.message);
            assert_eq!(e.position, Some(*position), "{want}");
            assert!(e.to_string().starts_with("def.toml:"), "{e}");
        }
    }
}
