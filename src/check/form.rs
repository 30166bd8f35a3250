//! Findings in form terms: "Initiative 2 · Description: 153 words, the limit is 150", for people
//! who know the questionnaire's form rather than the file. Rendered from the finding's data (its
//! structured path and parameters) and the questionnaire's labels, never from its message.

use crate::finding::{Code, Finding, Segment};
use crate::questionnaire::{QuestionKind, Questionnaire};
use crate::rules::text::{capitalised, plural};

/// A finding as the form would say it: where, then what.
pub fn in_form_terms(finding: &Finding, q: &Questionnaire) -> String {
    format!("{}: {}", place(&finding.at, q), what(finding, q))
}

/// Where a document path is on the form: `Question 2`, `Event 1 · Relevant SDGs`, `Contact · Email`.
pub fn place(at: &[Segment], q: &Questionnaire) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut rest = at;
    if let [Segment::Key(answers), Segment::Key(id), tail @ ..] = at
        && answers == "answers"
    {
        rest = tail;
        let Some(question) = q.question(id) else {
            parts.push(id.clone());
            return join(parts, rest);
        };
        match (&question.kind, tail) {
            (QuestionKind::Records(def), [Segment::Index(i), after @ ..]) => {
                parts.push(format!("{} {}", capitalised(&def.record_label), i + 1));
                rest = after;
                if let [Segment::Key(field), after @ ..] = after
                    && let Some(field) = def.fields.iter().find(|f| &f.id == field)
                {
                    parts.push(field.short_label().to_string());
                    rest = after;
                }
            }
            (QuestionKind::ChoicesText(def), [Segment::Key(key), after @ ..])
                if *key == def.choices_key =>
            {
                parts.push(format!("Question {}", question.number));
                parts.push(def.choices_label.clone());
                rest = after;
            }
            _ => parts.push(format!("Question {}", question.number)),
        }
    } else if at.is_empty() {
        parts.push("The file".to_string());
    }
    join(parts, rest)
}

fn join(mut parts: Vec<String>, rest: &[Segment]) -> String {
    for segment in rest {
        parts.push(match segment {
            Segment::Key(key) => capitalised(key),
            Segment::Index(i) => format!("entry {}", i + 1),
        });
    }
    parts.join(" · ")
}

/// What is wrong, without the subject: from the numbers where the finding has them.
fn what(finding: &Finding, q: &Questionnaire) -> String {
    let params = &finding.params;
    match (finding.code, params.count, params.limit) {
        (Code::WordLimit, Some(n), Some(max)) => {
            format!("{n} {}, the limit is {max}", plural(n, "word"))
        }
        (Code::WordMinimum, Some(n), Some(min)) => {
            format!("{n} {}, at least {min} are expected", plural(n, "word"))
        }
        (Code::TooManyRecords, Some(n), Some(max)) => {
            let label = finding
                .question()
                .and_then(|id| q.question(id))
                .and_then(|question| match &question.kind {
                    QuestionKind::Records(def) => Some(def.record_label.as_str()),
                    _ => None,
                })
                .unwrap_or("record");
            format!("{n} {}, at most {max} are allowed", plural(n, label))
        }
        _ => finding.predicate.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::check::testing::HEADER;
    use crate::document::{Format, parse};

    fn form(answers: &str, code: Code) -> String {
        let text = format!("{HEADER}{answers}");
        let doc = parse(&text, Format::Toml).unwrap();
        let q = Questionnaire::default_builtin();
        let checked = check(&doc, &q);
        let f = checked
            .findings
            .iter()
            .find(|f| f.code == code)
            .unwrap_or_else(|| panic!("no {code} in {:?}", checked.findings));
        in_form_terms(f, &q)
    }

    #[test]
    fn findings_in_form_terms() {
        let words = vec!["word"; 153].join(" ");
        let initiative = |description: &str| {
            format!("[[answers.initiatives]]\nname = \"I\"\ndescription = \"{description}\"\n")
        };
        let two = format!("{}{}", initiative("D"), initiative(&words));
        assert_eq!(
            form(&two, Code::WordLimit),
            "Initiative 2 · Description: 153 words, the limit is 150"
        );
        let resource = "[[answers.resources]]\nname = \"R\"\n";
        let four: String = (0..4)
            .map(|i| resource.replace("\"R\"", &format!("\"R{i}\"")))
            .collect();
        assert_eq!(
            form(&four, Code::TooManyRecords),
            "Question 3: 4 resources, at most 3 are allowed"
        );
        assert_eq!(
            form(
                "[[answers.events]]\nname = \"E\"\nsdgs = [\"TBD\"]\n",
                Code::Pending
            ),
            "Event 1 · Relevant SDGs · entry 1: is `TBD`: not known yet"
        );
        assert_eq!(
            form(
                "high_impact = { initiatives = [\"Power of Dta\"] }\n",
                Code::ChoiceUnknown
            ),
            "Question 4 · High-Impact Initiatives · entry 1: `Power of Dta` is not one of the High-Impact Initiatives"
        );
        assert_eq!(
            form("governing_body = \"word\"\n", Code::WordMinimum),
            "Question 1: 1 word, at least 200 are expected"
        );
    }

    #[test]
    fn places_outside_answers() {
        let q = Questionnaire::default_builtin();
        let key = |k: &str| Segment::Key(k.to_string());
        assert_eq!(place(&[], &q), "The file");
        assert_eq!(
            place(&[key("contact"), key("email")], &q),
            "Contact · Email"
        );
        assert_eq!(
            place(&[key("notes"), Segment::Index(0)], &q),
            "Notes · entry 1"
        );
        assert_eq!(place(&[key("answers"), key("nope")], &q), "nope");
    }
}
