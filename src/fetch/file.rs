//! The `recipients.toml` a fetch writes: a comment block saying where the
//! data came from, the `[campaign]` table (kept from `--merge FILE`, else a
//! placeholder to edit) and one `[[recipient]]` per seat, with what people
//! curate by hand kept from the merged list. Written atomically: a failed
//! run leaves no file, and an existing one stays as it was.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use chrono::NaiveDate;

use super::{role_name, Fetched, Query, Seat};
use crate::campaign::{check_recipient_text, read_recipient_list};
use crate::error::Failure;

/// The licence of the European Parliament's open data.
pub const LICENCE: &str =
    "Creative Commons Attribution 4.0 (CC BY 4.0), © European Union – European Parliament";

/// A hand-kept recipients file to merge with.
pub struct MergeSource {
    path: PathBuf,
    /// The `[campaign]` table as written, for the new file.
    campaign: toml::Table,
    /// Its recipients, validated.
    recipients: Vec<crate::campaign::Recipient>,
}

/// The text to write and the changes to report.
pub struct Written {
    /// The whole file.
    pub text: String,
    /// `joined: …`, `left: …`, `role changed: …`, `address changed: …`.
    pub changes: Vec<String>,
}

impl MergeSource {
    /// Reads and validates the list to merge with (with the same checks as
    /// any campaign; a broken list is exit 2, before any request).
    pub fn read(path: &Path) -> anyhow::Result<MergeSource> {
        if !path.is_file() {
            return Err(Failure::usage(crate::t!(
                "fetch-merge-not-found",
                path = path.display().to_string()
            ))
            .hint(crate::t!("fetch-merge-not-found-hint"))
            .into());
        }
        let recipients = read_recipient_list(path)?;
        let text = std::fs::read_to_string(path)
            .with_context(|| crate::t!("fetch-reading", path = path.display().to_string()))?;
        let table: toml::Table = toml::from_str(&text)?;
        let campaign_table = table
            .get("campaign")
            .and_then(|c| c.as_table())
            .cloned()
            .unwrap_or_default();
        Ok(MergeSource {
            path: path.to_path_buf(),
            campaign: campaign_table,
            recipients,
        })
    }
}

/// Builds the file's text from the seats found.
pub fn render(
    query: &Query,
    fetched: &Fetched,
    merge: Option<&MergeSource>,
    today: NaiveDate,
) -> anyhow::Result<Written> {
    let roles: Vec<&str> = query.roles.iter().map(|r| role_name(*r)).collect();
    let mut text = format!(
        // i18n: not shown (the comments of the file written, a file format)
        "# Recipients: the {committee} committee's seats held by MEPs from {country} \
         ({roles}),\n\
         # from the European Parliament's open data.\n\
         #\n\
         # Source: {source} (meps/show-current, meps/{{id}}, corporate-bodies/{committee})\n\
         # Retrieved: {today}\n\
         # Licence: {LICENCE}\n\
         #\n\
         # Addresses are the published ones (`hasEmail`), never derived from names.\n\
         # `party` is the political group in Parliament unless a merged list gave one;\n\
         # `ep_id` is the Parliament's person id (matched on `--merge`).\n\
         # Committee seats change (mid-term re-allocation in early 2027): fetch again\n\
         # before a campaign, then run `appeal --recipients FILE recipients --check`.\n\n",
        committee = query.committee,
        country = query.country,
        roles = roles.join(", "),
        source = fetched.source,
    );
    if let Some(merge) = merge {
        text.push_str(&format!(
            // i18n: not shown (a comment of the file written, a file format)
            "# [campaign] and hand-made details kept from `{}`.\n",
            merge.path.display()
        ));
    }
    text.push_str(&campaign_table(query, merge));
    let (recipients, changes) = merged(&fetched.seats, merge, today);
    for r in &recipients {
        text.push('\n');
        text.push_str(&recipient_table(r));
    }
    // What is written must load (two MEPs sharing an address would not).
    check_recipient_text(&crate::t!("fetch-fetched-origin"), &text).map_err(|e| {
        Failure::usage(crate::t!("fetch-invalid-list", problem = format!("{e:#}")))
            .hint(crate::t!("fetch-invalid-list-hint"))
    })?;
    Ok(Written { text, changes })
}

/// One recipient to write: the seat and what the merged list adds.
struct Entry {
    seat: Seat,
    salutation: Option<String>,
    title: Option<String>,
    family_name: Option<String>,
    party: Option<String>,
    /// Dates still to come (`left_office = 2027-01-31`), kept as notes.
    left_office: Option<NaiveDate>,
    role_ended: Option<NaiveDate>,
}

/// The seats with the merged list's curated details, and the changes.
fn merged(
    seats: &[Seat],
    merge: Option<&MergeSource>,
    today: NaiveDate,
) -> (Vec<Entry>, Vec<String>) {
    let old: &[crate::campaign::Recipient] = merge.map_or(&[], |m| &m.recipients);
    let by_id: HashMap<&str, usize> = old
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.ep_id.as_deref().map(|id| (id, i)))
        .collect();
    let by_email: HashMap<String, usize> = old
        .iter()
        .enumerate()
        .map(|(i, r)| (r.email.to_lowercase(), i))
        .collect();
    let mut matched = vec![false; old.len()];
    let mut changes = Vec::new();
    let mut entries = Vec::new();
    for seat in seats {
        let found = by_id
            .get(seat.ep_id.as_str())
            .or_else(|| by_email.get(&seat.email.to_lowercase()))
            .copied();
        let role = role_name(seat.role);
        let Some(i) = found else {
            if merge.is_some() {
                changes.push(crate::t!(
                    "fetch-change-joined",
                    name = seat.name.as_str(),
                    role = role,
                    email = seat.email.as_str()
                ));
            }
            entries.push(Entry::fresh(seat));
            continue;
        };
        matched[i] = true;
        let was = &old[i];
        if was.has_left(today) {
            changes.push(crate::t!(
                "fetch-change-joined-again",
                name = seat.name.as_str(),
                role = role
            ));
        } else if let Some(before) = was.current_role().filter(|r| *r != role) {
            changes.push(crate::t!(
                "fetch-change-role",
                name = seat.name.as_str(),
                before = before,
                role = role
            ));
        }
        if !was.email.eq_ignore_ascii_case(&seat.email) {
            changes.push(crate::t!(
                "fetch-change-address",
                name = seat.name.as_str(),
                before = was.email.as_str(),
                email = seat.email.as_str()
            ));
        }
        let future = |d: Option<NaiveDate>| d.filter(|d| *d > today);
        entries.push(Entry {
            seat: seat.clone(),
            salutation: was.salutation.map(|s| s.to_string()),
            title: was.title.clone(),
            family_name: was.family_name.clone(),
            party: was.party.clone(),
            left_office: future(was.left_office),
            role_ended: future(was.role_ended),
        });
    }
    for (r, _) in old
        .iter()
        .zip(&matched)
        .filter(|(r, m)| !**m && !r.has_left(today))
    {
        changes.push(crate::t!("fetch-change-left", name = r.full_name()));
    }
    if let Some(merge) = merge {
        if changes.is_empty() {
            changes.push(crate::t!(
                "fetch-no-changes",
                path = merge.path.display().to_string()
            ));
        } else {
            changes.insert(
                0,
                crate::t!("fetch-changes", path = merge.path.display().to_string()),
            );
            for c in changes.iter_mut().skip(1) {
                c.insert_str(0, "  ");
            }
        }
    }
    (entries, changes)
}

impl Entry {
    /// A seat nobody curated yet.
    fn fresh(seat: &Seat) -> Entry {
        Entry {
            seat: seat.clone(),
            salutation: seat.salutation.map(|s| s.to_string()),
            title: None,
            family_name: None,
            party: None,
            left_office: None,
            role_ended: None,
        }
    }
}

/// The `[campaign]` table: the merged list's, else a placeholder.
fn campaign_table(query: &Query, merge: Option<&MergeSource>) -> String {
    if let Some(table) = merge.map(|m| &m.campaign).filter(|t| !t.is_empty()) {
        let mut text = String::from("[campaign]\n");
        let order = ["id", "title", "language", "template"];
        for key in order {
            if let Some(v) = table.get(key) {
                text.push_str(&format!("{key} = {v}\n"));
            }
        }
        for (key, v) in table.iter().filter(|(k, _)| !order.contains(&k.as_str())) {
            text.push_str(&format!("{key} = {v}\n"));
        }
        return text;
    }
    let id = format!("{}-{}", query.committee, query.country).to_lowercase();
    format!(
        // i18n: not shown (the comments of the file written, a file format)
        "# Edit these: `id` keys the send journal (keep it once you have sent),\n\
         # `template` is a file under templates/ beside this file, or the built-in\n\
         # appeal.de.hbs (the 2022 #UnscanMyFace letter).\n\
         [campaign]\n\
         id = {}\n\
         title = {}\n\
         language = \"de\"\n\
         template = \"appeal.de.hbs\"\n",
        quoted(&id),
        quoted(&format!(
            // i18n: not shown (the letter's own German text)
            "Brief an die Mitglieder des {}-Ausschusses aus {} (Titel bitte anpassen)",
            query.committee, query.country
        )),
    )
}

/// One `[[recipient]]` table.
fn recipient_table(e: &Entry) -> String {
    let seat = &e.seat;
    let mut text = String::from("[[recipient]]\n");
    let mut line = |key: &str, value: String| text.push_str(&format!("{key} = {value}\n"));
    line("name", quoted(&seat.name));
    if let Some(s) = &e.salutation {
        line("salutation", quoted(s));
    }
    if let Some(t) = &e.title {
        line("title", quoted(t));
    }
    let last_word = seat.name.split_whitespace().last().unwrap_or_default();
    match &e.family_name {
        Some(f) => line("family_name", quoted(f)),
        None if last_word != seat.family_name => line("family_name", quoted(&seat.family_name)),
        None => {}
    }
    line("email", quoted(&seat.email));
    if let Some(p) = e.party.as_ref().or(seat.group.as_ref()) {
        line("party", quoted(p));
    }
    line("role", quoted(role_name(seat.role)));
    if let Some(d) = e.role_ended {
        line("role_ended", d.to_string());
    }
    if let Some(d) = e.left_office {
        line("left_office", d.to_string());
    }
    line("ep_id", quoted(&seat.ep_id));
    text
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// Writes `text` to `out` atomically (a temporary file beside it, renamed
/// over it), or to stdout.
pub fn output(text: &str, out: Option<&Path>) -> anyhow::Result<()> {
    let Some(path) = out else {
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        return Ok(stdout.flush()?);
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let cannot = |e: std::io::Error| {
        Failure::usage(crate::t!(
            "fetch-cannot-write",
            path = path.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
        .hint(crate::t!("fetch-cannot-write-hint"))
    };
    let mut file = tempfile::Builder::new()
        .prefix(".appeal-recipients-")
        .tempfile_in(dir)
        .map_err(cannot)?;
    file.write_all(text.as_bytes()).map_err(cannot)?;
    file.as_file().sync_all().map_err(cannot)?;
    file.persist(path).map_err(|e| cannot(e.error))?;
    Ok(())
}
