//! One construct at a time, in tables and boxes: records from tables, merged cells, Q4's check
//! boxes, the entity table, and the blank form.

use super::*;

#[test]
fn records_from_tables_however_many_and_however_split() {
    let event = |n: usize, name: &str| {
        vec![
            title_row(&format!("Event {n}")),
            row("Event Name:", &[name]),
            row("Event Dates:", &["2 May 2024"]),
            row("Event Location (City, Country):", &["Dakar, Senegal"]),
            row("Relevant SDGs:", &["SDG 14"]),
            row(
                "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
                &["Met.", "Agreed."],
            ),
            row("Website (if applicable)", &[]),
        ]
    };
    let first = event(1, "First");
    let second = event(2, "Second");
    // A spare table the form holds for a third event: its values are all empty.
    let spare: Vec<String> = [
        title_row("Event 3"),
        row("Event Name:", &[]),
        row("Event Dates:", &[]),
        row("Relevant SDGs:", &[]),
    ]
    .to_vec();
    // The second table split in two by a page break: the record goes on.
    let body = [
        table(&first),
        p(""),
        table(&second[..3]),
        r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#.to_string(),
        table(&second[3..]),
        // A row added under the last table for a fourth record.
        table(&[
            row("Event Name", &["Fourth"]),
            row("Event Dates", &["2024"]),
        ]),
        table(&spare),
    ]
    .concat();
    let out = import(&form_with(2, &body));
    let names: Vec<&str> = out
        .toml
        .lines()
        .filter(|l| l.starts_with("name = "))
        .collect();
    assert_eq!(
        names,
        ["name = \"First\"", "name = \"Second\"", "name = \"Fourth\""],
        "{}",
        out.toml
    );
    assert_has(&out.toml, "description = \"\"\"\nMet.\n\nAgreed.\"\"\"");
    assert!(
        !out.toml.contains("Event 1") && !out.toml.contains("notes"),
        "{}",
        out.toml
    );
    // Findings name the question, the record and the row a person finds in Word: the fourth
    // record, third read, lacks its location.
    let findings = out.findings();
    assert!(
        findings.iter().any(|(code, place)| code == "required"
            && place.starts_with("form.docx: question 2, event 3 (table 5, row ")),
        "{findings:?}"
    );
}

#[test]
fn merged_cells_hold_their_value_in_the_first() {
    let grid_row = |inner: &str| format!("<w:tr>{inner}</w:tr>");
    let body = table(&[
        title_row("Initiative 1"),
        row("Initiative/Partnership Name", &["Mangrove Alliance"]),
        row("Partners (please list all partners)", &["OCRS, FAO"]),
        row("Relevant SDGs (list all relevant goals)", &["1, 2 and 14"]),
        row("Member States benefiting from it", &["Senegal, Gambia"]),
        grid_row(&format!(
            r#"<w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>{}</w:tc>{}"#,
            p("Description (max 150 words)"),
            tc(&p("Restores mangroves."))
        )),
        grid_row(&format!(
            r#"<w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>{}"#,
            tc(&p("Supports incomes."))
        )),
    ]);
    let out = import(&form_with(5, &body));
    assert_has(
        &out.toml,
        "description = \"\"\"\nRestores mangroves.\n\nSupports incomes.\"\"\"",
    );
    assert_has(&out.toml, "member_states = [\"Senegal\", \"Gambia\"]");
}

#[test]
fn q4_check_boxes_decide_the_choices_whatever_stores_them() {
    let boxes = [
        p("OCRS contributes through its data portal and its forecasting work."),
        w14_box(true, "Power of Data"),
        w14_box(false, "Transforming Education"),
        legacy_box(true, "Early Warnings for All"),
        legacy_box(false, "FutureGov"),
        p("☐ Energy Compacts"),
        p("☒ SDG Stimulus"),
    ]
    .concat();
    let out = import(&form_with(4, &boxes));
    assert_has(
        &out.toml,
        "[answers.high_impact]\ninitiatives = [\"Power of Data\", \"Early Warnings for All\", \"SDG Stimulus\"]\ntext = \"OCRS contributes through its data portal and its forecasting work.\"",
    );
    // Boxes shown and none ticked: an explicit none, and the text stays.
    let none: String = INITIATIVES
        .iter()
        .map(|name| w14_box(false, name))
        .collect();
    let out = import(&form_with(
        4,
        &format!(
            "{}{none}",
            p("Not at this time; we mention Power of Data only as an example.")
        ),
    ));
    assert_has(
        &out.toml,
        "[answers.high_impact]\ninitiatives = []\ntext = \"Not at this time; we mention Power of Data only as an example.\"",
    );
}

#[test]
fn the_entity_table_gives_entity_contact_and_submission_date() {
    let body = [
        p(TITLE),
        p("Please return the form by 15 January 2024."),
        table(&[
            row(
                "Name of entity:",
                &["Office for Coastal Resilience Studies (OCRS)"],
            ),
            row("Focal point:", &["Ana Silva"]),
            row("E-mail:", &["ana.silva@ocrs.example.org"]),
            row("Date of submission:", &["15 January 2024"]),
        ]),
        question(Q[0]),
        p("Answer."),
    ]
    .concat();
    let out = import(&Docx::new(body).lists());
    assert_has(
        &out.toml,
        "entity = \"Office for Coastal Resilience Studies (OCRS)\"\nsubmitted = \"2024-01-15\"",
    );
    assert_has(
        &out.toml,
        "[contact]\nname = \"Ana Silva\"\nemail = \"ana.silva@ocrs.example.org\"",
    );
    // The instructions are no answer: kept in notes, with a finding at their paragraph.
    assert_has(
        &out.toml,
        "notes = [\"Please return the form by 15 January 2024.\"]",
    );
    assert!(
        out.findings().contains(&(
            "unplaced-text".to_string(),
            "form.docx: paragraph 2".to_string()
        )),
        "{}",
        out.stderr
    );
}

#[test]
fn a_blank_form_imports_with_no_records_and_no_choices() {
    let out = import_bytes("blank.docx", &blank_form().bytes());
    assert!(!out.toml.contains("[[answers"), "{}", out.toml);
    assert!(!out.toml.contains("initiatives = [\""), "{}", out.toml);
    assert!(!out.toml.contains("notes"), "{}", out.toml);
    // Nothing answered: the entity is missing, the questions are not answered (Q4's boxes,
    // none ticked, say "none of them"), and nothing else is said.
    let findings = out.findings();
    let at = |code: &str, place: &str| (code.to_string(), format!("blank.docx{place}"));
    assert_eq!(
        findings,
        [
            at("required", ""),
            at("not-answered", ": question 1 (paragraph 2)"),
            at("not-answered", ": question 2 (paragraph 4)"),
            at("not-answered", ": question 3 (paragraph 8)"),
            at("not-answered", ": question 4 (paragraph 13)"),
            at("not-answered", ": question 5 (paragraph 25)"),
            at("not-answered", ": question 6 (paragraph 29)"),
        ],
        "{}",
        out.stderr
    );
}

/// The blank form DESA sends: the entity table and each question with its empty tables and
/// Q4's unticked boxes.
fn blank_form() -> Docx {
    let labels: [&[&str]; 3] = [
        &[
            "Event Name:",
            "Event Dates:",
            "Event Location (City, Country):",
            "Relevant SDGs:",
            "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
            "Website (if applicable)",
        ],
        &[
            "Resource Name",
            "Relevant SDGs (list all relevant goals)",
            "Publishing entity/entities",
            "Target audience",
            "Description (max 150 words)",
            "Language(s)",
            "Website (if applicable)",
        ],
        &[
            "Initiative/Partnership Name",
            "Partners (please list all partners)",
            "Relevant SDGs (list all relevant goals)",
            "Member States benefiting from it",
            "Description (max 150 words)",
            "Website",
        ],
    ];
    let tables = |record: &str, labels: &[&str], count: usize| -> String {
        (1..=count)
            .map(|n| {
                let mut rows = vec![title_row(&format!("{record} {n}"))];
                rows.extend(labels.iter().map(|l| row(l, &[])));
                table(&rows) + &p("")
            })
            .collect()
    };
    let mut body = p(TITLE);
    body.push_str(&table(&[
        row("Name of entity:", &[]),
        row("Focal point:", &[]),
        row("E-mail:", &[]),
        row("Date of submission:", &[]),
    ]));
    for (i, text) in Q.iter().enumerate() {
        body.push_str(&question(text));
        match i {
            1 => body.push_str(&tables("Event", labels[0], 3)),
            2 => body.push_str(&tables("Resource", labels[1], 3)),
            3 => body.extend(INITIATIVES.iter().map(|n| w14_box(false, n))),
            4 => body.push_str(&tables("Initiative", labels[2], 3)),
            _ => body.push_str(&p("")),
        }
    }
    Docx::new(body).lists()
}
