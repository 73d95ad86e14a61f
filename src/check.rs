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
            "ok: encrypted with {mode} (TLS 1.2 or newer required), certificate for `{}` verified",
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
    let domain = config
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
        .unwrap_or_else(|| crate::letter::PLACEHOLDER_DOMAIN.to_string());
    let mut settings = smtp_settings(config, &domain, verbose)?;
    add_password(&mut settings, config, prompt)?;
    Ok(settings)
}

/// Finds the password for settings made by [`smtp_settings`] (the
/// contract's order: environment, `password_command`, hidden prompt).
pub fn add_password(
    settings: &mut Settings,
    config: &Loaded,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<()> {
    if let Some(smtp) = &config.config.smtp {
        settings.password = crate::password::resolve(smtp, prompt)?;
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
        let place = match &config.path {
            Some(p) => format!("no [smtp] section in `{}`", p.display()),
            None => "[smtp] in the configuration".to_string(),
        };
        Failure::usage(format!("no mail account configured ({place})")).hint(format!(
            "run `{}`, or see the README's \"Configuration\" section",
            crate::suggest::RunFlags::for_config_file(config.path.as_deref()).command("setup", &[])
        ))
    })?;
    let settings = Settings::from_config(smtp, hello_domain, verbose);
    settings
        .check()
        .map_err(|e| Failure::usage(e.to_string()))?;
    Ok(settings)
}
