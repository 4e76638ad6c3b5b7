//! The built-in dictionaries read cleanly: a broken entry in any `builtin/` file fails here,
//! with the diagnostics printed.

use entente_core::{cameo, ActorCode};
use entente_dict::{stats, Dictionaries, Element};

fn report(d: &Dictionaries) -> String {
    d.diagnostics.iter().map(|x| format!("\n  {x}")).collect()
}

#[test]
fn builtin_has_no_broken_entries() {
    let d = Dictionaries::builtin();
    let skipped = d.diagnostics.iter().filter(|x| x.skipped).count();
    assert_eq!(skipped, 0, "built-in dictionaries have broken entries:{}", report(&d));
    let warnings = d.diagnostics.len() - skipped;
    assert_eq!(warnings, 0, "built-in dictionaries have warnings:{}", report(&d));
}

#[test]
fn builtin_covers_every_kind_and_names_its_files() {
    let d = Dictionaries::builtin();
    let s = stats(&d);
    assert!(s.actors > 0 && s.verb_blocks > 0 && s.patterns > 0 && s.synsets > 0, "{s:?}");
    let files: std::collections::BTreeSet<&str> = d
        .actors
        .iter()
        .map(|a| &*a.origin.file)
        .chain(d.verbs.iter().map(|b| &*b.origin.file))
        .collect();
    assert!(files.contains("builtin:actors/countries.txt"), "{files:?}");
    assert!(files.contains("builtin:verbs.txt"), "{files:?}");
    assert!(files.iter().all(|f| f.starts_with("builtin:")));
}

#[test]
fn builtin_codes_are_well_formed() {
    let d = Dictionaries::builtin();
    let mut bad = Vec::new();
    for a in &d.actors {
        for r in &a.roles {
            if r.code != "---" && ActorCode::parse(&r.code).is_err() {
                bad.push(format!("{}:{}: actor code {}", a.origin.file, a.origin.line, r.code));
            }
        }
    }
    for b in &d.verbs {
        let codes = std::iter::once((&b.code, &b.origin))
            .chain(b.verbs.iter().filter_map(|v| v.code.as_ref().map(|c| (c, &v.origin))))
            .chain(b.patterns.iter().map(|p| (&p.code, &p.origin)));
        for (c, o) in codes {
            for code in [&c.code, &c.paired].into_iter().flatten() {
                if cameo::quad_class(code).is_none() {
                    bad.push(format!("{}:{}: event code {code} outside CAMEO roots 01-20", o.file, o.line));
                }
            }
        }
        for p in &b.patterns {
            let mut stack: Vec<&Element> = p.elements.iter().collect();
            while let Some(e) = stack.pop() {
                match e {
                    Element::Synset(name) if !d.synsets.contains_key(name) => {
                        bad.push(format!("{}:{}: undefined {name}", p.origin.file, p.origin.line))
                    }
                    Element::Prep { object, .. } => stack.extend(object),
                    Element::Group(g) => stack.extend(g),
                    _ => {}
                }
            }
        }
    }
    assert!(bad.is_empty(), "malformed codes in the built-in dictionaries:\n  {}", bad.join("\n  "));
}

#[test]
fn builtin_actor_phrases_are_unique() {
    // The coder keeps the first actor of a phrase: a phrase named again, in the same file or a
    // later one (leaders_1980_1999.txt after leaders.txt), would silently lose its roles. One
    // name for several people (STOLTENBERG_) is one entry with roles by date.
    let d = Dictionaries::builtin();
    let mut first = std::collections::HashMap::new();
    let mut dups = Vec::new();
    for a in &d.actors {
        for p in &a.phrases {
            let here = format!("{}:{}", a.origin.file, a.origin.line);
            if let Some(there) = first.insert((p.words.clone(), p.stem), here.clone()) {
                dups.push(format!("{here}: {} already at {there}", p.words.join("_")));
            }
        }
    }
    assert!(dups.is_empty(), "actor phrases named twice:\n  {}", dups.join("\n  "));
}

#[test]
fn builtin_archive_leaders_are_coded_by_date() {
    // leaders_1980_1999.txt: office holders of archive news (Reuters 1987), and the bare
    // STOLTENBERG_ that names Gerhard (West Germany) until 1992 and Jens (Norway) later.
    let d = Dictionaries::builtin();
    let code = |name: &str, day: &str| {
        let words: Vec<String> = name.split(' ').map(str::to_string).collect();
        let a = d
            .actors
            .iter()
            .find(|a| a.phrases.iter().any(|p| p.words == words))
            .unwrap_or_else(|| panic!("no actor {name}"));
        a.code_on(entente_core::Date::parse(day).unwrap()).map(str::to_string)
    };
    assert_eq!(code("STOLTENBERG", "19870415").as_deref(), Some("DEUGOV"));
    assert_eq!(code("STOLTENBERG", "20100415").as_deref(), Some("NORGOV"));
    assert_eq!(code("STOLTENBERG", "20200415").as_deref(), Some("IGONAT"));
    assert_eq!(code("GERHARD STOLTENBERG", "19870415").as_deref(), Some("DEUGOV"));
    assert_eq!(code("JENS STOLTENBERG", "19870415").as_deref(), Some("NORELI"));
    assert_eq!(code("MIYAZAWA", "19870415").as_deref(), Some("JPNGOV"));
    assert_eq!(code("SHULTZ", "19870415").as_deref(), Some("USAGOV"));
    assert_eq!(code("JAMES A. BAKER", "19870415").as_deref(), Some("USAGOV"));
    assert_eq!(code("REAGAN", "19870415").as_deref(), Some("USAGOV"));
    assert_eq!(code("REAGAN", "19950415").as_deref(), Some("USAELI"));
    assert_eq!(code("MICHAEL HOWARD", "20050415").as_deref(), Some("GBROPP"));
}
