//! The transport module driven directly, against the scripted server over
//! STARTTLS with a login: for the one path the binary reaches only on a
//! fault a test cannot cause from outside, the journal's fdatasync failing
//! after the server said 354 (a full disk fails the write before MAIL,
//! which `tests/group.rs` covers).

mod support;

use std::time::{Duration, Instant};

use appeal::config::Security;
use appeal::transport::{Session, Settings, SmtpError, Then};
use lettre::Address;
use secrecy::SecretString;
use support::certs::{make_certs, write_ca};
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "correct horse battery staple";

#[test]
fn a_record_that_cannot_be_made_durable_after_the_354_sends_nothing_and_closes_the_connection() {
    let certs = make_certs();
    let dir = tempfile::tempdir().unwrap();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let settings = settings_for(&server, dir.path(), &certs);
    let from: Address = USER.parse().unwrap();
    let to: Address = "mep1@example.org".parse().unwrap();
    let mut session = Session::open(&settings).expect("STARTTLS and login");

    let mut asked = 0;
    let mut fail_sync = || {
        asked += 1;
        Err(std::io::Error::other("Input/output error"))
    };
    let result = session.send(
        &from,
        &to,
        b"Subject: Test\r\n\r\nHallo\r\n",
        &mut fail_sync,
        &mut || Then::Wait,
    );
    match result {
        Err(SmtpError::Withheld(m)) => assert_eq!(
            m,
            "cannot record the letter before sending it: Input/output error"
        ),
        other => panic!("expected the journal failure, got {other:?}"),
    }
    assert_eq!(asked, 1, "asked once, after the 354");
    assert!(session.is_unusable(), "the server is waiting for data");
    session.quit();

    // The server said 354 and then saw the connection close: no message, no
    // final dot, and no RSET or QUIT read as message data.
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
    assert!(server.messages().is_empty());
    let transcript = server.transcript();
    assert!(
        transcript.last().is_some_and(|l| l.ends_with(": DATA")),
        "{transcript:?}"
    );
    assert!(
        transcript
            .iter()
            .all(|l| !l.ends_with(": RSET") && !l.ends_with(": QUIT")),
        "{transcript:?}"
    );
}

/// A session whose letter to `to` was withheld after the server's 354 (its
/// record could not be made durable): the server waits for a message that
/// will not come, so the session is unusable.
fn session_with_a_withheld_letter(
    settings: &Settings,
    from: &Address,
    to: &Address,
    message: &[u8],
) -> Session {
    let mut session = Session::open(settings).expect("STARTTLS and login");
    let withheld = session.send(
        from,
        to,
        message,
        &mut || Err(std::io::Error::other("Input/output error")),
        &mut || Then::Wait,
    );
    assert!(
        matches!(withheld, Err(SmtpError::Withheld(_))),
        "{withheld:?}"
    );
    session
}

/// Settings for `server` (STARTTLS, login), trusting `certs` through a
/// `ca_file` in `dir`.
fn settings_for(
    server: &smtp::TestServer,
    dir: &std::path::Path,
    certs: &support::certs::TestCerts,
) -> Settings {
    Settings {
        host: "127.0.0.1".into(),
        port: server.port(),
        security: Security::StartTls,
        username: Some(USER.into()),
        password: Some(SecretString::from(PASSWORD)),
        auth: appeal::config::Auth::Password,
        ca_file: Some(write_ca(dir, certs)),
        tls_fingerprints: Vec::new(),
        hello_domain: "example.org".into(),
        command_timeout: Duration::from_secs(5),
        data_timeout: Duration::from_secs(5),
        verbose: false,
    }
}

#[test]
fn a_session_that_is_unusable_or_has_sent_its_quit_sends_nothing_more() {
    let certs = make_certs();
    let dir = tempfile::tempdir().unwrap();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let settings = settings_for(&server, dir.path(), &certs);
    let from: Address = USER.parse().unwrap();
    let first: Address = "mep1@example.org".parse().unwrap();
    let second: Address = "mep2@example.org".parse().unwrap();
    let message = b"Subject: Test\r\n\r\nHallo\r\n";

    // Unusable: the server waits for the message of a letter whose record
    // could not be made durable. A further letter must not go out on it
    // (its MAIL would become message data).
    let mut session = session_with_a_withheld_letter(&settings, &from, &first, message);
    assert!(session.is_unusable());
    let mut asked = 0;
    let again = session.send(
        &from,
        &second,
        message,
        &mut || {
            asked += 1;
            Ok(())
        },
        &mut || Then::Wait,
    );
    match again {
        Err(SmtpError::Dropped(m)) => assert_eq!(m, "the connection was closed"),
        other => panic!("expected the closed connection, got {other:?}"),
    }
    assert_eq!(asked, 0, "no record is asked for a letter not sent");
    session.quit();

    // QUIT went out with the last letter's final dot: the server closes
    // the connection after its 221, so the next letter needs another.
    let mut session = Session::open(&settings).expect("STARTTLS and login");
    assert!(session.info.pipelining, "the scripted server offers it");
    let sent = session.send(&from, &first, message, &mut || Ok(()), &mut || Then::Quit);
    assert!(matches!(&sent, Ok(reply) if reply.code == 250), "{sent:?}");
    let after_quit = session.send(&from, &second, message, &mut || Ok(()), &mut || Then::Wait);
    match after_quit {
        Err(SmtpError::Dropped(m)) => assert_eq!(m, "the connection was closed"),
        other => panic!("expected the closed connection, got {other:?}"),
    }
    session.quit();

    // Only the letter that went out arrived, and nothing followed the
    // QUIT or the 354 that was left without a message.
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{:?}", server.transcript());
    assert_eq!(messages[0].rcpt_to, vec!["mep1@example.org".to_string()]);
    let parsed = mail_parser::MessageParser::default()
        .parse(&messages[0].data)
        .expect("a parsable message");
    assert_eq!(parsed.subject(), Some("Test"));
    assert!(
        server
            .transcript()
            .iter()
            .all(|l| !l.contains("mep2@example.org")),
        "{:?}",
        server.transcript()
    );
}

/// The server's error for connection `number` once the client hung up
/// during a message's data (waited for up to 10 s).
fn hung_up_during_data(server: &smtp::TestServer, number: usize) -> String {
    let started = Instant::now();
    loop {
        let prefix = format!("{number}: ");
        if let Some(e) = server
            .errors()
            .into_iter()
            .find(|e| e.starts_with(&prefix) && e.contains("during DATA"))
        {
            return e;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{:?}",
            server.errors()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_session_ended_while_the_server_waits_for_a_message_only_closes() {
    // After a 354 anything written becomes message data: ending the session
    // then must close the connection without QUIT, which discards the
    // message. Both ways the server can be left waiting: a withheld letter
    // (unusable session), and the next letter's envelope sent with the
    // last letter's dot when no letter follows after all.
    let certs = make_certs();
    let dir = tempfile::tempdir().unwrap();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let settings = settings_for(&server, dir.path(), &certs);
    let from: Address = USER.parse().unwrap();
    let first: Address = "mep1@example.org".parse().unwrap();
    let second: Address = "mep2@example.org".parse().unwrap();
    let message = b"Subject: Test\r\n\r\nHallo\r\n";

    let session = session_with_a_withheld_letter(&settings, &from, &first, message);
    session.quit();
    let error = hung_up_during_data(&server, 1);
    assert!(error.ends_with("(during DATA, after 0 bytes)"), "{error}");

    let mut session = Session::open(&settings).expect("STARTTLS and login");
    let next = appeal::transport::Envelope {
        from: from.clone(),
        to: second.clone(),
        ascii: true,
    };
    let mut then = Some(Then::Envelope(next));
    let sent = session.send(&from, &first, message, &mut || Ok(()), &mut || {
        then.take().expect("asked once")
    });
    assert!(matches!(&sent, Ok(reply) if reply.code == 250), "{sent:?}");
    assert!(!session.is_unusable());
    session.quit();
    let error = hung_up_during_data(&server, 2);
    assert!(error.ends_with("(during DATA, after 0 bytes)"), "{error}");

    // The first letter arrived; the second's envelope was accepted, its
    // message never came.
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "{:?}", server.transcript());
    assert_eq!(messages[0].rcpt_to, vec!["mep1@example.org".to_string()]);
    assert!(
        server
            .transcript()
            .iter()
            .any(|l| l == "2: RCPT TO:<mep2@example.org>"),
        "{:?}",
        server.transcript()
    );
    assert!(
        server.transcript().iter().all(|l| !l.ends_with(": QUIT")),
        "{:?}",
        server.transcript()
    );
}
