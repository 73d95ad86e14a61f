//! `password_command` through the real binary: it has a deadline
//! (`password_timeout`), and it runs before the journal is locked, so a
//! slow or hung command never makes another run exit 75.

mod support;

use std::time::{Duration, Instant};

use support::certs::make_certs;
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Gehe1m-Pa55wort!";

/// A home for a STARTTLS server on `port` whose password comes from
/// `command` (further `[smtp]` lines in `extra`).
fn env_with_command(
    port: u16,
    certs: &support::certs::TestCerts,
    command: &str,
    extra: &str,
) -> TestEnv {
    let env = TestEnv::new();
    env.write_smtp_config(
        &format!("[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\ncity = \"Köln\"\n"),
        port,
        "starttls",
        USER,
        certs,
        &format!("password_command = \"{command}\"\n{extra}"),
    );
    env
}

#[test]
fn a_password_command_that_hangs_is_stopped_at_password_timeout_exit_2() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = env_with_command(server.port(), &certs, "sleep 30", "password_timeout = 1\n");
    let started = Instant::now();
    let out = run(
        env.cmd(&["send", "--yes", "--to", "barley"])
            .timeout(Duration::from_secs(25)),
        2,
    );
    // A guard against hanging, not a speed test.
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(
        out.stderr,
        "error: `password_command` `sleep 30` did not finish within 1 s and was stopped\n\
         hint: run the command yourself to see what it waits for (a passphrase, a locked keyring); if it is only slow, raise `password_timeout` under [smtp]\n"
    );
    assert_eq!(server.connections(), 0, "nothing was tried");
    // And `check` the same.
    let out = run(env.cmd(&["check"]).timeout(Duration::from_secs(25)), 2);
    assert!(
        out.stderr.starts_with(
            "error: `password_command` `sleep 30` did not finish within 1 s and was stopped\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_password_timeout_out_of_range_is_refused() {
    let certs = make_certs();
    let env = env_with_command(2525, &certs, "echo x", "password_timeout = 0\n");
    let out = run(&mut env.cmd(&["check"]), 2);
    assert_eq!(
        out.stderr,
        format!(
            "error: {}: `smtp.password_timeout` must be a number of seconds between 0 and 86400\n",
            env.config_file().display()
        )
    );
}

#[test]
fn another_run_sends_while_one_waits_for_its_password_command_and_that_one_then_sends_nothing_again(
) {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let probe = TestEnv::new();
    let waiting = probe.root().join("waiting");
    let go = probe.root().join("go");
    let command = format!(
        "touch '{}'; while [ ! -e '{}' ]; do sleep 0.05; done; echo '{PASSWORD}'",
        waiting.display(),
        go.display()
    );
    let env = env_with_command(server.port(), &certs, &command, "");
    // Run A: waits in its password command until told to go on.
    let first = env
        .std_cmd(&["send", "--yes"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !waiting.exists() {
        assert!(started.elapsed() < Duration::from_secs(20), "A never asked");
        std::thread::sleep(Duration::from_millis(20));
    }
    // Run B meanwhile, with the password from the environment: the journal
    // is not locked by A, so B sends everything.
    run(
        env.cmd(&["send", "--yes"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .timeout(Duration::from_secs(30)),
        0,
    )
    .stderr_has(&["summary: 5 delivered, 0 refused, 0 uncertain, 0 left to send"]);
    assert_eq!(server.messages().len(), 5);
    // A gets its password, takes the lock, reads the journal again and
    // finds nothing left: no letter twice.
    std::fs::write(&go, "").unwrap();
    let out = first.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.ends_with("nothing to send\n"), "{stderr}");
    assert_eq!(server.messages().len(), 5, "nothing sent twice");
}
