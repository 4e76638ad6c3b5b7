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
