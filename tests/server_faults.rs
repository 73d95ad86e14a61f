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
    TestEnv::for_erika(port, security, certs, extra)
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

/// Asserts that stderr ends with exactly this error and hint.
fn ends_with_error(stderr: &str, error: &str, hint: &str) {
    assert_eq!(
        error_lines(stderr),
        format!("error: {error}\nhint: {hint}"),
        "whole stderr:\n{stderr}"
    );
}

/// The hint of a run stopped by something a later run may cure.
const LATER: &str = "the letters not sent are recorded; run the same command again later";
/// The hint of a wrong port (or host).
const WRONG_PORT: &str = "check `host` and `port` under [smtp]: port 587 goes with `security = \"starttls\"`, port 465 with `security = \"tls\"`";

/// A STARTTLS server with `fault` and a home with `timeout = 1` for it.
fn faulty(fault: Fault, extra: &str) -> (TestServer, TestEnv) {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(fault));
    let env = env_for(server.port(), "starttls", &certs, extra);
    (server, env)
}

/// `send` to Dr. Barley only, no retries: the outcome of one attempt.
fn send_one(env: &TestEnv, code: i32) -> String {
    let started = Instant::now();
    let out = run(
        &mut appeal(env, &["send", "--yes", "--retries", "0", "--to", "barley"]),
        code,
    );
    // A guard against hanging, far above the deadlines; not a speed test.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{}",
        out.stderr
    );
    out.stderr.clone()
}

#[test]
fn a_greeting_trickled_one_byte_per_half_second_ends_at_the_deadline_with_exit_75() {
    let (server, env) = faulty(
        Fault::new(Step::Greeting, Action::Trickle(Duration::from_millis(500))).always(),
        "timeout = 1\n",
    );
    let stderr = send_one(&env, 75);
    ends_with_error(
        &stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: no answer from the server within 1 s while waiting for the greeting",
            server.port()
        ),
        LATER,
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_ctrl_c_while_the_only_connection_waits_for_its_greeting_ends_as_interrupted() {
    // The last connection fails (no greeting within 3 s) after Ctrl-C was
    // pressed: the person asked to stop, so the run ends as interrupted
    // (130), not as "cannot connect, run again later" (75).
    let (server, env) = faulty(
        Fault::new(Step::Greeting, Action::Stall(Duration::from_secs(30))).always(),
        "timeout = 3\n",
    );
    let stderr_path = env.root().join("send.stderr");
    let mut child = env
        .std_cmd(&["send", "--yes", "--retries", "0", "--to", "barley"])
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("start appeal");
    let started = Instant::now();
    while server.connections() == 0 {
        assert!(started.elapsed() < Duration::from_secs(20), "no connection");
        std::thread::sleep(Duration::from_millis(10));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("appeal did not end");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let stderr = std::fs::read_to_string(&stderr_path).unwrap();
    eprintln!("ELAPSED {:?}\n{stderr}", started.elapsed());
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("stopping after the letter in flight (Ctrl-C again to stop at once)"),
        "{stderr}"
    );
    assert!(
        stderr.ends_with(
            "interrupted: the letters sent are recorded; run the same command again to send the rest\n"
        ),
        "{stderr}"
    );
    assert!(server.messages().is_empty());
}

#[test]
fn endless_greeting_continuation_lines_end_at_the_deadline() {
    let (server, env) = faulty(
        Fault::new(Step::Greeting, Action::Endless(Duration::from_millis(100))).always(),
        "timeout = 1\n",
    );
    let stderr = send_one(&env, 75);
    ends_with_error(
        &stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: no answer from the server within 1 s while waiting for the greeting",
            server.port()
        ),
        LATER,
    );
}

#[test]
fn a_trickled_starttls_reply_ends_at_the_deadline() {
    let (server, env) = faulty(
        Fault::new(Step::StartTls, Action::Trickle(Duration::from_millis(500))),
        "timeout = 1\n",
    );
    let stderr = send_one(&env, 75);
    ends_with_error(
        &stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: no answer from the server within 1 s while starting TLS",
            server.port()
        ),
        LATER,
    );
}

#[test]
fn a_trickled_login_reply_ends_at_the_deadline() {
    let (server, env) = faulty(
        Fault::new(Step::Auth, Action::Trickle(Duration::from_millis(500))),
        "timeout = 1\n",
    );
    let stderr = send_one(&env, 75);
    ends_with_error(
        &stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: no answer from the server within 1 s while logging in",
            server.port()
        ),
        LATER,
    );
    assert!(server.messages().is_empty());
}

#[test]
fn endless_250_lines_to_mail_end_at_the_deadline_and_the_letter_is_left_for_later() {
    let (server, env) = faulty(
        Fault::new(Step::Mail, Action::Endless(Duration::from_millis(100))),
        "timeout = 1\n",
    );
    let stderr = send_one(&env, 75);
    assert!(
        stderr.contains(
            "temporary  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: connection lost before the message was complete (no answer from the server within 1 s while sending)\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("summary: 0 delivered, 0 refused, 0 uncertain, 1 left to send"),
        "{stderr}"
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_reply_to_the_data_trickled_past_data_timeout_leaves_the_letter_uncertain() {
    let (server, env) = faulty(
        Fault::new(Step::EndOfData, Action::Trickle(Duration::from_millis(500))),
        "timeout = 5\ndata_timeout = 1\n",
    );
    let stderr = send_one(&env, 1);
    assert!(
        stderr.contains(
            "uncertain  Dr. Katarina Barley <katarina.barley@europarl.europa.eu>: outcome unknown: the whole message was sent but no answer came (no answer from the server within 1 s while sending)\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("summary: 0 delivered, 0 refused, 1 uncertain, 0 left to send"),
        "{stderr}"
    );
    assert_eq!(server.messages().len(), 1, "stored, the reply trickled");
}

#[test]
fn check_with_a_trickled_greeting_fails_at_the_deadline() {
    let (server, env) = faulty(
        Fault::new(Step::Greeting, Action::Trickle(Duration::from_millis(500))).always(),
        "timeout = 1\n",
    );
    let started = Instant::now();
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        out.stderr,
        format!(
            "error: check failed: cannot connect: 127.0.0.1:{}: no answer from the server within 1 s while waiting for the greeting\n",
            server.port()
        )
    );
}

#[test]
fn an_imap_greeting_is_not_a_mail_server_exit_1() {
    let (server, env) = faulty(
        Fault::new(
            Step::Greeting,
            Action::Raw("* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n".into()),
        )
        .always(),
        "",
    );
    let stderr = send_one(&env, 1);
    let message = format!(
        "`127.0.0.1:{}` is not a mail server (wrong port?): it does not answer in SMTP",
        server.port()
    );
    ends_with_error(&stderr, &message, WRONG_PORT);
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        format!("error: check failed: {message}\nhint: {WRONG_PORT}\n")
    );
}

#[test]
fn security_tls_on_a_starttls_port_names_the_setting_exit_1() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "tls", &certs, "");
    let stderr = send_one(&env, 1);
    let message = format!(
        "`127.0.0.1:{}` does not start with TLS: this port wants `security = \"starttls\"`, not `\"tls\"`",
        server.port()
    );
    let hint = "set `security = \"starttls\"` for this port (usually 587), or use the port for `security = \"tls\"` (usually 465)";
    ends_with_error(&stderr, &message, hint);
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        format!("error: check failed: {message}\nhint: {hint}\n")
    );
    assert!(server.messages().is_empty());
}

#[test]
fn security_starttls_on_an_implicit_tls_port_names_the_setting_exit_1() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    // The TLS probe after the silent greeting has `timeout` too: 3 s, so
    // that a machine busy with other builds still completes its handshake.
    let env = env_for(server.port(), "starttls", &certs, "timeout = 3\n");
    let stderr = send_one(&env, 1);
    let message = format!(
        "`127.0.0.1:{}` said nothing until TLS was started: this port wants `security = \"tls\"`, not `\"starttls\"`",
        server.port()
    );
    let hint = "set `security = \"tls\"` for this port (usually 465), or use the port for `security = \"starttls\"` (usually 587)";
    ends_with_error(&stderr, &message, hint);
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        format!("error: check failed: {message}\nhint: {hint}\n")
    );
    assert!(server.messages().is_empty());
}

#[test]
fn security_starttls_on_an_implicit_tls_port_with_an_untrusted_certificate_still_names_the_setting()
{
    // A self-signed server (no `ca_file` for it): the TLS probe fails on
    // the certificate, which still proves the port speaks TLS.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let env = env_without_ca_file(server.port(), "starttls");
    let stderr = send_one(&env, 1);
    ends_with_error(
        &stderr,
        &format!(
            "`127.0.0.1:{}` said nothing until TLS was started: this port wants `security = \"tls\"`, not `\"starttls\"`",
            server.port()
        ),
        "set `security = \"tls\"` for this port (usually 465), or use the port for `security = \"starttls\"` (usually 587)",
    );
    assert!(server.messages().is_empty());
}

#[test]
fn security_none_on_an_implicit_tls_port_names_none_as_the_setting_to_change() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "none", &certs, "timeout = 3\n");
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        format!(
            "error: check failed: `127.0.0.1:{}` said nothing until TLS was started: this port wants `security = \"tls\"`, not `\"none\"`\nhint: set `security = \"tls\"` for this port (usually 465), or use the port for `security = \"starttls\"` (usually 587)\n",
            server.port()
        )
    );
}

#[test]
fn a_port_that_stops_speaking_smtp_after_a_run_has_sent_is_still_a_setting_to_fix() {
    // Only a name or port that no longer answers (a server restarting) is
    // a passing problem once a run has connected; a port that answers in
    // another protocol is a wrong setting whenever it shows: exit 1, not
    // 75. The first connection sends a letter and is closed at the next
    // MAIL; the reconnection is greeted by an IMAP server.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::Mail, Action::Close).skip(1))
            .with_fault(
                Fault::new(
                    Step::Greeting,
                    Action::Raw("* OK [CAPABILITY IMAP4rev1] Dovecot ready.\r\n".into()),
                )
                .skip(1),
            ),
    );
    let env = env_for(server.port(), "starttls", &certs, "timeout = 3\n");
    let out = run(
        &mut appeal(
            &env,
            &["send", "--yes", "--retries", "0", "--connections", "1"],
        ),
        1,
    );
    out.stderr_has(&[&format!(
        "`127.0.0.1:{}` is not a mail server (wrong port?): it does not answer in SMTP",
        server.port()
    )]);
    assert_eq!(server.messages().len(), 1, "{}", out.stderr);
    assert_eq!(server.connections(), 2, "{}", out.stderr);
}

/// `send` to all five, one connection, no retries: `ca_file` disappears
/// at the first final dot, whose outcome `first` decides (None: delivered),
/// and the server closes at the next MAIL. The reconnection cannot read
/// the file: exit 1, never 2 (which promises that nothing was sent).
/// Returns the summary line.
fn ca_file_gone_after_the_first_letter(first: Option<Action>, stored: usize) -> String {
    let certs = make_certs();
    let ca_file: std::sync::Arc<std::sync::Mutex<Option<std::path::PathBuf>>> = Default::default();
    let at_dot = std::sync::Arc::clone(&ca_file);
    let mut options = ServerOptions::starttls(&certs, USER, PASSWORD);
    if let Some(action) = first {
        options = options.with_fault(Fault::new(Step::EndOfData, action));
    }
    let server = smtp::start(
        options
            .with_fault(Fault::new(Step::Mail, Action::Close).skip(1))
            .with_dot_watcher(move |_, _| {
                if let Some(path) = at_dot.lock().unwrap().take() {
                    std::fs::remove_file(path).unwrap();
                }
            }),
    );
    let env = env_for(server.port(), "starttls", &certs, "timeout = 3\n");
    let path = env.root().join("test-ca.pem");
    assert!(path.exists());
    *ca_file.lock().unwrap() = Some(path.clone());
    let out = run(
        &mut appeal(
            &env,
            &["send", "--yes", "--retries", "0", "--connections", "1"],
        ),
        1,
    );
    assert!(
        error_lines(&out.stderr).ends_with(&format!(
            "error: cannot read `ca_file` `{}`: No such file or directory (os error 2)",
            path.display()
        )),
        "{}",
        out.stderr
    );
    assert_eq!(server.messages().len(), stored, "{}", out.stderr);
    // The file is read before connecting again: no second connection.
    assert_eq!(server.connections(), 1, "{}", out.stderr);
    let summary = out.stderr.lines().find(|l| l.starts_with("summary: "));
    summary
        .unwrap_or_else(|| panic!("{}", out.stderr))
        .to_string()
}

#[test]
fn a_setting_that_breaks_after_a_letter_went_out_is_exit_1_not_2() {
    assert!(ca_file_gone_after_the_first_letter(None, 1)
        .starts_with("summary: 1 delivered, 0 refused, 0 uncertain, 4 left to send"));
    // A refused letter and an uncertain one went out too.
    let refused = Action::Reply(554, "5.7.1 rejected as spam".into());
    assert!(ca_file_gone_after_the_first_letter(Some(refused), 0)
        .starts_with("summary: 0 delivered, 1 refused, 0 uncertain, 4 left to send"));
    assert!(
        ca_file_gone_after_the_first_letter(Some(Action::StoreAndClose), 1)
            .starts_with("summary: 0 delivered, 0 refused, 1 uncertain, 4 left to send")
    );
}

#[test]
fn a_host_name_that_does_not_resolve_is_a_setting_to_fix_exit_1() {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"smtp.nonexistent.invalid\"\nport = 587\nsecurity = \"starttls\"\nusername = \"{USER}\"\n"
    ));
    let stderr = send_one(&env, 1);
    let message = "cannot find the server `smtp.nonexistent.invalid`: name or service not known";
    let hint = "check `host` under [smtp]: your provider's help pages name its SMTP server (e.g. `smtp.example.org`)";
    ends_with_error(&stderr, message, hint);
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        format!("error: check failed: {message}\nhint: {hint}\n")
    );
}

#[test]
fn check_with_a_wrong_password_gives_the_providers_advice() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, "the-right-one"));
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert_eq!(
        out.stderr,
        "error: check failed: authentication failed: the server did not accept the login for `erika@example.org`: 535 5.7.8 Authentication credentials invalid\n\
         hint: check `username` and the password (providers such as Gmail need an app password)\n"
    );
}

/// The EHLO commands the server saw on each connection, in order.
fn ehlos_per_connection(server: &TestServer) -> Vec<usize> {
    let mut counts = vec![0; server.connections()];
    for line in server.transcript() {
        let (number, command) = line.split_once(": ").unwrap();
        if command.to_ascii_uppercase().starts_with("EHLO ") {
            counts[number.parse::<usize>().unwrap() - 1] += 1;
        }
    }
    counts
}

#[test]
fn starttls_costs_one_ehlo_before_and_one_after_and_pipelining_still_comes_from_the_second() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "starttls", &certs, "");
    run(
        &mut appeal(&env, &["send", "--yes", "--to", "barley", "--to", "sippel"]),
        0,
    );
    assert_eq!(server.messages().len(), 2);
    assert_eq!(ehlos_per_connection(&server), [2]);
    assert_eq!(server.pipelined_envelopes(), 2, "PIPELINING was seen");
}

#[test]
fn implicit_tls_costs_one_ehlo() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "tls", &certs, "");
    run(&mut appeal(&env, &["send", "--yes", "--to", "barley"]), 0);
    assert_eq!(server.messages().len(), 1);
    assert_eq!(ehlos_per_connection(&server), [1]);
    assert_eq!(server.pipelined_envelopes(), 1);
}

#[test]
fn a_server_without_pipelining_gets_one_command_at_a_time_and_still_two_ehlos() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD).without_pipelining());
    let env = env_for(server.port(), "starttls", &certs, "");
    run(&mut appeal(&env, &["send", "--yes", "--to", "barley"]), 0);
    assert_eq!(server.messages().len(), 1);
    assert_eq!(ehlos_per_connection(&server), [2]);
    assert_eq!(server.pipelined_envelopes(), 0);
}

/// A stand-in web server on 127.0.0.1: says nothing until it gets a line,
/// then answers `HTTP/1.1 400 Bad Request` and closes. Returns its port.
fn start_web_server() -> u16 {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            std::thread::spawn(move || {
                let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                let mut line = String::new();
                let mut reader = BufReader::new(&stream);
                if reader.read_line(&mut line).is_ok() && !line.is_empty() {
                    let _ = (&stream).write_all(
                        b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                    );
                }
            });
        }
    });
    port
}

#[test]
fn a_web_server_on_the_port_is_not_a_mail_server_exit_1() {
    let port = start_web_server();
    let certs = make_certs();
    let env = env_for(port, "starttls", &certs, "timeout = 1\n");
    let stderr = send_one(&env, 1);
    let message = format!(
        "`127.0.0.1:{port}` is not a mail server (wrong port?): it does not answer in SMTP"
    );
    ends_with_error(&stderr, &message, WRONG_PORT);
}

/// A port that forwards its first connection to `target` and then closes:
/// every later connection to it is refused, as by a server that went down
/// in the middle of a run. Returns the port.
fn forward_first_connection_only(target: u16) -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        let Ok((client, _)) = listener.accept() else {
            return;
        };
        drop(listener);
        let server = std::net::TcpStream::connect(("127.0.0.1", target)).unwrap();
        let pipe = |mut from: std::net::TcpStream, to: std::net::TcpStream| {
            std::thread::spawn(move || {
                let mut to_write = &to;
                let _ = std::io::copy(&mut from, &mut to_write);
                let _ = to.shutdown(std::net::Shutdown::Write);
            })
        };
        pipe(client.try_clone().unwrap(), server.try_clone().unwrap());
        pipe(server, client);
    });
    port
}

/// A home for a server on `port` with `security` and no `ca_file`: its
/// certificate is not trusted.
fn env_without_ca_file(port: u16, security: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n\n\
         [smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\n\
         username = \"{USER}\"\ntimeout = 3\n"
    ));
    env
}

#[test]
fn an_untrusted_certificate_that_cannot_be_fetched_again_is_still_a_tls_failure_exit_1() {
    // The server takes one connection only: the certificate it was refused
    // for cannot be fetched a second time to describe it. It is still a
    // certificate to fix (exit 1), not a passing connection problem.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let port = forward_first_connection_only(server.port());
    let env = env_without_ca_file(port, "tls");
    let stderr = send_one(&env, 1);
    ends_with_error(
        &stderr,
        &format!("TLS failed: 127.0.0.1:{port}: network error: invalid peer certificate: UnknownIssuer"),
        "check `host` (it must match the certificate) and `security`; for a self-hosted server set `ca_file`",
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_tls_server_that_hangs_up_before_its_greeting_is_a_lost_connection_exit_75() {
    // With `security = "tls"`, a connection closed after the handshake and
    // before the greeting is the server going away (a later run may
    // succeed), not a port that speaks plain text, nor another protocol.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::implicit_tls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::Greeting, Action::Close).always()),
    );
    let env = env_for(server.port(), "tls", &certs, "timeout = 3\n");
    let stderr = send_one(&env, 75);
    ends_with_error(
        &stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: the connection was closed",
            server.port()
        ),
        LATER,
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_connection_refused_after_a_first_one_worked_is_temporary_exit_75() {
    // The first connection carries one letter, then the server says 421
    // and closes it; the port now refuses connections: the server went
    // away, which a later run can cure, so not a setting to fix.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD).with_fault(
            Fault::new(
                Step::Mail,
                Action::ReplyAndClose(421, "4.3.2 shutting down".into()),
            )
            .skip(1),
        ),
    );
    let port = forward_first_connection_only(server.port());
    let env = env_for(port, "starttls", &certs, "");
    let out = run(
        &mut appeal(
            &env,
            &["send", "--yes", "--retries", "0", "--connections", "1"],
        ),
        75,
    );
    out.stderr_has(&["summary: 1 delivered, 0 refused, 0 uncertain, 4 left to send"]);
    ends_with_error(
        &out.stderr,
        &format!(
            "cannot connect: `127.0.0.1:{port}` refused the connection: nothing answers on that port"
        ),
        LATER,
    );
    assert_eq!(server.messages().len(), 1);
}

#[test]
fn the_last_connection_that_cannot_connect_stops_the_run_once_the_others_are_done() {
    // Two connections: the second one's greeting never comes, so after the
    // 8 s deadline that connection cannot connect; by then the first one has
    // sent the other four letters and ended. The one that cannot connect is
    // then the last: the server is gone, which stops the run with its error,
    // not "one connection gave up; the others go on" (no others are left).
    let (server, env) = faulty(
        Fault::new(Step::Greeting, Action::Stall(Duration::MAX))
            .skip(1)
            .times(1),
        "timeout = 8\n",
    );
    let out = run(
        &mut appeal(
            &env,
            &["send", "--yes", "--retries", "0", "--connections", "2"],
        ),
        75,
    );
    out.stderr_has(&["summary: 4 delivered, 0 refused, 0 uncertain, 1 left to send"]);
    assert!(!out.stderr.contains("gave up"), "{}", out.stderr);
    ends_with_error(
        &out.stderr,
        &format!(
            "cannot connect: 127.0.0.1:{}: no answer from the server within 8 s while waiting for the greeting",
            server.port()
        ),
        LATER,
    );
    assert_eq!(server.messages().len(), 4);
}

#[test]
fn a_connection_lost_at_starttls_leaves_the_letters_for_later() {
    // Not a failed encryption (that stops for good, exit 1): the
    // connection broke before TLS began, so the run may work later.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::StartTls, Action::Close).always()),
    );
    let env = env_for(server.port(), "starttls", &certs, "");
    let out = run(&mut appeal(&env, &["send", "--yes", "--retries", "0"]), 75);
    out.stderr_has(&[
        "summary: 0 delivered, 0 refused, 0 uncertain, 5 left to send",
        &format!(
            "\nerror: cannot connect: 127.0.0.1:{}: STARTTLS could not be completed for now: response error: incomplete response\n\
             hint: the letters not sent are recorded; run the same command again later\n",
            server.port()
        ),
    ]);
    assert!(server.messages().is_empty());
}

#[test]
fn a_short_command_deadline_after_a_long_data_deadline_still_holds() {
    // The first letter's dot is allowed two minutes (`data_timeout`); the
    // watchdog then sleeps until that deadline. The second letter's MAIL
    // (sent with the first's dot) is never answered: its own deadline
    // (0.5 s) must wake the watchdog, not wait for the two minutes (the run
    // would outlast the 40 s guard). That connection is given up and the
    // letter goes at once over a new one.
    let certs = make_certs();
    let server = smtp::start(
        ServerOptions::starttls(&certs, USER, PASSWORD)
            .with_fault(Fault::new(Step::Mail, Action::Stall(Duration::MAX)).skip(1)),
    );
    let env = env_for(
        server.port(),
        "starttls",
        &certs,
        "timeout = 0.5\ndata_timeout = 120\n",
    );
    let out = run(&mut appeal(&env, &["send", "--yes", "--retries", "0"]), 0);
    out.stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(server.messages().len(), 5);
    assert_eq!(server.connections(), 2);
    assert_eq!(server.faults_fired(), vec![1]);
}
