//! Golden-file tests: hand-coded news sentences, coded with the built-in dictionaries.
//!
//! Every `tests/golden/*.txt` file holds cases like this:
//!
//! ```text
//! # A comment (kept by bless).
//! == compound-subject-reciprocal
//! date: 2025-01-17
//! text: Russia and Iran signed a strategic partnership treaty.
//! RUS IRN 057
//! IRN RUS 057
//!
//! == denial
//! date: 2023-01-10
//! xfail: the coder reads "denied sending" as sending
//! text: Tehran denied sending drones to Russia.
//! (none)
//! ```
//!
//! - `== NAME` starts a case; names are unique within a file.
//! - `date:` (required, `YYYY-MM-DD`) is the document date that dated roles are resolved on.
//! - `text:` (required) is the document. Several `text:` lines are joined with newlines, so an
//!   empty `text:` line makes a paragraph break.
//! - `xfail: REASON` marks a case the coder is known to get wrong: its mismatch is printed but
//!   does not fail the test, and the test fails if it starts passing (remove the marker then).
//! - Then the expected events, one `SOURCE TARGET CODE` per line (`-` for an empty target), in
//!   any order; duplicates count. `(none)` says that no event is expected.
//!
//! The expectations are what a careful CAMEO coder would write, not what the coder does today.
//!
//! Bless mode, `ENTENTE_BLESS=1 cargo test -p entente-coder --test golden`, rewrites the
//! expectations of the selected cases (every case, or those `ENTENTE_GOLDEN` matches) to the
//! coder's current output and drops their `xfail` markers, keeping comments, names, dates and
//! texts; every other case stays byte for byte. It records whatever the coder does, right or
//! wrong, so review the result with `git diff` and restore the right expectations (with an
//! `xfail`) where the coder is wrong.
//!
//! Every run prints one line per xfail case and a summary per file. The per-case diffs of
//! xfail cases are shown with `-- --nocapture` (and for failing cases, always).
//! Other switches: `ENTENTE_GOLDEN=PATTERN` runs only the cases whose `file:name` contains
//! PATTERN (a pattern that matches no case fails the run, so a typo cannot pass as green);
//! `ENTENTE_GOLDEN_EXPLAIN=1` prints the coder's explanation of every mismatch, xfail or not.

use entente_coder::{Coder, CoderBuilder, Dictionaries};
use entente_core::{ActorCode, Date, Document};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// One expected or coded event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Triple {
    source: String,
    target: String,
    code: String,
}

impl std::fmt::Display for Triple {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let target = if self.target.is_empty() { "-" } else { &self.target };
        write!(f, "{} {} {}", self.source, target, self.code)
    }
}

/// One case of a golden file.
#[derive(Debug, Clone)]
struct Case {
    name: String,
    /// 1-based line of the `==` header.
    line: usize,
    date: Date,
    text: String,
    xfail: Option<String>,
    expected: Vec<Triple>,
    /// Index (into the file's lines) of the first expectation line: bless writes there.
    expect_at: Option<usize>,
    /// Index of the last header line (`==`, `date:`, `text:`, `xfail:`).
    header_end: usize,
}

/// A parse error: file, line and what was wrong.
#[derive(Debug, PartialEq, Eq)]
struct ParseError {
    file: String,
    line: usize,
    message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// What a line of a golden file is.
#[derive(Debug, PartialEq, Eq)]
enum LineKind {
    /// Blank or comment: kept as is.
    Other,
    /// `== name`, `date:`, `text:`.
    Header,
    /// `xfail:`.
    Xfail,
    /// An expected event or `(none)`.
    Expect,
}

struct Partial {
    name: String,
    line: usize,
    date: Option<Date>,
    text: Option<String>,
    xfail: Option<String>,
    expected: Vec<Triple>,
    none: bool,
    expect_at: Option<usize>,
    header_end: usize,
}

fn parse(file: &str, src: &str) -> Result<(Vec<Case>, Vec<LineKind>), ParseError> {
    let err = |line: usize, message: String| ParseError { file: file.to_string(), line, message };
    let mut cases = Vec::new();
    let mut kinds = Vec::new();
    let mut cur: Option<Partial> = None;
    let finish = |p: Partial, cases: &mut Vec<Case>| -> Result<(), ParseError> {
        let date = p.date.ok_or_else(|| err(p.line, format!("case `{}` has no `date:` line", p.name)))?;
        let text = p.text.ok_or_else(|| err(p.line, format!("case `{}` has no `text:` line", p.name)))?;
        if p.expected.is_empty() && !p.none {
            return Err(err(p.line, format!("case `{}` expects nothing: write `(none)` if no event is expected", p.name)));
        }
        if cases.iter().any(|c: &Case| c.name == p.name) {
            return Err(err(p.line, format!("duplicate case name `{}`", p.name)));
        }
        cases.push(Case {
            name: p.name,
            line: p.line,
            date,
            text,
            xfail: p.xfail,
            expected: p.expected,
            expect_at: p.expect_at,
            header_end: p.header_end,
        });
        Ok(())
    };
    for (i, raw) in src.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end();
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            kinds.push(LineKind::Other);
            continue;
        }
        if let Some(name) = trimmed.strip_prefix("==") {
            let name = name.trim();
            if name.is_empty() || name.contains(char::is_whitespace) {
                return Err(err(n, format!("case name must be one word, got {name:?}")));
            }
            if let Some(p) = cur.take() {
                finish(p, &mut cases)?;
            }
            cur = Some(Partial {
                name: name.to_string(),
                line: n,
                date: None,
                text: None,
                xfail: None,
                expected: Vec::new(),
                none: false,
                expect_at: None,
                header_end: i,
            });
            kinds.push(LineKind::Header);
            continue;
        }
        let Some(p) = cur.as_mut() else {
            return Err(err(n, format!("expected `== NAME` to start a case, got {trimmed:?}")));
        };
        let key_value = trimmed.split_once(':').filter(|(k, _)| {
            !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        });
        if let Some((key, value)) = key_value {
            if p.expect_at.is_some() {
                return Err(err(n, format!("`{key}:` after the expected events of case `{}`", p.name)));
            }
            match key {
                "date" => {
                    if p.date.is_some() {
                        return Err(err(n, "second `date:` line".into()));
                    }
                    let d = Date::parse(value.trim()).map_err(|e| err(n, format!("bad date: {e}")))?;
                    p.date = Some(d);
                    kinds.push(LineKind::Header);
                }
                "text" => {
                    // One leading space after the colon is the separator; the rest is text.
                    let v = value.strip_prefix(' ').unwrap_or(value);
                    match &mut p.text {
                        Some(t) => {
                            t.push('\n');
                            t.push_str(v);
                        }
                        None => p.text = Some(v.to_string()),
                    }
                    kinds.push(LineKind::Header);
                }
                "xfail" => {
                    if value.trim().is_empty() {
                        return Err(err(n, "`xfail:` needs a reason".into()));
                    }
                    if p.xfail.is_some() {
                        return Err(err(n, "second `xfail:` line".into()));
                    }
                    p.xfail = Some(value.trim().to_string());
                    kinds.push(LineKind::Xfail);
                }
                _ => return Err(err(n, format!("unknown key `{key}:` (known: date, text, xfail)"))),
            }
            p.header_end = i;
            continue;
        }
        // An expectation.
        if p.expect_at.is_none() {
            p.expect_at = Some(i);
        }
        kinds.push(LineKind::Expect);
        if trimmed == "(none)" {
            if !p.expected.is_empty() || p.none {
                return Err(err(n, "`(none)` must be the only expectation of a case".into()));
            }
            p.none = true;
            continue;
        }
        if p.none {
            return Err(err(n, "`(none)` must be the only expectation of a case".into()));
        }
        let fields: Vec<&str> = trimmed.split_whitespace().collect();
        let [source, target, code] = fields[..] else {
            return Err(err(n, format!("expected `SOURCE TARGET CODE` (or `(none)`), got {trimmed:?}")));
        };
        for (what, c) in [("source", source), ("target", target)] {
            if what == "target" && c == "-" {
                continue;
            }
            ActorCode::parse(c).map_err(|e| err(n, format!("bad {what} actor code: {e}")))?;
        }
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(n, format!("bad CAMEO code {code:?}: expected 2 to 4 digits")));
        }
        p.expected.push(Triple {
            source: source.to_string(),
            target: if target == "-" { String::new() } else { target.to_string() },
            code: code.to_string(),
        });
    }
    if let Some(p) = cur.take() {
        finish(p, &mut cases)?;
    }
    Ok((cases, kinds))
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn code(coder: &Coder, case: &Case) -> Vec<Triple> {
    let doc = Document { id: case.name.clone(), date: case.date, text: case.text.clone() };
    coder
        .code(&doc)
        .events
        .into_iter()
        .map(|e| Triple { source: e.source, target: e.target, code: e.code })
        .collect()
}

/// A per-case diff: `  ` both, `- ` expected only, `+ ` coded only.
fn diff(expected: &[Triple], got: &[Triple]) -> String {
    let mut want: Vec<&Triple> = expected.iter().collect();
    let mut have: Vec<&Triple> = got.iter().collect();
    want.sort();
    have.sort();
    let mut out = String::new();
    let (mut i, mut j) = (0, 0);
    while i < want.len() || j < have.len() {
        match (want.get(i), have.get(j)) {
            (Some(a), Some(b)) if a == b => {
                let _ = writeln!(out, "      {a}");
                i += 1;
                j += 1;
            }
            (Some(a), Some(b)) if a < b => {
                let _ = writeln!(out, "    - {a}    (expected, not coded)");
                i += 1;
            }
            (Some(a), None) => {
                let _ = writeln!(out, "    - {a}    (expected, not coded)");
                i += 1;
            }
            (_, Some(b)) => {
                let _ = writeln!(out, "    + {b}    (coded, not expected)");
                j += 1;
            }
            (None, None) => unreachable!(),
        }
    }
    if want.is_empty() && have.is_empty() {
        out.push_str("      (none)\n");
    }
    out
}

fn same(expected: &[Triple], got: &[Triple]) -> bool {
    let mut a = expected.to_vec();
    let mut b = got.to_vec();
    a.sort();
    b.sort();
    a == b
}

/// The file with the expectations of each case whose `coded[case]` is `Some` replaced by it and
/// its xfail marker dropped. Cases with `None` (not selected) and every other line are kept byte
/// for byte, line endings included.
fn bless(src: &str, cases: &[Case], kinds: &[LineKind], coded: &[Option<Vec<Triple>>]) -> String {
    let lines: Vec<&str> = src.split_inclusive('\n').collect();
    debug_assert_eq!(lines.len(), kinds.len());
    let mut insert_at: BTreeMap<usize, usize> = BTreeMap::new();
    for (ci, c) in cases.iter().enumerate() {
        if coded[ci].is_some() {
            insert_at.insert(c.expect_at.unwrap_or(c.header_end + 1), ci);
        }
    }
    // The case each line belongs to: the last one whose `==` header is at or above it.
    let mut owner: Vec<Option<usize>> = vec![None; lines.len()];
    for (ci, c) in cases.iter().enumerate() {
        let first = c.line - 1;
        let last = cases.get(ci + 1).map_or(lines.len(), |next| next.line - 1);
        owner[first..last].fill(Some(ci));
    }
    let mut out = String::new();
    let emit = |out: &mut String, ci: usize| {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        let coded = coded[ci].as_deref().unwrap_or_default();
        if coded.is_empty() {
            out.push_str("(none)\n");
        }
        for t in coded {
            let _ = writeln!(out, "{t}");
        }
    };
    for (i, line) in lines.iter().enumerate() {
        if let Some(&ci) = insert_at.get(&i) {
            emit(&mut out, ci);
        }
        let rewritten = owner[i].is_some_and(|ci| coded[ci].is_some());
        if rewritten && matches!(kinds[i], LineKind::Expect | LineKind::Xfail) {
            continue;
        }
        out.push_str(line);
    }
    if let Some(&ci) = insert_at.get(&lines.len()) {
        emit(&mut out, ci);
    }
    out
}

#[derive(Debug, Default)]
struct Tally {
    cases: usize,
    pass: usize,
    xfail: usize,
    fail: usize,
    xpass: usize,
}

/// The switches of a golden run (from the environment in `golden_files`).
#[derive(Default)]
struct Options {
    /// `ENTENTE_GOLDEN`: run (and bless) only the cases whose `file:name` contains it.
    filter: Option<String>,
    /// `ENTENTE_BLESS`: rewrite the selected cases' expectations.
    blessing: bool,
    /// `ENTENTE_GOLDEN_EXPLAIN`: the coder's explanation of every mismatch.
    explain: bool,
}

#[test]
fn golden_files() {
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().expect("the built-in dictionaries compile");
    let opts = Options {
        filter: std::env::var("ENTENTE_GOLDEN").ok().filter(|f| !f.is_empty()),
        blessing: std::env::var_os("ENTENTE_BLESS").is_some_and(|v| !v.is_empty() && v != "0"),
        explain: std::env::var_os("ENTENTE_GOLDEN_EXPLAIN").is_some(),
    };
    if let Err(e) = run(&golden_dir(), &coder, &opts) {
        panic!("{e}");
    }
}

/// Runs (or blesses) every golden file in `dir`, printing the report; the totals, or why the
/// run fails: failing or newly passing cases (not when blessing), or a filter that selects no case.
fn run(dir: &Path, coder: &Coder, opts: &Options) -> Result<Tally, String> {
    let Options { filter, blessing, explain } = opts;
    let (blessing, explain) = (*blessing, *explain);
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    if paths.is_empty() {
        return Err(format!("no golden files in {}", dir.display()));
    }

    let mut report = String::new();
    let mut xfails = String::new();
    let mut xfail_lines = String::new();
    let mut tallies: Vec<(String, Tally)> = Vec::new();
    for path in &paths {
        let file = format!("golden/{}", path.file_name().unwrap().to_string_lossy());
        let src = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
        let (cases, kinds) = parse(&file, &src).map_err(|e| format!("malformed golden file: {e}"))?;
        let mut tally = Tally::default();
        // The coder's output for each selected case; `None` for the others (bless keeps them).
        let mut coded_all = Vec::with_capacity(cases.len());
        for case in &cases {
            let selected = filter.as_ref().is_none_or(|f| format!("{file}:{}", case.name).contains(f.as_str()));
            if !selected {
                coded_all.push(None);
                continue;
            }
            let got = code(coder, case);
            tally.cases += 1;
            let ok = same(&case.expected, &got);
            let head = format!("{file}:{}: case `{}` ({})\n    text: {}\n", case.line, case.name, case.date, case.text.replace('\n', "\n          "));
            match (ok, &case.xfail) {
                (true, None) => tally.pass += 1,
                (false, Some(reason)) => {
                    tally.xfail += 1;
                    let _ = write!(xfails, "XFAIL {head}    reason: {reason}\n{}", diff(&case.expected, &got));
                    let _ = writeln!(xfail_lines, "xfail {file}:{} {}: {reason}", case.line, case.name);
                    if explain {
                        let _ = writeln!(xfails, "{}", coder.explain(&case.text, case.date));
                    }
                }
                (true, Some(reason)) => {
                    tally.xpass += 1;
                    let _ = writeln!(report, "XPASS {head}    now coded right; remove `xfail: {reason}`");
                }
                (false, None) => {
                    tally.fail += 1;
                    let _ = write!(report, "FAIL  {head}{}", diff(&case.expected, &got));
                    if explain {
                        let _ = writeln!(report, "{}", coder.explain(&case.text, case.date));
                    }
                }
            }
            coded_all.push(Some(got));
        }
        if blessing {
            let new = bless(&src, &cases, &kinds, &coded_all);
            if new != src {
                std::fs::write(path, new).map_err(|e| format!("{file}: {e}"))?;
                let msg = format!("blessed {file}: review with `git diff`\n");
                let _ = std::io::Write::write_all(&mut std::io::stderr(), msg.as_bytes());
            }
        }
        tallies.push((file, tally));
    }

    // Diffs go through the test harness's capture (shown on failure or with --nocapture); the
    // one-line xfail list and the summary are written to stderr directly, so that every run
    // shows them.
    eprint!("{xfails}");
    eprint!("{report}");
    let mut summary = format!("\n{:<28} {:>6} {:>6} {:>6} {:>6} {:>6}\n", "file", "cases", "pass", "xfail", "FAIL", "XPASS");
    let mut total = Tally::default();
    for (file, t) in &tallies {
        let _ = writeln!(summary, "{file:<28} {:>6} {:>6} {:>6} {:>6} {:>6}", t.cases, t.pass, t.xfail, t.fail, t.xpass);
        total.cases += t.cases;
        total.pass += t.pass;
        total.xfail += t.xfail;
        total.fail += t.fail;
        total.xpass += t.xpass;
    }
    let _ = writeln!(summary, "{:<28} {:>6} {:>6} {:>6} {:>6} {:>6}", "total", total.cases, total.pass, total.xfail, total.fail, total.xpass);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{xfail_lines}{summary}").as_bytes());
    if let (Some(f), 0) = (filter, total.cases) {
        return Err(format!("ENTENTE_GOLDEN={f:?} matches no case in {} (it is matched against `golden/FILE.txt:NAME`)", dir.display()));
    }
    if !blessing && (total.fail > 0 || total.xpass > 0) {
        return Err(format!(
            "{} golden case(s) failed and {} xfail case(s) now pass (see above; ENTENTE_BLESS=1 rewrites the expectations)",
            total.fail, total.xpass
        ));
    }
    Ok(total)
}

#[test]
fn malformed_files_name_file_and_line() {
    let bad = [
        ("RUS IRN 057\n", 1, "expected `== NAME`"),
        ("== a\ndate: 2024-01-01\ntext: x\nRUS IRN\n", 4, "SOURCE TARGET CODE"),
        ("== a\ndate: 2024-13-01\ntext: x\n(none)\n", 2, "bad date"),
        ("== a\ndate: 2024-01-01\ntext: x\n", 1, "write `(none)`"),
        ("== a\ntext: x\n(none)\n", 1, "no `date:`"),
        ("== a\ndate: 2024-01-01\n(none)\n", 1, "no `text:`"),
        ("== a\ndate: 2024-01-01\ntext: x\n(none)\n== a\ndate: 2024-01-01\ntext: y\n(none)\n", 5, "duplicate"),
        ("== a\ndate: 2024-01-01\ntext: x\nrus IRN 057\n", 4, "bad source actor code"),
        ("== a\ndate: 2024-01-01\ntext: x\nRUS IRN 5x\n", 4, "bad CAMEO code"),
        ("== a\ndate: 2024-01-01\ntext: x\n(none)\nRUS IRN 057\n", 5, "only expectation"),
        ("== a\ndate: 2024-01-01\ntext: x\nRUS IRN 057\ndate: 2024-01-02\n", 5, "after the expected"),
        ("== a\ndate: 2024-01-01\nsource: x\n", 3, "unknown key"),
        ("== a\ndate: 2024-01-01\nxfail:\ntext: x\n(none)\n", 3, "needs a reason"),
        ("== two words\n", 1, "one word"),
    ];
    for (src, line, needle) in bad {
        match parse("golden/t.txt", src) {
            Err(e) => {
                assert_eq!((e.file.as_str(), e.line), ("golden/t.txt", line), "{src:?}: {e}");
                assert!(e.to_string().starts_with(&format!("golden/t.txt:{line}: ")), "{e}");
                assert!(e.message.contains(needle), "{src:?}: {e}");
            }
            Ok(_) => panic!("accepted a malformed file: {src:?}"),
        }
    }
}

#[test]
fn parses_and_blesses_keeping_everything_but_expectations() {
    let src = "# top comment\n\n== one\ndate: 2025-01-17\nxfail: known\ntext: Russia and Iran signed a treaty.\n\
               RUS IRN 057\n# between\nIRN RUS 057\n\n== two\ndate: 2023-01-10\ntext: First line.\ntext:\ntext: Second paragraph.\n(none)\n\
               \n== three\ndate: 2023-01-10\ntext: No target.\nRUS - 010\n";
    let (cases, kinds) = parse("t.txt", src).unwrap();
    assert_eq!(cases.len(), 3);
    assert_eq!(cases[0].xfail.as_deref(), Some("known"));
    assert_eq!(cases[0].expected.len(), 2);
    assert_eq!(cases[1].text, "First line.\n\nSecond paragraph.");
    assert!(cases[1].expected.is_empty());
    assert_eq!(cases[2].expected[0].target, "");
    let coded = vec![
        Some(vec![Triple { source: "IRN".into(), target: "RUS".into(), code: "057".into() }]),
        Some(vec![Triple { source: "USA".into(), target: String::new(), code: "010".into() }]),
        Some(vec![]),
    ];
    let blessed = bless(src, &cases, &kinds, &coded);
    let want = "# top comment\n\n== one\ndate: 2025-01-17\ntext: Russia and Iran signed a treaty.\n\
                IRN RUS 057\n# between\n\n== two\ndate: 2023-01-10\ntext: First line.\ntext:\ntext: Second paragraph.\nUSA - 010\n\
                \n== three\ndate: 2023-01-10\ntext: No target.\n(none)\n";
    assert_eq!(blessed, want);
    // Blessing is stable: the blessed file parses and blesses to itself.
    let (cases2, kinds2) = parse("t.txt", &blessed).unwrap();
    assert_eq!(bless(&blessed, &cases2, &kinds2, &coded), blessed);
}

#[test]
fn bless_rewrites_only_the_selected_cases() {
    // CRLF line endings and a last line without one: kept wherever a case is not selected.
    let src = "# top\r\n== one\r\ndate: 2025-01-17\r\nxfail: known\r\ntext: A.\r\nRUS IRN 057\r\n\r\n\
               == two\ndate: 2023-01-10\nxfail: also known\ntext: B.\nRUS IRN 057\n# kept\nIRN RUS 057\n\n\
               == three\ndate: 2023-01-10\nxfail: third\ntext: C.\n(none)";
    let (cases, kinds) = parse("t.txt", src).unwrap();
    let usa = || vec![Triple { source: "USA".into(), target: String::new(), code: "010".into() }];
    // Nothing selected: the file comes back byte for byte.
    assert_eq!(bless(src, &cases, &kinds, &[None, None, None]), src);
    // Only `two`: its expectations and xfail marker are replaced, `one` and `three` untouched.
    let want = "# top\r\n== one\r\ndate: 2025-01-17\r\nxfail: known\r\ntext: A.\r\nRUS IRN 057\r\n\r\n\
                == two\ndate: 2023-01-10\ntext: B.\nUSA - 010\n# kept\n\n\
                == three\ndate: 2023-01-10\nxfail: third\ntext: C.\n(none)";
    assert_eq!(bless(src, &cases, &kinds, &[None, Some(usa()), None]), want);
    // Only `three`, the last case, whose last line has no line ending.
    let want = src.replace("xfail: third\ntext: C.\n(none)", "text: C.\nUSA - 010\n");
    assert_eq!(bless(src, &cases, &kinds, &[None, None, Some(usa())]), want);
}

/// A scratch directory holding one golden file, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str, content: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("entente-golden-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("cases.txt"), content).unwrap();
        Scratch(dir)
    }
    fn file(&self) -> String {
        std::fs::read_to_string(self.0.join("cases.txt")).unwrap()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Two cases whose expectations are wrong, each marked `xfail`.
const TWO_WRONG: &str = "# Two cases the coder gets \"wrong\".\n\
    == treaty\ndate: 2025-01-17\nxfail: a deliberately wrong expectation\ntext: Russia and Iran signed a strategic partnership treaty.\nUSA CHN 190\n\n\
    == visit\ndate: 2025-01-17\nxfail: another wrong one\ntext: Lavrov visited Tehran.\nUSA CHN 190\n";

#[test]
fn blessing_with_a_filter_rewrites_only_the_matching_cases() {
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let scratch = Scratch::new("bless", TWO_WRONG);
    let opts = Options { filter: Some("cases.txt:treaty".into()), blessing: true, explain: false };
    let total = run(&scratch.0, &coder, &opts).unwrap();
    assert_eq!((total.cases, total.xfail), (1, 1), "only `treaty` was selected");
    let blessed = scratch.file();
    let (cases, _) = parse("cases.txt", &blessed).unwrap();
    let treaty = &cases[0];
    assert_eq!(treaty.xfail, None, "the blessed case loses its marker");
    assert!(!treaty.expected.is_empty(), "the coder codes the treaty: {blessed}");
    assert!(same(&treaty.expected, &code(&coder, treaty)), "{blessed}");
    // Everything from the `visit` case on is byte for byte what it was.
    let tail = &TWO_WRONG[TWO_WRONG.find("== visit").unwrap()..];
    assert!(blessed.ends_with(tail), "{blessed}");
    assert_eq!(cases[1].xfail.as_deref(), Some("another wrong one"));
    // Without blessing the same file now passes for `treaty` and still xfails for `visit`.
    let total = run(&scratch.0, &coder, &Options::default()).unwrap();
    assert_eq!((total.cases, total.pass, total.xfail), (2, 1, 1));
}

#[test]
fn a_filter_that_matches_no_case_fails_the_run() {
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().unwrap();
    let opts = Options { filter: Some("no-such-case-anywhere".into()), ..Options::default() };
    let e = run(&golden_dir(), &coder, &opts).unwrap_err();
    assert!(e.contains("ENTENTE_GOLDEN=\"no-such-case-anywhere\" matches no case"), "{e}");
    // Blessing with it fails too, and rewrites nothing.
    let scratch = Scratch::new("nomatch", TWO_WRONG);
    let e = run(&scratch.0, &coder, &Options { blessing: true, ..opts }).unwrap_err();
    assert!(e.contains("matches no case"), "{e}");
    assert_eq!(scratch.file(), TWO_WRONG);
    // A filter that matches runs just those cases.
    let opts = Options { filter: Some("cases.txt:visit".into()), ..Options::default() };
    assert_eq!(run(&scratch.0, &coder, &opts).unwrap().cases, 1);
}
