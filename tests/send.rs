//! `appeal send` and `appeal check` through the real binary, against real
//! SMTP servers on 127.0.0.1 started by each test: the independent
//! mailin-embedded server for the plain success story, and our scriptable
//! server for TLS modes and faults. Assertions are on what the server
//! received, parsed as mail.

mod support;

use std::path::PathBuf;
use std::time::Duration;

use mail_parser::MessageParser;
use support::certs::{make_certs, make_untrusted_certs, TestCerts};
use support::cli::{run, usage_error, TestEnv};
use support::smtp::{self, Action, Fault, Received, ServerOptions, Step, TestServer};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";

/// The five members of the built-in campaign still in office and on LIBE
/// (Terry Reintke left the committee in 2024).
const IN_OFFICE: [&str; 5] = [
    "katarina.barley@europarl.europa.eu",
    "lena.duepont@europarl.europa.eu",
    "moritz.koerner@europarl.europa.eu",
    "birgit.sippel@europarl.europa.eu",
    "martin.sonneborn@europarl.europa.eu",
];

/// A home with a configuration for a server on `port`; `extra` are
/// further `[smtp]` lines.
fn env_for(port: u16, security: &str, certs: &TestCerts, extra: &str) -> TestEnv {
    TestEnv::for_erika(port, security, certs, extra)
}

/// Our server with STARTTLS and login, and a home configured for it.
fn starttls_server() -> (TestServer, TestEnv) {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "starttls", &certs, "");
    (server, env)
}

/// The server refuses Dr. Barley's address for good (550 at RCPT).
fn barley_refused() -> Fault {
    Fault::new(
        Step::Rcpt,
        Action::Reply(550, "5.1.1 mailbox unavailable".into()),
    )
    .rcpt_contains("barley")
}

/// The server answers `step` the first time 0.8 s late: after the 0.5 s
/// `timeout` the tests configure, before the next command's would end.
fn late_reply(step: Step) -> Fault {
    Fault::new(step, Action::Stall(Duration::from_millis(800)))
}

/// The server saw no AUTH (so no password) and stored no message.
fn no_login_and_nothing_stored(server: &TestServer) {
    let transcript = server.transcript();
    assert!(
        transcript.iter().all(|l| !l.contains("AUTH")),
        "no password may be sent: {transcript:#?}"
    );
    assert!(server.messages().is_empty());
}

/// `appeal send …` with the password in the environment.
fn send(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut all = vec!["send"];
    all.extend_from_slice(args);
    let mut cmd = env.cmd(&all);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(Duration::from_secs(60));
    cmd
}

/// Checks one received message: envelope and To agree, one recipient, the
/// decoded body is the signed German letter.
fn check_letter(m: &Received) -> String {
    assert_eq!(m.rcpt_to.len(), 1, "one recipient per message");
    assert_eq!(m.mail_from, USER);
    let parsed = MessageParser::default()
        .parse(&m.data)
        .expect("a parsable message");
    let to = parsed
        .to()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .unwrap();
    assert_eq!(to, m.rcpt_to[0], "envelope matches the To header");
    assert_eq!(parsed.to().unwrap().iter().count(), 1);
    assert!(parsed.cc().is_none() && parsed.bcc().is_none());
    let from = parsed.from().and_then(|a| a.first()).unwrap();
    assert_eq!(from.address(), Some(USER));
    assert_eq!(from.name(), Some("Erika Mustermann"));
    assert!(support::is_built_in_subject(parsed.subject().unwrap()));
    let id = parsed.message_id().unwrap();
    assert!(id.ends_with("@example.org"), "{id}");
    let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(
        body.contains("wir wenden uns als Mitglied des Ausschusses"),
        "{body}"
    );
    assert!(
        body.trim_end()
            .ends_with("Mit freundlichen Grüßen\nErika Mustermann\nKöln"),
        "{body}"
    );
    body
}

/// The Message-ID of a received message.
fn message_id(m: &Received) -> String {
    MessageParser::default()
        .parse(&m.data)
        .unwrap()
        .message_id()
        .unwrap()
        .to_string()
}

fn hostname() -> String {
    std::fs::read_to_string("/etc/hostname")
        .unwrap_or_default()
        .trim()
        .to_string()
}

#[test]
fn delivers_six_letters_over_one_encrypted_authenticated_connection_to_mailin() {
    let certs = make_certs();
    let server = smtp::start_mailin(&certs, USER, PASSWORD);
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut send(&env, &["--yes"]), 0);
    assert!(server.wait_for_messages(5, Duration::from_secs(5)));
    let messages = server.messages();
    assert_eq!(messages.len(), 5);
    assert_eq!(server.connections(), 1, "one connection for the whole run");
    let mut recipients: Vec<String> = messages.iter().map(|m| m.rcpt_to[0].clone()).collect();
    recipients.sort();
    let mut expected = IN_OFFICE.map(String::from).to_vec();
    expected.sort();
    assert_eq!(recipients, expected);
    for m in &messages {
        assert!(m.tls && m.authenticated_as.as_deref() == Some(USER));
        let body = check_letter(m);
        assert!(body.starts_with("Sehr geehrte") || body.starts_with("Sehr geehrter"));
    }
    let barley = messages
        .iter()
        .find(|m| m.rcpt_to[0].starts_with("katarina"))
        .unwrap();
    assert!(check_letter(barley).starts_with("Sehr geehrte Frau Dr. Barley,\n"));
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
}

#[test]
fn our_server_sees_starttls_then_auth_and_the_senders_domain_as_ehlo_name() {
    let (server, env) = starttls_server();
    send(&env, &["--yes"]).assert().code(0);
    let messages = server.messages();
    assert_eq!(messages.len(), 5);
    assert_eq!(server.connections(), 1);
    for m in &messages {
        check_letter(m);
        assert!(m.tls);
        assert_eq!(m.helo, "example.org");
    }
    let transcript = server.transcript();
    let starttls = transcript
        .iter()
        .position(|l| l.ends_with("STARTTLS"))
        .unwrap();
    let auth = transcript.iter().position(|l| l.contains("AUTH")).unwrap();
    assert!(starttls < auth, "{transcript:#?}");
    let host = hostname();
    if !host.is_empty() {
        assert!(
            transcript.iter().all(|l| !l.contains(&host)),
            "host name leaked: {transcript:#?}"
        );
        for m in &messages {
            assert!(!m.text().contains(&host), "host name leaked into a message");
        }
    }
}

#[test]
fn implicit_tls_works() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "tls", &certs, "");
    send(&env, &["--yes", "--to", "sonneborn"]).assert().code(0);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(messages[0].tls);
    assert!(check_letter(&messages[0]).starts_with("Sehr geehrter Herr Sonneborn,\n"));
}

#[test]
fn dry_run_opens_no_connection() {
    let (server, env) = starttls_server();
    let out = run(&mut env.cmd(&["send", "--dry-run"]), 0);
    out.stderr_has(&[
        "would send Dr. Katarina Barley <katarina.barley@europarl.europa.eu>",
        "dry run: 5 letters would be sent; nothing was sent",
    ]);
    // Each recipient is listed once: by its `would send` line, not also
    // in the summary above.
    for address in [
        "katarina.barley@europarl.europa.eu",
        "lena.duepont@europarl.europa.eu",
        "martin.sonneborn@europarl.europa.eu",
    ] {
        assert_eq!(out.stderr.matches(address).count(), 1, "{}", out.stderr);
    }
    assert_eq!(server.connections(), 0);
    assert!(
        !env.state_dir().join("appeal/journal").exists(),
        "a dry run writes no journal"
    );
}

#[test]
fn check_connects_encrypts_logs_in_and_sends_nothing() {
    let (server, env) = starttls_server();
    run(env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", PASSWORD), 0).stdout_has(&[
        "encrypted with STARTTLS",
        &format!("logged in as `{USER}`"),
        "nothing was sent",
    ]);
    assert_eq!(server.connections(), 1);
    assert!(server.messages().is_empty());
    assert!(server.transcript().iter().all(|l| !l.contains("MAIL FROM")));
    assert!(server.transcript().iter().any(|l| l.ends_with("QUIT")));
}

#[test]
fn check_without_smtp_configuration_says_to_run_setup() {
    let env = TestEnv::new();
    run(&mut env.cmd(&["check"]), 2).stderr_has(&[
        "error: no mail account configured",
        "hint: run `appeal setup`",
    ]);
}

#[test]
fn a_wrong_password_fails_after_one_attempt_naming_authentication() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, "the-right-one"));
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        "error: authentication failed",
        "535",
        "hint: check `username` and the password (providers such as Gmail need an app password); nothing more was tried",
    ]);
    let auths = server
        .transcript()
        .iter()
        .filter(|l| l.contains("AUTH"))
        .count();
    assert_eq!(auths, 1, "one attempt only");
    assert_eq!(server.connections(), 1);
    assert!(server.messages().is_empty());
    // Nothing was started, so the next run sends everything.
    let status = run(&mut env.cmd(&["status", "--format", "json"]), 0).stdout;
    let status: serde_json::Value = serde_json::from_str(&status).unwrap();
    assert_eq!(status["pending"], 5);
}

#[test]
fn check_with_a_wrong_password_exits_1() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, "the-right-one"));
    let env = env_for(server.port(), "starttls", &certs, "");
    run(env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", PASSWORD), 1)
        .stderr_has(&["error: check failed: authentication failed"]);
}

#[test]
fn an_untrusted_certificate_sends_nothing() {
    let server_certs = make_untrusted_certs();
    let trusted = make_certs();
    let server = smtp::start(ServerOptions::starttls(&server_certs, USER, PASSWORD));
    let env = env_for(server.port(), "starttls", &trusted, "");
    // Described, with the line that would pin it (tests/pinning.rs has the
    // whole message).
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        &format!(
            "error: the certificate of `127.0.0.1:{}` is not trusted: it is signed by an authority this computer does not trust\n  subject:     CN=localhost\n  issuer:      CN=appeal test CA\n",
            server.port()
        ),
        "hint: if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: tls_fingerprint = \"sha256:",
    ]);
    no_login_and_nothing_stored(&server);
}

#[test]
fn a_server_without_starttls_is_refused_before_auth() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).without_starttls());
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes"]), 1)
        .stderr_has(&["does not offer STARTTLS; refusing to continue unencrypted"]);
    no_login_and_nothing_stored(&server);
    assert!(server.transcript().iter().all(|l| !l.contains("MAIL")));
}

#[test]
fn security_none_to_a_remote_host_is_refused_before_connecting() {
    let env = TestEnv::new();
    env.write_config(
        "[sender]\nname = \"Erika\"\nemail = \"erika@example.org\"\n[smtp]\nhost = \"smtp.example.org\"\nport = 25\nsecurity = \"none\"\n",
    );
    for command in [&["send", "--yes"][..], &["check"][..]] {
        run(&mut env.cmd(command), 2).stderr_has(&[
            "`security = \"none\"` is only allowed for a server on this machine (localhost), not `smtp.example.org`",
        ]);
    }
}

#[test]
fn no_auth_over_an_unencrypted_loopback_connection() {
    let server = smtp::start(ServerOptions::plain().with_auth(USER, PASSWORD));
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika\"\nemail = \"{USER}\"\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"none\"\nusername = \"{USER}\"\n",
        server.port()
    ));
    run(&mut send(&env, &["--yes"]), 2)
        .stderr_has(&["refusing to send the password over an unencrypted connection"]);
    no_login_and_nothing_stored(&server);
}

#[test]
fn plain_loopback_without_login_works() {
    let server = smtp::start(ServerOptions::plain());
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n[smtp]\nhost = \"localhost\"\nport = {}\nsecurity = \"none\"\n",
        server.port()
    ));
    env.cmd(&["send", "--yes", "--to", "sippel"])
        .assert()
        .code(0);
    // `check` says what it could not verify.
    run(&mut env.cmd(&["check"]), 0).stdout_has(&[
        "note: not encrypted (`security = \"none\"`, allowed only on this machine)",
        "note: no login configured (`username` is not set)",
        "nothing was sent",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 1);
    assert!(!messages[0].tls && messages[0].authenticated_as.is_none());
    check_letter(&messages[0]);
}

#[test]
fn a_550_for_one_recipient_leaves_the_others_delivered() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::Rcpt,
                Action::Reply(550, "5.1.1 mailbox unavailable".into()),
            )
            .rcpt_contains("koerner")
            .always(),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        "refused    Moritz Körner <moritz.koerner@europarl.europa.eu>: 550 5.1.1 mailbox unavailable",
        "summary: 4 delivered, 1 refused",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 4);
    assert!(messages.iter().all(|m| !m.rcpt_to[0].contains("koerner")));
    assert_eq!(
        server.connections(),
        1,
        "a refusal does not cost the connection"
    );
    // `status` lists the refused letter with the server's reply.
    run(&mut env.cmd(&["status"]), 0).stdout_has(&[
        "delivered: 4",
        "refused:   1",
        "uncertain: 0",
        "pending:   0 (0 after a temporary failure, 0 not tried yet)",
        "  refused   Erika Mustermann → moritz.koerner@europarl.europa.eu",
        "550 5.1.1 mailbox unavailable",
    ]);
}

#[test]
fn dry_run_with_json_prints_one_event_per_letter_and_nothing_else() {
    let (server, env) = starttls_server();
    let out = run(&mut env.cmd(&["send", "--dry-run", "--json"]), 0);
    let events: Vec<serde_json::Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is JSON"))
        .collect();
    assert_eq!(events.len(), 5, "{}", out.stdout);
    for event in &events {
        assert_eq!(event["event"], "would_send");
        assert_eq!(event["sender_id"], USER);
        assert!(support::is_built_in_subject(
            event["subject"].as_str().unwrap()
        ));
        assert!(event["message_id"]
            .as_str()
            .is_some_and(|id| id.ends_with("@example.org>")));
    }
    assert_eq!(events[0]["recipient"], "katarina.barley@europarl.europa.eu");
    out.stderr_has(&["dry run: 5 letters would be sent; nothing was sent"]);
    assert_eq!(server.connections(), 0);
}

#[test]
fn a_dropped_connection_between_letters_reconnects_and_finishes() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::Mail, Action::Close).skip(2)),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    // A connection the server dropped while idle is not a failure of the
    // letter: it is reconnected at once, not retried (even with no retries
    // allowed), and the journal records no temporary failure.
    let journal = env.root().join("j.jsonl");
    let journal_arg = journal.to_str().unwrap();
    let out = run(
        &mut send(&env, &["--yes", "--retries", "0", "--journal", journal_arg]),
        0,
    );
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
    let journal = std::fs::read_to_string(&journal).unwrap();
    assert!(!journal.contains("\"event\":\"temporary\""), "{journal}");
    let messages = server.messages();
    assert_eq!(messages.len(), 5);
    assert_eq!(server.connections(), 2);
    let mut ids: Vec<String> = messages.iter().map(message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "no duplicates");
}

#[test]
fn a_stalled_answer_after_the_data_times_out_as_uncertain() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(Step::EndOfData, Action::Stall(Duration::from_secs(30)))
                .rcpt_contains("duepont"),
        ),
    );
    let env = env_for(
        server.port(),
        "starttls",
        &certs,
        "timeout = 5\ndata_timeout = 0.5\n",
    );
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        "uncertain  Lena Düpont <lena.duepont@europarl.europa.eu>: outcome unknown: the whole message was sent but no answer came (no answer from the server within 0.5 s while sending)",
        "summary: 4 delivered, 0 refused, 1 uncertain",
    ]);
    assert_eq!(
        server.messages().len(),
        5,
        "the stalled one was stored by the server too"
    );
    // The rerun does not resend the uncertain letter.
    run(&mut send(&env, &["--yes"]), 0)
        .stderr_has(&["skipped:   1 letter uncertain (pass --resend-uncertain to send again)\n"]);
    assert_eq!(server.messages().len(), 5);
    // `status` in text lists it with the reason and says how to resend.
    run(&mut env.cmd(&["status"]), 0).stdout_has(&[
        "delivered: 4",
        "uncertain: 1",
        "  uncertain Erika Mustermann → lena.duepont@europarl.europa.eu",
        "outcome unknown: the whole message was sent but no answer came (no answer from the server within 0.5 s while sending)",
        "uncertain letters may have arrived; `appeal send --resend-uncertain` sends them again",
    ]);
}

#[test]
fn a_connect_timeout_is_reported() {
    // A listener that never answers: the greeting times out.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let certs = make_certs();
    let env = env_for(port, "starttls", &certs, "timeout = 0.5\n");
    run(
        env.cmd(&["check"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .timeout(Duration::from_secs(30)),
        1,
    )
    .stderr_has(&["error: check failed: cannot connect"]);
    drop(listener);
}

#[test]
fn a_port_where_nothing_listens_is_a_setting_to_fix_with_exit_1_not_75() {
    // Refused on the run's first connect: a wrong `port` (or `host`), which
    // no later run cures; a cron job must not retry it for ever.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let certs = make_certs();
    let env = env_for(port, "starttls", &certs, "");
    let out = run(
        &mut send(&env, &["--yes", "--retries", "1", "--retry-wait", "0.01"]),
        1,
    );
    out.stderr_has(&["0 delivered, 0 refused, 0 uncertain, 5 left to send"]);
    let ending = format!(
        "error: `127.0.0.1:{port}` refused the connection: nothing answers on that port\n\
         hint: check `host` and `port` under [smtp]: port 587 goes with `security = \"starttls\"`, port 465 with `security = \"tls\"`\n"
    );
    assert!(out.stderr.ends_with(&ending), "{}", out.stderr);
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
}

#[test]
fn the_password_never_appears_in_any_output_even_verbose() {
    let (_server, env) = starttls_server();
    let out = run(&mut send(&env, &["--yes", "-v", "--to", "barley"]), 0);
    out.stderr_has(&[
        "smtp: > AUTH [redacted]",
        "smtp: > STARTTLS",
        "smtp: > MAIL FROM:<erika@example.org>",
    ]);
    let plain_b64 = base64_plain(USER, PASSWORD);
    for output in [&out.stdout, &out.stderr] {
        assert!(!output.contains(PASSWORD));
        assert!(!output.contains(&plain_b64));
    }
    // The wrong-password path, with -v, and check too.
    let out = run(
        env.cmd(&["check", "-v"])
            .env("APPEAL_SMTP_PASSWORD", "Falsch-Pa55wort"),
        1,
    );
    for output in [&out.stdout, &out.stderr] {
        assert!(!output.contains("Falsch-Pa55wort"));
    }
    // Nothing written to disk holds it either.
    for entry in walk(env.root().to_path_buf()) {
        let content = std::fs::read(&entry).unwrap_or_default();
        assert!(
            !String::from_utf8_lossy(&content).contains(PASSWORD),
            "{}",
            entry.display()
        );
    }
}

fn base64_plain(user: &str, pass: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let input = format!("\0{user}\0{pass}").into_bytes();
    let mut out = String::new();
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

fn walk(dir: PathBuf) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![dir];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn the_password_comes_from_password_command() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(
        server.port(),
        "starttls",
        &certs,
        &format!("password_command = \"printf '%s\\\\n' '{PASSWORD}'\"\n"),
    );
    env.cmd(&["send", "--yes", "--to", "sippel"])
        .assert()
        .code(0);
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn a_failing_password_command_is_named_without_its_output() {
    let certs = make_certs();
    // The command prints `leaked-output`, a word its own text does not
    // contain: it may not appear anywhere, on any line, in any output.
    let env = env_for(
        1,
        "starttls",
        &certs,
        "password_command = \"printf '%s-%s' leaked output; exit 4\"\n",
    );
    let out = run(&mut env.cmd(&["send", "--yes"]), 2);
    out.stderr_has(&[
        "error: `password_command` `printf '%s-%s' leaked output; exit 4` failed (exit status: 4)\nhint: run the command yourself to see what is wrong\n",
    ]);
    for output in [&out.stdout, &out.stderr] {
        assert!(!output.contains("leaked-output"), "{output}");
    }
}

#[test]
fn without_a_terminal_send_needs_yes() {
    let certs = make_certs();
    let env = env_for(1, "starttls", &certs, "");
    run(&mut env.cmd(&["send"]), 2).stderr_has(&[
        "error: there is no terminal to confirm sending on",
        "hint: pass --yes to send without confirmation",
    ]);
}

#[test]
fn send_without_a_sender_address_or_server_is_bad_input() {
    let env = TestEnv::new();
    run(&mut env.cmd(&["send", "--yes", "--name", "Erika"]), 2)
        .stderr_has(&["error: no sender address: letters must come from your own mail account"]);
    run(
        &mut env.cmd(&[
            "send",
            "--yes",
            "--name",
            "Erika",
            "--email",
            "erika@example.org",
        ]),
        2,
    )
    .stderr_has(&["error: no mail account configured ([smtp] in the configuration)"]);
}

#[test]
fn a_password_in_a_private_config_file_logs_in_and_an_empty_one_counts_as_none() {
    use std::os::unix::fs::PermissionsExt;
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    for (line, code) in [
        (format!("password = \"{PASSWORD}\"\n"), 0),
        ("password = \"\"\n".to_string(), 2),
    ] {
        let env = env_for(server.port(), "starttls", &certs, &line);
        std::fs::set_permissions(env.config_file(), std::fs::Permissions::from_mode(0o600))
            .unwrap();
        let out = run(&mut env.cmd(&["send", "--yes", "--to", "sippel"]), code);
        if code == 2 {
            out.stderr_has(&[
                "error: no password for `erika@example.org` and no terminal to ask on\n",
            ]);
        }
    }
    let messages = server.messages();
    assert_eq!(messages.len(), 1, "only the run with the password sent");
    assert_eq!(messages[0].authenticated_as.as_deref(), Some(USER));
}

#[test]
fn a_password_in_a_readable_config_file_is_refused() {
    let env = TestEnv::new();
    let path = env.write_config(
        "[smtp]\nhost = \"smtp.example.org\"\nusername = \"erika@example.org\"\npassword = \"x\"\n",
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    run(&mut env.cmd(&["check"]), 2).stderr_has(&[
        "contains a password but other users may read it (mode 644)",
        "password_command",
    ]);
}

#[test]
fn a_second_run_sends_nothing_and_again_sends_a_second_letter_with_the_same_message_id() {
    let (server, env) = starttls_server();
    send(&env, &["--yes", "--to", "barley"]).assert().code(0);
    let rerun = run(&mut send(&env, &["--yes", "--to", "barley"]), 0);
    assert_eq!(
        rerun.stderr,
        "skipped:   1 letter delivered earlier (pass --again to send once more)\nnothing to send\n"
    );
    // With -v each letter is listed too.
    run(&mut send(&env, &["--yes", "--to", "barley", "-v"]), 0).stderr_has(&[
        "skipped    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: delivered earlier ",
        " (pass --again to send a second letter)\nskipped:   1 letter delivered earlier (pass --again to send once more)\nnothing to send\n",
    ]);
    assert_eq!(server.messages().len(), 1);
    send(&env, &["--yes", "--to", "barley", "--again"])
        .assert()
        .code(0);
    let messages = server.messages();
    assert_eq!(messages.len(), 2);
    assert_eq!(message_id(&messages[0]), message_id(&messages[1]));
}

#[test]
fn a_pipelining_server_gets_mail_rcpt_and_data_in_one_write() {
    let (server, env) = starttls_server();
    let out = run(&mut send(&env, &["--yes", "-v"]), 0);
    assert_eq!(server.messages().len(), 5);
    assert_eq!(server.pipelined_envelopes(), 5, "every envelope pipelined");
    // -v shows the three commands going out before their three replies.
    let dialogue: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("smtp: "))
        .skip_while(|l| !l.starts_with("smtp: > MAIL"))
        .take(6)
        .collect();
    assert_eq!(
        dialogue,
        [
            "smtp: > MAIL FROM:<erika@example.org>",
            "smtp: > RCPT TO:<katarina.barley@europarl.europa.eu>",
            "smtp: > DATA",
            "smtp: < 250 2.1.0 Ok",
            "smtp: < 250 2.1.5 Ok",
            "smtp: < 354 End data with <CR><LF>.<CR><LF>",
        ],
        "{}",
        out.stderr
    );
}

#[test]
fn without_pipelining_each_command_waits_for_its_reply() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).without_pipelining());
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut send(&env, &["--yes", "-v", "--to", "barley"]), 0);
    assert_eq!(server.messages().len(), 1);
    assert_eq!(server.pipelined_envelopes(), 0);
    out.stderr_has(&["smtp: < PIPELINING not offered"]);
    let dialogue: Vec<&str> = out
        .stderr
        .lines()
        .skip_while(|l| !l.starts_with("smtp: > MAIL"))
        .take(2)
        .collect();
    assert_eq!(dialogue[1], "smtp: < 250 2.1.0 Ok", "{}", out.stderr);
}

#[test]
fn a_temporary_refusal_of_a_pipelined_mail_is_not_taken_for_the_503s_after_it() {
    // After a 451 at MAIL the server answers 503 to RCPT and DATA; the
    // letter is a temporary failure (sent again), not a refusal.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
        Fault::new(
            Step::Mail,
            Action::Reply(451, "4.3.0 try again later".into()),
        ),
    ));
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes", "--retries", "0"]), 75).stderr_has(&[
        "temporary  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: temporary failure: 451 4.3.0 try again later",
        "summary: 4 delivered, 0 refused, 0 uncertain, 1 left to send",
    ]);
    assert_eq!(server.messages().len(), 4);
    assert_eq!(
        server.connections(),
        1,
        "a 451 does not cost the connection"
    );
    // The rerun sends the one left.
    run(&mut send(&env, &["--yes"]), 0).stderr_has(&["summary: 1 delivered"]);
    assert_eq!(server.messages().len(), 5);
}

#[test]
fn a_server_that_says_354_after_a_refused_recipient_gets_no_data_and_the_refusal_stands() {
    // No final dot after the 354 (a lenient server would store an empty
    // message): the connection is closed and the next letter opens another.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_data_without_rcpt()
            .with_fault(barley_refused()),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes", "-v"]), 1).stderr_has(&[
        "smtp: < 354 End data",
        "smtp: (closing the connection: no letter after a refused envelope)",
        "refused    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: 550 5.1.1 mailbox unavailable",
        "summary: 4 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 4);
    assert!(messages.iter().all(|m| !m.rcpt_to[0].contains("barley")));
    assert_eq!(server.connections(), 2, "a new connection after the 354");
}

#[test]
fn a_late_reply_in_a_pipelined_envelope_closes_the_connection_and_the_next_letter_gets_a_new_one() {
    // RCPT refused, then the DATA reply comes after our timeout (0.5 s) but
    // before the next letter's would: replies and commands are no longer in
    // step, so that connection must not carry another letter (the late 503
    // would be read as the next MAIL's, refusing that letter for good).
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(barley_refused())
            .with_fault(late_reply(Step::Data)),
    );
    let env = env_for(server.port(), "starttls", &certs, "timeout = 0.5\n");
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        "refused    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: 550 5.1.1 mailbox unavailable",
        "summary: 4 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 4);
    for m in &messages {
        assert_eq!(m.connection, 2, "none on the connection out of step");
        check_letter(m);
    }
    assert_eq!(server.connections(), 2);
}

#[test]
fn an_unanswered_rset_closes_the_connection() {
    // The same with the RSET after a refusal answered too late.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(barley_refused())
            .with_fault(late_reply(Step::Rset)),
    );
    let env = env_for(server.port(), "starttls", &certs, "timeout = 0.5\n");
    run(&mut send(&env, &["--yes"]), 1)
        .stderr_has(&["summary: 4 delivered, 1 refused, 0 uncertain, 0 left to send"]);
    let messages = server.messages();
    assert_eq!(messages.len(), 4);
    assert!(messages.iter().all(|m| m.connection == 2));
    assert_eq!(server.connections(), 2);
}

#[test]
fn no_answer_to_the_ehlo_after_starttls_stops_before_the_login() {
    // EHLO 1 in the clear, 2 after STARTTLS (lettre's, whose reply also
    // gives the extensions): silent.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(Step::Ehlo, Action::Stall(Duration::from_secs(2)))
                .skip(1)
                .always(),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "timeout = 0.5\n");
    run(
        &mut send(&env, &["--yes", "--retries", "0", "--to", "barley"]),
        75,
    )
    .stderr_has(&[
        "cannot connect: 127.0.0.1:",
        ": no answer from the server within 0.5 s while starting TLS\n",
        "0 delivered, 0 refused, 0 uncertain, 1 left to send",
    ]);
    no_login_and_nothing_stored(&server);
}

#[test]
fn a_421_on_a_connection_the_server_closed_while_idle_reconnects_without_a_retry() {
    // Servers closing an idle connection say 421 first; the next letter
    // reads it. That is not a failure of the letter: even with --retries 0
    // everything is delivered, over a second connection.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::Mail,
                Action::ReplyAndClose(421, "4.4.2 localhost Error: timeout exceeded".into()),
            )
            .skip(1),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut send(&env, &["--yes", "--retries", "0"]), 0);
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert!(!out.stderr.contains("retrying"), "{}", out.stderr);
    assert_eq!(server.messages().len(), 5);
    assert_eq!(server.connections(), 2);
}

#[test]
fn an_uncertain_letter_is_pointed_out_even_when_the_run_then_stops_for_another_reason() {
    // Letter 1: no answer after its data (uncertain). Every later
    // connection is refused at the greeting, so the run stops with exit 75;
    // the hint about the uncertain letter must still be there.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(
                Step::EndOfData,
                Action::Stall(Duration::from_secs(3)),
            ))
            .with_fault(
                Fault::new(
                    Step::Greeting,
                    Action::ReplyAndClose(421, "4.3.2 service not available".into()),
                )
                .skip(1)
                .always(),
            ),
    );
    let env = env_for(
        server.port(),
        "starttls",
        &certs,
        "timeout = 0.5\ndata_timeout = 0.5\n",
    );
    run(&mut send(&env, &["--yes", "--retries", "0"]), 75).stderr_has(&[
        "summary: 0 delivered, 0 refused, 1 uncertain, 4 left to send",
        "hint: uncertain letters may have arrived; check with `appeal status`, and resend them only with `appeal send --resend-uncertain`",
        "cannot connect",
    ]);
}

#[test]
fn a_temporary_refusal_of_the_login_leaves_the_letters_for_later_with_exit_75() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::Auth,
                Action::Reply(454, "4.7.0 Temporary authentication failure".into()),
            )
            .always(),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes", "--retries", "0"]), 75).stderr_has(&[
        "0 delivered, 0 refused, 0 uncertain, 5 left to send",
        "the login could not be completed for now: 454 4.7.0 Temporary authentication failure",
        "hint: the letters not sent are recorded; run the same command again later",
    ]);
    assert!(server.messages().is_empty());
}

#[test]
fn a_connection_dropped_at_the_login_over_tls_leaves_the_letters_for_later_with_exit_75() {
    // A TLS connection closed without close_notify (rustls: UnexpectedEof)
    // at AUTH is a lost connection, as a plain one's "incomplete response"
    // is: not a refused login, which would stop for good with exit 1.
    let certs = make_certs();
    for (options, security) in [
        (ServerOptions::starttls(&certs, USER, PASSWORD), "starttls"),
        (ServerOptions::implicit_tls(&certs, USER, PASSWORD), "tls"),
    ] {
        let server =
            smtp::start(options.with_fault(Fault::new(Step::Auth, Action::Close).always()));
        let env = env_for(server.port(), security, &certs, "");
        let out = run(&mut send(&env, &["--yes", "--retries", "0"]), 75);
        out.stderr_has(&[
            "0 delivered, 0 refused, 0 uncertain, 5 left to send",
            &format!(
                "127.0.0.1:{}: the login could not be completed for now: ",
                server.port()
            ),
            "hint: the letters not sent are recorded; run the same command again later",
        ]);
        assert!(
            !out.stderr.contains("authentication failed"),
            "{}",
            out.stderr
        );
        assert!(server.messages().is_empty());
    }
}

#[test]
fn a_temporary_refusal_of_starttls_leaves_the_letters_for_later_with_exit_75() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::StartTls,
                Action::Reply(
                    454,
                    "4.7.0 TLS not available due to temporary reason".into(),
                ),
            )
            .always(),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes", "--retries", "0"]), 75).stderr_has(&[
        "0 delivered, 0 refused, 0 uncertain, 5 left to send",
        "STARTTLS could not be completed for now",
        "454 4.7.0 TLS not available due to temporary reason",
    ]);
    no_login_and_nothing_stored(&server);
}

#[test]
fn a_server_that_takes_fewer_connections_than_asked_for_gets_the_letters_over_the_others() {
    // The fourth session is refused: that connection gives up, the other
    // three send the rest; its one letter is left for the next run.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::Greeting,
                Action::ReplyAndClose(421, "4.7.0 too many connections".into()),
            )
            .skip(3)
            .times(1),
        ),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(
        &mut send(&env, &["--yes", "--retries", "0", "--connections", "4"]),
        75,
    )
    .stderr_has(&[
        "note: one connection gave up (cannot connect: 127.0.0.1:",
        "answered 421 4.7.0 too many connections); the others go on",
        "summary: 4 delivered, 0 refused, 0 uncertain, 1 left to send",
        "hint: temporary failures are left; run the same command again later",
    ]);
    assert_eq!(server.messages().len(), 4);
    run(&mut send(&env, &["--yes"]), 0)
        .stderr_has(&["summary: 1 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    let mut ids: Vec<String> = server.messages().iter().map(message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "every letter once");
}

#[test]
fn four_connections_are_opened_side_by_side_not_one_after_another() {
    // The server greets nobody until all four connections are open. A
    // client that makes its next connection only once the last one has
    // been greeted (as appeal did: sessions took turns up to their first
    // EHLO) waits out its 3 s timeout here, and sends nothing.
    let certs = make_certs();
    let server =
        smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).with_greetings_held_until(4));
    let env = env_for(server.port(), "starttls", &certs, "timeout = 3\n");
    run(
        &mut send(&env, &["--yes", "--retries", "0", "--connections", "4"]),
        0,
    )
    .stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(server.connections(), 4);
    let mut ids: Vec<String> = server.messages().iter().map(message_id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 5, "every letter once");
}

/// The message as the server stored it ends with its last line, the
/// sender's town, and no blank line after it: the CRLF before the final
/// dot ends that line (RFC 5321 4.1.1.4), it does not add one.
fn ends_with_the_last_line_and_nothing_more(m: &Received) {
    assert!(
        m.data.ends_with(b"\r\nK=C3=B6ln\r\n"),
        "{:?}",
        String::from_utf8_lossy(&m.data[m.data.len().saturating_sub(40)..])
    );
    let parsed = MessageParser::default().parse(&m.data).unwrap();
    let body = parsed.body_text(0).unwrap().replace("\r\n", "\n");
    assert!(body.ends_with("Erika Mustermann\nKöln\n"), "{body:?}");
}

#[test]
fn no_letter_gains_a_blank_line_at_its_end_pipelined_or_not() {
    let certs = make_certs();
    for options in [
        ServerOptions::starttls(&certs, USER, PASSWORD),
        ServerOptions::starttls(&certs, USER, PASSWORD).without_pipelining(),
    ] {
        let server = smtp::start(options);
        let env = env_for(server.port(), "starttls", &certs, "");
        run(&mut send(&env, &["--yes"]), 0);
        assert_eq!(server.messages().len(), 5);
        for m in server.messages() {
            check_letter(&m);
            ends_with_the_last_line_and_nothing_more(&m);
        }
    }
}

#[test]
fn a_password_without_quotes_is_refused_without_showing_it() {
    // TOML's own message would quote the value: "invalid type: integer `84736251`".
    let env = TestEnv::new();
    let path = env.write_config(
        "[smtp]\nhost = \"smtp.example.org\"\nusername = \"erika@example.org\"\npassword = 84736251\n",
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run(&mut env.cmd(&["check"]), 2);
    out.stderr_has(&[
        ":4:12: `password` must be a string in quotes, e.g. `password = \"…\"` (the value is not shown)",
    ]);
    assert!(!out.stderr.contains("84736251"), "{}", out.stderr);
}

#[test]
fn without_an_smtp_section_check_and_send_say_to_run_setup() {
    let env = TestEnv::new();
    let path = env.write_config(&format!("[sender]\nname = \"Erika\"\nemail = \"{USER}\"\n"));
    let needles = [
        &format!(
            "error: no mail account configured (no [smtp] section in `{}`)",
            path.display()
        ) as &str,
        "hint: run `appeal setup`, or see the README's \"Configuration\" section",
    ];
    usage_error(&mut env.cmd(&["check"]), &needles);
    usage_error(&mut env.cmd(&["send", "--yes"]), &needles);
}

#[test]
fn a_connection_lost_during_the_envelope_is_a_temporary_failure() {
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::Rcpt, Action::Close).always()),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(
        &mut send(&env, &["--yes", "--retries", "0", "--to", "barley"]),
        75,
    )
    .stderr_has(&[
        "temporary  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: connection lost before the message was complete",
        "summary: 0 delivered, 0 refused, 0 uncertain, 1 left to send",
    ]);
    assert!(server.messages().is_empty());
}

#[test]
fn verbose_names_the_servers_extensions_as_people_write_them() {
    let (_server, env) = starttls_server();
    let out = run(
        env.cmd(&["-v", "check"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD),
        0,
    );
    let offers: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("smtp: < localhost"))
        .collect();
    // Before STARTTLS and after it (when the server also offers AUTH).
    assert_eq!(
        offers,
        [
            "smtp: < localhost offers STARTTLS, 8BITMIME",
            "smtp: < localhost offers 8BITMIME, AUTH PLAIN LOGIN",
        ],
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("{"), "no debug dump: {}", out.stderr);
}

#[test]
fn without_pipelining_a_refused_recipient_is_reset_and_the_others_go_over_the_same_connection() {
    // Each command waits for its reply; after the 550 at RCPT the
    // transaction must be ended with RSET, or the next letter's MAIL would
    // be a nested one (503) and every letter after it refused.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .without_pipelining()
            .with_fault(barley_refused()),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes"]), 1).stderr_has(&[
        "refused    Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: 550 5.1.1 mailbox unavailable",
        "summary: 4 delivered, 1 refused, 0 uncertain, 0 left to send",
    ]);
    let messages = server.messages();
    assert_eq!(messages.len(), 4);
    for m in &messages {
        check_letter(m);
        assert!(!m.rcpt_to[0].contains("barley"), "{m:?}");
    }
    assert_eq!(
        server.connections(),
        1,
        "a refusal does not cost the connection"
    );
    assert_eq!(server.pipelined_envelopes(), 0);
    let transcript = server.transcript();
    let refused = transcript
        .iter()
        .position(|l| l.contains("RCPT TO:<katarina.barley@"))
        .expect("Dr. Barley's RCPT");
    assert!(
        transcript[refused + 1].ends_with(": RSET"),
        "{transcript:#?}"
    );
}

#[test]
fn a_421_to_a_pipelined_mail_ends_the_connection_without_reading_on_or_rset() {
    // The server closes after its 421: the replies to RCPT and DATA will
    // never come, and an RSET would go to a closed connection. The letter
    // goes again over a new one.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
        Fault::new(
            Step::Mail,
            Action::ReplyAndClose(421, "4.3.2 shutting down".into()),
        ),
    ));
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut send(&env, &["--yes", "-v"]), 0);
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(server.connections(), 2, "{}", out.stderr);
    assert_eq!(server.messages().len(), 5);
    server.messages().iter().for_each(|m| {
        check_letter(m);
    });
    let after: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("smtp: "))
        .skip_while(|l| !(l.starts_with("smtp: < ") && l.contains("421 4.3.2 shutting down")))
        .skip(1)
        .take(1)
        .collect();
    assert_eq!(
        after,
        [format!("smtp: connecting to 127.0.0.1:{}", server.port())],
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("smtp: > RSET"), "{}", out.stderr);
}

#[test]
fn a_connection_closed_after_the_final_dot_is_uncertain_and_says_it_was_closed() {
    // No answer because the connection closed, not because time ran out:
    // the reason says which (the timeout has its own message).
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::EndOfData, Action::StoreAndClose)),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(
        &mut send(&env, &["--yes", "--retries", "0", "--to", "barley"]),
        1,
    );
    // Not rustls' own text (English jargon with a link to its manual).
    out.stderr_has(&[
        "uncertain  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: outcome unknown: the whole message was sent but no answer came (the connection was closed)\n",
        "summary: 0 delivered, 0 refused, 1 uncertain, 0 left to send",
    ]);
    assert!(
        !out.stderr.contains("no answer from the server"),
        "{}",
        out.stderr
    );
    // Said once, and no rustls text or link.
    assert_eq!(
        out.stderr.matches("the connection was closed").count(),
        1,
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains("close_notify") && !out.stderr.contains("https://"),
        "{}",
        out.stderr
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn a_session_that_fails_while_opening_ends_with_quit() {
    // Refused before any letter (no STARTTLS offered; a wrong password):
    // the connection is ended politely, with QUIT, not just dropped.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).without_starttls());
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut send(&env, &["--yes"]), 1)
        .stderr_has(&["does not offer STARTTLS; refusing to continue unencrypted"]);
    assert_eq!(server.transcript(), ["1: EHLO example.org", "1: QUIT"]);

    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "starttls", &certs, "");
    let mut cmd = env.cmd(&["send", "--yes"]);
    cmd.env("APPEAL_SMTP_PASSWORD", "wrong")
        .timeout(Duration::from_secs(60));
    run(&mut cmd, 1).stderr_has(&["authentication failed"]);
    let transcript = server.transcript();
    let last_two: Vec<&str> = transcript
        .iter()
        .rev()
        .take(2)
        .rev()
        .map(|l| l.split(' ').nth(1).unwrap_or_default())
        .collect();
    assert_eq!(last_two, ["AUTH", "QUIT"], "{transcript:#?}");
    assert!(server.messages().is_empty());
}

#[test]
fn check_against_a_server_without_starttls_says_what_to_check() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).without_starttls());
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", PASSWORD), 1);
    assert_eq!(
        out.stderr,
        format!(
            "error: check failed: TLS failed: 127.0.0.1:{} does not offer STARTTLS; refusing to continue unencrypted\n\
             hint: check `host` (it must match the certificate) and `security`; for a self-hosted server set `ca_file`\n",
            server.port()
        )
    );
    no_login_and_nothing_stored(&server);
}
