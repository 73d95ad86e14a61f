//! The user's configuration file: who they are (`[sender]`) and which mail
//! server sends for them (`[smtp]`).
//!
//! Found at `--config`, else `$APPEAL_CONFIG`, else
//! `$XDG_CONFIG_HOME/appeal/config.toml` (`~/.config/…`). Unknown keys are
//! refused with file, line and column: a typo must never silently fall back
//! to a default. This module reads and writes the file; it never holds a
//! password it did not find in it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{toml_message, Failure};

/// The whole file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Who signs the letters.
    pub sender: Option<SenderConfig>,
    /// The user's own outgoing mail server.
    pub smtp: Option<SmtpConfig>,
}

/// `[sender]`
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SenderConfig {
    /// Name under the letter.
    pub name: Option<String>,
    /// The address letters are sent from.
    pub email: Option<String>,
    /// Printed under the name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city: Option<String>,
    /// Postcode, printed under the signature: a constituent's letter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// Postal address (one line), printed under the signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// `[smtp]`
#[derive(Clone, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SmtpConfig {
    /// Server host name (as on its certificate).
    pub host: String,
    /// Port; defaults from `security` (587 for starttls, 465 for tls).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub port: Option<u16>,
    /// How the connection is encrypted.
    #[serde(default)]
    pub security: Security,
    /// Login name; without one no AUTH is attempted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub username: Option<String>,
    /// A command whose output is the password, e.g. `pass show mail/erika`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_command: Option<String>,
    /// A password in the file: accepted only when the file is private (0600).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    /// An extra trusted root certificate (PEM) for self-hosted servers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ca_file: Option<PathBuf>,
    /// Seconds allowed to connect and for each command's reply (default 30).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timeout: Option<f64>,
    /// Seconds to wait for the reply after a message's data (default 300).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_timeout: Option<f64>,
    /// Seconds `password_command` may take before it is stopped (default
    /// 60): a hung command must not hold a run (and its journal) for ever.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_timeout: Option<f64>,
    /// SHA-256 fingerprints of the server certificates to trust whatever
    /// their issuer (self-signed, Proton Mail Bridge); one or a list.
    #[serde(default, skip_serializing_if = "Pins::is_empty")]
    pub tls_fingerprint: Pins,
    /// How to log in: with the password, or with an OAuth2 access token
    /// (Outlook.com allows nothing else since September 2024).
    #[serde(default, skip_serializing_if = "Auth::is_password")]
    pub auth: Auth,
    /// With `auth = "xoauth2"`: a command that prints a fresh access token,
    /// e.g. `oama access erika@outlook.com`; run on every run.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token_command: Option<String>,
}

/// `auth` under [smtp].
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Auth {
    /// AUTH PLAIN or LOGIN with the password.
    #[default]
    Password,
    /// SASL XOAUTH2 with the access token `token_command` prints.
    Xoauth2,
}

impl Auth {
    /// Whether this is the default (not written to the file).
    pub fn is_password(&self) -> bool {
        *self == Auth::Password
    }
}

/// `tls_fingerprint`: one fingerprint, or a list of them (to pin the old
/// and the new certificate while a server changes its certificate).
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(untagged)]
pub enum Pins {
    /// No pinning: the certificate must be signed by a trusted authority.
    #[default]
    None,
    /// One fingerprint.
    One(String),
    /// Several fingerprints.
    Many(Vec<String>),
}

impl Pins {
    /// Whether nothing is pinned.
    pub fn is_empty(&self) -> bool {
        self.list().is_empty()
    }

    /// The fingerprints as written.
    pub fn list(&self) -> Vec<String> {
        match self {
            Pins::None => Vec::new(),
            Pins::One(one) => vec![one.clone()],
            Pins::Many(many) => many.clone(),
        }
    }
}

/// By hand, so that no `{:?}` can ever print the password.
impl std::fmt::Debug for SmtpConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SmtpConfig")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("security", &self.security)
            .field("username", &self.username)
            .field("password_command", &self.password_command)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("ca_file", &self.ca_file)
            .field("timeout", &self.timeout)
            .field("data_timeout", &self.data_timeout)
            .field("password_timeout", &self.password_timeout)
            .field("tls_fingerprint", &self.tls_fingerprint)
            .field("auth", &self.auth)
            .field("token_command", &self.token_command)
            .finish()
    }
}

impl SmtpConfig {
    /// The port to connect to: the configured one or the usual one for the
    /// security mode.
    pub fn port(&self) -> u16 {
        self.port.unwrap_or(self.security.default_port())
    }
}

/// Connection security; there is deliberately no "opportunistic" mode.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
pub enum Security {
    /// Plain connect, then STARTTLS is required before anything else.
    #[default]
    #[serde(rename = "starttls")]
    StartTls,
    /// TLS from the first byte (port 465).
    #[serde(rename = "tls")]
    Tls,
    /// No encryption: only allowed to a loopback host.
    #[serde(rename = "none")]
    None,
}

impl Security {
    /// The usual port: 587 for STARTTLS submission, 465 for implicit TLS.
    pub fn default_port(self) -> u16 {
        match self {
            Security::StartTls => 587,
            Security::Tls => 465,
            Security::None => 25,
        }
    }
}

impl std::fmt::Display for Security {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Security::StartTls => "starttls",
            Security::Tls => "tls",
            Security::None => "none",
        })
    }
}

/// Where the configuration file is, and whether the user named it
/// explicitly (then it must exist).
pub fn config_path(explicit: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = explicit {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = std::env::var_os("APPEAL_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let base = xdg_dir("XDG_CONFIG_HOME", ".config")?;
    Some((base.join("appeal").join("config.toml"), false))
}

/// An XDG base folder: `$VAR`, else `$HOME/<fallback>`. Empty or relative
/// values count as unset (the XDG rule), so nothing lands in the current
/// folder by accident.
pub fn xdg_dir(var: &str, fallback: &str) -> Option<PathBuf> {
    let absolute = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    absolute(var).or_else(|| absolute("HOME").map(|home| home.join(fallback)))
}

/// A loaded configuration and where it came from.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    /// The file's contents (empty when there is no file).
    pub config: Config,
    /// The file, when one was found.
    pub path: Option<PathBuf>,
}

/// Loads the configuration. A missing default file is an empty
/// configuration; a missing file the user named is an error.
pub fn load(explicit: Option<&Path>) -> anyhow::Result<Loaded> {
    let Some((path, named)) = config_path(explicit) else {
        return Ok(Loaded::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return Ok(Loaded::default())
        }
        Err(e) => {
            return Err(Failure::usage(crate::t!(
                "config-cannot-read",
                path = path.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
            .hint(crate::t!(
                "config-cannot-read-hint",
                command =
                    crate::suggest::RunFlags::for_config_file(Some(&path)).command("setup", &[])
            ))
            .into())
        }
    };
    let config = parse(&path, &text)?;
    Ok(Loaded {
        config,
        path: Some(path),
    })
}

/// A TOML error in the configuration, as `file:line:column: message`,
/// never with the value of a `password` key, however it is written
/// (`'password' = 87654321`, in an inline table, an array, a dotted key):
/// TOML's type errors quote the value (`invalid type: integer
/// \`87654321\``). An error about a password's value gets a message of
/// its own; any other message has each password value that it quotes
/// replaced.
fn config_error(shown: &str, text: &str, err: &toml::de::Error) -> String {
    let spans = password_value_spans(text);
    let about_password = err.span().is_some_and(|span| {
        spans
            .iter()
            .any(|s| s.start <= span.start && span.start < s.end.max(s.start + 1))
            || on_password_line(text, span.start)
    });
    if about_password {
        let (line, col) = crate::error::line_col(text, err.span().map_or(0, |s| s.start));
        return crate::t!(
            "config-password-not-a-string",
            file = shown,
            line = line.to_string(),
            column = col.to_string()
        );
    }
    let mut message = toml_message(shown, text, err);
    let original = err.message().trim_end();
    if let Some(said) = schema_problem(original) {
        if let Some(place) = message.strip_suffix(original) {
            message = format!("{place}{said}");
        }
    }
    let hidden = format!("`{}`", crate::t!("config-password-hidden"));
    for value in password_values(text) {
        message = message.replace(&format!("`{value}`"), &hidden);
    }
    message
}

/// The mistakes people make most in the file (a misspelt key or value, a
/// key left out), said in the interface's language; None for the others,
/// whose TOML message is shown as it is. In English the texts are serde's
/// own: `unknown field `hots`, expected one of `host`, `port``.
fn schema_problem(message: &str) -> Option<String> {
    if let Some(key) = message
        .strip_prefix("missing field `") // i18n: not shown (serde's English, matched)
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return Some(crate::t!("config-missing-key", key = key));
    }
    // i18n: not shown (serde's English, matched)
    let (unknown_key, rest) = match message.strip_prefix("unknown field `") {
        Some(rest) => (true, rest),
        // i18n: not shown (serde's English, matched)
        None => (false, message.strip_prefix("unknown variant `")?),
    };
    let (found, expected) = rest.split_once("`, expected ")?;
    let allowed = allowed_names(expected)?;
    let count = allowed.len();
    let first = allowed.first()?.clone();
    let second = allowed.get(1).cloned().unwrap_or_default();
    let allowed = allowed
        .iter()
        .map(|name| format!("`{name}`"))
        .collect::<Vec<_>>()
        .join(", ");
    Some(if unknown_key {
        crate::t!(
            "config-unknown-key",
            key = found,
            count = count,
            first = first,
            second = second,
            allowed = allowed
        )
    } else {
        crate::t!(
            "config-unknown-value",
            value = found,
            count = count,
            first = first,
            second = second,
            allowed = allowed
        )
    })
}

/// The names in serde's list of what was expected: "`a`", "`a` or `b`" or
/// "one of `a`, `b`, `c`"; None for anything else.
fn allowed_names(expected: &str) -> Option<Vec<String>> {
    // i18n: not shown (serde's English, matched)
    let names: Vec<String> = if let Some(list) = expected.strip_prefix("one of ") {
        list.split(", ")
            .map(|item| {
                item.strip_prefix('`')?
                    .strip_suffix('`')
                    .map(str::to_string)
            })
            .collect::<Option<_>>()?
    } else if let Some((a, b)) = expected.split_once("` or `") {
        vec![
            a.strip_prefix('`')?.to_string(),
            b.strip_suffix('`')?.to_string(),
        ]
    } else {
        vec![expected.strip_prefix('`')?.strip_suffix('`')?.to_string()]
    };
    let plain = |name: &String| !name.is_empty() && !name.contains(['`', ',', ' ']);
    names.iter().all(plain).then_some(names)
}

/// Where the values of all `password` keys are in the text (any table,
/// any way of writing the key); empty if the text is not valid TOML.
fn password_value_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    fn walk(table: &toml::de::DeTable<'_>, spans: &mut Vec<std::ops::Range<usize>>) {
        for (key, value) in table {
            if key.get_ref().as_ref() == "password" {
                spans.push(value.span());
            }
            walk_value(value.get_ref(), spans);
        }
    }
    fn walk_value(value: &toml::de::DeValue<'_>, spans: &mut Vec<std::ops::Range<usize>>) {
        match value {
            toml::de::DeValue::Table(t) => walk(t, spans),
            toml::de::DeValue::Array(a) => a.iter().for_each(|v| walk_value(v.get_ref(), spans)),
            _ => {}
        }
    }
    let mut spans = Vec::new();
    if let Ok(table) = toml::de::DeTable::parse(text) {
        walk(table.get_ref(), &mut spans);
    }
    spans
}

/// The values of all `password` keys as serde would quote them (every
/// number, date or text inside, too); empty if the text is not valid TOML.
fn password_values(text: &str) -> Vec<String> {
    fn leaves(value: &toml::Value, out: &mut Vec<String>) {
        match value {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Integer(i) => out.push(i.to_string()),
            toml::Value::Float(f) => out.push(f.to_string()),
            toml::Value::Boolean(b) => out.push(b.to_string()),
            toml::Value::Datetime(d) => out.push(d.to_string()),
            toml::Value::Array(a) => a.iter().for_each(|v| leaves(v, out)),
            toml::Value::Table(t) => t.values().for_each(|v| leaves(v, out)),
        }
    }
    fn walk(table: &toml::Table, out: &mut Vec<String>) {
        for (key, value) in table {
            if key == "password" {
                leaves(value, out);
            } else if let toml::Value::Table(t) = value {
                walk(t, out);
            } else if let toml::Value::Array(a) = value {
                a.iter()
                    .filter_map(toml::Value::as_table)
                    .for_each(|t| walk(t, out));
            }
        }
    }
    let mut out = Vec::new();
    if let Ok(table) = toml::from_str::<toml::Table>(text) {
        walk(&table, &mut out);
    }
    out.retain(|v| !v.is_empty());
    out
}

/// Whether the line at `offset` sets a key named `password` (for syntax
/// errors, where no value can be parsed): `password`, `"password"`,
/// `'password'` or `smtp.password`, before the `=`.
fn on_password_line(text: &str, offset: usize) -> bool {
    let start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    line.split('=').next().is_some_and(|key| {
        key.rsplit('.')
            .next()
            .is_some_and(|last| last.trim().trim_matches(['"', '\'']) == "password")
    })
}

/// Parses and checks a configuration file's text.
pub fn parse(path: &Path, text: &str) -> anyhow::Result<Config> {
    let shown = path.display().to_string();
    let config: Config = toml::from_str(text)
        .map_err(|e| Failure::usage(config_error(&shown, text, &e)).hint(config_hint()))?;
    if let Some(smtp) = &config.smtp {
        if smtp.password.is_some() {
            check_private(path)?;
        }
        if smtp.host.trim().is_empty() {
            return Err(
                Failure::usage(crate::t!("config-host-empty", file = shown.as_str())).into(),
            );
        }
        check_oauth2(&shown, smtp)?;
        for (key, value) in [
            ("timeout", smtp.timeout),
            ("data_timeout", smtp.data_timeout),
            ("password_timeout", smtp.password_timeout),
        ] {
            if value.is_some_and(|v| !(v > 0.0 && v <= 86_400.0)) {
                return Err(Failure::usage(crate::t!(
                    "config-timeout-range",
                    file = shown.as_str(),
                    key = key
                ))
                .into());
            }
        }
    }
    if let Some(email) = config.sender.as_ref().and_then(|s| s.email.as_deref()) {
        crate::sender::check_email(email).map_err(|m| {
            Failure::usage(crate::t!(
                "config-sender-email",
                file = shown.as_str(),
                problem = m.to_string()
            ))
        })?;
    }
    Ok(config)
}

/// `auth = "xoauth2"` needs a login and a `token_command`, and a
/// `token_command` is only used with it.
fn check_oauth2(shown: &str, smtp: &SmtpConfig) -> anyhow::Result<()> {
    let has_command = smtp
        .token_command
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty());
    let has_user = smtp.username.as_deref().is_some_and(|u| !u.is_empty());
    match smtp.auth {
        Auth::Xoauth2 if !has_command => Err(Failure::usage(crate::t!(
            "config-oauth2-needs-token-command",
            file = shown
        ))
        .hint(crate::t!("config-oauth2-hint"))
        .into()),
        Auth::Xoauth2 if !has_user => Err(Failure::usage(crate::t!(
            "config-oauth2-needs-username",
            file = shown
        ))
        .hint(crate::t!("config-oauth2-hint"))
        .into()),
        Auth::Password if smtp.token_command.is_some() => Err(Failure::usage(crate::t!(
            "config-token-command-without-oauth2",
            file = shown
        ))
        .hint(crate::t!("config-oauth2-hint"))
        .into()),
        _ => Ok(()),
    }
}

/// The keys, shown when the file is wrong.
pub fn config_hint() -> String {
    crate::t!("config-keys-hint")
}

/// A password in a file others can read is refused.
#[cfg(unix)]
fn check_private(path: &Path) -> anyhow::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(path)?.permissions().mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(Failure::usage(crate::t!(
            "config-password-readable",
            path = path.display().to_string(),
            mode = format!("{mode:o}")
        ))
        .hint(crate::t!(
            "config-password-readable-hint",
            path = path.display().to_string()
        ))
        .into());
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_path: &Path) -> anyhow::Result<()> {
    Ok(())
}

/// Writes the configuration atomically (temporary file, then rename) with
/// mode 0600, creating the folder.
pub fn write(path: &Path, config: &Config) -> anyhow::Result<()> {
    write_text(path, &to_toml(config)?)
}

/// Writes a configuration file's text as [`write`] does: atomically, mode
/// 0600 (for edits that keep the user's comments and layout).
pub fn write_text(path: &Path, text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(crate::t!(
            "config-cannot-create-folder",
            path = dir.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })?;
    let mut tmp = tempfile::Builder::new()
        .prefix(".config.toml.")
        .tempfile_in(dir)
        .map_err(|e| {
            anyhow::anyhow!(crate::t!(
                "config-cannot-write-in",
                path = dir.display().to_string(),
                error = crate::i18n::error_text(&e)
            ))
        })?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| {
        anyhow::anyhow!(crate::t!(
            "config-cannot-write",
            path = path.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })?;
    Ok(())
}

/// The file's text, as `setup` writes it.
pub fn to_toml(config: &Config) -> anyhow::Result<String> {
    // A file that had a `password` (written by hand) keeps it: the header
    // must not then say that none is stored.
    let holds_password = config.smtp.as_ref().is_some_and(|s| s.password.is_some());
    let header = if holds_password {
        // i18n: not shown (the file's own text, the same in every language: the file is shared and compared)
        "# appeal configuration, written by `appeal setup`.\n# It holds the password: keep it private (only you may read it).\n\n"
    } else {
        // i18n: not shown (the file's own text, the same in every language: the file is shared and compared)
        "# appeal configuration, written by `appeal setup`.\n# The password is never stored here.\n\n"
    };
    Ok(format!("{header}{}", toml::to_string(config)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rewritten_file_that_keeps_a_password_does_not_say_it_stores_none() {
        let with: Config =
            toml::from_str("[smtp]\nhost = \"smtp.example.org\"\npassword = \"Sehr-Geheim-42\"\n")
                .unwrap();
        let text = to_toml(&with).unwrap();
        assert!(text.starts_with("# appeal configuration, written by `appeal setup`.\n# It holds the password: keep it private (only you may read it).\n"), "{text}");
        assert!(!text.contains("never stored"), "{text}");
        let without: Config = toml::from_str("[smtp]\nhost = \"smtp.example.org\"\n").unwrap();
        assert!(to_toml(&without)
            .unwrap()
            .contains("# The password is never stored here.\n"));
    }

    #[test]
    fn debug_output_never_holds_the_password() {
        let text = "[smtp]\nhost = \"smtp.example.org\"\npassword = \"Sehr-Geheim-42\"\n";
        let config: Config = toml::from_str(text).unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("Sehr-Geheim-42"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }

    #[test]
    fn no_config_error_shows_a_password_value() {
        let cases = [
            "[smtp]\nhost = \"h\"\npassword = 87654321\n",
            "[smtp]\nhost = \"h\"\n'password' = 87654321\n",
            "[smtp]\nhost = \"h\"\n\"password\" = 87654321\n",
            "[smtp]\nhost = \"h\"\n\"pass\\u0077ord\" = 87654321\n",
            "smtp = { host = \"h\", password = 87654321 }\n",
            "smtp.host = \"h\"\nsmtp.password = 87654321\n",
            "[smtp]\nhost = \"h\"\npassword = [\n  87654321,\n]\n",
            "[smtp]\nhost = \"h\"\npassword = { value = 87654321 }\n",
            "[smtp]\nhost = \"h\"\npassword = 87654321.5\n",
            "[smtp]\nhost = \"h\"\npassword = 1987-06-05T04:03:21Z\n",
            "[smtp]\nhost = \"h\"\npassword = 87654321x\n",
            "[smtp]\nhost = \"h\"\npassword = 0x5397FB1\n",
            "[smtp.password]\nvalue = 87654321\n",
            // A password as the value of another key: the message quotes it.
            "[smtp]\nhost = \"h\"\npassword = \"87654321\"\nsecurity = \"87654321\"\n",
            "[sender]\npassword = 87654321\n",
        ];
        for text in cases {
            let err = parse(Path::new("c.toml"), text).unwrap_err();
            let shown = format!("{err:#} {err:?}");
            assert!(
                !shown.contains("87654321") && !shown.contains("5397FB1"),
                "{text}: {shown}"
            );
        }
        let err = parse(
            Path::new("c.toml"),
            "smtp = { host = \"h\", password = 87654321 }\n",
        )
        .unwrap_err();
        assert_eq!(
            err.to_string(),
            "c.toml:1:33: `password` must be a string in quotes, e.g. `password = \"…\"` (the value is not shown)"
        );
    }

    #[test]
    fn parses_the_contract_example() {
        let text = r#"
[sender]
name = "Erika Mustermann"
email = "erika@example.org"
city = "Köln"

[smtp]
host = "smtp.example.org"
port = 587
security = "starttls"
username = "erika@example.org"
password_command = "pass show mail/erika"
"#;
        let c = parse(Path::new("c.toml"), text).unwrap();
        assert_eq!(c.sender.unwrap().city.as_deref(), Some("Köln"));
        let smtp = c.smtp.unwrap();
        assert_eq!(smtp.security, Security::StartTls);
        assert_eq!(smtp.port(), 587);
    }

    #[test]
    fn port_defaults_from_security() {
        let c = parse(
            Path::new("c.toml"),
            "[smtp]\nhost = \"h\"\nsecurity = \"tls\"\n",
        )
        .unwrap();
        assert_eq!(c.smtp.unwrap().port(), 465);
        let c = parse(Path::new("c.toml"), "[smtp]\nhost = \"h\"\n").unwrap();
        assert_eq!(c.smtp.unwrap().port(), 587);
    }

    #[test]
    fn unknown_keys_are_refused_with_line() {
        let err = parse(
            Path::new("c.toml"),
            "[smtp]\nhost = \"h\"\nsecurty = \"tls\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("c.toml:3:1: unknown field `securty`"),
            "{err}"
        );
    }

    #[test]
    fn misspelt_keys_and_values_are_said_as_serde_says_them() {
        let cases = [
            (
                "[smtp]\nhots = \"x\"\n",
                "c.toml:2:1: unknown field `hots`, expected one of `host`, `port`, `security`, `username`, `password_command`, `password`, `ca_file`, `timeout`, `data_timeout`, `password_timeout`, `tls_fingerprint`, `auth`, `token_command`",
            ),
            (
                "[smtpp]\nhost = \"x\"\n",
                "c.toml:1:2: unknown field `smtpp`, expected `sender` or `smtp`",
            ),
            (
                "[smtp]\nhost = \"x\"\nauth = \"oauth\"\n",
                "c.toml:3:8: unknown variant `oauth`, expected `password` or `xoauth2`",
            ),
            ("[smtp]\nport = 587\n", "c.toml:1:1: missing field `host`"),
        ];
        for (text, expected) in cases {
            let err = parse(Path::new("c.toml"), text).unwrap_err();
            assert_eq!(err.to_string(), expected, "{text}");
        }
        assert_eq!(
            allowed_names("`a`").unwrap(),
            ["a"],
            "a list of one, as serde writes it"
        );
        assert_eq!(allowed_names("there are no fields"), None);
    }

    #[test]
    fn unknown_security_is_refused() {
        let err = parse(
            Path::new("c.toml"),
            "[smtp]\nhost = \"h\"\nsecurity = \"ssl\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("unknown variant `ssl`"), "{err}");
    }

    #[test]
    fn writes_private_files_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        let config = Config {
            sender: Some(SenderConfig {
                name: Some("Erika".into()),
                email: Some("erika@example.org".into()),
                city: None,
                ..Default::default()
            }),
            smtp: None,
        };
        write(&path, &config).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
        let back = parse(&path, &std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(back, config);
    }
}
