//! The closing sheets, written once every response is in: the SDG and country matrices, the
//! High-Impact Initiatives, the roster, and the codebook.

use std::collections::BTreeMap;
use std::io;

use super::{Builder, col, who};
use crate::compile::model::{Cell, Column, ColumnKind, SheetSpec, Sink};
use crate::compile::topic::{TopicKind, review_sdgs};

use super::ALL_MEMBER_STATES;

impl Builder<'_> {
    pub(super) fn sdg_matrix(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let mut columns = who();
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
        self.header(sink, self.plan.sdg_matrix, "sdg_matrix", columns)?;
        let mut totals = [0i64; 17];
        for row in std::mem::take(&mut self.sdg_rows) {
            let review = self
                .layout
                .edition(&row.edition)
                .map(review_sdgs)
                .unwrap_or_default();
            let mut cells = vec![
                Cell::text(row.entity),
                Cell::text(row.edition),
                Cell::text(row.file),
            ];
            for (i, count) in row.counts.iter().enumerate() {
                if *count > 0 {
                    totals[i] += 1;
                }
                cells.push(if *count > 0 {
                    Cell::Int(*count)
                } else {
                    Cell::Empty
                });
            }
            let named = row.counts.iter().filter(|c| **c > 0).count();
            let review_named = review
                .iter()
                .filter(|g| row.counts[usize::from(**g) - 1] > 0)
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
            sink.row(self.plan.sdg_matrix, cells)?;
        }
        let mut cells = vec![
            Cell::text("total (responses naming the goal)"),
            Cell::Empty,
            Cell::Empty,
        ];
        cells.extend(totals.iter().map(|t| Cell::Int(*t)));
        cells.extend([Cell::Empty, Cell::Empty, Cell::Empty]);
        sink.row(self.plan.sdg_matrix, cells)
    }

    pub(super) fn country_matrix(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let mut columns = vec![col("country", "Country", ColumnKind::Text)];
        for entity in &self.entities {
            columns.push(Column {
                id: entity.clone(),
                label: entity.clone(),
                question: None,
                editions: Vec::new(),
                kind: ColumnKind::Integer,
                unit: Some("records".to_string()),
            });
        }
        columns.push(col("total", "Total", ColumnKind::Integer).unit("records"));
        self.header(sink, self.plan.country_matrix, "country_matrix", columns)?;
        let countries = std::mem::take(&mut self.countries);
        // "All Member States" first, then countries by name.
        let (all, rest): (Vec<_>, Vec<_>) = countries
            .into_iter()
            .partition(|(c, _)| c == ALL_MEMBER_STATES);
        for (country, counts) in all.into_iter().chain(rest) {
            let mut cells = vec![Cell::text(country)];
            cells.extend(
                (0..self.entities.len())
                    .map(|i| counts.get(&i).map_or(Cell::Empty, |n| Cell::Int(*n))),
            );
            cells.push(Cell::Int(counts.values().sum()));
            sink.row(self.plan.country_matrix, cells)?;
        }
        Ok(())
    }

    pub(super) fn high_impact(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let mut names: Vec<String> = Vec::new();
        for topic in &self.layout.topics {
            if let TopicKind::Choices(choices) = &topic.kind {
                names.extend(
                    choices
                        .iter()
                        .filter(|c| !names.contains(c))
                        .cloned()
                        .collect::<Vec<_>>(),
                );
            }
        }
        let mut columns = who();
        columns.push(col("question", "Question", ColumnKind::Text));
        for name in &names {
            columns.push(col(name, name, ColumnKind::Boolean));
        }
        columns.extend([
            col("other", "Other initiatives named", ColumnKind::Text),
            col("count", "Initiatives named", ColumnKind::Integer).unit("initiatives"),
        ]);
        self.header(sink, self.plan.high_impact, "high_impact", columns)?;
        for row in std::mem::take(&mut self.choices) {
            let mut cells = vec![
                Cell::text(row.entity),
                Cell::text(row.edition),
                Cell::text(row.file),
                Cell::text(row.question),
            ];
            cells.extend(names.iter().map(|n| Cell::Bool(row.selected.contains(n))));
            let other: Vec<&str> = row
                .selected
                .iter()
                .filter(|s| !names.contains(s))
                .map(String::as_str)
                .collect();
            cells.push(Cell::text(other.join("; ")));
            cells.push(Cell::Int(row.selected.len() as i64));
            sink.row(self.plan.high_impact, cells)?;
        }
        Ok(())
    }

    pub(super) fn roster_sheet(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let Some(roster) = self.roster else {
            return Ok(());
        };
        let columns = vec![
            col("name", "Name", ColumnKind::Text),
            col("acronym", "Acronym", ColumnKind::Text),
            col("status", "Status", ColumnKind::Text),
            col("responses", "Responses", ColumnKind::Integer).unit("files"),
            col("editions", "Editions", ColumnKind::Text),
            col("files", "Files", ColumnKind::Text),
        ];
        self.header(sink, self.plan.roster, "roster", columns)?;
        for (member, hits) in roster.members.iter().zip(&self.hits) {
            let mut per_edition: BTreeMap<&str, usize> = BTreeMap::new();
            for (edition, _) in hits {
                *per_edition.entry(edition).or_default() += 1;
            }
            let status = if hits.is_empty() {
                "not responded"
            } else if per_edition.values().any(|n| *n > 1) {
                "responded twice"
            } else {
                "responded"
            };
            let editions: Vec<&str> = per_edition.keys().copied().collect();
            let files: Vec<&str> = hits.iter().map(|(_, f)| f.as_str()).collect();
            sink.row(
                self.plan.roster,
                vec![
                    Cell::text(member.name.clone()),
                    Cell::text(member.acronym.clone().unwrap_or_default()),
                    Cell::text(status),
                    Cell::Int(hits.len() as i64),
                    Cell::text(editions.join(", ")),
                    Cell::text(files.join("; ")),
                ],
            )?;
        }
        for (entity, edition, file, status) in std::mem::take(&mut self.unmatched) {
            sink.row(
                self.plan.roster,
                vec![
                    Cell::text(entity),
                    Cell::Empty,
                    Cell::text(status),
                    Cell::Int(1),
                    Cell::text(edition),
                    Cell::text(file),
                ],
            )?;
        }
        Ok(())
    }

    pub(super) fn codebook(&mut self, sink: &mut dyn Sink) -> io::Result<()> {
        let columns = vec![
            col("sheet", "Sheet", ColumnKind::Text),
            col("column", "Column", ColumnKind::Text),
            col("question", "Question", ColumnKind::Text),
            col("label", "Label", ColumnKind::Text),
            col("editions", "Editions", ColumnKind::Text),
            col("kind", "Kind", ColumnKind::Text),
            col("unit", "Unit", ColumnKind::Text),
        ];
        self.header(sink, self.plan.codebook, "codebook", columns)?;
        let specs: Vec<SheetSpec> = self.specs.iter().flatten().cloned().collect();
        for spec in specs {
            for column in &spec.columns {
                sink.row(
                    self.plan.codebook,
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
