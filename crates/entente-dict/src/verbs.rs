//! Verb dictionaries: PETRARCH-2 (`CAMEO.2.0.txt`: patterns with `(PREP ...)` phrases and
//! `{...}` noun groups, transformations) and PETRARCH-1/TABARI (`CAMEO.verbpatterns.*.txt`: flat
//! patterns with words joined by `_`). Both share synonym sets, block headers and verb lines.
//!
//! ```text
//! &CURRENCY                       synonym set; `+` lines are its phrases; a label ending in `_`
//! +DOLLAR                           means no plurals are generated for it
//! ---  ASK   [---]  ---             verb block with its default code
//! +ASK_FOR {+ASKED_FOR} [020]       verb: `+` marks the word that inflects, {irregular forms}
//! - * (FOR &CURRENCY)    [0231]     pattern: `*` the verb, (PREP object), {noun group}
//! ~ a (a b ATTACK) SAY = a b 015    transformation (PETRARCH-2)
//! ```

use crate::inflect;
use crate::model::{
    CodeSpec, Dictionaries, Element, Pattern, Phrase, Transformation, Verb, VerbBlock,
};
use crate::text::{self, Ctx, Line};
use std::collections::HashSet;

/// Which verb-pattern syntax a file uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Syntax {
    /// PETRARCH-2: `(PREP ...)` and `{...}` in patterns.
    P2,
    /// PETRARCH-1/TABARI: flat patterns.
    P1,
}

/// PETRARCH-2 files use parentheses or braces in their patterns or have transformations;
/// TABARI files never do.
pub(crate) fn detect(text: &str) -> Syntax {
    for line in text.lines() {
        let t = line.trim_start();
        let body = t.split(['#', ';']).next().unwrap_or("");
        if t.starts_with('~') && body.contains('=') {
            return Syntax::P2;
        }
        if t.starts_with('-') && !t.starts_with("--") {
            let pat = body.split('[').next().unwrap_or("");
            if pat.contains(['(', '{']) {
                return Syntax::P2;
            }
        }
    }
    Syntax::P1
}

/// Reads a verb dictionary in either syntax (detected from the content) into `d`.
pub fn read_verbs(file: &str, text: &str, d: &mut Dictionaries) {
    read(file, text, detect(text), d)
}

/// Reads a PETRARCH-2 verb dictionary into `d`.
pub fn read_verbs_p2(file: &str, text: &str, d: &mut Dictionaries) {
    read(file, text, Syntax::P2, d)
}

/// Reads a PETRARCH-1/TABARI verb dictionary into `d`.
pub fn read_verbs_p1(file: &str, text: &str, d: &mut Dictionaries) {
    read(file, text, Syntax::P1, d)
}

/// Where `+` lines go: into a synonym set right after its `&NAME`, otherwise they are verbs.
enum Mode {
    Synset { name: String, plurals: bool },
    Verbs,
}

fn read(file: &str, text: &str, syntax: Syntax, d: &mut Dictionaries) {
    let mut ctx = Ctx::new(file, d);
    let lines = text::lines(text, &mut ctx);
    // Synonym sets may be defined after the patterns that use them.
    let mut known: HashSet<String> = ctx.dicts.synsets.keys().cloned().collect();
    for line in &lines {
        if let Some(name) = line.text.trim().strip_prefix('&') {
            known.insert(format!("&{}", synset_label(name).0));
        }
    }
    let mut mode = Mode::Verbs;
    let mut block: Option<VerbBlock> = None;
    // For de-duplicating synonym phrases without a quadratic scan of each set.
    let mut seen: HashSet<(String, Phrase)> = ctx
        .dicts
        .synsets
        .iter()
        .flat_map(|(k, v)| v.iter().map(move |p| (k.clone(), p.clone())))
        .collect();
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        if t.starts_with("---") {
            mode = Mode::Verbs;
            if let Some(b) = block.take() {
                ctx.dicts.verbs.push(b);
            }
            block = header(&mut ctx, line, t);
        } else if let Some(name) = t.strip_prefix('&') {
            let (name, plurals) = synset_label(name);
            if name.is_empty() || name.contains(char::is_whitespace) {
                ctx.skip(line.no, line.raw, "synonym set label must be one word after '&'");
                mode = Mode::Verbs;
                continue;
            }
            let key = format!("&{name}");
            if ctx.dicts.synsets.contains_key(&key) {
                ctx.warn(line.no, line.raw, "synonym set defined again; its phrases are merged");
            } else {
                ctx.dicts.synsets.insert(key.clone(), Vec::new());
            }
            mode = Mode::Synset { name: key, plurals };
        } else if let (Some(member), Mode::Synset { name, plurals }) = (t.strip_prefix('+'), &mode) {
            let (name, plurals) = (name.clone(), *plurals);
            synset_member(&mut ctx, line, member, &name, plurals, &mut seen);
        } else if t.starts_with('~') {
            mode = Mode::Verbs;
            transformation(&mut ctx, line, t);
        } else if t.starts_with('-') || t.starts_with('*') {
            mode = Mode::Verbs;
            if t.starts_with('*') {
                ctx.warn(line.no, line.raw, "pattern without its leading '-'");
            } else if t.starts_with("--") {
                ctx.warn(line.no, line.raw, "pattern starting with '--' read as '-'");
            }
            let body = t.trim_start_matches('-');
            match block.as_mut() {
                Some(b) => pattern(&mut ctx, line, body, syntax, &known, b),
                None => ctx.skip(line.no, line.raw, "pattern before any '--- NAME [code] ---' block"),
            }
        } else {
            mode = Mode::Verbs;
            match block.as_mut() {
                Some(b) => verb(&mut ctx, line, t, b),
                None => ctx.skip(line.no, line.raw, "verb before any '--- NAME [code] ---' block"),
            }
        }
    }
    if let Some(b) = block.take() {
        ctx.dicts.verbs.push(b);
    }
}

/// `AUXVERB1_` → (`AUXVERB1`, no plurals).
fn synset_label(name: &str) -> (String, bool) {
    let name = name.trim();
    match name.strip_suffix('_') {
        Some(n) => (n.to_uppercase(), false),
        None => (name.to_uppercase(), true),
    }
}

fn synset_member(
    ctx: &mut Ctx<'_>,
    line: &Line<'_>,
    member: &str,
    name: &str,
    plurals: bool,
    seen: &mut HashSet<(String, Phrase)>,
) {
    // `+(TO THE END)` in the validation file: the brackets add nothing to a phrase.
    let cleaned: String = member.chars().filter(|c| !matches!(c, '(' | ')' | '{' | '}')).collect();
    let Some(p) = text::phrase(&cleaned) else {
        ctx.skip(line.no, line.raw, "empty synonym phrase");
        return;
    };
    let mut phrases = vec![Vec::new()];
    // An embedded `&OTHER` stands for each of OTHER's phrases.
    for w in &p.words {
        if let Some(other) = w.strip_prefix('&') {
            let key = format!("&{}", other.trim_end_matches('_'));
            let Some(sub) = ctx.dicts.synsets.get(&key) else {
                ctx.skip(line.no, line.raw, format!("undefined synonym set {key}"));
                return;
            };
            let sub = sub.clone();
            if phrases.len() * sub.len() > MAX_ALTERNATIVES * 16 {
                ctx.skip(line.no, line.raw, "embedded synonym sets expand into too many phrases");
                return;
            }
            phrases = phrases
                .iter()
                .flat_map(|pre| sub.iter().map(move |s| [pre.clone(), s.words.clone()].concat()))
                .collect();
        } else {
            for pre in &mut phrases {
                pre.push(w.clone());
            }
        }
    }
    let set = ctx.dicts.synsets.entry(name.to_string()).or_default();
    for words in phrases {
        let plural = (plurals && p.stem).then(|| {
            let mut pw = words.clone();
            if let Some(last) = pw.last_mut() {
                *last = inflect::plural(last);
            }
            Phrase { words: pw, stem: p.stem }
        });
        for ph in std::iter::once(Phrase { words, stem: p.stem }).chain(plural) {
            if seen.insert((name.to_string(), ph.clone())) {
                set.push(ph);
            }
        }
    }
}

/// `---  ATTACK   [190]  ---`; also the `[110]---  ---` typo seen in CAMEO.2.0.txt.
fn header(ctx: &mut Ctx<'_>, line: &Line<'_>, t: &str) -> Option<VerbBlock> {
    let inner = t.trim_start_matches('-');
    let inner = inner.trim_end().trim_end_matches('-').trim();
    let (name, code) = match inner.find('[') {
        Some(open) => {
            let Some(close) = inner[open..].find(']') else {
                ctx.skip(line.no, line.raw, "block header with '[' but no ']'");
                return None;
            };
            let rest = inner[open + close + 1..].trim().trim_matches('-').trim();
            if !rest.is_empty() {
                ctx.warn(line.no, line.raw, "text after the block code ignored");
            }
            (inner[..open].trim(), Some(&inner[open + 1..open + close]))
        }
        None => (inner, None),
    };
    if name.is_empty() || name.contains(['[', ']', '{', '}', '(', ')']) {
        ctx.skip(line.no, line.raw, "block header needs a name: '--- NAME [code] ---'");
        return None;
    }
    // `--- LASH OUT [122] ---`: spaces in a name are read as PETRARCH's `_`.
    let name = name.split_whitespace().collect::<Vec<_>>().join("_");
    let code = match code.map(code_spec) {
        None => null_code(),
        Some(Ok(c)) => c,
        Some(Err(e)) => {
            ctx.warn(line.no, line.raw, format!("{e}; the block's verbs get the null code [---]"));
            null_code()
        }
    };
    Some(VerbBlock {
        name: name.to_uppercase(),
        code,
        verbs: Vec::new(),
        patterns: Vec::new(),
        origin: ctx.origin(line.no),
    })
}

fn null_code() -> CodeSpec {
    CodeSpec { code: None, paired: None }
}

/// `042`, `042:043`, `---`, `:173` (paired code only), `---:043`.
pub(crate) fn code_spec(s: &str) -> Result<CodeSpec, String> {
    let s = s.trim();
    let one = |c: &str| -> Result<Option<String>, String> {
        let c = c.trim();
        if c == "---" || c.is_empty() {
            Ok(None)
        } else if (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Some(c.to_string()))
        } else {
            Err(format!("invalid event code {s:?} (expected 2-4 digits or ---)"))
        }
    };
    match s.split_once(':') {
        Some((a, b)) => {
            let paired = one(b)?;
            if paired.is_none() && b.trim().is_empty() {
                return Err(format!("invalid event code {s:?}: nothing after ':'"));
            }
            Ok(CodeSpec { code: one(a)?, paired })
        }
        None if s.is_empty() => Err("empty event code []".to_string()),
        None => Ok(CodeSpec { code: one(s)?, paired: None }),
    }
}

/// `HURRY {HURRIES HURRYING HURRIED } [020]`, `+ASK_FOR {+ASKED_FOR} [020]`, `WIRE_+TAP`.
fn verb(ctx: &mut Ctx<'_>, line: &Line<'_>, t: &str, block: &mut VerbBlock) {
    // TABARI files sometimes put the forms after the code: `SNUB [111] {SNUBS SNUBBED}`.
    let moved;
    let t = match (t.find('['), t.find('{'), t.find('}')) {
        (Some(b), Some(o), Some(c)) if b < o && o < c && t[c + 1..].trim().is_empty() => {
            moved = format!("{} {} {}", &t[..b], &t[o..=c], &t[b..o]);
            moved.as_str()
        }
        _ => t,
    };
    let (head, codes) = match text::brackets(t) {
        Ok(x) => x,
        Err(e) => return ctx.skip(line.no, line.raw, format!("verb line: {e}")),
    };
    if codes.len() > 1 {
        return ctx.skip(line.no, line.raw, "verb line with more than one code");
    }
    let code = match codes.first().map(|c| code_spec(c)) {
        None => None,
        Some(Ok(c)) => (c != block.code).then_some(c),
        Some(Err(e)) => return ctx.skip(line.no, line.raw, e),
    };
    let (words_part, irregular) = match head.find('{') {
        Some(open) => {
            let Some(close) = head[open..].find('}') else {
                return ctx.skip(line.no, line.raw, "'{' without '}'");
            };
            if !head[open + close + 1..].trim().is_empty() {
                return ctx.skip(line.no, line.raw, "text after the '{...}' forms");
            }
            (&head[..open], Some(&head[open + 1..open + close]))
        }
        None => (head, None),
    };
    if words_part.contains(['(', ')', '{', '}', '$', '*', '&', '^', '%']) {
        return ctx.skip(line.no, line.raw, "verb contains pattern symbols");
    }
    let Some((words, head_ix)) = verb_words(words_part) else {
        return ctx.skip(line.no, line.raw, "verb line without a verb");
    };
    if words_part.matches('+').count() > 1 {
        ctx.warn(line.no, line.raw, "several '+' marks; the first marks the inflecting word");
    }
    let base = words[head_ix].clone();
    let mut forms: Vec<String> = Vec::new();
    let add = |f: String, forms: &mut Vec<String>| {
        if !f.is_empty() && !forms.contains(&f) {
            forms.push(f);
        }
    };
    match irregular {
        // `{}`: the verb is given in the only form it takes (`+ANGERED_BY {}`).
        Some(irr) if irr.trim().is_empty() => add(base.clone(), &mut forms),
        _ => {
            for f in inflect::verb_forms(&base) {
                add(f, &mut forms);
            }
        }
    }
    for form in irregular.unwrap_or("").split_whitespace() {
        let Some((fw, fh)) = verb_words(form) else { continue };
        let word = if fw.len() == words.len() {
            fw[fh.min(fw.len() - 1)].clone()
        } else if fw.len() == 1 {
            fw[0].clone()
        } else {
            ctx.warn(line.no, line.raw, format!("irregular form {form:?} does not fit the verb; ignored"));
            continue;
        };
        add(word, &mut forms);
    }
    block.verbs.push(Verb { words, head: head_ix, forms, code, origin: ctx.origin(line.no) });
}

/// Splits a verb phrase into upper-case words; the index of the `+`-marked word (0 if none).
fn verb_words(s: &str) -> Option<(Vec<String>, usize)> {
    let mut head = None;
    let mut words = Vec::new();
    for w in s.split(['_', ' ', '\t']).filter(|w| !w.is_empty()) {
        let stripped = w.trim_start_matches('+');
        if stripped.len() != w.len() && head.is_none() {
            head = Some(words.len());
        }
        if !stripped.is_empty() {
            words.push(stripped.to_uppercase());
        }
    }
    if words.is_empty() {
        return None;
    }
    let head = head.unwrap_or(0).min(words.len() - 1);
    Some((words, head))
}

/// The most alternatives one `A/B` pattern may expand into.
const MAX_ALTERNATIVES: usize = 64;

fn pattern(
    ctx: &mut Ctx<'_>,
    line: &Line<'_>,
    body: &str,
    syntax: Syntax,
    known: &HashSet<String>,
    block: &mut VerbBlock,
) {
    let (elems_text, codes) = match text::brackets(body) {
        Ok(x) => x,
        Err(e) => return ctx.skip(line.no, line.raw, format!("pattern: {e}")),
    };
    let code = match codes.as_slice() {
        [] => return ctx.skip(line.no, line.raw, "pattern without a [code]"),
        [c] => match code_spec(c) {
            Ok(c) => c,
            Err(e) => return ctx.skip(line.no, line.raw, e),
        },
        _ => return ctx.skip(line.no, line.raw, "pattern with more than one [code]"),
    };
    let tokens = match syntax {
        Syntax::P2 => tokens_p2(elems_text),
        Syntax::P1 => {
            let (toks, stray) = tokens_p1(elems_text);
            if stray {
                ctx.warn(line.no, line.raw, "stray bracket in a TABARI pattern ignored");
            }
            toks
        }
    };
    // `BY/WITH` offers alternative words: one pattern per combination.
    let mut variants: Vec<Vec<String>> = vec![Vec::new()];
    for tok in &tokens {
        let alts: Vec<&str> = if tok.contains('/') && !tok.starts_with('&') {
            tok.split('/').filter(|a| !a.is_empty()).collect()
        } else {
            vec![tok.as_str()]
        };
        if alts.is_empty() {
            return ctx.skip(line.no, line.raw, "empty alternative '/'");
        }
        if let [only] = alts.as_slice() {
            for v in &mut variants {
                v.push(only.to_string());
            }
            continue;
        }
        if variants.len() * alts.len() > MAX_ALTERNATIVES {
            return ctx.skip(line.no, line.raw, "too many '/' alternatives");
        }
        variants = variants
            .iter()
            .flat_map(|v| alts.iter().map(move |a| [v.as_slice(), &[a.to_string()]].concat()))
            .collect();
    }
    let mut parsed = Vec::with_capacity(variants.len());
    for v in &variants {
        match parse_elements(known, v) {
            Ok(e) if e.is_empty() => return ctx.skip(line.no, line.raw, "empty pattern"),
            Ok(e) => parsed.push(e),
            Err(msg) => return ctx.skip(line.no, line.raw, msg),
        }
    }
    for elements in parsed {
        block.patterns.push(Pattern { elements, code: code.clone(), origin: ctx.origin(line.no) });
    }
}

/// PETRARCH-2 tokens: brackets stand alone, words split at blanks.
fn tokens_p2(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        if c.is_whitespace() || matches!(c, '(' | ')' | '{' | '}') {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if !c.is_whitespace() {
                out.push(c.to_string());
            }
        } else {
            cur.push(c);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// TABARI tokens: blank-separated; brackets mean nothing there and are dropped.
fn tokens_p1(s: &str) -> (Vec<String>, bool) {
    let stray = s.contains(['(', ')', '{', '}']);
    let toks = s
        .split_whitespace()
        .map(|t| t.chars().filter(|c| !matches!(c, '(' | ')' | '{' | '}')).collect::<String>())
        .filter(|t| !t.is_empty())
        .collect();
    (toks, stray)
}

/// Parses a token list (with `(`, `)`, `{`, `}` as their own tokens) into elements.
fn parse_elements(known: &HashSet<String>, tokens: &[String]) -> Result<Vec<Element>, String> {
    let mut pos = 0;
    parse_seq(known, tokens, &mut pos, None, 0)
}

/// Real patterns nest at most `(OF {BANNED PARTIES})`; the limit keeps hostile input from
/// exhausting the stack.
const MAX_NESTING: usize = 8;

fn parse_seq(
    known: &HashSet<String>,
    tokens: &[String],
    pos: &mut usize,
    close: Option<&str>,
    depth: usize,
) -> Result<Vec<Element>, String> {
    if depth > MAX_NESTING {
        return Err("brackets nested too deeply".into());
    }
    let mut out = Vec::new();
    while *pos < tokens.len() {
        let tok = tokens[*pos].as_str();
        *pos += 1;
        match tok {
            ")" | "}" => {
                return if close == Some(tok) {
                    Ok(out)
                } else {
                    Err(format!("unbalanced '{tok}'"))
                };
            }
            "(" => {
                let Some(prep) = tokens.get(*pos).filter(|t| !is_bracket(t)) else {
                    return Err("'(' must be followed by a preposition".into());
                };
                let prep = prep.trim_end_matches('_').to_uppercase();
                if prep.starts_with(['&', '*', '$', '+', '^', '%']) {
                    return Err(format!("preposition expected after '(', found {prep:?}"));
                }
                *pos += 1;
                let object = parse_seq(known, tokens, pos, Some(")"), depth + 1)?;
                out.push(Element::Prep { prep, object });
            }
            "{" => {
                let group = parse_seq(known, tokens, pos, Some("}"), depth + 1)?;
                if group.is_empty() {
                    return Err("empty '{}' group".into());
                }
                out.push(Element::Group(group));
            }
            word => words(known, word, &mut out)?,
        }
    }
    match close {
        Some(c) => Err(format!("missing '{c}'")),
        None => Ok(out),
    }
}

fn is_bracket(t: &str) -> bool {
    matches!(t, "(" | ")" | "{" | "}")
}

const MAX_NAME_PARTS: usize = 6;

/// One blank-separated token, which TABARI may have joined with `_` (`SUGGESTED_+`,
/// `DEMAND_&GENINT_CONVENTIONS`, `IN_`). Pieces followed by `_` are exact words. A synonym set
/// whose name itself holds `_` (`&FIGHT_OF_WORDS`) is taken whole when it is defined.
fn words(known: &HashSet<String>, token: &str, out: &mut Vec<Element>) -> Result<(), String> {
    let pieces: Vec<&str> = token.split('_').collect();
    let mut i = 0;
    while i < pieces.len() {
        let piece = pieces[i];
        let followed = i + 1 < pieces.len();
        if piece.is_empty() {
            i += 1;
            continue;
        }
        if let Some(name) = piece.strip_prefix('&') {
            // Longest defined synonym-set name starting here.
            let mut best = None;
            // Real names have a few parts (&FIGHT_OF_WORDS); the cap keeps this linear.
            for j in (i..pieces.len().min(i + MAX_NAME_PARTS)).rev() {
                let cand = pieces[i..=j].join("_").to_uppercase();
                let cand = cand.trim_end_matches('_').to_string();
                if known.contains(&cand) {
                    best = Some((cand, j));
                    break;
                }
            }
            match best {
                Some((cand, j)) => {
                    out.push(Element::Synset(cand));
                    i = j + 1;
                }
                None => return Err(format!("undefined synonym set &{}", name.to_uppercase())),
            }
            continue;
        }
        out.push(match piece {
            "*" => Element::Verb,
            "$" => Element::Source,
            "+" => Element::Target,
            "^" => Element::Skip,
            "%" => Element::Compound,
            w => Element::Word { text: w.to_uppercase(), stem: !followed },
        });
        i += 1;
    }
    Ok(())
}

/// `~ a (a b ATTACK) SAY = a b 015`.
fn transformation(ctx: &mut Ctx<'_>, line: &Line<'_>, t: &str) {
    let body = t.trim_start_matches('~').trim();
    let Some((lhs, rhs)) = body.split_once('=') else {
        return ctx.skip(line.no, line.raw, "transformation without '='");
    };
    let lhs = tokens_p2(lhs);
    let rhs: Vec<&str> = rhs.split_whitespace().collect();
    if lhs.is_empty() {
        return ctx.skip(line.no, line.raw, "transformation with an empty left side");
    }
    let depth_ok = lhs.iter().try_fold(0i32, |d, t| {
        let d = d + i32::from(t == "(") - i32::from(t == ")");
        (d >= 0).then_some(d)
    });
    if depth_ok != Some(0) {
        return ctx.skip(line.no, line.raw, "unbalanced parentheses in transformation");
    }
    let [source, target, code] = rhs.as_slice() else {
        return ctx.skip(line.no, line.raw, "transformation result must be 'SOURCE TARGET CODE'");
    };
    ctx.dicts.transformations.push(Transformation {
        lhs,
        source: source.to_string(),
        target: target.to_string(),
        code: code.to_string(),
        origin: ctx.origin(line.no),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Dictionaries {
        let mut d = Dictionaries::default();
        read_verbs("v.txt", text, &mut d);
        d
    }

    fn word(w: &str) -> Element {
        Element::Word { text: w.into(), stem: true }
    }

    const P2: &str = "\
&CURRENCY
+DOLLAR
+CASH_
+MONEY
&AUXVERB1_
+WAS
&FIGHT_OF_WORDS
+ARGUMENT
---  QUICKSTEP   [---]  ---
SCURRY {SCURRIES SCURRYING SCURRIED }
RUSH
+ANGERED_BY {}
+PLEAD_FOR {+PLEADED_FOR +PLEADING_FOR +PLEADS_FOR} [020]
PHONE_+TAP {PHONE_+TAPPED  PHONE_+TAPPING }
- * (TO)                                  [042:043]     # dash
- * {ARMS SHIPMENT}                        [072]         # weapons
- * POLICE (TO BORDER)                     [153]
- &CURRENCY * (FROM ^) $                   [:173]
- * (BY/WITH SANCTIONS)                    [163]
- * &FIGHT_OF_WORDS                        [---]
- * (OF {BANNED &CURRENCY})                [1722]
~ a (a b ATTACK) ASSERT = a b 015
";

    #[test]
    fn detects_syntax() {
        assert_eq!(detect(P2), Syntax::P2);
        assert_eq!(detect("--- A [010] ---\nA\n- * IN_+ [010]\n"), Syntax::P1);
    }

    #[test]
    fn synsets_labels_and_plurals() {
        let d = load(P2);
        let cur = &d.synsets["&CURRENCY"];
        let words: Vec<String> = cur.iter().map(|p| p.words.join(" ")).collect();
        // CASH_ is exact: no plural.
        assert_eq!(words, vec!["DOLLAR", "DOLLARS", "CASH", "MONEY", "MONEYS"]);
        assert!(!cur[2].stem);
        assert_eq!(d.synsets["&AUXVERB1"].len(), 1, "a label ending in _ generates no plurals");
    }

    #[test]
    fn verbs_forms_heads_and_codes() {
        let d = load(P2);
        let b = &d.verbs[0];
        assert_eq!(b.name, "QUICKSTEP");
        assert_eq!(b.code, CodeSpec { code: None, paired: None });
        let scurry = &b.verbs[0];
        assert_eq!(scurry.forms, vec!["SCURRY", "SCURRIES", "SCURRIED", "SCURRYING"]);
        let angered = &b.verbs[2];
        assert_eq!((angered.words.clone(), angered.head), (vec!["ANGERED".into(), "BY".into()], 0));
        assert_eq!(angered.forms, vec!["ANGERED"]);
        let plead = &b.verbs[3];
        assert_eq!(plead.code, Some(CodeSpec { code: Some("020".into()), paired: None }));
        assert!(plead.forms.contains(&"PLEADED".to_string()) && plead.forms.contains(&"PLEADS".to_string()));
        let tap = &b.verbs[4];
        assert_eq!(tap.words, vec!["PHONE", "TAP"]);
        assert_eq!(tap.head, 1);
        assert!(tap.forms.contains(&"TAPPED".to_string()));
        assert_eq!(tap.origin.line, 14);
    }

    #[test]
    fn p2_patterns() {
        let d = load(P2);
        let p = &d.verbs[0].patterns;
        assert_eq!(p[0].elements, vec![Element::Verb, Element::Prep { prep: "TO".into(), object: vec![] }]);
        assert_eq!(p[0].code, CodeSpec { code: Some("042".into()), paired: Some("043".into()) });
        assert_eq!(p[1].elements, vec![Element::Verb, Element::Group(vec![word("ARMS"), word("SHIPMENT")])]);
        assert_eq!(
            p[2].elements,
            vec![Element::Verb, word("POLICE"), Element::Prep { prep: "TO".into(), object: vec![word("BORDER")] }]
        );
        assert_eq!(
            p[3].elements,
            vec![
                Element::Synset("&CURRENCY".into()),
                Element::Verb,
                Element::Prep { prep: "FROM".into(), object: vec![Element::Skip] },
                Element::Source
            ]
        );
        assert_eq!(p[3].code, CodeSpec { code: None, paired: Some("173".into()) });
        // BY/WITH: two patterns from one line.
        assert_eq!(p[4].elements[1], Element::Prep { prep: "BY".into(), object: vec![word("SANCTIONS")] });
        assert_eq!(p[5].elements[1], Element::Prep { prep: "WITH".into(), object: vec![word("SANCTIONS")] });
        assert_eq!(p[4].origin.line, p[5].origin.line);
        assert_eq!(p[6].elements[1], Element::Synset("&FIGHT_OF_WORDS".into()));
        assert_eq!(
            p[7].elements[1],
            Element::Prep {
                prep: "OF".into(),
                object: vec![Element::Group(vec![word("BANNED"), Element::Synset("&CURRENCY".into())])]
            }
        );
        assert_eq!(d.transformations.len(), 1);
        let tr = &d.transformations[0];
        assert_eq!(tr.lhs, vec!["a", "(", "a", "b", "ATTACK", ")", "ASSERT"]);
        assert_eq!((tr.source.as_str(), tr.target.as_str(), tr.code.as_str()), ("a", "b", "015"));
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
    }

    #[test]
    fn p1_patterns_split_joined_words() {
        let d = load(
            "&GENINT\n+GENEVA\n--- ACCORD [---] ---\nACCORD\n\
             - SUGGESTED_+ * DEMAND_&GENINT_CONVENTIONS  [111]\n- IN_ *  [075]\n- % * [030:030]\n",
        );
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        let p = &d.verbs[0].patterns;
        assert_eq!(
            p[0].elements,
            vec![
                Element::Word { text: "SUGGESTED".into(), stem: false },
                Element::Target,
                Element::Verb,
                Element::Word { text: "DEMAND".into(), stem: false },
                Element::Synset("&GENINT".into()),
                word("CONVENTIONS"),
            ]
        );
        assert_eq!(p[1].elements, vec![Element::Word { text: "IN".into(), stem: false }, Element::Verb]);
        assert_eq!(p[2].elements, vec![Element::Compound, Element::Verb]);
    }

    #[test]
    fn broken_entries_are_reported_and_the_rest_read() {
        let d = load(
            "--- A [010] ---\nA\n- * THE WOGS  [abc]\n- * (UNCLOSED [010]\n- * &NOSUCH [010]\n\
             - SAID * OFFER # no code\n- * FINE [020]\n--- B [210a] ---\nB\n- * OK [030]\n",
        );
        let skipped: Vec<u32> = d.diagnostics.iter().filter(|x| x.skipped).map(|x| x.line).collect();
        assert_eq!(skipped, vec![3, 4, 5, 6]);
        assert!(d.diagnostics[0].message.contains("abc"));
        assert_eq!(d.verbs[0].patterns.len(), 1);
        assert_eq!(d.verbs[1].code, CodeSpec { code: None, paired: None });
        assert_eq!(d.verbs[1].patterns.len(), 1);
        let warn = d.diagnostics.iter().find(|x| !x.skipped).unwrap();
        assert_eq!(warn.line, 8);
    }

    #[test]
    fn synsets_may_be_defined_after_use() {
        let d = load("--- A [010] ---\nA\n- * &LATER [020]\n&LATER\n+WORD\n");
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        assert_eq!(d.verbs[0].patterns[0].elements[1], Element::Synset("&LATER".into()));
        assert_eq!(d.synsets["&LATER"][0].words, vec!["WORD"]);
    }

    #[test]
    fn tabari_oddities_are_read() {
        let d = load("--- LASH OUT  [122] ---\nLASH OUT\nSNUB [111] {SNUBS SNUBBING SNUBBED}\n");
        assert!(d.diagnostics.is_empty(), "{:?}", d.diagnostics);
        let b = &d.verbs[0];
        assert_eq!(b.name, "LASH_OUT");
        assert_eq!(b.verbs[0].words, vec!["LASH", "OUT"]);
        assert_eq!(b.verbs[0].forms, vec!["LASH", "LASHES", "LASHED", "LASHING"]);
        assert_eq!(b.verbs[1].code, Some(CodeSpec { code: Some("111".into()), paired: None }));
        assert!(b.verbs[1].forms.contains(&"SNUBBED".to_string()));
    }

    #[test]
    fn codes() {
        assert_eq!(code_spec("0841").unwrap().code.as_deref(), Some("0841"));
        assert_eq!(code_spec("---").unwrap(), null_code());
        assert!(code_spec("080!").is_err());
        assert!(code_spec("075A").is_err());
        assert!(code_spec("").is_err());
        assert!(code_spec("12345").is_err());
        assert!(code_spec("042:").is_err());
    }
}
