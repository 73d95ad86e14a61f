//! Turns (campaign, recipient, sender) into a finished letter and the
//! RFC 5322 message that carries it.
//!
//! Pure: no files, no network, no clock except the date handed in. The
//! same [`Letter::message`] builds what `preview` shows and what `send`
//! transmits, so the preview is exactly what goes out.

use std::str::FromStr;
use std::time::SystemTime;

use chrono::{Datelike, NaiveDate};
use handlebars::{Handlebars, RenderErrorReason};
use lettre::address::Envelope;
use lettre::message::header::{
    ContentTransferEncoding, ContentType, HeaderName, HeaderValue, MIME_VERSION_1_0,
};
use lettre::message::{Body, Mailbox};
use lettre::{Address, Message};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

use crate::campaign::{Campaign, Recipient, Salutation};
use crate::error::Failure;
use crate::sender::Sender;

mod guard;
pub mod variants;

pub use guard::MAX_DEPTH;
pub use variants::Chosen;

/// Domain used in Message-IDs and From when no sender address is known: a
/// reserved name, never the machine's host name.
pub const PLACEHOLDER_DOMAIN: &str = "appeal.invalid";

/// The variables a template may use, listed in error messages.
const VARIABLES: &str = "greeting, recipient.name, recipient.salutation, recipient.title, \
recipient.email, recipient.party, sender.name, sender.email, sender.city, sender.postcode, \
sender.address, note, campaign.id, \
campaign.title, date";

/// The German greeting line for a recipient.
///
/// `Frau` → `Sehr geehrte Frau [Titel ]Nachname,`; `Herr` → `Sehr geehrter
/// Herr [Titel ]Nachname,`; no salutation → `Guten Tag Vorname Nachname,`.
pub fn greeting(recipient: &Recipient) -> String {
    let title = recipient
        .title
        .as_deref()
        .map(|t| format!("{t} "))
        .unwrap_or_default();
    match recipient.salutation {
        Some(Salutation::Frau) => {
            // i18n: not shown (the letter's own German text)
            format!("Sehr geehrte Frau {title}{},", recipient.family_name())
        }
        Some(Salutation::Herr) => {
            // i18n: not shown (the letter's own German text)
            format!("Sehr geehrter Herr {title}{},", recipient.family_name())
        }
        None => format!("Guten Tag {},", recipient.name),
    }
}

/// A date as written in a letter of the campaign's language.
pub fn letter_date(language: &str, date: NaiveDate) -> String {
    const MONATE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    match language {
        "de" => format!(
            "{}. {} {}",
            date.day(),
            MONATE[date.month0() as usize],
            date.year()
        ),
        _ => date.format("%Y-%m-%d").to_string(),
    }
}

/// The compiled template of a campaign: compiled once, rendered per letter.
pub struct Letters {
    registry: Handlebars<'static>,
    campaign_id: String,
    campaign_title: String,
    origin: String,
    date: String,
    /// The template's blocks of alternative wordings.
    variants: variants::Blocks,
    /// Each recipient's place in the campaign (by lowercased address): with
    /// the sender's, it decides the alternatives, and does not change with
    /// `--to`.
    places: std::collections::HashMap<String, usize>,
}

/// One personalised letter, ready to be turned into a message.
#[derive(Clone, Debug)]
pub struct Letter {
    /// The From mailbox: the signer's name with the sending account's address.
    pub from: Mailbox,
    /// The member's own address when it differs from From.
    pub reply_to: Option<Mailbox>,
    /// Exactly one recipient: letters are individual, never Cc/Bcc.
    pub to: Mailbox,
    /// Rendered subject line.
    pub subject: String,
    /// Rendered body, `\n` line endings, ending in one newline.
    pub body: String,
    /// Message-ID (with angle brackets), derived from the letter's key and
    /// text: a resend of the same text keeps it, a changed text does not.
    pub message_id: String,
    /// The letter's identity in the send journal.
    pub key: Key,
    /// Which alternative of each of the template's blocks of variants it
    /// got (empty when the template offers none).
    pub variants: Vec<Chosen>,
}

/// A letter's identity: (campaign, sender, recipient). The send journal is
/// keyed by it and the Message-ID derived from it (with the text), so it is
/// made in this one place only.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// Campaign id.
    pub campaign: String,
    /// The sender's identity (see [`Sender::identity`]).
    pub sender: String,
    /// The recipient's address, lowercased.
    pub recipient: String,
}

impl Key {
    /// The key of the letter from `sender` to `recipient` in `campaign`.
    pub fn new(campaign: &str, sender: &Sender, recipient: &Recipient) -> Key {
        Key {
            campaign: campaign.to_string(),
            sender: sender.identity(),
            recipient: recipient.email.to_lowercase(),
        }
    }

    /// A short, stable hash of the key alone (the Message-ID also hashes
    /// the letter's text, see [`Letter::message_id`]).
    pub fn hash(&self) -> String {
        letter_key_hash(&self.campaign, &self.sender, &self.recipient)
    }
}

/// `{{#if x}}` / `{{#unless x}}` that fail on a variable the letter data
/// does not have, like every other use of a variable in strict mode.
struct StrictIf {
    positive: bool,
}

impl handlebars::HelperDef for StrictIf {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        r: &'reg Handlebars<'reg>,
        ctx: &'rc handlebars::Context,
        rc: &mut handlebars::RenderContext<'reg, 'rc>,
        out: &mut dyn handlebars::Output,
    ) -> handlebars::HelperResult {
        use handlebars::{JsonTruthy, Renderable};
        let name = if self.positive { "if" } else { "unless" };
        let param = h
            .param(0)
            .ok_or(RenderErrorReason::ParamNotFoundForIndex(name, 0))?;
        if param.is_value_missing() {
            return Err(RenderErrorReason::MissingVariable(param.relative_path().cloned()).into());
        }
        let truthy = param.value().is_truthy(false) == self.positive;
        match if truthy { h.template() } else { h.inverse() } {
            Some(t) => t.render(r, ctx, rc, out),
            None => Ok(()),
        }
    }
}

impl Letters {
    /// Compiles the campaign's template; a syntax error names the line.
    pub fn compile(campaign: &Campaign, today: NaiveDate) -> anyhow::Result<Letters> {
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.register_escape_fn(handlebars::no_escape);
        // handlebars' own `if`/`unless` let a misspelt variable pass as
        // false even in strict mode; ours refuse it (optional values are
        // always present, as null, so `{{#if sender.city}}` still works).
        registry.register_helper("if", Box::new(StrictIf { positive: true }));
        registry.register_helper("unless", Box::new(StrictIf { positive: false }));
        let origin = &campaign.template_origin;
        let (source, blocks) = variants::expand(&campaign.template.replace("\r\n", "\n"))
            .map_err(|m| malformed_variants(origin, &m))?;
        // Before handlebars parses it: its parser recurses per level.
        guard::check_depth(&source).map_err(|u| unsafe_template(origin, u))?;
        registry
            .register_template_string(guard::LETTER, source)
            .map_err(|e| {
                let reason = e.reason().to_string();
                Failure::usage(match e.pos() {
                    Some((l, c)) => crate::t!(
                        "letter-template-error-at",
                        origin = origin.as_str(),
                        line = l.to_string(),
                        column = c.to_string(),
                        problem = reason
                    ),
                    None => crate::t!(
                        "letter-template-error",
                        origin = origin.as_str(),
                        problem = reason
                    ),
                })
            })?;
        let compiled = registry
            .get_template(guard::LETTER)
            .expect("registered above"); // i18n: not shown (cannot fail)
        guard::check_partials(compiled).map_err(|u| unsafe_template(origin, u))?;
        Ok(Letters {
            registry,
            campaign_id: campaign.id.clone(),
            campaign_title: campaign.title.clone(),
            origin: campaign.template_origin.clone(),
            date: letter_date(&campaign.language, today),
            variants: blocks,
            places: campaign
                .recipients
                .iter()
                .enumerate()
                .map(|(i, r)| (r.email.to_lowercase(), i))
                .collect(),
        })
    }

    /// Renders the letter from `sender` to `recipient`. `from_address` is
    /// the sending account's address (None in a preview without one).
    pub fn render(
        &self,
        recipient: &Recipient,
        sender: &Sender,
        from_address: Option<&str>,
    ) -> anyhow::Result<Letter> {
        let mut data = self.data(recipient, sender);
        let chosen = self.choose(recipient, sender);
        if !chosen.is_empty() {
            let (key, value) = variants::Blocks::data(&chosen);
            data[key] = value;
        }
        // A Context made from the value itself: `render` would deep-copy it.
        let context = handlebars::Context::from(data);
        let text = self
            .registry
            .render_with_context("letter", &context)
            .map_err(|e| {
                let message = match e.reason() {
                    RenderErrorReason::MissingVariable(Some(var)) => crate::t!(
                        "letter-unknown-variable",
                        variable = var.as_str(),
                        known = VARIABLES
                    ),
                    other => other.to_string(),
                };
                Failure::usage(match e.line_no {
                    Some(line) => crate::t!(
                        "letter-template-line-error",
                        origin = self.origin.as_str(),
                        line = line.to_string(),
                        problem = message
                    ),
                    None => crate::t!(
                        "letter-template-error",
                        origin = self.origin.as_str(),
                        problem = message
                    ),
                })
            })?;
        let (subject, body) = split_headers(&text).map_err(|m| {
            Failure::usage(crate::t!(
                "letter-template-error",
                origin = self.origin.as_str(),
                problem = m
            ))
        })?;
        if let Some(note) = data_note(&context) {
            if !body.contains(note) {
                return Err(no_place_for_the_note(&self.origin).into());
            }
        }
        let mut letter = self.assemble(recipient, sender, from_address, subject, body)?;
        letter.variants = chosen;
        Ok(letter)
    }

    /// Whether the template offers alternative wordings.
    pub fn has_variants(&self) -> bool {
        !self.variants.is_empty()
    }

    /// The alternatives the letter from `sender` to `recipient` gets: by
    /// the sender's place in the rotation and the recipient's in the
    /// campaign (a recipient given by `--recipients` alone counts from the
    /// end of the list).
    fn choose(&self, recipient: &Recipient, sender: &Sender) -> Vec<Chosen> {
        if self.variants.is_empty() {
            return Vec::new();
        }
        let place = self
            .places
            .get(&recipient.email.to_lowercase())
            .copied()
            .unwrap_or(self.places.len());
        self.variants.choose(sender.variant_seed, place)
    }

    fn data(&self, recipient: &Recipient, sender: &Sender) -> Value {
        json!({
            "note": sender.note.as_deref().and_then(note_paragraphs),
            "greeting": greeting(recipient),
            "recipient": {
                "name": recipient.name,
                "salutation": recipient.salutation.map(|s| s.to_string()),
                "title": recipient.title,
                "email": recipient.email,
                "party": recipient.party,
            },
            "sender": {
                "name": sender.name,
                "email": sender.email,
                "city": sender.city,
                "postcode": sender.postcode,
                "address": sender.address,
            },
            "campaign": { "id": self.campaign_id, "title": self.campaign_title },
            "date": self.date,
        })
    }

    fn assemble(
        &self,
        recipient: &Recipient,
        sender: &Sender,
        from_address: Option<&str>,
        subject: String,
        body: String,
    ) -> anyhow::Result<Letter> {
        let from_address = match from_address {
            Some(a) => ascii_domain(
                crate::sender::check_email(a)
                    .and_then(|a| Address::from_str(&a).map_err(|e| e.to_string()))
                    .map_err(Failure::usage)?,
            ),
            // i18n: not shown (cannot fail)
            None => Address::new("absender", PLACEHOLDER_DOMAIN).expect("valid placeholder"),
        };
        let reply_to = sender
            .email
            .as_deref()
            .and_then(|e| Address::from_str(e).ok())
            .map(ascii_domain)
            .filter(|a| !same_address(a, &from_address))
            .map(|a| Mailbox::new(Some(sender.name.clone()), a));
        let key = Key::new(&self.campaign_id, sender, recipient);
        let message_id = format!(
            "<{}@{}>",
            content_hash(&key, &subject, &body),
            from_address.domain()
        );
        Ok(Letter {
            from: Mailbox::new(Some(sender.name.clone()), from_address),
            reply_to,
            to: Mailbox::new(
                Some(recipient.name.clone()),
                ascii_domain(recipient.address()),
            ),
            subject,
            body,
            message_id,
            key,
            variants: Vec::new(),
        })
    }
}

/// A short, stable hash of a letter's journal key.
fn letter_key_hash(campaign: &str, sender: &str, recipient: &str) -> String {
    short_hash(&[campaign, sender, recipient])
}

/// The Message-ID's local part: a hash of the letter's key *and* its text,
/// so a resend of the same text keeps its ID (recognisable as the same
/// letter) while a changed text (another personal paragraph, an edited
/// template) gets a new one that no receiving system drops as a duplicate.
fn content_hash(key: &Key, subject: &str, body: &str) -> String {
    short_hash(&[&key.campaign, &key.sender, &key.recipient, subject, body])
}

/// 128 bits of SHA-256 over the parts, each ended by a NUL so that
/// (`ab`, `c`) and (`a`, `bc`) differ.
fn short_hash(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for part in parts {
        hash.update(part.as_bytes());
        hash.update([0]);
    }
    const HEX: &[u8; 16] = b"0123456789abcdef";
    hash.finalize()[..16]
        .iter()
        .flat_map(|b| {
            [
                HEX[usize::from(b >> 4)] as char,
                HEX[usize::from(b & 15)] as char,
            ]
        })
        .collect()
}

/// The address as it goes into headers and the envelope: a non-ASCII
/// domain in its ASCII (punycode, IDNA) form, which every server and mail
/// program understands (`müller.example` → `xn--mller-kva.example`). A
/// non-ASCII local part stays: it needs SMTPUTF8 (see the transport).
pub fn ascii_domain(address: Address) -> Address {
    if address.domain().is_ascii() {
        return address;
    }
    let domain = ascii_domain_name(address.domain());
    Address::new(address.user(), domain).unwrap_or(address)
}

/// Whether two addresses are the same mailbox (case does not matter).
fn same_address(a: &Address, b: &Address) -> bool {
    let (a, b): (&str, &str) = (a.as_ref(), b.as_ref());
    a.eq_ignore_ascii_case(b)
}

/// A domain name in its ASCII (IDNA) form, e.g. for the EHLO name; as
/// given when it has no such form (lettre refuses those addresses anyway).
pub fn ascii_domain_name(domain: &str) -> String {
    idna::domain_to_ascii(domain).unwrap_or_else(|_| domain.to_string())
}

/// Why an address that parses cannot be used in a letter: lettre accepts a
/// quoted local part (`"a b"@example.org`) and a domain literal
/// (`e@[127.0.0.1]`) but cannot read its own header back, and the message
/// would lose its From. `None` when the address is fine.
pub fn unsupported_address(address: &Address) -> Option<String> {
    if address.user().starts_with('"') {
        Some(crate::t!(
            "letter-quoted-local-part",
            address = address.to_string()
        ))
    } else if address.domain().starts_with('[') {
        Some(crate::t!(
            "letter-address-literal",
            address = address.to_string()
        ))
    } else {
        None
    }
}

/// The normalised note in a letter's data, if there is one.
fn data_note(context: &handlebars::Context) -> Option<&str> {
    context.data().get("note").and_then(Value::as_str)
}

/// A template without a place for the personal paragraph, given a note:
/// no code can guess where free text reads right in the letter's language
/// (after a German greeting's comma the letter goes on in lowercase), so
/// the template must say it.
fn no_place_for_the_note(origin: &str) -> Failure {
    Failure::usage(crate::t!("letter-no-place-for-note", origin = origin))
        .hint(crate::t!("letter-no-place-for-note-hint"))
}

/// The message for a malformed block of alternative wordings.
fn malformed_variants(origin: &str, problem: &variants::Malformed) -> Failure {
    Failure::usage(crate::t!(
        "letter-template-line-error",
        origin = origin,
        line = problem.line().to_string(),
        problem = problem.to_string()
    ))
    .hint(crate::t!("letter-malformed-variants-hint"))
}

/// The message for a template refused by [`guard`].
fn unsafe_template(origin: &str, problem: guard::Unsafe) -> Failure {
    match problem {
        guard::Unsafe::TooDeep { line } => Failure::usage(crate::t!(
            "letter-too-deep",
            origin = origin,
            line = line.to_string(),
            max = MAX_DEPTH
        ))
        .hint(crate::t!("letter-too-deep-hint")),
        guard::Unsafe::Recursive { chain } => Failure::usage(crate::t!(
            "letter-recursive-partial",
            origin = origin,
            partial = chain[0].as_str(),
            chain = chain
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" → ")
        ))
        .hint(crate::t!(
            "letter-recursive-partial-hint",
            partial = chain[chain.len() - 2].as_str()
        )),
        guard::Unsafe::TooDeepThroughPartials => Failure::usage(crate::t!(
            "letter-too-deep-through-partials",
            origin = origin,
            max = MAX_DEPTH
        ))
        .hint(crate::t!("letter-too-deep-through-partials-hint")),
        guard::Unsafe::DynamicPartial => {
            Failure::usage(crate::t!("letter-dynamic-partial", origin = origin))
                .hint(crate::t!("letter-dynamic-partial-hint"))
        }
    }
}

/// A personal note as paragraphs of the letter: line ends normalised,
/// lines of one paragraph joined by a space (a hard-wrapped text file
/// reads as it was meant), paragraphs separated by one blank line, and
/// surrounding blank space removed. `None` when nothing is left.
pub fn note_paragraphs(text: &str) -> Option<String> {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                paragraphs.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        paragraphs.push(current.join(" "));
    }
    (!paragraphs.is_empty()).then(|| paragraphs.join("\n\n"))
}

/// Splits a rendered template into its `Subject:` and body.
fn split_headers(text: &str) -> Result<(String, String), String> {
    let (head, body) = text
        .split_once("\n\n")
        .ok_or_else(|| crate::t!("letter-no-blank-line"))?;
    let mut subject = None;
    for line in head.lines() {
        let (name, value) = line
            .split_once(':')
            .ok_or_else(|| crate::t!("letter-header-without-colon", line = line))?;
        if name.trim().eq_ignore_ascii_case("subject") {
            subject = Some(value.trim().to_string());
        } else {
            return Err(crate::t!("letter-unsupported-header", name = name.trim()));
        }
    }
    let subject = subject
        .filter(|s| !s.is_empty())
        .ok_or_else(|| crate::t!("letter-no-subject"))?;
    if body.trim().is_empty() {
        return Err(crate::t!("letter-empty-body"));
    }
    let body = format!("{}\n", body.trim_matches('\n'));
    Ok((subject, body))
}

/// A `Date:` value in the local time zone with its offset (RFC 5322
/// §3.3), e.g. `Fri, 27 Nov 2026 17:40:00 +0100` with TZ=Europe/Berlin.
pub fn rfc5322_local_date(date: SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(date)
        .format("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

impl Letter {
    /// The message as it is sent: one To, UTF-8 plain text, a stable
    /// Message-ID whose domain is the sender's, never the host name.
    pub fn message(&self, date: SystemTime) -> Message {
        self.build(date, self.encoded_body())
    }

    /// The message's headers exactly as [`message`](Self::message) sends
    /// them, with an empty body: the text and JSON previews show the body
    /// as text, and encoding it was a fifth of their time.
    pub fn headers_only(&self, date: SystemTime) -> Message {
        self.build(
            date,
            Body::dangerous_pre_encoded(Vec::new(), ContentTransferEncoding::QuotedPrintable),
        )
    }

    fn build(&self, date: SystemTime, body: Body) -> Message {
        // Setting the envelope and the encoded body ourselves spares lettre
        // parsing its own headers back and trying every encoding: this is
        // the hot path of a large campaign.
        let envelope = Envelope::new(Some(self.from.email.clone()), vec![self.to.email.clone()])
            .expect("a letter always has a sender and one recipient"); // i18n: not shown (cannot fail)
        let mut builder = Message::builder()
            .from(self.from.clone())
            .to(self.to.clone())
            .subject(self.subject.clone())
            .date(date)
            .message_id(Some(self.message_id.clone()))
            .envelope(envelope);
        if let Some(reply_to) = &self.reply_to {
            builder = builder.reply_to(reply_to.clone());
        }
        let mut message = builder
            .header(MIME_VERSION_1_0)
            .header(ContentType::TEXT_PLAIN)
            .body(body)
            .expect("a letter always has From and To"); // i18n: not shown (cannot fail)
                                                        // lettre writes every Date in UTC (`+0000`); mail programs write
                                                        // the local offset, and so do we. Set after building: lettre's own
                                                        // Date header cannot parse an offset back and would replace it.
        message.headers_mut().insert_raw(HeaderValue::new(
            HeaderName::new_from_ascii_str("Date"),
            rfc5322_local_date(date),
        ));
        message
    }

    /// The body as quoted-printable with CRLF line ends: always valid for
    /// any text, readable where it is ASCII (which German mostly is).
    fn encoded_body(&self) -> Body {
        let crlf = self.body.replace('\n', "\r\n");
        Body::dangerous_pre_encoded(
            quoted_printable::encode(crlf),
            ContentTransferEncoding::QuotedPrintable,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recipient(name: &str, salutation: Option<Salutation>, title: Option<&str>) -> Recipient {
        Recipient {
            name: name.into(),
            salutation,
            title: title.map(Into::into),
            family_name: None,
            email: "x@example.org".into(),
            party: None,
            left_office: None,
            ..Default::default()
        }
    }

    #[test]
    fn greeting_follows_german_rules() {
        use Salutation::*;
        assert_eq!(
            greeting(&recipient("Katarina Barley", Some(Frau), Some("Dr."))),
            "Sehr geehrte Frau Dr. Barley,"
        );
        assert_eq!(
            greeting(&recipient("Martin Sonneborn", Some(Herr), None)),
            "Sehr geehrter Herr Sonneborn,"
        );
        assert_eq!(
            greeting(&recipient("Patrick Breyer", Some(Herr), Some("Dr."))),
            "Sehr geehrter Herr Dr. Breyer,"
        );
        assert_eq!(
            greeting(&recipient("Kim Müller", None, Some("Dr."))),
            "Guten Tag Kim Müller,"
        );
        assert_eq!(
            greeting(&recipient(
                "Karolin Braunsberger-Reinhold",
                Some(Frau),
                None
            )),
            "Sehr geehrte Frau Braunsberger-Reinhold,"
        );
        let mut von = recipient("Ursula von der Leyen", Some(Frau), Some("Dr."));
        von.family_name = Some("von der Leyen".into());
        assert_eq!(greeting(&von), "Sehr geehrte Frau Dr. von der Leyen,");
    }

    #[test]
    fn german_dates() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        assert_eq!(letter_date("de", d), "5. März 2026");
        assert_eq!(letter_date("en", d), "2026-03-05");
    }

    #[test]
    fn headers_are_split_from_the_body() {
        let (s, b) = split_headers("Subject: Hallo\n\n\nText\n\n").unwrap();
        assert_eq!((s.as_str(), b.as_str()), ("Hallo", "Text\n"));
        assert!(split_headers("Text ohne Kopf").is_err());
        assert!(split_headers("From: x\n\nText")
            .unwrap_err()
            .contains("unsupported header `From`"));
        assert!(split_headers("Subject:  \n\nText").is_err());
        assert!(split_headers("Subject: x\n\n\n")
            .unwrap_err()
            .contains("body is empty"));
    }

    #[test]
    fn notes_become_paragraphs() {
        assert_eq!(note_paragraphs("  \n \r\n"), None);
        assert_eq!(note_paragraphs(" Ein Satz. ").as_deref(), Some("Ein Satz."));
        assert_eq!(
            note_paragraphs("\r\nErste Zeile\r\nzweite Zeile.\r\n\r\n\r\n\r\nNoch ein Absatz.\n")
                .as_deref(),
            Some("Erste Zeile zweite Zeile.\n\nNoch ein Absatz.")
        );
    }

    #[test]
    fn the_previews_headers_are_the_sent_messages_headers() {
        let letter = Letter {
            from: "Erika Müller <gruppe@example.org>".parse().unwrap(),
            reply_to: Some("erika@example.org".parse().unwrap()),
            to: "Dr. Katarina Barley <katarina.barley@europarl.europa.eu>"
                .parse()
                .unwrap(),
            subject: "Gesichtserkennung verbieten – jetzt".into(),
            body: "Sehr geehrte Frau Dr. Barley,\n\nGrüße = Text\n".into(),
            message_id: "<abc@example.org>".into(),
            key: Key {
                campaign: "c".into(),
                sender: "s".into(),
                recipient: "r".into(),
            },
            variants: Vec::new(),
        };
        let now = SystemTime::now();
        let sent = letter.message(now).formatted();
        let shown = letter.headers_only(now).formatted();
        assert!(
            shown.ends_with(b"\r\n\r\n"),
            "{}",
            String::from_utf8_lossy(&shown)
        );
        assert!(sent.starts_with(&shown));
        assert!(sent.len() > shown.len() + 40, "the body follows");
    }

    #[test]
    fn key_hash_is_stable_and_separates_parts() {
        assert_eq!(
            letter_key_hash("c", "s", "r"),
            letter_key_hash("c", "s", "r")
        );
        assert_ne!(
            letter_key_hash("c", "sr", ""),
            letter_key_hash("c", "s", "r")
        );
        assert_eq!(letter_key_hash("c", "s", "r").len(), 32);
    }

    /// The hints that quote handlebars syntax escape its braces in Fluent:
    /// the English text is the one these hints always had, and the German
    /// keeps the braces too.
    #[test]
    fn hints_quoting_handlebars_keep_their_braces() {
        use crate::i18n::{message_in, Lang};
        use fluent_bundle::FluentValue;
        let en = |key: &str| message_in(Lang::En, key, &[]);
        assert_eq!(
            en("letter-no-place-for-note-hint"),
            "put a `{{#if note}}{{note}}…{{/if}}` block where the paragraph reads right \
             (e.g. after the first paragraph; the README's \"Templates\" section shows it), \
             or leave out the note"
        );
        assert_eq!(
            en("letter-malformed-variants-hint"),
            "write alternatives as whole lines: `{{#variants}}`, a wording, `{{or}}`, \
             another wording, …, `{{/variants}}` (see the README's \"Templates\" section)"
        );
        assert_eq!(
            en("letter-too-deep-hint"),
            "a letter needs only a few levels of `{{#if}}`; look for blocks opened by mistake"
        );
        assert_eq!(
            en("letter-too-deep-through-partials-hint"),
            "a letter needs only a few levels of `{{#if}}` and `{{> partial}}`"
        );
        let partial = [("partial", FluentValue::from("p"))];
        assert_eq!(
            message_in(Lang::En, "letter-recursive-partial-hint", &partial),
            "remove the `{{> p}}` inside it"
        );
        assert_eq!(
            message_in(Lang::De, "letter-recursive-partial-hint", &partial),
            "Entferne das `{{> p}}` darin."
        );
        let origin = [("origin", FluentValue::from("t.hbs"))];
        assert_eq!(
            message_in(Lang::En, "letter-dynamic-partial", &origin),
            "template `t.hbs`: a partial name must be written out (`{{> name}}`), not computed"
        );
        assert!(message_in(Lang::De, "letter-no-place-for-note-hint", &[])
            .contains("`{{#if note}}{{note}}…{{/if}}`"));
    }
}
