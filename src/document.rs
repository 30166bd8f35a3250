//! A parsed answers file as a format-neutral tree, with source positions where the parser gives
//! them, and the one place that turns offsets and paths into lines and columns.

use std::ops::Range;

use crate::finding::{Anchor, Finding, Segment};

mod json;

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

/// A value with the byte range it came from, where it came from a file.
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
    /// A string; one of up to 24 bytes (a date, a country, a code) is stored inline.
    String(compact_str::CompactString),
    /// A TOML date, time or date-time, as TOML writes it.
    Datetime(compact_str::CompactString),
    /// An array.
    Array(Vec<Node>),
    /// A table (JSON object), keys in source order.
    Table(Vec<Entry>),
}

/// One key of a table.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key. Keys are short: stored inline, without an allocation of their own (a JSON
    /// answers file has about 75 of them).
    pub key: compact_str::CompactString,
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
            J::String(s) => Value::String(s.as_str().into()),
            J::Array(items) => Value::Array(items.iter().map(Node::from_json).collect()),
            J::Object(map) => Value::Table(
                map.iter()
                    .map(|(k, v)| Entry {
                        key: k.as_str().into(),
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
        Format::Json => json::parse(text),
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
            key: key.into_inner().as_ref().into(),
            node: toml_node(value),
        })
        .collect()
}

fn toml_node(value: toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let span = value.span();
    let value = match value.into_inner() {
        DeValue::String(s) => Value::String(s.as_ref().into()),
        DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
            Ok(n) => Value::Integer(n),
            // The TOML parser accepts integers of any length; larger than 64 bits is a float here
            // so that the rules report the value rather than the parser failing.
            Err(_) => Value::Float(i.as_str().parse().unwrap_or(f64::INFINITY)),
        },
        DeValue::Float(f) => Value::Float(toml_float(f.as_str())),
        DeValue::Boolean(b) => Value::Bool(b),
        DeValue::Datetime(d) => Value::Datetime(d.to_string().into()),
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
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
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

/// Turns anchors into lines and columns and sorts findings into file order.
///
/// A file's tree has the span of every value and key, so each anchor is an offset; a value that
/// came from no file (answers held in memory) has no place to point at.
pub fn resolve_positions(findings: &mut [Finding], text: &str) {
    let mut lines: Option<LineIndex<'_>> = None;
    for finding in findings.iter_mut() {
        if let Anchor::Offset(offset) = finding.anchor {
            let (line, column) = lines
                .get_or_insert_with(|| LineIndex::new(text))
                .position(offset);
            finding.line = Some(line);
            finding.column = Some(column);
        }
    }
    findings.sort_by_key(|f| (f.line.unwrap_or(0), f.column.unwrap_or(0)));
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
}
