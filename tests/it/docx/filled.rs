//! A filled form of realistic size against its legacy-text twin.

use std::fs;

use super::*;

/// One record: (label as the form prints it, value paragraphs).
pub(super) type Record = Vec<(&'static str, Vec<&'static str>)>;

pub(super) struct Filled {
    entity: [(&'static str, &'static str); 4],
    governing_body: Vec<Text>,
    events: Vec<Record>,
    resources: Vec<Record>,
    high_impact: (Vec<&'static str>, Vec<&'static str>),
    initiatives: Vec<Record>,
    recommendations: Vec<Text>,
}

/// A paragraph, or a bullet at a level.
pub(super) enum Text {
    P(&'static str),
    Bullet(usize, &'static str),
}

pub(super) fn filled() -> Filled {
    use Text::{Bullet, P};
    let event = |name, dates, place, sdgs, description: Vec<&'static str>, website| -> Record {
        vec![
            ("Event Name:", vec![name]),
            ("Event Dates:", vec![dates]),
            ("Event Location (City, Country):", vec![place]),
            ("Relevant SDGs:", vec![sdgs]),
            (
                "Description (max 150 words): please include a short summary of the event’s mandate and contributions to the SDGs, including its main outcome(s)",
                description,
            ),
            ("Website (if applicable)", website),
        ]
    };
    let resource = |name,
                    sdgs,
                    publishers,
                    audience,
                    description: Vec<&'static str>,
                    languages,
                    website|
     -> Record {
        vec![
            ("Resource Name", vec![name]),
            ("Relevant SDGs (list all relevant goals)", vec![sdgs]),
            ("Publishing entity/entities", vec![publishers]),
            ("Target audience", vec![audience]),
            ("Description (max 150 words)", description),
            ("Language(s)", vec![languages]),
            ("Website (if applicable)", vec![website]),
        ]
    };
    let initiative =
        |name, partners, sdgs, states, description: Vec<&'static str>, website| -> Record {
            vec![
                ("Initiative/Partnership Name", vec![name]),
                ("Partners (please list all partners)", vec![partners]),
                ("Relevant SDGs (list all relevant goals)", vec![sdgs]),
                ("Member States benefiting from it", vec![states]),
                ("Description (max 150 words)", description),
                ("Website", vec![website]),
            ]
        };
    Filled {
        entity: [
            (
                "Name of entity:",
                "Global Water Resilience Institute (GWRI)",
            ),
            ("Focal point:", "Focal Point, Strategic Planning Unit"),
            ("E-mail:", "sdg-focalpoint@gwri.example.org"),
            ("Date of submission:", "15 February 2024"),
        ],
        governing_body: vec![
            P(
                "At its forty-second session in November 2023, the Governing Council of the Global Water Resilience Institute (GWRI) adopted the Strategic Plan 2024-2027, “Water Security for a Resilient Future”. The Plan responds directly to the compounding effects of the climate emergency, the food and energy price shocks of 2022 and the lasting fiscal pressures of the COVID-19 pandemic, which have together reversed progress on access to safe drinking water and sanitation in many developing countries.",
            ),
            P(
                "The Council took three decisions to strengthen the delivery of sustainable, resilient and innovative solutions:",
            ),
            Bullet(
                0,
                "a Rapid Response Facility that can deploy technical teams to Member States within fourteen days of a drought, flood or water-related emergency;",
            ),
            Bullet(
                0,
                "a Data and Innovation Strategy that commits the Institute to publish its hydrological datasets as open data, and to support national statistical offices in reporting on:",
            ),
            Bullet(1, "SDG indicator 6.1.1;"),
            Bullet(1, "SDG indicators 6.3.2 and 6.4.2;"),
            Bullet(
                0,
                "a dedicated window for the least developed countries and small island developing States.",
            ),
            P(
                "To reinforce poverty eradication, the Plan introduces an equity marker for every project. Each intervention must now show how it reaches people living in poverty, women and girls, persons with disabilities, Indigenous Peoples and rural communities, and country teams report on these results annually to the Council. The Council also requested the Secretariat to integrate water-related risk into national financing frameworks, in cooperation with the resident coordinator system and international financial institutions.",
            ),
            P(
                "Finally, the Council reaffirmed the Institute’s commitment to system-wide coherence. GWRI will contribute to common country analyses and Cooperation Frameworks in all programme countries, will co-lead UN-Water work on integrated monitoring, and will report annually on its contribution to the follow-up and review of the 2030 Agenda, including through this questionnaire and the voluntary national review process.",
            ),
        ],
        events: vec![
            event(
                "Regional Forum on Water Security and Climate Adaptation in Africa",
                "10-12 May 2023",
                "Nairobi, Kenya",
                "2, 6, 13 and 17",
                vec![
                    "Convened pursuant to Governing Council decision 41/3, the Forum brought together ministers, basin organizations, youth networks and development partners from 34 African countries to review progress on SDG 6 and its links with food security and climate action.",
                    "The main outcome was the Nairobi Call to Action on Water Security, which sets out ten priority actions for integrating water into nationally determined contributions and national adaptation plans.",
                ],
                vec!["https://www.gwri.example.org/events/africa-forum-2023"],
            ),
            event(
                "Global Dialogue on Water Data for the SDGs",
                "8 October 2024",
                "Geneva, Switzerland; Dakar, Senegal",
                "SDGs 6, 16 and 17",
                vec![
                    "Mandated by Governing Council decision 42/5, the Global Dialogue will gather national statistical offices, hydrological services, custodian agencies and civil society to discuss how open water data can accelerate progress on the Goals under review.",
                ],
                vec!["TBD"],
            ),
        ],
        resources: vec![
            resource(
                "World Water Resilience Report 2023: Water at the Crossroads of the SDGs",
                "1, 2, 6, 7, 13, 15",
                "Global Water Resilience Institute (GWRI)",
                "Policymakers, planning and finance ministries, development partners",
                vec![
                    "The flagship report analyses how water scarcity, pollution and water-related disasters affect progress across the 2030 Agenda. Using data from 120 countries, it quantifies the interlinkages between water security, poverty, food production, energy generation and ecosystem health.",
                    "The report includes country profiles and a set of recommendations for integrating water into national development plans and budget processes.",
                ],
                "Arabic, Chinese, English, French, Russian, Spanish",
                "https://www.gwri.example.org/publications/wwrr-2023",
            ),
            resource(
                "Guidance Note on Integrating Water into National Adaptation Plans",
                "6, 11 and 13",
                "GWRI, Caribbean Climate Adaptation Network (CCAN)",
                "National adaptation planning teams and water ministries",
                vec![
                    "This guidance note offers a step-by-step approach for assessing water-related climate risks and translating them into priority adaptation actions.",
                ],
                "English, French, Spanish, Portuguese",
                "www.gwri.example.org/publications/nap-water-guidance",
            ),
            resource(
                "Open Water Data Toolkit",
                "6 and 17",
                "GWRI",
                "National statistical offices and hydrological services",
                vec![
                    "The toolkit supports countries in collecting, managing and publishing water data for SDG monitoring.",
                ],
                "EN, FR",
                "https://www.gwri.example.org/toolkits/open-water-data",
            ),
        ],
        high_impact: (
            vec![
                "GWRI contributes to Early Warnings for All as a partner under the pillar on detection, observation, monitoring, analysis and forecasting. Under Power of Data, the Institute works with national statistical offices to integrate earth observation and administrative data into reporting on water-related SDG indicators.",
            ],
            vec!["Power of Data", "Early Warnings for All"],
        ),
        initiatives: vec![
            initiative(
                "Global Partnership for Resilient Water Services",
                "GWRI, International Alliance of Water Utilities (IAWU), Youth for Water Network (Y4W)",
                "1, 6, 13, 17",
                "All Member States",
                vec![
                    "The Partnership helps water and sanitation utilities in all regions prepare for climate shocks.",
                    "Since its launch in 2023, the Partnership has supported 48 utilities serving more than 30 million people.",
                ],
                "https://www.gwri.example.org/partnerships/resilient-water-services",
            ),
            initiative(
                "Lake Victoria Basin Drought and Food Security Initiative",
                "GWRI, Lake Basin Farmers' Cooperative Union (LBFCU)",
                "1, 2, 6 and 13",
                "Kenya, Uganda, Tanzania, Rwanda and Burundi",
                vec![
                    "The Initiative links seasonal drought forecasts with agricultural extension services so that smallholder farmers can adjust planting decisions.",
                ],
                "n/a",
            ),
        ],
        recommendations: vec![
            P("GWRI recommends that the review of the high-level political forum:"),
            Bullet(
                0,
                "strengthen the use of disaggregated, openly licensed data in the follow-up and review of the 2030 Agenda;",
            ),
            Bullet(
                0,
                "devote dedicated time to interlinkages, with thematic reviews organized around clusters of Goals.",
            ),
            P("GWRI stands ready to support such efforts through its country programmes."),
        ],
    }
}

/// The filled form as Word writes it, each record in a different way.
pub(super) fn filled_docx(f: &Filled) -> Docx {
    let mut body = p(TITLE);
    body.push_str(&table(
        &f.entity
            .iter()
            .map(|(l, v)| row(l, &[v]))
            .collect::<Vec<_>>(),
    ));
    let text = |texts: &[Text]| -> String {
        texts
            .iter()
            .map(|t| match t {
                Text::P(s) => {
                    // Split where a spell checker would.
                    let (a, b) = s.split_at(s.char_indices().nth(s.chars().count() / 2).unwrap().0);
                    split(&[a, b])
                }
                Text::Bullet(level, s) => bullet(*level, s),
            })
            .collect()
    };
    let record_rows = |record: &Record, style: usize| -> Vec<String> {
        record
            .iter()
            .map(|(label, values)| match style {
                1 if values.len() == 1 => controlled_row(label, values[0]),
                2 if values.len() == 1 => form_field_row(label, values[0]),
                _ => row(label, values),
            })
            .collect()
    };
    body.push_str(&question(Q[0]));
    body.push_str(&text(&f.governing_body));
    body.push_str(&question(Q[1]));
    for (i, record) in f.events.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Event {}", i + 1))];
        rows.extend(record_rows(record, i % 3));
        body.push_str(&table(&rows));
        body.push_str(&p(""));
    }
    // The form's spare table for a third event, left empty.
    let mut spare = vec![title_row("Event 3")];
    spare.extend(f.events[0].iter().map(|(label, _)| row(label, &[])));
    body.push_str(&table(&spare));
    body.push_str(&question(Q[2]));
    for (i, record) in f.resources.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Resource {}", i + 1))];
        rows.extend(record_rows(record, (i + 1) % 3));
        if i == 1 {
            // Split across a page: two tables, one record.
            body.push_str(&table(&rows[..4]));
            body.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
            body.push_str(&table(&rows[4..]));
        } else {
            body.push_str(&table(&rows));
        }
    }
    body.push_str(&question(Q[3]));
    body.push_str(&text(
        &f.high_impact
            .0
            .iter()
            .map(|s| Text::P(s))
            .collect::<Vec<_>>(),
    ));
    for (i, name) in INITIATIVES.iter().enumerate() {
        let ticked = f.high_impact.1.contains(name);
        body.push_str(&if i % 2 == 0 {
            w14_box(ticked, name)
        } else {
            legacy_box(ticked, name)
        });
    }
    body.push_str(&question(Q[4]));
    for (i, record) in f.initiatives.iter().enumerate() {
        let mut rows = vec![title_row(&format!("Initiative/Partnership {}", i + 1))];
        rows.extend(record_rows(record, (i + 2) % 3));
        body.push_str(&table(&rows));
    }
    body.push_str(&question(Q[5]));
    body.push_str(&text(&f.recommendations));
    Docx::new(body).lists()
}

/// The same answers in the legacy text layout, as Word's text export writes it.
fn filled_text(f: &Filled) -> String {
    let mut out = String::new();
    let mut line = |s: &str| {
        out.push_str(s);
        out.push('\n');
    };
    line(TITLE);
    for (label, value) in f.entity {
        line(&format!("{label} |"));
        line(&format!("{value} |"));
    }
    let text = |texts: &[Text], line: &mut dyn FnMut(&str)| {
        for t in texts {
            match t {
                Text::P(s) => line(s),
                Text::Bullet(level, s) => {
                    for _ in 0..=*level {
                        line("-");
                    }
                    line(s);
                }
            }
        }
    };
    let records = |records: &[Record], line: &mut dyn FnMut(&str)| {
        for record in records {
            for (label, values) in record {
                line(&format!("{label} |"));
                for (i, v) in values.iter().enumerate() {
                    if i + 1 == values.len() {
                        line(&format!("{v} |"));
                    } else {
                        line(v);
                    }
                }
            }
        }
    };
    line(&format!("1. {}", Q[0]));
    text(&f.governing_body, &mut line);
    line(&format!("2. {}", Q[1]));
    records(&f.events, &mut line);
    line(&format!("3. {}", Q[2]));
    records(&f.resources, &mut line);
    line(&format!("4. {}", Q[3]));
    for s in &f.high_impact.0 {
        line(s);
    }
    line(&format!("5. {}", Q[4]));
    records(&f.initiatives, &mut line);
    line(&format!("6. {}", Q[5]));
    text(&f.recommendations, &mut line);
    out
}

/// The TOML without Q4's table, where the boxes decide.
fn without_q4(toml: &str) -> String {
    let mut out = String::new();
    let mut skipping = false;
    for line in toml.lines() {
        if line.starts_with('[') {
            skipping = line == "[answers.high_impact]";
        }
        if !skipping {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn a_realistic_filled_form_imports_as_its_text_twin() {
    let f = filled();
    let dir = Scratch::new();
    let docx_path = dir.path().join("gwri.docx");
    let text_path = dir.path().join("gwri.txt");
    let bytes = filled_docx(&f).bytes();
    fs::write(&docx_path, &bytes).unwrap();
    fs::write(&text_path, filled_text(&f)).unwrap();
    let word = import_file(&docx_path);
    let text = import_file(&text_path);
    assert!(
        word.toml.len() > 6_000,
        "a form of realistic size: {}",
        word.toml.len()
    );
    assert_eq!(
        without_q4(&word.toml),
        without_q4(&text.toml),
        "{}\n{}",
        word.stderr,
        text.stderr
    );
    assert_has(
        &word.toml,
        "[contact]\nname = \"Focal Point, Strategic Planning Unit\"",
    );
    assert_has(
        &word.toml,
        "website = \"https://www.gwri.example.org/events/africa-forum-2023\"",
    );
    // Q4: the ticked boxes, in the form's order; the text twin finds the names in the text.
    assert_has(
        &word.toml,
        "initiatives = [\"Power of Data\", \"Early Warnings for All\"]",
    );
    assert_has(
        &text.toml,
        "initiatives = [\"Power of Data\", \"Early Warnings for All\"]",
    );
    // The same findings, at the same answers, in the form's places.
    let paths = |out: &Imported| -> Vec<(String, String)> {
        let mut found: Vec<(String, String)> = out
            .stderr
            .lines()
            .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
            .map(|l| {
                let code = l[l.find('[').unwrap() + 1..l.find(']').unwrap()].to_string();
                let message = l.rsplit(": ").next().unwrap_or("").to_string();
                (code, message)
            })
            .collect();
        found.sort();
        found
    };
    assert_eq!(
        paths(&word),
        paths(&text),
        "{}\n{}",
        word.stderr,
        text.stderr
    );
    assert!(
        word.findings().iter().any(|(code, place)| code == "pending"
            && place == "gwri.docx: question 2, event 2 (table 3, row 7)"),
        "{}",
        word.stderr
    );
    assert_eq!(word.code, text.code);
}
