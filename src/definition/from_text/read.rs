//! Reading a form's blocks: questions (numbered paragraphs, or typed numbers), the record
//! labels that follow them, their check boxes; what is an answer, a duplicate or a stray number
//! becomes a warning.

use super::{
    FormError, FormField, FormPlace, FormQuestion, FormWarning, FromText, Item, clean, clip,
    question_id,
};
use crate::finding::Spot;
use crate::import::block::{Block, BlockKind};
use crate::questionnaire::parse_definition;
use crate::text::fold;

/// The items of a form's blocks, each with its place.
fn items(blocks: &[Block], place: impl Fn(&Block) -> FormPlace) -> Vec<(FormPlace, Item)> {
    let mut out = Vec::new();
    // Word numbers questions itself; when a number cannot be computed, count them.
    let mut numbered = 0;
    for block in blocks {
        let at = place(block);
        match &block.kind {
            BlockKind::Paragraph(p) => {
                let text = clean(&p.text);
                match &p.list {
                    Some(list) if list.numbered && list.level == 0 && !text.is_empty() => {
                        numbered += 1;
                        // `3.`, `(c)`, `B.1)`: the number without the marks around it.
                        let number = list
                            .number
                            .as_deref()
                            .map(|n| n.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
                            .filter(|n| !n.is_empty())
                            .unwrap_or_else(|| numbered.to_string());
                        out.push((at, Item::Numbered { number, text }));
                    }
                    _ => out.push((at, Item::Line(text))),
                }
            }
            BlockKind::Row(row) => {
                // A title row ("Event 2") names a record: no field.
                if row.title {
                    continue;
                }
                let table = match at {
                    FormPlace::Word(Spot::Row { table, .. }) => Some(table),
                    _ => None,
                };
                let mut cells = row.cells.iter().map(|c| clean(&c.line()));
                let label = cells.next().unwrap_or_default();
                let value: Vec<String> = cells.filter(|c| !c.is_empty()).collect();
                out.push((
                    at,
                    Item::Label {
                        label,
                        table,
                        value: value.join(" "),
                    },
                ));
            }
            BlockKind::CheckBox(check_box) => {
                out.push((at, Item::CheckBox(clean(&check_box.label))));
            }
        }
    }
    out
}

/// Reads a form's blocks into a definition: its questions, their fields and choices, checked by
/// loading it.
pub(super) fn read(
    blocks: &[Block],
    place: impl Fn(&Block) -> FormPlace,
    id: &str,
    file: &str,
) -> Result<FromText, FormError> {
    let items = items(blocks, place);
    let all_text: String = items
        .iter()
        .map(|(_, item)| match item {
            Item::Line(text) | Item::CheckBox(text) => text.as_str(),
            Item::Numbered { text, .. } => text.as_str(),
            Item::Label { label, .. } => label.as_str(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut warnings = Vec::new();
    let mut preamble: Vec<(FormPlace, String)> = Vec::new();
    let mut questions: Vec<FormQuestion> = Vec::new();
    // A list number Word left alone on its line, waiting to see whether text follows.
    let mut pending_number: Option<(FormPlace, String)> = None;
    // A plain line, waiting to see whether a lone `|` makes it a label.
    let mut pending_plain: Option<(FormPlace, String)> = None;
    let flush_plain = |pending: &mut Option<(FormPlace, String)>,
                       warnings: &mut Vec<FormWarning>,
                       q: Option<&FormQuestion>| {
        if let Some((place, text)) = pending.take() {
            let owner = q.map_or(String::new(), |q| format!(" under question {}", q.number));
            warnings.push(FormWarning {
                place,
                message: format!(
                    "text{owner} is an answer, not part of a blank form: ignored (`{}`)",
                    clip(&text)
                ),
            });
        }
    };
    for (place, item) in items {
        let question = match &item {
            Item::Line(line) if line.is_empty() => continue,
            Item::Line(line) => question_line(line),
            Item::Numbered { number, text } => Some((number.clone(), text.clone())),
            _ => None,
        };
        if let Some((number, rest)) = question {
            flush_plain(&mut pending_plain, &mut warnings, questions.last());
            if let Some((stray_place, stray)) = pending_number.take() {
                warnings.push(stray_warning(stray_place, &stray));
            }
            if rest.is_empty() {
                pending_number = Some((place, number));
                continue;
            }
            add_question(&mut questions, &mut warnings, place, number, rest);
            continue;
        }
        if let Some((number_place, number)) = pending_number.take() {
            if let Item::Line(line) = &item {
                // `3.` on one line and the question on the next: Word split a numbered item.
                add_question(
                    &mut questions,
                    &mut warnings,
                    number_place,
                    number,
                    line.clone(),
                );
                continue;
            }
            warnings.push(stray_warning(number_place, &number));
        }
        let Some(current) = questions.last_mut() else {
            if let Item::Line(line) = item {
                preamble.push((place, line));
            }
            continue;
        };
        if current.number.is_empty() {
            continue; // under a duplicate question
        }
        let (label, table) = match item {
            Item::CheckBox(choice) => {
                flush_plain(&mut pending_plain, &mut warnings, Some(current));
                if choice.is_empty() {
                    continue;
                }
                if fold(&choice).is_empty() {
                    // `☐ ~`: no letter or digit to name a choice by.
                    warnings.push(FormWarning {
                        place,
                        message: format!(
                            "a check box named `{}` names no choice: ignored",
                            clip(&choice)
                        ),
                    });
                    continue;
                }
                if current.choices.iter().any(|c| fold(c) == fold(&choice)) {
                    warnings.push(FormWarning {
                        place,
                        message: format!("choice `{}` appears twice: ignored", clip(&choice)),
                    });
                } else {
                    current.choices.push(choice);
                }
                continue;
            }
            Item::Label {
                label,
                table,
                value,
            } => {
                if !value.is_empty() {
                    warnings.push(FormWarning {
                        place,
                        message: format!(
                            "text under question {} is an answer, not part of a blank form: ignored (`{}`)",
                            current.number,
                            clip(&value)
                        ),
                    });
                }
                if label.is_empty() {
                    match pending_plain.take() {
                        // `Label` on one line and `|` alone on the next.
                        Some((_, text)) => (text, table),
                        None => continue,
                    }
                } else {
                    flush_plain(&mut pending_plain, &mut warnings, Some(current));
                    (label, table)
                }
            }
            Item::Line(line) | Item::Numbered { text: line, .. } => {
                flush_plain(&mut pending_plain, &mut warnings, Some(current));
                pending_plain = Some((place, line));
                continue;
            }
        };
        let label = label
            .trim()
            .trim_end_matches([':', '：'])
            .trim()
            .to_string();
        if fold(&label).is_empty() {
            warnings.push(FormWarning {
                place,
                message: "a row `|` without a label: ignored".to_string(),
            });
        } else if let Some(first) = current
            .fields
            .iter()
            .find(|f| fold(&f.label) == fold(&label))
        {
            // The form's own table for another record: labels again, in a table of its own.
            let another_table = matches!((table, first.table), (Some(t), Some(f)) if t != f);
            if another_table {
                if let Some(table) = table
                    && !current.more_tables.contains(&table)
                {
                    current.more_tables.push(table);
                }
            } else if !current.repeated {
                warnings.push(FormWarning {
                    place,
                    message: format!(
                        "the label `{}` of question {} comes round again: the form holds records, which are answers, and they are ignored",
                        clip(&label),
                        current.number
                    ),
                });
            }
            current.repeated = true;
        } else if current.repeated {
            // Answers of further records, or more of the form's record tables: already read.
        } else {
            current.fields.push(FormField {
                place,
                label,
                table,
            });
        }
    }
    flush_plain(&mut pending_plain, &mut warnings, questions.last());
    if let Some((place, number)) = pending_number {
        warnings.push(stray_warning(place, &number));
    }
    questions.retain(|q| !q.number.is_empty());
    if questions.is_empty() {
        return Err(FormError::NoQuestion);
    }
    let toml = super::write::write(
        &preamble,
        &mut questions,
        &all_text,
        id,
        file,
        &mut warnings,
    );
    let definition =
        parse_definition(&toml, file).map_err(|e| FormError::NotLoaded(e.to_string()))?;
    Ok(FromText {
        toml,
        definition,
        warnings,
    })
}

/// A question, unless its number (or the id made from it) came before: then what follows it is
/// ignored, with a warning.
fn add_question(
    questions: &mut Vec<FormQuestion>,
    warnings: &mut Vec<FormWarning>,
    place: FormPlace,
    number: String,
    text: String,
) {
    let id = question_id(&number);
    if questions
        .iter()
        .any(|q| !q.number.is_empty() && question_id(&q.number) == id)
    {
        warnings.push(FormWarning {
            place,
            message: format!(
                "question {number} appears a second time: ignored, with what follows it"
            ),
        });
        questions.push(FormQuestion::new(place, String::new(), String::new()));
        return;
    }
    questions.push(FormQuestion::new(place, number, text));
}

fn stray_warning(place: FormPlace, number: &str) -> FormWarning {
    FormWarning {
        place,
        message: format!("a list number `{number}.` alone on its line: skipped"),
    }
}

/// A question line: `1. Text`, `1.Text` (Word), `B.1. Text`, `A. Text`; the number and the
/// text (empty for a number alone on its line).
pub(crate) fn question_line(line: &str) -> Option<(String, String)> {
    let bytes = line.as_bytes();
    let mut i = 0;
    let mut parts = Vec::new();
    loop {
        let start = i;
        if bytes.get(i).is_some_and(u8::is_ascii_digit) {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i - start > 3 {
                return None; // a year, not a question number
            }
        } else if bytes.get(i).is_some_and(u8::is_ascii_uppercase)
            && matches!(bytes.get(i + 1), Some(b'.'))
        {
            i += 1;
        } else {
            break;
        }
        parts.push(&line[start..i]);
        match bytes.get(i) {
            Some(b'.' | b')') => i += 1,
            // `1.1 Text`: the last part needs no dot before a space.
            Some(b' ') if parts.len() > 1 => break,
            None if bytes.iter().all(u8::is_ascii_digit) => break,
            _ => return None,
        }
        // After a dot: another part only if it is one (`B.1.`), else the text starts.
        let another = bytes.get(i).is_some_and(u8::is_ascii_digit)
            || (bytes.get(i).is_some_and(u8::is_ascii_uppercase)
                && matches!(bytes.get(i + 1), Some(b'.')));
        if !another {
            break;
        }
    }
    if parts.is_empty() {
        return None;
    }
    let rest = line[i..].trim();
    if rest.is_empty() && !parts.iter().all(|p| p.as_bytes()[0].is_ascii_digit()) {
        return None; // `A.` alone is no list number
    }
    Some((parts.join("."), rest.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn question_lines_with_words_quirks() {
        let cases: &[(&str, Option<(&str, &str)>)] = &[
            ("1. Why?", Some(("1", "Why?"))),
            ("1.From November", Some(("1", "From November"))),
            ("B.1. List two", Some(("B.1", "List two"))),
            ("A. Summarise", Some(("A", "Summarise"))),
            ("12) Tell", Some(("12", "Tell"))),
            ("3.", Some(("3", ""))),
            ("3", Some(("3", ""))),
            ("2024. A year", None),
            ("Event Name |", None),
            ("A", None),
            ("", None),
        ];
        for (line, want) in cases {
            let got = question_line(line);
            assert_eq!(
                got.as_ref().map(|(n, t)| (n.as_str(), t.as_str())),
                *want,
                "{line}"
            );
        }
    }
}
