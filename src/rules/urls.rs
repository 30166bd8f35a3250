//! Website addresses: absolute http(s) URLs, and bare domains that only lack a scheme.

use super::Problem;
use crate::finding::Code;

/// Checks a website value (already known not to be a not-answered or pending value).
pub fn check_url(s: &str) -> Option<Problem> {
    let s = s.trim();
    if s.chars().any(char::is_whitespace) {
        return Some(
            Problem::new(
                Code::UrlInvalid,
                format!("`{s}` is not one URL: it holds spaces"),
            )
            .hint("give a single address such as `https://www.example.org`"),
        );
    }
    // Most addresses are lowercase already: no copy for them.
    let lower = if s.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Owned(s.to_ascii_lowercase())
    } else {
        std::borrow::Cow::Borrowed(s)
    };
    let scheme_http = lower.starts_with("http:") || lower.starts_with("https:");
    if scheme_http && !(lower.starts_with("http://") || lower.starts_with("https://")) {
        // The url crate repairs `http:/example.org`; a person should write the address whole.
        let rest = s
            .split_once(':')
            .map_or("", |(_, r)| r.trim_start_matches('/'));
        return Some(
            Problem::new(
                Code::UrlInvalid,
                format!("`{s}` is not an absolute address"),
            )
            .hint(format!("write `https://{rest}`")),
        );
    }
    let after_scheme = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    if let Some(rest) = after_scheme
        && rest.starts_with(['/', '\\'])
    {
        // The url crate reads `https:///x` as host `x`; the address as written has no host.
        return Some(
            Problem::new(Code::UrlInvalid, format!("`{s}` has no host"))
                .hint("give an address such as `https://www.example.org/x`"),
        );
    }
    if after_scheme.is_some_and(plain_address) {
        return None;
    }
    match url::Url::parse(s) {
        Ok(url)
            if matches!(url.scheme(), "http" | "https")
                && url.host_str().is_some_and(|h| !h.is_empty()) =>
        {
            None
        }
        Ok(url) if !matches!(url.scheme(), "http" | "https") && looks_like_domain(s) => bare(s),
        Ok(url) => Some(
            Problem::new(
                Code::UrlInvalid,
                format!(
                    "`{s}` is not an http(s) address (scheme `{}`)",
                    url.scheme()
                ),
            )
            .hint("give an address that starts with `https://`"),
        ),
        Err(url::ParseError::RelativeUrlWithoutBase) if looks_like_domain(s) => bare(s),
        Err(e) => Some(
            Problem::new(Code::UrlInvalid, format!("`{s}` is not a URL: {e}"))
                .hint("give an address such as `https://www.example.org`"),
        ),
    }
}

/// Whether an http(s) address (lowercase, without spaces; given from just after `://`) is one
/// that the url crate reads with a host, and plainly so: a DNS name of plain labels, then a path,
/// query and fragment of characters that need no thought. Parsing an address is the costliest check of a whole file,
/// and nearly every address is of this kind; any other goes to the url crate.
fn plain_address(rest: &str) -> bool {
    let (host, tail) = rest.split_at(rest.find(['/', '?', '#']).unwrap_or(rest.len()));
    // Letters, digits and inner hyphens; no `--`, which IDNA may read as Punycode. A top-level
    // label of letters keeps IPv4 readings out.
    let plain_label = |label: &str| {
        (1..=63).contains(&label.len())
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-')
            && !label.contains("--")
    };
    let mut labels = host.split('.');
    let top_level = labels.next_back().unwrap_or("");
    host.contains('.')
        && labels.all(plain_label)
        && plain_label(top_level)
        && top_level.len() >= 2
        && top_level.bytes().all(|b| b.is_ascii_lowercase())
        && tail
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-._~/?#=&%+:@!$'()*,;".contains(&b))
}

fn bare(s: &str) -> Option<Problem> {
    let fixed = format!("https://{s}");
    url::Url::parse(&fixed).ok()?;
    Some(
        Problem::new(Code::UrlBareDomain, format!("`{s}` has no `https://`"))
            .hint(format!("write `{fixed}`")),
    )
}

/// `www.example.org/x` or `example.org`: a host with a dot and a letters-only top-level domain.
fn looks_like_domain(s: &str) -> bool {
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(char::is_alphabetic))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`plain_address`] of a whole address, as `check_url` asks it.
    fn plainly_valid(lower: &str) -> bool {
        lower
            .strip_prefix("https://")
            .or_else(|| lower.strip_prefix("http://"))
            .is_some_and(plain_address)
    }

    #[test]
    fn urls() {
        let cases: &[(&str, Option<Code>)] = &[
            ("https://www.example.org", None),
            ("http://example.org/a?b=c#d", None),
            ("https://ocrs.example.org/handbook", None),
            ("www.example.org", Some(Code::UrlBareDomain)),
            ("www.ocrs.example.org/forum-2024", Some(Code::UrlBareDomain)),
            ("example.org", Some(Code::UrlBareDomain)),
            ("ftp://example.org", Some(Code::UrlInvalid)),
            ("mailto:a@example.org", Some(Code::UrlInvalid)),
            ("https://", Some(Code::UrlInvalid)),
            ("https:///x", Some(Code::UrlInvalid)),
            ("http:////example.org", Some(Code::UrlInvalid)),
            ("https://\\example.org", Some(Code::UrlInvalid)),
            ("see our website", Some(Code::UrlInvalid)),
            ("https://a.org https://b.org", Some(Code::UrlInvalid)),
            ("javascript:alert(1)", Some(Code::UrlInvalid)),
            ("example", Some(Code::UrlInvalid)),
            ("http:/example.org", Some(Code::UrlInvalid)),
            ("https:example.org", Some(Code::UrlInvalid)),
            ("HTTPS://EXAMPLE.ORG/A", None),
        ];
        for (text, want) in cases {
            assert_eq!(check_url(text).map(|p| p.code), *want, "{text:?}");
        }
        for (text, _) in cases {
            assert!(
                !plainly_valid(&text.to_ascii_lowercase()) || check_url(text).is_none(),
                "{text:?}"
            );
        }
        let p = check_url("www.example.org").unwrap();
        assert_eq!(p.hint.as_deref(), Some("write `https://www.example.org`"));
    }

    /// An address taken as plainly valid is one the url crate reads as http(s) with a host.
    #[test]
    fn plainly_valid_addresses_are_valid() {
        use proptest::prelude::*;
        let read = |s: &str| {
            url::Url::parse(s).is_ok_and(|u| {
                matches!(u.scheme(), "http" | "https")
                    && u.host_str().is_some_and(|h| !h.is_empty())
            })
        };
        for plain in [
            "https://www.example.org",
            "http://ocrs.example.org/handbook/2024?lang=en&x=1#top",
            "https://sdgs.un.org/partnerships/action-network_(2025),v2;a=b",
        ] {
            assert!(plainly_valid(plain), "{plain}");
        }
        proptest!(|(s in "https?://[a-z0-9.-]{0,20}(\\.[a-z0-9-]{0,6}){0,3}[/?#]?[ -~]{0,20}")| {
            if plainly_valid(&s) {
                prop_assert!(read(&s), "{}", s);
            }
        });
        proptest!(|(s in "https?://([a-z0-9]{1,5}(-|--|\\.|\\.\\.|:|@)?){1,6}\\.[a-z0-9]{0,4}[/?#]?[ -~\\\\]{0,10}")| {
            if plainly_valid(&s) {
                prop_assert!(read(&s), "{}", s);
            }
        });
    }
}
