//! Which edition a legacy text answers: the one whose question texts it holds most of.

use crate::questionnaire::{DEFAULT_ID, Questionnaire};
use crate::text::fold;

/// The edition whose question texts the legacy text holds most of (the first on a tie).
pub fn guess_edition<'q>(
    text: &str,
    editions: impl IntoIterator<Item = &'q Questionnaire>,
) -> &'q Questionnaire {
    let folded = fold(text);
    let score = |q: &Questionnaire| {
        q.questions
            .iter()
            .filter(|question| {
                let opening: String = question
                    .text
                    .split_whitespace()
                    .take(10)
                    .collect::<Vec<_>>()
                    .join(" ");
                let key = fold(&opening);
                !key.is_empty() && folded.contains(&key)
            })
            .count()
    };
    let mut best: Option<(&Questionnaire, usize)> = None;
    for q in editions {
        let s = score(q);
        if best.is_none_or(|(_, b)| s > b) {
            best = Some((q, s));
        }
    }
    best.map_or_else(
        || {
            Questionnaire::builtin_cached(DEFAULT_ID)
                .expect("the default questionnaire is built in")
        },
        |(q, _)| q,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_edition_of_a_legacy_text_is_the_one_whose_questions_it_holds() {
        let hlpf = Questionnaire::default_builtin();
        let pilot = crate::questionnaire::parse_definition(
            include_str!("../../tests/data/pilot-2026.toml"),
            "pilot-2026.toml",
        )
        .unwrap();
        let editions = vec![hlpf.clone(), pilot.clone()];
        let legacy = include_str!("../../tests/data/legacy-example.txt");
        assert_eq!(guess_edition(legacy, &editions).id, "hlpf-2024");
        let pilot_text = format!(
            "Entity\n{}. {}\nSome answer\n",
            pilot.questions[0].number, pilot.questions[0].text
        );
        assert_eq!(guess_edition(&pilot_text, &editions).id, "pilot-2026");
        assert_eq!(guess_edition("nothing", &editions).id, "hlpf-2024");
    }
}
