//! What an edition knows about itself: how sure each item is (provenance), the SDGs under review,
//! and the `continues` links that tie a question to the one it carries on from in an earlier
//! edition — which `migrate` and `diff` follow.

use std::fmt;

use super::{Question, Questionnaire};

/// How sure an item of a definition is.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Seen verbatim (on several published responses).
    #[default]
    Verified,
    /// Only part of it is known, e.g. the opening words of a question.
    Partial,
    /// Inferred, not seen.
    Assumed,
}

impl Status {
    /// The spelling definitions use.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Verified => "verified",
            Status::Partial => "partial",
            Status::Assumed => "assumed",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How sure an item is, and where it was seen. Absent in a definition means verified.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Provenance {
    /// Verified, partial or assumed.
    pub status: Status,
    /// Where it was seen: an http(s) URL.
    pub source: Option<String>,
}

/// The SDGs under in-depth review at the forum the edition prepares.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReviewSdgs {
    /// Goals 1-17, sorted, no duplicates.
    pub goals: Vec<u8>,
    /// How sure the list is.
    pub provenance: Provenance,
}

/// A question of an edition: `hlpf-2024.events`.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct QuestionRef {
    /// The edition's id.
    pub edition: String,
    /// The question's id in that edition.
    pub question: String,
}

impl QuestionRef {
    /// Reads `edition.question`; `None` unless both parts are there.
    pub fn parse(s: &str) -> Option<QuestionRef> {
        let (edition, question) = s.split_once('.')?;
        (!edition.is_empty() && !question.is_empty() && !question.contains('.')).then(|| {
            QuestionRef {
                edition: edition.to_string(),
                question: question.to_string(),
            }
        })
    }
}

impl fmt::Display for QuestionRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.edition, self.question)
    }
}

impl Questionnaire {
    /// The chain of questions `question` carries on from, itself first, following `continues`
    /// through the built-in editions to the root (the earliest known form of the question).
    pub fn lineage(&self, question: &Question) -> Vec<QuestionRef> {
        let mut chain = vec![QuestionRef {
            edition: self.id.clone(),
            question: question.id.clone(),
        }];
        let mut next = question.continues.clone();
        while let Some(link) = next {
            // A cycle cannot be built (a link names an edition other than its own, and built-ins
            // only link backwards), but a bound keeps a broken set of files from looping.
            if chain.contains(&link) || chain.len() > 64 {
                break;
            }
            next = Questionnaire::builtin_cached(&link.edition)
                .and_then(|q| q.question(&link.question))
                .and_then(|q| q.continues.clone());
            chain.push(link);
        }
        chain
    }

    /// The root of a question's lineage: the earliest edition's form of it.
    pub fn root_of(&self, question: &Question) -> QuestionRef {
        self.lineage(question)
            .pop()
            .expect("a lineage holds at least the question itself")
    }

    /// The question of `self` that is `other`'s `question` in this edition: the same question
    /// when both are one edition, else the one whose lineage holds it, or whose form in `other`
    /// has `self`'s question in its lineage (links are followed both ways).
    pub fn counterpart(&self, other: &Questionnaire, question: &Question) -> Option<&Question> {
        if self.id == other.id {
            return self.question(&question.id);
        }
        let theirs = other.lineage(question);
        self.questions.iter().find(|mine| {
            let here = QuestionRef {
                edition: self.id.clone(),
                question: mine.id.clone(),
            };
            theirs.contains(&here) || self.lineage(mine).contains(&theirs[0])
        })
    }

    /// The one line `validate`, `fill` and `migrate` show about an incomplete edition, or `None`.
    pub fn incomplete_notice(&self) -> Option<String> {
        (!self.complete).then(|| {
            let known: Vec<&str> = self
                .questions
                .iter()
                .map(|q| q.number.as_str())
                .collect();
            format!(
                "note: {} is incomplete: qfill knows only question{} {} of it; answers to other questions get `question-unknown` and are kept as written",
                self.id,
                if known.len() == 1 { "" } else { "s" },
                known.join(", ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(id: &str) -> &'static Questionnaire {
        Questionnaire::builtin_cached(id).unwrap()
    }

    #[test]
    fn references_read_and_print() {
        let r = QuestionRef::parse("hlpf-2024.events").unwrap();
        assert_eq!(r.edition, "hlpf-2024");
        assert_eq!(r.question, "events");
        assert_eq!(r.to_string(), "hlpf-2024.events");
        for bad in ["events", ".events", "hlpf-2024.", "a.b.c"] {
            assert_eq!(QuestionRef::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn lineages_follow_links_across_editions() {
        let q26 = builtin("hlpf-2026");
        let chain: Vec<String> = q26
            .lineage(q26.question("governing_body").unwrap())
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            chain,
            [
                "hlpf-2026.governing_body",
                "hlpf-2025.governing_body",
                "hlpf-2024.governing_body"
            ]
        );
        assert_eq!(
            q26.root_of(q26.question("events").unwrap()).to_string(),
            "hlpf-2024.events"
        );
    }

    #[test]
    fn counterparts_forwards_backwards_and_none() {
        let (q24, q25, q26) = (
            builtin("hlpf-2024"),
            builtin("hlpf-2025"),
            builtin("hlpf-2026"),
        );
        let events24 = q24.question("events").unwrap();
        assert_eq!(q26.counterpart(q24, events24).unwrap().number, "3");
        let events26 = q26.question("events").unwrap();
        assert_eq!(q24.counterpart(q26, events26).unwrap().number, "2");
        // 2025 does not know the events question.
        assert!(q25.counterpart(q24, events24).is_none());
        let coordination = q25.question("coordination").unwrap();
        assert!(q24.counterpart(q25, coordination).is_none());
        assert_eq!(q26.counterpart(q25, coordination).unwrap().number, "2");
        let resources = q24.question("resources").unwrap();
        assert!(q26.counterpart(q24, resources).is_none());
        assert_eq!(q24.counterpart(q24, resources).unwrap().id, "resources");
    }

    #[test]
    fn the_notice_names_what_is_known() {
        let q = Questionnaire::builtin_cached("hlpf-2026").unwrap();
        let line = q.incomplete_notice().unwrap();
        assert!(line.contains("questions 1, 2, 3"), "{line}");
        assert!(!line.contains('\n'));
        assert_eq!(
            Questionnaire::builtin_cached("hlpf-2024")
                .unwrap()
                .incomplete_notice(),
            None
        );
    }
}
