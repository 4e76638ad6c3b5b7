//! Which words are actor and agent phrases, and where each clause starts and ends.
//!
//! Mentions are the longest matches in the actor and agent tries (an actor wins a tie, and must
//! be capitalised); an actor's code is its role on the document date. Clauses are cut at
//! clause-ending punctuation (`syntax::CLAUSE_ENDS`) and ";".

use super::{Analysis, MKind, Mention};
use crate::compile::Compiled;
use crate::text::Kind;
use entente_core::{ActorCode, Date};

impl Analysis {
    /// The start and end of the clause of every token.
    pub(super) fn clauses(&mut self, c: &Compiled) {
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

    /// Actor and agent phrases, longest first, with actors' codes in `codes`.
    pub(super) fn find_mentions(&mut self, c: &Compiled, text: &str, date: Date) {
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
            // A surname of someone named in full earlier in the document ("Baker said").
            if let Some(&(_, a)) = self.aliases.iter().find(|&&(w, _)| w == self.id(i)) {
                let t = self.tokens[i];
                let capital = text[t.start as usize..].chars().next().is_some_and(char::is_uppercase);
                if let Some(code) = c.actors[a as usize].code_on(date).filter(|code| capital && !code.starts_with('-') && ActorCode::parse(code).is_ok()) {
                    self.mentions.push(Mention { start: i, end: i + 1, kind: MKind::Actor(a) });
                    self.codes.push(code.to_string());
                }
            }
            i += 1;
        }
    }
}
