//! Running the real `appeal` binary in a sealed-off environment.
//!
//! A [`TestEnv`] is a temporary folder that is the child's whole world: its
//! `HOME`, `XDG_CONFIG_HOME` and `XDG_STATE_HOME` point into it, the
//! variables that would let the developer's own setup leak in
//! (`APPEAL_CONFIG`, `APPEAL_SMTP_PASSWORD`, `EDITOR`, `VISUAL`) are
//! removed, and the child runs in an empty folder inside it, so the
//! built-in campaign is what `appeal` sees "from another folder".
//!
//! ```text
//! <tempdir>/              HOME
//!   .config/              XDG_CONFIG_HOME  (config_dir())
//!     appeal/config.toml  (config_file())
//!   .local/state/         XDG_STATE_HOME   (state_dir())
//!   work/                 the child's current folder (work_dir())
//! ```

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::certs::{write_ca, TestCerts};

/// A temporary home for one test; removed when dropped.
pub struct TestEnv {
    dir: tempfile::TempDir,
}

impl Default for TestEnv {
    fn default() -> Self {
        TestEnv::new()
    }
}

impl TestEnv {
    /// A fresh home with an empty working folder.
    pub fn new() -> TestEnv {
        let dir = tempfile::Builder::new()
            .prefix("appeal-test-")
            .tempdir()
            .expect("create a temporary folder");
        let env = TestEnv { dir };
        std::fs::create_dir_all(env.work_dir()).expect("create the working folder");
        env
    }

    /// The temporary folder itself (also `HOME`).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// `XDG_CONFIG_HOME`.
    pub fn config_dir(&self) -> PathBuf {
        self.root().join(".config")
    }

    /// Where `appeal` looks for its configuration by default.
    pub fn config_file(&self) -> PathBuf {
        self.config_dir().join("appeal").join("config.toml")
    }

    /// `XDG_STATE_HOME`.
    pub fn state_dir(&self) -> PathBuf {
        self.root().join(".local").join("state")
    }

    /// The child's current folder: empty unless a test puts something there.
    pub fn work_dir(&self) -> PathBuf {
        self.root().join("work")
    }

    /// Writes `text` to `path` (relative to [`root`](Self::root); parent
    /// folders are created) and returns the absolute path.
    pub fn write(&self, path: impl AsRef<Path>, text: &str) -> PathBuf {
        let path = self.root().join(path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent folders");
        }
        std::fs::write(&path, text).expect("write a test file");
        path
    }

    /// Writes the default configuration file and returns its path.
    pub fn write_config(&self, text: &str) -> PathBuf {
        let path = self.config_file();
        std::fs::create_dir_all(path.parent().unwrap()).expect("create the config folder");
        std::fs::write(&path, text).expect("write the configuration");
        path
    }

    /// Writes the default configuration: `sender` (the `[sender]` table),
    /// then an `[smtp]` table for the account `user` on 127.0.0.1:`port` with
    /// `security`, trusting the CA of `certs` (written into the home as its
    /// `ca_file`), then the further `[smtp]` lines `extra`. Returns its path.
    pub fn write_smtp_config(
        &self,
        sender: &str,
        port: u16,
        security: &str,
        user: &str,
        certs: &TestCerts,
        extra: &str,
    ) -> PathBuf {
        let ca = write_ca(self.root(), certs);
        self.write_config(&format!(
            "{sender}\n[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\n\
             username = \"{user}\"\nca_file = '{}'\n{extra}",
            ca.display()
        ))
    }

    /// A home for Erika Mustermann of Köln (`erika@example.org`, also the
    /// login) with a configuration for the test server on `port`; `extra`
    /// are further `[smtp]` lines.
    pub fn for_erika(port: u16, security: &str, certs: &TestCerts, extra: &str) -> TestEnv {
        let env = TestEnv::new();
        env.write_smtp_config(
            "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\ncity = \"Köln\"\n",
            port,
            security,
            "erika@example.org",
            certs,
            extra,
        );
        env
    }

    /// Writes a campaign folder `dir` (relative to the root) with its
    /// `recipients.toml` and `templates/<template_name>`; returns the folder.
    pub fn write_campaign(
        &self,
        dir: &str,
        recipients: &str,
        template_name: &str,
        template: &str,
    ) -> PathBuf {
        self.write(Path::new(dir).join("recipients.toml"), recipients);
        self.write(
            Path::new(dir).join("templates").join(template_name),
            template,
        );
        self.root().join(dir)
    }

    /// The `appeal` binary with `args`, in the sealed environment.
    pub fn cmd(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::cargo_bin("appeal").expect("the appeal binary");
        cmd.current_dir(self.work_dir()).envs(self.env_vars());
        for var in REMOVED {
            cmd.env_remove(var);
        }
        cmd.args(args);
        cmd
    }

    /// The `appeal` binary with `args` in a German locale
    /// (`LANG=de_DE.UTF-8`), as a German user runs it.
    #[allow(dead_code)]
    pub fn german(&self, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = self.cmd(args);
        cmd.env("LANG", "de_DE.UTF-8");
        cmd
    }

    /// The same as [`cmd`](Self::cmd), but no file written may grow past
    /// `blocks` × 512 bytes (`ulimit -f`, SIGXFSZ ignored): a write past it
    /// fails with EFBIG, as on a full disk. Only files are limited, not the
    /// pipes of stdout and stderr.
    #[allow(dead_code)]
    pub fn cmd_with_file_limit(&self, blocks: u32, args: &[&str]) -> assert_cmd::Command {
        let mut cmd = assert_cmd::Command::new("sh");
        cmd.current_dir(self.work_dir()).envs(self.env_vars());
        for var in REMOVED {
            cmd.env_remove(var);
        }
        cmd.arg("-c")
            .arg(format!(
                "trap '' XFSZ; ulimit -f {blocks}; exec \"$0\" \"$@\""
            ))
            .arg(assert_cmd::cargo::cargo_bin("appeal"))
            .args(args);
        cmd
    }

    /// The same as [`cmd`](Self::cmd), as a `std::process::Command` (for a
    /// pseudo-terminal).
    pub fn std_cmd(&self, args: &[&str]) -> std::process::Command {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("appeal"));
        cmd.current_dir(self.work_dir()).envs(self.env_vars());
        for var in REMOVED {
            cmd.env_remove(var);
        }
        cmd.args(args);
        cmd
    }

    /// The variables set in every child.
    fn env_vars(&self) -> Vec<(&'static str, OsString)> {
        vec![
            ("HOME", self.root().into()),
            ("XDG_CONFIG_HOME", self.config_dir().into()),
            ("XDG_STATE_HOME", self.state_dir().into()),
            // clap wraps help text to this width when no terminal is
            // attached: fixed, so help snapshots do not depend on the shell.
            ("COLUMNS", "100".into()),
            // English, whatever the developer's locale: German tests set
            // LANG themselves.
            ("LANG", "C.UTF-8".into()),
        ]
    }

    /// The names of the entries of `dir`, sorted; empty if it does not exist.
    pub fn listing(&self, dir: impl AsRef<Path>) -> Vec<String> {
        let dir = self.root().join(dir);
        let mut names: Vec<String> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect(),
            Err(_) => Vec::new(),
        };
        names.sort();
        names
    }
}

/// Variables that would let the developer's own setup into a test.
const REMOVED: &[&str] = &[
    "APPEAL_CONFIG",
    "APPEAL_SMTP_PASSWORD",
    "APPEAL_TEST_CLOCK",
    "EDITOR",
    "VISUAL",
    "LINES",
    // The interface language: English unless a test asks for German with
    // `.env("LANG", "de_DE.UTF-8")` (see `german()`).
    "APPEAL_LANG",
    "LC_ALL",
    "LC_MESSAGES",
];

/// The child's stderr (or stdout) as text, for assertions with a message.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("appeal writes UTF-8")
}

/// How one run of `appeal` ended: its exit code and what it printed.
#[derive(Debug)]
pub struct Run {
    /// The exit code (the one [`run`] was told to expect).
    pub code: i32,
    /// Standard output, as text.
    pub stdout: String,
    /// Standard error, as text.
    pub stderr: String,
}

/// Runs `cmd` to its end and asserts that it exited with `expected_code`
/// (the failure shows stdout and stderr); both must be UTF-8, as [`text`].
#[track_caller]
pub fn run(cmd: &mut assert_cmd::Command, expected_code: i32) -> Run {
    let out = cmd.output().expect("run appeal");
    assert_eq!(
        out.status.code(),
        Some(expected_code),
        "exit code\n--- stdout:\n{}\n--- stderr:\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    Run {
        code: expected_code,
        stdout: text(&out.stdout),
        stderr: text(&out.stderr),
    }
}

impl Run {
    /// Asserts that stderr contains every one of `needles`; the failure
    /// shows the whole of stderr.
    #[track_caller]
    pub fn stderr_has(&self, needles: &[&str]) -> &Self {
        contains_all("stderr", &self.stderr, needles);
        self
    }

    /// Asserts that stdout contains every one of `needles`; the failure
    /// shows the whole of stdout.
    #[track_caller]
    pub fn stdout_has(&self, needles: &[&str]) -> &Self {
        contains_all("stdout", &self.stdout, needles);
        self
    }
}

/// Asserts that `output` (named `what` in the failure) contains every needle.
#[track_caller]
fn contains_all(what: &str, output: &str, needles: &[&str]) {
    for needle in needles {
        assert!(
            output.contains(needle),
            "missing {needle:?} in {what}:\n{output}"
        );
    }
}

/// Asserts exit 2 with an `error: ` line, nothing on stdout and `needles`
/// in stderr.
#[track_caller]
pub fn usage_error(cmd: &mut assert_cmd::Command, needles: &[&str]) -> Run {
    let out = run(cmd, 2);
    assert!(out.stdout.is_empty(), "stdout: {}", out.stdout);
    assert!(
        out.stderr.lines().any(|l| l.starts_with("error: ")),
        "an error line:\n{}",
        out.stderr
    );
    out.stderr_has(needles);
    out
}

/// Fails when `text` (German output) still has English words in it, outside
/// backticks: a German user reads nothing English unless they ask for it.
/// Values in backticks (flags, file names, addresses) are left out.
#[allow(dead_code)]
pub fn assert_german(text: &str) {
    const ENGLISH: &[&str] = &[
        "the",
        "and",
        "not",
        "with",
        "for",
        "your",
        "you",
        "letter",
        "letters",
        "file",
        "found",
        "send",
        "sent",
        "would",
        "cannot",
        "could",
        "error:",
        "hint:",
        "please",
        "should",
        "must",
        "this",
        "that",
        "from",
        "which",
        "there",
        "been",
        "was",
        "were",
        "has",
        "have",
        "run",
        "recipient",
        "recipients",
        "check",
        "use",
        "usage:",
        "options:",
        "print",
        "help",
    ];
    let mut outside = String::new();
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 0 {
            outside.push_str(part);
            outside.push(' ');
        }
    }
    let found: Vec<&str> = outside
        .split(|c: char| !(c.is_alphanumeric() || c == ':' || c == '\''))
        .filter(|word| ENGLISH.contains(&word.to_lowercase().as_str()))
        .collect();
    assert!(
        found.is_empty(),
        "English words {found:?} in German output:\n{text}"
    );
}
