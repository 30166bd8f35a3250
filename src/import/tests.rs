use super::*;
use crate::document::Format;

fn q() -> Questionnaire {
    Questionnaire::default_builtin()
}

/// The legacy example's findings are exactly what a careful reader sees in it.
#[test]
fn the_legacy_example() {
    let text = include_str!("../../tests/data/legacy-example.txt");
    let result = import(text, &q());
    let got: Vec<(String, String, Option<usize>)> = result
        .findings
        .iter()
        .map(|f| (f.code.to_string(), f.path.clone(), f.line))
        .collect();
    let want: Vec<(&str, &str, usize)> = vec![
        ("not-answered", "governing_body", 3),
        ("url-bare-domain", "events[0].website", 16),
        ("date-no-year", "events[1].dates", 20),
        ("pending", "events[2].dates", 31),
        ("sdg-range", "events[2].sdgs", 35),
        ("sdg-duplicate", "events[2].sdgs", 35),
        ("pending", "events[2].website", 39),
        ("word-limit", "resources[0].description", 50),
        ("pending", "resources[1].website", 69),
        ("stray-number", "", 70),
        ("not-member-state", "initiatives[0].member_states", 81),
        ("country-unknown", "initiatives[0].member_states", 81),
    ];
    let want: Vec<(String, String, Option<usize>)> = want
        .into_iter()
        .map(|(c, p, l)| (c.to_string(), p.to_string(), Some(l)))
        .collect();
    assert_eq!(got, want);
    let answers = result.answers.to_text(Format::Toml);
    assert!(
        answers.contains("entity = \"Office for Coastal Resilience Studies (OCRS)\""),
        "{answers}"
    );
    assert!(
        answers.contains("initiatives = [\"Power of Data\", \"Early Warnings for All\"]")
            || answers.contains("initiatives = [\"Early Warnings for All\", \"Power of Data\"]"),
        "{answers}"
    );
    assert!(
        answers.contains("dates = \"February 28 – March 2nd\""),
        "kept as written: {answers}"
    );
    assert!(
        answers.contains("website = \"www.ocrs.example.org/forum-2024\""),
        "{answers}"
    );
    assert!(
        answers.contains("- Uses coastal exposure indicators"),
        "{answers}"
    );
}

#[test]
fn values_on_the_label_line_numbers_in_values_and_record_starts() {
    let text = "Org\n2. In the past year, has your organization organized any intergovernmentally mandated conferences\n\
                Event Dates: |\n5 June 2023 |\nEvent Name: Forum on Oceans |\nRelevant SDGs: |\n6\n14 |\n\
                Event Name |\nSecond |\n5. In addition to the above, has your organization been part of any other initiatives\nNone |\n";
    let imported = parse_legacy(text, &q());
    let answers = imported.doc.get("answers").unwrap();
    let Value::Array(records) = &answers.get("events").unwrap().value else {
        panic!("{answers:?}")
    };
    assert_eq!(records.len(), 2, "the first label need not come first");
    assert_eq!(
        records[0].get("name").unwrap().as_str(),
        Some("Forum on Oceans")
    );
    assert_eq!(
        records[0].get("dates").unwrap().as_str(),
        Some("5 June 2023")
    );
    assert_eq!(
        records[0].get("sdgs").unwrap().as_str(),
        Some("6\n14"),
        "a number in a value is a value"
    );
    assert_eq!(
        answers.get("initiatives").unwrap().as_str(),
        Some("None"),
        "not answered, not none"
    );
    assert!(imported.findings.is_empty(), "{:?}", imported.findings);
}

#[test]
fn stray_numbers_and_headers() {
    assert!(is_stray_number("3."));
    assert!(is_stray_number("12"));
    assert!(!is_stray_number("2024 was a good year"));
    assert_eq!(
        split_number("2. In the past year"),
        Some(("2", "In the past year"))
    );
    assert_eq!(
        split_number("B.1 Workshops held"),
        Some(("B.1", "Workshops held"))
    );
    assert_eq!(split_number("Not a header"), None);
}

#[test]
fn records_with_bars_on_the_same_or_next_line() {
    let text = "Org\n5. In addition to the above, has your organization been part of any other initiatives\n\
                Initiative/Partnership Name\n|\nAlliance |\nPartners (please list all partners) |\nA, B |\n\
                Website |\nInitiative/Partnership Name |\nSecond |\n";
    let imported = parse_legacy(text, &q());
    let answers = imported.doc.get("answers").unwrap();
    let Value::Array(records) = &answers.get("initiatives").unwrap().value else {
        panic!("{answers:?}")
    };
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].get("name").unwrap().as_str(), Some("Alliance"));
    assert_eq!(records[0].get("partners").unwrap().as_str(), Some("A, B"));
    assert!(
        records[0].get("website").is_none(),
        "an empty value is absent"
    );
    assert_eq!(records[1].get("name").unwrap().as_str(), Some("Second"));
    assert!(imported.findings.is_empty(), "{:?}", imported.findings);
}
