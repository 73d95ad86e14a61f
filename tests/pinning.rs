//! Certificate pinning (`tls_fingerprint`, issue 12 item 1) through the
//! real binary, against the scripted SMTP server presenting a self-signed
//! `CA:TRUE` certificate such as `openssl req -x509` or Proton Mail Bridge
//! make: without a pin nothing (and no password) is sent and the
//! certificate is described; with its fingerprint letters go out; with
//! another fingerprint nothing of the password is on the wire.

mod support;

use mail_parser::MessageParser;
use support::certs::{
    fingerprint, make_certs, make_certs_for, make_certs_through_a_non_ca_intermediate,
    make_self_signed_ca_cert, write_ca, TestCerts,
};
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";

/// A home whose `[smtp]` points at `port` with `security`, no `ca_file`,
/// and `extra` lines.
fn env_for(port: u16, security: &str, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n\n\
         [smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\n\
         username = \"{USER}\"\n{extra}"
    ));
    env
}

/// The command with the password in the environment.
fn appeal(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut cmd = env.cmd(args);
    cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD);
    cmd
}

/// The STARTTLS server with the self-signed `CA:TRUE` certificate.
fn bridge_like() -> (TestServer, TestCerts) {
    let certs = make_self_signed_ca_cert();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    (server, certs)
}

/// The explanation of the self-signed certificate `certs` at `port`, with
/// its hint: the whole message a person reads.
fn self_signed_explanation(port: u16, certs: &TestCerts) -> String {
    let fp = fingerprint(&certs.cert_pem);
    format!(
        "the certificate of `127.0.0.1:{port}` is not trusted: it is self-signed, so no authority this computer trusts vouches for it\n\
         \x20 subject:     CN=localhost\n\
         \x20 issuer:      CN=localhost\n\
         \x20 valid:       1975-01-01 to 4096-01-01\n\
         \x20 fingerprint: {fp}\n\
         hint: if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: tls_fingerprint = \"{fp}\" (or set `ca_file` to the certificate of the authority that signed it)\n"
    )
}

/// Nothing of the login reached the server: no AUTH line, and neither the
/// password nor its base64 forms (PLAIN, LOGIN) in anything it received.
fn no_password_on_the_wire(server: &TestServer) {
    let transcript = server.transcript();
    assert!(
        transcript.iter().all(|l| !l.contains("AUTH")),
        "no AUTH may be sent: {transcript:#?}"
    );
    let plain = base64(format!("\0{USER}\0{PASSWORD}").as_bytes());
    let login = base64(PASSWORD.as_bytes());
    for line in &transcript {
        assert!(
            !line.contains(PASSWORD) && !line.contains(&plain) && !line.contains(&login),
            "the password reached the server: {line}"
        );
    }
    assert!(server.messages().is_empty());
}

/// Standard base64 with padding, written out here so the check does not
/// rely on the code under test.
fn base64(bytes: &[u8]) -> String {
    const TABLE: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(TABLE[(n >> (18 - 6 * i)) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn without_a_pin_a_self_signed_certificate_stops_before_auth_and_is_described() {
    let (server, certs) = bridge_like();
    let env = env_for(server.port(), "starttls", "");
    let out = run(&mut appeal(&env, &["send", "--yes"]), 1);
    let expected = format!("error: {}", self_signed_explanation(server.port(), &certs));
    assert!(
        out.stderr.ends_with(&expected),
        "stderr:\n{}\nexpected to end with:\n{expected}",
        out.stderr
    );
    assert!(!out.stderr.contains("UnknownIssuer") && !out.stderr.contains("invalid peer"));
    no_password_on_the_wire(&server);
}

#[test]
fn check_describes_the_untrusted_certificate_the_same_way() {
    let (server, certs) = bridge_like();
    let env = env_for(server.port(), "starttls", "");
    let out = run(&mut appeal(&env, &["check"]), 1);
    let expected = format!(
        "error: check failed: {}",
        self_signed_explanation(server.port(), &certs)
    );
    assert_eq!(out.stderr, expected);
    no_password_on_the_wire(&server);
}

#[test]
fn a_ca_true_certificate_given_as_ca_file_is_explained_not_shown_as_rustls_text() {
    // rustls: `invalid peer certificate: Other(OtherError(CaUsedAsEndEntity))`.
    let (server, certs) = bridge_like();
    let env = TestEnv::new();
    let ca = write_ca(env.root(), &certs);
    let env = {
        env.write_config(&format!(
            "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\n\
             port = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\nca_file = '{}'\n",
            server.port(),
            ca.display()
        ));
        env
    };
    let out = run(&mut appeal(&env, &["check"]), 1);
    let expected = format!(
        "error: check failed: {}",
        self_signed_explanation(server.port(), &certs)
    );
    assert_eq!(out.stderr, expected);
    no_password_on_the_wire(&server);
}

#[test]
fn with_the_right_pin_the_letters_are_sent_over_the_pinned_connection() {
    let (server, certs) = bridge_like();
    // As a person pastes it: lower case, no colons, next to an old pin.
    let fp = fingerprint(&certs.cert_pem);
    let pasted = fp
        .trim_start_matches("sha256:")
        .replace(':', "")
        .to_lowercase();
    let old = format!("sha256:{}", ["00"; 32].join(":"));
    let env = env_for(
        server.port(),
        "starttls",
        &format!("tls_fingerprint = [\"{old}\", \"{pasted}\"]\n"),
    );
    let out = run(&mut appeal(&env, &["check"]), 0);
    assert_eq!(
        out.stdout.lines().nth(1),
        Some(
            format!(
                "ok: encrypted with STARTTLS (TLS 1.2 or newer required), certificate is the one pinned by `tls_fingerprint` ({fp})"
            )
            .as_str()
        )
    );
    run(&mut appeal(&env, &["send", "--yes"]), 0);
    let messages = server.messages();
    assert_eq!(messages.len(), 5, "the five members in office");
    for m in &messages {
        assert!(m.tls, "sent over the encrypted connection");
        assert_eq!(m.authenticated_as.as_deref(), Some(USER));
        let parsed = MessageParser::default().parse(&m.data).expect("parses");
        assert_eq!(
            parsed.from().unwrap().first().unwrap().address(),
            Some(USER)
        );
        assert_eq!(
            parsed.to().unwrap().first().unwrap().address(),
            Some(m.rcpt_to[0].as_str())
        );
    }
}

#[test]
fn with_implicit_tls_the_pin_is_checked_too() {
    let certs = make_self_signed_ca_cert();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let fp = fingerprint(&certs.cert_pem);
    let env = env_for(
        server.port(),
        "tls",
        &format!("tls_fingerprint = \"{fp}\"\n"),
    );
    run(&mut appeal(&env, &["check"]), 0).stdout_has(&[&format!(
        "ok: encrypted with implicit TLS (TLS 1.2 or newer required), certificate is the one pinned by `tls_fingerprint` ({fp})"
    )]);
    let before = server.transcript().len();
    let other = fingerprint(&make_self_signed_ca_cert().cert_pem);
    let env = env_for(
        server.port(),
        "tls",
        &format!("tls_fingerprint = \"{other}\"\n"),
    );
    run(&mut appeal(&env, &["check"]), 1)
        .stderr_has(&["is not trusted: it is not the certificate pinned by `tls_fingerprint`"]);
    let after = &server.transcript()[before..];
    assert!(after.iter().all(|l| !l.contains("AUTH")), "{after:#?}");
}

#[test]
fn with_a_wrong_pin_nothing_of_the_password_is_on_the_wire() {
    let (server, certs) = bridge_like();
    let other = fingerprint(&make_self_signed_ca_cert().cert_pem);
    let env = env_for(
        server.port(),
        "starttls",
        &format!("tls_fingerprint = \"{other}\"\n"),
    );
    let out = run(&mut appeal(&env, &["send", "--yes"]), 1);
    let fp = fingerprint(&certs.cert_pem);
    let expected = format!(
        "error: the certificate of `127.0.0.1:{port}` is not trusted: it is not the certificate pinned by `tls_fingerprint`\n\
         \x20 subject:     CN=localhost\n\
         \x20 issuer:      CN=localhost\n\
         \x20 valid:       1975-01-01 to 4096-01-01\n\
         \x20 fingerprint: {fp}\n\
         hint: if the server's certificate was renewed and this is the new one, replace `tls_fingerprint` under [smtp] with: tls_fingerprint = \"{fp}\"\n",
        port = server.port()
    );
    assert!(
        out.stderr.ends_with(&expected),
        "stderr:\n{}\nexpected to end with:\n{expected}",
        out.stderr
    );
    no_password_on_the_wire(&server);
}

#[test]
fn a_pin_replaces_the_authority_check_only_for_the_pinned_certificate() {
    // A certificate signed by a CA this computer does not know, pinned:
    // accepted although its issuer is unknown.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let fp = fingerprint(&certs.cert_pem);
    let env = env_for(
        server.port(),
        "starttls",
        &format!("tls_fingerprint = \"{fp}\"\n"),
    );
    run(&mut appeal(&env, &["check"]), 0).stdout_has(&["ok: logged in as `erika@example.org`"]);
    // Without the pin the same server is refused, its CA named as unknown.
    let env = env_for(server.port(), "starttls", "");
    run(&mut appeal(&env, &["check"]), 1).stderr_has(&[&format!(
        "error: check failed: the certificate of `127.0.0.1:{}` is not trusted: it is signed by an authority this computer does not trust\n  subject:     CN=localhost\n  issuer:      CN=appeal test CA\n",
        server.port()
    )]);
}

#[test]
fn a_malformed_fingerprint_is_a_configuration_error_before_connecting() {
    let (server, _certs) = bridge_like();
    let env = env_for(
        server.port(),
        "starttls",
        "tls_fingerprint = \"sha256:AB:CD\"\n",
    );
    let out = run(&mut appeal(&env, &["check"]), 2);
    assert_eq!(
        out.stderr,
        "error: `tls_fingerprint` `sha256:AB:CD` is not a SHA-256 fingerprint (64 hexadecimal digits, e.g. `sha256:3A:F1:…`)\n"
    );
    assert_eq!(server.connections(), 0);
}

#[test]
fn with_implicit_tls_an_untrusted_certificate_is_described_too() {
    let certs = make_self_signed_ca_cert();
    let server = smtp::start(ServerOptions::implicit_tls(&certs, USER, PASSWORD));
    let env = env_for(server.port(), "tls", "");
    let out = run(&mut appeal(&env, &["check", "-v"]), 1);
    assert!(
        out.stderr.ends_with(&format!(
            "error: check failed: {}",
            self_signed_explanation(server.port(), &certs)
        )),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("UnknownIssuer") && !out.stderr.contains("invalid peer"));
    no_password_on_the_wire(&server);
}

#[test]
fn a_pinned_run_reads_no_trust_store() {
    // The pin decides, not an authority: the system's store is not read,
    // neither ahead of the first connection nor for it.
    let (server, certs) = bridge_like();
    let fp = fingerprint(&certs.cert_pem);
    let env = env_for(
        server.port(),
        "starttls",
        &format!("tls_fingerprint = \"{fp}\"\n"),
    );
    let out = run(&mut appeal(&env, &["-v", "send", "--yes"]), 0);
    assert!(
        out.stderr.lines().all(|l| !l.contains("trust store")),
        "{}",
        out.stderr
    );
    let messages = server.messages();
    assert_eq!(messages.len(), 5, "the five members in office");
    for m in &messages {
        assert!(m.tls, "sent over the encrypted connection");
        let parsed = MessageParser::default().parse(&m.data).expect("parses");
        assert_eq!(
            parsed.to().unwrap().first().unwrap().address(),
            Some(m.rcpt_to[0].as_str())
        );
    }
}

/// `check` against a STARTTLS server presenting `certs`, whose CA is the
/// `ca_file`: the whole error.
fn check_with_trusted_ca(certs: &TestCerts) -> (u16, String) {
    let server = smtp::start(ServerOptions::starttls(certs, USER, PASSWORD));
    let env = TestEnv::new();
    let ca = write_ca(env.root(), certs);
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n\
         [smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\n\
         username = \"{USER}\"\nca_file = '{}'\n",
        server.port(),
        ca.display()
    ));
    let out = run(&mut appeal(&env, &["check"]), 1);
    assert!(server.transcript().iter().all(|l| !l.contains("AUTH")));
    (server.port(), out.stderr)
}

#[test]
fn a_certificate_made_out_for_another_name_is_named_as_such() {
    // The authority is trusted (`ca_file`), but the certificate is for
    // mail.example.org, and `host` is 127.0.0.1: a wrong `host` setting.
    let certs = make_certs_for(&["mail.example.org"], None);
    let (port, stderr) = check_with_trusted_ca(&certs);
    let fp = fingerprint(&certs.cert_pem);
    assert_eq!(
        stderr,
        format!(
            "error: check failed: the certificate of `127.0.0.1:{port}` is not trusted: it is made out for another name than `127.0.0.1`\n\
             \x20 subject:     CN=localhost\n\
             \x20 issuer:      CN=appeal test CA\n\
             \x20 valid:       1975-01-01 to 4096-01-01\n\
             \x20 fingerprint: {fp}\n\
             hint: if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: tls_fingerprint = \"{fp}\" (or set `ca_file` to the certificate of the authority that signed it)\n"
        )
    );
}

#[test]
fn an_expired_certificate_is_named_as_out_of_date() {
    let certs = make_certs_for(&["localhost", "127.0.0.1"], Some((2020, 2021)));
    let (port, stderr) = check_with_trusted_ca(&certs);
    let fp = fingerprint(&certs.cert_pem);
    assert_eq!(
        stderr,
        format!(
            "error: check failed: the certificate of `127.0.0.1:{port}` is not trusted: it is expired or not yet valid\n\
             \x20 subject:     CN=localhost\n\
             \x20 issuer:      CN=appeal test CA\n\
             \x20 valid:       2020-01-01 to 2021-01-01\n\
             \x20 fingerprint: {fp}\n\
             hint: if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: tls_fingerprint = \"{fp}\" (or set `ca_file` to the certificate of the authority that signed it)\n"
        )
    );
}

#[test]
fn a_certificate_the_checks_cannot_accept_for_another_reason_is_not_called_self_signed() {
    // Made out for the right name, and its chain leads to the trusted
    // authority, but through an intermediate that may not sign: "not a
    // valid certificate", not the self-signed explanation (kept for a
    // `CA:TRUE` certificate presented as its own).
    let certs = make_certs_through_a_non_ca_intermediate();
    let (port, stderr) = check_with_trusted_ca(&certs);
    assert!(
        stderr.starts_with(&format!(
            "error: check failed: the certificate of `127.0.0.1:{port}` is not trusted: it is not a valid certificate\n\
             \x20 subject:     CN=localhost\n\
             \x20 issuer:      CN=appeal test intermediate\n"
        )),
        "{stderr}"
    );
}
