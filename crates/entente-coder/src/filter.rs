//! Events the analysis found that are not interactions between political actors, dropped
//! before anyone sees them (the real-news dev split showed each kind; `eval/CODING.md` says
//! why they are not events):
//! - a region on either side ("Europe", "Asia", "the West"): CAMEO has codes for regions,
//!   but news names them as places and markets ("other European markets"), not as actors;
//! - a target that is the source's own country, bare ("the British government sold British
//!   Airways to the British public", "Rosneft ... forced by Russia"): a state or its organs
//!   acting on the country as a whole is no interaction between two actors.

use crate::analyze::{Analysis, Ev};
use entente_core::actor::is_region;

fn primary(c: &str) -> &str {
    c.get(..3).unwrap_or("")
}

/// Words that mark a company name ("Nomura Securities Co Ltd", Reuters' "<Ecolab Co>").
const COMPANY_MARKERS: &[&str] = &["<", "CO", "CORP", "INC", "LTD", "PLC", "AG", "SA", "NV", "BV", "GMBH", "SPA", "BHD", "LTDA", "CORPORATION"];

/// Agents that make an actor an organ of a state or a political body.
pub(crate) const POLITICAL_AGENTS: &[&str] = &["GOV", "MIL", "COP", "JUD", "LEG", "SPY", "OPP", "PTY", "REB", "INS", "UAF", "SEP", "PKO"];

/// An actor that is explicitly political: an IGO, or a state's organ named as such
/// ("Japanese officials", "the U.S. Treasury"), not a bare country that may be an adjective
/// on a company or a market.
fn explicitly_political(code: &str) -> bool {
    code.starts_with("IGO") || (code.len() >= 6 && POLITICAL_AGENTS.contains(&&code[3..6]))
}

/// Agents of actors that are not political themselves (business, media, civilians, elites,
/// professions): such an actor takes part in an event only opposite an explicitly political one.
fn private(code: &str) -> bool {
    const PRIVATE: &[&str] = &["BUS", "CVL", "MED", "LAB", "EDU", "HLH", "AGR", "REL", "CRM", "REF", "DEV", "ENV", "HRI"];
    code.len() >= 6 && !code.starts_with("IGO") && !code.starts_with("IMG") && PRIVATE.contains(&&code[3..6])
}

/// Capitalised words that Reuters' style capitalises after "U.S." and that start no name.
const NOT_NAMES: &[&str] = &["WILL", "AND", "IN", "ON", "TO", "THE", "FOR", "OF", "WAS", "IS", "HAS", "HAD", "SAID", "SAYS", "OFFICIALS", "A", "AN", "BY", "AT", "WITH", "FROM", "AS"];

/// Is the actor over tokens `[s, e)` the home of a name that follows it ("Sweden's Volvo",
/// "Kenyan Bernard Lagat", "Italy's Illva Saronno"), so the sentence is about a company or a
/// person, not the state? The name is a capitalised word outside every dictionary phrase.
/// Only a bare country counts ("French Finance Minister Edouard Balladur" is the minister), and
/// not after "U.S.", which Reuters' style follows with a capital ("U.S. Refusal").
/// A possessive counts for a source only: "Sweden's Volvo said", but "connected its card
/// network with Russia's Mir system" is with Russia.
fn names_a_non_state(a: &Analysis, sentence: &str, code: &str, (s, e): (usize, usize), possessive: bool) -> bool {
    if code.len() != 3 || s >= e || a.word(e - 1).ends_with('.') {
        return false;
    }
    let mut j = e;
    if j < a.tokens.len() && matches!(a.word(j), "'S" | "'") {
        if !possessive {
            return false;
        }
        j += 1;
    }
    if j >= a.tokens.len() || s >= e {
        return false;
    }
    let word = &sentence[a.tokens[j].start as usize..a.tokens[j].end as usize];
    let capitalised = word.chars().next().is_some_and(char::is_uppercase) && word.chars().any(char::is_lowercase);
    let in_phrase = a.mentions.iter().any(|m| m.start <= j && j < m.end);
    capitalised && !in_phrase && !NOT_NAMES.contains(&a.word(j))
}

/// Nouns that a country's adjective makes into money, trade flows or markets, not into an actor
/// ("11 mln Canadian dlrs", "U.S. Shares traded in London"). Goods are left out: "Iran bought
/// Russian wheat" is trade with Russia.
const ECONOMIC_NOUNS: &[&str] = &[
    "DLR", "DLRS", "DOLLAR", "DOLLARS", "YEN", "FRANC", "FRANCS", "MARK", "MARKS", "POUND", "POUNDS", "CROWN", "CROWNS", "ECUS",
    "LIRE", "RUPEES", "PESOS", "SHARES", "STOCKS", "BONDS", "FUNDS", "EXPORTS", "IMPORTS", "PURCHASES", "SALES", "MARKET",
    "MARKETS", "ECONOMY", "PRODUCTION", "CRUSHERS", "INVESTORS", "INVESTMENT", "CAPITAL", "SECURITIES", "TREASURY-BONDS", "OPERATION", "OPERATIONS",
];

/// Is the bare-country member over `[s, e)` an adjective on money, goods or a market?
fn economic_adjective(a: &Analysis, code: &str, (s, e): (usize, usize)) -> bool {
    code.len() == 3 && s < e && e < a.tokens.len() && ECONOMIC_NOUNS.contains(&a.word(e))
}

/// Nouns of a topic that a country's name before them qualifies: "the Iraq war", "the Cyprus
/// issue". The country is what is talked about, not a party to the act.
const TOPIC_NOUNS: &[&str] = &["WAR", "CONFLICT", "CRISIS", "ISSUE", "QUESTION", "PROBLEM", "DEBATE", "INQUIRY", "DOSSIER", "SCANDAL", "AFFAIR", "FACTOR"];

/// Is the bare-country target over `[s, e)` the topic of a noun after it ("the legality of the
/// Iraq war")?
fn names_a_topic(a: &Analysis, code: &str, (s, e): (usize, usize)) -> bool {
    code.len() == 3 && s > 0 && e < a.tokens.len() && TOPIC_NOUNS.contains(&a.word(e)) && a.word(s - 1) == "THE"
}

/// Nouns of meetings and accords that a place before them names as the venue ("the Paris
/// accord", "the Uruguay meeting", "the Geneva talks"): the place is no party.
const VENUE_NOUNS: &[&str] = &["MEETING", "MEETINGS", "ACCORD", "ACCORDS", "AGREEMENT", "SUMMIT", "CONFERENCE", "ROUND", "PACT", "COMMUNIQUE", "DECLARATION", "TALKS"];

/// Is the bare country over `[s, e)` the venue of a meeting or accord named after it ("the
/// Paris meeting of finance ministers", "the Louvre accord")? Only after "the" or a
/// possessive-free determiner: "Iran talks" in a headline is too often talks with Iran.
fn names_a_venue(a: &Analysis, code: &str, (s, e): (usize, usize)) -> bool {
    code.len() == 3 && s > 0 && e < a.tokens.len() && VENUE_NOUNS.contains(&a.word(e)) && matches!(a.word(s - 1), "THE" | "LAST" | "THIS" | "NEXT")
}

/// Is the source member over `[s, e)` in a group named as a place ("In France, Belgium and the
/// Netherlands, it was mostly cool")?
fn source_is_a_place(a: &Analysis, toks: (usize, usize)) -> bool {
    group_lead(a, toks).is_some_and(|p| p > 0 && matches!(a.word(p - 1), "IN" | "AT" | "ACROSS" | "THROUGHOUT"))
}

/// Where the noun group of the member over `[s, e)` begins, with a "the" before it: the word
/// before that says how the group is used ("in France", "at the UN").
fn group_lead(a: &Analysis, (s, e): (usize, usize)) -> Option<usize> {
    let g = a.groups.iter().find(|g| g.start <= s && e <= g.end)?;
    Some(if g.start > 0 && a.word(g.start - 1) == "THE" { g.start - 1 } else { g.start })
}

/// Verbs whose object comes after "in": "invested in Iran", "intervened in Syria".
const IN_OBJECT_VERBS: &[&str] = &["INVEST", "INTERVEN", "INTERFER", "MEDDL", "PARTICIPAT", "INVOLV", "STAKE"];

/// Is the bare-country target over `[s, e)` the place where the act happened ("denied in an
/// interview published in Saudi Arabia", "signed the constitution at a ceremony in Rome")?
/// A verb that takes its object after "in" keeps it.
fn target_is_a_place(a: &Analysis, code: &str, toks: (usize, usize), verb: usize) -> bool {
    // A country or an IGO by its seat ("in Brussels"), with no agent.
    let bare = code.len() == 3 || (code.len() == 6 && code.starts_with("IGO"));
    if !bare || toks.0 == 0 {
        return false;
    }
    let Some(p) = group_lead(a, toks) else { return false };
    // "an increase in U.S. rates", "a stake in Iran": "in" after a noun of change or share.
    let of_noun = p > 1 && IN_NOUNS.contains(&a.word(p - 2));
    p > 0 && matches!(a.word(p - 1), "IN" | "AT") && !of_noun && !IN_OBJECT_VERBS.iter().any(|v| a.word(verb).starts_with(v))
}

/// Nouns whose "in" introduces what changes or is held, not a place.
const IN_NOUNS: &[&str] = &[
    "INCREASE", "INCREASES", "RISE", "RISES", "CUT", "CUTS", "FALL", "DROP", "DECLINE", "INTEREST", "STAKE", "STAKES", "ROLE", "INVESTMENT",
    "INVESTMENTS", "CHANGE", "CHANGES", "REDUCTION", "REDUCTIONS", "GROWTH", "CONFIDENCE", "TRUST", "FAITH", "INVOLVEMENT", "INTERVENTION", "INTERFERENCE",
];

/// A sports score ("38-8", "6-1 7-6"): the sentence reports a match, and its countries are teams.
fn has_score(a: &Analysis) -> bool {
    (0..a.tokens.len()).any(|i| {
        let w = a.word(i);
        let mut parts = w.split('-');
        let (Some(x), Some(y), None) = (parts.next(), parts.next(), parts.next()) else { return false };
        let small = |p: &str| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit());
        small(x) && small(y)
    })
}

/// Is the verb in the future ("will visit", "will also meet", "shall be signed")? News policy
/// codes what happened: a scheduled or predicted act is not an event yet (CODING.md).
fn future(a: &Analysis, verb_start: usize) -> bool {
    let mut i = verb_start;
    for _ in 0..3 {
        if i == 0 {
            return false;
        }
        i -= 1;
        match a.word(i) {
            "WILL" | "SHALL" | "'LL" => return true,
            w if crate::syntax::ADVERBS.contains(&w) || matches!(w, "BE" | "BEEN" | "HAVE") => continue,
            _ => return false,
        }
    }
    false
}

/// Is `ev` a material act (cooperation 06-09, conflict 15-20 by the quad classes) with a target
/// that no pattern of its verb matched? "Kenya provides over 50 pct of Pakistan's tea imports"
/// (070), "the US imported $20bn of goods from China" (061): verbs like provide, receive,
/// release, import or seize are acts of states only with the right object, which is what the
/// patterns check; their bare code guesses. On the dev split 11 of 12 such events were wrong.
fn material_by_verb_alone(a: &Analysis, ev: &Ev) -> bool {
    let quad = entente_core::cameo::quad_class(&ev.code).unwrap_or(1);
    // Force with its target right after the verb ("Russia attacked Iran") is clear enough.
    // So is a passive's: its target is the subject, its source the "by" agent.
    let outcome = a.outcomes.get(ev.verb_index);
    let passive = outcome.is_some_and(|o| o.passive);
    let direct_object = ev.target_toks.and_then(|t| group_lead(a, t)).is_some_and(|ts| {
        ts >= ev.verb_toks.1 && (ev.verb_toks.1..ts).all(|i| matches!(a.word(i), "THE" | "A" | "AN" | "ITS" | "THEIR"))
    });
    let no_pattern = outcome.is_some_and(|o| o.pattern.is_none());
    no_pattern && !ev.target.is_empty() && (quad == 2 || (quad == 4 && !direct_object && !passive))
}

/// Should `ev`, found in the analysis `a` of `sentence`, be kept?
pub(crate) fn keep_in(a: &Analysis, sentence: &str, ev: &Ev) -> bool {
    verdict(a, sentence, ev).is_ok()
}

/// Is the target of `ev` only the place where a statement or cooperation happened ("denied
/// in an interview published in Saudi Arabia", "signed at a ceremony in Rome")? Force and
/// visits take their target from the place: "struck targets in Iraq", "arrived in Moscow for a
/// visit", "claimed the bombings in Kerman".
fn place_as_target(a: &Analysis, ev: &Ev) -> bool {
    let place_is_target = ev.code.as_str() >= "18" || matches!(ev.code.as_str(), "015" | "042" | "043");
    !place_is_target && ev.target_toks.is_some_and(|t| target_is_a_place(a, &ev.target, t, ev.verb_toks.0))
}

/// Why the news policy drops `ev`, or `Ok` when it keeps it (`explain` shows the reason).
pub(crate) fn verdict(a: &Analysis, sentence: &str, ev: &Ev) -> Result<(), &'static str> {
    if !keep(ev) {
        return Err("a region, a bare statement (010) or the source's own country as cooperation target");
    }
    if has_score(a) {
        return Err("a sports score: the countries are teams");
    }
    if economic_adjective(a, &ev.source, ev.source_toks) || ev.target_toks.is_some_and(|t| economic_adjective(a, &ev.target, t)) {
        return Err("the country names money, goods or a market (\"Canadian dlrs\"), not an actor");
    }
    if ev.target_toks.is_some_and(|t| names_a_topic(a, &ev.target, t)) {
        return Err("the country names the topic (\"the Iraq war\"), not a party");
    }
    if names_a_venue(a, &ev.source, ev.source_toks) || ev.target_toks.is_some_and(|t| names_a_venue(a, &ev.target, t)) {
        return Err("the place names the venue of a meeting or accord (\"the Paris accord\"), not a party");
    }
    if place_as_target(a, ev) {
        return Err("the target is only the place of the act (after \"in\", \"at\"), not a party");
    }
    // The host of a visit is where the visitor arrived ("arrived in Tokyo": Japan hosts, 043).
    if ev.code != "043" && source_is_a_place(a, ev.source_toks) {
        return Err("the source is a place (after \"in\", \"at\")");
    }
    if material_by_verb_alone(a, ev) {
        return Err("a material act coded from the verb alone: no pattern confirmed what was given, taken or done");
    }
    if future(a, ev.verb_toks.0) {
        return Err("a future act (will, shall) is not an event yet");
    }
    // A company, a person or a club of some country is not the country; in a mutual act read
    // both ways ("Norway's Equinor signed a contract with Poland") that holds for its target too.
    let mutual = a.events.iter().any(|e| e.source == ev.target && e.target == ev.source && e.code == ev.code);
    let named = |toks, code, possessive| names_a_non_state(a, sentence, code, toks, possessive);
    if named(ev.source_toks, &ev.source, true) || ev.target_toks.is_some_and(|t| named(t, &ev.target, mutual)) {
        return Err("the country is the home of a company or person named after it");
    }
    // Business, media or civilians cooperate (roots 01-09) in an event only opposite a state
    // organ or an IGO; coercion and violence against them ("Russia detained two U.S. citizens")
    // are events whoever does it. A bare country is a state when it acts ("Belarus lifted
    // restrictions on Polish citizens"), but as a target it is as often an adjective ("took
    // charge of its Japanese operation").
    let cooperative = ev.code.get(..2).is_some_and(|r| r < "10");
    let state_source = explicitly_political(&ev.source) || ev.source.len() == 3;
    let private_source = private(&ev.source) && !explicitly_political(&ev.target);
    let private_target = private(&ev.target) && !state_source;
    if cooperative && (private_source || private_target) {
        return Err("a private actor cooperating with no state organ or IGO");
    }
    // A sentence about companies ("<Ecolab Co> of the United States signed a contract with North
    // China Industrial Co") names countries as the companies' homes: only an event with a
    // state organ or an IGO on one side is an act of states.
    let business = (0..a.tokens.len()).any(|i| COMPANY_MARKERS.contains(&a.word(i)));
    if business && !explicitly_political(&ev.source) && !explicitly_political(&ev.target) {
        return Err("a sentence about companies with no state organ or IGO in the event");
    }
    Ok(())
}

/// Words of sport reporting. A story that uses several of them is a sports story, where a bare
/// country is a team ("Italy have lost both their opening games", "Ireland beat Wales").
const SPORT_WORDS: &[&str] = &[
    "match", "matches", "game", "games", "cup", "championship", "championships", "tournament", "rugby", "football", "soccer",
    "cricket", "tennis", "golf", "athletics", "olympic", "olympics", "skipper", "coach", "striker", "midfielder", "goal",
    "goals", "wicket", "wickets", "semi-final", "quarter-final", "final", "squad", "league", "fixture", "fixtures", "scrum",
    "fly-half", "winger", "penalty", "referee", "stadium", "medal", "sprint", "relay", "seeded", "champion", "champions",
    "defeat", "victory", "unbeaten", "undefeated", "title", "season", "club", "clubs", "team", "teams", "tries", "innings",
    "twickenham", "murrayfield", "wimbledon", "nations", "lions", "all-blacks", "wallabies", "springboks", "grand",
];

/// Bit `i` set for each sport word `i` of a first letter (every one starts with `a`-`z`).
const SPORT_BY_LETTER: [u128; 26] = {
    assert!(SPORT_WORDS.len() <= 128);
    let mut m = [0u128; 26];
    let mut i = 0;
    while i < SPORT_WORDS.len() {
        let c = SPORT_WORDS[i].as_bytes()[0];
        assert!(c.is_ascii_lowercase());
        m[(c - b'a') as usize] |= 1 << i;
        i += 1;
    }
    m
};

/// Bit `i` set for each sport word `i` of a byte length (0-14).
const SPORT_BY_LEN: [u128; 15] = {
    let mut m = [0u128; 15];
    let mut i = 0;
    while i < SPORT_WORDS.len() {
        let n = SPORT_WORDS[i].len();
        if n < 15 {
            m[n] |= 1 << i;
        }
        i += 1;
    }
    m
};

/// The runs of alphanumeric characters and '-' in `text` (the non-empty pieces of `text.split`
/// at any other character), found byte by byte: ASCII needs no decoding.
fn words(text: &str) -> impl Iterator<Item = &str> {
    let b = text.as_bytes();
    let (mut start, mut i) = (0, 0);
    std::iter::from_fn(move || {
        while i <= b.len() {
            let (word, len) = match b.get(i) {
                None => (false, 1),
                Some(&c) if c < 0x80 => (c.is_ascii_alphanumeric() || c == b'-', 1),
                Some(_) => text[i..].chars().next().map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
            };
            let at = i;
            i += len;
            if !word {
                let w = &text[start..at];
                start = i;
                if !w.is_empty() {
                    return Some(w);
                }
            }
        }
        None
    })
}

/// Is `text` a sports story: at least four distinct sport words and six uses in all? Measured
/// on the real-news dev split: sports stories gave a tenth of the false events and no true one.
pub(crate) fn sports_story(text: &str) -> bool {
    let mut seen = [false; SPORT_WORDS.len()];
    let mut uses = 0;
    for w in words(text) {
        if w.len() < 3 || w.len() > 14 {
            continue;
        }
        // Only the sport words of this first letter and length, compared in place (no copy).
        let first = w.as_bytes()[0].to_ascii_lowercase();
        let mut cands = if first.is_ascii_lowercase() { SPORT_BY_LETTER[(first - b'a') as usize] & SPORT_BY_LEN[w.len()] } else { 0 };
        let mut found = None;
        while cands != 0 {
            let i = cands.trailing_zeros() as usize;
            cands &= cands - 1;
            if SPORT_WORDS[i].bytes().zip(w.bytes()).all(|(a, b)| a == b.to_ascii_lowercase()) {
                found = Some(i);
                break;
            }
        }
        if let Some(i) = found {
            seen[i] = true;
            uses += 1;
        }
    }
    uses >= 6 && seen.iter().filter(|&&b| b).count() >= 4
}

/// In a sports story, only an event with a state organ or an IGO on one side is an act of states.
pub(crate) fn keep_in_sports_story(ev: &Ev) -> bool {
    explicitly_political(&ev.source) || explicitly_political(&ev.target)
}

/// Should `ev` be kept, whatever its sentence?
pub(crate) fn keep(ev: &Ev) -> bool {
    // A bare region is mostly a place or a co-mention ("from Malaysia to Africa"); with an agent
    // it acts ("Tony Blair is urging European leaders", "Latin American governments").
    if (is_region(primary(&ev.source)) && ev.source.len() == 3) || (is_region(primary(&ev.target)) && ev.target.len() == 3) {
        return false;
    }
    // A bare statement says nothing an analyst counts (CAMEO codes 010 only when nothing
    // more specific fits, and here it was mostly "X said ..." about some Y).
    if ev.code == "010" {
        return false;
    }
    // Force against one's own country ("Syrian warplanes dropped chemical weapons on ...") is
    // an event; cooperation with it is not.
    // The mirror ("US" hosting its own Secretary of State: a paired 043) is no event either.
    let bare_own_country = (ev.target.len() == 3 && ev.source.len() > 3 && primary(&ev.source) == ev.target)
        || (ev.source.len() == 3 && ev.target.len() > 3 && primary(&ev.target) == ev.source);
    !bare_own_country || ev.code.as_str() >= "15"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str, t: &str) -> Ev {
        Ev { source: s.into(), target: t.into(), code: "040".into(), source_toks: (0, 1), target_toks: None, verb_toks: (1, 2), verb_index: 0 }
    }

    #[test]
    fn regions_and_own_country_targets_are_dropped() {
        assert!(keep(&ev("RUS", "IRN")));
        assert!(keep(&ev("GBRCOP", "GBRCVL")), "domestic events between two agents stay");
        assert!(keep(&ev("IGOEEC", "GBR")));
        assert!(!keep(&ev("IRL", "EUR")));
        assert!(!keep(&ev("WST", "RUS")));
        assert!(!keep(&ev("GBRGOV", "GBR")));
        assert!(!keep(&ev("RUSBUS", "RUS")));
    }

    #[test]
    fn sports_stories_are_told_from_politics_that_uses_a_sport_word() {
        let match_report = "Ireland beat Wales 19-13 in the Six Nations match at Lansdowne Road. The visitors' coach said \
            his squad had lost the game in the final quarter, and the skipper blamed the referee for the penalty.";
        assert!(sports_story(match_report));
        let summit = "The ministers reached a final agreement on the league of nations' budget after a long game of \
            brinkmanship; the team of negotiators met again on Monday.";
        assert!(!sports_story(summit), "a few sport words in politics are not a sports story");
        assert!(keep_in_sports_story(&ev("GBRGOV", "IRL")), "a government is no team");
        assert!(keep_in_sports_story(&ev("IRL", "IGOEEC")));
        assert!(!keep_in_sports_story(&ev("IRL", "GBR")), "two bare countries in a sports story are teams");
    }
}
