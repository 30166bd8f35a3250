//! JSON into the format-neutral tree, with the span of every value and key, so that findings in
//! JSON are placed the way TOML's are: from the tree, in one pass over the text.
//!
//! jiter reads the text and tells where each value starts; serde_json has no positions. Any
//! text jiter refuses, or that this reader refuses on its own (a duplicate key, nesting deeper
//! than serde_json allows), is read again by serde_json, whose messages say what is wrong and
//! where; the two agree on what is JSON, so the second reading only words the error.

use std::collections::HashSet;
use std::fmt;

use jiter::{Jiter, Peek};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use super::{Entry, Node, ParseError, Value, line_column, one_line};

/// The deepest nesting serde_json reads (it refuses the 128th list or object inside another),
/// kept so that both readers accept the same files.
const MAX_DEPTH: usize = 127;

/// The keys of one object read so far, to find one written twice. JSON allows duplicate keys
/// and serde_json keeps the last silently; a person who wrote a key twice meant one of them, so
/// it is a parse error, as in TOML.
#[derive(Default)]
struct Keys(HashSet<compact_str::CompactString>);

impl Keys {
    /// Objects this small are searched faster than hashed; larger ones keep a set of keys, so
    /// that a file of many keys is read in linear time.
    const SCANNED: usize = 16;

    /// Whether `key` is among those of `entries`, the object's entries so far.
    fn repeated(&mut self, entries: &[Entry], key: &str) -> bool {
        if entries.len() < Self::SCANNED {
            return entries.iter().any(|e| e.key == key);
        }
        if self.0.is_empty() {
            self.0.extend(entries.iter().map(|e| e.key.clone()));
        }
        !self.0.insert(key.into())
    }
}

/// Parses JSON text into a tree with spans.
pub(super) fn parse(text: &str) -> Result<Node, ParseError> {
    match spanned(text) {
        Some(node) => Ok(node),
        None => unspanned(text),
    }
}

/// The tree with spans, or `None` for text that is not JSON or has a duplicate key.
fn spanned(text: &str) -> Option<Node> {
    let mut jiter = Jiter::new(text.as_bytes());
    let peek = jiter.peek().ok()?;
    let reader = Reader {
        text,
        jiter,
        items: Vec::new(),
        entries: Vec::new(),
    };
    reader.value(peek, 0)
}

struct Reader<'j> {
    text: &'j str,
    jiter: Jiter<'j>,
    /// The items of the lists being read, innermost last: each list is moved out into a vector
    /// of its exact size once read, instead of growing one of its own item by item.
    items: Vec<Node>,
    /// The same for the entries of the objects being read.
    entries: Vec<Entry>,
}

impl Reader<'_> {
    /// The value `peek` starts, its span from where jiter stands (at its first byte).
    fn value(mut self, peek: Peek, depth: usize) -> Option<Node> {
        let node = self.node(peek, depth)?;
        self.jiter.finish().ok()?;
        Some(node)
    }

    fn node(&mut self, peek: Peek, depth: usize) -> Option<Node> {
        let start = self.jiter.current_index();
        let value = match peek {
            Peek::Null => {
                self.jiter.known_null().ok()?;
                Value::Null
            }
            Peek::True | Peek::False => Value::Bool(self.jiter.known_bool(peek).ok()?),
            Peek::String => Value::String(self.jiter.known_str().ok()?.into()),
            Peek::Array if depth < MAX_DEPTH => {
                let first = self.items.len();
                let mut next = self.jiter.known_array().ok()?;
                while let Some(peek) = next {
                    let item = self.node(peek, depth + 1)?;
                    self.items.push(item);
                    next = self.jiter.array_step().ok()?;
                }
                Value::Array(self.items.split_off(first))
            }
            Peek::Object if depth < MAX_DEPTH => Value::Table(self.object(depth)?),
            _ if peek.is_num() => number(self.jiter.known_number_bytes(peek).ok()?)?,
            _ => return None,
        };
        Some(Node {
            value,
            span: Some(start..self.jiter.current_index()),
        })
    }

    fn object(&mut self, depth: usize) -> Option<Vec<Entry>> {
        let first = self.entries.len();
        let mut keys = Keys::default();
        let text = self.text;
        let mut next = self.jiter.next_object_bytes().ok()?.map(|k| key(text, k));
        while let Some(read) = next {
            let (name, key_span) = read?;
            if keys.repeated(&self.entries[first..], &name) {
                return None;
            }
            let peek = self.jiter.peek().ok()?;
            let node = self.node(peek, depth + 1)?;
            self.entries.push(Entry {
                key: name,
                key_span: Some(key_span),
                node,
            });
            next = self.jiter.next_key_bytes().ok()?.map(|k| key(text, k));
        }
        Some(self.entries.split_off(first))
    }
}

/// A key as jiter gives it (the bytes between its quotes, escapes as written: a slice of `text`
/// itself, so where it starts is where the key is), and its span, quotes included.
fn key(text: &str, raw: &[u8]) -> Option<(compact_str::CompactString, std::ops::Range<usize>)> {
    let start = (raw.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    let span = start.checked_sub(1)?..start + raw.len() + 1;
    let written = text.get(span.clone())?;
    let key = if raw.contains(&b'\\') {
        serde_json::from_str::<String>(written).ok()?.into()
    } else {
        written[1..written.len() - 1].into()
    };
    Some((key, span))
}

/// A number as serde_json reads it: a 64-bit integer where it fits, else a float; a number too
/// large for a float is refused, as serde_json refuses it.
fn number(text: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(text).ok()?;
    if let Ok(n) = text.parse::<i64>()
        && !(n == 0 && text.starts_with('-'))
    {
        return Some(Value::Integer(n));
    }
    // `-0`, integers beyond 64 bits and every other number: serde_json's own reading.
    let n: serde_json::Number = serde_json::from_str(text).ok()?;
    Some(match n.as_i64() {
        Some(i) => Value::Integer(i),
        None => Value::Float(n.as_f64()?),
    })
}

/// The tree without spans, through serde_json: for its error message and position.
fn unspanned(text: &str) -> Result<Node, ParseError> {
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
        Ok(Node::new(Value::String(v.into())))
    }

    fn visit_string<E>(self, v: String) -> Result<Node, E> {
        Ok(Node::new(Value::String(v.into())))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::new(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut keys = Keys::default();
        while let Some(key) = map.next_key::<String>()? {
            if keys.repeated(&entries, &key) {
                return Err(de::Error::custom(format_args!("duplicate key `{key}`")));
            }
            let node = map.next_value()?;
            entries.push(Entry {
                key: key.into(),
                key_span: None,
                node,
            });
        }
        Ok(Node::new(Value::Table(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tree without its spans, to compare the two readers.
    fn bare(node: &Node) -> Node {
        Node::new(match &node.value {
            Value::Array(items) => Value::Array(items.iter().map(bare).collect()),
            Value::Table(entries) => Value::Table(
                entries
                    .iter()
                    .map(|e| Entry {
                        key: e.key.clone(),
                        key_span: None,
                        node: bare(&e.node),
                    })
                    .collect(),
            ),
            other => other.clone(),
        })
    }

    #[test]
    fn spans_point_at_values_and_keys() {
        let text = "{\n  \"answers\": {\"events\": [{\"na\\u006de\": \"x\"}, 7]}\n}";
        let node = parse(text).unwrap();
        let events = node.get("answers").unwrap().get("events").unwrap();
        let Value::Array(items) = &events.value else {
            panic!("not a list")
        };
        let entry = &items[0].as_table().unwrap()[0];
        assert_eq!(entry.key, "name");
        let key = entry.key_span.clone().unwrap();
        assert_eq!(&text[key], "\"na\\u006de\"");
        assert_eq!(&text[entry.node.span.clone().unwrap()], "\"x\"");
        assert_eq!(&text[items[1].span.clone().unwrap()], "7");
        assert_eq!(node.span, Some(0..text.len()));
    }

    #[test]
    fn both_readers_read_the_same_tree() {
        let texts = [
            r#"{"a": [1, -2, 3.5, -0, 1e2, 18446744073709551615, 99999999999999999999]}"#,
            r#"{"s": "é\n\"\u00e9\ud83d\ude00", "t": true, "f": false, "n": null, "o": {}}"#,
            r#"[[], [[]], {"": ""}]"#,
            "  \"top\"  ",
        ];
        for text in texts {
            let fast = spanned(text).unwrap_or_else(|| panic!("{text}"));
            let slow = unspanned(text).unwrap();
            assert_eq!(bare(&fast), slow, "{text}");
        }
    }

    #[test]
    fn what_serde_json_refuses_is_refused_with_its_message() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        let texts = [
            "{\"a\": 1,}",
            "{\"a\": 1} x",
            "{\"a\": 1e400}",
            "{\"a\": \"\\ud800\"}",
            "{\"\\ud800\": 1}",
            "{\"a\": \"tab\there\"}",
            "{\"a\": 01}",
            "{\"a\": 1, \"a\": 2}",
            &deep,
        ];
        for text in texts {
            assert!(spanned(text).is_none(), "{text}");
            let error = parse(text).unwrap_err();
            assert!(serde_json::from_str::<Node>(text).is_err(), "{text}");
            assert!(!error.message.is_empty(), "{text}");
        }
        let deep_enough = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(spanned(&deep_enough).is_some());
        assert!(unspanned(&deep_enough).is_ok());
    }

    /// On any text, the two readers agree on whether it is JSON, and on what it holds.
    #[test]
    fn the_readers_agree_on_any_text() {
        use proptest::prelude::*;
        let agree = |text: &str| {
            match (spanned(text), unspanned(text)) {
                (Some(fast), Ok(slow)) => prop_assert_eq!(bare(&fast), slow),
                (None, Err(_)) => {}
                (fast, slow) => prop_assert!(false, "{text:?}: {fast:?} / {slow:?}"),
            }
            Ok(())
        };
        proptest!(|(text in r#"[\[\]{}",: 0-9eE.+\-tfnrulsa\\/\n]{0,40}"#)| agree(&text)?);
        // Mostly well-formed: objects and lists of strings, numbers and literals.
        proptest!(|(text in r#"\{("[a-z\\"]{0,3}": ?(-?[0-9]{1,25}(\.[0-9])?(e-?[0-9]{1,3})?|"[a-zé\\u0-9]{0,6}"|true|null|\[[0-9, ]{0,6}\]),? ?){0,5}\}"#)| agree(&text)?);
    }

    #[test]
    fn many_keys_are_checked_for_duplicates_in_linear_time() {
        let keys: Vec<String> = (0..5_000).map(|i| format!("\"k{i}\": {i}")).collect();
        let text = format!("{{{}}}", keys.join(", "));
        assert_eq!(parse(&text).unwrap().as_table().unwrap().len(), 5_000);
        let text = format!("{{{}, \"k4999\": 0}}", keys.join(", "));
        assert!(
            parse(&text)
                .unwrap_err()
                .message
                .contains("duplicate key `k4999`")
        );
    }
}
