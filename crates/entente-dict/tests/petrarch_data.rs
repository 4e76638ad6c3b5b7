//! Reads the real PETRARCH dictionaries from `../shared/data/petrarch` (relative to the
//! repository) and checks counts and entries against the files. Skips, saying so, when the data
//! is absent (a fresh clone); fails then under `CI=true` (see `entente_core::testdata`).

use entente_core::Date;
use entente_dict::{
    read_actors, read_agents, read_discards, read_issues, read_verbs, stats, CodeSpec,
    Dictionaries, Element, Kind,
};
use entente_core::testdata::shared_data;
use std::collections::BTreeSet;

fn data(rel: &str) -> Option<(String, String)> {
    let path = shared_data(&format!("petrarch/{rel}"))?;
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    Some((name, String::from_utf8_lossy(&bytes).into_owned()))
}

fn load(rel: &str, read: fn(&str, &str, &mut Dictionaries)) -> Option<Dictionaries> {
    let (name, text) = data(rel)?;
    let mut d = Dictionaries::default();
    read(&name, &text, &mut d);
    Some(d)
}

fn day(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn code(c: &str) -> CodeSpec {
    CodeSpec { code: Some(c.into()), paired: None }
}

fn skipped_lines(d: &Dictionaries) -> Vec<u32> {
    d.diagnostics.iter().filter(|x| x.skipped).map(|x| x.line).collect()
}

/// Lines of the file that produced at least one pattern.
fn pattern_lines(d: &Dictionaries) -> BTreeSet<u32> {
    d.verbs.iter().flat_map(|b| &b.patterns).map(|p| p.origin.line).collect()
}

#[test]
fn cameo_2_0_verbs() {
    let Some(d) = load("dictionaries/CAMEO.2.0.txt", read_verbs) else { return };
    let s = stats(&d);
    assert_eq!(s.verb_blocks, 397);
    assert_eq!(s.synsets, 40);
    assert_eq!(s.transformations, 8);
    // 4,668 pattern lines: 5 broken ones are skipped and the rest all read; 9 lines offer
    // `A/B` alternatives and expand into 11 extra patterns.
    assert_eq!(skipped_lines(&d), vec![2374, 5787, 7606, 8443, 8444], "{:#?}", d.diagnostics);
    assert_eq!(pattern_lines(&d).len() + 5, 4668);
    assert_eq!(s.patterns, 4668 - 5 + 11);
    assert_eq!(s.warnings, 0, "{:#?}", d.diagnostics);

    let acc = &d.verbs[0];
    assert_eq!(acc.name, "ACCELERATE");
    assert_eq!(acc.code, CodeSpec { code: None, paired: None });
    let hurry = acc.verbs.iter().find(|v| v.words == ["HURRY"]).unwrap();
    assert_eq!(hurry.forms, ["HURRY", "HURRIES", "HURRIED", "HURRYING"]);
    let police = acc.patterns.iter().find(|p| p.code == code("153")).unwrap();
    assert_eq!(
        police.elements,
        [
            Element::Verb,
            Element::Word { text: "POLICE".into(), stem: true },
            Element::Prep { prep: "TO".into(), object: vec![Element::Word { text: "BORDER".into(), stem: true }] },
        ]
    );
    let ask = d.verbs.iter().find(|b| b.name == "ASK").unwrap();
    let ask_for = &ask.verbs[0];
    assert_eq!((ask_for.words.as_slice(), ask_for.head), (&["ASK".to_string(), "FOR".to_string()][..], 0));
    assert!(ask_for.forms.contains(&"ASKED".to_string()));
    assert_eq!(ask_for.code, Some(code("020")));
    // `[:173]`: no event from source to target, only the paired one.
    assert!(d
        .verbs
        .iter()
        .flat_map(|b| &b.patterns)
        .any(|p| p.code == CodeSpec { code: None, paired: Some("173".into()) }));
    assert!(d.synsets["&AUXVERB1"].iter().all(|p| p.words.len() == 1));
    let t = &d.transformations[0];
    assert_eq!((t.source.as_str(), t.target.as_str(), t.code.as_str()), ("a", "b", "015"));
}

#[test]
fn cameo_tabari_verbs() {
    let Some(d) = load("dictionaries/CAMEO.verbpatterns.150430.txt", read_verbs) else { return };
    let s = stats(&d);
    assert_eq!(s.verb_blocks, 396);
    assert_eq!(s.synsets, 38);
    assert_eq!(s.transformations, 0);
    // 11,010 `- ` pattern lines and one written `-- ` (line 12935, read with a warning); 5 lack
    // a valid code ([080!], no code at all).
    assert_eq!(skipped_lines(&d), vec![4075, 5860, 8733, 9258, 12454]);
    assert_eq!(pattern_lines(&d).len() + 5, 11010 + 1);
    assert_eq!(s.patterns, 11010 + 1 - 5);
    let warned: Vec<u32> = d.diagnostics.iter().filter(|x| !x.skipped).map(|x| x.line).collect();
    assert_eq!(warned, vec![8394, 12935]);
    // `SNUB [111] {SNUBS ...}`: forms after the code are read.
    let snub = d.verbs.iter().flat_map(|b| &b.verbs).find(|v| v.words == ["SNUB"]).unwrap();
    assert!(snub.forms.contains(&"SNUBBING".to_string()));
}

#[test]
fn validation_verbs_both_syntaxes() {
    let Some(p2) = load("validation/PETR_Validate_verbs_2_02.txt", read_verbs) else { return };
    let Some(p1) = load("validation/PETR.Validate.verbs.txt", read_verbs) else { return };
    assert!(p2.verbs.iter().flat_map(|b| &b.patterns).any(|p| p.elements.iter().any(|e| matches!(e, Element::Prep { .. }))));
    assert!(p1.verbs.iter().flat_map(|b| &b.patterns).all(|p| p.elements.iter().all(|e| !matches!(e, Element::Prep { .. } | Element::Group(_)))));
    // The suite's deliberately bad codes ([abc], [075A], [102b] ...) are reported.
    let bad: Vec<&str> = p1.diagnostics.iter().filter(|x| x.skipped).map(|x| x.message.as_str()).collect();
    assert!(bad.iter().any(|m| m.contains("\"abc\"")), "{bad:?}");
    assert_eq!(stats(&p2).verb_blocks, 69);
    assert_eq!(stats(&p1).verb_blocks, 261);
    // The embedded synset `+&TIETYPES` expands into the phrases of &TIETYPES.
    let accord = &p2.synsets["&ACCORDSYN"];
    assert!(accord.iter().any(|p| p.words == ["ECONOMIC"]), "{accord:?}");
    let wire = p2.verbs.iter().flat_map(|b| &b.verbs).find(|v| v.words == ["WIRE", "TAP"]).unwrap();
    assert_eq!(wire.head, 1);
}

#[test]
fn phoenix_countries_actors() {
    let Some(d) = load("dictionaries/Phoenix.Countries.actors.txt", read_actors) else { return };
    let s = stats(&d);
    assert_eq!(s.actors, 18_390);
    // 7,527 synonym lines, one of them broken (`+FAEROYENE]_`, line 15346).
    assert_eq!(s.actor_phrases, 18_390 + 7_527 - 1);
    assert_eq!(s.dated_roles, 26_102);
    // The two stray 0x1A bytes: warnings naming their lines; the entries are still read.
    let warnings: Vec<(u32, &str)> = d
        .diagnostics
        .iter()
        .filter(|x| !x.skipped)
        .map(|x| (x.line, x.message.as_str()))
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert_eq!((warnings[0].0, warnings[1].0), (745, 12159));
    assert!(warnings.iter().all(|(_, m)| m.contains("0x1a")));
    assert!(d.actors.iter().any(|a| a.phrases[0].words == ["LIAMINE", "ZROUAL"]));
    // Dates that name no day or no direction: the role is skipped, the actor kept.
    assert_eq!(skipped_lines(&d), vec![2039, 14190, 15346, 18010, 22508, 22519, 31715, 43613, 51384]);

    let putin = d.actors.iter().find(|a| a.phrases[0].words == ["VLADIMIR", "PUTIN"]).unwrap();
    assert_eq!(putin.origin.line, 39559);
    assert_eq!(putin.phrases.len(), 12);
    assert!(!putin.phrases[0].stem);
    assert_eq!(putin.roles.len(), 5);
    assert_eq!(putin.code_on(day("1995-01-01")), Some("RUSELI"));
    assert_eq!(putin.code_on(day("2000-01-01")), Some("RUSGOV"));
    assert_eq!(putin.code_on(day("2015-03-01")), Some("RUSGOV"));
    assert_eq!(putin.roles[3].from, Some(day("2008-05-08")));
    assert_eq!(putin.roles[3].to, None);

    let rouhani = d.actors.iter().find(|a| a.phrases[0].words == ["HASSAN", "ROUHANI"]).unwrap();
    assert_eq!(rouhani.roles[0].code, "IRNGOVLEG");
    assert_eq!((rouhani.roles[0].from, rouhani.roles[0].to), (Some(day("1980-05-28")), Some(day("2000-05-26"))));
    assert!(rouhani.phrases.iter().any(|p| p.words == ["ROUHANI"] && p.stem));

    let afg = &d.actors[0];
    assert_eq!(afg.phrases[0].words, ["AFGHANISTAN"]);
    assert_eq!(afg.code_on(day("2001-01-01")), Some("AFG"));
}

#[test]
fn phoenix_other_actors() {
    let Some(intl) = load("dictionaries/Phoenix.International.actors.txt", read_actors) else { return };
    // 7,840 unindented entries plus one written with a leading tab (line 267).
    assert_eq!(intl.actors.len(), 7_841);
    assert_eq!(skipped_lines(&intl), vec![40]);
    let montas = intl.actors.iter().find(|a| a.phrases[0].words == ["MICHELE", "MONTAS"]).unwrap();
    assert_eq!(montas.roles.len(), 3);
    assert_eq!(montas.code_on(day("2005-01-01")), Some("HTIOPPMED"));
    assert_eq!(montas.code_on(day("2009-01-01")), Some("IGOUNOMED"));
    let Some(mil) = load("dictionaries/Phoenix.MilNonState.actors.txt", read_actors) else { return };
    assert_eq!(mil.actors.len(), 1_021);
    assert!(mil.diagnostics.is_empty(), "{:#?}", mil.diagnostics);
    let Some(val) = load("validation/PETR.Validate.actors.txt", read_actors) else { return };
    assert_eq!(val.actors.len(), 128);
    assert!(val.diagnostics.is_empty(), "{:#?}", val.diagnostics);
    let gollum = val.actors.iter().find(|a| a.phrases[0].words == ["GOLLUM"]).unwrap();
    assert_eq!(gollum.phrases.len(), 4);
    assert_eq!(gollum.code_on(day("1997-01-01")), Some("HOBGOV"));
    let shire = val.actors.iter().find(|a| a.phrases[0].words == ["THE", "SHIRE"]).unwrap();
    assert_eq!(shire.roles[0].code, "FRO/BIL/SAM");
}

#[test]
fn phoenix_agents() {
    let Some(d) = load("dictionaries/Phoenix.agents.txt", read_agents) else { return };
    assert_eq!(d.agents.len(), 2_244);
    assert_eq!(skipped_lines(&d), vec![1927]);
    let warned: Vec<u32> = d.diagnostics.iter().filter(|x| !x.skipped).map(|x| x.line).collect();
    assert_eq!(warned, vec![544]);
    let has = |words: &[&str]| d.agents.iter().any(|a| a.phrases.iter().any(|p| p.words == words));
    assert!(has(&["CATTLEMAN"]) && has(&["CATTLEWOMEN"]), "!PERSON! expanded");
    assert!(has(&["MINISTRIES", "FOR", "AGRICULTURE"]), "!MINIST! expanded");
    assert!(has(&["AGRICULTURALISTS"]), "regular plural");
    assert!(has(&["CHAMBERS", "OF", "COMMERCE"]), "irregular plural");
    assert!(!has(&["CHAMBER", "OF", "COMMERCES"]), "an irregular plural replaces the regular one");
    let ngo = d.agents.iter().filter(|a| !a.suffix).count();
    assert!(ngo > 0 && ngo < 100, "[X~] prefix codes are rare: {ngo}");
    let Some(v) = load("validation/PETR.Validate.agents.txt", read_agents) else { return };
    assert_eq!(v.agents.len(), 88);
    assert!(v.diagnostics.is_empty());
    let congress = v.agents.iter().find(|a| a.phrases[0].words == ["CONGRESS"]).unwrap();
    assert_eq!(congress.phrases[1].words, ["CONGRESSES"]);
}

#[test]
fn phoenix_discards_and_issues() {
    let Some(d) = load("dictionaries/Phoenix.discards.txt", read_discards) else { return };
    assert_eq!(d.discards.len(), 506);
    assert!(d.diagnostics.is_empty());
    assert!(d.discards.iter().any(|x| x.story) && d.discards.iter().any(|x| !x.story));
    let Some(v) = load("validation/PETR_Validate_discards_2_02.txt", read_discards) else { return };
    assert_eq!(v.discards.len(), 9);
    assert_eq!(v.discards.iter().filter(|x| x.story).count(), 4);

    let Some(i) = load("dictionaries/Phoenix.IssueCoding.txt", read_issues) else { return };
    let cats: BTreeSet<&str> = i.issues.iter().map(|x| x.category.as_str()).collect();
    // 52 <ISSUE> blocks; ELECTIONS is empty.
    assert_eq!(cats.len(), 51);
    assert!(!cats.contains("ELECTIONS"));
    assert!(i.issues.iter().any(|x| x.phrase.words == ["kindergartens"] && x.code == "EARLY_CHILDHOOD_EDUCATION"));
    assert!(i.issues.iter().any(|x| x.phrase.words == ["pre-school"]));
    assert!(i.issues.iter().any(|x| x.negative && x.phrase.words == ["financial", "literacy"]));
    assert!(i.issues.iter().any(|x| x.category == "KIDNAP" && x.code == "KIDNAP" && x.phrase.words == ["kidnapped"]));
    assert_eq!(skipped_lines(&i), vec![155, 1162, 1198, 2889, 3053]);
    assert_eq!(i.issues.len(), 4_903);
}

#[test]
fn load_dir_reads_every_dictionary_and_is_fast() {
    let Some(dir) = shared_data("petrarch/dictionaries") else { return };
    let t = std::time::Instant::now();
    let d = Dictionaries::load_dir(&dir).unwrap();
    eprintln!("load_dir(petrarch/dictionaries): {:?}", t.elapsed());
    let s = stats(&d);
    assert_eq!(s.actors, 18_390 + 7_841 + 1_021);
    assert_eq!(s.agents, 2_244);
    assert_eq!(s.verb_blocks, 397 + 396);
    assert_eq!(s.patterns, 4_674 + 11_006);
    assert_eq!(s.discards, 506);
    assert_eq!(s.issues, 4_903);
    // Both verb files define &CURRENCY and friends: merged, with a warning each.
    assert!(s.synsets >= 40);
    // Every skipped entry names its file and line.
    assert!(d.diagnostics.iter().all(|x| x.line > 0 && x.file.contains("/dictionaries/")));
    assert!(entente_dict::detect("CAMEO.2.0.txt", &std::fs::read_to_string(dir.join("CAMEO.2.0.txt")).unwrap()) == Some(Kind::VerbsP2));
}
