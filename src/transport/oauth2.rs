//! OAuth2 login (`auth = "xoauth2"`): SASL XOAUTH2 as Outlook.com and
//! Gmail define it, with the access token `token_command` printed. Done
//! here rather than by lettre, which stops at a refused token's 334 with
//! the connection in the middle of the exchange.

use lettre::transport::smtp::authentication::Mechanism;
use lettre::transport::smtp::client::SmtpConnection;
use lettre::transport::smtp::response::Response;
use secrecy::{ExposeSecret, SecretString};

use super::connect::{no_answer, Phase};
use super::deadline::Watchdog;
use super::{abort, connection_lost, plain, reply_text, Reply, Settings, SmtpError};
use crate::t;

/// What to do when the server refuses an OAuth2 access token.
pub fn token_hint() -> String {
    t!("smtp-token-hint")
}

/// SASL XOAUTH2 (as Outlook.com and Gmail define it): the initial
/// response `user=…^Aauth=Bearer …^A^A` in base64. A refused token is
/// answered with 334 and an error in JSON, to which the client sends an
/// empty line and gets the final 535 (lettre would stop at the 334, with
/// the connection in the middle of the exchange, so this is done here).
pub(super) fn xoauth2(
    conn: &mut SmtpConnection,
    watchdog: &Watchdog,
    settings: &Settings,
    user: &str,
    token: &SecretString,
) -> Result<(), SmtpError> {
    use base64::Engine;
    if !conn
        .server_info()
        .supports_auth_mechanism(Mechanism::Xoauth2)
    {
        abort(conn, watchdog, settings);
        return Err(SmtpError::Auth(t!(
            "smtp-no-xoauth2",
            server = settings.server()
        )));
    }
    let initial = base64::engine::general_purpose::STANDARD.encode(format!(
        "user={user}\x01auth=Bearer {}\x01\x01",
        token.expose_secret()
    ));
    log!(settings, "> AUTH XOAUTH2 [redacted]");
    let mut answer = timed(
        conn,
        watchdog,
        settings,
        &format!("AUTH XOAUTH2 {initial}\r\n"),
    )?;
    if let Ok(challenge) = &answer {
        if challenge.has_code(334) {
            // The server's reason, in JSON; it holds no secret.
            let detail = challenge.message().collect::<String>();
            let detail = base64::engine::general_purpose::STANDARD
                .decode(detail.trim())
                .ok()
                .and_then(|d| String::from_utf8(d).ok())
                .unwrap_or(detail);
            log!(settings, "< 334 {detail}");
            log!(settings, ">");
            answer = timed(conn, watchdog, settings, "\r\n")?;
        }
    }
    match answer {
        Ok(response) if response.is_positive() && !response.has_code(334) => {
            log!(settings, "< {}", Reply::from_response(&response));
            Ok(())
        }
        Ok(response) => {
            log!(settings, "< {}", Reply::from_response(&response));
            abort(conn, watchdog, settings);
            Err(SmtpError::TokenRefused(t!(
                "smtp-token-refused",
                user = user,
                reason = Reply::from_response(&response).to_string()
            )))
        }
        Err(e) => {
            let reason = match e.status() {
                Some(_) => reply_text(&e),
                None => plain(&e),
            };
            log!(settings, "< {reason}");
            abort(conn, watchdog, settings);
            if e.is_transient() || connection_lost(&e) {
                return Err(SmtpError::Connect(t!(
                    "smtp-login-for-now",
                    server = settings.server(),
                    reason = reason.as_str()
                )));
            }
            Err(SmtpError::TokenRefused(t!(
                "smtp-token-refused",
                user = user,
                reason = reason.as_str()
            )))
        }
    }
}

/// One line of the login, within `timeout`; a passed deadline is an error.
fn timed(
    conn: &mut SmtpConnection,
    watchdog: &Watchdog,
    settings: &Settings,
    line: &str,
) -> Result<Result<Response, lettre::transport::smtp::Error>, SmtpError> {
    watchdog.arm(settings.command_timeout);
    let answer = conn.command(line);
    if watchdog.disarm() {
        return Err(SmtpError::Connect(format!(
            "{}: {}",
            settings.server(),
            no_answer(settings.command_timeout, Phase::LoggingIn)
        )));
    }
    Ok(answer)
}
