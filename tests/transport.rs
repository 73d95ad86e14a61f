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
    let settings = Settings {
        host: "127.0.0.1".into(),
        port: server.port(),
        security: Security::StartTls,
        username: Some(USER.into()),
        password: Some(SecretString::from(PASSWORD)),
        auth: appeal::config::Auth::Password,
        ca_file: Some(write_ca(dir.path(), &certs)),
        tls_fingerprints: Vec::new(),
        hello_domain: "example.org".into(),
        command_timeout: Duration::from_secs(5),
        data_timeout: Duration::from_secs(5),
        verbose: false,
    };
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
