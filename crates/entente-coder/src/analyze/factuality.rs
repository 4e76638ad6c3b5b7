//! Whether a verb's act was done at all: denied, refused, failed or stopped short of; negated;
//! hypothetical (a modal or a conditional); or asked about.
//!
//! The checks before the pattern look at what governs the verb (a denial or a non-factual word
//! before it, a question mark); those after it look between the subject and the verb, skipping
//! the words the pattern itself used.

use super::patterns::PState;
use super::{Analysis, Reject, Scope};
use crate::compile::Compiled;

impl Analysis {
    /// Denial governs what follows it: "denied sending", "refused to attack", "failed to",
    /// "stopped short of"; a question codes nothing either.
    pub(super) fn check_not_done(&self, c: &Compiled, s: Scope) -> Result<(), Reject> {
        let v = s.v;
        let mut p = v.start;
        while p > 0 && self.is_adverb(p - 1) {
            p -= 1;
        }
        if p > 0 && self.id(p - 1) == c.fw.to {
            p -= 1;
        }
        if p > 0 && (self.is_in(p - 1, &c.fw.denials) || self.is_in(p - 1, &c.fw.non_factual)) {
            return Err(Reject::Denied(self.word(p - 1).to_string()));
        }
        // "denied that it had supplied", "dismissed claims that Russia had attacked": a denial
        // earlier in the clause governs what follows it.
        if let Some(d) = (self.clause_start[v.start]..p).find(|&i| self.is_in(i, &c.fw.denials)) {
            return Err(Reject::Denied(self.word(d).to_string()));
        }
        // "The MP believes the security services were involved in the attacks", "are believed to
        // have agreed": an act after a belief word in its sentence is someone's view, not news.
        if let Some(b) = (0..v.start).find(|&i| self.is_in(i, &c.fw.beliefs)) {
            return Err(Reject::Belief(self.word(b).to_string()));
        }
        // "There were no shipments of U.S. grain to the Soviet Union", "there was no treaty
        // between the US and Russia": an existential "no" before the act says it did not happen.
        let cs = self.clause_start[v.start];
        if let Some(i) = (cs + 2..p).find(|&i| {
            self.word(i) == "NO" && (self.word(i - 2) == "THERE" || (i >= 3 && self.word(i - 3) == "THERE" && self.word(i - 1) == "BEEN")) && self.is_in(i - 1, &c.fw.be)
        }) {
            return Err(Reject::Negated(format!("THERE {} NO", self.word(i - 1))));
        }
        // "Turkey stopped short of imposing sanctions": nothing was done.
        if v.end + 1 < self.tokens.len() && self.word(v.end) == "SHORT" && self.word(v.end + 1) == "OF" {
            return Err(Reject::Denied("SHORT OF".into()));
        }
        if self.tokens.last().is_some_and(|t| &self.up[t.start as usize..t.end as usize] == "?") {
            return Err(Reject::Question);
        }
        Ok(())
    }

    /// Negation and hypotheticals between the subject (ending at `subject_end`) and the verb,
    /// unless the pattern `st` used them; a negated subject; a conditional clause.
    pub(super) fn check_factual(&self, c: &Compiled, s: Scope, subject_end: Option<usize>, st: &PState) -> Result<(), Reject> {
        let (k, v, cs) = (s.k, s.v, s.cs);
        let neg_lo = subject_end.unwrap_or(cs).max(cs).max(if k > 0 { self.verbs[k - 1].end.min(v.start) } else { 0 });
        for i in neg_lo..v.start {
            if st.touched.iter().any(|&(a, b)| a <= i && i < b) {
                continue;
            }
            if self.is_in(i, &c.fw.negators) {
                return Err(Reject::Negated(self.word(i).to_string()));
            }
            if self.is_in(i, &c.fw.modals) {
                return Err(Reject::Modal(self.word(i).to_string()));
            }
        }
        // "Neither India nor Brazil criticised Russia": the subject itself is negated.
        if let Some(g) = self.outcomes[k].subject {
            let gs = self.groups[g].start;
            let neither = gs > 0 && self.word(gs - 1) == "NEITHER";
            if neither || (self.groups[g].start..self.groups[g].end).any(|i| self.word(i) == "NOR") {
                return Err(Reject::Negated("NEITHER ... NOR".into()));
            }
        }
        // "If Russia attacks ...": a conditional opening the verb's stretch of the sentence.
        let cond_lo = (cs..v.start).rev().find(|&i| self.id(i) == c.fw.comma).map_or(cs, |i| i + 1);
        for i in cond_lo..v.start {
            if self.is_in(i, &c.fw.conditionals) {
                return Err(Reject::Conditional(self.word(i).to_string()));
            }
        }
        Ok(())
    }
}
