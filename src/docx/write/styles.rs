//! `word/styles.xml`: the styles the body names — Normal, Title, Heading 1 to 3, List Paragraph
//! and a table grid with borders — so the document looks the same in every word processor.

use super::xml::Xml;
use super::{W, attr};

/// A paragraph style: id, name, size in half-points, bold, space before and after (twips), the
/// outline level of a heading.
struct Paragraph {
    id: &'static str,
    name: &'static str,
    size: Option<&'static str>,
    bold: bool,
    before: &'static str,
    after: &'static str,
    outline: Option<&'static str>,
}

const PARAGRAPHS: &[Paragraph] = &[
    Paragraph {
        id: "Title",
        name: "Title",
        size: Some("32"),
        bold: false,
        before: "0",
        after: "240",
        outline: None,
    },
    Paragraph {
        id: "Heading1",
        name: "heading 1",
        size: Some("24"),
        bold: true,
        before: "360",
        after: "120",
        outline: Some("0"),
    },
    Paragraph {
        id: "Heading2",
        name: "heading 2",
        size: Some("23"),
        bold: true,
        before: "240",
        after: "120",
        outline: Some("1"),
    },
    Paragraph {
        id: "Heading3",
        name: "heading 3",
        size: Some("22"),
        bold: true,
        before: "240",
        after: "80",
        outline: Some("2"),
    },
];

/// The part.
pub fn xml() -> String {
    let mut xml = Xml::part();
    xml.start("w:styles", &[("xmlns:w", W)]);
    defaults(&mut xml);
    xml.start(
        "w:style",
        &[
            ("w:type", "paragraph"),
            ("w:default", "1"),
            ("w:styleId", "Normal"),
        ],
    )
    .empty("w:name", &attr("Normal"))
    .empty("w:qFormat", &[])
    .end();
    for p in PARAGRAPHS {
        xml.start("w:style", &[("w:type", "paragraph"), ("w:styleId", p.id)])
            .empty("w:name", &attr(p.name))
            .empty("w:basedOn", &attr("Normal"))
            .empty("w:next", &attr("Normal"))
            .empty("w:qFormat", &[]);
        xml.start("w:pPr", &[]).empty("w:keepNext", &[]);
        xml.empty("w:spacing", &[("w:before", p.before), ("w:after", p.after)]);
        if let Some(level) = p.outline {
            xml.empty("w:outlineLvl", &attr(level));
        }
        xml.end().start("w:rPr", &[]);
        if p.bold {
            xml.empty("w:b", &[]);
        }
        if let Some(size) = p.size {
            xml.empty("w:sz", &attr(size)).empty("w:szCs", &attr(size));
        }
        xml.end().end();
    }
    xml.start(
        "w:style",
        &[("w:type", "paragraph"), ("w:styleId", "ListParagraph")],
    )
    .empty("w:name", &attr("List Paragraph"))
    .empty("w:basedOn", &attr("Normal"))
    .empty("w:qFormat", &[])
    .start("w:pPr", &[])
    .empty("w:spacing", &[("w:after", "60")])
    .empty("w:ind", &[("w:left", "720")])
    .empty("w:contextualSpacing", &[])
    .end()
    .end();
    tables(&mut xml);
    xml.end();
    xml.finish()
}

/// Fonts, size and spacing every style starts from.
fn defaults(xml: &mut Xml) {
    xml.start("w:docDefaults", &[])
        .start("w:rPrDefault", &[])
        .start("w:rPr", &[])
        .empty(
            "w:rFonts",
            &[
                ("w:ascii", "Calibri"),
                ("w:eastAsia", "Calibri"),
                ("w:hAnsi", "Calibri"),
                ("w:cs", "Calibri"),
            ],
        )
        .empty("w:sz", &attr("22"))
        .empty("w:szCs", &attr("22"))
        .empty("w:lang", &[("w:val", "en-GB"), ("w:eastAsia", "en-US")])
        .end()
        .end()
        .start("w:pPrDefault", &[])
        .start("w:pPr", &[])
        .empty(
            "w:spacing",
            &[
                ("w:after", "120"),
                ("w:line", "264"),
                ("w:lineRule", "auto"),
            ],
        )
        .end()
        .end()
        .end();
}

/// The default table style (no borders, cell margins) and the grid the tables use.
fn tables(xml: &mut Xml) {
    xml.start(
        "w:style",
        &[
            ("w:type", "table"),
            ("w:default", "1"),
            ("w:styleId", "TableNormal"),
        ],
    )
    .empty("w:name", &attr("Normal Table"))
    .start("w:tblPr", &[])
    .empty("w:tblInd", &[("w:w", "0"), ("w:type", "dxa")]);
    xml.start("w:tblCellMar", &[])
        .empty("w:top", &[("w:w", "0"), ("w:type", "dxa")])
        .empty("w:left", &[("w:w", "108"), ("w:type", "dxa")])
        .empty("w:bottom", &[("w:w", "0"), ("w:type", "dxa")])
        .empty("w:right", &[("w:w", "108"), ("w:type", "dxa")])
        .end()
        .end()
        .end();
    xml.start(
        "w:style",
        &[("w:type", "table"), ("w:styleId", "TableGrid")],
    )
    .empty("w:name", &attr("Table Grid"))
    .empty("w:basedOn", &attr("TableNormal"))
    .start("w:pPr", &[])
    .empty("w:spacing", &[("w:before", "40"), ("w:after", "40")])
    .end()
    .start("w:tblPr", &[])
    .start("w:tblBorders", &[]);
    for side in [
        "w:top",
        "w:left",
        "w:bottom",
        "w:right",
        "w:insideH",
        "w:insideV",
    ] {
        xml.empty(
            side,
            &[
                ("w:val", "single"),
                ("w:sz", "4"),
                ("w:space", "0"),
                ("w:color", "auto"),
            ],
        );
    }
    xml.end().end().end();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_styles_the_body_names_are_defined() {
        let text = xml();
        let doc = roxmltree::Document::parse(&text).unwrap();
        let styles: Vec<(&str, &str)> = doc
            .descendants()
            .filter(|n| n.has_tag_name((W, "style")))
            .map(|n| {
                (
                    n.attribute((W, "type")).unwrap(),
                    n.attribute((W, "styleId")).unwrap(),
                )
            })
            .collect();
        for id in [
            "Normal",
            "Title",
            "Heading1",
            "Heading2",
            "Heading3",
            "ListParagraph",
        ] {
            assert!(styles.contains(&("paragraph", id)), "{id}");
        }
        assert!(styles.contains(&("table", "TableGrid")));
        let grid = doc
            .descendants()
            .find(|n| n.attribute((W, "styleId")) == Some("TableGrid"))
            .unwrap();
        let borders: Vec<&str> = grid
            .descendants()
            .filter(|n| {
                n.parent()
                    .is_some_and(|p| p.has_tag_name((W, "tblBorders")))
            })
            .map(|n| n.attribute((W, "val")).unwrap())
            .collect();
        assert_eq!(borders, ["single"; 6]);
        let outline = |id: &str| {
            doc.descendants()
                .find(|n| n.attribute((W, "styleId")) == Some(id))
                .and_then(|n| n.descendants().find(|c| c.has_tag_name((W, "outlineLvl"))))
                .and_then(|n| n.attribute((W, "val")))
        };
        assert_eq!(
            [
                outline("Heading1"),
                outline("Heading2"),
                outline("Heading3")
            ],
            [Some("0"), Some("1"), Some("2")]
        );
    }
}
