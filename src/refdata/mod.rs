//! Reference data that never changes at run time: SDG titles, UN Member States and their aliases,
//! and language codes. Data is parsed once, on first use, so runs that never check a country pay
//! nothing for it.

mod countries;
mod languages;

pub use countries::{CountryMatch, complete_state, country_candidates, match_country};
pub use languages::{LanguageMatch, complete_language, language_candidates, match_language};

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

/// The candidate among `candidates` closest to `input` (after folding), if reasonably close.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = crate::rules::text::fold(input);
    if folded.is_empty() {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&folded, &crate::rules::text::fold(c)),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.88)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// Up to `most` candidates close to `input` as spelled (after folding), closest first.
pub(crate) fn close<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    most: usize,
) -> Vec<&'a str> {
    let folded = crate::rules::text::fold(input);
    if folded.is_empty() {
        return Vec::new();
    }
    let mut scored: Vec<(f64, &str)> = candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&folded, &crate::rules::text::fold(c)),
                c,
            )
        })
        .filter(|(score, _)| *score >= 0.88)
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(most).map(|(_, c)| c).collect()
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

    #[test]
    fn closest_ignores_case_and_accents() {
        let names = ["description", "dates", "name"];
        assert_eq!(closest("descripton", names), Some("description"));
        assert_eq!(closest("DATES", names), Some("dates"));
        assert_eq!(closest("zzzzzz", names), None);
    }
}
