//! SDG coverage (records per goal, entity × goal) and events in time and by country.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::chart::{BarChart, Datum, leaders};
use super::sheet::{Row, Shown, record_sheets, rows, sheet_rows};
use super::view::{Definitions, Places, entity_name};
use crate::compile::model::{Cell, ColumnKind, Compilation};
use crate::questionnaire::{FieldKind, QuestionKind};
use crate::refdata::sdg_title;

/// One goal as a column of the heat map.
#[derive(Debug, Clone, Serialize)]
pub struct Goal {
    /// 1 to 17.
    pub number: u8,
    /// Its short title.
    pub title: String,
    /// Whether some edition reviews it in depth.
    pub review: bool,
}

/// One cell of the heat map.
#[derive(Debug, Clone, Serialize)]
pub struct HeatCell {
    /// Records of the response naming the goal.
    pub count: i64,
    /// Shade, 0 (none) to 4 (the most of any cell).
    pub level: u8,
    /// Whether the response's edition reviews the goal.
    pub review: bool,
}

/// One entity's row of the heat map, for one edition.
#[derive(Debug, Clone, Serialize)]
pub struct HeatRow {
    /// The entity as written (or its key).
    pub entity: String,
    /// Its entity key, which heads the row.
    pub key: String,
    /// The files counted, `; `-separated.
    pub file: String,
    /// Where its preview is.
    pub anchor: String,
    /// One cell per goal.
    pub cells: Vec<HeatCell>,
    /// Goals named.
    pub goals: i64,
}

/// The SDG coverage section.
#[derive(Debug, Clone, Serialize)]
pub struct Sdgs {
    /// Records per goal.
    pub chart: BarChart,
    /// The heat map's columns.
    pub goals: Vec<Goal>,
    /// The heat map's rows.
    pub rows: Vec<HeatRow>,
    /// Responses naming each goal.
    pub responses_per_goal: Vec<i64>,
    /// Goals no record names.
    pub uncovered: Vec<u8>,
}

fn goal_list(goals: &[u8]) -> String {
    goals
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn review_of(row: &Row<'_>) -> Vec<u8> {
    row.text("review_sdgs")
        .split(',')
        .filter_map(|g| g.trim().parse().ok())
        .collect()
}

/// Records per goal from the long `sdgs` sheet, and the heat map from `sdg_matrix`.
pub fn sdgs(c: &Compilation, places: &Places) -> Sdgs {
    let mut records = [0i64; 17];
    for row in rows(c, "sdgs") {
        if let Some(goal) = row.opt_int("goal").filter(|g| (1..=17).contains(g)) {
            records[goal as usize - 1] += 1;
        }
    }
    let matrix = rows(c, "sdg_matrix");
    // The closing total row has no entity key.
    let (per_file, total): (Vec<Row<'_>>, Vec<Row<'_>>) = matrix
        .into_iter()
        .partition(|r| !r.text("entity_key").is_empty());
    let mut reviewed: BTreeSet<u8> = BTreeSet::new();
    for row in &per_file {
        reviewed.extend(review_of(row));
    }
    let max = per_file
        .iter()
        .flat_map(|r| (1..=17).map(move |g| r.int(&format!("sdg_{g}"))))
        .max()
        .unwrap_or(0);
    let heat_rows = per_file
        .iter()
        .map(|row| {
            let review = review_of(row);
            let files = row.text("files");
            let first = files.split("; ").next().unwrap_or_default();
            let entity = row.text("entity");
            HeatRow {
                key: row.text("entity_key"),
                entity: if entity.is_empty() {
                    row.text("entity_key")
                } else {
                    entity
                },
                anchor: places.get(first).cloned().unwrap_or_default(),
                file: files,
                cells: (1..=17u8)
                    .map(|g| {
                        let count = row.int(&format!("sdg_{g}"));
                        HeatCell {
                            count,
                            level: level(count, max),
                            review: review.contains(&g),
                        }
                    })
                    .collect(),
                goals: row.int("goals"),
            }
        })
        .collect();
    let responses_per_goal = (1..=17)
        .map(|g| total.first().map_or(0, |t| t.int(&format!("sdg_{g}"))))
        .collect();
    let data: Vec<Datum> = (1..=17u8)
        .map(|g| {
            (
                format!("SDG {g}: {}", sdg_title(i64::from(g)).unwrap_or("")),
                records[usize::from(g) - 1],
                reviewed.contains(&g).then(|| "under review".to_string()),
            )
        })
        .collect();
    let uncovered: Vec<u8> = (1..=17u8)
        .filter(|g| records[usize::from(*g) - 1] == 0)
        .collect();
    let mut description = format!(
        "Records (events, resources, initiatives) naming each goal; a record naming all goals counts for each. {} records name a goal in all.",
        records.iter().sum::<i64>()
    );
    let top = leaders(&data, 3);
    if !top.is_empty() {
        description.push_str(&format!(" Most named: {top}."));
    }
    if !uncovered.is_empty() {
        description.push_str(&format!(" Not named: SDG {}.", goal_list(&uncovered)));
    }
    if !reviewed.is_empty() {
        description.push_str(&format!(
            " Goals under in-depth review (hatched, marked \"under review\"): {}.",
            goal_list(&reviewed.iter().copied().collect::<Vec<_>>())
        ));
    }
    Sdgs {
        chart: BarChart::new(
            "chart-sdgs",
            "Records per SDG",
            description,
            "Goal",
            "Records",
            data,
        ),
        goals: (1..=17u8)
            .map(|g| Goal {
                number: g,
                title: sdg_title(i64::from(g)).unwrap_or("").to_string(),
                review: reviewed.contains(&g),
            })
            .collect(),
        rows: heat_rows,
        responses_per_goal,
        uncovered,
    }
}

fn level(count: i64, max: i64) -> u8 {
    if count <= 0 || max <= 0 {
        0
    } else {
        ((count * 4 + max - 1) / max).clamp(1, 4) as u8
    }
}

/// One event.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The entity.
    pub entity: String,
    /// Where its response's preview is.
    pub anchor: String,
    /// Its record number in the response.
    pub record: i64,
    /// Its name.
    pub name: String,
    /// First day (ISO), or the dates as written when they have no year.
    pub start: String,
    /// Last day (ISO), if dated.
    pub end: String,
    /// Where it took place.
    pub location: String,
    /// The goals it names, as the compiled sheet writes them.
    pub sdgs: String,
    /// Its website.
    pub website: Shown,
    /// The `date-window` finding's message when the event falls outside the reporting window.
    pub outside: Option<String>,
}

/// Events of one country.
#[derive(Debug, Clone, Serialize)]
pub struct CountryEvents {
    /// The country as the location names it.
    pub country: String,
    /// Events held there.
    pub events: usize,
    /// Entities holding them.
    pub entities: usize,
}

/// The events section.
#[derive(Debug, Clone, Serialize)]
pub struct Events {
    /// The question's id, if some edition asks for dated records.
    pub question: Option<String>,
    /// Events per month (or year) of their first day; months with events outside the window marked.
    pub chart: BarChart,
    /// Dated events, by first day.
    pub dated: Vec<Event>,
    /// Events whose dates have no year or could not be read.
    pub undated: Vec<Event>,
    /// Events outside the reporting window.
    pub outside: usize,
    /// Events by country, most first.
    pub by_country: Vec<CountryEvents>,
}

/// The fields of the events question that the page shows besides name and date.
struct EventFields {
    /// The question's id.
    question: String,
    /// Its dates field.
    dates: String,
    /// Its places field, if any.
    places: Option<String>,
    /// Its SDGs field, if any.
    sdgs: Option<String>,
}

/// The record question of events: the one whose dates are checked against a window, else the
/// first with a dates field; with the ids of its dates, places and SDGs fields.
fn event_fields(defs: &Definitions, topics: &[&str]) -> Option<EventFields> {
    let mut found: Option<(bool, EventFields)> = None;
    for q in &defs.0 {
        for question in &q.questions {
            let QuestionKind::Records(records) = &question.kind else {
                continue;
            };
            if !topics.contains(&question.id.as_str()) {
                continue;
            }
            let Some(dates) = records.fields.iter().find(|f| f.kind == FieldKind::Dates) else {
                continue;
            };
            let field = |kind: FieldKind| {
                records
                    .fields
                    .iter()
                    .find(|f| f.kind == kind)
                    .map(|f| f.id.clone())
            };
            let better = found.as_ref().is_none_or(|f| !f.0 && dates.check_window);
            if better {
                found = Some((
                    dates.check_window,
                    EventFields {
                        question: question.id.clone(),
                        dates: dates.id.clone(),
                        places: field(FieldKind::Places),
                        sdgs: field(FieldKind::Sdgs),
                    },
                ));
            }
        }
    }
    found.map(|(_, f)| f)
}

/// Events from the record sheet of dated records, flagged by the checker's `date-window` findings.
pub fn events(c: &Compilation, defs: &Definitions, places: &Places) -> Events {
    let sheets = record_sheets(c);
    let topics: Vec<&str> = sheets.iter().map(|(t, _)| *t).collect();
    let fields = event_fields(defs, &topics);
    let sheet = fields.as_ref().and_then(|f| {
        sheets
            .iter()
            .find(|(t, _)| *t == f.question)
            .map(|(_, s)| *s)
    });
    let (
        Some(EventFields {
            question,
            dates,
            places: place_field,
            sdgs: sdg_field,
        }),
        Some(sheet),
    ) = (fields, sheet)
    else {
        return Events {
            question: None,
            chart: BarChart::new(
                "chart-events",
                "Events by month",
                "No events.".to_string(),
                "Month",
                "Events",
                Vec::new(),
            ),
            dated: Vec::new(),
            undated: Vec::new(),
            outside: 0,
            by_country: Vec::new(),
        };
    };
    let mut window: HashMap<(String, String), String> = HashMap::new();
    for f in rows(c, "findings") {
        if f.text("code") == "date-window" {
            window.insert((f.text("file"), f.text("path")), f.text("message"));
        }
    }
    let website = sheet
        .spec
        .columns
        .iter()
        .find(|col| col.kind == ColumnKind::Link)
        .map(|col| col.id.clone());
    let name_column = sheet
        .spec
        .columns
        .iter()
        .find(|col| col.question.is_some())
        .map(|col| col.id.clone())
        .unwrap_or_default();
    let (mut dated, mut undated) = (Vec::new(), Vec::new());
    let mut countries: BTreeMap<String, (usize, BTreeSet<String>)> = BTreeMap::new();
    for row in sheet_rows(sheet) {
        let file = row.text("file");
        let record = row.int("record");
        let path = format!("{question}[{}].{dates}", record - 1);
        let location = place_field
            .as_deref()
            .map(|p| row.text(p))
            .unwrap_or_default();
        let entity = entity_name(&row);
        for place in location.split("; ").filter(|p| !p.trim().is_empty()) {
            let country = place
                .rsplit(", ")
                .next()
                .unwrap_or(place)
                .trim()
                .to_string();
            let entry = countries.entry(country).or_default();
            entry.0 += 1;
            entry.1.insert(entity.clone());
        }
        let event = Event {
            anchor: places.get(&file).cloned().unwrap_or_default(),
            record,
            name: row.text(&name_column),
            start: row.text(&format!("{dates}_start")),
            end: row.text(&format!("{dates}_end")),
            location,
            sdgs: sdg_field
                .as_deref()
                .map(|f| row.text(f))
                .unwrap_or_default(),
            website: website
                .as_deref()
                .map(|w| Shown::of(row.cell(w), ColumnKind::Link))
                .unwrap_or_default(),
            outside: window.get(&(file, path)).cloned(),
            entity,
        };
        if matches!(row.cell(&format!("{dates}_start")), Cell::Date(_)) {
            dated.push(event);
        } else {
            undated.push(event);
        }
    }
    dated.sort_by(|a, b| a.start.cmp(&b.start).then(a.end.cmp(&b.end)));
    let outside = dated
        .iter()
        .chain(&undated)
        .filter(|e| e.outside.is_some())
        .count();
    let mut by_country: Vec<CountryEvents> = countries
        .into_iter()
        .map(|(country, (events, entities))| CountryEvents {
            country,
            events,
            entities: entities.len(),
        })
        .collect();
    by_country.sort_by(|a, b| b.events.cmp(&a.events).then(a.country.cmp(&b.country)));
    Events {
        chart: timeline(&dated, outside),
        question: Some(question),
        dated,
        undated,
        outside,
        by_country,
    }
}

/// Months from the first event to the last, or years when that is more than three years.
fn timeline(dated: &[Event], outside: usize) -> BarChart {
    let month = |e: &Event| e.start.get(..7).unwrap_or("").to_string();
    let (Some(first), Some(last)) = (dated.first(), dated.iter().map(month).max()) else {
        return BarChart::new(
            "chart-events",
            "Events by month",
            "No dated events.".to_string(),
            "Month",
            "Events",
            Vec::new(),
        );
    };
    let parse = |m: &str| -> Option<(i32, i32)> {
        Some((m.get(..4)?.parse().ok()?, m.get(5..7)?.parse().ok()?))
    };
    let (Some((y0, m0)), Some((y1, m1))) = (parse(&month(first)), parse(&last)) else {
        return BarChart::new(
            "chart-events",
            "Events by month",
            String::new(),
            "Month",
            "Events",
            Vec::new(),
        );
    };
    let by_year = (y1 - y0) * 12 + (m1 - m0) > 36;
    let key = |e: &Event| {
        if by_year {
            e.start.get(..4).unwrap_or("").to_string()
        } else {
            month(e)
        }
    };
    let mut counts: BTreeMap<String, (i64, usize)> = BTreeMap::new();
    if by_year {
        for y in y0..=y1 {
            counts.insert(format!("{y:04}"), (0, 0));
        }
    } else {
        let (mut y, mut m) = (y0, m0);
        while (y, m) <= (y1, m1) {
            counts.insert(format!("{y:04}-{m:02}"), (0, 0));
            (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        }
    }
    for e in dated {
        let entry = counts.entry(key(e)).or_default();
        entry.0 += 1;
        if e.outside.is_some() {
            entry.1 += 1;
        }
    }
    let data: Vec<Datum> = counts
        .into_iter()
        .map(|(k, (n, out))| (k, n, (out > 0).then(|| format!("{out} outside the window"))))
        .collect();
    let unit = if by_year { "Year" } else { "Month" };
    let description = format!(
        "Dated events by the {} of their first day, from {} to {}; outside the reporting window: {} (hatched, with the number written beside the bar). Busiest: {}.",
        unit.to_lowercase(),
        data.first().map_or("", |d| d.0.as_str()),
        data.last().map_or("", |d| d.0.as_str()),
        outside,
        leaders(&data, 3)
    );
    BarChart::new(
        "chart-events",
        &format!("Events by {}", unit.to_lowercase()),
        description,
        unit,
        "Events",
        data,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(start: &str, outside: bool) -> Event {
        Event {
            entity: "E".into(),
            anchor: String::new(),
            record: 1,
            name: "n".into(),
            start: start.into(),
            end: start.into(),
            location: String::new(),
            sdgs: String::new(),
            website: Shown::default(),
            outside: outside.then(|| "outside".to_string()),
        }
    }

    #[test]
    fn the_timeline_counts_every_month_and_marks_those_outside_the_window() {
        let dated = [
            event("2023-11-05", true),
            event("2024-01-02", false),
            event("2024-01-30", false),
        ];
        let chart = timeline(&dated, 1);
        let bars: Vec<(&str, i64, Option<&str>)> = chart
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.value, b.flag.as_deref()))
            .collect();
        assert_eq!(
            bars,
            [
                ("2023-11", 1, Some("1 outside the window")),
                ("2023-12", 0, None),
                ("2024-01", 2, None)
            ]
        );
        // Over three years, a bar per year.
        let chart = timeline(&[event("1999-01-01", true), event("2024-03-01", false)], 1);
        assert_eq!(chart.bars.len(), 26);
        assert_eq!(chart.title, "Events by year");
    }

    #[test]
    fn shades_go_up_to_four_at_the_maximum() {
        assert_eq!(level(0, 5), 0);
        assert_eq!(level(1, 5), 1);
        assert_eq!(level(5, 5), 4);
        assert_eq!(level(3, 0), 0);
    }
}
