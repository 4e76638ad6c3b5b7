//! One sentence into events: actor mentions, noun groups, verbs, patterns, sources and targets.
//!
//! The analysis keeps every intermediate result (it is the scratch space reused from sentence to
//! sentence, and `explain` reads it), so coding and explaining share one code path.

use crate::compile::{CPattern, Compiled, Elem};
use crate::lexicon::{PWord, WordId};
use crate::text::{tokenize, upper_into, Kind, Token};
use entente_core::{ActorCode, Date};
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
}

#[derive(Debug, Clone, Default)]
struct PState {
    source: Option<usize>,
    target: Option<usize>,
    compound: bool,
    touched: Vec<(usize, usize)>,
}

/// Largest compound subject read as acting on each other: "the G7 agreed" over seven names
/// would make 42 events that say less than the sentence.
const MAX_RECIPROCAL: usize = 4;

/// Largest number of tokens between the preposition and its object in `(TO +)`.
const PREP_GAP: usize = 3;

impl Analysis {
    fn id(&self, i: usize) -> WordId {
        self.tids.ids.get(i).copied().unwrap_or(crate::lexicon::NO_WORD)
    }

    fn is_in(&self, i: usize, set: &[WordId]) -> bool {
        let id = self.id(i);
        id != crate::lexicon::NO_WORD && set.contains(&id)
    }

    fn word(&self, i: usize) -> &str {
        let t = self.tokens[i];
        &self.up[t.start as usize..t.end as usize]
    }

    fn is_adverb(&self, i: usize) -> bool {
        let w = self.word(i);
        self.tokens[i].kind == Kind::Word && w.len() > 4 && w.ends_with("LY")
            || matches!(w, "ALSO" | "NOW" | "ALREADY" | "STILL" | "AGAIN" | "JUST" | "EVEN" | "EVER" | "SOON" | "REPORTEDLY" | "THEN")
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

    fn clauses(&mut self, c: &Compiled) {
        let n = self.tokens.len();
        self.clause_end.clear();
        self.clause_start.clear();
        self.clause_end.resize(n, n);
        self.clause_start.resize(n, 0);
        let mut start = 0;
        for i in 0..n {
            self.clause_start[i] = start;
            if self.is_in(i, &c.fw.clause_ends) || self.word(i) == ";" {
                start = i + 1;
            }
        }
        let mut end = n;
        for i in (0..n).rev() {
            if self.is_in(i, &c.fw.clause_ends) || self.word(i) == ";" {
                end = i;
            }
            self.clause_end[i] = end;
        }
    }

    fn find_mentions(&mut self, c: &Compiled, text: &str, date: Date) {
        let n = self.tokens.len();
        let mut i = 0;
        while i < n {
            if self.tokens[i].kind == Kind::Punct {
                i += 1;
                continue;
            }
            let actor = c.actor_trie.longest(&self.tids, i);
            let agent = c.agent_trie.longest(&self.tids, i);
            let actor_len = actor.map_or(0, |(e, _)| e - i);
            let agent_len = agent.map_or(0, |(e, _)| e - i);
            if actor_len > 0 && actor_len >= agent_len {
                let (end, a) = actor.unwrap_or((i + 1, 0));
                // Proper names are capitalised: "us" and "chad" in lower case are not actors.
                let capital = (i..end).any(|k| {
                    let t = self.tokens[k];
                    text[t.start as usize..].chars().next().is_some_and(|ch| ch.is_uppercase() || ch.is_ascii_digit())
                });
                let code = c.actors[a as usize].code_on(date).unwrap_or("");
                if capital {
                    if !code.is_empty() && !code.starts_with('-') && ActorCode::parse(code).is_ok() {
                        self.mentions.push(Mention { start: i, end, kind: MKind::Actor(a) });
                        self.codes.push(code.to_string());
                    }
                    // A null-coded actor ([---]) still takes its words: they are no one else.
                    i = end;
                    continue;
                }
            }
            if agent_len > 0 {
                let (end, g) = agent.unwrap_or((i + 1, 0));
                self.mentions.push(Mention { start: i, end, kind: MKind::Agent(g) });
                self.codes.push(String::new());
                i = end;
                continue;
            }
            i += 1;
        }
    }

    /// Composes adjacent mentions into units and units into compound groups.
    fn find_groups(&mut self, c: &Compiled) {
        let mut m = 0;
        while m < self.mentions.len() {
            let (list, next) = self.parse_list(c, m);
            let mut start = usize::MAX;
            let mut end = 0;
            let mut members = Vec::new();
            let mut next = next;
            for u in &list {
                start = start.min(u.start);
                end = end.max(u.end);
            }
            // "Lawmakers and officials in Freedonia and Sylvania": agents distributed over the actors.
            let all_agents = list.iter().all(|u| u.actors.is_empty());
            if all_agents && next < self.mentions.len() {
                let mut k = end;
                if k < self.tokens.len() && self.is_in(k, &c.fw.of_in_from) {
                    k += 1;
                    // "civilians in central Mali", "soldiers in the occupied West Bank".
                    let mut skipped = 0;
                    while k < self.tokens.len()
                        && skipped < 2
                        && self.mentions[next].start != k
                        && self.is_in(k, &c.fw.place_words)
                        && !self.is_in(k, &c.fw.of_in_from)
                    {
                        k += 1;
                        skipped += 1;
                    }
                    if self.mentions[next].start == k && matches!(self.mentions[next].kind, MKind::Actor(_)) {
                        let (places, after) = self.parse_list(c, next);
                        for a in &list {
                            for p in &places {
                                let mut u = p.clone();
                                u.agents.extend(a.agents.iter().copied());
                                if let Some(code) = self.unit_code(c, &u, None) {
                                    members.push(Member { code, start: a.start, end: p.end });
                                }
                            }
                        }
                        for p in &places {
                            end = end.max(p.end);
                        }
                        next = after;
                        self.groups.push(Group { start, end, members });
                        m = next;
                        continue;
                    }
                }
            }
            // "Indian and Pakistani officials", "U.S. and Russian troops": adjectives of
            // nationality before one agent noun all take it.
            let mut list = list;
            if list.len() > 1 {
                let last = list.last().cloned();
                if let Some(last) = last.filter(|l| !l.actors.is_empty() && !l.agents.is_empty() && !l.titled) {
                    let adjectival = |u: &Unit| {
                        let w = self.word(u.end - 1);
                        u.actors.len() == 1
                            && u.agents.is_empty()
                            && u.end == self.mentions[u.actors[0]].end
                            && (w == "U.S." || ["AN", "ESE", "ISH", "I", "CH"].iter().any(|x| w.ends_with(x)))
                    };
                    let n = list.len();
                    if list[..n - 1].iter().all(adjectival) && list[..n - 1].iter().all(|u| u.end - u.start == 1 || self.word(u.end - 1) == "U.S.") {
                        for u in &mut list[..n - 1] {
                            u.agents.extend(last.agents.iter().copied());
                        }
                    }
                }
            }
            let mut prev_primary: Option<String> = None;
            for u in &list {
                if let Some(code) = self.unit_code(c, u, prev_primary.as_deref()) {
                    prev_primary = Some(code[..3].to_string());
                    members.push(Member { code, start: u.start, end: u.end });
                }
            }
            // "Russia's ambassador to Iran said": the country an envoy is posted to belongs to the
            // envoy's group and is no actor of its own (not the subject of "said", not a target).
            if let Some(last) = list.last().filter(|u| !u.actors.is_empty() && !u.agents.is_empty() && u.end == end) {
                let envoy = matches!(self.word(last.end - 1), "AMBASSADOR" | "AMBASSADORS" | "ENVOY" | "ENVOYS" | "EMISSARY");
                if envoy && end + 1 < self.tokens.len() && self.id(end) == c.fw.to && next < self.mentions.len() {
                    let mut k = end + 1;
                    if self.id(k) == c.fw.the {
                        k += 1;
                    }
                    if self.mentions[next].start == k && matches!(self.mentions[next].kind, MKind::Actor(_)) {
                        let (post, after) = self.parse_unit(c, next);
                        end = post.end;
                        next = after;
                    }
                }
            }
            self.groups.push(Group { start, end, members });
            m = next;
        }
    }

    fn parse_unit(&self, c: &Compiled, m: usize) -> (Unit, usize) {
        let first = self.mentions[m];
        let mut u = Unit { start: first.start, end: first.end, actors: Vec::new(), agents: Vec::new(), titled: false };
        let mut j = m;
        loop {
            match self.mentions[j].kind {
                MKind::Actor(_) => {
                    u.titled |= !u.agents.is_empty();
                    u.actors.push(j)
                }
                MKind::Agent(a) => u.agents.push(a),
            }
            j += 1;
            if j >= self.mentions.len() {
                break;
            }
            let nx = self.mentions[j];
            // "told reporters Iran had ...": a plural agent before a name is no title.
            let plural_agent = matches!(self.mentions[j - 1].kind, MKind::Agent(_))
                && matches!(nx.kind, MKind::Actor(_))
                && self.word(self.mentions[j - 1].end - 1).ends_with('S')
                && !self.word(self.mentions[j - 1].end - 1).ends_with("SS");
            let adjacent = (nx.start == u.end && !plural_agent)
                || (nx.start == u.end + 1 && self.is_in(u.end, &c.fw.possessives));
            if !adjacent {
                break;
            }
            u.end = nx.end;
        }
        (u, j)
    }

    fn parse_list(&self, c: &Compiled, m: usize) -> (Vec<Unit>, usize) {
        let (u, mut next) = self.parse_unit(c, m);
        let mut end = u.end;
        // "In Paris, Britain and Canada agreed": a place in an opening prepositional phrase ends
        // at the comma.
        let after_prep = u.start > 0
            && self.is_in(u.start - 1, &c.fw.prepositions)
            && self.clause_start[u.start - 1] == u.start - 1;
        let mut list = vec![u];
        // Per unit: whether "and"/"or" joined it, and the mention after it.
        let mut joins = vec![(true, next)];
        let n = self.tokens.len();
        while next < self.mentions.len() {
            let mut k = end;
            let mut sep = false;
            let mut and = false;
            while k < n && (self.id(k) == c.fw.comma || self.is_in(k, &c.fw.and)) {
                sep = true;
                and |= self.is_in(k, &c.fw.and);
                k += 1;
            }
            if !sep || (after_prep && list.len() == 1 && !and) {
                break;
            }
            while k < n && self.id(k) == c.fw.the {
                k += 1;
            }
            // "Freedonia and the evil awful Sylvania": up to two lower-case modifiers.
            let mut skipped = 0;
            while k < n && skipped < 2 && self.mentions[next].start != k && self.is_modifier(c, k) {
                k += 1;
                skipped += 1;
            }
            if self.mentions[next].start != k {
                break;
            }
            let (mut u, mut after) = self.parse_unit(c, next);
            // "Ruritania and the government of Sylvania": a later agent takes its own country.
            if u.actors.is_empty() && after < self.mentions.len() && list.iter().any(|x| !x.actors.is_empty()) {
                let mut k = u.end;
                if k < n && self.is_in(k, &c.fw.of_in_from) {
                    k += 1;
                    if k < n && self.id(k) == c.fw.the {
                        k += 1;
                    }
                    if self.mentions[after].start == k && matches!(self.mentions[after].kind, MKind::Actor(_)) {
                        let (place, after2) = self.parse_unit(c, after);
                        u.actors.extend(place.actors);
                        u.agents.extend(place.agents);
                        u.end = place.end;
                        after = after2;
                    }
                }
            }
            end = u.end;
            list.push(u);
            next = after;
            joins.push((and, after));
        }
        // "Russia has bought shells from North Korea, U.S. officials said", "According to Seoul,
        // North Korea has shipped": a list ends with "and" or "or"; units joined by commas only
        // after the last of them are not in it.
        let keep = joins.iter().rposition(|j| j.0).unwrap_or(0);
        if keep + 1 < list.len() {
            list.truncate(keep + 1);
            next = joins[keep].1;
        }
        (list, next)
    }

    fn is_modifier(&self, c: &Compiled, k: usize) -> bool {
        let t = self.tokens[k];
        t.kind == Kind::Word
            && self.up.as_bytes().get(t.start as usize).is_some()
            && c.verb_trie.longest(&self.tids, k).is_none()
            && !self.is_in(k, &c.fw.determiners)
    }

    /// The code of a unit: its actors merged, then its agents' segments appended.
    /// An agent-only unit takes `inherit` (the previous unit's actor in a compound) if given.
    fn unit_code(&self, c: &Compiled, u: &Unit, inherit: Option<&str>) -> Option<String> {
        let mut base: Option<String> = None;
        for &mi in &u.actors {
            let a = &self.codes[mi];
            base = Some(match base {
                None => a.clone(),
                Some(b) => merge_actor_codes(b, a),
            });
        }
        let mut code = match base {
            Some(b) => b,
            None => inherit?.to_string(),
        };
        // "Iranian Prime Minister Mir-Hossein Mousavi": a person's own dated code already says
        // what the title says; the title must not be added on top.
        if u.titled && code.len() > 3 {
            return Some(code);
        }
        for &ai in &u.agents {
            let ag = &c.agents[ai as usize];
            if ag.code.is_empty() || !ag.code.len().is_multiple_of(3) || !ag.code.is_ascii() {
                continue;
            }
            if ag.suffix {
                for k in (0..ag.code.len()).step_by(3) {
                    let seg = &ag.code[k..k + 3];
                    let present = (3..code.len()).step_by(3).any(|j| code.get(j..j + 3) == Some(seg));
                    if !present && code.get(..3) != Some(seg) {
                        code.push_str(seg);
                    }
                }
            } else if !code.starts_with(&ag.code) {
                code = format!("{}{}", ag.code, code);
            }
        }
        Some(code)
    }

    fn find_verbs(&mut self, c: &Compiled) {
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
        // "the Venezuelan talks": a nationality adjective after a determiner qualifies a noun.
        let after_group = self.groups.iter().any(|g| {
            g.end == j && {
                let last = self.word(g.end - 1);
                let adjectival = ["AN", "ESE", "ISH", "I", "IC"].iter().any(|s| last.ends_with(s));
                !(adjectival && g.end - g.start == 1 && g.start > 0 && self.is_in(g.start - 1, &c.fw.determiners))
            }
        });
        let after_verb = self.verbs.last().is_some_and(|pv| pv.end == j);
        let w = self.word(i);
        let base = self.id(i) == c.verbs[v as usize].base;
        if w.ends_with("ING") && !base {
            self.is_in(prev, &c.fw.ing_cues) || after_verb
        } else if base {
            // A bare form after an adjective or a preposition is a noun ("agricultural reform",
            // "for reform"); after a plain noun it is the verb ("crowds attack", "the mayor
            // left": past tenses like LEFT are dictionary base forms too).
            let p = self.word(prev);
            let adjective = self.tokens[prev].kind == Kind::Word
                && p.len() > 4
                && ["AL", "IC", "ARY", "IVE", "OUS", "ING", "FUL", "ESE", "IAN", "ERN", "ANT", "ENT"].iter().any(|s| p.ends_with(s));
            after_group
                || after_verb
                || self.is_in(prev, &c.fw.base_cues)
                || !(adjective
                    || self.is_in(prev, &c.fw.prepositions)
                    || self.tokens[prev].kind != Kind::Word
                    || self.clause_has_verb(c, i))
        } else if w.ends_with('S') && !w.ends_with("SS") {
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
            !in_group(j)
                && (self.is_in(j, &c.fw.subordinators)
                    || self.is_in(j, &c.fw.coordinators)
                    || matches!(self.word(j), "WHO" | "WHICH" | "THAT" | ","))
        })
    }

    /// Pass 1: subjects, voice, complements; no events yet.
    fn prepare_verbs(&mut self, c: &Compiled) {
        // The last verb with a subject of its own (or a shared one): participles and
        // subordinate verbs are skipped, so "the minister, in remarks published on Monday,
        // urged" finds "the minister" for "urged".
        let mut prev_main: Option<usize> = None;
        for k in 0..self.verbs.len() {
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
            let prep_gerund = self.word(v.start).ends_with("ING")
                && q == p
                && p > 0
                && self.is_in(p - 1, &c.fw.prepositions)
                && self.id(p - 1) != c.fw.by;
            let subject = if subordinate || noun_subject || prep_gerund { None } else { subject };
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
            let passive = b > 0 && self.is_in(b - 1, &c.fw.be) && !head_word.ends_with("ING");
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
            if !orphan {
                prev_main = Some(k);
            }
        }
        // Sources: the subject, else (coordinated or complement verbs) the previous verb's.
        for k in 0..self.verbs.len() {
            let o = &self.outcomes[k];
            let src = match (o.subject, o.orphan, o.inherit) {
                (Some(g), _, _) => Some(g),
                (None, false, Some(j)) => {
                    let prev = &self.outcomes[j];
                    if prev.passive { prev.subject } else { prev.source }
                }
                _ => None,
            };
            self.outcomes[k].source = src;
        }
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

    fn group_at(&self, p: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start == p)
    }

    /// The first group starting at or after `from` and before `limit`.
    fn group_from(&self, from: usize, limit: usize) -> Option<usize> {
        self.groups.iter().position(|g| g.start >= from && g.start < limit && !g.members.is_empty())
    }

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

    fn evaluate_inner(&mut self, c: &Compiled, k: usize) -> Result<(), Reject> {
        let v = self.verbs[k];
        let cv = &c.verbs[v.verb as usize];
        let block = &c.blocks[cv.block as usize];
        let clause_end = self.clause_end[v.start];
        let ce = self.stretch_end(c, k, v.end, clause_end);
        let cs = self.clause_start[v.start];

        // Denial governs what follows it: "denied sending", "refused to attack".
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
        // "Turkey stopped short of imposing sanctions": nothing was done.
        if v.end + 1 < self.tokens.len() && self.word(v.end) == "SHORT" && self.word(v.end + 1) == "OF" {
            return Err(Reject::Denied("SHORT OF".into()));
        }
        if self.tokens.last().is_some_and(|t| &self.up[t.start as usize..t.end as usize] == "?") {
            return Err(Reject::Question);
        }
        // Inside an earlier verb's pattern ("agreed to send troops" matched by AGREE's pattern).
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

        // Patterns, most specific first.
        let subject_end = self.outcomes[k].subject.map(|g| self.groups[g].end);
        let actor_lo = if self.outcomes[k].governor.is_some() {
            cs
        } else {
            self.verbs[..k].iter().rev().find(|w| w.end <= v.start).map_or(cs, |w| w.end.max(cs))
        };
        // "demanded that Russia release ...": a pattern opening with (THAT +) describes the
        // clause it introduces, so it reaches past that clause's verb (to a subordinator or the
        // clause end); the verb it matches is then part of the pattern and codes nothing itself.
        let that_ce = if v.end < clause_end && self.id(v.end) == c.fw.that {
            (v.end..clause_end).find(|&i| self.is_in(i, &c.fw.subordinators)).unwrap_or(clause_end)
        } else {
            ce
        };
        let mut fired = None;
        // A pattern opening with `%` ("% * &DRILL") is for a compound subject only.
        let compound_subject = self.outcomes[k]
            .subject
            .or(self.outcomes[k].source)
            .is_some_and(|g| self.groups[g].members.len() >= 2);
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
        let (code, st) = match fired {
            Some((pi, st)) => {
                self.outcomes[k].pattern = Some(pi);
                (block.patterns[pi].code.clone(), st)
            }
            None => (cv.code.clone().unwrap_or_else(|| block.code.clone()), PState::default()),
        };
        self.outcomes[k].touched = st.touched.clone();
        self.outcomes[k].code = Some(code.clone());
        let Some(code_str) = code.code.clone() else {
            return Err(Reject::NullCode);
        };

        // Negation and hypotheticals between the subject and the verb, unless the pattern used them.
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

        // Source and target.
        let o = &self.outcomes[k];
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
        // "India refused to condemn Russia": unless a pattern says what was refused ("refused to
        // lift sanctions", 1244), the refusal is of an act, not of Russia, and has no target.
        let refuses_act = self.outcomes[k].pattern.is_none()
            && self.is_in(v.start, &c.fw.denials)
            && v.end < self.tokens.len()
            && self.id(v.end) == c.fw.to;
        if target.is_none() && !o.passive && !refuses_act {
            target = self.default_target(k, v.end, ce, source);
        }
        // "Egypt and Qatar held talks in Cairo": after a compound subject of a mutual act, a
        // place after "in" (unless the pattern's target slot is there) is where they met, not a
        // third party; so is a place or venue after "at" for a cooperative act ("held talks at
        // the United Nations"), though not for fighting ("fired at Chinese troops").
        if let (Some(t), Some(sg)) = (target, source) {
            let ts = self.groups[t].start;
            let n = self.groups[sg].members.len();
            let prep = self.place_prep(c, ts).filter(|&p| {
                self.word(p) == "IN" || code.code.as_deref().is_some_and(|k| matches!(k.get(..2), Some("03" | "04" | "05" | "06" | "08")))
            });
            if let Some(p) = prep {
                if ts > v.end
                    && !(st.target == Some(t) && st.touched.iter().any(|&(a, b)| a <= p && p < b))
                    && (2..=MAX_RECIPROCAL).contains(&n)
                    && code.code.as_deref().is_some_and(reciprocal)
                {
                    target = None;
                }
            }
        }
        // "celebrated Iftar in Zenda with the leaders of Sylvania": a place after "in" (unless
        // the pattern names the "in") gives way to the party after a later "with".
        if let Some(t) = target {
            let ts = self.groups[t].start;
            let prep = self.place_prep(c, ts).filter(|&p| self.word(p) == "IN");
            if ts > v.end && prep.is_some_and(|p| !st.touched.iter().any(|&(a, b)| a <= p && p < b)) {
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
                        target = g;
                    }
                }
            }
        }
        // "Iran denied that it had supplied missiles to Russia": the denied act codes nothing
        // (see above), and the denial takes its target from the act's object, past the subject
        // of the denied verb.
        if target.is_none() && !self.outcomes[k].passive && !refuses_act && self.is_in(v.start, &c.fw.denials) {
            let end = (v.end..clause_end).find(|&i| self.is_in(i, &c.fw.subordinators)).unwrap_or(clause_end);
            target = (0..self.groups.len()).find(|&g| {
                let gr = &self.groups[g];
                gr.start >= v.end
                    && gr.start < end
                    && !gr.members.is_empty()
                    && Some(g) != source
                    && !(k + 1..self.verbs.len()).any(|w| self.outcomes[w].subject == Some(g))
            });
        }
        let Some(sg) = source else { return Err(Reject::NoSource) };
        if self.groups[sg].members.is_empty() {
            return Err(Reject::NoSource);
        }
        self.outcomes[k].source = Some(sg);
        self.outcomes[k].target = target;
        // "Senior U.S. and Russian officials held talks in Riyadh": a generic meeting (040) in a
        // country that is neither side's is a meeting at a third location (044).
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
        let paired = code.paired.clone();
        let mut made = 0;
        let mut selfish = false;
        let verb_toks = (v.start, v.end);
        let src_members = self.groups[sg].members.clone();
        match target.filter(|&t| !self.groups[t].members.is_empty()) {
            Some(tg) if !st.compound => {
                let tgt_members = self.groups[tg].members.clone();
                for s in &src_members {
                    for t in &tgt_members {
                        if s.code == t.code {
                            selfish = true;
                            continue;
                        }
                        made += self.push_event(s, Some(t), &code_str, verb_toks, k);
                        if let Some(pc) = &paired {
                            made += self.push_event(t, Some(s), pc, verb_toks, k);
                        }
                    }
                }
            }
            _ if (2..=MAX_RECIPROCAL).contains(&src_members.len()) && (st.compound || reciprocal(&code_str)) => {
                // "Russia and Iran signed a treaty": a compound subject acts on each other.
                for s in &src_members {
                    for t in &src_members {
                        if s.code != t.code {
                            made += self.push_event(s, Some(t), &code_str, verb_toks, k);
                        }
                    }
                }
            }
            _ => return Err(Reject::NoTarget),
        }
        self.outcomes[k].events = made;
        if made == 0 && selfish {
            return Err(Reject::SelfEvent);
        }
        Ok(())
    }

    fn push_event(&mut self, s: &Member, t: Option<&Member>, code: &str, verb_toks: (usize, usize), k: usize) -> usize {
        let ev = Ev {
            source: s.code.clone(),
            target: t.map_or(String::new(), |t| t.code.clone()),
            code: code.to_string(),
            source_toks: (s.start, s.end),
            target_toks: t.map(|t| (t.start, t.end)),
            verb_toks,
            verb_index: k,
        };
        if self.events.iter().any(|e| e.source == ev.source && e.target == ev.target && e.code == ev.code) {
            return 0;
        }
        self.events.push(ev);
        1
    }

    /// The first group after the verb in its clause, unless it is the subject of a later verb
    /// that codes its own event ("X said Y attacked Z": Y is not X's target).
    /// Where the verb's own stretch ends: at a subordinate clause or the next verb that is not
    /// its complement. Its patterns and its object stay inside.
    fn stretch_end(&self, c: &Compiled, k: usize, from: usize, ce: usize) -> usize {
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

    /// The first group after the verb within its stretch, unless it is the subject of a later
    /// verb ("X said Y attacked Z": Y is not X's target).
    fn default_target(&mut self, k: usize, from: usize, limit: usize, source: Option<usize>) -> Option<usize> {
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

    fn match_pattern(&self, c: &Compiled, pat: &CPattern, lo: usize, v: VerbOcc, ce: usize) -> Option<PState> {
        // Most patterns name a word the sentence does not have: skip them before matching.
        let have = |w: &PWord| {
            if w.stem { self.present_stems.binary_search(&w.id).is_ok() } else { self.present.binary_search(&w.id).is_ok() }
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

/// Can an event of `code` with a compound subject and no target be read as the members acting
/// on each other? Meetings, agreements, ties, cooperation, reductions and fighting are mutual;
/// statements, appeals, aid, demands, criticism, threats, protests and attacks are directed.
fn reciprocal(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "08" | "12" | "16" | "19"))
}

/// Merges two adjacent actors' codes into one.
///
/// Same primary: the longer (more specific) wins ("Bree" + "Prime Minister Romendacil" →
/// `BREGOV`). An organisation before a country takes it as its location (`NGO` + `ARN` →
/// `NGOARN`). A person with a role after a plain country is that person (`IRN` + `IRNGOV`).
/// Otherwise the first actor stands.
fn merge_actor_codes(base: String, next: &str) -> String {
    if next.len() < 3 || base.len() < 3 {
        return if base.len() >= next.len() { base } else { next.to_string() };
    }
    if base[..3] == next[..3] {
        return if next.len() > base.len() { next.to_string() } else { base };
    }
    let base_country = ActorCode::parse(&base).ok().and_then(|a| a.country().map(str::to_string));
    let next_country = ActorCode::parse(next).ok().and_then(|a| a.country().map(str::to_string));
    match (base_country, next_country) {
        (None, Some(_)) if base.len() == 3 => format!("{base}{next}"),
        (Some(_), _) if base.len() == 3 && next.len() > 3 => next.to_string(),
        _ => base,
    }
}

/// A run of adjacent mentions: "Iran's defence minister", "Bree Prime Minister Romendacil".
#[derive(Debug, Clone)]
struct Unit {
    start: usize,
    end: usize,
    /// Indices into the mentions.
    actors: Vec<usize>,
    /// Indices into the compiled agents.
    agents: Vec<u32>,
    /// An actor follows an agent: a title before a name ("Prime Minister Mousavi").
    titled: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use entente_dict::{Actor, Agent, Dictionaries, Origin, Phrase, Role, Verb, VerbBlock};

    fn dicts() -> Dictionaries {
        let o = Origin { file: "t".into(), line: 1 };
        let ph = |s: &str| Phrase { words: s.split(' ').map(str::to_string).collect(), stem: false };
        let actor = |n: &str, c: &str| Actor {
            phrases: vec![ph(n)],
            roles: vec![Role { code: c.into(), from: None, to: None }],
            origin: o.clone(),
        };
        Dictionaries {
            actors: vec![actor("RUSSIA", "RUS"), actor("IRAN", "IRN"), actor("SERGEI LAVROV", "RUSGOV")],
            agents: vec![Agent {
                phrases: vec![ph("FOREIGN MINISTER"), ph("MEDIA")],
                code: "GOV".into(),
                suffix: true,
                origin: o.clone(),
            }],
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
    fn merges_actor_codes() {
        assert_eq!(merge_actor_codes("BRE".into(), "BREGOV"), "BREGOV");
        assert_eq!(merge_actor_codes("NGO".into(), "ARN"), "NGOARN");
        assert_eq!(merge_actor_codes("IRN".into(), "RUSGOV"), "RUSGOV");
        assert_eq!(merge_actor_codes("RUS".into(), "IRN"), "RUS");
        assert_eq!(merge_actor_codes("X".into(), "IRN"), "IRN");
    }

    #[test]
    fn only_mutual_codes_are_reciprocal() {
        assert!(reciprocal("057") && reciprocal("040") && reciprocal("190"));
        assert!(!reciprocal("010") && !reciprocal("070") && !reciprocal("180") && !reciprocal(""));
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
}
