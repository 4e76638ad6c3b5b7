//! One command-line vocabulary (issue #11): the same option names for the same ideas on every
//! command, `-` for standard input, exit codes, completions and man pages.

use crate::store_sql::store_with;
use crate::util::*;

/// Every command, as typed after `entente`.
const COMMANDS: &[&[&str]] = &[
    &["code"],
    &["explain"],
    &["validate"],
    &["eval"],
    &["dict", "stats"],
    &["ingest"],
    &["sql"],
    &["events"],
    &["store", "info"],
    &["store", "compact"],
    &["guide"],
    &["demo"],
    &["serve"],
    &["completions"],
    &["man"],
];

/// The commands that write records, and the formats each accepts.
const WRITERS: &[(&[&str], &str)] = &[
    (&["code"], "jsonl, json, tsv, csv"),
    (&["dict", "stats"], "table, json"),
    (&["sql"], "table, csv, tsv, jsonl, json, parquet"),
    (&["events"], "table, csv, tsv, jsonl, json, parquet"),
    (&["store", "info"], "table, json"),
    (&["guide"], "html, md, json"),
];

fn help(cmd: &[&str]) -> String {
    help_with(cmd, "--help")
}

fn help_with(cmd: &[&str], flag: &str) -> String {
    let r = run(&[cmd, &[flag]].concat(), b"");
    r.assert_ok();
    r.stdout
}

/// Whether `help` names the option `name` (not merely a longer one starting with it).
fn has_option(help: &str, name: &str) -> bool {
    help.match_indices(name).any(|(i, _)| {
        let next = help[i + name.len()..].chars().next();
        !matches!(next, Some(c) if c.is_ascii_alphanumeric() || c == '-')
    })
}

#[test]
fn every_command_that_writes_records_has_output_and_format() {
    for (cmd, formats) in WRITERS {
        let h = help(cmd);
        assert!(h.contains("-o, --output <"), "entente {cmd:?} --help lacks -o, --output:\n{h}");
        assert!(h.contains("--format <FORMAT>"), "entente {cmd:?} --help lacks --format:\n{h}");
        // --help lists each format with its meaning; -h on one line.
        let short = help_with(cmd, "-h");
        assert!(short.contains(&format!("[possible values: {formats}]")), "entente {cmd:?}: formats {formats}:\n{short}");
        for f in formats.split(", ") {
            assert!(h.contains(&format!("- {f}: ")), "entente {cmd:?} --help does not explain {f}:\n{h}");
        }
    }
}

#[test]
fn no_command_shows_an_old_spelling() {
    for cmd in COMMANDS {
        let h = help(cmd);
        for old in ["--out", "--json"] {
            assert!(!has_option(&h, old), "entente {cmd:?} --help shows {old}:\n{h}");
        }
    }
}

#[test]
fn the_same_idea_has_the_same_name_everywhere() {
    // (option, the commands that take it)
    let shared: &[(&str, &[&[&str]])] = &[
        ("--store <DIR>", &[&["ingest"], &["sql"], &["events"], &["store", "info"], &["store", "compact"], &["guide"], &["serve"]]),
        ("--dict <DIR>", &[&["code"], &["explain"], &["validate"], &["eval"], &["dict", "stats"]]),
        ("-j, --threads <N>", &[&["code"], &["ingest"]]),
        ("-q, --quiet", &[&["code"], &["ingest"]]),
        ("--min-confidence <", &[&["code"], &["eval"], &["guide"]]),
        ("--timeout <SECS>", &[&["sql"], &["events"], &["guide"], &["serve"]]),
        ("-o, --output <", &[&["code"], &["eval"], &["dict", "stats"], &["sql"], &["events"], &["store", "info"], &["guide"], &["demo"], &["man"]]),
    ];
    for (option, cmds) in shared {
        for cmd in *cmds {
            let h = help(cmd);
            assert!(h.contains(option), "entente {cmd:?} --help lacks {option}:\n{h}");
        }
    }
    // One name, one idea: `--show N` is how many problems to list; nowhere a switch of its own.
    for cmd in COMMANDS {
        let h = help(cmd);
        assert!(!has_option(&h, "--show") || h.contains("--show <N>"), "entente {cmd:?} --help has --show for another idea:\n{h}");
    }
}

#[test]
fn top_level_help_documents_the_exit_codes_and_the_formats() {
    let h = help(&[]);
    for line in ["Exit status:", "  0  success", "  1  failure", "  2  usage error", "entente completions", "entente man"] {
        assert!(h.contains(line), "entente --help lacks {line:?}:\n{h}");
    }
    for f in ["jsonl", "json", "csv", "tsv", "table", "parquet", "html", "md"] {
        assert!(has_option(&h, f), "{f}");
    }
}

#[test]
fn usage_errors_exit_with_2_and_name_what_is_accepted() {
    let r = run(&["code", "--format", "xml"], b"");
    assert_eq!(r.code, Some(2), "{r}");
    r.assert_stderr_has("[possible values: jsonl, json, tsv, csv]");
    // A format the command cannot write, implied by the extension of -o: exit 2 too, before
    // anything is read or created.
    let dir = dir_with(&[]);
    let out = dir.path().join("events.parquet");
    let r = run(&["code", "-o", path_str(&out)], doc("a", "2022-02-24", "x").as_bytes());
    assert_eq!(r.code, Some(2), "{r}");
    r.assert_stderr_has("cannot write parquet");
    r.assert_stderr_has("jsonl, json, tsv or csv");
    assert!(!out.exists());
    let r = run(&["sql", "SELECT 1", "--format", "html"], b"");
    assert_eq!(r.code, Some(2), "{r}");
    // Not found, a runtime failure: 1.
    let r = run(&["code", "/no/such/file.jsonl"], b"");
    assert_eq!(r.code, Some(1), "{r}");
}

#[test]
fn bash_completions_name_every_command_and_option() {
    let r = run(&["completions", "bash"], b"");
    r.assert_ok();
    for word in ["code", "ingest", "sql", "events", "guide", "demo", "serve", "completions", "--output", "--format", "--store"] {
        assert!(r.stdout.contains(word), "bash completions lack {word}");
    }
    assert!(r.stdout.contains("complete -F"), "not a bash completion script");
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let r = run(&["completions", shell], b"");
        r.assert_ok();
        assert!(r.stdout.contains("guide"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"], b"").code, Some(2));
}

#[test]
fn the_man_page_comes_from_the_same_definitions() {
    let r = run(&["man"], b"");
    r.assert_ok();
    assert!(r.stdout.contains(".TH entente"), "{}", &r.stdout[..200.min(r.stdout.len())]);
    assert!(r.stdout.contains("Exit status"), "the after-help is in the page");
    // roff writes a hyphen as `\-`.
    let page = r.stdout.replace("\\-", "-");
    for cmd in ["code", "ingest", "guide", "completions"] {
        assert!(page.contains(&format!("entente-{cmd}(1)")), "the page lists entente-{cmd}(1)");
    }
    let dir = dir_with(&[]);
    let r = run(&["man", "-o", path_str(dir.path())], b"");
    r.assert_ok();
    let code = std::fs::read_to_string(dir.path().join("entente-code.1")).unwrap();
    let code = code.replace("\\-", "-");
    assert!(code.contains(".TH entente-code"), "{code}");
    for option in ["--format", "--output", "--min-confidence", "jsonl"] {
        assert!(code.contains(option), "entente-code.1 lacks {option}");
    }
    assert!(dir.path().join("entente-store-info.1").exists());
    let r = run(&["man", "-o", "/no/such/dir"], b"");
    r.assert_failed();
    r.assert_stderr_has("/no/such/dir: not a directory");
}

/// A sentence the built-in dictionaries code, with non-ASCII text before and inside the spans.
const ACCENTED: &str = "Après la réunion, la France et l'Allemagne… France and Germany signed an agreement in Zürich.";

#[test]
fn char_spans_slice_the_text_as_python_does() {
    let r = run(&["code"], doc("d1", "2022-02-24", ACCENTED).as_bytes());
    r.assert_ok();
    let events = r.events();
    let e = events.iter().find(|e| e["source"] == "FRA" && e["target"] == "DEU").unwrap_or_else(|| panic!("no FRA→DEU:\n{r}"));
    let text = e["text"].as_str().unwrap();
    assert!(!text.is_ascii());
    let chars: Vec<char> = text.chars().collect();
    let by_chars = |s: &serde_json::Value| -> String {
        let (a, b) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
        chars[a..b].iter().collect()
    };
    let by_bytes = |s: &serde_json::Value| -> String {
        let (a, b) = (s[0].as_u64().unwrap() as usize, s[1].as_u64().unwrap() as usize);
        text[a..b].to_string()
    };
    for role in ["source", "target", "verb"] {
        let (c, b) = (&e["char_spans"][role], &e["spans"][role]);
        assert_eq!(by_chars(c), by_bytes(b), "{role}: {e}");
        assert_ne!(c, b, "{role}: non-ASCII text before the span moves the byte offsets");
    }
    assert_eq!(by_chars(&e["char_spans"]["source"]), "France");

    // TSV: the same spans in the *_char_span columns.
    let r = run(&["code", "--format", "tsv"], doc("d1", "2022-02-24", ACCENTED).as_bytes());
    r.assert_ok();
    let mut lines = r.stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    let col = |name: &str| header.iter().position(|h| *h == name).unwrap();
    let row: Vec<&str> = lines.find(|l| l.contains("\tFRA\tDEU\t")).unwrap().split('\t').collect();
    let want = e["char_spans"]["source"].as_array().unwrap();
    assert_eq!(row[col("source_char_span")], format!("{}-{}", want[0], want[1]));
}

#[test]
fn code_writes_one_json_array_with_format_json_or_a_json_file() {
    let input = doc("d1", "2022-02-24", "France and Germany signed an agreement.");
    let lines = run(&["code"], input.as_bytes());
    let r = run(&["code", "--format", "json"], input.as_bytes());
    r.assert_ok();
    let array: serde_json::Value = serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{e}:\n{r}"));
    let want: Vec<serde_json::Value> = lines.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert!(!want.is_empty());
    assert_eq!(array, serde_json::Value::Array(want), "the JSON Lines objects, in one array");
    let dir = dir_with(&[]);
    let out = dir.path().join("events.json");
    run(&["code", "-o", path_str(&out)], input.as_bytes()).assert_ok();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&std::fs::read_to_string(&out).unwrap()).unwrap(), array);
}

#[test]
fn query_results_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 3);
    let q = "SELECT event_id, text FROM events ORDER BY event_id";
    let sql = |extra: &[&str]| {
        let r = run(&[&["sql", q, "--store", path_str(&store)][..], extra].concat(), b"");
        r.assert_ok();
        r.stdout
    };
    let jsonl: Vec<serde_json::Value> = sql(&["--format", "jsonl"]).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(jsonl.len(), 3);
    let json: serde_json::Value = serde_json::from_str(&sql(&["--format", "json"])).unwrap();
    assert_eq!(json, serde_json::Value::Array(jsonl.clone()), "json: the jsonl objects in one array");
    let tsv = sql(&["--format", "tsv"]);
    let rows: Vec<Vec<&str>> = tsv.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["event_id", "text"]);
    assert_eq!(rows.len(), 4, "{tsv}");
    for (row, obj) in rows[1..].iter().zip(&jsonl) {
        assert_eq!(row[0], obj["event_id"].to_string().trim_matches('"'));
    }
    // -o: the extension decides.
    let out = dir.path().join("r.tsv");
    run(&["sql", q, "--store", path_str(&store), "-o", path_str(&out)], b"").assert_ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), tsv);
    let out = dir.path().join("r.json");
    run(&["events", "--dyad", "RUS,IRN", "--count", "--store", path_str(&store), "-o", path_str(&out)], b"").assert_ok();
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert!(v.as_array().is_some_and(|a| a.len() == 1 && a[0].get("events").is_some()), "{v}");
    // An empty result is still one JSON document.
    let r = run(&["sql", "SELECT event_id FROM events WHERE false", "--store", path_str(&store), "--format", "json"], b"");
    r.assert_ok();
    assert_eq!(serde_json::from_str::<serde_json::Value>(&r.stdout).unwrap(), serde_json::json!([]));
}

#[test]
fn tsv_values_are_escaped_as_code_escapes_them() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 1);
    let r = run(
        &["sql", "SELECT 'a\tb' AS x, NULL AS y, 'back\\slash' AS z", "--store", path_str(&store), "--format", "tsv"],
        b"",
    );
    r.assert_ok();
    assert_eq!(r.stdout, "x\ty\tz\na\\tb\t\tback\\\\slash\n");
}

#[test]
fn ingest_reads_standard_input_with_a_dash() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("store");
    let events = crate::store_sql::events_jsonl(4);
    let r = run(&["ingest", "events", "-", "--store", path_str(&store)], events.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("<stdin>: 4 rows read, 4 stored");
    // The spool file is gone; the import log names standard input.
    let left: Vec<_> = std::fs::read_dir(&store).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(!left.iter().any(|n| n.to_string_lossy().starts_with(".stdin")), "{left:?}");
    let r = run(&["store", "info", "--store", path_str(&store), "--format", "json"], b"");
    r.assert_ok();
    let m: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(m["imports"][0]["file"], "<stdin>");
    // The same input again is recognised by its content.
    let r = run(&["ingest", "events", "-", "--store", path_str(&store)], events.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("<stdin>: already imported");
    // A malformed row is named by line on standard input.
    let bad = format!("{}not json\n", crate::store_sql::events_jsonl(1));
    let r = run(&["ingest", "events", "-", "--store", path_str(&store)], bad.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("<stdin>:2:");
    // GDELT-shaped text is refused as GDELT refuses a file, naming standard input.
    let r = run(&["ingest", "gdelt", "-", "--store", path_str(&store)], b"not\ta\tgdelt\tfile\n");
    r.assert_failed();
    r.assert_stderr_has("error: <stdin>: not a GDELT events file");
    assert!(!r.stderr.contains(".stdin-"), "the spool file is not named:\n{r}");
    let r = run(&["ingest", "events", "-", "-", "--store", path_str(&store)], b"");
    assert_eq!(r.code, Some(2), "{r}");
}

#[test]
fn old_spellings_still_work() {
    let dir = tempfile::tempdir().unwrap();
    let store = store_with(dir.path(), 2);
    let s = path_str(&store);
    let new = run(&["store", "info", "--store", s, "--format", "json"], b"");
    let old = run(&["store", "info", "--store", s, "--json"], b"");
    new.assert_ok();
    old.assert_ok();
    assert_eq!(new.stdout, old.stdout);
    let new = run(&["dict", "stats", "--format", "json"], b"");
    let old = run(&["dict", "stats", "--json"], b"");
    new.assert_ok();
    assert_eq!(new.stdout, old.stdout);
    assert!(serde_json::from_str::<serde_json::Value>(&new.stdout).is_ok());
    // -o, and the extension decides.
    let out = dir.path().join("stats.json");
    run(&["dict", "stats", "-o", path_str(&out)], b"").assert_ok();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), new.stdout);
    let out = dir.path().join("info.txt");
    run(&["store", "info", "--store", s, "-o", path_str(&out)], b"").assert_ok();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("store "));
}
