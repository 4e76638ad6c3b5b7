//! `entente code`: reading input, and carrying on past bad input.

use crate::util::*;

const GOOD: &str = "France and Germany signed an agreement.";

#[test]
fn reads_json_lines_from_a_file_and_from_stdin_alike() {
    let input = doc("a", "2022-02-24", GOOD) + &doc("b", "20220225", GOOD);
    let dir = dir_with(&[("news.jsonl", input.as_bytes())]);
    let file = dir.path().join("news.jsonl");
    let from_file = run(&["code", path_str(&file)], b"");
    let from_stdin = run(&["code"], input.as_bytes());
    let from_dash = run(&["code", "-"], input.as_bytes());
    for r in [&from_file, &from_stdin, &from_dash] {
        r.assert_ok();
        r.assert_stderr_has("2 documents");
    }
    assert_eq!(from_file.stdout, from_stdin.stdout);
    assert_eq!(from_file.stdout, from_dash.stdout);
}

#[test]
fn malformed_json_line_is_named_and_the_rest_is_coded() {
    let input = doc("a", "2022-02-24", GOOD) + "{\"id\": \"b\", \"date\": \n" + &doc("c", "2022-02-24", GOOD);
    let dir = dir_with(&[("reuters.jsonl", input.as_bytes())]);
    let r = run(&["code", path_str(&dir.path().join("reuters.jsonl"))], b"");
    r.assert_ok();
    r.assert_stderr_has("reuters.jsonl:2: invalid JSON");
    r.assert_stderr_has("(line skipped)");
    r.assert_stderr_has("2 documents");
    r.assert_stderr_has("skipped 1 line");
}

#[test]
fn line_numbers_count_blank_lines_and_crlf() {
    let input = format!("\n\r\n{}\r\n\r\n[1]\r\n{}", doc("a", "2022-02-24", GOOD).trim_end(), doc("b", "2022-02-24", GOOD));
    let r = run(&["code"], input.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("<stdin>:5: expected a JSON object, found an array");
    r.assert_stderr_has("2 documents");
}

#[test]
fn missing_and_bad_dates_are_named_by_line() {
    let input = String::new()
        + "{\"id\":\"a\",\"text\":\"No date here.\"}\n"
        + &doc("b", "2022-02-30", GOOD)
        + &doc("c", "24/02/2022", GOOD)
        + &doc("d", "2022-02-24", GOOD);
    let r = run(&["code"], input.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("<stdin>:1: missing `date`");
    r.assert_stderr_has("<stdin>:2: bad `date`");
    r.assert_stderr_has("no such day");
    r.assert_stderr_has("<stdin>:3: bad `date`");
    r.assert_stderr_has("1 document,");
    r.assert_stderr_has("skipped 3 lines");

    // --date fills in a missing date, but never overrides a wrong one.
    let r = run(&["code", "--date", "2022-02-24"], input.as_bytes());
    r.assert_stderr_has("2 documents");
    assert!(!r.stderr.contains("<stdin>:1:"), "{r}");
    r.assert_stderr_has("<stdin>:2: bad `date`");
}

#[test]
fn reuters_layout_title_body_and_numeric_ids() {
    let input = concat!(
        r#"{"id": 1, "date": "1987-02-26T15:01:01", "title": "IRAN SAYS IT WILL TALK", "places": ["iran"], "body": "Iran said on Thursday it would meet Iraq."}"#,
        "\n",
        r#"{"id": 2, "date": "1987-02-26T15:02:00", "title": "HEADLINE ONLY"}"#,
        "\n",
        r#"{"id": 3, "date": null, "title": "NO DATE", "body": "text"}"#,
        "\n",
    );
    let r = run(&["code"], input.as_bytes());
    r.assert_ok();
    r.assert_stderr_has("2 documents");
    r.assert_stderr_has("<stdin>:3: missing `date`");
}

#[test]
fn invalid_utf8_is_replaced_and_other_lines_still_coded() {
    let mut input = doc("a", "2022-02-24", GOOD).into_bytes();
    input.extend_from_slice(b"{\"id\":\"b\",\"date\":\"2022-02-24\",\"text\":\"Caf\xe9 \xff\xfe owner met the minister.\"}\n");
    input.extend_from_slice(doc("c", "2022-02-24", GOOD).as_bytes());
    let dir = dir_with(&[("latin1.jsonl", &input)]);
    let r = run(&["code", path_str(&dir.path().join("latin1.jsonl"))], b"");
    r.assert_ok();
    r.assert_stderr_has("latin1.jsonl:2: invalid UTF-8 at byte 41 of the line, replaced with U+FFFD");
    r.assert_stderr_has("3 documents");
}

#[test]
fn binary_file_is_refused_clearly_and_other_files_still_coded() {
    let mut bytes = random_bytes(256 * 1024, 0x9E37_79B9_7F4A_7C15);
    bytes[0] = 0x01; // not `{`, not white space: the file is taken as plain text, and refused
    let good = doc("a", "2022-02-24", GOOD);
    let dir = dir_with(&[("blob.bin", &bytes), ("good.jsonl", good.as_bytes())]);
    let blob = dir.path().join("blob.bin");

    let r = run(&["code", "--date", "2022-02-24", path_str(&blob)], b"");
    r.assert_failed();
    r.assert_stderr_has("blob.bin: looks like a binary file (NUL byte at offset");
    r.assert_stderr_has("nothing could be read");
    assert!(!r.stderr.contains("panicked"), "{r}");

    let r = run(&["code", path_str(&blob), path_str(&dir.path().join("good.jsonl"))], b"");
    r.assert_ok();
    r.assert_stderr_has("1 document,");
    r.assert_stderr_has("skipped 1 file");
}

#[test]
fn binary_bytes_after_a_brace_fail_line_by_line_with_messages_capped() {
    let mut bytes = b"{".to_vec();
    bytes.extend(random_bytes(1024 * 1024, 42));
    let r = run(&["code"], &bytes);
    r.assert_failed();
    r.assert_stderr_has("<stdin>:1: invalid");
    r.assert_stderr_has("more problems; not showing them");
    r.assert_stderr_has("nothing could be read");
    assert!(r.stderr.lines().count() < 40, "messages are capped:\n{r}");
    assert!(!r.stderr.contains("panicked"), "{r}");
}

#[test]
fn ten_megabyte_line_is_skipped_over_the_limit_and_read_under_it() {
    // The text is short; a metadata field makes the line 10 MB (coding 10 MB of text is the
    // benchmark's business, and slow in a debug build).
    let padding = "p".repeat(10 * 1024 * 1024);
    let huge = serde_json::json!({"id": "huge", "date": "2022-02-24", "text": GOOD, "padding": padding}).to_string();
    let input = doc("a", "2022-02-24", GOOD) + &huge + "\n" + &doc("c", "2022-02-24", GOOD);
    let dir = dir_with(&[("big.jsonl", input.as_bytes())]);
    let file = dir.path().join("big.jsonl");

    let r = run(&["code", path_str(&file)], b"");
    r.assert_ok();
    r.assert_stderr_has("big.jsonl:2: line of 10.0 MiB is over the 8 MiB limit (see --max-doc-bytes) (line skipped)");
    r.assert_stderr_has("2 documents");

    let r = run(&["code", "--max-doc-bytes", "20000000", path_str(&file)], b"");
    r.assert_ok();
    r.assert_stderr_has("3 documents");
    assert!(!r.stderr.contains("skipped"), "{r}");
    assert!(r.events().iter().any(|e| e["doc_id"] == "huge"), "{r}");
}

#[test]
fn memory_stays_bounded_on_a_100_megabyte_line() {
    // Without the cap, the line alone would take 100 MB; with it, at most the 8 MiB limit.
    let (r, peak) = run_measuring_peak(&["code"], |w| {
        w.write_all(doc("a", "2022-02-24", GOOD).as_bytes())?;
        w.write_all(br#"{"id":"huge","date":"2022-02-24","text":""#)?;
        let chunk = "Iran warned Israel. ".repeat(1024 * 1024 / 20);
        for _ in 0..100 {
            w.write_all(chunk.as_bytes())?;
        }
        w.write_all(b"\"}\n")?;
        w.write_all(doc("c", "2022-02-24", GOOD).as_bytes())
    });
    // The same run on a small input: what the program itself takes.
    let small = doc("a", "2022-02-24", GOOD) + &doc("c", "2022-02-24", GOOD);
    let (_, baseline) = run_measuring_peak(&["code"], move |w| w.write_all(small.as_bytes()));
    match (peak, baseline) {
        (Some(peak), Some(baseline)) => {
            let extra = peak.saturating_sub(baseline);
            assert!(extra < 32 * 1024 * 1024, "{extra} bytes over the baseline of {baseline}:\n{r}")
        }
        _ => eprintln!("skipped the memory check: no /proc"),
    }
    r.assert_ok();
    r.assert_stderr_has("<stdin>:2: line of 100.0 MiB is over the 8 MiB limit");
    r.assert_stderr_has("2 documents");
}

#[test]
fn plain_text_is_one_document_and_needs_a_date() {
    let dir = dir_with(&[("article.txt", GOOD.as_bytes())]);
    let file = dir.path().join("article.txt");
    let r = run(&["code", path_str(&file)], b"");
    r.assert_failed();
    r.assert_stderr_has("article.txt: plain text (not JSON Lines) needs --date");

    let r = run(&["code", "--date", "2022-02-24", path_str(&file)], b"");
    r.assert_ok();
    r.assert_stderr_has("1 document,");

    let r = run(&["code", "--date", "2022-02-31"], b"x");
    r.assert_failed();
    assert!(r.stderr.contains("--date") && r.stderr.contains("no such day"), "{r}");
}

#[test]
fn many_plain_text_files_are_each_a_document() {
    let files: Vec<(String, Vec<u8>)> =
        (0..50).map(|i| (format!("article{i:02}.txt"), format!("Story {i}. {GOOD}").into_bytes())).collect();
    let refs: Vec<(&str, &[u8])> = files.iter().map(|(n, d)| (n.as_str(), d.as_slice())).collect();
    let dir = dir_with(&refs);
    let mut args = vec!["code".to_string(), "--date".into(), "2022-02-24".into()];
    args.extend(files.iter().map(|(n, _)| dir.path().join(n).display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args, b"");
    r.assert_ok();
    r.assert_stderr_has("50 documents");
}

#[test]
fn oversized_plain_text_is_skipped() {
    let r = run(&["code", "--date", "2022-02-24", "--max-doc-bytes", "100"], "word ".repeat(100).as_bytes());
    r.assert_failed();
    r.assert_stderr_has("<stdin>: plain-text document is over the 100 bytes limit");
}

#[test]
fn missing_file_is_reported_and_the_others_coded() {
    let dir = dir_with(&[("good.jsonl", doc("a", "2022-02-24", GOOD).as_bytes())]);
    let missing = dir.path().join("missing.jsonl");
    let r = run(&["code", path_str(&missing), path_str(&dir.path().join("good.jsonl")), path_str(dir.path())], b"");
    r.assert_ok();
    r.assert_stderr_has("missing.jsonl: cannot open");
    r.assert_stderr_has(": is a directory");
    r.assert_stderr_has("1 document,");
    r.assert_stderr_has("skipped 2 files");
}

#[test]
fn empty_input_is_not_an_error() {
    let r = run(&["code"], b"");
    r.assert_ok();
    r.assert_stderr_has("0 documents");
    let r = run(&["code"], b"\n  \n\n");
    r.assert_ok();
}

#[test]
fn lines_without_id_are_named_after_file_and_line() {
    let r = run(&["code", "-q"], b"{\"date\":\"2022-02-24\",\"text\":\"x\"}\n");
    r.assert_ok();
    assert_eq!(r.stderr, "", "quiet prints no summary");
}

#[test]
fn bad_arguments_are_usage_errors() {
    let r = run(&["code", "--threads", "0"], b"");
    r.assert_failed();
    let r = run(&["code", "--format", "xml"], b"");
    r.assert_failed();
    r.assert_stderr_has("possible values: jsonl, json, tsv, csv");
}

#[test]
fn reuters_corpus_is_read() {
    let Some(path) = shared_data("news/reuters21578.jsonl") else { return };
    // The first 800 lines: the whole corpus is the benchmark's job.
    let text = std::fs::read_to_string(path).unwrap();
    let lines: Vec<&str> = text.lines().take(800).collect();
    let undated = lines.iter().filter(|l| l.contains(r#""date": null"#)).count();
    let r = run(&["code", "--date", "1987-01-01"], (lines.join("\n") + "\n").as_bytes());
    r.assert_ok();
    r.assert_stderr_has("800 documents");
    let r = run(&["code"], (lines.join("\n") + "\n").as_bytes());
    r.assert_ok();
    r.assert_stderr_has(&format!("{} documents", 800 - undated));
    assert!(!r.events().is_empty());
}

/// A UTF-8 byte-order mark (as Windows editors write) is no content: a JSON Lines file that
/// starts with one is read as JSON Lines, from a file and from standard input, and plain text
/// does not carry it into the document.
#[test]
fn a_byte_order_mark_is_stripped() {
    let input = doc("a", "2022-02-24", GOOD) + &doc("b", "2022-02-24", GOOD);
    let with_bom = [b"\xEF\xBB\xBF".as_slice(), input.as_bytes()].concat();
    let dir = dir_with(&[("news.jsonl", &with_bom)]);
    let plain = run(&["code"], input.as_bytes());
    plain.assert_ok();
    for r in [run(&["code", path_str(&dir.path().join("news.jsonl"))], b""), run(&["code"], &with_bom)] {
        r.assert_ok();
        r.assert_stderr_has("2 documents");
        assert_eq!(r.stdout, plain.stdout, "{r}");
    }
    let text = [b"\xEF\xBB\xBF".as_slice(), GOOD.as_bytes()].concat();
    let r = run(&["code", "--date", "2022-02-24"], &text);
    r.assert_ok();
    let events = r.events();
    assert!(!events.is_empty(), "{r}");
    assert!(events.iter().all(|e| !e["text"].as_str().unwrap().contains('\u{feff}')), "{r}");
}
