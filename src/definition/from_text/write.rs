//! Writing the definition read from a form as TOML: each inference a comment, each guess a
//! `TODO`.

use super::{
    FormKind, FormPlace, FormQuestion, FormWarning, clean, clip, kind_of, max_records_in,
    question_id, slug, window_in,
};
use crate::finding::Spot;
use crate::questionnaire::{FieldKind, limits, short_label};

/// A TOML string.
fn quoted(s: &str) -> String {
    toml_edit::Value::from(s).to_string().trim().to_string()
}

/// A comment's text on one line, safe in TOML.
fn note(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The definition as TOML: the preamble's title, then each question with its kind, limits,
/// fields and choices; what is inferred a comment, what is guessed a `TODO`.
pub(super) fn write(
    preamble: &[(FormPlace, String)],
    questions: &mut [FormQuestion],
    text: &str,
    id: &str,
    file: &str,
    warnings: &mut Vec<FormWarning>,
) -> String {
    let mut out = String::new();
    let mut push = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    push(format!(
        "# Made by `qfill definition from-text` from {}: each inference is a comment, each guess a TODO.",
        note(file)
    ));
    push(
        "# Check the TODOs, then use it with `--questionnaire` (`qfill show -q FILE` shows it)."
            .to_string(),
    );
    push(String::new());
    push(
        "# TODO: an id of your choice, made here from the file name; answers files name it"
            .to_string(),
    );
    push(format!("id = {}", quoted(id)));
    let title = preamble
        .iter()
        .find(|(_, l)| window_in(l).is_none() && !l.to_lowercase().starts_with("reporting period"));
    match title {
        Some((place, title)) => {
            push(format!("# title from {place}"));
            push(format!("title = {}", quoted(title)));
        }
        None => {
            push("# TODO: the form has no title line before question 1".to_string());
            push(format!("title = {}", quoted(id)));
        }
    }
    let window = window_in(&clean_all(text));
    let window = window.map(|(w, range)| (w, clean_all(text)[range].to_string()));
    if let Some((w, phrase)) = &window {
        push(format!("# reporting_window from \"{}\"", note(phrase)));
        push(format!(
            "reporting_window = {{ start = {}, end = {} }}",
            w.start, w.end
        ));
    }
    for q in questions.iter_mut() {
        // The limit phrase is data: it leaves the text.
        let (mut body, words) = limits::strip(&q.text);
        if let Some(words) = words {
            let phrase = limits::find(&q.text).map(|p| p.text(&q.text).to_string());
            q.words = Some((words, phrase.unwrap_or_default()));
        }
        // `(select up to N)` is the blank form's own note of a record maximum: it leaves the text.
        if let Some((n, range)) = max_records_in(&body) {
            let before = body[..range.start].trim_end();
            let phrase = body[range.clone()].to_string();
            if before.ends_with("(select") && body[range.end..].starts_with(')') {
                let start = before.len() - "(select".len();
                body = format!("{}{}", body[..start].trim_end(), &body[range.end + 1..]);
            }
            q.max_records = Some((n, phrase));
        }
        // A definition's text holds no limit: a second phrase (a form's text run together, a
        // limit repeated) leaves it too, said in a warning; the first one is the limit.
        while let Some(phrase) = limits::find(&body) {
            warnings.push(FormWarning {
                place: q.place,
                message: format!(
                    "question {} states another word limit `{}`: only the first is kept",
                    q.number,
                    clip(phrase.text(&body))
                ),
            });
            body = limits::strip(&body).0;
        }
        q.text = body.trim().to_string();
        push(String::new());
        push("[[questions]]".to_string());
        push(format!("# number and text from {}", q.place));
        push(format!(
            "id = {}  # TODO: an id of your choice (the key under [answers])",
            quoted(&question_id(&q.number))
        ));
        push(format!("number = {}", quoted(&q.number)));
        let kind = if !q.fields.is_empty() {
            if !q.choices.is_empty() {
                warnings.push(FormWarning {
                    place: q.place,
                    message: format!(
                        "question {} has both record rows and check boxes: read as records, the choices are ignored",
                        q.number
                    ),
                });
            }
            FormKind::Records
        } else if !q.choices.is_empty() {
            FormKind::Choices
        } else {
            FormKind::Text
        };
        match kind {
            FormKind::Records => {
                push(format!(
                    "kind = \"records\"  # followed by `Label |` rows ({})",
                    between(q.fields[0].place, q.fields[q.fields.len() - 1].place)
                ));
                if !q.more_tables.is_empty() {
                    push(format!(
                        "# the form holds {} tables for these records (the first is read)",
                        q.more_tables.len() + 1
                    ));
                }
            }
            FormKind::Choices => push(
                "kind = \"choices-text\"  # followed by lines that start with a check box"
                    .to_string(),
            ),
            FormKind::Text => {
                push("kind = \"text\"  # no record rows or check boxes follow it".to_string());
            }
        }
        if q.text.is_empty() {
            q.text = "TODO".to_string();
            push("# TODO: the form gives this question no text".to_string());
        }
        push(format!("text = {}", quoted(&q.text)));
        if let Some((words, phrase)) = &q.words {
            if kind == FormKind::Records {
                warnings.push(FormWarning {
                    place: q.place,
                    message: format!(
                        "question {} has records and a word limit `{}`: the limit is ignored (put it on a field's label)",
                        q.number, phrase
                    ),
                });
            } else {
                if let Some(min) = words.min {
                    push(format!("# min_words from \"{}\"", note(phrase)));
                    push(format!("min_words = {min}"));
                }
                match words.max {
                    // A limit of no words is none: a definition's maximum is at least 1.
                    Some(0) => push(format!(
                        "# TODO: the form says \"{}\", a limit of no words",
                        note(phrase)
                    )),
                    Some(max) => {
                        push(format!("# max_words from \"{}\"", note(phrase)));
                        push(format!("max_words = {max}"));
                    }
                    None => {}
                }
            }
        }
        match kind {
            FormKind::Records => write_fields(q, window.is_some(), &mut push),
            FormKind::Choices => {
                push(
                    "choices_label = \"choices\"  # TODO: what the choices are, for prompts"
                        .to_string(),
                );
                push("choices = [".to_string());
                for choice in &q.choices {
                    push(format!("  {},", quoted(choice)));
                }
                push("]".to_string());
            }
            FormKind::Text => {}
        }
    }
    out
}

fn write_fields(q: &FormQuestion, window: bool, push: &mut impl FnMut(String)) {
    let first = short_label(&q.fields[0].label);
    let record = first
        .split_whitespace()
        .next()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "record".to_string());
    push(format!(
        "record_label = {}  # TODO: what one record is called, from the first label",
        quoted(&record)
    ));
    if let Some((n, phrase)) = &q.max_records {
        push(format!("# max_records from \"{}\"", note(phrase)));
        push(format!("max_records = {n}"));
    }
    let mut ids: Vec<String> = Vec::new();
    for field in &q.fields {
        // Words that name no field: `Relevant SDGs` is `sdgs`, as in the built-in editions.
        let short: Vec<&str> = short_label(&field.label)
            .split_whitespace()
            .filter(|w| {
                !["relevant", "the", "a", "an", "of", "your"].contains(&w.to_lowercase().as_str())
            })
            .collect();
        let mut id = slug(&short.join(" "));
        // `Event Name` in event records is its `name`.
        if let Some(rest) = id.strip_prefix(&format!("{}_", slug(&record)))
            && !rest.is_empty()
            && rest.starts_with(|c: char| c.is_ascii_lowercase())
        {
            id = rest.to_string();
        }
        let base = id.clone();
        let mut n = 2;
        while ids.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        ids.push(id.clone());
        push(String::new());
        push("  [[questions.fields]]".to_string());
        push(format!("  # label from {}", field.place));
        push(format!("  id = {}  # made from the label", quoted(&id)));
        push(format!("  label = {}", quoted(&field.label)));
        let (kind, why) = kind_of(&field.label);
        match why {
            Some(why) => push(format!("  kind = \"{kind}\"  # the label says {why}")),
            None => push(format!(
                "  kind = \"{kind}\"  # TODO: nothing in the label says what kind of value it holds"
            )),
        }
        push("  # TODO: `required = true` if every record must have it".to_string());
        if let Some(phrase) = limits::find(&field.label)
            && kind.is_text()
        {
            let said = note(phrase.text(&field.label));
            if let Some(min) = phrase.limits.min {
                push(format!("  # min_words from \"{said}\""));
                push(format!("  min_words = {min}"));
            }
            match phrase.limits.max {
                Some(0) => push(format!(
                    "  # TODO: the label says \"{said}\", a limit of no words"
                )),
                Some(max) => {
                    push(format!("  # max_words from \"{said}\""));
                    push(format!("  max_words = {max}"));
                }
                None => {}
            }
        }
        if kind == FieldKind::Dates && window {
            push("  # dates, and the form states a reporting window".to_string());
            push("  check_window = true".to_string());
        }
        if matches!(kind, FieldKind::Countries | FieldKind::Organisations) {
            push("  # TODO: `allow_all = true` if \"all\" is an answer".to_string());
        }
    }
}

/// Where a run of rows is: `lines 5-10`, `table 3, rows 2-7`.
fn between(first: FormPlace, last: FormPlace) -> String {
    match (first, last) {
        (FormPlace::Line(a), FormPlace::Line(b)) => format!("lines {a}-{b}"),
        (
            FormPlace::Word(Spot::Row { table, row: a }),
            FormPlace::Word(Spot::Row { table: t, row: b }),
        ) if table == t => format!("table {table}, rows {a}-{b}"),
        (first, last) => format!("{first} to {last}"),
    }
}

/// The form's text with its lines cleaned, for phrases that may sit anywhere.
fn clean_all(text: &str) -> String {
    text.lines().map(clean).collect::<Vec<_>>().join("\n")
}
