//! `qfill compile`: many responses into one set of tables — an XLSX workbook, CSV files, one JSON
//! document, or one question's answers as Markdown or a Word document.
//!
//! Inputs are read and checked as `validate` reads and checks them ([`read`]), in parallel, a
//! slice at a time; each checked response becomes rows at once ([`build`]), in input order, so
//! that memory holds one slice of answers and the small aggregates of the closing sheets.

pub mod as_of;
pub mod build;
pub mod cell_file;
pub mod csv;
pub mod entity;
pub mod error;
pub mod markdown;
pub mod model;
pub mod read;
pub mod review;
pub mod roster;
pub mod topic;
pub mod xlsx;
pub mod xlsx_about;
pub mod xlsx_layout;

use std::io::Write;
use std::path::Path;

use crate::batch::{Pool, Progress};
use crate::fsio::{Target, WriteError};
use crate::input::{ReadOptions, Source};
use crate::questionnaire::Questionnaire;
pub use error::CompileError;

pub use build::{Builder, Response, Unknown};
pub use model::{Cell, Column, ColumnKind, Compilation, Sheet, SheetSpec, Sink};
pub use roster::Roster;
pub use topic::{Layout, review_sdgs, root_question};

/// What `compile` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileFormat {
    /// An XLSX workbook.
    Xlsx,
    /// A folder of CSV files, one per sheet.
    Csv,
    /// One JSON document holding every sheet.
    Json,
    /// One question's answers, entity by entity (`--question`).
    Markdown,
    /// The same digest as a Word document (`--question`).
    Docx,
}

impl CompileFormat {
    /// The format an output path's extension names.
    pub fn from_extension(path: &str) -> Option<CompileFormat> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(CompileFormat::Xlsx),
            "json" => Some(CompileFormat::Json),
            "md" | "markdown" => Some(CompileFormat::Markdown),
            "docx" => Some(CompileFormat::Docx),
            _ => None,
        }
    }

    /// Whether the format is one question's digest (`--question`), and its name in messages.
    pub fn digest(self) -> Option<&'static str> {
        match self {
            CompileFormat::Markdown => Some("Markdown"),
            CompileFormat::Docx => Some("Word"),
            CompileFormat::Xlsx | CompileFormat::Csv | CompileFormat::Json => None,
        }
    }
}

/// The date a workbook carries when `SOURCE_DATE_EPOCH` is not set: 2000-01-01T00:00:00Z.
pub const FIXED_DATE: i64 = 946_684_800;

/// Responses checked in parallel at a time: enough to keep every thread busy, few enough that
/// their answers take little memory.
const SLICE: usize = 64;

/// The editions: a single `-q` alone (every file is checked against it); else every `-q` and
/// every built-in edition, so that each file finds the one it names.
fn editions(flags: &[Questionnaire]) -> Layout {
    if flags.len() == 1 {
        return Layout::new(flags.to_vec());
    }
    let mut all: Vec<Questionnaire> = Questionnaire::builtin_ids()
        .filter_map(Questionnaire::builtin_cached)
        .cloned()
        .collect();
    all.extend(flags.iter().cloned());
    Layout::new(all)
}

fn load_roster(path: &Path) -> Result<Roster, CompileError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CompileError::RosterUnreadable {
        path: shown.clone(),
        reason: crate::text::io_reason(&e),
    })?;
    Roster::parse(&text).map_err(|e| CompileError::RosterInvalid {
        path: shown,
        line: e.line,
        reason: e.message,
    })
}

/// What a compilation knows before it reads a file: the editions and the roster.
pub struct Setup {
    flags: Vec<Questionnaire>,
    layout: Layout,
    roster: Option<Roster>,
    options: Options,
}

/// What a compilation does besides reading: which answers count, a review carried over, and
/// whether texts are cut to a spreadsheet cell.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Which of an entity's answers to one edition count.
    pub keep: Keep,
    /// The review of a previous workbook (`--review`).
    pub review: Option<review::Review>,
    /// Texts are cut to what a spreadsheet cell holds, with a `truncated` warning: for the
    /// workbook only.
    pub cut_cells: bool,
}

/// Which of an entity's answers to one edition count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Keep {
    /// Every answer: a copy of an earlier one is left out, different ones each count (with a
    /// `duplicate-entity` warning).
    #[default]
    All,
    /// The latest only (`--keep latest`): by `submitted`, then by file name.
    Latest,
}

impl Setup {
    /// The editions given with `-q` (none: each file's own) and the roster, read.
    pub fn new(flags: Vec<Questionnaire>, roster: Option<&Path>) -> Result<Setup, CompileError> {
        let layout = editions(&flags);
        let roster = roster.map(load_roster).transpose()?;
        Ok(Setup {
            flags,
            layout,
            roster,
            options: Options::default(),
        })
    }

    /// The same setup, carrying over the review of a previous workbook (`--review`).
    pub fn review(mut self, workbook: Option<&Path>) -> Result<Setup, CompileError> {
        self.options.review = workbook.map(review::Review::read).transpose()?;
        Ok(self)
    }

    /// The same setup, counting the answers `keep` says.
    pub fn keep(mut self, keep: Keep) -> Setup {
        self.options.keep = keep;
        self
    }

    /// The same setup, cutting texts to what a spreadsheet cell holds (for a workbook).
    pub fn cut_cells(mut self, cut: bool) -> Setup {
        self.options.cut_cells = cut;
        self
    }

    /// The editions compiled, aligned by topic.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The sheets a compilation of these editions has, in order.
    pub fn sheet_names(&self) -> Vec<String> {
        build::sheet_names(&self.layout, self.roster.is_some())
    }

    /// The topic `--question` names, and its title: a topic id, or a question id of an edition.
    pub fn question_topic(&self, id: &str) -> Result<(String, String), CompileError> {
        let layout = &self.layout;
        if let Some(topic) = layout.topic(id) {
            return Ok((topic.id.clone(), topic.label.clone()));
        }
        for q in &layout.editions {
            if let Some(question) = q.question(id) {
                let root = root_question(q, id);
                return Ok((root, question.text.clone()));
            }
        }
        Err(CompileError::UnknownQuestion {
            id: id.to_string(),
            known: layout.topics.iter().map(|t| t.id.clone()).collect(),
        })
    }
}

/// How inputs are read and checked: what `validate` takes besides the edition.
#[derive(Debug, Clone, Copy, Default)]
pub struct ReadPlan {
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
    /// `--jobs`: threads to check files with; all cores when `None`.
    pub jobs: Option<usize>,
}

/// How a compilation went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files, valid and invalid, errors and warnings.
    pub summary: crate::report::Summary,
    /// Some input could not be read at all.
    pub unreadable: bool,
    /// The entities neither the roster nor the directory knows.
    pub unknown: Vec<Unknown>,
    /// Responses not counted: copies of another, or (`--keep latest`) not the latest.
    pub merged: usize,
    /// Places the counted responses name as Member States that are not (territories,
    /// organisations, observer States, unknown names), once per record.
    pub not_member_states: usize,
    /// Records the counted responses hold in their notes, read back (as `migrate` writes
    /// them).
    pub from_notes: usize,
}

/// Reads and checks every source and builds the tables into `sink`, in input order; the
/// findings of inputs that cannot be read go to `err` as well, since they make the run exit 2.
/// `shown` is what a failure of the sink names.
pub fn tables(
    setup: &Setup,
    sources: &[Source],
    plan: ReadPlan,
    sink: &mut dyn Sink,
    err: &mut dyn Write,
    progress: &dyn Progress,
    shown: &Target,
) -> Result<Totals, CompileError> {
    let reader = read::Reader {
        flags: &setup.flags,
        layout: &setup.layout,
        read: plan.read,
    };
    let sink_error = |e| WriteError::to(shown.clone())(e);
    let mut builder =
        Builder::new(&setup.layout, setup.roster.as_ref(), &setup.options).map_err(sink_error)?;
    progress.start(sources.len());
    let pool = Pool::new(plan.jobs, sources.len());
    let check = |slice: &[Source]| {
        pool.map(slice, |source| {
            let response = reader.read(source);
            progress.advance();
            response
        })
    };
    let mut slices = sources.chunks(SLICE);
    let mut ready = slices.next().map(check).unwrap_or_default();
    loop {
        let next = slices.next();
        // The next slice is checked while this one becomes rows.
        let (checked, added) = std::thread::scope(|scope| {
            let checking = next.map(|slice| scope.spawn(move || check(slice)));
            let added = add_all(std::mem::take(&mut ready), &mut builder, err, shown);
            let checked = checking.map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            (checked, added)
        });
        added?;
        match checked {
            Some(checked) => ready = checked,
            None => break,
        }
    }
    progress.finish();
    Ok(builder.finish(sink).map_err(sink_error)?)
}

/// Adds checked responses to the tables, in order; the findings of inputs that could not be
/// read, and of texts the workbook cuts, go to `err` as well.
fn add_all(
    responses: Vec<Response>,
    builder: &mut Builder<'_>,
    err: &mut dyn Write,
    shown: &Target,
) -> Result<(), WriteError> {
    for response in responses {
        let unread: Vec<_> = response
            .findings
            .iter()
            .filter(|f| f.code == crate::finding::Code::Unreadable)
            .cloned()
            .collect();
        crate::report::write_findings(err, &response.file, &unread).map_err(WriteError::stderr)?;
        let file = response.file.clone();
        let cut = builder
            .add(response)
            .map_err(WriteError::to(shown.clone()))?;
        crate::report::write_findings(err, &file, &cut).map_err(WriteError::stderr)?;
    }
    Ok(())
}

/// The compilation as one JSON document, ending in a new line.
pub fn to_json(compilation: &Compilation) -> serde_json::Result<String> {
    let mut text = serde_json::to_string_pretty(compilation)?;
    text.push('\n');
    Ok(text)
}

/// `SOURCE_DATE_EPOCH` if set to a number of seconds, else [`FIXED_DATE`].
pub fn source_date() -> i64 {
    date_from(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

fn date_from(value: Option<&str>) -> i64 {
    value
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (0..=253_402_300_799).contains(s))
        .unwrap_or(FIXED_DATE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Silent;

    #[test]
    fn tables_builds_a_compilation_in_memory_for_other_renderers() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let mut sources = crate::input::expand(&[examples.to_string()], false);
        sources.push(Source::File(format!("{examples}/missing.toml").into()));
        let setup = Setup::new(Vec::new(), None).unwrap();
        let mut compilation = Compilation::default();
        let mut err = Vec::new();
        let plan = ReadPlan::default();
        let totals = tables(
            &setup,
            &sources,
            plan,
            &mut compilation,
            &mut err,
            &Silent,
            &Target::Stdout,
        )
        .unwrap();
        let files = std::fs::read_dir(examples).unwrap().count();
        assert_eq!(totals.summary.files, files + 1);
        assert!(totals.unreadable);
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with("error[unreadable]: "), "{err}");
        let responses = compilation.sheet("responses").unwrap();
        assert_eq!(responses.rows.len(), files + 1);
        let valid = responses.column("valid").unwrap();
        assert_eq!(responses.rows[0][valid], Cell::Bool(true));
        assert_eq!(responses.rows[files][valid], Cell::Bool(false));
        assert!(compilation.sheet("roster").is_none());
        let names: Vec<String> = compilation
            .sheets
            .iter()
            .map(|s| s.spec.name.clone())
            .collect();
        // Every sheet a compilation may have, but `notes`: no example has a note.
        let may: Vec<String> = setup
            .sheet_names()
            .into_iter()
            .filter(|n| n != "notes")
            .collect();
        assert_eq!(names, may);
        assert_eq!(names.last().map(String::as_str), Some("codebook"));
    }

    #[test]
    fn the_document_date_comes_from_source_date_epoch_when_it_is_a_date() {
        let cases = [
            (Some("1700000000"), 1_700_000_000),
            (Some(" 0\n"), 0),
            (Some("-5"), FIXED_DATE),
            (Some("yesterday"), FIXED_DATE),
            (Some("99999999999999"), FIXED_DATE),
            (None, FIXED_DATE),
        ];
        for (value, want) in cases {
            assert_eq!(date_from(value), want, "{value:?}");
        }
    }
}
