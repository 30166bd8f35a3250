//! The rules, one module per kind of value; pure functions that know no paths, files or
//! findings. A reader (`read`, `read_text`) takes a value as written and gives a [`Reading`]: the
//! canonical value or "keep it as written", and what is wrong with it as [`Problem`]s; a check of
//! a value already read (words, URLs, date order) gives its problems alone. The checker in
//! [`crate::check`] attaches paths and places.

pub mod choices;
pub mod countries;
pub mod dates;
pub mod languages;
pub mod lists;
pub mod places;
pub mod scan;
pub mod sdgs;
pub mod text;
pub mod urls;

use crate::finding::{Code, Params};

/// What a rule made of a value: the canonical form, or nothing to rewrite.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Read<T> {
    /// Read in full; this is how it is written back.
    Canonical(T),
    /// Not read in full: written back exactly as the person wrote it, so that nothing is lost.
    AsWritten,
}

impl<T> Read<T> {
    /// The canonical value, if there is one.
    pub fn canonical(self) -> Option<T> {
        match self {
            Read::Canonical(value) => Some(value),
            Read::AsWritten => None,
        }
    }
}

/// A rule's verdict on one value: what it reads as, and its problems in the order they are given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading<T> {
    /// Canonical, or kept as written.
    pub value: Read<T>,
    /// What is wrong, or could be written better.
    pub problems: Vec<Problem>,
}

impl<T> Reading<T> {
    /// Read in full, with no problem.
    pub fn canonical(value: T) -> Reading<T> {
        Reading {
            value: Read::Canonical(value),
            problems: Vec::new(),
        }
    }

    /// Kept as written, for this reason.
    pub fn as_written(problem: Problem) -> Reading<T> {
        Reading {
            value: Read::AsWritten,
            problems: vec![problem],
        }
    }

    /// Adds a problem.
    pub fn with(mut self, problem: Problem) -> Reading<T> {
        self.problems.push(problem);
        self
    }
}

/// What a rule found, before it is tied to a path and a place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The finding code.
    pub code: Code,
    /// A predicate for the value's path: `has 163 words, the limit is 150`.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// The values the message names.
    pub params: Params,
}

impl Problem {
    /// A problem without a hint.
    pub fn new(code: Code, message: impl Into<String>) -> Problem {
        Problem {
            code,
            message: message.into(),
            hint: None,
            params: Params::default(),
        }
    }

    /// `is written as ...`: a value read in full that `export` writes as `canonical`.
    pub fn non_canonical(what: &str, canonical: &str) -> Problem {
        Problem::new(Code::NonCanonical, format!("is {what}")).hint(format!(
            "write `{canonical}` (`qfill export` writes it for you)"
        ))
    }

    /// Names the value the problem is about.
    pub fn value(mut self, value: &str) -> Problem {
        self.params.value = Some(value.trim().to_string());
        self
    }

    /// Sets the count and the limit the message names.
    pub fn counted(mut self, count: usize, limit: usize) -> Problem {
        self.params.count = Some(count);
        self.params.limit = Some(limit);
        self
    }

    /// Adds a hint.
    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}
