//! Making the connection, and saying in words what a failure to make it
//! means: which setting is wrong ([`Misconfig`], for a person to fix) or
//! that the server did not answer in time (for a later run to cure).

use std::net::SocketAddr;
use std::time::Duration;

use lettre::transport::smtp::client::{SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;

use super::deadline::{self, Watchdog};
use super::{io_kind, plain, tls_parameters, Settings, SmtpError};
use crate::config::Security;
use crate::t;

/// The step a deadline bounds, named in the message when it passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    /// The TCP connection.
    Connecting,
    /// The server's 220 greeting and the first EHLO.
    Greeting,
    /// STARTTLS, the TLS handshake and the EHLO after it.
    StartingTls,
    /// The EHLO that asks for the list of extensions.
    Extensions,
    /// AUTH.
    LoggingIn,
    /// A letter's commands and data.
    Sending,
}

/// "no answer from the server within N s while …": the one wording of a
/// passed deadline.
pub(crate) fn no_answer(limit: Duration, phase: Phase) -> String {
    let phase = match phase {
        Phase::Connecting => "connecting",
        Phase::Greeting => "greeting",
        Phase::StartingTls => "starttls",
        Phase::Extensions => "extensions",
        Phase::LoggingIn => "login",
        Phase::Sending => "sending",
    };
    t!(
        "smtp-no-answer",
        seconds = limit.as_secs_f64(),
        phase = phase
    )
}

/// A setting that is wrong for this server: running again later cannot
/// help, so these end a run with exit 1 and a hint naming the setting.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Misconfig {
    /// `host` does not resolve.
    #[error("{}", t!("smtp-unknown-host", host = host.as_str(), reason = reason.as_str()))]
    UnknownHost { host: String, reason: String },
    /// Nothing listens on the port.
    #[error("{}", t!("smtp-port-refused", server = server.as_str()))]
    Refused { server: String },
    /// The greeting is not SMTP (an IMAP, SSH or web server, …).
    #[error("{}", t!("smtp-not-smtp", server = server.as_str()))]
    NotSmtp { server: String },
    /// `security = "tls"` on a port that speaks plain SMTP first.
    #[error("{}", t!("smtp-tls-on-plain-port", server = server.as_str()))]
    TlsOnPlainPort { server: String },
    /// `security = "starttls"` (or `"none"`) on an implicit-TLS port.
    #[error("{}", t!("smtp-plain-on-tls-port", server = server.as_str(), configured = *configured))]
    PlainOnTlsPort {
        server: String,
        configured: &'static str,
    },
}

impl Misconfig {
    /// What to do about it: the setting to change.
    pub fn hint(&self) -> String {
        match self {
            Misconfig::UnknownHost { .. } => t!("smtp-unknown-host-hint"),
            Misconfig::Refused { .. } | Misconfig::NotSmtp { .. } => t!("smtp-wrong-port-hint"),
            Misconfig::TlsOnPlainPort { .. } => t!("smtp-tls-on-plain-port-hint"),
            Misconfig::PlainOnTlsPort { .. } => t!("smtp-plain-on-tls-port-hint"),
        }
    }

    /// Whether a later attempt in the same run may succeed where this one
    /// failed: a name or port that worked before in this run points at a
    /// server restarting, not at a wrong setting.
    pub fn may_pass(&self) -> bool {
        matches!(
            self,
            Misconfig::UnknownHost { .. } | Misconfig::Refused { .. }
        )
    }
}

/// A warning for a port and `security` that rarely go together (465 is
/// implicit TLS, 587 STARTTLS): said by `setup` before it writes them.
pub fn port_warning(port: u16, security: Security) -> Option<String> {
    match (port, security) {
        (465, Security::StartTls) => Some(t!("smtp-port-465-starttls")),
        (587, Security::Tls) => Some(t!("smtp-port-587-tls")),
        _ => None,
    }
}

/// How connecting failed.
pub(crate) enum ConnectFailure {
    /// The deadline passed in this phase.
    TimedOut(Phase),
    /// lettre's error.
    Failed(lettre::transport::smtp::Error),
}

/// A connection made, with the keywords of its EHLO reply when they could
/// be read (see [`super::extensions`]).
pub(crate) struct Connected {
    pub(crate) conn: SmtpConnection,
    pub(crate) extensions: Option<Vec<String>>,
}

/// The TCP connection, greeting and first EHLO (with implicit TLS also the
/// handshake), under one deadline of `timeout`. The watchdog then guards
/// the new connection for the rest of the session.
pub(crate) fn connect(
    settings: &Settings,
    addresses: &[SocketAddr],
    hello: &ClientId,
    implicit: Option<&TlsParameters>,
) -> (Watchdog, Result<Connected, ConnectFailure>) {
    let watchdog = Watchdog::for_new_connection(addresses, deadline::connecting());
    watchdog.arm(settings.command_timeout);
    let (result, extensions) = super::extensions::during(|| {
        SmtpConnection::connect(
            addresses,
            Some(settings.command_timeout),
            hello,
            implicit,
            None,
        )
    });
    let timed_out = watchdog.disarm();
    watchdog.adopt_new_socket();
    let result = match result {
        _ if timed_out => Err(ConnectFailure::TimedOut(if watchdog.had_connection() {
            Phase::Greeting
        } else {
            Phase::Connecting
        })),
        Ok(conn) => Ok(Connected { conn, extensions }),
        Err(e) => Err(match io_kind(&e) {
            // Socket timeouts where the watchdog has no socket (not Linux).
            Some(std::io::ErrorKind::TimedOut) => ConnectFailure::TimedOut(Phase::Connecting),
            Some(std::io::ErrorKind::WouldBlock) => ConnectFailure::TimedOut(Phase::Greeting),
            _ => ConnectFailure::Failed(e),
        }),
    };
    (watchdog, result)
}

/// What a failed [`connect`] means. A greeting that never came may mean
/// the port wants TLS from the first byte: that is tried once, so the
/// message can name the setting instead of a timeout.
pub(crate) fn connect_failure(
    settings: &Settings,
    addresses: &[SocketAddr],
    failure: ConnectFailure,
) -> SmtpError {
    let server = settings.server();
    match failure {
        ConnectFailure::TimedOut(Phase::Greeting)
            if settings.security != Security::Tls && speaks_implicit_tls(settings, addresses) =>
        {
            SmtpError::Misconfigured(Misconfig::PlainOnTlsPort {
                server,
                configured: match settings.security {
                    Security::None => "none",
                    _ => "starttls",
                },
            })
        }
        ConnectFailure::TimedOut(Phase::Greeting)
            if answers_other_protocol(settings, addresses) =>
        {
            SmtpError::Misconfigured(Misconfig::NotSmtp { server })
        }
        ConnectFailure::TimedOut(phase) => SmtpError::Connect(format!(
            "{server}: {}",
            no_answer(settings.command_timeout, phase)
        )),
        ConnectFailure::Failed(e) => super::untrusted(settings, addresses, &e)
            .unwrap_or_else(|| classify_connect(settings, e)),
    }
}

/// Whether the server completes a TLS handshake and greets over it: the
/// probe behind [`Misconfig::PlainOnTlsPort`], under the same deadline.
fn speaks_implicit_tls(settings: &Settings, addresses: &[SocketAddr]) -> bool {
    let Ok(tls) = tls_parameters(settings) else {
        return false;
    };
    let hello = ClientId::Domain(settings.hello_domain.clone());
    let (watchdog, result) = connect(settings, addresses, &hello, Some(&tls));
    match result {
        Ok(mut connected) => {
            watchdog.arm(settings.command_timeout);
            let _ = connected.conn.quit();
            watchdog.disarm();
            true
        }
        // A certificate the system does not trust still proves TLS (rustls
        // reports it inside an I/O error, which lettre does not count as
        // a TLS error).
        Err(ConnectFailure::Failed(e)) => {
            (e.is_tls() || super::pin::distrust_of(&e, &settings.host).is_some())
                && !is_plain_text_answer(&e)
        }
        Err(ConnectFailure::TimedOut(_)) => false,
    }
}

/// Whether a server that sent no greeting answers an `EHLO` with
/// something other than SMTP: a web server waits for a request and then
/// says `HTTP/1.1 400 …`, a TLS server sends an alert. Silence, or an
/// SMTP reply, is not enough to say so. Within `timeout`.
fn answers_other_protocol(settings: &Settings, addresses: &[SocketAddr]) -> bool {
    use std::io::{Read, Write};
    use std::time::Instant;
    let limit = settings.command_timeout;
    let until = Instant::now() + limit;
    // Holding the turn to connect, so that no session being opened
    // meanwhile takes this connection for its own.
    let _turn = deadline::connecting();
    let Some(mut stream) = addresses
        .iter()
        .find_map(|a| std::net::TcpStream::connect_timeout(a, limit).ok())
    else {
        return false;
    };
    let _ = stream.set_write_timeout(Some(limit));
    if stream
        .write_all(format!("EHLO {}\r\n", settings.hello_domain).as_bytes())
        .is_err()
    {
        return false;
    }
    let mut answer = Vec::new();
    let mut chunk = [0u8; 256];
    while answer.len() < 4 {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            break;
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
        }
    }
    let _ = stream.shutdown(std::net::Shutdown::Both);
    !answer.is_empty() && !looks_like_smtp(&answer)
}

/// Whether bytes start like an SMTP reply: three digits, then a space, a
/// hyphen or the line's end.
fn looks_like_smtp(answer: &[u8]) -> bool {
    let digits = answer
        .iter()
        .take(3)
        .take_while(|b| b.is_ascii_digit())
        .count();
    digits == answer.len().min(3)
        && answer
            .get(3)
            .is_none_or(|b| matches!(b, b' ' | b'-' | b'\r' | b'\n'))
}

/// Whether a TLS error means the server answered in plain text (rustls:
/// "received corrupt message of type InvalidContentType").
fn is_plain_text_answer(e: &lettre::transport::smtp::Error) -> bool {
    plain(e).contains("InvalidContentType")
}

/// A failure of lettre's connect in our terms.
fn classify_connect(settings: &Settings, e: lettre::transport::smtp::Error) -> SmtpError {
    let server = settings.server();
    let text = plain(&e);
    if io_kind(&e) == Some(std::io::ErrorKind::ConnectionRefused) {
        SmtpError::Misconfigured(Misconfig::Refused { server })
    } else if is_plain_text_answer(&e) && settings.security == Security::Tls {
        SmtpError::Misconfigured(Misconfig::TlsOnPlainPort { server })
    } else if e.is_tls() || text.contains("certificate") || text.contains("InvalidCertificate") {
        SmtpError::Tls(format!("{server}: {text}"))
    } else if e.status().is_some() {
        match super::classify_reply(&e) {
            SmtpError::Refused(r) | SmtpError::Temporary(r) => {
                SmtpError::Connect(format!("{server} answered {r}"))
            }
            other => other,
        }
    // i18n: not shown (lettre's error text, matched)
    } else if e.is_response() && !text.contains("incomplete response") {
        // lettre could not parse the greeting (or the EHLO reply) as SMTP.
        SmtpError::Misconfigured(Misconfig::NotSmtp { server })
    } else {
        SmtpError::Connect(format!("{server}: {text}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_replies_are_told_from_other_protocols() {
        assert!(looks_like_smtp(b"220 mail.example.org ESMTP"));
        assert!(looks_like_smtp(b"250-"));
        assert!(looks_like_smtp(b"55"));
        assert!(!looks_like_smtp(b"HTTP/1.1 400 Bad Request"));
        assert!(!looks_like_smtp(b"* OK IMAP4rev1"));
        assert!(!looks_like_smtp(&[0x15, 0x03, 0x03, 0x00, 0x02]));
        assert!(!looks_like_smtp(b"2200"));
    }

    #[test]
    fn in_german_the_deadline_and_the_certificate_read_as_german() {
        use crate::i18n::{message_in, Lang};
        use fluent_bundle::FluentValue;
        assert_eq!(
            message_in(
                Lang::De,
                "smtp-no-answer",
                &[
                    ("seconds", FluentValue::from(1.5)),
                    ("phase", FluentValue::from("login"))
                ]
            ),
            "Keine Antwort vom Mailserver innerhalb von 1,5 s bei der Anmeldung"
        );
        let field = |name: &'static str, value: &'static str| (name, FluentValue::from(value));
        assert_eq!(
            message_in(
                Lang::De,
                "pin-untrusted",
                &[
                    field("server", "127.0.0.1:465"),
                    field("why", "self-signed"),
                    field("host", ""),
                    field("subject", "CN=localhost"),
                    field("issuer", "CN=localhost"),
                    field("validity", "2026-11-27 bis 2027-11-27"),
                    field("fingerprint", "sha256:AB"),
                ]
            ),
            "Dem Zertifikat von `127.0.0.1:465` wird nicht vertraut: Es ist selbst unterschrieben, also bürgt keine Stelle dafür, der dieser Rechner vertraut\n  \
             Inhaber:       CN=localhost\n  \
             Aussteller:    CN=localhost\n  \
             gültig:        2026-11-27 bis 2027-11-27\n  \
             Fingerabdruck: sha256:AB"
        );
    }

    #[test]
    fn a_passed_deadline_names_the_step_and_the_seconds() {
        assert_eq!(
            no_answer(Duration::from_secs(2), Phase::Greeting),
            "no answer from the server within 2 s while waiting for the greeting"
        );
        assert_eq!(
            no_answer(Duration::from_millis(1500), Phase::LoggingIn),
            "no answer from the server within 1.5 s while logging in"
        );
    }
}
