//! Counts over a [`Dictionaries`]: how much there is, and how well each CAMEO root is covered.

use crate::model::{CodeSpec, Dictionaries};
use entente_core::cameo;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// What a set of dictionaries holds. Serialises to JSON for `entente dict stats --format json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Actor entries.
    pub actors: usize,
    /// Names of actors, synonyms included.
    pub actor_phrases: usize,
    /// Roles of actors.
    pub roles: usize,
    /// Roles with a date restriction.
    pub dated_roles: usize,
    /// Agent entries (one per code).
    pub agents: usize,
    /// Names of agents, generated plurals included.
    pub agent_phrases: usize,
    /// Verb blocks.
    pub verb_blocks: usize,
    /// Verbs.
    pub verbs: usize,
    /// Verb patterns.
    pub patterns: usize,
    /// Synonym sets.
    pub synsets: usize,
    /// Phrases in synonym sets.
    pub synset_phrases: usize,
    /// PETRARCH-2 transformations.
    pub transformations: usize,
    /// Discard phrases.
    pub discards: usize,
    /// Issue phrases.
    pub issues: usize,
    /// Entries skipped as broken.
    pub skipped: usize,
    /// Warnings (entries read anyway).
    pub warnings: usize,
    /// Coverage of each CAMEO root, 01 to 20.
    pub roots: Vec<RootStats>,
}

/// How one CAMEO root is covered by the verb dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RootStats {
    /// The two-digit root, e.g. `19`.
    pub root: String,
    /// CAMEO's name for it.
    pub name: String,
    /// Verb blocks whose default code is in this root.
    pub blocks: usize,
    /// Verbs that code into this root (their own code, else their block's).
    pub verbs: usize,
    /// Patterns whose code is in this root.
    pub patterns: usize,
    /// The root's 3-digit codes that some block, verb or pattern reaches (a 4-digit code
    /// reaches its 3-digit parent).
    pub codes_reached: usize,
    /// The root's 3-digit codes in the CAMEO table.
    pub codes_total: usize,
    /// The 3-digit codes of the root that nothing reaches.
    pub codes_missing: Vec<String>,
}

/// Counts what `d` holds.
pub fn stats(d: &Dictionaries) -> Stats {
    let mut s = Stats {
        actors: d.actors.len(),
        actor_phrases: d.actors.iter().map(|a| a.phrases.len()).sum(),
        roles: d.actors.iter().map(|a| a.roles.len()).sum(),
        dated_roles: d.actors.iter().flat_map(|a| &a.roles).filter(|r| r.is_dated()).count(),
        agents: d.agents.len(),
        agent_phrases: d.agents.iter().map(|a| a.phrases.len()).sum(),
        verb_blocks: d.verbs.len(),
        verbs: d.verbs.iter().map(|b| b.verbs.len()).sum(),
        patterns: d.verbs.iter().map(|b| b.patterns.len()).sum(),
        synsets: d.synsets.len(),
        synset_phrases: d.synsets.values().map(Vec::len).sum(),
        transformations: d.transformations.len(),
        discards: d.discards.len(),
        issues: d.issues.len(),
        skipped: d.diagnostics.iter().filter(|x| x.skipped).count(),
        warnings: d.diagnostics.iter().filter(|x| !x.skipped).count(),
        roots: Vec::new(),
    };

    let root_of = |c: &CodeSpec| c.code.as_deref().and_then(|c| c.get(..2)).map(str::to_string);
    let mut per: BTreeMap<String, RootStats> = BTreeMap::new();
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut reach = |c: &CodeSpec| {
        for code in [&c.code, &c.paired].into_iter().flatten() {
            if let Some(three) = code.get(..3) {
                reached.insert(three.to_string());
            }
        }
    };
    for b in &d.verbs {
        reach(&b.code);
        if let Some(r) = root_of(&b.code) {
            per.entry(r).or_default().blocks += 1;
        }
        for v in &b.verbs {
            let code = v.code.as_ref().unwrap_or(&b.code);
            reach(code);
            if let Some(r) = root_of(code) {
                per.entry(r).or_default().verbs += 1;
            }
        }
        for p in &b.patterns {
            reach(&p.code);
            if let Some(r) = root_of(&p.code) {
                per.entry(r).or_default().patterns += 1;
            }
        }
    }
    for root in (1..=20).map(|r| format!("{r:02}")) {
        let mut r = per.remove(&root).unwrap_or_default();
        let three: Vec<&str> = cameo::CODES
            .iter()
            .filter(|c| c.root == root && c.code.len() == 3)
            .map(|c| c.code)
            .collect();
        r.codes_total = three.len();
        r.codes_reached = three.iter().filter(|c| reached.contains(**c)).count();
        r.codes_missing =
            three.iter().filter(|c| !reached.contains(**c)).map(|c| c.to_string()).collect();
        r.name = cameo::root_name(&root).unwrap_or("").to_string();
        r.root = root;
        s.roots.push(r);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::verbs::read_verbs;

    #[test]
    fn counts_per_root() {
        let mut d = Dictionaries::default();
        read_verbs(
            "v.txt",
            "--- ATTACK [190] ---\nATTACK\nSHELL [194]\n- * CITY [195]\n- * (TO X) [---]\n\
             --- SAY [---] ---\nSAY [010]\n- * DEAL [0311:0311]\n",
            &mut d,
        );
        let s = stats(&d);
        assert_eq!((s.verb_blocks, s.verbs, s.patterns), (2, 3, 3));
        let r19 = &s.roots[18];
        assert_eq!(r19.root, "19");
        assert_eq!((r19.blocks, r19.verbs, r19.patterns), (1, 2, 1));
        let r03 = &s.roots[2];
        assert_eq!((r03.blocks, r03.verbs, r03.patterns), (0, 0, 1));
        let r01 = &s.roots[0];
        assert_eq!((r01.blocks, r01.verbs, r01.patterns), (0, 1, 0));
        // Reached 3-digit codes can only be counted among those the CAMEO table lists.
        let listed = |c: &str| cameo::lookup(c).is_some();
        let expect19 = ["190", "194", "195"].iter().filter(|c| listed(c)).count();
        assert_eq!(r19.codes_reached, expect19);
        assert_eq!(r19.codes_total, r19.codes_reached + r19.codes_missing.len());
        assert_eq!(s.roots.len(), 20);
    }
}
