//! The columns of the sheets filled response by response.

use super::FIXED_SHEETS;
use super::cells::{field_columns, sheet_name};
use crate::compile::model::{Column, ColumnKind};
use crate::compile::topic::{Layout, TopicField, TopicKind};
use crate::questionnaire::FieldKind;

pub(super) fn col(id: &str, label: &str, kind: ColumnKind) -> Column {
    Column::plain(id, label, kind)
}

/// The columns that say whose a row is.
pub(super) fn who() -> Vec<Column> {
    vec![
        col("entity", "Entity", ColumnKind::Text),
        col("entity_key", "Entity key", ColumnKind::Text),
        col("edition", "Edition", ColumnKind::Text),
        col("file", "File", ColumnKind::Text),
    ]
}

/// A record's key: `KEY-YEAR-QUESTION-N`, with `~2` for a second file of the same entity and
/// edition.
fn record_id() -> Column {
    col("record_id", "Record id", ColumnKind::Text)
}

/// The columns of a question's sheet that say where a row's answer comes from.
fn source() -> [Column; 2] {
    [
        col("via", "Read from", ColumnKind::Text),
        col("answered_in", "Answered in", ColumnKind::Text),
    ]
}

/// `responses`: who, how the file was read, its findings, and per topic its words or records.
pub(super) fn responses(layout: &Layout) -> Vec<Column> {
    let mut columns = who();
    columns.extend([
        col("known_by", "Entity known by", ColumnKind::Text),
        col("read_as", "Read as", ColumnKind::Text),
        col("valid", "Valid", ColumnKind::Boolean),
        col("errors", "Errors", ColumnKind::Integer).unit("findings"),
        col("warnings", "Warnings", ColumnKind::Integer).unit("findings"),
        col("submitted", "Submitted", ColumnKind::Date),
        col("contact_name", "Contact", ColumnKind::Text),
        col("contact_email", "Contact e-mail", ColumnKind::Text),
    ]);
    for topic in &layout.topics {
        match topic.kind {
            TopicKind::Text | TopicKind::Choices(_) => {
                columns.push(
                    col(
                        &format!("{}_words", topic.id),
                        &format!("{} (words)", topic.id),
                        ColumnKind::Integer,
                    )
                    .unit("words")
                    .of(&topic.id, &topic.editions),
                );
                columns.push(
                    col(
                        &format!("{}_limit", topic.id),
                        &format!("{} (word limit)", topic.id),
                        ColumnKind::Integer,
                    )
                    .unit("words")
                    .of(&topic.id, &topic.editions),
                );
            }
            TopicKind::Records(_) => columns.push(
                col(
                    &format!("{}_records", topic.id),
                    &format!("{} (records)", topic.id),
                    ColumnKind::Integer,
                )
                .unit("records")
                .of(&topic.id, &topic.editions),
            ),
        }
    }
    columns.extend([
        col("not_answered", "Questions not answered", ColumnKind::Text),
        col("in_notes", "Questions answered in notes", ColumnKind::Text),
        col("counted", "Counted", ColumnKind::Boolean),
        col("duplicate_of", "Counted instead", ColumnKind::Text),
        col("review_status", "Review status", ColumnKind::Text),
        col("review_note", "Review note", ColumnKind::Text),
    ]);
    columns
}

/// `texts`: one free-text answer a row.
pub(super) fn texts() -> Vec<Column> {
    let mut columns = who();
    columns.extend(source());
    columns.extend([
        col("question", "Question", ColumnKind::Text),
        col("number", "Number", ColumnKind::Text),
        col("words", "Words", ColumnKind::Integer).unit("words"),
        col("limit", "Word limit", ColumnKind::Integer).unit("words"),
        col("text", "Answer", ColumnKind::Text),
    ]);
    columns
}

/// One record sheet per record topic: its name and columns.
pub(super) fn records(layout: &Layout) -> Vec<(String, Vec<Column>)> {
    layout
        .record_topics()
        .map(|(topic, fields)| {
            let mut columns = who();
            columns.extend(source());
            columns.extend([
                col("record", "Record", ColumnKind::Integer).unit("number"),
                record_id(),
            ]);
            for field in fields {
                columns.extend(field_columns(field, &topic.id));
                if field.kind == FieldKind::Sdgs {
                    columns.extend(goal_columns(field));
                }
            }
            (sheet_name(&topic.id, &FIXED_SHEETS), columns)
        })
        .collect()
}

/// The 17 columns beside an SDG field, 1 where the record names the goal: `sdg_1` … `sdg_17`
/// for the field `sdgs`, `FIELD_1` … for another. They are not the form's fields: no question
/// is theirs, so that previews and digests show the field once.
fn goal_columns(field: &TopicField) -> Vec<Column> {
    let prefix = if field.id == "sdgs" { "sdg" } else { &field.id };
    (1..=17)
        .map(|goal| {
            let mut column = col(
                &format!("{prefix}_{goal}"),
                &format!("SDG {goal} named ({})", field.label),
                ColumnKind::Integer,
            )
            .unit("0/1");
            column.editions = field.editions.clone();
            column
        })
        .collect()
}

/// `sdgs`: one goal of a record a row, with the record's dates.
pub(super) fn sdgs() -> Vec<Column> {
    let mut columns = who();
    columns.extend([
        col("via", "Read from", ColumnKind::Text),
        record_id(),
        col("question", "Question", ColumnKind::Text),
        col("record", "Record", ColumnKind::Integer).unit("number"),
        col("name", "Record name", ColumnKind::Text),
        col("start", "Record's first day", ColumnKind::Date),
        col("end", "Record's last day", ColumnKind::Date),
        col("goal", "SDG", ColumnKind::Integer).unit("goal"),
        col("all", "All SDGs", ColumnKind::Boolean),
    ]);
    columns
}

/// `member_states`: one place a record names a row, with what it is.
pub(super) fn member_states() -> Vec<Column> {
    let mut columns = vec![
        col("country", "Country", ColumnKind::Text),
        col("kind", "Kind of place", ColumnKind::Text),
    ];
    columns.extend(who());
    columns.extend([
        col("via", "Read from", ColumnKind::Text),
        record_id(),
        col("question", "Question", ColumnKind::Text),
        col("record", "Record", ColumnKind::Integer).unit("number"),
        col("name", "Record name", ColumnKind::Text),
        col("all", "All Member States", ColumnKind::Boolean),
    ]);
    columns
}

/// `notes`: one note that holds no answer a row.
pub(super) fn notes() -> Vec<Column> {
    let mut columns = who();
    columns.extend([
        col("note", "Note", ColumnKind::Integer).unit("number"),
        col("text", "Text", ColumnKind::Text),
    ]);
    columns
}

/// `findings`: one finding a row.
pub(super) fn findings() -> Vec<Column> {
    vec![
        col("file", "File", ColumnKind::Text),
        col("entity_key", "Entity key", ColumnKind::Text),
        col("line", "Line", ColumnKind::Integer),
        col("column", "Column", ColumnKind::Integer),
        col("path", "Path", ColumnKind::Text),
        col("record", "Record", ColumnKind::Integer).unit("number"),
        record_id(),
        col("code", "Code", ColumnKind::Text),
        col("severity", "Severity", ColumnKind::Text),
        col("message", "Message", ColumnKind::Text),
        col("hint", "Hint", ColumnKind::Text),
    ]
}

/// `high_impact`: one response's choices a row, a column per initiative of any edition's list.
pub(super) fn high_impact(names: &[String]) -> Vec<Column> {
    let mut columns = who();
    columns.extend(source());
    columns.push(col("question", "Question", ColumnKind::Text));
    for name in names {
        columns.push(col(name, name, ColumnKind::Boolean));
    }
    columns.extend([
        col("other", "Other initiatives named", ColumnKind::Text),
        col("count", "Initiatives named", ColumnKind::Integer).unit("initiatives"),
    ]);
    columns
}

/// The High-Impact Initiatives of every edition's list, in order, each once.
pub(super) fn initiative_names(layout: &Layout) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for topic in &layout.topics {
        if let TopicKind::Choices(choices) = &topic.kind {
            for choice in choices {
                if !names.contains(choice) {
                    names.push(choice.clone());
                }
            }
        }
    }
    names
}
