//! Wording shared by every message: plurals, articles, lists of values.

/// `word` or `words`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// The word with its first letter capitalised: `event` → `Event`.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a` or `an` before a word.
pub fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    }
}

/// A text on one line: runs of whitespace, new lines included, become one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text cut to at most `max` characters, an ellipsis marking the cut: `Description (max…`.
pub fn elided(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    format!("{}…", cut.trim_end())
}

/// Values in backticks, joined by commas: `` `a`, `b` ``.
pub fn backticked<S: AsRef<str>>(items: &[S]) -> String {
    items
        .iter()
        .map(|s| format!("`{}`", s.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `did you mean `A`?`, `… `A` or `B`?`, `… `A`, `B` or `C`?`; `None` for no names.
pub fn did_you_mean(names: &[&str]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [first @ .., last] => Some(format!("did you mean {} or {last}?", first.join(", "))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_articles_and_lists() {
        assert_eq!(plural(1, "word"), "word");
        assert_eq!(plural(0, "word"), "words");
        assert_eq!(article("event"), "an");
        assert_eq!(article("record"), "a");
        assert_eq!(capitalised("événement"), "Événement");
        assert_eq!(one_line(" a\n  b\tc "), "a b c");
        assert_eq!(backticked(&["a", "b"]), "`a`, `b`");
        assert_eq!(backticked::<&str>(&[]), "");
        assert_eq!(elided("abc", 3), "abc");
        assert_eq!(elided("ab cd", 4), "ab…");
        assert_eq!(elided("abcdef", 4), "abc…");
    }

    #[test]
    fn hints_name_one_two_or_three() {
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(did_you_mean(&["A"]).unwrap(), "did you mean `A`?");
        assert_eq!(
            did_you_mean(&["A", "B"]).unwrap(),
            "did you mean `A` or `B`?"
        );
        assert_eq!(
            did_you_mean(&["A", "B", "C"]).unwrap(),
            "did you mean `A`, `B` or `C`?"
        );
    }
}
