//! Which mentions make one noun group, and the group's actor codes.
//!
//! Adjacent mentions compose into a unit ("Iran 's defence minister" → IRNGOV, "Prime Minister
//! Mousavi" → his own dated code); units joined by commas and a last "and"/"or" make a compound;
//! agents before "of"/"in"/"from" and a place take its country; adjectives of nationality before
//! one agent all take it; an envoy's post ("ambassador to Iran") belongs to the envoy's group.

use super::{Analysis, Group, MKind, Member};
use crate::compile::Compiled;
use crate::syntax::{ENVOYS, NATIONALITY_ENDINGS};
use crate::text::Kind;
use entente_core::ActorCode;

/// Nouns of a ministry's or trade's field that are verbs too ("U.S. trade officials").
const DOMAIN_NOUNS: &[&str] = &["TRADE", "FINANCE", "DEFENCE", "DEFENSE", "SECURITY", "ENERGY", "OIL", "FARM", "BORDER", "AID", "PEACE", "ARMS"];

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

impl Analysis {
    /// Composes adjacent mentions into units and units into compound groups.
    pub(super) fn find_groups(&mut self, c: &Compiled) {
        let mut m = 0;
        while m < self.mentions.len() {
            let (mut list, next) = self.parse_list(c, m);
            let mut start = usize::MAX;
            let mut end = 0;
            for u in &list {
                start = start.min(u.start);
                end = end.max(u.end);
            }
            if let Some((group, after)) = self.agents_in_places(c, &list, start, end, next) {
                self.groups.push(group);
                m = after;
                continue;
            }
            self.share_agent_noun(&mut list);
            let mut members = Vec::new();
            let mut prev_primary: Option<String> = None;
            for u in &list {
                if let Some(code) = self.unit_code(c, u, prev_primary.as_deref()) {
                    prev_primary = Some(code[..3].to_string());
                    members.push(Member { code, start: u.start, end: u.end });
                }
            }
            let agent_only = match &list[..] {
                [u] if members.is_empty() && u.actors.is_empty() && !u.agents.is_empty() => {
                    self.unit_code(c, u, Some("---")).and_then(|code| code.strip_prefix("---").filter(|a| !a.is_empty()).map(str::to_string))
                }
                _ => None,
            };
            let (end, next) = self.envoy_post(c, &list, end, next);
            self.groups.push(Group { start, end, members, agent_only });
            m = next;
        }
    }

    /// "Lawmakers and officials in Freedonia and Sylvania": a list of agents only, before
    /// "of"/"in"/"from" and a list of actors, is distributed over the actors. The group and the
    /// mention after it.
    fn agents_in_places(&self, c: &Compiled, list: &[Unit], start: usize, end: usize, next: usize) -> Option<(Group, usize)> {
        let all_agents = list.iter().all(|u| u.actors.is_empty());
        if !all_agents || next >= self.mentions.len() {
            return None;
        }
        let mut k = end;
        if !(k < self.tokens.len() && self.is_in(k, &c.fw.of_in_from)) {
            return None;
        }
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
        if !(self.mentions[next].start == k && matches!(self.mentions[next].kind, MKind::Actor(_))) {
            return None;
        }
        let (places, after) = self.parse_list(c, next);
        let mut members = Vec::new();
        for a in list {
            for p in &places {
                let mut u = p.clone();
                u.agents.extend(a.agents.iter().copied());
                if let Some(code) = self.unit_code(c, &u, None) {
                    members.push(Member { code, start: a.start, end: p.end });
                }
            }
        }
        let mut end = end;
        for p in &places {
            end = end.max(p.end);
        }
        Some((Group { start, end, members, agent_only: None }, after))
    }

    /// "Indian and Pakistani officials", "U.S. and Russian troops": adjectives of nationality
    /// before one agent noun all take it.
    fn share_agent_noun(&self, list: &mut [Unit]) {
        if list.len() > 1 {
            let last = list.last().cloned();
            if let Some(last) = last.filter(|l| !l.actors.is_empty() && !l.agents.is_empty() && !l.titled) {
                let adjectival = |u: &Unit| {
                    let w = self.word(u.end - 1);
                    u.actors.len() == 1
                        && u.agents.is_empty()
                        && u.end == self.mentions[u.actors[0]].end
                        && (w == "U.S." || NATIONALITY_ENDINGS.iter().any(|x| w.ends_with(x)))
                };
                let n = list.len();
                if list[..n - 1].iter().all(adjectival)
                    && list[..n - 1].iter().all(|u| u.end - u.start == 1 || self.word(u.end - 1) == "U.S.")
                {
                    for u in &mut list[..n - 1] {
                        u.agents.extend(last.agents.iter().copied());
                    }
                }
            }
        }
    }

    /// "Russia's ambassador to Iran said": the country an envoy is posted to belongs to the
    /// envoy's group and is no actor of its own (not the subject of "said", not a target).
    /// The group's end and the mention after it.
    fn envoy_post(&self, c: &Compiled, list: &[Unit], end: usize, next: usize) -> (usize, usize) {
        if let Some(last) = list.last().filter(|u| !u.actors.is_empty() && !u.agents.is_empty() && u.end == end) {
            let envoy = ENVOYS.contains(&self.word(last.end - 1));
            if envoy && end + 1 < self.tokens.len() && self.id(end) == c.fw.to && next < self.mentions.len() {
                let mut k = end + 1;
                if self.id(k) == c.fw.the {
                    k += 1;
                }
                if self.mentions[next].start == k && matches!(self.mentions[next].kind, MKind::Actor(_)) {
                    let (post, after) = self.parse_unit(c, next);
                    return (post.end, after);
                }
            }
        }
        (end, next)
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
                || (nx.start == u.end + 1 && self.is_in(u.end, &c.fw.possessives))
                || self.bridges_to_agent(c, &u, nx);
            if !adjacent {
                break;
            }
            u.end = nx.end;
        }
        (u, j)
    }

    /// "Canadian wheat negotiators", "Iranian oil ministry officials": a nationality adjective
    /// reaches its agent noun over one or two plain nouns. A word that is a dictionary verb
    /// ("Iran says officials ...") or a function word stops it.
    fn bridges_to_agent(&self, c: &Compiled, u: &Unit, nx: super::Mention) -> bool {
        if !(u.actors.len() == 1 && u.agents.is_empty() && u.end - u.start == 1 && matches!(nx.kind, MKind::Agent(_))) {
            return false;
        }
        let gap = nx.start.saturating_sub(u.end);
        let w = self.word(u.start);
        let adjective = NATIONALITY_ENDINGS.iter().any(|x| w.ends_with(x)) && !w.ends_with("STAN") && w != "U.S.";
        // "U.S. trade officials": a country's short name reaches only over a field noun ("U.S.
        // warns officials" is a sentence).
        let short = matches!(w, "U.S." | "US" | "U.K." | "UK") && (u.end..nx.start).all(|k| DOMAIN_NOUNS.contains(&self.word(k)));
        (adjective || short)
            && (1..=2).contains(&gap)
            && (u.end..nx.start).all(|k| {
                self.tokens[k].kind == Kind::Word
                    && !self.is_in(k, &c.fw.determiners)
                    && !self.is_in(k, &c.fw.prepositions)
                    && !self.is_in(k, &c.fw.and)
                    && !self.is_in(k, &c.fw.coordinators)
                    && !self.is_in(k, &c.fw.subordinators)
                    && !self.is_in(k, &c.fw.possessives)
                    && self.id(k) != c.fw.to
                    // Modifier nouns are singular: "Canadian securities industry" and "British
                    // Airways" are no agents' fields.
                    && (DOMAIN_NOUNS.contains(&self.word(k)) || (!self.word(k).ends_with('S') && c.verb_trie.longest(&self.tids, k).is_none()))
            })
    }

    fn parse_list(&self, c: &Compiled, m: usize) -> (Vec<Unit>, usize) {
        let (u, mut next) = self.parse_unit(c, m);
        let mut end = u.end;
        // "In Paris, Britain and Canada agreed": a place in an opening prepositional phrase ends
        // at the comma.
        let after_prep = u.start > 0 && self.is_in(u.start - 1, &c.fw.prepositions) && self.clause_start[u.start - 1] == u.start - 1;
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

#[cfg(test)]
mod tests {
    use super::merge_actor_codes;

    #[test]
    fn merges_actor_codes() {
        assert_eq!(merge_actor_codes("BRE".into(), "BREGOV"), "BREGOV");
        assert_eq!(merge_actor_codes("NGO".into(), "ARN"), "NGOARN");
        assert_eq!(merge_actor_codes("IRN".into(), "RUSGOV"), "RUSGOV");
        assert_eq!(merge_actor_codes("RUS".into(), "IRN"), "RUS");
        assert_eq!(merge_actor_codes("X".into(), "IRN"), "IRN");
    }
}
