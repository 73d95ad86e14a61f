//! The password is never on the screen (issue 17): a known password is
//! typed at the hidden prompt on a pseudo-terminal, and the WHOLE terminal
//! output, from the first byte to EOF, is searched for it: as typed, and as
//! the base64 that AUTH PLAIN and AUTH LOGIN would carry (so `-v`'s SMTP
//! dialogue cannot show it either). For `send`, with and without `-v`, and
//! for `setup`'s account test. (A token command does not exist yet.)

#![cfg(unix)]

mod support;

use rexpect::process::wait::WaitStatus;
use rexpect::session::PtySession;
use support::certs::{make_certs, write_ca, TestCerts};
use support::cli::TestEnv;
use support::smtp::{self, ServerOptions, TestServer};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Kq7-Nie-Zeigen!94";
const ENTER: &str = "\r";

/// A session on a pseudo-terminal that keeps everything it showed.
struct Screen {
    p: PtySession,
    shown: String,
}

impl Screen {
    fn spawn(mut cmd: std::process::Command) -> Screen {
        cmd.env("TERM", "xterm").env("NO_COLOR", "1");
        let p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn appeal on a pty");
        Screen {
            p,
            shown: String::new(),
        }
    }

    /// Waits for `text`, keeping it and everything before it.
    fn expect(&mut self, text: &str) {
        let before = self
            .p
            .exp_string(text)
            .unwrap_or_else(|e| panic!("waiting for {text:?}: {e}\nso far:\n{}", self.shown));
        self.shown.push_str(&before);
        self.shown.push_str(text);
    }

    /// Types `text` (dialoguer reads keys: flushed at once).
    fn keys(&mut self, text: &str) {
        self.p.send(text).unwrap();
        self.p.flush().unwrap();
    }

    /// Reads everything up to EOF and returns the exit code.
    fn finish(&mut self) -> i32 {
        let rest = self
            .p
            .exp_eof()
            .unwrap_or_else(|e| panic!("waiting for the end: {e}\nso far:\n{}", self.shown));
        self.shown.push_str(&rest);
        match self.p.process().wait().expect("wait for appeal") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("appeal did not exit normally: {other:?}"),
        }
    }

    /// Fails if the password, or its AUTH encodings, was ever shown.
    fn assert_password_never_shown(&self) {
        let plain = strip_escapes(&self.shown);
        for (what, secret) in [
            ("the password", PASSWORD.to_string()),
            (
                "the AUTH PLAIN string",
                base64(format!("\0{USER}\0{PASSWORD}").as_bytes()),
            ),
            ("the AUTH LOGIN password", base64(PASSWORD.as_bytes())),
        ] {
            for text in [&self.shown, &plain] {
                assert!(
                    !text.contains(&secret),
                    "{what} was on the screen:\n{}",
                    self.shown
                );
            }
        }
    }
}

/// The text without ANSI escape sequences (colours, cursor moves), so a
/// password echoed between them is still found.
fn strip_escapes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\x1b' {
            out.push(c);
            continue;
        }
        if chars.next_if_eq(&'[').is_some() {
            // CSI: parameters, then one final byte in @..~.
            for c in chars.by_ref() {
                if ('@'..='~').contains(&c) {
                    break;
                }
            }
        } else if let Some('(' | ')') = chars.next() {
            // Character set selection: one more byte.
            chars.next();
        }
    }
    out
}

/// Standard base64, as AUTH uses it.
fn base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// A STARTTLS server with our login, and a home configured for it (no
/// `password_command`: appeal asks on the terminal).
fn server_and_home() -> (TestServer, TestEnv, TestCerts) {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = TestEnv::new();
    let ca = write_ca(env.root(), &certs);
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\nca_file = \"{}\"\n",
        server.port(),
        ca.display()
    ));
    (server, env, certs)
}

/// `appeal send --yes --to barley` (plus `extra`) on a terminal: the
/// password is asked for, typed, the letter delivered; nothing of the
/// password on the screen.
fn send_types_the_password_unseen(extra: &[&str]) -> String {
    let (server, env, _certs) = server_and_home();
    let mut args = vec!["send", "--yes", "--to", "barley"];
    args.extend(extra);
    let mut screen = Screen::spawn(env.std_cmd(&args));
    screen.expect(&format!("Password for `{USER}`"));
    screen.keys(&format!("{PASSWORD}{ENTER}"));
    screen.expect("summary: 1 delivered, 0 refused, 0 uncertain, 0 left to send");
    assert_eq!(screen.finish(), 0, "{}", screen.shown);
    screen.assert_password_never_shown();
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "the typed password logged in");
    assert_eq!(messages[0].authenticated_as.as_deref(), Some(USER));
    screen.shown.clone()
}

#[test]
fn send_never_shows_the_typed_password() {
    send_types_the_password_unseen(&[]);
}

#[test]
fn send_verbose_never_shows_the_typed_password() {
    let shown = send_types_the_password_unseen(&["-v"]);
    // The dialogue was shown, with the login redacted.
    assert!(shown.contains("> AUTH [redacted]"), "{shown}");
}

#[test]
fn setup_never_shows_the_password_typed_for_its_account_test() {
    let (server, env, _certs) = server_and_home();
    let config = std::fs::read_to_string(env.config_file()).unwrap();
    let mut screen = Screen::spawn(env.std_cmd(&["setup"]));
    // Every answer its default (the old file's), then "yes" to the test.
    for question in [
        "Your name",
        "Your email address",
        "Your town",
        "Which server sends your mail?",
        "SMTP server",
        "How is the connection encrypted?",
        "Port",
        "Login name",
        "ask me each time",
    ] {
        screen.expect(question);
        screen.keys(ENTER);
    }
    screen.expect("Test the account now with `appeal check`?");
    screen.keys(ENTER); // the default is yes
    screen.expect(&format!("Password for `{USER}`"));
    screen.keys(&format!("{PASSWORD}{ENTER}"));
    screen.expect(&format!("ok: logged in as `{USER}`"));
    assert_eq!(screen.finish(), 0, "{}", screen.shown);
    screen.assert_password_never_shown();
    assert_eq!(
        std::fs::read_to_string(env.config_file()).unwrap(),
        config,
        "unchanged"
    );
    assert_eq!(server.connections(), 1);
}

#[test]
fn an_echo_between_escape_sequences_is_still_found() {
    // The search itself must bite: what a redrawing prompt would show.
    assert_eq!(strip_escapes("K\x1b[1mq7\x1b[0m-\x1b(B"), "Kq7-");
}

#[test]
fn check_never_shows_the_typed_password_even_verbose() {
    // The neighbour of `send`: `appeal check` asks the same way.
    let (server, env, _certs) = server_and_home();
    let mut screen = Screen::spawn(env.std_cmd(&["check", "-v"]));
    screen.expect(&format!("Password for `{USER}`"));
    screen.keys(&format!("{PASSWORD}{ENTER}"));
    screen.expect(&format!("ok: logged in as `{USER}`"));
    assert_eq!(screen.finish(), 0, "{}", screen.shown);
    screen.assert_password_never_shown();
    assert!(
        screen.shown.contains("> AUTH [redacted]"),
        "{}",
        screen.shown
    );
    assert!(server.messages().is_empty());
}
