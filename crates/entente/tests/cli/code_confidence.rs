//! `entente code`: every event's confidence, in every format, and `--min-confidence`.

use crate::util::*;

/// Sentences the built-in dictionaries code, some surer than others.
const NEWS: &str = "France and Germany signed an agreement. Russia attacked Ukraine. \
    Iranian officials met Chinese diplomats in Beijing. The president of Brazil criticized \
    Argentina, the ministry said.";

fn input() -> String {
    doc("d1", "2022-02-24", NEWS) + &doc("d2", "2022-02-25", "Turkey threatened Syria.")
}

/// The confidence of every JSON Lines event.
fn confidences(r: &Run) -> Vec<f64> {
    r.events()
        .iter()
        .map(|e| {
            e["confidence"]
                .as_f64()
                .unwrap_or_else(|| panic!("no numeric confidence in {e}"))
        })
        .collect()
}

#[test]
fn every_event_has_a_confidence_from_0_to_1_to_three_decimals() {
    let r = run(&["code"], input().as_bytes());
    r.assert_ok();
    let c = confidences(&r);
    assert!(c.len() >= 3, "too few events to test with:\n{r}");
    for x in &c {
        assert!((0.0..=1.0).contains(x), "{x}");
        assert!(
            ((x * 1000.0).round() - x * 1000.0).abs() < 1e-6,
            "{x} has more than 3 decimals"
        );
    }
}

#[test]
fn tsv_and_csv_end_with_a_confidence_column() {
    // The confidence column, then the event's place (place, place_country, lat, lon), then the
    // spans in characters.
    let json = confidences(&run(&["code"], input().as_bytes()));
    for (format, sep) in [("tsv", '\t'), ("csv", ',')] {
        let r = run(&["code", "--format", format], input().as_bytes());
        r.assert_ok();
        let mut lines = r.stdout.lines();
        assert!(
            lines.next().unwrap().ends_with(&format!(
                "{sep}confidence{sep}place{sep}place_country{sep}lat{sep}lon{sep}source_char_span{sep}target_char_span{sep}verb_char_span"
            )),
            "{r}"
        );
        let col: Vec<f64> = lines
            .map(|l| {
                let v = l.rsplit(sep).nth(7).unwrap();
                assert_eq!(v.len(), 5, "{v:?} is not written to 3 decimals");
                v.parse().unwrap()
            })
            .collect();
        assert_eq!(col, json, "{format}");
    }
}

#[test]
fn min_confidence_drops_the_events_below_it_and_says_how_many() {
    let all = confidences(&run(&["code"], input().as_bytes()));
    let n = all.len();

    let r = run(&["code", "--min-confidence", "0"], input().as_bytes());
    r.assert_ok();
    assert_eq!(confidences(&r), all, "0 drops nothing");
    r.assert_stderr_has("dropped 0 events below confidence 0");

    let r = run(&["code", "--min-confidence", "1.0"], input().as_bytes());
    r.assert_ok();
    assert!(r.events().is_empty(), "1 drops every event (the extract records stay): {r}");
    r.assert_stderr_has(&format!("dropped {n} events below confidence 1"));

    // A threshold between the lowest and the highest keeps exactly the events at or above it.
    let (lo, hi) = all
        .iter()
        .fold((1.0f64, 0.0f64), |(l, h), &x| (l.min(x), h.max(x)));
    assert!(lo < hi, "every event has the same confidence: {all:?}");
    let mid = format!("{:.3}", (lo + hi) / 2.0);
    let x: f64 = mid.parse().unwrap();
    let r = run(&["code", "--min-confidence", &mid], input().as_bytes());
    r.assert_ok();
    let kept = confidences(&r);
    let expected: Vec<f64> = all.iter().copied().filter(|c| *c >= x).collect();
    assert_eq!(kept, expected);
    r.assert_stderr_has(&format!("dropped {} ", n - kept.len()));
}

#[test]
fn a_min_confidence_outside_0_to_1_or_not_a_number_is_an_error() {
    for bad in ["1.5", "abc", "-0.1", "NaN"] {
        let arg = format!("--min-confidence={bad}");
        let r = run(&["code", &arg], input().as_bytes());
        r.assert_failed();
        r.assert_stderr_has("--min-confidence");
        r.assert_stderr_has("expected a number from 0 to 1");
        assert_eq!(r.stdout, "", "{bad}");
    }
}
