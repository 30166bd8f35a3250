//! Choices: a name picked from a definition's list, matched loosely.

use super::{Problem, Reading};
use crate::finding::Code;
use crate::text::folds_to;

/// Reads one chosen name: the list's spelling of it, or kept as written if the list lacks it.
/// `label` says what the choices are, for the message.
pub fn read(name: &str, choices: &[String], label: &str) -> Reading<String> {
    let known = crate::text::with_folded(name, |key| choices.iter().find(|c| folds_to(c, key)));
    if let Some(choice) = known {
        return Reading::canonical(choice.clone());
    }
    let closest = crate::text::closest(name, choices.iter().map(String::as_str));
    Reading::as_written(
        Problem::new(
            Code::ChoiceUnknown,
            format!("`{}` is not one of the {label}", name.trim()),
        )
        .hint(match closest {
            Some(c) => format!("did you mean `{c}`?"),
            None => "run `qfill show` to see the list".to_string(),
        })
        .value(name),
    )
}

/// Puts chosen names in the definition's order, once each; names it does not list come last.
pub fn in_order(mut selected: Vec<String>, choices: &[String]) -> Vec<String> {
    let rank = |name: &String| choices.iter().position(|c| c == name).unwrap_or(usize::MAX);
    selected.sort_by_key(rank);
    selected.dedup();
    selected
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Read;

    #[test]
    fn reading_choices() {
        let list = vec!["Power of Data".to_string(), "Local2030".to_string()];
        assert_eq!(
            read("power of data", &list, "initiatives").value,
            Read::Canonical("Power of Data".to_string())
        );
        let typo = read("Power of Dta", &list, "initiatives");
        assert_eq!(typo.value, Read::AsWritten);
        assert_eq!(
            typo.problems[0].message,
            "`Power of Dta` is not one of the initiatives"
        );
        assert_eq!(
            typo.problems[0].hint.as_deref(),
            Some("did you mean `Power of Data`?")
        );
        let picked = vec![
            "Other".to_string(),
            "Local2030".to_string(),
            "Power of Data".to_string(),
            "Local2030".to_string(),
        ];
        assert_eq!(
            in_order(picked, &list),
            ["Power of Data", "Local2030", "Other"]
        );
    }
}
