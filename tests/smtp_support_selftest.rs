//! Checks that the test SMTP servers in tests/support behave as documented,
//! driven by lettre (and by a raw socket where lettre hides the details).

mod support;

use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use lettre::transport::smtp::authentication::{Credentials, Mechanism};
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::transport::smtp::extension::ClientId;
use lettre::{Message, SmtpTransport, Transport};

use support::certs::{make_certs, make_untrusted_certs, write_ca, TestCerts};
use support::smtp::{start, start_mailin, Action, Fault, ServerOptions, Step};

const WAIT: Duration = Duration::from_secs(2);

fn tls_params(certs: &TestCerts) -> TlsParameters {
    TlsParameters::builder("localhost".into())
        .add_root_certificate(Certificate::from_pem(certs.ca_pem.as_bytes()).unwrap())
        .build_rustls()
        .unwrap()
}

fn transport(port: u16, tls: Tls, creds: Option<(&str, &str)>) -> SmtpTransport {
    let mut builder = SmtpTransport::builder_dangerous("127.0.0.1")
        .port(port)
        .tls(tls)
        .hello_name(ClientId::Domain("client.example".into()))
        .timeout(Some(Duration::from_secs(5)));
    if let Some((user, pass)) = creds {
        builder = builder.credentials(Credentials::new(user.into(), pass.into()));
    }
    builder.build()
}

fn message(to: &str) -> Message {
    Message::builder()
        .from("Sender <sender@example.org>".parse().unwrap())
        .to(to.parse().unwrap())
        .subject("Hello")
        .body("First line\r\n.leading dot\r\n".to_string())
        .unwrap()
}

fn io_kind(err: &(dyn std::error::Error + 'static)) -> Option<ErrorKind> {
    let mut source = err.source();
    while let Some(e) = source {
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            return Some(io.kind());
        }
        source = e.source();
    }
    None
}

/// A minimal client for checking the wire format directly.
struct Raw {
    reader: BufReader<TcpStream>,
}

impl Raw {
    fn connect(port: u16) -> Raw {
        let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        stream.set_read_timeout(Some(WAIT)).unwrap();
        Raw {
            reader: BufReader::new(stream),
        }
    }

    /// Read one (possibly multi-line) reply; returns (code, all lines).
    fn reply(&mut self) -> (u16, Vec<String>) {
        let mut lines = Vec::new();
        loop {
            let mut line = String::new();
            self.reader.read_line(&mut line).unwrap();
            assert!(line.len() >= 4, "short reply line {line:?}");
            let code = line[..3].parse().unwrap();
            let last = line.as_bytes()[3] == b' ';
            lines.push(line.trim_end().to_string());
            if last {
                return (code, lines);
            }
        }
    }

    fn send(&mut self, line: &str) -> (u16, Vec<String>) {
        let stream = self.reader.get_mut();
        stream.write_all(line.as_bytes()).unwrap();
        stream.write_all(b"\r\n").unwrap();
        self.reply()
    }
}

#[test]
fn starttls_auth_delivery_is_recorded() {
    let certs = make_certs();
    let server = start(ServerOptions::starttls(&certs, "alice", "s3cret"));
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("alice", "s3cret")),
    );
    mailer
        .send(&message("Rep <rep@bundestag.example>"))
        .unwrap();

    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    let m = &msgs[0];
    assert_eq!(m.connection, 1);
    assert!(m.tls);
    assert_eq!(m.authenticated_as.as_deref(), Some("alice"));
    assert_eq!(m.mail_from, "sender@example.org");
    assert_eq!(m.rcpt_to, vec!["rep@bundestag.example".to_string()]);
    assert_eq!(m.helo, "client.example");
    let text = m.text();
    assert!(text.contains("Subject: Hello\r\n"), "{text}");
    assert!(
        text.contains("\r\n.leading dot\r\n"),
        "not unstuffed: {text}"
    );
    assert!(text.ends_with("\r\n") && !text.ends_with("\r\n.\r\n"));
    assert_eq!(server.connections(), 1);

    let transcript = server.transcript();
    let expected_start = [
        "1: EHLO client.example",
        "1: STARTTLS",
        "1: EHLO client.example",
    ];
    assert_eq!(&transcript[..3], &expected_start, "{transcript:?}");
    assert!(
        transcript[3].starts_with("1: AUTH PLAIN "),
        "{transcript:?}"
    );
    // The AUTH payload is kept verbatim: \0alice\0s3cret in base64.
    let payload = transcript[3].rsplit(' ').next().unwrap();
    assert_eq!(
        support::smtp::decode_base64(payload).unwrap(),
        b"\0alice\0s3cret"
    );
    assert!(
        transcript.contains(&"1: QUIT".to_string()),
        "{transcript:?}"
    );
    assert_eq!(server.errors(), Vec::<String>::new());
}

#[test]
fn wrong_password_gets_535() {
    let certs = make_certs();
    let server = start(ServerOptions::starttls(&certs, "alice", "s3cret"));
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("alice", "wrong")),
    );
    let err = mailer.send(&message("rep@example.org")).unwrap_err();
    assert_eq!(err.status().map(|c| c.to_string()).as_deref(), Some("535"));
    assert!(server.messages().is_empty());
}

#[test]
fn auth_login_is_supported() {
    let certs = make_certs();
    let server = start(ServerOptions::starttls(&certs, "bob", "pw"));
    let mailer = SmtpTransport::builder_dangerous("127.0.0.1")
        .port(server.port())
        .tls(Tls::Required(tls_params(&certs)))
        .credentials(Credentials::new("bob".into(), "pw".into()))
        .authentication(vec![Mechanism::Login])
        .timeout(Some(Duration::from_secs(5)))
        .build();
    mailer.send(&message("rep@example.org")).unwrap();
    let msgs = server.messages();
    assert_eq!(msgs[0].authenticated_as.as_deref(), Some("bob"));
    assert!(server.transcript().iter().any(|l| l == "1: AUTH LOGIN"));
}

#[test]
fn implicit_tls_delivery() {
    let certs = make_certs();
    let server = start(ServerOptions::implicit_tls(&certs, "alice", "pw"));
    let mailer = transport(
        server.port(),
        Tls::Wrapper(tls_params(&certs)),
        Some(("alice", "pw")),
    );
    mailer.send(&message("rep@example.org")).unwrap();
    let msgs = server.messages();
    assert_eq!(msgs.len(), 1);
    assert!(msgs[0].tls);
    assert_eq!(msgs[0].authenticated_as.as_deref(), Some("alice"));
    assert!(!server.transcript().iter().any(|l| l.contains("STARTTLS")));
}

#[test]
fn untrusted_certificate_is_rejected() {
    let trusted = make_certs();
    let server = start(ServerOptions::starttls(&make_untrusted_certs(), "a", "b"));
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&trusted)),
        Some(("a", "b")),
    );
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(server.messages().is_empty());
    // The handshake failure is recorded on the server side too.
    let deadline = Instant::now() + WAIT;
    while server.errors().is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    let errors = server.errors();
    assert!(
        errors.iter().any(|e| e.contains("TLS handshake failed")),
        "{errors:?}"
    );
}

#[test]
fn server_without_starttls_fails_required_tls() {
    let certs = make_certs();
    let server = start(ServerOptions::starttls(&certs, "a", "b").without_starttls());
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("a", "b")),
    );
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(server.messages().is_empty());
    assert!(!server.transcript().iter().any(|l| l.contains("STARTTLS")));
}

#[test]
fn plain_server_and_wire_details() {
    let server = start(ServerOptions::plain());
    let mailer = transport(server.port(), Tls::None, None);
    mailer.send(&message("rep@example.org")).unwrap();
    let msgs = server.messages();
    assert!(!msgs[0].tls);
    assert_eq!(msgs[0].authenticated_as, None);

    let mut raw = Raw::connect(server.port());
    assert_eq!(raw.reply().0, 220);
    let (code, lines) = raw.send("EHLO raw.example");
    assert_eq!(code, 250);
    assert!(lines.iter().any(|l| l.ends_with("8BITMIME")), "{lines:?}");
    assert!(lines.iter().any(|l| l.ends_with("PIPELINING")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("STARTTLS")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("AUTH")), "{lines:?}");
    assert_eq!(raw.send("STARTTLS").0, 502);
    assert_eq!(raw.send("RCPT TO:<x@example.org>").0, 503);
    assert_eq!(raw.send("MAIL FROM:<a@example.org> BODY=8BITMIME").0, 250);
    assert_eq!(raw.send("RCPT TO:<b@example.org>").0, 250);
    assert_eq!(raw.send("DATA").0, 354);
    let (code, lines) = raw.send("Subject: x\r\n\r\n..one\r\n.two\r\nthree\r\n.");
    assert_eq!(code, 250);
    assert!(lines[0].contains("queued as"), "{lines:?}");
    assert_eq!(raw.send("NOOP").0, 250);
    assert_eq!(raw.send("RSET").0, 250);
    assert_eq!(raw.send("QUIT").0, 221);

    assert!(server.wait_for_messages(2, WAIT));
    let m = &server.messages()[1];
    assert_eq!(m.data, b"Subject: x\r\n\r\n.one\r\ntwo\r\nthree\r\n");
    assert_eq!(m.connection, 2);
    assert_eq!(m.helo, "raw.example");
    assert_eq!(server.connections(), 2);
}

#[test]
fn starttls_server_requires_tls_for_auth_and_auth_for_mail() {
    let certs = make_certs();
    let server = start(ServerOptions::starttls(&certs, "a", "b"));
    let mut raw = Raw::connect(server.port());
    assert_eq!(raw.reply().0, 220);
    let (_, lines) = raw.send("EHLO raw.example");
    assert!(lines.iter().any(|l| l.ends_with("STARTTLS")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.contains("AUTH")), "{lines:?}");
    assert_eq!(raw.send("AUTH PLAIN AGEAYg==").0, 538);
    assert_eq!(raw.send("MAIL FROM:<a@example.org>").0, 530);
    assert_eq!(raw.send("QUIT").0, 221);
    // The payload line is in the transcript verbatim.
    assert!(server
        .transcript()
        .contains(&"1: AUTH PLAIN AGEAYg==".to_string()));
}

#[test]
fn rcpt_fault_fires_only_for_matching_recipient() {
    let server = start(
        ServerOptions::plain().with_fault(
            Fault::new(Step::Rcpt, Action::Reply(550, "5.1.1 No such user".into()))
                .rcpt_contains("BOB@")
                .always(),
        ),
    );
    let mailer = transport(server.port(), Tls::None, None);
    mailer.send(&message("alice@example.org")).unwrap();
    let err = mailer.send(&message("bob@example.org")).unwrap_err();
    assert!(err.is_permanent(), "{err}");
    assert_eq!(err.status().map(|c| c.to_string()).as_deref(), Some("550"));
    mailer.send(&message("carol@example.org")).unwrap();
    mailer.send(&message("Bob@Example.org")).unwrap_err();

    let to: Vec<String> = server
        .messages()
        .iter()
        .map(|m| m.rcpt_to[0].clone())
        .collect();
    assert_eq!(to, vec!["alice@example.org", "carol@example.org"]);
    assert_eq!(server.faults_fired(), vec![2]);
}

#[test]
fn fault_skip_and_times_count_across_connections() {
    let server = start(
        ServerOptions::plain().with_fault(
            Fault::new(
                Step::Mail,
                Action::ReplyAndClose(421, "4.3.2 Try again later".into()),
            )
            .skip(1)
            .times(2),
        ),
    );
    let mailer = transport(server.port(), Tls::None, None);
    let results: Vec<bool> = (0..4)
        .map(|_| mailer.send(&message("rep@example.org")).is_ok())
        .collect();
    assert_eq!(results, vec![true, false, false, true]);
    assert_eq!(server.messages().len(), 2);
    assert_eq!(server.connections(), 4);
    assert_eq!(server.faults_fired(), vec![2]);
}

#[test]
fn store_and_close_at_end_of_data() {
    let server = start(
        ServerOptions::plain().with_fault(Fault::new(Step::EndOfData, Action::StoreAndClose)),
    );
    let mailer = transport(server.port(), Tls::None, None);
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(server.wait_for_messages(1, WAIT));
    assert_eq!(server.messages()[0].rcpt_to, vec!["rep@example.org"]);
    // The next attempt goes through normally (the fault is spent).
    mailer.send(&message("rep@example.org")).unwrap();
    assert_eq!(server.messages().len(), 2);
}

#[test]
fn close_at_end_of_data_does_not_store() {
    let server =
        start(ServerOptions::plain().with_fault(Fault::new(Step::EndOfData, Action::Close)));
    let mailer = transport(server.port(), Tls::None, None);
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(!server.wait_for_messages(1, Duration::from_millis(200)));
}

#[test]
fn close_at_mail() {
    let server = start(ServerOptions::plain().with_fault(Fault::new(Step::Mail, Action::Close)));
    let mailer = transport(server.port(), Tls::None, None);
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(server.messages().is_empty());
    let transcript = server.transcript();
    assert!(
        transcript
            .last()
            .unwrap()
            .starts_with("1: MAIL FROM:<sender@example.org>"),
        "{transcript:?}"
    );
}

#[test]
fn stall_at_end_of_data_stores_and_drop_ends_it() {
    let server = start(ServerOptions::plain().with_fault(Fault::new(
        Step::EndOfData,
        Action::Stall(Duration::from_secs(3600)),
    )));
    let mailer = SmtpTransport::builder_dangerous("127.0.0.1")
        .port(server.port())
        .timeout(Some(Duration::from_millis(400)))
        .build();
    let started = Instant::now();
    let err = mailer.send(&message("rep@example.org")).unwrap_err();
    // A socket read timeout surfaces as WouldBlock (EAGAIN) on Linux, which
    // lettre's is_timeout() does not recognise.
    assert!(
        err.is_timeout() || io_kind(&err) == Some(ErrorKind::WouldBlock),
        "{err:?}"
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(server.messages().len(), 1);
    let dropping = Instant::now();
    drop(server);
    assert!(dropping.elapsed() < Duration::from_secs(1));
}

#[test]
fn stall_then_normal_reply() {
    let server = start(ServerOptions::plain().with_fault(Fault::new(
        Step::Greeting,
        Action::Stall(Duration::from_millis(300)),
    )));
    let started = Instant::now();
    transport(server.port(), Tls::None, None)
        .send(&message("rep@example.org"))
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn write_ca_writes_the_ca() {
    let certs = make_certs();
    let dir = tempfile::tempdir().unwrap();
    let path = write_ca(dir.path(), &certs);
    assert_eq!(std::fs::read_to_string(path).unwrap(), certs.ca_pem);
}

#[test]
fn mailin_starttls_auth_delivery() {
    let certs = make_certs();
    let server = start_mailin(&certs, "alice", "s3cret");
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("alice", "s3cret")),
    );
    mailer.send(&message("rep@example.org")).unwrap();
    mailer.send(&message("other@example.org")).unwrap();
    assert!(server.wait_for_messages(2, WAIT));
    let msgs = server.messages();
    assert_eq!(msgs[0].mail_from, "sender@example.org");
    assert_eq!(msgs[0].rcpt_to, vec!["rep@example.org"]);
    assert_eq!(msgs[0].authenticated_as.as_deref(), Some("alice"));
    assert!(msgs[0].tls);
    assert_eq!(msgs[0].helo, "client.example");
    assert!(msgs[0].text().contains("\r\n.leading dot\r\n"));
    assert_eq!(msgs[1].connection, 2);
    assert_eq!(server.connections(), 2);
}

#[test]
fn mailin_wrong_password_gets_535() {
    let certs = make_certs();
    let server = start_mailin(&certs, "alice", "s3cret");
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("alice", "nope")),
    );
    let err = mailer.send(&message("rep@example.org")).unwrap_err();
    assert_eq!(err.status().map(|c| c.to_string()).as_deref(), Some("535"));
    assert!(server.messages().is_empty());
    assert_eq!(server.connections(), 1);
}

#[test]
fn reply_and_close_over_tls_reaches_the_client() {
    let certs = make_certs();
    let server = start(
        ServerOptions::starttls(&certs, "a", "b").with_fault(Fault::new(
            Step::Rcpt,
            Action::ReplyAndClose(421, "4.7.0 Too many messages, closing".into()),
        )),
    );
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("a", "b")),
    );
    let err = mailer.send(&message("rep@example.org")).unwrap_err();
    assert!(err.is_transient(), "{err:?}");
    assert_eq!(err.status().map(|c| c.to_string()).as_deref(), Some("421"));
    mailer.send(&message("rep@example.org")).unwrap();
    assert_eq!(server.messages().len(), 1);
    assert_eq!(server.messages()[0].connection, 2);
}

#[test]
fn starttls_refused_with_454() {
    let certs = make_certs();
    let server = start(
        ServerOptions::starttls(&certs, "a", "b").with_fault(Fault::new(
            Step::StartTls,
            Action::Reply(454, "4.7.0 TLS not available".into()),
        )),
    );
    let mailer = transport(
        server.port(),
        Tls::Required(tls_params(&certs)),
        Some(("a", "b")),
    );
    assert!(mailer.send(&message("rep@example.org")).is_err());
    assert!(server.messages().is_empty());
    assert_eq!(server.faults_fired(), vec![1]);
}

#[test]
fn pipelined_commands_are_answered_in_order_and_counted() {
    let server = start(ServerOptions::plain());
    let mut raw = Raw::connect(server.port());
    assert_eq!(raw.reply().0, 220);
    assert_eq!(raw.send("EHLO raw.example").0, 250);
    // MAIL and RCPT in one write, then DATA on its own: only the first
    // MAIL counts as pipelined.
    let (code, _) = raw.send("MAIL FROM:<a@example.org>\r\nRCPT TO:<b@example.org>");
    assert_eq!(code, 250);
    assert_eq!(raw.reply().0, 250);
    assert_eq!(raw.send("DATA").0, 354);
    assert_eq!(raw.send("Subject: x\r\n\r\nHallo\r\n.").0, 250);
    assert_eq!(server.pipelined_envelopes(), 1);
    assert_eq!(server.messages().len(), 1);
    // A refused RCPT (here 501): DATA in the same group gets 503.
    assert_eq!(
        raw.send("MAIL FROM:<a@example.org>\r\nRCPT FROM:<b@example.org>\r\nDATA")
            .0,
        250
    );
    assert_eq!(raw.reply().0, 501);
    assert_eq!(raw.reply().0, 503);
    assert_eq!(server.pipelined_envelopes(), 2);
}

#[test]
fn pipelining_can_be_left_out_and_data_can_be_accepted_without_recipients() {
    let server = start(
        ServerOptions::plain()
            .without_pipelining()
            .with_data_without_rcpt(),
    );
    let mut raw = Raw::connect(server.port());
    assert_eq!(raw.reply().0, 220);
    let (code, lines) = raw.send("EHLO raw.example");
    assert_eq!(code, 250);
    assert!(!lines.iter().any(|l| l.contains("PIPELINING")), "{lines:?}");
    assert_eq!(raw.send("MAIL FROM:<a@example.org>").0, 250);
    assert_eq!(raw.send("DATA").0, 354);
    assert_eq!(raw.send("Subject: x\r\n\r\nHallo\r\n.").0, 554);
    assert!(server.messages().is_empty());
}
