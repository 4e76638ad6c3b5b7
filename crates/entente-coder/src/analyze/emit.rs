//! The events a coded verb makes from its source and target groups.
//!
//! Every member of the source group acts on every member of the target group (a paired code
//! `[a:b]` adds the reverse event); with no target, a compound subject of two to
//! [`MAX_RECIPROCAL`] members acts on each other when the act is mutual. Events repeating one
//! already made in the sentence, and self-events, are dropped.

use super::patterns::PState;
use super::{Analysis, Ev, Member, Reject, Scope};

/// Largest compound subject read as acting on each other: "the G7 agreed" over seven names
/// would make 42 events that say less than the sentence.
pub(super) const MAX_RECIPROCAL: usize = 4;

/// Largest list that meets or signs together ("Saudi Arabia, Kuwait, Bahrain, Oman, Qatar and
/// the UAE have held a series of meetings"): a regional bloc's members named one by one.
const MAX_MEETING: usize = 6;

/// Words that say a list of three or more acted together ("Iran, Russia and China began joint
/// naval exercises"). Without one, a longer list is mostly co-mention ("Sri Lanka, Indonesia,
/// India and Thailand were among the worst hit"): on the real-news dev split, every event read
/// from a list of three or four without such a word was wrong. Signing (057) and meeting (04)
/// are done together by whoever the list names ("Russia, Turkey and Iran signed a treaty").
const JOINTLY: &[&str] = &["JOINT", "JOINTLY", "TOGETHER", "TRILATERAL", "EACH", "MUTUAL", "COMMON", "ALLIES", "PARTNERS"];

impl Analysis {
    /// The events of verb `sc.k` with source group `sg` and target group `target`, coded
    /// `code_str` (and `paired` in reverse); `st` is what its pattern matched.
    pub(super) fn emit(
        &mut self,
        sc: Scope,
        (sg, target): (usize, Option<usize>),
        code_str: &str,
        paired: Option<&str>,
        st: &PState,
    ) -> Result<(), Reject> {
        let (k, v) = (sc.k, sc.v);
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
                        made += self.push_event(s, Some(t), code_str, verb_toks, k);
                        if let Some(pc) = paired {
                            made += self.push_event(t, Some(s), pc, verb_toks, k);
                        }
                    }
                }
            }
            _ if ((2..=MAX_RECIPROCAL).contains(&src_members.len()) || (src_members.len() <= MAX_MEETING && (code_str == "057" || code_str.starts_with("04"))))
                && (st.compound || reciprocal(code_str))
                && (src_members.len() == 2
                    || code_str == "057"
                    || code_str.starts_with("04")
                    || (0..self.tokens.len()).any(|i| JOINTLY.contains(&self.word(i)))) =>
            {
                // "Russia and Iran signed a treaty": a compound subject acts on each other.
                for s in &src_members {
                    for t in &src_members {
                        if s.code != t.code {
                            made += self.push_event(s, Some(t), code_str, verb_toks, k);
                        }
                    }
                }
            }
            _ if source_only(code_str) => {
                // "Police made 11 arrests", "the ministers declined to comment", "workers walked
                // out": CAMEO codes these acts with no target.
                for s in &src_members {
                    made += self.push_event(s, None, code_str, verb_toks, k);
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
        let mut target = t.map_or(String::new(), |t| t.code.clone());
        // "were released by UK police", "Kenyan police arrested Kenyan protesters": a state organ
        // acting on people named by its own nationality adjective acts on its civilians.
        if let Some(t) = t {
            let own = target.len() == 3 && s.code.len() > 3 && s.code.starts_with(&target) && !s.code.starts_with("IGO");
            let w = self.word(t.end - 1);
            let adjective = t.end - t.start == 1 && crate::syntax::NATIONALITY_ADJECTIVE_ENDINGS.iter().any(|x| w.ends_with(x));
            let noun_follows = t.end < self.tokens.len() && crate::syntax::PEOPLE_NOUNS.contains(&self.word(t.end));
            if own && adjective && noun_follows && crate::filter::POLITICAL_AGENTS.contains(&&s.code[3..6]) {
                target.push_str("CVL");
            }
        }
        let ev = Ev {
            source: s.code.clone(),
            target,
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
}

/// Is an event of `code` complete with no target? Declining to comment, protests and strikes,
/// and arrests and bans need no one named on the other side.
pub(super) fn source_only(code: &str) -> bool {
    code == "011" || matches!(code.get(..2), Some("14")) || matches!(code, "173" | "1721" | "1722" | "1723" | "1724")
}

/// Can an event of `code` with a compound subject and no target be read as the members acting
/// on each other? Meetings, agreements, ties, cooperation, reductions and fighting are mutual;
/// statements, appeals, aid, demands, criticism, threats, protests and attacks are directed.
pub(super) fn reciprocal(code: &str) -> bool {
    matches!(code.get(..2), Some("03" | "04" | "05" | "06" | "08" | "12" | "16" | "19"))
}

#[cfg(test)]
mod tests {
    use super::reciprocal;

    #[test]
    fn only_mutual_codes_are_reciprocal() {
        assert!(reciprocal("057") && reciprocal("040") && reciprocal("190"));
        assert!(!reciprocal("010") && !reciprocal("070") && !reciprocal("180") && !reciprocal(""));
    }
}
