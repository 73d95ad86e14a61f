//! OAuth2 login (`auth = "xoauth2"`, `token_command`; issue 12 item 2)
//! through the real binary, against the scripted SMTP server that speaks
//! XOAUTH2 the way Gmail does: the exact initial response, a refused token
//! (334 with a JSON error, then 535) with its hint, a failing token
//! command, and the token never printed, also with `-v`.

mod support;

use mail_parser::MessageParser;
use support::certs::make_certs;
use support::cli::{run, TestEnv};
use support::smtp::{self, Action, Fault, ServerOptions, Step, TestServer};

const USER: &str = "erika@example.org";
const TOKEN: &str = "ya29.a0-test-token";
/// base64 of `user=erika@example.org\x01auth=Bearer ya29.a0-test-token\x01\x01`,
/// computed outside the code under test.
const INITIAL_RESPONSE: &str =
    "dXNlcj1lcmlrYUBleGFtcGxlLm9yZwFhdXRoPUJlYXJlciB5YTI5LmEwLXRlc3QtdG9rZW4BAQ==";

const TOKEN_HINT: &str = "hint: the access token has expired or lacks the permission to send mail (scope `https://outlook.office.com/SMTP.Send` for Outlook.com, `https://mail.google.com/` for Gmail): run `token_command` yourself, and if it prints an old token, authorise again with its helper (e.g. `oama authorize`); see the README's \"OAuth2 (Outlook.com, Gmail)\" section\n";

/// A server that accepts `accepted` as the token, and a home whose
/// `token_command` prints `TOKEN`.
fn oauth_server(accepted: &str, token_command: &str) -> (TestServer, TestEnv) {
    oauth_server_with(accepted, token_command, None)
}

/// [`oauth_server`] with a scripted `fault`.
fn oauth_server_with(
    accepted: &str,
    token_command: &str,
    fault: Option<Fault>,
) -> (TestServer, TestEnv) {
    let certs = make_certs();
    let mut options =
        ServerOptions::starttls(&certs, USER, "no password is used").with_xoauth2(accepted);
    if let Some(fault) = fault {
        options = options.with_fault(fault);
    }
    let server = smtp::start(options);
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n"),
        server.port(),
        "starttls",
        USER,
        &certs,
        &format!("auth = \"xoauth2\"\ntoken_command = \"{token_command}\"\n"),
    );
    (server, env)
}

/// Neither the token nor the initial response that carries it was shown.
fn token_not_shown(out: &support::cli::Run) {
    for text in [&out.stdout, &out.stderr] {
        assert!(
            !text.contains(TOKEN) && !text.contains(INITIAL_RESPONSE),
            "the token was shown:\n{text}"
        );
    }
}

#[test]
fn the_token_is_sent_as_the_exact_xoauth2_initial_response_and_letters_go_out() {
    let (server, env) = oauth_server(TOKEN, &format!("echo {TOKEN}"));
    let out = run(&mut env.cmd(&["send", "--yes", "-v"]), 0);
    token_not_shown(&out);
    out.stderr_has(&[
        "smtp: > AUTH XOAUTH2 [redacted]",
        "smtp: < 235 2.7.0 Authentication successful",
    ]);
    let auth: Vec<String> = server
        .transcript()
        .into_iter()
        .filter(|l| l.contains("AUTH"))
        .collect();
    assert_eq!(auth, vec![format!("1: AUTH XOAUTH2 {INITIAL_RESPONSE}")]);
    let messages = server.messages();
    assert_eq!(messages.len(), 5);
    for m in &messages {
        assert_eq!(m.authenticated_as.as_deref(), Some(USER));
        let parsed = MessageParser::default().parse(&m.data).expect("parses");
        assert_eq!(
            parsed.from().unwrap().first().unwrap().address(),
            Some(USER)
        );
    }
}

#[test]
fn a_refused_token_gets_the_334_then_535_exchange_and_a_hint() {
    let (server, env) = oauth_server("another-token", &format!("echo {TOKEN}"));
    let out = run(&mut env.cmd(&["check", "-v"]), 1);
    token_not_shown(&out);
    assert!(
        out.stderr.ends_with(&format!(
            "error: check failed: authentication failed: the server did not accept the access token for `{USER}`: 535 5.7.8 Username and Password not accepted\n{TOKEN_HINT}"
        )),
        "{}",
        out.stderr
    );
    out.stderr_has(&[
        "smtp: < 334 {\"status\":\"401\",\"schemes\":\"bearer\",\"scope\":\"https://mail.google.com/\"}",
    ]);
    // The client answered the 334 with an empty line (not by hanging up).
    let transcript = server.transcript();
    let auth = transcript
        .iter()
        .position(|l| l.contains("AUTH XOAUTH2"))
        .unwrap();
    assert_eq!(transcript[auth + 1], "1: ");

    let out = run(&mut env.cmd(&["send", "--yes"]), 1);
    token_not_shown(&out);
    assert!(
        out.stderr.ends_with(&format!(
            "error: authentication failed: the server did not accept the access token for `{USER}`: 535 5.7.8 Username and Password not accepted\n{TOKEN_HINT}"
        )),
        "{}",
        out.stderr
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_failing_token_command_stops_before_connecting() {
    let (server, env) = oauth_server(TOKEN, "exit 3");
    let out = run(&mut env.cmd(&["check"]), 2);
    assert_eq!(
        out.stderr,
        "error: `token_command` `exit 3` failed (exit status: 3)\nhint: run the command yourself to see what is wrong\n"
    );
    let out = run(&mut env.cmd(&["send", "--yes"]), 2);
    assert!(out
        .stderr
        .ends_with("error: `token_command` `exit 3` failed (exit status: 3)\nhint: run the command yourself to see what is wrong\n"));
    assert_eq!(server.connections(), 0);
}

#[test]
fn a_token_command_printing_several_lines_is_refused_without_showing_them() {
    // The command names the token in parts, so that only its output holds it.
    let (server, env) = oauth_server(TOKEN, "printf 'ya29.%s\\\\nrefresh-xyz\\\\n' a0-test-token");
    let out = run(&mut env.cmd(&["check"]), 2);
    token_not_shown(&out);
    assert!(out.stderr.ends_with(
        "printed more than one line; its whole output would be taken as the access token\nhint: make it print only the access token, e.g. `oama access erika@outlook.com`\n"
    ), "{}", out.stderr);
    assert_eq!(server.connections(), 0);
}

#[test]
fn xoauth2_without_a_token_command_is_a_configuration_error() {
    let env = TestEnv::new();
    let path = env.write_config(&format!(
        "[sender]\nname = \"Erika\"\nemail = \"{USER}\"\n[smtp]\nhost = \"smtp.example.org\"\nusername = \"{USER}\"\nauth = \"xoauth2\"\n"
    ));
    let out = run(&mut env.cmd(&["check"]), 2);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}: `auth = \"xoauth2\"` needs `token_command` under [smtp], a command that prints a fresh access token\nhint: e.g. `auth = \"xoauth2\"` and `token_command = \"oama access you@outlook.com\"`; see the README's \"OAuth2 (Outlook.com, Gmail)\" section\n",
            path.display()
        )
    );
}

#[test]
fn a_server_without_xoauth2_is_named() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, "pw"));
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Erika\"\nemail = \"{USER}\"\n"),
        server.port(),
        "starttls",
        USER,
        &certs,
        &format!("auth = \"xoauth2\"\ntoken_command = \"echo {TOKEN}\"\n"),
    );
    let out = run(&mut env.cmd(&["check"]), 1);
    assert!(out.stderr.starts_with(&format!(
        "error: check failed: authentication failed: 127.0.0.1:{} does not offer OAuth2 login (AUTH XOAUTH2); use `auth = \"password\"` for this server\n",
        server.port()
    )), "{}", out.stderr);
    assert!(server.transcript().iter().all(|l| !l.contains("AUTH")));
}

/// Like [`oauth_server`] (the token printed by `echo`), with `fault`.
fn faulty_oauth_server(accepted: &str, fault: Fault) -> (TestServer, TestEnv) {
    oauth_server_with(accepted, &format!("echo {TOKEN}"), Some(fault))
}

#[test]
fn a_second_challenge_after_the_empty_line_is_a_refused_token_not_a_login() {
    // A server that answers the client's empty line with yet another 334
    // has not logged it in: nothing may be sent as if it had.
    let (server, env) = faulty_oauth_server(
        "another-token",
        Fault::new(
            Step::Auth,
            Action::Reply(334, "eyJzdGF0dXMiOiI0MDEifQ==".into()),
        ),
    );
    let out = run(&mut env.cmd(&["check"]), 1);
    token_not_shown(&out);
    assert!(
        out.stderr.ends_with(&format!(
            "error: check failed: authentication failed: the server did not accept the access token for `{USER}`: 334 eyJzdGF0dXMiOiI0MDEifQ==\n{TOKEN_HINT}"
        )),
        "{}",
        out.stderr
    );
    assert!(server.messages().is_empty());
}

#[test]
fn a_temporary_failure_at_the_xoauth2_login_leaves_the_letters_for_later() {
    // 454 at AUTH: the login could not be completed for now (exit 75), not
    // a refused token that stops for good.
    let (server, env) = faulty_oauth_server(
        TOKEN,
        Fault::new(
            Step::Auth,
            Action::Reply(454, "4.7.0 Temporary authentication failure".into()),
        )
        .always(),
    );
    let out = run(&mut env.cmd(&["send", "--yes", "--retries", "0"]), 75);
    token_not_shown(&out);
    assert!(
        out.stderr.ends_with(&format!(
            "error: cannot connect: 127.0.0.1:{}: the login could not be completed for now: 454 4.7.0 Temporary authentication failure\n\
             hint: the letters not sent are recorded; run the same command again later\n",
            server.port()
        )),
        "{}",
        out.stderr
    );
    assert!(server.messages().is_empty());
}
