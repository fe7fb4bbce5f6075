//! The one way a test says it did not run, shared by every crate's tests
//! (`#[path]`-included, as test crates cannot depend on each other's files).

use std::io::Write;

/// Records that a test did not run: prints `skipped: ...` and, when
/// `.ci/run` names a file in `NEWSBRIEF_SKIP_LOG`, appends a line to it so the
/// run ends with a count of skipped tests instead of a clean-looking pass.
pub fn skip(test: &str, reason: &str) {
    eprintln!("skipped: {reason}");
    if let Some(path) = std::env::var_os("NEWSBRIEF_SKIP_LOG") {
        if let Ok(mut log) = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
        {
            let _ = writeln!(log, "{test}: {reason}");
        }
    }
}
