//! Whether a legacy line is a field's form label, and the value written after it on that line.
//!
//! Labels match by prefix, ignoring case, punctuation and quote style, but only whole: after the
//! matched label text may come nothing, a colon, a parenthesis, the definition label's own
//! instruction text, or a `|`. Anything else makes the line a value, so `Website traffic grew`
//! and `Languages other than English` stay the text a person wrote.

use crate::questionnaire::Field;
use crate::text::fold;

/// The field whose form label `line` shows (without its closing `|`), and the value when the
/// line also holds one (`Event Name: Forum`, `Event Name | Forum`).
pub(super) fn match_label<'a>(line: &'a str, fields: &[Field]) -> Option<(usize, Option<&'a str>)> {
    Labels::new(fields).find(line)
}

/// A question's form labels, folded once to be matched against many lines.
pub(super) struct Labels {
    labels: Vec<FoldedLabel>,
}

struct FoldedLabel {
    /// The whole label, folded.
    wanted: String,
    /// How much of it a line must show: its short label (up to a parenthesis or colon).
    least: usize,
    /// The label's text after its colon, folded: an instruction a line may repeat.
    instruction: String,
}

impl Labels {
    /// The labels of `fields`, in order.
    pub(super) fn new(fields: &[Field]) -> Labels {
        let labels = fields
            .iter()
            .map(|field| {
                let wanted = fold(&field.label);
                let short = fold(field.short_label());
                let least = if short.is_empty() {
                    wanted.len()
                } else {
                    short.len()
                };
                FoldedLabel {
                    wanted,
                    least,
                    instruction: field
                        .label
                        .split_once(':')
                        .map_or(String::new(), |(_, i)| fold(i)),
                }
            })
            .collect();
        Labels { labels }
    }

    /// The field whose label `line` shows, and the value written after it on the line.
    pub(super) fn find<'a>(&self, line: &'a str) -> Option<(usize, Option<&'a str>)> {
        // No label is longer than the longest: the rest of a long value need not be folded.
        let longest = self
            .labels
            .iter()
            .map(|l| l.wanted.len())
            .max()
            .unwrap_or(0);
        let folded = Folded::up_to(line, longest);
        let mut best: Option<(usize, usize, Option<&'a str>)> = None;
        for (i, label) in self.labels.iter().enumerate() {
            if label.least == 0 {
                continue;
            }
            let common = folded
                .text
                .bytes()
                .zip(label.wanted.bytes())
                .take_while(|(a, b)| a == b)
                .count();
            // The longest match whose rest reads as a label's rest: `Website: i.example.org` must
            // match at `Website`, not at `Website: i` (a prefix of `Website (if applicable)`).
            let found = (label.least..=common).rev().find_map(|k| {
                let end = folded.raw_end(k)?;
                rest_of_label(&line[end..], &label.instruction).map(|value| (k, value))
            });
            if let Some((k, value)) = found
                && best.is_none_or(|(_, len, _)| k > len)
            {
                best = Some((i, k, value));
            }
        }
        best.map(|(i, _, value)| (i, value))
    }
}

/// What may follow a label: `Some(value)` when it is a label's rest, `None` when it is not.
/// `instruction` is the definition label's text after its colon, folded.
fn rest_of_label<'a>(rest: &'a str, instruction: &str) -> Option<Option<&'a str>> {
    let rest = rest.trim_start();
    if rest.is_empty() || is_instruction(rest, instruction) {
        return Some(None);
    }
    if let Some(after) = rest.strip_prefix(':').or_else(|| rest.strip_prefix('|')) {
        let after = after.trim();
        if after.is_empty() || is_instruction(after, instruction) {
            return Some(None);
        }
        return Some(Some(after));
    }
    if let Some(inside) = rest.strip_prefix('(') {
        // `(City, Country)`, `(if applicable)`: the parenthesis, then what may follow a label.
        let close = inside.find(')')?;
        return rest_of_label(&inside[close + 1..], instruction);
    }
    None
}

/// The label's own instruction, or the start of it: long enough that a short value such as
/// `Please` is never taken for it.
fn is_instruction(text: &str, instruction: &str) -> bool {
    let typed = fold(text);
    typed.len() >= 12 && instruction.starts_with(&typed)
}

/// A line folded as `fold` does, remembering where in the line each folded byte came from.
struct Folded {
    text: String,
    /// For each char that folds to something: the folded length after it, and its raw end.
    ends: Vec<(usize, usize)>,
}

impl Folded {
    #[cfg(test)]
    fn new(line: &str) -> Self {
        Folded::up_to(line, usize::MAX)
    }

    /// The line folded until the folded text is `limit` bytes long (or the line ends).
    fn up_to(line: &str, limit: usize) -> Self {
        let mut text = String::new();
        let mut ends = Vec::new();
        let mut buf = [0u8; 4];
        for (at, c) in line.char_indices() {
            if text.len() >= limit {
                break;
            }
            let before = text.len();
            if c.is_ascii() {
                // What `fold` does to ASCII, without a string for each character.
                if c.is_ascii_alphanumeric() {
                    text.push(c.to_ascii_lowercase());
                }
            } else {
                text.push_str(&fold(c.encode_utf8(&mut buf)));
            }
            if text.len() > before {
                ends.push((text.len(), at + c.len_utf8()));
            }
        }
        Folded { text, ends }
    }

    /// The end in the line of the first `k` folded bytes, if `k` ends a char's folding.
    fn raw_end(&self, k: usize) -> Option<usize> {
        let i = self.ends.partition_point(|&(len, _)| len < k);
        self.ends
            .get(i)
            .filter(|&&(len, _)| len == k)
            .map(|&(_, end)| end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaire::{QuestionKind, Questionnaire};

    fn fields(question: &str) -> Vec<Field> {
        let q = Questionnaire::default_builtin();
        let QuestionKind::Records(def) = &q.question(question).unwrap().kind else {
            panic!("{question} has records")
        };
        def.fields.clone()
    }

    fn label(line: &str, question: &str) -> Option<(String, Option<String>)> {
        let fields = fields(question);
        match_label(line, &fields).map(|(i, v)| (fields[i].id.clone(), v.map(str::to_string)))
    }

    #[test]
    fn labels_match_loosely_but_whole() {
        // (line, question, field and same-line value)
        type Case<'a> = (&'a str, &'a str, Option<(&'a str, Option<&'a str>)>);
        let cases: &[Case<'_>] = &[
            ("Event Name:", "events", Some(("name", None))),
            ("event name", "events", Some(("name", None))),
            ("EVENT NAME :", "events", Some(("name", None))),
            (
                "Event Name: Forum on Oceans",
                "events",
                Some(("name", Some("Forum on Oceans"))),
            ),
            (
                "Event Name | Forum",
                "events",
                Some(("name", Some("Forum"))),
            ),
            (
                "Event Location (City, Country):",
                "events",
                Some(("location", None)),
            ),
            (
                "Event Location (City, Country): Apia, Samoa",
                "events",
                Some(("location", Some("Apia, Samoa"))),
            ),
            (
                "Description (max 150 words): please include a short summary of the event’s mandate",
                "events",
                Some(("description", None)),
            ),
            (
                "Description (max 150 words): The forum met twice.",
                "events",
                Some(("description", Some("The forum met twice."))),
            ),
            ("Website (if applicable)", "events", Some(("website", None))),
            ("Website", "events", Some(("website", None))),
            (
                "Website: i.example.org",
                "events",
                Some(("website", Some("i.example.org"))),
            ),
            (
                "Description: please include a short summary of the event's mandate",
                "events",
                Some(("description", None)),
            ),
            (
                "Description (max 150 words) please include a short summary",
                "events",
                Some(("description", None)),
            ),
            (
                "Description: Please",
                "events",
                Some(("description", Some("Please"))),
            ),
            (
                "Website (if applicable)",
                "initiatives",
                Some(("website", None)),
            ),
            (
                "Relevant SDGs (list all relevant goals)",
                "events",
                Some(("sdgs", None)),
            ),
            ("Language(s)", "resources", Some(("languages", None))),
            ("Languages", "resources", Some(("languages", None))),
            ("Language", "resources", Some(("languages", None))),
            ("Regional Forum", "events", None),
            ("Website traffic grew by a third", "initiatives", None),
            ("Website is down", "events", None),
            (
                "Languages other than English are planned",
                "resources",
                None,
            ),
            ("Relevant SDGs were chosen by the board", "events", None),
            ("Target audience feedback was positive", "resources", None),
            ("Event Names are chosen by the host", "events", None),
            (
                "Description (max 150 words) follows below",
                "resources",
                None,
            ),
            ("Website (if applicable", "events", Some(("website", None))),
            ("Website (see below", "events", None),
        ];
        for (line, question, want) in cases {
            let want = want.map(|(id, v)| (id.to_string(), v.map(str::to_string)));
            assert_eq!(label(line, question), want, "{line}");
        }
    }

    #[test]
    fn folding_keeps_the_place_of_each_char() {
        let f = Folded::new("Côte d’Ivoire: x");
        assert_eq!(f.text, "cotedivoirex");
        for line in [
            "Côte d’Ivoire: x",
            "Event Name (City, Country): 12 – 14 ÉTÉ",
            "",
        ] {
            assert_eq!(
                Folded::new(line).text,
                fold(line),
                "the same as `fold`: {line}"
            );
        }
        assert_eq!(Folded::up_to("Description of it", 6).text, "descri");
        assert_eq!(f.raw_end(4), Some("Côte".len()));
        assert_eq!(f.raw_end(3), Some("Côt".len()));
        assert_eq!(f.raw_end(11), Some("Côte d’Ivoire".len()));
        assert_eq!(f.raw_end(13), None);
    }
}
