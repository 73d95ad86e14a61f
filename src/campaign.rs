//! The campaign: who the letters go to (`recipients.toml`) and what they say
//! (the handlebars template), loaded and validated before any work starts.
//!
//! The built-in #UnscanMyFace campaign is compiled into the binary, so
//! `appeal` works from any folder; `--campaign`, `--recipients` and
//! `--template` replace parts of it. This module reads files and checks
//! them; it renders nothing (see `letter`) and never touches the network.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::NaiveDate;
use lettre::Address;
use serde::{Deserialize, Serialize};

use crate::error::{line_col, toml_message, Problems};

/// The built-in recipients file, as shipped at the repository root.
pub const BUILTIN_RECIPIENTS: &str = include_str!("../recipients.toml");

/// The built-in templates, by the file name `recipients.toml` refers to.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] =
    &[("appeal.de.hbs", include_str!("../templates/appeal.de.hbs"))];

/// Where the campaign comes from: the command line's `--campaign`,
/// `--recipients` and `--template`, each replacing part of the built-in one.
#[derive(Clone, Debug, Default)]
pub struct CampaignSource {
    /// A folder with its own `recipients.toml` and `templates/`.
    pub dir: Option<PathBuf>,
    /// A recipients file that replaces the campaign's.
    pub recipients: Option<PathBuf>,
    /// A template file that replaces the campaign's.
    pub template: Option<PathBuf>,
}

/// A campaign ready to render: every recipient and the template checked.
#[derive(Clone, Debug)]
pub struct Campaign {
    /// Stable key: the send journal is keyed by it, so it never changes.
    pub id: String,
    /// Human title, shown in summaries.
    pub title: String,
    /// Language of the letter (`de`): picks the date format.
    pub language: String,
    /// The template's text, headers and body.
    pub template: String,
    /// Where the template came from, for error messages (`built-in` or a
    /// path); empty when it could not be read (see `load_lenient`).
    pub template_origin: String,
    /// Everyone on the list, in file order, including those who left office.
    pub recipients: Vec<Recipient>,
    /// The recipients' time zone (IANA name, `Europe/Brussels` unless the
    /// campaign says otherwise): `send --office-hours` keeps to their
    /// working day there.
    pub time_zone: String,
}

/// One person the letter is addressed to.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Recipient {
    /// Full name as addressed, e.g. `Katarina Barley`.
    pub name: String,
    /// `Frau`, `Herr`, or none for the neutral greeting.
    pub salutation: Option<Salutation>,
    /// Academic title such as `Dr.`, used in the greeting.
    pub title: Option<String>,
    /// Family name where it is not the last word of `name`.
    pub family_name: Option<String>,
    /// The published address; never derived from the name.
    pub email: String,
    /// Party, shown in listings.
    pub party: Option<String>,
    /// The day the person left office; they are left out from that day on
    /// (the README says so; the contract's "in the past" is read that way).
    pub left_office: Option<NaiveDate>,
    /// The role the letter addresses them in (`member`, `substitute`,
    /// `chair`, `vice-chair`, or any text): listed, and chosen with `--role`.
    pub role: Option<String>,
    /// The day that role ended while they stayed in office (left the
    /// committee): like `left_office`, they are left out from that day on.
    pub role_ended: Option<NaiveDate>,
    /// What their role is now, where it changed (e.g. `substitute`); it
    /// replaces `role` for `--role` and listings, and says why in notices.
    pub role_now: Option<String>,
    /// The European Parliament's person id (`recipients fetch` writes it);
    /// `--merge` matches records by it.
    pub ep_id: Option<String>,
}

impl Recipient {
    /// Whether the recipient had left office, or the role the letter
    /// addresses them in had ended, on `today`.
    pub fn has_left(&self, today: NaiveDate) -> bool {
        self.ended_on().is_some_and(|day| day <= today)
    }

    /// The first day the letter no longer reaches them in its role: leaving
    /// office or the end of the role, whichever came first.
    pub fn ended_on(&self) -> Option<NaiveDate> {
        match (self.left_office, self.role_ended) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// Why they are left out, for notices and listings: `left office
    /// 2024-07-15` or `role ended 2024-07-15 (now: …)`.
    pub fn why_left(&self) -> String {
        match (self.left_office, self.role_ended) {
            (Some(day), _) if Some(day) == self.ended_on() => {
                crate::t!("campaign-left-office", date = crate::i18n::long_date(day))
            }
            (_, Some(day)) => match &self.role_now {
                Some(now) => crate::t!(
                    "campaign-role-ended-now",
                    date = crate::i18n::long_date(day),
                    now = now.as_str()
                ),
                None => crate::t!("campaign-role-ended", date = crate::i18n::long_date(day)),
            },
            _ => String::new(),
        }
    }

    /// Their role today: `role_now` where it changed, else `role`.
    pub fn current_role(&self) -> Option<&str> {
        self.role_now.as_deref().or(self.role.as_deref())
    }

    /// The family name used in formal greetings: the record's, else the
    /// last word of the name.
    pub fn family_name(&self) -> &str {
        self.family_name
            .as_deref()
            .unwrap_or_else(|| self.name.split_whitespace().last().unwrap_or(&self.name))
    }

    /// The name with its title, as it appears in listings and the `To:` line.
    pub fn full_name(&self) -> String {
        match &self.title {
            Some(title) => format!("{title} {}", self.name),
            None => self.name.clone(),
        }
    }

    /// The parsed address (validated when the campaign was loaded).
    pub fn address(&self) -> Address {
        // i18n: not shown (cannot fail)
        Address::from_str(&self.email).expect("validated when the campaign was loaded")
    }
}

/// The German forms of address; they decide `geehrte` or `geehrter`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
pub enum Salutation {
    /// A woman: `Sehr geehrte Frau …`.
    Frau,
    /// A man: `Sehr geehrter Herr …`.
    Herr,
}

impl fmt::Display for Salutation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Salutation::Frau => "Frau",
            Salutation::Herr => "Herr",
        })
    }
}

/// The `[campaign]` table as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCampaign {
    id: String,
    title: String,
    #[serde(default = "default_language")]
    language: String,
    template: String,
    #[serde(default = "default_time_zone")]
    time_zone: String,
}

fn default_language() -> String {
    "de".to_string()
}

/// The European Parliament's time zone (Brussels and Strasbourg).
fn default_time_zone() -> String {
    "Europe/Brussels".to_string()
}

/// One `[[recipient]]` table as written in the file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecipient {
    name: String,
    salutation: Option<Salutation>,
    title: Option<String>,
    family_name: Option<String>,
    email: String,
    party: Option<String>,
    // Read from the table itself: a datetime does not survive the
    // round trip through `toml::Value`'s deserializer.
    #[allow(dead_code)]
    left_office: Option<serde::de::IgnoredAny>,
    role: Option<String>,
    #[allow(dead_code)]
    role_ended: Option<serde::de::IgnoredAny>,
    role_now: Option<String>,
    ep_id: Option<String>,
}

/// The file's top level; the tables are checked one by one afterwards so
/// that every problem is reported, not just the first.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    campaign: toml::Spanned<toml::Table>,
    #[serde(default)]
    recipient: Vec<toml::Spanned<toml::Table>>,
}

impl CampaignSource {
    /// Whether the recipients are the built-in list (no `--campaign` or
    /// `--recipients`).
    pub fn is_builtin_list(&self) -> bool {
        self.dir.is_none() && self.recipients.is_none()
    }

    /// Loads and validates the campaign. All problems found are returned
    /// together as [`Problems`].
    pub fn load(&self) -> anyhow::Result<Campaign> {
        let (campaign, problems) = self.load_lenient()?;
        if !problems.is_empty() {
            return Err(Problems(problems).into());
        }
        Ok(campaign)
    }

    /// Loads what can be loaded: the campaign with the recipients that are
    /// valid, and the problems with the others. For `recipients --check`,
    /// which reports everything at once. Fails only when the file cannot be
    /// read or parsed at all.
    pub fn load_lenient(&self) -> anyhow::Result<(Campaign, Vec<String>)> {
        let (origin, text) = self.read_recipients()?;
        let (header, recipients, mut problems) = parse_recipients(&origin, &text)?;
        // A missing template is one more problem to list, not a reason to
        // hide the others; `template_origin` stays empty then.
        let (template_origin, template) = match self.read_template(&header.template) {
            Ok(found) => found,
            // Alone, the error keeps its hint.
            Err(e) if problems.is_empty() => return Err(e),
            Err(e) => {
                problems.push(format!("{e:#}"));
                (String::new(), String::new())
            }
        };
        if let Some(problem) = template_control_character(&template_origin, &template) {
            problems.push(problem);
        }
        let campaign = Campaign {
            id: header.id,
            title: header.title,
            language: header.language,
            template,
            template_origin,
            recipients,
            time_zone: header.time_zone,
        };
        Ok((campaign, problems))
    }

    fn read_recipients(&self) -> anyhow::Result<(String, String)> {
        let path = match (&self.recipients, &self.dir) {
            (Some(file), _) => file.clone(),
            (None, Some(dir)) => dir.join("recipients.toml"),
            (None, None) => {
                return Ok((
                    crate::t!("campaign-builtin-recipients-origin"),
                    BUILTIN_RECIPIENTS.into(),
                ))
            }
        };
        let text = read_file(&path, CampaignFile::Recipients)?;
        Ok((path.display().to_string(), text))
    }

    fn read_template(&self, name: &str) -> anyhow::Result<(String, String)> {
        if let Some(file) = &self.template {
            return Ok((
                file.display().to_string(),
                read_file(file, CampaignFile::Template)?,
            ));
        }
        let base = match (&self.recipients, &self.dir) {
            (Some(file), _) => file.parent().map(Path::to_path_buf),
            (None, dir) => dir.clone(),
        };
        if let Some(base) = base {
            // A campaign folder must have its template; a lone recipients
            // file may use the one beside it, else a built-in one.
            let path = base.join("templates").join(name);
            if path.exists() || self.dir.is_some() {
                return Ok((
                    path.display().to_string(),
                    read_file(&path, CampaignFile::Template)?,
                ));
            }
        }
        match builtin_template(name) {
            Some(text) => Ok((
                crate::t!("campaign-builtin-template-origin", name = name),
                text.to_string(),
            )),
            None => Err(crate::error::Failure::usage(crate::t!(
                "campaign-template-not-built-in",
                name = name
            ))
            .hint(crate::t!("campaign-template-not-built-in-hint"))
            .into()),
        }
    }
}

/// Reads and validates only a recipients file (no template needed): for
/// `recipients fetch --merge`, whose list may belong to any campaign.
pub fn read_recipient_list(path: &Path) -> anyhow::Result<Vec<Recipient>> {
    let text = read_file(path, CampaignFile::Recipients)?;
    let (_, recipients, problems) = parse_recipients(&path.display().to_string(), &text)?;
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    Ok(recipients)
}

/// Validates a recipients file's text as loading it would (for files
/// `appeal` writes itself: fetched or imported lists).
pub fn check_recipient_text(origin: &str, text: &str) -> anyhow::Result<()> {
    let (_, _, problems) = parse_recipients(origin, text)?;
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    Ok(())
}

fn builtin_template(name: &str) -> Option<&'static str> {
    BUILTIN_TEMPLATES
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, text)| *text)
}

/// Which of a campaign's files an error is about.
#[derive(Clone, Copy)]
enum CampaignFile {
    Recipients,
    Template,
}

impl CampaignFile {
    /// The `kind` the messages select their wording by.
    fn kind(self) -> &'static str {
        match self {
            CampaignFile::Recipients => "recipients",
            CampaignFile::Template => "template",
        }
    }
}

/// Reads a campaign file, naming it in the error.
fn read_file(path: &Path, what: CampaignFile) -> anyhow::Result<String> {
    std::fs::read_to_string(path).map_err(|e| {
        let (kind, path) = (what.kind(), path.display().to_string());
        let failure = match e.kind() {
            std::io::ErrorKind::InvalidData => crate::error::Failure::usage(crate::t!(
                "campaign-file-not-utf8",
                kind = kind,
                path = path
            ))
            .hint(crate::t!("campaign-file-not-utf8-hint")),
            io_kind => crate::error::Failure::usage(match io_kind {
                std::io::ErrorKind::NotFound => {
                    crate::t!("campaign-file-not-found", kind = kind, path = path)
                }
                _ => crate::t!(
                    "campaign-file-unreadable",
                    kind = kind,
                    path = path,
                    error = crate::i18n::error_text(&e)
                ),
            })
            .hint(crate::t!("campaign-file-not-found-hint")),
        };
        failure.into()
    })
}

/// The validated `[campaign]` table.
#[derive(Debug)]
struct Header {
    id: String,
    title: String,
    language: String,
    template: String,
    time_zone: String,
}

/// Parses and validates a recipients file, collecting every problem.
fn parse_recipients(
    origin: &str,
    text: &str,
) -> anyhow::Result<(Header, Vec<Recipient>, Vec<String>)> {
    let raw: RawFile =
        toml::from_str(text).map_err(|e| Problems(vec![toml_message(origin, text, &e)]))?;
    let mut problems = Vec::new();

    let header = match check_table::<RawCampaign>(origin, text, &raw.campaign, "[campaign]") {
        Ok(c) => {
            if let Some(problem) = control_character_in(&[
                ("title", Some(&c.title)),
                ("language", Some(&c.language)),
                ("template", Some(&c.template)),
                ("time_zone", Some(&c.time_zone)),
            ]) {
                problems.push(format!(
                    "{}: [campaign]: {problem}",
                    at(origin, text, raw.campaign.span().start)
                ));
            }
            if !is_valid_id(&c.id) {
                problems.push(crate::t!(
                    "campaign-bad-id",
                    place = at(origin, text, raw.campaign.span().start),
                    id = c.id.as_str()
                ));
            }
            Some(Header {
                id: c.id,
                title: c.title,
                language: c.language,
                template: c.template,
                time_zone: c.time_zone,
            })
        }
        Err(p) => {
            problems.push(p);
            None
        }
    };

    let mut recipients = Vec::new();
    let mut seen: HashMap<String, String> = HashMap::new();
    for (i, table) in raw.recipient.iter().enumerate() {
        let label = recipient_label(i, table.get_ref());
        match check_table::<RawRecipient>(origin, text, table, &label) {
            Ok(r) => match validate_recipient(r, table.get_ref()) {
                Ok(recipient) => {
                    let key = recipient.email.to_lowercase();
                    if let Some(first) = seen.get(&key) {
                        problems.push(crate::t!(
                            "campaign-duplicate-address",
                            place = at(origin, text, table.span().start),
                            label = label.as_str(),
                            email = recipient.email.as_str(),
                            first = first.as_str()
                        ));
                    } else {
                        seen.insert(key, format!("`{}`", recipient.name));
                    }
                    recipients.push(recipient);
                }
                Err(p) => problems.push(format!(
                    "{}: {label}: {p}",
                    at(origin, text, table.span().start)
                )),
            },
            Err(p) => problems.push(p),
        }
    }
    if raw.recipient.is_empty() {
        problems.push(crate::t!("campaign-no-recipients", origin = origin));
    }
    match header {
        Some(header) => Ok((header, recipients, problems)),
        None => Err(Problems(problems).into()),
    }
}

/// `recipient 3 (`Lena Düpont`)`: how a recipient is named in messages.
fn recipient_label(index: usize, table: &toml::Table) -> String {
    match table.get("name").and_then(|v| v.as_str()) {
        Some(name) => crate::t!(
            "campaign-recipient-label-named",
            number = (index + 1).to_string(),
            name = name
        ),
        None => crate::t!("campaign-recipient-label", number = (index + 1).to_string()),
    }
}

fn at(origin: &str, text: &str, offset: usize) -> String {
    let (line, col) = line_col(text, offset);
    format!("{origin}:{line}:{col}")
}

/// Deserialises one table strictly; on error, points at the offending key's
/// line when the message names one.
fn check_table<T: serde::de::DeserializeOwned>(
    origin: &str,
    text: &str,
    table: &toml::Spanned<toml::Table>,
    label: &str,
) -> Result<T, String> {
    T::deserialize(toml::Value::Table(table.get_ref().clone())).map_err(|e| {
        let message = e.message().trim_end().to_string();
        let span = table.span();
        let offset = key_named_in(&message)
            .and_then(|key| find_key(table_text(text, span.start), key))
            .map_or(span.start, |rel| span.start + rel);
        format!(
            "{}: {label}: {}",
            at(origin, text, offset),
            shown_serde_message(&message)
        )
    })
}

/// serde's two most common complaints about a table (an unknown key, a
/// missing one) in the interface's language; any other as serde wrote it.
fn shown_serde_message(message: &str) -> String {
    // i18n: not shown (serde's words, matched to be replaced)
    if let Some(rest) = message.strip_prefix("unknown field `") {
        // i18n: not shown (serde's words, matched to be replaced)
        if let Some((key, expected)) = rest.split_once("`, expected one of ") {
            return crate::t!("campaign-unknown-key", key = key, expected = expected);
        }
    }
    if let Some(key) = message
        // i18n: not shown (serde's words, matched to be replaced)
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return crate::t!("campaign-missing-key", key = key);
    }
    message.to_string()
}

/// The key a serde message is about: "unknown field `emial`", "invalid
/// type … for key `x`".
fn key_named_in(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let end = start + message[start..].find('`')?;
    Some(&message[start..end])
}

/// A table's text: from its start to the next table header. (The span
/// toml gives an array-of-tables entry may cover only its header.)
fn table_text(text: &str, start: usize) -> &str {
    let rest = &text[start..];
    let body_start = rest.find('\n').map_or(rest.len(), |i| i + 1);
    let end = rest[body_start..]
        .split_inclusive('\n')
        .scan(body_start, |offset, line| {
            let at = *offset;
            *offset += line.len();
            Some((at, line))
        })
        .find(|(_, line)| line.trim_start().starts_with('['))
        .map_or(rest.len(), |(at, _)| at);
    &rest[..end]
}

/// Byte offset of the line that sets `key` within a table's text.
fn find_key(table_text: &str, key: &str) -> Option<usize> {
    let mut offset = 0;
    for line in table_text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if let Some(rest) = trimmed.strip_prefix(key) {
            if rest.trim_start().starts_with('=') {
                return Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    None
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// Checks what serde cannot: a usable name and address, a plain date.
fn validate_recipient(raw: RawRecipient, table: &toml::Table) -> Result<Recipient, String> {
    let name = raw.name.trim().to_string();
    if name.is_empty() {
        return Err(crate::t!("campaign-name-empty"));
    }
    let texts = [
        ("name", Some(&name)),
        ("title", raw.title.as_ref()),
        ("family_name", raw.family_name.as_ref()),
        ("party", raw.party.as_ref()),
        ("role", raw.role.as_ref()),
        ("role_now", raw.role_now.as_ref()),
        ("ep_id", raw.ep_id.as_ref()),
    ];
    if let Some(problem) = control_character_in(&texts) {
        return Err(problem);
    }
    let email = raw.email.trim().to_string();
    if let Err(e) = Address::from_str(&email) {
        return Err(crate::t!(
            "campaign-bad-email",
            email = email.as_str(),
            error = crate::sender::address_problem(&e)
        ));
    }
    let date = |key: &str| {
        table
            .get(key)
            .cloned()
            .map(|v| plain_date(key, v))
            .transpose()
    };
    let left_office = date("left_office")?;
    let role_ended = date("role_ended")?;
    Ok(Recipient {
        name,
        salutation: raw.salutation,
        title: non_empty(raw.title),
        family_name: non_empty(raw.family_name),
        email,
        party: non_empty(raw.party),
        left_office,
        role: non_empty(raw.role),
        role_ended,
        role_now: non_empty(raw.role_now),
        ep_id: non_empty(raw.ep_id),
    })
}

/// The first of `texts` (key, value) with a control character (a line
/// break, or an escape sequence that would reach a terminal or a header),
/// as a problem naming the key and the character.
fn control_character_in(texts: &[(&str, Option<&String>)]) -> Option<String> {
    texts.iter().find_map(|(key, value)| {
        let c = (*value)?.chars().find(|c| c.is_control())?;
        Some(match c {
            '\n' | '\r' => crate::t!("campaign-line-break-in", key = *key),
            _ => crate::t!(
                "campaign-control-character-in",
                key = *key,
                character = c.escape_unicode().to_string()
            ),
        })
    })
}

/// A control character in a template (other than line ends and tabs)
/// would go raw into every letter, and from `preview` onto the terminal:
/// a problem naming the place and the character.
fn template_control_character(origin: &str, template: &str) -> Option<String> {
    let (offset, c) = template
        .char_indices()
        .find(|&(_, c)| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))?;
    Some(crate::t!(
        "campaign-template-control-character",
        place = at(origin, template, offset),
        character = c.escape_unicode().to_string()
    ))
}

/// A trimmed optional text, None when blank.
fn non_empty(text: Option<String>) -> Option<String> {
    text.map(|t| t.trim().to_string()).filter(|t| !t.is_empty())
}

/// `left_office` and `role_ended` must be bare dates such as `2024-07-15`.
fn plain_date(key: &str, value: toml::Value) -> Result<NaiveDate, String> {
    let value = match value {
        toml::Value::Datetime(dt) => dt,
        other => {
            return Err(crate::t!(
                "campaign-date-not-a-date",
                key = key,
                found = other.to_string()
            ))
        }
    };
    match (value.date, value.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            .ok_or_else(|| {
                crate::t!(
                    "campaign-date-not-real",
                    key = key,
                    value = value.to_string()
                )
            }),
        _ => Err(crate::t!(
            "campaign-date-with-time",
            key = key,
            value = value.to_string()
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_text(text: &str) -> anyhow::Result<(Header, Vec<Recipient>)> {
        let (header, recipients, problems) = parse_recipients("r.toml", text)?;
        if !problems.is_empty() {
            return Err(Problems(problems).into());
        }
        Ok((header, recipients))
    }

    const HEAD: &str = "[campaign]\nid = \"t\"\ntitle = \"T\"\ntemplate = \"a.hbs\"\n";

    #[test]
    fn builtin_campaign_loads_with_nine_recipients_in_page_order() {
        let c = CampaignSource::default().load().unwrap();
        assert_eq!(c.id, "unscan-my-face");
        let names: Vec<_> = c.recipients.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Katarina Barley",
                "Karolin Braunsberger-Reinhold",
                "Patrick Breyer",
                "Lena Düpont",
                "Cornelia Ernst",
                "Moritz Körner",
                "Terry Reintke",
                "Birgit Sippel",
                "Martin Sonneborn"
            ]
        );
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let gone: Vec<_> = c
            .recipients
            .iter()
            .filter(|r| r.has_left(today))
            .map(|r| (r.name.as_str(), r.why_left()))
            .collect();
        assert_eq!(
            gone,
            [
                (
                    "Karolin Braunsberger-Reinhold",
                    "left office 2024-07-15".into()
                ),
                ("Patrick Breyer", "left office 2024-07-15".into()),
                ("Cornelia Ernst", "left office 2024-07-15".into()),
                (
                    "Terry Reintke",
                    "role ended 2024-07-15, now: MEP, not on LIBE".to_string()
                ),
            ]
        );
        let barley = &c.recipients[0];
        assert!(!barley.has_left(today));
        assert_eq!(barley.current_role(), Some("substitute"));
    }

    #[test]
    fn unknown_key_names_line_and_allowed_keys() {
        let text = format!("{HEAD}\n[[recipient]]\nname = \"A B\"\nemial = \"a@example.org\"\n");
        let err = load_text(&text).unwrap_err().to_string();
        assert!(
            err.contains("r.toml:8:1: recipient 1 (`A B`): unknown field `emial`"),
            "{err}"
        );
        assert!(err.contains("`email`"), "{err}");
    }

    #[test]
    fn every_problem_is_reported() {
        let text = format!(
            "{HEAD}\n[[recipient]]\nname = \"A\"\nemail = \"nope\"\n\n[[recipient]]\nname = \"B\"\nemail = \"b@example.org\"\n\n[[recipient]]\nname = \"C\"\nemail = \"B@example.org\"\n"
        );
        let err = load_text(&text).unwrap_err().to_string();
        assert!(err.starts_with("2 problems found"), "{err}");
        assert!(
            err.contains("recipient 1 (`A`): `email` `nope` is not a valid address"),
            "{err}"
        );
        assert!(
            err.contains("recipient 3 (`C`): address `B@example.org` is already used by `B`"),
            "{err}"
        );
    }

    #[test]
    fn family_name_defaults_to_last_word() {
        let (_, r) = load_text(&format!(
            "{HEAD}[[recipient]]\nname = \"Ursula von der Leyen\"\nfamily_name = \"von der Leyen\"\nemail = \"u@example.org\"\n[[recipient]]\nname = \"Lena Düpont\"\nemail = \"l@example.org\"\n"
        ))
        .unwrap();
        assert_eq!(r[0].family_name(), "von der Leyen");
        assert_eq!(r[1].family_name(), "Düpont");
    }

    #[test]
    fn left_office_must_be_a_date() {
        let err = load_text(&format!(
            "{HEAD}[[recipient]]\nname = \"A\"\nemail = \"a@example.org\"\nleft_office = 2024-07-15T10:00:00\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(err.contains("must be a date like 2024-07-15"), "{err}");
    }

    #[test]
    fn role_ended_leaves_out_and_role_now_alone_does_not() {
        let (_, r) = load_text(&format!(
            "{HEAD}[[recipient]]\nname = \"A B\"\nemail = \"a@example.org\"\nrole = \"member\"\nrole_ended = 2024-07-15\nrole_now = \"MEP\"\n\
             [[recipient]]\nname = \"C D\"\nemail = \"c@example.org\"\nrole = \"member\"\nrole_now = \"substitute\"\n\
             [[recipient]]\nname = \"E F\"\nemail = \"e@example.org\"\nleft_office = 2024-01-31\nrole_ended = 2024-07-15\n"
        ))
        .unwrap();
        let day = |d| NaiveDate::from_ymd_opt(2024, 7, d).unwrap();
        assert!(!r[0].has_left(day(14)) && r[0].has_left(day(15)));
        assert_eq!(r[0].why_left(), "role ended 2024-07-15, now: MEP");
        assert!(!r[1].has_left(day(15)));
        assert_eq!(r[1].current_role(), Some("substitute"));
        // Whichever came first says why.
        assert_eq!(r[2].why_left(), "left office 2024-01-31");
    }

    #[test]
    fn role_ended_must_be_a_date() {
        let err = load_text(&format!(
            "{HEAD}[[recipient]]\nname = \"A\"\nemail = \"a@example.org\"\nrole_ended = \"2024-07-15\"\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.ends_with("recipient 1 (`A`): `role_ended` must be a date like 2024-07-15 (no quotes), found \"2024-07-15\""),
            "{err}"
        );
    }

    #[test]
    fn line_breaks_in_texts_are_refused() {
        let err = load_text(&format!(
            "{HEAD}[[recipient]]\nname = \"A\"\ntitle = \"Dr.\\nBcc: x@example.org\"\nemail = \"a@example.org\"\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("`title` contains a control character"),
            "{err}"
        );
    }

    #[test]
    fn escapes_in_the_campaign_title_are_refused() {
        let err = load_text("[campaign]\nid = \"c\"\ntitle = \"T\\u001b[2J\"\ntemplate = \"a\"\n[[recipient]]\nname = \"A\"\nemail = \"a@example.org\"\n")
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            "r.toml:1:1: [campaign]: `title` contains a control character (`\\u{1b}`)"
        );
    }

    #[test]
    fn campaign_id_is_file_name_safe() {
        let err = load_text("[campaign]\nid = \"../x\"\ntitle = \"T\"\ntemplate = \"a\"\n[[recipient]]\nname = \"A\"\nemail = \"a@example.org\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("campaign id `../x`"), "{err}");
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let err = load_text("[campaign\n").unwrap_err().to_string();
        assert!(err.starts_with("r.toml:1:"), "{err}");
    }
}
