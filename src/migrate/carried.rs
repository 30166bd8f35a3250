//! `[draft.carried]`: which answers `migrate` carried to a question whose wording, limit or
//! window changed on the way, so that `fill --answers` asks them again; and `fill`'s progress
//! (`next`, `skipped`, `asked`, `typed`) taken along the same links.

use crate::answers::{Answers, Carried, Draft};
use crate::diff::question_changes;
use crate::questionnaire::{Question, QuestionKind, Questionnaire};

/// Where a target question's answer came from: an edition's question.
pub(super) type Source<'q> = (&'q Questionnaire, &'q Question);

/// The draft of answers carried from `from` to `to`: `fill`'s progress along the links, and
/// what to look at again. `sources` says, for each answered question of `to`, the question its
/// answer came from. `None` when nothing is left to say.
pub(super) fn draft(
    original: Option<&Draft>,
    answers: &Answers,
    from: &Questionnaire,
    to: &Questionnaire,
    sources: &[(String, Source<'_>)],
) -> Option<Draft> {
    let mut draft = original.map(|d| progress(d, from, to)).unwrap_or_default();
    let came_from = original
        .and_then(|d| d.carried.as_ref())
        .map_or(from.id.as_str(), |c| c.from.as_str())
        .to_string();
    draft.carried = None;
    if came_from != to.id {
        let before: Vec<String> = original
            .and_then(|d| d.carried.as_ref())
            .map(|c| {
                c.questions
                    .iter()
                    .filter_map(|id| map_id(id, from, to))
                    .collect()
            })
            .unwrap_or_default();
        let questions: Vec<String> = to
            .questions
            .iter()
            .filter(|q| answers.answer(&q.id).is_some())
            .filter(|q| {
                before.contains(&q.id)
                    || sources.iter().any(|(id, (edition, question))| {
                        *id == q.id && question_changes(edition, question, to, q).worth_asking()
                    })
            })
            .map(|q| q.id.clone())
            .collect();
        if !questions.is_empty() {
            draft.carried = Some(Carried {
                from: came_from,
                questions,
            });
        }
    }
    let returned_home = original.is_some_and(|d| d.carried.is_some()) && draft.carried.is_none();
    let empty = !draft.has_progress() && draft.carried.is_none();
    match original {
        // A draft `migrate` made only to say what it carried goes when nothing is carried.
        Some(_) if empty && returned_home => None,
        None if empty => None,
        _ => Some(draft),
    }
}

/// The id in `to` of question `id` of `from`, by the `continues` links.
fn map_id(id: &str, from: &Questionnaire, to: &Questionnaire) -> Option<String> {
    from.question(id)
        .and_then(|q| to.counterpart(from, q))
        .map(|q| q.id.clone())
}

/// `fill`'s progress in `from` as it reads in `to`: questions by their links, fields that the
/// new question has; progress in a question `to` does not have is dropped with it.
fn progress(draft: &Draft, from: &Questionnaire, to: &Questionnaire) -> Draft {
    let fields_of = |id: &str| -> Vec<String> {
        match to.question(id).map(|q| &q.kind) {
            Some(QuestionKind::Records(def)) => def.fields.iter().map(|f| f.id.clone()).collect(),
            _ => Vec::new(),
        }
    };
    let asked = draft.asked.as_ref().map(|asked| {
        asked
            .iter()
            .filter_map(|(id, records)| {
                let new = map_id(id, from, to)?;
                let fields = fields_of(&new);
                let records = records
                    .iter()
                    .map(|r| r.iter().filter(|f| fields.contains(f)).cloned().collect())
                    .collect();
                Some((new, records))
            })
            .collect()
    });
    let typed = draft.typed.as_ref().and_then(|typed| {
        let question = map_id(&typed.question, from, to)?;
        let field_kept = typed
            .field
            .as_ref()
            .is_none_or(|f| fields_of(&question).contains(f));
        field_kept.then(|| crate::answers::Typed {
            question,
            ..typed.clone()
        })
    });
    Draft {
        next: draft.next.as_deref().and_then(|id| map_id(id, from, to)),
        skipped: draft
            .skipped
            .iter()
            .filter_map(|id| map_id(id, from, to))
            .collect(),
        asked,
        typed,
        carried: None,
    }
}
