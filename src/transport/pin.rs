//! Certificate pinning (`tls_fingerprint`) and the explanation of a
//! certificate this computer does not trust.
//!
//! Proton Mail Bridge and many self-hosted servers present a self-signed
//! certificate (often with `CA:TRUE`, as `openssl req -x509` makes it) that
//! no authority vouches for. Such a certificate can be trusted by its
//! SHA-256 fingerprint instead: the person compares it once with the one
//! the server (or the Bridge) shows, and from then on exactly that
//! certificate is accepted, whatever its issuer or host name.
//!
//! lettre 0.11 takes no custom rustls verifier, so a pinned connection is
//! made with lettre's verifier told to skip the chain and host-name checks
//! (it still checks the handshake signature, so the server must hold the
//! certificate's private key), and [`matches`] compares the end-entity
//! certificate with the pins right after the handshake, before AUTH or any
//! letter: only lettre's EHLO (the sender's domain) goes out before it.
//!
//! Validity dates are not checked for a pinned certificate: pinning is a
//! decision to trust these exact bytes (like an SSH host key), and the
//! Bridge's and many home servers' certificates are never renewed. `check`
//! shows the dates, and a renewed certificate needs a new pin anyway.

use std::fmt;

use lettre::transport::smtp::client::{CertificateStore, SmtpConnection, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use sha2::{Digest, Sha256};

use super::connect::connect;
use super::deadline::Watchdog;
use super::{abort, plain, Settings, SmtpError};
use crate::config::Security;
use crate::t;

/// A SHA-256 certificate fingerprint, as the user writes it in
/// `tls_fingerprint`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Fingerprint([u8; 32]);

impl Fingerprint {
    /// The fingerprint of a DER-encoded certificate.
    pub fn of(der: &[u8]) -> Fingerprint {
        Fingerprint(Sha256::digest(der).into())
    }

    /// Parses `sha256:AB:CD:…`: the prefix, the colons and the case are
    /// optional, so that what `openssl x509 -fingerprint -sha256` or the
    /// Bridge shows can be pasted as it is.
    pub fn parse(text: &str) -> Result<Fingerprint, String> {
        let trimmed = text.trim();
        let hex = match trimmed.get(..7) {
            Some(prefix) if prefix.eq_ignore_ascii_case("sha256:") => &trimmed[7..],
            _ => trimmed,
        };
        let digits: String = hex.chars().filter(|c| *c != ':').collect();
        let bad = || t!("pin-bad-fingerprint", text = text);
        if digits.len() != 64 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&digits[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
        }
        Ok(Fingerprint(bytes))
    }
}

/// `sha256:3A:F1:…`, the form written to the configuration and shown.
impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("sha256:")?;
        for (i, byte) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(":")?;
            }
            write!(f, "{byte:02X}")?;
        }
        Ok(())
    }
}

/// Parses every pin; the first bad one is the error.
pub fn parse_all(pins: &[String]) -> Result<Vec<Fingerprint>, String> {
    pins.iter().map(|p| Fingerprint::parse(p)).collect()
}

/// Whether a DER certificate is one of the pinned ones.
pub fn matches(der: &[u8], pins: &[Fingerprint]) -> bool {
    pins.contains(&Fingerprint::of(der))
}

/// Why the certificate was not trusted, in one clause after "it ".
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Distrust {
    /// Subject and issuer are the same: nobody but the server vouches.
    SelfSigned,
    /// Signed by an authority this computer does not know.
    UnknownIssuer,
    /// Made out for another name than `host`.
    OtherName(String),
    /// Outside its validity dates.
    OutOfDate,
    /// `tls_fingerprint` is set, and this is not the pinned certificate.
    NotPinned,
    /// Any other certificate problem.
    Invalid,
}

/// A certificate that was refused, described for a person: what it is and
/// the line that would trust exactly it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untrusted {
    /// `host:port`.
    pub server: String,
    /// Why it was refused.
    pub why: Distrust,
    /// Its subject (`CN=localhost`).
    pub subject: String,
    /// Its issuer.
    pub issuer: String,
    /// `2026-11-27 to 2027-11-27`.
    pub validity: String,
    /// Its SHA-256 fingerprint.
    pub fingerprint: Fingerprint,
}

impl Untrusted {
    /// Describes the DER certificate `der` that `server` presented.
    pub fn describe(server: &str, der: &[u8], why: Distrust) -> Untrusted {
        let unreadable = || t!("pin-unreadable");
        let mut described = Untrusted {
            server: server.to_string(),
            why,
            subject: unreadable(),
            issuer: unreadable(),
            validity: unreadable(),
            fingerprint: Fingerprint::of(der),
        };
        if let Ok((_, cert)) = x509_parser::parse_x509_certificate(der) {
            described.subject = cert.subject().to_string();
            described.issuer = cert.issuer().to_string();
            let validity = cert.validity();
            described.validity = t!(
                "pin-validity",
                from = day(validity.not_before.timestamp()),
                to = day(validity.not_after.timestamp())
            );
            if described.why == Distrust::UnknownIssuer && described.subject == described.issuer {
                described.why = Distrust::SelfSigned;
            }
        }
        described
    }

    /// The configuration line that trusts exactly this certificate.
    pub fn config_line(&self) -> String {
        format!("tls_fingerprint = \"{}\"", self.fingerprint)
    }

    /// What to do: compare, then pin or name the authority.
    pub fn hint(&self) -> String {
        match self.why {
            Distrust::NotPinned => t!("pin-renewed-hint", line = self.config_line()),
            _ => t!("pin-trust-hint", line = self.config_line()),
        }
    }
}

/// Unix seconds as a UTC day, `2026-11-27`.
fn day(seconds: i64) -> String {
    chrono::DateTime::from_timestamp(seconds, 0)
        .map_or_else(|| seconds.to_string(), |d| d.format("%Y-%m-%d").to_string())
}

impl fmt::Display for Untrusted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (why, host) = match &self.why {
            Distrust::SelfSigned => ("self-signed", ""),
            Distrust::UnknownIssuer => ("unknown-issuer", ""),
            Distrust::OtherName(host) => ("other-name", host.as_str()),
            Distrust::OutOfDate => ("out-of-date", ""),
            Distrust::NotPinned => ("not-pinned", ""),
            Distrust::Invalid => ("invalid", ""),
        };
        f.write_str(&t!(
            "pin-untrusted",
            server = self.server.as_str(),
            why = why,
            host = host,
            subject = self.subject.as_str(),
            issuer = self.issuer.as_str(),
            validity = self.validity.as_str(),
            fingerprint = self.fingerprint.to_string()
        ))
    }
}

/// Why rustls refused a certificate, when the lettre error is a
/// certificate error at all (not a broken connection or a protocol
/// mismatch). The raw rustls text never reaches the user.
pub fn distrust_of(e: &lettre::transport::smtp::Error, host: &str) -> Option<Distrust> {
    use rustls::CertificateError as C;
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        let found = s.downcast_ref::<rustls::Error>().or_else(|| {
            s.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(rustls::Error::InvalidCertificate(cert)) = found {
            return Some(match cert {
                // A bad signature: an authority of the same name is
                // trusted, but it did not sign this certificate.
                C::UnknownIssuer | C::BadSignature => Distrust::UnknownIssuer,
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    Distrust::OtherName(host.to_string())
                }
                C::Expired
                | C::ExpiredContext { .. }
                | C::NotValidYet
                | C::NotValidYetContext { .. } => Distrust::OutOfDate,
                // `CaUsedAsEndEntity`: a `CA:TRUE` certificate given as
                // `ca_file` and presented by the server itself.
                C::Other(other) if other.to_string().contains("CaUsedAsEndEntity") => {
                    Distrust::SelfSigned
                }
                _ => Distrust::Invalid,
            });
        }
        source = s.source();
    }
    None
}

// The connection-side parts: checking the pin after the handshake, and
// fetching an untrusted certificate to describe it.

/// With `tls_fingerprint`: whether the certificate of the connection just
/// encrypted is a pinned one, checked before anything but EHLO was sent.
/// Another certificate ends the session before AUTH. Without pins: None.
pub(super) fn check_pin(
    conn: &mut SmtpConnection,
    watchdog: &Watchdog,
    settings: &Settings,
) -> Result<Option<Fingerprint>, SmtpError> {
    if settings.tls_fingerprints.is_empty() {
        return Ok(None);
    }
    let pins = parse_all(&settings.tls_fingerprints).map_err(SmtpError::Setup)?;
    let der = match conn.peer_certificate() {
        Ok(der) => der,
        Err(e) => {
            abort(conn, watchdog, settings);
            return Err(SmtpError::Tls(t!(
                "pin-certificate-unreadable",
                server = settings.server(),
                reason = plain(&e)
            )));
        }
    };
    if matches(&der, &pins) {
        log!(
            settings,
            // i18n: not shown (-v's SMTP dialogue, shown as the protocol speaks: English)
            "(certificate matches the pinned `tls_fingerprint`)"
        );
        return Ok(Some(Fingerprint::of(&der)));
    }
    abort(conn, watchdog, settings);
    Err(SmtpError::Untrusted(Box::new(Untrusted::describe(
        &settings.server(),
        &der,
        Distrust::NotPinned,
    ))))
}

/// A TLS failure that is a certificate this computer does not trust,
/// described with the certificate itself (fetched over a second
/// connection that only completes the handshake and says QUIT). None when
/// the failure is something else, or the certificate cannot be fetched.
pub(super) fn untrusted(
    settings: &Settings,
    addresses: &[std::net::SocketAddr],
    e: &lettre::transport::smtp::Error,
) -> Option<SmtpError> {
    let why = distrust_of(e, &settings.host)?;
    let der = fetch_certificate(settings, addresses)?;
    Some(SmtpError::Untrusted(Box::new(Untrusted::describe(
        &settings.server(),
        &der,
        why,
    ))))
}

/// The server's certificate, whoever signed it: a connection that accepts
/// any certificate, used for nothing but reading it (no AUTH, no letter).
fn fetch_certificate(settings: &Settings, addresses: &[std::net::SocketAddr]) -> Option<Vec<u8>> {
    // Every certificate is accepted: no trust store is needed (lettre would
    // read the system's again for this builder).
    let any = TlsParameters::builder(settings.host.clone())
        .certificate_store(CertificateStore::None)
        .dangerous_accept_invalid_certs(true)
        .dangerous_accept_invalid_hostnames(true)
        .build_rustls()
        .ok()?;
    let hello = ClientId::Domain(settings.hello_domain.clone());
    let implicit = (settings.security == Security::Tls).then_some(&any);
    let (watchdog, connected) = connect(settings, addresses, &hello, implicit);
    let mut conn = connected.ok()?.conn;
    watchdog.arm(settings.command_timeout);
    if implicit.is_none() && conn.starttls(&any, &hello).is_err() {
        watchdog.disarm();
        return None;
    }
    let der = conn.peer_certificate().ok();
    let _ = conn.quit();
    watchdog.disarm();
    der
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_parse_with_or_without_prefix_colons_and_case() {
        let upper = "sha256:".to_string() + &["AB"; 32].join(":");
        let plain = "ab".repeat(32);
        let a = Fingerprint::parse(&upper).unwrap();
        assert_eq!(Fingerprint::parse(&plain).unwrap(), a);
        assert_eq!(Fingerprint::parse(&format!("SHA256:{plain}")).unwrap(), a);
        assert_eq!(a.to_string(), upper);
    }

    #[test]
    fn a_short_or_non_hex_fingerprint_is_refused_with_an_example() {
        assert_eq!(
            Fingerprint::parse("sha256:AB:CD").unwrap_err(),
            "`tls_fingerprint` `sha256:AB:CD` is not a SHA-256 fingerprint (64 hexadecimal digits, e.g. `sha256:3A:F1:…`)"
        );
        assert!(Fingerprint::parse(&"zz".repeat(32)).is_err());
        assert!(Fingerprint::parse(&"ab".repeat(33)).is_err());
    }

    #[test]
    fn only_the_pinned_certificate_matches() {
        let pins = vec![Fingerprint::of(b"one"), Fingerprint::of(b"two")];
        assert!(matches(b"two", &pins));
        assert!(!matches(b"three", &pins));
        assert!(!matches(b"one", &[]));
    }
}
