//! Country and language names typed in a list, resolved before the list is checked: a name that
//! matches (an alias too) passes silently; one that matches nothing offers what it may mean,
//! "Did you mean Trinidad and Tobago?" for one strong candidate, a list for several.

use super::Session;
use super::prompter::Prompted;
use crate::questionnaire::{Field, FieldKind};
use crate::refdata::{self, CountryMatch, LanguageMatch};
use crate::rules::lists;

impl Session<'_> {
    /// The typed list with names that matched nothing replaced by the person's choice among
    /// candidates; unchanged when nothing was asked.
    pub(super) fn resolve_names(&mut self, field: &Field, typed: &str) -> Prompted<String> {
        let (items, separator): (Vec<String>, &str) = match field.kind {
            FieldKind::Countries => (lists::split_list_keeping(typed, is_country), ", "),
            FieldKind::Languages => (lists::split_list(typed), ", "),
            FieldKind::Places => (
                typed
                    .split([';', '\n'])
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect(),
                "; ",
            ),
            _ => return Ok(typed.to_string()),
        };
        if field.allow_all && items.len() == 1 && crate::text::fold(&items[0]) == "all" {
            return Ok(typed.to_string());
        }
        let mut changed = false;
        let mut out = Vec::new();
        for item in items {
            let resolved = match field.kind {
                FieldKind::Languages => self.resolve(&item, &item, language_unknown)?,
                FieldKind::Places => match item.rsplit_once(',') {
                    Some((city, country)) => {
                        let country = country.trim();
                        let chosen = self.resolve(country, &item, country_unknown)?;
                        format!("{}, {chosen}", city.trim())
                    }
                    None => item.clone(),
                },
                _ => self.resolve(&item, &item, country_unknown)?,
            };
            changed |= resolved != item;
            out.push(resolved);
        }
        Ok(if changed {
            out.join(separator)
        } else {
            typed.to_string()
        })
    }

    /// `name` itself, or the candidate the person picks; `within` is the list item it is in.
    fn resolve(
        &mut self,
        name: &str,
        within: &str,
        candidates: fn(&str) -> Option<Vec<&'static str>>,
    ) -> Prompted<String> {
        let Some(found) = candidates(name) else {
            return Ok(name.to_string());
        };
        match found.as_slice() {
            [] => Ok(name.to_string()),
            [one] => {
                let yes = self
                    .p
                    .confirm(&format!("`{name}`: did you mean {one}?"), true)?;
                Ok(if yes { one } else { name }.to_string())
            }
            several => {
                let mut items: Vec<String> = several
                    .iter()
                    .map(std::string::ToString::to_string)
                    .collect();
                items.push(format!("Keep `{name}` as typed"));
                let keep = items.len() - 1;
                let what = if within == name {
                    format!("`{name}` matches several names; which one?")
                } else {
                    format!("`{name}` (in `{within}`) matches several names; which one?")
                };
                let chosen = self.p.select(&what, &items, keep)?;
                Ok(if chosen == keep {
                    name.to_string()
                } else {
                    items[chosen].clone()
                })
            }
        }
    }
}

fn is_country(name: &str) -> bool {
    !matches!(refdata::match_country(name), CountryMatch::Unknown { .. })
}

/// Candidates for a name that is no country qfill knows; `None` when it is one.
fn country_unknown(name: &str) -> Option<Vec<&'static str>> {
    (!is_country(name)).then(|| refdata::country_candidates(name))
}

/// Candidates for a language entry that matched nothing; `None` when it matched.
fn language_unknown(name: &str) -> Option<Vec<&'static str>> {
    matches!(refdata::match_language(name), LanguageMatch::Unknown { .. })
        .then(|| refdata::language_candidates(name))
}
