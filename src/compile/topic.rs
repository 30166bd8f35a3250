//! Topics: what a question is about across editions. Rows of every edition are keyed by the topic,
//! the id of the question reached by following the definitions' `continues` links back to the
//! first edition that asked it, so that two editions compile into the same columns.
//!
//! [`root_question`] and [`review_sdgs`] are the only places that read those links and the
//! review SDGs from a definition; everything else asks them.

use crate::questionnaire::{FieldKind, QuestionKind, Questionnaire};

/// The topic of a question of `q`: the id of the question its `continues` links lead back to,
/// through the built-in editions (the question itself when it continues none).
pub fn root_question(q: &Questionnaire, question_id: &str) -> String {
    match q.question(question_id) {
        Some(question) => q.root_of(question).question,
        None => question_id.to_string(),
    }
}

/// The SDGs under in-depth review at the edition's forum, sorted (none when the definition does
/// not say).
pub fn review_sdgs(q: &Questionnaire) -> Vec<u8> {
    q.review_sdgs
        .as_ref()
        .map(|review| review.goals.clone())
        .unwrap_or_default()
}

/// What kind of answer a topic takes.
#[derive(Debug, Clone, PartialEq)]
pub enum TopicKind {
    /// Free text.
    Text,
    /// Records with these fields (the union over editions, by field id).
    Records(Vec<TopicField>),
    /// Names chosen from these lists (the union over editions) and free text.
    Choices(Vec<String>),
}

/// A record field of a topic.
#[derive(Debug, Clone, PartialEq)]
pub struct TopicField {
    /// The field's id (fields of a continued question map by id).
    pub id: String,
    /// Its short form label.
    pub label: String,
    /// Its kind.
    pub kind: FieldKind,
    /// Whether some edition lets it be answered "all".
    pub allow_all: bool,
    /// The editions that have it.
    pub editions: Vec<String>,
}

/// One topic, in the order the editions ask them.
#[derive(Debug, Clone, PartialEq)]
pub struct Topic {
    /// The root question's id.
    pub id: String,
    /// The question's text, as the first edition that has the topic words it.
    pub label: String,
    /// The editions that ask it.
    pub editions: Vec<String>,
    /// What kind of answer it takes.
    pub kind: TopicKind,
}

/// The editions a compilation knows and their topics.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Editions, in the order their columns come.
    pub editions: Vec<Questionnaire>,
    /// Topics, in the order of the first edition that asks each, then new ones of later editions.
    pub topics: Vec<Topic>,
}

impl Layout {
    /// The layout of these editions (duplicates by id are dropped).
    pub fn new(editions: Vec<Questionnaire>) -> Layout {
        let mut unique: Vec<Questionnaire> = Vec::new();
        for q in editions {
            if !unique.iter().any(|u| u.id == q.id) {
                unique.push(q);
            }
        }
        let mut topics: Vec<Topic> = Vec::new();
        for q in &unique {
            for question in &q.questions {
                let id = root_question(q, &question.id);
                let at = match topics.iter().position(|t| t.id == id) {
                    Some(at) => at,
                    None => {
                        topics.push(Topic {
                            id: id.clone(),
                            label: question.text.clone(),
                            editions: Vec::new(),
                            kind: match &question.kind {
                                QuestionKind::Text(_) => TopicKind::Text,
                                QuestionKind::Records(_) => TopicKind::Records(Vec::new()),
                                QuestionKind::ChoicesText(_) => TopicKind::Choices(Vec::new()),
                            },
                        });
                        topics.len() - 1
                    }
                };
                let topic = &mut topics[at];
                topic.editions.push(q.id.clone());
                match (&mut topic.kind, &question.kind) {
                    (TopicKind::Records(fields), QuestionKind::Records(records)) => {
                        for field in &records.fields {
                            match fields.iter_mut().find(|f| f.id == field.id) {
                                Some(known) => {
                                    known.editions.push(q.id.clone());
                                    known.allow_all |= field.allow_all;
                                }
                                None => fields.push(TopicField {
                                    id: field.id.clone(),
                                    label: field.short_label().to_string(),
                                    kind: field.kind,
                                    allow_all: field.allow_all,
                                    editions: vec![q.id.clone()],
                                }),
                            }
                        }
                    }
                    (TopicKind::Choices(names), QuestionKind::ChoicesText(choices)) => {
                        for name in &choices.choices {
                            if !names.contains(name) {
                                names.push(name.clone());
                            }
                        }
                    }
                    // A continued question whose kind changed keeps the first kind; its answers
                    // of the other kind are still in `findings` and the file.
                    _ => {}
                }
            }
        }
        Layout {
            editions: unique,
            topics,
        }
    }

    /// The edition with this id.
    pub fn edition(&self, id: &str) -> Option<&Questionnaire> {
        self.editions.iter().find(|q| q.id == id)
    }

    /// The topic with this id.
    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// Topics answered by records, in order.
    pub fn record_topics(&self) -> impl Iterator<Item = (&Topic, &[TopicField])> {
        self.topics.iter().filter_map(|t| match &t.kind {
            TopicKind::Records(fields) => Some((t, fields.as_slice())),
            _ => None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_edition_gives_its_questions_as_topics() {
        let q = Questionnaire::default_builtin();
        let layout = Layout::new(vec![q.clone(), q.clone()]);
        assert_eq!(layout.editions.len(), 1);
        let ids: Vec<_> = layout.topics.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "governing_body",
                "events",
                "resources",
                "high_impact",
                "initiatives",
                "recommendations"
            ]
        );
        let events: Vec<_> = layout
            .record_topics()
            .map(|(t, f)| (t.id.as_str(), f.len()))
            .collect();
        assert_eq!(
            events,
            [("events", 6), ("resources", 7), ("initiatives", 6)]
        );
        assert_eq!(root_question(&q, "events"), "events");
        assert_eq!(review_sdgs(&q), [1, 2, 13, 16, 17]);
    }

    #[test]
    fn editions_align_through_continues() {
        let editions: Vec<Questionnaire> = ["hlpf-2024", "hlpf-2025", "hlpf-2026"]
            .iter()
            .map(|id| Questionnaire::builtin_cached(id).unwrap().clone())
            .collect();
        let layout = Layout::new(editions);
        let of = |id: &str| layout.topic(id).unwrap().editions.join(" ");
        assert_eq!(of("governing_body"), "hlpf-2024 hlpf-2025 hlpf-2026");
        assert_eq!(of("events"), "hlpf-2024 hlpf-2026");
        assert_eq!(of("coordination"), "hlpf-2025 hlpf-2026");
        assert_eq!(of("recommendations"), "hlpf-2024");
        // New topics of later editions come after the first edition's.
        assert_eq!(layout.topics.last().unwrap().id, "coordination");
        let q2026 = layout.edition("hlpf-2026").unwrap();
        let events = q2026.question("events").unwrap();
        assert_eq!(events.continues.as_ref().unwrap().edition, "hlpf-2024");
        assert_eq!(root_question(q2026, "events"), "events");
        assert_eq!(root_question(q2026, "governing_body"), "governing_body");
        assert_eq!(review_sdgs(q2026), [6, 7, 9, 11, 17]);
    }
}
