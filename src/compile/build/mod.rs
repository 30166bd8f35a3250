//! Building the tables in two passes. Each checked response, in input order, becomes rows at
//! once — spooled to a temporary file ([`spool`]), so that only one slice of responses is ever
//! held — and leaves a small entry behind. Once every response is in, what only the whole
//! intake says is decided, and the spooled rows are replayed into the sink in the same order,
//! followed by the closing sheets (the matrices, the roster and the codebook), written from
//! the entries.

mod cells;
mod closing;
mod columns;
mod count;
mod goals;
mod places;
mod rows;
mod spool;

use std::hash::{BuildHasher, Hasher};
use std::io;
use std::sync::LazyLock;

use jiff::civil::Date;

use cells::{Context, Stats, scalar_text, sheet_name};
pub use cells::{is_web_link, truncate};
use count::{Candidate, Counting, decide};
pub use places::PlaceKind;
use rows::{Rows, Shares};
use spool::{Item, Spool, Spooled, Tag};

use super::entity::{Identity, Keys, KnownBy, closest_known};
use super::model::{Cell, Column, SheetSpec, Sink};
use super::read::entity_of_file_name;
use super::roster::{Match, Roster};
use super::topic::{Layout, TopicKind};
use super::{Options, Totals};
use crate::answers::Answers;
use crate::finding::{Code, Finding};
use crate::questionnaire::Questionnaire;
use crate::report::FileReport;
use crate::report::Summary;

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
    /// Whether it was received but not read as answers: it does not parse, or is too large.
    pub unparsed: bool,
    /// The entity of a file that does not parse, read best-effort from its `entity` line.
    pub entity_read: Option<String>,
}

/// The sheets a compilation may have besides one per record question, in workbook order
/// (`notes` only when some note holds no answer, `roster` only with a roster).
pub const FIXED_SHEETS: [&str; 11] = [
    "responses",
    "texts",
    "sdgs",
    "sdg_matrix",
    "member_states",
    "country_matrix",
    "high_impact",
    "notes",
    "findings",
    "codebook",
    "roster",
];

/// The names of the sheets a compilation of `layout` may write, in workbook order: `notes`
/// is written only when some response has a note that holds no answer.
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
        FIXED_SHEETS[2..10]
            .iter()
            .map(std::string::ToString::to_string),
    );
    if roster {
        names.push(FIXED_SHEETS[10].to_string());
    }
    names
}

/// The sheets of one compilation, numbered in workbook order.
#[derive(Debug, Clone)]
struct Plan {
    responses: usize,
    texts: usize,
    records: usize,
    sdgs: usize,
    sdg_matrix: usize,
    member_states: usize,
    country_matrix: usize,
    high_impact: usize,
    notes: Option<usize>,
    findings: usize,
    codebook: usize,
    roster: usize,
}

impl Plan {
    fn new(layout: &Layout, notes: bool) -> Plan {
        let after = 2 + layout.record_topics().count();
        let notes = notes.then_some(after + 5);
        let findings = after + 5 + usize::from(notes.is_some());
        Plan {
            responses: 0,
            texts: 1,
            records: 2,
            sdgs: after,
            sdg_matrix: after + 1,
            member_states: after + 2,
            country_matrix: after + 3,
            high_impact: after + 4,
            notes,
            findings,
            codebook: findings + 1,
            roster: findings + 2,
        }
    }

    /// The sheet a spooled row goes to; `None` for a note when no sheet holds notes.
    fn sheet(&self, tag: Tag) -> Option<usize> {
        Some(match tag {
            Tag::Responses => self.responses,
            Tag::Texts => self.texts,
            Tag::Records(n) => self.records + usize::from(n),
            Tag::Sdgs => self.sdgs,
            Tag::MemberStates => self.member_states,
            Tag::HighImpact => self.high_impact,
            Tag::Notes => return self.notes,
            Tag::Findings => self.findings,
        })
    }
}

/// What the builder keeps of one response once its rows are spooled.
#[derive(Debug)]
struct Entry {
    /// The entity as the response writes it; empty when it writes none.
    entity: String,
    /// The name it was identified by: the entity, else as read from a file that does not
    /// parse, else from the file's name.
    name: String,
    identity: Identity,
    edition: String,
    file: String,
    unparsed: bool,
    /// A fingerprint of the answers table, to tell copies from different answers.
    answers: Option<u64>,
    submitted: Option<Date>,
    shares: Shares,
}

/// Turns responses into rows, and keeps what the closing sheets need.
pub struct Builder<'a> {
    layout: &'a Layout,
    roster: Option<&'a Roster>,
    initiatives: Vec<String>,
    /// The editions a note may answer: the compiled ones, then the other built-in ones.
    note_editions: Vec<&'a Questionnaire>,
    keys: Keys,
    options: &'a Options,
    spool: Spool,
    entries: Vec<Entry>,
    /// What counts of each entry, decided once every response is in.
    counting: Vec<Counting>,
    specs: Vec<Option<SheetSpec>>,
    /// Totals over the responses added so far.
    pub summary: Summary,
    /// Whether some input could not be read at all.
    pub unreadable: bool,
}

impl<'a> Builder<'a> {
    /// A builder for these editions; `roster` adds the roster sheet; `options` say which of an
    /// entity's answers to one edition count, the review of a previous compilation carried
    /// over, and whether texts are cut to a spreadsheet cell. Its rows wait in a temporary file until
    /// [`Builder::finish`].
    pub fn new(
        layout: &'a Layout,
        roster: Option<&'a Roster>,
        options: &'a Options,
    ) -> io::Result<Builder<'a>> {
        Ok(Builder {
            layout,
            roster,
            initiatives: columns::initiative_names(layout),
            note_editions: note_editions(layout),
            keys: Keys::default(),
            options,
            spool: Spool::new()?,
            entries: Vec::new(),
            counting: Vec::new(),
            specs: Vec::new(),
            summary: Summary::default(),
            unreadable: false,
        })
    }

    /// Adds one response: its rows, its findings, and its share of the totals. Gives the
    /// `truncated` findings of the texts the workbook cuts, which go to standard error too.
    pub fn add(&mut self, response: Response) -> io::Result<Vec<Finding>> {
        let Response {
            file,
            read_as,
            edition,
            mut answers,
            mut findings,
            unparsed,
            entity_read,
        } = response;
        let fingerprint = answers.as_mut().map(fingerprint);
        let submitted_text = answers
            .as_ref()
            .and_then(|a| a.submitted.as_ref())
            .map(scalar_text)
            .unwrap_or_default();
        let submitted = submitted_text.parse::<Date>().ok();
        let submitted_cell = submitted.map_or_else(|| Cell::text(submitted_text), Cell::Date);
        let contacts: Vec<(String, String)> = answers
            .as_ref()
            .map(|a| {
                a.contact
                    .iter()
                    .map(|(k, v)| (k.clone(), scalar_text(v)))
                    .collect()
            })
            .unwrap_or_default();
        let contact = |key: &str| {
            contacts
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        let entity = answers
            .as_ref()
            .and_then(|a| a.entity.as_ref())
            .map(scalar_text)
            .unwrap_or_default();
        let name = [Some(entity.as_str()), entity_read.as_deref()]
            .into_iter()
            .flatten()
            .find(|n| !n.trim().is_empty())
            .map_or_else(|| entity_of_file_name(&file), str::to_string);
        let identity = self.keys.identify(&name, self.roster);
        if let (Some(Match::Ambiguous(candidates)), Some(roster)) = (&identity.roster, self.roster)
        {
            findings.push(ambiguous(roster, &name, candidates));
        }
        let edition_id = edition.clone().unwrap_or_default();
        let who = [
            Cell::text(entity.clone()),
            Cell::text(identity.key.clone()),
            Cell::text(edition_id.clone()),
            Cell::text(file.clone()),
        ];
        self.spool.begin(self.entries.len() as u32)?;
        let mut rows = Rows {
            layout: self.layout,
            initiatives: &self.initiatives,
            note_editions: &self.note_editions,
            spool: &mut self.spool,
            stats: Stats::default(),
            shares: Shares::default(),
            numbered: std::collections::BTreeMap::new(),
        };
        let q = edition.as_deref().and_then(|id| self.layout.edition(id));
        if let (Some(answers), Some(q)) = (&answers, q) {
            let mut cx = Context {
                who: &who,
                findings: &mut findings,
                cut_cells: self.options.cut_cells,
            };
            rows.answers(answers, q, &mut cx)?;
        }
        let Rows { stats, shares, .. } = rows;

        for finding in &findings {
            let mut row: Vec<Spooled> = finding_row(&file, &identity.key, finding)
                .into_iter()
                .map(Spooled::Cell)
                .collect();
            if let Some((topic, number)) = q.and_then(|q| self.record_of(q, &finding.path)) {
                row[FINDING_RECORD] = Spooled::Cell(Cell::Int(i64::from(number)));
                row[FINDING_RECORD + 1] = Spooled::RecordId { topic, number };
            }
            self.spool.row_spooled(Tag::Findings, &row)?;
        }
        let cut: Vec<Finding> = findings
            .iter()
            .filter(|f| f.code == Code::Truncated)
            .cloned()
            .collect();
        let report = FileReport::new(file.clone(), findings);
        self.summary.add(&report, false);
        self.unreadable |= report.unreadable();

        let mut row = who.to_vec();
        row.extend([
            Cell::text(identity.known_by.as_str()),
            Cell::text(read_as),
            Cell::Bool(report.valid(false)),
            Cell::Int(report.errors() as i64),
            Cell::Int(report.warnings() as i64),
            submitted_cell,
            Cell::text(contact("name")),
            Cell::text(contact("email")),
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
        row.push(Cell::text(stats.in_notes.join(", ")));
        self.spool.row(Tag::Responses, &row)?;
        self.entries.push(Entry {
            entity,
            name,
            identity,
            edition: edition_id,
            file,
            unparsed,
            answers: fingerprint,
            submitted,
            shares,
        });
        Ok(cut)
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
        if self.specs.len() <= sheet {
            self.specs.resize(sheet + 1, None);
        }
        self.specs[sheet] = Some(spec);
        Ok(())
    }

    /// Writes every sheet: the headers, the spooled rows in input order, then the closing
    /// sheets (the matrices, the roster, the codebook).
    pub fn finish(mut self, sink: &mut dyn Sink) -> io::Result<Totals> {
        let candidates: Vec<Candidate<'_>> = self
            .entries
            .iter()
            .map(|e| Candidate {
                key: &e.identity.key,
                edition: &e.edition,
                answers: e.answers,
                submitted: e.submitted,
                file: &e.file,
            })
            .collect();
        self.counting = decide(&candidates, self.options.keep);
        let notes = self
            .entries
            .iter()
            .zip(&self.counting)
            .any(|(e, c)| c.counted() && e.shares.plain_notes > 0);
        let plan = Plan::new(self.layout, notes);
        self.headers(sink, &plan)?;
        let suffixes = self.id_suffixes();
        let topics: Vec<&str> = self
            .layout
            .record_topics()
            .map(|(t, _)| t.id.as_str())
            .collect();
        let spool = std::mem::replace(&mut self.spool, Spool::new()?);
        let mut replay = spool.read_back()?;
        let mut current = 0;
        while let Some(item) = replay.next_item()? {
            let (tag, cells) = match item {
                Item::Begin(n) => {
                    current = n as usize;
                    continue;
                }
                Item::Row(tag, cells) => (tag, cells),
            };
            let counting = &self.counting[current];
            if tag.is_data() && !counting.counted() {
                continue;
            }
            let entry = &self.entries[current];
            let mut cells: Vec<Cell> = cells
                .into_iter()
                .map(|cell| match cell {
                    Spooled::Cell(cell) => cell,
                    Spooled::RecordId { topic, number } => Cell::Text(format!(
                        "{}-{}-{}-{number}{}",
                        entry.identity.key,
                        year(&entry.edition),
                        topics.get(usize::from(topic)).copied().unwrap_or_default(),
                        suffixes[current]
                    )),
                })
                .collect();
            if tag == Tag::Responses {
                self.close_response(current, &mut cells, sink, &plan)?;
            }
            if let Some(sheet) = plan.sheet(tag) {
                sink.row(sheet, cells)?;
            }
        }
        self.sdg_matrix(sink, &plan)?;
        self.country_matrix(sink, &plan)?;
        if self.roster.is_some() {
            self.roster_sheet(sink, &plan)?;
        }
        self.codebook(sink, &plan)?;
        Ok(Totals {
            summary: self.summary,
            unreadable: self.unreadable,
            unknown: self.unknown(),
            merged: self.counting.iter().filter(|c| !c.counted()).count(),
            not_member_states: self.counted_sum(|s| s.other_places),
            from_notes: self.counted_sum(|s| s.notes_records),
        })
    }

    /// A figure of the responses that count, summed.
    fn counted_sum(&self, of: impl Fn(&Shares) -> usize) -> usize {
        self.entries
            .iter()
            .zip(&self.counting)
            .filter(|(_, c)| c.counted())
            .map(|(e, _)| of(&e.shares))
            .sum()
    }

    /// The record sheet and number of the record a finding of a response to `q` points into.
    fn record_of(&self, q: &Questionnaire, path: &str) -> Option<(u16, u32)> {
        let (question, number) = record_path(path)?;
        q.question(question)?;
        let topic = crate::compile::topic::root_question(q, question);
        let sheet = self
            .layout
            .record_topics()
            .position(|(t, _)| t.id == topic)?;
        Some((u16::try_from(sheet).ok()?, number))
    }

    /// The last of a response's rows, its `responses` row, gets what only the whole intake
    /// says: whether it counts, the answer it copies, and (before it) the `duplicate-entity`
    /// warning it is owed.
    fn close_response(
        &mut self,
        at: usize,
        row: &mut Vec<Cell>,
        sink: &mut dyn Sink,
        plan: &Plan,
    ) -> io::Result<()> {
        let entry = &self.entries[at];
        let counting = &self.counting[at];
        if !counting.twins.is_empty() {
            let others: Vec<String> = counting
                .twins
                .iter()
                .map(|t| format!("`{}`", self.entries[*t].file))
                .collect();
            let finding = Finding::new(
                Code::DuplicateEntity,
                "entity",
                format!(
                    "`{}` sent {} different answers to {}: this file and {}; each is counted, so the same work may be counted twice",
                    entry.identity.key,
                    counting.twins.len() + 1,
                    entry.edition,
                    others.join(", ")
                ),
            )
            .with_hint("keep only the final answer, or compile with `--keep latest` to count the latest alone");
            sink.row(
                plan.findings,
                finding_row(&entry.file, &entry.identity.key, &finding),
            )?;
            self.summary.warnings += 1;
            let warnings = self.specs[plan.responses]
                .as_ref()
                .and_then(|spec| spec.columns.iter().position(|c| c.id == "warnings"));
            if let Some(Cell::Int(n)) = warnings.and_then(|at| row.get_mut(at)) {
                *n += 1;
            }
        }
        row.push(Cell::Bool(counting.counted()));
        row.push(Cell::text(
            counting
                .duplicate_of
                .map(|d| self.entries[d].file.clone())
                .unwrap_or_default(),
        ));
        let review = self
            .options
            .review
            .as_ref()
            .and_then(|r| r.get(&entry.identity.key, &entry.edition));
        row.push(Cell::text(review.map(|r| r.0.clone()).unwrap_or_default()));
        row.push(Cell::text(review.map(|r| r.1.clone()).unwrap_or_default()));
        Ok(())
    }

    /// What each response's record ids end with: nothing for the first file of an entity and
    /// edition (the files that count first, in input order), `~2`, `~3`… for the others.
    fn id_suffixes(&self) -> Vec<String> {
        let mut seen: std::collections::HashMap<(&str, &str), usize> =
            std::collections::HashMap::new();
        let mut out = vec![String::new(); self.entries.len()];
        let order = (0..self.entries.len())
            .filter(|i| self.counting[*i].counted())
            .chain((0..self.entries.len()).filter(|i| !self.counting[*i].counted()));
        for i in order {
            let entry = &self.entries[i];
            let n = seen
                .entry((&entry.identity.key, &entry.edition))
                .or_default();
            *n += 1;
            if *n > 1 {
                out[i] = format!("~{n}");
            }
        }
        out
    }

    /// The entities neither the roster nor the directory knows, each once, with the closest
    /// known one.
    fn unknown(&self) -> Vec<Unknown> {
        let mut out: Vec<Unknown> = Vec::new();
        // A set, not a search of `out`: a corpus of thousands of unknown names stays linear.
        let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for entry in &self.entries {
            let ambiguous = matches!(entry.identity.roster, Some(Match::Ambiguous(_)));
            if entry.identity.known_by != KnownBy::Neither || ambiguous {
                continue;
            }
            if !seen.insert(entry.identity.key.as_str()) {
                continue;
            }
            out.push(Unknown {
                name: entry.name.clone(),
                key: entry.identity.key.clone(),
                closest: closest_known(&entry.name, self.roster),
            });
        }
        out
    }

    /// The headers of the sheets the spooled rows go to, and the sheets they close with.
    fn headers(&mut self, sink: &mut dyn Sink, plan: &Plan) -> io::Result<()> {
        let layout = self.layout;
        self.header(
            sink,
            plan.responses,
            "responses",
            columns::responses(layout),
        )?;
        self.header(sink, plan.texts, "texts", columns::texts())?;
        for (i, (name, columns)) in columns::records(layout).into_iter().enumerate() {
            self.header(sink, plan.records + i, &name, columns)?;
        }
        self.header(sink, plan.sdgs, "sdgs", columns::sdgs())?;
        self.header(sink, plan.sdg_matrix, "sdg_matrix", closing::sdg_columns())?;
        self.header(
            sink,
            plan.member_states,
            "member_states",
            columns::member_states(),
        )?;
        let country = self.country_columns();
        self.header(sink, plan.country_matrix, "country_matrix", country)?;
        let high_impact = columns::high_impact(&self.initiatives);
        self.header(sink, plan.high_impact, "high_impact", high_impact)?;
        if let Some(notes) = plan.notes {
            self.header(sink, notes, "notes", columns::notes())?;
        }
        self.header(sink, plan.findings, "findings", columns::findings())?;
        self.header(sink, plan.codebook, "codebook", closing::codebook_columns())?;
        if self.roster.is_some() {
            self.header(sink, plan.roster, "roster", closing::roster_columns())?;
        }
        Ok(())
    }
}

/// The editions a note may answer: the compiled ones, then the built-in ones not compiled.
fn note_editions(layout: &Layout) -> Vec<&Questionnaire> {
    let mut editions: Vec<&Questionnaire> = layout.editions.iter().collect();
    for builtin in Questionnaire::builtin_ids().filter_map(Questionnaire::builtin_cached) {
        if !editions.iter().any(|q| q.id == builtin.id) {
            editions.push(builtin);
        }
    }
    editions
}

/// The fingerprints' hasher. One seed a run (a `RandomState` is seeded anew each time one is
/// made): fingerprints are only compared within a run, and a seed no file can know means no
/// file can be made to collide with another.
static FINGERPRINTS: LazyLock<foldhash::quality::RandomState> =
    LazyLock::new(foldhash::quality::RandomState::default);

/// A fingerprint of a response's answers table alone (not its entity, dates, contact, notes or
/// file), as its canonical JSON: the same answers written in TOML and in JSON are the same.
fn fingerprint(answers: &mut Answers) -> u64 {
    let table = Answers {
        answers: std::mem::take(&mut answers.answers),
        ..Answers::default()
    };
    let node = table.to_node();
    answers.answers = table.answers;
    // Hashed as JSON would write it, neither the JSON tree nor its text built: building and
    // writing them was a third of a compile to CSV.
    let mut hasher = FINGERPRINTS.build_hasher();
    crate::answers::hash_as_json(&node, &mut hasher);
    hasher.finish()
}

/// The year a record id names for an edition: the last four digits in a row in its id
/// (`hlpf-2025` is 2025), else the id.
fn year(edition: &str) -> &str {
    let bytes = edition.as_bytes();
    (0..bytes.len().saturating_sub(3))
        .rev()
        .find(|&i| {
            bytes[i..i + 4].iter().all(u8::is_ascii_digit)
                && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
                && (i == 0 || !bytes[i - 1].is_ascii_digit())
        })
        .map_or(edition, |i| &edition[i..i + 4])
}

/// Where a finding's row holds the number of the record it points to; its id follows.
const FINDING_RECORD: usize = 5;

/// The record a finding's path points into, `question[index]…`: its record topic's place and
/// its number from 1.
fn record_path(path: &str) -> Option<(&str, u32)> {
    let open = path.find('[')?;
    let (question, rest) = path.split_at(open);
    if question.contains('.') {
        return None;
    }
    let close = rest.find(']')?;
    let index: u32 = rest[1..close].parse().ok()?;
    Some((question, index.checked_add(1)?))
}

/// A finding as a row of the `findings` sheet.
fn finding_row(file: &str, key: &str, finding: &Finding) -> Vec<Cell> {
    vec![
        Cell::text(file),
        Cell::text(key),
        finding.line.map_or(Cell::Empty, |l| Cell::Int(l as i64)),
        finding.column.map_or(Cell::Empty, |c| Cell::Int(c as i64)),
        Cell::text(finding.path.clone()),
        Cell::Empty,
        Cell::Empty,
        Cell::text(finding.code.as_str()),
        Cell::text(finding.severity.as_str()),
        Cell::text(finding.message.clone()),
        Cell::text(finding.hint.clone().unwrap_or_default()),
    ]
}

/// An entity neither the roster nor the directory knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// Its name, as written (or read from the file).
    pub name: String,
    /// Its key.
    pub key: String,
    /// The closest entity the roster (else the directory) knows, if one is close.
    pub closest: Option<String>,
}

/// The `roster-ambiguous` finding of an entity that matches several roster entries.
fn ambiguous(roster: &Roster, entity: &str, candidates: &[usize]) -> Finding {
    let names: Vec<String> = candidates
        .iter()
        .map(|i| format!("`{}`", roster.members[*i].name))
        .collect();
    Finding::new(
        Code::RosterAmbiguous,
        "entity",
        format!(
            "entity `{entity}` matches {} roster entries: {}",
            names.len(),
            names.join(", ")
        ),
    )
    .with_hint("write the entity's full name and acronym as the roster has them, or make the roster's entries distinct")
}
