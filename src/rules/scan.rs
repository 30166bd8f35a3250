//! Splitting human-written text into runs of digits, runs of letters and single other
//! characters: what the readers of SDG lists and dates look at.

/// One run of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Run<'a> {
    /// ASCII digits.
    Digits(&'a str),
    /// Letters (any script).
    Letters(&'a str),
    /// Any other single character.
    Other(char),
}

/// The runs of `text` with the byte offset where each ends.
pub fn runs(text: &str) -> impl Iterator<Item = (Run<'_>, usize)> {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, c) = chars.next()?;
        let same: fn(char) -> bool = if c.is_ascii_digit() {
            |d| d.is_ascii_digit()
        } else if c.is_alphabetic() {
            char::is_alphabetic
        } else {
            return Some((Run::Other(c), start + c.len_utf8()));
        };
        let mut end = start + c.len_utf8();
        while let Some(&(j, d)) = chars.peek() {
            if !same(d) {
                break;
            }
            end = j + d.len_utf8();
            chars.next();
        }
        let run = &text[start..end];
        Some((
            if c.is_ascii_digit() {
                Run::Digits(run)
            } else {
                Run::Letters(run)
            },
            end,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_of_text() {
        let got: Vec<Run<'_>> = runs("SDG13, 14–é2").map(|(r, _)| r).collect();
        assert_eq!(
            got,
            [
                Run::Letters("SDG"),
                Run::Digits("13"),
                Run::Other(','),
                Run::Other(' '),
                Run::Digits("14"),
                Run::Other('–'),
                Run::Letters("é"),
                Run::Digits("2"),
            ]
        );
        assert_eq!(runs("ab1").map(|(_, end)| end).collect::<Vec<_>>(), [2, 3]);
    }
}
