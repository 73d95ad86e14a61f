//! The wizard's questions: the sender, the server (a provider's, one from
//! the list, or typed in), where the password comes from, and OAuth2. Each
//! answer is asked again until it is valid.

use std::io::Write;

use super::provider::{for_domain, Provider};
use crate::config::{Security, SenderConfig, SmtpConfig};
use crate::password::PASSWORD_ENV;
use crate::prompt::Prompt;

/// Name, address and town, each asked again until it is valid.
pub(super) fn ask_sender(
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
pub(super) fn ask_server<'a>(
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
pub(super) fn ask_password_source(
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

/// Outlook.com and Gmail: log in with OAuth2 through a token helper, or
/// with an app password. Some(token command) for OAuth2.
pub(super) fn ask_oauth2(
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

/// Says what is wrong with an answer, before the question comes again.
fn try_again(out: &mut dyn Write, problem: &str) -> std::io::Result<()> {
    writeln!(out, "{}", crate::t!("setup-try-again", problem = problem))
}

#[cfg(test)]
mod tests {
    use super::*;

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
