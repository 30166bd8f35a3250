use super::*;
use crate::refdata::generate::rows;

fn code(input: &str) -> Option<&'static str> {
    match match_language(input) {
        LanguageMatch::Code(c) => Some(c),
        LanguageMatch::Unknown { .. } => None,
    }
}

fn closest_to(input: &str) -> Vec<&'static str> {
    match match_language(input) {
        LanguageMatch::Unknown { closest } => closest,
        other @ LanguageMatch::Code(_) => panic!("{input} matched {other:?}"),
    }
}

/// Every code and every English name variant of the registry, in any case, with or without
/// accents, is its language.
#[test]
fn the_whole_registry_matches() {
    let mut codes = 0;
    for row in rows(include_str!("../iso639-1.tsv")) {
        assert_eq!(row.len(), 4, "{row:?}");
        let want = Some(row[0]);
        assert_eq!(row[0].len(), 2, "{row:?}");
        for c in row[..3].iter().filter(|c| !c.is_empty()) {
            assert_eq!(code(c), want, "{c}");
            assert_eq!(code(&c.to_uppercase()), want, "{c}");
        }
        for name in row[3].split("; ") {
            for spelling in [
                name.to_string(),
                name.to_uppercase(),
                name.to_lowercase(),
                deunicode::deunicode(name),
                format!(" {name} "),
            ] {
                assert_eq!(code(&spelling), want, "{spelling}");
            }
        }
        codes += 1;
    }
    assert_eq!(codes, 184);
}

#[test]
fn registry_variants_people_write() {
    let cases: &[(&str, Option<&str>)] = &[
        ("Pushto", Some("ps")),
        ("Pashto", Some("ps")),
        ("Panjabi", Some("pa")),
        ("Punjabi", Some("pa")),
        ("Kirghiz", Some("ky")),
        ("Kyrgyz", Some("ky")),
        ("Haitian", Some("ht")),
        ("Haitian Creole", Some("ht")),
        ("Greek, Modern (1453-)", Some("el")),
        ("Greek", Some("el")),
        ("Modern Greek", Some("el")),
        ("Modern Greek (1453-)", Some("el")),
        ("Southern Sotho", Some("st")),
        ("Sotho", Some("st")),
        ("Norwegian Bokmal", Some("nb")),
        ("Bokmål", Some("nb")),
        ("North Ndebele", Some("nd")),
        ("Occitan", Some("oc")),
        ("Tonga", Some("to")),
        ("Khmer", Some("km")),
        ("Central Khmer", Some("km")),
        ("Castilian", Some("es")),
        ("Moldovan", Some("ro")),
        ("Flemish", Some("nl")),
        ("Uyghur", Some("ug")),
        ("Ndebele", None),
    ];
    for (input, want) in cases {
        assert_eq!(code(input), *want, "{input}");
    }
}

#[test]
fn codes_and_names() {
    let cases: &[(&str, Option<&str>)] = &[
        ("en", Some("en")),
        ("EN", Some("en")),
        ("English", Some("en")),
        ("french", Some("fr")),
        ("Spanish", Some("es")),
        ("Arabic", Some("ar")),
        ("Chinese", Some("zh")),
        ("Russian", Some("ru")),
        ("Portuguese", Some("pt")),
        ("pt", Some("pt")),
        ("spa", Some("es")),
        ("fre", Some("fr")),
        ("ger", Some("de")),
        ("chi", Some("zh")),
        ("Français", Some("fr")),
        ("español", Some("es")),
        ("Klingon", None),
        ("xx", None),
        ("sh", None),
        ("cmn", None),
    ];
    for (input, want) in cases {
        assert_eq!(code(input), *want, "{input}");
    }
}

/// The committed common names: each is its language, and none is a registry name of another.
#[test]
fn common_names() {
    let registry: Vec<Vec<&str>> = rows(include_str!("../iso639-1.tsv")).collect();
    let mut count = 0;
    for row in rows(include_str!("../languages-common.tsv")) {
        assert_eq!(row.len(), 2, "{row:?}");
        assert!(LANGUAGES.contains(&row[1]), "{row:?}");
        assert_eq!(code(row[0]), Some(row[1]), "{}", row[0]);
        for entry in &registry {
            assert!(
                entry[0] == row[1] || entry[3].split("; ").all(|n| fold(n) != fold(row[0])),
                "{} is a registry name of {}",
                row[0],
                entry[0]
            );
        }
        count += 1;
    }
    assert!(count > 30);
    for (name, want) in [("Farsi", "fa"), ("Bangla", "bn"), ("Slovene", "sl")] {
        assert_eq!(code(name), Some(want), "{name}");
    }
    assert_eq!(code("Filipino"), None, "ISO 639-2 `fil`: no ISO 639-1 code");
}

#[test]
fn completing_names() {
    assert_eq!(complete_language("Portu"), Some("Portuguese"));
    assert_eq!(complete_language("Fre"), Some("French"));
    assert_eq!(complete_language("Pus"), Some("Pushto"));
    assert_eq!(complete_language(""), None);
}

#[test]
fn unknown_names_suggest_the_closest() {
    assert_eq!(closest_to("Englsh"), ["English"]);
    assert!(closest_to("Pashtu").contains(&"Pashto"));
    let mut ndebele = closest_to("Ndebele");
    ndebele.sort_unstable();
    assert_eq!(ndebele, ["North Ndebele", "South Ndebele"]);
    assert_eq!(closest_to("Klingon"), Vec::<&str>::new());
    assert_eq!(language_hint(&["English"]), "did you mean `English`?");
    assert_eq!(
        language_hint(&[]),
        "no ISO 639-1 language name is close; use the language's English name or its \
         two-letter ISO 639-1 code"
    );
}

#[test]
fn candidates_for_an_unknown_language() {
    assert_eq!(language_candidates("Portug"), ["Portuguese"]);
    assert_eq!(language_candidates("Frnech"), ["French"]);
    assert!(language_candidates("Swa").contains(&"Swahili"));
    assert!(language_candidates("qqqq").is_empty());
}

#[test]
fn every_code_has_a_name_that_reads_back_as_the_code() {
    for code in LANGUAGES {
        let name = language_name(code).unwrap_or_else(|| panic!("{code} has no name"));
        assert_eq!(
            match_language(name),
            LanguageMatch::Code(code),
            "{code}: {name}"
        );
        assert!(!name.contains([',', ';']), "{code}: {name}");
    }
    assert_eq!(language_name("fr"), Some("French"));
    assert_eq!(language_name("el"), Some("Modern Greek"));
    assert_eq!(language_name("xx"), None);
    assert_eq!(language_name(""), None);
}
