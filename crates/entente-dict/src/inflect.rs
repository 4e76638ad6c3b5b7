//! Regular English inflection of upper-case words: noun plurals and verb forms. Irregular forms
//! come from the dictionaries themselves (`{...}`); these rules only need to be right for
//! regular words, and a wrong extra form is harmless (it never occurs in text), while a missing
//! one loses events.

fn is_vowel(b: u8) -> bool {
    matches!(b, b'A' | b'E' | b'I' | b'O' | b'U')
}

fn ends_consonant_y(w: &[u8]) -> bool {
    w.len() >= 2 && w[w.len() - 1] == b'Y' && !is_vowel(w[w.len() - 2])
}

fn sibilant(w: &str) -> bool {
    ["S", "X", "Z", "CH", "SH"].iter().any(|e| w.ends_with(e))
}

/// The regular plural of a noun: `-S`, `-ES` after sibilants, `-IES` after consonant + `Y`.
pub(crate) fn plural(word: &str) -> String {
    let b = word.as_bytes();
    if ends_consonant_y(b) {
        format!("{}IES", &word[..word.len() - 1])
    } else if sibilant(word) {
        format!("{word}ES")
    } else {
        format!("{word}S")
    }
}

/// Number of vowel groups: a syllable count good enough to spot one-syllable verbs.
fn syllables(w: &[u8]) -> usize {
    let mut n = 0;
    let mut prev = false;
    for &b in w {
        let v = is_vowel(b);
        if v && !prev {
            n += 1;
        }
        prev = v;
    }
    n
}

/// Stressed final syllables after which English doubles the consonant (ad-MIT, re-FER, con-TROL);
/// the exceptions are the common words where the stress falls earlier.
const DOUBLING_ENDINGS: &[&str] =
    &["MIT", "CUR", "PEL", "FER", "TROL", "GRET", "BED", "BID", "TER", "NAP"];
const NOT_DOUBLED: &[&str] = &[
    "LIMIT", "VOMIT", "SUMMIT", "OFFER", "SUFFER", "DIFFER", "PROFFER", "ALTER", "ENTER", "MATTER",
    "FILTER", "SHELTER", "BOLSTER", "MUSTER", "REGISTER", "MINISTER", "CLUSTER", "BARTER",
    "FLATTER", "SCATTER", "SHATTER", "CHARTER", "FOSTER", "PLASTER", "OUSTER", "BANTER", "TEETER",
    "WATER", "UTTER", "LETTER", "PESTER", "FALTER", "SPUTTER", "STUTTER", "WINTER", "MASTER",
];

/// Does the final consonant double before `-ED`/`-ING` (STOP → STOPPED, ADMIT → ADMITTED)?
fn doubles(word: &str) -> bool {
    // Only the last part of a hyphenated word (RE-ADMIT) decides.
    let last = word.rsplit('-').next().unwrap_or(word);
    let b = last.as_bytes();
    let n = b.len();
    if n < 3 {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let cvc = !is_vowel(c1)
        && is_vowel(v)
        && c2.is_ascii_uppercase()
        && !is_vowel(c2)
        && !matches!(c2, b'W' | b'X' | b'Y');
    // QU acts as a consonant: QUIT → QUITTING.
    let cvc = cvc || (n >= 4 && &b[n - 4..n - 2] == b"QU" && is_vowel(v) && !is_vowel(c2));
    if !cvc {
        return false;
    }
    if syllables(b) == 1 || (n >= 4 && &b[n - 4..n - 2] == b"QU" && syllables(b) == 2) {
        return true;
    }
    DOUBLING_ENDINGS.iter().any(|e| last.ends_with(e)) && !NOT_DOUBLED.contains(&last)
}

/// The regular forms of a verb: base, `-S`, `-ED`, `-ING`.
pub(crate) fn verb_forms(word: &str) -> [String; 4] {
    let b = word.as_bytes();
    let third = if ends_consonant_y(b) {
        format!("{}IES", &word[..word.len() - 1])
    } else if sibilant(word) || (word.ends_with('O') && !word.ends_with("OO")) {
        format!("{word}ES")
    } else {
        format!("{word}S")
    };
    let double = doubles(word);
    let last = word.chars().last().map(String::from).unwrap_or_default();
    let past = if word.ends_with('E') {
        format!("{word}D")
    } else if ends_consonant_y(b) {
        format!("{}IED", &word[..word.len() - 1])
    } else if double {
        format!("{word}{last}ED")
    } else {
        format!("{word}ED")
    };
    let ing = if let Some(stem) = word.strip_suffix("IE") {
        format!("{stem}YING")
    } else if word.ends_with('E') && !["EE", "YE", "OE"].iter().any(|e| word.ends_with(e)) && word.len() > 2
    {
        format!("{}ING", &word[..word.len() - 1])
    } else if double {
        format!("{word}{last}ING")
    } else {
        format!("{word}ING")
    };
    [word.to_string(), third, past, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals() {
        for (s, p) in [
            ("MINISTER", "MINISTERS"),
            ("CONGRESS", "CONGRESSES"),
            ("MILITARY", "MILITARIES"),
            ("ATTORNEY", "ATTORNEYS"),
            ("CHURCH", "CHURCHES"),
            ("TAX", "TAXES"),
        ] {
            assert_eq!(plural(s), p, "{s}");
        }
    }

    #[test]
    fn verbs() {
        let cases = [
            ("HURRY", ["HURRY", "HURRIES", "HURRIED", "HURRYING"]),
            ("STOP", ["STOP", "STOPS", "STOPPED", "STOPPING"]),
            ("AGREE", ["AGREE", "AGREES", "AGREED", "AGREEING"]),
            ("RELEASE", ["RELEASE", "RELEASES", "RELEASED", "RELEASING"]),
            ("ATTACK", ["ATTACK", "ATTACKS", "ATTACKED", "ATTACKING"]),
            ("VISIT", ["VISIT", "VISITS", "VISITED", "VISITING"]),
            ("ADMIT", ["ADMIT", "ADMITS", "ADMITTED", "ADMITTING"]),
            ("RE-ADMIT", ["RE-ADMIT", "RE-ADMITS", "RE-ADMITTED", "RE-ADMITTING"]),
            ("OFFER", ["OFFER", "OFFERS", "OFFERED", "OFFERING"]),
            ("REFER", ["REFER", "REFERS", "REFERRED", "REFERRING"]),
            ("PLAY", ["PLAY", "PLAYS", "PLAYED", "PLAYING"]),
            ("TIE", ["TIE", "TIES", "TIED", "TYING"]),
            ("PUSH", ["PUSH", "PUSHES", "PUSHED", "PUSHING"]),
            ("VETO", ["VETO", "VETOES", "VETOED", "VETOING"]),
            ("FLEE", ["FLEE", "FLEES", "FLEED", "FLEEING"]),
            ("QUIT", ["QUIT", "QUITS", "QUITTED", "QUITTING"]),
            ("KIDNAP", ["KIDNAP", "KIDNAPS", "KIDNAPPED", "KIDNAPPING"]),
            ("FIX", ["FIX", "FIXES", "FIXED", "FIXING"]),
            ("ALLOW", ["ALLOW", "ALLOWS", "ALLOWED", "ALLOWING"]),
            ("CONTROL", ["CONTROL", "CONTROLS", "CONTROLLED", "CONTROLLING"]),
            ("SIGNAL", ["SIGNAL", "SIGNALS", "SIGNALED", "SIGNALING"]),
        ];
        for (base, forms) in cases {
            assert_eq!(verb_forms(base), forms.map(String::from), "{base}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in ["", "E", "Y", "IE", "É", "ÉE", "-", "Q", "QU"] {
            let _ = verb_forms(w);
            let _ = plural(w);
        }
    }
}
