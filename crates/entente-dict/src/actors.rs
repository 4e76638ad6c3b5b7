//! Actor dictionaries (`Phoenix.Countries.actors.txt` and the like):
//!
//! ```text
//! MILO_DUKANOVIC_            primary phrase; trailing _ = exact words
//! +DJUKANOVIC_               synonym
//!     [MNEGOV 20080229-20101229]   dated role on a following indented line (YYMMDD or YYYYMMDD)
//!     [MNEGOV >20121204]           from a day on;  [X <YYMMDD] until a day
//! AFGHANISTAN_  [AFG]        codes may also follow the phrase on its own line
//! ```

use crate::model::{Actor, Dictionaries, Role};
use crate::text::{self, Ctx, Line};
use entente_core::Date;

/// Reads an actor dictionary into `d`.
pub fn read_actors(file: &str, text: &str, d: &mut Dictionaries) {
    let mut ctx = Ctx::new(file, d);
    let lines = text::lines(text, &mut ctx);
    let mut current: Option<Actor> = None;
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with('[') {
            match current.as_mut() {
                Some(a) => roles(&mut ctx, line, t, &mut a.roles),
                None => ctx.skip(line.no, line.raw, "code line before any actor"),
            }
        } else if let Some(syn) = t.strip_prefix('+') {
            let Some(a) = current.as_mut() else {
                ctx.skip(line.no, line.raw, "synonym before any actor");
                continue;
            };
            let Some((phrase, codes)) = split(&mut ctx, line, syn, "synonym") else { continue };
            match text::phrase(phrase) {
                Some(p) => {
                    a.phrases.push(p);
                    for c in codes {
                        role(&mut ctx, line, c, &mut a.roles);
                    }
                }
                None => ctx.skip(line.no, line.raw, "empty synonym"),
            }
        } else {
            if let Some(a) = current.take() {
                ctx.dicts.actors.push(a);
            }
            let Some((phrase, codes)) = split(&mut ctx, line, t, "actor") else { continue };
            let Some(p) = text::phrase(phrase) else {
                ctx.skip(line.no, line.raw, "actor without a name");
                continue;
            };
            let mut a = Actor { phrases: vec![p], roles: Vec::new(), origin: ctx.origin(line.no) };
            for c in codes {
                role(&mut ctx, line, c, &mut a.roles);
            }
            current = Some(a);
        }
    }
    if let Some(a) = current.take() {
        ctx.dicts.actors.push(a);
    }
}

/// `PHRASE [CODE] [CODE] trailing`: trailing text (company data in
/// Phoenix.International.actors.txt) is ignored with a warning.
fn split<'t>(
    ctx: &mut Ctx<'_>,
    line: &Line<'_>,
    t: &'t str,
    what: &str,
) -> Option<(&'t str, Vec<&'t str>)> {
    match text::brackets_trailing(t) {
        Ok((head, groups, trailing)) => {
            if !trailing.is_empty() {
                ctx.warn(line.no, line.raw, format!("text after the code ignored: {trailing:?}"));
            }
            Some((head, groups))
        }
        Err(e) => {
            ctx.skip(line.no, line.raw, format!("{what}: {e}"));
            None
        }
    }
}

/// A line of one or more `[CODE DATES]` groups.
fn roles(ctx: &mut Ctx<'_>, line: &Line<'_>, t: &str, out: &mut Vec<Role>) {
    if let Some((_, groups)) = split(ctx, line, t, "role") {
        for g in groups {
            role(ctx, line, g, out);
        }
    }
}

fn role(ctx: &mut Ctx<'_>, line: &Line<'_>, inner: &str, out: &mut Vec<Role>) {
    match parse_role(inner) {
        Ok(r) => out.push(r),
        Err(e) => ctx.skip(line.no, &format!("[{inner}]"), e),
    }
}

/// `IRNGOV`, `IRNGOV 20130803-20210803`, `AFGGOV >011222`, `FRD < 950601`,
/// `FRDGOV 19950601 - 19990815`.
pub(crate) fn parse_role(inner: &str) -> Result<Role, String> {
    let inner = inner.trim();
    let (code, dates) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return Err("role without a code".into());
    }
    let code = code.to_string();
    if dates.is_empty() {
        return Ok(Role { code, from: None, to: None });
    }
    let dates: String = dates.chars().filter(|c| !c.is_whitespace()).collect();
    let date = |s: &str| Date::parse(s).map_err(|e| format!("role {code} {dates}: {e}"));
    if let Some(d) = dates.strip_prefix('<') {
        Ok(Role { from: None, to: Some(date(d)?), code })
    } else if let Some(d) = dates.strip_prefix('>') {
        Ok(Role { from: Some(date(d)?), to: None, code })
    } else if let Some((a, b)) = dates.split_once('-') {
        let (from, to) = (date(a)?, date(b)?);
        if from > to {
            return Err(format!("role {code} {dates}: ends before it starts"));
        }
        Ok(Role { from: Some(from), to: Some(to), code })
    } else {
        // PETRARCH reads no meaning into a lone date; guessing `>` could misdate a leader.
        Err(format!("role {code} {dates}: a single date needs '<' or '>' before it"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Dictionaries {
        let mut d = Dictionaries::default();
        read_actors("a.txt", text, &mut d);
        d
    }

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn entries_synonyms_and_inline_codes() {
        let d = load("AFGHANISTAN_  [AFG]\n+AFGHAN_ \n+KABUL # capital\n\nHAMAS WING [PSEHMSBRD]\n");
        assert_eq!(d.actors.len(), 2);
        let a = &d.actors[0];
        assert_eq!(a.phrases.len(), 3);
        assert!(!a.phrases[0].stem && !a.phrases[1].stem && a.phrases[2].stem);
        assert_eq!(a.roles, vec![Role { code: "AFG".into(), from: None, to: None }]);
        assert_eq!(d.actors[1].phrases[0].words, vec!["HAMAS", "WING"]);
        assert_eq!(d.actors[1].origin.line, 5);
        assert!(d.diagnostics.is_empty());
    }

    #[test]
    fn dated_roles_in_every_spelling() {
        let d = load(
            "RUFUS_FIREFLY  # fictional\n+FIREFLY\n\t[FRD < 950601]\n\t[FRDGOV 19950601 - 19990815]\n\
             \t[FRDREB > 990816]\n  \t[FRDELI]\nX_ [IGOUNO 000101-080801] [---]\n",
        );
        let g = &d.actors[0];
        assert_eq!(g.roles.len(), 4);
        assert_eq!(g.roles[0].to, Some(day("1995-06-01")));
        assert_eq!(g.roles[1].from, Some(day("1995-06-01")));
        assert_eq!(g.roles[1].to, Some(day("1999-08-15")));
        assert_eq!(g.roles[2].from, Some(day("1999-08-16")));
        assert_eq!(g.code_on(day("1997-01-01")), Some("FRDGOV"));
        assert_eq!(g.code_on(day("1995-06-01")), Some("FRD"), "limits are inclusive; first match wins");
        assert_eq!(g.code_on(day("2020-01-01")), Some("FRDREB"));
        let x = &d.actors[1];
        assert_eq!(x.roles.len(), 2);
        assert_eq!(x.code_on(day("2010-01-01")), Some("---"));
    }

    #[test]
    fn bad_roles_are_skipped_but_the_actor_is_kept() {
        let d = load(
            "MILO_DUKANOVIC_\n\t[MNEGOV 20121204]\n\t[MNEGOV 20080229-20101229]\n\
             DAVID_CAMERON_\n\t[GBRGOV >201005011]\nNEXT [ABC]\n",
        );
        assert_eq!(d.actors.len(), 3);
        assert_eq!(d.actors[0].roles.len(), 1);
        assert!(d.actors[1].roles.is_empty());
        assert_eq!(d.actors[2].roles[0].code, "ABC");
        let lines: Vec<u32> = d.diagnostics.iter().map(|x| x.line).collect();
        assert_eq!(lines, vec![2, 5]);
        assert!(d.diagnostics.iter().all(|x| x.skipped));
        assert_eq!(d.diagnostics[0].entry, "[MNEGOV 20121204]");
    }

    #[test]
    fn trailing_text_after_a_code_is_a_warning() {
        let d = load("A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n");
        assert_eq!(d.actors[0].roles[0].code, "MNCMED");
        assert_eq!(d.actors[0].phrases[0].words, vec!["A.H.", "BELO", "CORPORATION"]);
        assert_eq!(d.diagnostics.len(), 1);
        assert!(!d.diagnostics[0].skipped);
    }

    #[test]
    fn broken_entry_does_not_stop_the_file() {
        let d = load("+ORPHAN\nGOOD [AAA]\nBROKEN [BBB\nAFTER [CCC]\n\t[DDD 20200101-20190101]\n");
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.actors[1].phrases[0].words, vec!["AFTER"]);
        let lines: Vec<(u32, bool)> = d.diagnostics.iter().map(|x| (x.line, x.skipped)).collect();
        assert_eq!(lines, vec![(1, true), (3, true), (5, true)]);
    }
}
