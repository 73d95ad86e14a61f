//! The mail providers `setup` knows (`providers.toml`, compiled in): which
//! submission server serves an address's domain, and what the provider
//! asks of its users first.

use serde::Deserialize;

use crate::config::{Security, SmtpConfig};
use crate::error::toml_message;

/// The provider presets, compiled in.
const PROVIDERS: &str = include_str!("../../providers.toml");

/// A mail provider whose submission server `setup` offers.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Provider {
    /// Shown to the user, e.g. "Posteo".
    pub name: String,
    /// Address domains it serves, e.g. `gmx.de`, `gmx.net`.
    pub domains: Vec<String>,
    /// Its SMTP submission server.
    pub host: String,
    /// The submission port.
    pub port: u16,
    /// How the connection is encrypted.
    pub security: Security,
    /// What the login name is.
    pub username: Username,
    /// What the user must do first (app password, enabling access…): the
    /// key of its text in the message files (`setup-note-…`), so that it
    /// is shown in the interface's language; see [`Provider::note_text`].
    #[serde(default)]
    pub note: Option<String>,
    /// Whether it takes OAuth2 logins (`auth = "xoauth2"`): `setup` then
    /// offers a token helper instead of a password.
    #[serde(default)]
    pub oauth2: bool,
}

/// How a provider's login name follows from the address.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
pub enum Username {
    /// The full email address.
    #[serde(rename = "address")]
    Address,
}

/// `providers.toml` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProviderFile {
    provider: Vec<Provider>,
}

impl Provider {
    /// `host:port (STARTTLS)`, for questions.
    pub(super) fn server(&self) -> String {
        crate::t!(
            "setup-server",
            host = self.host.as_str(),
            port = self.port.to_string(),
            security = self.security.to_string()
        )
    }

    /// The provider's advice in the interface's language. The key comes
    /// from providers.toml, like clap's help keys from the command tree;
    /// the unit tests check that every provider's key has a text in both
    /// languages.
    pub(super) fn note_text(&self) -> Option<String> {
        self.note
            .as_deref()
            .map(|key| crate::i18n::message(key, &[]))
    }

    /// The `[smtp]` section for this provider and address.
    pub(super) fn smtp(&self, email: &str) -> SmtpConfig {
        SmtpConfig {
            host: self.host.clone(),
            port: Some(self.port),
            security: self.security,
            username: Some(match self.username {
                Username::Address => email.to_string(),
            }),
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
}

/// The built-in providers.
pub fn providers() -> anyhow::Result<Vec<Provider>> {
    let file: ProviderFile = toml::from_str(PROVIDERS).map_err(|e| {
        anyhow::anyhow!(
            // i18n: not shown (only a broken build: the unit tests parse the compiled-in file)
            "the built-in {}",
            toml_message("providers.toml", PROVIDERS, &e)
        )
    })?;
    Ok(file.provider)
}

/// The provider serving `domain` (case does not matter).
pub fn for_domain<'a>(providers: &'a [Provider], domain: &str) -> Option<&'a Provider> {
    let domain = domain.trim().trim_end_matches('.');
    providers
        .iter()
        .find(|p| p.domains.iter().any(|d| d.eq_ignore_ascii_case(domain)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_provider_parses_and_is_sound() {
        let providers = providers().unwrap();
        assert!(providers.len() >= 8);
        let mut domains = std::collections::HashSet::new();
        for p in &providers {
            assert!(!p.name.is_empty() && !p.host.is_empty(), "{p:?}");
            assert_ne!(p.security, Security::None, "{}", p.name);
            match p.security {
                // Proton Mail Bridge listens on this computer.
                Security::StartTls if p.host == "127.0.0.1" => assert_eq!(p.port, 1025),
                Security::StartTls => assert_eq!(p.port, 587, "{}", p.name),
                _ => assert_eq!(p.port, 465, "{}", p.name),
            }
            assert!(!p.domains.is_empty(), "{}", p.name);
            for d in &p.domains {
                assert_eq!(d, &d.to_lowercase(), "{}", p.name);
                assert!(domains.insert(d.clone()), "`{d}` appears twice");
            }
        }
    }

    #[test]
    fn every_providers_note_has_a_text_in_both_languages() {
        use crate::i18n::{message_in, Lang};
        for p in providers().unwrap() {
            let Some(key) = p.note.as_deref() else {
                continue;
            };
            assert!(key.starts_with("setup-note-"), "{}: `{key}`", p.name);
            let english = message_in(Lang::En, key, &[]);
            assert_ne!(english, key, "{}: no text for `{key}`", p.name);
            // A missing German text falls back to the English one.
            let german = message_in(Lang::De, key, &[]);
            assert_ne!(german, english, "{}: no German text for `{key}`", p.name);
        }
    }

    #[test]
    fn providers_are_found_by_domain_whatever_the_case() {
        let providers = providers().unwrap();
        let host = |domain: &str| for_domain(&providers, domain).map(|p| p.host.as_str());
        assert_eq!(host("posteo.de"), Some("posteo.de"));
        assert_eq!(host("Posteo.DE"), Some("posteo.de"));
        assert_eq!(host("mailbox.org"), Some("smtp.mailbox.org"));
        assert_eq!(host("GMX.net"), Some("mail.gmx.net"));
        assert_eq!(host("gmx.de"), Some("mail.gmx.net"));
        assert_eq!(host("gmx.at"), Some("mail.gmx.net"));
        assert_eq!(host("web.de"), Some("smtp.web.de"));
        assert_eq!(host("t-online.de"), Some("securesmtp.t-online.de"));
        assert_eq!(host("googlemail.com"), Some("smtp.gmail.com"));
        assert_eq!(host("gmail.com"), Some("smtp.gmail.com"));
        assert_eq!(host("Hotmail.de"), Some("smtp-mail.outlook.com"));
        assert_eq!(host("live.com"), Some("smtp-mail.outlook.com"));
        assert_eq!(host("ionos.de"), Some("smtp.ionos.de"));
        assert_eq!(host("example.org"), None);
        assert_eq!(host("notgmx.de"), None);
    }
}
