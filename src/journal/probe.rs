//! A test-only window on the journal's syncer, so that the suite can check
//! through the real binary that a letter's `data` record is on disk before
//! its final dot goes out (tests/durability.rs).
//!
//! Honoured only in debug builds (`cfg!(debug_assertions)`), which is what
//! `cargo test` runs; a release build never reads these variables:
//! * `APPEAL_TEST_SYNC_LOG=FILE`: after every completed fdatasync of the
//!   journal, appends `synced <length>` to FILE: the journal's length in
//!   bytes when the sync began, i.e. every record up to there is on disk;
//!   and `folder synced <folder>` after the folder of a new journal was
//!   synced.
//! * `APPEAL_TEST_SYNC_DELAY_MS=N`: every sync starts N ms late (a slow
//!   disk), so that a dot sent without waiting for it is caught for sure.
//! * `APPEAL_TEST_SYNC_FAIL_FROM=N`: the Nth sync (from 1) and every later
//!   one fail, as fdatasync does on a failing disk (EIO).

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

struct Probe {
    log: PathBuf,
    delay: Duration,
    fail_from: Option<u64>,
    syncs: AtomicU64,
}

/// The probe asked for by the environment; always None in release builds.
fn probe() -> Option<&'static Probe> {
    static PROBE: OnceLock<Option<Probe>> = OnceLock::new();
    PROBE
        .get_or_init(|| {
            if !cfg!(debug_assertions) {
                return None;
            }
            let log = std::env::var_os("APPEAL_TEST_SYNC_LOG")?;
            let delay = std::env::var("APPEAL_TEST_SYNC_DELAY_MS")
                .ok()
                .and_then(|ms| ms.parse().ok())
                .map(Duration::from_millis)
                .unwrap_or_default();
            let fail_from = std::env::var("APPEAL_TEST_SYNC_FAIL_FROM")
                .ok()
                .and_then(|n| n.parse().ok());
            Some(Probe {
                log: log.into(),
                delay,
                fail_from,
                syncs: AtomicU64::new(0),
            })
        })
        .as_ref()
}

/// Called just before an fdatasync of `file`: waits the test's delay, then
/// returns the length the sync will cover (None when the probe is off).
pub(super) fn before_sync(file: &File) -> Option<u64> {
    let probe = probe()?;
    std::thread::sleep(probe.delay);
    file.metadata().ok().map(|m| m.len())
}

/// The result of an fdatasync as the test wants it: `result`, or the
/// failure asked for by `APPEAL_TEST_SYNC_FAIL_FROM`.
pub(super) fn sync_result(result: std::io::Result<()>) -> std::io::Result<()> {
    let Some(probe) = probe() else {
        return result;
    };
    let nth = probe.syncs.fetch_add(1, Ordering::SeqCst) + 1;
    match probe.fail_from {
        // i18n: not shown (test-only: the error a debug build's probe injects)
        Some(from) if nth >= from => Err(std::io::Error::other("injected fdatasync failure")),
        _ => result,
    }
}

/// Called after an fdatasync succeeded: logs the length it covered.
pub(super) fn after_sync(covered: Option<u64>) {
    if let Some(length) = covered {
        log(&format!("synced {length}\n"));
    }
}

/// Called after the folder of a new journal was synced: logs which one
/// (`.` for a journal named without a folder).
pub(super) fn after_folder_sync(folder: &std::path::Path) {
    // i18n: not shown (test-only: a line of the probe's log, read by tests/durability.rs)
    log(&format!("folder synced {}\n", folder.display()));
}

/// Appends `line` to the probe's log, when the probe is on.
fn log(line: &str) {
    let Some(probe) = probe() else {
        return;
    };
    if let Ok(mut log) = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&probe.log)
    {
        let _ = log.write_all(line.as_bytes());
    }
}
