//! The package around a body: the parts every Word document has (content types, relationships,
//! styles, settings, properties), zipped in a fixed order with a fixed date so that the same
//! answers always give the same bytes.

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::xml::Xml;
use super::{W, attr};

const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
const CONTENT_TYPES: &str = "http://schemas.openxmlformats.org/package/2006/content-types";
const OFFICE_RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const VT: &str = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes";
/// The format id every user-defined custom property carries.
const CUSTOM_FMTID: &str = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}";

/// A Word document's content and what is said about it.
#[derive(Debug)]
pub struct Package<'a> {
    /// `word/document.xml`.
    pub document: String,
    /// `word/numbering.xml`.
    pub numbering: String,
    /// The title in the document's properties.
    pub title: &'a str,
    /// When it was created, in seconds since the epoch.
    pub created: i64,
    /// Custom properties, (name, text).
    pub properties: Vec<(&'a str, &'a str)>,
}

impl Package<'_> {
    /// The .docx file.
    pub fn zip(&self) -> Vec<u8> {
        let parts = [
            ("[Content_Types].xml", content_types()),
            ("_rels/.rels", package_relationships()),
            ("docProps/core.xml", core(self.title, self.created)),
            ("docProps/app.xml", app()),
            ("docProps/custom.xml", custom(&self.properties)),
            ("word/document.xml", self.document.clone()),
            ("word/_rels/document.xml.rels", document_relationships()),
            ("word/styles.xml", super::styles::xml()),
            ("word/numbering.xml", self.numbering.clone()),
            ("word/settings.xml", settings()),
        ];
        zip(&parts)
    }
}

/// Zips parts in the order given, deflated, every entry dated 1980-01-01 (the zip format's
/// first day) with the same permissions.
fn zip(parts: &[(&str, String)]) -> Vec<u8> {
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        // Into memory, with names and sizes that zip takes (ZIP64 where a part needs it),
        // writing cannot fail.
        let options = options.large_file(text.len() as u64 >= u64::from(u32::MAX));
        writer
            .start_file(*name, options)
            .and_then(|()| writer.write_all(text.as_bytes()).map_err(Into::into))
            .expect("a part is written into memory");
    }
    writer
        .finish()
        .expect("a package is written into memory")
        .into_inner()
}

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    let overrides = [
        ("/word/document.xml", format!("{main}.document.main+xml")),
        ("/word/styles.xml", format!("{main}.styles+xml")),
        ("/word/numbering.xml", format!("{main}.numbering+xml")),
        ("/word/settings.xml", format!("{main}.settings+xml")),
        (
            "/docProps/core.xml",
            "application/vnd.openxmlformats-package.core-properties+xml".to_string(),
        ),
        (
            "/docProps/app.xml",
            "application/vnd.openxmlformats-officedocument.extended-properties+xml".to_string(),
        ),
        (
            "/docProps/custom.xml",
            "application/vnd.openxmlformats-officedocument.custom-properties+xml".to_string(),
        ),
    ];
    let mut xml = Xml::part();
    xml.start("Types", &[("xmlns", CONTENT_TYPES)])
        .empty(
            "Default",
            &[
                ("Extension", "rels"),
                (
                    "ContentType",
                    "application/vnd.openxmlformats-package.relationships+xml",
                ),
            ],
        )
        .empty(
            "Default",
            &[("Extension", "xml"), ("ContentType", "application/xml")],
        );
    for (part, kind) in &overrides {
        xml.empty("Override", &[("PartName", part), ("ContentType", kind)]);
    }
    xml.end();
    xml.finish()
}

fn relationships(list: &[(&str, &str)]) -> String {
    let mut xml = Xml::part();
    xml.start("Relationships", &[("xmlns", RELATIONSHIPS)]);
    for (i, (kind, target)) in list.iter().enumerate() {
        let id = format!("rId{}", i + 1);
        xml.empty(
            "Relationship",
            &[("Id", &id), ("Type", kind), ("Target", target)],
        );
    }
    xml.end();
    xml.finish()
}

fn package_relationships() -> String {
    relationships(&[
        (
            &format!("{OFFICE_RELS}/officeDocument"),
            "word/document.xml",
        ),
        (
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
        ),
        (
            &format!("{OFFICE_RELS}/extended-properties"),
            "docProps/app.xml",
        ),
        (
            &format!("{OFFICE_RELS}/custom-properties"),
            "docProps/custom.xml",
        ),
    ])
}

fn document_relationships() -> String {
    relationships(&[
        (&format!("{OFFICE_RELS}/styles"), "styles.xml"),
        (&format!("{OFFICE_RELS}/numbering"), "numbering.xml"),
        (&format!("{OFFICE_RELS}/settings"), "settings.xml"),
    ])
}

/// `docProps/core.xml`: the title, and the same date as created and modified.
fn core(title: &str, created: i64) -> String {
    let when = jiff::Timestamp::from_second(created)
        .unwrap_or(jiff::Timestamp::UNIX_EPOCH)
        .strftime("%Y-%m-%dT%H:%M:%SZ")
        .to_string();
    let w3cdtf = [("xsi:type", "dcterms:W3CDTF")];
    let mut xml = Xml::part();
    xml.start(
        "cp:coreProperties",
        &[
            (
                "xmlns:cp",
                "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
            ),
            ("xmlns:dc", "http://purl.org/dc/elements/1.1/"),
            ("xmlns:dcterms", "http://purl.org/dc/terms/"),
            ("xmlns:dcmitype", "http://purl.org/dc/dcmitype/"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
        ],
    )
    .element("dc:title", &[], title)
    .element("dcterms:created", &w3cdtf, &when)
    .element("dcterms:modified", &w3cdtf, &when)
    .end();
    xml.finish()
}

/// `docProps/app.xml`: the application that wrote the file.
fn app() -> String {
    let mut xml = Xml::part();
    xml.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
            ),
            ("xmlns:vt", VT),
        ],
    )
    // No `AppVersion`: Office expects its own versions there (`16.0000`), not qfill's.
    .element("Application", &[], "qfill")
    .end();
    xml.finish()
}

/// `docProps/custom.xml`: named text properties (property ids start at 2; 0 and 1 are reserved).
fn custom(properties: &[(&str, &str)]) -> String {
    let mut xml = Xml::part();
    xml.start(
        "Properties",
        &[
            (
                "xmlns",
                "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties",
            ),
            ("xmlns:vt", VT),
        ],
    );
    for (i, (name, value)) in properties.iter().enumerate() {
        let pid = (i + 2).to_string();
        xml.start(
            "property",
            &[("fmtid", CUSTOM_FMTID), ("pid", &pid), ("name", name)],
        )
        .element("vt:lpwstr", &[], value)
        .end();
    }
    xml.end();
    xml.finish()
}

/// `word/settings.xml`: Word 2013's mode (so check boxes are content controls, not a
/// compatibility view) and the default tab stop.
fn settings() -> String {
    let mut xml = Xml::part();
    xml.start("w:settings", &[("xmlns:w", W)])
        .empty("w:defaultTabStop", &attr("720"))
        .empty("w:characterSpacingControl", &attr("doNotCompress"))
        .start("w:compat", &[])
        .empty(
            "w:compatSetting",
            &[
                ("w:name", "compatibilityMode"),
                ("w:uri", "http://schemas.microsoft.com/office/word"),
                ("w:val", "15"),
            ],
        )
        .end()
        .end();
    xml.finish()
}

#[cfg(test)]
mod tests {
    use super::super::testing::unpack;
    use super::*;
    use crate::compile::FIXED_DATE;

    fn package(created: i64) -> Vec<u8> {
        let mut body = super::super::body::Body::default();
        body.text("Some text.");
        let (document, numbering) = body.finish();
        Package {
            document,
            numbering,
            title: "A title",
            created,
            properties: vec![("qfill-questionnaire", "hlpf-2024"), ("second", "x & y")],
        }
        .zip()
    }

    #[test]
    fn every_part_is_listed_related_and_well_formed() {
        let unpacked = unpack(&package(FIXED_DATE));
        assert_eq!(
            unpacked.names,
            [
                "[Content_Types].xml",
                "_rels/.rels",
                "docProps/core.xml",
                "docProps/app.xml",
                "docProps/custom.xml",
                "word/document.xml",
                "word/_rels/document.xml.rels",
                "word/styles.xml",
                "word/numbering.xml",
                "word/settings.xml",
            ]
        );
        for name in &unpacked.names {
            roxmltree::Document::parse(unpacked.part(name))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let types = roxmltree::Document::parse(unpacked.part("[Content_Types].xml")).unwrap();
        let overridden: Vec<&str> = types
            .descendants()
            .filter_map(|n| n.attribute("PartName"))
            .collect();
        for name in unpacked
            .names
            .iter()
            .filter(|n| !n.to_ascii_lowercase().ends_with(".rels") && !n.starts_with('['))
        {
            assert!(
                overridden.contains(&format!("/{name}").as_str()),
                "{name} has no content type"
            );
        }
        // Every relationship points at a part of the package, relative to its source's folder.
        for (rels, folder) in [
            ("_rels/.rels", ""),
            ("word/_rels/document.xml.rels", "word/"),
        ] {
            let doc = roxmltree::Document::parse(unpacked.part(rels)).unwrap();
            for target in doc.descendants().filter_map(|n| n.attribute("Target")) {
                let part = format!("{folder}{target}");
                assert!(unpacked.names.contains(&part), "{rels}: {part}");
            }
        }
        let main = roxmltree::Document::parse(unpacked.part("_rels/.rels")).unwrap();
        let office = main
            .descendants()
            .find(|n| {
                n.attribute("Type")
                    .is_some_and(|t| t.ends_with("/officeDocument"))
            })
            .unwrap();
        assert_eq!(office.attribute("Target"), Some("word/document.xml"));
        let custom = unpacked.part("docProps/custom.xml");
        assert!(
            custom.contains("pid=\"3\" name=\"second\"><vt:lpwstr>x &amp; y</vt:lpwstr>"),
            "{custom}"
        );
    }

    #[test]
    fn the_same_content_gives_the_same_bytes_and_only_the_date_moves() {
        assert_eq!(package(FIXED_DATE), package(FIXED_DATE));
        let (a, b) = (
            unpack(&package(FIXED_DATE)),
            unpack(&package(1_700_000_000)),
        );
        for name in &a.names {
            if name == "docProps/core.xml" {
                assert_ne!(a.part(name), b.part(name));
            } else {
                assert_eq!(a.part(name), b.part(name), "{name}");
            }
        }
        for (unpacked, when) in [(a, "2000-01-01T00:00:00Z"), (b, "2023-11-14T22:13:20Z")] {
            let core = roxmltree::Document::parse(unpacked.part("docProps/core.xml")).unwrap();
            for name in ["created", "modified"] {
                let node = core
                    .descendants()
                    .find(|n| n.tag_name().name() == name)
                    .unwrap();
                assert_eq!(node.text(), Some(when), "{name}");
                let xsi = "http://www.w3.org/2001/XMLSchema-instance";
                assert_eq!(node.attribute((xsi, "type")), Some("dcterms:W3CDTF"));
            }
        }
    }

    #[test]
    fn entries_are_deflated_and_dated_the_zip_formats_first_day() {
        let bytes = package(FIXED_DATE);
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for i in 0..archive.len() {
            let file = archive.by_index(i).unwrap();
            assert_eq!(file.compression(), CompressionMethod::Deflated);
            assert_eq!(file.last_modified(), Some(DateTime::default()));
            assert_eq!(file.unix_mode(), Some(0o100_644));
        }
    }
}
