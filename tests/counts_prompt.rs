//! `send --require-note` on a pseudo-terminal (issue 14): a single activist
//! who declines to add a sentence of their own is refused before the
//! confirmation, and nothing is sent.

#![cfg(unix)]

mod support;

use rexpect::process::wait::WaitStatus;
use support::certs::{make_certs, write_ca};
use support::cli::TestEnv;
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Tipp-Geheim-42";

#[test]
fn require_note_refuses_a_letter_whose_sender_declines_to_add_a_sentence(
) -> Result<(), rexpect::error::Error> {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = TestEnv::new();
    let ca = write_ca(env.root(), &certs);
    env.write_config(&format!(
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"{USER}\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = {}\nusername = \"{USER}\"\nca_file = \"{}\"\n",
        server.port(),
        ca.display()
    ));
    let mut cmd = env.std_cmd(&["send", "--to", "barley", "--require-note"]);
    cmd.env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("APPEAL_SMTP_PASSWORD", PASSWORD);
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000))?;
    p.exp_string("Add a sentence of your own to the letter?")?;
    p.send("n\r")?;
    p.flush()?;
    p.exp_string("error: --require-note: your letter has no personal paragraph")?;
    p.exp_string("hint: write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note")?;
    p.exp_eof()?;
    match p.process().wait().expect("wait for appeal") {
        WaitStatus::Exited(_, code) => assert_eq!(code, 2),
        other => panic!("appeal did not exit normally: {other:?}"),
    }
    assert_eq!(server.connections(), 0);
    Ok(())
}
