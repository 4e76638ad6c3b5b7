//! Unit tests of the analysis: figures by hand on small fixtures.

use super::*;
use crate::input::Counterpart;

fn d(s: &str) -> Date {
    s.parse().unwrap()
}
fn ev(date: &str, src: &str, tgt: &str, code: &str) -> EventRow {
    EventRow::new(d(date), src, tgt, code).unwrap()
}
fn close(x: Option<f64>, want: f64) -> bool {
    x.is_some_and(|x| (x - want).abs() < 1e-9)
}

/// Four events in January–March 2019, one outside the pair, one outside the range.
fn fixture() -> DyadInput {
    let mut input = DyadInput {
        a: "RUS".into(),
        b: "IRN".into(),
        from: Some(d("2019-01-01")),
        to: Some(d("2019-03-31")),
        dedup: "raw".into(),
        ..Default::default()
    };
    input.events = vec![
        ev("2019-01-05", "RUS", "IRN", "042"), // visit: quad 1, +1.9, diplomatic
        ev("2019-01-20", "IRN", "RUS", "062"), // military cooperation: quad 2, +7.4
        ev("2019-01-20", "RUS", "IRN", "111"), // criticise: quad 3, -2.0, political
        ev("2019-03-02", "RUS", "IRN", "163"), // sanctions: quad 4, -8.0, economic
        ev("2019-02-02", "RUS", "USA", "042"), // not the pair
        ev("2019-04-01", "RUS", "IRN", "042"), // after `to`
    ];
    for (m, a, b) in [("2019-01-15", 100, 100), ("2019-02-15", 50, 50), ("2019-03-15", 200, 0)] {
        input.add_volume("RUS", d(m), a);
        input.add_volume("IRN", d(m), b);
    }
    input
}

#[test]
fn series_shares_and_normalisation_by_hand() {
    let a = analyze(&fixture(), &AnalysisOptions::default()).unwrap();
    let labels: Vec<&str> = a.series.iter().map(|p| p.period.as_str()).collect();
    assert_eq!(labels, ["2019-01", "2019-02", "2019-03"]);

    let jan = &a.series[0].stats;
    assert_eq!(jan.both.events, 3);
    assert_eq!(jan.both.quad, [1, 1, 1, 0]);
    assert_eq!(jan.both.roots.get("04"), Some(&1));
    assert!((jan.both.goldstein_sum - 7.3).abs() < 1e-9); // 1.9 + 7.4 - 2.0
    assert!(close(jan.both.goldstein_mean, 7.3 / 3.0));
    assert!(close(jan.both.cooperative_share, 2.0 / 3.0));
    // 3 events against a combined volume of 100 + 100.
    assert!(close(jan.both.events_per_1000, 15.0));
    assert!(close(jan.both.cooperative_per_1000, 10.0));
    assert!(close(jan.both.conflict_per_1000, 5.0));
    assert!(close(jan.both.goldstein_per_1000, 36.5));
    assert_eq!(jan.a_to_b.events, 2);
    assert!(close(jan.a_to_b.cooperative_share, 0.5));
    assert!(close(jan.a_to_b.events_per_1000, 10.0));
    assert_eq!(jan.b_to_a.quad, [0, 1, 0, 0]);

    let feb = &a.series[1].stats.both;
    assert_eq!(feb.events, 0);
    assert_eq!(feb.cooperative_share, None);
    assert!(close(feb.events_per_1000, 0.0));
    let mar = &a.series[2];
    assert_eq!((mar.volume_a, mar.volume_b), (200, 0));
    assert!(close(mar.stats.both.events_per_1000, 5.0));
    assert!(close(mar.stats.both.cooperative_share, 0.0));

    // Totals: 4 events, volume 500 over the three months.
    assert_eq!(a.volume, (350, 150));
    assert_eq!(a.totals.both.events, 4);
    assert_eq!((a.totals.a_to_b.events, a.totals.b_to_a.events), (3, 1));
    assert!(close(a.totals.both.events_per_1000, 8.0));
    assert!(close(a.totals.both.goldstein_mean, -0.7 / 4.0));
    assert!(close(a.totals.both.cooperative_share, 0.5));
    assert_eq!((a.first_event, a.last_event), (Some(d("2019-01-05")), Some(d("2019-03-02"))));
    assert_eq!(a.methods.datasets.get("entente"), Some(&4));
}

#[test]
fn domains_and_fault_lines() {
    let a = analyze(&fixture(), &AnalysisOptions::default()).unwrap();
    let count = |d: Domain| a.domains.iter().find(|s| s.domain == d).unwrap();
    for d in [Domain::Military, Domain::Diplomatic, Domain::Political, Domain::Economic] {
        assert_eq!(count(d).stats.both.events, 1, "{d:?}");
        assert!((count(d).share - 0.25).abs() < 1e-12);
    }
    assert_eq!(count(Domain::Legal).stats.both.events, 0);
    assert_eq!(count(Domain::Economic).top_codes[0].code, "163");
    assert_eq!(count(Domain::Military).examples[0].code, "062");

    // Half the events are cooperative: a cooperative relationship, whose fault lines are
    // the two conflict events.
    let f = &a.fault_lines;
    assert_eq!(f.character, Character::Cooperative);
    assert_eq!(f.events, 2);
    assert!(close(f.share, 0.5));
    assert_eq!(f.groups.len(), 2);
    // Equal size: the more intense group (sanctions, -8) first.
    assert_eq!((f.groups[0].period.as_str(), f.groups[0].domain), ("2019-03", Domain::Economic));
    assert_eq!(f.groups[0].examples[0].code, "163");
    assert_eq!((f.groups[1].period.as_str(), f.groups[1].domain), ("2019-01", Domain::Political));
}

#[test]
fn weekly_and_daily_granularity() {
    let mut input = fixture();
    input.granularity = Granularity::Week;
    input.volume_a.clear();
    input.volume_b.clear();
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    // 2018-12-31 (a Monday) to the week of 2019-03-25: 13 weeks.
    assert_eq!(a.series.len(), 13);
    assert_eq!(a.series[0].period, "2018-12-31");
    let w = a.series.iter().find(|p| p.period == "2019-01-14").unwrap();
    assert_eq!(w.stats.both.events, 2); // both on the 20th
    assert_eq!(w.stats.both.events_per_1000, None); // no volume given
    input.granularity = Granularity::Day;
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.series.len(), 90);
}

#[test]
fn a_step_in_cooperation_is_a_turning_point() {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    for m in 1..=12u8 {
        let day = format!("2019-{m:02}-10");
        if m <= 6 {
            for _ in 0..4 {
                input.events.push(ev(&day, "RUS", "IRN", "042"));
            }
        } else {
            input.events.push(ev(&day, "RUS", "IRN", "042"));
            for _ in 0..4 {
                input.events.push(ev(&day, "IRN", "RUS", "111"));
            }
        }
    }
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.series.len(), 12);
    // Share 1.0 for six months, then 1/5: one turning point in July. Volume goes from 4 to
    // 5 a month: sqrt scale 2.09 → 2.32, SSE 0.155 / 0.25² = 2.5 < 2 ln 12 = 5.0, no change.
    assert_eq!(a.turning_points.len(), 1, "{:?}", a.turning_points);
    let t = &a.turning_points[0];
    assert_eq!(t.series, TrendSeries::CooperativeShare);
    assert_eq!((t.period.as_str(), t.date), ("2019-07", d("2019-07-01")));
    assert!((t.before - 1.0).abs() < 1e-12 && (t.after - 0.2).abs() < 1e-12);
    assert_eq!((t.before_from.as_str(), t.after_to.as_str()), ("2019-01", "2019-12"));
    // Political events went from 0 to 4 a month, diplomatic from 4 to 1.
    let s = t.domain_shift.as_ref().unwrap();
    assert_eq!((s.domain, s.before, s.after), (Domain::Political, 0.0, 4.0));
}

#[test]
fn near_duplicate_reports_are_one_key_event() {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    let with = |text: Option<&str>, doc: &str| {
        let mut e = ev("2019-05-06", "RUS", "IRN", "190");
        e.text = text.map(String::from);
        e.document = Some(doc.into());
        e
    };
    input.events = vec![
        with(Some("Russian jets struck the base on Monday."), "d1"),
        // 7 shared words of 8: Jaccard 0.875, the same event.
        with(Some("Russian jets struck the base on Monday, AP"), "d2"),
        with(Some("An unrelated sentence about grain exports."), "d3"),
        // Rows without text (ICEWS) with one key: one event.
        with(None, "s1"),
        with(None, "s2"),
        // Another day: another event, whatever the text.
        {
            let mut e = with(Some("Russian jets struck the base on Monday."), "d4");
            e.date = d("2019-05-07");
            e
        },
    ];
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    assert_eq!(a.totals.both.events, 6); // the series counts every row
    assert_eq!(a.methods.distinct_events, 4);
    let k = &a.key_events;
    assert_eq!(k.len(), 4);
    // Two reports: 10 + 3 ln 2 = 12.08 beats one report's 10. Of the two merged clusters
    // the one with text ranks first only by date order (both 12.08): same date, so by row.
    assert!((k[0].salience - (10.0 + 3.0 * 2f64.ln())).abs() < 1e-9);
    assert_eq!(k[0].reports, 2);
    assert_eq!(k[0].documents, ["d1", "d2"]);
    assert_eq!(k[0].text.as_deref(), Some("Russian jets struck the base on Monday."));
    assert_eq!((k[1].reports, k[1].text.as_deref()), (2, None));
    assert_eq!(k[1].documents, ["s1", "s2"]);
    // Then the single reports, newest first.
    assert_eq!((k[2].date, k[2].reports), (d("2019-05-07"), 1));
    assert_eq!(k[3].document.as_deref(), Some("d3"));
    assert_eq!(k[0].code_name, "Use conventional military force, not specified below");
    assert_eq!(k[0].domain, Domain::Military);
}

#[test]
fn third_parties_and_divergent_triads() {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    let c = |side: &str, country: &str, q: u8, n: u64| Counterpart {
        side: side.into(),
        country: country.into(),
        quad_class: q,
        events: n,
        goldstein_sum: n as f64 * if q <= 2 { 3.0 } else { -5.0 },
    };
    input.counterparts = vec![
        c("RUS", "CHN", 1, 8), c("RUS", "CHN", 4, 2), // 10 events, 80 % cooperative
        c("IRN", "CHN", 1, 2), c("IRN", "CHN", 3, 3), c("IRN", "CHN", 4, 3), // 75 % conflict
        c("RUS", "USA", 1, 2), c("RUS", "USA", 3, 2), // 4 events: below the minimum of 5
        c("IRN", "USA", 4, 10),
        c("RUS", "TUR", 1, 5), c("IRN", "TUR", 2, 6), // both cooperative
        c("RUS", "IRN", 1, 99), // the pair itself is not a third party
    ];
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    let t = &a.third_parties;
    let names = |v: &[Partner]| v.iter().map(|p| (p.country.clone(), p.events)).collect::<Vec<_>>();
    assert_eq!(names(&t.of_a), [("CHN".into(), 10), ("TUR".into(), 5), ("USA".into(), 4)]);
    assert_eq!(names(&t.of_b), [("USA".into(), 10), ("CHN".into(), 8), ("TUR".into(), 6)]);
    assert_eq!(t.of_a[0].cooperative, 8);
    assert!((t.of_a[0].goldstein_sum - 14.0).abs() < 1e-9); // 8·3 − 2·5
    assert_eq!(t.triads.len(), 1);
    let x = &t.triads[0];
    assert_eq!((x.country.as_str(), x.cooperating.as_str(), x.conflicting.as_str()), ("CHN", "RUS", "IRN"));
    assert!((x.cooperating_relation.cooperative_share - 0.8).abs() < 1e-12);
    assert!((x.conflicting_relation.cooperative_share - 0.25).abs() < 1e-12);
}

#[test]
fn bad_input_is_refused() {
    let mut input = fixture();
    input.b = "RUS".into();
    assert!(analyze(&input, &AnalysisOptions::default()).is_err());
    let mut input = fixture();
    input.a = "ru".into();
    assert!(analyze(&input, &AnalysisOptions::default()).is_err());
    let mut input = fixture();
    input.from = Some(d("2020-01-01"));
    assert!(analyze(&input, &AnalysisOptions::default()).is_err());
    let mut input = fixture();
    input.granularity = Granularity::Day;
    input.from = Some(d("1900-01-01"));
    assert!(matches!(analyze(&input, &AnalysisOptions::default()), Err(Error::Input(m)) if m.contains("10000")));
    // No events and no range: an empty analysis, not an error.
    let empty = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    let a = analyze(&empty, &AnalysisOptions::default()).unwrap();
    assert!(a.series.is_empty() && a.key_events.is_empty());
    assert_eq!(a.fault_lines.character, Character::Unknown);
    assert!(serde_json::to_string(&a).is_ok());
}
