//! `appeal send` and `appeal check` through the real binary against the
//! scripted server on 127.0.0.1 misbehaving in the ways real servers and
//! wrong settings do: a 354 after a refused envelope, replies that trickle
//! or never end, a port that speaks another protocol or the other TLS mode,
//! and the EHLOs a session costs. What the server received is checked, and
//! every message is asserted whole with its hint and exit code.

mod support;

use std::time::{Duration, Instant};

use support::certs::{make_certs, TestCerts};
use support::cli::{run, TestEnv};
use support::smtp::{self, Action, Fault, ServerOptions, Step, TestServer};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";

/// A home with a configuration for a server on `port`; `extra` are
/// further `[smtp]` lines.
fn env_for(port: u16, security: &str, certs: &TestCerts, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n"),
        port,
        security,
        USER,
        certs,
        extra,
    );
    env
}

/// `appeal ARGS…` with the password in the environment; a generous guard
/// against hanging (not a measure of speed).
fn appeal(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.cmd(args);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(Duration::from_secs(40));
    cmd
}

/// The last lines of stderr from `error:` on (the summary before them is
/// checked separately where it matters).
fn error_lines(stderr: &str) -> String {
    let start = stderr.find("error: ").unwrap_or_else(|| panic!("{stderr}"));
    stderr[start..].trim_end().to_string()
}

/// Waits until the server has noticed that the client closed the TLS
/// connection without a goodbye (here: in the middle of DATA).
fn wait_for_closed_data(server: &TestServer) {
    let started = Instant::now();
    while !server
        .errors()
        .iter()
        .any(|e| e.contains("peer closed connection"))
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            server.errors()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_354_after_every_recipient_was_refused_gets_no_final_dot_and_no_empty_message() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_lenient_data()
            .with_fault(
                Fault::new(
                    Step::Rcpt,
                    Action::Reply(550, "5.1.1 mailbox unavailable".into()),
                )
                .rcpt_contains("barley"),
            ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut appeal(&env, &["send", "--yes", "--to", "barley", "-v"]), 1).stderr_has(&[
        "smtp: < 354 End data",
        "smtp: (closing the connection: no letter after a refused envelope)",
        "refused    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: 550 5.1.1 mailbox unavailable",
        "summary: 0 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    wait_for_closed_data(&server);
    assert_eq!(server.messages(), vec![], "no empty message stored");
}

#[test]
fn a_354_after_a_refused_mail_gets_no_final_dot_and_the_next_letter_a_new_connection() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_lenient_data()
            .with_fault(Fault::new(
                Step::Mail,
                Action::Reply(550, "5.7.1 sender rejected".into()),
            )),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(
        &mut appeal(&env, &["send", "--yes", "--to", "barley", "--to", "sippel"]),
        1,
    )
    .stderr_has(&[
        "refused    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: 550 5.7.1 sender rejected",
        "summary: 1 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    wait_for_closed_data(&server);
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert_eq!(messages[0].rcpt_to, ["birgit.sippel@europarl.europa.eu"]);
    assert_eq!(messages[0].connection, 2);
    assert!(!messages[0].data.is_empty());
}
