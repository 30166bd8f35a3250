//! The page as data: every section computed from the compiled tables (and, for labels, windows
//! and review SDGs, from the editions' definitions), ready for the templates.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::coverage::{self, Events, Sdgs};
use super::headline::{self, Headline};
use super::lists::{self, FileFindings, HighImpact, Limit, MemberStates, Resources};
use super::sheet::{Row, rows};
use super::{Options, Paper};
use crate::compile::as_of::{self, long_date};
use crate::compile::model::{Cell, Compilation};
use crate::compile::review_sdgs;
use crate::questionnaire::Questionnaire;

/// The definitions of the editions a compilation may name.
#[derive(Debug, Clone, Default)]
pub struct Definitions(pub Vec<Questionnaire>);

impl Definitions {
    /// The definition of edition `id`.
    pub fn get(&self, id: &str) -> Option<&Questionnaire> {
        self.0.iter().find(|q| q.id == id)
    }
}

/// An edition found in the responses.
#[derive(Debug, Clone, Serialize)]
pub struct Edition {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its edition's name, `HLPF 2024`, if the definition has one.
    pub name: Option<String>,
    /// The reporting window, `start – end`, if the definition has one.
    pub window: Option<String>,
    /// The SDGs under in-depth review at its forum.
    pub review_sdgs: Vec<u8>,
    /// Responses of this edition.
    pub responses: usize,
}

/// The roster: who was expected and who responded.
#[derive(Debug, Clone, Serialize)]
pub struct RosterView {
    /// Entities on the roster.
    pub members: usize,
    /// Members who responded, a file that could not be read counting as a response.
    pub responded: usize,
    /// `responded` as a percentage of `members`, rounded down.
    pub rate: usize,
    /// Members who did not respond.
    pub missing: Vec<String>,
    /// Members who responded more than once in one edition.
    pub twice: Vec<String>,
    /// Members whose only files could not be read.
    pub unreadable: Vec<String>,
    /// Responses matched to no member, or to several: entity, status, file.
    pub unmatched: Vec<(String, String, String)>,
}

/// The summary section.
#[derive(Debug, Clone, Serialize)]
pub struct Summary {
    /// Files compiled.
    pub responses: usize,
    /// Files without errors.
    pub valid: usize,
    /// Files with errors.
    pub invalid: usize,
    /// Errors over all files.
    pub errors: i64,
    /// Warnings over all files.
    pub warnings: i64,
    /// Distinct entities: entity keys.
    pub entities: usize,
    /// Responses not counted: copies of another, or not the latest with `--keep latest`.
    pub not_counted: usize,
    /// The roster, with `--roster`.
    pub roster: Option<RosterView>,
}

/// The day the page speaks as of.
#[derive(Debug, Clone, Serialize)]
pub struct AsOfView {
    /// As a reader says it: `7 December 2024`.
    pub long: String,
    /// ISO, for `<time datetime>`.
    pub iso: String,
    /// Where it came from: `the latest submission date`.
    pub source: &'static str,
}

/// The whole page.
#[derive(Debug, Clone, Serialize)]
pub struct Page {
    /// The page's title: the editions and the response rate.
    pub title: String,
    /// The as-of date, if anything gives one.
    pub as_of: Option<AsOfView>,
    /// The paper the page prints on: a CSS `@page` size.
    pub paper: &'static str,
    /// What the responses hold, for the first screen.
    pub headline: Headline,
    /// The editions of the responses.
    pub editions: Vec<Edition>,
    /// Totals and roster gaps.
    pub summary: Summary,
    /// SDG coverage: records per goal, entity × goal.
    pub sdgs: Sdgs,
    /// Events by date and by country.
    pub events: Events,
    /// Initiatives by Member State.
    pub member_states: MemberStates,
    /// The High-Impact Initiatives named.
    pub high_impact: HighImpact,
    /// The resources catalogue.
    pub resources: Resources,
    /// Each text's words against its limit.
    pub limits: Vec<Limit>,
    /// Notes: what was read from them, and those that hold no answer.
    pub notes: Notes,
    /// Findings, file by file.
    pub findings: FileFindings,
}

/// One note that holds no answer.
#[derive(Debug, Clone, Serialize)]
pub struct Note {
    /// The entity.
    pub entity: String,
    /// Where its response's preview is.
    pub anchor: String,
    /// The file.
    pub file: String,
    /// Its number among the response's notes.
    pub number: i64,
    /// Its text.
    pub text: String,
}

/// The notes section: answers read from notes, counted in the other sections, and the notes
/// that hold none.
#[derive(Debug, Clone, Serialize)]
pub struct Notes {
    /// Records read from notes.
    pub records: usize,
    /// Text answers read from notes.
    pub texts: usize,
    /// The responses whose notes hold answers: entity, the questions, the file.
    pub answered: Vec<(String, String, String)>,
    /// Every note that holds no answer.
    pub plain: Vec<Note>,
}

impl Notes {
    /// Whether the section has anything to say.
    pub fn any(&self) -> bool {
        self.records + self.texts > 0 || !self.plain.is_empty()
    }
}

/// The anchor of the preview of response number `i` (0-based, in input order).
pub fn anchor(i: usize) -> String {
    format!("response-{}", i + 1)
}

/// Where each file's preview is: file → anchor.
pub type Places = HashMap<String, String>;

/// The anchors of the previews; none when the page has no previews.
fn anchors(c: &Compilation, previews: bool) -> Places {
    if !previews {
        return Places::new();
    }
    rows(c, "responses")
        .iter()
        .enumerate()
        .map(|(i, r)| (r.text("file"), anchor(i)))
        .collect()
}

/// The name a response goes by: its entity, else its file in brackets.
pub fn entity_name(row: &Row<'_>) -> String {
    let entity = row.text("entity");
    if entity.is_empty() {
        format!("({})", row.text("file"))
    } else {
        entity
    }
}

/// The edition the title names: the one most responses answer (the first of equals), by its
/// edition name (`HLPF 2024`), else its title; the header lists every edition with its count.
fn principal(editions: &[Edition], defs: &Definitions) -> Option<String> {
    let most = editions.iter().map(|e| e.responses).max()?;
    let e = editions.iter().find(|e| e.responses == most)?;
    Some(
        defs.get(&e.id)
            .and_then(|q| q.edition.clone())
            .unwrap_or_else(|| e.title.clone()),
    )
}

/// The title: the principal edition, then the response rate against the roster, else the
/// responses and entities.
fn title(editions: &[Edition], defs: &Definitions, summary: &Summary) -> String {
    let named = principal(editions, defs).unwrap_or_else(|| "The".to_string());
    let rate = match &summary.roster {
        Some(r) => format!(
            "{} of {} {} responded ({}%)",
            r.responded,
            r.members,
            if r.members == 1 { "entity" } else { "entities" },
            r.rate
        ),
        None => format!(
            "{} {} from {} {}",
            summary.responses,
            crate::text::plural(summary.responses, "response"),
            summary.entities,
            if summary.entities == 1 {
                "entity"
            } else {
                "entities"
            }
        ),
    };
    format!("{named} questionnaire — {rate}")
}

/// The as-of date by the one rule ([`as_of::from_env`]): the flag, `SOURCE_DATE_EPOCH`, else
/// the latest `submitted` of the responses.
fn as_of_view(c: &Compilation, flag: Option<jiff::civil::Date>) -> Option<AsOfView> {
    let submitted = rows(c, "responses")
        .into_iter()
        .filter_map(|r| match r.cell("submitted") {
            Cell::Date(d) => Some(*d),
            _ => None,
        })
        .collect::<Vec<_>>();
    as_of::from_env(flag, submitted).map(|a| AsOfView {
        long: long_date(a.date),
        iso: a.date.to_string(),
        source: a.source.said(),
    })
}

/// Builds the page from a compilation; the previews are made as the page is written
/// ([`super::preview::Previewer`]).
pub fn page(c: &Compilation, defs: &Definitions, options: Options) -> Page {
    let responses = rows(c, "responses");
    let mut editions: Vec<Edition> = Vec::new();
    for row in &responses {
        let id = row.text("edition");
        if id.is_empty() {
            continue;
        }
        if let Some(e) = editions.iter_mut().find(|e| e.id == id) {
            e.responses += 1;
            continue;
        }
        let def = defs.get(&id);
        editions.push(Edition {
            title: def.map_or_else(|| id.clone(), |q| q.title.clone()),
            name: def.and_then(|q| q.edition.clone()),
            window: def
                .and_then(|q| q.reporting_window)
                .map(|w| format!("{} – {}", w.start, w.end)),
            review_sdgs: def.map(review_sdgs).unwrap_or_default(),
            id,
            responses: 1,
        });
    }
    let valid = responses.iter().filter(|r| r.flag("valid")).count();
    let entities: BTreeSet<String> = responses
        .iter()
        .map(|r| r.text("entity_key"))
        .filter(|e| !e.is_empty())
        .collect();
    let summary = Summary {
        responses: responses.len(),
        valid,
        invalid: responses.len() - valid,
        errors: responses.iter().map(|r| r.int("errors")).sum(),
        warnings: responses.iter().map(|r| r.int("warnings")).sum(),
        entities: entities.len(),
        not_counted: responses
            .iter()
            .filter(|r| !r.text("duplicate_of").is_empty())
            .count(),
        roster: roster(c),
    };
    let title = title(&editions, defs, &summary);
    let places = anchors(c, options.previews);
    let sdgs = coverage::sdgs(c, &places);
    let member_states = lists::member_states(c);
    let high_impact = lists::high_impact(c, &places);
    Page {
        title,
        as_of: as_of_view(c, options.as_of),
        paper: match options.paper {
            Paper::A4 => "A4 portrait",
            Paper::Letter => "letter portrait",
        },
        headline: headline::headline(c, &sdgs.chart, &high_impact.chart, &member_states.chart),
        summary,
        sdgs,
        events: coverage::events(c, defs, &places),
        member_states,
        high_impact,
        resources: lists::resources(c, defs, &places),
        limits: lists::limits(c, &places),
        notes: notes(c, &places),
        findings: lists::findings(c, &places),
        editions,
    }
}

/// What the compiled tables say of notes: rows read from them (`via = notes`), and the `notes`
/// sheet.
fn notes(c: &Compilation, places: &Places) -> Notes {
    let from_notes = |row: &Row<'_>| row.text("via") == "notes";
    let records = super::sheet::record_sheets(c)
        .into_iter()
        .map(|(_, sheet)| {
            super::sheet::sheet_rows(sheet)
                .iter()
                .filter(|r| from_notes(r))
                .count()
        })
        .sum();
    let texts = rows(c, "texts").iter().filter(|r| from_notes(r)).count();
    let answered = rows(c, "responses")
        .iter()
        .filter(|r| !r.text("in_notes").is_empty() && r.text("duplicate_of").is_empty())
        .map(|r| (entity_name(r), r.text("in_notes"), r.text("file")))
        .collect();
    let plain = rows(c, "notes")
        .iter()
        .map(|r| Note {
            entity: entity_name(r),
            anchor: places.get(&r.text("file")).cloned().unwrap_or_default(),
            file: r.text("file"),
            number: r.int("note"),
            text: r.text("text"),
        })
        .collect();
    Notes {
        records,
        texts,
        answered,
        plain,
    }
}

fn roster(c: &Compilation) -> Option<RosterView> {
    let sheet = c.sheet("roster")?;
    let mut view = RosterView {
        members: 0,
        responded: 0,
        rate: 0,
        missing: Vec::new(),
        twice: Vec::new(),
        unreadable: Vec::new(),
        unmatched: Vec::new(),
    };
    for row in super::sheet::sheet_rows(sheet) {
        let name = row.text("name");
        match row.text("status").as_str() {
            "not responded" => {
                view.members += 1;
                view.missing.push(name);
            }
            "responded" => {
                view.members += 1;
                view.responded += 1;
            }
            "responded twice" => {
                view.members += 1;
                view.responded += 1;
                view.twice.push(name);
            }
            // A roster entry's row says what matched it; a file that matched no entry's
            // says nothing there.
            "received, unreadable" if !row.text("matched_by").is_empty() => {
                view.members += 1;
                view.responded += 1;
                view.unreadable.push(name);
            }
            status => view
                .unmatched
                .push((name, status.to_string(), row.text("files"))),
        }
    }
    view.rate = (view.responded * 100)
        .checked_div(view.members)
        .unwrap_or(0);
    Some(view)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn edition(id: &str, responses: usize) -> Edition {
        Edition {
            id: id.to_string(),
            title: format!("Title of {id}"),
            name: None,
            window: None,
            review_sdgs: Vec::new(),
            responses,
        }
    }

    fn summary(roster: Option<(usize, usize)>) -> Summary {
        Summary {
            responses: 55,
            valid: 50,
            invalid: 5,
            errors: 6,
            warnings: 7,
            entities: 53,
            not_counted: 1,
            roster: roster.map(|(responded, members)| RosterView {
                members,
                responded,
                rate: responded * 100 / members,
                missing: Vec::new(),
                twice: Vec::new(),
                unreadable: Vec::new(),
                unmatched: Vec::new(),
            }),
        }
    }

    #[test]
    fn the_title_names_the_edition_most_answer_and_the_response_rate() {
        let defs = Definitions(vec![
            Questionnaire::builtin_cached("hlpf-2024").unwrap().clone(),
        ]);
        let editions = [edition("hlpf-2025", 1), edition("hlpf-2024", 54)];
        assert_eq!(
            title(&editions, &defs, &summary(Some((49, 52)))),
            "HLPF 2024 questionnaire — 49 of 52 entities responded (94%)"
        );
        assert_eq!(
            title(&editions, &defs, &summary(None)),
            "HLPF 2024 questionnaire — 55 responses from 53 entities"
        );
        // An edition no definition names goes by its title.
        assert_eq!(
            title(&[edition("pilot", 3)], &defs, &summary(Some((1, 1)))),
            "Title of pilot questionnaire — 1 of 1 entity responded (100%)"
        );
        assert_eq!(
            title(&[], &defs, &summary(None)),
            "The questionnaire — 55 responses from 53 entities"
        );
    }
}
