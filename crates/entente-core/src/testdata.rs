//! Where tests find the shared reference data: `../shared/data` from the repository root, or
//! `$ENTENTE_SHARED/data` when that variable is set (the `shared` directory, not its `data/`).
//!
//! A test helper, not part of the library's API (hidden from the docs): public so that the tests
//! of every crate follow one rule. A test that needs a file asks [`shared_data`] for it and
//! skips when it gets `None`:
//!
//! - the file exists: its path;
//! - it is missing under `CI=true` (CI has the data): a panic naming the missing path, so the
//!   test fails;
//! - it is missing elsewhere (a fresh clone has no `../shared`): a `SKIPPED: ... missing` line
//!   written straight to stderr (past the test harness's capture, so every run shows it) and
//!   `None`.
//!
//! To see what CI would report without the data, point the variable at a directory that is not
//! there: `ENTENTE_SHARED=/nonexistent CI=true cargo test --workspace`.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the location of the `shared` directory.
pub const SHARED_VAR: &str = "ENTENTE_SHARED";

/// The `shared` directory: `$ENTENTE_SHARED` if set and not empty, else `../shared` from the
/// repository root (canonical when it exists).
pub fn shared_dir() -> PathBuf {
    match std::env::var_os(SHARED_VAR) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => {
            let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
            p.canonicalize().unwrap_or(p)
        }
    }
}

/// Whether this is a CI run (`CI` is `true` or `1`), where missing reference data is a failure.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// `data/REL` under [`shared_dir`] if it exists (`REL` may be empty for `data/` itself). When it
/// is missing: panics naming it under `CI=true`, otherwise writes `SKIPPED: TEST: ... missing ...`
/// to stderr and returns `None`. Use it as `let Some(p) = shared_data("cameo/X.txt") else { return };`.
#[track_caller]
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    match resolve(&shared_dir(), rel) {
        Ok(p) => Some(p),
        Err(missing) if in_ci() => panic!("{missing}: CI=true requires it"),
        Err(missing) => {
            let test = std::thread::current().name().unwrap_or("a test").to_string();
            let _ = writeln!(std::io::stderr(), "SKIPPED: {test}: {missing}");
            None
        }
    }
}

/// `SHARED/data/REL` if it exists, else what is missing.
fn resolve(shared: &Path, rel: &str) -> Result<PathBuf, String> {
    let data = shared.join("data");
    let p = if rel.is_empty() { data.clone() } else { data.join(rel) };
    if p.exists() {
        return Ok(p);
    }
    let absent = if data.is_dir() { "" } else { ", the whole data directory is absent" };
    Err(format!(
        "reference data {} missing{absent} ({SHARED_VAR} names the directory holding `data/`, now {})",
        p.display(),
        shared.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn present_data_is_found_and_missing_data_named() {
        let dir = std::env::temp_dir().join(format!("entente-testdata-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("data/cameo")).unwrap();
        std::fs::write(dir.join("data/cameo/x.txt"), "x").unwrap();
        assert_eq!(resolve(&dir, "cameo/x.txt"), Ok(dir.join("data/cameo/x.txt")));
        assert_eq!(resolve(&dir, ""), Ok(dir.join("data")));
        let e = resolve(&dir, "cameo/y.txt").unwrap_err();
        assert!(e.starts_with(&format!("reference data {} missing (", dir.join("data/cameo/y.txt").display())), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
        let e = resolve(Path::new("/nonexistent/entente-shared"), "cameo/x.txt").unwrap_err();
        assert!(e.contains("/nonexistent/entente-shared/data/cameo/x.txt missing, the whole data directory is absent"), "{e}");
    }
}
