//! Sentences and tokens: raw text into byte ranges, without allocating per token.
//!
//! Offsets are byte offsets into the sentence text. Upper-casing keeps every byte offset (a
//! character whose upper case has another UTF-8 length is left as it is), so one offset serves
//! both the original text (evidence spans) and the upper-case copy (dictionary matching).

/// What a token is; the coder treats some kinds specially.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters (with internal hyphens, periods, apostrophes), e.g. `U.S.`, `pro-Western`.
    Word,
    /// Digits with internal `,` or `.`, e.g. `50,000`, `11.8`.
    Number,
    /// The possessive `'s` (or the bare `'` of `ministers'`).
    Possessive,
    /// The contracted negation `n't`.
    Negation,
    /// One punctuation character.
    Punct,
}

/// A token: its byte range in the sentence and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: u32,
    pub end: u32,
    pub kind: Kind,
}

/// Words that end with a period without ending the sentence (upper-case, no period).
const ABBREVIATIONS: &[&str] = &[
    "MR", "MRS", "MS", "DR", "PROF", "GEN", "LT", "COL", "MAJ", "CAPT", "SGT", "CPL", "ADM", "CMDR",
    "GOV", "SEN", "REP", "REV", "HON", "PRES", "ST", "MT", "FT", "JR", "SR", "CO", "CORP", "INC",
    "LTD", "BROS", "NO", "VS", "ETC", "APPROX", "DEPT", "UNIV", "JAN", "FEB", "MAR", "APR", "JUN",
    "JUL", "AUG", "SEP", "SEPT", "OCT", "NOV", "DEC", "MLN", "BLN", "DLRS", "PCT", "FIG", "AVE",
    "BLVD", "RD", "GOVT", "AMB", "SECY", "ASST",
];

fn is_abbreviation(word: &str) -> bool {
    // Initials ("W.") and dotted abbreviations ("U.S.", "e.g.") never end a sentence here.
    let w = word.trim_end_matches('.');
    if w.chars().count() == 1 && w.chars().all(|c| c.is_alphabetic()) {
        return true;
    }
    if w.contains('.') {
        return true;
    }
    w.len() <= 5 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Splits `text` into sentences: byte ranges, trimmed, never empty.
///
/// A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by
/// white space, unless the period closes an abbreviation or an initial; a blank line always
/// ends one.
pub(crate) fn split_sentences(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let b = text.as_bytes();
    let mut start = 0usize;
    let mut i = 0usize;
    let push = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let trimmed = piece.trim();
        if !trimmed.is_empty() {
            out.push((s + lead, s + lead + trimmed.len()));
        }
    };
    while i < b.len() {
        let c = b[i];
        if c == b'\n' {
            // A blank line (only white space between two newlines) is a paragraph break.
            let mut j = i + 1;
            while j < b.len() && (b[j] == b' ' || b[j] == b'\t' || b[j] == b'\r') {
                j += 1;
            }
            if j < b.len() && b[j] == b'\n' {
                push(start, i, out);
                start = j + 1;
                i = j + 1;
                continue;
            }
        }
        if c == b'.' || c == b'!' || c == b'?' {
            let mut j = i + 1;
            // Closing quotes and brackets belong to the sentence they close.
            while j < b.len() {
                let rest = &text[j..];
                let ch = rest.chars().next().unwrap_or(' ');
                if matches!(ch, '"' | '\'' | ')' | ']' | '\u{201d}' | '\u{2019}') {
                    j += ch.len_utf8();
                } else {
                    break;
                }
            }
            let at_space = j >= b.len() || (b[j] as char).is_ascii_whitespace();
            if at_space && !(c == b'.' && period_is_abbreviation(text, i)) {
                push(start, j, out);
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    push(start, b.len(), out);
}

/// Is the period at byte `dot` the end of an abbreviation or initial rather than a sentence?
fn period_is_abbreviation(text: &str, dot: usize) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(is_word_char(c) || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    if !is_abbreviation(word) {
        return false;
    }
    // "... in the U.S. The next day" is ambiguous; a following lower-case word or digit makes
    // the abbreviation reading certain, and dotted names are mostly mid-sentence anyway.
    let after = text[dot + 1..].trim_start();
    match after.chars().next() {
        None => false,
        Some(c) => {
            let w = word.trim_end_matches('.');
            // A single upper-case letter after a full stop ("... Plan B. Then") is rare in news;
            // initials are far more common, so keep them.
            c.is_lowercase() || c.is_ascii_digit() || w.len() <= 5 || w.contains('.')
        }
    }
}

/// Length in bytes of a dateline at the start of `s` ("MOSCOW, March 3 (Reuters) - "), or 0.
///
/// A dateline is a prefix of at most 80 bytes ending in a dash separator whose first word is
/// in capitals (`MOSCOW`, `NEW YORK`) or that names a news agency in brackets.
pub(crate) fn dateline_len(s: &str) -> usize {
    let head_end = s.char_indices().nth(90).map_or(s.len(), |(i, _)| i);
    let head = &s[..head_end];
    let mut best = None;
    for sep in [" - ", " -- ", " \u{2014} ", " \u{2013} ", "\u{2014}", " --"] {
        if let Some(p) = head.find(sep) {
            if p <= 80 {
                let end = p + sep.len();
                best = Some(best.map_or((p, end), |(bp, be): (usize, usize)| {
                    if p < bp {
                        (p, end)
                    } else {
                        (bp, be)
                    }
                }));
            }
        }
    }
    let Some((p, end)) = best else { return 0 };
    let prefix = &s[..p];
    let first: String = prefix.chars().take_while(|c| c.is_alphabetic() || *c == ' ').collect();
    let first_word = first.split_whitespace().next().unwrap_or("");
    let capitals = first_word.chars().count() >= 2 && first_word.chars().all(|c| c.is_uppercase());
    let agency = prefix.contains('(') && prefix.ends_with(')');
    if !(capitals || agency) {
        return 0;
    }
    // The dateline ends at a comma-separated place/date list; a verb would mean a real clause.
    if prefix.split_whitespace().count() > 8 {
        return 0;
    }
    let rest = &s[end..];
    end + (rest.len() - rest.trim_start().len())
}

/// Tokenizes one sentence into `out`.
pub(crate) fn tokenize(s: &str, out: &mut Vec<Token>) {
    out.clear();
    let b = s.as_bytes();
    let mut i = 0usize;
    let char_at = |i: usize| s.get(i..).and_then(|r| r.chars().next());
    while i < b.len() {
        let Some(c) = char_at(i) else { break };
        if c.is_whitespace() {
            i += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            // 's after a word is a possessive; a lone apostrophe after s' too.
            let prev_word = out.last().is_some_and(|t| t.end as usize == i && t.kind == Kind::Word);
            let next = char_at(i + c.len_utf8());
            if prev_word && matches!(next, Some('s') | Some('S')) {
                let after = i + c.len_utf8() + 1;
                if char_at(after).is_none_or(|n| !is_word_char(n)) {
                    out.push(Token { start: i as u32, end: after as u32, kind: Kind::Possessive });
                    i = after;
                    continue;
                }
            }
            if prev_word && next.is_none_or(|n| !is_word_char(n)) {
                let last = &s[out.last().map_or(0, |t| t.start as usize)..i];
                if last.ends_with('s') || last.ends_with('S') {
                    out.push(Token { start: i as u32, end: (i + c.len_utf8()) as u32, kind: Kind::Possessive });
                    i += c.len_utf8();
                    continue;
                }
            }
            out.push(Token { start: i as u32, end: (i + c.len_utf8()) as u32, kind: Kind::Punct });
            i += c.len_utf8();
            continue;
        }
        if c.is_ascii_digit() {
            let mut j = i + 1;
            while j < b.len() {
                let d = b[j];
                if d.is_ascii_digit() {
                    j += 1;
                } else if (d == b',' || d == b'.') && j + 1 < b.len() && b[j + 1].is_ascii_digit() {
                    j += 2;
                } else {
                    break;
                }
            }
            // "12-year", "1990s": a number glued to letters is one word.
            let mut kind = Kind::Number;
            while j < b.len() {
                let Some(n) = char_at(j) else { break };
                if n.is_alphanumeric() || (n == '-' && char_at(j + 1).is_some_and(is_word_char)) {
                    kind = Kind::Word;
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
            out.push(Token { start: i as u32, end: j as u32, kind });
            i = j;
            continue;
        }
        if is_word_char(c) {
            let mut j = i + c.len_utf8();
            while j < b.len() {
                let Some(n) = char_at(j) else { break };
                if is_word_char(n) {
                    j += n.len_utf8();
                } else if matches!(n, '-' | '.' | '&') || is_apostrophe(n) {
                    let after = char_at(j + n.len_utf8());
                    let Some(a) = after else { break };
                    if !is_word_char(a) {
                        break;
                    }
                    if is_apostrophe(n) {
                        // didn't -> did n't; Iran's -> Iran 's; keep O'Brien whole.
                        let tail = &s[j + n.len_utf8()..];
                        let t_end = tail.find(|ch: char| !is_word_char(ch)).unwrap_or(tail.len());
                        let t = &tail[..t_end];
                        if t.eq_ignore_ascii_case("s") || t.eq_ignore_ascii_case("t") || t.eq_ignore_ascii_case("ll")
                            || t.eq_ignore_ascii_case("re") || t.eq_ignore_ascii_case("ve") || t.eq_ignore_ascii_case("d")
                            || t.eq_ignore_ascii_case("m")
                        {
                            break;
                        }
                    }
                    j += n.len_utf8();
                } else {
                    break;
                }
            }
            // A period after an initial or abbreviation is part of the word.
            if j < b.len() && b[j] == b'.' && is_abbreviation(&s[i..j]) {
                let next = char_at(j + 1);
                if next.is_none_or(|n| !is_word_char(n)) {
                    j += 1;
                }
            }
            // n't: "didn't", "can't", "won't" -> split the n off the word.
            if j < b.len() && is_apostrophe(char_at(j).unwrap_or(' ')) {
                let ap = char_at(j).map_or(1, char::len_utf8);
                let t = char_at(j + ap);
                let word = &s[i..j];
                if matches!(t, Some('t') | Some('T'))
                    && char_at(j + ap + 1).is_none_or(|n| !is_word_char(n))
                    && (word.ends_with('n') || word.ends_with('N'))
                    && word.len() > 1
                {
                    let n_at = j - 1;
                    out.push(Token { start: i as u32, end: n_at as u32, kind: Kind::Word });
                    out.push(Token { start: n_at as u32, end: (j + ap + 1) as u32, kind: Kind::Negation });
                    i = j + ap + 1;
                    continue;
                }
            }
            out.push(Token { start: i as u32, end: j as u32, kind: Kind::Word });
            i = j;
            continue;
        }
        out.push(Token { start: i as u32, end: (i + c.len_utf8()) as u32, kind: Kind::Punct });
        i += c.len_utf8();
    }
}

/// Upper-cases `s` into `out` keeping every byte offset.
pub(crate) fn upper_into(s: &str, out: &mut String) {
    out.clear();
    out.reserve(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_uppercase());
        } else {
            let mut up = c.to_uppercase();
            let u = up.next().unwrap_or(c);
            if up.next().is_none() && u.len_utf8() == c.len_utf8() {
                out.push(u);
            } else {
                out.push(c);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(t: &str) -> Vec<&str> {
        let mut v = Vec::new();
        split_sentences(t, &mut v);
        v.into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    fn tokens(s: &str) -> Vec<&str> {
        let mut v = Vec::new();
        tokenize(s, &mut v);
        v.into_iter().map(|t| &s[t.start as usize..t.end as usize]).collect()
    }

    #[test]
    fn splits_on_full_stops_but_not_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith met Gen. Jones in the U.S. capital. They talked. \"Fine,\" he said."),
            vec!["Mr. Smith met Gen. Jones in the U.S. capital.", "They talked.", "\"Fine,\" he said."]
        );
        assert_eq!(sentences("George W. Bush left on Jan. 5 for Iran."), vec!["George W. Bush left on Jan. 5 for Iran."]);
        assert_eq!(sentences("Why? Because.\n\nNew para"), vec!["Why?", "Because.", "New para"]);
        assert_eq!(sentences("Para one\n  \nPara two"), vec!["Para one", "Para two"]);
        assert!(sentences("   ").is_empty());
        assert_eq!(sentences("It rose 11.8 pct."), vec!["It rose 11.8 pct."]);
    }

    #[test]
    fn strips_datelines() {
        let s = "MOSCOW, March 3 (Reuters) - Russia said";
        assert_eq!(&s[dateline_len(s)..], "Russia said");
        let s = "WASHINGTON, Feb 26 - The U.S. said";
        assert_eq!(&s[dateline_len(s)..], "The U.S. said");
        let s = "Russia and Iran - old partners - signed";
        assert_eq!(dateline_len(s), 0);
    }

    #[test]
    fn tokenizes_words_possessives_negations_numbers() {
        assert_eq!(tokens("Iran's defence minister didn't go."), vec!["Iran", "'s", "defence", "minister", "did", "n't", "go", "."]);
        assert_eq!(tokens("the U.S. sent 50,000 tonnes, worth 11.8 mln"), vec!["the", "U.S.", "sent", "50,000", "tonnes", ",", "worth", "11.8", "mln"]);
        assert_eq!(tokens("pro-Western O'Brien's 12-year rift"), vec!["pro-Western", "O'Brien", "'s", "12-year", "rift"]);
        assert_eq!(tokens("the ministers' talks"), vec!["the", "ministers", "'", "talks"]);
        assert_eq!(tokens("President George W. Bush"), vec!["President", "George", "W.", "Bush"]);
        assert_eq!(tokens("can't won't"), vec!["ca", "n't", "wo", "n't"]);
        assert_eq!(tokens("\u{201c}Hello\u{201d}"), vec!["\u{201c}", "Hello", "\u{201d}"]);
        // Found by proptest: an apostrophe before a multi-byte character.
        assert_eq!(tokens("\u{aa}'\u{1f300}"), vec!["\u{aa}", "'", "\u{1f300}"]);
    }

    #[test]
    fn upper_case_keeps_offsets() {
        let mut u = String::new();
        for s in ["Straße Zürich ǆ İstanbul", "plain", ""] {
            upper_into(s, &mut u);
            assert_eq!(u.len(), s.len());
            assert!(s.char_indices().all(|(i, _)| u.is_char_boundary(i)));
        }
        upper_into("Zürich", &mut u);
        assert_eq!(u, "ZÜRICH");
    }
}
