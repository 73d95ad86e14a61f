//! Finds the SMTP password, in the contract's order: `$APPEAL_SMTP_PASSWORD`,
//! then `password_command` (its stdout, trailing newline trimmed), then a
//! hidden prompt on a terminal. (A `password` key in a private config file
//! is accepted too, after those.)
//!
//! The password lives in a `SecretString` (zeroised on drop) and is never
//! written, logged or shown: errors name the command, never its output.

use std::io::Read;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use secrecy::SecretString;

use crate::config::SmtpConfig;
use crate::error::Failure;
use crate::prompt::Prompt;

/// The environment variable that carries a password for scripts.
pub const PASSWORD_ENV: &str = "APPEAL_SMTP_PASSWORD";

/// Default time `password_command` may take (a person may have to unlock
/// a key first), after which it is stopped.
pub const PASSWORD_TIMEOUT: Duration = Duration::from_secs(60);

/// Resolves the password for `smtp`, or None when no login is configured.
pub fn resolve(smtp: &SmtpConfig, prompt: &mut dyn Prompt) -> anyhow::Result<Option<SecretString>> {
    let Some(user) = smtp.username.as_deref().filter(|u| !u.is_empty()) else {
        return Ok(None);
    };
    if let Some(value) = std::env::var_os(PASSWORD_ENV) {
        let value = value
            .into_string()
            .map_err(|_| Failure::usage(crate::t!("password-env-not-utf8", name = PASSWORD_ENV)))?;
        if !value.is_empty() {
            return Ok(Some(SecretString::from(value)));
        }
    }
    if let Some(command) = smtp
        .password_command
        .as_deref()
        .filter(|c| !c.trim().is_empty())
    {
        let limit = smtp
            .password_timeout
            .map_or(PASSWORD_TIMEOUT, Duration::from_secs_f64);
        return run_password_command(command, limit).map(Some);
    }
    if let Some(password) = smtp.password.as_deref().filter(|p| !p.is_empty()) {
        return Ok(Some(SecretString::from(password.to_string())));
    }
    if prompt.interactive() {
        let answer = prompt.password(&crate::t!(
            "password-ask",
            user = user,
            host = smtp.host.as_str()
        ))?;
        return Ok(Some(SecretString::from(answer)));
    }
    Err(
        Failure::usage(crate::t!("password-no-terminal", user = user))
            .hint(crate::t!("password-no-terminal-hint", name = PASSWORD_ENV))
            .into(),
    )
}

/// The OAuth2 access token for `auth = "xoauth2"`: `token_command`'s
/// output, fetched fresh on every run (tokens last about an hour), with
/// the same deadline (`password_timeout`) and output rules as
/// `password_command`. Never from the environment or a prompt.
pub fn token(smtp: &SmtpConfig) -> anyhow::Result<SecretString> {
    let command = smtp
        .token_command
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| Failure::usage(crate::t!("password-token-command-missing")))?;
    let limit = smtp
        .password_timeout
        .map_or(PASSWORD_TIMEOUT, Duration::from_secs_f64);
    run_secret_command(&TOKEN_COMMAND, command, limit)
}

/// What a command prints, for its messages: the config key, which secret
/// it is (`password` or `token`: the messages name it in their language)
/// and a command that prints only it.
struct SecretSource {
    key: &'static str,
    secret: &'static str,
    example: &'static str,
}

const PASSWORD_COMMAND: SecretSource = SecretSource {
    key: "password_command",
    secret: "password",
    // i18n: not shown (a command, the same in every language)
    example: "pass show mail/erika | head -n 1",
};

const TOKEN_COMMAND: SecretSource = SecretSource {
    key: "token_command",
    secret: "token",
    // i18n: not shown (a command, the same in every language)
    example: "oama access erika@outlook.com",
};

/// Whether [`resolve`] would ask for the password at the prompt (nothing
/// else provides it): then a refused login can be retried with another.
pub fn is_asked(smtp: &SmtpConfig, prompt: &dyn Prompt) -> bool {
    let provided = std::env::var_os(PASSWORD_ENV).is_some_and(|v| !v.is_empty())
        || smtp
            .password_command
            .as_deref()
            .is_some_and(|c| !c.trim().is_empty())
        || smtp.password.as_deref().is_some_and(|p| !p.is_empty());
    let has_login = smtp.username.as_deref().is_some_and(|u| !u.is_empty());
    let by_password = smtp.auth == crate::config::Auth::Password;
    has_login && by_password && !provided && prompt.interactive()
}

/// Runs `password_command`: see [`run_secret_command`].
fn run_password_command(command: &str, limit: Duration) -> anyhow::Result<SecretString> {
    run_secret_command(&PASSWORD_COMMAND, command, limit)
}

/// Runs `password_command` (or `token_command`) with `sh -c`; its output
/// is the secret. A failure names the command, but never shows what it
/// printed. A command still running after `limit` is stopped (killed) and
/// refused.
fn run_secret_command(
    source: &SecretSource,
    command: &str,
    limit: Duration,
) -> anyhow::Result<SecretString> {
    let SecretSource {
        key,
        secret,
        example,
    } = source;
    let mut shell = Command::new("sh");
    shell
        .arg("-c")
        .arg(command)
        .stdin(Stdio::inherit())
        .stderr(Stdio::inherit())
        .stdout(Stdio::piped());
    let own_group = own_process_group(&mut shell);
    let mut child = shell.spawn().map_err(|e| {
        Failure::usage(crate::t!(
            "password-command-cannot-run",
            key = *key,
            command = command,
            error = crate::i18n::error_text(&e)
        ))
    })?;
    // Read on another thread, so that a full pipe cannot stall the command
    // and the wait below can give up; a command that leaves a process
    // behind holding its output leaves only that thread waiting.
    let mut stdout = child.stdout.take().expect("piped above"); // i18n: not shown (cannot fail)
    let (sender, received) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = sender.send(stdout.read_to_end(&mut bytes).map(|_| bytes));
    });
    let status = match wait_until(&mut child, Instant::now() + limit)? {
        Some(status) => status,
        None => {
            stop(&mut child, own_group);
            return Err(Failure::usage(crate::t!(
                "password-command-timed-out",
                key = *key,
                command = command,
                seconds = limit.as_secs_f64()
            ))
            .hint(crate::t!("password-command-timed-out-hint"))
            .into());
        }
    };
    if !status.success() {
        return Err(Failure::usage(crate::t!(
            "password-command-failed",
            key = *key,
            command = command,
            status = status.to_string()
        ))
        .hint(crate::t!("password-command-failed-hint"))
        .into());
    }
    // The command has ended; its output follows at once unless a process
    // it started still holds the pipe open.
    let stdout = received
        .recv_timeout(limit)
        .ok()
        .and_then(Result::ok)
        .ok_or_else(|| {
            Failure::usage(crate::t!(
                "password-command-held-open",
                key = *key,
                command = command
            ))
            .hint(crate::t!(
                "password-command-held-open-hint",
                secret = *secret,
                example = *example
            ))
        })?;
    let mut text = String::from_utf8(stdout).map_err(|_| {
        Failure::usage(crate::t!(
            "password-command-not-utf8",
            key = *key,
            command = command
        ))
    })?;
    while text.ends_with('\n') || text.ends_with('\r') {
        text.pop();
    }
    if text.is_empty() {
        return Err(Failure::usage(crate::t!(
            "password-command-printed-nothing",
            key = *key,
            command = command
        ))
        .into());
    }
    if text.contains(['\n', '\r']) {
        // `pass show` prints the whole entry (logins, URLs, recovery
        // codes): all of it would go to the server as the password.
        return Err(Failure::usage(crate::t!(
            "password-command-several-lines",
            key = *key,
            command = command,
            secret = *secret
        ))
        .hint(crate::t!(
            "password-command-several-lines-hint",
            secret = *secret,
            example = *example
        ))
        .into());
    }
    Ok(SecretString::from(text))
}

/// Without a terminal (cron, scripts), the command gets a process group of
/// its own, so that everything it started can be stopped at the deadline
/// (a `sleep` left behind would hold our output open). On a terminal it
/// stays in the foreground group, where it may ask for a passphrase.
#[cfg(unix)]
fn own_process_group(shell: &mut Command) -> bool {
    use std::io::IsTerminal;
    use std::os::unix::process::CommandExt;
    let alone = !std::io::stdin().is_terminal();
    if alone {
        shell.process_group(0);
    }
    alone
}

#[cfg(not(unix))]
fn own_process_group(_shell: &mut Command) -> bool {
    false
}

/// Stops a command that ran out of time: its whole process group where it
/// has one, else the shell.
fn stop(child: &mut std::process::Child, own_group: bool) {
    #[cfg(unix)]
    if own_group {
        if let Ok(group) = libc::pid_t::try_from(child.id()) {
            // SAFETY: a plain system call on the group we created for the
            // child (its id is the group's); no memory is involved.
            unsafe {
                libc::kill(-group, libc::SIGKILL);
            }
        }
    }
    let _ = own_group;
    let _ = child.kill();
    let _ = child.wait();
}

/// Waits for `child` until `deadline`; None when it is still running.
fn wait_until(
    child: &mut std::process::Child,
    deadline: Instant,
) -> anyhow::Result<Option<std::process::ExitStatus>> {
    loop {
        if let Some(status) = child.try_wait()? {
            return Ok(Some(status));
        }
        let now = Instant::now();
        if now >= deadline {
            return Ok(None);
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(20)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    fn smtp(command: Option<&str>) -> SmtpConfig {
        SmtpConfig {
            host: "smtp.example.org".into(),
            port: None,
            security: Default::default(),
            username: Some("erika@example.org".into()),
            password_command: command.map(Into::into),
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

    #[test]
    fn command_output_is_trimmed_of_its_newline() {
        let p = run_password_command("printf 'geheim \\n'", PASSWORD_TIMEOUT).unwrap();
        assert_eq!(p.expose_secret(), "geheim ");
    }

    #[test]
    fn a_command_printing_several_lines_is_refused_without_showing_them() {
        // Prints "GEHEIM-WORT" and "LOGIN: ERIKA" (the command's text
        // holds neither: `tr` upper-cases them).
        let err = run_password_command(
            "printf 'geheim-wort\\nlogin: erika\\n' | tr a-z A-Z",
            PASSWORD_TIMEOUT,
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("printed more than one line"), "{err}");
        assert!(
            !err.contains("GEHEIM-WORT") && !err.contains("LOGIN: ERIKA"),
            "{err}"
        );
    }

    #[test]
    fn failing_command_names_the_command_not_its_output() {
        let err = run_password_command("echo topsecret; exit 3", PASSWORD_TIMEOUT)
            .unwrap_err()
            .to_string();
        assert!(err.contains("`echo topsecret; exit 3` failed"), "{err}");
        let err = run_password_command("printf zzz; printf -- -secret; false", PASSWORD_TIMEOUT)
            .unwrap_err();
        assert!(!format!("{err:#}").contains("zzz-secret"));
    }

    #[test]
    fn the_prompt_is_asked_last() {
        let mut prompt = crate::prompt::Scripted::new(&["from-prompt"]);
        // No env var in unit tests' environment is assumed: skip if set.
        if std::env::var_os(PASSWORD_ENV).is_some() {
            return;
        }
        let p = resolve(&smtp(None), &mut prompt).unwrap().unwrap();
        assert_eq!(p.expose_secret(), "from-prompt");
        let p = resolve(&smtp(Some("echo cmd")), &mut prompt)
            .unwrap()
            .unwrap();
        assert_eq!(p.expose_secret(), "cmd");
    }

    #[test]
    fn a_command_that_hangs_is_stopped_at_its_deadline() {
        let err = run_password_command("sleep 30", Duration::from_millis(300)).unwrap_err();
        let failure = err.downcast_ref::<Failure>().unwrap();
        assert_eq!(
            failure.message,
            "`password_command` `sleep 30` did not finish within 0.3 s and was stopped"
        );
    }

    #[test]
    fn no_username_means_no_password() {
        let mut s = smtp(None);
        s.username = None;
        assert!(resolve(&s, &mut crate::prompt::Scripted::new(&[]))
            .unwrap()
            .is_none());
    }
}
