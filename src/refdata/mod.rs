//! Reference data that never changes at run time: SDG titles, UN Member States and their aliases,
//! and language codes. Names and codes are static sorted tables (`country_tables.rs` and
//! `language_tables.rs`, generated from the data files by `generate.rs` in the test suite), so a
//! run pays nothing to build them.

mod countries;
pub mod entities;
#[rustfmt::skip]
mod country_tables;
#[cfg(test)]
mod generate;
#[rustfmt::skip]
mod language_tables;
mod languages;

pub use countries::{
    CountryMatch, complete_state, country_candidates, country_hint, knows_country, match_country,
};
pub use languages::{
    LanguageMatch, complete_language, knows_language, language_candidates, language_hint,
    language_name, match_language,
};

/// The 17 Sustainable Development Goals, by number (index 0 is SDG 1).
pub const SDG_TITLES: [&str; 17] = [
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
];

/// The title of SDG `n`, if `n` is 1 to 17.
pub fn sdg_title(n: i64) -> Option<&'static str> {
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| SDG_TITLES.get(i).copied())
}

/// The index `key` stands for in a table sorted by key.
fn look_up(table: &[(&str, u16)], key: &str) -> Option<usize> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|at| usize::from(table[at].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdg_titles_by_number() {
        assert_eq!(sdg_title(1), Some("No Poverty"));
        assert_eq!(sdg_title(13), Some("Climate Action"));
        assert_eq!(sdg_title(17), Some("Partnerships for the Goals"));
        assert_eq!(sdg_title(0), None);
        assert_eq!(sdg_title(18), None);
        assert_eq!(sdg_title(-1), None);
    }
}
