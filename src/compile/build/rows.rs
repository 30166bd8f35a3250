//! One response's rows: its texts, records, goals and places, spooled as they are made, and its
//! share of the matrices kept aside. Answers that `migrate` kept in `notes` (legacy text under
//! the former question's header) are read back with the one legacy reader and become rows of
//! their question's sheet too, marked as coming from notes; other notes are rows of `notes`.

use std::collections::BTreeMap;
use std::io;

use super::ALL_MEMBER_STATES;
use super::cells::{Context, Place, Stats, dates_cells, field_cells};
use super::goals::goals;
use super::places::{PlaceKind, Places, places};
use super::spool::{Spool, Spooled, Tag};
use crate::answers::{Answer, Answers, Record};
use crate::compile::model::Cell;
use crate::compile::topic::{Layout, TopicField, root_question};
use crate::document::{Node, Value};
use crate::questionnaire::{FieldKind, Question, QuestionKind, Questionnaire};
use crate::rules::text::{Marker, count_words, marker};

/// What the `via` column says of rows read from notes.
pub(super) const VIA_NOTES: &str = "notes";

/// What one response adds to the closing sheets and the totals.
#[derive(Debug, Default)]
pub(super) struct Shares {
    /// Records naming each goal; `None` when no record names a goal.
    pub(super) sdgs: Option<[i64; 17]>,
    /// Records naming each Member State (or all of them).
    pub(super) countries: BTreeMap<String, i64>,
    /// Places named that are not Member States: territories, organisations, observer States
    /// and unknown names, once per record.
    pub(super) other_places: usize,
    /// Records read from notes.
    pub(super) notes_records: usize,
    /// Notes that hold no answer: rows of the `notes` sheet.
    pub(super) plain_notes: usize,
}

/// Where an answer comes from: the file's own answers, or its notes.
struct Source<'s> {
    /// Empty, or [`VIA_NOTES`].
    via: &'static str,
    /// The edition the answer was given in.
    edition: &'s Questionnaire,
}

impl Source<'_> {
    fn own(&self) -> bool {
        self.via.is_empty()
    }

    /// The cells every row of a question's sheet carries after who.
    fn cells(&self) -> [Cell; 2] {
        [Cell::text(self.via), Cell::text(self.edition.id.clone())]
    }
}

/// The 17 cells beside a record's SDG field: 1 for each goal it names, 0 for the others (all
/// 1 for "all"); empty when it names none that can be read.
fn goal_flags(record: &Record, field: &str) -> Vec<Cell> {
    let value = record.fields.iter().find(|(id, _)| id == field);
    match value.and_then(|(_, v)| goals(v)) {
        Some((goals, _)) => (1..=17u8)
            .map(|g| Cell::Int(i64::from(goals.contains(&g))))
            .collect(),
        None => vec![Cell::Empty; 17],
    }
}

/// The records of a list the checker keeps as written because an item is not a record (a
/// stray text, a number): each item that is a record, read by the checker on its own, with its
/// index in the list. The stray items have their finding already.
fn readable_records(
    q: &Questionnaire,
    question: &Question,
    items: &[Node],
) -> Vec<(usize, Record)> {
    items
        .iter()
        .enumerate()
        .filter(|(_, item)| item.as_table().is_some())
        .filter_map(|(i, item)| {
            let one = Node::new(Value::Array(vec![item.clone()]));
            let checked = crate::check::check_answer(q, question, &one);
            match checked.answers.answers.into_iter().next() {
                Some((_, Answer::Records(mut records))) if records.len() == 1 => {
                    Some((i, records.remove(0)))
                }
                _ => None,
            }
        })
        .collect()
}

/// Makes the rows of one response into the spool.
pub(super) struct Rows<'b> {
    pub(super) layout: &'b Layout,
    /// The High-Impact Initiatives of every edition's list.
    pub(super) initiatives: &'b [String],
    /// The editions a note may answer: the compiled ones, then the built-in ones.
    pub(super) note_editions: &'b [&'b Questionnaire],
    pub(super) spool: &'b mut Spool,
    pub(super) stats: Stats,
    pub(super) shares: Shares,
    /// Records numbered so far per topic: a record's id counts on from the answer's records to
    /// those its notes hold.
    pub(super) numbered: BTreeMap<String, u32>,
}

/// Cells as spooled.
fn spooled(cells: impl IntoIterator<Item = Cell>) -> impl Iterator<Item = Spooled> {
    cells.into_iter().map(Spooled::Cell)
}

impl Rows<'_> {
    /// The rows of every answer of `answers`, checked against `q`, then of its notes.
    pub(super) fn answers(
        &mut self,
        answers: &Answers,
        q: &Questionnaire,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        let own = Source {
            via: "",
            edition: q,
        };
        for question in &q.questions {
            let topic = root_question(q, &question.id);
            match answers.answer(&question.id) {
                None => self.stats.not_answered.push(topic),
                Some(answer) => self.answer(question, &topic, answer, &own, cx)?,
            }
        }
        for (i, note) in answers.notes.iter().enumerate() {
            self.note(i, note, q, cx)?;
        }
        Ok(())
    }

    /// The rows of one answer.
    fn answer(
        &mut self,
        question: &Question,
        topic: &str,
        answer: &Answer,
        source: &Source<'_>,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        let limit = match &question.kind {
            QuestionKind::Text(words) => words.max,
            QuestionKind::ChoicesText(choices) => choices.words.max,
            QuestionKind::Records(_) => None,
        };
        match answer {
            Answer::Raw(node) => {
                if source.own() && node.as_str().and_then(marker) == Some(Marker::NotAnswered) {
                    self.stats.not_answered.push(topic.to_string());
                }
                if let (QuestionKind::Records(_), Value::Array(items)) =
                    (&question.kind, &node.value)
                {
                    let readable = readable_records(source.edition, question, items);
                    let readable: Vec<(usize, &Record)> =
                        readable.iter().map(|(i, r)| (*i, r)).collect();
                    self.records(question, topic, &readable, source, cx)?;
                }
            }
            Answer::Text(text) => {
                self.text(text, topic, question, limit, source, cx)?;
            }
            Answer::Choices { selected, text, .. } => {
                if let Some(text) = text {
                    self.text(text, topic, question, limit, source, cx)?;
                }
                if let Some(selected) = selected {
                    self.choices(selected, topic, source, cx)?;
                }
            }
            Answer::Records(records) => {
                let numbered: Vec<(usize, &Record)> = records.iter().enumerate().collect();
                self.records(question, topic, &numbered, source, cx)?;
            }
        }
        Ok(())
    }

    /// The rows of a question's records: (index in the answer, record).
    fn records(
        &mut self,
        question: &Question,
        topic: &str,
        records: &[(usize, &Record)],
        source: &Source<'_>,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        if source.own() {
            self.stats.records.insert(topic.to_string(), records.len());
        } else {
            self.shares.notes_records += records.len();
        }
        let Some((sheet, fields)) = self.record_sheet(topic) else {
            return Ok(());
        };
        let numbered = self.numbered.entry(topic.to_string()).or_default();
        let first = *numbered;
        *numbered += records.len() as u32;
        for (n, (i, record)) in records.iter().enumerate() {
            let path = format!("{}[{i}]", question.id);
            let id = Spooled::RecordId {
                topic: sheet,
                number: first + n as u32 + 1,
            };
            let mut row: Vec<Spooled> = spooled(cx.who.iter().cloned()).collect();
            row.extend(spooled(source.cells()));
            row.push(Spooled::Cell(Cell::Int(*i as i64 + 1)));
            row.push(id.clone());
            for field in &fields {
                row.extend(spooled(field_cells(field, record, cx, &path)));
                if field.kind == FieldKind::Sdgs {
                    row.extend(spooled(goal_flags(record, &field.id)));
                }
            }
            self.spool.row_spooled(Tag::Records(sheet), &row)?;
            let name = record
                .fields
                .first()
                .map(|(_, v)| v.to_plain())
                .unwrap_or_default();
            let at = Place {
                topic,
                index: *i,
                name: &name,
                fields: &fields,
                id,
            };
            self.record_extras(record, &at, source, cx)?;
        }
        Ok(())
    }

    /// One note: the answers it holds as `migrate` writes them, to questions the response's
    /// own edition does not ask, as rows of their sheets; else a row of `notes`.
    fn note(
        &mut self,
        n: usize,
        note: &str,
        own: &Questionnaire,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        let edition = crate::import::guess_edition(note, self.note_editions.iter().copied());
        // The legacy reader takes a first line that is not a question as the entity.
        let imported = crate::import::import(&format!("-\n{note}"), edition);
        let source = Source {
            via: VIA_NOTES,
            edition,
        };
        let mut placed = false;
        for (id, answer) in &imported.answers.answers {
            let Some(question) = edition.question(id) else {
                continue;
            };
            let topic = root_question(edition, id);
            // A question the response's edition asks is answered there: a note under it holds
            // what had no place in the answer (fields without a counterpart), not an answer.
            let asked_here = own
                .questions
                .iter()
                .any(|q| root_question(own, &q.id) == topic);
            if asked_here || self.layout.topic(&topic).is_none() {
                continue;
            }
            self.answer(question, &topic, answer, &source, cx)?;
            self.stats.in_notes.push(topic);
            placed = true;
        }
        if placed {
            return Ok(());
        }
        self.shares.plain_notes += 1;
        let mut row = cx.who.to_vec();
        row.extend([
            Cell::Int(n as i64 + 1),
            cx.cut(note, &format_args!("notes[{n}]")),
        ]);
        self.spool.row(Tag::Notes, &row)
    }

    fn text(
        &mut self,
        text: &str,
        topic: &str,
        question: &Question,
        limit: Option<usize>,
        source: &Source<'_>,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        let words = count_words(text);
        if source.own() {
            self.stats
                .words
                .insert(topic.to_string(), (Some(words), limit));
        }
        let path = if source.own() {
            question.id.clone()
        } else {
            format!("notes: {}", question.id)
        };
        let mut row = cx.who.to_vec();
        row.extend(source.cells());
        row.extend([
            Cell::text(topic),
            Cell::text(question.number.clone()),
            Cell::Int(words as i64),
            limit.map_or(Cell::Empty, |l| Cell::Int(l as i64)),
            cx.cut(text, &path),
        ]);
        self.spool.row(Tag::Texts, &row)
    }

    fn choices(
        &mut self,
        selected: &[String],
        topic: &str,
        source: &Source<'_>,
        cx: &Context<'_>,
    ) -> io::Result<()> {
        let names = self.initiatives;
        let mut row = cx.who.to_vec();
        row.extend(source.cells());
        row.push(Cell::text(topic));
        row.extend(names.iter().map(|n| Cell::Bool(selected.contains(n))));
        let other: Vec<&str> = selected
            .iter()
            .filter(|s| !names.contains(s))
            .map(String::as_str)
            .collect();
        row.push(Cell::text(other.join("; ")));
        row.push(Cell::Int(selected.len() as i64));
        self.spool.row(Tag::HighImpact, &row)
    }

    /// The place of a topic's record sheet among the record topics, and its fields.
    fn record_sheet(&self, topic: &str) -> Option<(u16, Vec<TopicField>)> {
        self.layout
            .record_topics()
            .enumerate()
            .find(|(_, (t, _))| t.id == topic)
            .map(|(i, (_, fields))| (i as u16, fields.to_vec()))
    }

    /// The long SDG and Member State rows of one record, and its share of the matrices.
    fn record_extras(
        &mut self,
        record: &Record,
        at: &Place<'_>,
        source: &Source<'_>,
        cx: &mut Context<'_>,
    ) -> io::Result<()> {
        let place_cells = [
            Spooled::Cell(Cell::text(source.via)),
            at.id.clone(),
            Spooled::Cell(Cell::text(at.topic)),
            Spooled::Cell(Cell::Int(at.index as i64 + 1)),
            Spooled::Cell(Cell::text(at.name)),
        ];
        // The record's dates, beside each of its goals.
        let dates = at
            .fields
            .iter()
            .find(|f| f.kind == FieldKind::Dates)
            .map_or([Cell::Empty, Cell::Empty], |f| dates_cells(f, record));
        let who: Vec<Spooled> = spooled(cx.who.iter().cloned()).collect();
        for (id, value) in &record.fields {
            let field = at.fields.iter().find(|f| f.id == *id);
            match value {
                value if field.is_some_and(|f| f.kind == FieldKind::Sdgs) => {
                    let Some((goals, all)) = goals(value) else {
                        continue;
                    };
                    let counts = self.shares.sdgs.get_or_insert([0; 17]);
                    for goal in goals {
                        counts[usize::from(goal) - 1] += 1;
                        let mut row = who.clone();
                        row.extend(place_cells.iter().cloned());
                        row.extend(spooled(dates.iter().cloned()));
                        row.extend(spooled([Cell::Int(i64::from(goal)), Cell::Bool(all)]));
                        self.spool.row_spooled(Tag::Sdgs, &row)?;
                    }
                }
                value if field.is_some_and(|f| f.kind == FieldKind::Countries) => {
                    let allow_all = field.is_some_and(|f| f.allow_all);
                    let named = match places(value, allow_all) {
                        Some(Places::All) => {
                            vec![(ALL_MEMBER_STATES.to_string(), PlaceKind::MemberState, true)]
                        }
                        Some(Places::Named(named)) => {
                            named.into_iter().map(|(n, k)| (n, k, false)).collect()
                        }
                        None => Vec::new(),
                    };
                    for (place, kind, all) in named {
                        if kind == PlaceKind::MemberState {
                            *self.shares.countries.entry(place.clone()).or_default() += 1;
                        } else {
                            self.shares.other_places += 1;
                        }
                        let mut row: Vec<Spooled> =
                            spooled([Cell::text(place), Cell::text(kind.as_str())]).collect();
                        row.extend(who.iter().cloned());
                        row.extend(place_cells.iter().cloned());
                        row.push(Spooled::Cell(Cell::Bool(all)));
                        self.spool.row_spooled(Tag::MemberStates, &row)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }
}
