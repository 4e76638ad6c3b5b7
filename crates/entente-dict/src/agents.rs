//! Agent dictionaries (`Phoenix.agents.txt`):
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     substitution set
//! CONGRESS!PERSON! [~LEG]                       one agent per substitute, no plurals added
//! FOREIGN_MINISTER [~GOVFRM]                    plural generated: FOREIGN MINISTERS
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   irregular plural(s); {} for none
//! HUMAN_RIGHTS_BODY  [NGO~]                     code goes before the actor's (prefix)
//! ```

use crate::inflect;
use crate::model::{Agent, Dictionaries, Phrase};
use crate::text::{self, Ctx, Line};
use std::collections::HashMap;

/// The most phrases one entry may expand into through substitution sets.
const MAX_EXPANSION: usize = 256;

/// Reads an agent dictionary into `d`.
pub fn read_agents(file: &str, text: &str, d: &mut Dictionaries) {
    let mut ctx = Ctx::new(file, d);
    let lines = text::lines(text, &mut ctx);
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            let (name, list) = t.split_once('=').unwrap_or((t, ""));
            let name = name.trim();
            if name.len() < 3 || !name.ends_with('!') || name[1..name.len() - 1].contains('!') {
                ctx.skip(line.no, line.raw, "substitution set must be named !NAME!");
                continue;
            }
            let items: Vec<String> =
                list.split(',').map(|s| s.trim().to_uppercase()).filter(|s| !s.is_empty()).collect();
            if items.is_empty() {
                ctx.skip(line.no, line.raw, "empty substitution set");
                continue;
            }
            if subs.insert(name.to_uppercase(), items).is_some() {
                ctx.warn(line.no, line.raw, "substitution set defined again; the new one is used");
            }
            continue;
        }
        entry(&mut ctx, line, t, &subs);
    }
}

fn entry(ctx: &mut Ctx<'_>, line: &Line<'_>, t: &str, subs: &HashMap<String, Vec<String>>) {
    // `[~AGR}` occurs once in Phoenix.agents.txt: read it, but say so.
    let fixed;
    let t = if t.ends_with('}') && t.contains('[') && !t[t.rfind('[').unwrap_or(0)..].contains(']') {
        ctx.warn(line.no, line.raw, "code closed with '}' instead of ']'");
        fixed = format!("{}]", &t[..t.len() - 1]);
        fixed.as_str()
    } else {
        t
    };
    let (head, codes) = match text::brackets(t) {
        Ok(x) => x,
        Err(e) => return ctx.skip(line.no, line.raw, format!("agent: {e}")),
    };
    if codes.is_empty() {
        return ctx.skip(line.no, line.raw, "agent without a [~CODE]");
    }
    let mut parsed = Vec::new();
    for c in &codes {
        match agent_code(c) {
            Ok(x) => parsed.push(x),
            Err(e) => return ctx.skip(line.no, line.raw, e),
        }
    }
    let (name, plurals) = match head.find('{') {
        Some(open) => {
            let Some(close) = head[open..].find('}') else {
                return ctx.skip(line.no, line.raw, "'{' without '}'");
            };
            if !head[open + close + 1..].trim().is_empty() {
                return ctx.skip(line.no, line.raw, "text after the '{...}' plural");
            }
            (&head[..open], Some(&head[open + 1..open + close]))
        }
        None => (head, None),
    };
    let substituted = match substitute(name.trim(), subs) {
        Ok(v) => v,
        Err(e) => return ctx.skip(line.no, line.raw, e),
    };
    let mut phrases: Vec<Phrase> = Vec::new();
    let mut push = |p: Phrase| {
        if !phrases.contains(&p) {
            phrases.push(p);
        }
    };
    let had_subs = substituted.len() > 1 || name.contains('!');
    for s in &substituted {
        let Some(p) = text::phrase(s) else { continue };
        // Substituted phrases already list their plurals (MAN, MEN); `{}` asks for none. A
        // trailing `_` only makes the words exact: MINISTRY_ still gets MINISTRIES.
        if plurals.is_none() && !had_subs {
            let mut pl = p.clone();
            if let Some(last) = pl.words.last_mut() {
                *last = inflect::plural(last);
            }
            push(p);
            push(pl);
        } else {
            push(p);
        }
    }
    for irr in plurals.unwrap_or("").split_whitespace() {
        if let Some(p) = text::phrase(irr) {
            push(p);
        }
    }
    if phrases.is_empty() {
        return ctx.skip(line.no, line.raw, "agent without a phrase");
    }
    for (code, suffix) in parsed {
        ctx.dicts.agents.push(Agent {
            phrases: phrases.clone(),
            code,
            suffix,
            origin: ctx.origin(line.no),
        });
    }
}

/// `~GOV` → (`GOV`, suffix); `NGO~` → (`NGO`, prefix).
fn agent_code(c: &str) -> Result<(String, bool), String> {
    let c: String = c.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, suffix) = if let Some(x) = c.strip_prefix('~') {
        (x, true)
    } else if let Some(x) = c.strip_suffix('~') {
        (x, false)
    } else {
        return Err(format!("agent code [{c}] needs '~' before (suffix) or after (prefix) it"));
    };
    if code.is_empty() || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(format!("invalid agent code [{c}]"));
    }
    Ok((code.to_uppercase(), suffix))
}

/// Expands every `!NAME!` marker with each item of its set.
fn substitute(name: &str, subs: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    let mut rest = name;
    while let Some(open) = rest.find('!') {
        let Some(len) = rest[open + 1..].find('!') else {
            return Err("'!' without a closing '!'".into());
        };
        let marker = rest[open..open + len + 2].to_uppercase();
        let Some(items) = subs.get(&marker) else {
            return Err(format!("undefined substitution set {marker}"));
        };
        let prefix = &rest[..open];
        if out.len() * items.len() > MAX_EXPANSION {
            return Err("substitution expands into too many phrases".into());
        }
        out = out.iter().flat_map(|o| items.iter().map(move |i| format!("{o}{prefix}{i}"))).collect();
        rest = &rest[open + len + 2..];
    }
    Ok(out.into_iter().map(|o| o + rest).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Dictionaries {
        let mut d = Dictionaries::default();
        read_agents("g.txt", text, &mut d);
        d
    }

    fn names(a: &Agent) -> Vec<String> {
        a.phrases.iter().map(|p| p.words.join(" ")).collect()
    }

    #[test]
    fn plurals_codes_and_direction() {
        let d = load(
            "FOREIGN_MINISTER [~GOVFRM] # x\nCONGRESS [~LEG]\nARMED_FORCES {} [~MIL]\n\
             ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\nHUMAN_RIGHTS_BODY  [NGO~]\n\
             POLICE {} [ ~COP]\nMILITARY [~MIL] [~GOV]\n",
        );
        assert_eq!(names(&d.agents[0]), vec!["FOREIGN MINISTER", "FOREIGN MINISTERS"]);
        assert_eq!(d.agents[0].code, "GOVFRM");
        assert!(d.agents[0].suffix);
        assert_eq!(names(&d.agents[1]), vec!["CONGRESS", "CONGRESSES"]);
        assert_eq!(names(&d.agents[2]), vec!["ARMED FORCES"]);
        assert_eq!(names(&d.agents[3]), vec!["ATTORNEY GENERAL", "ATTORNEYS GENERAL"]);
        assert!(!d.agents[4].suffix);
        assert_eq!(d.agents[4].code, "NGO");
        assert_eq!(d.agents[5].code, "COP");
        assert_eq!(names(&d.agents[6]), vec!["MILITARY", "MILITARIES"]);
        assert_eq!((d.agents[6].code.as_str(), d.agents[7].code.as_str()), ("MIL", "GOV"));
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }

    #[test]
    fn substitution_sets() {
        let d = load(
            "!PERSON! = MAN, MEN, WOMAN\n!MINST! = MINISTER, MINISTRY\n\
             CONGRESS!PERSON! [~LEG]\n!MINST!_OF_SILLY_WALKS [~GOV]\n",
        );
        assert_eq!(names(&d.agents[0]), vec!["CONGRESSMAN", "CONGRESSMEN", "CONGRESSWOMAN"]);
        assert_eq!(names(&d.agents[1]), vec!["MINISTER OF SILLY WALKS", "MINISTRY OF SILLY WALKS"]);
    }

    #[test]
    fn broken_entries() {
        let d = load(
            "NO_CODE\nBAD [GOV]\n!NOPE!_X [~GOV]\nFARMER [~AGR}\nOK [~OK]\n",
        );
        let diag: Vec<(u32, bool)> = d.diagnostics.iter().map(|x| (x.line, x.skipped)).collect();
        assert_eq!(diag, vec![(1, true), (2, true), (3, true), (4, false)]);
        assert_eq!(d.agents.len(), 2);
        assert_eq!(d.agents[0].code, "AGR");
        assert_eq!(d.agents[1].code, "OK");
    }
}
