//! One sentence into events: actor mentions, noun groups, verbs, patterns, sources and targets.
//!
//! The analysis keeps every intermediate result (it is the scratch space reused from sentence to
//! sentence, and `explain` reads it), so coding and explaining share one code path.
//!
//! This module holds the analysis's data and its order of steps ([`Analysis::run`], and
//! per verb `evaluate`); each step decides one thing, in its own file:
//!
//! - `mentions`: which words are actor and agent phrases, and where clauses end;
//! - `groups`: which mentions make one noun group, and its codes (compounds, titles, envoys);
//! - `verbs`: which words are verbs, their subjects, voice, complements and stretch;
//! - `patterns`: which of a verb's patterns matches, and what its slots hold;
//! - `factuality`: whether the act is denied, negated, hypothetical or asked about;
//! - `roles`: the source and target of a coded verb (and a meeting at a third location);
//! - `emit`: the events a verb's source and target groups make.

mod emit;
mod factuality;
mod groups;
mod mentions;
mod patterns;
mod roles;
#[cfg(test)]
mod tests;
mod verbs;

use crate::compile::Compiled;
use crate::lexicon::WordId;
use crate::syntax::ADVERBS;
use crate::text::{tokenize, upper_into, Kind, Token};
use entente_core::Date;
use entente_dict::CodeSpec;

/// A dictionary phrase found in the sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MKind {
    /// An actor (index into the dictionaries' actors) and its code on the document date.
    Actor(u32),
    /// An agent (index into the compiled agents).
    Agent(u32),
}

/// An actor or agent phrase: tokens `[start, end)`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub end: usize,
    pub kind: MKind,
}

/// One coded actor of a noun group, with its tokens.
#[derive(Debug, Clone)]
pub(crate) struct Member {
    pub code: String,
    pub start: usize,
    pub end: usize,
}

/// A noun group: one actor, or a compound ("Russia and Iran"), over tokens `[start, end)`.
/// A group of agents with no country has no members: it can be a subject but codes nothing.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub start: usize,
    pub end: usize,
    pub members: Vec<Member>,
    /// The agent codes of a group that is one agent with no country ("ministers" → `GOV`,
    /// "police" → `COP`): it takes the country of the other side of a domestic event.
    pub agent_only: Option<String>,
}

/// A verb found in the sentence: tokens `[start, end)` and the compiled verb.
#[derive(Debug, Clone, Copy)]
pub(crate) struct VerbOcc {
    pub start: usize,
    pub end: usize,
    pub verb: u32,
}

/// Why a verb produced no event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reject {
    Negated(String),
    Modal(String),
    Conditional(String),
    Denied(String),
    Belief(String),
    Complement(usize),
    InsidePattern(usize),
    NullCode,
    NoSource,
    NoTarget,
    PassiveWithoutAgent,
    SelfEvent,
    Question,
}

impl std::fmt::Display for Reject {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reject::Negated(w) => write!(f, "negated by {w:?}"),
            Reject::Modal(w) => write!(f, "hypothetical: modal {w:?}"),
            Reject::Conditional(w) => write!(f, "hypothetical: {w:?} clause"),
            Reject::Denied(w) => write!(f, "denied, refused or not done: governed by {w:?}"),
            Reject::Belief(w) => write!(f, "reported as a belief or expectation ({w:?}), not as a fact"),
            Reject::Complement(k) => write!(f, "complement of verb #{k}, which coded the event"),
            Reject::InsidePattern(k) => write!(f, "part of the pattern of verb #{k}"),
            Reject::NullCode => write!(f, "the verb or pattern has the null code ---"),
            Reject::NoSource => write!(f, "no source actor (none before the verb, or an agent with no country)"),
            Reject::NoTarget => write!(f, "no target actor"),
            Reject::PassiveWithoutAgent => write!(f, "passive voice with no \"by\" agent"),
            Reject::SelfEvent => write!(f, "source and target are the same actor"),
            Reject::Question => write!(f, "the sentence is a question"),
        }
    }
}

/// An event of the sentence: codes and token ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Ev {
    pub source: String,
    pub target: String,
    pub code: String,
    pub source_toks: (usize, usize),
    pub target_toks: Option<(usize, usize)>,
    pub verb_toks: (usize, usize),
    pub verb_index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum State {
    #[default]
    Pending,
    Busy,
    Done,
}

/// What became of one verb.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    state: State,
    /// Group that is the verb's grammatical subject (nearest before it in its clause).
    pub subject: Option<usize>,
    /// Group used as the source.
    pub source: Option<usize>,
    /// Group used as the target.
    pub target: Option<usize>,
    pub passive: bool,
    /// A verb with no subject of its own that must not inherit one (participle, subordinate).
    pub orphan: bool,
    /// The earlier verb whose subject this one shares when it has none.
    pub inherit: Option<usize>,
    /// The verb this one is an infinitive or gerund complement of.
    pub governor: Option<usize>,
    /// Index into the block's sorted patterns of the pattern that matched.
    pub pattern: Option<usize>,
    pub code: Option<CodeSpec>,
    /// Token ranges the pattern matched.
    pub touched: Vec<(usize, usize)>,
    pub reject: Option<Reject>,
    pub events: usize,
}

/// Scratch state for one sentence; reused across sentences to avoid allocation.
#[derive(Debug, Default)]
pub(crate) struct Analysis {
    pub tokens: Vec<Token>,
    pub up: String,
    pub tids: crate::lexicon::TokenIds,
    pub mentions: Vec<Mention>,
    pub groups: Vec<Group>,
    pub verbs: Vec<VerbOcc>,
    pub outcomes: Vec<Outcome>,
    pub events: Vec<Ev>,
    /// The discard that matched: index into the compiled discards.
    pub discard: Option<u32>,
    /// Token index where each clause ends (exclusive), per token.
    clause_end: Vec<usize>,
    clause_start: Vec<usize>,
    /// Actor codes of mentions, parallel to `mentions` (empty for agents).
    codes: Vec<String>,
    /// Sorted ids of the words, and of the stem words, in the sentence: the pattern filter.
    present: Vec<WordId>,
    present_stems: Vec<WordId>,
    /// Surnames of the people named in full earlier in the document, and their actors: "Treasury
    /// Secretary James Baker ... Baker said" (kept across the sentences of one document).
    pub aliases: Vec<(WordId, u32)>,
}

/// Where one verb's rules look: the verb (number `k` in the sentence), its clause and its
/// stretch (the clause up to a subordinate clause or the next verb that is not its complement).
#[derive(Debug, Clone, Copy)]
struct Scope {
    k: usize,
    v: VerbOcc,
    /// Start of the verb's clause.
    cs: usize,
    /// End of the verb's clause.
    clause_end: usize,
    /// End of the verb's stretch.
    ce: usize,
}

impl Analysis {
    fn id(&self, i: usize) -> WordId {
        self.tids.ids.get(i).copied().unwrap_or(crate::lexicon::NO_WORD)
    }

    fn is_in(&self, i: usize, set: &[WordId]) -> bool {
        let id = self.id(i);
        id != crate::lexicon::NO_WORD && set.contains(&id)
    }

    /// Token `i`, upper-cased.
    pub(crate) fn word(&self, i: usize) -> &str {
        let t = self.tokens[i];
        &self.up[t.start as usize..t.end as usize]
    }

    /// An adverb by list or by its "-ly" ending, unless a dictionary names it ("Italy", "Sicily").
    fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        let ly = self.tokens[i].kind == Kind::Word && w.len() > 4 && w.ends_with("LY");
        (ly && !self.mentions.iter().any(|m| m.start <= i && i < m.end)) || ADVERBS.contains(&w)
    }

    /// Every actor mention of the sentence as (first token, end token, the first three letters
    /// of its code: the country part).
    pub(crate) fn actor_countries(&self) -> Vec<(usize, usize, &str)> {
        self.mentions
            .iter()
            .zip(&self.codes)
            .filter_map(|(m, c)| Some((m.start, m.end, c.get(..3)?)))
            .filter(|(_, _, c)| c.bytes().all(|b| b.is_ascii_uppercase()))
            .collect()
    }

    /// The group starting at token `p`.
    fn group_at(&self, p: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start == p)
    }

    /// Codes one sentence: fills every field.
    pub fn run(&mut self, c: &Compiled, text: &str, date: Date) {
        self.tokens.clear();
        self.mentions.clear();
        self.groups.clear();
        self.verbs.clear();
        self.outcomes.clear();
        self.events.clear();
        self.codes.clear();
        self.discard = None;
        tokenize(text, &mut self.tokens);
        upper_into(text, &mut self.up);
        self.tids.clear();
        for t in &self.tokens {
            let w = &self.up[t.start as usize..t.end as usize];
            self.tids.push(&c.lex, w, t.kind == Kind::Word);
        }
        let n = self.tokens.len();
        for i in 0..n {
            if let Some((_, d)) = c.discard_trie.longest(&self.tids, i) {
                self.discard = Some(d);
                return;
            }
        }
        self.tids.present(&mut self.present, &mut self.present_stems);
        self.clauses(c);
        self.find_mentions(c, text, date);
        self.find_groups(c);
        self.find_verbs(c);
        self.outcomes.resize_with(self.verbs.len(), Outcome::default);
        self.prepare_verbs(c);
        for k in 0..self.verbs.len() {
            self.evaluate(c, k);
        }
    }

    /// Learns the surnames of this sentence's people named in full (a dictionary actor of two or
    /// more words with a dated role: an office holder), for the document's later sentences.
    pub(crate) fn learn_aliases(&mut self, c: &Compiled) {
        for m in &self.mentions {
            let MKind::Actor(a) = m.kind else { continue };
            let actor = &c.actors[a as usize];
            if m.end - m.start < 2 || !actor.roles.iter().any(|r| r.is_dated()) || self.tokens[m.end - 1].kind != Kind::Word {
                continue;
            }
            let id = self.id(m.end - 1);
            if !self.aliases.iter().any(|&(w, _)| w == id) {
                self.aliases.push((id, a));
            }
        }
    }

    /// Evaluates verb `k` once (earlier verbs first, as it needs them), recording its rejection.
    fn evaluate(&mut self, c: &Compiled, k: usize) {
        match self.outcomes[k].state {
            State::Done => return,
            State::Busy => return,
            State::Pending => {}
        }
        self.outcomes[k].state = State::Busy;
        let r = self.evaluate_inner(c, k);
        let o = &mut self.outcomes[k];
        o.reject = r.err();
        o.state = State::Done;
    }

    /// Pass 2 for verb `k`: whether it is done at all, its code, its source and target, its
    /// events. The first reason it codes nothing is its rejection.
    fn evaluate_inner(&mut self, c: &Compiled, k: usize) -> Result<(), Reject> {
        let v = self.verbs[k];
        let clause_end = self.clause_end[v.start];
        let ce = self.stretch_end(c, k, v.end, clause_end);
        let s = Scope { k, v, cs: self.clause_start[v.start], clause_end, ce };
        self.check_not_done(c, s)?;
        self.check_earlier_verbs(c, s)?;
        let subject_end = self.outcomes[k].subject.map(|g| self.groups[g].end);
        let (code, st) = self.fire_pattern(c, s, subject_end);
        self.outcomes[k].touched = st.touched.clone();
        self.outcomes[k].code = Some(code.clone());
        let Some(code_str) = code.code.clone() else {
            return Err(Reject::NullCode);
        };
        self.check_factual(c, s, subject_end, &st)?;
        let (sg, target) = self.assign_roles(c, s, &code, &st)?;
        let code_str = self.third_location(c, s, sg, target, code_str);
        self.emit(s, (sg, target), &code_str, code.paired.as_deref(), &st)
    }

    /// Inside an earlier verb's pattern ("agreed to send troops" matched by AGREE's pattern), or
    /// the complement of a verb that coded the event: nothing of its own. A complement with no
    /// subject takes its governor's source.
    fn check_earlier_verbs(&mut self, c: &Compiled, s: Scope) -> Result<(), Reject> {
        let (k, v) = (s.k, s.v);
        for j in 0..k {
            self.evaluate(c, j);
            let o = &self.outcomes[j];
            if o.touched.iter().any(|&(a, b)| a <= v.start && v.start < b) {
                return Err(Reject::InsidePattern(j));
            }
        }
        if let Some(g) = self.outcomes[k].governor {
            self.evaluate(c, g);
            if self.outcomes[g].events > 0 {
                return Err(Reject::Complement(g));
            }
            if self.outcomes[k].subject.is_none() {
                self.outcomes[k].source = self.outcomes[g].source;
            }
        }
        Ok(())
    }
}
