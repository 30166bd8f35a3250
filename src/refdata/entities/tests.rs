//! The directory's lookups, table by table: names as entities write them.

use super::*;

mod sources;

/// How an expected entity is named in the tables below: its acronym, else its name.
fn short(entity: &Entity) -> &'static str {
    entity.acronym.unwrap_or(entity.name)
}

fn found(written: &str) -> &'static Entity {
    match find(written) {
        Lookup::Found(m) => m.entity,
        other => panic!("`{written}`: {other:?}"),
    }
}

/// Names as entities write them, and the entity each is.
const WRITTEN: &[(&str, &str)] = &[
    ("UN Tourism", "UN Tourism"),
    ("UNWTO", "UN Tourism"),
    ("World Tourism Organization (UN Tourism)", "UN Tourism"),
    ("World Tourism Organisation (UNWTO)", "UN Tourism"),
    ("UN Trade and Development (UNCTAD)", "UNCTAD"),
    ("UN Trade & Development", "UNCTAD"),
    (
        "United Nations Conference on Trade and Development",
        "UNCTAD",
    ),
    ("ECLAC", "ECLAC"),
    ("CEPAL", "ECLAC"),
    (
        "Comisión Económica para América Latina y el Caribe (CEPAL)",
        "ECLAC",
    ),
    ("ESCAP", "ESCAP"),
    ("UNESCAP", "ESCAP"),
    ("UNECE", "ECE"),
    (
        "United Nations Economic Commission for Europe (UNECE)",
        "ECE",
    ),
    ("UNECE Sustainable Energy Division", "ECE"),
    ("Economic Commission for Africa", "ECA"),
    ("UN-Habitat", "UN-Habitat"),
    ("UN HABITAT", "UN-Habitat"),
    ("UN Women", "UN Women"),
    ("UN-Women", "UN Women"),
    ("U.N. Women", "UN Women"),
    (
        "UN Women Regional Office for Asia and the Pacific",
        "UN Women",
    ),
    ("UNIFEM", "UN Women"),
    ("UNDP", "UNDP"),
    ("UNDP Regional Bureau for Africa", "UNDP"),
    ("United Nations Development Program", "UNDP"),
    ("UN DESA", "DESA"),
    ("DESA", "DESA"),
    ("Department of Economic and Social Affairs", "DESA"),
    (
        "United Nations Department of Economic and Social Affairs (UN DESA)",
        "DESA",
    ),
    (
        "Division for Sustainable Development Goals, UN DESA",
        "DESA",
    ),
    ("United Nations Secretariat (DESA)", "DESA"),
    ("OHCHR", "OHCHR"),
    ("UN Human Rights", "OHCHR"),
    ("UNHCR", "UNHCR"),
    ("UNHCR, the UN Refugee Agency", "UNHCR"),
    ("UNRWA", "UNRWA"),
    ("WFP", "WFP"),
    ("United Nations World Food Programme (WFP)", "WFP"),
    ("FAO", "FAO"),
    (
        "Food and Agriculture Organization of the United Nations (FAO)",
        "FAO",
    ),
    ("IFAD", "IFAD"),
    ("ILO", "ILO"),
    ("International Labour Organisation", "ILO"),
    ("International Labor Organization (ILO)", "ILO"),
    ("ITU", "ITU"),
    ("UPU", "UPU"),
    ("WMO", "WMO"),
    ("WIPO", "WIPO"),
    ("UNIDO", "UNIDO"),
    ("IAEA", "IAEA"),
    ("IOM", "IOM"),
    ("International Organization for Migration (IOM)", "IOM"),
    ("IOM – UN Migration", "IOM"),
    ("WTO", "WTO"),
    ("World Trade Organization", "WTO"),
    ("World Bank Group", "WBG"),
    ("The World Bank", "WBG"),
    ("IMF", "IMF"),
    ("International Monetary Fund", "IMF"),
    ("UNFCCC secretariat", "UNFCCC"),
    ("UN Climate Change", "UNFCCC"),
    (
        "Secretariat of the United Nations Framework Convention on Climate Change",
        "UNFCCC",
    ),
    (
        "Secretariat of the Convention on Biological Diversity (SCBD)",
        "CBD",
    ),
    ("CBD Secretariat", "CBD"),
    ("UNCCD", "UNCCD"),
    ("the UNCCD secretariat", "UNCCD"),
    (
        "UNEP Convention on Migratory Species (CMS) Secretariat",
        "CMS",
    ),
    ("UNICEF", "UNICEF"),
    ("Unicef", "UNICEF"),
    ("United Nations Children's Fund (UNICEF)", "UNICEF"),
    ("United Nations Children’s Fund", "UNICEF"),
    ("UNESCO", "UNESCO"),
    ("UNEP", "UNEP"),
    ("UN Environment Programme", "UNEP"),
    ("UN Environment Programme (UNEP)", "UNEP"),
    ("UNAIDS", "UNAIDS"),
    ("UNOPS", "UNOPS"),
    ("UNFPA", "UNFPA"),
    ("UNITAR", "UNITAR"),
    ("UNU", "UNU"),
    (
        "United Nations University Institute for Water, Environment and Health (UNU-INWEH)",
        "UNU",
    ),
    ("UNRISD", "UNRISD"),
    ("UNSSC", "UNSSC"),
    ("United Nations System Staff College", "UNSSC"),
    ("UN Volunteers", "UNV"),
    ("ITC", "ITC"),
    ("International Trade Center", "ITC"),
    ("International Trade Centre (UNCTAD/WTO)", "ITC"),
    ("International Trade Centre UNCTAD/WTO", "ITC"),
    ("Centre du commerce international (ITC)", "ITC"),
    ("Intl. Labour Org. (ILO)", "ILO"),
    ("Statistics Division (DESA)", "DESA"),
    ("Office of Evaluation (WFP)", "WFP"),
    ("OCHA", "OCHA"),
    ("UN OCHA", "OCHA"),
    ("UNOCHA", "OCHA"),
    ("UNODC", "UNODC"),
    ("UNDRR", "UNDRR"),
    ("UNISDR", "UNDRR"),
    ("OSAA", "OSAA"),
    ("UN-OHRLLS", "UN-OHRLLS"),
    ("OHRLLS", "UN-OHRLLS"),
    ("UNOG", "UNOG"),
    ("United Nations Office at Geneva (UNOG)", "UNOG"),
    ("The Office of Legal Affairs", "OLA"),
    ("UN Youth Office", "UN Youth"),
    ("UN Development Coordination Office", "DCO"),
    ("Department of Peacekeeping Operations (DPKO)", "DPO"),
    ("DAW", "UN Women"),
    ("UN Development Operations Coordination Office", "DCO"),
    ("Ozone Secretariat", "Ozone Secretariat"),
    ("ITLOS", "ITLOS"),
    (
        "Organisation for the Prohibition of Chemical Weapons (OPCW)",
        "OPCW",
    ),
    ("Preparatory Commission for the CTBTO", "CTBTO"),
    ("World Health Organization (WHO)", "WHO"),
    ("WHO Regional Office for Europe", "WHO"),
    ("United Nations", "UN"),
    ("UN", "UN"),
    ("UN Secretariat", "UN"),
    ("Secretariat of the United Nations", "UN"),
];

#[test]
fn names_as_entities_write_them() {
    assert!(WRITTEN.len() >= 60);
    for (written, want) in WRITTEN {
        assert_eq!(short(found(written)), *want, "{written}");
    }
}

#[test]
fn every_spelling_in_the_directory_finds_its_entry() {
    for entity in directory() {
        for spelling in spellings(entity) {
            match find(spelling) {
                Lookup::Found(m) => {
                    assert_eq!(m.entity, entity, "{spelling}");
                    assert!(!m.within, "{spelling}");
                }
                other => panic!("{spelling}: {other:?}"),
            }
        }
    }
}

#[test]
fn a_match_says_which_spelling_and_whether_the_whole_name() {
    use MatchedBy::*;
    let cases: &[(&str, MatchedBy, bool)] = &[
        ("World Tourism Organization", Name, false),
        ("UN Tourism", Acronym, false),
        ("UNWTO", Former, false),
        ("UN Trade and Development", Variant, false),
        ("Department of Peacekeeping Operations", Former, false),
        (
            "United Nations Economic Commission for Europe (UNECE)",
            Name,
            false,
        ),
        ("UNFCCC secretariat", Acronym, false),
        ("UNDP Regional Bureau for Africa", Acronym, true),
        ("International Trade Centre UNCTAD/WTO", Name, true),
        ("UN-OHRLLS Policy Branch", Acronym, true),
    ];
    for (written, by, within) in cases {
        match find(written) {
            Lookup::Found(m) => assert_eq!((m.by, m.within), (*by, *within), "{written}"),
            other => panic!("{written}: {other:?}"),
        }
    }
}

#[test]
fn names_that_are_no_entity_find_none() {
    let cases = [
        "",
        "   ",
        "Secretariat",
        "the secretariat of the",
        "Ministry of Foreign Affairs",
        "Friends of the Earth International",
        "Global Water Resilience Institute (GWRI)",
        // Words that spell an acronym in lowercase are words.
        "Who Cares Foundation",
        // Another body with the same acronym.
        "International Solar Alliance (ISA)",
        "International Chamber of Commerce (ICC)",
    ];
    for written in cases {
        assert_eq!(find(written), Lookup::Unknown, "{written}");
    }
}

#[test]
fn a_text_too_long_for_a_name_is_none() {
    let longest = directory().iter().map(|e| e.name.len()).max().unwrap();
    assert!(longest * 10 <= LONGEST_NAME);
    let paragraph = "UNDP ".repeat(LONGEST_NAME / 5 + 1);
    assert_eq!(find(&paragraph), Lookup::Unknown);
    assert!(closest(&paragraph).is_empty());
    // Within the limit, the words are read whatever their number.
    let many = "the ".repeat(LONGEST_NAME / 4 - 5) + "UNDP";
    assert_eq!(short(found(&many)), "UNDP");
}

#[test]
fn two_entities_matching_alike_are_ambiguous() {
    let cases: &[(&str, &[&str])] = &[
        ("UNDP and UNEP", &["UNDP", "UNEP"]),
        ("UNOV/UNODC", &["UNODC", "UNOV"]),
        (
            "Joint FAO/WHO Codex Alimentarius Commission",
            &["FAO", "WHO"],
        ),
        (
            "United Nations Environment Programme (UNDP)",
            &["UNDP", "UNEP"],
        ),
        (
            "Economic Commission for Africa and Economic Commission for Europe",
            &["ECA", "ECE"],
        ),
    ];
    for (written, want) in cases {
        match find(written) {
            Lookup::Ambiguous(entities) => {
                let got: Vec<&str> = entities.iter().map(|e| short(e)).collect();
                assert_eq!(got, *want, "{written}");
            }
            other => panic!("{written}: {other:?}"),
        }
    }
}

#[test]
fn un_is_the_secretariat_only_as_a_whole_name() {
    assert_eq!(short(found("UN Women")), "UN Women");
    assert_eq!(short(found("United Nations")), "UN");
    assert_eq!(find("United Nations").entity(), find("UN").entity());
    // Not ambiguous with the Secretariat: `UN` inside a name is no acronym match.
    assert_eq!(short(found("UN Women Headquarters")), "UN Women");
    assert_eq!(find("UN Statistical Office Liaison"), Lookup::Unknown);
}

#[test]
fn a_final_parenthesis_gives_the_acronym() {
    let cases: &[(&str, Option<&str>)] = &[
        (
            "International Organization for Migration (IOM)",
            Some("IOM"),
        ),
        (
            "World Tourism Organization (UN Tourism)",
            Some("UN Tourism"),
        ),
        ("United Nations Children's Fund ( UNICEF ) ", Some("UNICEF")),
        ("Office of the SRSG (SRSG/CAAC)", Some("SRSG/CAAC")),
        (
            "Fonds des Nations Unies pour l'enfance (UNICEF)",
            Some("UNICEF"),
        ),
        ("Office for Coastal Resilience Studies (OCRS)", Some("OCRS")),
        ("International Organization for Migration", None),
        ("(IOM)", None),
        ("Geneva (Switzerland)", None),
        ("Annual report (2023)", None),
        ("An office (in Geneva)", None),
        ("An office (e.g. FAO)", None),
        ("A (B (CD))", None),
        ("IOM (", None),
    ];
    for (written, want) in cases {
        assert_eq!(trailing_acronym(written), *want, "{written}");
    }
}

#[test]
fn closest_entities_for_hints() {
    let cases: &[(&str, &[&str])] = &[
        ("UNICFE", &["UNICEF"]),
        ("Economic Comission for Europe", &["ECE"]),
        ("International Organisation of Migrations", &["IOM"]),
        ("Zzzzzz", &[]),
    ];
    for (written, want) in cases {
        let got: Vec<&str> = closest(written).iter().map(|e| short(e)).collect();
        assert_eq!(got, *want, "{written}");
    }
}

#[test]
fn entries_are_well_formed() {
    let mut names: Vec<&str> = directory().iter().map(|e| e.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), directory().len(), "two entries share a name");
    for entity in directory() {
        assert!(entity.source.starts_with("http"), "{}", entity.name);
    }
}

#[test]
fn tables_are_sorted_and_point_at_entries() {
    let keys: Vec<&str> = ENTITY_KEYS.iter().map(|row| row.0).collect();
    let names: Vec<&str> = NAME_WORDS.iter().map(|row| row.0).collect();
    let acronyms: Vec<&str> = ACRONYM_WORDS.iter().map(|row| row.0).collect();
    for table in [&keys, &names, &acronyms] {
        assert!(table.windows(2).all(|w| w[0] < w[1]));
    }
    let indices = ENTITY_KEYS
        .iter()
        .map(|row| row.1)
        .chain(NAME_WORDS.iter().map(|row| row.1))
        .chain(ACRONYM_WORDS.iter().map(|row| row.2))
        .chain(WHOLE_NAME_ONLY.iter().copied());
    for index in indices {
        assert!(usize::from(index) < ENTITIES.len());
    }
}
