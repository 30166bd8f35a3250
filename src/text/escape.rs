//! Text from answers made safe for a terminal.

use std::borrow::Cow;

/// Makes text safe for a terminal: control characters and escape sequences are shown escaped,
/// so that a hostile answer cannot move the cursor or change colours.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    escape_if(s, is_unsafe)
}

/// Like [`sanitize`], and new lines too: for text that must stay on its line, so that an answer
/// cannot print a line that looks like a finding of its own.
pub fn sanitize_line(s: &str) -> Cow<'_, str> {
    escape_if(s, |c| c == '\n' || is_unsafe(c))
}

fn escape_if(s: &str, unsafe_char: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !s.chars().any(&unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Control characters and the invisible marks that reorder text: never shown as they are.
pub fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n')
        || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitizing() {
        assert_eq!(sanitize("plain é"), "plain é");
        assert_eq!(sanitize("a\u{1b}[31mred"), "a\\u{1b}[31mred");
        assert_eq!(sanitize("tab\there"), "tab\\there");
        assert_eq!(sanitize("rtl\u{202e}x"), "rtl\\u{202e}x");
        assert_eq!(sanitize("two\nlines"), "two\nlines");
        assert_eq!(sanitize_line("two\nlines"), "two\\nlines");
    }
}
