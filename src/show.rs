//! `qfill show`: a definition as a person reads it — every question and field with its kind,
//! rules and status (verified, partial, assumed) and the sources — and `show --list`, the built-in
//! editions.

use std::io::{self, Write};

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use crate::questionnaire::{Field, Provenance, QuestionKind, Questionnaire, Window};

/// Writes the definition as a table, with its edition, window, review SDGs and sources.
pub fn table(q: &Questionnaire, out: &mut dyn Write) -> io::Result<()> {
    let mut sources = Sources::default();
    writeln!(out, "{} ({})", q.title, q.id)?;
    if let Some(edition) = &q.edition {
        writeln!(out, "edition: {edition}")?;
    }
    if let Some(window) = q.reporting_window {
        let status = sources.status(&q.window_provenance);
        writeln!(out, "reporting window: {} ({status})", window_text(window))?;
    }
    if let Some(review) = &q.review_sdgs {
        let goals: Vec<String> = review.goals.iter().map(u8::to_string).collect();
        let status = sources.status(&review.provenance);
        writeln!(out, "SDGs under review: {} ({status})", goals.join(", "))?;
    }
    if q.complete {
        writeln!(out, "complete: yes")?;
    } else {
        writeln!(
            out,
            "complete: no — questions not known yet are left out; answers to them get `question-unknown`"
        )?;
    }
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["#", "key", "question / field", "kind", "rules", "status"]);
    if table.width().is_none() {
        // Not a terminal: wrap long question texts at a readable width all the same.
        table.set_width(100);
    }
    for question in &q.questions {
        let mut rules = Vec::new();
        if question.required {
            rules.push("required".to_string());
        }
        match &question.kind {
            QuestionKind::Text(words) => rules.extend(word_rules(words.min, words.max)),
            QuestionKind::Records(records) => {
                rules.push(match records.max_records {
                    Some(max) => format!("at most {max} {}s", records.record_label),
                    None => format!("any number of {}s", records.record_label),
                });
            }
            QuestionKind::ChoicesText(choices) => {
                rules.push(format!(
                    "`{}`: {}",
                    choices.choices_key,
                    choices.choices.join("; ")
                ));
                rules.extend(word_rules(choices.words.min, choices.words.max));
            }
        }
        if let Some(link) = &question.continues {
            rules.push(format!("continues {link}"));
        }
        table.add_row([
            question.number.clone(),
            question.id.clone(),
            question.text.clone(),
            question.kind_name().to_string(),
            rules.join("; "),
            sources.status(&question.provenance),
        ]);
        if let QuestionKind::Records(records) = &question.kind {
            for field in &records.fields {
                table.add_row([
                    String::new(),
                    format!("  .{}", field.id),
                    field.label.clone(),
                    field.kind.to_string(),
                    field_rules(field).join("; "),
                    sources.status(&field.provenance),
                ]);
            }
        }
    }
    writeln!(out, "{table}")?;
    for (i, source) in sources.0.iter().enumerate() {
        writeln!(out, "[{}] {source}", i + 1)?;
    }
    Ok(())
}

/// `qfill show --list`: the built-in editions, oldest first, and which one is the default.
pub fn list(out: &mut dyn Write) -> io::Result<()> {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(["id", "title", "reporting window", "complete"]);
    if table.width().is_none() {
        table.set_width(100);
    }
    let default = Questionnaire::newest_complete_id();
    for id in Questionnaire::builtin_ids() {
        let Some(q) = Questionnaire::builtin_cached(id) else {
            continue;
        };
        let title = match &q.edition {
            Some(edition) => format!("{} ({edition})", q.title),
            None => q.title.clone(),
        };
        let id = if Some(id) == default {
            format!("{id} (default)")
        } else {
            id.to_string()
        };
        table.add_row([
            id,
            title,
            q.reporting_window.map(window_text).unwrap_or_default(),
            if q.complete { "yes" } else { "no" }.to_string(),
        ]);
    }
    writeln!(out, "{table}")
}

/// `2024-11-01 to 2025-10-31`.
pub fn window_text(window: Window) -> String {
    format!("{} to {}", window.start, window.end)
}

/// The sources cited so far, numbered in order of first use.
#[derive(Default)]
struct Sources(Vec<String>);

impl Sources {
    /// `verified`, `partial [2]`.
    fn status(&mut self, provenance: &Provenance) -> String {
        let Some(source) = &provenance.source else {
            return provenance.status.to_string();
        };
        let index = match self.0.iter().position(|s| s == source) {
            Some(i) => i,
            None => {
                self.0.push(source.clone());
                self.0.len() - 1
            }
        };
        format!("{} [{}]", provenance.status, index + 1)
    }
}

fn word_rules(min: Option<usize>, max: Option<usize>) -> Vec<String> {
    match (min, max) {
        (Some(min), Some(max)) => vec![format!("{min}-{max} words")],
        (Some(min), None) => vec![format!("at least {min} words")],
        (None, Some(max)) => vec![format!("at most {max} words")],
        (None, None) => Vec::new(),
    }
}

fn field_rules(field: &Field) -> Vec<String> {
    let mut rules = vec![
        if field.required {
            "required"
        } else {
            "optional"
        }
        .to_string(),
    ];
    rules.extend(word_rules(field.words.min, field.words.max));
    if field.allow_all {
        rules.push("\"all\" allowed".to_string());
    }
    if field.check_window {
        rules.push("within the reporting window".to_string());
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(id: &str) -> String {
        let mut out = Vec::new();
        table(Questionnaire::builtin_cached(id).unwrap(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn statuses_and_sources_are_shown() {
        let text = shown("hlpf-2026");
        assert!(text.contains("complete: no"), "{text}");
        assert!(
            text.contains("SDGs under review: 6, 7, 9, 11, 17 (assumed)"),
            "{text}"
        );
        assert!(
            text.contains("reporting window: 2024-11-01 to 2025-10-31 (verified [1])"),
            "{text}"
        );
        assert!(text.contains("partial"), "{text}");
        assert!(text.contains("[1] https://sdgs.un.org/"), "{text}");
        assert!(text.contains("hlpf-2024.events"), "{text}");
        let complete = shown("hlpf-2024");
        assert!(complete.contains("complete: yes"), "{complete}");
        assert!(!complete.contains("[1]"), "{complete}");
    }

    #[test]
    fn the_list_names_every_builtin_and_the_default() {
        let mut out = Vec::new();
        list(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        for id in Questionnaire::builtin_ids() {
            assert!(text.contains(id), "{text}");
        }
        assert!(text.contains("hlpf-2024 (default)"), "{text}");
    }
}
