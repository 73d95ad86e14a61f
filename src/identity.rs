//! Who a sender is to the send journal, and how a member is recognised when
//! that changes.
//!
//! The journal keys a letter by (campaign, sender, recipient); the sender
//! part is the member's address, or `name:` and the name for a member
//! without one. Names are compared normalised (Unicode NFC, trimmed, inner
//! whitespace collapsed, lowercase), so a name retyped with other spacing
//! or case is the same member. When a group adds a member's address later,
//! or the address changes or is removed, the member's earlier letters are
//! under another key; every record carries the sender's name, so they are
//! found by name here and their history is carried over (and said so):
//! a letter the journal records as sent is never sent again silently.
//! When two current members share the name of such an earlier key, nobody
//! can tell whose letters they were: the run stops (exit 2) and says how
//! to tell them apart.

use std::collections::{BTreeMap, BTreeSet};

use unicode_normalization::UnicodeNormalization;

use crate::campaign::Recipient;
use crate::error::Failure;
use crate::journal::{Key, Ledger, State};
use crate::plan::Plan;
use crate::sender::Sender;

/// How a sender key made from a name (no address) starts.
pub const NAME_PREFIX: &str = "name:";

/// A name as the journal compares it: NFC, trimmed, runs of whitespace made
/// one space, lowercase. `"  ANNA   Schmidt"` and `"anna schmidt"` are one
/// member; so are a composed and a decomposed `ü`.
pub fn normalise_name(name: &str) -> String {
    let lower: String = name.nfc().collect::<String>().to_lowercase();
    let composed: String = lower.nfc().collect();
    composed.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The journal's sender key: the address, lowercased, where there is one
/// (it survives a changed spelling of the name), else the normalised name.
pub fn sender_key(name: &str, email: Option<&str>) -> String {
    match email {
        Some(email) => email.to_lowercase(),
        None => format!("{NAME_PREFIX}{}", normalise_name(name)),
    }
}

/// A sender key as read from a journal, in today's form: name keys written
/// before names were normalised (`name:anna  schmidt`) are normalised, so
/// old journals keep meaning the same members.
pub fn canonical_sender(key: &str) -> String {
    match key.strip_prefix(NAME_PREFIX) {
        Some(name) => format!("{NAME_PREFIX}{}", normalise_name(name)),
        None => key.to_string(),
    }
}

/// Each member's letters under earlier keys of the journal (by the
/// member's normalised name), for one plan and one journal.
#[derive(Debug, Default)]
pub struct History {
    /// Per sender of the plan (same index): the journal's other keys of
    /// that member.
    earlier: Vec<Vec<String>>,
}

impl History {
    /// Finds every member's earlier keys: keys of the campaign with letters
    /// from someone of the member's name that belong to no current member.
    /// An earlier key two current members could claim is an error (exit 2).
    pub fn find(plan: &Plan, ledger: &Ledger) -> anyhow::Result<History> {
        let campaign = &plan.campaign.id;
        let current: BTreeSet<String> = plan.senders.iter().map(Sender::identity).collect();
        let mut claimants: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        let earlier: Vec<Vec<String>> = plan
            .senders
            .iter()
            .enumerate()
            .map(|(index, sender)| {
                let keys: Vec<String> = ledger
                    .senders_named(campaign, &normalise_name(&sender.name))
                    .filter(|key| !current.contains(*key))
                    .cloned()
                    .collect();
                for key in &keys {
                    claimants.entry(key.clone()).or_default().push(index);
                }
                keys
            })
            .collect();
        if let Some((key, members)) = claimants.iter().find(|(_, m)| m.len() > 1) {
            return Err(ambiguous(key, members.iter().map(|&i| &plan.senders[i])).into());
        }
        Ok(History { earlier })
    }

    /// The state of the letter from the plan's sender `index` to
    /// `recipient`: its own, or, when the same letter under one of the
    /// member's earlier keys went further (delivered, uncertain, refused),
    /// that one. A letter sent under an old key is not sent again.
    pub fn state(
        &self,
        ledger: &Ledger,
        plan: &Plan,
        index: usize,
        recipient: &Recipient,
    ) -> State {
        let key = Key::new(&plan.campaign.id, &plan.senders[index], recipient);
        let own = ledger.state(&key);
        self.earlier_keys(index)
            .iter()
            .map(|sender| {
                ledger.state(&Key {
                    sender: sender.clone(),
                    ..key.clone()
                })
            })
            .fold(own, |best, other| {
                if rank(&other) > rank(&best) {
                    other
                } else {
                    best
                }
            })
    }

    /// One notice per member whose letters were found under earlier keys.
    pub fn notices(&self, plan: &Plan) -> Vec<String> {
        plan.senders
            .iter()
            .enumerate()
            .filter(|(index, _)| !self.earlier_keys(*index).is_empty())
            .map(|(index, sender)| {
                let earlier: Vec<String> = self
                    .earlier_keys(index)
                    .iter()
                    .map(|key| describe_key(key))
                    .collect();
                crate::t!(
                    "identity-earlier-letters-notice",
                    name = sender.name.as_str(),
                    earlier = earlier.join(&crate::t!("identity-list-and"))
                )
            })
            .collect()
    }

    fn earlier_keys(&self, index: usize) -> &[String] {
        self.earlier.get(index).map_or(&[], Vec::as_slice)
    }
}

/// How far a letter got: the higher, the less it may be sent again.
fn rank(state: &State) -> u8 {
    match state {
        State::Pending => 0,
        State::Temporary(_) => 1,
        State::Refused(_) => 2,
        State::Uncertain(_) => 3,
        State::HandedOver(_) => 4,
        State::Delivered(_) => 5,
    }
}

/// An earlier key as people read it.
fn describe_key(key: &str) -> String {
    match key.strip_prefix(NAME_PREFIX) {
        Some(_) => crate::t!("identity-earlier-nameless"),
        None => crate::t!("identity-earlier-address", address = key),
    }
}

/// Two or more current members could be the sender of an earlier key.
fn ambiguous<'a>(key: &str, members: impl Iterator<Item = &'a Sender>) -> Failure {
    let members: Vec<String> = members
        .map(|s| match &s.email {
            Some(email) => format!("`{}` <{email}>", s.name),
            None => crate::t!("identity-member-without-address", name = s.name.as_str()),
        })
        .collect();
    let message = match key.strip_prefix(NAME_PREFIX) {
        Some(name) => crate::t!(
            "identity-ambiguous-name",
            name = name,
            count = members.len(),
            members = members.join(", ")
        ),
        None => crate::t!(
            "identity-ambiguous-address",
            address = key,
            count = members.len(),
            members = members.join(", ")
        ),
    };
    Failure::usage(message).hint(crate::t!("identity-ambiguous-hint"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_compared_without_spacing_case_or_composition() {
        assert_eq!(normalise_name("  Anna \t  SCHMIDT "), "anna schmidt");
        assert_eq!(
            normalise_name("Ju\u{308}rgen Mu\u{308}ller"),
            normalise_name("jürgen müller")
        );
        assert_eq!(normalise_name("Jürgen"), "jürgen");
    }

    #[test]
    fn keys_are_the_address_else_the_normalised_name() {
        assert_eq!(
            sender_key("Anna", Some("Anna@Example.org")),
            "anna@example.org"
        );
        assert_eq!(sender_key(" Anna  Schmidt", None), "name:anna schmidt");
        assert_eq!(canonical_sender("name:Anna  SCHMIDT"), "name:anna schmidt");
        assert_eq!(canonical_sender("anna@example.org"), "anna@example.org");
    }
}
