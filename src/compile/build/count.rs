//! Which responses count: an entity's answers to one edition, compared once every response is
//! in. A copy of an earlier answer (the same answers, whatever the entity's spelling, the dates
//! or the file) is left out and points at the original; different answers each count, and each
//! gets a `duplicate-entity` warning; with `--keep latest`, only the latest counts.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::compile::Keep;

/// What one response needs to be compared with the others.
#[derive(Debug, Clone)]
pub(super) struct Candidate<'e> {
    /// Its entity key.
    pub(super) key: &'e str,
    /// Its edition; empty when none was found.
    pub(super) edition: &'e str,
    /// A fingerprint of its answers table; `None` when it has no answers.
    pub(super) answers: Option<u64>,
    /// Its `submitted` date, if it is one.
    pub(super) submitted: Option<Date>,
    /// Its file.
    pub(super) file: &'e str,
}

/// Whether a response counts, and why not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Counting {
    /// The response whose answers count instead of this one's, by index.
    pub(super) duplicate_of: Option<usize>,
    /// The other responses of the same entity and edition that count beside this one, with
    /// different answers: each is owed a `duplicate-entity` warning.
    pub(super) twins: Vec<usize>,
}

impl Counting {
    /// Whether the response's rows count.
    pub(super) fn counted(&self) -> bool {
        self.duplicate_of.is_none()
    }
}

/// How `--keep latest` ranks two answers: the later `submitted` (a date beats none), then the
/// later file name, then the later path, so that the choice is the same on any machine.
fn rank<'c>(c: &'c Candidate<'_>) -> (Option<Date>, &'c str, &'c str) {
    let name = c.file.rsplit(['/', '\\']).next().unwrap_or(c.file);
    (c.submitted, name, c.file)
}

/// What counts of each response, in input order.
pub(super) fn decide(candidates: &[Candidate<'_>], keep: Keep) -> Vec<Counting> {
    let mut out = vec![Counting::default(); candidates.len()];
    let mut groups: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
    for (i, c) in candidates.iter().enumerate() {
        if c.answers.is_some() && !c.edition.is_empty() {
            groups.entry((c.key, c.edition)).or_default().push(i);
        }
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        match keep {
            Keep::Latest => {
                let latest = members
                    .iter()
                    .copied()
                    .max_by(|a, b| rank(&candidates[*a]).cmp(&rank(&candidates[*b])))
                    .expect("a group has members");
                for &m in members.iter().filter(|m| **m != latest) {
                    out[m].duplicate_of = Some(latest);
                }
            }
            Keep::All => {
                let mut kept: Vec<usize> = Vec::new();
                for &m in members {
                    let same = kept
                        .iter()
                        .copied()
                        .find(|k| candidates[*k].answers == candidates[m].answers);
                    match same {
                        Some(original) => out[m].duplicate_of = Some(original),
                        None => kept.push(m),
                    }
                }
                if kept.len() > 1 {
                    for &k in &kept {
                        out[k].twins = kept.iter().copied().filter(|t| *t != k).collect();
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate<'e>(
        key: &'e str,
        answers: u64,
        submitted: Option<&str>,
        file: &'e str,
    ) -> Candidate<'e> {
        Candidate {
            key,
            edition: "hlpf-2024",
            answers: Some(answers),
            submitted: submitted.map(|s| s.parse().unwrap()),
            file,
        }
    }

    #[test]
    fn copies_are_left_out_and_different_answers_each_count() {
        let candidates = [
            candidate("WFP", 1, Some("2024-01-26"), "a/WFP.json"),
            candidate("UNICEF", 2, Some("2024-01-12"), "a/UNICEF.toml"),
            candidate("WFP", 1, Some("2024-01-20"), "a/WFP.toml"),
            candidate("UNICEF", 3, Some("2024-02-02"), "a/final.json"),
            candidate("UNICEF", 2, None, "b/UNICEF copy.toml"),
            candidate("ECE", 4, None, "a/ECE.toml"),
        ];
        let got = decide(&candidates, Keep::All);
        let counted: Vec<bool> = got.iter().map(Counting::counted).collect();
        assert_eq!(counted, [true, true, false, true, false, true]);
        assert_eq!(got[2].duplicate_of, Some(0));
        assert_eq!(got[4].duplicate_of, Some(1));
        assert_eq!(got[1].twins, [3]);
        assert_eq!(got[3].twins, [1]);
        assert!(got[0].twins.is_empty() && got[5].twins.is_empty());
    }

    #[test]
    fn keep_latest_keeps_the_last_submitted_then_the_last_file_name() {
        let candidates = [
            candidate("UNICEF", 2, Some("2024-01-12"), "z/UNICEF.toml"),
            candidate("UNICEF", 3, Some("2024-02-02"), "a/final.json"),
            candidate("UNICEF", 3, None, "y/no date.json"),
            candidate("WFP", 1, None, "b/WFP.json"),
            candidate("WFP", 5, None, "a/WFP.toml"),
        ];
        let got = decide(&candidates, Keep::Latest);
        let dup: Vec<Option<usize>> = got.iter().map(|c| c.duplicate_of).collect();
        assert_eq!(dup, [Some(1), None, Some(1), Some(4), None]);
        assert!(got.iter().all(|c| c.twins.is_empty()));
    }

    #[test]
    fn responses_without_answers_or_edition_always_count() {
        let mut unread = candidate("WMO", 1, None, "WMO.toml");
        unread.answers = None;
        let mut other = candidate("WMO", 1, None, "WMO.json");
        other.edition = "";
        let got = decide(&[unread.clone(), unread, other.clone(), other], Keep::All);
        assert!(got.iter().all(|c| c.counted() && c.twins.is_empty()));
    }
}
