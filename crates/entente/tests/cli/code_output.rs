//! `entente code`: output formats and destinations.

use crate::util::*;

const COLUMNS: &str = "doc_id\tsentence\tdate\tsource\ttarget\tcode\troot\tquad_class\tgoldstein\tplover\ttext\tsource_span\ttarget_span\tverb_span\tconfidence\tplace\tplace_country\tlat\tlon\tsource_char_span\ttarget_char_span\tverb_char_span";

#[test]
fn tsv_and_csv_start_with_a_header_even_without_events() {
    let input = doc("a", "2022-02-24", "Nothing happened.");
    let r = run(&["code", "--format", "tsv"], input.as_bytes());
    r.assert_ok();
    assert_eq!(r.stdout.lines().next(), Some(COLUMNS), "{r}");
    let r = run(&["code", "--format", "csv"], input.as_bytes());
    r.assert_ok();
    assert_eq!(r.stdout.lines().next(), Some(COLUMNS.replace('\t', ",").as_str()), "{r}");
}

#[test]
fn output_file_format_follows_its_extension_unless_given() {
    let dir = dir_with(&[]);
    let input = doc("a", "2022-02-24", "Nothing happened.");
    let tsv = dir.path().join("events.tsv");
    let r = run(&["code", "-o", path_str(&tsv)], input.as_bytes());
    r.assert_ok();
    assert_eq!(r.stdout, "", "events go to the file");
    assert!(std::fs::read_to_string(&tsv).unwrap().starts_with("doc_id\tsentence\t"));

    let csv = dir.path().join("events.csv");
    run(&["code", "--output", path_str(&csv)], input.as_bytes()).assert_ok();
    assert!(std::fs::read_to_string(&csv).unwrap().starts_with("doc_id,sentence,"));

    let forced = dir.path().join("events.csv");
    run(&["code", "--format", "jsonl", "-o", path_str(&forced)], input.as_bytes()).assert_ok();
    assert!(!std::fs::read_to_string(&forced).unwrap().starts_with("doc_id"));
}

#[test]
fn unwritable_output_fails_before_reading() {
    let dir = dir_with(&[]);
    let out = dir.path().join("no/such/dir/events.jsonl");
    let r = run(&["code", "-o", path_str(&out)], doc("a", "2022-02-24", "x").as_bytes());
    r.assert_failed();
    r.assert_stderr_has("cannot create");
    r.assert_stderr_has("events.jsonl");
}
