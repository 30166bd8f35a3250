//! Small helpers every room uses, and that import nothing of the crate: wording (plurals,
//! lists, `did you mean`), folding text for loose comparison, escaping text for a terminal,
//! wrapping it by words at a width, and how I/O failures and sizes are spoken of.

mod closest;
mod escape;
mod fold;
mod io;
mod wording;
mod wrap;

pub use closest::{Nearest, closest, nearest};
pub use escape::{is_unsafe, sanitize, sanitize_line};
pub use fold::{fold, fold_into, folds_to, with_folded};
pub use io::{human_size, io_reason};
pub use wording::{article, backticked, capitalised, did_you_mean, elided, one_line, plural};
pub use wrap::{wrap, wrapped};
