//! Lists written as one string: `OCRS, FAO and UNEP`, `English; French`.

/// Splits a list written as text on commas, semicolons, new lines and a final `and` / `&`.
///
/// A final `and` splits only in a list separated by commas (and not by semicolons), so that a
/// single name such as `Food and Agriculture Organization` stays whole, and so does the last
/// name of a list written `A; B; Food and Agriculture Organization`.
pub fn split_list(s: &str) -> Vec<String> {
    split_list_keeping(s, |_| false)
}

/// Like [`split_list`], but a last item that `keep_whole` recognises (`Trinidad and Tobago`)
/// is not split at its `and`.
pub fn split_list_keeping(s: &str, keep_whole: fn(&str) -> bool) -> Vec<String> {
    let mut items: Vec<String> = s
        .split([',', ';', '\n'])
        .map(|item| clean_item(item).to_string())
        .filter(|item| !item.is_empty())
        .collect();
    let separated = s.contains(',') && !s.contains([';', '\n']);
    if separated && let Some(last) = items.pop() {
        match split_final_and(&last).filter(|_| !keep_whole(&last)) {
            Some((a, b)) => {
                items.push(a.to_string());
                items.push(b.to_string());
            }
            None => items.push(last),
        }
    }
    items
        .into_iter()
        .map(|item| strip_leading_and(&item).to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// `all`, `All Member States`, `all countries`: every one, where a field allows it.
pub fn is_all(s: &str) -> bool {
    matches!(
        super::text::fold(s).as_str(),
        "all" | "allmemberstates" | "allcountries" | "allunmemberstates"
    )
}

fn clean_item(s: &str) -> &str {
    s.trim()
        .trim_start_matches(['-', '•', '*', '·'])
        .trim()
        .trim_end_matches('.')
        .trim()
}

fn strip_leading_and(s: &str) -> &str {
    for prefix in ["and ", "And ", "& "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            return rest.trim();
        }
    }
    s
}

fn split_final_and(s: &str) -> Option<(&str, &str)> {
    for separator in [" and ", " & "] {
        if let Some(i) = s.rfind(separator) {
            let (a, b) = (s[..i].trim(), s[i + separator.len()..].trim());
            if !a.is_empty() && !b.is_empty() {
                return Some((a, b));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitting_lists() {
        let cases: &[(&str, &[&str])] = &[
            ("English, French", &["English", "French"]),
            ("EN, ES, AR", &["EN", "ES", "AR"]),
            ("English; French.", &["English", "French"]),
            (
                "OCRS, FAO, Coastal Communities Network and the Blue Finance Facility",
                &[
                    "OCRS",
                    "FAO",
                    "Coastal Communities Network",
                    "the Blue Finance Facility",
                ],
            ),
            (
                "Food and Agriculture Organization",
                &["Food and Agriculture Organization"],
            ),
            (
                "Senegal, Gambia, and Ghana",
                &["Senegal", "Gambia", "Ghana"],
            ),
            ("- UNEP\n- UNDP", &["UNEP", "UNDP"]),
            ("", &[]),
            (" , ;", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split_list(text), *want, "{text:?}");
        }
    }
}
