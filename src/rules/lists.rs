//! Lists written as one string: `OCRS, FAO and UNEP`, `English; French`.

/// Splits a list written as text on commas, semicolons, new lines and a final `and` / `&`.
///
/// A final `and` splits only in a list separated by commas (and not by semicolons), so that a
/// single name such as `Food and Agriculture Organization` stays whole, and so does the last
/// name of a list written `A; B; Food and Agriculture Organization`.
pub fn split_list(s: &str) -> Vec<String> {
    split_list_keeping(s, |_| false)
}

/// Like [`split_list`], but names that `known` recognises win at every split: an entry that is
/// a known name stays whole (`Trinidad and Tobago`), and one that is known names joined by `and`
/// is split into them (`Gambia and Trinidad and Tobago`, `Senegal and Gambia`).
pub fn split_list_keeping(s: &str, known: fn(&str) -> bool) -> Vec<String> {
    let items: Vec<String> = s
        .split([',', ';', '\n'])
        .map(|item| clean_item(item).to_string())
        .filter(|item| !item.is_empty())
        .collect();
    let separated = s.contains(',') && !s.contains([';', '\n']);
    let last = items.len().saturating_sub(1);
    let mut out: Vec<String> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item = strip_leading_and(item);
        if let Some(names) = known_names(item, known) {
            out.extend(names);
            continue;
        }
        // The last entry of a list written with commas may hold its final `and`.
        match split_final_and(item, known).filter(|_| separated && i == last) {
            Some((a, b)) => out.extend([a.to_string(), b.to_string()]),
            None => out.push(item.to_string()),
        }
    }
    out.into_iter()
        .map(|item| strip_leading_and(&item).to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

/// The places where `s` may be split: each ` and ` and ` & `, as (start, end) byte offsets.
fn and_separators(s: &str) -> Vec<(usize, usize)> {
    let mut at: Vec<(usize, usize)> = [" and ", " & "]
        .iter()
        .flat_map(|sep| s.match_indices(sep).map(|(i, m)| (i, i + m.len())))
        .collect();
    at.sort_unstable();
    at
}

/// `s` as known names joined by `and` (the fewest of them), if it is that; `None` otherwise.
fn known_names(s: &str, known: fn(&str) -> bool) -> Option<Vec<String>> {
    // A name holds at most a few `and`s; more parts than this is prose, not a list of names.
    const MOST_PARTS: usize = 16;
    const PARTS_IN_A_NAME: usize = 3;
    if known(s) {
        return Some(vec![s.to_string()]);
    }
    let separators = and_separators(s);
    if separators.is_empty() || separators.len() >= MOST_PARTS {
        return None;
    }
    // Part `k` runs from the end of separator k-1 to the start of separator k.
    let starts: Vec<usize> = std::iter::once(0)
        .chain(separators.iter().map(|(_, end)| *end))
        .collect();
    let ends: Vec<usize> = separators
        .iter()
        .map(|(start, _)| *start)
        .chain(std::iter::once(s.len()))
        .collect();
    let n = starts.len();
    // best[j]: the fewest known names that make up parts 0..j, and where the last one starts.
    let mut best: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    best[0] = Some((0, 0));
    for j in 1..=n {
        for i in j.saturating_sub(PARTS_IN_A_NAME)..j {
            let Some((count, _)) = best[i] else {
                continue;
            };
            if !known(s[starts[i]..ends[j - 1]].trim()) {
                continue;
            }
            if best[j].is_none_or(|(c, _)| count + 1 < c) {
                best[j] = Some((count + 1, i));
            }
        }
    }
    let mut names = Vec::new();
    let mut j = n;
    while j > 0 {
        let (_, i) = best[j]?;
        names.push(s[starts[i]..ends[j - 1]].trim().to_string());
        j = i;
    }
    names.reverse();
    Some(names)
}

/// `all`, `All Member States`, `all countries`: every one, where a field allows it.
pub fn is_all(s: &str) -> bool {
    // Asked of every list written as text: compared without a folded copy, and given up at the
    // first letter that differs.
    [
        "all",
        "allmemberstates",
        "allcountries",
        "allunmemberstates",
    ]
    .iter()
    .any(|all| crate::text::folds_to(s, all))
}

/// `["all"]`: a list whose one entry is `all` means all, written `"all"`.
pub fn all_in_a_list(s: &str) -> super::Problem {
    super::Problem::non_canonical(&format!("a list holding `{}`", s.trim()), "\"all\"").value(s)
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

/// Splits at a final `and`, or where what follows or precedes it is a known name
/// (`Atlantis and Trinidad and Tobago`).
fn split_final_and(s: &str, known: fn(&str) -> bool) -> Option<(&str, &str)> {
    let separators = and_separators(s);
    let parts = |(start, end): (usize, usize)| (s[..start].trim(), s[end..].trim());
    let usable = |(a, b): &(&str, &str)| !a.is_empty() && !b.is_empty();
    separators
        .iter()
        .map(|at| parts(*at))
        .filter(usable)
        .find(|(a, b)| known(b) || known(a))
        .or_else(|| separators.last().map(|at| parts(*at)).filter(usable))
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

    #[test]
    fn known_names_win_at_every_split() {
        let known: fn(&str) -> bool = |s| {
            [
                "Senegal",
                "Gambia",
                "Trinidad and Tobago",
                "Antigua and Barbuda",
                "Ghana",
            ]
            .contains(&s)
        };
        let cases: &[(&str, &[&str])] = &[
            (
                "Senegal, Gambia and Trinidad and Tobago",
                &["Senegal", "Gambia", "Trinidad and Tobago"],
            ),
            (
                "Trinidad and Tobago and Antigua and Barbuda",
                &["Trinidad and Tobago", "Antigua and Barbuda"],
            ),
            ("Senegal and Gambia", &["Senegal", "Gambia"]),
            (
                "Trinidad and Tobago; Senegal & Ghana",
                &["Trinidad and Tobago", "Senegal", "Ghana"],
            ),
            (
                "Ghana, Atlantis and Trinidad and Tobago",
                &["Ghana", "Atlantis", "Trinidad and Tobago"],
            ),
            (
                "Ghana, Atlantis and Lemuria",
                &["Ghana", "Atlantis", "Lemuria"],
            ),
            ("Atlantis and Lemuria", &["Atlantis and Lemuria"]),
            ("Senegal, and Gambia", &["Senegal", "Gambia"]),
        ];
        for (text, want) in cases {
            assert_eq!(split_list_keeping(text, known), *want, "{text:?}");
        }
        // Prose with many `and`s is not searched.
        let long = vec!["Ghana"; 40].join(" and ");
        assert_eq!(split_list_keeping(&long, known), vec![long]);
    }
}
