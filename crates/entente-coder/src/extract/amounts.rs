//! Amounts in one sentence: money, percentages, measures and counts, each normalised to a value
//! and a unit under the annotation rules of `eval/AMOUNTS.md`.
//!
//! One pass of a small lexer (numbers, words with a lower-case key, single punctuation
//! characters), then one pass over the tokens: a number (digits, a fraction before a unit, or
//! number words) with an optional currency sign before it and a scale word after it, then a
//! unit. Numbers without a unit are kept as candidates and take the unit of a neighbour joined
//! by `to`/`from`/`vs`/`-`/... ("10 to 20 pct", "15.3 mln dlrs vs 12.1 mln"), or, with a scale
//! word, of the nearest scaled money in the sentence. Sentences with no digit and no
//! number word cost one lexing pass and nothing more.

use serde::{Deserialize, Serialize};

/// What an [`Amount`] measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AmountKind {
    /// Money: the unit is an ISO 4217 code (`USD`, `GBP`, ...).
    Money,
    /// A percentage (`%`) or a change in percentage points (`pp`).
    Percent,
    /// A physical quantity (`km`, `t`, `bpd`, `m3`, `MW`, ...).
    Measure,
    /// A count of people or things (`troop`, `person`, `share`, `drone`, ...).
    Count,
}

impl AmountKind {
    /// `money`, `percent`, `measure` or `count`.
    pub fn name(self) -> &'static str {
        match self {
            AmountKind::Money => "money",
            AmountKind::Percent => "percent",
            AmountKind::Measure => "measure",
            AmountKind::Count => "count",
        }
    }
}

/// An amount found in a sentence. Spans are relative to the sentence text (as [`Coder::sentences`]
/// gives it), like the byte spans of an event's [`Spans`](entente_core::Spans).
///
/// [`Coder::sentences`]: crate::Coder::sentences
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    /// Index of the sentence in the document, from 0 (the same index as an event's).
    pub sentence: u32,
    /// Byte span of the amount in the sentence: the currency sign, the number, the scale word
    /// and the unit when they are written next to it.
    pub span: (usize, usize),
    /// The same span in characters (Unicode scalar values), for consumers that index by character.
    pub chars: (usize, usize),
    /// The sentence's text at `span`.
    pub text: String,
    /// The value with the scale multiplied out, in whole units (`50 cts` is `0.5`).
    pub value: f64,
    /// `USD`, `%`, `pp`, `km`, `t`, `bpd`, `troop`, ... (see `eval/AMOUNTS.md`).
    pub unit: String,
    /// Money, percent, measure or count.
    pub kind: AmountKind,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum K {
    Num,
    Word,
    Punct,
}

/// A token: byte span, kind, whether it touches the previous token, and a key for matching
/// (words: ASCII lower-case without dots, at most 15 bytes, else empty; punctuation: itself).
#[derive(Clone, Copy, Debug)]
struct Tok {
    s: u32,
    e: u32,
    k: K,
    glued: bool,
    cap: bool,
    klen: u8,
    key: [u8; 15],
}

impl Tok {
    fn key(&self) -> &[u8] {
        &self.key[..self.klen as usize]
    }
}

/// Reusable buffers for extraction: keep one per thread and pass it to [`amounts_into`].
#[derive(Debug, Default)]
pub struct Scratch {
    toks: Vec<Tok>,
    phrases: Vec<Phrase>,
    /// Bracket depth at each token.
    depth: Vec<u8>,
}

/// Lexes `s` from byte `from` to about byte `to` (the token that reaches past it ends it);
/// spans stay relative to `s`.
fn lex(s: &str, from: usize, to: usize, out: &mut Vec<Tok>) {
    out.clear();
    let b = s.as_bytes();
    let mut i = from;
    let mut prev_end = usize::MAX;
    while i < b.len() && i < to {
        let c = b[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let k;
        if c.is_ascii_digit() {
            i += 1;
            loop {
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
                if i + 1 < b.len() && b[i] == b'.' && b[i + 1].is_ascii_digit() {
                    i += 1;
                    continue;
                }
                // A thousands separator is a comma before exactly three digits.
                if i + 3 < b.len() && b[i] == b',' && b[i + 1..i + 4].iter().all(u8::is_ascii_digit) && b.get(i + 4).is_none_or(|d| !d.is_ascii_digit()) {
                    i += 1;
                    continue;
                }
                break;
            }
            k = K::Num;
        } else if c == b'&' && (b[i..].starts_with(b"&#163;") || b[i..].starts_with(b"&#8364;")) {
            // An HTML entity for a pound or euro sign, as some headlines carry them.
            i += if b[i + 2] == b'1' { 6 } else { 7 };
            k = K::Punct;
        } else if c.is_ascii() && !c.is_ascii_alphabetic() {
            // ASCII punctuation: one byte, no decoding.
            i += 1;
            k = K::Punct;
        } else {
            let ch = if c.is_ascii() { c as char } else { s[i..].chars().next().unwrap_or(' ') };
            if ch.is_alphabetic() {
                i += ch.len_utf8();
                while i < b.len() {
                    let n = b[i];
                    if n.is_ascii_alphanumeric() {
                        i += 1;
                    } else if n == b'.' {
                        if b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                            i += 1;
                        } else {
                            break;
                        }
                    } else if n.is_ascii() {
                        break;
                    } else {
                        let ch = s[i..].chars().next().unwrap_or(' ');
                        if !ch.is_alphanumeric() {
                            break;
                        }
                        i += ch.len_utf8();
                    }
                }
                // The closing period of a dotted abbreviation ("U.S.") is part of it.
                if b.get(i) == Some(&b'.') && b[start..i].contains(&b'.') {
                    i += 1;
                }
                k = K::Word;
            } else if ch.is_whitespace() {
                i += ch.len_utf8();
                continue;
            } else {
                i += ch.len_utf8();
                k = K::Punct;
            }
        }
        let mut key = [0u8; 15];
        let mut klen = 0usize;
        let raw: &[u8] = match &b[start..i] {
            b"&#163;" => "\u{a3}".as_bytes(),
            b"&#8364;" => "\u{20ac}".as_bytes(),
            r => r,
        };
        match k {
            K::Word if raw.len() <= key.len() && raw.iter().all(|x| x.is_ascii_alphanumeric()) => {
                key[..raw.len()].copy_from_slice(raw);
                key[..raw.len()].make_ascii_lowercase();
                klen = raw.len();
            }
            K::Word => {
                for &x in raw {
                    if x == b'.' {
                        continue;
                    }
                    if !x.is_ascii() || klen == key.len() {
                        klen = 0;
                        break;
                    }
                    key[klen] = x.to_ascii_lowercase();
                    klen += 1;
                }
            }
            K::Punct if raw.len() <= key.len() => {
                key[..raw.len()].copy_from_slice(raw);
                klen = raw.len();
            }
            _ => {}
        }
        out.push(Tok { s: start as u32, e: i as u32, k, glued: prev_end == start, cap: c.is_ascii_uppercase(), klen: klen as u8, key });
        prev_end = i;
    }
}

fn small_number(k: &[u8]) -> Option<f64> {
    Some(match k {
        b"one" => 1.0,
        b"two" => 2.0,
        b"three" => 3.0,
        b"four" => 4.0,
        b"five" => 5.0,
        b"six" => 6.0,
        b"seven" => 7.0,
        b"eight" => 8.0,
        b"nine" => 9.0,
        b"ten" => 10.0,
        b"eleven" => 11.0,
        b"twelve" => 12.0,
        b"thirteen" => 13.0,
        b"fourteen" => 14.0,
        b"fifteen" => 15.0,
        b"sixteen" => 16.0,
        b"seventeen" => 17.0,
        b"eighteen" => 18.0,
        b"nineteen" => 19.0,
        b"twenty" => 20.0,
        b"thirty" => 30.0,
        b"forty" => 40.0,
        b"fifty" => 50.0,
        b"sixty" => 60.0,
        b"seventy" => 70.0,
        b"eighty" => 80.0,
        b"ninety" => 90.0,
        _ => return None,
    })
}

fn scale_of(k: &[u8]) -> Option<f64> {
    Some(match k {
        b"mln" | b"million" | b"mn" | b"m" | b"millions" => 1e6,
        b"bn" | b"bln" | b"billion" | b"billions" => 1e9,
        b"tn" | b"trillion" => 1e12,
        b"thousand" | b"k" => 1e3,
        b"hundred" => 100.0,
        b"dozen" => 12.0,
        b"crore" => 1e7,
        b"lakh" => 1e5,
        _ => return None,
    })
}

fn is_month(k: &[u8]) -> bool {
    matches!(
        k,
        b"january" | b"february" | b"march" | b"april" | b"may" | b"june" | b"july" | b"august" | b"september" | b"october" | b"november" | b"december"
            | b"jan" | b"feb" | b"mar" | b"apr" | b"jun" | b"jul" | b"aug" | b"sep" | b"sept" | b"oct" | b"nov" | b"dec"
    )
}

/// Words before a number that make it a name or an index, not an amount ("Resolution 242",
/// "aged 45"); the second list only when capitalised ("Phase 2", not "issue 300 mln dlrs").
fn is_identifier_word(t: &Tok) -> bool {
    matches!(
        t.key(),
        b"no" | b"number" | b"nos" | b"article" | b"resolution" | b"flight" | b"route" | b"chapter" | b"section" | b"paragraph" | b"clause" | b"room" | b"gate"
            | b"page" | b"annex" | b"highway" | b"interstate" | b"platform" | b"aged" | b"age" | b"ages"
    ) || t.cap
        && matches!(
            t.key(),
            b"boeing" | b"airbus" | b"apollo" | b"item" | b"protocol" | b"amendment" | b"proposition" | b"channel" | b"box" | b"suite" | b"track" | b"model" | b"version"
                | b"windows" | b"formula" | b"tu" | b"tupolev" | b"ilyushin" | b"antonov" | b"sukhoi" | b"mig" | b"dc" | b"code" | b"phase" | b"stage" | b"round" | b"level"
                | b"grade" | b"class" | b"type" | b"series" | b"unit" | b"block" | b"district" | b"ward" | b"precinct" | b"vol" | b"volume" | b"issue" | b"part" | b"title"
                | b"psalm" | b"group" | b"league" | b"division" | b"game" | b"match" | b"super" | b"radio" | b"studio"
        )
}

/// Capitalised words allowed right before a counted number ("Some 200 troops"); any other
/// capitalised word there makes the number a name ("Boeing 747 jets", "Section 301").
fn is_allowed_capital(k: &[u8]) -> bool {
    matches!(
        k,
        b"about" | b"some" | b"nearly" | b"almost" | b"around" | b"over" | b"more" | b"only" | b"just" | b"all" | b"the" | b"those" | b"these" | b"another" | b"up"
            | b"at" | b"with" | b"and" | b"but" | b"by" | b"of" | b"in" | b"for" | b"to" | b"its" | b"their" | b"his" | b"her" | b"our" | b"least"
            | b"shr" | b"shrs" | b"net" | b"revs" | b"sales" | b"div" | b"qtly" | b"dividend" | b"profit" | b"loss" | b"oper" | b"avg" | b"pay" | b"assets" | b"deposits"
            | b"loans" | b"earnings" | b"income" | b"year" | b"mths" | b"qtr" | b"shares" | b"reuter" | b"reuters" | b"approximately" | b"roughly" | b"than" | b"exactly"
    )
}

/// Words that may follow a number whose unit is left out ("rose to 15 from 12 pct").
fn follows_bare(k: &[u8]) -> bool {
    matches!(
        k,
        b"to" | b"from" | b"vs" | b"versus" | b"and" | b"or" | b"against" | b"compared" | b"with" | b"in" | b"on" | b"at" | b"a" | b"an" | b"the" | b"which"
            | b"that" | b"but" | b"last" | b"this" | b"previously" | b"earlier" | b"respectively" | b"each" | b"for" | b"during" | b"since" | b"before" | b"after"
            | b"while" | b"per" | b"year" | b"as" | b"by" | b"when" | b"nor" | b"than" | b"reuter" | b"net" | b"shr" | b"revs" | b"prior" | b"over" | b"today" | b"yesterday"
            | b"bid" | b"asked" | b","
    ) || k.len() == 1 && !k[0].is_ascii_alphanumeric()
}

/// Tokens that join two numbers sharing one unit ("10 to 20", "15 from 12", "3 vs 4").
fn is_connector(k: &[u8]) -> bool {
    matches!(k, b"to" | b"from" | b"vs" | b"versus" | b"and" | b"or" | b"against" | b"compared" | b"with" | b"between" | b"nor" | b"-" | b"\xe2\x80\x93" | b"," | b"/")
}

/// Dollar, pound, ... : currency words whose code depends on a qualifier or the sentence.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Cur {
    Fixed(&'static str),
    Dollar,
    Pound,
    Franc,
    Crown,
    Peso,
    Mark,
    Dinar,
    Riyal,
    Rial,
    Rupee,
    Shilling,
    Lira,
    Won,
    Cent,
}

fn currency_word(k: &[u8]) -> Option<Cur> {
    use Cur::*;
    Some(match k {
        b"dlrs" | b"dlr" | b"dollars" | b"dollar" => Dollar,
        b"pounds" | b"pound" => Pound,
        b"punts" | b"punt" => Fixed("IEP"),
        b"francs" | b"franc" => Franc,
        b"crowns" | b"kroner" | b"krone" => Crown,
        b"kronor" | b"krona" => Fixed("SEK"),
        b"pesos" | b"peso" => Peso,
        b"marks" | b"mark" | b"dm" | b"markka" | b"markkaa" => Mark,
        b"dinars" | b"dinar" => Dinar,
        b"riyals" | b"riyal" => Riyal,
        b"rials" | b"rial" => Rial,
        b"rupees" | b"rupee" => Rupee,
        b"shillings" => Shilling,
        b"schillings" | b"schilling" => Fixed("ATS"),
        b"lire" | b"lira" => Lira,
        b"won" => Won,
        b"cts" | b"cents" | b"cent" | b"ct" => Cent,
        b"pence" => Fixed("GBP"),
        b"stg" | b"sterling" => Fixed("GBP"),
        b"yen" => Fixed("JPY"),
        b"yuan" | b"renminbi" | b"rmb" => Fixed("CNY"),
        b"euros" | b"euro" => Fixed("EUR"),
        b"ecus" | b"ecu" => Fixed("XEU"),
        b"rand" => Fixed("ZAR"),
        b"guilders" | b"guilder" => Fixed("NLG"),
        b"pesetas" | b"peseta" => Fixed("ESP"),
        b"roubles" | b"rubles" | b"rouble" | b"ruble" => Fixed("RUB"),
        b"escudos" | b"escudo" => Fixed("PTE"),
        b"drachmas" | b"drachmae" => Fixed("GRD"),
        b"baht" => Fixed("THB"),
        b"ringgit" => Fixed("MYR"),
        b"rupiah" => Fixed("IDR"),
        b"naira" => Fixed("NGN"),
        b"zlotys" | b"zloty" => Fixed("PLN"),
        b"forints" | b"forint" => Fixed("HUF"),
        b"cruzados" | b"cruzado" => Fixed("BRC"),
        b"cruzeiros" => Fixed("BRB"),
        b"australs" | b"austral" => Fixed("ARA"),
        b"sdrs" | b"sdr" => Fixed("XDR"),
        b"shekels" | b"shekel" => Fixed("ILS"),
        b"usd" => Fixed("USD"),
        b"eur" => Fixed("EUR"),
        b"gbp" => Fixed("GBP"),
        _ => return None,
    })
}

/// A qualifier before a currency word ("Canadian dlrs", "Hong Kong dlrs"): its key and length
/// in tokens.
fn qualifier_at(t: &[Tok], q: usize) -> Option<(&'static [u8], usize)> {
    let k = t.get(q)?.key();
    let k2 = t.get(q + 1).map_or(&b""[..], Tok::key);
    let two: Option<&'static [u8]> = match (k, k2) {
        (b"hong", b"kong") => Some(b"hk"),
        (b"new", b"zealand") => Some(b"nz"),
        (b"west", b"german") | (b"deutsche", _) if k2 == b"german" || k == b"deutsche" => Some(b"german"),
        (b"sri", b"lankan") => Some(b"srilankan"),
        (b"south", b"korean") => Some(b"korean"),
        (b"south", b"african") => Some(b"southafrican"),
        (b"east", b"german") => Some(b"eastgerman"),
        (b"u", b"s") => Some(b"us"),
        _ => None,
    };
    if k == b"deutsche" {
        return Some((b"german", 1));
    }
    if let Some(q2) = two {
        return Some((q2, 2));
    }
    let one: &'static [u8] = match k {
        b"us" | b"american" => b"us",
        b"canadian" | b"can" => b"canadian",
        b"australian" | b"aust" => b"australian",
        b"hk" => b"hk",
        b"nt" => b"taiwan",
        b"singapore" => b"singapore",
        b"nz" => b"nz",
        b"taiwan" | b"taiwanese" => b"taiwan",
        b"zimbabwe" | b"zimbabwean" => b"zimbabwe",
        b"malaysian" => b"malaysian",
        b"swiss" => b"swiss",
        b"french" => b"french",
        b"belgian" => b"belgian",
        b"luxembourg" => b"luxembourg",
        b"malagasy" => b"malagasy",
        b"cfa" => b"cfa",
        b"burundi" => b"burundi",
        b"rwandan" | b"rwanda" => b"rwandan",
        b"djibouti" => b"djibouti",
        b"swedish" => b"swedish",
        b"danish" => b"danish",
        b"norwegian" => b"norwegian",
        b"icelandic" => b"icelandic",
        b"mexican" => b"mexican",
        b"argentine" | b"argentinian" => b"argentine",
        b"philippine" => b"philippine",
        b"chilean" => b"chilean",
        b"colombian" => b"colombian",
        b"uruguayan" => b"uruguayan",
        b"irish" => b"irish",
        b"egyptian" => b"egyptian",
        b"british" => b"british",
        b"cyprus" | b"cypriot" => b"cyprus",
        b"lebanese" => b"lebanese",
        b"syrian" => b"syrian",
        b"sudanese" => b"sudanese",
        b"finnish" => b"finnish",
        b"german" => b"german",
        b"dutch" => b"dutch",
        b"kuwaiti" => b"kuwaiti",
        b"iraqi" => b"iraqi",
        b"libyan" => b"libyan",
        b"algerian" => b"algerian",
        b"tunisian" => b"tunisian",
        b"jordanian" => b"jordanian",
        b"bahraini" => b"bahraini",
        b"yugoslav" => b"yugoslav",
        b"saudi" => b"saudi",
        b"qatari" => b"qatari",
        b"omani" => b"omani",
        b"iranian" => b"iranian",
        b"yemeni" => b"yemeni",
        b"indian" => b"indian",
        b"pakistani" => b"pakistani",
        b"nepalese" => b"nepalese",
        b"kenyan" => b"kenyan",
        b"austrian" => b"austrian",
        b"tanzanian" => b"tanzanian",
        b"ugandan" => b"ugandan",
        b"turkish" => b"turkish",
        b"italian" => b"italian",
        b"korean" => b"korean",
        b"euro" => b"euro",
        _ => return None,
    };
    Some((one, 1))
}

/// The ISO code of a currency word given its qualifier and, failing that, the sentence.
fn iso(cur: Cur, qual: Option<&[u8]>, sentence: &str) -> Option<&'static str> {
    let q = qual.unwrap_or(b"");
    let has = |w: &str| sentence.contains(w);
    Some(match cur {
        Cur::Fixed(c) => c,
        Cur::Dollar | Cur::Cent => match q {
            b"canadian" => "CAD",
            b"australian" => "AUD",
            b"hk" => "HKD",
            b"singapore" => "SGD",
            b"nz" => "NZD",
            b"taiwan" => "TWD",
            b"zimbabwe" => "ZWD",
            b"malaysian" => "MYR",
            b"euro" if cur == Cur::Cent => "EUR",
            _ => "USD",
        },
        Cur::Pound => match q {
            b"irish" => "IEP",
            b"egyptian" => "EGP",
            b"cyprus" => "CYP",
            b"lebanese" => "LBP",
            b"syrian" => "SYP",
            b"sudanese" => "SDP",
            _ => "GBP",
        },
        Cur::Franc => match q {
            b"swiss" => "CHF",
            b"belgian" => "BEF",
            b"luxembourg" => "LUF",
            b"french" => "FRF",
            b"malagasy" => "MGF",
            b"cfa" => "XOF",
            b"burundi" => "BIF",
            b"rwandan" => "RWF",
            b"djibouti" => "DJF",
            _ if has("Swiss") || has("Switzerland") || has("Zurich") => "CHF",
            _ if has("Belgi") || has("Brussels") => "BEF",
            _ => "FRF",
        },
        Cur::Crown => match q {
            b"swedish" => "SEK",
            b"danish" => "DKK",
            b"norwegian" => "NOK",
            b"icelandic" => "ISK",
            _ if has("Denmark") || has("Danish") || has("Copenhagen") => "DKK",
            _ if has("Norw") || has("Oslo") || has("Norsk") => "NOK",
            _ => "SEK",
        },
        Cur::Peso => match q {
            b"mexican" => "MXN",
            b"argentine" => "ARS",
            b"philippine" => "PHP",
            b"chilean" => "CLP",
            b"colombian" => "COP",
            b"uruguayan" => "UYU",
            _ if has("Argentin") || has("Buenos Aires") => "ARS",
            _ if has("Philippin") || has("Manila") || has("Filipino") || has("Aquino") => "PHP",
            _ if has("Chile") || has("Santiago") => "CLP",
            _ if has("Colombia") || has("Bogota") => "COP",
            _ => "MXN",
        },
        Cur::Mark => match q {
            b"finnish" => "FIM",
            b"eastgerman" => "DDM",
            _ if has("Finland") || has("Finnish") => "FIM",
            _ => "DEM",
        },
        Cur::Dinar => match q {
            b"iraqi" => "IQD",
            b"libyan" => "LYD",
            b"algerian" => "DZD",
            b"tunisian" => "TND",
            b"jordanian" => "JOD",
            b"bahraini" => "BHD",
            b"yugoslav" => "YUD",
            _ if has("Yugoslav") || has("Belgrade") => "YUD",
            _ if has("Iraq") => "IQD",
            _ if has("Algeria") => "DZD",
            _ if has("Tunisia") => "TND",
            _ if has("Libya") => "LYD",
            _ if has("Jordan") => "JOD",
            _ if has("Bahrain") => "BHD",
            _ => "KWD",
        },
        Cur::Riyal => match q {
            b"qatari" => "QAR",
            b"omani" => "OMR",
            b"yemeni" => "YER",
            _ if has("Qatar") => "QAR",
            _ => "SAR",
        },
        Cur::Rial => match q {
            b"omani" => "OMR",
            b"saudi" => "SAR",
            b"yemeni" => "YER",
            _ if has("Oman") => "OMR",
            _ => "IRR",
        },
        Cur::Rupee => match q {
            b"pakistani" => "PKR",
            b"srilankan" => "LKR",
            b"nepalese" => "NPR",
            _ if has("Pakistan") => "PKR",
            _ if has("Sri Lanka") => "LKR",
            _ => "INR",
        },
        Cur::Shilling => match q {
            b"austrian" => "ATS",
            b"tanzanian" => "TZS",
            b"ugandan" => "UGX",
            _ if has("Austria") || has("Vienna") => "ATS",
            _ => "KES",
        },
        Cur::Lira => match q {
            b"turkish" => "TRL",
            _ if has("Turk") || has("Ankara") || has("Istanbul") => "TRL",
            _ => "ITL",
        },
        Cur::Won => "KRW",
    })
}

/// A currency sign before a number: its ISO code and the index of its first token.
fn prefix_before(t: &[Tok], i: usize) -> Option<(&'static str, usize)> {
    let p = i.checked_sub(1)?;
    let tp = &t[p];
    let glued_word = |q: usize| p > 0 && t[p].glued && t[q].k == K::Word;
    match tp.key() {
        b"$" => {
            if glued_word(p - 1) {
                let code = match t[p - 1].key() {
                    b"us" => "USD",
                    b"c" | b"can" => "CAD",
                    b"a" | b"aus" => "AUD",
                    b"hk" => "HKD",
                    b"nz" => "NZD",
                    b"s" => "SGD",
                    b"nt" => "TWD",
                    b"z" => "ZWD",
                    b"r" => "BRL",
                    _ => "USD",
                };
                return Some((code, p - 1));
            }
            if p > 0 && t[p - 1].key() == b"us" {
                return Some(("USD", p - 1));
            }
            Some(("USD", p))
        }
        b"\xc2\xa3" => Some(("GBP", p)),
        b"\xe2\x82\xac" => Some(("EUR", p)),
        b"\xc2\xa5" => Some(("JPY", p)),
        b"rs" | b"dm" | b"dfl" | b"sfr" | b"ffr" | b"usd" | b"eur" | b"gbp" | b"stg" if tp.k == K::Word && tp.cap => Some((
            match tp.key() {
                b"rs" => "INR",
                b"dm" => "DEM",
                b"dfl" => "NLG",
                b"sfr" => "CHF",
                b"ffr" => "FRF",
                b"eur" => "EUR",
                b"gbp" | b"stg" => "GBP",
                _ => "USD",
            },
            p,
        )),
        _ => None,
    }
}

/// The unit at token `q`: (unit, factor, kind, end token). `value` and `scaled` say how big
/// the number before is (singular count nouns count only one; "won" needs a scale word).
fn unit_at(t: &[Tok], q: usize, s: &str, value: f64, scaled: bool) -> Option<(&'static str, f64, AmountKind, usize)> {
    use AmountKind::*;
    let tq = t.get(q)?;
    let k = tq.key();
    if k.is_empty() {
        return None;
    }
    let key = |j: usize| t.get(j).map_or(&b""[..], Tok::key);
    let pp_after = |j: usize| -> Option<usize> {
        match key(j) {
            b"points" | b"point" => Some(j + 1),
            b"percentage" if matches!(key(j + 1), b"points" | b"point") => Some(j + 2),
            _ => None,
        }
    };
    match k {
        b"%" | b"pct" | b"percent" => {
            return Some(match pp_after(q + 1) {
                Some(e) => ("pp", 1.0, Percent, e),
                None => ("%", 1.0, Percent, q + 1),
            });
        }
        b"per" if key(q + 1) == b"cent" => {
            return Some(match pp_after(q + 2) {
                Some(e) => ("pp", 1.0, Percent, e),
                None => ("%", 1.0, Percent, q + 2),
            });
        }
        b"percentage" if matches!(key(q + 1), b"points" | b"point") => return Some(("pp", 1.0, Percent, q + 2)),
        b"pp" => return Some(("pp", 1.0, Percent, q + 1)),
        b"european" if key(q + 1) == b"currency" && matches!(key(q + 2), b"units" | b"unit") => return Some(("XEU", 1.0, Money, q + 3)),
        b"p" if tq.glued && !t.get(q + 1).is_some_and(|n| n.glued && n.k != K::Punct) => return Some(("GBP", 0.01, Money, q + 1)),
        _ => {}
    }
    // Currencies, with a qualifier before the word ("Canadian dlrs", "Swiss francs").
    let (qual, cq) = match qualifier_at(t, q) {
        Some((qk, n)) if currency_word(key(q + n)).is_some() => (Some(qk), q + n),
        // An adjective we do not know ("Japanese yen") leaves the currency word to decide.
        _ if tq.cap && tq.k == K::Word && currency_word(key(q + 1)).is_some_and(|c| c != Cur::Cent) => (None, q + 1),
        _ => (None, q),
    };
    if let Some(cur) = currency_word(key(cq)) {
        let ck = key(cq);
        let ok = match cur {
            Cur::Won => scaled || qual == Some(b"korean") || s.contains("Korea"),
            // "the 1,000 mark" is a milestone; "DM" is upper-case when it is the currency.
            // "Rapper 50 Cent" is a name; "38 cts", "38 CTS" are money.
            Cur::Cent => !t[cq].cap || s[t[cq].s as usize..t[cq].e as usize].bytes().all(|c| !c.is_ascii_lowercase()),
            // "a 480 mln mark loss" is money; "the 1,000 mark" is not.
            Cur::Mark => (ck != b"dm" || t[cq].cap) && (ck != b"mark" || scaled || qual.is_some()),
            Cur::Pound => {
                qual.is_some() && qual != Some(b"british") && qual != Some(b"us") || !pounds_are_weight(t, cq, s)
            }
            _ => true,
        };
        if ok {
            if cur == Cur::Pound && qual.is_none() && key(cq + 1) == b"sterling" {
                return Some(("GBP", 1.0, Money, cq + 2));
            }
            if ck == b"pound" && qual.is_none() {
                // "a 48,000 pound lot", "a five pound note": singular only as a weight or a note.
                return if pounds_are_weight(t, cq, s) { Some(("lb", 1.0, Measure, cq + 1)) } else { Some(("GBP", 1.0, Money, cq + 1)) };
            }
            let factor = if cur == Cur::Cent || ck == b"pence" { 0.01 } else { 1.0 };
            return Some((iso(cur, qual, s)?, factor, Money, cq + 1));
        }
        if cur == Cur::Pound {
            return Some(("lb", 1.0, Measure, cq + 1));
        }
    }
    // Measures.
    let per_day = |j: usize| -> Option<usize> {
        match (key(j), key(j + 1)) {
            (b"per" | b"a", b"day") => Some(j + 2),
            (b"daily", _) => Some(j + 1),
            (b"/", b"day" | b"d") => Some(j + 2),
            _ => None,
        }
    };
    let per_hour = |j: usize| -> Option<usize> {
        match (key(j), key(j + 1)) {
            (b"per" | b"an", b"hour") => Some(j + 2),
            (b"/", b"h" | b"hr") => Some(j + 2),
            _ => None,
        }
    };
    let m = |u: &'static str, e: usize| Some((u, 1.0, Measure, e));
    match k {
        b"km" | b"kms" | b"kilometres" | b"kilometers" | b"kilometre" | b"kilometer" => {
            return match per_hour(q + 1) {
                Some(e) => m("km/h", e),
                None => m("km", q + 1),
            };
        }
        b"km2" | b"sqkm" => return m("km2", q + 1),
        b"sq" | b"square" if matches!(key(q + 1), b"km" | b"kms" | b"kilometres" | b"kilometers" | b"kilometre" | b"kilometer") => return m("km2", q + 2),
        b"m" | b"metres" | b"meters" | b"metre" | b"meter" => return m("m", q + 1),
        b"miles" | b"mile" => {
            return match per_hour(q + 1) {
                Some(e) => m("mph", e),
                None => m("mi", q + 1),
            };
        }
        b"mph" => return m("mph", q + 1),
        b"kph" | b"kmh" => return m("km/h", q + 1),
        b"hectares" | b"hectare" | b"ha" => return m("ha", q + 1),
        b"acres" | b"acre" => return m("acre", q + 1),
        b"tonnes" | b"tonne" | b"tons" | b"ton" => return m("t", q + 1),
        b"metric" | b"long" | b"short" | b"gross" | b"deadweight" if matches!(key(q + 1), b"tons" | b"tonnes" | b"ton" | b"tonne") => return m("t", q + 2),
        b"kg" | b"kgs" | b"kilos" | b"kilo" | b"kilograms" | b"kilogrammes" | b"kilogram" => return m("kg", q + 1),
        b"lbs" | b"lb" => return m("lb", q + 1),
        b"ounces" | b"ounce" | b"oz" => return m("oz", q + 1),
        b"troy" if matches!(key(q + 1), b"ounces" | b"ounce" | b"oz") => return m("oz", q + 2),
        b"barrels" | b"barrel" | b"bbl" | b"bbls" => {
            return match per_day(q + 1) {
                Some(e) => m("bpd", e),
                None => m("barrel", q + 1),
            };
        }
        b"bpd" | b"bd" => return m("bpd", q + 1),
        b"b" if key(q + 1) == b"/" && key(q + 2) == b"d" => return m("bpd", q + 3),
        b"cubic" | b"cu" => match key(q + 1) {
            b"metres" | b"meters" | b"metre" | b"meter" | b"m" => return m("m3", q + 2),
            b"feet" | b"foot" | b"ft" => return m("cf", q + 2),
            _ => {}
        },
        b"m3" => return m("m3", q + 1),
        b"bcm" => return Some(("m3", 1e9, Measure, q + 1)),
        b"bcf" => return Some(("cf", 1e9, Measure, q + 1)),
        b"tcf" => return Some(("cf", 1e12, Measure, q + 1)),
        b"cf" => return m("cf", q + 1),
        b"mcf" => return Some(("cf", 1e3, Measure, q + 1)),
        b"mmcf" => return Some(("cf", 1e6, Measure, q + 1)),
        b"litres" | b"liters" | b"litre" | b"liter" => return m("l", q + 1),
        b"bushels" | b"bushel" | b"bu" => return m("bushel", q + 1),
        b"bales" | b"bale" => return m("bale", q + 1),
        b"mw" | b"megawatts" | b"megawatt" => return m("MW", q + 1),
        b"gw" | b"gigawatts" | b"gigawatt" => return m("GW", q + 1),
        b"kw" | b"kilowatts" => return m("kW", q + 1),
        b"kilowatt" if key(q + 1) == b"hours" || (key(q + 1) == b"-" && key(q + 2) == b"hours") => return m("kWh", q + if key(q + 1) == b"-" { 3 } else { 2 }),
        b"kilowatt" => return m("kW", q + 1),
        b"kwh" => return m("kWh", q + 1),
        b"gwh" => return m("GWh", q + 1),
        _ => {}
    }
    count_unit(t, q, value, scaled)
}

/// "pounds" is a weight when "of" follows or the sentence is about a commodity, else sterling.
/// "Pounds" are money in a British context (Britain, London, sterling, a pound sign, ...) and
/// weight elsewhere or before "of" (news agencies write British money as "stg").
fn pounds_are_weight(t: &[Tok], q: usize, s: &str) -> bool {
    if t.get(q + 1).is_some_and(|n| n.key() == b"of") {
        return true;
    }
    const BRITISH: [&str; 12] = ["Brit", "U.K.", "UK", "London", "England", "Scotland", "Wales", "sterling", "stg", "\u{a3}", "Chancellor", "Bank of England"];
    !BRITISH.iter().any(|w| s.contains(w))
}

fn count_unit(t: &[Tok], q: usize, value: f64, scaled: bool) -> Option<(&'static str, f64, AmountKind, usize)> {
    let k = t.get(q)?.key();
    let key = |j: usize| t.get(j).map_or(&b""[..], Tok::key);
    let one = value == 1.0 && !scaled;
    let c = |u: &'static str, e: usize| Some((u, 1.0, AmountKind::Count, e));
    match k {
        b"shares" => c("share", q + 1),
        b"troops" | b"soldiers" | b"servicemen" | b"peacekeepers" | b"policemen" | b"marines" | b"paratroopers" | b"police" | b"troop" if k != b"troop" || one => {
            if k == b"police" && matches!(key(q + 1), b"officers" | b"officer") {
                return c("troop", q + 2);
            }
            c("troop", q + 1)
        }
        b"soldier" | b"policeman" | b"peacekeeper" | b"serviceman" if one => c("troop", q + 1),
        b"people" | b"persons" | b"civilians" | b"workers" | b"employees" | b"jobs" | b"refugees" | b"prisoners" | b"hostages" | b"protesters" | b"protestors"
        | b"demonstrators" | b"victims" | b"dead" | b"killed" | b"wounded" | b"injured" | b"deaths" | b"casualties" | b"fatalities" | b"men" | b"women" | b"children"
        | b"died" | b"perished" => c("person", q + 1),
        // Any noun for people (AMOUNTS.md's decisions): "4,000 lawyers", "2,850 staff",
        // "700,000 bankworkers", "300 gunmen".
        b"staff" | b"staffers" | b"lawyers" | b"doctors" | b"nurses" | b"teachers" | b"students" | b"pupils" | b"farmers" | b"miners" | b"residents" | b"inhabitants"
        | b"passengers" | b"migrants" | b"immigrants" | b"emigrants" | b"fans" | b"voters" | b"officials" | b"journalists" | b"patients" | b"volunteers" | b"citizens"
        | b"tourists" | b"visitors" | b"delegates" | b"adults" | b"babies" | b"girls" | b"boys" | b"respondents" | b"bankers" | b"pilots" | b"players" | b"athletes"
        | b"villagers" | b"settlers" | b"pilgrims" | b"worshippers" | b"detainees" | b"inmates" | b"suspects" | b"militants" | b"rebels" | b"insurgents"
        | b"guerrillas" | b"activists" | b"strikers" | b"pensioners" | b"consumers" | b"diplomats" | b"engineers" | b"scientists" | b"officers" | b"crew" | b"sailors"
        | b"priests" | b"monks" | b"nuns" | b"survivors" | b"evacuees" | b"deportees" | b"mourners" | b"spectators" | b"participants" | b"applicants" | b"personnel" => {
            c("person", q + 1)
        }
        // Not a capitalised name ("two Steelworkers locals" are union branches).
        _ if !t[q].cap && (k.len() > 7 && k.ends_with(b"workers") || k.len() > 4 && k.ends_with(b"men") && !k.ends_with(b"women")) => c("person", q + 1),
        // "a 22-man squad" (not "the 13-man code" of a game).
        b"man" | b"woman" | b"member" | b"strong"
            if q >= 1
                && t[q].glued
                && t[q - 1].key() == b"-"
                && matches!(
                    key(q + 1),
                    b"squad" | b"team" | b"crew" | b"delegation" | b"panel" | b"jury" | b"committee" | b"board" | b"force" | b"patrol" | b"contingent" | b"group" | b"mission"
                        | b"council" | b"cabinet" | b"commission" | b"party" | b"gang" | b"cell" | b"staff" | b"workforce" | b"squads" | b"teams" | b"crews"
                ) =>
        {
            c("person", q + 1)
        }
        b"share" if one => c("share", q + 1),
        // Singular nouns that are seldom adjectives ("one civilian planemaker", "a refugee camp").
        b"person" | b"worker" | b"employee" | b"hostage" | b"victim" | b"man" | b"woman" | b"child" if one =>
        {
            c("person", q + 1)
        }
        b"were" | b"was" | b"have" | b"had" | b"are" => {
            let j = if matches!(key(q + 1), b"been") { q + 2 } else { q + 1 };
            match key(j) {
                b"killed" | b"wounded" | b"injured" => c("person", j + 1),
                _ => None,
            }
        }
        b"drones" => c("drone", q + 1),
        b"drone" if one => c("drone", q + 1),
        b"missiles" | b"rockets" => c("missile", q + 1),
        b"missile" | b"rocket" if one => c("missile", q + 1),
        b"tanks" => c("tank", q + 1),
        b"tank" if one => c("tank", q + 1),
        b"aircraft" | b"planes" | b"jets" | b"fighters" | b"helicopters" | b"bombers" | b"airplanes" | b"aeroplanes" => c("aircraft", q + 1),
        b"plane" | b"jet" | b"fighter" | b"helicopter" | b"bomber" if one => c("aircraft", q + 1),
        b"ships" | b"warships" | b"vessels" | b"tankers" | b"submarines" | b"frigates" | b"destroyers" => c("ship", q + 1),
        b"ship" | b"warship" | b"vessel" | b"tanker" | b"submarine" if one => c("ship", q + 1),
        b"cars" | b"vehicles" | b"trucks" | b"lorries" => c("vehicle", q + 1),
        b"car" | b"vehicle" | b"truck" if one => c("vehicle", q + 1),
        _ => None,
    }
}

/// Words that may stand between a number and a counted noun ("2,000 U.S. troops", "500,000
/// common shares") — anything but these, numbers and punctuation.
fn blocks_modifier(k: &[u8]) -> bool {
    matches!(
        k,
        b"of" | b"the" | b"a" | b"an" | b"to" | b"in" | b"for" | b"from" | b"and" | b"or" | b"on" | b"at" | b"by" | b"with" | b"per" | b"than" | b"vs" | b"as"
            | b"years" | b"year" | b"months" | b"month" | b"days" | b"day" | b"weeks" | b"week" | b"hours" | b"times" | b"its" | b"their" | b"his" | b"her" | b"said"
            | b"is" | b"are" | b"was" | b"were" | b"be" | b"been" | b"have" | b"has" | b"had" | b"will" | b"would" | b"that" | b"which" | b"who" | b"such"
            | b"percent" | b"pct" | b"avg" | b"net" | b"revs" | b"shr" | b"note"
    ) || small_number(k).is_some()
        || scale_of(k).is_some()
}

/// One number found in the sentence.
#[derive(Clone, Copy, Debug)]
struct Phrase {
    /// First token (a currency sign when there is one).
    start: usize,
    /// First token after the number and its scale word.
    num_end: usize,
    /// First token after the unit (== num_end when there is none).
    end: usize,
    value: f64,
    scaled: bool,
    /// The number before scaling, when it is small and written without separators: a range
    /// "20 to 30 billion" shares the scale word.
    short: Option<f64>,
    /// The scale word's factor (1 without one).
    scale: f64,
    unit: Option<(&'static str, f64, AmountKind)>,
    /// Has no unit and is no year, date or name: may take the unit of a neighbour.
    cand: bool,
    /// `cand`, and what follows it allows a unit left out ("15 from", "12.1 mln.").
    bare_ok: bool,
    /// Written with a fraction ("6-1/4"): takes a unit only from the other end of a range.
    frac: bool,
    /// Inside brackets: a conversion ("$98m; £52m") gives no unit to what follows outside.
    paren: bool,
    /// Digits after the decimal point: numbers in a list joined by commas are written alike
    /// ("10, 15 and 20 pct"; not "at 103.24, 700-850 lbs").
    decimals: u8,
    /// A field of a table row ("Net 61.5 mln vs 50.2 mln"): 1 money in the row's currency,
    /// 2 shares ("Avg shrs 15.3 mln vs 8,519,677"), 0 neither.
    row: u8,
    /// After a capitalised name ("Parana 55 and 63 pct"): no `cand`, but may take a
    /// percentage from the other end of a range.
    named: bool,
}

/// A number starting at token `i`: (value, first token after it, plain integer, words).
fn number_at(t: &[Tok], s: &str, i: usize) -> Option<(f64, usize, bool, bool)> {
    let ti = &t[i];
    let key = |j: usize| t.get(j).map_or(&b""[..], Tok::key);
    let glued = |j: usize| t.get(j).is_some_and(|x| x.glued);
    let plain_num = |j: usize| t.get(j).filter(|x| x.k == K::Num).map(|x| &s[x.s as usize..x.e as usize]).filter(|x| x.bytes().all(|b| b.is_ascii_digit()));
    match ti.k {
        K::Num => {
            let text = &s[ti.s as usize..ti.e as usize];
            let plain = text.bytes().all(|b| b.is_ascii_digit());
            let value: f64 = if text.contains(',') { text.replace(',', "").parse().ok()? } else { text.parse().ok()? };
            // A fraction ("3/4") or a whole number and a fraction ("10-3/4"), as prices are quoted.
            let frac = |j: usize| -> Option<f64> {
                let a: f64 = plain_num(j)?.parse().ok()?;
                if key(j + 1) != b"/" || !glued(j + 1) || !glued(j + 2) {
                    return None;
                }
                let b: f64 = plain_num(j + 2)?.parse().ok()?;
                (a < b && [2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 3.0].contains(&b)).then_some(a / b)
            };
            // "2.85-1/4 dlrs": a fraction after cents is of a cent.
            let decimals = text.find('.').map_or(0, |d| text.len() - d - 1);
            if (plain || decimals == 2) && key(i + 1) == b"-" && glued(i + 1) && glued(i + 2) {
                if let Some(f) = frac(i + 2) {
                    return Some((value + f / 10f64.powi(decimals as i32), i + 5, false, false));
                }
            }
            if plain {
                if let Some(f) = frac(i) {
                    return Some((f, i + 3, false, false));
                }
            }
            Some((value, i + 1, plain, false))
        }
        K::Word => {
            let k = ti.key();
            if matches!(k, b"a" | b"an") {
                // "a million", "a hundred", "a dozen" — a scale word must follow.
                return scale_of(key(i + 1)).filter(|_| !matches!(key(i + 1), b"m" | b"k")).map(|_| (1.0, i + 1, false, true));
            }
            if k == b"half" && matches!(key(i + 1), b"a" | b"an") && matches!(key(i + 2), b"million" | b"billion" | b"trillion" | b"mln" | b"bn" | b"dozen") {
                return Some((0.5, i + 2, false, true));
            }
            let mut v = small_number(k)?;
            let mut j = i + 1;
            if v >= 20.0 && key(j) == b"-" && glued(j) && glued(j + 1) {
                if let Some(u) = small_number(key(j + 1)).filter(|u| *u < 10.0) {
                    v += u;
                    j += 2;
                }
            }
            if key(j) == b"hundred" {
                v *= 100.0;
                j += 1;
                if key(j) == b"and" {
                    if let Some(u) = small_number(key(j + 1)) {
                        v += u;
                        j += 2;
                        if u >= 20.0 && key(j) == b"-" {
                            if let Some(u2) = small_number(key(j + 1)).filter(|u| *u < 10.0) {
                                v += u2;
                                j += 2;
                            }
                        }
                    }
                }
            }
            Some((v, j, false, true))
        }
        K::Punct => None,
    }
}

/// "a fifth more", "by a third", "half of": a fraction said as a share or change, in percent.
/// "A quarter percentage point", "half a percentage point" are changes in points: (value in
/// percent, end, whether in `pp`).
fn fraction_at(t: &[Tok], i: usize) -> Option<(f64, usize, bool)> {
    let key = |j: usize| t.get(j).map_or(&b""[..], Tok::key);
    let prev = |n: usize| if i >= n { key(i - n) } else { b"" };
    // "half a percentage point"
    if key(i) == b"half" && matches!(key(i + 1), b"a" | b"an") && key(i + 2) == b"percentage" && matches!(key(i + 3), b"point" | b"points") {
        return Some((0.5, i + 4, true));
    }
    let (value, end) = match (key(i), key(i + 1)) {
        (b"half", _) => {
            if matches!(key(i + 1), b"a" | b"an") || matches!(prev(1), b"first" | b"second" | b"the" | b"a" | b"last" | b"next" | b"latter" | b"other" | b"and" | b"one") {
                return None;
            }
            (50.0, i + 1)
        }
        (b"a" | b"one", f) => {
            let j = if key(i + 1) == b"-" { i + 2 } else { i + 1 };
            let f = if j == i + 2 { key(j) } else { f };
            let v = match f {
                b"fifth" => 20.0,
                b"quarter" => 25.0,
                b"third" => 100.0 / 3.0,
                b"tenth" => 10.0,
                b"sixth" => 100.0 / 6.0,
                b"eighth" => 12.5,
                _ => return None,
            };
            (v, j + 1)
        }
        (n @ (b"two" | b"three" | b"four"), _) => {
            let j = if key(i + 1) == b"-" { i + 2 } else { i + 1 };
            let d = match key(j) {
                b"thirds" => 3.0,
                b"quarters" => 4.0,
                b"fifths" => 5.0,
                b"tenths" => 10.0,
                _ => return None,
            };
            (small_number(n)? * 100.0 / d, j + 1)
        }
        _ => return None,
    };
    // "half-time", "a quarter-point": a compound, not a share.
    if t.get(end).is_some_and(|x| x.glued && x.key() == b"-") {
        return None;
    }
    let time_word = |k: &[u8]| {
        matches!(
            k,
            b"century" | b"hour" | b"mile" | b"point" | b"way" | b"season" | b"year" | b"decade" | b"game" | b"match" | b"percentage" | b"time" | b"day" | b"month" | b"cent"
                | b"dozen" | b"inch" | b"second" | b"minute" | b"share" | b"mln" | b"million" | b"billion"
        )
    };
    let next = key(end);
    // "a quarter percentage point", "a third of a percentage point".
    let of_a = if next == b"of" && matches!(key(end + 1), b"a" | b"an") { end + 2 } else { end };
    if key(of_a) == b"percentage" && matches!(key(of_a + 1), b"point" | b"points") {
        return Some((value / 100.0, of_a + 2, true));
    }
    // "a quarter of a point", "half the time", "half an hour": not a share of something.
    let of_what = {
        let j = if next == b"of" { end + 1 } else { end };
        let j = if matches!(key(j), b"a" | b"an" | b"the" | b"this" | b"that") { j + 1 } else { j };
        key(j)
    };
    if time_word(next) || time_word(of_what) {
        return None;
    }
    let share = matches!(
        next,
        b"more" | b"less" | b"higher" | b"lower" | b"bigger" | b"smaller" | b"larger" | b"greater" | b"cheaper" | b"dearer" | b"fewer" | b"of" | b"the" | b"its" | b"their"
    );
    let change = matches!(prev(1), b"by" | b"than" | b"nearly" | b"almost" | b"about" | b"around" | b"roughly" | b"over" | b"some" | b"just" | b"only" | b"cut" | b"up" | b"down");
    (share || change).then_some((value, end, false))
}

/// Whether the word before token `start` is a capitalised name (not the sentence's first word).
fn capitalised_name_before(s: &str, t: &[Tok], start: usize) -> bool {
    start >= 1 && {
        let p = &t[start - 1];
        p.k == K::Word && p.cap && !is_allowed_capital(p.key()) && s[..p.s as usize].contains(char::is_alphanumeric)
    }
}

/// Appends the amounts of `sentence` (sentence index `si`) to `out`.
pub fn amounts_into(sentence: &str, si: u32, scratch: &mut Scratch, out: &mut Vec<Amount>) {
    let b = sentence.as_bytes();
    // Cheap exit: no digit and no word that can start a number or a fraction. Else only the
    // stretch from a little before the first number is lexed: what comes before it can only be
    // the context of that number (a currency sign, "killed at least", a name).
    let first_digit = b.iter().position(u8::is_ascii_digit);
    let first = match (first_number_word(&b[..first_digit.unwrap_or(b.len())]), first_digit) {
        (Some(w), _) => w,
        (None, Some(d)) => d,
        (None, None) => return,
    };
    let mut from = first.saturating_sub(48);
    while from > 0 && !b[from - 1].is_ascii_whitespace() {
        from -= 1;
    }
    // And up to a little after the last: its unit and what follows it ("barrels per day",
    // "of a percentage point", "U.S. troops", "were killed"), unless a number word is later.
    let to = match b.iter().rposition(u8::is_ascii_digit) {
        Some(last) if first_number_word(&b[last..]).is_none() => last + 72,
        _ => b.len(),
    };
    let Scratch { toks, phrases, depth } = scratch;
    lex(sentence, from, to, toks);
    phrases.clear();
    depth.clear();
    let mut d = b[..from].iter().fold(0u8, |d, &c| match c {
        b'(' | b'[' => d.saturating_add(1),
        b')' | b']' => d.saturating_sub(1),
        _ => d,
    });
    for x in toks.iter() {
        match x.key() {
            b"(" | b"[" => {
                depth.push(d);
                d = d.saturating_add(1);
            }
            b")" | b"]" => {
                d = d.saturating_sub(1);
                depth.push(d);
            }
            _ => depth.push(d),
        }
    }
    let depth = &depth[..];
    let money_signs = sentence.contains(['$', '\u{a3}', '\u{20ac}']);
    let t = &toks[..];
    let key = |j: usize| t.get(j).map_or(&b""[..], Tok::key);
    let mut i = 0;
    while i < t.len() {
        let ti = &t[i];
        let starts = ti.k == K::Num
            || ti.k == K::Word
                && ti.klen > 0
                && matches!(ti.key[0], b'o' | b't' | b'f' | b's' | b'e' | b'n' | b'a' | b'h')
                && (matches!(ti.key(), b"a" | b"an" | b"half") || small_number(ti.key()).is_some());
        if !starts {
            i += 1;
            continue;
        }
        // A number glued behind a word and a hyphen ("F-16", "3-for-2") or a letter is a name;
        // shorter than the number before a slash it ends a quote ("4.58/42 pct", "145.60/70");
        // as long, it is the other end of a pair ("229/230 dlrs").
        let digits = |x: &Tok| sentence[x.s as usize..x.e as usize].bytes().filter(u8::is_ascii_digit).count();
        let quote_end = i >= 2 && t[i - 1].key() == b"/" && t[i - 1].glued && t[i - 2].k == K::Num && digits(ti) < digits(&t[i - 2]);
        if ti.glued && i >= 1 && (t[i - 1].key() == b"-" && i >= 2 && t[i - 1].glued && t[i - 2].k == K::Word || quote_end || t[i - 1].k == K::Word) {
            i += 1;
            continue;
        }
        let prev = if i >= 1 { key(i - 1) } else { b"" };
        if is_month(prev) || ti.k == K::Num && i >= 1 && is_identifier_word(&t[i - 1]) {
            // And the list it heads: "Boeing 737, 747 and 767 aircraft", "March 3 and 4".
            i += 1;
            while i + 1 < t.len() && t[i].k != K::Num && matches!(t[i].key(), b"," | b"and" | b"or" | b"-" | b"/") && t[i - 1].k == K::Num && t[i + 1].k == K::Num {
                i += 2;
            }
            continue;
        }
        if ti.k == K::Word {
            if let Some((v, end, pp)) = fraction_at(t, i) {
                let unit = if pp { "pp" } else { "%" };
                phrases.push(Phrase { start: i, num_end: end, end, value: v, scaled: false, short: None, scale: 1.0, unit: Some((unit, 1.0, AmountKind::Percent)), cand: false, bare_ok: false, frac: false, paren: depth[i] > 0, decimals: 0, row: 0, named: false });
                i = end;
                continue;
            }
        }
        let Some((mut value, mut j, plain, words)) = number_at(t, sentence, i) else {
            i += 1;
            continue;
        };
        let prefix = prefix_before(t, i);
        let start = prefix.map_or(i, |p| p.1);
        // Scale words: "mln", "bn", glued "m"/"k" ("£7.2m", "$50k").
        let mut scaled = false;
        let mut scale = 1.0;
        for _ in 0..2 {
            // "a 15-mln-dlr project"
            if key(j) == b"-" && t[j].glued && t.get(j + 1).is_some_and(|n| n.glued && matches!(n.key(), b"mln" | b"million" | b"billion" | b"bln" | b"bn" | b"trillion")) {
                j += 1;
            }
            let sk = key(j);
            let Some(f) = scale_of(sk) else { break };
            // Two scale words only as in "two hundred thousand" or "a thousand million".
            if scaled && (scale >= 1e6 || words && f < 1e3) {
                break;
            }
            let ok = match sk {
                b"k" => t[j].glued,
                // "m" is a million after a currency sign ("£7.2m"), before a plural noun ("1m
                // websites", not "60m hurdles"), after a decimal in a sentence about money ("a
                // 15.8m signing for £3m", not "2.5m high") and before a unit ("5m barrels");
                // else metres ("the 200m", "17.30m").
                b"m" => prefix.is_some()
                    // "1.1m of the UK's 1.6m Muslims"
                    || !plain && t.get(j + 1).is_some_and(|n| n.key() == b"of" || n.cap && n.key().len() > 3 && n.key().ends_with(b"s"))
                    || t.get(j + 1).is_some_and(|n| n.k == K::Word && !n.cap && n.key().len() > 3 && n.key().ends_with(b"s") && !n.key().ends_with(b"ss") && !matches!(n.key(), b"hurdles" | b"runners" | b"sprinters" | b"swimmers" | b"heats" | b"finals" | b"races" | b"events" | b"times" | b"rivals"))
                    || !plain && money_signs && !matches!(key(j + 1), b"high" | b"long" | b"wide" | b"tall" | b"deep" | b"away" | b"thick" | b"across" | b"apart" | b"below" | b"above" | b"in") || {
                    let after = unit_at(t, j + 1, sentence, 2.0, true);
                    after.is_some_and(|u| u.2 != AmountKind::Percent)
                },
                b"hundred" => words || ti.key() == b"a",
                _ => true,
            };
            if !ok {
                break;
            }
            value *= f;
            scale *= f;
            scaled = true;
            j += 1;
        }
        if words && !scaled && matches!(ti.key(), b"a" | b"an") {
            i += 1;
            continue;
        }
        let num_end = j;
        // A year is never an amount unless a currency sign says so.
        let year_like = plain && prefix.is_none() && {
            let txt = &sentence[ti.s as usize..ti.e as usize];
            txt.len() == 4 && (1900.0..=2030.0).contains(&value)
        };
        let mut unit = None;
        let mut end = num_end;
        if let Some((code, _)) = prefix {
            unit = Some((code, 1.0, AmountKind::Money));
        } else if !year_like {
            // "a 7,200-km corridor": a hyphen between number and unit.
            let q = if key(j) == b"-" && t.get(j).is_some_and(|x| x.glued) && t.get(j + 1).is_some_and(|x| x.glued) { j + 1 } else { j };
            if let Some((u, f, kind, e)) = unit_at(t, q, sentence, value, scaled) {
                unit = Some((u, f, kind));
                end = e;
            } else if q == j {
                // "2,000 U.S. troops", "five Iranian-made drones": up to two words between
                // number and counted noun.
                let mut m = j;
                let mut n = 0;
                while n < 2 && t.get(m).is_some_and(|x| x.k == K::Word && !blocks_modifier(x.key()) && (m > j || !x.glued)) {
                    m += 1;
                    while key(m) == b"-" && t[m].glued && t.get(m + 1).is_some_and(|y| y.glued && y.k == K::Word) {
                        m += 2;
                    }
                    n += 1;
                    if let Some((u, f, kind, e)) = count_unit(t, m, value, scaled) {
                        if !matches!(key(m), b"were" | b"was" | b"have" | b"had" | b"are" | b"killed" | b"dead" | b"wounded" | b"injured" | b"died" | b"perished") {
                            unit = Some((u, f, kind));
                            end = e;
                        }
                        break;
                    }
                }
            }
        }
        // Counted names: "Boeing 747 jets", "Section 301".
        if unit.is_some_and(|u| u.2 == AmountKind::Count) && plain && capitalised_name_before(sentence, t, start) {
            unit = None;
            end = num_end;
        }
        // Table rows (Reuters earnings): a number after a field name ("Net", "Revs", "Avg
        // shrs", "Pre-tax profit") in a "vs" pair, and the number after that "vs", is money in
        // the currency named elsewhere in the row (supplied below) or, after "shrs", shares.
        let mut row = 0u8;
        if unit.is_none() && prefix.is_none() && ti.k == K::Num {
            let mut b = start;
            while b >= 1 && matches!(key(b - 1), b"loss" | b"profit") {
                b -= 1;
            }
            let label = if b >= 1 { key(b - 1) } else { b"" };
            let vs_after = matches!(key(num_end), b"vs" | b"versus");
            row = match label {
                b"shrs" => 2,
                b"shares" if b >= 2 && matches!(key(b - 2), b"avg" | b"average") => 2,
                b"vs" | b"versus" => phrases.last().filter(|p| p.row > 0 && p.end < b && (p.end..b).all(|j| matches!(key(j), b"vs" | b"versus" | b"loss" | b"profit"))).map_or(0, |p| p.row),
                b"net" | b"revs" | b"rev" | b"revenues" | b"revenue" | b"sales" | b"assets" | b"deposits" | b"loans" | b"income" | b"earnings" | b"shr" | b"pretax" | b"tax" if vs_after => 1,
                _ if vs_after && b < start && b >= 1 && t[b - 1].k == K::Word => 1,
                _ => 0,
            };
            if row == 2 {
                unit = Some(("share", 1.0, AmountKind::Count));
            }
        }
        let glued_after = t.get(num_end).is_some_and(|x| x.glued && (x.k == K::Word || x.key() == b"-" && t.get(num_end + 1).is_some_and(|y| y.glued && y.k == K::Word)));
        // "aged between 18 and 24": ages.
        let aged = |j: usize| j >= 1 && matches!(key(j - 1), b"aged" | b"ages" | b"age") || j >= 2 && key(j - 1) == b"between" && matches!(key(j - 2), b"aged" | b"ages");
        let aged_pair = start >= 2 && key(start - 1) == b"and" && phrases.last().is_some_and(|p: &Phrase| p.end + 1 == start && aged(p.start));
        // Years, ages, names, dates, "1990s"; "Avg shrs 32.6 mln vs 23.2 mln" (share counts
        // written before the number) and what a connector joins to any of them.
        let excluded = year_like
            || aged(start)
            || aged_pair
            || plain && capitalised_name_before(sentence, t, start)
            || glued_after
            || ti.k == K::Num && t.get(num_end).is_some_and(|x| is_month(x.key()))
            || start >= 1 && matches!(key(start - 1), b"shrs" | b"shares" | b"shr")
            || phrases.last().is_some_and(|p: &Phrase| p.unit.is_none() && !p.cand && p.scaled && p.end < start && start - p.end <= 2 && (p.end..start).all(|j| is_connector(key(j)) || key(j) == b"vs"));
        let cand = unit.is_none() && !excluded;
        let named = unit.is_none()
            && !cand
            && plain
            && capitalised_name_before(sentence, t, start)
            && !year_like
            && !glued_after
            && !(start >= 2 && is_identifier_word(&t[start - 2]))
            && t.get(num_end).is_some_and(|x| matches!(x.key(), b"and" | b"to" | b"-"));
        // A price quoted in fractions ("1/4 lower") takes a unit only from a range ("between
        // 6-1/4 and 6-3/8 pct").
        let frac = sentence[ti.s as usize..t[num_end - 1].e as usize].contains('/');
        // A number may be followed by the next field of a table ("5.50 guilders vs 5.00 Note",
        // "vs 45 mln Pre-tax"), a scaled one by a verb ("1.60 billion made"), but not by a
        // plural noun ("7.4 million subscribers").
        let bare_ok = (cand || named)
            && t.get(num_end).is_none_or(|x| {
                follows_bare(x.key())
                    || x.cap
                    || scaled && (x.k == K::Word && (!x.key().ends_with(b"s") || matches!(x.key(), b"was" | b"has" | b"is" | b"as" | b"this" | b"plus" | b"less" | b"unless")))
            });
        let short = (!scaled && !sentence[ti.s as usize..t[num_end - 1].e as usize].contains(',') && value < 1000.0).then_some(value);
        let txt = &sentence[ti.s as usize..ti.e as usize];
        let decimals = txt.find('.').map_or(0, |d| (txt.len() - d - 1) as u8);
        phrases.push(Phrase { start, num_end, end, value, scaled, short, scale, unit, cand, bare_ok, frac, paren: depth[start] > 0, decimals, row, named });
        i = end.max(i + 1);
    }
    // The row's currency: the nearest money in whole units ("Pre-tax 14.17 mln rand vs 8.85
    // mln"), else that of the cents ("Shr 65 cts vs 51 cts Net 61.5 mln vs 50.2 mln").
    if phrases.iter().any(|p| p.row == 1 && p.unit.is_none()) {
        let cents = phrases.iter().find_map(|p| p.unit.filter(|u| u.2 == AmountKind::Money).map(|u| u.0));
        for x in 0..phrases.len() {
            if phrases[x].row != 1 || phrases[x].unit.is_some() {
                continue;
            }
            let whole = (0..phrases.len())
                .filter(|&y| phrases[y].unit.is_some_and(|u| u.2 == AmountKind::Money && u.1 == 1.0))
                .min_by_key(|&y| if y < x { (x - y) * 2 } else { (y - x) * 2 + 1 })
                .and_then(|y| phrases[y].unit.map(|u| u.0));
            if let Some(code) = whole.or(cents) {
                phrases[x].unit = Some((code, 1.0, AmountKind::Money));
            }
        }
    }
    resolve_ellipsis(sentence, t, depth, phrases);
    // Cents of another dollar named in the sentence ("1.20 Canadian dlrs ... 38 cts").
    if let Some(dollar) = phrases.iter().find_map(|p| p.unit.map(|u| u.0).filter(|u| matches!(*u, "CAD" | "AUD" | "NZD" | "HKD" | "SGD" | "TWD"))) {
        for p in phrases.iter_mut() {
            if let Some(u) = p.unit.as_mut().filter(|u| u.0 == "USD" && u.1 == 0.01) {
                u.0 = dollar;
            }
        }
    }
    let ascii = sentence.is_ascii();
    for p in phrases.iter() {
        let Some((unit, factor, kind)) = p.unit else { continue };
        let (s, e) = (t[p.start].s as usize, t[p.end - 1].e as usize);
        let cs = if ascii { s } else { sentence[..s].chars().count() };
        let text = &sentence[s..e];
        out.push(Amount {
            sentence: si,
            span: (s, e),
            chars: (cs, cs + if ascii { text.len() } else { text.chars().count() }),
            text: text.to_string(),
            value: tidy(if factor == 0.01 { p.value / 100.0 } else { p.value * factor }),
            unit: unit.to_string(),
            kind,
        });
    }
}

/// `w` packed big-endian into an integer (at most 16 bytes).
const fn pack(w: &[u8]) -> u128 {
    let mut a = 0u128;
    let mut i = 0;
    while i < w.len() {
        a = a << 8 | w[i] as u128;
        i += 1;
    }
    a
}

/// Words that may start a number or a fraction, packed by [`pack`].
const NUMBER_WORDS: [u128; 46] = {
    const W: [&[u8]; 46] = [
        b"one", b"two", b"three", b"four", b"five", b"six", b"seven", b"eight", b"nine", b"ten", b"eleven", b"twelve", b"thirteen", b"fourteen", b"fifteen", b"sixteen",
        b"seventeen", b"eighteen", b"nineteen", b"twenty", b"thirty", b"forty", b"fifty", b"sixty", b"seventy", b"eighty", b"ninety", b"half", b"fifth", b"quarter",
        b"third", b"tenth", b"sixth", b"eighth", b"thirds", b"quarters", b"fifths", b"tenths", b"million", b"billion", b"trillion", b"thousand", b"hundred", b"dozen",
        b"mln", b"bln",
    ];
    let mut out = [0u128; 46];
    let mut i = 0;
    while i < W.len() {
        out[i] = pack(W[i]);
        i += 1;
    }
    out
};

/// Whether the ASCII word `w` (3 to 9 letters) is one of [`NUMBER_WORDS`]: its first letter
/// first (o, t, f, s, e, n, h, q, m, b, d start them all), then the packed word.
fn is_number_word(w: &[u8]) -> bool {
    const FIRST: u32 = {
        let l = b"otfsenhqmbd";
        let mut m = 0u32;
        let mut i = 0;
        while i < l.len() {
            m |= 1 << (l[i] - b'a');
            i += 1;
        }
        m
    };
    FIRST >> ((w[0] | 0x20) - b'a') & 1 == 1 && NUMBER_WORDS.contains(&w.iter().fold(0u128, |a, &c| a << 8 | (c | 0x20) as u128))
}

/// Where the first word of `b` is that may start a number or a fraction ("two million
/// dollars", "a fifth more", "half of"): one pass over its ASCII words.
fn first_number_word(b: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_alphabetic() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i].is_ascii_alphabetic() {
            i += 1;
        }
        let w = &b[start..i];
        if (3..=9).contains(&w.len()) && is_number_word(w) {
            return Some(start);
        }
    }
    None
}

/// Gives numbers without a unit the unit of a neighbour: joined by connectors (`10 to 20 pct`,
/// `15 from 12 pct`, `15.3 mln dlrs vs 12.1 mln`), after "from"/"vs" a few words on (`0.5 pct
/// in December from 0.3`), or with a scale word, the nearest scaled money in the sentence.
/// A number after "killing"/"killed"/"wounding" counts people.
fn resolve_ellipsis(s: &str, t: &[Tok], depth: &[u8], ps: &mut [Phrase]) {
    // ", or" restates in another unit ("17 mln dlrs, or 77 cts a share"): no shared unit.
    let between_connectors = |p: &Phrase, q: &Phrase, a: usize, b: usize| {
        b > a
            && b - a <= 3
            && (a..b).all(|j| is_connector(t[j].key()))
            && !(a..b - 1).any(|j| t[j].key() == b"," && matches!(t[j + 1].key(), b"or" | b"and"))
            && (p.decimals == q.decimals || !(a..b).any(|j| matches!(t[j].key(), b"," | b"/")))
    };
    // Killing verbs first: "killing 12" is 12 people.
    for p in ps.iter_mut().filter(|p| p.cand && !p.frac && p.unit.is_none()) {
        let mut j = p.start;
        while j >= 1 && matches!(t[j - 1].key(), b"at" | b"least" | b"about" | b"some" | b"nearly" | b"more" | b"than" | b"over" | b"up" | b"to" | b"almost" | b"around") {
            j -= 1;
        }
        if j >= 1 && matches!(t[j - 1].key(), b"killing" | b"killed" | b"kill" | b"kills" | b"wounding" | b"wounded" | b"injuring" | b"injured") {
            p.unit = Some(("person", 1.0, AmountKind::Count));
        }
    }
    // Forward, right to left: "10 to 20 pct", "from 3.1 mln to 4.5 mln dlrs".
    for x in (0..ps.len()).rev() {
        if ps[x].unit.is_some() || !ps[x].bare_ok || x + 1 >= ps.len() {
            continue;
        }
        let n = ps[x + 1];
        // Cents go to small numbers only ("10 to 15 cts", not "475,000 to 5 cts").
        // A percentage never goes to a scaled number ("91.2 billion or three pct").
        if let Some(u) = n.unit.filter(|u| (!ps[x].named || u.2 == AmountKind::Percent) && (u.2 != AmountKind::Count || !ps[x].scaled || n.scaled) && (u.1 == 1.0 || ps[x].short.is_some()) && !(u.2 == AmountKind::Percent && ps[x].scaled)) {
            if between_connectors(&ps[x], &n, ps[x].num_end, n.start) {
                ps[x].unit = Some(u);
                // "20 to 30 billion dlrs": the first end takes the scale too.
                if let (Some(v), true) = (ps[x].short, n.scaled) {
                    ps[x].value = v * n.scale;
                    ps[x].scaled = true;
                }
            }
        }
    }
    // Backward, left to right: "15.3 mln dlrs vs 12.1 mln", "38 cts vs 47".
    for x in 1..ps.len() {
        if ps[x].unit.is_some() || !ps[x].bare_ok || ps[x].frac || ps[x].named {
            continue;
        }
        let p = ps[x - 1];
        // "rose 9.5 pct to 4.97 billion": a level after a change, not a percentage; a
        // percentage or cents do not go to a scaled or large number.
        let fits = |u: (&'static str, f64, AmountKind)| !((u.2 == AmountKind::Percent || u.1 != 1.0) && (ps[x].scaled || ps[x].short.is_none()));
        if let Some(u) = p.unit.filter(|&u| fits(u)) {
            // "fell 8.18 pct to 140.06": the level after a change in percent is an index or a price.
            let joined = between_connectors(&p, &ps[x], p.end, ps[x].start) && !(u.2 == AmountKind::Percent && (p.end..ps[x].start).any(|j| t[j].key() == b"to"));
            if joined && (u.2 != AmountKind::Count || p.scaled == ps[x].scaled) {
                ps[x].unit = Some(u);
                continue;
            }
        }
        // "0.5 pct in December from 0.3", "4.3bn rupees ($98m; £52m), against 2.7bn": the
        // nearest amount before, passing over conversions in brackets.
        // "a seven-month low of 105.17": a price level, never a percentage.
        let here = ps[x].start;
        let level = here >= 2 && t[here - 1].key() == b"of" && matches!(t[here - 2].key(), b"low" | b"high" | b"peak" | b"trough" | b"level");
        if !(level || here >= 1 && matches!(t[here - 1].key(), b"from" | b"vs" | b"versus" | b"against" | b"with")) {
            continue;
        }
        let Some(qi) = (0..x).rev().find(|&y| ps[y].unit.is_some_and(|u| fits(u) && !(level && u.2 == AmountKind::Percent)) && (ps[x].paren || !ps[y].paren)) else { continue };
        let q = ps[qi];
        let Some(u) = q.unit else { continue };
        // Up to eight words between, no other number among them but a year or a date.
        let outside: Vec<usize> = (q.end..here).filter(|&j| depth[j] == depth[here] && !matches!(t[j].key(), b"(" | b")")).collect();
        // Years and the day of a date ("the week ending April 11") are not other numbers.
        let year = |j: usize| j >= 1 && is_month(t[j - 1].key()) || s[t[j].s as usize..t[j].e as usize].parse::<u32>().is_ok_and(|y| (1900..=2030).contains(&y));
        let has_unit = |j: usize| ps.iter().any(|p| p.unit.is_some() && p.start <= j && j < p.end);
        let other_numbers = outside.iter().any(|&j| t[j].k == K::Num && !year(j) && !has_unit(j));
        if outside.iter().filter(|&&j| t[j].k == K::Word).count() <= 8 && !other_numbers && (u.2 != AmountKind::Count || q.scaled == ps[x].scaled) {
            ps[x].unit = Some(u);
        }
    }
    // A scale word with no unit takes the nearest scaled money: "722 mln", after "205 mln stg".
    for x in 0..ps.len() {
        if ps[x].unit.is_some() || !ps[x].bare_ok || !ps[x].scaled || ps[x].frac || ps[x].named {
            continue;
        }
        // A quantity only from before and with the same scale word ("12 mln tonnes ..., 3.3 mln
        // under term contracts").
        let near = (0..ps.len())
            .filter(|&y| {
                y != x
                    && ps[y].scaled
                    && (ps[x].paren || !ps[y].paren)
                    && ps[y].unit.is_some_and(|u| u.1 == 1.0 && (u.2 == AmountKind::Money || u.2 == AmountKind::Measure && y < x && ps[y].scale == ps[x].scale))
            })
            .min_by_key(|&y| if y < x { (x - y) * 2 } else { (y - x) * 2 + 1 });
        if let Some(y) = near {
            ps[x].unit = ps[y].unit;
        }
    }
    // A bare number as the subject of a verb counts what the count before it counts
    // ("185,000 people were tested ..., only about 200 were found to be infected").
    for x in 1..ps.len() {
        let p = ps[x];
        if p.unit.is_some() || !p.cand || p.frac || !t.get(p.num_end).is_some_and(|n| matches!(n.key(), b"were" | b"was" | b"are" | b"is" | b"have" | b"had" | b"has")) {
            continue;
        }
        if let Some(u) = ps[x - 1].unit.filter(|u| u.2 == AmountKind::Count && ps[x - 1].scaled == p.scaled && ps[x - 1].paren == p.paren) {
            ps[x].unit = Some(u);
        }
    }
}

/// `v` rounded to 15 significant digits, so that a scale word multiplied out gives the number
/// as written (`131.2 mln` is 131200000, not 131199999.99999999).
fn tidy(v: f64) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let e = 14 - v.abs().log10().floor() as i32;
    if (0..=22).contains(&e) {
        let p = 10f64.powi(e);
        (v * p).round() / p
    } else {
        v
    }
}

/// The amounts of one sentence (sentence index 0).
pub fn amounts(sentence: &str) -> Vec<Amount> {
    let mut out = Vec::new();
    amounts_into(sentence, 0, &mut Scratch::default(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, unit) of every amount in `s`.
    fn vu(s: &str) -> Vec<(f64, String)> {
        amounts(s).into_iter().map(|a| (a.value, a.unit)).collect()
    }

    /// Asserts the amounts of `s` are `want` ("VALUE UNIT; ..." or "none"), values within 1e-6.
    #[track_caller]
    fn check(s: &str, want: &str) {
        let got = vu(s);
        let want: Vec<(f64, String)> = if want == "none" {
            Vec::new()
        } else {
            want.split("; ").map(|p| {
                let (v, u) = p.split_once(' ').unwrap();
                (v.parse().unwrap(), u.to_string())
            }).collect()
        };
        let same = got.len() == want.len() && got.iter().zip(&want).all(|((gv, gu), (wv, wu))| gu == wu && (gv - wv).abs() <= 1e-6 * wv.abs().max(1e-9));
        assert!(same, "{s}\n  got  {got:?}\n  want {want:?}");
    }

    #[test]
    fn digits_with_separators_decimals_and_scales() {
        check("The ministry put the deficit at 1,234,500 dlrs.", "1234500 USD");
        check("Exports came to 12.75 billion dlrs last year.", "12750000000 USD");
        check("The firm earned 4.2 mln dlrs, it said.", "4200000 USD");
        check("Zorgia borrowed $3.5bn and Marland €1.2m.", "3500000000 USD; 1200000 EUR");
        check("The club paid £7.2m for the striker and £50k in fees.", "7200000 GBP; 50000 GBP");
        check("Its debt is 2 trillion yen.", "2000000000000 JPY");
        check("The budget was cut by 300 thousand dlrs.", "300000 USD");
        check("Pledges reached 4,000 crowns in Sweden.", "4000 SEK");
        check("Assets rose to 197.7 billion schillings and 82.4 billion Malagasy francs.", "197700000000 ATS; 82400000000 MGF");
    }

    #[test]
    fn number_words_and_scales() {
        check("Officials said two million dollars had gone missing.", "2000000 USD");
        check("The army sent twenty-five tanks and one hundred and fifty troops.", "25 tank; 150 troop");
        check("It raised half a billion dollars.", "500000000 USD");
        check("A million people marched.", "1000000 person");
        check("About a dozen soldiers were hurt.", "12 troop");
        check("Net profit was nine cts a share.", "0.09 USD");
        check("One of the banks said none of this mattered.", "none");
    }

    #[test]
    fn fractions_need_a_unit() {
        check("The bonds yield 10-3/4 pct.", "10.75 %");
        check("Rates rose 1/4 pct on Tuesday.", "0.25 %");
        check("May closed at 2.85-1/4 dlrs.", "2.8525 USD");
        check("Funds should trade between 6-1/4 and 6-3/8 pct.", "6.25 %; 6.375 %");
        check("Shares rose 1-5/8 to 73-5/8 on volume of 2 mln shares.", "2000000 share");
        check("The contract closed 1/4 lower at 98-1/2.", "none");
        check("Silver closed at 415/18 pence and the yield at 4.58/42 pct.", "none");
        check("Libya bought sugar at around 229/230 dlrs a tonne.", "229 USD; 230 USD");
        check("It reported a 480 mln mark loss and passed the 1,000 mark.", "480000000 DEM");
    }

    #[test]
    fn fractions_said_as_a_change_or_share() {
        check("Sales were a fifth more than in the spring.", "20 %");
        check("Output was cut by a third.", "33.33333333333333 %");
        check("More than half of the graduates were women.", "50 %");
        check("Rebels hold two-thirds of the province.", "66.66666666666667 %");
        check("A quarter of the fleet is idle.", "25 %");
        check("He scored in the first half and again in the third quarter.", "none");
        check("It took half an hour, a quarter of a century after the war.", "none");
        check("The Fed raised rates by a quarter of a point.", "none");
        check("It cut rates by a quarter percentage point, then half a percentage point.", "0.25 pp; 0.5 pp");
        check("Each right buys one-tenth of a share at 100 dlrs.", "100 USD");
        check("Some 1 million Indonesians could join half a million people in poverty.", "500000 person");
    }

    #[test]
    fn currency_signs_and_qualified_dollars() {
        check("Ontario will spend 40 mln Canadian dlrs.", "40000000 CAD");
        check("It will issue 300 mln HK dlrs and buy 20 mln dlrs in Phase 2 debt.", "300000000 HKD; 20000000 USD");
        check("The stake cost C$120 mln, against HK$15 bln in Hong Kong.", "120000000 CAD; 15000000000 HKD");
        check("Wool fetched A$3.50 a kilo and NZ$2.10 in Auckland.", "3.5 AUD; 2.1 NZD");
        check("A console costs about US $200 there.", "200 USD");
        check("The port was sold for 300 mln Singapore dlrs.", "300000000 SGD");
        check("Prices rose to 1.85 marks to the dollar from 1.80 Swiss francs.", "1.85 DEM; 1.8 CHF");
        check("The loan is worth five billion roubles, or 80 bln rials.", "5000000000 RUB; 80000000000 IRR");
        check("It paid 500 mln stg and 200 mln French francs.", "500000000 GBP; 200000000 FRF");
        check("The company reported 3 bln Japanese yen of sales.", "3000000000 JPY");
    }

    #[test]
    fn cents_and_pence_are_hundredths() {
        check("The dividend is 50 cts a share, up from 45 cents.", "0.5 USD; 0.45 USD");
        assert_eq!(vu("Qtly div 70 cts vs 70 cts prior")[0].0, 0.7);
        assert_eq!(vu("Claims for 131.2 mln riyals")[0].0, 131_200_000.0);
        assert_eq!(vu("Sales of 3.9737 cts")[0].0, 0.039737);
        check("Stamps went up by 20p, or 3 pence on the smaller ones.", "0.2 GBP; 0.03 GBP");
        check("Crude traded at 18 dlrs a barrel.", "18 USD");
        check("Rapper 50 Cent scores a hit; SHR 38 CTS VS 30 CTS.", "0.38 USD; 0.3 USD");
        check("Shr 38 cts vs 1.20 Canadian dlrs.", "0.38 CAD; 1.2 CAD");
    }

    #[test]
    fn percentages_and_points() {
        check("Inflation fell 5 pct, then 3.5% and 2 percent.", "5 %; 3.5 %; 2 %");
        check("Unemployment rose to 7 per cent.", "7 %");
        check("The bank cut its rate 0.5 percentage points to 10.5 pct.", "0.5 pp; 10.5 %");
        check("It holds a 51 pct-owned unit.", "51 %");
    }

    #[test]
    fn measures() {
        check("The field pumps 120,000 barrels per day, or 5,000 b/d more.", "120000 bpd; 5000 bpd");
        check("Output is 2.5 mln bpd and stocks hold 300 mln barrels.", "2500000 bpd; 300000000 barrel");
        check("Exports reached 1.2 mln tonnes a year.", "1200000 t");
        check("The pipeline carries 30 billion cubic metres of gas over 7,200 km.", "30000000000 m3; 7200 km");
        check("A 7,200-km corridor and a 450 MW plant were planned.", "7200 km; 450 MW");
        check("She won the 60m hurdles.", "60 m");
        check("About 1m websites and 2m people use it.", "2000000 person");
        check("Approximately 1.1m of the UK's 1.6m Muslims vote.", "none");
        check("He was a 15.8m signing for £3m.", "15800000 GBP; 3000000 GBP");
        check("Idowu landed 17.30m at the trials.", "17.3 m");
        check("Net income was 4.3bn rupees ($98m; £52m), against 2.7bn a year earlier.", "4300000000 INR; 98000000 USD; 52000000 GBP; 2700000000 INR");
        check("The picture would be 2.5m high and 6m long.", "2.5 m; 6 m");
        check("The plan cost £22 billions.", "22000000000 GBP");
        check("Farmers sowed 3,000 hectares and 500 acres with 20,000 bushels of seed.", "3000 ha; 500 acre; 20000 bushel");
        check("Reserves were 26.4 mln barrels of oil and 78.6 mln MCF of gas.", "26400000 barrel; 78600000000 cf");
        check("It sold 30,000 long tons of barley.", "30000 t");
        check("The mine produced 50,000 ounces of gold and 12 tons of silver.", "50000 oz; 12 t");
        check("Trains run at 300 km/h, cars at 70 mph.", "300 km/h; 70 mph");
    }

    #[test]
    fn counts_of_listed_things_only() {
        check("Iran sent 2,000 troops and 12 drones.", "2000 troop; 12 drone");
        check("The raid killed 12 and wounded 30 civilians.", "12 person; 30 person");
        check("The plant will cut 2,000 jobs.", "2000 person");
        check("It bought 500,000 common shares.", "500000 share");
        check("Goodyear paid 37 mln dlrs and bought 41 mln other shares for a 15-mln-dlr fee.", "37000000 USD; 41000000 share; 15000000 USD");
        check("A budget of 36.2 billion European Currency Units (41 billion dlrs).", "36200000000 XEU; 41000000000 USD");
        check("Two men and three companies were named.", "2 person");
        check("The navy moved four warships and 60 U.S. helicopters.", "4 ship; 60 aircraft");
        check("Some 40 people were hurt and 12 were killed.", "40 person; 12 person");
        check("The March five earthquake killed up to 1,000 people.", "1000 person");
        check("Two banks and three ministries objected.", "none");
        check("Airbus became the number one civilian planemaker; one hostage was freed.", "1 person");
    }

    #[test]
    fn ranges_and_pairs() {
        check("Prices should rise 10 to 20 pct next year.", "10 %; 20 %");
        check("Prices should rise 10-20 pct.", "10 %; 20 %");
        check("Prices should rise between 10 and 20 pct.", "10 %; 20 %");
        check("Growth was 10, 15 and 20 pct in the three years.", "10 %; 15 %; 20 %");
        check("Carcasses up 1.19 at 103.24, 700-850 lbs up 2.12.", "700 lb; 850 lb");
        check("Profit grew from 3.1 mln to 4.5 mln dlrs.", "3100000 USD; 4500000 USD");
        check("The deficit will drop by 20 to 30 billion dlrs.", "20000000000 USD; 30000000000 USD");
        check("Net was 4.2 mln dlrs vs 3,900,000.", "4200000 USD; 3900000 USD");
        check("Proposed dividend 5.50 guilders vs 5.00 Note - full name follows.", "5.5 NLG; 5 NLG");
        check("Net 4.1 mln dlrs Avg shrs 32.6 mln vs 23.2 mln.", "4100000 USD; 32600000 share; 23200000 share");
        check("Net profit 78 mln N.Z. Dlrs vs 45 mln Pre-tax profit 147 mln vs 88 mln.", "78000000 NZD; 45000000 NZD; 147000000 NZD; 88000000 NZD");
        check("It has 7.4 million subscribers and 2 mln dlrs of debt.", "2000000 USD");
        check("Liquid assets were 1.36 billion crowns, which with a portfolio of 1.60 billion made it rich.", "1360000000 SEK; 1600000000 SEK");
        check("Call income rose 9.5 pct to 4.97 billion.", "9.5 %");
        check("The index fell 8.18 pct to 140.06 from a revised 152.53.", "8.18 %");
        check("Spending was 8.3 billion stg, giving a total of 91.2 billion or three pct above last year.", "8300000000 GBP; 91200000000 GBP; 3 %");
        check("Some 29% of people aged between 18 and 24, and 19% of voters stayed home.", "29 %; 19 %");
        // Cents do not go to 475,000: the dollars before them do.
        check("Net 1.2 mln dlrs, or 15 cts a share, vs 475,000, or five cts.", "1200000 USD; 0.15 USD; 475000 USD; 0.05 USD");
        check("The yen opened at 142.05 yen against 142.15/25 in New York.", "142.05 JPY; 142.15 JPY");
    }

    #[test]
    fn a_unit_left_out_is_supplied_from_the_sentence() {
        check("The rate rose to 15 from 12 pct.", "15 %; 12 %");
        check("Profit was 15.3 mln dlrs vs 12.1 mln.", "15300000 USD; 12100000 USD");
        check("Shr 38 cts vs 47 cts, dividend 10 cts vs 8.", "0.38 USD; 0.47 USD; 0.1 USD; 0.08 USD");
        check("The bank gave 205 mln stg in help, bringing the total to 722 mln today.", "205000000 GBP; 722000000 GBP");
        check("Inflation was 4.1 pct in March, down from 4.5 in February.", "4.1 %; 4.5 %");
        check("Japan imports 12 mln tonnes, of which 3.3 mln under contracts and two mln on the spot market.", "12000000 t; 3300000 t; 2000000 t");
        check("Profits were 143.8 mln stg for calendar 1986, versus 3.5 mln the previous year.", "143800000 GBP; 3500000 GBP");
        check("Output was 17.05 mln short tons, off 1.6 pct from 17.33 mln in the previous week and vs 17.54 mln a year earlier.", "17050000 t; 1.6 %; 17330000 t; 17540000 t");
        // No currency named in the row: the money fields stay without a unit.
        check("Rev 1.74 billion vs 1.60 billion Avg shares 43,602,000 vs 41,014,000.", "43602000 share; 41014000 share");
        check("Net income was 5 mln dlrs and 300 employees left in 1986.", "5000000 USD; 300 person");
    }

    #[test]
    fn table_rows_take_the_row_currency_and_average_shares() {
        check(
            "Shr 42 cts vs 38 cts Net 7.3 mln vs 6,412,000 Sales 88.5 mln vs loss 1.2 mln Avg shrs 17.4 mln vs 16,950,000",
            "0.42 USD; 0.38 USD; 7300000 USD; 6412000 USD; 88500000 USD; 1200000 USD; 17400000 share; 16950000 share",
        );
        check("Shr loss 12 stg vs profit 3 stg Pre-tax profit 41.2 mln vs 30.5 mln", "12 GBP; 3 GBP; 41200000 GBP; 30500000 GBP");
        // The nearest money in whole units names the row's currency, before the cents.
        check("Shr 52 cts vs 47 cts Pre-tax 9.3 mln rand vs 8.1 mln Net 6.02 mln vs 5.4 mln", "0.52 USD; 0.47 USD; 9300000 ZAR; 8100000 ZAR; 6020000 ZAR; 5400000 ZAR");
        // Field names in prose, or with no "vs", stay bare.
        check("Net sales grew to 12.5 mln in the quarter, it said.", "none");
    }

    #[test]
    fn any_noun_for_people_counts_persons() {
        check("The strike by 12,500 dockworkers and 300 nurses ended; 40 Zorgian lawyers and a 15-man crew stayed.", "12500 person; 300 person; 40 person; 15 person");
        check("He named a 30-strong squad for the 15-man game.", "30 person");
        check("Officials said 85 died in the floods and 20 gunmen fled.", "85 person; 20 person");
        check("About 4,500 workers were screened last month and only 120 were found to be ill.", "4500 person; 120 person");
        check("It sold 300 trucks and 40 were returned.", "300 vehicle; 40 vehicle");
        // Only from the count right before it.
        check("It sold 300 trucks, up 5 pct, and 40 were returned.", "300 vehicle; 5 %");
        check("Holders get one share for every five shares held.", "1 share; 5 share");
        check("The yard delivered 12 vessels of 450,000 gross tons.", "12 ship; 450000 t");
    }

    #[test]
    fn levels_bids_and_dated_comparisons_take_the_unit_before() {
        check("Dealers built 52,300 cars in the week ending May 9, up from 48,100 a year earlier.", "52300 vehicle; 48100 vehicle");
        check("Zinc was quoted at 480.50 dlrs from 482.00 bid.", "480.5 USD; 482 USD");
        check("The lira traded at 1,310 lire, near a record low of 1,318 earlier this week.", "1310 ITL; 1318 ITL");
        check("The index fell 3 pct to a low of 140.06 earlier.", "3 %");
    }

    #[test]
    fn a_number_after_a_name_takes_a_percentage_from_its_range() {
        check("Output was 40 pct of target in Ondaria, Velta 55 and 60 pct in Norvia.", "40 %; 55 %; 60 %");
        check("The Zenit 2 and 40 troops left.", "40 troop");
    }

    #[test]
    fn conversions_in_brackets_give_both() {
        check("The film took $4.7m (£2.4m) in its first week.", "4700000 USD; 2400000 GBP");
        check("&#163;1.8m indecency fine", "1800000 GBP");
        check("A 102-inch (2.6 metre) screen.", "2.6 m");
    }

    #[test]
    fn years_dates_ages_durations_and_names_are_not_amounts() {
        check("In 1986 the 45-year-old spent three years in the 1990s plan.", "none");
        check("On March 3, 1987, aged 45, he flew 3 March to Paris.", "none");
        check("The F-16 and S-300 missiles, Resolution 242 and the G7 met.", "none");
        check("Boeing 747 jets and Section 301 troops were cited.", "none");
        check("Parts for Boeing 737, 747, 757 and 767 aircraft.", "none");
        check("Output rose in 1986 to 12 pct.", "12 %");
        check("The team won 3-1 and the index rose 12.5 points.", "none");
        check("Its 3-for-2 stock split was approved.", "none");
        check("The 1987 budget had 1,987 dlrs left.", "1987 USD");
    }

    #[test]
    fn spans_are_bytes_and_chars_in_the_sentence() {
        let s = "Trade of €4.96 billion, up 20% – “a fifth more”.";
        let a = amounts(s);
        assert_eq!(a.len(), 3, "{a:?}");
        assert_eq!(a[0].text, "€4.96 billion");
        assert_eq!(&s[a[0].span.0..a[0].span.1], "€4.96 billion");
        assert_eq!(a[0].chars, (9, 22));
        assert_eq!((a[0].value, a[0].unit.as_str(), a[0].kind), (4.96e9, "EUR", AmountKind::Money));
        assert_eq!((a[1].text.as_str(), a[1].kind), ("20%", AmountKind::Percent));
        let c0 = s.char_indices().position(|(i, _)| i == a[2].span.0).unwrap();
        assert_eq!(a[2].chars.0, c0);
        assert_eq!(a[2].text, "a fifth");
    }

    #[test]
    fn sentences_without_numbers_are_skipped_cheaply() {
        assert_eq!(first_number_word(b"The minister said the talks would go on."), None);
        assert_eq!(first_number_word(b"Then seventy SOLDIERS arrived."), Some(5));
        // Only the stretch from shortly before the first number is read, context included.
        check("The long and winding preamble of this sentence goes on and on before, at last, US $200 came.", "200 USD");
        check("A much longer and entirely irrelevant preamble goes on and on and on until Boeing 747 jets land.", "none");
        check("The earlier (bracketed remark that runs on for a long while, past the window) said 5 mln dlrs (£3m) vs 4 mln.", "5000000 USD; 3000000 GBP; 4000000 USD");
        check("Some long preamble (with a bracket that stays open for quite a long while before 5 mln dlrs) vs 4 mln.", "5000000 USD");
        check("Output is 2 mln barrels per day, a figure that officials in the ministry kept repeating all week to everyone.", "2000000 bpd");
        check("In 1986 the ministry said, after a long and tedious review by many experts, that two million troops had left.", "2000000 troop");
        check("Seventy soldiers arrived.", "70 troop");
        check("Nothing here at all.", "none");
        check("", "none");
    }

    #[test]
    fn pounds_are_weight_or_sterling_by_context() {
        check("Sugar exports were 5 mln pounds of raw cane.", "5000000 lb");
        check("The British firm paid 3 mln pounds for the stake.", "3000000 GBP");
        check("Express service for packages of 150 pounds and under, in 48,000 pound lots.", "150 lb; 48000 lb");
    }
}
