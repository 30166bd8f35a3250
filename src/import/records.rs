//! Records: label and value pairs, from table rows of two cells or more (a Word form) or from
//! cells one after another (the legacy layout, which has no rows, and one-column tables).
//!
//! A label is a field's form label, matched loosely (`label.rs`). A record starts again when one
//! of its labels comes round again, or after a title row ("Event 2"). A value is what follows
//! its label up to the end of its cell; a row whose label cell is empty or merged from above
//! carries on the value of the row before. A record whose values are all empty is not one (the
//! form's spare tables). What fits nowhere is kept in `notes`.

use super::label::Labels;
use super::paragraphs::{Line, lines_of, text_node};
use super::{Importer, LineKind, is_stray_number};
use crate::document::{Entry, Node, Value};
use crate::questionnaire::{Field, FieldKind};
use crate::text::fold;

/// A field whose value is being read, or has been: its label's block and its value's lines.
#[derive(Debug)]
struct Filled<'b> {
    field: usize,
    label: usize,
    lines: Vec<Line<'b>>,
}

/// One record being read: where it starts and its fields so far.
#[derive(Debug)]
struct Record<'b> {
    start: usize,
    fields: Vec<Filled<'b>>,
}

/// What the matcher remembers between blocks.
struct State<'b> {
    records: Vec<Record<'b>>,
    /// The field whose value is being read from the lines that follow its label.
    open: Option<Filled<'b>>,
    /// A label with neither a bar nor a value: the `|` alone on the next line is its own.
    label_waits_for_bar: bool,
    /// A title row was read: the next label starts a record.
    boundary: bool,
}

impl<'b> State<'b> {
    /// Ends the open field: it joins the current record if it holds any text.
    fn close(&mut self) {
        if let Some(filled) = self.open.take()
            && filled.lines.iter().any(|l| !l.is_empty())
            && let Some(record) = self.records.last_mut()
        {
            record.fields.push(filled);
        }
    }

    /// Starts reading `field` from the label at `block`: a new record when the field comes
    /// round again, after a title row, or when there is no record yet.
    fn begin(&mut self, fields: &[Field], field: usize, block: usize, start: usize) {
        self.close();
        let again = self.records.last().is_none_or(|r| {
            r.fields
                .iter()
                .any(|f| fields[f.field].id == fields[field].id)
        });
        if again || self.boundary {
            self.records.push(Record {
                start,
                fields: Vec::new(),
            });
        }
        self.boundary = false;
        self.open = Some(Filled {
            field,
            label: block,
            lines: Vec::new(),
        });
    }
}

impl<'b> Importer<'_, 'b> {
    /// The records of a section of blocks (`None` when none holds a value); `record_label` names
    /// a record in title rows (`event` for "Event 2").
    pub(super) fn records(
        &mut self,
        fields: &[Field],
        section: &[usize],
        record_label: Option<&str>,
    ) -> Vec<Node> {
        let blocks = self.blocks;
        let labels = Labels::new(fields);
        let mut state = State {
            records: Vec::new(),
            open: None,
            label_waits_for_bar: false,
            boundary: false,
        };
        // Rows of two cells or more are read whole; anything else line by line.
        let mut lines: Vec<Line<'b>> = Vec::new();
        for &index in section {
            let block = &blocks[index];
            match &block.kind {
                super::block::BlockKind::Row(row) if row.cells.len() > 1 && !row.title => {
                    self.run_lines(fields, &labels, &lines, &mut state, record_label);
                    lines.clear();
                    state.close();
                    state.label_waits_for_bar = false;
                    self.row(fields, &labels, index, &mut state, record_label);
                }
                _ => lines_of(block, index, &mut lines),
            }
        }
        self.run_lines(fields, &labels, &lines, &mut state, record_label);
        state.close();
        state
            .records
            .into_iter()
            .filter(|r| !r.fields.is_empty())
            .map(|r| self.record_node(fields, r))
            .collect()
    }

    /// Lines one after another, as the legacy layout writes cells.
    fn run_lines(
        &mut self,
        fields: &[Field],
        labels: &Labels,
        lines: &[Line<'b>],
        state: &mut State<'b>,
        record_label: Option<&str>,
    ) {
        for (i, line) in lines.iter().enumerate() {
            if line.is_bare_bar() {
                // A label's bar on a line of its own, or the end of a value.
                if state.label_waits_for_bar {
                    self.mark(line.block, LineKind::Label);
                } else {
                    if state.open.is_some() {
                        self.mark(line.block, LineKind::Value);
                    }
                    state.close();
                }
                state.label_waits_for_bar = false;
                continue;
            }
            if line.is_empty() {
                // A blank line: a label's bar no longer follows it; inside a value it is kept
                // (the text rule drops it).
                state.label_waits_for_bar = false;
                if let Some(open) = state.open.as_mut() {
                    open.lines.push(line.clone());
                }
                continue;
            }
            if state.open.is_none() && !line.bar && is_stray_number(&line.text) {
                // Not inside a value: a list number Word left behind.
                self.stray(line.block, &line.text);
                continue;
            }
            let bar_next = lines.get(i + 1).is_some_and(Line::is_bare_bar);
            let value_open = state.open.as_ref().is_some_and(|o| !o.lines.is_empty());
            let label = (line.bar || (bar_next && !value_open))
                .then(|| labels.find(&line.text))
                .flatten();
            if let Some((field, same_line)) = label {
                self.mark(line.block, LineKind::Label);
                let start = self.blocks[line.block].span.start;
                state.begin(fields, field, line.block, start);
                if let (Some(value), Some(open)) = (same_line, state.open.as_mut()) {
                    open.lines.push(Line {
                        text: value.to_string().into(),
                        ..line.clone()
                    });
                }
                if same_line.is_some() && line.bar {
                    // `Label: value |` on one line.
                    state.close();
                }
                state.label_waits_for_bar = !line.bar && same_line.is_none();
                continue;
            }
            state.label_waits_for_bar = false;
            // A title row, or a line that reads as one ("Event 2"), while no label waits for
            // its value: the next label starts a record.
            let titled = is_title(&line.text, record_label);
            if (line.title || titled) && state.open.is_none() {
                state.close();
                state.boundary = true;
                if titled {
                    self.mark(line.block, LineKind::Label);
                } else {
                    self.unplaced(line.block, &line.text);
                }
                continue;
            }
            match state.open.as_mut() {
                Some(open) => {
                    self.mark(line.block, LineKind::Value);
                    open.lines.push(line.clone());
                    if line.bar {
                        state.close();
                    }
                }
                None => self.unplaced(line.block, &line.text),
            }
        }
    }

    /// A row of two cells or more: a label cell, then its value cells; in a row of four cells
    /// or more, every other cell may be a label (`Entity | X | Focal point | Y`).
    fn row(
        &mut self,
        fields: &[Field],
        labels: &Labels,
        index: usize,
        state: &mut State<'b>,
        record_label: Option<&str>,
    ) {
        let blocks = self.blocks;
        let super::block::BlockKind::Row(row) = &blocks[index].kind else {
            return;
        };
        let cells = &row.cells;
        let label_at = |i: usize| i == 0 || (cells.len() >= 4 && i.is_multiple_of(2));
        let mut i = 0;
        while i < cells.len() {
            let mut end = i + 1;
            while end < cells.len() && !label_at(end) {
                end += 1;
            }
            let label_cell = &cells[i];
            let values: Vec<Line<'b>> = cells[i + 1..end]
                .iter()
                .filter(|c| !c.merged)
                .flat_map(|c| c.paragraphs.iter())
                .filter(|p| !p.text.trim().is_empty())
                .map(|p| Line {
                    text: p.text.trim().into(),
                    list: p.list.as_ref(),
                    links: &p.links,
                    bar: false,
                    title: false,
                    block: index,
                })
                .collect();
            let label_text = label_cell.line();
            i = end;
            if label_cell.merged || label_text.is_empty() {
                if values.is_empty() {
                    continue;
                }
                // The value carries on from the row above.
                self.mark(index, LineKind::Value);
                match state.records.last_mut().and_then(|r| r.fields.last_mut()) {
                    Some(last) => last.lines.extend(values),
                    None => self.unplaced_lines(index, &values),
                }
                continue;
            }
            match labels.find(&label_text) {
                Some((field, same_line)) => {
                    self.mark(index, LineKind::Label);
                    state.begin(fields, field, index, blocks[index].span.start);
                    if let Some(open) = state.open.as_mut() {
                        if let Some(value) = same_line {
                            open.lines.push(Line {
                                text: value.to_string().into(),
                                list: None,
                                links: &[],
                                bar: false,
                                title: false,
                                block: index,
                            });
                        }
                        open.lines.extend(values);
                    }
                    state.close();
                }
                None if is_title(&label_text, record_label) && values.is_empty() => {
                    self.mark(index, LineKind::Label);
                    state.boundary = true;
                }
                None => {
                    let mut text = label_text;
                    for value in &values {
                        text.push_str(" | ");
                        text.push_str(&value.text);
                    }
                    self.unplaced(index, &text);
                }
            }
        }
    }

    fn unplaced_lines(&mut self, index: usize, lines: &[Line<'_>]) {
        let text: Vec<&str> = lines.iter().map(|l| l.text.as_ref()).collect();
        self.unplaced(index, &text.join(" "));
    }

    /// A record as a table of its fields' values.
    fn record_node(&self, fields: &[Field], record: Record<'b>) -> Node {
        let entries = record
            .fields
            .into_iter()
            .map(|filled| {
                let field = &fields[filled.field];
                Entry {
                    key: field.id.as_str().into(),
                    key_span: Some(self.span(filled.label)),
                    node: self.value_node(field, &filled.lines),
                }
            })
            .collect();
        Node {
            value: Value::Table(entries),
            span: Some(record.start..record.start),
        }
    }

    /// A field's value from its lines: a text by the text rule, anything else its lines joined
    /// by new lines. A website written as words ("Forum website") is the target of its link.
    fn value_node(&self, field: &Field, lines: &[Line<'_>]) -> Node {
        let span_of = |block: usize| self.span(block);
        if field.kind == FieldKind::Line && lines.iter().any(|l| l.text.contains('\n')) {
            // A line break (`w:br`) inside a one-line field is a space.
            let spaced: Vec<Line<'_>> = lines
                .iter()
                .map(|l| Line {
                    text: l.text.replace('\n', " ").into(),
                    ..l.clone()
                })
                .collect();
            return text_node(&spaced, span_of);
        }
        if field.kind.is_text() {
            return text_node(lines, span_of);
        }
        let texts: Vec<&str> = lines
            .iter()
            .map(|l| l.text.as_ref())
            .filter(|t| !t.is_empty())
            .collect();
        let first = lines.iter().find(|l| !l.is_empty());
        let mut text = texts.join("\n");
        if field.kind == FieldKind::Url
            && crate::rules::text::marker(&text).is_none()
            && crate::rules::urls::check_url(&text)
                .is_some_and(|p| p.code == crate::finding::Code::UrlInvalid)
            && let Some(target) = lines.iter().flat_map(|l| l.links.iter()).next()
        {
            text = target.clone();
        }
        Node {
            value: Value::String(text.into()),
            span: first.map(|l| span_of(l.block)),
        }
    }
}

/// `Event 2`, `Initiative/Partnership 3:`: a record's name and a number, nothing else.
fn is_title(text: &str, record_label: Option<&str>) -> bool {
    let Some(record_label) = record_label else {
        return false;
    };
    // Most lines are long or do not end in a digit: told apart before anything is folded.
    if text.split_whitespace().nth(4).is_some()
        || !text
            .trim_end_matches([':', '.', ')', ' '])
            .ends_with(|c: char| c.is_ascii_digit())
    {
        return false;
    }
    let wanted = fold(record_label);
    !wanted.is_empty() && fold(text).starts_with(&wanted)
}

#[cfg(test)]
mod tests {
    use super::is_title;

    #[test]
    fn titles_are_a_record_and_a_number() {
        let cases: &[(&str, bool)] = &[
            ("Event 2", true),
            ("EVENT 12:", true),
            ("Initiative/Partnership 3", true),
            ("Event Name", false),
            ("Event 2 was held in Apia", false),
            ("2", false),
        ];
        for (text, want) in cases {
            let label = if text.starts_with("Init") {
                "initiative"
            } else {
                "event"
            };
            assert_eq!(is_title(text, Some(label)), *want, "{text}");
        }
        assert!(!is_title("Event 2", None));
    }
}
