//! One construct at a time, inside paragraphs: numbering and bullets, breaks and characters,
//! namespaces, content controls, legacy form fields, links, tracked changes, comments and
//! notes, and anything unknown that holds text.

use super::*;

#[test]
fn questions_numbered_automatically_paragraphs_and_bullets() {
    let answer = [
        split(&["The Assembly adopted ", "a new strategy", " in 2023."]),
        p("It has three pillars:"),
        bullet(0, "coastal data;"),
        bullet(1, "tide gauges;"),
        bullet(0, "early warning."),
        // Word leaves an empty bullet at the end of a list: dropped.
        bullet(0, ""),
        p("The pillars are funded."),
    ]
    .concat();
    let out = import(&form_with(1, &answer));
    assert_has(
        &out.toml,
        "governing_body = \"\"\"\nThe Assembly adopted a new strategy in 2023.\n\nIt has three pillars:\n\n- coastal data;\n  - tide gauges;\n- early warning.\n\nThe pillars are funded.\"\"\"",
    );
    assert_has(
        &out.toml,
        "entity = \"Office for Coastal Resilience Studies (OCRS)\"",
    );
    // The form's title is no answer, and no note.
    assert!(!out.toml.contains("notes"), "{}", out.toml);
}

#[test]
fn breaks_tabs_and_characters_are_read_as_typed() {
    let records = table(&[
        title_row("Event 1"),
        format!(
            r#"<w:tr>{}{}</w:tr>"#,
            tc(&p("Event Name:")),
            tc(
                r#"<w:p><w:r><w:t>Regional</w:t><w:br/><w:t>Forum</w:t><w:br w:type="page"/><w:lastRenderedPageBreak/><w:t xml:space="preserve"> on Co</w:t><w:softHyphen/><w:t>asts</w:t></w:r></w:p>"#
            ),
        ),
        row("Event Dates", &["12–14 June 2024"]),
        row("Event Location (City, Country)", &["Apia,\u{a0}Samoa"]),
        row("Relevant SDGs", &["13, 14 and 17"]),
        format!(
            r#"<w:tr>{}{}</w:tr>"#,
            tc(&p("Description (max 150 words)")),
            tc(
                r#"<w:p><w:r><w:t>Two</w:t><w:tab/><w:t>lines</w:t><w:br/><w:t>in one “paragraph” – re</w:t><w:noBreakHyphen/><w:t>elected</w:t><w:sym w:font="Symbol" w:char="03B1"/></w:r></w:p>"#
            ),
        ),
    ]);
    let out = import(&form_with(2, &records));
    // A line break in a one-line field is a space; a page break is nothing.
    assert_has(&out.toml, "name = \"Regional Forum on Co\u{ad}asts\"");
    assert_has(
        &out.toml,
        "description = \"\"\"\nTwo\tlines\nin one “paragraph” – re\u{2011}electedα\"\"\"",
    );
    assert_has(&out.toml, "country = \"Samoa\"");
}

#[test]
fn names_are_read_by_namespace_whatever_the_prefix_or_flavour() {
    let answer = p("Adopted a strategy in 2023.");
    let plain = import(&form_with(6, &answer));
    let strict = import(&form_with(6, &answer).strict());
    let prefixed = {
        let mut docx = form_with(6, &answer);
        docx.body = docx
            .body
            .replace("<w:", "<ns0:")
            .replace("</w:", "</ns0:")
            .replace(" w:", " ns0:");
        docx.body = format!(
            r#"<ns0:customXml xmlns:ns0="{W}">{}</ns0:customXml>"#,
            docx.body
        );
        import(&docx)
    };
    assert_has(
        &plain.toml,
        "recommendations = \"Adopted a strategy in 2023.\"",
    );
    assert_eq!(strict.toml, plain.toml, "{}", strict.stderr);
    assert_eq!(prefixed.toml, plain.toml, "{}", prefixed.stderr);
}

#[test]
fn content_controls_are_unwrapped_and_placeholders_read_as_empty() {
    let placeholder = r#"<w:tr><w:tc><w:p><w:r><w:t>Website (if applicable)</w:t></w:r></w:p></w:tc><w:tc><w:sdt><w:sdtPr><w:showingPlcHdr/><w:text/></w:sdtPr><w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>Click or tap here to enter text.</w:t></w:r></w:p></w:sdtContent></w:sdt></w:tc></w:tr>"#;
    let run_control = r#"<w:tr><w:tc><w:p><w:r><w:t>Event Dates</w:t></w:r></w:p></w:tc><w:tc><w:p><w:sdt><w:sdtPr><w:date/></w:sdtPr><w:sdtContent><w:r><w:t>5 June 2024</w:t></w:r></w:sdtContent></w:sdt></w:p></w:tc></w:tr>"#;
    let repeating = format!(
        r#"<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/></w:tblGrid><w:sdt><w:sdtPr><w15:repeatingSection/></w:sdtPr><w:sdtContent><w:sdt><w:sdtPr><w15:repeatingSectionItem/></w:sdtPr><w:sdtContent>{}{}{}</w:sdtContent></w:sdt><w:sdt><w:sdtPr><w15:repeatingSectionItem/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt></w:sdtContent></w:sdt></w:tbl>"#,
        controlled_row("Event Name", "Forum"),
        run_control,
        placeholder,
        controlled_row("Event Name", "Dialogue"),
    );
    let block = r#"<w:sdt><w:sdtPr><w:alias w:val="Intro"/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Two events:</w:t></w:r></w:p></w:sdtContent></w:sdt>"#;
    let out = import(&form_with(2, &format!("{block}{repeating}")));
    assert_has(&out.toml, "name = \"Forum\"\ndates = \"2024-06-05\"");
    assert_has(&out.toml, "name = \"Dialogue\"");
    assert!(!out.toml.contains("Click or tap"), "{}", out.toml);
    let findings = out.findings();
    assert!(
        findings.contains(&(
            "placeholder".to_string(),
            "form.docx: question 2 (table 2, row 3)".to_string()
        )),
        "{findings:?}"
    );
    assert_has(
        &out.stderr,
        "`Click or tap here to enter text.`; read as empty",
    );
    // The text before the tables fits no record: kept in notes, never dropped.
    assert_has(&out.toml, "notes = [\"Two events:\"]");
}

#[test]
fn legacy_form_fields_give_their_result_never_their_code() {
    let empty = "\u{2002}".repeat(5);
    let body = table(&[
        title_row("Event 1"),
        form_field_row("Event Name", "Forum on Oceans"),
        form_field_row("Event Dates", "5 June 2024"),
        form_field_row("Website (if applicable)", &empty),
    ]);
    let out = import(&form_with(2, &body));
    assert_has(
        &out.toml,
        "name = \"Forum on Oceans\"\ndates = \"2024-06-05\"",
    );
    assert!(
        !out.toml.contains("FORMTEXT") && !out.toml.contains("website"),
        "{}",
        out.toml
    );
    // Other fields: their result text.
    let page = r#"<w:p><w:r><w:t xml:space="preserve">See page </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>4</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> and </w:t></w:r><w:fldSimple w:instr=" HYPERLINK &quot;https://ocrs.example.org&quot; "><w:r><w:t>our site</w:t></w:r></w:fldSimple></w:p>"#;
    let out = import(&form_with(6, page));
    assert_has(&out.toml, "recommendations = \"See page 4 and our site\"");
}

#[test]
fn a_website_written_as_words_is_its_links_target() {
    let link = |id: &str, text: &str| {
        format!(
            r#"<w:tr>{}<w:tc><w:p><w:hyperlink r:id="{id}" w:history="1"><w:r><w:rPr><w:rStyle w:val="Hyperlink"/></w:rPr><w:t>{text}</w:t></w:r></w:hyperlink></w:p></w:tc></w:tr>"#,
            tc(&p("Website (if applicable)"))
        )
    };
    let body = table(&[
        row("Event Name", &["Forum"]),
        link("rIdL1", "Forum website"),
        row("Event Name", &["Dialogue"]),
        link("rIdL2", "www.dialogue.example.org"),
    ]);
    let out = import(
        &form_with(2, &body)
            .link("rIdL1", "https://forum.example.org/2024")
            .link("rIdL2", "https://elsewhere.example.org"),
    );
    assert_has(&out.toml, "website = \"https://forum.example.org/2024\"");
    // Text that is an address stays what the person wrote.
    assert_has(&out.toml, "website = \"www.dialogue.example.org\"");
}

#[test]
fn tracked_changes_are_read_as_accepted_and_said_to_be_pending() {
    let answer = r#"<w:p><w:r><w:t xml:space="preserve">The Assembly </w:t></w:r><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:delText xml:space="preserve">rejected </w:delText></w:r></w:del><w:ins w:id="2" w:author="A" w:date="2024-01-01T00:00:00Z"><w:r><w:t xml:space="preserve">adopted </w:t></w:r></w:ins><w:r><w:t>a strategy.</w:t></w:r><w:moveFrom w:id="3" w:author="A"><w:r><w:t>Old place.</w:t></w:r></w:moveFrom></w:p>"#;
    let out = import(&form_with(1, answer));
    assert_has(
        &out.toml,
        "governing_body = \"The Assembly adopted a strategy.\"",
    );
    let findings = out.findings();
    assert!(
        findings.contains(&(
            "tracked-changes".to_string(),
            "form.docx: question 1 (paragraph 3)".to_string()
        )),
        "{findings:?}"
    );
    assert_has(&out.stderr, "has 3 tracked changes not yet accepted");
}

#[test]
fn comments_notes_headers_and_text_boxes_go_to_notes_never_to_answers() {
    let comments = format!(
        r#"<w:comments xmlns:w="{W}"><w:comment w:id="0" w:author="Reviewer"><w:p><w:r><w:t>Is this the final figure?</w:t></w:r></w:p></w:comment></w:comments>"#
    );
    let footnotes = format!(
        r#"<w:footnotes xmlns:w="{W}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Decision 12/4 of the Assembly.</w:t></w:r></w:p></w:footnote></w:footnotes>"#
    );
    let header = format!(
        r#"<w:hdr xmlns:w="{W}"><w:p><w:r><w:t>OCRS response – draft</w:t></w:r></w:p></w:hdr>"#
    );
    let answer = r#"<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>The Assembly adopted a strategy.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>Boxed remark</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Boxed remark</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>"#;
    let out = import(
        &form_with(1, answer)
            .part("comments", "comments.xml", &comments)
            .part("footnotes", "footnotes.xml", &footnotes)
            .part("header", "header1.xml", &header),
    );
    assert_has(
        &out.toml,
        "governing_body = \"The Assembly adopted a strategy.\"",
    );
    assert!(!out.toml.contains("final figure"), "{}", out.toml);
    // The text box read once, from one branch of the alternate.
    assert_has(
        &out.toml,
        "notes = [\"Boxed remark\", \"Decision 12/4 of the Assembly.\", \"OCRS response – draft\"]",
    );
    let findings = out.findings();
    let at = "form.docx: question 1 (paragraph 3)".to_string();
    for want in [
        ("comments".to_string(), at.clone()),
        ("skipped-text".to_string(), at.clone()),
        ("skipped-text".to_string(), "form.docx".to_string()),
    ] {
        assert!(findings.contains(&want), "{want:?} in {findings:?}");
    }
    assert_has(&out.stderr, "has 1 comment; they are never read as answers");
    assert_has(
        &out.stderr,
        "text in a text box holds no answer field; kept in notes[0]",
    );
    assert_has(&out.stderr, "text in a footnote holds no answer field");
}

#[test]
fn anything_else_that_holds_text_is_kept() {
    let answer = format!(
        r#"{}<w:unknownBlock><w:p><w:r><w:t>Odd container</w:t></w:r></w:p></w:unknownBlock>"#,
        p("Answer.")
    );
    let out = import(&form_with(1, &answer));
    assert_has(&out.toml, "governing_body = \"Answer.\"");
    assert_has(&out.toml, "notes = [\"Odd container\"]");
    assert!(
        out.codes().contains(&"skipped-text".to_string()),
        "{}",
        out.stderr
    );
}
