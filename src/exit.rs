//! How a run ends: the process's exit code. A leaf: the commands pick it, the binary returns it.

/// How a run ended; the process exits with the number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every file valid.
    Valid = 0,
    /// Some file has errors (or warnings with `--strict`).
    Invalid = 1,
    /// The tool could not do its whole job.
    Incomplete = 2,
    /// Interrupted by Ctrl-C.
    Interrupted = 130,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        self as u8
    }
}
