//! Checking many inputs at once: in parallel on a thread pool of the run's own, with the reports
//! in input order whatever the order the files finish in.
//!
//! Each worker reads, parses and checks one file at a time and keeps only its [`FileReport`], so
//! memory grows with the number of findings, not with the size or number of files.

use rayon::prelude::*;

use crate::input::Source;
use crate::report::FileReport;
use crate::validate::Validator;

/// Told how a run advances, e.g. to draw a progress bar. Called from worker threads.
pub trait Progress: Sync {
    /// The run is about to check `total` inputs.
    fn start(&self, total: usize);
    /// One more input is checked.
    fn advance(&self);
    /// Every input is checked; nothing more will be reported.
    fn finish(&self);
}

/// Progress that nobody watches.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _total: usize) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

/// How many threads a run uses when `jobs` is not given: one per core.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Checks every source with up to `jobs` threads (all cores when `None`) and returns the
/// reports in the order of `sources`.
pub fn run(
    validator: &Validator<'_>,
    sources: &[Source],
    jobs: Option<usize>,
    progress: &dyn Progress,
) -> Vec<FileReport> {
    progress.start(sources.len());
    let pool = Pool::new(jobs, sources.len());
    let reports = pool.map(sources, |source| {
        let report = validator.report(source);
        progress.advance();
        report
    });
    progress.finish();
    reports
}

/// Threads that work through inputs in parallel and give results back in input order; one
/// pool serves any number of calls, so a caller can take its inputs in slices (as `compile`
/// does, to hold only a slice's answers at a time).
pub struct Pool(Option<rayon::ThreadPool>);

impl Pool {
    /// Up to `jobs` threads (all cores when `None`), never more than `inputs`.
    pub fn new(jobs: Option<usize>, inputs: usize) -> Pool {
        let threads = jobs.unwrap_or_else(default_jobs).clamp(1, inputs.max(1));
        // One file, or one thread: no pool to start, which keeps a single small file fast.
        Pool(
            (threads > 1)
                .then(|| {
                    rayon::ThreadPoolBuilder::new()
                        .num_threads(threads)
                        .thread_name(|i| format!("qfill-{i}"))
                        .build()
                        .ok()
                })
                .flatten(),
        )
    }

    /// `work` applied to every item, in parallel, the results in the order of `items`.
    pub fn map<I: Sync, T: Send>(&self, items: &[I], work: impl Fn(&I) -> T + Sync) -> Vec<T> {
        match &self.0 {
            Some(pool) => pool.install(|| items.par_iter().map(&work).collect()),
            // Also the way out when threads cannot be started: slower, never wrong.
            None => items.iter().map(work).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    #[derive(Default)]
    struct Count {
        total: AtomicUsize,
        advanced: AtomicUsize,
        finished: AtomicUsize,
    }

    impl Progress for Count {
        fn start(&self, total: usize) {
            self.total.store(total, Ordering::SeqCst);
        }
        fn advance(&self) {
            self.advanced.fetch_add(1, Ordering::SeqCst);
        }
        fn finish(&self) {
            self.finished.fetch_add(1, Ordering::SeqCst);
        }
    }

    #[test]
    fn reports_keep_the_order_of_the_sources_with_any_number_of_threads() {
        let dir = tempfile::tempdir().unwrap();
        let sources: Vec<Source> = (0..40)
            .map(|i| {
                let path = dir.path().join(format!("{i:02}.toml"));
                // Every other file is broken, so that reports differ from one another.
                let text = if i % 2 == 0 {
                    "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n".to_string()
                } else {
                    format!("broken = [{i}\n")
                };
                std::fs::write(&path, text).unwrap();
                Source::File(path)
            })
            .collect();
        let validator = Validator::default();
        let names =
            |reports: &[FileReport]| reports.iter().map(|r| r.file.clone()).collect::<Vec<_>>();
        let want: Vec<String> = sources.iter().map(Source::name).collect();
        let one = run(&validator, &sources, Some(1), &Silent);
        assert_eq!(names(&one), want);
        for jobs in [2, 3, 8] {
            let count = Count::default();
            let many = run(&validator, &sources, Some(jobs), &count);
            assert_eq!(many, one, "jobs {jobs}");
            assert_eq!(count.total.load(Ordering::SeqCst), 40);
            assert_eq!(count.advanced.load(Ordering::SeqCst), 40);
            assert_eq!(count.finished.load(Ordering::SeqCst), 1);
        }
        assert!(
            one[1]
                .findings
                .iter()
                .any(|f| f.code.as_str() == "parse-error")
        );
        assert!(
            one[0]
                .findings
                .iter()
                .all(|f| f.code.as_str() != "parse-error")
        );
    }
}
