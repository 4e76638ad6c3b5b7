//! Issue lists (`Phoenix.IssueCoding.txt`):
//!
//! ```text
//! <ISSUE CATEGORY="EDUCATION" TYPE="ALL">
//! n:teacher [TEACHERS]          n: the noun and its plural
//! ethnic v:purge [ID_ATROCITY]  v: the regular verb forms
//! pre+n:school [EARLY_...]      +: joined by a blank and by a hyphen
//! ~a head start                 ~ (or ~~): looks like the issue but is not
//! </ISSUE>
//! ```
//!
//! Each expansion becomes its own [`Issue`], so the coder matches plain phrases.

use crate::inflect;
use crate::model::{Dictionaries, Issue, Phrase};
use crate::text::{self, Ctx};

/// The most phrases one issue line may expand into.
const MAX_EXPANSION: usize = 256;

/// Reads an issue list into `d`.
pub fn read_issues(file: &str, text: &str, d: &mut Dictionaries) {
    let mut ctx = Ctx::new(file, d);
    let lines = text::lines(text, &mut ctx);
    let mut category: Option<String> = None;
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        let upper = t.to_ascii_uppercase();
        if upper.starts_with("<ISSUE") {
            match attribute(t, "CATEGORY") {
                Some(c) if !c.is_empty() => {
                    if category.is_some() {
                        ctx.warn(line.no, line.raw, "<ISSUE> inside an open <ISSUE>");
                    }
                    category = Some(c);
                }
                _ => {
                    ctx.skip(line.no, line.raw, "<ISSUE> without CATEGORY=\"...\"");
                    category = None;
                }
            }
            continue;
        }
        if upper.starts_with("</ISSUE") {
            if category.take().is_none() {
                ctx.warn(line.no, line.raw, "</ISSUE> without an open <ISSUE>");
            }
            continue;
        }
        let Some(cat) = category.clone() else {
            ctx.skip(line.no, line.raw, "issue phrase outside an <ISSUE> block");
            continue;
        };
        let (negative, body) = match t.strip_prefix('~') {
            Some(rest) => (true, rest.trim_start_matches('~')),
            None => (false, t),
        };
        let (head, codes) = match text::brackets(body) {
            Ok(x) => x,
            Err(e) => {
                ctx.skip(line.no, line.raw, format!("issue: {e}"));
                continue;
            }
        };
        let mut codes: Vec<String> = codes.iter().map(|c| c.trim().to_string()).collect();
        codes.dedup();
        let code = match (negative, codes.as_slice()) {
            (true, []) => String::new(),
            (true, _) => {
                ctx.skip(line.no, line.raw, "a '~' phrase takes no code");
                continue;
            }
            // A phrase without a code counts for its category (`<ISSUE CATEGORY="KIDNAP">`
            // blocks list none at all).
            (false, []) => cat.clone(),
            (false, [c]) if !c.is_empty() && !c.contains(char::is_whitespace) => c.clone(),
            (false, _) => {
                ctx.skip(line.no, line.raw, "issue phrase needs one [CODE]");
                continue;
            }
        };
        let phrases = match expand(head) {
            Ok(p) if !p.is_empty() => p,
            Ok(_) => {
                ctx.skip(line.no, line.raw, "empty issue phrase");
                continue;
            }
            Err(e) => {
                ctx.skip(line.no, line.raw, e);
                continue;
            }
        };
        for words in phrases {
            ctx.dicts.issues.push(Issue {
                category: cat.clone(),
                phrase: Phrase { words, stem: false },
                code: code.clone(),
                negative,
                origin: ctx.origin(line.no),
            });
        }
    }
    if category.is_some() {
        let last = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        ctx.warn(last, "", "<ISSUE> block not closed at the end of the file");
    }
}

/// `CATEGORY="EDUCATION"` → `EDUCATION`.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let upper = tag.to_ascii_uppercase();
    let at = upper.find(&format!("{name}="))? + name.len() + 1;
    let rest = &tag[at..];
    let rest = rest.strip_prefix('"').unwrap_or(rest);
    let end = rest.find(['"', ' ', '>']).unwrap_or(rest.len());
    Some(rest[..end].to_string())
}

/// Expands `n:`, `v:` and `+` marks into every phrase they stand for (lower-case words kept).
fn expand(s: &str) -> Result<Vec<Vec<String>>, String> {
    let mut out: Vec<Vec<String>> = vec![Vec::new()];
    for token in s.split_whitespace() {
        // Each token becomes one or more alternatives, each of one or more words.
        let mut alts: Vec<Vec<String>> = vec![Vec::new()];
        for (i, part) in token.split('+').enumerate() {
            if alts.len() > MAX_EXPANSION {
                return Err("phrase expands into too many forms".into());
            }
            let forms: Vec<String> = if let Some(n) = part.strip_prefix("n:") {
                vec![n.to_string(), lower_of(&inflect::plural(&n.to_uppercase()), n)]
            } else if let Some(v) = part.strip_prefix("v:") {
                let f = inflect::verb_forms(&v.to_uppercase());
                let mut forms: Vec<String> = f.iter().map(|x| lower_of(x, v)).collect();
                forms.dedup();
                forms
            } else {
                vec![part.to_string()]
            };
            if forms.iter().any(|f| f.is_empty() || f.contains(':')) {
                return Err(format!("unknown mark or empty part in {token:?}"));
            }
            alts = if i == 0 {
                forms.into_iter().map(|f| vec![f]).collect()
            } else {
                // `a+b`: "a b" (two words) and "a-b" (one word).
                let mut next = Vec::new();
                for a in &alts {
                    for f in &forms {
                        let mut spaced = a.clone();
                        spaced.push(f.clone());
                        next.push(spaced);
                        let mut hyph = a.clone();
                        if let Some(last) = hyph.last_mut() {
                            last.push('-');
                            last.push_str(f);
                        }
                        next.push(hyph);
                    }
                }
                next
            };
        }
        if let [only] = alts.as_slice() {
            for o in &mut out {
                o.extend(only.iter().cloned());
            }
            continue;
        }
        if out.len() * alts.len() > MAX_EXPANSION {
            return Err("phrase expands into too many forms".into());
        }
        out = out.iter().flat_map(|o| alts.iter().map(move |a| [o.clone(), a.clone()].concat())).collect();
    }
    out.retain(|p| !p.is_empty());
    Ok(out)
}

/// The inflected upper-case `form` in the case of `orig` (the issue file is lower-case).
fn lower_of(form: &str, orig: &str) -> String {
    if orig.chars().any(char::is_uppercase) {
        form.to_string()
    } else {
        form.to_lowercase()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Dictionaries {
        let mut d = Dictionaries::default();
        read_issues("i.txt", text, &mut d);
        d
    }

    fn phrases(d: &Dictionaries) -> Vec<String> {
        d.issues.iter().map(|i| i.phrase.words.join(" ")).collect()
    }

    #[test]
    fn marks_expand() {
        let d = load(
            "<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">\nn:teacher [TEACHERS]\n\
             pre+k [EARLY]\nethnic v:purge [ATROCITY] # c\n~a head start\n~~Armenian genocide\n</ISSUE>\n",
        );
        assert_eq!(
            phrases(&d),
            vec![
                "teacher", "teachers", "pre k", "pre-k", "ethnic purge", "ethnic purges",
                "ethnic purged", "ethnic purging", "a head start", "Armenian genocide"
            ]
        );
        assert!(d.issues.iter().all(|i| i.category == "EDUCATION"));
        assert_eq!(d.issues[0].code, "TEACHERS");
        assert!(d.issues[8].negative && d.issues[8].code.is_empty());
        assert!(d.issues[9].negative);
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }

    #[test]
    fn broken_lines() {
        let d = load(
            "stray [X]\n<ISSUE CATEGORY=\"A\">\nno code\nx [Y\nok [Z]\nn: [Q]\nt [T] [U]\n</ISSUE>\n</ISSUE>\n",
        );
        let diag: Vec<(u32, bool)> = d.diagnostics.iter().map(|x| (x.line, x.skipped)).collect();
        assert_eq!(diag, vec![(1, true), (4, true), (6, true), (7, true), (9, false)]);
        assert_eq!(phrases(&d), vec!["no code", "ok"]);
        assert_eq!(d.issues[0].code, "A", "a phrase without a code takes its category");
    }
}
