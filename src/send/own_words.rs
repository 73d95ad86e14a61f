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
        "the member's name and the template's variants"
    } else {
        "the member's name"
    };
    Some(format!(
        "note: {letters} of {} letters ({} of {} members) have no personal paragraph: apart from {variants} they are identical, and parliaments count identical letters as one campaign; a sentence of each member's own (the members file's `note` column) makes a letter count",
        selection.to_send.len(),
        without.len(),
        members(selection),
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
        return Err(Failure::usage(
            "--require-note: your letter has no personal paragraph",
        )
        .hint("write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note")
        .into());
    }
    let mut names: Vec<String> = without
        .iter()
        .take(NAMES_SHOWN)
        .map(|&s| format!("`{}`", plan.senders[s].name))
        .collect();
    if without.len() > NAMES_SHOWN {
        names.push(format!("and {} more", without.len() - NAMES_SHOWN));
    }
    Err(Failure::usage(format!(
        "--require-note: {} of {} members have no personal paragraph: {}",
        without.len(),
        members(selection),
        names.join(", ")
    ))
    .hint("write one for each in the members file's `note` column, or leave out --require-note; nothing was sent")
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
