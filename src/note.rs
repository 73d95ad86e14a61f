//! The personal paragraph of a single activist, given on the command line
//! (`--note TEXT`, `--note-file FILE`) for `preview` and `send`.
//!
//! It becomes the sender's note, the same as the paragraph the question in
//! `send` or `--edit` produce and a member's `note` column: the template
//! decides where it goes (`{{#if note}}…{{/if}}`, see [`crate::letter`]).

use std::path::Path;

use crate::cli::NoteArgs;
use crate::error::Failure;
use crate::plan::Plan;

/// Sets the plan's single sender's note from `--note`/`--note-file`.
/// With `--senders` (each member's note comes from the file) either flag
/// is refused: exit 2, before anything is rendered or sent.
pub fn apply(plan: &mut Plan, args: &NoteArgs) -> anyhow::Result<()> {
    let Some(text) = given(args)? else {
        return Ok(());
    };
    if plan.group {
        return Err(Failure::usage(crate::t!("note-with-senders"))
            .hint(crate::t!("note-with-senders-hint"))
            .into());
    }
    check_characters(&text)?;
    plan.senders[0].note = crate::letter::note_paragraphs(&text);
    Ok(())
}

/// The text of `--note` or the contents of `--note-file`, if either was given.
fn given(args: &NoteArgs) -> anyhow::Result<Option<String>> {
    match (&args.note, &args.note_file) {
        (Some(text), _) => Ok(Some(text.clone())),
        (None, Some(path)) => read_note_file(path).map(Some),
        (None, None) => Ok(None),
    }
}

/// Reads a note file, which must be UTF-8 text.
fn read_note_file(path: &Path) -> anyhow::Result<String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::usage(crate::t!(
            "note-file-unreadable",
            path = shown.to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })?;
    let text = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(&bytes);
    String::from_utf8(text.to_vec()).map_err(|_| {
        Failure::usage(crate::t!("note-file-not-utf8", path = shown.to_string()))
            .hint(crate::t!("note-file-not-utf8-hint"))
            .into()
    })
}

/// Refuses control characters other than line ends and tabs: they would go
/// into the letter raw and could drive a terminal showing it.
pub fn check_characters(text: &str) -> anyhow::Result<()> {
    match text
        .chars()
        .find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        Some(c) => Err(Failure::usage(crate::t!(
            "note-control-character",
            character = c.escape_unicode().to_string()
        ))
        .hint(crate::t!("note-control-character-hint"))
        .into()),
        None => Ok(()),
    }
}
