//! The system's trust store (issue 15 item 3): read once per run, not for
//! the check of the settings and again for every connection, and still the
//! only thing that makes a server without `ca_file` trusted.
//!
//! The store is the one `rustls-native-certs` reads; `$SSL_CERT_FILE`
//! points it at a test CA, so no test depends on the machine's store. The
//! server is the scripted one of `tests/support/smtp.rs` (STARTTLS, AUTH),
//! and what it stored is parsed and checked.

mod support;

use std::collections::BTreeSet;
use std::path::Path;

use mail_parser::MessageParser;
use support::certs::{make_certs, make_untrusted_certs, write_ca};
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "vertrauen"
title = "Vertrauenstest"
language = "de"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"

[[recipient]]
name = "Bernd Bauer"
salutation = "Herr"
email = "mep2@example.org"

[[recipient]]
name = "Doris Dorn"
salutation = "Frau"
email = "mep3@example.org"

[[recipient]]
name = "Emil Eck"
salutation = "Herr"
email = "mep4@example.org"
"#;

const TEMPLATE: &str = "Subject: Gesichtserkennung verbieten

{{greeting}}

bitte setzen Sie sich für ein Verbot von Gesichtserkennung ein.

Mit freundlichen Grüßen
{{sender.name}}
";

/// A home whose account is on `server`, with no `ca_file`: only the
/// system's store (`$SSL_CERT_FILE`) can make the server trusted.
fn home_without_ca_file(server: &TestServer) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\n",
        server.port()
    ));
    env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
    env
}

/// `appeal -v --campaign kampagne send --yes …` with the system's store
/// at `store` and the password in the environment.
fn send(env: &TestEnv, store: &Path, extra: &[&str]) -> assert_cmd::Command {
    let campaign = env.root().join("kampagne");
    let mut args = vec![
        "-v",
        "--campaign",
        campaign.to_str().expect("a UTF-8 path"),
        "send",
        "--yes",
        "--rate",
        "unlimited",
    ];
    args.extend_from_slice(extra);
    let mut cmd = env.cmd(&args);
    cmd.env("SSL_CERT_FILE", store)
        .env_remove("SSL_CERT_DIR")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD)
        .timeout(std::time::Duration::from_secs(60));
    cmd
}

#[test]
fn the_system_trust_store_is_read_once_per_run_and_trusted_on_every_connection() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = home_without_ca_file(&server);
    let store = write_ca(env.root(), &certs);

    let out = run(&mut send(&env, &store, &["--connections", "2"]), 0);

    // Two connections, each verified against the one store read.
    assert_eq!(server.connections(), 2, "{}", out.stderr);
    let reads: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.contains("trust store"))
        .collect();
    assert_eq!(
        reads,
        ["smtp: (system trust store read once for this run: 1 root certificates)"],
        "{}",
        out.stderr
    );
    let delivered: BTreeSet<String> = server
        .messages()
        .iter()
        .map(|m| {
            let parsed = MessageParser::default()
                .parse(&m.data)
                .expect("a parsable message");
            assert!(m.tls, "sent unencrypted: {m:?}");
            assert_eq!(
                parsed.subject(),
                Some("Gesichtserkennung verbieten"),
                "{m:?}"
            );
            m.rcpt_to.join(",")
        })
        .collect();
    let used: BTreeSet<usize> = server.messages().iter().map(|m| m.connection).collect();
    assert_eq!(
        used,
        BTreeSet::from([1, 2]),
        "both connections carried letters"
    );
    assert_eq!(
        delivered,
        BTreeSet::from(
            [
                "mep1@example.org",
                "mep2@example.org",
                "mep3@example.org",
                "mep4@example.org"
            ]
            .map(String::from)
        ),
    );
}

#[test]
fn a_server_whose_ca_is_not_in_the_system_store_is_not_trusted() {
    let server_certs = make_untrusted_certs();
    let server = smtp::start(ServerOptions::starttls(&server_certs, USER, PASSWORD));
    let env = home_without_ca_file(&server);
    let store = write_ca(env.root(), &make_certs());

    run(&mut send(&env, &store, &[]), 1).stderr_has(&[
        &format!(
            "error: the certificate of `127.0.0.1:{}` is not trusted: it is signed by an authority this computer does not trust\n",
            server.port()
        ),
        "\n  issuer:      CN=appeal test CA\n",
        "\nhint: if this is your own server or Proton Mail Bridge and it shows this fingerprint, trust exactly this certificate by adding under [smtp]: tls_fingerprint = \"sha256:",
        "(or set `ca_file` to the certificate of the authority that signed it)\n",
    ]);
    assert!(server.messages().is_empty());
    assert!(
        server.transcript().iter().all(|l| !l.contains("AUTH")),
        "{:?}",
        server.transcript()
    );
}

#[test]
fn a_certificate_in_the_system_store_that_cannot_be_a_root_is_left_out() {
    // Well-formed PEM around bytes that are no certificate: the platform's
    // store may hold such an entry; the others must still be trusted, as
    // lettre's own reading of the store does.
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = home_without_ca_file(&server);
    let store = env.write(
        "store.pem",
        &format!(
            "-----BEGIN CERTIFICATE-----\nTm8gY2VydGlmaWNhdGUgYXQgYWxsLg==\n-----END CERTIFICATE-----\n{}",
            certs.ca_pem
        ),
    );

    let out = run(&mut send(&env, &store, &[]), 0);

    assert!(
        out.stderr
            .lines()
            .any(|l| l == "smtp: (system trust store read once for this run: 1 root certificates)"),
        "{}",
        out.stderr
    );
    assert_eq!(server.messages().len(), 4, "{}", out.stderr);
    assert!(server.messages().iter().all(|m| m.tls));
}

#[test]
fn an_unencrypted_run_reads_no_trust_store() {
    // `security = "none"` (loopback only) needs no certificate: the store is
    // neither read ahead nor when connecting, even with a `ca_file` that
    // does not exist (it is for TLS only, so not a reason to stop).
    let server = smtp::start(ServerOptions::plain());
    let env = TestEnv::new();
    env.write_config(&format!(
        "[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\nsecurity = \"none\"\nca_file = \"{}\"\n",
        server.port(),
        env.root().join("no-such-ca.pem").display()
    ));
    env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
    let store = write_ca(env.root(), &make_certs());

    let out = run(&mut send(&env, &store, &["--connections", "2"]), 0);

    assert!(
        out.stderr.lines().all(|l| !l.contains("trust store")),
        "{}",
        out.stderr
    );
    let delivered: BTreeSet<String> = server
        .messages()
        .iter()
        .map(|m| {
            let parsed = MessageParser::default()
                .parse(&m.data)
                .expect("a parsable message");
            assert!(!m.tls, "{m:?}");
            assert_eq!(
                parsed.subject(),
                Some("Gesichtserkennung verbieten"),
                "{m:?}"
            );
            m.rcpt_to.join(",")
        })
        .collect();
    assert_eq!(
        delivered,
        BTreeSet::from(
            [
                "mep1@example.org",
                "mep2@example.org",
                "mep3@example.org",
                "mep4@example.org"
            ]
            .map(String::from)
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_ca_file_of_another_kind_of_file_is_named_as_holding_no_pem_certificate() {
    // Longer than the PEM marker, so it is looked for and not found (a
    // binary or DER file, say), and said so before connecting (the whole
    // message: it has no hint).
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = home_without_ca_file(&server);
    let ca = env.write(
        "ca.der",
        "0\u{1}\u{2}\u{3} a certificate in DER, or anything else that is no PEM file\n",
    );
    env.write_config(&format!(
        "[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\n\
         port = {}\nsecurity = \"starttls\"\nusername = \"{USER}\"\nca_file = '{}'\n",
        server.port(),
        ca.display()
    ));
    let out = run(env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", PASSWORD), 2);
    assert_eq!(
        Some(out.stderr.as_str()),
        Some(
            format!(
                "error: `ca_file` `{}` holds no PEM certificate (-----BEGIN CERTIFICATE-----)\n",
                ca.display()
            )
            .as_str()
        ),
        "{}",
        out.stderr
    );
    assert_eq!(server.connections(), 0);
}
