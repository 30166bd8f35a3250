//! XML as a Word file writes it: parsed with DTDs refused and a cap on nodes, and names matched
//! by namespace URI, never by prefix (`w:`, `ns0:` and Strict OOXML's URIs all occur).

use roxmltree::{Document, Node, ParsingOptions};

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
    let options = ParsingOptions {
        allow_dtd: false,
        nodes_limit,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::NodesLimitReached => XmlError::TooManyNodes(nodes_limit),
        roxmltree::Error::DtdDetected => {
            XmlError::Malformed("declares a DTD, which a Word file never does".to_string())
        }
        other => XmlError::Malformed(format!("is not well-formed XML: {other}")),
    })
}

/// Whether `node` is the element `ns:local`.
pub fn is(node: Node<'_, '_>, ns: Ns, local: &str) -> bool {
    node.is_element()
        && node.tag_name().name() == local
        && node
            .tag_name()
            .namespace()
            .is_some_and(|uri| ns.uris().contains(&uri))
}

/// The element's namespace among those a reader tells apart, and its local name.
pub fn name<'a>(node: Node<'a, '_>) -> Option<(Ns, &'a str)> {
    let uri = node.tag_name().namespace()?;
    let ns = [Ns::W, Ns::R, Ns::M, Ns::W14, Ns::Mc, Ns::Pr]
        .into_iter()
        .find(|ns| ns.uris().contains(&uri))?;
    Some((ns, node.tag_name().name()))
}

/// The attribute `ns:local`.
pub fn attr<'a>(node: Node<'a, '_>, ns: Ns, local: &str) -> Option<&'a str> {
    ns.uris()
        .iter()
        .find_map(|uri| node.attribute((*uri, local)))
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
