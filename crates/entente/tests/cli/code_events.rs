//! `entente code`: the events themselves, in every format, in input order.

use crate::util::*;
use serde_json::Value;

/// A sentence the built-in dictionaries code: France and Germany sign an agreement (CAMEO 05x).
const SIGNED: &str = "France and Germany signed an agreement.";

fn slice<'a>(text: &'a str, span: &Value) -> &'a str {
    let (a, b) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    &text[a..b]
}

#[test]
fn jsonl_events_carry_every_field_and_their_evidence() {
    let input = doc("d1", "2022-02-24", &format!("Nothing to see. {SIGNED}"));
    let r = run(&["code"], input.as_bytes());
    r.assert_ok();
    let events = r.events();
    let e = events
        .iter()
        .find(|e| e["source"] == "FRA" && e["target"] == "DEU")
        .unwrap_or_else(|| panic!("no FRA→DEU event:\n{r}"));
    for field in
        ["doc_id", "sentence", "date", "source", "target", "code", "root", "quad_class", "goldstein", "plover", "text", "spans"]
    {
        assert!(e.get(field).is_some(), "{field} missing from {e}");
    }
    assert_eq!(e["doc_id"], "d1");
    assert_eq!(e["date"], "2022-02-24");
    assert_eq!(e["sentence"], 1, "the second sentence, counted from 0");
    assert_eq!(e["text"], SIGNED);
    let code = e["code"].as_str().unwrap();
    assert!(code.starts_with("05") || code.starts_with("03"), "cooperation, not {code}");
    assert_eq!(e["root"].as_str().unwrap(), &code[..2]);
    assert_eq!(e["quad_class"], 1);
    let text = e["text"].as_str().unwrap();
    assert_eq!(slice(text, &e["spans"]["source"]), "France");
    assert_eq!(slice(text, &e["spans"]["target"]), "Germany");
    assert_eq!(slice(text, &e["spans"]["verb"]), "signed");
    r.assert_stderr_has(&format!("{} events", events.len()));
}

#[test]
fn tsv_and_csv_hold_the_same_events_as_jsonl() {
    let input = doc("d1", "2022-02-24", SIGNED) + &doc("d2", "2022-02-25", "Tabs\there. And a \"quote\", too.");
    let json = run(&["code"], input.as_bytes()).events();
    assert!(!json.is_empty());

    let tsv = run(&["code", "--format", "tsv"], input.as_bytes());
    tsv.assert_ok();
    let rows: Vec<Vec<&str>> = tsv.stdout.lines().skip(1).map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), json.len(), "{tsv}");
    for (row, e) in rows.iter().zip(&json) {
        assert_eq!(row.len(), 22, "{row:?}");
        assert_eq!((row[0], row[3], row[4], row[5]), (
            e["doc_id"].as_str().unwrap(),
            e["source"].as_str().unwrap(),
            e["target"].as_str().unwrap(),
            e["code"].as_str().unwrap()
        ));
        let span = &e["spans"]["source"];
        assert_eq!(row[11], format!("{}-{}", span[0], span[1]));
    }

    let csv = run(&["code", "--format", "csv"], input.as_bytes());
    csv.assert_ok();
    let mut reader = csv::Reader::from_reader(csv.stdout.as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), json.len());
    for (rec, e) in records.iter().zip(&json) {
        assert_eq!(&rec[10], e["text"].as_str().unwrap());
        assert_eq!(&rec[8], e["goldstein"].as_f64().unwrap().to_string());
    }
}

#[test]
fn events_come_out_in_input_order_on_any_number_of_threads() {
    let input: String = (0..1200).map(|i| doc(&format!("d{i:04}"), "2022-02-24", SIGNED)).collect();
    let one = run(&["code", "--threads", "1"], input.as_bytes());
    let four = run(&["code", "-j", "4"], input.as_bytes());
    one.assert_ok();
    four.assert_ok();
    one.assert_stderr_has("1200 documents");
    assert_eq!(one.stdout, four.stdout);
    let ids: Vec<String> = four.events().iter().map(|e| e["doc_id"].as_str().unwrap().to_string()).collect();
    assert!(ids.len() >= 1200, "every document codes");
    assert!(ids.windows(2).all(|w| w[0] <= w[1]), "out of order");
}

#[test]
fn invalid_utf8_is_replaced_in_the_evidence() {
    let input = b"{\"id\":\"b\",\"date\":\"2022-02-24\",\"text\":\"France and Germany signed an agreement at Caf\xe9 Tiv\xf3li.\"}\n";
    let r = run(&["code"], input);
    r.assert_ok();
    r.assert_stderr_has("<stdin>:1: invalid UTF-8");
    let events = r.events();
    assert!(!events.is_empty(), "{r}");
    assert!(events.iter().any(|e| e["text"].as_str().unwrap().ends_with("at Caf\u{FFFD} Tiv\u{FFFD}li.")), "{r}");
}

#[test]
fn plain_text_documents_are_named_after_their_file() {
    let dir = dir_with(&[("paris-talks.txt", SIGNED.as_bytes())]);
    let r = run(&["code", "--date", "2022-02-24", path_str(&dir.path().join("paris-talks.txt"))], b"");
    r.assert_ok();
    let events = r.events();
    assert!(!events.is_empty(), "{r}");
    assert!(events.iter().all(|e| e["doc_id"] == "paris-talks.txt" && e["date"] == "2022-02-24"));
}

#[test]
fn a_closed_pipe_ends_the_run_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let dir = dir_with(&[]);
    let file = dir.path().join("many.jsonl");
    let input: String = (0..20_000).map(|i| doc(&format!("d{i}"), "2022-02-24", SIGNED)).collect();
    std::fs::write(&file, input).unwrap();
    let mut child = entente()
        .args(["code", path_str(&file)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader (and so the pipe) is dropped here, like `entente code | head -1`.
    assert!(first.starts_with('{'), "{first:?}");
    let out = child.wait_with_output().unwrap();
    let r = run_of(out);
    assert_eq!(r.code, Some(0), "{r}");
    assert!(!r.stderr.contains("error") && !r.stderr.contains("panicked"), "{r}");
}

/// JSON Lines output carries what the sentences say beside their events, as records after the
/// document's events; `--no-extract` leaves them out.
#[test]
fn jsonl_carries_extract_records_after_the_events() {
    let input = doc("t1", "2023-05-17", "Iran and Russia signed an agreement. Russia will lend 1.3 billion euros for the 162-km Rasht-Astara railway.");
    let r = run(&["code"], input.as_bytes());
    r.assert_ok();
    let recs = r.records();
    let amount = recs.iter().find(|x| x["record"] == "amount" && x["unit"] == "EUR").unwrap_or_else(|| panic!("no EUR amount: {r}"));
    assert_eq!(amount["value"].as_f64(), Some(1.3e9));
    assert_eq!((amount["doc_id"].as_str(), amount["sentence"].as_u64()), (Some("t1"), Some(1)));
    assert!(recs.iter().any(|x| x["record"] == "thing" && x["name"].as_str().is_some_and(|n| n.contains("Rasht-Astara"))), "{r}");
    // Records come after the document's events.
    let first_record = r.stdout.lines().position(|l| l.contains("\"record\"")).unwrap();
    assert!(r.stdout.lines().take(first_record).all(|l| !l.contains("\"record\"")) && first_record >= r.events().len());
    let bare = run(&["code", "--no-extract"], input.as_bytes());
    assert!(bare.records().is_empty() && bare.events().len() == r.events().len());
}
