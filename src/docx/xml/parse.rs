//! A part read into a [`Document`] in one pass over its text: markup found with `memchr`,
//! every construct checked as XML 1.0 and its namespaces require (names, attributes,
//! references, characters, comments, end tags, one root), prefixes resolved to the namespaces a
//! reader tells apart, and only what a reader asks for kept: every element, the text before an
//! element's first child, and the attributes without a prefix or in a namespace of [`Ns`]
//! (Word's revision ids, `w:rsid*`, `w14:paraId` and `w14:textId`, dropped). Open elements are
//! a stack, so any nesting is read without recursion.

use std::borrow::Cow;

use super::syntax::{self, Bad, QName, RawAttribute};
use super::tree::{Attribute, Document, Element, NONE};
use super::{Ns, XmlError};

/// The namespace the `xml` prefix is bound to, and may be bound to only.
const XML_URI: &str = "http://www.w3.org/XML/1998/namespace";
/// The namespace of namespace declarations, which no prefix may be bound to.
const XMLNS_URI: &str = "http://www.w3.org/2000/xmlns/";

/// A prefix in scope.
#[derive(Debug)]
struct Binding<'i> {
    /// `""` for the default namespace.
    prefix: &'i str,
    /// `""` when the default namespace is undeclared (`xmlns=""`).
    uri: Cow<'i, str>,
    ns: Option<Ns>,
}

/// How a prefix resolves: no namespace, `xml`'s, or a binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    None,
    Xml,
    Bound(usize),
}

struct Parser<'i> {
    text: &'i str,
    /// Bytes skipped before the reader's input (a byte-order mark).
    skipped: usize,
    limit: u32,
    nodes: u32,
    doc: Document<'i>,
    /// The open elements: each one's index, how many bindings were in scope before it, and
    /// its name as written (which its end tag repeats).
    open: Vec<(u32, usize, &'i str)>,
    bindings: Vec<Binding<'i>>,
    /// The last prefix resolved and how: nearly every name has the prefix of the one before.
    last_prefix: Option<(&'i str, Scope)>,
    /// The element whose text is being read: until its first child, none.
    text_of: u32,
    /// The last node was character data (more joins the same text node).
    in_text: bool,
    root_done: bool,
    /// A tag's attributes as written, reused from tag to tag.
    scratch: Vec<RawAttribute<'i>>,
}

/// Reads `text` into a tree of at most `nodes_limit` nodes.
pub(super) fn parse(text: &str, nodes_limit: u32) -> Result<Document<'_>, XmlError> {
    let skipped = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let mut parser = Parser {
        text,
        skipped,
        limit: nodes_limit,
        nodes: 1,
        doc: Document::default(),
        open: Vec::new(),
        bindings: Vec::new(),
        last_prefix: None,
        text_of: NONE,
        in_text: false,
        root_done: false,
        scratch: Vec::new(),
    };
    parser.run().map_err(|e| match e {
        Failure::Bad(bad) => malformed(bad.reason(text)),
        Failure::Dtd => XmlError::Malformed("declares a DTD, which a Word file never does".into()),
        Failure::TooManyNodes => XmlError::TooManyNodes(nodes_limit),
    })?;
    Ok(parser.doc)
}

fn malformed(reason: String) -> XmlError {
    XmlError::Malformed(format!("is not well-formed XML: {reason}"))
}

/// Why the reading stopped.
enum Failure {
    Bad(Bad),
    Dtd,
    TooManyNodes,
}

impl From<Bad> for Failure {
    fn from(bad: Bad) -> Self {
        Failure::Bad(bad)
    }
}

impl<'i> Parser<'i> {
    fn run(&mut self) -> Result<(), Failure> {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut i = self.skipped;
        while i < bytes.len() {
            if bytes[i] != b'<' {
                // Character data, up to the next markup.
                let next = memchr::memchr(b'<', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                self.text_with_references(i, next)?;
                i = next;
                continue;
            }
            i = match bytes.get(i + 1) {
                Some(b'/') => self.end_tag(i)?,
                Some(b'!') => self.bang(i)?,
                Some(b'?') => self.processing_instruction(i)?,
                _ => self.element(i)?,
            };
        }
        if !self.open.is_empty() {
            let at = self.text.len();
            return Err(Bad::new(at, "the root node was opened but never closed").into());
        }
        if !self.root_done {
            return Err(Bad::new(self.text.len(), "the document does not have a root node").into());
        }
        Ok(())
    }

    /// Character data from `from` to `to`, references replaced.
    fn text_with_references(&mut self, from: usize, to: usize) -> Result<(), Failure> {
        let text = self.text;
        let mut start = from;
        while let Some(n) = memchr::memchr(b'&', &text.as_bytes()[start..to]) {
            let amp = start + n;
            self.char_data(&text[start..amp], start)?;
            let Some(length) = memchr::memchr(b';', &text.as_bytes()[amp + 1..to]) else {
                return Err(Bad::new(amp, "malformed entity reference").into());
            };
            let c = syntax::reference(&text[amp + 1..amp + 1 + length], amp)?;
            if self.open.is_empty() {
                return Err(Bad::new(amp, "a reference outside the root element").into());
            }
            self.append(Cow::Owned(c.to_string()))?;
            start = amp + length + 2;
        }
        self.char_data(&text[start..to], start)
    }

    /// `<!--`, `<![CDATA[` or `<!DOCTYPE` at `at`: where it ends.
    fn bang(&mut self, at: usize) -> Result<usize, Failure> {
        let rest = &self.text[at..];
        if rest.starts_with("<!--") {
            let body = at + "<!--".len();
            let Some(length) = memchr::memmem::find(&self.text.as_bytes()[body..], b"--") else {
                return Err(Bad::new(self.text.len(), "unexpected end of stream").into());
            };
            let comment = &self.text[body..body + length];
            // `--` ends a comment, and only before `>`.
            if self.text.as_bytes().get(body + length + 2) != Some(&b'>') {
                return Err(Bad::new(body + length, "a comment contains '--'").into());
            }
            syntax::check_chars(comment, body)?;
            self.other_node()?;
            Ok(body + length + "-->".len())
        } else if rest.starts_with("<![CDATA[") {
            let body = at + "<![CDATA[".len();
            let Some(length) = memchr::memmem::find(&self.text.as_bytes()[body..], b"]]>") else {
                return Err(Bad::new(self.text.len(), "unexpected end of stream").into());
            };
            if self.open.is_empty() {
                return Err(Bad::new(at, "a CDATA section outside the root element").into());
            }
            let data = &self.text[body..body + length];
            syntax::check_chars(data, body)?;
            self.append(Cow::Borrowed(data))?;
            Ok(body + length + "]]>".len())
        } else if rest.starts_with("<!DOCTYPE") {
            Err(Failure::Dtd)
        } else {
            Err(Bad::new(at, "unknown token").into())
        }
    }

    /// `<?target …?>` at `at`, the XML declaration among them: where it ends.
    fn processing_instruction(&mut self, at: usize) -> Result<usize, Failure> {
        let body = at + "<?".len();
        let Some(length) = memchr::memmem::find(&self.text.as_bytes()[body..], b"?>") else {
            return Err(Bad::new(self.text.len(), "unexpected end of stream").into());
        };
        let content = &self.text[body..body + length];
        syntax::check_chars(content, body)?;
        let target = syntax::name_end(content, 0);
        let after = content.as_bytes().get(target).copied();
        if target == 0 || after.is_some_and(|b| !syntax::is_space(b)) {
            return Err(Bad::new(body + target, "invalid name token").into());
        }
        if content[..target].eq_ignore_ascii_case("xml") {
            // The declaration comes first or not at all, and says its version.
            if at != self.skipped || &content[..target] != "xml" {
                return Err(Bad::new(at, "unexpected XML declaration").into());
            }
            if !content[target..].trim_start().starts_with("version") {
                return Err(Bad::new(
                    body + target,
                    "an XML declaration does not contain `version` attribute",
                )
                .into());
            }
        } else {
            self.other_node()?;
        }
        Ok(body + length + "?>".len())
    }

    /// Counts a node against the cap.
    fn count(&mut self) -> Result<(), Failure> {
        self.nodes += 1;
        if self.nodes > self.limit {
            return Err(Failure::TooManyNodes);
        }
        Ok(())
    }

    /// A comment or a processing instruction: a node that ends the text before it.
    fn other_node(&mut self) -> Result<(), Failure> {
        if !self.open.is_empty() {
            self.count()?;
        }
        self.text_of = NONE;
        self.in_text = false;
        Ok(())
    }

    /// Text between tags: white space only outside the root.
    fn char_data(&mut self, text: &'i str, at: usize) -> Result<(), Failure> {
        if text.is_empty() {
            return Ok(());
        }
        if self.open.is_empty() {
            if !syntax::all_space(text) {
                let first = text.len() - text.trim_start().len();
                return Err(Bad::new(at + first, "text outside the root element").into());
            }
            return Ok(());
        }
        let carriage_return = syntax::check_text(text, at)?;
        let text = if carriage_return {
            Cow::Owned(syntax::normalize_line_ends(text))
        } else {
            Cow::Borrowed(text)
        };
        self.append(text)
    }

    /// Character data inside the root: a text node, kept as its element's text if it comes
    /// before the element's first child.
    fn append(&mut self, text: Cow<'i, str>) -> Result<(), Failure> {
        if !self.in_text {
            self.count()?;
            self.in_text = true;
        }
        if self.text_of == NONE {
            return Ok(());
        }
        let element = &mut self.doc.elements[self.text_of as usize];
        if element.text == NONE {
            element.text = self.doc.texts.len() as u32;
            self.doc.texts.push(text);
        } else {
            self.doc.texts[element.text as usize]
                .to_mut()
                .push_str(&text);
        }
        Ok(())
    }

    /// A start tag at `at`: where it ends.
    fn element(&mut self, at: usize) -> Result<usize, Failure> {
        if self.root_done {
            return Err(Bad::new(at, "a second root element").into());
        }
        let mut raw = std::mem::take(&mut self.scratch);
        raw.clear();
        let result = syntax::start_tag(self.text, at + 1, &mut raw)
            .map_err(Failure::from)
            .and_then(|(name, end, empty)| {
                self.open_element(name, &raw, at + 1, empty)?;
                Ok(end)
            });
        self.scratch = raw;
        result
    }

    fn open_element(
        &mut self,
        name: QName<'i>,
        raw: &[RawAttribute<'i>],
        at: usize,
        empty: bool,
    ) -> Result<(), Failure> {
        let in_scope = self.bindings.len();
        // Declarations first: they hold for the element's own name and attributes.
        for attribute in raw {
            if let Some(prefix) = declared_prefix(attribute.name) {
                self.bind(prefix, attribute)?;
            }
        }
        if name.prefix() == Some("xmlns") {
            return Err(Bad::new(at, "the 'xmlns' prefix is used, but it must not be").into());
        }
        let ns = match self.resolve(name.prefix().unwrap_or(""), at)? {
            Scope::Bound(i) => self.bindings[i].ns,
            Scope::None | Scope::Xml => None,
        };
        self.count()?;
        let id = self.doc.elements.len() as u32;
        let first_attribute = self.doc.attributes.len() as u32;
        self.attributes(raw)?;
        self.doc.elements.push(Element {
            ns,
            local: name.local(),
            first_attribute,
            end_attribute: self.doc.attributes.len() as u32,
            end: id + 1,
            text: NONE,
        });
        self.in_text = false;
        if empty {
            self.close_scope(in_scope);
            self.text_of = NONE;
            self.root_done = self.open.is_empty();
        } else {
            self.open.push((id, in_scope, name.name));
            self.text_of = id;
        }
        Ok(())
    }

    /// An end tag at `at`: where it ends.
    fn end_tag(&mut self, at: usize) -> Result<usize, Failure> {
        let bytes = self.text.as_bytes();
        let name = syntax::qname(self.text, at + 2)?.name;
        let mut i = at + 2 + name.len();
        while bytes.get(i).copied().is_some_and(syntax::is_space) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'>') {
            return Err(syntax::expected("'>'", &self.text[i..], i).into());
        }
        match self.open.pop() {
            Some((id, in_scope, open)) if open == name => {
                self.doc.elements[id as usize].end = self.doc.elements.len() as u32;
                self.close_scope(in_scope);
            }
            Some((_, _, open)) => {
                return Err(Bad::new(at, format!("expected '{open}' tag, not '{name}'")).into());
            }
            None => return Err(Bad::new(at, format!("unexpected close tag '{name}'")).into()),
        }
        self.text_of = NONE;
        self.in_text = false;
        self.root_done = self.open.is_empty();
        Ok(i + 1)
    }

    /// The bindings an element made go out of scope with it.
    fn close_scope(&mut self, in_scope: usize) {
        if self.bindings.len() != in_scope {
            self.bindings.truncate(in_scope);
            self.last_prefix = None;
        }
    }

    /// A namespace declaration (`xmlns:p="…"`, `xmlns="…"`).
    fn bind(&mut self, prefix: &'i str, attribute: &RawAttribute<'i>) -> Result<(), Failure> {
        let uri = syntax::attribute_value(attribute)?;
        let at = attribute.at;
        let wrong = match (prefix, uri.as_ref()) {
            ("xmlns", _) => Some("the 'xmlns' prefix must not be declared"),
            ("xml", XML_URI) => None,
            ("xml", _) => Some("'xml' namespace prefix mapped to wrong URI"),
            (_, XML_URI) => Some("the 'xml' namespace URI is used for not 'xml' prefix"),
            (_, XMLNS_URI) => Some("the 'xmlns' URI is used, but it must not be declared"),
            (p, "") if !p.is_empty() => Some("a prefix is bound to no namespace"),
            _ => None,
        };
        if let Some(wrong) = wrong {
            return Err(Bad::new(at, wrong).into());
        }
        if prefix == "xml" {
            return Ok(());
        }
        let ns = Ns::of(&uri);
        self.bindings.push(Binding { prefix, uri, ns });
        self.last_prefix = None;
        Ok(())
    }

    /// The scope of a prefix (`""`: the default namespace).
    fn resolve(&mut self, prefix: &'i str, at: usize) -> Result<Scope, Bad> {
        if let Some((last, scope)) = self.last_prefix
            && last == prefix
        {
            return Ok(scope);
        }
        let scope = match self.bindings.iter().rposition(|b| b.prefix == prefix) {
            Some(i) if self.bindings[i].uri.is_empty() => Scope::None,
            Some(i) => Scope::Bound(i),
            None if prefix.is_empty() => Scope::None,
            None if prefix == "xml" => Scope::Xml,
            None => {
                return Err(Bad::new(
                    at,
                    format!("an unknown namespace prefix '{prefix}'"),
                ));
            }
        };
        self.last_prefix = Some((prefix, scope));
        Ok(scope)
    }

    /// The namespace URI of a prefix's scope, to tell attributes apart.
    fn uri(&self, scope: Scope) -> &str {
        match scope {
            Scope::None => "",
            Scope::Xml => XML_URI,
            Scope::Bound(i) => &self.bindings[i].uri,
        }
    }

    /// An element's attributes: every one checked, and kept if a reader may ask for it.
    fn attributes(&mut self, raw: &[RawAttribute<'i>]) -> Result<(), Failure> {
        // Each attribute's prefix scope (`None` without a prefix, and for a declaration); on
        // the stack for a tag of a usual size.
        const USUAL: usize = 16;
        let mut usual = [Scope::None; USUAL];
        let mut many = Vec::new();
        let scopes: &mut [Scope] = if raw.len() <= USUAL {
            &mut usual[..raw.len()]
        } else {
            many.resize(raw.len(), Scope::None);
            &mut many
        };
        for (attribute, scope) in raw.iter().zip(scopes.iter_mut()) {
            if let Some(prefix) = attribute.name.prefix()
                && prefix != "xmlns"
            {
                *scope = self.resolve(prefix, attribute.at)?;
            }
        }
        self.no_duplicates(raw, scopes)?;
        for (attribute, scope) in raw.iter().zip(scopes.iter()) {
            if declared_prefix(attribute.name).is_some() {
                continue;
            }
            let local = attribute.name.local();
            let ns = match (attribute.name.prefix(), scope) {
                (None, _) => None,
                (Some(_), Scope::Bound(i)) => match self.bindings[*i].ns {
                    Some(ns) if kept(ns, local) => Some(ns),
                    // Not asked for: its value is checked, not kept.
                    _ => {
                        syntax::attribute_value(attribute)?;
                        continue;
                    }
                },
                (Some(_), Scope::None | Scope::Xml) => {
                    syntax::attribute_value(attribute)?;
                    continue;
                }
            };
            let value = syntax::attribute_value(attribute)?;
            self.doc.attributes.push(Attribute { ns, local, value });
        }
        Ok(())
    }

    /// No attribute twice: by name as written, or by namespace and local name.
    fn no_duplicates(&self, raw: &[RawAttribute<'i>], scopes: &[Scope]) -> Result<(), Failure> {
        let in_namespace = |i: usize| raw[i].name.prefix().is_some_and(|prefix| prefix != "xmlns");
        let same = |i: usize, j: usize| {
            let (a, b) = (raw[i].name, raw[j].name);
            a.name == b.name
                || (in_namespace(i)
                    && in_namespace(j)
                    && a.local() == b.local()
                    && self.uri(scopes[i]) == self.uri(scopes[j]))
        };
        let duplicate = if raw.len() <= 16 {
            (1..raw.len()).find(|&i| (0..i).any(|j| same(i, j)))
        } else {
            // Many attributes: sorted, so that a tag of thousands is not quadratic.
            let key = |i: usize| match in_namespace(i) {
                true => (Some(self.uri(scopes[i])), raw[i].name.local()),
                false => (None, raw[i].name.name),
            };
            let mut keys: Vec<_> = (0..raw.len()).map(|i| (key(i), i)).collect();
            keys.sort_unstable();
            keys.windows(2)
                .find(|w| w[0].0 == w[1].0)
                .map(|w| w[0].1.max(w[1].1))
        };
        match duplicate {
            Some(i) => Err(Bad::new(
                raw[i].at,
                format!("attribute '{}' is already defined", raw[i].name.name),
            )
            .into()),
            None => Ok(()),
        }
    }
}

/// The prefix an attribute declares, if it is a namespace declaration (`""` for `xmlns`).
fn declared_prefix(name: QName<'_>) -> Option<&str> {
    match name.prefix() {
        Some("xmlns") => Some(name.local()),
        None if name.name == "xmlns" => Some(""),
        _ => None,
    }
}

/// Whether an attribute in `ns` may be asked for: all but Word's revision and paragraph ids,
/// which are on nearly every paragraph, run and row and never read.
fn kept(ns: Ns, local: &str) -> bool {
    match ns {
        Ns::W => !local.starts_with("rsid"),
        Ns::W14 => !matches!(local, "paraId" | "textId"),
        _ => true,
    }
}
