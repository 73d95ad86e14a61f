//! `appeal check`: proves the mail account works (connect, encrypt, log
//! in, quit) and says what was verified. Sends no message.

use secrecy::SecretString;

use crate::config::Loaded;
use crate::error::{Exit, Failure};
use crate::prompt::Prompt;
use crate::transport::{Session, Settings, SmtpError};

/// Runs the check; exit 0, or 1 with the reason.
pub fn run(config: &Loaded, prompt: &mut dyn Prompt, verbose: bool) -> anyhow::Result<Exit> {
    let settings = settings_for(config, prompt, verbose)?;
    match Session::open(&settings) {
        Ok(session) => report(&settings, session),
        Err(SmtpError::Untrusted(u)) => trust_and_check_again(config, prompt, &settings, &u),
        Err(e) => Err(failure(e).into()),
    }
}

/// An untrusted certificate: on a terminal, offers to trust exactly it (or
/// to name a `ca_file`), writes that to the configuration file and checks
/// once more with the same password. Without a terminal: the explanation
/// and the line to add.
fn trust_and_check_again(
    config: &Loaded,
    prompt: &mut dyn Prompt,
    settings: &Settings,
    untrusted: &crate::transport::Untrusted,
) -> anyhow::Result<Exit> {
    let Some(path) = config.path.as_deref().filter(|_| prompt.interactive()) else {
        return Err(untrusted_failure(untrusted).into());
    };
    let mut changed = config.config.clone();
    if !crate::setup::offer_trust(
        prompt,
        &mut std::io::stderr(),
        path,
        &mut changed,
        untrusted,
    )? {
        return Err(untrusted_failure(untrusted).into());
    }
    let reloaded = crate::config::load(Some(path))?;
    let mut again = smtp_settings(&reloaded, &settings.hello_domain, settings.verbose)?;
    again.password = settings.password.clone();
    let session = Session::open(&again).map_err(failure)?;
    report(&again, session)
}

/// How many passwords `setup` lets the user type before it gives up.
const PASSWORD_TRIES: usize = 3;

/// `check` as `setup` runs it: when the server refuses the login and the
/// password was typed at the prompt, the user gets another try.
pub fn run_offering_retries(
    config: &Loaded,
    prompt: &mut dyn Prompt,
    verbose: bool,
    password: &mut Option<SecretString>,
) -> anyhow::Result<Exit> {
    let mut tries = 1;
    loop {
        let typed = config
            .config
            .smtp
            .as_ref()
            .is_some_and(|smtp| crate::password::is_asked(smtp, prompt));
        let settings = match password.take() {
            // Typed (or looked up) before a certificate was trusted: the
            // check after trusting it uses it again.
            Some(known) => {
                let mut settings = smtp_settings(config, &hello_domain(config), verbose)?;
                settings.password = Some(known);
                settings
            }
            None => settings_for(config, prompt, verbose)?,
        };
        match Session::open(&settings) {
            Ok(session) => return report(&settings, session),
            Err(SmtpError::Auth(reason)) if typed && tries < PASSWORD_TRIES => {
                eprintln!("{reason}");
                eprintln!("{}", crate::t!("check-try-again"));
                tries += 1;
            }
            Err(SmtpError::Untrusted(u)) => {
                // Nothing was sent to an untrusted server, the password
                // least of all: it is kept for the check after trusting.
                *password = settings.password;
                return Err(UntrustedInSetup(u).into());
            }
            Err(e) => return Err(failure(e).into()),
        }
    }
}

/// The certificate `setup`'s check did not trust: `setup` offers to trust
/// exactly it (or to name a `ca_file`) and checks again.
#[derive(Debug)]
pub struct UntrustedInSetup(pub Box<crate::transport::Untrusted>);

impl std::fmt::Display for UntrustedInSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for UntrustedInSetup {}

/// The failure `check` reports for an untrusted certificate.
pub fn untrusted_failure(u: &crate::transport::Untrusted) -> Failure {
    Failure::failed(crate::t!("check-failed", reason = u.to_string())).hint(u.hint())
}

/// A session that could not be opened, as `check` reports it: exit 2 for
/// unsafe settings, else exit 1 with the hint that names what to fix.
fn failure(e: SmtpError) -> Failure {
    match e {
        SmtpError::Setup(m) => Failure::usage(m),
        other => {
            let failed = Failure::failed(crate::t!("check-failed", reason = other.to_string()));
            match other.hint() {
                Some(hint) => failed.hint(hint),
                None => failed,
            }
        }
    }
}

/// Closes the session and says what was verified.
fn report(settings: &Settings, session: Session) -> anyhow::Result<Exit> {
    let info = session.info.clone();
    session.quit();
    println!(
        "{}",
        crate::t!(
            "check-server-answered",
            server = settings.server(),
            name = info.server_name.to_string()
        )
    );
    let encryption = match (info.tls_mode, info.pinned) {
        (Some(mode), Some(pinned)) => crate::t!(
            "check-encrypted-pinned",
            mode = mode.to_string(),
            fingerprint = pinned.to_string()
        ),
        (Some(mode), None) => crate::t!(
            "check-encrypted-verified",
            mode = mode.to_string(),
            host = settings.host.to_string()
        ),
        (None, _) => crate::t!("check-not-encrypted"),
    };
    println!("{encryption}");
    match info.authenticated_as {
        Some(user) => println!("{}", crate::t!("check-logged-in", user = user.to_string())),
        None => println!("{}", crate::t!("check-no-login")),
    }
    println!("{}", crate::t!("check-nothing-sent"));
    Ok(Exit::Success)
}

/// Transport settings from the configuration, with the password resolved.
pub fn settings_for(
    config: &Loaded,
    prompt: &mut dyn Prompt,
    verbose: bool,
) -> anyhow::Result<Settings> {
    let mut settings = smtp_settings(config, &hello_domain(config), verbose)?;
    add_password(&mut settings, config, prompt)?;
    Ok(settings)
}

/// Our EHLO name: the domain of the sender's address (or the login's).
fn hello_domain(config: &Loaded) -> String {
    config
        .config
        .sender
        .as_ref()
        .and_then(|s| s.email.as_deref())
        .or(config
            .config
            .smtp
            .as_ref()
            .and_then(|s| s.username.as_deref()))
        .and_then(|a| {
            a.rsplit_once('@')
                .map(|(_, d)| crate::letter::ascii_domain_name(d))
        })
        .unwrap_or_else(|| crate::letter::PLACEHOLDER_DOMAIN.to_string())
}

/// Finds the password for settings made by [`smtp_settings`] (the
/// contract's order: environment, `password_command`, hidden prompt).
pub fn add_password(
    settings: &mut Settings,
    config: &Loaded,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<()> {
    if let Some(smtp) = &config.config.smtp {
        settings.password = match smtp.auth {
            crate::config::Auth::Password => crate::password::resolve(smtp, prompt)?,
            crate::config::Auth::Xoauth2 => Some(crate::password::token(smtp)?),
        };
    }
    Ok(())
}

/// Transport settings from `[smtp]` (without the password), with
/// `hello_domain` as the EHLO name; unsafe settings are refused here,
/// before any connection. `check` and `send` both start here.
pub fn smtp_settings(
    config: &Loaded,
    hello_domain: &str,
    verbose: bool,
) -> anyhow::Result<Settings> {
    let smtp = config.config.smtp.as_ref().ok_or_else(|| {
        let message = match &config.path {
            Some(p) => crate::t!("check-no-account-in-file", path = p.display().to_string()),
            None => crate::t!("check-no-account"),
        };
        Failure::usage(message).hint(crate::t!(
            "check-no-account-hint",
            command = crate::suggest::RunFlags::for_config_file(config.path.as_deref())
                .command("setup", &[])
        ))
    })?;
    let settings = Settings::from_config(smtp, hello_domain, verbose);
    settings
        .check()
        .map_err(|e| Failure::usage(e.to_string()))?;
    Ok(settings)
}
