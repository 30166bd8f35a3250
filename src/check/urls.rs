//! Website fields: one absolute http(s) URL, judged by [`crate::rules::urls`].

use super::cursor::Cursor;
use crate::document::Node;

/// The URL as written, trimmed; `None` to keep the value as written.
pub(super) fn url(c: &mut Cursor<'_>, node: &Node) -> Option<String> {
    let Some(s) = node.as_str() else {
        c.wrong_type(
            node,
            "a URL in quotes",
            "write `\"https://www.example.org\"`",
        );
        return None;
    };
    match crate::rules::urls::check_url(s) {
        // A run for findings alone writes no value.
        None if !c.answers => Some(String::new()),
        None => Some(s.trim().to_string()),
        Some(problem) => {
            c.emit(problem.value(s), c.anchor(node));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, event};
    use crate::finding::Code;

    #[test]
    fn url_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("\"https://example.org\"", &[]),
            ("\"n/a\"", &[]),
            ("\"\"", &[]),
            ("\"www.example.org\"", &[Code::UrlBareDomain]),
            ("\"ftp://example.org\"", &[Code::UrlInvalid]),
            ("\"Forthcoming\"", &[Code::Pending]),
            ("1", &[Code::WrongType]),
        ];
        for (value, want) in cases {
            assert_eq!(
                codes(&event(&format!("website = {value}\n"))),
                *want,
                "website = {value}"
            );
        }
    }
}
