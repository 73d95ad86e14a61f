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
//!
//! Here is the wizard's course; its parts are `provider` (the presets),
//! `questions` (what it asks), `diff` (the changes to an existing file) and
//! `trust` (an untrusted certificate found by the check at the end).

use std::io::Write;
use std::path::Path;

use crate::config::{self, Config, SenderConfig};
use crate::error::{Exit, Failure};
use crate::prompt::Prompt;
use crate::suggest::RunFlags;

mod diff;
mod provider;
mod questions;
mod trust;

use diff::diff;
pub use provider::{for_domain, providers, Provider, Username};
use questions::{ask_oauth2, ask_password_source, ask_sender, ask_server};
use trust::check_offering_trust;
pub(crate) use trust::offer_trust;

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
            error = crate::i18n::error_text(&e)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Security, SmtpConfig};
    use crate::password::PASSWORD_ENV;
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
}
