//! The entity table a form may open with (name of entity, focal point, e-mail, date of
//! submission): its labels, read as the fields of one record, and where each value goes.
//!
//! These are the form's, not a question's: every edition's form asks them the same way, and they
//! map to the top-level keys `entity`, `contact` and `submitted`.

use crate::questionnaire::{Field, FieldKind};

/// Where an entity table's value goes in the answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    /// `entity`.
    Entity,
    /// `contact.name`.
    ContactName,
    /// `contact.email`.
    ContactEmail,
    /// `submitted`.
    Submitted,
}

impl Target {
    /// The field id the labels below carry.
    fn id(self) -> &'static str {
        match self {
            Target::Entity => "entity",
            Target::ContactName => "name",
            Target::ContactEmail => "email",
            Target::Submitted => "submitted",
        }
    }

    /// The target a pseudo-field's id names.
    pub(super) fn of(id: &str) -> Option<Target> {
        [
            Target::Entity,
            Target::ContactName,
            Target::ContactEmail,
            Target::Submitted,
        ]
        .into_iter()
        .find(|t| t.id() == id)
    }
}

/// The labels forms use, each as a field of the entity table; the matcher takes the longest.
const LABELS: &[(Target, &str)] = &[
    (Target::Entity, "Name of entity"),
    (Target::Entity, "Name of the entity"),
    (Target::Entity, "Entity name"),
    (Target::Entity, "Entity"),
    (Target::Entity, "Name of organization"),
    (Target::Entity, "Name of organisation"),
    (Target::Entity, "Organization"),
    (Target::Entity, "Organisation"),
    (Target::Entity, "UN system entity"),
    (Target::ContactName, "Focal point"),
    (Target::ContactName, "Name of focal point"),
    (Target::ContactName, "Focal point name"),
    (Target::ContactName, "Contact person"),
    (Target::ContactName, "Name of contact person"),
    (Target::ContactEmail, "E-mail"),
    (Target::ContactEmail, "Email"),
    (Target::ContactEmail, "E-mail address"),
    (Target::ContactEmail, "Email address"),
    (Target::ContactEmail, "Focal point e-mail"),
    (Target::ContactEmail, "Focal point email"),
    (Target::ContactEmail, "E-mail of focal point"),
    (Target::ContactEmail, "Email of focal point"),
    (Target::Submitted, "Date of submission"),
    (Target::Submitted, "Submission date"),
    (Target::Submitted, "Date submitted"),
];

/// The entity table's labels as record fields, for the label matcher.
pub(super) fn fields() -> Vec<Field> {
    LABELS
        .iter()
        .map(|(target, label)| Field {
            id: target.id().to_string(),
            label: label.to_string(),
            kind: FieldKind::Line,
            required: false,
            words: Default::default(),
            allow_all: false,
            check_window: false,
            provenance: Default::default(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::label::match_label;
    use super::*;

    #[test]
    fn the_labels_forms_use() {
        let fields = fields();
        type Case<'a> = (&'a str, Option<(Target, Option<&'a str>)>);
        let cases: &[Case] = &[
            ("Name of entity:", Some((Target::Entity, None))),
            ("Entity: OCRS", Some((Target::Entity, Some("OCRS")))),
            ("Focal point", Some((Target::ContactName, None))),
            ("E-mail:", Some((Target::ContactEmail, None))),
            ("Focal point e-mail", Some((Target::ContactEmail, None))),
            ("Date of submission", Some((Target::Submitted, None))),
            ("Entities were consulted", None),
        ];
        for (line, want) in cases {
            let got = match_label(line, &fields)
                .map(|(i, value)| (Target::of(&fields[i].id).unwrap(), value));
            assert_eq!(got, *want, "{line}");
        }
    }
}
