//! Building the tables: each checked response, in input order, becomes rows of the streamed
//! sheets at once (so that only one slice of responses is ever held); the matrices, the roster
//! and the codebook are written at the end from small aggregates.

mod cells;
mod closing;

use std::collections::{BTreeMap, HashMap};
use std::io;

use cells::{
    Context, Place, Stats, cell_plain, field_cells, field_columns, scalar_text, sheet_name,
};
pub use cells::{is_web_link, truncate};

use super::model::{Cell, Column, ColumnKind, SheetSpec, Sink};
use super::roster::{Match, Roster};
use super::topic::{Layout, TopicField, TopicKind, root_question};
use crate::answers::{Answer, Answers, FieldValue, Record};
use crate::finding::{Code, Finding};
use crate::questionnaire::{FieldKind, QuestionKind, Questionnaire};
use crate::report::FileReport;
use crate::report::Summary;
use crate::rules::sdgs::SdgSet;
use crate::rules::text::{Marker, count_words, marker};

/// The most characters a spreadsheet cell holds.
pub const CELL_LIMIT: usize = 32_767;

/// What the country sheets call "all Member States".
pub const ALL_MEMBER_STATES: &str = "All Member States";

/// One input after reading and checking, as the builder takes it.
#[derive(Debug, Clone)]
pub struct Response {
    /// The input's name.
    pub file: String,
    /// How it was read: `toml`, `json`, `legacy text`, or empty when it could not be read.
    pub read_as: String,
    /// The edition it was checked against, if one was found.
    pub edition: Option<String>,
    /// The canonical answers, if the file parsed.
    pub answers: Option<Answers>,
    /// Its findings, placed.
    pub findings: Vec<Finding>,
}

/// The sheets, numbered in workbook order.
#[derive(Debug, Clone)]
struct Plan {
    records: usize,
    sdgs: usize,
    sdg_matrix: usize,
    member_states: usize,
    country_matrix: usize,
    high_impact: usize,
    findings: usize,
    codebook: usize,
    roster: usize,
}

/// The sheets every compilation has besides one per record question, in workbook order
/// (`roster` only with a roster).
pub const FIXED_SHEETS: [&str; 10] = [
    "responses",
    "texts",
    "sdgs",
    "sdg_matrix",
    "member_states",
    "country_matrix",
    "high_impact",
    "findings",
    "codebook",
    "roster",
];

/// The names of the sheets a compilation of `layout` writes, in workbook order.
pub fn sheet_names(layout: &Layout, roster: bool) -> Vec<String> {
    let mut names: Vec<String> = FIXED_SHEETS[..2]
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    names.extend(
        layout
            .record_topics()
            .map(|(topic, _)| sheet_name(&topic.id, &FIXED_SHEETS)),
    );
    names.extend(
        FIXED_SHEETS[2..9]
            .iter()
            .map(std::string::ToString::to_string),
    );
    if roster {
        names.push(FIXED_SHEETS[9].to_string());
    }
    names
}

const RESPONSES: usize = 0;
const TEXTS: usize = 1;

struct SdgRow {
    entity: String,
    edition: String,
    file: String,
    counts: [i64; 17],
}

struct ChoiceRow {
    entity: String,
    edition: String,
    file: String,
    question: String,
    selected: Vec<String>,
}

/// Turns responses into rows, and keeps what the closing sheets need.
pub struct Builder<'a> {
    layout: &'a Layout,
    roster: Option<&'a Roster>,
    plan: Plan,
    specs: Vec<Option<SheetSpec>>,
    sdg_rows: Vec<SdgRow>,
    entities: Vec<String>,
    entity_index: HashMap<String, usize>,
    countries: BTreeMap<String, BTreeMap<usize, i64>>,
    choices: Vec<ChoiceRow>,
    hits: Vec<Vec<(String, String)>>,
    unmatched: Vec<(String, String, String, &'static str)>,
    /// Totals over the responses added so far.
    pub summary: Summary,
    /// Whether some input could not be read at all.
    pub unreadable: bool,
}

fn col(id: &str, label: &str, kind: ColumnKind) -> Column {
    Column::plain(id, label, kind)
}

fn who() -> Vec<Column> {
    vec![
        col("entity", "Entity", ColumnKind::Text),
        col("edition", "Edition", ColumnKind::Text),
        col("file", "File", ColumnKind::Text),
    ]
}

impl<'a> Builder<'a> {
    /// A builder for these editions; `roster` adds the roster sheet.
    pub fn new(layout: &'a Layout, roster: Option<&'a Roster>) -> Builder<'a> {
        let records = layout.record_topics().count();
        let after = 2 + records;
        let plan = Plan {
            records: 2,
            sdgs: after,
            sdg_matrix: after + 1,
            member_states: after + 2,
            country_matrix: after + 3,
            high_impact: after + 4,
            findings: after + 5,
            codebook: after + 6,
            roster: after + 7,
        };
        Builder {
            layout,
            roster,
            specs: vec![None; plan.roster + 1],
            plan,
            sdg_rows: Vec::new(),
            entities: Vec::new(),
            entity_index: HashMap::new(),
            countries: BTreeMap::new(),
            choices: Vec::new(),
            hits: vec![Vec::new(); roster.map_or(0, |r| r.members.len())],
            unmatched: Vec::new(),
            summary: Summary::default(),
            unreadable: false,
        }
    }

    fn header(
        &mut self,
        sink: &mut dyn Sink,
        sheet: usize,
        name: &str,
        columns: Vec<Column>,
    ) -> io::Result<()> {
        let spec = SheetSpec {
            name: name.to_string(),
            columns,
        };
        sink.header(sheet, &spec)?;
        self.specs[sheet] = Some(spec);
        Ok(())
    }

    /// Writes the headers of the sheets that are filled response by response.
    pub fn start(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let layout = self.layout;
        let mut columns = who();
        columns.extend([
            col("read_as", "Read as", ColumnKind::Text),
            col("valid", "Valid", ColumnKind::Boolean),
            col("errors", "Errors", ColumnKind::Integer).unit("findings"),
            col("warnings", "Warnings", ColumnKind::Integer).unit("findings"),
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
        columns.push(col(
            "not_answered",
            "Questions not answered",
            ColumnKind::Text,
        ));
        self.header(sink, RESPONSES, "responses", columns)?;

        let mut columns = who();
        columns.extend([
            col("question", "Question", ColumnKind::Text),
            col("number", "Number", ColumnKind::Text),
            col("words", "Words", ColumnKind::Integer).unit("words"),
            col("limit", "Word limit", ColumnKind::Integer).unit("words"),
            col("text", "Answer", ColumnKind::Text),
        ]);
        self.header(sink, TEXTS, "texts", columns)?;

        let record_specs: Vec<(String, Vec<Column>)> = layout
            .record_topics()
            .map(|(topic, fields)| {
                let mut columns = who();
                columns.push(col("record", "Record", ColumnKind::Integer).unit("number"));
                for field in fields {
                    columns.extend(field_columns(field, &topic.id));
                }
                (sheet_name(&topic.id, &FIXED_SHEETS), columns)
            })
            .collect();
        for (i, (name, columns)) in record_specs.into_iter().enumerate() {
            self.header(sink, self.plan.records + i, &name, columns)?;
        }

        let mut columns = who();
        columns.extend([
            col("question", "Question", ColumnKind::Text),
            col("record", "Record", ColumnKind::Integer).unit("number"),
            col("name", "Record name", ColumnKind::Text),
            col("goal", "SDG", ColumnKind::Integer).unit("goal"),
            col("all", "All SDGs", ColumnKind::Boolean),
        ]);
        self.header(sink, self.plan.sdgs, "sdgs", columns)?;

        let mut columns = vec![col("country", "Country", ColumnKind::Text)];
        columns.extend(who());
        columns.extend([
            col("question", "Question", ColumnKind::Text),
            col("record", "Record", ColumnKind::Integer).unit("number"),
            col("name", "Record name", ColumnKind::Text),
            col("all", "All Member States", ColumnKind::Boolean),
        ]);
        self.header(sink, self.plan.member_states, "member_states", columns)?;

        let columns = vec![
            col("file", "File", ColumnKind::Text),
            col("line", "Line", ColumnKind::Integer),
            col("column", "Column", ColumnKind::Integer),
            col("path", "Path", ColumnKind::Text),
            col("code", "Code", ColumnKind::Text),
            col("severity", "Severity", ColumnKind::Text),
            col("message", "Message", ColumnKind::Text),
            col("hint", "Hint", ColumnKind::Text),
        ];
        self.header(sink, self.plan.findings, "findings", columns)
    }

    /// Adds one response: its rows, its findings, and its share of the totals.
    pub fn add(&mut self, response: Response, sink: &mut dyn Sink) -> io::Result<()> {
        let Response {
            file,
            read_as,
            edition,
            answers,
            mut findings,
        } = response;
        let entity = answers
            .as_ref()
            .and_then(|a| a.entity.as_ref())
            .map(scalar_text)
            .unwrap_or_default();
        let edition_id = edition.clone().unwrap_or_default();
        let who = [
            Cell::text(entity.clone()),
            Cell::text(edition_id.clone()),
            Cell::text(file.clone()),
        ];
        if answers.is_some() {
            self.match_roster(&entity, &edition_id, &file, &mut findings);
        }
        let mut stats = Stats::default();
        let q = edition.as_deref().and_then(|id| self.layout.edition(id));
        if let (Some(answers), Some(q)) = (&answers, q) {
            let mut cx = Context {
                who: &who,
                entity: &entity,
                findings: &mut findings,
            };
            self.answers_rows(answers, q, &mut cx, &mut stats, sink)?;
        }

        for finding in &findings {
            sink.row(
                self.plan.findings,
                vec![
                    Cell::text(file.clone()),
                    finding.line.map_or(Cell::Empty, |l| Cell::Int(l as i64)),
                    finding.column.map_or(Cell::Empty, |c| Cell::Int(c as i64)),
                    Cell::text(finding.path.clone()),
                    Cell::text(finding.code.as_str()),
                    Cell::text(finding.severity.as_str()),
                    Cell::text(finding.message.clone()),
                    Cell::text(finding.hint.clone().unwrap_or_default()),
                ],
            )?;
        }
        let report = FileReport::new(file, findings);
        self.summary.add(&report, false);
        self.unreadable |= report.unreadable();

        let mut row = who.to_vec();
        row.extend([
            Cell::text(read_as),
            Cell::Bool(report.valid(false)),
            Cell::Int(report.errors() as i64),
            Cell::Int(report.warnings() as i64),
        ]);
        for topic in &self.layout.topics {
            match topic.kind {
                TopicKind::Text | TopicKind::Choices(_) => {
                    let (words, limit) =
                        stats.words.get(&topic.id).copied().unwrap_or((None, None));
                    row.push(words.map_or(Cell::Empty, |w| Cell::Int(w as i64)));
                    row.push(limit.map_or(Cell::Empty, |l| Cell::Int(l as i64)));
                }
                TopicKind::Records(_) => row.push(
                    stats
                        .records
                        .get(&topic.id)
                        .map_or(Cell::Empty, |n| Cell::Int(*n as i64)),
                ),
            }
        }
        row.push(Cell::text(stats.not_answered.join(", ")));
        sink.row(RESPONSES, row)
    }

    fn match_roster(
        &mut self,
        entity: &str,
        edition: &str,
        file: &str,
        findings: &mut Vec<Finding>,
    ) {
        let Some(roster) = self.roster else { return };
        let found = (edition.to_string(), file.to_string());
        match roster.find(entity) {
            Match::One(i) => self.hits[i].push(found),
            Match::None => {
                self.unmatched.push((
                    entity.to_string(),
                    edition.to_string(),
                    file.to_string(),
                    "not in roster",
                ));
            }
            Match::Ambiguous(candidates) => {
                let names: Vec<String> = candidates
                    .iter()
                    .map(|i| format!("`{}`", roster.members[*i].name))
                    .collect();
                findings.push(
                    Finding::new(
                        Code::RosterAmbiguous,
                        "entity",
                        format!("entity `{entity}` matches {} roster entries: {}", names.len(), names.join(", ")),
                    )
                    .with_hint("write the entity's full name and acronym as the roster has them, or make the roster's entries distinct"),
                );
                self.unmatched.push((
                    entity.to_string(),
                    edition.to_string(),
                    file.to_string(),
                    "ambiguous",
                ));
            }
        }
    }

    fn answers_rows(
        &mut self,
        answers: &Answers,
        q: &Questionnaire,
        cx: &mut Context<'_>,
        stats: &mut Stats,
        sink: &mut dyn Sink,
    ) -> io::Result<()> {
        let mut sdg_counts = [0i64; 17];
        let mut any_sdg = false;
        for question in &q.questions {
            let topic = root_question(q, &question.id);
            let answer = answers.answer(&question.id);
            let limit = match &question.kind {
                QuestionKind::Text(words) => words.max,
                QuestionKind::ChoicesText(choices) => choices.words.max,
                QuestionKind::Records(_) => None,
            };
            let text_row = |text: &str, cx: &mut Context<'_>, stats: &mut Stats| {
                let words = count_words(text);
                stats.words.insert(topic.clone(), (Some(words), limit));
                let mut row = cx.who.to_vec();
                row.extend([
                    Cell::text(topic.clone()),
                    Cell::text(question.number.clone()),
                    Cell::Int(words as i64),
                    limit.map_or(Cell::Empty, |l| Cell::Int(l as i64)),
                    cx.cut(text, &question.id),
                ]);
                row
            };
            match answer {
                None => stats.not_answered.push(topic.clone()),
                Some(Answer::Raw(node)) => {
                    if node.as_str().and_then(marker) == Some(Marker::NotAnswered) {
                        stats.not_answered.push(topic.clone());
                    }
                }
                Some(Answer::Text(text)) => {
                    let row = text_row(text, cx, stats);
                    sink.row(TEXTS, row)?;
                }
                Some(Answer::Choices { selected, text, .. }) => {
                    if let Some(text) = text {
                        let row = text_row(text, cx, stats);
                        sink.row(TEXTS, row)?;
                    }
                    if let Some(selected) = selected {
                        self.choices.push(ChoiceRow {
                            entity: cx.entity.to_string(),
                            edition: q.id.clone(),
                            file: cell_plain(&cx.who[2]),
                            question: topic.clone(),
                            selected: selected.clone(),
                        });
                    }
                }
                Some(Answer::Records(records)) => {
                    stats.records.insert(topic.clone(), records.len());
                    let Some((sheet, fields)) = self.record_sheet(&topic) else {
                        continue;
                    };
                    for (i, record) in records.iter().enumerate() {
                        let path = format!("{}[{i}]", question.id);
                        let mut row = cx.who.to_vec();
                        row.push(Cell::Int(i as i64 + 1));
                        for field in &fields {
                            row.extend(field_cells(field, record, cx, &path));
                        }
                        sink.row(sheet, row)?;
                        let name = record
                            .fields
                            .first()
                            .map(|(_, v)| v.to_plain())
                            .unwrap_or_default();
                        let at = Place {
                            topic: &topic,
                            index: i,
                            name: &name,
                            fields: &fields,
                        };
                        self.record_extras(record, &at, cx, &mut sdg_counts, &mut any_sdg, sink)?;
                    }
                }
            }
        }
        if any_sdg {
            self.sdg_rows.push(SdgRow {
                entity: cx.entity.to_string(),
                edition: q.id.clone(),
                file: cell_plain(&cx.who[2]),
                counts: sdg_counts,
            });
        }
        Ok(())
    }

    fn record_sheet(&self, topic: &str) -> Option<(usize, Vec<TopicField>)> {
        self.layout
            .record_topics()
            .enumerate()
            .find(|(_, (t, _))| t.id == topic)
            .map(|(i, (_, fields))| (self.plan.records + i, fields.to_vec()))
    }

    /// The long SDG and Member State rows of one record, and its share of the matrices.
    fn record_extras(
        &mut self,
        record: &Record,
        at: &Place<'_>,
        cx: &mut Context<'_>,
        sdg_counts: &mut [i64; 17],
        any_sdg: &mut bool,
        sink: &mut dyn Sink,
    ) -> io::Result<()> {
        let place = [
            Cell::text(at.topic),
            Cell::Int(at.index as i64 + 1),
            Cell::text(at.name),
        ];
        for (id, value) in &record.fields {
            let kind = at.fields.iter().find(|f| f.id == *id).map(|f| f.kind);
            match value {
                FieldValue::Sdgs(set) => {
                    let (goals, all): (Vec<u8>, bool) = match set {
                        SdgSet::All => ((1..=17).collect(), true),
                        SdgSet::Goals(goals) => (goals.clone(), false),
                    };
                    *any_sdg = true;
                    for goal in goals {
                        if let Some(count) = sdg_counts.get_mut(usize::from(goal).wrapping_sub(1)) {
                            *count += 1;
                        }
                        let mut row = cx.who.to_vec();
                        row.extend(place.iter().cloned());
                        row.extend([Cell::Int(i64::from(goal)), Cell::Bool(all)]);
                        sink.row(self.plan.sdgs, row)?;
                    }
                }
                FieldValue::All | FieldValue::List(_) if kind == Some(FieldKind::Countries) => {
                    let (countries, all): (Vec<String>, bool) = match value {
                        FieldValue::List(items) => (items.clone(), false),
                        _ => (vec![ALL_MEMBER_STATES.to_string()], true),
                    };
                    let entity = self.entity_column(cx.entity, &cell_plain(&cx.who[2]));
                    for country in countries {
                        *self
                            .countries
                            .entry(country.clone())
                            .or_default()
                            .entry(entity)
                            .or_default() += 1;
                        let mut row = vec![Cell::text(country)];
                        row.extend(cx.who.iter().cloned());
                        row.extend(place.iter().cloned());
                        row.push(Cell::Bool(all));
                        sink.row(self.plan.member_states, row)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn entity_column(&mut self, entity: &str, file: &str) -> usize {
        let name = if entity.is_empty() {
            format!("({file})")
        } else {
            entity.to_string()
        };
        if let Some(i) = self.entity_index.get(&name) {
            return *i;
        }
        self.entities.push(name.clone());
        self.entity_index.insert(name, self.entities.len() - 1);
        self.entities.len() - 1
    }

    /// Writes the closing sheets: the matrices, the roster, and the codebook.
    pub fn finish(mut self, sink: &mut dyn Sink) -> io::Result<(Summary, bool)> {
        self.sdg_matrix(sink)?;
        self.country_matrix(sink)?;
        self.high_impact(sink)?;
        if self.roster.is_some() {
            self.roster_sheet(sink)?;
        }
        self.codebook(sink)?;
        Ok((self.summary, self.unreadable))
    }
}
