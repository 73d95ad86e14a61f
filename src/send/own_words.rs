//! Own words encouraged: parliaments count identical letters as one
//! campaign, not as many voices (see the README's "Group campaigns"). A
//! group run says how many of its letters are identical apart from the
//! member's name and the template's variants, before asking;
//! `--require-note` refuses to send a letter without a personal paragraph.

use crate::error::Failure;
use crate::plan::Plan;

use super::Selection;

/// At most this many names in the `--require-note` message.
const NAMES_SHOWN: usize = 10;

/// For a group run: how many letters to send have no personal paragraph,
/// so they differ only by the member's name and the variants.
pub(super) fn identical_notice(plan: &Plan, selection: &Selection) -> Option<String> {
    if !plan.group {
        return None;
    }
    let without: Vec<usize> = without_note(plan, selection);
    if without.is_empty() {
        return None;
    }
    let letters = selection
        .to_send
        .iter()
        .filter(|job| plan.senders[job.sender].note.is_none())
        .count();
    let variants = if plan.letters.has_variants() {
        "yes"
    } else {
        "no"
    };
    Some(crate::t!(
        "own-words-identical",
        letters = letters,
        total = selection.to_send.len(),
        members = without.len(),
        all = members(selection),
        variants = variants
    ))
}

/// `--require-note`: every letter to send must carry a personal paragraph;
/// otherwise nothing is sent (exit 2), naming who has none.
pub(super) fn require_notes(plan: &Plan, selection: &Selection) -> anyhow::Result<()> {
    let without = without_note(plan, selection);
    if without.is_empty() {
        return Ok(());
    }
    if !plan.group {
        return Err(Failure::usage(crate::t!("own-words-required"))
            .hint(crate::t!("own-words-required-hint"))
            .into());
    }
    let mut names: Vec<String> = without
        .iter()
        .take(NAMES_SHOWN)
        .map(|&s| format!("`{}`", plan.senders[s].name))
        .collect();
    if without.len() > NAMES_SHOWN {
        names.push(crate::t!(
            "own-words-more-names",
            count = without.len() - NAMES_SHOWN
        ));
    }
    Err(Failure::usage(crate::t!(
        "own-words-required-group",
        count = without.len(),
        members = members(selection),
        names = names.join(", ")
    ))
    .hint(crate::t!("own-words-required-group-hint"))
    .into())
}

/// The members (indexes, in file order) with letters to send but no note.
fn without_note(plan: &Plan, selection: &Selection) -> Vec<usize> {
    let mut senders: Vec<usize> = selection
        .to_send
        .iter()
        .map(|job| job.sender)
        .filter(|&s| plan.senders[s].note.is_none())
        .collect();
    senders.sort_unstable();
    senders.dedup();
    senders
}

/// How many members have letters to send.
fn members(selection: &Selection) -> usize {
    let mut senders: Vec<usize> = selection.to_send.iter().map(|job| job.sender).collect();
    senders.sort_unstable();
    senders.dedup();
    senders.len()
}
