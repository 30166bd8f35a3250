//! A small XML writer: elements opened and closed in order, text and attribute values escaped,
//! and characters XML 1.0 does not allow replaced, so that no answer can make an invalid part.

/// The declaration every part starts with.
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// Stands in for a character XML 1.0 cannot hold (a control character, U+FFFE, U+FFFF): visible,
/// so that nothing is dropped without a trace.
const REPLACEMENT: char = '\u{fffd}';

/// An XML part being written.
#[derive(Debug)]
pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    /// A part: the declaration, then what is written.
    pub fn part() -> Xml {
        Xml {
            out: String::from(DECLARATION),
            open: Vec::new(),
        }
    }

    /// A fragment without the declaration, to be spliced into a part with [`Xml::raw`].
    pub fn fragment() -> Xml {
        Xml {
            out: String::new(),
            open: Vec::new(),
        }
    }

    /// Opens an element; [`Xml::end`] closes it.
    pub fn start(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.tag(name, attrs);
        self.out.push('>');
        self.open.push(name);
        self
    }

    /// Closes the element opened last.
    pub fn end(&mut self) -> &mut Xml {
        let name = self.open.pop().expect("an element is open");
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
        self
    }

    /// An element without content.
    pub fn empty(&mut self, name: &'static str, attrs: &[(&str, &str)]) -> &mut Xml {
        self.tag(name, attrs);
        self.out.push_str("/>");
        self
    }

    /// An element holding only text.
    pub fn element(&mut self, name: &'static str, attrs: &[(&str, &str)], text: &str) -> &mut Xml {
        self.start(name, attrs);
        self.text(text);
        self.end()
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) -> &mut Xml {
        escape_into(&mut self.out, text, false);
        self
    }

    /// A fragment written by another [`Xml`], whose elements are all closed.
    pub fn raw(&mut self, fragment: Xml) -> &mut Xml {
        self.out.push_str(&fragment.finish());
        self
    }

    /// The text written; every element must be closed.
    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out
    }

    fn tag(&mut self, name: &'static str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
    }
}

/// Whether XML 1.0 allows the character at all (its `Char` production; Rust's `char` holds no
/// surrogates).
fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..)
}

/// Appends `text` escaped. In attribute values, quotes and the whitespace a parser would
/// normalise (tab, line feed, carriage return) are written as references too.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            '\t' if attribute => out.push_str("&#9;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if allowed(c) => out.push(c),
            _ => out.push(REPLACEMENT),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let cases = [
            ("a & b", false, "a &amp; b"),
            ("<w:t>", false, "&lt;w:t&gt;"),
            ("say \"hi\" 'x'", false, "say \"hi\" 'x'"),
            ("say \"hi\" 'x'", true, "say &quot;hi&quot; &apos;x&apos;"),
            ("a\tb\nc\rd", true, "a&#9;b&#10;c&#13;d"),
            ("a\tb\nc\rd", false, "a\tb\nc&#13;d"),
            (
                "bell\u{7}esc\u{1b}nul\u{0}",
                false,
                "bell\u{fffd}esc\u{fffd}nul\u{fffd}",
            ),
            ("\u{fffe}\u{ffff}", false, "\u{fffd}\u{fffd}"),
            ("é 国 😀 \u{85}", false, "é 国 😀 \u{85}"),
        ];
        for (text, attribute, want) in cases {
            let mut out = String::new();
            escape_into(&mut out, text, attribute);
            assert_eq!(out, want, "{text:?}");
        }
    }

    #[test]
    fn hostile_text_makes_a_well_formed_part() {
        let hostile = "</w:t><!DOCTYPE x [<!ENTITY a \"b\">]>&a;\u{0}\u{b}]]><?pi?>\"'";
        let mut xml = Xml::part();
        xml.start("root", &[("attr", hostile)])
            .element("child", &[], hostile)
            .end();
        let text = xml.finish();
        let doc = roxmltree::Document::parse(&text).expect(&text);
        let child = doc.root_element().first_element_child().unwrap();
        let kept = hostile.replace(['\u{0}', '\u{b}'], "\u{fffd}");
        assert_eq!(child.text(), Some(kept.as_str()));
        assert_eq!(doc.root_element().attribute("attr"), Some(kept.as_str()));
    }

    #[test]
    fn fragments_nest_and_elements_close_in_order() {
        let mut inner = Xml::fragment();
        inner.empty("b", &[("k", "v")]);
        let mut xml = Xml::fragment();
        xml.start("a", &[]).raw(inner).end();
        assert_eq!(xml.finish(), "<a><b k=\"v\"/></a>");
    }
}
