//! Which of a verb's patterns matches, and what its slots hold.
//!
//! A verb block's patterns are tried most specific first; the first that matches gives the
//! code, its source and target slots, and the tokens it used (`touched`: later rules leave them
//! alone, and a verb inside them codes nothing). Most patterns are skipped before matching
//! because the sentence lacks a word they need.

use super::{Analysis, Scope, VerbOcc};
use crate::compile::{CPattern, Compiled, Elem};
use crate::lexicon::PWord;
use crate::text::Kind;
use entente_dict::CodeSpec;

/// What a matched pattern found: its slots, whether it asks for a compound subject (`%`), and
/// the token ranges it matched.
#[derive(Debug, Clone, Default)]
pub(super) struct PState {
    pub(super) source: Option<usize>,
    pub(super) target: Option<usize>,
    pub(super) compound: bool,
    pub(super) touched: Vec<(usize, usize)>,
}

/// Largest number of tokens between the preposition and its object in `(TO +)`.
const PREP_GAP: usize = 3;

impl Analysis {
    /// The code of verb `s.k` and what its pattern matched: the first of its block's patterns
    /// (most specific first) that matches, else the verb's or its block's code and no slots.
    /// `subject_end` is where the verb's subject ends.
    pub(super) fn fire_pattern(&mut self, c: &Compiled, s: Scope, subject_end: Option<usize>) -> (CodeSpec, PState) {
        let (k, v, cs, ce) = (s.k, s.v, s.cs, s.ce);
        let cv = &c.verbs[v.verb as usize];
        let block = &c.blocks[cv.block as usize];
        let actor_lo = if self.outcomes[k].governor.is_some() {
            cs
        } else {
            self.verbs[..k].iter().rev().find(|w| w.end <= v.start).map_or(cs, |w| w.end.max(cs))
        };
        // "demanded that Russia release ...": a pattern opening with (THAT +) describes the
        // clause it introduces, so it reaches past that clause's verb (to a subordinator or the
        // clause end); the verb it matches is then part of the pattern and codes nothing itself.
        let that_ce = if v.end < s.clause_end && self.id(v.end) == c.fw.that {
            (v.end..s.clause_end).find(|&i| self.is_in(i, &c.fw.subordinators)).unwrap_or(s.clause_end)
        } else {
            ce
        };
        let mut fired = None;
        // A pattern opening with `%` ("% * &DRILL") is for a compound subject only.
        let compound_subject = self.outcomes[k].subject.or(self.outcomes[k].source).is_some_and(|g| self.groups[g].members.len() >= 2);
        for (pi, pat) in block.patterns.iter().enumerate() {
            if !compound_subject && pat.before.iter().any(|e| matches!(e, Elem::Compound)) {
                continue;
            }
            let needs_actor_before = pat.before.iter().any(|e| matches!(e, Elem::Source | Elem::Target));
            // An actor slot before the verb is not filled from before an earlier verb of the clause
            // ("Blinken said that Russia had received Iranian missiles": `+ * $ &MISSILE`), unless
            // this verb is that verb's complement ("hosting Osgiliath to celebrate").
            let lo = if needs_actor_before { actor_lo } else { subject_end.unwrap_or(cs).max(cs) };
            let limit = if matches!(pat.after.first(), Some(Elem::Prep(w, _)) if *w == c.fw.that) { that_ce } else { ce };
            if let Some(st) = self.match_pattern(c, pat, lo, v, limit) {
                fired = Some((pi, st));
                break;
            }
        }
        // "to help settle a dispute", "helped boost exports": HELP or ASSIST before another verb
        // lends a hand to that act, which is the event; only a specific pattern ("help to
        // mediate" → 045) codes the helper itself.
        let generic = |pi: usize| block.patterns[pi].before.is_empty() && matches!(block.patterns[pi].after.as_slice(), [Elem::Target]);
        if fired.as_ref().is_none_or(|(pi, _)| generic(*pi)) && self.helps_a_verb(c, v) {
            return (CodeSpec { code: None, paired: None }, PState::default());
        }
        match fired {
            Some((pi, st)) => {
                self.outcomes[k].pattern = Some(pi);
                (block.patterns[pi].code.clone(), st)
            }
            None => (cv.code.clone().unwrap_or_else(|| block.code.clone()), PState::default()),
        }
    }

    /// Is `v` a HELP or ASSIST verb whose complement is another verb ("help to settle", "helped
    /// boost")? "help Iran", "help the rebels" and "help to Iran" are not.
    fn helps_a_verb(&self, c: &Compiled, v: VerbOcc) -> bool {
        let w = self.word(v.start);
        if !(w.starts_with("HELP") || w.starts_with("ASSIST")) || v.end >= self.tokens.len() {
            return false;
        }
        let mut j = v.end;
        let to = self.id(j) == c.fw.to;
        if to {
            j += 1;
        }
        if j >= self.tokens.len() || self.tokens[j].kind != Kind::Word || self.group_at(j).is_some() || self.is_in(j, &c.fw.determiners) {
            return false;
        }
        // A bare verb after HELP: a dictionary verb, or a plain base form ("help settle", not
        // "help farmers" or "help them").
        let w = self.word(j);
        let base = !w.ends_with('S') && !w.ends_with("ED") && !w.ends_with("ING") && !matches!(w, "THEM" | "HIM" | "HER" | "US" | "ME" | "IT" | "YOU");
        to || base || c.verb_trie.longest(&self.tids, j).is_some()
    }

    fn match_pattern(&self, c: &Compiled, pat: &CPattern, lo: usize, v: VerbOcc, ce: usize) -> Option<PState> {
        // Most patterns name a word the sentence does not have: skip them before matching.
        let have = |w: &PWord| {
            if w.stem {
                self.present_stems.binary_search(&w.id).is_ok()
            } else {
                self.present.binary_search(&w.id).is_ok()
            }
        };
        if !pat.required.iter().all(have) {
            return None;
        }
        let mut st = PState::default();
        if !pat.before.is_empty() {
            self.seq(c, &pat.before, 0, lo, v.start, usize::MAX, &mut st)?;
        }
        if !pat.after.is_empty() {
            self.seq(c, &pat.after, 0, v.end, ce, usize::MAX, &mut st)?;
        }
        Some(st)
    }

    /// Matches `els[idx..]` at or after `pos` (skipping at most `gap` tokens before each element),
    /// ending at or before `limit`. Returns the end.
    #[allow(clippy::too_many_arguments)]
    fn seq(&self, c: &Compiled, els: &[Elem], idx: usize, pos: usize, limit: usize, gap: usize, st: &mut PState) -> Option<usize> {
        if idx == els.len() {
            return Some(pos);
        }
        if let Elem::Compound = els[idx] {
            st.compound = true;
            return self.seq(c, els, idx + 1, pos, limit, gap, st);
        }
        let last = pos.saturating_add(gap).min(limit.saturating_sub(1));
        let mut p = pos;
        while p <= last && p < limit {
            // A bounded gap (inside a prepositional phrase) does not run over punctuation.
            if p > pos && gap != usize::MAX && self.tokens[p - 1].kind == Kind::Punct {
                break;
            }
            let saved = (st.source, st.target, st.compound, st.touched.len());
            if let Some(end) = self.one(c, &els[idx], p, limit, st) {
                if end <= limit {
                    if let Some(e) = self.seq(c, els, idx + 1, end, limit, gap, st) {
                        return Some(e);
                    }
                }
            }
            st.source = saved.0;
            st.target = saved.1;
            st.compound = saved.2;
            st.touched.truncate(saved.3);
            p += 1;
        }
        None
    }

    fn one(&self, c: &Compiled, e: &Elem, p: usize, limit: usize, st: &mut PState) -> Option<usize> {
        let end = match e {
            Elem::Word(w) => self.tids.matches(p, *w).then_some(p + 1)?,
            Elem::Synset(s) => self.synset_at(c, *s, p)?,
            Elem::Target | Elem::Source => {
                let g = self.group_at(p)?;
                if matches!(e, Elem::Target) {
                    st.target = Some(g);
                } else {
                    st.source = Some(g);
                }
                self.groups[g].end
            }
            Elem::Compound => p,
            Elem::Skip => {
                if let Some(g) = self.group_at(p) {
                    self.groups[g].end
                } else {
                    let plain = |i: usize| {
                        self.tokens[i].kind == Kind::Word
                            && !self.is_in(i, &c.fw.prepositions)
                            && self.group_at(i).is_none()
                            && !self.verbs.iter().any(|v| v.start == i)
                    };
                    let mut q = p;
                    while q < limit && plain(q) {
                        q += 1;
                    }
                    if q == p {
                        return None;
                    }
                    q
                }
            }
            Elem::Prep(prep, obj) => {
                if self.id(p) != *prep {
                    return None;
                }
                // "visiting Kenya to stress British support": an infinitive "to" introduces no
                // actor of `(TO +)`.
                let infinitive = *prep == c.fw.to
                    && matches!(obj.first(), Some(Elem::Target | Elem::Source))
                    && p + 1 < limit
                    && self.group_at(p + 1).is_none()
                    && c.verb_trie.longest(&self.tids, p + 1).is_some();
                if infinitive {
                    return None;
                }
                if obj.is_empty() {
                    p + 1
                } else {
                    self.seq(c, obj, 0, p + 1, limit, PREP_GAP, st)?
                }
            }
            Elem::Group(inner) => self.group_elems(c, inner, p, limit, st)?,
        };
        st.touched.push((p, end));
        Some(end)
    }

    /// A noun group `{NEW &TIETYPES RELATIONS}`: the first element here, one stray word allowed
    /// before each later element except the last, which must follow directly (its head noun).
    fn group_elems(&self, c: &Compiled, inner: &[Elem], p: usize, limit: usize, st: &mut PState) -> Option<usize> {
        let mut end = self.one(c, &inner[0], p, limit, st)?;
        for (i, e) in inner.iter().enumerate().skip(1) {
            let gap = if i + 1 == inner.len() { 0 } else { 1 };
            let mut found = None;
            for q in end..=(end + gap).min(limit) {
                if let Some(x) = self.one(c, e, q, limit, st) {
                    found = Some(x);
                    break;
                }
            }
            end = found?;
        }
        Some(end)
    }

    fn synset_at(&self, c: &Compiled, s: u32, p: usize) -> Option<usize> {
        c.synsets.get(s as usize)?.longest(&self.tids, p).map(|(end, _)| end)
    }
}
