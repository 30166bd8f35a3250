//! A definition as its blank form (`qfill show --to text`): the layout of the Word form copied
//! out as text, with empty answers — what `definition from-text` reads back.
//!
//! The title, then the reporting window when no question prints it, then each question as
//! `N. text`, its word limit as the form prints it (`(Max 200 words)`), `(select up to N)` when
//! the text does not say how many records, record fields as `Label |` rows and choices as `☐`
//! lines.

use super::phrases::{max_records_in, window_in};
use crate::questionnaire::{FieldKind, QuestionKind, Questionnaire, Window, WordLimits, limits};

/// The blank form of a definition.
pub fn blank_form(q: &Questionnaire) -> String {
    let mut out = String::new();
    out.push_str(&crate::text::one_line(&q.title));
    out.push('\n');
    if let Some(window) = q.reporting_window {
        let printed = q
            .questions
            .iter()
            .find_map(|question| window_in(&question.text).map(|(w, _)| w));
        if printed != Some(window) {
            out.push_str(&format!("Reporting period: {}\n", window_phrase(window)));
        }
    }
    out.push('\n');
    for question in &q.questions {
        let mut line = format!(
            "{}. {}",
            question.number,
            crate::text::one_line(&question.text)
        );
        let words = match &question.kind {
            QuestionKind::Text(words) => Some(*words),
            QuestionKind::ChoicesText(choices) => Some(choices.words),
            QuestionKind::Records(_) => None,
        };
        if let Some(phrase) = words.and_then(limits::phrase) {
            line.push(' ');
            line.push_str(&phrase);
        }
        if let QuestionKind::Records(records) = &question.kind
            && let Some(max) = records.max_records
            && max_records_in(&question.text).map(|(n, _)| n) != Some(max)
        {
            line.push_str(&format!(" (select up to {max})"));
        }
        out.push_str(&line);
        out.push('\n');
        match &question.kind {
            QuestionKind::Text(_) => {}
            QuestionKind::Records(records) => {
                for field in &records.fields {
                    let mut label = crate::text::one_line(&field.label);
                    if limits::find(&label).is_none()
                        && let Some(phrase) = limits::phrase(field.words)
                    {
                        label.push(' ');
                        label.push_str(&phrase);
                    }
                    out.push_str(&format!("{label} |\n"));
                }
            }
            QuestionKind::ChoicesText(choices) => {
                for choice in &choices.choices {
                    out.push_str(&format!("☐ {}\n", crate::text::one_line(choice)));
                }
            }
        }
    }
    out
}

/// What a blank form shows of a definition, and so what `from-text` can give back: the title,
/// the window, and per question its number, text, kind, limits, record maximum, field labels,
/// kinds and limits, and choices. Ids, `required`, provenance, `continues`, `review_sdgs` and the
/// other settings a form does not print are not part of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormView {
    /// The title.
    pub title: String,
    /// The reporting window.
    pub window: Option<Window>,
    /// The questions.
    pub questions: Vec<QuestionView>,
}

/// What a blank form shows of one question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuestionView {
    /// `1`, `B.2`.
    pub number: String,
    /// The text on one line.
    pub text: String,
    /// `text`, `records`, `choices-text`.
    pub kind: &'static str,
    /// Word limits of a text or choices question.
    pub words: Option<WordLimits>,
    /// Most records.
    pub max_records: Option<usize>,
    /// Field labels, kinds and limits.
    pub fields: Vec<(String, FieldKind, WordLimits)>,
    /// The choices.
    pub choices: Vec<String>,
}

impl FormView {
    /// What the blank form of `q` shows.
    pub fn of(q: &Questionnaire) -> FormView {
        FormView {
            title: crate::text::one_line(&q.title),
            window: q.reporting_window,
            questions: q
                .questions
                .iter()
                .map(|question| {
                    let (words, max_records, fields, choices) = match &question.kind {
                        QuestionKind::Text(words) => (Some(*words), None, Vec::new(), Vec::new()),
                        QuestionKind::Records(records) => (
                            None,
                            records.max_records,
                            records
                                .fields
                                .iter()
                                .map(|f| (crate::text::one_line(&f.label), f.kind, f.words))
                                .collect(),
                            Vec::new(),
                        ),
                        QuestionKind::ChoicesText(choices) => (
                            Some(choices.words),
                            None,
                            Vec::new(),
                            choices.choices.clone(),
                        ),
                    };
                    QuestionView {
                        number: question.number.clone(),
                        text: crate::text::one_line(&question.text),
                        kind: question.kind_name(),
                        words,
                        max_records,
                        fields,
                        choices,
                    }
                })
                .collect(),
        }
    }
}

/// `From November 2024 to October 2025` for whole months, else with the days.
pub fn window_phrase(window: Window) -> String {
    let whole_months = window.start.day() == 1 && window.end.day() == window.end.days_in_month();
    let month = |d: jiff::civil::Date| crate::rules::dates::month_name(d.month());
    if whole_months {
        format!(
            "From {} {} to {} {}",
            month(window.start),
            window.start.year(),
            month(window.end),
            window.end.year()
        )
    } else {
        format!(
            "From {} {} {} to {} {} {}",
            window.start.day(),
            month(window.start),
            window.start.year(),
            window.end.day(),
            month(window.end),
            window.end.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn windows_are_printed_as_forms_print_them() {
        let months = Window {
            start: date(2024, 11, 1),
            end: date(2025, 10, 31),
        };
        assert_eq!(window_phrase(months), "From November 2024 to October 2025");
        let days = Window {
            start: date(2024, 11, 3),
            end: date(2025, 2, 28),
        };
        assert_eq!(
            window_phrase(days),
            "From 3 November 2024 to 28 February 2025"
        );
        for window in [months, days] {
            assert_eq!(window_in(&window_phrase(window)).unwrap().0, window);
        }
    }

    #[test]
    fn the_round_trip_gives_back_what_the_form_shows() {
        let pilot = crate::questionnaire::parse_definition(
            include_str!("../../tests/data/pilot-2026.toml"),
            "pilot-2026.toml",
        )
        .unwrap();
        let mut editions: Vec<Questionnaire> = Questionnaire::builtin_ids()
            .map(|id| Questionnaire::builtin(id).unwrap().unwrap())
            .collect();
        editions.push(pilot);
        for q in editions {
            let form = blank_form(&q);
            let back = super::super::from_text::from_text(&form, "back", "form.txt").unwrap();
            assert!(back.warnings.is_empty(), "{}: {:?}", q.id, back.warnings);
            assert_eq!(
                FormView::of(&back.definition),
                FormView::of(&q),
                "{}\n{form}\n{}",
                q.id,
                back.toml
            );
        }
    }

    #[test]
    fn the_2026_form_prints_its_limit_and_no_window_line() {
        let form = blank_form(Questionnaire::builtin_cached("hlpf-2026").unwrap());
        assert!(
            form.contains("symbols and links. (Max 200 words)\n"),
            "{form}"
        );
        assert!(!form.contains("Reporting period"), "{form}");
        assert!(form.contains("\nEvent Name |\nEvent Dates |\n"), "{form}");
        let form = blank_form(Questionnaire::builtin_cached("hlpf-2024").unwrap());
        assert!(
            form.contains("Reporting period: From November 2022 to December 2024\n"),
            "{form}"
        );
        assert!(form.contains("\n☐ Transforming Education\n"), "{form}");
        assert!(form.contains("eradication? (200-800 words)\n"), "{form}");
    }
}
