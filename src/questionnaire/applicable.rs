//! Which questionnaire applies to an answers file. `validate`, `export`, `fmt`, `import` and
//! `fill` all decide it here: `--questionnaire` when given, else the built-in one the file names,
//! else the default.

use super::{DEFAULT_ID, DefinitionError, Questionnaire};

/// The questionnaire an answers file is to be checked against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Applicable<'q, 'n> {
    /// `--questionnaire` (the file names the same one, or none), the built-in one the file
    /// names, or the default when neither names one.
    Found(&'q Questionnaire),
    /// `--questionnaire`, although the file names another one (`named`).
    Overridden {
        /// The questionnaire of `--questionnaire`.
        flag: &'q Questionnaire,
        /// The id the file names.
        named: &'n str,
    },
    /// The file names a questionnaire that is not built in, and `--questionnaire` is not given.
    Unknown {
        /// The id the file names.
        named: &'n str,
    },
}

impl<'q> Applicable<'q, '_> {
    /// The questionnaire to check against, unless none is known.
    pub fn questionnaire(&self) -> Option<&'q Questionnaire> {
        match *self {
            Applicable::Found(q) | Applicable::Overridden { flag: q, .. } => Some(q),
            Applicable::Unknown { .. } => None,
        }
    }
}

/// Which questionnaire applies to a file whose `questionnaire` key is `named`, when
/// `--questionnaire` gave `flag`.
pub fn applicable<'q, 'n>(
    flag: Option<&'q Questionnaire>,
    named: Option<&'n str>,
) -> Applicable<'q, 'n> {
    match (flag, named) {
        (Some(flag), Some(named)) if named != flag.id => Applicable::Overridden { flag, named },
        (None, Some(named)) => match Questionnaire::builtin_cached(named) {
            Some(q) => Applicable::Found(q),
            None => Applicable::Unknown { named },
        },
        (flag, _) => Applicable::Found(flag_or_default(flag)),
    }
}

/// The questionnaire for answers that name none: `--questionnaire`, else the default.
pub fn flag_or_default(flag: Option<&Questionnaire>) -> &Questionnaire {
    flag.unwrap_or_else(|| {
        Questionnaire::builtin_cached(DEFAULT_ID)
            .expect("the default questionnaire is built in and checked by the test suite")
    })
}

/// Loads `--questionnaire` (a built-in id or a definition file) if it is given.
pub fn from_flag(flag: Option<&str>) -> Result<Option<Questionnaire>, DefinitionError> {
    flag.map(Questionnaire::resolve).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn custom() -> Questionnaire {
        let mut q = Questionnaire::default_builtin();
        q.id = "custom".to_string();
        q
    }

    #[test]
    fn the_flag_wins_and_says_so_when_the_file_names_another() {
        let flag = custom();
        assert_eq!(applicable(Some(&flag), None), Applicable::Found(&flag));
        assert_eq!(
            applicable(Some(&flag), Some("custom")),
            Applicable::Found(&flag)
        );
        assert_eq!(
            applicable(Some(&flag), Some("hlpf-2024")),
            Applicable::Overridden {
                flag: &flag,
                named: "hlpf-2024"
            }
        );
        assert_eq!(
            applicable(Some(&flag), Some("nope")).questionnaire(),
            Some(&flag)
        );
    }

    #[test]
    fn without_the_flag_the_file_names_a_builtin_or_gets_the_default() {
        let named = applicable(None, Some("hlpf-2024")).questionnaire().unwrap();
        assert_eq!(named.id, "hlpf-2024");
        assert_eq!(
            applicable(None, None).questionnaire().unwrap().id,
            DEFAULT_ID
        );
        let unknown = applicable(None, Some("hlpf-1999"));
        assert_eq!(unknown, Applicable::Unknown { named: "hlpf-1999" });
        assert_eq!(unknown.questionnaire(), None);
    }

    #[test]
    fn the_flag_is_loaded_only_when_given() {
        assert_eq!(from_flag(None).unwrap(), None);
        assert_eq!(
            from_flag(Some("hlpf-2024")).unwrap().unwrap().id,
            "hlpf-2024"
        );
        assert!(from_flag(Some("no-such-questionnaire")).is_err());
    }
}
