//! The closing sheets, written once every response is in: the SDG and country matrices, the
//! roster, and the codebook.

use std::collections::hash_map::Entry as Slot;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io;

use super::columns::col;
use super::{ALL_MEMBER_STATES, Builder, Entry, Plan};
use crate::compile::model::{Cell, Column, ColumnKind, SheetSpec, Sink};
use crate::compile::roster::{Match, MatchedBy};
use crate::compile::topic::review_sdgs;

/// `sdg_matrix`: records naming each goal, a row per entity and edition naming any.
pub(super) fn sdg_columns() -> Vec<Column> {
    let mut columns = vec![
        col("entity", "Entity", ColumnKind::Text),
        col("entity_key", "Entity key", ColumnKind::Text),
        col("edition", "Edition", ColumnKind::Text),
        col("files", "Files", ColumnKind::Text),
    ];
    for goal in 1..=17 {
        columns.push(
            col(
                &format!("sdg_{goal}"),
                &format!("SDG {goal}"),
                ColumnKind::Integer,
            )
            .unit("records"),
        );
    }
    columns.extend([
        col("goals", "Goals named", ColumnKind::Integer).unit("goals"),
        col(
            "review_sdgs",
            "SDGs under review in the edition",
            ColumnKind::Text,
        ),
        col(
            "review_goals",
            "Goals under review named",
            ColumnKind::Integer,
        )
        .unit("goals"),
    ]);
    columns
}

/// `codebook`: every column of every sheet.
pub(super) fn codebook_columns() -> Vec<Column> {
    vec![
        col("sheet", "Sheet", ColumnKind::Text),
        col("column", "Column", ColumnKind::Text),
        col("question", "Question", ColumnKind::Text),
        col("label", "Label", ColumnKind::Text),
        col("editions", "Editions", ColumnKind::Text),
        col("kind", "Kind", ColumnKind::Text),
        col("unit", "Unit", ColumnKind::Text),
    ]
}

/// `roster`: each entry and what matched it, then the responses matching none.
pub(super) fn roster_columns() -> Vec<Column> {
    vec![
        col("name", "Name", ColumnKind::Text),
        col("acronym", "Acronym", ColumnKind::Text),
        col("status", "Status", ColumnKind::Text),
        col("matched_by", "Matched by", ColumnKind::Text),
        col("entity_key", "Entity key", ColumnKind::Text),
        col("responses", "Responses", ColumnKind::Integer).unit("files"),
        col("editions", "Editions", ColumnKind::Text),
        col("files", "Files", ColumnKind::Text),
        col("closest", "Closest roster entry", ColumnKind::Text),
    ]
}

/// A roster entry's status: what the files that matched it say.
fn status(hits: &[&Entry]) -> &'static str {
    let mut per_edition: BTreeMap<&str, usize> = BTreeMap::new();
    for entry in hits.iter().filter(|e| !e.unparsed) {
        *per_edition.entry(entry.edition.as_str()).or_default() += 1;
    }
    if per_edition.values().any(|n| *n > 1) {
        "responded twice"
    } else if !per_edition.is_empty() {
        "responded"
    } else if hits.is_empty() {
        "not responded"
    } else {
        "received, unreadable"
    }
}

/// Items each once, in order, joined with `sep`.
fn distinct<'s>(items: impl Iterator<Item = &'s str>, sep: &str) -> String {
    let mut seen: Vec<&str> = Vec::new();
    for item in items.filter(|i| !i.is_empty()) {
        if !seen.contains(&item) {
            seen.push(item);
        }
    }
    seen.join(sep)
}

/// The largest of each goal's counts: a goal an entity's two answers both name counts once.
fn most(counts: &[[i64; 17]]) -> [i64; 17] {
    let mut out = [0; 17];
    for c in counts {
        for (o, n) in out.iter_mut().zip(c) {
            *o = (*o).max(*n);
        }
    }
    out
}

impl Builder<'_> {
    /// The counted responses of each entity and edition, in the order each group first
    /// appears: the rows of the matrices.
    fn groups(&self) -> Vec<(&str, &str, Vec<&Entry>)> {
        let mut out: Vec<(&str, &str, Vec<&Entry>)> = Vec::new();
        // An index, not a search of `out`: thousands of keys stay linear.
        let mut at: HashMap<(&str, &str), usize> = HashMap::new();
        for (entry, counting) in self.entries.iter().zip(&self.counting) {
            if !counting.counted() {
                continue;
            }
            let (key, edition) = (entry.identity.key.as_str(), entry.edition.as_str());
            match at.entry((key, edition)) {
                Slot::Occupied(i) => out[*i.get()].2.push(entry),
                Slot::Vacant(slot) => {
                    slot.insert(out.len());
                    out.push((key, edition, vec![entry]));
                }
            }
        }
        out
    }

    /// The entity keys of the country matrix's columns, in the order each first names a place.
    fn country_keys(&self) -> Vec<&str> {
        let mut keys: Vec<&str> = Vec::new();
        let mut seen: HashSet<&str> = HashSet::new();
        for (key, _, entries) in self.groups() {
            if entries.iter().any(|e| !e.shares.countries.is_empty()) && seen.insert(key) {
                keys.push(key);
            }
        }
        keys
    }

    /// `country_matrix`: the country, a column per entity key naming places, the number of
    /// entities naming it, and the total of records.
    pub(super) fn country_columns(&self) -> Vec<Column> {
        let mut columns = vec![col("country", "Country", ColumnKind::Text)];
        for key in self.country_keys() {
            columns.push(Column {
                id: key.to_string(),
                label: key.to_string(),
                question: None,
                editions: Vec::new(),
                kind: ColumnKind::Integer,
                unit: Some("records".to_string()),
            });
        }
        columns.extend([
            col("entities", "Entities naming it", ColumnKind::Integer).unit("entities"),
            col("total", "Total", ColumnKind::Integer).unit("records"),
        ]);
        columns
    }

    pub(super) fn sdg_matrix(&mut self, sink: &mut dyn Sink, plan: &Plan) -> io::Result<()> {
        let mut naming: Vec<BTreeSet<&str>> = vec![BTreeSet::new(); 17];
        for (key, edition, entries) in self.groups() {
            let with: Vec<&Entry> = entries
                .into_iter()
                .filter(|e| e.shares.sdgs.is_some())
                .collect();
            let counts: Vec<[i64; 17]> = with.iter().filter_map(|e| e.shares.sdgs).collect();
            if counts.is_empty() {
                continue;
            }
            let counts = most(&counts);
            let review = self
                .layout
                .edition(edition)
                .map(review_sdgs)
                .unwrap_or_default();
            let files: Vec<&str> = with.iter().map(|e| e.file.as_str()).collect();
            let mut cells = vec![
                Cell::text(with[0].entity.clone()),
                Cell::text(key),
                Cell::text(edition),
                Cell::text(files.join("; ")),
            ];
            for (i, count) in counts.iter().enumerate() {
                if *count > 0 {
                    naming[i].insert(key);
                }
                cells.push(if *count > 0 {
                    Cell::Int(*count)
                } else {
                    Cell::Empty
                });
            }
            let named = counts.iter().filter(|c| **c > 0).count();
            let review_named = review
                .iter()
                .filter(|g| counts[usize::from(**g) - 1] > 0)
                .count();
            cells.extend([
                Cell::Int(named as i64),
                Cell::text(
                    review
                        .iter()
                        .map(u8::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                ),
                if review.is_empty() {
                    Cell::Empty
                } else {
                    Cell::Int(review_named as i64)
                },
            ]);
            sink.row(plan.sdg_matrix, cells)?;
        }
        let mut cells = vec![
            Cell::text("total (entities naming the goal)"),
            Cell::Empty,
            Cell::Empty,
            Cell::Empty,
        ];
        cells.extend(naming.iter().map(|keys| Cell::Int(keys.len() as i64)));
        cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
        sink.row(plan.sdg_matrix, cells)
    }

    pub(super) fn country_matrix(&mut self, sink: &mut dyn Sink, plan: &Plan) -> io::Result<()> {
        let keys = self.country_keys();
        let column: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        // Per country and key: the records of each edition's answers, the largest of one
        // entity's answers to an edition, summed over editions.
        let mut countries: BTreeMap<&str, BTreeMap<usize, i64>> = BTreeMap::new();
        for (key, _, entries) in self.groups() {
            let Some(at) = column.get(key) else {
                continue;
            };
            let mut most: BTreeMap<&str, i64> = BTreeMap::new();
            for entry in entries {
                for (country, n) in &entry.shares.countries {
                    let slot = most.entry(country.as_str()).or_default();
                    *slot = (*slot).max(*n);
                }
            }
            for (country, n) in most {
                *countries
                    .entry(country)
                    .or_default()
                    .entry(*at)
                    .or_default() += n;
            }
        }
        // "All Member States" first, then countries by name.
        let (all, rest): (Vec<_>, Vec<_>) = countries
            .into_iter()
            .partition(|(c, _)| *c == ALL_MEMBER_STATES);
        for (country, counts) in all.into_iter().chain(rest) {
            let mut cells = vec![Cell::text(country)];
            cells.extend(
                (0..keys.len()).map(|i| counts.get(&i).map_or(Cell::Empty, |n| Cell::Int(*n))),
            );
            cells.push(Cell::Int(counts.len() as i64));
            cells.push(Cell::Int(counts.values().sum()));
            sink.row(plan.country_matrix, cells)?;
        }
        Ok(())
    }

    pub(super) fn roster_sheet(&mut self, sink: &mut dyn Sink, plan: &Plan) -> io::Result<()> {
        let Some(roster) = self.roster else {
            return Ok(());
        };
        let mut hits: Vec<Vec<(&Entry, MatchedBy)>> = vec![Vec::new(); roster.members.len()];
        let mut unmatched: Vec<&Entry> = Vec::new();
        for entry in &self.entries {
            match &entry.identity.roster {
                Some(Match::One(i, by)) => hits[*i].push((entry, *by)),
                Some(_) => unmatched.push(entry),
                None => {}
            }
        }
        for (member, hits) in roster.members.iter().zip(&hits) {
            let entries: Vec<&Entry> = hits.iter().map(|(e, _)| *e).collect();
            let key = entries
                .first()
                .map_or(member.key(), |e| e.identity.key.as_str());
            sink.row(
                plan.roster,
                vec![
                    Cell::text(member.name.clone()),
                    Cell::text(member.acronym.clone().unwrap_or_default()),
                    Cell::text(status(&entries)),
                    Cell::text(distinct(hits.iter().map(|(_, by)| by.as_str()), ", ")),
                    Cell::text(key),
                    Cell::Int(hits.len() as i64),
                    Cell::text(distinct(entries.iter().map(|e| e.edition.as_str()), ", ")),
                    Cell::text(
                        entries
                            .iter()
                            .map(|e| e.file.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    ),
                    Cell::Empty,
                ],
            )?;
        }
        for entry in unmatched {
            let status = match (&entry.identity.roster, entry.unparsed) {
                (_, true) => "received, unreadable",
                (Some(Match::Ambiguous(_)), false) => "ambiguous",
                _ => "not in roster",
            };
            let closest = match &entry.identity.roster {
                Some(Match::None) => roster.closest(&entry.name).map(|m| m.name.clone()),
                _ => None,
            };
            sink.row(
                plan.roster,
                vec![
                    Cell::text(entry.name.clone()),
                    Cell::Empty,
                    Cell::text(status),
                    Cell::Empty,
                    Cell::text(entry.identity.key.clone()),
                    Cell::Int(1),
                    Cell::text(entry.edition.clone()),
                    Cell::text(entry.file.clone()),
                    Cell::text(closest.unwrap_or_default()),
                ],
            )?;
        }
        Ok(())
    }

    pub(super) fn codebook(&mut self, sink: &mut dyn Sink, plan: &Plan) -> io::Result<()> {
        let specs: Vec<SheetSpec> = self.specs.iter().flatten().cloned().collect();
        for spec in specs {
            for column in &spec.columns {
                sink.row(
                    plan.codebook,
                    vec![
                        Cell::text(spec.name.clone()),
                        Cell::text(column.id.clone()),
                        Cell::text(column.question.clone().unwrap_or_default()),
                        Cell::text(column.label.clone()),
                        Cell::text(column.editions.join(", ")),
                        Cell::text(column.kind.as_str()),
                        Cell::text(column.unit.clone().unwrap_or_default()),
                    ],
                )?;
            }
        }
        Ok(())
    }
}
