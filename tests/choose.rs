//! Choosing recipients for one run of the built-in campaign: `--party`,
//! `--role` (repeatable), and `--choose`, a checklist on a real terminal.

#![cfg(unix)]

mod support;

use rexpect::process::wait::WaitStatus;
use rexpect::session::{spawn_command, PtySession};
use serde_json::Value;

use support::cli::{run, TestEnv};

/// The `to` addresses of `preview --format json` with `args`.
fn addressed(env: &TestEnv, args: &[&str]) -> Vec<String> {
    let mut all = vec!["preview", "--name", "Erika Mustermann", "--format", "json"];
    all.extend_from_slice(args);
    run(&mut env.cmd(&all), 0)
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["to"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn party_picks_by_part_of_the_party_and_repeats() {
    let env = TestEnv::new();
    assert_eq!(
        addressed(&env, &["--party", "spd"]),
        [
            "katarina.barley@europarl.europa.eu",
            "birgit.sippel@europarl.europa.eu"
        ]
    );
    assert_eq!(
        addressed(&env, &["--party", "SPD", "--party", "renew"]),
        [
            "katarina.barley@europarl.europa.eu",
            "moritz.koerner@europarl.europa.eu",
            "birgit.sippel@europarl.europa.eu"
        ]
    );
}

#[test]
fn role_picks_todays_role() {
    let env = TestEnv::new();
    // Barley is a substitute member now.
    assert_eq!(
        addressed(&env, &["--role", "substitute"]),
        ["katarina.barley@europarl.europa.eu"]
    );
    assert_eq!(
        addressed(&env, &["--role", "member", "--party", "spd"]),
        ["birgit.sippel@europarl.europa.eu"]
    );
}

#[test]
fn a_role_nobody_has_exits_2() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["preview", "--name", "Erika", "--role", "chair"]),
        2,
    );
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: `--role chair` matches no recipient\nhint: `appeal recipients` lists each recipient's party and role\n"
    );
}

#[test]
fn a_party_only_former_members_had_exits_2() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["preview", "--name", "Erika", "--party", "grüne"]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: `--party grüne` matches only recipients who left office\nhint: pass --include-former to write to them anyway\n"
    );
    // With --include-former Terry Reintke gets her letter.
    assert_eq!(
        addressed(&env, &["--party", "grüne", "--include-former"]),
        ["terry.reintke@europarl.europa.eu"]
    );
}

#[test]
fn filters_that_exclude_each_other_exit_2() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika",
            "--party",
            "cdu",
            "--role",
            "substitute",
        ]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: `--party cdu --role substitute` together match no recipient\nhint: `appeal recipients` lists each recipient's party and role\n"
    );
}

#[test]
fn choose_without_a_terminal_exits_2() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["send", "--name", "Erika", "--choose", "--dry-run"]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: `--choose` needs a terminal to show the checklist\nhint: choose with `--to`, `--party` or `--role` instead\n"
    );
}

/// Types `text`, flushed (dialoguer reads key by key).
fn keys(p: &mut PtySession, text: &str) -> Result<(), rexpect::error::Error> {
    p.send(text)?;
    p.flush()
}

#[test]
fn choose_shows_a_ticked_checklist_and_the_unticked_get_no_letter(
) -> Result<(), rexpect::error::Error> {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd(&[
        "preview",
        "--name",
        "Erika Mustermann",
        "--choose",
        "--format",
        "eml",
        "--out",
        "letters",
    ]);
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = spawn_command(cmd, Some(20_000))?;
    p.exp_string("Recipients for this run")?;
    // Every recipient still on the committee is listed, with party and role.
    p.exp_string("Dr. Katarina Barley (SPD, substitute)")?;
    p.exp_string("Martin Sonneborn (Die PARTEI, member)")?;
    // Down to Lena Düpont, untick her, go on.
    keys(&mut p, "\x1b[B")?;
    keys(&mut p, " ")?;
    keys(&mut p, "\r")?;
    p.exp_eof()?;
    let status = p.process().wait()?;
    assert_eq!(status, WaitStatus::Exited(p.process().child_pid, 0));
    assert_eq!(
        env.listing("work/letters"),
        [
            "01-katarina-barley.eml",
            "02-moritz-koerner.eml",
            "03-birgit-sippel.eml",
            "04-martin-sonneborn.eml"
        ]
    );
    Ok(())
}
