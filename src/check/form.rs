//! Findings in form terms: "Initiative 2 · Description: 153 words, the limit is 150", for people
//! who know the questionnaire's form rather than the file. Rendered from the finding's data (its
//! structured path and parameters) and the questionnaire's labels, never from its message.

use crate::finding::{Code, Finding, Segment};
use crate::questionnaire::{FieldKind, QuestionKind, Questionnaire};
use crate::text::{capitalised, plural};

/// A finding as the form would say it: where, then what.
pub fn in_form_terms(finding: &Finding, q: &Questionnaire) -> String {
    format!("{}: {}", place(&finding.at, q), what(finding, q))
}

/// A finding's hint in words a person types at the prompt: hints that show file syntax (a TOML
/// list or table, `key = value`) are said for the kind of field instead; others stay as they are.
pub fn hint_in_words(finding: &Finding, q: &Questionnaire) -> Option<String> {
    let hint = finding.hint.as_deref()?;
    if !looks_like_syntax(hint) {
        return Some(hint.to_string());
    }
    let kind = finding.field().and_then(|field| {
        match &q.question(finding.question()?)?.kind {
            QuestionKind::Records(def) => def.fields.iter().find(|f| f.id == field),
            _ => None,
        }
        .map(|f| f.kind)
    });
    match kind {
        Some(FieldKind::Dates) => {
            Some("type a day such as 30 March 2023, or two such as 30-31 March 2023".to_string())
        }
        Some(FieldKind::Places) => Some(match finding.params.value.as_deref() {
            Some(country) => format!("add the city before it, e.g. `Apia, {country}`"),
            None => "type the city and the country, e.g. `Apia, Samoa`".to_string(),
        }),
        Some(FieldKind::Sdgs) => {
            Some("tick the relevant goals, or type them, e.g. `1, 13` or `all`".to_string())
        }
        // Nothing better to say: no hint rather than one in file syntax.
        _ => None,
    }
}

/// Whether a hint shows file syntax: a quoted TOML list or table, or `key = value`.
fn looks_like_syntax(hint: &str) -> bool {
    hint.split('`')
        .skip(1)
        .step_by(2)
        .any(|code| code.starts_with('[') || code.starts_with('{') || code.contains(" = "))
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
    fn hints_in_file_syntax_are_said_in_words() {
        let q = Questionnaire::default_builtin();
        let hint = |answers: &str, code: Code| {
            let text = format!("{HEADER}{answers}");
            let checked = check(&parse(&text, Format::Toml).unwrap(), &q);
            let f = checked.findings.iter().find(|f| f.code == code).unwrap();
            (f.hint.clone(), hint_in_words(f, &q))
        };
        let event = "[[answers.events]]\nname = \"E\"\n";
        let (raw, said) = hint(
            &format!("{event}location = \"Samoa\"\n"),
            Code::CountryUnknown,
        );
        assert!(raw.unwrap().contains("city = "));
        assert_eq!(
            said.as_deref(),
            Some("add the city before it, e.g. `Apia, Samoa`")
        );
        let (raw, said) = hint(&format!("{event}dates = \"sometime\"\n"), Code::DateInvalid);
        assert!(raw.unwrap().contains("{ start"));
        assert!(
            said.unwrap()
                .starts_with("type a day such as 30 March 2023")
        );
        let words = vec!["word"; 153].join(" ");
        let (_, said) = hint(
            &format!("{event}description = \"{words}\"\n"),
            Code::WordLimit,
        );
        assert_eq!(said.as_deref(), Some("shorten it by 3 words"));
        assert!(!looks_like_syntax("write `https://www.example.org`"));
        assert!(looks_like_syntax("list them, e.g. `[1, 13]`"));
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
