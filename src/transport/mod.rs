//! The only module that touches the network: one SMTP session to the
//! user's own server, driven step by step on lettre's synchronous client.
//!
//! lettre's high-level `send` hides which step failed; for the journal we
//! must know whether the server could have accepted a message (the data and
//! final dot were sent) or certainly did not. So this module issues MAIL,
//! RCPT and DATA itself and classifies every failure into a [`SmtpError`]
//! the caller can branch on. When the server offers PIPELINING (RFC 2920),
//! a letter's message and final dot go out in one write with the next
//! letter's envelope, or with QUIT ([`Then`]): one round trip per letter.
//! lettre's connection can write any text as a "command" and read replies
//! one by one, so the message is dot-stuffed here ([`dot_stuffed`]) for
//! that one write. Security rules live here too: STARTTLS is
//! required unless implicit TLS is chosen, unencrypted connections only to
//! loopback, and AUTH never over an unencrypted connection.
//!
//! Its parts: `connect` makes the connection and says which setting is
//! wrong when that fails ([`Misconfig`]); `deadline` bounds every step as a
//! whole (`timeout`, `data_timeout`), however slowly the bytes arrive;
//! `extensions` reads the server's extension list from the EHLO lettre
//! sends anyway, so that no EHLO is sent twice; `pin` trusts a certificate
//! by its fingerprint (`tls_fingerprint`) and describes one that is not
//! trusted.

use std::net::IpAddr;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{
    Certificate, CertificateStore, SmtpConnection, TlsParameters,
};
use lettre::transport::smtp::commands::{Data, Ehlo, Mail, Rcpt, Rset};
use lettre::transport::smtp::extension::{
    ClientId, Extension, MailBodyParameter, MailParameter, ServerInfo,
};
use lettre::transport::smtp::response::Response;
use lettre::Address;
use secrecy::{ExposeSecret, SecretString};

use crate::config::{Auth, Security, SmtpConfig};
use crate::t;

mod connect;
mod deadline;
mod extensions;

use connect::{connect, connect_failure, no_answer, Phase};
pub use connect::{port_warning, Misconfig};
use deadline::Watchdog;
pub use pin::{Distrust, Fingerprint, Untrusted};

/// With -v, one line of the SMTP dialogue on stderr. A macro, so that
/// nothing is formatted on the send path unless it is shown.
macro_rules! log {
    ($settings:expr, $($arg:tt)*) => {
        if $settings.verbose {
            eprintln!("smtp: {}", format_args!($($arg)*));
        }
    };
}

// After the macro, which they use.
mod oauth2;
mod pin;
pub use oauth2::token_hint;
use pin::{check_pin, untrusted};

/// Default time allowed to connect and for each command's reply.
pub const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
/// Default wait for the reply after the message data (RFC 5321 suggests 10
/// minutes; servers that scan mail can be slow).
pub const DATA_TIMEOUT: Duration = Duration::from_secs(300);

/// Everything needed to open a session.
#[derive(Clone)]
pub struct Settings {
    /// Server host name, as on its certificate.
    pub host: String,
    /// Server port.
    pub port: u16,
    /// How the connection is encrypted.
    pub security: Security,
    /// Login; None means no AUTH.
    pub username: Option<String>,
    /// The password (or with `auth = "xoauth2"` the access token), held
    /// only in memory.
    pub password: Option<SecretString>,
    /// How to log in: AUTH PLAIN/LOGIN with the password, or XOAUTH2.
    pub auth: Auth,
    /// An extra trusted root certificate (PEM file).
    pub ca_file: Option<PathBuf>,
    /// `tls_fingerprint`: when set, exactly these certificates are trusted
    /// (see the `pin` module), and `ca_file` is not used.
    pub tls_fingerprints: Vec<String>,
    /// Our EHLO name: the sender address's domain, never the host name.
    pub hello_domain: String,
    /// Connect and command timeout.
    pub command_timeout: Duration,
    /// Wait for the reply after the final dot.
    pub data_timeout: Duration,
    /// Print the SMTP dialogue (AUTH redacted) on stderr.
    pub verbose: bool,
}

impl Settings {
    /// Settings from the `[smtp]` configuration.
    pub fn from_config(smtp: &SmtpConfig, hello_domain: &str, verbose: bool) -> Settings {
        Settings {
            host: smtp.host.trim().to_string(),
            port: smtp.port(),
            security: smtp.security,
            username: smtp.username.clone().filter(|u| !u.is_empty()),
            password: None,
            auth: smtp.auth,
            ca_file: smtp.ca_file.clone(),
            tls_fingerprints: smtp.tls_fingerprint.list(),
            hello_domain: hello_domain.to_string(),
            command_timeout: smtp
                .timeout
                .map_or(COMMAND_TIMEOUT, Duration::from_secs_f64),
            data_timeout: smtp
                .data_timeout
                .map_or(DATA_TIMEOUT, Duration::from_secs_f64),
            verbose,
        }
    }

    /// `host:port`, for messages.
    pub fn server(&self) -> String {
        format!("{}:{}", self.host, self.port)
    }

    /// Refuses settings that would be unsafe before any connection is made:
    /// `security = "none"` to anything but loopback.
    pub fn check(&self) -> Result<(), SmtpError> {
        self.check_unencrypted()?;
        if self.security != Security::None {
            // A bad `ca_file` or pin is a configuration error: say so now,
            // not after the summary when the first connection is made.
            if self.tls_fingerprints.is_empty() {
                extra_root(self)?;
            } else {
                pin::parse_all(&self.tls_fingerprints).map_err(SmtpError::Setup)?;
            }
        }
        Ok(())
    }

    /// Starts reading the system's trust store on a thread of its own, so
    /// that a run which is going to connect has it by the time it does:
    /// reading and parsing it takes several milliseconds (a file and a
    /// folder of a few hundred certificates), which would otherwise come
    /// before the first connection. Nothing when no store is needed
    /// (unencrypted, or a pinned certificate).
    pub fn read_trust_store_ahead(&self) {
        if self.security == Security::None || !self.tls_fingerprints.is_empty() {
            return;
        }
        let settings = self.clone();
        let _ = std::thread::Builder::new()
            .name("appeal-trust-store".into())
            .spawn(move || {
                system_roots(&settings);
            });
    }

    /// `security = "none"` is for this machine only.
    fn check_unencrypted(&self) -> Result<(), SmtpError> {
        if self.security == Security::None && !is_loopback(&self.host) {
            return Err(SmtpError::Setup(t!(
                "smtp-none-remote",
                host = self.host.as_str()
            )));
        }
        Ok(())
    }
}

/// The server's addresses. Unencrypted connections go to loopback
/// addresses only: `localhost` is trusted for what it resolves to, not for
/// its name (a resolver that asks DNS could send letters elsewhere).
fn resolve(settings: &Settings) -> Result<Vec<std::net::SocketAddr>, SmtpError> {
    use std::net::ToSocketAddrs;
    let host = settings.host.trim_start_matches('[').trim_end_matches(']');
    let addresses: Vec<_> = (host, settings.port)
        .to_socket_addrs()
        .map_err(|e| unresolved(settings, &e))?
        .collect();
    if settings.security == Security::None {
        if let Some(outside) = addresses.iter().find(|a| !a.ip().is_loopback()) {
            return Err(SmtpError::Setup(t!(
                "smtp-none-resolves-elsewhere",
                host = settings.host.as_str(),
                ip = outside.ip().to_string()
            )));
        }
    }
    Ok(addresses)
}

/// A name that did not resolve: a wrong `host`, unless the resolver says
/// its failure is temporary (no DNS server reachable right now).
fn unresolved(settings: &Settings, e: &std::io::Error) -> SmtpError {
    let reason = crate::i18n::io_error(e);
    // i18n: not shown (the resolver's error text, matched)
    if reason.contains("Temporary failure") || reason.contains("try again") {
        return SmtpError::Connect(format!("{}: {reason}", settings.server()));
    }
    let reason = reason
        // i18n: not shown (the resolver's error text, matched)
        .strip_prefix("failed to lookup address information: ")
        .unwrap_or(&reason)
        .to_lowercase();
    SmtpError::Misconfigured(Misconfig::UnknownHost {
        host: settings.host.clone(),
        reason,
    })
}

/// Ends a session that failed while opening: QUIT if the connection still
/// takes it, within `timeout`, then close.
fn abort(conn: &mut SmtpConnection, watchdog: &Watchdog, settings: &Settings) {
    watchdog.arm(settings.command_timeout);
    conn.abort();
    watchdog.disarm();
}

/// Whether a host name points at this machine without leaving it.
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || IpAddr::from_str(host).is_ok_and(|ip| ip.is_loopback())
}

/// A server's reply: code and text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit code.
    pub code: u16,
    /// The text, lines joined by spaces.
    pub text: String,
}

impl std::fmt::Display for Reply {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.code, self.text)
    }
}

impl Reply {
    fn from_response(r: &Response) -> Reply {
        Reply {
            code: r.code().to_string().parse().unwrap_or(0),
            text: r.message().collect::<Vec<_>>().join(" "),
        }
    }
}

/// A message with SMTP's transparency (RFC 5321 4.5.2): a line that
/// starts with a dot gets another, so that only the final `.` line ends
/// it. Lines end in CRLF, as lettre formats messages (and as its own
/// encoder counts them).
fn dot_stuffed(message: &str) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    if message.starts_with('.') {
        out.push('.');
    }
    let mut rest = message;
    while let Some(i) = rest.find("\r\n.") {
        out.push_str(&rest[..i + 3]);
        out.push('.');
        rest = &rest[i + 3..];
    }
    out.push_str(rest);
    out
}

/// A message without the CRLF that ends its last line: the end-of-data
/// sequence CRLF . CRLF supplies it.
fn without_final_line_end(message: &[u8]) -> &[u8] {
    message.strip_suffix(b"\r\n").unwrap_or(message)
}

/// The refusal of a letter whose address has a non-ASCII local part when
/// the server does not offer SMTPUTF8 (RFC 6531): nothing is sent, and the
/// reply is the one RFC 6531 §3.6.1 has such a server give.
fn needs_smtputf8(from: &Address, to: &Address) -> Reply {
    let address = if from.user().is_ascii() { to } else { from };
    Reply {
        code: 553,
        text: format!(
            // i18n: not shown in translation (a server-style reply, recorded in the journal as the letter's reply)
            "5.6.7 not sent: the address `{address}` needs SMTPUTF8, which this server does not offer"
        ),
    }
}

/// How a step failed, in the classes the sending logic branches on.
#[derive(Debug, thiserror::Error)]
pub enum SmtpError {
    /// 5xx: refused for good; do not retry.
    #[error("{}", t!("smtp-refused", reply = .0.to_string()))]
    Refused(Reply),
    /// 4xx: try again later.
    #[error("{}", t!("smtp-temporary", reply = .0.to_string()))]
    Temporary(Reply),
    /// The connection broke before the message was complete: certainly not
    /// delivered, safe to retry.
    #[error("{}", t!("smtp-dropped", reason = .0.as_str()))]
    Dropped(String),
    /// The connection broke or timed out after the whole message was sent:
    /// the server may or may not have accepted it.
    #[error("{}", t!("smtp-uncertain", reason = .0.as_str()))]
    Uncertain(String),
    /// The server refused the login; retrying cannot help.
    #[error("{}", t!("run-auth-failed", reason = .0.as_str()))]
    Auth(String),
    /// The server refused the OAuth2 access token (expired, or without the
    /// permission to send mail); see [`token_hint`].
    #[error("{}", t!("run-auth-failed", reason = .0.as_str()))]
    TokenRefused(String),
    /// Encryption could not be set up or the certificate is not trusted.
    #[error("{}", t!("run-tls-failed", reason = .0.as_str()))]
    Tls(String),
    /// No connection could be made.
    #[error("{}", t!("run-cannot-connect", reason = .0.as_str()))]
    Connect(String),
    /// The settings are unsafe or wrong; nothing was sent.
    #[error("{0}")]
    Setup(String),
    /// The caller's `before_data` failed after the server's 354: nothing
    /// of the message was sent, and the connection was closed.
    #[error("{0}")]
    Withheld(String),
    /// A setting does not fit the server (wrong host, port or `security`);
    /// nothing was sent. See [`Misconfig::hint`].
    #[error("{0}")]
    Misconfigured(Misconfig),
    /// The server's certificate is not trusted (or not the pinned one);
    /// nothing was sent, no password either. See [`Untrusted::hint`].
    #[error("{0}")]
    Untrusted(Box<Untrusted>),
}

impl SmtpError {
    /// What to do about a failure to open a session, where a setting is
    /// the likely cause: said by `check` and `setup`.
    pub fn hint(&self) -> Option<String> {
        match self {
            SmtpError::Auth(_) => Some(t!("smtp-auth-hint")),
            SmtpError::Tls(_) => Some(t!("run-tls-failed-hint")),
            SmtpError::Misconfigured(m) => Some(m.hint()),
            SmtpError::Untrusted(u) => Some(u.hint()),
            SmtpError::TokenRefused(_) => Some(token_hint()),
            _ => None,
        }
    }

    /// Whether the connection can no longer be used.
    pub fn breaks_connection(&self) -> bool {
        match self {
            SmtpError::Temporary(r) | SmtpError::Refused(r) => r.code == 421,
            _ => true,
        }
    }
}

/// What the session learned while opening, for `check`.
#[derive(Clone, Debug, Default)]
pub struct SessionInfo {
    /// The server's EHLO name.
    pub server_name: String,
    /// `STARTTLS` or `implicit TLS`, when encrypted.
    pub tls_mode: Option<&'static str>,
    /// The login used, when AUTH succeeded.
    pub authenticated_as: Option<String>,
    /// Whether the server offers PIPELINING (RFC 2920), so that MAIL, RCPT
    /// and DATA go out together.
    pub pipelining: bool,
    /// The pinned fingerprint the server's certificate matched, when the
    /// certificate was trusted by `tls_fingerprint`.
    pub pinned: Option<Fingerprint>,
}

/// An open SMTP session: encrypted and logged in, ready for letters.
pub struct Session {
    conn: SmtpConnection,
    /// Bounds each step (connecting, a reply, the data) as a whole.
    watchdog: Watchdog,
    settings: Settings,
    /// What was negotiated.
    pub info: SessionInfo,
    /// The connection can carry no further command: the server waits for
    /// message data we will not send (anything written would become part of
    /// the message), or a reply was lost so replies would no longer match
    /// commands. Such a session is only closed, without QUIT.
    unusable: bool,
    /// The next letter's envelope, sent with the last letter's final dot
    /// (RFC 2920), and how the server answered it. `Ok`: the server said
    /// 354 and waits for that letter's message.
    staged: Option<Staged>,
    /// QUIT went out with the last letter's final dot: the connection
    /// carries no further letter, and only the 221 is left to read.
    quit_sent: bool,
}

/// What goes out in the same write as a letter's final dot, when the
/// server offers PIPELINING (RFC 2920: message content may be the first
/// "command" of a group): each saves a round trip.
#[derive(Debug)]
pub enum Then {
    /// Nothing: the dot's reply is waited for alone (the next letter must
    /// wait for its pace, or the run is stopping).
    Wait,
    /// The next letter's MAIL, RCPT and DATA. Its `data` record must be
    /// written before this is returned.
    Envelope(Envelope),
    /// QUIT: no letter follows on this connection.
    Quit,
}

/// A letter's envelope, for [`Then::Envelope`].
#[derive(Clone, Debug)]
pub struct Envelope {
    /// The sender's address (MAIL FROM).
    pub from: Address,
    /// The recipient's address (RCPT TO).
    pub to: Address,
    /// Whether the message is 7-bit (else it is announced as 8BITMIME).
    pub ascii: bool,
}

/// A letter whose envelope went out with the previous letter's dot.
struct Staged {
    from: Address,
    to: Address,
    /// The envelope's outcome: Ok when the server waits for the message;
    /// None while its replies are still to be read (they are read when
    /// that letter is sent, so that the letter before is recorded first).
    result: Option<Result<(), SmtpError>>,
}

impl Session {
    /// Connects, encrypts and logs in, as the settings say.
    pub fn open(settings: &Settings) -> Result<Session, SmtpError> {
        // The TLS settings (`ca_file`) are built per connection, here; the
        // system's roots are read once per run (see `system_roots`).
        settings.check_unencrypted()?;
        let hello = ClientId::Domain(settings.hello_domain.clone());
        let tls = match settings.security {
            Security::None => None,
            _ => Some(tls_parameters(settings)?),
        };
        let implicit = if settings.security == Security::Tls {
            tls.as_ref()
        } else {
            None
        };
        // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
        log!(settings, "connecting to {}", settings.server());
        let addresses = resolve(settings)?;
        let (watchdog, connected) = connect(settings, &addresses, &hello, implicit);
        let (mut conn, mut extensions) = match connected {
            Ok(connected) => (connected.conn, connected.extensions),
            Err(failure) => return Err(connect_failure(settings, &addresses, failure)),
        };
        watchdog.disable_nagle();
        log!(settings, "> EHLO {}", settings.hello_domain);
        log!(settings, "< {}", offered(conn.server_info()));
        let mut info = SessionInfo {
            server_name: conn.server_info().name().to_string(),
            tls_mode: implicit.map(|_| "implicit TLS"),
            authenticated_as: None,
            pipelining: false,
            pinned: None,
        };
        if implicit.is_some() {
            info.pinned = check_pin(&mut conn, &watchdog, settings)?;
        }
        if settings.security == Security::StartTls {
            // i18n: not shown (a panic message for a bug)
            let tls = tls.as_ref().expect("built above");
            if !conn.server_info().supports_feature(Extension::StartTls) {
                abort(&mut conn, &watchdog, settings);
                return Err(SmtpError::Tls(t!(
                    "smtp-no-starttls",
                    server = settings.server()
                )));
            }
            log!(settings, "> STARTTLS");
            watchdog.arm(settings.command_timeout);
            // The extensions offered before TLS no longer count: those of
            // lettre's EHLO after it do.
            let (started, after_tls) = extensions::during(|| conn.starttls(tls, &hello));
            extensions = after_tls;
            if watchdog.disarm() {
                return Err(SmtpError::Connect(format!(
                    "{}: {}",
                    settings.server(),
                    no_answer(settings.command_timeout, Phase::StartingTls)
                )));
            }
            started.map_err(|e| {
                untrusted(settings, &addresses, &e)
                    .unwrap_or_else(|| classify_tls(&settings.server(), e))
            })?;
            // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
            log!(settings, "(connection encrypted)");
            info.pinned = check_pin(&mut conn, &watchdog, settings)?;
            log!(settings, "> EHLO {}", settings.hello_domain);
            log!(settings, "< {}", offered(conn.server_info()));
            info.tls_mode = Some("STARTTLS");
        }
        info.pipelining = match extensions {
            Some(keywords) => {
                let offered = keywords.iter().any(|k| k == "PIPELINING");
                log!(settings, "< (extensions: {})", keywords.join(" "));
                log!(
                    settings,
                    "< PIPELINING {}",
                    // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
                    if offered { "offered" } else { "not offered" }
                );
                offered
            }
            None => offers_pipelining(&mut conn, &watchdog, settings, &hello)?,
        };
        if let Some(user) = &settings.username {
            authenticate(&mut conn, &watchdog, settings, user)?;
            info.authenticated_as = Some(user.clone());
        }
        // Deadlines come from the watchdog; the socket's own timeout is
        // only a bound where it cannot find the socket (not Linux).
        let socket_timeout = settings.command_timeout.max(settings.data_timeout);
        let _ = conn.set_timeout(Some(socket_timeout));
        Ok(Session {
            conn,
            watchdog,
            settings: settings.clone(),
            info,
            unusable: false,
            staged: None,
            quit_sent: false,
        })
    }

    /// Sends one message in its own transaction. `before_data` runs after
    /// the server accepted DATA and before any of the message is sent: the
    /// caller waits there for its journal record to be on disk (and may use
    /// the wait). If it fails, nothing is sent ([`SmtpError::Withheld`]).
    /// `then` is asked, when the server offers PIPELINING, what goes out
    /// with the final dot (see [`Then`]); a next letter's envelope sent so
    /// is answered when that letter is sent with this session.
    /// After any error that leaves the connection dead or out of step, the
    /// session is unusable (see [`Session::is_unusable`]): the one place
    /// that decides whether a connection may carry the next letter.
    pub fn send(
        &mut self,
        from: &Address,
        to: &Address,
        message: &[u8],
        before_data: &mut dyn FnMut() -> std::io::Result<()>,
        then: &mut dyn FnMut() -> Then,
    ) -> Result<Reply, SmtpError> {
        if self.unusable || self.quit_sent {
            return Err(SmtpError::Dropped(t!("smtp-connection-closed")));
        }
        let result = self.transaction(from, to, message, before_data, then);
        if result.as_ref().is_err_and(SmtpError::breaks_connection) {
            self.unusable = true;
        }
        result
    }

    /// MAIL and RCPT for a letter, with the parameters it needs; refused
    /// without sending anything when it needs SMTPUTF8 and the server does
    /// not offer it.
    fn envelope(
        &self,
        from: &Address,
        to: &Address,
        ascii: bool,
    ) -> Result<(Mail, Rcpt), SmtpError> {
        let mut params = Vec::new();
        let info = self.conn.server_info();
        if !(from.user().is_ascii() && to.user().is_ascii()) {
            // A non-ASCII local part (domains are punycode by now).
            if !info.supports_feature(Extension::SmtpUtfEight) {
                return Err(SmtpError::Refused(needs_smtputf8(from, to)));
            }
            params.push(MailParameter::SmtpUtfEight);
        }
        if !ascii && info.supports_feature(Extension::EightBitMime) {
            params.push(MailParameter::Body(MailBodyParameter::EightBitMime));
        }
        Ok((
            Mail::new(Some(from.clone()), params),
            Rcpt::new(to.clone(), vec![]),
        ))
    }

    /// This letter's envelope: already answered when it went out with the
    /// last letter's dot, else sent now.
    fn open_transaction(
        &mut self,
        from: &Address,
        to: &Address,
        message: &[u8],
    ) -> Result<(), SmtpError> {
        match self.staged.take() {
            Some(staged) if staged.from == *from && staged.to == *to => {
                return match staged.result {
                    Some(result) => result,
                    None => self.envelope_replies(None),
                }
            }
            // Another letter than the one staged (a retry of the last
            // one): the server waits (or may wait) for the staged letter's
            // message, so only a new connection can carry this one.
            Some(staged) if !staged.result.as_ref().is_some_and(|r| r.is_err()) => {
                self.unusable = true;
                return Err(SmtpError::Dropped(t!("smtp-connection-closed")));
            }
            // A staged envelope that was refused: the connection is free.
            Some(_) | None => {}
        }
        let (mail, rcpt) = self.envelope(from, to, message.is_ascii())?;
        if self.info.pipelining {
            self.envelope_pipelined(mail, rcpt)
        } else {
            self.step(mail)?;
            self.step(rcpt)?;
            self.step(Data).map(|_| ())
        }
    }

    fn transaction(
        &mut self,
        from: &Address,
        to: &Address,
        message: &[u8],
        before_data: &mut dyn FnMut() -> std::io::Result<()>,
        then: &mut dyn FnMut() -> Then,
    ) -> Result<Reply, SmtpError> {
        self.open_transaction(from, to, message)?;
        if let Err(e) = before_data() {
            // After the 354 an RSET would be read as message data; closing
            // the connection without the final dot discards the message.
            log!(
                &self.settings,
                // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
                "(closing the connection: the message will not be sent)"
            );
            return Err(SmtpError::Withheld(t!(
                "run-cannot-record",
                error = crate::i18n::error_text(&e)
            )));
        }
        // The data ends with CRLF . CRLF, whose first CRLF ends the
        // message's last line (RFC 5321 4.1.1.4): the message's own is left
        // out, or every letter would arrive with a blank line added.
        let message = without_final_line_end(message);
        // Pipelined, the dot goes out with what follows it. (The message
        // is formatted by lettre as text; anything else goes the old way.)
        if let (true, Ok(text)) = (self.info.pipelining, std::str::from_utf8(message)) {
            let next = then();
            if !matches!(next, Then::Wait) {
                return self.dot_pipelined(text, next);
            }
        }
        log!(&self.settings, "> (message, {} bytes) .", message.len());
        // lettre writes the message, then the final dot, then reads the
        // answer. The iterator learns when the message itself was written:
        // a failure before that cannot have delivered anything.
        let body_written = std::cell::Cell::new(false);
        let parts = std::iter::once(message).chain(std::iter::from_fn(|| {
            body_written.set(true);
            None
        }));
        self.watchdog.arm(self.settings.data_timeout);
        let result = self.conn.message_iter(parts);
        let timed_out = self.watchdog.disarm();
        // Broken or silent before the whole message was written: certainly
        // not delivered. After: the server may have accepted it.
        let lost = if body_written.get() {
            SmtpError::Uncertain
        } else {
            SmtpError::Dropped
        };
        self.answer(result, timed_out, self.settings.data_timeout, lost)
    }

    /// One command before the data; on a negative reply the transaction is
    /// reset so the connection can carry the next letter.
    fn step<C: std::fmt::Display>(&mut self, command: C) -> Result<Reply, SmtpError> {
        log!(&self.settings, "> {}", command.to_string().trim_end());
        let answer = self.exchange(command, self.settings.command_timeout);
        if answer.as_ref().is_err_and(|e| !e.breaks_connection()) {
            self.reset();
        }
        answer
    }

    /// Writes one command and reads its reply, allowing `limit` for it; a
    /// broken or silent connection is `Dropped` (nothing of a message was
    /// sent by a command).
    fn exchange<C: std::fmt::Display>(
        &mut self,
        command: C,
        limit: Duration,
    ) -> Result<Reply, SmtpError> {
        self.watchdog.arm(limit);
        let result = self.conn.command(command);
        let timed_out = self.watchdog.disarm();
        self.answer(result, timed_out, limit, SmtpError::Dropped)
    }

    /// MAIL, RCPT and DATA in one write, then their three replies (RFC
    /// 2920): one round trip instead of three. The first refusal is the
    /// letter's outcome (a 4xx at MAIL makes the server answer 503 to the
    /// rest, which must not turn a temporary failure into a refusal).
    fn envelope_pipelined(&mut self, mail: Mail, rcpt: Rcpt) -> Result<(), SmtpError> {
        let group = format!("{mail}{rcpt}{Data}");
        for line in group.lines() {
            log!(&self.settings, "> {line}");
        }
        self.envelope_replies(Some(&group))
    }

    /// The replies to MAIL, RCPT and DATA, after writing them (`group`)
    /// or when they went out already (with the last letter's dot).
    fn envelope_replies(&mut self, group: Option<&str>) -> Result<(), SmtpError> {
        let limit = self.settings.command_timeout;
        let mut first_error = None;
        for reply in 0..3 {
            // Each reply as a whole within `timeout` (the first with the
            // writing of the three commands).
            self.watchdog.arm(limit);
            let result = match (reply, group) {
                (0, Some(group)) => self.conn.command(group),
                _ => self.conn.read_response(),
            };
            let timed_out = self.watchdog.disarm();
            match self.answer(result, timed_out, limit, SmtpError::Dropped) {
                Ok(_) if reply == 2 && first_error.is_some() => {
                    // A server that said 354 although the envelope failed
                    // waits for message data: a final dot would let a
                    // lenient server store an empty message. Only closing
                    // the connection without it discards the transaction.
                    log!(
                        &self.settings,
                        // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
                        "(closing the connection: no letter after a refused envelope)"
                    );
                    self.unusable = true;
                    // i18n: not shown (a panic message for a bug)
                    return Err(first_error.expect("checked above"));
                }
                Ok(_) => {}
                Err(e) if e.breaks_connection() => {
                    // The letter's outcome is the first failure; the
                    // connection is lost either way.
                    self.unusable = true;
                    return Err(first_error.unwrap_or(e));
                }
                Err(e) => {
                    first_error.get_or_insert(e);
                }
            }
        }
        match first_error {
            Some(e) => {
                self.reset();
                Err(e)
            }
            None => Ok(()),
        }
    }

    /// The server's answer in our terms: a reply, a classified refusal, or
    /// `lost` (with the reason) when the connection broke or the whole
    /// answer did not come within `limit` (`timed_out`: the watchdog shut
    /// the connection down, so it can carry nothing more).
    fn answer(
        &mut self,
        result: Result<Response, lettre::transport::smtp::Error>,
        timed_out: bool,
        limit: Duration,
        lost: fn(String) -> SmtpError,
    ) -> Result<Reply, SmtpError> {
        if timed_out {
            self.unusable = true;
        }
        let answer = match result {
            Ok(response) => Ok(Reply::from_response(&response)),
            Err(e) => Err(match e.status() {
                Some(_) => classify_reply(&e),
                None if timed_out || is_timeout(&e) => lost(no_answer(limit, Phase::Sending)),
                None => lost(plain(&e)),
            }),
        };
        match &answer {
            Ok(reply) => log!(&self.settings, "< {reply}"),
            Err(err) => log!(&self.settings, "< {err}"),
        }
        answer
    }

    /// Ends a failed transaction. Without an answer the connection is out
    /// of step (a late reply would be taken for the next command's).
    fn reset(&mut self) {
        log!(&self.settings, "> RSET");
        let answer = self.exchange(Rset, self.settings.command_timeout);
        if answer.is_err_and(|e| e.breaks_connection()) {
            self.unusable = true;
        }
    }

    /// The message and its final dot in one write with what follows
    /// (`next`: the next letter's envelope, or QUIT), then the dot's reply,
    /// which is this letter's outcome; the replies to the envelope are read
    /// when that letter is sent. A connection lost or silent after
    /// this write leaves the letter uncertain (the dot may have arrived),
    /// and the next letter unsent: only its envelope went out. `text` comes
    /// without its last line end (see [`without_final_line_end`]).
    fn dot_pipelined(&mut self, text: &str, next: Then) -> Result<Reply, SmtpError> {
        let mut group = dot_stuffed(text);
        group.push_str("\r\n.\r\n");
        log!(&self.settings, "> (message, {} bytes) .", text.len());
        let mut staged = None;
        match next {
            Then::Envelope(e) => match self.envelope(&e.from, &e.to, e.ascii) {
                Ok((mail, rcpt)) => {
                    let commands = format!("{mail}{rcpt}{Data}");
                    for line in commands.lines() {
                        log!(&self.settings, "> {line}");
                    }
                    group.push_str(&commands);
                    staged = Some((e.from, e.to));
                }
                // Refused before anything was sent (SMTPUTF8).
                Err(refusal) => {
                    self.staged = Some(Staged {
                        from: e.from,
                        to: e.to,
                        result: Some(Err(refusal)),
                    })
                }
            },
            Then::Quit => {
                log!(&self.settings, "> QUIT");
                group.push_str("QUIT\r\n");
                self.quit_sent = true;
            }
            Then::Wait => {}
        }
        let limit = self.settings.data_timeout;
        self.watchdog.arm(limit);
        let result = self.conn.command(group.as_str());
        let timed_out = self.watchdog.disarm();
        let outcome = self.answer(result, timed_out, limit, SmtpError::Uncertain);
        if let Some((from, to)) = staged {
            // Its replies are read when it is sent: this letter's outcome
            // is recorded first. Lost with the connection, nothing of its
            // message was sent.
            let lost = outcome.as_ref().is_err_and(SmtpError::breaks_connection);
            let result = lost.then(|| Err(SmtpError::Dropped(t!("smtp-connection-lost"))));
            self.staged = Some(Staged { from, to, result });
        }
        outcome
    }

    /// Whether the connection must be closed rather than used again.
    pub fn is_unusable(&self) -> bool {
        self.unusable
    }

    /// Ends the session politely (or just closes it, when unusable).
    pub fn quit(mut self) {
        if self.quit_sent {
            // QUIT went with the last dot: its 221 follows that reply.
            self.watchdog.arm(self.settings.command_timeout);
            let _ = self.conn.read_response();
            self.watchdog.disarm();
            return;
        }
        let staged_open = self
            .staged
            .as_ref()
            .is_some_and(|s| !s.result.as_ref().is_some_and(|r| r.is_err()));
        if self.unusable || staged_open {
            // The server waits (or may wait) for a staged letter's message:
            // anything sent now would become part of it. Closing discards
            // it.
            return;
        }
        log!(&self.settings, "> QUIT");
        self.watchdog.arm(self.settings.command_timeout);
        let _ = self.conn.quit();
        self.watchdog.disarm();
    }
}

/// AUTH, refused over an unencrypted connection whatever the config says.
fn authenticate(
    conn: &mut SmtpConnection,
    watchdog: &Watchdog,
    settings: &Settings,
    user: &str,
) -> Result<(), SmtpError> {
    if !conn.is_encrypted() {
        abort(conn, watchdog, settings);
        return Err(SmtpError::Setup(t!("smtp-password-unencrypted")));
    }
    let password = settings
        .password
        .as_ref()
        .ok_or_else(|| SmtpError::Setup(t!("smtp-no-password")))?;
    if settings.auth == Auth::Xoauth2 {
        return oauth2::xoauth2(conn, watchdog, settings, user, password);
    }
    let credentials = Credentials::new(user.to_string(), password.expose_secret().to_string());
    log!(settings, "> AUTH [redacted]");
    watchdog.arm(settings.command_timeout);
    let answer = conn.auth(&[Mechanism::Plain, Mechanism::Login], &credentials);
    if watchdog.disarm() {
        return Err(SmtpError::Connect(format!(
            "{}: {}",
            settings.server(),
            no_answer(settings.command_timeout, Phase::LoggingIn)
        )));
    }
    match answer {
        Ok(response) => {
            log!(settings, "< {}", Reply::from_response(&response));
            Ok(())
        }
        Err(e) => {
            let reason = match e.status() {
                Some(_) => reply_text(&e),
                None => plain(&e),
            };
            log!(settings, "< {reason}");
            abort(conn, watchdog, settings);
            if e.is_transient() || connection_lost(&e) {
                // A 454 (say, a login rate limit) or a lost connection: the
                // login may well work later; not a reason to stop for good.
                return Err(SmtpError::Connect(t!(
                    "smtp-login-for-now",
                    server = settings.server(),
                    reason = reason.as_str()
                )));
            }
            Err(SmtpError::Auth(t!(
                "smtp-login-refused",
                user = user,
                reason = reason.as_str()
            )))
        }
    }
}

/// Whether the server offers PIPELINING. lettre keeps only the EHLO
/// extensions it knows, so this asks again (EHLO may be repeated at any
/// time, RFC 5321 4.1.4). A refusal only means no pipelining; no answer at
/// all means the connection is lost (a late reply would be taken for the
/// next command's).
fn offers_pipelining(
    conn: &mut SmtpConnection,
    watchdog: &Watchdog,
    settings: &Settings,
    hello: &ClientId,
) -> Result<bool, SmtpError> {
    log!(
        settings,
        // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
        "> EHLO {} (for the list of extensions)",
        settings.hello_domain
    );
    watchdog.arm(settings.command_timeout);
    let answer = conn.command(Ehlo::new(hello.clone()));
    if watchdog.disarm() {
        return Err(SmtpError::Connect(format!(
            "{}: {}",
            settings.server(),
            no_answer(settings.command_timeout, Phase::Extensions)
        )));
    }
    match answer {
        Ok(response) => {
            let offered = response
                .message()
                .any(|line| line.trim().eq_ignore_ascii_case("PIPELINING"));
            log!(
                settings,
                "< PIPELINING {}",
                // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
                if offered { "offered" } else { "not offered" }
            );
            Ok(offered)
        }
        Err(e) if e.status().is_some() => {
            log!(settings, "< {}", reply_text(&e));
            Ok(false)
        }
        Err(e) => {
            log!(settings, "< {}", plain(&e));
            Err(SmtpError::Connect(t!(
                "smtp-no-ehlo-answer",
                server = settings.server(),
                reason = plain(&e)
            )))
        }
    }
}

/// TLS settings: the platform's roots plus `ca_file`; certificate and host
/// name always verified. With `tls_fingerprint` the chain and host name
/// are not checked here but the certificate itself is (see `check_pin`).
fn tls_parameters(settings: &Settings) -> Result<TlsParameters, SmtpError> {
    if !settings.tls_fingerprints.is_empty() {
        pin::parse_all(&settings.tls_fingerprints).map_err(SmtpError::Setup)?;
        // The pin decides (`check_pin`), not an authority: no trust store
        // is read for it.
        return TlsParameters::builder(settings.host.clone())
            .certificate_store(CertificateStore::None)
            .dangerous_accept_invalid_certs(true)
            .dangerous_accept_invalid_hostnames(true)
            .build_rustls()
            .map_err(|e| SmtpError::Tls(plain(&e)));
    }
    let mut builder =
        TlsParameters::builder(settings.host.clone()).certificate_store(CertificateStore::None);
    for root in system_roots(settings) {
        builder = builder.add_root_certificate(root.clone());
    }
    if let Some(cert) = extra_root(settings)? {
        builder = builder.add_root_certificate(cert);
    }
    builder
        .build_rustls()
        .map_err(|e| SmtpError::Tls(plain(&e)))
}

/// The certificate of `ca_file`, when one is set: read and checked, with a
/// message that names the file when it cannot be used.
fn extra_root(settings: &Settings) -> Result<Option<Certificate>, SmtpError> {
    let Some(path) = &settings.ca_file else {
        return Ok(None);
    };
    let pem = std::fs::read(path).map_err(|e| {
        SmtpError::Setup(t!(
            "smtp-ca-file-unreadable",
            path = path.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })?;
    if !pem.windows(27).any(|w| w == b"-----BEGIN CERTIFICATE-----") {
        return Err(SmtpError::Setup(t!(
            "smtp-ca-file-no-pem",
            path = path.display().to_string()
        )));
    }
    Certificate::from_pem(&pem).map(Some).map_err(|e| {
        SmtpError::Setup(t!(
            "smtp-ca-file-bad-pem",
            path = path.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })
}

/// The system's trusted root certificates (`rustls-native-certs`: the
/// platform's store, or `$SSL_CERT_FILE` / `$SSL_CERT_DIR`), read once per
/// run: reading and parsing the store takes milliseconds, and the check of
/// the settings and every connection need it (lettre would read it anew for
/// each). Certificates that rustls cannot use as a root are left out, as
/// lettre does.
fn system_roots(settings: &Settings) -> &'static [Certificate] {
    static ROOTS: std::sync::OnceLock<Vec<Certificate>> = std::sync::OnceLock::new();
    ROOTS.get_or_init(|| {
        let found = rustls_native_certs::load_native_certs();
        let roots: Vec<Certificate> = found
            .certs
            .into_iter()
            .filter(|der| rustls::RootCertStore::empty().add(der.clone()).is_ok())
            .filter_map(|der| Certificate::from_der(der.to_vec()).ok())
            .collect();
        log!(
            settings,
            // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
            "(system trust store read once for this run: {} root certificates)",
            roots.len()
        );
        roots
    })
}

/// Whether a lettre error is a socket timeout. (lettre's own `is_timeout`
/// misses Linux's read timeouts, which surface as `WouldBlock`.)
fn is_timeout(e: &lettre::transport::smtp::Error) -> bool {
    matches!(
        io_kind(e),
        Some(std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock)
    )
}

/// The kind of the I/O error behind a lettre error, if there is one.
fn io_kind(e: &lettre::transport::smtp::Error) -> Option<std::io::ErrorKind> {
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = s.source();
    }
    None
}

/// The text of a lettre error with its causes. A TLS connection the
/// server closed without a goodbye is said in our words: rustls' own text
/// is English jargon with a link to its manual.
fn plain(e: &lettre::transport::smtp::Error) -> String {
    if io_kind(e) == Some(std::io::ErrorKind::UnexpectedEof) {
        return t!("smtp-connection-closed");
    }
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        let more = s.to_string();
        if !text.contains(&more) {
            text.push_str(": ");
            text.push_str(&more);
        }
        source = s.source();
    }
    text
}

/// The server's reply text inside a lettre error.
fn reply_text(e: &lettre::transport::smtp::Error) -> String {
    let code = e.status().map(|c| c.to_string()).unwrap_or_default();
    let text = std::error::Error::source(e)
        .map(|s| s.to_string())
        .unwrap_or_default();
    format!("{code} {text}").trim().to_string()
}

fn classify_reply(e: &lettre::transport::smtp::Error) -> SmtpError {
    let reply = Reply {
        code: e
            .status()
            .and_then(|c| c.to_string().parse().ok())
            .unwrap_or(0),
        text: std::error::Error::source(e)
            .map(|s| s.to_string())
            .unwrap_or_default(),
    };
    if e.is_permanent() {
        SmtpError::Refused(reply)
    } else {
        SmtpError::Temporary(reply)
    }
}

fn classify_tls(server: &str, e: lettre::transport::smtp::Error) -> SmtpError {
    if e.is_transient() || connection_lost(&e) {
        // "454 TLS not available due to temporary reason", or the
        // connection broke: try again later rather than stop for good.
        let reason = match e.status() {
            Some(_) => reply_text(&e),
            None => plain(&e),
        };
        return SmtpError::Connect(t!(
            "smtp-starttls-for-now",
            server = server,
            reason = reason.as_str()
        ));
    }
    SmtpError::Tls(format!("{server}: {}", plain(&e)))
}

/// Whether a lettre error without a reply means the connection broke or
/// went silent (as opposed to a TLS or certificate failure, or a reply
/// lettre could not understand).
fn connection_lost(e: &lettre::transport::smtp::Error) -> bool {
    if e.status().is_some() {
        return false;
    }
    // i18n: not shown (lettre's error text, matched)
    if e.is_response() && e.to_string().contains("incomplete response") {
        return true;
    }
    matches!(
        io_kind(e),
        Some(
            std::io::ErrorKind::ConnectionReset
                | std::io::ErrorKind::ConnectionAborted
                | std::io::ErrorKind::BrokenPipe
                | std::io::ErrorKind::TimedOut
                | std::io::ErrorKind::WouldBlock
                // A TLS connection the server closed without close_notify
                // (rustls); a plain one gives "incomplete response" above.
                | std::io::ErrorKind::UnexpectedEof
        )
    )
}

/// What the server says it supports, for `-v`, as people write it
/// (`mail.example.org offers STARTTLS, 8BITMIME, AUTH PLAIN LOGIN`), in a
/// fixed order; lettre's own text is a debug dump in hash order.
fn offered(info: &ServerInfo) -> String {
    let mut words: Vec<String> = [
        Extension::StartTls,
        Extension::EightBitMime,
        Extension::SmtpUtfEight,
    ]
    .into_iter()
    .filter(|e| info.supports_feature(*e))
    .map(|e| e.to_string())
    .collect();
    let auth: Vec<String> = [Mechanism::Plain, Mechanism::Login, Mechanism::Xoauth2]
        .into_iter()
        .filter(|m| info.supports_auth_mechanism(*m))
        .map(|m| m.to_string())
        .collect();
    if !auth.is_empty() {
        words.push(format!("AUTH {}", auth.join(" ")));
    }
    if words.is_empty() {
        // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
        format!("{} offers no extension appeal uses", info.name())
    } else {
        format!("{} offers {}", info.name(), words.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loopback_hosts() {
        assert!(is_loopback("localhost"));
        assert!(is_loopback("127.0.0.1"));
        assert!(is_loopback("127.1.2.3"));
        assert!(is_loopback("::1"));
        assert!(is_loopback("[::1]"));
        assert!(!is_loopback("smtp.example.org"));
        assert!(!is_loopback("10.0.0.1"));
    }

    /// `[smtp]` with `security = "none"` and nothing else.
    fn unencrypted(host: &str, port: u16) -> SmtpConfig {
        SmtpConfig {
            host: host.into(),
            port: Some(port),
            security: Security::None,
            username: None,
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

    #[test]
    fn none_to_a_remote_host_is_refused_before_connecting() {
        let smtp = unencrypted("smtp.example.org", 25);
        let err = Settings::from_config(&smtp, "example.org", false)
            .check()
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("only allowed for a server on this machine"));
    }

    #[test]
    fn unencrypted_connections_go_to_loopback_addresses_only() {
        let settings = Settings::from_config(&unencrypted("localhost", 2525), "example.org", false);
        let addresses = resolve(&settings).unwrap();
        assert!(!addresses.is_empty());
        assert!(addresses
            .iter()
            .all(|a| a.ip().is_loopback() && a.port() == 2525));
        let mut ip = settings.clone();
        ip.host = "[::1]".into();
        assert!(resolve(&ip).unwrap()[0].ip().is_loopback());
    }

    #[test]
    fn error_classes() {
        let r = |code| Reply {
            code,
            text: String::new(),
        };
        assert!(!SmtpError::Temporary(r(451)).breaks_connection());
        assert!(SmtpError::Temporary(r(421)).breaks_connection());
        assert!(!SmtpError::Refused(r(550)).breaks_connection());
        assert!(SmtpError::Uncertain(String::new()).breaks_connection());
        assert!(SmtpError::Dropped(String::new()).breaks_connection());
    }
}

#[cfg(test)]
mod stuffing_tests {
    use super::dot_stuffed;

    #[test]
    fn lines_starting_with_a_dot_get_another() {
        assert_eq!(dot_stuffed("a\r\n.b\r\n..c\r\n"), "a\r\n..b\r\n...c\r\n");
        assert_eq!(dot_stuffed(".\r\n.\r\n"), "..\r\n..\r\n");
        assert_eq!(dot_stuffed("a.b\r\nc. .\r\n"), "a.b\r\nc. .\r\n");
        // Only a CRLF starts a line (as lettre's encoder counts them).
        assert_eq!(dot_stuffed("a\n.b\r.c"), "a\n.b\r.c");
        assert_eq!(dot_stuffed("\r\r\n.x"), "\r\r\n..x");
        assert_eq!(dot_stuffed(""), "");
    }
}

#[cfg(test)]
mod offered_tests {
    use super::*;

    #[test]
    fn the_servers_extensions_read_as_people_write_them() {
        let info = |reply: &str| ServerInfo::from_response(&reply.parse().unwrap()).unwrap();
        let full = info(
            "250-mail.example.org Hello\r\n250-SMTPUTF8\r\n250-AUTH LOGIN PLAIN\r\n250-8BITMIME\r\n250-PIPELINING\r\n250 STARTTLS\r\n",
        );
        assert_eq!(
            offered(&full),
            "mail.example.org offers STARTTLS, 8BITMIME, SMTPUTF8, AUTH PLAIN LOGIN"
        );
        let bare = info("250 mail.example.org\r\n");
        assert_eq!(
            offered(&bare),
            "mail.example.org offers no extension appeal uses"
        );
    }
}
