//! The manual page as `man` shows it, for the tests of `appeal man` in
//! both languages.

use std::io::Write;
use std::process::{Command, Stdio};

/// The page as `man` shows it: groff with every warning on, wide lines and
/// no hyphenation (so flags stay whole), minus signs as ASCII. `None`
/// when groff is missing outside CI (CI installs it: .ci/run).
pub fn rendered_by_groff(page: &str) -> Option<String> {
    let child = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-rLL=300n", "-rHY=0", "-P-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn();
    let mut child = match child {
        Ok(child) => child,
        Err(err) if std::env::var_os("CI").is_none() => {
            eprintln!(
                "SKIPPED: groff cannot run ({err}); install groff-base to render the man page"
            );
            return None;
        }
        Err(err) => panic!("groff cannot run in CI ({err}): .ci/run installs groff-base"),
    };
    child
        .stdin
        .take()
        .unwrap()
        .write_all(page.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stderr.is_empty(),
        "groff warns: {stderr}"
    );
    let text = String::from_utf8(out.stdout).unwrap();
    Some(text.replace(['\u{2212}', '\u{2010}'], "-"))
}
