//! The guide rendered from small analyses whose figures are known by hand.

use entente_analytics::{analyze, AnalysisOptions, Counterpart, DyadAnalysis, DyadInput, EventRow};
use entente_report::{html, json, markdown, Format, SECTIONS};

fn ev(date: &str, src: &str, tgt: &str, code: &str, text: &str, doc: &str) -> EventRow {
    let mut e = EventRow::new(date.parse().unwrap(), src, tgt, code).unwrap();
    e.text = Some(text.into());
    e.document = Some(doc.into());
    e
}

const VISITS: [&str; 4] = [
    "Lavrov visited Tehran.",
    "A Russian delegation arrived in Iran for trade talks.",
    "Moscow sent its deputy energy minister to Iran.",
    "The Duma speaker travelled to Tehran on Monday.",
];
const CRITICISMS: [&str; 4] = [
    "Iran criticised Russia over the grain deal.",
    "Tehran denounced Moscow's vote at the Security Council.",
    "An Iranian official condemned Russian pricing of gas.",
    "Iranian lawmakers attacked the Kremlin for delays at Bushehr.",
];

/// Twelve months: January–June four visits a month (RUS→IRN), July–December one visit and
/// four criticisms (IRN→RUS) a month. 54 events: 30 cooperative, 24 conflict.
fn step() -> DyadAnalysis {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), dedup: "raw".into(), ..Default::default() };
    for m in 1..=12u8 {
        let day = format!("2019-{m:02}-10");
        let visits = if m <= 6 { 4 } else { 1 };
        for (i, text) in VISITS.iter().take(visits).enumerate() {
            input.events.push(ev(&day, "RUS", "IRN", "042", text, &format!("d{m}-{i}")));
        }
        if m > 6 {
            for (i, text) in CRITICISMS.iter().enumerate() {
                input.events.push(ev(&day, "IRN", "RUS", "111", text, &format!("c{m}-{i}")));
            }
        }
        input.add_volume("RUS", format!("2019-{m:02}-01").parse().unwrap(), 500);
        input.add_volume("IRN", format!("2019-{m:02}-01").parse().unwrap(), 500);
    }
    input.counterparts = vec![
        Counterpart { side: "RUS".into(), country: "CHN".into(), quad_class: 1, events: 9, goldstein_sum: 27.0 },
        Counterpart { side: "RUS".into(), country: "CHN".into(), quad_class: 4, events: 1, goldstein_sum: -10.0 },
        Counterpart { side: "IRN".into(), country: "CHN".into(), quad_class: 3, events: 6, goldstein_sum: -12.0 },
    ];
    analyze(&input, &AnalysisOptions::default()).unwrap()
}

#[test]
fn every_section_is_there_in_html_and_markdown() {
    let a = step();
    let h = html(&a);
    let m = markdown(&a);
    assert!(h.starts_with("<!DOCTYPE html>") && h.trim_end().ends_with("</html>"));
    for (id, title) in SECTIONS {
        assert!(h.contains(&format!("<section id=\"{id}\">\n<h2>{title}</h2>")), "{id}");
        assert!(m.contains(&format!("\n## {title}\n")), "{title}");
    }
    // Three charts: the timeline, domains, and one side's partners (the other has one too).
    assert_eq!(h.matches("<svg").count(), 4, "timeline, domains, partners of RUS and of IRN");
    assert!(!h.contains("<script") && !h.contains("javascript:"));
    assert!(h.contains("@media print"));
    assert!(!m.contains("<svg"));
}

#[test]
fn figures_match_the_analysis() {
    let a = step();
    assert_eq!(a.totals.both.events, 54);
    let h = html(&a);
    let m = markdown(&a);
    for doc in [&h, &m] {
        // Summary: 54 events, 24 + 6 = 30 RUS→IRN, 24 IRN→RUS; 30/54 = 55.6 % cooperative.
        assert!(doc.contains("54 events"), "{doc}");
        assert!(doc.contains("30 from Russia towards Iran and 24 from Iran towards Russia"));
        assert!(doc.contains("55.6%"));
        // 54 events against 12 × 1,000 of volume: 4.50 per 1,000.
        assert!(doc.contains("4.50 of every 1,000 events"));
        // The turning point: cooperative share 100 % → 20 % from 2019-07.
        assert!(doc.contains("T1, 2019-07"), "{doc}");
        assert!(doc.contains("fell from 100.0% (average since 2019-01) to 20.0% (average through 2019-12)"));
        assert!(doc.contains("political/verbal events, 0.0 → 4.0 per month"));
        // Fault lines: the 24 criticisms, 44.4 % of all.
        assert!(doc.contains("mostly cooperative (55.6% of events)"));
        assert!(doc.contains("44.4% of all"));
        // Triad: China, courted by Russia (90 %), in conflict with Iran (100 %).
        assert!(doc.contains("Russia cooperates with it (90.0% of 10 events cooperative) while Iran is in conflict with it (100.0% of 6 events conflict)"), "{doc}");
        // Military: none, said so.
        assert!(doc.contains("No military events between Russia and Iran were recorded from 2019-01-10 to 2019-12-10."));
        // Evidence is cited with its document.
        assert!(doc.contains("document d"), "{doc}");
    }
    // Headline table in HTML.
    assert!(h.contains("<td>Events</td><td class=\"n\">54</td>"));
    assert!(h.contains("<td>Turning points</td><td class=\"n\">1</td>"));
}

#[test]
fn untrusted_text_is_escaped() {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    let mut e = ev(
        "2019-05-06",
        "RUS",
        "IRN",
        "190",
        "Troops <script>alert(1)</script> crossed; see [x](javascript:alert(2)) *now*",
        "javascript:alert(3)",
    );
    e.source_name = Some("<img src=x onerror=alert(4)>".into());
    input.events.push(e);
    input.events.push(ev("2019-05-07", "IRN", "RUS", "042", "A visit \"quoted\" & more", "https://example.com/a?b=1&c=<2>"));
    input.events.push(ev("2019-05-08", "IRN", "RUS", "042", "Another visit.", "https://example.com/ok?x=1&y=2"));
    input.provenance = vec!["store </p><script>alert(5)</script>".into()];
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();

    let h = html(&a);
    assert!(!h.contains("<script"), "raw script tag in HTML");
    assert!(!h.contains("<img"), "raw img tag in HTML");
    assert!(!h.contains("href=\"javascript"));
    assert!(h.contains("Troops &lt;script&gt;alert(1)&lt;/script&gt; crossed"));
    assert!(h.contains("&lt;img src=x onerror=alert(4)&gt;"));
    assert!(h.contains("A visit &quot;quoted&quot; &amp; more"));
    // A URL with angle brackets is not a link; a clean one is, with & escaped.
    assert!(!h.contains("href=\"https://example.com/a?b=1"));
    assert!(h.contains("<a href=\"https://example.com/ok?x=1&amp;y=2\""));

    let m = markdown(&a);
    assert!(!m.contains("<script") && !m.contains("<img"), "raw tag in Markdown");
    assert!(m.contains(r"Troops &lt;script&gt;alert(1)&lt;/script&gt; crossed; see \[x\](javascript:alert(2)) \*now\*"), "{m}");
    assert!(m.contains("<https://example.com/ok?x=1&y=2>"));
    assert!(!m.replace("\\]", "").contains("](javascript"), "an unescaped link");

    // JSON keeps the text as data, with <, > and & escaped as \u003c, \u003e, \u0026 (what the
    // OpenAPI document promises for the API's JSON), so no markup survives into it.
    let j = json(&a);
    assert!(!j.contains('<') && !j.contains('>') && !j.contains('&'), "raw markup characters in JSON");
    assert!(j.contains(r"Troops \u003cscript\u003ealert(1)\u003c/script\u003e crossed"), "{j}");
    assert!(j.contains(r#"A visit \"quoted\" \u0026 more"#));
    assert!(j.starts_with("{\n  \""), "still pretty-printed");
    let back: DyadAnalysis = serde_json::from_str(&j).unwrap();
    assert_eq!(back, a);
}

#[test]
fn an_empty_analysis_still_has_every_section() {
    let input = DyadInput { a: "USA".into(), b: "CUB".into(), from: Some("2020-01-01".parse().unwrap()), to: Some("2020-03-31".parse().unwrap()), ..Default::default() };
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    let h = html(&a);
    for (id, _) in SECTIONS {
        assert!(h.contains(&format!("<section id=\"{id}\">")));
    }
    assert!(h.contains("No events between The United States and Cuba") || h.contains("No events between the United States and Cuba"));
    assert!(h.contains("The United States and Cuba: a media guide"));
}

#[test]
fn format_from_extension() {
    use std::path::Path;
    assert_eq!(Format::from_path(Path::new("g.HTML")), Some(Format::Html));
    assert_eq!(Format::from_path(Path::new("g.md")), Some(Format::Markdown));
    assert_eq!(Format::from_path(Path::new("g.json")), Some(Format::Json));
    assert_eq!(Format::from_path(Path::new("g.pdf")), None);
    assert_eq!(Format::from_path(Path::new("g")), None);
}

#[test]
fn methods_state_the_confidence_threshold_when_there_was_one() {
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    input.events.push(ev("2019-05-07", "IRN", "RUS", "042", "A visit.", "d1"));
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    assert!(!markdown(&a).contains("Confidence:"), "no threshold, no sentence");

    input.confidence_cut = Some(entente_analytics::ConfidenceCut { min: 0.2, coded: 1234, left_out: 56 });
    let a = analyze(&input, &AnalysisOptions::default()).unwrap();
    let sentence = "events coded by entente with a confidence below 0.20 are left out (56 of the 1,234 events";
    assert!(markdown(&a).contains(sentence), "{}", markdown(&a));
    assert!(html(&a).contains(sentence));
    let back: DyadAnalysis = serde_json::from_str(&json(&a)).unwrap();
    assert_eq!(back.methods.confidence_cut, input.confidence_cut);
}

/// The knowledge a guide carries beyond counts (issue #10), from hand-made extracts.
fn with_knowledge(hostile: bool) -> DyadAnalysis {
    use entente_analytics::knowledge::{AmountFact, Cite, PlaceFact, QuoteFact, ThemeFact, ThingFact};
    let cite = |d: &str, doc: &str, text: &str| Cite { date: d.parse().unwrap(), doc_id: doc.into(), sentence: 1, text: Some(text.into()) };
    let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
    input.events.push(ev("2023-01-30", "IRN", "RUS", "0211", "Iran and Russia connected their banking systems.", "bank-1"));
    input.events.push(ev("2023-05-17", "RUS", "IRN", "057", "Russia and Iran signed the Rasht-Astara railway deal.", "rail-1"));
    let k = &mut input.knowledge;
    for (d, doc) in [("2022-08-10", "dr-1"), ("2022-10-01", "dr-2"), ("2023-02-01", "dr-3"), ("2023-03-01", "dr-4"), ("2023-04-01", "dr-5")] {
        k.themes.push(ThemeFact { cite: cite(d, doc, "Iran delivered Shahed drones to Russia."), theme: "military.drones".into(), domain: "military".into() });
        k.things.push(ThingFact { cite: cite(d, doc, "Iran delivered Shahed drones to Russia."), name: "Shahed-136".into(), category: "weapon".into() });
    }
    k.themes.push(ThemeFact { cite: cite("2023-01-30", "bank-1", "Iran and Russia connected their banking systems."), theme: "economic.banking".into(), domain: "economic".into() });
    k.amounts.push(AmountFact {
        cite: cite("2023-04-01", "trade-1", "Trade between Russia and Iran reached $4.96 billion, up 20%."),
        surface: "$4.96 billion".into(),
        value: 4.96e9,
        unit: "USD".into(),
        kind: "money".into(),
    });
    let speaker = if hostile { "<img src=x onerror=alert(1)>" } else { "Sergei Lavrov" };
    let words = if hostile { "</q><script>alert(2)</script>" } else { "Our banks are now linked." };
    k.quotes.push(QuoteFact { cite: cite("2023-02-01", "q-1", words), speaker: speaker.into(), speaker_code: Some("RUSGOV".into()), quote: words.into() });
    let place = if hostile { "<script>alert(3)</script>" } else { "Astara" };
    k.places.push(PlaceFact { name: place.into(), country: Some("IRN".into()), lat: 38.43, lon: 48.87, dataset: "entente".into(), events: 3 });
    k.places.push(PlaceFact { name: "Moscow".into(), country: Some("RUS".into()), lat: 55.75, lon: 37.62, dataset: "icews".into(), events: 5 });
    analyze(&input, &AnalysisOptions::default()).unwrap()
}

#[test]
fn the_guide_names_themes_figures_things_voices_and_places() {
    let a = with_knowledge(false);
    let h = html(&a);
    let m = markdown(&a);
    let section = |id: &str| {
        let start = h.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("{id}"));
        let end = h[start..].find("</section>").unwrap() + start;
        h[start..end].to_string()
    };
    let mil = section("military");
    assert!(mil.contains("drones") && mil.contains("2022-08-10 to 2023-04-01"), "theme with first and last date in its domain: {mil}");
    assert!(section("economic").contains("banking"));
    let fig = section("figures");
    assert!(fig.contains("4.96 billion USD") && fig.contains("2023-04-01") && fig.contains("reached $4.96 billion"), "a trade figure with its date and sentence");
    let things = section("things");
    assert!(things.contains("Shahed-136") && things.contains("2022-08-10"), "first mention");
    let voices = section("voices");
    assert!(voices.contains("Sergei Lavrov (RUSGOV)") && voices.contains("Our banks are now linked."));
    assert!(voices.contains("No quotation of an actor of Iran"));
    let map = section("map");
    assert!(map.contains("<svg") && map.contains("<circle") && map.contains("Astara"), "the map shows the places");
    // Markdown carries the same facts (the map as its table).
    for fact in ["4.96 billion USD", "Shahed-136", "Our banks are now linked.", "Astara", "drones"] {
        assert!(m.contains(fact), "{fact} in Markdown");
    }
    // JSON carries them as data.
    let j: serde_json::Value = serde_json::from_str(&json(&a)).unwrap();
    assert_eq!(j["knowledge"]["figures"][0]["value"], 4.96e9);
    assert_eq!(j["knowledge"]["places"][0]["name"], "Moscow");
}

#[test]
fn hostile_quotes_and_place_names_are_escaped() {
    let a = with_knowledge(true);
    let h = html(&a);
    assert!(!h.contains("<script") && !h.contains("<img"), "raw tag in HTML");
    assert!(h.contains("&lt;/q&gt;&lt;script&gt;alert(2)&lt;/script&gt;"));
    assert!(h.contains("&lt;script&gt;alert(3)&lt;/script&gt;"), "place name escaped in the map and its table");
    let m = markdown(&a);
    assert!(!m.contains("<script") && !m.contains("<img"), "raw tag in Markdown");
}
