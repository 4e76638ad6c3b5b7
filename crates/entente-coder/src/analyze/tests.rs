//! Unit tests of the sentence analysis over a tiny dictionary.

use super::*;
use crate::compile::Compiled;
use entente_dict::{Actor, Agent, Dictionaries, Origin, Phrase, Role, Verb, VerbBlock};

fn dicts() -> Dictionaries {
    let o = Origin { file: "t".into(), line: 1 };
    let ph = |s: &str| Phrase { words: s.split(' ').map(str::to_string).collect(), stem: false };
    let actor =
        |n: &str, c: &str| Actor { phrases: vec![ph(n)], roles: vec![Role { code: c.into(), from: None, to: None }], origin: o.clone() };
    Dictionaries {
        actors: vec![actor("RUSSIA", "RUS"), actor("IRAN", "IRN"), actor("SERGEI LAVROV", "RUSGOV")],
        agents: vec![Agent { phrases: vec![ph("FOREIGN MINISTER"), ph("MEDIA")], code: "GOV".into(), suffix: true, origin: o.clone() }],
        verbs: vec![VerbBlock {
            name: "ATTACK".into(),
            code: CodeSpec { code: Some("190".into()), paired: None },
            verbs: vec![Verb {
                words: vec!["ATTACK".into()],
                head: 0,
                forms: ["ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"].map(String::from).to_vec(),
                code: None,
                origin: o.clone(),
            }],
            patterns: vec![],
            origin: o,
        }],
        ..Dictionaries::default()
    }
}

fn analyse(s: &str) -> (Compiled, Analysis) {
    let c = Compiled::new(&dicts());
    let mut a = Analysis::default();
    a.run(&c, s, Date::new(2024, 1, 1).unwrap());
    (c, a)
}

fn group_codes(a: &Analysis) -> Vec<Vec<String>> {
    a.groups.iter().map(|g| g.members.iter().map(|m| m.code.clone()).collect()).collect()
}

#[test]
fn composes_groups() {
    let (_, a) = analyse("Russia's foreign minister and Iran's media attacked.");
    assert_eq!(group_codes(&a), vec![vec!["RUSGOV".to_string(), "IRNGOV".to_string()]]);
    let (_, a) = analyse("Russian Foreign Minister Sergei Lavrov");
    assert_eq!(group_codes(&a), vec![vec!["RUSGOV".to_string()]], "title before a name adds nothing");
    let (_, a) = analyse("The foreign minister of Russia");
    assert_eq!(group_codes(&a), vec![vec!["RUSGOV".to_string()]]);
    let (_, a) = analyse("the foreign minister");
    assert_eq!(group_codes(&a), vec![Vec::<String>::new()], "an agent alone codes nothing");
}

#[test]
fn tells_verbs_from_nouns() {
    let verbs = |s: &str| analyse(s).1.verbs.len();
    assert_eq!(verbs("Russia attacked Iran."), 1);
    assert_eq!(verbs("The attack on Iran."), 0);
    assert_eq!(verbs("Two attacks on Iran."), 0);
    assert_eq!(verbs("Russia will attack Iran."), 1);
    assert_eq!(verbs("Russia is attacking Iran."), 1);
    assert_eq!(verbs("an air attacking force"), 0);
}

#[test]
fn rejects_with_reasons() {
    let (_, a) = analyse("Russia did not attack Iran.");
    assert_eq!(a.outcomes[0].reject, Some(Reject::Negated("NOT".into())));
    let (_, a) = analyse("Russia might attack Iran.");
    assert_eq!(a.outcomes[0].reject, Some(Reject::Modal("MIGHT".into())));
    let (_, a) = analyse("Iran was attacked.");
    assert_eq!(a.outcomes[0].reject, Some(Reject::PassiveWithoutAgent));
    let (_, a) = analyse("Iran was attacked by Russia.");
    assert_eq!(a.events.len(), 1);
    assert_eq!((a.events[0].source.as_str(), a.events[0].target.as_str()), ("RUS", "IRN"));
}
