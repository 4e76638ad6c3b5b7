//! `entente guide` and `entente demo` through the binary: the demo on the built-in corpus, and
//! the guide on the real ICEWS daily files (reference data in `../shared/data`; without it that
//! test prints `SKIPPED: ...` and passes, or fails under `CI=true`: see `entente_core::testdata`).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared/data` with its ICEWS daily files; `None` (skipped, or a failure under `CI=true`)
/// when they are absent.
fn shared() -> Option<PathBuf> {
    entente_core::testdata::shared_data("icews/daily")?;
    entente_core::testdata::shared_data("")
}

fn entente(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_entente"))
        .args(args)
        .env_remove("ENTENTE_STORE")
        .output()
        .expect("the entente binary runs")
}

fn ok(args: &[&str]) -> (String, String) {
    let o = entente(args);
    let (out, err) = (String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
    assert!(o.status.success(), "entente {args:?} failed:\n{out}\n{err}");
    (out.into_owned(), err.into_owned())
}

fn fails(args: &[&str]) -> String {
    let o = entente(args);
    assert!(!o.status.success(), "entente {args:?} should fail");
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every section, in order, and no script.
fn check_sections(html: &str) {
    let mut at = 0;
    for (id, title) in entente_report::SECTIONS {
        let tag = format!("<section id=\"{id}\">\n<h2>{title}</h2>");
        let pos = html[at..].find(&tag).unwrap_or_else(|| panic!("section {id} missing or out of order"));
        at += pos;
    }
    assert!(html.contains("<svg"), "no chart");
    assert!(!html.contains("<script"), "a script tag");
}

/// The number after `label` on the demo's summary line, e.g. `RUS–IRN events   165 (...`.
fn figure(out: &str, label: &str) -> u64 {
    let line = out.lines().find(|l| l.trim_start().starts_with(label)).unwrap_or_else(|| panic!("no {label}:\n{out}"));
    line.trim_start()[label.len()..].split_whitespace().next().unwrap().parse().unwrap()
}

mod demo {
    use super::*;

    #[test]
    fn codes_stores_and_writes_the_russia_iran_guide() {
        let dir = tempfile::tempdir().unwrap();
        let out_dir = dir.path().join("demo");
        let (out, _) = ok(&["demo", "-o", out_dir.to_str().unwrap()]);
        let docs = figure(&out, "documents");
        let events = figure(&out, "events");
        let pair = figure(&out, "RUS–IRN events");
        assert!(docs > 100, "{out}");
        assert!(events > 0 && pair > 0 && pair <= events, "{out}");
        assert!(out.contains("top domains") && out.contains("turning points"), "{out}");

        let html = std::fs::read_to_string(out_dir.join("guide-RUS-IRN.html")).unwrap();
        check_sections(&html);
        assert!(html.contains(&format!("<td>Events</td><td class=\"n\">{pair}</td>")), "headline figure");
        // Evidence: quoted sentences with their document ids from the corpus.
        assert!(html.contains("<q>") && html.contains("document s0"), "no cited evidence");
        let md = std::fs::read_to_string(out_dir.join("guide-RUS-IRN.md")).unwrap();
        assert!(md.contains("## Trend and outlook") && md.contains(&format!("**{pair} events**")));

        // What the guide knows beyond counts (issue #10), checked against the corpus by hand:
        // s0185 (2023-06-09) names the Alabuga drone factory; s0181 (2023-05-17) the Rasht-Astara
        // railway of the International North-South Transport Corridor; s0168 (2023-01-30) the
        // link between the two banking systems; s0216 (2024-01-29) says about 60 percent of the
        // two countries' trade is settled in roubles and rials.
        let section = |id: &str| {
            let start = html.find(&format!("<section id=\"{id}\">")).unwrap_or_else(|| panic!("{id}"));
            html[start..start + html[start..].find("</section>").unwrap()].to_string()
        };
        let mil = section("military");
        assert!(mil.contains("<strong>drones</strong>"), "the drones theme in the military section");
        let things = section("things");
        assert!(things.contains("Alabuga drone factory") && things.contains("2023-06-09"), "drone deliveries' factory");
        assert!(things.contains("International North-South Transport Corridor") && things.contains("Rasht-Astara railway"), "the corridor");
        let eco = section("economic");
        assert!(eco.contains("<strong>banking</strong>") && eco.contains("interbank messaging systems"), "the banking link");
        let fig = section("figures");
        assert!(fig.contains("<td>2024-01-29</td><td class=\"n\">60%</td>"), "a trade figure with its date");
        // Its source sentence, quoted and cited by document and index, though it gave no event.
        assert!(fig.contains("already settled in roubles and rials") && fig.contains("document s0216, sentence 2"), "and its source sentence");
        let map = section("map");
        assert!(map.contains("Tehran") && map.contains("Moscow") && map.contains("<circle"), "entente's own event places on the map");

        // Again into the same directory (`--out`, the old spelling of -o, still works): the
        // events are replaced, not added.
        let (again, _) = ok(&["demo", "--out", out_dir.to_str().unwrap()]);
        assert_eq!(figure(&again, "RUS–IRN events"), pair, "{again}");
        // And the store it leaves answers `entente guide`.
        let store = out_dir.join("store");
        let json = dir.path().join("g.json");
        ok(&["guide", "IRN", "RUS", "--store", store.to_str().unwrap(), "--out", json.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(v["totals"]["both"]["events"].as_u64(), Some(pair));
        assert_eq!(v["a"], "IRN");

        // Without -o the guide goes to standard output: Markdown unless --format says otherwise,
        // the same bytes as the file -o writes.
        let s = store.to_str().unwrap();
        let (stdout, err) = ok(&["guide", "IRN", "RUS", "--store", s]);
        assert!(err.contains("wrote the guide to standard output"), "{err}");
        let md = dir.path().join("g.md");
        ok(&["guide", "IRN", "RUS", "--store", s, "-o", md.to_str().unwrap()]);
        assert_eq!(stdout, std::fs::read_to_string(&md).unwrap());
        assert!(stdout.contains("## Trend and outlook"), "{stdout}");
        let (html, _) = ok(&["guide", "IRN", "RUS", "--store", s, "--format", "html"]);
        check_sections(&html);
        let (json, _) = ok(&["guide", "IRN", "RUS", "--store", s, "--format", "json"]);
        let j: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(j["totals"], v["totals"]);
        // --format wins over the extension.
        let txt = dir.path().join("g.txt");
        ok(&["guide", "IRN", "RUS", "--store", s, "--format", "json", "-o", txt.to_str().unwrap()]);
        assert_eq!(std::fs::read_to_string(&txt).unwrap(), json);
        // An extension that is not a guide format is a usage error (exit 2) naming the formats.
        let o = entente(&["guide", "IRN", "RUS", "--store", s, "-o", txt.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("cannot write table") && e.contains("(html, md or json)"), "{e}");
        let pdf = dir.path().join("g.pdf");
        let o = entente(&["guide", "IRN", "RUS", "--store", s, "-o", pdf.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2));
        let e = String::from_utf8_lossy(&o.stderr);
        assert!(e.contains("unknown output format") && e.contains(".html, .md, .json"), "{e}");
        assert!(!pdf.exists());
        let o = entente(&["guide", "IRN", "RUS", "--store", s, "--format", "csv"]);
        assert_eq!(o.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&o.stderr).contains("[possible values: html, md, json]"));

        // A directory whose store holds anything else is left alone.
        let other = dir.path().join("other");
        std::fs::create_dir_all(other.join("store")).unwrap();
        std::fs::write(other.join("store/keep.txt"), "mine").unwrap();
        let o = entente(&["demo", "--out", other.to_str().unwrap()]);
        assert!(!o.status.success());
        assert!(String::from_utf8_lossy(&o.stderr).contains("holds other data"));
        assert!(other.join("store/keep.txt").exists());
    }
}

mod guide {
    use super::*;

    #[test]
    fn russia_iran_from_the_icews_daily_files() {
        let Some(data) = shared() else { return };
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("store");
        let mut files: Vec<String> = std::fs::read_dir(data.join("icews/daily"))
            .unwrap()
            .map(|e| e.unwrap().path().display().to_string())
            .filter(|p| p.ends_with(".tab"))
            .collect();
        files.sort();
        let mut args = vec!["ingest", "icews", "--quiet", "--store", store.to_str().unwrap()];
        args.extend(files.iter().map(String::as_str));
        ok(&args);

        let s = store.to_str().unwrap();
        let range = ["--from", "2018-10-01", "--to", "2019-03-31"];
        let html = dir.path().join("rus-irn.html");
        let (_, err) = ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", html.to_str().unwrap()][..], &range].concat());
        assert!(err.contains("625 RUS–IRN events"), "{err}");
        let h = std::fs::read_to_string(&html).unwrap();
        check_sections(&h);
        assert!(h.contains("<strong>625 events</strong> between Russia and Iran"), "summary figure");
        assert!(h.contains("<td>Events</td><td class=\"n\">625</td>"));
        // Three charts at least: the series, the domains, the third parties.
        assert!(h.matches("<svg").count() >= 3);
        // Cited evidence: ICEWS has no sentences, so events cite actors, code and story id.
        assert!(h.contains("Source: ICEWS document "), "no cited evidence");
        // Where it happened: ICEWS geolocates its events, so the map shows their places.
        let m0 = h.find("<section id=\"map\">").expect("map section");
        let map = &h[m0..m0 + h[m0..].find("</section>").unwrap()];
        assert!(map.contains("<svg") && map.contains("<path d=\"M"), "a map with country outlines");
        assert!(map.matches("<circle").count() >= 3, "the events' places on the map");
        assert!(map.contains("Tehran") || map.contains("Moscow"), "a named place");
        // Six months, October to March.
        assert!(h.contains("<td>2018-10</td>") && h.contains("<td>2019-03</td>") && !h.contains("<td>2019-04</td>"));

        // The same analysis as JSON and Markdown; the directions add up.
        let json = dir.path().join("rus-irn.json");
        ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", json.to_str().unwrap()][..], &range].concat());
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let t = &v["totals"];
        assert_eq!(t["both"]["events"].as_u64(), Some(625));
        assert_eq!(t["a_to_b"]["events"].as_u64().unwrap() + t["b_to_a"]["events"].as_u64().unwrap(), 625);
        let months: u64 = v["series"].as_array().unwrap().iter().map(|p| p["stats"]["both"]["events"].as_u64().unwrap()).sum();
        assert_eq!(months, 625);
        assert_eq!(v["methods"]["datasets"]["icews"].as_u64(), Some(625));
        let placed: u64 = v["knowledge"]["places"].as_array().unwrap().iter().map(|p| p["events"].as_u64().unwrap()).sum();
        assert!(placed > 300 && placed <= 625, "most ICEWS events have coordinates: {placed}");
        assert!(!v["third_parties"]["of_a"].as_array().unwrap().is_empty());
        let md = dir.path().join("rus-irn.md");
        ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", md.to_str().unwrap()][..], &range].concat());
        assert!(std::fs::read_to_string(&md).unwrap().contains("**625 events**"));

        // One a day per (dataset, date, source, target, code) counts fewer or as many.
        let (_, err) = ok(&[&["guide", "RUS", "IRN", "--store", s, "--dedup", "daily", "--out", json.to_str().unwrap()][..], &range].concat());
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        let daily = v["totals"]["both"]["events"].as_u64().unwrap();
        assert!(daily > 0 && daily <= 625, "{err}");
        // Another dataset only: nothing, and the guide says so.
        ok(&[&["guide", "RUS", "IRN", "--store", s, "--dataset", "gdelt", "--out", html.to_str().unwrap()][..], &range].concat());
        assert!(std::fs::read_to_string(&html).unwrap().contains("No events between Russia and Iran"));
    }

    /// Volumes and third parties come from one grouped scan whose rows the guide folds into
    /// per-side figures; seven events whose figures are counted by hand pin that folding: a
    /// domestic event counts once, an event between A and a third country counts for A (as
    /// source or target), an event between two outsiders counts for nobody.
    #[test]
    fn volumes_and_third_parties_counted_by_hand() {
        use entente_core::Event;
        let dir = tempfile::tempdir().unwrap();
        let rows = [
            ("2020-01-05", "RUSGOV", "IRNGOV", "036"), // the pair: volume of both
            ("2020-01-05", "RUSMIL", "SYRGOV", "190"), // RUS–SYR, conflict
            ("2020-01-06", "SYRGOV", "RUSGOV", "036"), // RUS–SYR, cooperation (RUS as target)
            ("2020-01-06", "RUSGOV", "RUSOPP", "111"), // domestic: RUS volume once
            ("2020-01-07", "IRNGOV", "SYRGOV", "036"), // IRN–SYR, cooperation
            ("2020-02-01", "USAGOV", "IRNGOV", "111"), // IRN–USA, conflict (IRN as target)
            ("2020-02-01", "USAGOV", "GBRGOV", "036"), // neither side
        ];
        let mut text = String::new();
        for (i, (date, s, t, code)) in rows.iter().enumerate() {
            let e = Event::new(&format!("d{i}"), 0, date.parse().unwrap(), s, t, code, "A sentence.", Default::default())
                .unwrap();
            text += &serde_json::to_string(&e).unwrap();
            text += "\n";
        }
        let input = dir.path().join("coded.jsonl");
        std::fs::write(&input, text).unwrap();
        let store = dir.path().join("store");
        let s = store.to_str().unwrap();
        ok(&["ingest", "events", "--quiet", "--store", s, input.to_str().unwrap()]);
        let json = dir.path().join("g.json");
        // The range covers February, when the pair had no event (the volumes are summed over
        // the guide's periods).
        let range = ["--from", "2020-01-01", "--to", "2020-02-29"];
        ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", json.to_str().unwrap()][..], &range].concat());
        let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
        assert_eq!(v["totals"]["both"]["events"].as_u64(), Some(1));
        assert_eq!(v["volume"], serde_json::json!([4, 3]), "RUS: rows 1-4; IRN: rows 1, 5, 6");
        let month = |label: &str| v["series"].as_array().unwrap().iter().find(|p| p["period"] == label).cloned();
        let jan = month("2020-01").expect("January");
        assert_eq!((jan["volume_a"].as_u64(), jan["volume_b"].as_u64()), (Some(4), Some(2)));
        let feb = month("2020-02").expect("February");
        assert_eq!((feb["volume_a"].as_u64(), feb["volume_b"].as_u64()), (Some(0), Some(1)));
        let partners = |side: &str| -> Vec<(String, u64, u64, u64)> {
            v["third_parties"][side]
                .as_array()
                .unwrap()
                .iter()
                .map(|p| {
                    let n = |k: &str| p[k].as_u64().unwrap();
                    (p["country"].as_str().unwrap().to_string(), n("events"), n("cooperative"), n("conflict"))
                })
                .collect()
        };
        assert_eq!(partners("of_a"), vec![("SYR".to_string(), 2, 1, 1)]);
        assert_eq!(partners("of_b"), vec![("SYR".to_string(), 1, 1, 0), ("USA".to_string(), 1, 0, 1)]);
        // SYR: RUS in conflict with it (1 of 2) and IRN cooperating — a triad only if RUS's
        // relation counts as conflict; whatever the rule, GBR never appears.
        assert!(!v.to_string().contains("GBR"), "an event between two outsiders counted");
    }

    #[test]
    fn bad_arguments_are_refused_before_any_work() {
        let dir = tempfile::tempdir().unwrap();
        let s = dir.path().join("none");
        let s = s.to_str().unwrap();
        assert!(fails(&["guide", "rus", "IRN", "--store", s]).contains("not an ISO3 country code"));
        assert!(fails(&["guide", "RUS", "IRAN", "--store", s]).contains("not an ISO3 country code"));
        assert!(fails(&["guide", "RUS", "RUS", "--store", s]).contains("two different countries"));
        assert!(fails(&["guide", "RUS", "IRN", "--store", s, "--out", "x.pdf"]).contains("unknown output format"));
        assert!(fails(&["guide", "RUS", "IRN", "--store", s, "--from", "2019-02-01", "--to", "2019-01-01"]).contains("after"));
        assert!(fails(&["guide", "RUS", "IRN", "--store", s, "--dataset", "x'; DROP"]).contains("--dataset"));
        let e = fails(&["guide", "RUS", "IRN", "--store", s, "--dataset", "foo"]);
        assert!(e.contains("--dataset \"foo\": unknown dataset; the valid ones are gdelt, icews, entente"), "{e}");
        assert!(fails(&["guide", "RUS", "IRN", "--store", s]).contains("entente demo"));
    }
}

/// Arguments that name nothing real are errors that name the valid ones, with nothing written;
/// `--out` into a missing folder is an error and creates no folder.
mod guide_arguments {
    use super::*;

    fn store(dir: &Path) -> String {
        use entente_core::Event;
        let mut text = String::new();
        for (i, (s, t)) in [("RUSGOV", "IRNGOV"), ("KSVGOV", "RUSGOV")].iter().enumerate() {
            let e = Event::new(&format!("d{i}"), 0, "2020-01-05".parse().unwrap(), s, t, "036", "A sentence.", Default::default())
                .unwrap();
            text += &(serde_json::to_string(&e).unwrap() + "\n");
        }
        let input = dir.join("coded.jsonl");
        std::fs::write(&input, text).unwrap();
        let store = dir.join("store");
        ok(&["ingest", "events", "--quiet", "--store", store.to_str().unwrap(), input.to_str().unwrap()]);
        store.to_str().unwrap().to_string()
    }

    #[test]
    fn unknown_countries_and_datasets_are_errors_naming_the_valid_ones() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let out = dir.path().join("g.html");
        let o = out.to_str().unwrap();
        let e = fails(&["guide", "RUS", "XYZ", "--store", &s, "--out", o]);
        assert!(e.contains("XYZ is not a country code"), "{e}");
        assert!(e.contains("the valid codes") && e.contains("IRN") && e.contains("ZWE"), "{e}");
        let e = fails(&["guide", "RUS", "IRA", "--store", &s, "--out", o]);
        assert!(e.contains("did you mean") && e.contains("IRN (Iran)"), "{e}");
        let e = fails(&["guide", "RUS", "IRN", "--store", &s, "--dataset", "icews,foo", "--out", o]);
        assert!(e.contains("unknown dataset; the valid ones are gdelt, icews, entente"), "{e}");
        assert!(!out.exists(), "a guide was written");
        // CAMEO's own codes are refused with the ISO code the store holds instead.
        let e = fails(&["guide", "RUS", "KSV", "--store", &s, "--out", o]);
        assert!(e.contains("use XKX"), "{e}");
        assert!(!out.exists());
    }

    /// `guide --out x.json` escapes `<`, `>` and `&` in strings, as the API's JSON does.
    #[test]
    fn json_guides_escape_markup() {
        use entente_core::Event;
        let dir = tempfile::tempdir().unwrap();
        let hostile = "Iran said <script>alert(1)</script> & left.";
        let e = Event::new("d", 0, "2020-01-05".parse().unwrap(), "IRNGOV", "RUSGOV", "036", hostile, Default::default()).unwrap();
        let input = dir.path().join("coded.jsonl");
        std::fs::write(&input, serde_json::to_string(&e).unwrap() + "\n").unwrap();
        let s = dir.path().join("store");
        let s = s.to_str().unwrap();
        ok(&["ingest", "events", "--quiet", "--store", s, input.to_str().unwrap()]);
        let out = dir.path().join("g.json");
        ok(&["guide", "RUS", "IRN", "--store", s, "--min-confidence", "0", "--out", out.to_str().unwrap()]);
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'), "unescaped markup:\n{text}");
        assert!(text.contains(r"\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 left."), "{text}");
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v.to_string().contains(hostile), "the text is intact once parsed");
    }

    #[test]
    fn out_into_a_missing_folder_is_an_error_and_creates_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let s = store(dir.path());
        let out = dir.path().join("missing/deeper/g.html");
        let e = fails(&["guide", "RUS", "IRN", "--store", &s, "--out", out.to_str().unwrap()]);
        assert!(e.contains("does not exist") && e.contains("missing/deeper"), "{e}");
        assert!(!dir.path().join("missing").exists(), "a folder was created");
        // Into an existing folder it works.
        std::fs::create_dir_all(out.parent().unwrap()).unwrap();
        ok(&["guide", "RUS", "IRN", "--store", &s, "--out", out.to_str().unwrap()]);
        assert!(out.exists());
    }
}

/// The guide's confidence threshold: events coded by entente below it are left out, rows with no
/// confidence (ICEWS's, and entente's stored without one) are kept, and the methods say so.
mod confidence {
    use super::*;

    #[test]
    fn low_confidence_coded_events_are_left_out_and_the_methods_say_so() {
        use entente_core::Event;
        let dir = tempfile::tempdir().unwrap();
        let coded = [
            ("2020-01-05", "RUSGOV", "IRNGOV", "036", Some(0.9)),  // kept
            ("2020-01-06", "IRNGOV", "RUSGOV", "111", Some(0.05)), // below 0.3: left out
            ("2020-01-07", "RUSGOV", "IRNGOV", "190", Some(0.1)),  // below 0.3: left out
            ("2020-01-08", "IRNGOV", "RUSGOV", "042", None),       // no confidence: kept
            ("2020-01-09", "RUSGOV", "SYRGOV", "190", Some(0.05)), // not the pair; left out of RUS's volume
        ];
        let mut text = String::new();
        for (i, (date, s, t, code, confidence)) in coded.iter().enumerate() {
            let e = Event::new(&format!("d{i}"), 0, date.parse().unwrap(), s, t, code, "A sentence.", Default::default())
                .unwrap();
            text += &serde_json::to_string(&Event { confidence: *confidence, ..e }).unwrap();
            text += "\n";
        }
        let events = dir.path().join("coded.jsonl");
        std::fs::write(&events, text).unwrap();
        // One ICEWS row between the two: it has no confidence and always counts.
        let icews = dir.path().join("icews.tab");
        std::fs::write(
            &icews,
            "Event ID\tEvent Date\tSource Name\tSource Sectors\tSource Country\tEvent Text\tCAMEO Code\tIntensity\t\
             Target Name\tTarget Sectors\tTarget Country\tStory ID\tSentence Number\tPublisher\tCity\tDistrict\t\
             Province\tCountry\tLatitude\tLongitude\n\
             1\t2020-01-10\tRussia\tGovernment\tRussia\tMake statement\t036\t4.0\tIran\tGovernment\tIran\t42\t1\t\
             Wire\tMoscow\t\t\tRussia\t55.75\t37.62\n",
        )
        .unwrap();
        let store = dir.path().join("store");
        let s = store.to_str().unwrap();
        ok(&["ingest", "events", "--quiet", "--store", s, events.to_str().unwrap()]);
        ok(&["ingest", "icews", "--quiet", "--store", s, icews.to_str().unwrap()]);

        let guide = |extra: &[&str]| -> (serde_json::Value, String, String) {
            let json = dir.path().join("g.json");
            let md = dir.path().join("g.md");
            let range = ["--from", "2020-01-01", "--to", "2020-01-31"];
            let (_, err) = ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", json.to_str().unwrap()][..], &range, extra].concat());
            ok(&[&["guide", "RUS", "IRN", "--store", s, "--out", md.to_str().unwrap()][..], &range, extra].concat());
            let v = serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
            (v, std::fs::read_to_string(&md).unwrap(), err)
        };

        // The default threshold, 0.30: two of the pair's four coded events go; the one without a
        // confidence and the ICEWS row stay.
        let (v, md, err) = guide(&[]);
        assert_eq!(v["totals"]["both"]["events"].as_u64(), Some(3), "{v}");
        assert_eq!(v["methods"]["datasets"], serde_json::json!({"entente": 2, "icews": 1}));
        assert_eq!(v["volume"][0].as_u64(), Some(3), "RUS's low-confidence event with SYR is left out too");
        assert_eq!(v["methods"]["confidence_cut"], serde_json::json!({"min": 0.3, "coded": 4, "left_out": 2}));
        assert!(md.contains("events coded by entente with a confidence below 0.30 are left out (2 of the 4 events"), "{md}");
        assert!(err.contains("left out 2 of the 4 events entente coded"), "{err}");

        // --min-confidence overrides it: 0 keeps everything and says nothing.
        let (v, md, _) = guide(&["--min-confidence", "0"]);
        assert_eq!(v["totals"]["both"]["events"].as_u64(), Some(5));
        assert_eq!(v["volume"][0].as_u64(), Some(6));
        assert!(v["methods"]["confidence_cut"].is_null());
        assert!(!md.contains("confidence below"), "{md}");

        let (v, md, _) = guide(&["--min-confidence", "0.95"]);
        assert_eq!(v["totals"]["both"]["events"].as_u64(), Some(2), "the NULL coded event and the ICEWS row");
        assert!(md.contains("below 0.95 are left out (3 of the 4 events"), "{md}");

        for bad in ["1.5", "abc"] {
            let err = fails(&["guide", "RUS", "IRN", "--store", s, "--min-confidence", bad]);
            assert!(err.contains("--min-confidence") && err.contains("from 0 to 1"), "{err}");
        }
    }
}
