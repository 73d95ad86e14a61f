//! `appeal init DIR`: an editable campaign folder, so a group can change
//! the letter and the recipients and run it with `--campaign DIR`. It
//! holds the built-in `recipients.toml` (its comments explain each key)
//! and template (with a comment on the variables), or with `--from-fetch`
//! today's committee seats from the European Parliament's open data.
//! The folder appears whole or not at all.

use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;

use crate::campaign::{BUILTIN_RECIPIENTS, BUILTIN_TEMPLATES};
use crate::cli::InitArgs;
use crate::error::{Exit, Failure};
use crate::fetch::{self, api::Api, Query};

/// What the top of the copied template says (a handlebars comment: it
/// renders to nothing).
// i18n: not shown (part of the file written, the same in every language, like the template and recipients.toml)
const TEMPLATE_NOTE: &str = "{{!--
  The letter: headers (Subject: …), a blank line, then the body.
  Variables: {{greeting}} (the personal salutation line), recipient.name,
  recipient.salutation, recipient.title, recipient.email, recipient.party,
  recipient.role, sender.name, sender.email, sender.city, sender.postcode,
  sender.address, campaign.id, campaign.title, date, and note (the
  sender's own paragraph: `{{#if note}}…{{/if}}` puts it where it reads
  right). An unknown variable is an error naming it. Alternative wordings
  (variants, as in the subject below): see the README's \"Templates\".
  This comment may stay: it is not part of the letter.
--}}
";

/// Runs `appeal init`.
pub fn run(args: &InitArgs, quiet: bool, today: NaiveDate) -> anyhow::Result<Exit> {
    check_target(&args.dir)?;
    let recipients = if args.from_fetch {
        let query = Query::from_args(
            args.committee.as_deref().unwrap_or_default(),
            args.country.as_deref().unwrap_or_default(),
            &[],
        )?;
        let mut api = Api::new(&args.api_url, Duration::from_secs(2));
        let fetched = fetch::fetch(&mut api, &query, quiet, today)?;
        if !fetched.without_email.is_empty() && !quiet {
            eprintln!(
                "{}",
                crate::t!(
                    "init-no-email-warning",
                    names = fetched.without_email.join(", ")
                )
            );
        }
        fetch::file::render(&query, &fetched, None, today)?.text
    } else {
        BUILTIN_RECIPIENTS.to_string()
    };
    write_folder(&args.dir, &recipients)?;
    if !quiet {
        let dir = args.dir.display().to_string();
        eprintln!("{}", crate::t!("init-created", dir = dir));
    }
    Ok(Exit::Success)
}

/// The folder must not exist yet, or be empty: nothing is overwritten.
fn check_target(dir: &Path) -> anyhow::Result<()> {
    match std::fs::read_dir(dir).map(|mut entries| entries.next().is_some()) {
        Ok(true) => Err(Failure::usage(crate::t!(
            "init-not-empty",
            dir = dir.display().to_string()
        ))
        .hint(crate::t!("init-not-empty-hint"))
        .into()),
        Ok(false) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Failure::usage(crate::t!(
            "init-cannot-use",
            dir = dir.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
        .hint(crate::t!("init-cannot-use-hint"))
        .into()),
    }
}

/// Writes the folder beside its place, then renames it there.
fn write_folder(dir: &Path, recipients: &str) -> anyhow::Result<()> {
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let cannot = |e: std::io::Error| {
        Failure::usage(crate::t!(
            "init-cannot-create",
            dir = dir.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
        .hint(crate::t!("init-cannot-create-hint"))
    };
    let staging = tempfile::Builder::new()
        .prefix(".appeal-init-")
        .tempdir_in(parent)
        .map_err(cannot)?;
    std::fs::write(staging.path().join("recipients.toml"), recipients).map_err(cannot)?;
    let templates = staging.path().join("templates");
    std::fs::create_dir(&templates).map_err(cannot)?;
    for (name, text) in BUILTIN_TEMPLATES {
        std::fs::write(templates.join(name), format!("{TEMPLATE_NOTE}{text}")).map_err(cannot)?;
    }
    if dir.exists() {
        std::fs::remove_dir(dir).map_err(cannot)?;
    }
    let staged = staging.keep();
    std::fs::rename(&staged, dir).map_err(|e| {
        let _ = std::fs::remove_dir_all(&staged);
        cannot(e)
    })?;
    Ok(())
}
