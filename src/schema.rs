//! The JSON Schema (draft 2020-12) of answers files for a questionnaire, derived from its
//! definition, for editors (completion, hovers, squiggles) and for other tools.
//!
//! It describes what the checker accepts without an error: the canonical form first (which
//! editors offer for completion), then the forms written the human way that qfill reads with a
//! `non-canonical` warning. What a schema cannot say (word counts, dates that exist, country
//! names) is left to `qfill validate` and written in the descriptions.

use serde_json::{Map, Value, json};

use crate::questionnaire::{
    ChoicesText, Field, FieldKind, Question, QuestionKind, Questionnaire, Records, WordLimits,
};

/// The dialect the schema is written in.
pub const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

/// The JSON Schema of answers files for `q`.
pub fn answers_schema(q: &Questionnaire) -> Value {
    let mut properties = Map::new();
    properties.insert(
        "questionnaire".into(),
        json!({
            "title": "Questionnaire",
            "description": format!("The questionnaire these answers are for: `{}`.", q.id),
            "const": q.id,
        }),
    );
    properties.insert(
        "entity".into(),
        json!({
            "title": "Entity",
            "description": "The name of your organization, with its acronym.",
            "type": "string",
            "pattern": "\\S",
            "examples": ["Global Water Resilience Institute (GWRI)"],
        }),
    );
    properties.insert(
        "contact".into(),
        json!({
            "title": "Contact",
            "description": "The focal point for this response.",
            "type": "object",
            "properties": {
                "name": { "title": "Name", "type": "string" },
                "email": { "title": "Email", "type": "string" },
            },
            "additionalProperties": false,
        }),
    );
    properties.insert(
        "submitted".into(),
        json!({
            "title": "Submitted",
            "description": "The day the response was submitted, as an ISO date.",
            "type": "string",
            "examples": ["2024-02-15"],
        }),
    );
    properties.insert(
        "notes".into(),
        json!({
            "title": "Notes",
            "description": "Remarks, and text an import could not place.",
            "type": "array",
            "items": { "type": "string" },
        }),
    );
    let ids: Vec<&str> = q.questions.iter().map(|q| q.id.as_str()).collect();
    properties.insert(
        "draft".into(),
        json!({
            "title": "Draft",
            "description": "Where `qfill fill` stopped; a finished response has no draft table.",
            "type": "object",
            "properties": {
                "next": { "title": "Next question", "enum": ids },
                "skipped": {
                    "title": "Skipped questions",
                    "type": "array",
                    "items": { "enum": ids },
                },
                "asked": {
                    "title": "Fields asked so far",
                    "description": "Per question with records, per record, the ids of the fields asked.",
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": { "type": "array", "items": { "type": "string" } },
                    },
                },
                "typed": {
                    "title": "Text being typed",
                    "type": "object",
                    "properties": {
                        "question": { "enum": ids },
                        "record": { "type": "integer", "minimum": 1 },
                        "field": { "type": "string" },
                        "text": { "type": "string" },
                    },
                    "required": ["question", "text"],
                    "additionalProperties": false,
                },
                "carried": {
                    "title": "Carried from another edition",
                    "description": "Written by `qfill migrate`: the edition the answers came from, and the questions whose wording, limit or window changed, which `qfill fill` asks again.",
                    "type": "object",
                    "properties": {
                        "from": { "type": "string" },
                        "questions": { "type": "array", "items": { "enum": ids } },
                    },
                    "required": ["from"],
                    "additionalProperties": false,
                },
            },
            "additionalProperties": false,
        }),
    );
    let answers: Map<String, Value> = q
        .questions
        .iter()
        .map(|question| (question.id.clone(), question_schema(question)))
        .collect();
    properties.insert(
        "answers".into(),
        json!({
            "title": "Answers",
            "description": "One key per question; a question left out is not answered.",
            "type": "object",
            "properties": answers,
            // An incomplete edition does not know every question: answers to the others are
            // `question-unknown` warnings, not errors.
            "additionalProperties": !q.complete,
        }),
    );
    let title = match &q.edition {
        Some(edition) => format!("{} ({edition})", q.title),
        None => q.title.clone(),
    };
    json!({
        "$schema": DIALECT,
        "title": title,
        "description": format!(
            "An answers file for the questionnaire `{}`, as `qfill validate` checks it.",
            q.id
        ),
        "type": "object",
        "properties": properties,
        "required": ["questionnaire", "entity"],
        "additionalProperties": false,
    })
}

fn question_schema(question: &Question) -> Value {
    let title = format!("Question {}", question.number);
    let text = question.text.trim();
    match &question.kind {
        QuestionKind::Text(words) => json!({
            "title": title,
            "description": join([text, &word_rule(*words)]),
            "type": "string",
        }),
        QuestionKind::Records(records) => records_schema(title, text, records),
        QuestionKind::ChoicesText(choices) => choices_schema(title, text, choices),
    }
}

/// A string in place of a whole answer: `N/A` and the like, a `not-answered` warning.
fn not_answered() -> Value {
    json!({
        "type": "string",
        "description": "`N/A`, `No response` or `TBD`: not answered (yet).",
        "examples": ["N/A"],
    })
}

fn records_schema(title: String, text: &str, records: &Records) -> Value {
    let label = &records.record_label;
    let properties: Map<String, Value> = records
        .fields
        .iter()
        .map(|field| (field.id.clone(), field_schema(field)))
        .collect();
    let required: Vec<&str> = records
        .fields
        .iter()
        .filter(|f| f.required)
        .map(|f| f.id.as_str())
        .collect();
    let record = json!({
        "title": capitalise(label),
        "type": "object",
        "properties": properties,
        "required": required,
        "additionalProperties": false,
    });
    let mut list = json!({
        "type": "array",
        "description": format!("One table per {label}; an empty list means none."),
        "items": record,
    });
    let count = match records.max_records {
        Some(max) => {
            list["maxItems"] = json!(max);
            format!("At most {max} {label}s.")
        }
        None => format!("Any number of {label}s."),
    };
    json!({
        "title": title,
        "description": join([text, &count]),
        "anyOf": [list, not_answered()],
    })
}

fn choices_schema(title: String, text: &str, choices: &ChoicesText) -> Value {
    let mut properties = Map::new();
    let name = json!({
        // The names of the list first, for completion; another name is a warning only.
        "anyOf": [{ "enum": choices.choices }, { "type": "string" }],
    });
    properties.insert(
        choices.choices_key.clone(),
        json!({
            "title": choices.choices_label,
            "description": format!(
                "Names from the list of {}; another name gets a `choice-unknown` warning.",
                choices.choices_label
            ),
            "anyOf": [{ "type": "array", "items": name }, { "type": "string" }],
        }),
    );
    properties.insert(
        choices.text_key.clone(),
        json!({
            "title": "Text",
            "description": word_rule(choices.words),
            "type": "string",
        }),
    );
    json!({
        "title": title,
        "description": text,
        "anyOf": [
            { "type": "object", "properties": properties, "additionalProperties": false },
            { "type": "string", "description": "Text alone: a `non-canonical` warning." },
        ],
    })
}

fn field_schema(field: &Field) -> Value {
    let (rule, mut schema) = match field.kind {
        FieldKind::Line | FieldKind::Paragraphs => {
            (word_rule(field.words), json!({ "type": "string" }))
        }
        FieldKind::Sdgs => (
            "SDG numbers 1 to 17, e.g. `[6, 13]`, or `\"all\"`.".to_string(),
            sdgs_schema(),
        ),
        FieldKind::Dates => (
            "An ISO date, `\"2023-03-30\"`, or a span, `{ start = \"2023-03-30\", end = \"2023-03-31\" }`."
                .to_string(),
            dates_schema(),
        ),
        FieldKind::Places => (
            "`{ city, country }`, or a list of them.".to_string(),
            places_schema(),
        ),
        FieldKind::Url => (
            "An absolute http(s) URL.".to_string(),
            json!({ "type": "string", "examples": ["https://www.example.org"] }),
        ),
        FieldKind::Languages => (
            "ISO 639-1 codes, e.g. `[\"en\", \"fr\"]`; language names are read too.".to_string(),
            names_schema(field, &["en", "fr", "es"]),
        ),
        FieldKind::Organisations => (
            "Names of organisations.".to_string(),
            names_schema(field, &[]),
        ),
        FieldKind::Countries => (
            "UN Member States by name, e.g. `[\"Senegal\", \"Gambia\"]`.".to_string(),
            names_schema(field, &["Senegal", "Gambia"]),
        ),
    };
    let all = if field.allow_all {
        "`\"all\"` for all of them."
    } else {
        ""
    };
    let required = if field.required {
        "Required."
    } else {
        "Optional."
    };
    let description = join([field.label.trim(), required, &rule, all]);
    let object = schema.as_object_mut().expect("field schemas are objects");
    // Title and description first, where people read them.
    let mut out = Map::new();
    out.insert("title".into(), json!(field.short_label()));
    out.insert("description".into(), json!(description));
    out.append(object);
    Value::Object(out)
}

fn sdgs_schema() -> Value {
    let goal = json!({ "type": "integer", "minimum": 1, "maximum": 17 });
    json!({
        "anyOf": [
            {
                "type": "array",
                // A goal written as text, `"SDG 13"`, is read with a warning.
                "items": { "anyOf": [goal, { "type": "string" }] },
                "minItems": 1,
                "uniqueItems": true,
            },
            { "const": "all" },
            { "type": "string", "description": "SDGs written as text, e.g. `1, 3 and 5`: a `non-canonical` warning." },
            goal,
        ],
        "examples": [[6, 13], "all"],
    })
}

fn dates_schema() -> Value {
    // The ends of a span are ISO dates (a TOML date-time gives its day); only a single date may
    // be written in words.
    let iso = json!({ "type": "string", "pattern": "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}" });
    json!({
        "anyOf": [
            {
                "type": "string",
                "description": "An ISO date; a date in words, e.g. `30-31 March 2023`, is read with a `non-canonical` warning.",
            },
            {
                "type": "object",
                "properties": { "start": iso, "end": iso },
                "required": ["start", "end"],
                "additionalProperties": false,
            },
        ],
        "examples": ["2023-03-30", { "start": "2023-03-30", "end": "2023-03-31" }],
    })
}

fn places_schema() -> Value {
    let place = json!({
        "type": "object",
        "properties": {
            "city": { "title": "City", "type": "string" },
            "country": { "title": "Country", "description": "A UN Member State.", "type": "string" },
        },
        "required": ["city", "country"],
        "additionalProperties": false,
    });
    let as_text = json!({
        "type": "string",
        "description": "`City, Country`: a `non-canonical` warning.",
    });
    json!({
        "anyOf": [
            place,
            { "type": "array", "items": { "anyOf": [place, as_text] }, "minItems": 1 },
            as_text,
        ],
    })
}

fn names_schema(field: &Field, examples: &[&str]) -> Value {
    let mut list = json!({ "type": "array", "items": { "type": "string" } });
    if field.required {
        list["minItems"] = json!(1);
    }
    if !examples.is_empty() {
        list["examples"] = json!([examples]);
    }
    let mut any_of = vec![list];
    if field.allow_all {
        any_of.push(json!({ "const": "all" }));
    }
    any_of.push(json!({
        "type": "string",
        "description": "A list written as text, `A, B and C`: a `non-canonical` warning.",
    }));
    json!({ "anyOf": any_of })
}

fn word_rule(words: WordLimits) -> String {
    match (words.min, words.max) {
        (Some(min), Some(max)) => format!("{min} to {max} words."),
        (Some(min), None) => format!("At least {min} words."),
        (None, Some(max)) => format!("At most {max} words."),
        (None, None) => String::new(),
    }
}

/// Sentences joined by spaces, the empty ones left out.
fn join<const N: usize>(parts: [&str; N]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_level_keys_are_the_ones_the_checker_knows() {
        let schema = answers_schema(&Questionnaire::default_builtin());
        let keys: Vec<&str> = schema["properties"]
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, crate::check::TOP_LEVEL_KEYS);
    }

    #[test]
    fn the_schema_follows_the_definition() {
        let q = Questionnaire::default_builtin();
        let schema = answers_schema(&q);
        assert_eq!(schema["$schema"], DIALECT);
        assert_eq!(schema["required"], json!(["questionnaire", "entity"]));
        assert_eq!(schema["properties"]["questionnaire"]["const"], "hlpf-2024");
        let answers = &schema["properties"]["answers"]["properties"];
        let keys: Vec<&String> = answers.as_object().unwrap().keys().collect();
        let ids: Vec<&String> = q.questions.iter().map(|q| &q.id).collect();
        assert_eq!(keys, ids);
        let resources = &answers["resources"];
        assert_eq!(resources["title"], "Question 3");
        let list = &resources["anyOf"][0];
        assert_eq!(list["maxItems"], 3);
        assert_eq!(list["items"]["additionalProperties"], false);
        let sdgs = &list["items"]["properties"]["sdgs"];
        assert_eq!(sdgs["title"], "Relevant SDGs");
        assert_eq!(sdgs["anyOf"][0]["uniqueItems"], true);
        assert_eq!(answers["events"]["anyOf"][0].get("maxItems"), None);
        let description = &answers["events"]["anyOf"][0]["items"]["properties"]["description"];
        assert_eq!(description["title"], "Description");
        assert!(
            description["description"]
                .as_str()
                .unwrap()
                .ends_with("Required. At most 150 words."),
            "{description}"
        );
        let high_impact = &answers["high_impact"]["anyOf"][0]["properties"]["initiatives"];
        let names = &high_impact["anyOf"][0]["items"]["anyOf"][0]["enum"];
        assert!(
            names
                .as_array()
                .unwrap()
                .contains(&json!("Early Warnings for All"))
        );
    }
}
