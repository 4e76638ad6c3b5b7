//! The source and target of a coded verb, and the meeting at a third location (040 → 044).
//!
//! The source is the verb's source (its subject, or the one it shares), a passive verb's "by"
//! agent, or the pattern's source slot; the target is the pattern's target slot, else the
//! first group in the verb's stretch that is not a later verb's subject. Places give way: a
//! compound subject's mutual act in a place has no target there, and a place after "in" yields
//! to a party after "with". A denial takes its target from the denied act's object.

use super::emit::{reciprocal, MAX_RECIPROCAL};
use super::patterns::PState;
use super::{Analysis, Reject, Scope};
use crate::compile::Compiled;
use crate::text::Kind;
use entente_dict::CodeSpec;

impl Analysis {
    /// The source group and the target group (if any) of verb `s.k`, whose code is `code` and
    /// whose pattern matched `st`; recorded in its outcome.
    pub(super) fn assign_roles(&mut self, c: &Compiled, s: Scope, code: &CodeSpec, st: &PState) -> Result<(usize, Option<usize>), Reject> {
        let (k, v, ce) = (s.k, s.v, s.ce);
        let (source, mut target) = self.voice_roles(c, s, st)?;
        let passive = self.outcomes[k].passive;
        // "India refused to condemn Russia": unless a pattern says what was refused ("refused to
        // lift sanctions", 1244), the refusal is of an act, not of Russia, and has no target.
        let refuses_act = self.outcomes[k].pattern.is_none()
            && self.is_in(v.start, &c.fw.denials)
            && v.end < self.tokens.len()
            && self.id(v.end) == c.fw.to;
        if target.is_none() && !passive && !refuses_act {
            target = self.default_target(k, v.end, ce, source);
        }
        target = self.mutual_place(c, s, code, st, source, target);
        target = self.with_party(c, s, st, source, target);
        // "Iran denied that it had supplied missiles to Russia": the denied act codes nothing
        // (see `check_not_done`), and the denial takes its target from the act's object, past
        // the subject of the denied verb.
        if target.is_none() && !passive && !refuses_act && self.is_in(v.start, &c.fw.denials) {
            target = self.denial_target(c, s, source);
        }
        if let (Some(sg), Some(tg)) = (source, target) {
            self.domestic_target(sg, tg);
        }
        let Some(sg) = source else { return Err(Reject::NoSource) };
        if self.groups[sg].members.is_empty() {
            return Err(Reject::NoSource);
        }
        self.outcomes[k].source = Some(sg);
        self.outcomes[k].target = target;
        Ok((sg, target))
    }

    /// "The Scottish National Party called on ministers to ...": a target that is one agent
    /// with no country ("ministers", "police", "the opposition") is of the source's country when
    /// the source is of one country and the agent is a state or political organ.
    fn domestic_target(&mut self, sg: usize, tg: usize) {
        let Some(agent) = self.groups[tg].agent_only.clone() else { return };
        // Only organs of a state or politics: "firms", "banks" and "people" are as often foreign
        // or no one in particular.
        if !crate::filter::POLITICAL_AGENTS.contains(&agent.get(..3).unwrap_or("")) {
            return;
        }
        if !self.groups[tg].members.is_empty() {
            return;
        }
        let Some(first) = self.groups[sg].members.first() else { return };
        let country = first.code.get(..3).unwrap_or("").to_string();
        let one_country = self.groups[sg].members.iter().all(|m| m.code.get(..3) == Some(country.as_str()));
        if !one_country || country.starts_with("IGO") || entente_core::actor::is_region(&country) || !country.bytes().all(|b| b.is_ascii_uppercase()) {
            return;
        }
        let (start, end) = (self.groups[tg].start, self.groups[tg].end);
        self.groups[tg].members.push(super::Member { code: format!("{country}{agent}"), start, end });
    }

    /// Source and target by voice, then the pattern's slots.
    fn voice_roles(&self, c: &Compiled, s: Scope, st: &PState) -> Result<(Option<usize>, Option<usize>), Reject> {
        let (v, ce) = (s.v, s.ce);
        let o = &self.outcomes[s.k];
        let (mut source, mut target) = if o.passive {
            // "was attacked by Russia": the agent is the source, the subject the target.
            let by = (v.end..(v.end + 6).min(ce)).find(|&i| self.id(i) == c.fw.by);
            let agent = by.and_then(|b| {
                // "by the EU": the group may or may not include "the".
                let mut q = b + 1;
                if let Some(g) = self.group_at(q) {
                    return Some(g);
                }
                if q < self.tokens.len() && self.id(q) == c.fw.the {
                    q += 1;
                }
                self.group_at(q)
            });
            match agent {
                Some(a) => (Some(a), o.subject.or(o.source)),
                None if st.source.is_none() => return Err(Reject::PassiveWithoutAgent),
                None => (None, o.subject),
            }
        } else {
            (o.source, None)
        };
        if st.source.is_some() {
            source = st.source;
        }
        // An active-voice pattern ("* +") matching a passive verb finds the "by" agent in its
        // target slot ("was attacked by Hezbollah"): that group stays the source.
        if st.target.is_some() && !(o.passive && st.target == source) {
            target = st.target;
        }
        Ok((source, target))
    }

    /// "Egypt and Qatar held talks in Cairo": after a compound subject of a mutual act, a place
    /// after "in" (unless the pattern's target slot is there) is where they met, not a third
    /// party; so is a place or venue after "at" for a cooperative act ("held talks at the United
    /// Nations"), though not for fighting ("fired at Chinese troops").
    fn mutual_place(
        &self,
        c: &Compiled,
        s: Scope,
        code: &CodeSpec,
        st: &PState,
        source: Option<usize>,
        target: Option<usize>,
    ) -> Option<usize> {
        if let (Some(t), Some(sg)) = (target, source) {
            let ts = self.groups[t].start;
            let n = self.groups[sg].members.len();
            let prep = self.place_prep(c, ts).filter(|&p| {
                self.word(p) == "IN" || code.code.as_deref().is_some_and(|k| matches!(k.get(..2), Some("03" | "04" | "05" | "06" | "08")))
            });
            if let Some(p) = prep {
                if ts > s.v.end
                    && !(st.target == Some(t) && st.touched.iter().any(|&(a, b)| a <= p && p < b))
                    && (2..=MAX_RECIPROCAL).contains(&n)
                    && code.code.as_deref().is_some_and(reciprocal)
                {
                    return None;
                }
            }
        }
        target
    }

    /// "celebrated Iftar in Zenda with the leaders of Sylvania": a place after "in" (unless the
    /// pattern names the "in") gives way to the party after a later "with".
    fn with_party(&self, c: &Compiled, s: Scope, st: &PState, source: Option<usize>, target: Option<usize>) -> Option<usize> {
        let ce = s.ce;
        if let Some(t) = target {
            let ts = self.groups[t].start;
            let prep = self.place_prep(c, ts).filter(|&p| self.word(p) == "IN");
            if ts > s.v.end && prep.is_some_and(|p| !st.touched.iter().any(|&(a, b)| a <= p && p < b)) {
                let with = (self.groups[t].end..ce).find(|&i| self.word(i) == "WITH");
                if let Some(w) = with {
                    let g = (0..self.groups.len()).find(|&g| {
                        let gr = &self.groups[g];
                        gr.start > w
                            && gr.start <= w + 4
                            && gr.start < ce
                            && !gr.members.is_empty()
                            && (w + 1..gr.start).all(|i| self.tokens[i].kind == Kind::Word)
                    });
                    if g.is_some() && g != source {
                        return g;
                    }
                }
            }
        }
        target
    }

    /// A denial's target: the first coded group of the denied clause that is not the source
    /// and not the subject of a later verb.
    fn denial_target(&self, c: &Compiled, s: Scope, source: Option<usize>) -> Option<usize> {
        let (k, v, clause_end) = (s.k, s.v, s.clause_end);
        let end = (v.end..clause_end).find(|&i| self.is_in(i, &c.fw.subordinators)).unwrap_or(clause_end);
        (0..self.groups.len()).find(|&g| {
            let gr = &self.groups[g];
            gr.start >= v.end
                && gr.start < end
                && !gr.members.is_empty()
                && Some(g) != source
                && !(k + 1..self.verbs.len()).any(|w| self.outcomes[w].subject == Some(g))
        })
    }

    /// "Senior U.S. and Russian officials held talks in Riyadh": a generic meeting (040) in a
    /// country that is neither side's is a meeting at a third location (044). The code to emit
    /// (the outcome's code is changed too).
    pub(super) fn third_location(&mut self, c: &Compiled, s: Scope, sg: usize, target: Option<usize>, code_str: String) -> String {
        let (k, v, ce) = (s.k, s.v, s.ce);
        let source = Some(sg);
        let mut code_str = code_str;
        if code_str == "040" {
            let mut parties: Vec<&str> = self.groups[sg].members.iter().map(|m| &m.code[..3]).collect();
            if let Some(t) = target {
                parties.extend(self.groups[t].members.iter().map(|m| &m.code[..3]));
            }
            let place = (0..self.groups.len()).find(|&g| {
                let gr = &self.groups[g];
                gr.start > v.end
                    && gr.start < ce
                    && Some(g) != target
                    && Some(g) != source
                    && !gr.members.is_empty()
                    && self.place_prep(c, gr.start).is_some_and(|p| self.word(p) == "IN")
            });
            // The place must be where this meeting was: nothing but the target (or another place)
            // between the verb and it ("briefed Russia on talks with the United States in Oman":
            // Oman is where the other talks were).
            let place = place.filter(|&g| {
                let gs = self.groups[g].start;
                !(v.end..gs).any(|i| self.id(i) == c.fw.comma || self.is_in(i, &c.fw.coordinators))
                    && self.groups.iter().enumerate().all(|(h, gr)| {
                        !(gr.start >= v.end && gr.start < gs && !gr.members.is_empty())
                            || Some(h) == target
                            || self.place_prep(c, gr.start).is_some()
                    })
            });
            if let Some(g) = place {
                let gr = &self.groups[g];
                if gr.members.iter().all(|m| m.code.len() == 3 && !parties.contains(&m.code.as_str())) {
                    code_str = "044".to_string();
                    if let Some(spec) = self.outcomes[k].code.as_mut() {
                        spec.code = Some(code_str.clone());
                    }
                }
            }
        }
        code_str
    }

    /// The first group after the verb within its stretch, unless it is the subject of a later
    /// verb ("X said Y attacked Z": Y is not X's target).
    fn default_target(&self, k: usize, from: usize, limit: usize, source: Option<usize>) -> Option<usize> {
        let g = self.group_from(from, limit)?;
        if Some(g) == source {
            return None;
        }
        // The subject of a later verb belongs to that verb's clause, whether or not it codes.
        for w in k + 1..self.verbs.len() {
            if self.outcomes[w].subject == Some(g) && self.outcomes[w].governor.is_none() {
                return None;
            }
        }
        Some(g)
    }

    /// The "in" or "at" that makes the group starting at `ts` a place: "in Geneva", "at the
    /// United Nations", "in central Mali", "in the Gulf of Oman".
    fn place_prep(&self, c: &Compiled, ts: usize) -> Option<usize> {
        let mut i = ts;
        while i > 0 && ts - i < 4 {
            let w = i - 1;
            if self.is_in(w, &c.fw.in_at) {
                return Some(w);
            }
            if !self.is_in(w, &c.fw.place_words) {
                return None;
            }
            i -= 1;
        }
        None
    }

    /// The first group starting at or after `from` and before `limit`.
    fn group_from(&self, from: usize, limit: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start >= from && g.start < limit && !g.members.is_empty())
    }
}
