//! The tabular sections: initiatives by Member State, the High-Impact Initiatives, the resources
//! catalogue, word limits, and findings by file.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use super::chart::{BarChart, Datum, leaders};
use super::sheet::{Shown, record_sheets, rows, sheet_rows};
use super::view::{Definitions, Places, entity_name};
use crate::compile::build::{ALL_MEMBER_STATES, PlaceKind};
use crate::compile::model::Compilation;
use crate::questionnaire::{FieldKind, QuestionKind};

/// One country's row.
#[derive(Debug, Clone, Serialize)]
pub struct Country {
    /// The country, or "All Member States".
    pub country: String,
    /// Whether this is the row of records naming all Member States.
    pub all: bool,
    /// Records naming it.
    pub records: usize,
    /// Entities naming it: distinct entity keys.
    pub entities: usize,
    /// The records: `entity: name`.
    pub names: Vec<String>,
}

/// Initiatives by Member State.
#[derive(Debug, Clone, Serialize)]
pub struct MemberStates {
    /// The Member States named most, "all" first.
    pub chart: BarChart,
    /// Every Member State named: "all" first, then most records first.
    pub rows: Vec<Country>,
    /// The other places named as Member States (territories, organisations, observer States,
    /// unknown names): most records first.
    pub others: Vec<OtherPlace>,
    /// How many times records name a place that is not a Member State.
    pub other_records: usize,
}

/// A place named as a Member State that is not one.
#[derive(Debug, Clone, Serialize)]
pub struct OtherPlace {
    /// The place.
    pub place: String,
    /// What it is: `territory`, `organisation`, `observer state` or `unknown`.
    pub kind: String,
    /// Records naming it.
    pub records: usize,
    /// Entities naming it: distinct entity keys.
    pub entities: usize,
}

/// Countries the chart shows at most; the table has them all.
const TOP_COUNTRIES: usize = 25;

/// Records by Member State as the `country_matrix` sheet counts them (an entity's two answers
/// naming a country count as the one naming it most), with each record's name from the long
/// `member_states` sheet; the other places apart.
pub fn member_states(c: &Compilation) -> MemberStates {
    let member = PlaceKind::MemberState.as_str();
    let mut by: BTreeMap<String, (bool, usize, BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    let mut others: BTreeMap<(String, String), (usize, BTreeSet<String>)> = BTreeMap::new();
    for row in rows(c, "member_states") {
        let kind = row.text("kind");
        if kind != member {
            let entry = others.entry((row.text("country"), kind)).or_default();
            entry.0 += 1;
            entry.1.insert(row.text("entity_key"));
            continue;
        }
        let entity = entity_name(&row);
        let entry = by.entry(row.text("country")).or_default();
        entry.0 |= row.flag("all");
        entry.3.push(format!("{entity}: {}", row.text("name")));
        entry.2.insert(row.text("entity_key"));
    }
    let counted: HashMap<String, usize> = rows(c, "country_matrix")
        .iter()
        .map(|row| {
            let records = usize::try_from(row.int("total")).unwrap_or(0);
            (row.text("country"), records)
        })
        .collect();
    for (country, entry) in &mut by {
        entry.1 = counted.get(country).copied().unwrap_or(entry.3.len());
    }
    let mut countries: Vec<Country> = by
        .into_iter()
        .map(|(country, (all, records, entities, names))| Country {
            all: all || country == ALL_MEMBER_STATES,
            country,
            records,
            entities: entities.len(),
            names,
        })
        .collect();
    countries.sort_by(|a, b| {
        b.all
            .cmp(&a.all)
            .then(b.records.cmp(&a.records))
            .then(a.country.cmp(&b.country))
    });
    let mut others: Vec<OtherPlace> = others
        .into_iter()
        .map(|((place, kind), (records, entities))| OtherPlace {
            place,
            kind,
            records,
            entities: entities.len(),
        })
        .collect();
    others.sort_by(|a, b| b.records.cmp(&a.records).then(a.place.cmp(&b.place)));
    let other_records = others.iter().map(|o| o.records).sum();
    let data: Vec<Datum> = countries
        .iter()
        .take(TOP_COUNTRIES)
        .map(|r| {
            (
                r.country.clone(),
                r.records as i64,
                r.all.then(|| "all".to_string()),
            )
        })
        .collect();
    let description = format!(
        "Records naming each Member State, for the {} countries named most (of {} named); records that name all Member States are the first bar, marked \"all\", and are not counted under each country. Most named: {}. Places named that are not Member States (territories, organisations, unknown names) are not counted here: {} named {} times, listed below the table.",
        data.iter().filter(|d| d.2.is_none()).count(),
        countries.iter().filter(|c| !c.all).count(),
        leaders(&data, 3),
        others.len(),
        other_records,
    );
    MemberStates {
        chart: BarChart::new(
            "chart-states",
            "Records by Member State",
            description,
            "Country",
            "Records",
            data,
        ),
        rows: countries,
        others,
        other_records,
    }
}

/// One response's row of the High-Impact Initiatives matrix.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeRow {
    /// The entity.
    pub entity: String,
    /// Its entity key.
    pub key: String,
    /// Where its preview is.
    pub anchor: String,
    /// One mark per initiative of the list.
    pub marks: Vec<bool>,
    /// Names not on the list.
    pub other: String,
    /// Initiatives named.
    pub count: i64,
}

/// The High-Impact Initiatives matrix.
#[derive(Debug, Clone, Serialize)]
pub struct HighImpact {
    /// The initiatives of the list.
    pub initiatives: Vec<String>,
    /// Entities naming each.
    pub chart: BarChart,
    /// One row per response that answered.
    pub rows: Vec<InitiativeRow>,
}

/// The matrix from the `high_impact` sheet: the boolean columns are the list's initiatives.
pub fn high_impact(c: &Compilation, places: &Places) -> HighImpact {
    let Some(sheet) = c.sheet("high_impact") else {
        return HighImpact {
            initiatives: Vec::new(),
            chart: BarChart::new(
                "chart-initiatives",
                "High-Impact Initiatives",
                String::new(),
                "Initiative",
                "Responses",
                Vec::new(),
            ),
            rows: Vec::new(),
        };
    };
    let initiatives: Vec<String> = sheet
        .spec
        .columns
        .iter()
        .filter(|col| col.kind == crate::compile::model::ColumnKind::Boolean)
        .map(|col| col.id.clone())
        .collect();
    let rows: Vec<InitiativeRow> = sheet_rows(sheet)
        .iter()
        .map(|row| InitiativeRow {
            entity: entity_name(row),
            key: row.text("entity_key"),
            anchor: places.get(&row.text("file")).cloned().unwrap_or_default(),
            marks: initiatives.iter().map(|i| row.flag(i)).collect(),
            other: row.text("other"),
            count: row.int("count"),
        })
        .collect();
    let data: Vec<Datum> = initiatives
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let keys: BTreeSet<&str> = rows
                .iter()
                .filter(|r| r.marks[i])
                .map(|r| r.key.as_str())
                .collect();
            (name.clone(), keys.len() as i64, None)
        })
        .collect();
    let answered: BTreeSet<&str> = rows.iter().map(|r| r.key.as_str()).collect();
    let description = format!(
        "Entities naming each of the {} High-Impact Initiatives ({} entities answered the question). Most named: {}.",
        initiatives.len(),
        answered.len(),
        leaders(&data, 3)
    );
    HighImpact {
        chart: BarChart::new(
            "chart-initiatives",
            "Entities naming each High-Impact Initiative",
            description,
            "Initiative",
            "Entities",
            data,
        ),
        initiatives,
        rows,
    }
}

/// The resources catalogue.
#[derive(Debug, Clone, Serialize)]
pub struct Resources {
    /// Column headers (the form's labels).
    pub headers: Vec<String>,
    /// One row per resource: the entity, then every field.
    pub rows: Vec<(String, String, Vec<Shown>)>,
}

/// The record sheet of the `resources` question, every field but the long texts (paragraphs, in
/// the previews) shown.
pub fn resources(c: &Compilation, defs: &Definitions, places: &Places) -> Resources {
    let of_kind = |kind: FieldKind| -> Vec<&str> {
        defs.0
            .iter()
            .flat_map(|q| &q.questions)
            .filter(|q| q.id == "resources")
            .flat_map(|q| match &q.kind {
                QuestionKind::Records(r) => r.fields.as_slice(),
                _ => &[],
            })
            .filter(|f| f.kind == kind)
            .map(|f| f.id.as_str())
            .collect()
    };
    let paragraphs = of_kind(FieldKind::Paragraphs);
    let languages = of_kind(FieldKind::Languages);
    let Some((_, sheet)) = record_sheets(c)
        .into_iter()
        .find(|(t, _)| *t == "resources")
    else {
        return Resources {
            headers: Vec::new(),
            rows: Vec::new(),
        };
    };
    let fields: Vec<usize> = (0..sheet.spec.columns.len())
        .filter(|i| sheet.spec.columns[*i].question.is_some())
        .filter(|i| !paragraphs.contains(&sheet.spec.columns[*i].id.as_str()))
        .collect();
    Resources {
        headers: fields
            .iter()
            .map(|i| sheet.spec.columns[*i].label.clone())
            .collect(),
        rows: sheet_rows(sheet)
            .iter()
            .map(|row| {
                let all: Vec<_> = row.cells().collect();
                (
                    entity_name(row),
                    places.get(&row.text("file")).cloned().unwrap_or_default(),
                    fields
                        .iter()
                        .map(|i| {
                            let (column, cell) = all[*i];
                            if languages.contains(&column.id.as_str()) {
                                Shown::text(crate::compile::xlsx_about::language_names(
                                    &cell.to_plain(),
                                ))
                            } else {
                                Shown::of(cell, column.kind)
                            }
                        })
                        .collect(),
                )
            })
            .collect(),
    }
}

/// One text against its word limit.
#[derive(Debug, Clone, Serialize)]
pub struct Limit {
    /// The entity.
    pub entity: String,
    /// Where its preview is.
    pub anchor: String,
    /// The question's id and number.
    pub question: String,
    /// The question's number.
    pub number: String,
    /// Words written.
    pub words: i64,
    /// The limit, if the question has one.
    pub limit: Option<i64>,
    /// Words over the limit.
    pub over: i64,
}

/// Every text of the `texts` sheet with its words and limit.
pub fn limits(c: &Compilation, places: &Places) -> Vec<Limit> {
    rows(c, "texts")
        .iter()
        .map(|row| {
            let words = row.int("words");
            let limit = row.opt_int("limit");
            Limit {
                entity: entity_name(row),
                anchor: places.get(&row.text("file")).cloned().unwrap_or_default(),
                question: row.text("question"),
                number: row.text("number"),
                words,
                over: limit.map_or(0, |l| (words - l).max(0)),
                limit,
            }
        })
        .collect()
}

/// One finding.
#[derive(Debug, Clone, Serialize)]
pub struct Flag {
    /// `error` or `warning`.
    pub severity: String,
    /// The stable code.
    pub code: String,
    /// The answer path.
    pub path: String,
    /// `line:column`, if placed.
    pub place: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
}

/// The findings of one file.
#[derive(Debug, Clone, Serialize)]
pub struct FileFinding {
    /// The file.
    pub file: String,
    /// Its entity.
    pub entity: String,
    /// Where its preview is.
    pub anchor: String,
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Every finding, in order.
    pub items: Vec<Flag>,
}

/// Findings by file and by code.
#[derive(Debug, Clone, Serialize)]
pub struct FileFindings {
    /// Findings per code.
    pub chart: BarChart,
    /// Files with findings, in input order.
    pub files: Vec<FileFinding>,
}

/// A finding row as a flag.
pub fn flag(row: &super::sheet::Row<'_>) -> Flag {
    let place = match (row.opt_int("line"), row.opt_int("column")) {
        (Some(l), Some(c)) => format!("{l}:{c}"),
        (Some(l), None) => l.to_string(),
        _ => String::new(),
    };
    Flag {
        severity: row.text("severity"),
        code: row.text("code"),
        path: row.text("path"),
        place,
        message: row.text("message"),
        hint: row.text("hint"),
    }
}

/// The `findings` sheet grouped by file, in the order of the `responses` sheet.
pub fn findings(c: &Compilation, places: &Places) -> FileFindings {
    let mut entities: HashMap<String, String> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    for row in rows(c, "responses") {
        entities.insert(row.text("file"), entity_name(&row));
        order.push(row.text("file"));
    }
    let mut by_file: HashMap<String, Vec<Flag>> = HashMap::new();
    let mut codes: BTreeMap<(String, String), i64> = BTreeMap::new();
    for row in rows(c, "findings") {
        let f = flag(&row);
        *codes
            .entry((f.code.clone(), f.severity.clone()))
            .or_default() += 1;
        let file = row.text("file");
        if !order.contains(&file) && !by_file.contains_key(&file) {
            order.push(file.clone());
        }
        by_file.entry(file).or_default().push(f);
    }
    let files: Vec<FileFinding> = order
        .into_iter()
        .filter_map(|file| {
            let items = by_file.remove(&file)?;
            Some(FileFinding {
                entity: entities.get(&file).cloned().unwrap_or_default(),
                anchor: places.get(&file).cloned().unwrap_or_default(),
                errors: items.iter().filter(|f| f.severity == "error").count(),
                warnings: items.iter().filter(|f| f.severity == "warning").count(),
                items,
                file,
            })
        })
        .collect();
    let mut data: Vec<Datum> = codes
        .into_iter()
        .map(|((code, severity), n)| (code, n, Some(severity)))
        .collect();
    data.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let description = format!(
        "Findings of every file by code, each bar labelled error or warning; {} findings in {} files. Most frequent: {}.",
        data.iter().map(|d| d.1).sum::<i64>(),
        files.len(),
        leaders(&data, 3)
    );
    FileFindings {
        chart: BarChart::new(
            "chart-findings",
            "Findings by code",
            description,
            "Code",
            "Findings",
            data,
        ),
        files,
    }
}
