//! Round-trip guarantees, with generated answers: TOML and JSON exports read back the same,
//! the legacy text layout imports back the same (for what it carries), and `fmt` is idempotent.

use proptest::prelude::*;
use qfill::answers::{Answer, Answers, FieldValue, Place, Record, Scalar};
use qfill::check::check;
use qfill::document::{Format, parse};
use qfill::export::{Legacy, Render};
use qfill::questionnaire::Questionnaire;
use qfill::rules::dates::Dates;
use qfill::rules::sdgs::SdgSet;

const WORDS: &[&str] = &[
    "river", "coast", "forest", "data", "policy", "school", "water", "energy", "farmers", "women",
    "youth", "finance", "cities", "health", "ocean", "soil", "rain", "markets", "towns",
    "villages", "budgets", "maps", "skills", "jobs", "roads", "bridges", "seeds", "tools",
];
const PLACES: &[(&str, &str)] = &[
    ("Apia", "Samoa"),
    ("Nairobi", "Kenya"),
    ("Ankara", "Türkiye"),
    ("Abidjan", "Côte d'Ivoire"),
    ("Hanoi", "Viet Nam"),
    ("New York", "United States of America"),
];
const STATES: &[&str] = &[
    "Kenya", "Senegal", "Türkiye", "Viet Nam", "Holy See", "Gambia",
];
const ORGS: &[&str] = &[
    "UNEP",
    "FAO",
    "Ocean Office",
    "Coastal Network",
    "World Bank",
];
const LANGS: &[&str] = &["en", "fr", "es", "ar", "zh", "ru", "pt"];

fn q() -> Questionnaire {
    Questionnaire::default_builtin()
}

fn sentence(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..max).prop_map(|w| {
        let mut s = w.join(" ");
        s.push('.');
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect())
            .unwrap_or_default()
    })
}

/// Paragraphs and bullet lists, separated by blank lines.
fn paragraphs() -> impl Strategy<Value = String> {
    let block = prop_oneof![
        3 => sentence(25),
        1 => prop::collection::vec(sentence(6), 1..4)
            .prop_map(|items| items.iter().map(|i| format!("- {i}")).collect::<Vec<_>>().join("\n")),
    ];
    // Two bullet lists in a row are one list: the legacy layout cannot tell them apart.
    prop::collection::vec(block, 1..4).prop_map(|blocks| {
        let mut text = String::new();
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                let lists = blocks[i - 1].starts_with("- ") && block.starts_with("- ");
                text.push_str(if lists { "\n" } else { "\n\n" });
            }
            text.push_str(block);
        }
        text
    })
}

fn name() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..5).prop_map(|w| {
        let mut s = w.join(" ");
        s.insert_str(0, "The ");
        s
    })
}

fn sdgs() -> impl Strategy<Value = SdgSet> {
    prop_oneof![
        1 => Just(SdgSet::All),
        5 => prop::collection::btree_set(1u8..=17, 1..6).prop_map(|s| SdgSet::Goals(s.into_iter().collect())),
    ]
}

fn dates() -> impl Strategy<Value = Dates> {
    (0i32..700, 0i32..5).prop_map(|(offset, len)| {
        let start = jiff::civil::date(2022, 11, 1)
            .checked_add(jiff::Span::new().days(offset))
            .unwrap();
        let end = start.checked_add(jiff::Span::new().days(len)).unwrap();
        Dates::new(start, end)
    })
}

fn list(items: &'static [&'static str]) -> impl Strategy<Value = Vec<String>> {
    prop::sample::subsequence(items, 1..=3.min(items.len()))
        .prop_map(|v| v.into_iter().map(str::to_string).collect())
}

fn website() -> impl Strategy<Value = Option<String>> {
    prop::option::of(
        prop::sample::select(WORDS).prop_map(|w| format!("https://www.example.org/{w}")),
    )
}

fn with_website(mut fields: Vec<(String, FieldValue)>, site: Option<String>) -> Record {
    if let Some(site) = site {
        fields.push(("website".into(), FieldValue::Text(site)));
    }
    Record { fields }
}

fn event() -> impl Strategy<Value = Record> {
    (
        name(),
        dates(),
        prop::sample::subsequence(PLACES, 1..3),
        sdgs(),
        paragraphs(),
        website(),
    )
        .prop_map(|(name, dates, places, sdgs, description, site)| {
            let places = places
                .into_iter()
                .map(|(city, country)| Place {
                    city: Some(city.into()),
                    country: Some(country.into()),
                })
                .collect();
            with_website(
                vec![
                    ("name".into(), FieldValue::Text(name)),
                    ("dates".into(), FieldValue::Dates(dates)),
                    ("location".into(), FieldValue::Places(places)),
                    ("sdgs".into(), FieldValue::Sdgs(sdgs)),
                    ("description".into(), FieldValue::Text(description)),
                ],
                site,
            )
        })
}

fn resource() -> impl Strategy<Value = Record> {
    (
        name(),
        sdgs(),
        list(ORGS),
        name(),
        paragraphs(),
        list(LANGS),
        website(),
    )
        .prop_map(
            |(name, sdgs, publishers, audience, description, languages, site)| {
                with_website(
                    vec![
                        ("name".into(), FieldValue::Text(name)),
                        ("sdgs".into(), FieldValue::Sdgs(sdgs)),
                        ("publishers".into(), FieldValue::List(publishers)),
                        ("audience".into(), FieldValue::Text(audience)),
                        ("description".into(), FieldValue::Text(description)),
                        ("languages".into(), FieldValue::List(languages)),
                    ],
                    site,
                )
            },
        )
}

fn initiative() -> impl Strategy<Value = Record> {
    let partners =
        prop_oneof![1 => Just(FieldValue::All), 3 => list(ORGS).prop_map(FieldValue::List)];
    let states =
        prop_oneof![1 => Just(FieldValue::All), 3 => list(STATES).prop_map(FieldValue::List)];
    (name(), partners, sdgs(), states, paragraphs(), website()).prop_map(
        |(name, partners, sdgs, states, description, site)| {
            with_website(
                vec![
                    ("name".into(), FieldValue::Text(name)),
                    ("partners".into(), partners),
                    ("sdgs".into(), FieldValue::Sdgs(sdgs)),
                    ("member_states".into(), states),
                    ("description".into(), FieldValue::Text(description)),
                ],
                site,
            )
        },
    )
}

/// Names records by their index so that no two share a name (a warning, not a round-trip issue).
fn numbered(mut records: Vec<Record>) -> Vec<Record> {
    for (i, record) in records.iter_mut().enumerate() {
        if let Some((_, FieldValue::Text(name))) = record.fields.first_mut() {
            name.push_str(&format!(" number {}", i + 1));
        }
    }
    records
}

fn answers() -> impl Strategy<Value = Answers> {
    let choices = q()
        .question("high_impact")
        .map(|question| match &question.kind {
            qfill::questionnaire::QuestionKind::ChoicesText(def) => def.choices.clone(),
            _ => Vec::new(),
        })
        .unwrap_or_default();
    (
        paragraphs(),
        prop::collection::vec(event(), 0..4),
        prop::collection::vec(resource(), 0..4),
        prop::sample::subsequence(choices, 0..3),
        sentence(20),
        prop::collection::vec(initiative(), 0..4),
        prop::option::of(paragraphs()),
    )
        .prop_map(|(q1, events, resources, chosen, text, initiatives, q6)| {
            // Half the time the text names the chosen initiatives; otherwise the legacy layout
            // lists them on a line of their own.
            let text = if chosen.is_empty() || text.len() % 2 == 0 {
                text
            } else {
                format!("We support {}. {text}", chosen.join(" and "))
            };
            let mut answers = vec![
                ("governing_body".to_string(), Answer::Text(q1)),
                ("events".to_string(), Answer::Records(numbered(events))),
                (
                    "resources".to_string(),
                    Answer::Records(numbered(resources)),
                ),
                (
                    "high_impact".to_string(),
                    Answer::Choices {
                        choices_key: "initiatives".into(),
                        selected: Some(chosen),
                        text_key: "text".into(),
                        text: Some(text),
                        extra: Vec::new(),
                    },
                ),
                (
                    "initiatives".to_string(),
                    Answer::Records(numbered(initiatives)),
                ),
            ];
            if let Some(q6) = q6 {
                answers.push(("recommendations".to_string(), Answer::Text(q6)));
            }
            Answers {
                questionnaire: Some("hlpf-2024".into()),
                entity: Some(Scalar::Text("Office for Testing (OFT)".into())),
                contact: vec![("name".into(), Scalar::Text("Focal Point".into()))],
                submitted: Some(Scalar::Text("2024-02-15".into())),
                answers,
                ..Answers::default()
            }
        })
}

fn read(text: &str, format: Format) -> Answers {
    check(&parse(text, format).expect(text), &q()).answers
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn toml_and_json_read_back_the_same(answers in answers()) {
        for format in [Format::Toml, Format::Json] {
            let text = answers.to_text(format);
            prop_assert_eq!(&read(&text, format), &answers, "{}", text);
        }
    }

    #[test]
    fn writing_canonical_answers_is_idempotent(answers in answers()) {
        for format in [Format::Toml, Format::Json] {
            let once = answers.to_text(format);
            let twice = read(&once, format).to_text(format);
            prop_assert_eq!(once, twice);
        }
    }

    #[test]
    fn the_legacy_layout_imports_back(answers in answers()) {
        let legacy = Legacy.render(&answers, &q());
        let back = qfill::import::import(&legacy, &q());
        let mut expected = answers.clone();
        expected.contact.clear();
        expected.submitted = None;
        // An empty list of records is not carried by the layout: it comes back unanswered.
        expected.answers.retain(|(_, a)| !matches!(a, Answer::Records(r) if r.is_empty()));
        prop_assert_eq!(&back.answers, &expected, "{}", legacy);
        let unexpected: Vec<_> = back
            .findings
            .iter()
            .filter(|f| !matches!(f.code.as_str(), "not-answered" | "word-minimum" | "word-limit"))
            .collect();
        prop_assert!(unexpected.is_empty(), "{:?}\n{}", unexpected, legacy);
    }

    #[test]
    fn the_word_form_imports_back(answers in answers()) {
        let form = qfill::docx::write::filled_form(&answers, &q());
        let limits = qfill::docx::Limits { max_size: qfill::input::DEFAULT_MAX_SIZE };
        let back = qfill::import::import_docx(&form, &q(), limits).expect("a form qfill wrote reads");
        // The Word form carries everything, `[]` and the contact included.
        prop_assert_eq!(&back.answers, &answers);
    }
}
