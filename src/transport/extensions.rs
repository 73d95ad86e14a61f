//! The server's extension list exactly as its EHLO reply gives it.
//!
//! lettre keeps only the extensions it knows (PIPELINING is not among
//! them), and after STARTTLS it sends EHLO itself. Asking again would cost
//! a round trip and a third EHLO per connection (Postfix logs `ehlo=3`).
//! So while lettre connects or starts TLS, the replies it reads are taken
//! from its `tracing` debug events (`<< 250-…` lines, lettre's `tracing`
//! feature), on this thread only and for that call only. If lettre ever
//! stops logging them, the caller sees no list and asks EHLO itself.

use std::sync::{Arc, Mutex};

use tracing_core::field::{Field, Visit};
use tracing_core::span::{Attributes, Id, Record};
use tracing_core::subscriber::{Interest, Subscriber};
use tracing_core::{Dispatch, Event, Metadata};

/// Runs `f` (a lettre call that reads an EHLO reply) and returns its
/// result with the keywords of the last EHLO reply it read, upper-case
/// (`PIPELINING`, `8BITMIME`, `AUTH`, …), or None if none was seen.
pub(crate) fn during<T>(f: impl FnOnce() -> T) -> (T, Option<Vec<String>>) {
    let replies = Arc::new(Mutex::new(Vec::new()));
    let dispatch = Dispatch::new(Replies {
        seen: Arc::clone(&replies),
    });
    let result = tracing_core::dispatcher::with_default(&dispatch, f);
    let seen = replies.lock().unwrap_or_else(|e| e.into_inner());
    (result, last_ehlo_keywords(&seen))
}

/// The keywords of the last `250` reply among lettre's `<< …` messages.
/// lettre logs the reply read so far after each line, with `<CRLF>` for
/// each line end; the last message of a reply holds all of it.
fn last_ehlo_keywords(messages: &[String]) -> Option<Vec<String>> {
    let reply = messages
        .iter()
        .rev()
        .find_map(|m| m.strip_prefix("<< "))
        .filter(|r| r.starts_with("250"))?;
    let keywords = reply
        .split("<CRLF>")
        .filter(|line| line.len() > 4)
        // The first line is the server's name and greeting.
        .skip(1)
        .filter_map(|line| line[4..].split_whitespace().next())
        .map(|keyword| keyword.to_ascii_uppercase())
        .collect();
    Some(keywords)
}

/// Collects the messages of lettre's events.
struct Replies {
    seen: Arc<Mutex<Vec<String>>>,
}

impl Subscriber for Replies {
    fn register_callsite(&self, _: &'static Metadata<'static>) -> Interest {
        // Decided per call (`enabled`): other threads have no subscriber.
        Interest::sometimes()
    }

    fn enabled(&self, metadata: &Metadata<'_>) -> bool {
        metadata.target().starts_with("lettre")
    }

    fn new_span(&self, _: &Attributes<'_>) -> Id {
        Id::from_u64(1)
    }

    fn record(&self, _: &Id, _: &Record<'_>) {}

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut message = Message(None);
        event.record(&mut message);
        if let Some(text) = message.0.filter(|t| t.starts_with("<< ")) {
            self.seen
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(text);
        }
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// An event's `message` field as text.
struct Message(Option<String>);

impl Visit for Message {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "message" {
            self.0 = Some(format!("{value:?}"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_250_reply_gives_the_keywords() {
        let messages = [
            "<< 220 2.0.0 Ready to start TLS<CRLF>".to_string(),
            "<< 250-localhost Hello example.org<CRLF>".to_string(),
            "<< 250-localhost Hello example.org<CRLF>250-8BITMIME<CRLF>250-AUTH PLAIN LOGIN<CRLF>250 pipelining<CRLF>"
                .to_string(),
        ];
        assert_eq!(
            last_ehlo_keywords(&messages).unwrap(),
            ["8BITMIME", "AUTH", "PIPELINING"]
        );
        assert_eq!(last_ehlo_keywords(&messages[..1]), None);
        assert_eq!(last_ehlo_keywords(&[]), None);
    }
}
