//! Which words are verbs, and what each verb's grammar is before any pattern is tried.
//!
//! Without a tagger the word before a noun-or-verb word decides whether it is a verb. Pass 1
//! (`prepare_verbs`) then gives each verb its auxiliary chain, its subject (the nearest group
//! before it in its clause, unless a rule says otherwise), its voice, its governor (for
//! infinitive and gerund complements) and its source. `stretch_end` says how far a verb's
//! patterns and object reach.

use super::{Analysis, VerbOcc};
use crate::compile::Compiled;
use crate::syntax::{ADJECTIVE_ENDINGS, FINITE, IRREGULAR_PARTICIPLES, NATIONALITY_ADJECTIVE_ENDINGS, RELATIVES};
use crate::text::Kind;

impl Analysis {
    /// The verbs of the sentence, outside noun groups, longest match first.
    pub(super) fn find_verbs(&mut self, c: &Compiled) {
        let n = self.tokens.len();
        let mut gi = 0;
        let mut i = 0;
        while i < n {
            while gi < self.groups.len() && self.groups[gi].end <= i {
                gi += 1;
            }
            if gi < self.groups.len() && self.groups[gi].start <= i {
                i = self.groups[gi].end;
                continue;
            }
            if self.tokens[i].kind != Kind::Word {
                i += 1;
                continue;
            }
            if let Some((end, v)) = c.verb_trie.longest(&self.tids, i) {
                if self.verb_use(c, i, v) {
                    self.verbs.push(VerbOcc { start: i, end, verb: v });
                    i = end;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Is the verb-like word at `i` used as a verb? Without a tagger, the word before decides:
    /// after a determiner or a number it is a noun ("the attack", "two shells"); a bare form
    /// needs a subject, auxiliary or "to" before it ("will attack", "they attack", not
    /// "agricultural reform"); an -s form needs a subject ("Russia attacks", not "peace talks");
    /// an -ing form an auxiliary, preposition or verb ("is attacking", "by attacking", "began
    /// attacking", not "a G7 meeting"); other forms (-ed, irregular past) are verbs.
    fn verb_use(&self, c: &Compiled, i: usize, v: u32) -> bool {
        if i == 0 {
            return true;
        }
        if (self.is_in(i - 1, &c.fw.determiners) && self.id(i - 1) != c.fw.to) || self.tokens[i - 1].kind == Kind::Number {
            return false;
        }
        let mut j = i;
        while j > 0 && self.is_adverb(j - 1) {
            j -= 1;
        }
        if j == 0 || j <= self.clause_start[i] {
            return true;
        }
        let prev = j - 1;
        // "an early return to talks": "early" looks like an adverb, but after a determiner the
        // word is a noun all the same.
        if j < i && self.is_in(prev, &c.fw.determiners) && self.id(prev) != c.fw.to {
            return false;
        }
        // "the Venezuelan talks": a nationality adjective after a determiner qualifies a noun.
        let after_group = self.groups.iter().any(|g| {
            g.end == j && {
                let last = self.word(g.end - 1);
                let adjectival = NATIONALITY_ADJECTIVE_ENDINGS.iter().any(|s| last.ends_with(s));
                !(adjectival && g.end - g.start == 1 && g.start > 0 && self.is_in(g.start - 1, &c.fw.determiners))
            }
        });
        let after_verb = self.verbs.last().is_some_and(|pv| pv.end == j);
        let w = self.word(i);
        let base = self.id(i) == c.verbs[v as usize].base;
        // "Japanese finance houses", "total Japanese loans and grants": a bare or -s form right
        // after a nationality adjective is the noun it qualifies.
        let after_adjective = self.groups.iter().any(|g| g.end == j && g.end - g.start == 1 && nationality_adjective(self.word(g.start)));
        if after_adjective && !w.ends_with("ED") && !(w.ends_with("ING") && !base) {
            return false;
        }
        if w.ends_with("ING") && !base {
            self.is_in(prev, &c.fw.ing_cues) || after_verb
        } else if base {
            // A bare form after an adjective or a preposition is a noun ("agricultural reform",
            // "for reform"); after a plain noun it is the verb ("crowds attack", "the mayor
            // left": past tenses like LEFT are dictionary base forms too).
            let p = self.word(prev);
            let adjective = self.tokens[prev].kind == Kind::Word && p.len() > 4 && ADJECTIVE_ENDINGS.iter().any(|s| p.ends_with(s));
            after_group
                || after_verb
                || self.is_in(prev, &c.fw.base_cues)
                || !(adjective
                    || self.is_in(prev, &c.fw.prepositions)
                    || self.tokens[prev].kind != Kind::Word
                    || self.clause_has_verb(c, i))
        } else if w.ends_with('S') && !w.ends_with("SS") {
            // "an early start to talks": "to" takes a bare form, so an -s form after it (or
            // after any preposition) is a noun. "loans and grants to Bangladesh": after a
            // coordinator that follows a plural noun (no verb, no actor), a plural noun too.
            if self.id(prev) == c.fw.to || self.is_in(prev, &c.fw.prepositions) {
                return false;
            }
            if matches!(self.word(prev), "AND" | "OR") && prev > 0 {
                let before = prev - 1;
                let plural_noun = self.tokens[before].kind == Kind::Word
                    && self.word(before).ends_with('S')
                    && !self.word(before).ends_with("SS")
                    && !self.verbs.last().is_some_and(|pv| pv.end == prev)
                    && !self.groups.iter().any(|g| g.end == prev);
                if plural_noun {
                    return false;
                }
            }
            after_group || self.is_in(prev, &c.fw.s_cues) || (self.tokens[prev].kind == Kind::Word && !self.clause_has_verb(c, i))
        } else {
            // "delivering advanced radar", "threatened renewed strikes": a participle right after
            // a verb (not an auxiliary: "has appealed") qualifies its object.
            let participle = after_verb && w.ends_with("ED") && !self.is_in(prev, &c.fw.aux) && !self.is_in(prev, &c.fw.be);
            // "in occupied Crimea", "against armed groups": after a preposition too.
            let after_prep = w.ends_with("ED") && self.is_in(prev, &c.fw.prepositions) && self.id(prev) != c.fw.by;
            !(participle || after_prep)
        }
    }

    /// Has the clause of token `i` a verb already, with no conjunction or relative pronoun
    /// since? Then a noun-or-verb word after a plain word is the noun ("clashed ... during a
    /// brief private visit", "fired two artillery shells").
    fn clause_has_verb(&self, c: &Compiled, i: usize) -> bool {
        let Some(last) = self.verbs.last() else { return false };
        if last.start < self.clause_start[i] {
            return false;
        }
        // The "and" of a compound actor ("with Russia and China on defence purchases") is no
        // conjunction of clauses.
        let in_group = |j: usize| self.groups.iter().any(|g| g.start <= j && j < g.end);
        !(last.end..i).any(|j| {
            !in_group(j) && (self.is_in(j, &c.fw.subordinators) || self.is_in(j, &c.fw.coordinators) || RELATIVES.contains(&self.word(j)))
        })
    }

    /// Pass 1: subjects, voice, complements; no events yet.
    /// Pass 1: subjects, voice, complements; no events yet.
    pub(super) fn prepare_verbs(&mut self, c: &Compiled) {
        // The last verb with a subject of its own (or a shared one): participles and
        // subordinate verbs are skipped, so "the minister, in remarks published on Monday,
        // urged" finds "the minister" for "urged".
        let mut prev_main: Option<usize> = None;
        for k in 0..self.verbs.len() {
            if self.prepare_verb(c, k, prev_main) {
                prev_main = Some(k);
            }
        }
        self.assign_sources();
    }

    /// Subject, governor, voice and orphanhood of verb `k`, given the last main verb before
    /// it. Whether it is a main verb itself (not an orphan).
    fn prepare_verb(&mut self, c: &Compiled, k: usize, prev_main: Option<usize>) -> bool {
        let v = self.verbs[k];
        let cs = self.clause_start[v.start];
        let prev = prev_main.filter(|&j| self.clause_start[self.verbs[j].start] == cs);
        let lower = prev.map_or(cs, |j| self.verbs[j].end.max(cs));
        // The auxiliary chain: "has not yet", "is about to", "will".
        let mut p = v.start;
        while p > 0 && self.is_adverb(p - 1) {
            p -= 1;
        }
        let mut q = p;
        while q > lower && (self.is_in(q - 1, &c.fw.negators) || self.is_adverb(q - 1) || self.is_in(q - 1, &c.fw.aux)) {
            q -= 1;
        }
        let infinitive = p > 0 && self.id(p - 1) == c.fw.to;
        let (subject, subordinate, noun_subject) = self.own_subject(c, v, (p, q, lower), infinitive);
        // "attacked Iran and bombed Turkey": a coordinated verb shares the first one's subject.
        let coordinated = prev.is_some() && q > 0 && self.is_in(q - 1, &c.fw.coordinators);
        let subject = if coordinated && subject.is_some_and(|g| prev.is_some_and(|j| self.groups[g].start >= self.verbs[j].end)) {
            None
        } else {
            subject
        };
        // Infinitive ("promised to send") or gerund ("denied sending") complement.
        let governor = if k > 0 {
            let pv = self.verbs[k - 1];
            ((infinitive && self.clause_start[pv.start] == cs) || pv.end == p).then_some(k - 1)
        } else {
            None
        };
        // Passive: a form of "be" in the chain, and not a present participle.
        let head_word = self.word(v.start);
        let has_be = (q..p).any(|i| self.is_in(i, &c.fw.be));
        let mut b = p;
        while b > q && self.is_in(b - 1, &c.fw.negators) {
            b -= 1;
        }
        let mut passive = b > 0 && self.is_in(b - 1, &c.fw.be) && !head_word.ends_with("ING");
        // "the Britons freed from US custody are expected", "pay more for ethylene imported
        // from Japan": a reduced relative, passive, whose patient is the noun before it.
        let mut subject = subject;
        if !passive && q == p && self.reduced_relative(c, v, p, lower) {
            passive = true;
            subject = self.groups.iter().position(|g| g.end == p);
        }
        // "the parade supporting Sylvania": a participle after a noun, with no subject and no
        // auxiliary, modifies that noun; it does not share the previous verb's subject.
        // "kept ties with Russia while supplying Ukraine": a gerund right after "while" has the
        // main clause's subject (after "after" or "before" it is often an earlier act that
        // the sentence does not report: "after leaving Eriador").
        let sub_gerund = head_word.ends_with("ING") && q == p && p > 0 && self.word(p - 1) == "WHILE";
        let participle = subject.is_none()
            && governor.is_none()
            && !coordinated
            && !has_be
            && !sub_gerund
            && (head_word.ends_with("ING") || subordinate);
        let orphan = participle || (subordinate && !sub_gerund) || noun_subject;
        let o = &mut self.outcomes[k];
        o.orphan = orphan;
        o.subject = subject;
        o.governor = governor;
        o.passive = passive;
        o.inherit = prev;
        !orphan
    }

    /// Is verb `v`, with no auxiliary before it (at `p`), a participle qualifying the noun right
    /// before it? An -ed (or irregular) form after a plain noun or an actor, followed by a
    /// preposition, when the clause's own verb is still to come (a finite form before the next
    /// comma or conjunction) or the noun sits in a prepositional phrase after the subject.
    /// "Rebels freed two hostages" (an object follows) and "Russia attacked from the north and
    /// has …" (a conjunction first) stay active.
    fn reduced_relative(&self, c: &Compiled, v: VerbOcc, p: usize, lower: usize) -> bool {
        let w = self.word(v.start);
        if p == 0 || !((w.len() > 4 && w.ends_with("ED")) || IRREGULAR_PARTICIPLES.contains(&w)) {
            return false;
        }
        let before = p - 1;
        let after_actor = self.groups.iter().any(|g| g.end == p);
        let after_noun = self.tokens[before].kind == Kind::Word
            && !self.is_in(before, &c.fw.prepositions)
            && !self.is_in(before, &c.fw.time_words)
            && !self.is_in(before, &c.fw.determiners)
            && !matches!(self.word(before), "AND" | "OR" | "WHO" | "WHICH" | "THAT" | "IT" | "HE" | "SHE" | "THEY" | "WE" | "I");
        if !(after_actor || after_noun) {
            return false;
        }
        let next = (v.start + 1..v.end).find(|&i| self.is_in(i, &c.fw.prepositions)).or((v.end < self.tokens.len()).then_some(v.end));
        let Some(next) = next else { return false };
        if !(self.is_in(next, &c.fw.prepositions) || self.id(next) == c.fw.to) {
            return false;
        }
        let verb_to_come = (v.end..self.tokens.len())
            .take_while(|&i| self.id(i) != c.fw.comma && !matches!(self.word(i), "AND" | "OR" | "BUT") && !self.is_in(i, &c.fw.subordinators))
            .any(|i| FINITE.contains(&self.word(i)));
        let in_phrase = !after_actor
            && self.groups.iter().rposition(|g| g.end <= before && g.start >= lower).is_some_and(|g| {
                (self.groups[g].end..before).any(|i| self.is_in(i, &c.fw.prepositions))
            });
        verb_to_come || in_phrase
    }

    /// The subject of verb `v` whose chain starts at `q` (the verb proper, after adverbs, at
    /// `p`), looking back to `lower`: the nearest group before it, unless a rule says the verb
    /// has none of its own. Also whether the verb is subordinate, and whether a plain noun
    /// right before it is its subject.
    fn own_subject(&self, c: &Compiled, v: VerbOcc, (p, q, lower): (usize, usize, usize), infinitive: bool) -> (Option<usize>, bool, bool) {
        let subject = self.groups.iter().rposition(|g| g.end <= q && g.start >= lower);
        // "ties with Sylvania five years after crowds burned ...": a subordinate clause has
        // its own subject, which is not the actor before the conjunction.
        let subordinate = subject.is_some_and(|g| (self.groups[g].end..q).any(|i| self.is_in(i, &c.fw.subordinators)));
        // "Sylvania, AFP reported", "Iran's navy chief said": the word right before the verb is
        // its subject, and it is no actor.
        // But "Iranian military personnel attacked": one or two words right after the actor
        // are the head noun it qualifies, and the actor stays the subject.
        let head_noun = |g: usize| {
            let e = self.groups[g].end;
            q > e
                && q - e <= 3
                && (e..q).all(|i| {
                    let t = self.tokens[i].kind;
                    t == Kind::Possessive || (t == Kind::Word && !self.is_in(i, &c.fw.prepositions))
                })
        };
        // "Rufus in recent days did allow": a word inside a prepositional phrase is not it.
        let in_phrase = |g: usize| (self.groups[g].end..q).any(|i| self.is_in(i, &c.fw.prepositions));
        let noun_subject = !infinitive
            && q > lower
            && subject.is_some_and(|g| self.groups[g].end != q && !head_noun(g) && !in_phrase(g))
            && self.tokens[q - 1].kind == Kind::Word
            && !self.is_in(q - 1, &c.fw.time_words)
            && !self.is_in(q - 1, &c.fw.coordinators);
        // "talks in Riyadh on ending the war": a gerund right after a preposition (but "by")
        // has no subject of its own, least of all the place before the preposition.
        let prep_gerund =
            self.word(v.start).ends_with("ING") && q == p && p > 0 && self.is_in(p - 1, &c.fw.prepositions) && self.id(p - 1) != c.fw.by;
        let subject = if subordinate || noun_subject || prep_gerund { None } else { subject };
        (subject, subordinate, noun_subject)
    }

    /// Sources: the subject, else (coordinated or complement verbs) the previous verb's.
    fn assign_sources(&mut self) {
        for k in 0..self.verbs.len() {
            let o = &self.outcomes[k];
            let src = match (o.subject, o.orphan, o.inherit) {
                (Some(g), _, _) => Some(g),
                (None, false, Some(j)) => {
                    let prev = &self.outcomes[j];
                    if prev.passive {
                        prev.subject
                    } else {
                        prev.source
                    }
                }
                _ => None,
            };
            self.outcomes[k].source = src;
        }
    }

    /// Where the verb's own stretch ends: at a subordinate clause or the next verb that is not
    /// its complement. Its patterns and its object stay inside.
    pub(super) fn stretch_end(&self, c: &Compiled, k: usize, from: usize, ce: usize) -> usize {
        let mut limit = ce;
        for i in from..ce {
            if self.is_in(i, &c.fw.subordinators) {
                limit = i;
                break;
            }
        }
        if let Some((w, wv)) = self.verbs.iter().enumerate().skip(k + 1).find(|(w, _)| self.outcomes[*w].governor != Some(k)) {
            limit = limit.min(wv.start.max(from));
            // "bought Russian wheat, the ministry said": the next verb's subject is not in this
            // verb's object either (BUY's `* MINISTRY` must not see "ministry").
            if let Some(g) = self.outcomes[w].subject {
                let gs = self.groups[g].start;
                if gs >= from && gs < limit && (from..gs).any(|i| self.id(i) == c.fw.comma) {
                    limit = gs;
                }
            }
        }
        limit
    }
}

/// Is `w` a nationality adjective ("Japanese", "Iraqi", "French"), not a country's name that
/// happens to end like one ("Japan", "Iran", "Mali")?
pub(crate) fn nationality_adjective(w: &str) -> bool {
    const NAMES: &[&str] = &["JAPAN", "IRAN", "OMAN", "SUDAN", "TAIWAN", "JORDAN", "BHUTAN", "AZERBAIJAN", "VATICAN", "MALI", "MALAWI", "HAITI", "FIJI", "BURUNDI", "DJIBOUTI", "BRUNEI", "DUBAI", "DELHI", "HELSINKI", "NAIROBI", "TBILISI", "MUMBAI", "KARACHI", "ABU", "ISLAMABAD", "TEHRAN", "BEIJING"];
    w != "U.S." && !w.ends_with("STAN") && !NAMES.contains(&w) && NATIONALITY_ADJECTIVE_ENDINGS.iter().any(|x| w.ends_with(x)) || matches!(w, "FRENCH" | "DUTCH" | "CZECH" | "GREEK" | "SWISS" | "WELSH")
}
