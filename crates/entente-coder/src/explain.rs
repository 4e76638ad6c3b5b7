//! `explain`: the analysis of one sentence, laid out for a person to read.

use crate::analyze::{Analysis, MKind};
use crate::compile::Compiled;
use entente_core::Date;
use std::fmt;

/// An actor or agent phrase found in the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseMatch {
    /// The words as they appear in the sentence.
    pub text: String,
    /// `actor` or `agent`.
    pub kind: &'static str,
    /// The actor's code on the date, or the agent's code.
    pub code: String,
    /// Dictionary file and line.
    pub origin: String,
}

/// What became of one verb.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbReport {
    /// The words as they appear in the sentence.
    pub text: String,
    /// The dictionary verb and its block, e.g. `SEND (block SEND)`.
    pub verb: String,
    /// Dictionary file and line of the verb.
    pub origin: String,
    /// The pattern that fired and its file and line.
    pub pattern: Option<(String, String)>,
    /// The code the verb or pattern assigns (`---` for the null code).
    pub code: Option<String>,
    /// The source actor(s) chosen.
    pub source: Option<String>,
    /// The target actor(s) chosen.
    pub target: Option<String>,
    /// Passive voice was detected.
    pub passive: bool,
    /// Why no event came of it, if none did.
    pub rejected: Option<String>,
}

/// How a sentence is coded, stage by stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// The sentence.
    pub sentence: String,
    /// The date dated roles were resolved on.
    pub date: Date,
    /// The tokens.
    pub tokens: Vec<String>,
    /// The discard phrase that stopped coding (with its file and line), if any.
    pub discard: Option<String>,
    /// Actor and agent phrases.
    pub phrases: Vec<PhraseMatch>,
    /// Noun groups: the actors as composed ("Russia and Iran" → `RUS, IRN`).
    pub groups: Vec<String>,
    /// The verbs.
    pub verbs: Vec<VerbReport>,
    /// The events: (source, target, code).
    pub events: Vec<(String, String, String)>,
    /// Events the analysis found that the news policy dropped, with why.
    pub dropped: Vec<((String, String, String), String)>,
}

fn origin(o: &entente_dict::Origin) -> String {
    format!("{}:{}", o.file, o.line)
}

impl Explanation {
    pub(crate) fn from_analysis(c: &Compiled, a: &Analysis, sentence: &str, date: Date) -> Explanation {
        let span = |s: usize, e: usize| -> String {
            if s >= e || e > a.tokens.len() {
                return String::new();
            }
            sentence[a.tokens[s].start as usize..a.tokens[e - 1].end as usize].to_string()
        };
        let group_text = |g: usize| -> String {
            let gr = &a.groups[g];
            let codes: Vec<&str> = gr.members.iter().map(|m| m.code.as_str()).collect();
            let codes = if codes.is_empty() { "no code".to_string() } else { codes.join(", ") };
            format!("{:?} = {codes}", span(gr.start, gr.end))
        };
        let phrases = a
            .mentions
            .iter()
            .map(|m| match m.kind {
                MKind::Actor(i) => {
                    let actor = &c.actors[i as usize];
                    PhraseMatch {
                        text: span(m.start, m.end),
                        kind: "actor",
                        code: actor.code_on(date).unwrap_or("").to_string(),
                        origin: origin(&actor.origin),
                    }
                }
                MKind::Agent(i) => {
                    let ag = &c.agents[i as usize];
                    PhraseMatch {
                        text: span(m.start, m.end),
                        kind: "agent",
                        code: if ag.suffix { format!("~{}", ag.code) } else { format!("{}~", ag.code) },
                        origin: origin(&ag.origin),
                    }
                }
            })
            .collect();
        let verbs = a
            .verbs
            .iter()
            .zip(&a.outcomes)
            .map(|(v, o)| {
                let cv = &c.verbs[v.verb as usize];
                let block = &c.blocks[cv.block as usize];
                VerbReport {
                    text: span(v.start, v.end),
                    verb: format!("{} (block {})", cv.words, block.name),
                    origin: origin(&cv.origin),
                    pattern: o.pattern.map(|p| (block.patterns[p].text.clone(), origin(&block.patterns[p].origin))),
                    code: o.code.as_ref().map(|cs| match (&cs.code, &cs.paired) {
                        (None, _) => "---".to_string(),
                        (Some(x), None) => x.clone(),
                        (Some(x), Some(y)) => format!("{x}:{y}"),
                    }),
                    source: o.source.map(group_text),
                    target: o.target.map(group_text),
                    passive: o.passive,
                    rejected: o.reject.as_ref().map(|r| r.to_string()),
                }
            })
            .collect();
        Explanation {
            sentence: sentence.to_string(),
            date,
            tokens: a.tokens.iter().map(|t| sentence[t.start as usize..t.end as usize].to_string()).collect(),
            discard: a.discard.map(|d| {
                let (story, o, words) = &c.discards[d as usize];
                format!("{words:?} ({}, {})", if *story { "story" } else { "sentence" }, origin(o))
            }),
            phrases,
            groups: (0..a.groups.len()).map(group_text).collect(),
            verbs,
            events: a.events.iter().map(|e| (e.source.clone(), e.target.clone(), e.code.clone())).collect(),
            dropped: Vec::new(),
        }
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "sentence: {}", self.sentence)?;
        writeln!(f, "date:     {}", self.date)?;
        writeln!(f, "tokens:   {}", self.tokens.join(" | "))?;
        if let Some(d) = &self.discard {
            writeln!(f, "discarded: contains {d}")?;
            return Ok(());
        }
        writeln!(f, "phrases:")?;
        if self.phrases.is_empty() {
            writeln!(f, "  (no actor or agent)")?;
        }
        for p in &self.phrases {
            writeln!(f, "  {:<5} {:?} -> {} ({})", p.kind, p.text, p.code, p.origin)?;
        }
        writeln!(f, "groups:")?;
        for g in &self.groups {
            writeln!(f, "  {g}")?;
        }
        writeln!(f, "verbs:")?;
        if self.verbs.is_empty() {
            writeln!(f, "  (no dictionary verb)")?;
        }
        for (i, v) in self.verbs.iter().enumerate() {
            writeln!(f, "  #{i} {:?}: {} ({})", v.text, v.verb, v.origin)?;
            match &v.pattern {
                Some((p, o)) => writeln!(f, "     pattern: {p} ({o})")?,
                None => writeln!(f, "     pattern: none matched; the verb's own code")?,
            }
            if let Some(c) = &v.code {
                writeln!(f, "     code:    {c}")?;
            }
            if v.passive {
                writeln!(f, "     voice:   passive")?;
            }
            if let Some(s) = &v.source {
                writeln!(f, "     source:  {s}")?;
            }
            if let Some(t) = &v.target {
                writeln!(f, "     target:  {t}")?;
            }
            if let Some(r) = &v.rejected {
                writeln!(f, "     no event: {r}")?;
            }
        }
        writeln!(f, "events:")?;
        if self.events.is_empty() {
            writeln!(f, "  (none)")?;
        }
        for (s, t, c) in &self.events {
            writeln!(f, "  {s} -> {t} {c}")?;
        }
        for ((s, t, c), why) in &self.dropped {
            writeln!(f, "  dropped by the news policy: {s} -> {t} {c}: {why}")?;
        }
        Ok(())
    }
}
