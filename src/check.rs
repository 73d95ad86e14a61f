//! `appeal check`: proves the mail account works (connect, encrypt, log
//! in, quit) and says what was verified. Sends no message.

use crate::config::Loaded;
use crate::error::{Exit, Failure};
use crate::prompt::Prompt;
use crate::transport::{Session, Settings};

/// Runs the check; exit 0, or 1 with the reason.
pub fn run(config: &Loaded, prompt: &mut dyn Prompt, verbose: bool) -> anyhow::Result<Exit> {
    let settings = settings_for(config, prompt, verbose)?;
    let session = Session::open(&settings).map_err(|e| match e {
        crate::transport::SmtpError::Setup(m) => Failure::usage(m),
        other => Failure::failed(format!("check failed: {other}")),
    })?;
    let info = session.info.clone();
    session.quit();
    println!("ok: {} ({}) answered", settings.server(), info.server_name);
    match info.tls_mode {
        Some(mode) => println!(
            "ok: encrypted with {mode} (TLS 1.2 or newer), certificate for `{}` verified",
            settings.host
        ),
        None => {
            println!("note: not encrypted (`security = \"none\"`, allowed only on this machine)")
        }
    }
    match info.authenticated_as {
        Some(user) => println!("ok: logged in as `{user}`"),
        None => println!("note: no login configured (`username` is not set)"),
    }
    println!("nothing was sent");
    Ok(Exit::Success)
}

/// Transport settings from the configuration, with the password resolved.
pub fn settings_for(
    config: &Loaded,
    prompt: &mut dyn Prompt,
    verbose: bool,
) -> anyhow::Result<Settings> {
    let smtp = config.config.smtp.as_ref().ok_or_else(|| {
        Failure::usage(match &config.path {
            Some(p) => format!("no [smtp] section in `{}`", p.display()),
            None => "no mail account configured".to_string(),
        })
        .hint(
            "run `appeal setup`, or write the [smtp] section (see the README's \"Configuration\")",
        )
    })?;
    let domain = config
        .config
        .sender
        .as_ref()
        .and_then(|s| s.email.as_deref())
        .or(smtp.username.as_deref())
        .and_then(|a| a.rsplit_once('@').map(|(_, d)| d.to_string()))
        .unwrap_or_else(|| crate::letter::PLACEHOLDER_DOMAIN.to_string());
    let mut settings = Settings::from_config(smtp, &domain, verbose);
    settings
        .check()
        .map_err(|e| Failure::usage(e.to_string()))?;
    settings.password = crate::password::resolve(smtp, prompt)?;
    Ok(settings)
}
