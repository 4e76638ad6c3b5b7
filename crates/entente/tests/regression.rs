//! Regression tests of the `entente` command line, each named after the bug it keeps away.

#[path = "cli/util.rs"]
mod util;

use util::*;

/// Reuters-21578 dates are date-times (`1987-02-26T15:01:01`); a strict `YYYY-MM-DD` parse
/// skipped every line of the corpus.
#[test]
fn reuters_date_times_were_rejected_as_dates() {
    let line = r#"{"id": 1, "date": "1987-02-26T15:01:01", "title": "T", "body": "Iran met Iraq."}"#;
    let r = run(&["code"], line.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("1 document,");
    assert!(!r.stderr.contains("skipped"), "{r}");
}

/// serde_json reports positions as "line 1 column N" within the JSON line, which read as a
/// wrong line number next to FILE:LINE.
#[test]
fn json_errors_said_line_1_for_every_line() {
    let input = "{\"id\":\"a\",\"date\":\"2022-02-24\",\"text\":\"x\"}\n\n\n{\"id\":\n";
    let r = run(&["code"], input.as_bytes());
    r.assert_stderr_has("<stdin>:4: invalid JSON at column 6: EOF while parsing a value (line skipped)");
    assert!(!r.stderr.contains("line 1"), "{r}");
}
