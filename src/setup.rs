//! `appeal setup`: the wizard that writes the configuration file. It asks
//! for the sender (name, address, town) and the mail server, offering the
//! documented server of the address's provider from `providers.toml` (data,
//! compiled in), and where the password comes from.
//!
//! It never asks for, stores or shows the password itself: the file gets at
//! most a `password_command`. Every question goes through [`Prompt`], so it
//! only runs on a terminal and the logic is tested with scripted answers.
//! Writing is `config::write`'s job (atomic, mode 0600); testing the
//! account is `check`'s.

use std::io::Write;
use std::path::Path;

use serde::Deserialize;

use crate::config::{self, Config, Security, SenderConfig, SmtpConfig};
use crate::error::{toml_message, Exit, Failure};
use crate::password::PASSWORD_ENV;
use crate::prompt::Prompt;
use crate::suggest::RunFlags;

/// The provider presets, compiled in.
const PROVIDERS: &str = include_str!("../providers.toml");

/// A mail provider whose submission server `setup` offers.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Shown to the user, e.g. "Posteo".
    pub name: String,
    /// Address domains it serves, e.g. `gmx.de`, `gmx.net`.
    pub domains: Vec<String>,
    /// Its SMTP submission server.
    pub host: String,
    /// The submission port.
    pub port: u16,
    /// How the connection is encrypted.
    pub security: Security,
    /// What the login name is.
    pub username: Username,
    /// What the user must do first (app password, enabling access…): the
    /// key of its text in the message files (`setup-note-…`), so that it
    /// is shown in the interface's language; see [`Provider::note_text`].
    #[serde(default)]
    pub note: Option<String>,
    /// Whether it takes OAuth2 logins (`auth = "xoauth2"`): `setup` then
    /// offers a token helper instead of a password.
    #[serde(default)]
    pub oauth2: bool,
}

/// How a provider's login name follows from the address.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Username {
    /// The full email address.
    #[serde(rename = "address")]
    Address,
}

/// `providers.toml` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFile {
    provider: Vec<Provider>,
}

impl Provider {
    /// `host:port (STARTTLS)`, for questions.
    fn server(&self) -> String {
        crate::t!(
            "setup-server",
            host = self.host.as_str(),
            port = self.port.to_string(),
            security = self.security.to_string()
        )
    }

    /// The provider's advice in the interface's language. The key comes
    /// from providers.toml, like clap's help keys from the command tree;
    /// the unit tests check that every provider's key has a text in both
    /// languages.
    fn note_text(&self) -> Option<String> {
        self.note
            .as_deref()
            .map(|key| crate::i18n::message(key, &[]))
    }

    /// The `[smtp]` section for this provider and address.
    fn smtp(&self, email: &str) -> SmtpConfig {
        SmtpConfig {
            host: self.host.clone(),
            port: Some(self.port),
            security: self.security,
            username: Some(match self.username {
                Username::Address => email.to_string(),
            }),
            password_command: None,
            password: None,
            ca_file: None,
            timeout: None,
            data_timeout: None,
            password_timeout: None,
            tls_fingerprint: crate::config::Pins::None,
            auth: crate::config::Auth::Password,
            token_command: None,
        }
    }
}

/// The built-in providers.
pub fn providers() -> anyhow::Result<Vec<Provider>> {
    let file: ProviderFile = toml::from_str(PROVIDERS).map_err(|e| {
        anyhow::anyhow!(
            // i18n: not shown (only a broken build: the unit tests parse the compiled-in file)
            "the built-in {}",
            toml_message("providers.toml", PROVIDERS, &e)
        )
    })?;
    Ok(file.provider)
}

/// The provider serving `domain` (case does not matter).
pub fn for_domain<'a>(providers: &'a [Provider], domain: &str) -> Option<&'a Provider> {
    let domain = domain.trim().trim_end_matches('.');
    providers
        .iter()
        .find(|p| p.domains.iter().any(|d| d.eq_ignore_ascii_case(domain)))
}

/// Runs the wizard for the configuration file at `config_path` (`--config`;
/// else `$APPEAL_CONFIG` or the XDG default). Exit 2 without a terminal;
/// otherwise the exit code of the `check` it offers at the end, or 0.
pub fn run(
    config_path: Option<&Path>,
    prompt: &mut dyn Prompt,
    verbose: bool,
) -> anyhow::Result<Exit> {
    run_with(config_path, prompt, verbose, &mut std::io::stderr())
}

/// What is at the configuration path before the wizard writes.
enum Existing {
    /// Nothing yet.
    Missing,
    /// A configuration that loads.
    Valid(Box<Config>),
    /// A file that does not load, and why.
    Broken(String),
}

fn read_existing(path: &Path) -> anyhow::Result<Existing> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(match config::parse(path, &text) {
            Ok(config) => Existing::Valid(Box::new(config)),
            Err(e) => Existing::Broken(format!("{e:#}")),
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Existing::Missing),
        Err(e) => Err(Failure::usage(crate::t!(
            "setup-cannot-read",
            path = path.display().to_string(),
            error = e.to_string()
        ))
        .into()),
    }
}

/// `run`, with the wizard's own messages going to `out` (stderr, like the
/// questions).
fn run_with(
    explicit: Option<&Path>,
    prompt: &mut dyn Prompt,
    verbose: bool,
    out: &mut dyn Write,
) -> anyhow::Result<Exit> {
    let path = config::config_path(explicit).map(|(path, _)| path);
    if !prompt.interactive() {
        let keys = config::config_hint();
        let hint = match &path {
            Some(path) => crate::t!(
                "setup-needs-terminal-hint",
                path = path.display().to_string(),
                keys = keys
            ),
            None => crate::t!("setup-needs-terminal-no-path-hint", keys = keys),
        };
        return Err(Failure::usage(crate::t!("setup-needs-terminal"))
            .hint(hint)
            .into());
    }
    let path = path.ok_or_else(|| {
        Failure::usage(crate::t!("setup-no-home")).hint(crate::t!("setup-no-home-hint"))
    })?;
    let providers = providers()?;
    let existing = read_existing(&path)?;
    let old = match &existing {
        Existing::Valid(config) => Some(config.as_ref()),
        _ => None,
    };

    let shown = path.display().to_string();
    writeln!(out, "{}", crate::t!("setup-intro", path = shown.as_str()))?;
    if let Existing::Broken(error) = &existing {
        writeln!(
            out,
            "{}",
            crate::t!("setup-broken-file", error = error.as_str())
        )?;
    }

    let old_sender = old.and_then(|c| c.sender.as_ref());
    let old_smtp = old.and_then(|c| c.smtp.as_ref());
    let sender = ask_sender(prompt, out, old_sender)?;
    let email = sender.email.clone().unwrap_or_default();
    let Some((mut smtp, provider)) = ask_server(prompt, out, &providers, &email, old_smtp)? else {
        return write_without_smtp(prompt, out, &path, &existing, sender);
    };
    let token_command = match provider.filter(|p| p.oauth2) {
        Some(provider) => ask_oauth2(prompt, out, provider, &email, old_smtp)?,
        None => None,
    };
    if let Some(note) = provider
        .filter(|_| token_command.is_none())
        .and_then(Provider::note_text)
    {
        writeln!(out, "{}", crate::t!("setup-provider-note", note = note))?;
    }
    if old_smtp.is_some_and(|o| o.password.is_some()) {
        writeln!(out, "{}", crate::t!("setup-old-password-dropped"))?;
    }
    // The provider's advice is about app passwords: not for OAuth2.
    let oauth2 = token_command.is_some();
    if let Some(command) = token_command {
        smtp.auth = crate::config::Auth::Xoauth2;
        smtp.token_command = Some(command);
    } else {
        smtp.password_command = ask_password_source(prompt, out, &smtp, old_smtp)?;
    }
    // Settings made by hand for the old server only carry over to the same server.
    if let Some(old) = old_smtp.filter(|o| o.host.eq_ignore_ascii_case(&smtp.host)) {
        smtp.ca_file = old.ca_file.clone();
        smtp.timeout = old.timeout;
        smtp.data_timeout = old.data_timeout;
        smtp.password_timeout = old.password_timeout;
        smtp.tls_fingerprint = old.tls_fingerprint.clone();
    }
    if let Some(warning) = crate::transport::port_warning(smtp.port(), smtp.security) {
        writeln!(
            out,
            "{}",
            crate::t!("setup-warning", warning = warning.to_string())
        )?;
    }
    let mut new = Config {
        sender: Some(sender),
        smtp: Some(smtp),
    };

    let unchanged = old == Some(&new);
    match &existing {
        Existing::Missing => {}
        Existing::Valid(_) if unchanged => {
            writeln!(
                out,
                "{}",
                crate::t!("setup-unchanged", path = shown.as_str())
            )?;
        }
        Existing::Valid(old) => {
            writeln!(out, "{}", crate::t!("setup-changes", path = shown.as_str()))?;
            out.write_all(
                diff(&config::to_toml(&redacted(old))?, &config::to_toml(&new)?).as_bytes(),
            )?;
            let question = crate::t!("setup-ask-replace", path = shown.as_str());
            if !prompt.confirm(&question, false)? {
                writeln!(out, "{}", crate::t!("setup-nothing-changed"))?;
                return Ok(Exit::Success);
            }
        }
        Existing::Broken(_) => {
            let question = crate::t!("setup-ask-replace-broken", path = shown.as_str());
            if !prompt.confirm(&question, false)? {
                writeln!(out, "{}", crate::t!("setup-nothing-changed"))?;
                return Ok(Exit::Success);
            }
        }
    }
    if !unchanged {
        config::write(&path, &new)?;
        writeln!(out, "{}", crate::t!("setup-wrote", path = shown.as_str()))?;
    }

    // `appeal check` as the user must type it to test this file.
    let check = RunFlags::for_config_file(Some(&path)).command("check", &[]);
    if !prompt.confirm(
        &crate::t!("setup-ask-check", command = check.as_str()),
        true,
    )? {
        writeln!(
            out,
            "{}",
            crate::t!("setup-check-later", command = check.as_str())
        )?;
        return Ok(Exit::Success);
    }
    let note = provider.filter(|_| !oauth2).and_then(Provider::note_text);
    check_offering_trust(&path, prompt, out, &mut new, verbose)
        .map_err(|e| with_note(e, note, &check))
}

/// A failed check gets the provider's advice as its hint, when it has none,
/// and says how to run the check again (`check`: with this file's flags).
fn with_note(err: anyhow::Error, note: Option<String>, check: &str) -> anyhow::Error {
    let Some(note) = note else { return err };
    match err.downcast::<Failure>() {
        Ok(failure) if failure.exit == Exit::Failed && failure.hint.is_none() => failure
            .hint(crate::t!(
                "setup-check-failed-hint",
                note = note,
                command = check
            ))
            .into(),
        Ok(failure) => failure.into(),
        Err(err) => err,
    }
}

/// The old configuration as it may be shown: a stored password is hidden.
fn redacted(config: &Config) -> Config {
    let mut config = config.clone();
    if let Some(password) = config.smtp.as_mut().and_then(|s| s.password.as_mut()) {
        *password = crate::t!("setup-password-not-shown");
    }
    config
}

/// Name, address and town, each asked again until it is valid.
fn ask_sender(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    old: Option<&SenderConfig>,
) -> anyhow::Result<SenderConfig> {
    let name = loop {
        let answer = prompt.input(
            &crate::t!("setup-ask-name"),
            old.and_then(|s| s.name.as_deref()),
            false,
        )?;
        match crate::sender::check_name(&answer) {
            Ok(name) => break name,
            Err(problem) => try_again(out, &problem.to_string())?,
        }
    };
    let email = loop {
        let answer = prompt.input(
            &crate::t!("setup-ask-email"),
            old.and_then(|s| s.email.as_deref()),
            false,
        )?;
        match crate::sender::check_email(&answer) {
            Ok(email) => break email,
            Err(problem) => try_again(out, &problem.to_string())?,
        }
    };
    let old_city = old.and_then(|s| s.city.as_deref());
    let question = match old_city {
        Some(_) => crate::t!("setup-ask-city-or-none"),
        None => crate::t!("setup-ask-city"),
    };
    let city = loop {
        let answer = prompt.input(&question, old_city, true)?;
        let answer = answer.trim();
        if answer.is_empty() || answer == "-" {
            break None;
        }
        match crate::sender::Sender::new(&name, None, Some(answer)) {
            Ok(sender) => break sender.city,
            Err(problem) => try_again(out, &problem.to_string())?,
        }
    };
    Ok(SenderConfig {
        name: Some(name),
        email: Some(email),
        city,
        // Not asked (yet): kept as the file had them.
        postcode: old.and_then(|s| s.postcode.clone()),
        address: old.and_then(|s| s.address.clone()),
    })
}

/// The server: the address's provider if the user agrees, else one picked
/// from the list or typed in.
fn ask_server<'a>(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    providers: &'a [Provider],
    email: &str,
    old: Option<&SmtpConfig>,
) -> anyhow::Result<Option<(SmtpConfig, Option<&'a Provider>)>> {
    let domain = email.rsplit_once('@').map_or("", |(_, domain)| domain);
    if let Some(provider) = for_domain(providers, domain) {
        let question = crate::t!(
            "setup-ask-provider",
            provider = provider.name.as_str(),
            server = provider.server()
        );
        if prompt.confirm(&question, true)? {
            return Ok(Some((provider.smtp(email), Some(provider))));
        }
    }
    let mut items = vec![crate::t!("setup-choice-own-server")];
    items.extend(providers.iter().map(|p| {
        crate::t!(
            "setup-choice-provider",
            provider = p.name.as_str(),
            server = p.server()
        )
    }));
    let no_smtp = items.len();
    items.push(crate::t!("setup-choice-no-smtp"));
    let default = old
        .and_then(|o| {
            providers
                .iter()
                // Host and port: Proton Mail Bridge's 127.0.0.1 is not
                // every server on this computer.
                .position(|p| p.host.eq_ignore_ascii_case(&o.host) && p.port == o.port())
        })
        .map_or(0, |i| i + 1);
    let choice = prompt.select(&crate::t!("setup-ask-server"), &items, default)?;
    if choice == no_smtp {
        return Ok(None);
    }
    match choice.checked_sub(1).and_then(|i| providers.get(i)) {
        Some(provider) => Ok(Some((provider.smtp(email), Some(provider)))),
        None => Ok(Some((ask_manual_server(prompt, out, email, old)?, None))),
    }
}

/// Host, security, port and login, typed in.
fn ask_manual_server(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    email: &str,
    old: Option<&SmtpConfig>,
) -> anyhow::Result<SmtpConfig> {
    let host = loop {
        let answer = prompt.input(
            &crate::t!("setup-ask-host"),
            old.map(|o| o.host.as_str()),
            false,
        )?;
        match check_host(&answer) {
            Ok(host) => break host,
            Err(problem) => try_again(out, &problem)?,
        }
    };
    let choices = [Security::StartTls, Security::Tls];
    let items = vec![
        crate::t!("setup-choice-starttls"),
        crate::t!("setup-choice-tls"),
    ];
    let default = usize::from(old.is_some_and(|o| o.security == Security::Tls));
    let security = choices[prompt
        .select(&crate::t!("setup-ask-security"), &items, default)?
        .min(1)];
    let default_port = match old {
        Some(o) if o.security == security => o.port(),
        _ => security.default_port(),
    }
    .to_string();
    let port = loop {
        let answer = prompt.input(&crate::t!("setup-ask-port"), Some(&default_port), false)?;
        match answer.trim().parse::<u16>() {
            Ok(port) if port > 0 => break port,
            _ => writeln!(
                out,
                "{}",
                crate::t!("setup-not-a-port", answer = answer.trim())
            )?,
        }
    };
    let username = loop {
        let answer = prompt.input(
            &crate::t!("setup-ask-login"),
            Some(old.and_then(|o| o.username.as_deref()).unwrap_or(email)),
            false,
        )?;
        let answer = answer.trim();
        if !answer.is_empty() {
            break answer.to_string();
        }
    };
    Ok(SmtpConfig {
        host,
        port: Some(port),
        security,
        username: Some(username),
        password_command: None,
        password: None,
        ca_file: None,
        timeout: None,
        data_timeout: None,
        password_timeout: None,
        tls_fingerprint: crate::config::Pins::None,
        auth: crate::config::Auth::Password,
        token_command: None,
    })
}

/// A host name as typed: no scheme, no port, no spaces.
fn check_host(answer: &str) -> Result<String, String> {
    let host = answer.trim();
    if host.is_empty() {
        return Err(crate::t!("setup-host-empty"));
    }
    if host.contains("://") {
        return Err(crate::t!(
            "setup-host-scheme",
            scheme = &host[..host.find("://").unwrap_or(0) + 3]
        ));
    }
    if host.contains(|c: char| c.is_whitespace() || c == '/' || c == '@') {
        return Err(crate::t!("setup-host-invalid", host = host));
    }
    if host.matches(':').count() == 1 {
        return Err(crate::t!("setup-host-with-port", host = host));
    }
    Ok(host.to_string())
}

/// Where the password comes from: Some(command), or None for the
/// environment variable or a prompt each time. The password itself is
/// never asked for here.
fn ask_password_source(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    smtp: &SmtpConfig,
    old: Option<&SmtpConfig>,
) -> anyhow::Result<Option<String>> {
    let old_command = old.and_then(|o| o.password_command.as_deref());
    let items = vec![
        crate::t!("setup-choice-password-command"),
        crate::t!("setup-choice-password-env", name = PASSWORD_ENV),
        crate::t!("setup-choice-password-ask"),
    ];
    let question = crate::t!(
        "setup-ask-password-source",
        user = smtp.username.as_deref().unwrap_or_default()
    );
    let default = if old_command.is_some() { 0 } else { 2 };
    match prompt.select(&question, &items, default)? {
        0 => {
            let command = loop {
                let answer =
                    prompt.input(&crate::t!("setup-ask-password-command"), old_command, false)?;
                let answer = answer.trim();
                if !answer.is_empty() {
                    break answer.to_string();
                }
            };
            if std::env::var_os(PASSWORD_ENV).is_some() {
                writeln!(
                    out,
                    "{}",
                    crate::t!("setup-password-env-set", name = PASSWORD_ENV)
                )?;
            }
            Ok(Some(command))
        }
        1 => {
            writeln!(
                out,
                "{}",
                crate::t!("setup-password-from-env", name = PASSWORD_ENV)
            )?;
            Ok(None)
        }
        _ => {
            writeln!(out, "{}", crate::t!("setup-password-asked"))?;
            Ok(None)
        }
    }
}

/// The lines that differ between `old` and `new` (`-` and `+`), each
/// change under its `[section]` line.
fn diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    // Longest common subsequence, from the end: the files are a few lines.
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            ops.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || common[i + 1][j] >= common[i][j + 1]) {
            ops.push(('-', old[i]));
            i += 1;
        } else {
            ops.push(('+', new[j]));
            j += 1;
        }
    }
    let mut text = String::new();
    let (mut section, mut shown) = (None, None);
    for (tag, line) in ops {
        let is_header = line.starts_with('[');
        if is_header {
            section = Some(line);
        }
        if tag == ' ' || line.trim().is_empty() {
            continue;
        }
        if is_header {
            shown = section;
        } else if section != shown {
            if let Some(header) = section {
                text.push_str(&format!("  {header}\n"));
            }
            shown = section;
        }
        text.push_str(&format!("{tag} {line}\n"));
    }
    text
}

/// `check` as `setup` runs it at the end: an untrusted certificate (Proton
/// Mail Bridge, a home server) can be trusted there and checked again, a
/// few rounds at most.
fn check_offering_trust(
    path: &Path,
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    written: &mut Config,
    verbose: bool,
) -> anyhow::Result<Exit> {
    let mut rounds = 0;
    loop {
        let loaded = config::load(Some(path))?;
        let err = match crate::check::run_offering_retries(&loaded, prompt, verbose) {
            Err(e) if e.is::<crate::check::UntrustedInSetup>() => e,
            other => return other,
        };
        let untrusted = err
            .downcast::<crate::check::UntrustedInSetup>()
            .expect("checked above") // i18n: not shown (cannot fail)
            .0;
        rounds += 1;
        // A server whose certificate changes at every connection is not
        // asked about for ever.
        if rounds > 3 || !offer_trust(prompt, out, path, written, &untrusted)? {
            return Err(crate::check::untrusted_failure(&untrusted).into());
        }
    }
}

/// Shows the certificate the check did not trust and offers to trust
/// exactly it (writes `tls_fingerprint`) or to name the `ca_file` that
/// signed it. True when the configuration changed and is to be checked
/// again.
pub(crate) fn offer_trust(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    path: &Path,
    config: &mut Config,
    untrusted: &crate::transport::Untrusted,
) -> anyhow::Result<bool> {
    writeln!(out, "{untrusted}")?;
    let items = vec![
        crate::t!("setup-choice-trust-certificate"),
        crate::t!("setup-choice-ca-file"),
        crate::t!("setup-choice-stop"),
    ];
    let choice = prompt.select(&crate::t!("setup-ask-trust"), &items, 2)?;
    let Some(smtp) = config.smtp.as_mut() else {
        return Ok(false);
    };
    match choice {
        0 => {
            smtp.tls_fingerprint = crate::config::Pins::One(untrusted.fingerprint.to_string());
            write_pin(path, config, &untrusted.config_line())?;
            writeln!(
                out,
                "{}",
                crate::t!(
                    "setup-wrote-pin",
                    line = untrusted.config_line(),
                    path = path.display().to_string()
                )
            )?;
            Ok(true)
        }
        1 => {
            let file = loop {
                let answer = prompt.input(&crate::t!("setup-ask-ca-file"), None, false)?;
                let file = std::path::PathBuf::from(answer.trim());
                if file.is_file() {
                    // Stored absolute: later runs start in other folders.
                    break std::path::absolute(&file).unwrap_or(file);
                }
                writeln!(
                    out,
                    "{}",
                    crate::t!("setup-not-a-file", path = file.display().to_string())
                )?;
            };
            smtp.ca_file = Some(file);
            // A pin would win over the authority: the choice replaces it.
            smtp.tls_fingerprint = crate::config::Pins::None;
            config::write(path, config)?;
            writeln!(
                out,
                "{}",
                crate::t!("setup-wrote-ca-file", path = path.display().to_string())
            )?;
            Ok(true)
        }
        _ => Ok(false),
    }
}

/// Writes the configuration with its new `tls_fingerprint`: as `line`
/// right under `[smtp]` when the file has no pin yet, so that a file
/// written by hand keeps its comments and layout; otherwise (or when that
/// would not give exactly `config`) by rewriting the file.
fn write_pin(path: &Path, config: &Config, line: &str) -> anyhow::Result<()> {
    if let Ok(text) = std::fs::read_to_string(path) {
        if let Some(edited) = insert_under_smtp(&text, line) {
            if config::parse(path, &edited).is_ok_and(|parsed| parsed == *config) {
                return config::write_text(path, &edited);
            }
        }
    }
    config::write(path, config)
}

/// `text` with `line` after its `[smtp]` header; None without one.
fn insert_under_smtp(text: &str, line: &str) -> Option<String> {
    let mut out = String::with_capacity(text.len() + line.len() + 2);
    let mut done = false;
    for current in text.split_inclusive('\n') {
        out.push_str(current);
        if !done && current.trim() == "[smtp]" {
            if !current.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
            out.push('\n');
            done = true;
        }
    }
    done.then_some(out)
}

/// Outlook.com and Gmail: log in with OAuth2 through a token helper, or
/// with an app password. Some(token command) for OAuth2.
fn ask_oauth2(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    provider: &Provider,
    email: &str,
    old: Option<&SmtpConfig>,
) -> anyhow::Result<Option<String>> {
    let items = vec![
        crate::t!("setup-choice-oauth2"),
        crate::t!("setup-choice-app-password"),
    ];
    let question = crate::t!("setup-ask-login-method", provider = provider.name.as_str());
    if prompt.select(&question, &items, 0)? != 0 {
        return Ok(None);
    }
    writeln!(out, "{}", crate::t!("setup-oauth2-helpers"))?;
    let suggested = old
        .and_then(|o| o.token_command.clone())
        // i18n: not shown (a command, the same in every language)
        .unwrap_or_else(|| format!("oama access {email}"));
    let command = loop {
        let answer = prompt.input(
            &crate::t!("setup-ask-token-command"),
            Some(&suggested),
            false,
        )?;
        let answer = answer.trim();
        if !answer.is_empty() {
            break answer.to_string();
        }
    };
    Ok(Some(command))
}

/// No SMTP access: only the sender is written, and the way to send
/// without SMTP is named.
fn write_without_smtp(
    prompt: &mut dyn Prompt,
    out: &mut dyn Write,
    path: &Path,
    existing: &Existing,
    sender: SenderConfig,
) -> anyhow::Result<Exit> {
    let new = Config {
        sender: Some(sender),
        smtp: None,
    };
    if !matches!(existing, Existing::Missing)
        && !prompt.confirm(
            &crate::t!(
                "setup-ask-replace-without-smtp",
                path = path.display().to_string()
            ),
            false,
        )?
    {
        writeln!(out, "{}", crate::t!("setup-nothing-changed"))?;
        return Ok(Exit::Success);
    }
    config::write(path, &new)?;
    writeln!(
        out,
        "{}",
        crate::t!("setup-wrote", path = path.display().to_string())
    )?;
    writeln!(out, "{}", crate::t!("setup-without-smtp"))?;
    Ok(Exit::Success)
}

/// Says what is wrong with an answer, before the question comes again.
fn try_again(out: &mut dyn Write, problem: &str) -> std::io::Result<()> {
    writeln!(out, "{}", crate::t!("setup-try-again", problem = problem))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prompt::Scripted;

    /// A prompt with nobody to answer.
    struct NoTerminal;

    impl Prompt for NoTerminal {
        fn interactive(&self) -> bool {
            false
        }
        fn input(&mut self, q: &str, _: Option<&str>, _: bool) -> anyhow::Result<String> {
            panic!("asked `{q}` without a terminal")
        }
        fn password(&mut self, q: &str) -> anyhow::Result<String> {
            panic!("asked `{q}` without a terminal")
        }
        fn confirm(&mut self, q: &str, _: bool) -> anyhow::Result<bool> {
            panic!("asked `{q}` without a terminal")
        }
        fn select(&mut self, q: &str, _: &[String], _: usize) -> anyhow::Result<usize> {
            panic!("asked `{q}` without a terminal")
        }
        fn edit(&mut self, _: &str) -> anyhow::Result<Option<String>> {
            panic!("editor opened without a terminal")
        }
    }

    /// Runs the wizard on `path` with `answers`; its exit, messages and
    /// the questions asked.
    fn wizard(path: &Path, answers: &[&str]) -> (Exit, String, Vec<String>) {
        let mut prompt = Scripted::new(answers);
        let mut out = Vec::new();
        let exit = run_with(Some(path), &mut prompt, false, &mut out).unwrap();
        assert!(
            prompt.answers.is_empty(),
            "unused answers: {:?}",
            prompt.answers
        );
        (exit, String::from_utf8(out).unwrap(), prompt.asked)
    }

    fn written(path: &Path) -> (Config, String) {
        let text = std::fs::read_to_string(path).unwrap();
        (config::parse(path, &text).unwrap(), text)
    }

    fn existing(path: &Path) -> Config {
        let config = Config {
            sender: Some(SenderConfig {
                name: Some("Erika Mustermann".into()),
                email: Some("erika@example.org".into()),
                city: None,
                ..Default::default()
            }),
            smtp: Some(SmtpConfig {
                host: "smtp.example.org".into(),
                port: Some(587),
                security: Security::StartTls,
                username: Some("erika@example.org".into()),
                password_command: Some("pass show mail/erika".into()),
                password: None,
                ca_file: Some("/etc/ca.pem".into()),
                timeout: None,
                data_timeout: None,
                password_timeout: None,
                tls_fingerprint: crate::config::Pins::None,
                auth: crate::config::Auth::Password,
                token_command: None,
            }),
        };
        config::write(path, &config).unwrap();
        config
    }

    #[test]
    fn every_provider_parses_and_is_sound() {
        let providers = providers().unwrap();
        assert!(providers.len() >= 8);
        let mut domains = std::collections::HashSet::new();
        for p in &providers {
            assert!(!p.name.is_empty() && !p.host.is_empty(), "{p:?}");
            assert_ne!(p.security, Security::None, "{}", p.name);
            match p.security {
                // Proton Mail Bridge listens on this computer.
                Security::StartTls if p.host == "127.0.0.1" => assert_eq!(p.port, 1025),
                Security::StartTls => assert_eq!(p.port, 587, "{}", p.name),
                _ => assert_eq!(p.port, 465, "{}", p.name),
            }
            assert!(!p.domains.is_empty(), "{}", p.name);
            for d in &p.domains {
                assert_eq!(d, &d.to_lowercase(), "{}", p.name);
                assert!(domains.insert(d.clone()), "`{d}` appears twice");
            }
        }
    }

    #[test]
    fn every_providers_note_has_a_text_in_both_languages() {
        use crate::i18n::{message_in, Lang};
        for p in providers().unwrap() {
            let Some(key) = p.note.as_deref() else {
                continue;
            };
            assert!(key.starts_with("setup-note-"), "{}: `{key}`", p.name);
            for lang in [Lang::En, Lang::De] {
                let text = message_in(lang, key, &[]);
                assert_ne!(text, key, "{}: no {lang:?} text for `{key}`", p.name);
            }
        }
    }

    #[test]
    fn providers_are_found_by_domain_whatever_the_case() {
        let providers = providers().unwrap();
        let host = |domain: &str| for_domain(&providers, domain).map(|p| p.host.as_str());
        assert_eq!(host("posteo.de"), Some("posteo.de"));
        assert_eq!(host("Posteo.DE"), Some("posteo.de"));
        assert_eq!(host("mailbox.org"), Some("smtp.mailbox.org"));
        assert_eq!(host("GMX.net"), Some("mail.gmx.net"));
        assert_eq!(host("gmx.de"), Some("mail.gmx.net"));
        assert_eq!(host("gmx.at"), Some("mail.gmx.net"));
        assert_eq!(host("web.de"), Some("smtp.web.de"));
        assert_eq!(host("t-online.de"), Some("securesmtp.t-online.de"));
        assert_eq!(host("googlemail.com"), Some("smtp.gmail.com"));
        assert_eq!(host("gmail.com"), Some("smtp.gmail.com"));
        assert_eq!(host("Hotmail.de"), Some("smtp-mail.outlook.com"));
        assert_eq!(host("live.com"), Some("smtp-mail.outlook.com"));
        assert_eq!(host("ionos.de"), Some("smtp.ionos.de"));
        assert_eq!(host("example.org"), None);
        assert_eq!(host("notgmx.de"), None);
    }

    #[test]
    fn without_a_terminal_it_exits_2_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let err = run_with(Some(&path), &mut NoTerminal, false, &mut Vec::new()).unwrap_err();
        let (exit, text) = crate::error::report(&err);
        assert_eq!(exit, Exit::Usage);
        assert!(text.contains("needs a terminal"), "{text}");
        assert!(text.contains(&path.display().to_string()), "{text}");
        assert!(text.contains("\"Configuration\""), "{text}");
        assert!(!path.exists());
    }

    #[test]
    fn posteo_preset_with_a_password_command() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("appeal/config.toml");
        let (exit, out, asked) = wizard(
            &path,
            &[
                "Erika Mustermann",
                "erika@posteo.de",
                "Köln",
                "y",
                "a command",
                "pass show mail/posteo",
                "n",
            ],
        );
        assert_eq!(exit, Exit::Success);
        assert!(
            asked.contains(&"Use Posteo's server posteo.de:587 (STARTTLS)?".to_string()),
            "{asked:?}"
        );
        let (config, text) = written(&path);
        let sender = config.sender.unwrap();
        assert_eq!(sender.name.as_deref(), Some("Erika Mustermann"));
        assert_eq!(sender.email.as_deref(), Some("erika@posteo.de"));
        assert_eq!(sender.city.as_deref(), Some("Köln"));
        let smtp = config.smtp.unwrap();
        assert_eq!(smtp.host, "posteo.de");
        assert_eq!(smtp.port, Some(587));
        assert_eq!(smtp.security, Security::StartTls);
        assert_eq!(smtp.username.as_deref(), Some("erika@posteo.de"));
        assert_eq!(
            smtp.password_command.as_deref(),
            Some("pass show mail/posteo")
        );
        assert_eq!(smtp.password, None);
        assert!(!text.contains("\npassword ="), "{text}");
        assert!(out.contains("wrote `"), "{out}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600);
        }
    }

    #[test]
    fn declining_the_preset_offers_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, _) = wizard(
            &path,
            &["Erika", "erika@gmail.com", "", "n", "Posteo", "ask", "n"],
        );
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!(smtp.host, "posteo.de");
        assert_eq!(smtp.username.as_deref(), Some("erika@gmail.com"));
        assert!(!out.contains("app password"), "{out}");
    }

    #[test]
    fn a_custom_domain_at_ionos_is_chosen_from_the_list() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, asked) = wizard(
            &path,
            &[
                "Erika",
                "erika@initiative.example",
                "",
                "IONOS",
                "the environment",
                "n",
            ],
        );
        assert!(
            asked.contains(&"Which server sends your mail?".to_string()),
            "{asked:?}"
        );
        let config = written(&path).0;
        assert_eq!(config.sender.unwrap().city, None);
        let smtp = config.smtp.unwrap();
        assert_eq!(
            (smtp.host.as_str(), smtp.port),
            ("smtp.ionos.de", Some(587))
        );
        assert_eq!(smtp.username.as_deref(), Some("erika@initiative.example"));
        assert_eq!(smtp.password_command, None);
        assert!(
            out.contains("note: Use the password of the mailbox"),
            "{out}"
        );
        assert!(out.contains(PASSWORD_ENV), "{out}");
    }

    #[test]
    fn the_providers_note_is_shown() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, _) = wizard(
            &path,
            &[
                "Erika",
                "erika@gmail.com",
                "",
                "",
                "with an app password",
                "",
                "n",
            ],
        );
        assert!(out.contains("app password"), "{out}");
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!(smtp.host, "smtp.gmail.com");
        assert_eq!(smtp.password_command, None);
        assert_eq!(smtp.auth, crate::config::Auth::Password);
    }

    #[test]
    fn outlook_offers_oauth2_and_names_the_token_helpers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, asked) = wizard(
            &path,
            &["Erika", "erika@outlook.com", "", "", "with OAuth2", "", "n"],
        );
        assert!(asked.contains(&"How does appeal log in to Outlook.com?".to_string()));
        assert!(out.starts_with("This writes"), "{out}");
        assert!(
            out.contains(&format!("{}\n", crate::t!("setup-oauth2-helpers"))),
            "{out}"
        );
        assert!(!out.contains("note: Outlook.com"), "{out}");
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!(smtp.host, "smtp-mail.outlook.com");
        assert_eq!(smtp.auth, crate::config::Auth::Xoauth2);
        assert_eq!(
            smtp.token_command.as_deref(),
            Some("oama access erika@outlook.com")
        );
        assert_eq!(smtp.password_command, None);
    }

    #[test]
    fn a_new_token_command_replaces_the_old_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let start = ["Erika", "erika@outlook.com", "", "", "with OAuth2"];
        let first = [&start[..], &["oama access erika@outlook.com", "n"]].concat();
        wizard(&path, &first);
        let second = [&start[..], &["mutt_oauth2.py ~/.erika.tokens", "y", "n"]].concat();
        let (_, _, asked) = wizard(&path, &second);
        assert!(asked.contains(&format!("Replace `{}`?", path.display())));
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!(
            smtp.token_command.as_deref(),
            Some("mutt_oauth2.py ~/.erika.tokens")
        );
    }

    #[test]
    fn proton_mail_goes_through_the_bridge() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, asked) = wizard(&path, &["Erika", "erika@proton.me", "", "", "", "n"]);
        assert!(asked
            .contains(&"Use Proton Mail (Bridge)'s server 127.0.0.1:1025 (STARTTLS)?".to_string()));
        assert!(
            out.contains("note: Proton Mail sends through Proton Mail Bridge"),
            "{out}"
        );
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!((smtp.host.as_str(), smtp.port), ("127.0.0.1", Some(1025)));
        assert_eq!(smtp.security, Security::StartTls);
        assert_eq!(smtp.username.as_deref(), Some("erika@proton.me"));
    }

    #[test]
    fn without_smtp_only_the_sender_is_written_and_the_other_ways_named() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (exit, out, _) = wizard(
            &path,
            &["Erika", "erika@tuta.com", "", "I have no SMTP access"],
        );
        assert_eq!(exit, Exit::Success);
        assert!(
            out.ends_with(&format!("{}\n", crate::t!("setup-without-smtp"))),
            "{out}"
        );
        let (config, _) = written(&path);
        assert!(config.smtp.is_none());
        assert_eq!(
            config.sender.unwrap().email.as_deref(),
            Some("erika@tuta.com")
        );
    }

    #[test]
    fn a_server_entered_by_hand() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (exit, out, _) = wizard(
            &path,
            &[
                "Erika Mustermann",
                "erika@example.org",
                "",
                "enter",
                "smtp://mail.example.org",
                "mail.example.org:465",
                "mail.example.org",
                "TLS",
                "",
                "",
                "ask",
                "n",
            ],
        );
        assert_eq!(exit, Exit::Success);
        assert!(out.contains("without `smtp://`"), "{out}");
        assert!(out.contains("the port is asked next"), "{out}");
        let smtp = written(&path).0.smtp.unwrap();
        assert_eq!(smtp.host, "mail.example.org");
        assert_eq!(smtp.port, Some(465));
        assert_eq!(smtp.security, Security::Tls);
        assert_eq!(smtp.username.as_deref(), Some("erika@example.org"));
        assert_eq!(smtp.password_command, None);
    }

    #[test]
    fn an_invalid_email_is_asked_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let (_, out, asked) = wizard(
            &path,
            &[
                "  ",
                "Erika",
                "erika at posteo",
                "erika@posteo.de",
                "",
                "",
                "",
                "n",
            ],
        );
        assert!(
            out.contains("the sender's name is empty; please try again"),
            "{out}"
        );
        assert!(
            out.contains("`erika at posteo` is not a valid email address"),
            "{out}"
        );
        let email_questions = asked.iter().filter(|q| q.starts_with("Your email")).count();
        assert_eq!(email_questions, 2, "{asked:?}");
        let sender = written(&path).0.sender.unwrap();
        assert_eq!(sender.email.as_deref(), Some("erika@posteo.de"));
    }

    #[test]
    fn an_existing_file_is_kept_when_the_user_says_no() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        existing(&path);
        let before = std::fs::read(&path).unwrap();
        // Defaults come from the old file: only the host changes.
        let (exit, out, asked) = wizard(
            &path,
            &["", "", "", "", "smtp.new.example", "", "", "", "", "", "n"],
        );
        assert_eq!(exit, Exit::Success);
        assert!(
            out.contains(
                "  [smtp]\n- host = \"smtp.example.org\"\n+ host = \"smtp.new.example\"\n"
            ),
            "{out}"
        );
        assert!(
            !out.contains("name ="),
            "unchanged lines are not shown: {out}"
        );
        assert!(out.ends_with("nothing changed\n"), "{out}");
        assert!(
            asked.iter().any(|q| q.starts_with("Replace `")),
            "{asked:?}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), before);
    }

    #[test]
    fn a_new_server_does_not_inherit_the_old_servers_ca_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let old = existing(&path);
        let (_, _, _) = wizard(
            &path,
            &["", "erika@posteo.de", "Bonn", "", "", "", "y", "n"],
        );
        let new = written(&path).0;
        let smtp = new.smtp.unwrap();
        assert_eq!(smtp.host, "posteo.de");
        assert!(old.smtp.unwrap().ca_file.is_some());
        assert_eq!(smtp.ca_file, None, "the old server's CA is not posteo's");
        assert_eq!(
            smtp.password_command.as_deref(),
            Some("pass show mail/erika")
        );
    }

    #[test]
    fn the_same_answers_change_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        existing(&path);
        let (_, out, asked) = wizard(&path, &["", "", "", "", "", "", "", "", "", "", "n"]);
        assert!(out.contains("already says this; nothing changed"), "{out}");
        assert!(!asked.iter().any(|q| q.starts_with("Replace")), "{asked:?}");
    }

    #[test]
    fn a_stored_password_is_neither_shown_nor_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        let mut old = existing(&path);
        old.smtp.as_mut().unwrap().password = Some("hunter2-geheim".into());
        config::write(&path, &old).unwrap();
        let (_, out, _) = wizard(&path, &["", "", "", "", "", "", "", "", "", "", "y", "n"]);
        assert!(!out.contains("hunter2"), "{out}");
        assert!(out.contains("- password = \"(not shown)\""), "{out}");
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(!text.contains("hunter2"), "{text}");
    }

    #[test]
    fn a_broken_file_is_replaced_only_when_confirmed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "[smtp]\nhots = \"x\"\n").unwrap();
        let answers = ["Erika", "erika@web.de", "", "", ""];
        let no: Vec<&str> = answers.iter().copied().chain(["n"]).collect();
        let (_, out, _) = wizard(&path, &no);
        assert!(out.contains("cannot be used"), "{out}");
        assert!(out.contains("unknown field `hots`"), "{out}");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "[smtp]\nhots = \"x\"\n"
        );
        let yes: Vec<&str> = answers.iter().copied().chain(["y", "n"]).collect();
        wizard(&path, &yes);
        assert_eq!(written(&path).0.smtp.unwrap().host, "smtp.web.de");
    }

    #[test]
    fn a_failed_check_gets_the_providers_note_as_hint() {
        let note = Some("Gmail needs an app password.".to_string());
        let err = with_note(
            Failure::failed("login refused").into(),
            note.clone(),
            "appeal check",
        );
        let (exit, text) = crate::error::report(&err);
        assert_eq!(exit, Exit::Failed);
        assert!(
            text.ends_with("hint: Gmail needs an app password. Then run `appeal check` again."),
            "{text}"
        );
        let err = with_note(
            Failure::usage("bad").hint("own hint").into(),
            note,
            "appeal check",
        );
        assert!(crate::error::report(&err).1.ends_with("hint: own hint"));
    }

    #[test]
    fn diff_shows_changed_lines_under_their_section() {
        let old = "# c\n\n[sender]\nname = \"A\"\n\n[smtp]\nhost = \"h\"\nport = 587\n";
        let new =
            "# c\n\n[sender]\nname = \"A\"\n\n[smtp]\nhost = \"k\"\nport = 587\nusername = \"u\"\n";
        assert_eq!(
            diff(old, new),
            "  [smtp]\n- host = \"h\"\n+ host = \"k\"\n+ username = \"u\"\n"
        );
        assert_eq!(diff(old, old), "");
    }

    #[test]
    fn host_names_are_checked() {
        assert_eq!(
            check_host(" smtp.example.org ").unwrap(),
            "smtp.example.org"
        );
        assert!(check_host("").is_err());
        assert!(check_host("smtps://x.org")
            .unwrap_err()
            .contains("smtps://"));
        assert!(check_host("x.org:465").is_err());
        assert!(check_host("a b").is_err());
        assert_eq!(check_host("::1").unwrap(), "::1");
    }
}
