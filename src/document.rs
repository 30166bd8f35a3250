//! A parsed answers file as a format-neutral tree, with source positions where the parser gives
//! them, and the one place that turns offsets and paths into lines and columns.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::ops::Range;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::finding::{Anchor, Segment};

/// The two formats an answers file can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// TOML 1.0.
    Toml,
    /// JSON (RFC 8259): no comments, no trailing commas.
    Json,
}

impl Format {
    /// The format a file name's extension names, if any.
    pub fn from_extension(name: &str) -> Option<Format> {
        let ext = std::path::Path::new(name).extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("toml") {
            Some(Format::Toml)
        } else if ext.eq_ignore_ascii_case("json") {
            Some(Format::Json)
        } else {
            None
        }
    }

    /// Guesses from content: JSON if the first non-blank character is `{`, else TOML.
    pub fn sniff(text: &str) -> Format {
        if text.trim_start().starts_with('{') {
            Format::Json
        } else {
            Format::Toml
        }
    }

    /// The lowercase name, as the flags spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Toml => "toml",
            Format::Json => "json",
        }
    }
}

/// A value with the byte range it came from (TOML only; JSON values have none).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Its byte range in the source, where known.
    pub span: Option<Range<usize>>,
}

/// A format-neutral value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// JSON `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Integer(i64),
    /// A floating point number (or a JSON integer too large for 64 bits).
    Float(f64),
    /// A string.
    String(String),
    /// A TOML date, time or date-time, as TOML writes it.
    Datetime(String),
    /// An array.
    Array(Vec<Node>),
    /// A table (JSON object), keys in source order.
    Table(Vec<Entry>),
}

/// One key of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: String,
    /// The key's byte range, where known.
    pub key_span: Option<Range<usize>>,
    /// The value.
    pub node: Node,
}

impl Node {
    /// A node without a position.
    pub fn new(value: Value) -> Node {
        Node { value, span: None }
    }

    /// The anchor of this node: its offset where known, else its path for a later look-up.
    pub fn anchor(&self, path: &[Segment]) -> Anchor {
        match &self.span {
            Some(span) => Anchor::Offset(span.start),
            None => Anchor::Path {
                path: path.to_vec(),
                key: false,
            },
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The entries, if this is a table.
    pub fn as_table(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Table(entries) => Some(entries),
            _ => None,
        }
    }

    /// The entry named `key`, if this is a table that has it.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_table()?
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.node)
    }
}

impl Node {
    /// A tree from a JSON value (no positions), e.g. answers built in memory.
    pub fn from_json(value: &serde_json::Value) -> Node {
        use serde_json::Value as J;
        Node::new(match value {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => match n.as_i64() {
                Some(i) => Value::Integer(i),
                None => Value::Float(n.as_f64().unwrap_or(f64::NAN)),
            },
            J::String(s) => Value::String(s.clone()),
            J::Array(items) => Value::Array(items.iter().map(Node::from_json).collect()),
            J::Object(map) => Value::Table(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.clone(),
                        key_span: None,
                        node: Node::from_json(v),
                    })
                    .collect(),
            ),
        })
    }
}

impl Entry {
    /// The anchor of this entry's key.
    pub fn key_anchor(&self, path: &[Segment]) -> Anchor {
        match &self.key_span {
            Some(span) => Anchor::Offset(span.start),
            None => Anchor::Path {
                path: path.to_vec(),
                key: true,
            },
        }
    }
}

impl Value {
    /// What kind of value this is, for messages: `a string`, `an integer`, ...
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) => "an integer",
            Value::Float(_) => "a float",
            Value::String(_) => "a string",
            Value::Datetime(_) => "a TOML date",
            Value::Array(_) => "a list",
            Value::Table(_) => "a table",
        }
    }
}

/// A file that could not be parsed: what went wrong and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// The parser's message, first letter lowercase, one line.
    pub message: String,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
}

/// Parses text in the given format into a tree.
pub fn parse(text: &str, format: Format) -> Result<Node, ParseError> {
    match format {
        Format::Toml => parse_toml(text),
        Format::Json => parse_json(text),
    }
}

fn parse_toml(text: &str) -> Result<Node, ParseError> {
    let table = toml::de::DeTable::parse(text).map_err(|e| ParseError {
        message: one_line(e.message()),
        position: e.span().map(|s| line_column(text, s.start)),
    })?;
    let span = table.span();
    Ok(Node {
        value: Value::Table(toml_table(table.into_inner())),
        span: Some(span),
    })
}

fn toml_table(table: toml::de::DeTable<'_>) -> Vec<Entry> {
    table
        .into_iter()
        .map(|(key, value)| Entry {
            key_span: Some(key.span()),
            key: key.into_inner().into_owned(),
            node: toml_node(value),
        })
        .collect()
}

fn toml_node(value: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s.into_owned()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            // The TOML parser accepts integers of any length; larger than 64 bits is a float here
            // so that the rules report the value rather than the parser failing.
            Err(_) => Value::Float(i.as_str().parse().unwrap_or(f64::INFINITY)),
        },
        DeValue::Float(f) => Value::Float(toml_float(f.as_str())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string()),
        DeValue::Array(items) => Value::Array(items.into_iter().map(toml_node).collect()),
        DeValue::Table(table) => Value::Table(toml_table(table)),
    };
    Node {
        value,
        span: Some(span),
    }
}

fn toml_float(text: &str) -> f64 {
    let clean: String = text.chars().filter(|c| *c != '_').collect();
    match clean.trim_start_matches(['+', '-']) {
        "inf" if clean.starts_with('-') => f64::NEG_INFINITY,
        "inf" => f64::INFINITY,
        "nan" => f64::NAN,
        _ => clean.parse().unwrap_or(f64::NAN),
    }
}

fn parse_json(text: &str) -> Result<Node, ParseError> {
    serde_json::from_str::<Node>(text).map_err(|e| ParseError {
        message: one_line(&strip_json_position(&e.to_string())),
        position: (e.line() > 0).then(|| json_position(text, e.line(), e.column())),
    })
}

/// serde_json counts columns in bytes; positions are in characters, as for TOML.
fn json_position(text: &str, line: usize, byte_column: usize) -> (usize, usize) {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(line - 1)
        .map(str::len)
        .sum();
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let offset = line_start + byte_column.saturating_sub(1);
    line_column(text, offset.min(line_end))
}

/// serde_json appends " at line L column C"; the position is reported on its own.
fn strip_json_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn one_line(message: &str) -> String {
    let line = message.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let line = line.trim();
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (None, _) => "cannot parse the file".to_string(),
        // `EOF while parsing`: an acronym keeps its capitals.
        (Some(_), Some(second)) if second.is_uppercase() => line.to_string(),
        (Some(first), _) => first.to_lowercase().chain(line.chars().skip(1)).collect(),
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(Node::new(Value::Null))
    }

    fn visit_bool<E>(self, v: bool) -> Result<Node, E> {
        Ok(Node::new(Value::Bool(v)))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Node, E> {
        Ok(Node::new(Value::Integer(v)))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Node, E> {
        Ok(Node::new(match i64::try_from(v) {
            Ok(n) => Value::Integer(n),
            Err(_) => Value::Float(v as f64),
        }))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Node, E> {
        Ok(Node::new(Value::Float(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Node, E> {
        Ok(Node::new(Value::String(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::new(Value::String(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::new(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        // Objects this small are searched faster than hashed; larger ones keep a set of keys,
        // so that a file of many keys is read in linear time.
        const SCANNED: usize = 16;
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            // JSON allows duplicate keys and serde_json keeps the last silently; a person who
            // wrote a key twice meant one of them, so it is a parse error like in TOML.
            let duplicate = if entries.len() < SCANNED {
                entries.iter().any(|e| e.key == key)
            } else {
                if seen.is_empty() {
                    seen.extend(entries.iter().map(|e| e.key.clone()));
                }
                !seen.insert(key.clone())
            };
            if duplicate {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let node = map.next_value()?;
            entries.push(Entry {
                key,
                key_span: None,
                node,
            });
        }
        Ok(Node::new(Value::Table(entries)))
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Line starts of a text, to place many offsets without rescanning the text for each.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes `text` once.
    pub fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and column (in characters) of a byte offset, as [`line_column`] gives.
    pub fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|start| *start <= offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }
}

/// Finds the byte offset of a value (or its key) by document path in JSON text.
///
/// Used only for files that have findings, so that the fast path never pays for positions.
pub struct JsonLocator<'a> {
    root: Option<jsonc_parser::ast::Value<'a>>,
    /// For objects with many properties, by where they start: each property's index by name,
    /// built on first use, so that placing many findings takes linear time.
    indexes: RefCell<HashMap<usize, HashMap<String, usize>>>,
}

impl<'a> JsonLocator<'a> {
    /// Parses `text` once, keeping ranges.
    pub fn new(text: &'a str) -> Self {
        let options = jsonc_parser::ParseOptions {
            allow_comments: false,
            allow_loose_object_property_names: false,
            allow_trailing_commas: false,
            allow_missing_commas: false,
            allow_single_quoted_strings: false,
            allow_hexadecimal_numbers: false,
            allow_unary_plus_numbers: false,
            allow_bare_decimal_point_numbers: false,
            allow_extended_string_escapes: false,
            allow_non_finite_numbers: false,
        };
        let root = jsonc_parser::parse_to_ast(text, &Default::default(), &options)
            .ok()
            .and_then(|r| r.value);
        JsonLocator {
            root,
            indexes: RefCell::default(),
        }
    }

    /// The byte offset of the value at `path`, or of its key with `key`.
    pub fn locate(&self, path: &[Segment], key: bool) -> Option<usize> {
        use jsonc_parser::ast::Value as J;
        let mut current = self.root.as_ref()?;
        let mut key_start = None;
        for segment in path {
            match (segment, current) {
                (Segment::Key(k), J::Object(object)) => {
                    let prop = &object.properties[self.property(object, k)?];
                    key_start = Some(prop.range.start);
                    current = &prop.value;
                }
                (Segment::Index(i), J::Array(array)) => {
                    current = array.elements.get(*i)?;
                    key_start = None;
                }
                _ => return None,
            }
        }
        if key {
            key_start
        } else {
            Some(value_start(current))
        }
    }
}

impl<'a> JsonLocator<'a> {
    /// The index of the property named `key` in `object`.
    fn property(&self, object: &jsonc_parser::ast::Object<'_>, key: &str) -> Option<usize> {
        const SCANNED: usize = 16;
        let properties = &object.properties;
        if properties.len() <= SCANNED {
            return properties.iter().position(|p| p.name.as_str() == key);
        }
        let mut indexes = self.indexes.borrow_mut();
        let index = indexes.entry(object.range.start).or_insert_with(|| {
            let mut index = HashMap::with_capacity(properties.len());
            for (i, p) in properties.iter().enumerate() {
                // The first of a duplicated name, as a scan finds it.
                index.entry(p.name.as_str().to_string()).or_insert(i);
            }
            index
        });
        index.get(key).copied()
    }
}

fn value_start(value: &jsonc_parser::ast::Value<'_>) -> usize {
    use jsonc_parser::ast::Value as J;
    match value {
        J::StringLit(v) => v.range.start,
        J::NumberLit(v) => v.range.start,
        J::BooleanLit(v) => v.range.start,
        J::Object(v) => v.range.start,
        J::Array(v) => v.range.start,
        J::NullKeyword(v) => v.range.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters() {
        let text = "a = 1\nbé = \"x\"\n";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 6), (2, 1));
        // `=` after a two-byte character is the fourth character of line 2.
        assert_eq!(line_column(text, 10), (2, 4));
        assert_eq!(line_column(text, 999), (3, 1));
    }

    #[test]
    fn the_line_index_agrees_with_line_column() {
        let text = "a = 1\nbé = \"x\"\n\nlast";
        let index = LineIndex::new(text);
        for offset in 0..=text.len() + 2 {
            assert_eq!(
                index.position(offset),
                line_column(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn format_by_extension_and_content() {
        assert_eq!(Format::from_extension("a/b.TOML"), Some(Format::Toml));
        assert_eq!(Format::from_extension("b.json"), Some(Format::Json));
        assert_eq!(Format::from_extension("b.txt"), None);
        assert_eq!(Format::sniff("\n  {\"a\": 1}"), Format::Json);
        assert_eq!(Format::sniff("a = 1"), Format::Toml);
    }

    #[test]
    fn toml_keeps_spans_and_order() {
        let node = parse("b = 1\na = [1.5, \"x\"]\n", Format::Toml).unwrap();
        let entries = node.as_table().unwrap();
        assert_eq!(entries[0].key, "b");
        assert_eq!(entries[1].key_span, Some(6..7));
        let Value::Array(items) = &entries[1].node.value else {
            panic!("not an array")
        };
        assert_eq!(items[0].value, Value::Float(1.5));
        assert_eq!(items[1].span.as_ref().map(|s| s.start), Some(16));
    }

    #[test]
    fn duplicate_keys_are_parse_errors_in_both_formats() {
        let e = parse("a = 1\na = 2\n", Format::Toml).unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2));
        let e = parse("{\"a\": 1,\n \"a\": 2}", Format::Json).unwrap_err();
        assert!(e.message.contains("duplicate key `a`"), "{}", e.message);
        assert_eq!(e.position.map(|p| p.0), Some(2));
    }

    #[test]
    fn json_errors_have_positions_and_no_trailing_location() {
        let e = parse("{\"a\": 1,}", Format::Json).unwrap_err();
        assert_eq!(e.position, Some((1, 9)));
        assert!(!e.message.contains("at line"), "{}", e.message);
    }

    #[test]
    fn messages_start_lowercase_but_keep_acronyms() {
        assert_eq!(one_line("Invalid key\nmore"), "invalid key");
        assert_eq!(one_line("EOF while parsing"), "EOF while parsing");
        assert_eq!(one_line(""), "cannot parse the file");
    }

    #[test]
    fn json_error_columns_count_characters() {
        // `x` is the seventh character and the eighth byte.
        let e = parse("{\"é\": x}", Format::Json).unwrap_err();
        assert_eq!(e.position, Some((1, 7)));
        let e = parse("{\n\"é\": \"ü\", x}", Format::Json).unwrap_err();
        assert_eq!(e.position, Some((2, 11)));
    }

    #[test]
    fn huge_integers_become_floats() {
        let node = parse("a = 99999999999999999999", Format::Toml);
        // TOML parsers may reject it outright; either way nothing panics.
        if let Ok(node) = node {
            assert!(matches!(node.get("a").unwrap().value, Value::Float(_)));
        }
        let node = parse("{\"a\": 99999999999999999999}", Format::Json).unwrap();
        assert!(matches!(node.get("a").unwrap().value, Value::Float(_)));
    }

    #[test]
    fn json_locator_finds_values_and_keys() {
        let text = "{\n  \"answers\": {\"events\": [{\"name\": \"x\"}]}\n}";
        let locator = JsonLocator::new(text);
        let path = vec![
            Segment::Key("answers".into()),
            Segment::Key("events".into()),
            Segment::Index(0),
            Segment::Key("name".into()),
        ];
        let value = locator.locate(&path, false).unwrap();
        assert_eq!(&text[value..value + 3], "\"x\"");
        let key = locator.locate(&path, true).unwrap();
        assert_eq!(&text[key..key + 6], "\"name\"");
        assert_eq!(locator.locate(&[Segment::Key("nope".into())], false), None);
    }
}
