//! A response in canonical form, and writing it as TOML or JSON in questionnaire order.

use serde_json::Value as Json;

use crate::document::{Entry, Format, Node, Value};
use crate::rules::dates::Dates;
pub use crate::rules::places::Place;
use crate::rules::sdgs::SdgSet;

/// A response, normalised: what `export` and `fmt` write and what `fill` builds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answers {
    /// Id of the questionnaire answered.
    pub questionnaire: Option<String>,
    /// The responding entity.
    pub entity: Option<Scalar>,
    /// Optional contact.
    pub contact: Vec<(String, Scalar)>,
    /// Optional submission date.
    pub submitted: Option<Scalar>,
    /// Remarks, and text an import could not place.
    pub notes: Vec<String>,
    /// `fill`'s progress, while the response is a draft.
    pub draft: Option<Draft>,
    /// Answers by question id, in questionnaire order.
    pub answers: Vec<(String, Answer)>,
    /// Keys the definition does not have, kept as written so that nothing is lost.
    pub extra: Vec<(String, Node)>,
}

/// A single value: canonical text, or a value kept exactly as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    /// Canonical text (also ISO dates).
    Text(String),
    /// Kept as written.
    Raw(Node),
}

/// Where `fill` stopped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Id of the next question to ask.
    pub next: Option<String>,
    /// Ids of questions the person skipped.
    pub skipped: Vec<String>,
    /// Per records question, for each of its records in order, the ids of the fields `fill` has
    /// asked (answered or left empty); `None` in drafts written before `fill` kept it.
    pub asked: Option<Vec<(String, Vec<Vec<String>>)>>,
    /// The text being typed when the draft was saved, offered back on resume.
    pub typed: Option<Typed>,
    /// Answers `migrate` carried from another edition whose question changed, until `fill` has
    /// been through them.
    pub carried: Option<Carried>,
}

impl Draft {
    /// Whether the draft holds `fill`'s progress (a walk to resume), not only what `migrate`
    /// carried.
    pub fn has_progress(&self) -> bool {
        self.next.is_some()
            || self.asked.is_some()
            || self.typed.is_some()
            || !self.skipped.is_empty()
    }
}

/// `[draft.carried]`: where `migrate` carried the answers from, and the questions whose wording,
/// limit or window changed on the way, to be looked at again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Carried {
    /// The edition the answers came from.
    pub from: String,
    /// Ids of the questions to look at again, in question order.
    pub questions: Vec<String>,
}

/// A text being typed, not yet confirmed, and the answer it belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Typed {
    /// The question's id.
    pub question: String,
    /// The 0-based record, for a record's field.
    pub record: Option<usize>,
    /// The field's id, for a record's field.
    pub field: Option<String>,
    /// The text as typed so far.
    pub text: String,
}

impl Draft {
    /// The `[draft]` table.
    fn to_node(&self) -> Node {
        let mut table = Vec::new();
        if let Some(next) = &self.next {
            table.push(entry("next", text_node(next)));
        }
        // A draft that only says what `migrate` carried has no walk to record.
        if self.has_progress() || self.carried.is_none() {
            table.push(entry("skipped", texts_node(&self.skipped)));
        }
        if let Some(asked) = &self.asked {
            let asked = asked
                .iter()
                .map(|(id, records)| {
                    let records = records.iter().map(|r| texts_node(r)).collect();
                    entry(id, Node::new(Value::Array(records)))
                })
                .collect();
            table.push(entry("asked", Node::new(Value::Table(asked))));
        }
        if let Some(typed) = &self.typed {
            let mut t = vec![entry("question", text_node(&typed.question))];
            if let Some(record) = typed.record {
                let one_based = i64::try_from(record).map_or(i64::MAX, |r| r.saturating_add(1));
                t.push(entry("record", Node::new(Value::Integer(one_based))));
            }
            if let Some(field) = &typed.field {
                t.push(entry("field", text_node(field)));
            }
            t.push(entry("text", text_node(&typed.text)));
            table.push(entry("typed", Node::new(Value::Table(t))));
        }
        if let Some(carried) = &self.carried {
            table.push(entry(
                "carried",
                Node::new(Value::Table(vec![
                    entry("from", text_node(&carried.from)),
                    entry("questions", texts_node(&carried.questions)),
                ])),
            ));
        }
        Node::new(Value::Table(table))
    }
}

/// The answer to one question.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Free text.
    Text(String),
    /// Records; an empty list means "none".
    Records(Vec<Record>),
    /// Chosen names and free text.
    Choices {
        /// Key of the chosen names.
        choices_key: String,
        /// The chosen names (canonical where they matched the list).
        selected: Option<Vec<String>>,
        /// Key of the text.
        text_key: String,
        /// The text.
        text: Option<String>,
        /// Keys the definition does not have.
        extra: Vec<(String, Node)>,
    },
    /// Kept as written (not answered, or not readable).
    Raw(Node),
}

impl Answer {
    /// Whether this is a "not answered" marker kept as written (`No response`, `N/A`, empty).
    pub fn is_not_answered(&self) -> bool {
        matches!(self, Answer::Raw(node)
            if node.as_str().and_then(crate::rules::text::marker) == Some(crate::rules::text::Marker::NotAnswered))
    }
}

/// One record: field values in definition order, then unknown keys as written.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// (field id, value).
    pub fields: Vec<(String, FieldValue)>,
}

/// A record field's value in canonical form.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Text, a URL.
    Text(String),
    /// An SDG set.
    Sdgs(SdgSet),
    /// A day or span.
    Dates(Dates),
    /// Places.
    Places(Vec<Place>),
    /// Names or codes.
    List(Vec<String>),
    /// `all`.
    All,
    /// Kept as written.
    Raw(Node),
}

impl FieldValue {
    /// The value as one line of plain text, the way a person types it and the legacy form held
    /// it: `1, 13`, `2023-03-30 to 2023-03-31`, `Apia, Samoa; Dakar, Senegal`, `en; fr`.
    pub fn to_plain(&self) -> String {
        match self {
            FieldValue::Text(t) => t.clone(),
            FieldValue::Sdgs(SdgSet::All) | FieldValue::All => "all".to_string(),
            FieldValue::Sdgs(SdgSet::Goals(goals)) => goals
                .iter()
                .map(u8::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            FieldValue::Dates(Dates::Day(d)) => d.to_string(),
            FieldValue::Dates(Dates::Span { start, end }) => format!("{start} to {end}"),
            FieldValue::Places(places) => places
                .iter()
                .map(Place::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            // Semicolons: names of organisations may hold commas.
            FieldValue::List(items) => items.join("; "),
            FieldValue::Raw(node) => match node.as_str() {
                Some(s) => s.to_string(),
                None => node_json(node).to_string(),
            },
        }
    }
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.city, &self.country) {
            (Some(city), Some(country)) => write!(f, "{city}, {country}"),
            (Some(one), None) | (None, Some(one)) => f.write_str(one),
            (None, None) => Ok(()),
        }
    }
}

impl Answers {
    /// The answer to a question, if present.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.answers.iter().find(|(k, _)| k == id).map(|(_, a)| a)
    }

    /// The response as an ordered JSON value: the canonical tree, as JSON.
    pub fn to_json_value(&self) -> Json {
        node_json(&self.to_node())
    }

    /// The canonical tree of the response, as a file holding it would parse: what `fill` checks,
    /// and what the TOML and JSON writers serialise.
    pub fn to_node(&self) -> Node {
        let mut root = Vec::new();
        if let Some(id) = &self.questionnaire {
            root.push(entry("questionnaire", text_node(id)));
        }
        if let Some(entity) = &self.entity {
            root.push(entry("entity", scalar_node(entity)));
        }
        if let Some(submitted) = &self.submitted {
            root.push(entry("submitted", scalar_node(submitted)));
        }
        if !self.notes.is_empty() {
            root.push(entry("notes", texts_node(&self.notes)));
        }
        if !self.contact.is_empty() {
            let contact = self
                .contact
                .iter()
                .map(|(k, v)| entry(k, scalar_node(v)))
                .collect();
            root.push(entry("contact", Node::new(Value::Table(contact))));
        }
        if let Some(draft) = &self.draft {
            root.push(entry("draft", draft.to_node()));
        }
        let answers = self
            .answers
            .iter()
            .map(|(id, answer)| entry(id, answer_node(answer)))
            .collect();
        root.push(entry("answers", Node::new(Value::Table(answers))));
        for (key, node) in &self.extra {
            root.push(entry(key, node.clone()));
        }
        Node::new(Value::Table(root))
    }

    /// The response as text in a format.
    pub fn to_text(&self, format: Format) -> String {
        match format {
            Format::Json => {
                let mut text =
                    serde_json::to_string_pretty(&self.to_json_value()).unwrap_or_default();
                text.push('\n');
                text
            }
            Format::Toml => toml_text(&self.to_node()),
        }
    }
}

fn entry(key: &str, node: Node) -> Entry {
    Entry {
        key: key.into(),
        key_span: None,
        node,
    }
}

fn text_node(s: &str) -> Node {
    Node::new(Value::String(s.into()))
}

fn texts_node(items: &[String]) -> Node {
    Node::new(Value::Array(items.iter().map(|s| text_node(s)).collect()))
}

fn scalar_node(s: &Scalar) -> Node {
    match s {
        Scalar::Text(t) => text_node(t),
        Scalar::Raw(node) => node.clone(),
    }
}

fn answer_node(answer: &Answer) -> Node {
    match answer {
        Answer::Text(t) => text_node(t),
        Answer::Records(records) => Node::new(Value::Array(
            records
                .iter()
                .map(|r| {
                    let fields = r.fields.iter().map(|(id, v)| entry(id, field_node(v)));
                    Node::new(Value::Table(fields.collect()))
                })
                .collect(),
        )),
        Answer::Choices {
            choices_key,
            selected,
            text_key,
            text,
            extra,
        } => {
            let mut table = Vec::new();
            if let Some(selected) = selected {
                table.push(entry(choices_key, texts_node(selected)));
            }
            if let Some(text) = text {
                table.push(entry(text_key, text_node(text)));
            }
            table.extend(extra.iter().map(|(k, v)| entry(k, v.clone())));
            Node::new(Value::Table(table))
        }
        Answer::Raw(node) => node.clone(),
    }
}

fn field_node(value: &FieldValue) -> Node {
    let place = |p: &Place| {
        let mut table = Vec::new();
        if let Some(city) = &p.city {
            table.push(entry("city", text_node(city)));
        }
        if let Some(country) = &p.country {
            table.push(entry("country", text_node(country)));
        }
        Node::new(Value::Table(table))
    };
    match value {
        FieldValue::Text(t) => text_node(t),
        FieldValue::Sdgs(SdgSet::All) | FieldValue::All => text_node("all"),
        FieldValue::Sdgs(SdgSet::Goals(goals)) => Node::new(Value::Array(
            goals
                .iter()
                .map(|g| Node::new(Value::Integer(i64::from(*g))))
                .collect(),
        )),
        FieldValue::Dates(Dates::Day(d)) => text_node(&d.to_string()),
        FieldValue::Dates(Dates::Span { start, end }) => Node::new(Value::Table(vec![
            entry("start", text_node(&start.to_string())),
            entry("end", text_node(&end.to_string())),
        ])),
        FieldValue::Places(places) if places.len() == 1 => place(&places[0]),
        FieldValue::Places(places) => Node::new(Value::Array(places.iter().map(place).collect())),
        FieldValue::List(items) => texts_node(items),
        FieldValue::Raw(node) => node.clone(),
    }
}

/// A node as JSON, exactly as written (TOML dates become their text).
pub fn node_json(node: &Node) -> Json {
    match &node.value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Integer(i) => Json::from(*i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(s) | Value::Datetime(s) => Json::String(s.to_string()),
        Value::Array(items) => Json::Array(items.iter().map(node_json).collect()),
        Value::Table(entries) => Json::Object(
            entries
                .iter()
                .map(|e| (e.key.to_string(), node_json(&e.node)))
                .collect(),
        ),
    }
}

/// Feeds `state` with a node as [`node_json`] would write it, without building or writing
/// the JSON: two nodes whose JSON text is the same hash the same (a TOML date and the same text in
/// a JSON string, a float JSON cannot hold and `null`). Every value is framed by its kind and
/// every text and list by its length, so that different JSON does not run together.
pub fn hash_as_json(node: &Node, state: &mut impl std::hash::Hasher) {
    match &node.value {
        Value::Null => state.write_u8(0),
        Value::Float(f) if !f.is_finite() => state.write_u8(0),
        Value::Bool(b) => {
            state.write_u8(1);
            state.write_u8(u8::from(*b));
        }
        Value::Integer(i) => {
            state.write_u8(2);
            state.write_i64(*i);
        }
        Value::Float(f) => {
            state.write_u8(3);
            state.write_u64(f.to_bits());
        }
        Value::String(s) | Value::Datetime(s) => {
            state.write_u8(4);
            state.write_usize(s.len());
            state.write(s.as_bytes());
        }
        Value::Array(items) => {
            state.write_u8(5);
            state.write_usize(items.len());
            items.iter().for_each(|item| hash_as_json(item, state));
        }
        Value::Table(entries) => {
            state.write_u8(6);
            state.write_usize(entries.len());
            for e in entries {
                state.write_usize(e.key.len());
                state.write(e.key.as_bytes());
                hash_as_json(&e.node, state);
            }
        }
    }
}

/// Writes the canonical tree as TOML: plain keys before tables, records as `[[arrays]]`,
/// places and date spans inline, multi-line text in triple quotes. From the tree itself, not
/// through JSON, which has no `inf` or `nan`: a float TOML holds is written back as it was.
fn toml_text(node: &Node) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    if let Value::Table(entries) = &node.value {
        fill_table(doc.as_table_mut(), entries, 0);
    }
    doc.to_string()
}

fn fill_table(table: &mut toml_edit::Table, entries: &[Entry], depth: usize) {
    use toml_edit::{ArrayOfTables, Item, Table};
    // Plain values first: TOML cannot put a plain key after a sub-table.
    for e in entries {
        if !is_table_like(&e.node, depth)
            && let Some(v) = toml_value(&e.node)
        {
            table.insert(e.key.as_str(), Item::Value(v));
        }
    }
    for e in entries {
        let key = e.key.as_str();
        match &e.node.value {
            Value::Table(sub) if is_table_like(&e.node, depth) => {
                let mut t = Table::new();
                fill_table(&mut t, sub, depth + 1);
                // `[draft.carried]` alone needs no empty `[draft]` above it.
                if key == "draft" && sub.iter().all(|s| is_table_like(&s.node, depth + 1)) {
                    t.set_implicit(true);
                }
                table.insert(key, Item::Table(t));
            }
            Value::Array(items) if is_table_like(&e.node, depth) => {
                let mut array = ArrayOfTables::new();
                for item in items {
                    let mut t = Table::new();
                    if let Value::Table(sub) = &item.value {
                        fill_table(&mut t, sub, depth + 1);
                    }
                    array.push(t);
                }
                table.insert(key, Item::ArrayOfTables(array));
            }
            _ => {}
        }
    }
}

/// Tables become `[headers]` at the top levels (the root, `[answers]`, `[contact]`); deeper
/// ones (places, date spans, inside records) are written inline.
fn is_table_like(node: &Node, depth: usize) -> bool {
    match &node.value {
        Value::Table(_) => depth < 2,
        Value::Array(items) => {
            depth < 2
                && !items.is_empty()
                && items.iter().all(|i| matches!(i.value, Value::Table(_)))
        }
        _ => false,
    }
}

fn toml_value(node: &Node) -> Option<toml_edit::Value> {
    use toml_edit::{Array, InlineTable, Value as T};
    Some(match &node.value {
        Value::Null => return None,
        Value::Bool(b) => T::from(*b),
        Value::Integer(i) => T::from(*i),
        Value::Float(f) => T::from(*f),
        Value::String(s) | Value::Datetime(s) => toml_string(s),
        Value::Array(items) => {
            let mut array = Array::new();
            for item in items {
                if let Some(v) = toml_value(item) {
                    array.push(v);
                }
            }
            T::Array(array)
        }
        Value::Table(entries) => {
            let mut table = InlineTable::new();
            for e in entries {
                if let Some(v) = toml_value(&e.node) {
                    table.insert(e.key.as_str(), v);
                }
            }
            T::InlineTable(table)
        }
    })
}

/// Multi-line text reads best in `"""` blocks; toml_edit picks a safe quoting for the rest.
fn toml_string(s: &str) -> toml_edit::Value {
    let value = toml_edit::Value::from(s);
    if s.contains('\n') && !s.contains("\"\"\"") && !s.contains('\\') && !has_control(s) {
        let repr = format!("\"\"\"\n{s}\"\"\"");
        if let Ok(parsed) = repr.parse::<toml_edit::Value>()
            && parsed.as_str() == Some(s)
        {
            return parsed;
        }
    }
    value
}

fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n' && c != '\t')
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn nodes_hash_the_same_exactly_when_their_json_text_is_the_same() {
        use std::hash::{DefaultHasher, Hasher};
        let hash = |node: &Node| {
            let mut hasher = DefaultHasher::new();
            hash_as_json(node, &mut hasher);
            hasher.finish()
        };
        let v = |value: Value| Node::new(value);
        let table = |keys: &[(&str, Node)]| {
            v(Value::Table(
                keys.iter().map(|(k, n)| entry(k, n.clone())).collect(),
            ))
        };
        let pairs = [
            (
                v(Value::Datetime("2024-01-31".into())),
                text_node("2024-01-31"),
            ),
            (v(Value::Float(f64::NAN)), v(Value::Null)),
            (v(Value::Float(f64::INFINITY)), v(Value::Null)),
            (v(Value::Integer(1)), v(Value::Float(1.0))),
            (v(Value::Float(0.0)), v(Value::Float(-0.0))),
            (v(Value::Bool(false)), v(Value::Integer(0))),
            (text_node("ab"), texts_node(&["a".into(), "b".into()])),
            (
                texts_node(&["ab".into(), "c".into()]),
                texts_node(&["a".into(), "bc".into()]),
            ),
            (
                table(&[("a", text_node("bc"))]),
                table(&[("ab", text_node("c"))]),
            ),
            (
                table(&[("a", text_node("x")), ("b", v(Value::Null))]),
                table(&[("a", text_node("x")), ("b", v(Value::Float(f64::NAN)))]),
            ),
            (table(&[]), v(Value::Array(Vec::new()))),
        ];
        for (a, b) in &pairs {
            let json = |node: &Node| node_json(node).to_string();
            assert_eq!(json(a) == json(b), hash(a) == hash(b), "{a:?} and {b:?}");
        }
    }

    #[test]
    fn only_a_not_answered_marker_is_not_answered() {
        for (answer, not_answered) in [
            (Answer::Raw(text_node("No response")), true),
            (Answer::Raw(text_node("N/A.")), true),
            (Answer::Raw(text_node("")), true),
            (Answer::Raw(text_node("TBD")), false),
            (Answer::Raw(Node::new(Value::Integer(3))), false),
            (Answer::Text("No response".into()), false),
            (Answer::Records(Vec::new()), false),
        ] {
            assert_eq!(answer.is_not_answered(), not_answered, "{answer:?}");
        }
    }

    /// TOML holds `inf` and `nan`, JSON does not: the TOML writer keeps them (a fuzz finding:
    /// they were written through JSON and lost).
    #[test]
    fn floats_toml_holds_and_json_does_not_are_kept_in_toml() {
        let floats = Node::new(Value::Array(vec![
            Node::new(Value::Float(f64::INFINITY)),
            Node::new(Value::Float(f64::NEG_INFINITY)),
            Node::new(Value::Float(1.5)),
        ]));
        let answers = Answers {
            answers: vec![("extra".into(), Answer::Raw(floats))],
            ..Answers::default()
        };
        let text = answers.to_text(Format::Toml);
        assert!(text.contains("extra = [inf, -inf, 1.5]"), "{text}");
    }

    fn sample() -> Answers {
        Answers {
            questionnaire: Some("hlpf-2024".into()),
            entity: Some(Scalar::Text("Office X".into())),
            answers: vec![
                (
                    "governing_body".into(),
                    Answer::Text("One.\n\nTwo \"quoted\".".into()),
                ),
                (
                    "events".into(),
                    Answer::Records(vec![Record {
                        fields: vec![
                            ("name".into(), FieldValue::Text("Forum".into())),
                            (
                                "dates".into(),
                                FieldValue::Dates(Dates::new(date(2023, 3, 30), date(2023, 3, 31))),
                            ),
                            (
                                "location".into(),
                                FieldValue::Places(vec![Place {
                                    city: Some("Apia".into()),
                                    country: Some("Samoa".into()),
                                }]),
                            ),
                            ("sdgs".into(), FieldValue::Sdgs(SdgSet::Goals(vec![13, 14]))),
                        ],
                    }]),
                ),
                ("recommendations".into(), Answer::Text("Do it.".into())),
            ],
            ..Answers::default()
        }
    }

    #[test]
    fn toml_output_is_valid_and_readable() {
        let text = sample().to_text(Format::Toml);
        let parsed: toml::Table = toml::from_str(&text).expect(&text);
        assert_eq!(
            parsed["answers"]["governing_body"].as_str(),
            Some("One.\n\nTwo \"quoted\".")
        );
        assert!(text.contains("[[answers.events]]"), "{text}");
        assert!(
            text.contains("location = { city = \"Apia\", country = \"Samoa\" }"),
            "{text}"
        );
        assert!(
            text.contains("dates = { start = \"2023-03-30\", end = \"2023-03-31\" }"),
            "{text}"
        );
        assert!(text.contains("\"\"\"\nOne."), "{text}");
        // A plain key after records still lands in [answers].
        assert_eq!(
            parsed["answers"]["recommendations"].as_str(),
            Some("Do it.")
        );
    }

    #[test]
    fn values_as_plain_text() {
        assert_eq!(
            FieldValue::Sdgs(SdgSet::Goals(vec![1, 13])).to_plain(),
            "1, 13"
        );
        assert_eq!(FieldValue::Sdgs(SdgSet::All).to_plain(), "all");
        let span = Dates::new(date(2023, 3, 30), date(2023, 3, 31));
        assert_eq!(
            FieldValue::Dates(span).to_plain(),
            "2023-03-30 to 2023-03-31"
        );
        let places = FieldValue::Places(vec![
            Place {
                city: Some("Apia".into()),
                country: Some("Samoa".into()),
            },
            Place {
                city: None,
                country: Some("Kenya".into()),
            },
        ]);
        assert_eq!(places.to_plain(), "Apia, Samoa; Kenya");
        assert_eq!(
            FieldValue::List(vec!["a, b".into(), "c".into()]).to_plain(),
            "a, b; c"
        );
    }

    #[test]
    fn the_document_of_answers_is_the_one_their_json_parses_to() {
        let answers = sample();
        assert_eq!(answers.to_node(), Node::from_json(&answers.to_json_value()));
    }

    #[test]
    fn json_output_keeps_questionnaire_order() {
        let text = sample().to_text(Format::Json);
        let first = text.find("governing_body").unwrap();
        let second = text.find("events").unwrap();
        let last = text.find("recommendations").unwrap();
        assert!(first < second && second < last);
    }

    #[test]
    fn awkward_strings_survive_toml() {
        for s in [
            "a\"\"\"b\nc",
            "tab\there\nx",
            "back\\slash\nx",
            "\u{1b}[31m\nred",
            "x\n",
        ] {
            let answers = Answers {
                answers: vec![("q".into(), Answer::Text(s.into()))],
                ..Answers::default()
            };
            let text = answers.to_text(Format::Toml);
            let parsed: toml::Table = toml::from_str(&text).expect(&text);
            assert_eq!(parsed["answers"]["q"].as_str(), Some(s));
        }
    }
}
