//! XML as a Word file writes it: read into a small tree of what a reader of answers asks for,
//! as strictly as XML 1.0 and its namespaces say (DTDs refused, nodes capped, anything not
//! well-formed refused with its place), and names matched by namespace URI, never by prefix
//! (`w:`, `ns0:` and Strict OOXML's URIs all occur).
//!
//! The reader (`parse`, with the rules it checks in `syntax`) makes one pass over a part and
//! builds a tree (`tree`) of every element, the text before an element's first child, and only
//! the attributes a reader may ask for: a full tree (roxmltree's) took three quarters of a Word
//! form's read, and quick-xml's tokenizer alone half of it (see `benches/README.md`).

mod parse;
mod syntax;
mod tree;

pub use tree::{Document, Node};

/// WordprocessingML, transitional and Strict.
const W: &[&str] = &[
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
];
/// Relationships as attributes name them (`r:id`), transitional and Strict.
const R: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "http://purl.oclc.org/ooxml/officeDocument/relationships",
];
/// Office Math, transitional and Strict.
const M: &[&str] = &[
    "http://schemas.openxmlformats.org/officeDocument/2006/math",
    "http://purl.oclc.org/ooxml/officeDocument/math",
];
/// Word 2010's additions (`w14:checkbox`).
const W14: &[&str] = &["http://schemas.microsoft.com/office/word/2010/wordml"];
/// Markup compatibility (`mc:AlternateContent`).
const MC: &[&str] = &["http://schemas.openxmlformats.org/markup-compatibility/2006"];
/// The package's relationship parts (`_rels/.rels`); the same URI in Strict.
const PR: &[&str] = &["http://schemas.openxmlformats.org/package/2006/relationships"];

/// The namespaces a reader tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// WordprocessingML (`w:`).
    W,
    /// Relationship ids (`r:`).
    R,
    /// Office Math (`m:`).
    M,
    /// Word 2010 (`w14:`).
    W14,
    /// Markup compatibility (`mc:`).
    Mc,
    /// Package relationships.
    Pr,
}

impl Ns {
    const ALL: [Ns; 6] = [Ns::W, Ns::R, Ns::M, Ns::W14, Ns::Mc, Ns::Pr];

    /// The namespace a URI names, if it is one a reader tells apart.
    fn of(uri: &str) -> Option<Ns> {
        Ns::ALL.into_iter().find(|ns| ns.uris().contains(&uri))
    }

    fn uris(self) -> &'static [&'static str] {
        match self {
            Ns::W => W,
            Ns::R => R,
            Ns::M => M,
            Ns::W14 => W14,
            Ns::Mc => MC,
            Ns::Pr => PR,
        }
    }
}

/// Why a part's XML was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum XmlError {
    /// Not well-formed, or with a DTD: why, as a predicate (`is not well-formed XML: …`).
    Malformed(String),
    /// More nodes than the cap.
    TooManyNodes(u32),
}

/// Parses a part: DTDs (and so entities, billion laughs among them) refused, nodes capped.
pub fn parse(text: &str, nodes_limit: u32) -> Result<Document<'_>, XmlError> {
    parse::parse(text, nodes_limit)
}

/// Whether `node` is the element `ns:local`.
pub fn is(node: Node<'_, '_>, ns: Ns, local: &str) -> bool {
    let name = node.tag_name();
    name.namespace() == Some(ns) && name.name() == local
}

/// The element's namespace among those a reader tells apart, and its local name.
pub fn name<'a>(node: Node<'a, '_>) -> Option<(Ns, &'a str)> {
    let name = node.tag_name();
    Some((name.namespace()?, name.name()))
}

/// The attribute `ns:local`.
pub fn attr<'a>(node: Node<'a, '_>, ns: Ns, local: &str) -> Option<&'a str> {
    node.attribute_in(Some(ns), local)
}

/// `w:val`, the attribute most properties keep their value in.
pub fn val<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    attr(node, Ns::W, "val")
}

/// The first child element `ns:local`.
pub fn child<'a, 'i>(node: Node<'a, 'i>, ns: Ns, local: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is(*c, ns, local))
}

/// A property that is on unless it says otherwise: present without `val`, or `val` one of
/// `true`, `1`, `on` (transitional and Strict spell booleans differently).
pub fn on(property: Option<Node<'_, '_>>, ns: Ns) -> bool {
    property.is_some_and(|p| attr(p, ns, "val").is_none_or(truthy))
}

/// `true`, `1` and `on` are true; anything else false.
pub fn truthy(value: &str) -> bool {
    matches!(value.trim(), "true" | "1" | "on")
}

#[cfg(test)]
mod strictness;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_matched_by_uri_not_prefix() {
        let text = r#"<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"
            xmlns:ns0="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <x:p x:val="1"/><ns0:p ns0:val="off"/><p/></x:document>"#;
        let doc = parse(text, 100).unwrap();
        let ps: Vec<_> = doc
            .root_element()
            .children()
            .filter(|n| is(*n, Ns::W, "p"))
            .collect();
        assert_eq!(ps.len(), 2, "the un-namespaced `p` is not WordprocessingML");
        assert!(on(Some(ps[0]), Ns::W));
        assert!(!on(Some(ps[1]), Ns::W));
        assert_eq!(name(ps[0]), Some((Ns::W, "p")));
    }

    #[test]
    fn dtds_and_floods_are_refused() {
        let laughs = r#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><lolz>&lol2;</lolz>"#;
        assert!(matches!(parse(laughs, 1000), Err(XmlError::Malformed(m)) if m.contains("DTD")));
        let many = format!("<a>{}</a>", "<b/>".repeat(50));
        assert_eq!(parse(&many, 10).err(), Some(XmlError::TooManyNodes(10)));
        assert!(matches!(parse("<a>", 10), Err(XmlError::Malformed(_))));
    }
}
