//! Every command's `--help` as users read it: the promises checked on their
//! own (examples everywhere, the group's default pace, `status` options
//! that say what they select), and snapshots of the commands whose options
//! rarely change (`send` and `status` gain options often; a snapshot of
//! theirs would break with every branch that adds one).

mod support;

use insta::assert_snapshot;
use support::cli::{run, TestEnv};

/// `appeal <command> --help`, at the fixed width the test environment sets.
fn help(command: &str) -> String {
    run(&mut TestEnv::new().cmd(&[command, "--help"]), 0).stdout
}

#[test]
fn every_command_has_examples() {
    for command in ["preview", "send", "recipients", "check", "setup", "status"] {
        let text = help(command);
        let examples = text
            .split_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("`{command} --help` has no examples:\n{text}"))
            .1;
        assert!(
            examples.contains(&format!("appeal {command}"))
                || examples.contains(&format!(" {command}")),
            "`{command}`'s examples use it:\n{examples}"
        );
    }
}

#[test]
fn send_rate_names_the_group_default_and_unlimited() {
    let text = help("send");
    let rate = text
        .split("--rate")
        .nth(1)
        .and_then(|t| t.split("--retries").next())
        .expect("--rate is documented");
    let rate = rate.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(rate.contains("`unlimited`"), "{rate}");
    assert!(rate.contains("default: 6/min with --senders"), "{rate}");
}

#[test]
fn status_options_say_what_they_select() {
    let text = help("status");
    assert!(!text.contains("printed under"), "{text}");
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("--name <NAME> Whose letters, when they have no address: the sender's name"),
        "{flat}"
    );
    assert!(
        flat.contains(
            "--city <CITY> Accepted as with `send`; it does not change which letters are shown"
        ),
        "{flat}"
    );
}

#[test]
fn snapshot_check_help() {
    assert_snapshot!("check_help", help("check"));
}

#[test]
fn snapshot_setup_help() {
    assert_snapshot!("setup_help", help("setup"));
}
