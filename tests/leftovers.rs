//! What runs leave on disk (issue 11 items 11 and 12), through the real
//! binary: the journal and its folders are private (0600/0700) and a
//! journal others can read is made private with a notice; NUL bytes left
//! by a crash at the end of the journal are an incomplete write (a
//! warning), not a damaged journal; `preview --out` to a dangling symbolic
//! link leaves nothing behind. Letters go to the test SMTP server on
//! 127.0.0.1 and are parsed from what it stored.

mod support;

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use mail_parser::MessageParser;
use support::certs::make_certs;
use support::cli::{run, usage_error, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

const USER: &str = "gruppe@example.org";
const PASSWORD: &str = "Gruppen-Pa55wort!";

const RECIPIENTS_TOML: &str = r#"[campaign]
id = "reste"
title = "Gesichtserkennung verbieten"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
email = "mep1@example.org"

[[recipient]]
name = "Bernd Bauer"
email = "mep2@example.org"
"#;

const TEMPLATE: &str =
    "Subject: Gesichtserkennung verbieten\n\n{{greeting}}\n\nBitte.\n\n{{sender.name}}\n";

/// A home configured for a STARTTLS + AUTH server, with the campaign.
struct Home {
    env: TestEnv,
    server: TestServer,
    campaign: PathBuf,
}

impl Home {
    fn new() -> Home {
        let certs = make_certs();
        let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
        let env = TestEnv::new();
        env.write_smtp_config(
            &format!("[sender]\nname = \"Ortsgruppe\"\nemail = \"{USER}\"\n"),
            server.port(),
            "starttls",
            USER,
            &certs,
            "",
        );
        let campaign = env.write_campaign("kampagne", RECIPIENTS_TOML, "brief.de.hbs", TEMPLATE);
        Home {
            env,
            server,
            campaign,
        }
    }

    /// `appeal send --yes` (with `extra`), password in the environment.
    fn send(&self, extra: &[&str]) -> assert_cmd::Command {
        let mut args = vec![
            "--campaign",
            self.campaign.to_str().unwrap(),
            "send",
            "--yes",
        ];
        args.extend_from_slice(extra);
        let mut cmd = self.env.cmd(&args);
        cmd.env("APPEAL_SMTP_PASSWORD", PASSWORD)
            .timeout(Duration::from_secs(30));
        cmd
    }

    fn journal(&self) -> PathBuf {
        self.env
            .state_dir()
            .join("appeal")
            .join("journal")
            .join("reste.jsonl")
    }

    /// The recipients of the stored messages, in order.
    fn delivered_to(&self) -> Vec<String> {
        self.server
            .messages()
            .iter()
            .map(|m| {
                let parsed = MessageParser::default().parse(&m.data).unwrap();
                let to = parsed.to().and_then(|a| a.first()).unwrap();
                to.address().unwrap().to_string()
            })
            .collect()
    }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_journal_and_its_folders_are_private() {
    let home = Home::new();
    run(&mut home.send(&["--to", "mep1@example.org"]), 0);
    assert_eq!(home.delivered_to(), ["mep1@example.org"]);
    let journal = home.journal();
    assert_eq!(mode(&journal), 0o600, "journal");
    for folder in ["appeal/journal", "appeal", ""] {
        let folder = home.env.state_dir().join(folder);
        assert_eq!(mode(&folder), 0o700, "{}", folder.display());
    }

    // A journal others could read (an older version, a copy) is tightened.
    std::fs::set_permissions(&journal, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = run(&mut home.send(&[]), 0);
    out.stderr_has(&[&format!(
        "notice: the journal `{}` could be read by other users (mode 644); it holds members' names and addresses, so it is now private (mode 600)\n",
        journal.display()
    )]);
    assert_eq!(mode(&journal), 0o600);
    assert_eq!(
        home.delivered_to(),
        ["mep1@example.org", "mep2@example.org"]
    );

    // Private already: no notice.
    let out = run(&mut home.send(&[]), 0);
    assert!(
        !out.stderr.contains("notice: the journal"),
        "{}",
        out.stderr
    );
}

#[test]
fn nul_bytes_at_the_end_of_the_journal_are_an_incomplete_write() {
    let home = Home::new();
    run(&mut home.send(&["--to", "mep1@example.org"]), 0);
    let journal = home.journal();
    // A crash on some file systems: the file grew, its data never arrived.
    let mut bytes = std::fs::read(&journal).unwrap();
    let lines = bytes.iter().filter(|&&b| b == b'\n').count();
    bytes.extend_from_slice(&[0u8; 300]);
    std::fs::write(&journal, &bytes).unwrap();
    let warning = format!(
        "warning: the journal `{}` has an incomplete line {} (probably a crash while writing); it is ignored\n",
        journal.display(),
        lines + 1
    );

    let out = run(&mut home.send(&[]), 0);
    out.stderr_has(&[&warning]);
    assert_eq!(
        home.delivered_to(),
        ["mep1@example.org", "mep2@example.org"],
        "the letter delivered before the crash is not sent again"
    );
    // The NULs stay (the journal is never rewritten), and keep being an
    // incomplete write, not damage.
    let out = run(&mut home.send(&[]), 0);
    out.stderr_has(&[&warning, "nothing to send"]);
    assert_eq!(home.server.messages().len(), 2);
    let out = run(
        home.env
            .cmd(&[
                "--campaign",
                home.campaign.to_str().unwrap(),
                "status",
                "--format",
                "json",
            ])
            .timeout(Duration::from_secs(30)),
        0,
    );
    out.stderr_has(&[&warning]);
    let status: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(status["delivered"], 2);
}

#[test]
fn preview_out_to_a_dangling_link_leaves_nothing_behind() {
    let env = TestEnv::new();
    let work = env.work_dir();
    std::os::unix::fs::symlink(work.join("nowhere"), work.join("letters")).unwrap();
    let out = usage_error(
        &mut env.cmd(&[
            "-q", "preview", "--name", "Erika", "--format", "eml", "--out", "letters",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: `letters` is a symbolic link (to `{}`)\nhint: give `--out` a new or empty folder itself, not a link to one\n",
            work.join("nowhere").display()
        )
    );
    assert_eq!(env.listing("work"), ["letters"], "no hidden folder is left");
    assert!(!work.join("nowhere").exists());

    // A link inside a folder the run would create: that folder goes too.
    let out = usage_error(
        &mut env.cmd(&[
            "-q",
            "preview",
            "--name",
            "Erika",
            "--format",
            "eml",
            "--out",
            "letters/sub",
        ]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: `letters` is a symbolic link to `{}`, which does not exist\nhint: create the folder it points to, or choose another folder for `--out`\n",
            work.join("nowhere").display()
        )
    );
    assert_eq!(env.listing("work"), ["letters"]);
}
