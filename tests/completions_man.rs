//! `appeal completions SHELL` and `appeal man`, as shells and `man` use
//! them: the bash script is loaded into a real `bash` and asked for
//! completions the way bash asks when Tab is pressed; the manual page is
//! rendered by groff with all warnings on. Both are checked against the
//! command-line definition itself (every command and flag), so they stay
//! complete as flags are added.

mod support;

use std::process::Command;

use clap::CommandFactory;
use support::cli::{run, TestEnv};

/// Every command's path (`["recipients", "fetch"]`) and long flags, from
/// the definition the binary parses with.
fn commands_and_flags() -> Vec<(Vec<String>, Vec<String>)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, Vec<String>)>) {
        let flags = cmd
            .get_arguments()
            .filter_map(|a| a.get_long())
            .filter(|l| !["help", "version"].contains(l))
            .map(|l| format!("--{l}"))
            .collect();
        out.push((path.clone(), flags));
        // clap's own `help` commands are left out of the manual page.
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            walk(sub, sub_path, out);
        }
    }
    let mut cmd = appeal::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

fn completions(shell: &str) -> String {
    let out = run(&mut TestEnv::new().cmd(&["completions", shell]), 0);
    assert_eq!(
        out.stderr, "",
        "completions {shell} writes nothing on stderr"
    );
    out.stdout
}

#[test]
fn every_shell_gets_its_script_with_every_command_and_flag() {
    let registration = [
        ("bash", "complete -F _appeal "),
        ("zsh", "#compdef appeal"),
        ("fish", "complete -c appeal "),
        (
            "powershell",
            "Register-ArgumentCompleter -Native -CommandName 'appeal'",
        ),
        ("elvish", "set edit:completion:arg-completer[appeal]"),
    ];
    let definition = commands_and_flags();
    for (shell, marker) in registration {
        let script = completions(shell);
        assert!(
            script.contains(marker),
            "{shell}: no `{marker}` in\n{script}"
        );
        for (path, flags) in &definition {
            if let Some(name) = path.last() {
                assert!(
                    script.contains(name.as_str()),
                    "{shell}: no command `{name}`"
                );
            }
            for flag in flags {
                let bare = flag.trim_start_matches('-');
                assert!(
                    script.contains(flag.as_str()) || script.contains(&format!("-l {bare}")),
                    "{shell}: `appeal {}` lacks `{flag}`",
                    path.join(" ")
                );
            }
        }
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_listing_the_shells() {
    let out = run(&mut TestEnv::new().cmd(&["completions", "tcsh"]), 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: invalid value 'tcsh' for '<SHELL>'\n  \
         [possible values: bash, elvish, fish, powershell, zsh]\n\n  \
         tip: a similar value exists: 'zsh'\n\n\
         For more information, try '--help'.\n"
    );
}

/// What bash offers for `line` (the words typed so far; the last one is
/// being completed), with the script loaded as bash-completion loads it:
/// the words offered, one per line, then the `compopt` options the script
/// set (`compopt` only works inside a real completion, so it is recorded).
fn bash_completes(env: &TestEnv, line: &[&str]) -> (Vec<String>, String) {
    let script = env.write("appeal.bash", &completions("bash"));
    let words = line
        .iter()
        .map(|w| format!("'{w}'"))
        .collect::<Vec<_>>()
        .join(" ");
    let program = format!(
        r#"
source '{script}'
compopt() {{ printf '%s ' "$@" >> "$COMPOPT_LOG"; }}
spec=$(complete -p appeal) || exit 3
function=${{spec#*-F }}; function=${{function%% *}}
COMP_WORDS=({words})
COMP_CWORD=$(( ${{#COMP_WORDS[@]}} - 1 ))
COMP_LINE="${{COMP_WORDS[*]}}"
COMP_POINT=${{#COMP_LINE}}
"$function" appeal "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
printf '%s\n' "${{COMPREPLY[@]}}"
"#,
        script = script.display()
    );
    let log = env.root().join("compopt.log");
    let _ = std::fs::remove_file(&log);
    let out = Command::new("bash")
        .arg("--norc")
        .arg("-c")
        .arg(&program)
        .current_dir(env.work_dir())
        .env("COMPOPT_LOG", &log)
        .output()
        .expect("run bash");
    assert!(
        out.status.success() && out.stderr.is_empty(),
        "bash: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    let mut offered: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    offered.sort();
    (offered, std::fs::read_to_string(&log).unwrap_or_default())
}

#[test]
fn bash_completes_se_to_send_and_setup() {
    let env = TestEnv::new();
    let (offered, _) = bash_completes(&env, &["appeal", "se"]);
    assert_eq!(offered, ["send", "setup"]);
}

#[test]
fn bash_completes_flags_enum_values_files_and_folders() {
    let env = TestEnv::new();
    let (offered, _) = bash_completes(&env, &["appeal", "send", "--dry"]);
    assert_eq!(offered, ["--dry-run"]);
    let (offered, _) = bash_completes(&env, &["appeal", "preview", "--format", ""]);
    assert_eq!(offered, ["eml", "json", "text"]);
    let (offered, _) = bash_completes(&env, &["appeal", "recipients", "fetch", "--role", "v"]);
    assert_eq!(offered, ["vice-chair"]);

    env.write("work/members.csv", "name\n");
    env.write("work/memo.txt", "");
    env.write("work/other.csv", "name\n");
    let (offered, options) = bash_completes(&env, &["appeal", "send", "--senders", "mem"]);
    assert_eq!(offered, ["members.csv", "memo.txt"]);
    assert_eq!(options, "-o filenames ");
    // A folder flag leaves the names to bash, asking for folders only.
    let (offered, options) = bash_completes(&env, &["appeal", "--campaign", "wo"]);
    assert_eq!(offered, Vec::<String>::new());
    assert_eq!(options, "-o plusdirs ");
}

/// `appeal man`'s roff source.
fn man_page() -> String {
    let out = run(&mut TestEnv::new().cmd(&["man"]), 0);
    assert_eq!(out.stderr, "");
    out.stdout
}

#[test]
fn the_man_page_renders_without_warnings_and_names_every_command_and_flag() {
    let page = man_page();
    assert!(page.contains("\n.TH appeal 1 "), "{page}");
    let Some(text) = support::man::rendered_by_groff(&page) else {
        return;
    };
    for (path, flags) in commands_and_flags() {
        let heading = format!("\n   appeal {}\n", path.join(" "));
        if !path.is_empty() {
            assert!(text.contains(&heading), "no `{heading}` in\n{text}");
        }
        for flag in flags {
            assert!(
                lists_flag(&text, &flag),
                "`appeal {}` lacks `{flag}` in\n{text}",
                path.join(" ")
            );
        }
    }
    for section in [
        "NAME",
        "SYNOPSIS",
        "DESCRIPTION",
        "GLOBAL OPTIONS",
        "COMMANDS",
        "EXAMPLES",
    ] {
        assert!(text.contains(&format!("\n{section}\n")), "no {section}");
    }
}

/// Whether an option entry of the rendered page starts with `flag`
/// (`--name <NAME>`, `-y, --yes`).
fn lists_flag(text: &str, flag: &str) -> bool {
    text.lines().any(|line| {
        let entry = line.trim_start();
        let entry = match entry.split_once(", ") {
            Some((short, long)) if short.len() == 2 && short.starts_with('-') => long,
            _ => entry,
        };
        entry == flag || entry.starts_with(&format!("{flag} "))
    })
}

/// The lines of one top-level section of the rendered page: up to the
/// next heading (a line starting in the first column).
fn section(text: &str, name: &str) -> String {
    text.lines()
        .skip_while(|line| *line != name)
        .skip(1)
        .take_while(|line| !line.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(|line| format!("{line}\n"))
        .collect()
}

#[test]
fn the_man_page_has_the_readme_exit_codes_the_environment_and_the_files() {
    let Some(text) = support::man::rendered_by_groff(&man_page()) else {
        return;
    };
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let table = readme
        .split("\n## Exit codes\n")
        .nth(1)
        .expect("the README has an exit-code table")
        .split("\n## ")
        .next()
        .unwrap();
    let readme_codes: Vec<String> = table
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(' ').next())
        .filter(|c| c.chars().all(|d| d.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(readme_codes, ["0", "1", "2", "75", "130"]);

    let exit_status = section(&text, "EXIT STATUS");
    assert!(!exit_status.is_empty(), "no EXIT STATUS in\n{text}");
    let man_codes: Vec<String> = exit_status
        .lines()
        .filter_map(|l| l.strip_prefix("       "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| c.chars().all(|d| d.is_ascii_digit()))
        .map(str::to_string)
        .collect();
    assert_eq!(man_codes, readme_codes, "EXIT STATUS:\n{exit_status}");
    assert!(exit_status.contains("Run the same command again later."));

    let environment = section(&text, "ENVIRONMENT");
    for variable in [
        "APPEAL_CONFIG",
        "APPEAL_SMTP_PASSWORD",
        "XDG_CONFIG_HOME",
        "XDG_STATE_HOME",
        "HOME",
        "VISUAL, EDITOR",
    ] {
        assert!(
            environment
                .lines()
                .any(|l| l.trim_start().starts_with(variable)),
            "no {variable} in ENVIRONMENT:\n{environment}"
        );
    }
    let files = section(&text, "FILES");
    assert!(
        files.contains("$XDG_CONFIG_HOME/appeal/config.toml"),
        "{files}"
    );
    assert!(
        files.contains("$XDG_STATE_HOME/appeal/journal/<campaign>.jsonl"),
        "{files}"
    );
}

/// The Debian package's files (`[package.metadata.deb]` in Cargo.toml)
/// are at their usual paths, and each generated one is what
/// scripts/deb.sh has the binary write (a renamed asset on one side only
/// would fail `cargo deb`, which CI does not run).
#[test]
fn the_debian_package_installs_what_scripts_deb_sh_generates() {
    let root = env!("CARGO_MANIFEST_DIR");
    let manifest: toml::Table = std::fs::read_to_string(format!("{root}/Cargo.toml"))
        .unwrap()
        .parse()
        .unwrap();
    let deb = &manifest["package"]["metadata"]["deb"];
    let assets: Vec<(String, String)> = deb["assets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a[0].as_str().unwrap().to_string(),
                a[1].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let script = std::fs::read_to_string(format!("{root}/scripts/deb.sh")).unwrap();
    let expected = [
        ("target/release/appeal", "usr/bin/", None),
        (
            "target/assets/appeal.bash",
            "usr/share/bash-completion/completions/appeal",
            Some("completions bash > \"$assets/appeal.bash\""),
        ),
        (
            "target/assets/_appeal",
            "usr/share/zsh/vendor-completions/_appeal",
            Some("completions zsh > \"$assets/_appeal\""),
        ),
        (
            "target/assets/appeal.fish",
            "usr/share/fish/vendor_completions.d/appeal.fish",
            Some("completions fish > \"$assets/appeal.fish\""),
        ),
        (
            "target/assets/appeal.1.gz",
            "usr/share/man/man1/appeal.1.gz",
            Some("man | gzip -9 -n > \"$assets/appeal.1.gz\""),
        ),
    ];
    for (source, destination, generated_by) in expected {
        assert!(
            assets.contains(&(source.to_string(), destination.to_string())),
            "no [{source}, {destination}] in {assets:?}"
        );
        if let Some(command) = generated_by {
            assert!(script.contains(command), "scripts/deb.sh lacks `{command}`");
        }
    }
    assert!(script.contains("assets=target/assets\n"));
    let description = manifest["package"]["description"].as_str().unwrap();
    assert!(
        description.len() <= 79,
        "Debian's short description is one line: `{description}`"
    );
    assert!(deb["extended-description"].as_str().unwrap().len() > 200);
}
