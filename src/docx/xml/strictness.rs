//! The reader against XML's rules: what it refuses and why, how it resolves prefixes, what
//! text and attributes it keeps, and that no nesting overflows the stack.

use std::borrow::Cow;

use super::*;

const WORD: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";

fn reason(text: &str) -> String {
    match parse(text, 1_000) {
        Err(XmlError::Malformed(reason)) => reason,
        other => panic!("{text:?} gave {other:?}"),
    }
}

#[test]
fn what_is_not_well_formed_is_refused_with_its_reason_and_place() {
    let w = format!(r#"xmlns:w="{WORD}""#);
    let cases: Vec<(String, &str)> = vec![
        (
            "<a>".into(),
            "the root node was opened but never closed at 1:4",
        ),
        (
            "<a><b></b>".into(),
            "the root node was opened but never closed",
        ),
        ("<a></b>".into(), "expected 'a' tag, not 'b' at 1:4"),
        ("<a><b></a></b>".into(), "expected 'b' tag, not 'a'"),
        ("</a>".into(), "unexpected close tag 'a'"),
        ("<a/><b/>".into(), "a second root element at 1:5"),
        ("".into(), "the document does not have a root node"),
        ("  \n ".into(), "the document does not have a root node"),
        ("hello<a/>".into(), "text outside the root element at 1:1"),
        ("<a/>\n tail".into(), "text outside the root element at 2:2"),
        (
            "<a/><![CDATA[x]]>".into(),
            "a CDATA section outside the root element",
        ),
        ("<a/>&amp;".into(), "a reference outside the root element"),
        (
            "<a>&nope;</a>".into(),
            "unknown entity reference 'nope' at 1:4",
        ),
        ("<a>& b</a>".into(), "malformed entity reference"),
        ("<a>&#0;</a>".into(), "a non-XML character '\\0' found"),
        ("<a>&#xD800;</a>".into(), "malformed entity reference"),
        ("<a>&#x;</a>".into(), "malformed entity reference"),
        ("<a>&#+7;</a>".into(), "malformed entity reference"),
        (
            r#"<a b="&nope;"/>"#.into(),
            "unknown entity reference 'nope' at 1:7",
        ),
        (r#"<a b="x&y"/>"#.into(), "malformed entity reference"),
        (
            r#"<a b="&#1;"/>"#.into(),
            "a non-XML character '\\u{1}' found",
        ),
        (r#"<a b="<"/>"#.into(), "unescaped '<' found at 1:7"),
        ("<x:a/>".into(), "an unknown namespace prefix 'x' at 1:2"),
        (r#"<a x:b="1"/>"#.into(), "an unknown namespace prefix 'x'"),
        (
            r#"<a><b xmlns:x="urn:x"/><x:c/></a>"#.into(),
            "an unknown namespace prefix 'x'",
        ),
        (
            r#"<a b="1" b="2"/>"#.into(),
            "attribute 'b' is already defined at 1:13",
        ),
        (
            r#"<a xmlns:p="urn:u" xmlns:q="urn:u" p:b="1" q:b="2"/>"#.into(),
            "attribute 'q:b' is already defined",
        ),
        (
            r#"<a xmlns:p="urn:u" xmlns:p="urn:v"/>"#.into(),
            "attribute 'xmlns:p' is already defined",
        ),
        (
            format!(
                "<a {}/>",
                (0..40).map(|i| format!(r#"b{i}="" "#)).collect::<String>() + r#"b7="""#
            ),
            "attribute 'b7' is already defined",
        ),
        ("<a b/>".into(), "expected '=' not '/'"),
        ("<a b=c/>".into(), "expected a quote not 'c'"),
        (r#"<a b="1"c="2"/>"#.into(), "expected a space not 'c'"),
        (r#"<a b="1/>"#.into(), "unexpected end of stream"),
        ("<1a/>".into(), "invalid name token at 1:2"),
        ("< a/>".into(), "invalid name token"),
        ("<a:/>".into(), "invalid name token"),
        ("<a:b:c xmlns:a=\"urn:a\"/>".into(), "invalid name token"),
        ("<a><b/ ></a>".into(), "expected '>' not ' '"),
        ("<w/\n".into(), "expected '>' not '\n' at 1:4"),
        ("<a></a".into(), "unexpected end of stream"),
        (
            "<a>\u{1}</a>".into(),
            "a non-XML character '\\u{1}' found at 1:4",
        ),
        (
            "<a>\u{FFFE}</a>".into(),
            "a non-XML character '\\u{fffe}' found",
        ),
        (
            "<a>x]]>y</a>".into(),
            "']]>' is not allowed inside a character data at 1:5",
        ),
        ("<a><!-- a -- b --></a>".into(), "contains '--'"),
        (
            r#"<a/><?xml version="1.0"?>"#.into(),
            "unexpected XML declaration",
        ),
        (r#"<?xml encoding="UTF-8"?><a/>"#.into(), "version"),
        ("<a><?1 x?></a>".into(), "invalid name token"),
        (
            r#"<a xmlns:p=""/>"#.into(),
            "a prefix is bound to no namespace",
        ),
        (
            "<xmlns:a/>".into(),
            "the 'xmlns' prefix is used, but it must not be",
        ),
        (
            r#"<a xmlns:xml="urn:x"/>"#.into(),
            "'xml' namespace prefix mapped to wrong URI",
        ),
        (
            r#"<a xmlns:x="http://www.w3.org/XML/1998/namespace"/>"#.into(),
            "the 'xml' namespace URI is used for not 'xml' prefix",
        ),
        (
            r#"<a xmlns:xmlns="urn:x"/>"#.into(),
            "the 'xmlns' prefix must not be declared",
        ),
        (
            format!("<w:p {w}>\n  <w:r></w:t></w:p>"),
            "expected 'w:r' tag, not 'w:t' at 2:8",
        ),
        ("<a></a x>".into(), "expected '>' not 'x'"),
        ("<a><!x></a>".into(), "unknown token at 1:4"),
        ("<a><!-- open</a>".into(), "unexpected end of stream"),
        ("<a><!-- a ---></a>".into(), "contains '--'"),
        ("<a><![CDATA[x</a>".into(), "unexpected end of stream"),
        ("<a><?pi x</a>".into(), "unexpected end of stream"),
        ("<a><?pi?x?></a>".into(), "invalid name token"),
        (
            r#"<?XML version="1.0"?><a/>"#.into(),
            "unexpected XML declaration",
        ),
    ];
    for (text, want) in &cases {
        let got = reason(text);
        assert!(
            got.starts_with("is not well-formed XML: "),
            "{text:?}: {got}"
        );
        assert!(got.contains(want), "{text:?}: {got}, not {want:?}");
    }
}

#[test]
fn what_is_well_formed_is_read() {
    let cases = [
        "<a/>",
        "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n<a/>",
        r#"<?xml-stylesheet href="a"?><!-- before --><a/><!-- after --><?pi?>"#,
        "<a ></a >",
        "<a\n b = 'x'\t c=\"y\" />",
        "<a>x > y ] ]> &#x10FFFF; &#65;</a>",
        "<é:à xmlns:é=\"urn:é\" é:ü=\"1\"/>",
        "<a><!----><![CDATA[]]><?p?></a>",
    ];
    for text in cases {
        assert!(
            parse(text, 100).is_ok(),
            "{text:?}: {:?}",
            parse(text, 100).err()
        );
    }
}

#[test]
fn dtds_and_node_floods_are_refused() {
    for text in [
        "<!DOCTYPE a><a/>",
        r#"<?xml version="1.0"?><!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>"#,
        r#"<!DOCTYPE a SYSTEM "http://example.org/a.dtd"><a/>"#,
    ] {
        assert_eq!(
            parse(text, 1_000).err(),
            Some(XmlError::Malformed(
                "declares a DTD, which a Word file never does".to_string()
            )),
            "{text}"
        );
    }
    // Elements, text nodes and comments all count.
    let cases: &[(&str, u32, bool)] = &[
        ("<a><b/><b/><b/></a>", 5, true),
        ("<a><b/><b/><b/></a>", 4, false),
        ("<a>x<b/>y<b/>z</a>", 6, false),
        ("<a>x<b/>y<b/>z</a>", 7, true),
        ("<a><!--c--><!--c--></a>", 3, false),
    ];
    for (text, limit, reads) in cases {
        let got = parse(text, *limit);
        if *reads {
            assert!(got.is_ok(), "{text} within {limit}: {got:?}");
        } else {
            assert_eq!(got.err(), Some(XmlError::TooManyNodes(*limit)), "{text}");
        }
    }
}

#[test]
fn prefixes_resolve_by_uri_in_their_scope() {
    // (document, the elements in document order as (namespace, local name))
    type Case = (String, Vec<(Option<Ns>, &'static str)>);
    let other = "urn:example:other";
    let cases: Vec<Case> = vec![
        (
            format!(r#"<w:p xmlns:w="{WORD}"/>"#),
            vec![(Some(Ns::W), "p")],
        ),
        (
            format!(r#"<ns0:p xmlns:ns0="{WORD}"/>"#),
            vec![(Some(Ns::W), "p")],
        ),
        (
            format!(r#"<w:p xmlns:w="{STRICT}"/>"#),
            vec![(Some(Ns::W), "p")],
        ),
        (
            format!(r#"<p xmlns="{WORD}"><r/><x:r xmlns:x="{other}"/></p>"#),
            vec![(Some(Ns::W), "p"), (Some(Ns::W), "r"), (None, "r")],
        ),
        (
            format!(r#"<p xmlns="{WORD}"><q xmlns=""><r/></q><s/></p>"#),
            vec![
                (Some(Ns::W), "p"),
                (None, "q"),
                (None, "r"),
                (Some(Ns::W), "s"),
            ],
        ),
        (
            format!(r#"<w:a xmlns:w="{WORD}"><w:b xmlns:w="{other}"><w:c/></w:b><w:d/></w:a>"#),
            vec![
                (Some(Ns::W), "a"),
                (None, "b"),
                (None, "c"),
                (Some(Ns::W), "d"),
            ],
        ),
        (
            format!(
                r#"<x:a xmlns:x="{other}"><x:b xmlns:x="{STRICT}"/><x:c/><m:oMath xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"/></x:a>"#
            ),
            vec![
                (None, "a"),
                (Some(Ns::W), "b"),
                (None, "c"),
                (Some(Ns::M), "oMath"),
            ],
        ),
        (
            "<plain><xml:lang/></plain>".into(),
            vec![(None, "plain"), (None, "lang")],
        ),
    ];
    for (text, want) in &cases {
        let doc = parse(text, 1_000).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        let got: Vec<(Option<Ns>, &str)> = doc
            .root_element()
            .descendants()
            .map(|n| (n.tag_name().namespace(), n.tag_name().name()))
            .collect();
        assert_eq!(&got, want, "{text}");
    }
}

#[test]
fn attributes_are_kept_where_a_reader_may_ask_for_them() {
    let text = format!(
        r#"<w:p xmlns:w="{WORD}" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"
            xmlns:o="urn:other" xmlns="{WORD}" w:rsidR="00B1" w14:paraId="1A" w:val="a &amp; b"
            o:val="other" Id="rId1" w14:val="1" note="a&#10;b	c
d"/>"#
    );
    let doc = parse(&text, 100).unwrap();
    let p = doc.root_element();
    let cases: &[(Option<Ns>, &str, Option<&str>)] = &[
        (Some(Ns::W), "val", Some("a & b")),
        (Some(Ns::W), "rsidR", None),
        (Some(Ns::W14), "paraId", None),
        (Some(Ns::W14), "val", Some("1")),
        // Without a prefix, an attribute is in no namespace, whatever the default.
        (None, "Id", Some("rId1")),
        (Some(Ns::W), "Id", None),
        // A character reference is kept; white space written as such becomes a space.
        (None, "note", Some("a\nb c d")),
    ];
    for (ns, local, want) in cases {
        assert_eq!(p.attribute_in(*ns, local), *want, "{ns:?} {local}");
    }
    // The other namespace's attribute is checked but not kept.
    assert_eq!(doc.attributes.len(), 4);
}

#[test]
fn an_elements_text_is_what_comes_before_its_first_child() {
    let cases: &[(&str, Option<&str>)] = &[
        ("<t>plain</t>", Some("plain")),
        (
            "<t> a &amp; b &#x2610; &#9746; &lt;c&gt;</t>",
            Some(" a & b ☐ ☒ <c>"),
        ),
        ("<t>x<![CDATA[<d>]]>y</t>", Some("x<d>y")),
        ("<t>a<!--c-->b</t>", Some("a")),
        ("<t><!--c-->b</t>", None),
        ("<t>a<?pi x?>b</t>", Some("a")),
        ("<t>x<b>in</b>y</t>", Some("x")),
        ("<t><b/>y</t>", None),
        ("<t>a\r\nb\rc</t>", Some("a\nb\nc")),
        ("<t></t>", None),
        ("<t/>", None),
        (" \n<t> </t>\n", Some(" ")),
    ];
    for (text, want) in cases {
        let doc = parse(text, 100).unwrap_or_else(|e| panic!("{text}: {e:?}"));
        assert_eq!(doc.root_element().text(), *want, "{text}");
    }
    // Text that needs nothing replaced is the part's own text, not a copy.
    let doc = parse("<t>plain</t>", 100).unwrap();
    assert!(matches!(doc.texts[0], Cow::Borrowed("plain")));
}

#[test]
fn children_and_descendants_follow_document_order() {
    let doc = parse("<a><b><c/><d>t</d></b><e/><f><g/></f></a>", 100).unwrap();
    let names = |nodes: Vec<Node<'_, '_>>| -> Vec<String> {
        nodes
            .iter()
            .map(|n| n.tag_name().name().to_string())
            .collect()
    };
    let root = doc.root_element();
    assert_eq!(names(root.children().collect()), ["b", "e", "f"]);
    assert_eq!(
        names(root.descendants().collect()),
        ["a", "b", "c", "d", "e", "f", "g"]
    );
    let b = root.children().next().unwrap();
    assert_eq!(names(b.children().collect()), ["c", "d"]);
    assert_eq!(names(b.descendants().collect()), ["b", "c", "d"]);
    let e = root.children().nth(1).unwrap();
    assert_eq!(e.children().count(), 0);
    assert_eq!(names(e.descendants().collect()), ["e"]);
}

#[test]
fn deep_nesting_is_read_without_recursion() {
    let depth = 100_000;
    let nested = format!("{}x{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let unclosed = "<a>".repeat(depth);
    // A small stack: reading, walking and dropping the tree must not recurse with the depth.
    let (elements, deepest, refused) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let doc = parse(&nested, u32::MAX).unwrap();
            let deepest = doc.root_element().descendants().last().unwrap();
            let refused = parse(&unclosed, u32::MAX).err();
            (doc.len(), deepest.text().map(str::to_string), refused)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(elements, depth);
    assert_eq!(deepest.as_deref(), Some("x"));
    assert!(matches!(refused, Some(XmlError::Malformed(m)) if m.contains("never closed")));
}

#[test]
fn no_cut_of_a_part_panics() {
    // Every prefix of a part with every kind of markup: refused (it is cut) or read, never a
    // panic, and a place within the text.
    let text = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><!-- é --><w:document xmlns:w="{WORD}" xmlns:x="urn:x"><w:body><w:p w:rsidR="1"><w:r><w:t xml:space="preserve">a &amp; ☐ &#x41;</w:t><x:y a='1' x:b="&lt;"/><![CDATA[c]]><?pi d?></w:r></w:p></w:body></w:document>"#
    );
    for (end, _) in text.char_indices().skip(1) {
        let cut = &text[..end];
        match parse(cut, 1_000) {
            Err(XmlError::Malformed(reason)) => {
                assert!(
                    reason.starts_with("is not well-formed XML: "),
                    "{cut}: {reason}"
                );
            }
            other => panic!("{cut}: {other:?}"),
        }
    }
    assert!(parse(&text, 1_000).is_ok());
}
