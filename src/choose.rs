//! Choosing recipients for one run: `--party` and `--role` filters and the
//! `--choose` checklist. The campaign file stays as it is; only the run's
//! selection changes.

use crate::campaign::Recipient;
use crate::error::Failure;
use crate::prompt::Prompt;

/// One repeatable filter (`--party SPD --party CDU`): a recipient is kept
/// when any of the values fits; no values keep everyone.
pub struct Filter {
    kind: Kind,
    values: Vec<String>,
}

#[derive(Clone, Copy)]
enum Kind {
    /// Case-insensitive part of the party, like `--to`.
    Party,
    /// The whole role, case-insensitive (`member` does not pick `substitute`).
    Role,
}

impl Filter {
    /// `--party`: each value must fit someone on the list, else exit 2 (a
    /// typo must not silently send to nobody).
    pub fn party(values: &[String], all: &[Recipient]) -> anyhow::Result<Filter> {
        Filter::new(Kind::Party, values, all)
    }

    /// `--role`, checked the same way.
    pub fn role(values: &[String], all: &[Recipient]) -> anyhow::Result<Filter> {
        Filter::new(Kind::Role, values, all)
    }

    fn new(kind: Kind, values: &[String], all: &[Recipient]) -> anyhow::Result<Filter> {
        let filter = Filter {
            kind,
            values: values.iter().map(|v| normalise(v)).collect(),
        };
        let flag = match kind {
            Kind::Party => "party",
            Kind::Role => "role",
        };
        for (typed, value) in values.iter().zip(&filter.values) {
            if value.is_empty() {
                return Err(Failure::usage(crate::t!(
                    "choose-filter-empty",
                    flag = flag,
                    value = format!("{typed:?}")
                ))
                .into());
            }
            if !all.iter().any(|r| filter.fits(r, value)) {
                return Err(Failure::usage(crate::t!(
                    "choose-filter-matches-none",
                    flag = flag,
                    value = typed.as_str()
                ))
                .hint(crate::t!("plan-selection-matches-none-hint"))
                .into());
            }
        }
        Ok(filter)
    }

    /// Whether `recipient` passes the filter.
    pub fn keeps(&self, recipient: &Recipient) -> bool {
        self.values.is_empty() || self.values.iter().any(|v| self.fits(recipient, v))
    }

    fn fits(&self, recipient: &Recipient, value: &str) -> bool {
        match self.kind {
            Kind::Party => recipient
                .party
                .as_deref()
                .is_some_and(|p| normalise(p).contains(value)),
            Kind::Role => recipient
                .current_role()
                .is_some_and(|r| normalise(r) == value),
        }
    }
}

/// Lowercase, trimmed, `vice chair` and `vice_chair` spelt `vice-chair`.
fn normalise(text: &str) -> String {
    text.trim().to_lowercase().replace(['_', ' '], "-")
}

/// `--choose`: shows the selected recipients as a checklist, all ticked,
/// and keeps those left ticked. Choosing nobody is an error, not an empty
/// run.
pub fn checklist(
    recipients: Vec<Recipient>,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<Vec<Recipient>> {
    let items: Vec<String> = recipients.iter().map(checklist_line).collect();
    let picked = prompt.choose(&crate::t!("choose-checklist-question"), &items)?;
    if picked.is_empty() {
        return Err(Failure::usage(crate::t!("choose-none-chosen"))
            .hint(crate::t!("choose-none-chosen-hint"))
            .into());
    }
    Ok(recipients
        .into_iter()
        .enumerate()
        .filter(|(i, _)| picked.contains(i))
        .map(|(_, r)| r)
        .collect())
}

/// `Dr. Katarina Barley (SPD, substitute)`.
fn checklist_line(r: &Recipient) -> String {
    let details: Vec<&str> = [r.party.as_deref(), r.current_role()]
        .into_iter()
        .flatten()
        .collect();
    if details.is_empty() {
        r.full_name()
    } else {
        format!("{} ({})", r.full_name(), details.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, party: &str, role: &str) -> Recipient {
        Recipient {
            name: name.into(),
            email: format!("{}@example.org", name.to_lowercase()),
            party: Some(party.into()),
            role: Some(role.into()),
            ..Default::default()
        }
    }

    #[test]
    fn role_is_matched_whole_and_party_in_part() {
        let all = [
            person("A", "SPD", "member"),
            person("B", "FDP (Renew)", "substitute"),
            person("C", "CDU", "Vice-Chair"),
        ];
        let role = Filter::role(&["member".into()], &all).unwrap();
        let kept: Vec<_> = all
            .iter()
            .filter(|r| role.keeps(r))
            .map(|r| &r.name)
            .collect();
        assert_eq!(kept, ["A"]);
        let role = Filter::role(&["vice chair".into()], &all).unwrap();
        assert!(role.keeps(&all[2]) && !role.keeps(&all[0]));
        let party = Filter::party(&["renew".into(), "spd".into()], &all).unwrap();
        let kept: Vec<_> = all
            .iter()
            .filter(|r| party.keeps(r))
            .map(|r| &r.name)
            .collect();
        assert_eq!(kept, ["A", "B"]);
    }
}
