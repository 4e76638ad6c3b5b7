//! The syntactic word lists: every function word, auxiliary, modal and word ending that the
//! coder's shallow rules look at, in one table.
//!
//! These are not dictionary entries: they stand in for the part-of-speech tags and clause
//! structure a parser would give. Lists of words are interned into [`Fw`] when the dictionaries
//! are compiled (`compile.rs`) and compared by id; the few lists at the end are compared as
//! upper-case text by the sentence analysis (`analyze/`). Tokens are upper-cased before
//! either comparison, and contractions are split ("N'T", "'S", "'LL").

use crate::lexicon::{Lexicon, WordId};

// --- Lists interned as word ids (fields of `Fw`) ------------------------------------------------

/// Determiners and quantifiers: a noun-or-verb word after one is a noun ("the attack", "two
/// shells"); they do not count as lower-case modifiers inside a compound.
const DETERMINERS: &[&str] = &[
    "THE", "A", "AN", "ITS", "THEIR", "HIS", "HER", "OUR", "MY", "YOUR", "THIS", "THESE", "THOSE", "'S", "'", "ANY", "EACH", "EVERY", "NO",
    "SOME", "ANOTHER", "SUCH", "FIRST", "NEW", "LAST", "OF", "FOR", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
    "SEVERAL", "MANY", "FEW", "BOTH", "MORE", "MOST", "OTHER",
];
/// Words joining the members of a compound actor ("Russia and Iran", "Russia or Iran").
const AND: &[&str] = &["AND", "OR", "NOR", "&"];
/// The comma: separates compound members, ends a conditional's reach, marks attributions.
const COMMA: &str = ",";
/// "the": skipped before a compound member, a "by" agent, an envoy's post.
const THE: &str = "THE";
/// Prepositions after an agent that give it a country ("soldiers in Mali", "the government of
/// Sylvania").
const OF_IN_FROM: &[&str] = &["OF", "IN", "FROM"];
/// "by": introduces the agent of a passive verb ("was attacked by Russia").
const BY: &str = "BY";
/// "to": marks an infinitive ("promised to send") and an envoy's post ("ambassador to Iran").
const TO: &str = "TO";
/// "that": a pattern opening with `(THAT +)` reaches into the clause it introduces.
const THAT: &str = "THAT";
/// Negators between the subject and the verb: the verb codes nothing.
const NEGATORS: &[&str] = &["NOT", "N'T", "NEVER", "NEITHER"];
/// Modals between the subject and the verb: the act is hypothetical and codes nothing.
const MODALS: &[&str] = &["COULD", "WOULD", "MAY", "MIGHT", "SHOULD"];
/// Conditionals opening the verb's stretch of the sentence ("If Russia attacks").
const CONDITIONALS: &[&str] = &["IF", "UNLESS", "WHETHER"];
/// Forms of "be" (and "get"): passive voice ("was attacked", "got arrested").
const BE: &[&str] = &["IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "GET", "GOT", "GETS"];
/// Verbs of denial and refusal: the verb they govern was not done ("denied sending").
const DENIALS: &[&str] = &[
    "DENY",
    "DENIES",
    "DENIED",
    "DENYING",
    "REFUSE",
    "REFUSES",
    "REFUSED",
    "REFUSING",
    "DECLINE",
    "DECLINES",
    "DECLINED",
    "DECLINING",
    "REJECT",
    "REJECTS",
    "REJECTED",
    "REJECTING",
    "DISMISS",
    "DISMISSES",
    "DISMISSED",
    "DISMISSING",
];
/// Words before "to VERB" that say the act did not (yet) happen: "failed to", "has yet to".
const NON_FACTUAL: &[&str] = &["FAIL", "FAILS", "FAILED", "FAILING", "UNLIKELY", "YET", "EXPECTED"];
/// Words that report an act as a belief, suspicion, hope or expectation, not as a fact ("the
/// MP believes the security services were involved in the attacks", "are believed to have
/// agreed", "allegedly"): an act after one of them in its sentence is not coded (CODING.md).
const BELIEFS: &[&str] = &[
    "BELIEVE", "BELIEVES", "BELIEVED", "SUSPECT", "SUSPECTS", "SUSPECTED", "ALLEGEDLY", "PURPORTEDLY", "SUPPOSEDLY",
    "RUMOURED", "RUMORED", "HOPES", "HOPED", "EXPECTS", "EXPECT", "SPECULATION", "SPECULATED",
];
/// Punctuation that ends a clause (with ";", which is compared as text).
const CLAUSE_ENDS: &[&str] = &[";", ":", "--", "\u{2014}", "(", ")", "\"", "\u{201c}", "\u{201d}"];
/// Possessive markers joining an actor to what follows ("Iran 's defence minister").
const POSSESSIVES: &[&str] = &["'S", "'"];
/// Coordinators of clauses and verbs ("attacked Iran and bombed Turkey").
const COORDINATORS: &[&str] = &["AND", "BUT", "THEN", "ALSO", "YET"];
/// Words after which a bare verb ("will attack", "they attack") is a verb.
const BASE_CUES: &[&str] = &[
    "TO", "WILL", "WOULD", "CAN", "CA", "COULD", "MAY", "MIGHT", "SHOULD", "MUST", "DO", "DOES", "DID", "SHALL", "WO", "LET", "THEY", "WE",
    "I", "YOU", "NOT", "N'T", "AND", "OR", "TO", "ALSO", "HAS", "HAVE", "HAD", "IS", "ARE", "WAS", "WERE", "BE", "BEEN",
];
/// Auxiliaries and verb-chain words between a subject and its verb ("is about to").
const AUX: &[&str] = &[
    "IS", "ARE", "WAS", "WERE", "BE", "BEEN", "BEING", "AM", "HAS", "HAVE", "HAD", "HAVING", "WILL", "WOULD", "SHALL", "SHOULD", "CAN",
    "CA", "COULD", "MAY", "MIGHT", "MUST", "DO", "DOES", "DID", "WO", "'S", "'LL", "'D", "'VE", "'RE", "TO", "ABOUT", "LIKELY", "UNLIKELY",
    "ABLE", "READY", "GOING", "DUE", "YET",
];
/// Time words that may stand between a subject and its verb ("Iran on Monday said").
const TIME_WORDS: &[&str] = &[
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
    "TODAY",
    "YESTERDAY",
    "TONIGHT",
    "WEEKEND",
    "NIGHT",
    "MORNING",
    "EVENING",
    "AFTERNOON",
    "EARLIER",
    "LATER",
    "WEEK",
    "MONTH",
    "YEAR",
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
    "JAN.",
    "FEB.",
    "AUG.",
    "SEPT.",
    "OCT.",
    "NOV.",
    "DEC.",
    "ALSO",
    "JOINTLY",
    "FORMALLY",
    "OFFICIALLY",
    "DAYS",
    "WEEKS",
    "MONTHS",
    "YEARS",
    "HOURS",
];
/// Prepositions: a bare form after one is a noun ("for reform").
const PREPOSITIONS: &[&str] =
    &["IN", "ON", "AT", "FOR", "WITH", "OF", "FROM", "INTO", "OVER", "UNDER", "ABOUT", "AGAINST", "BETWEEN", "BY", "VIA"];
/// Words after which an -s form ("it attacks") is a verb.
const S_CUES: &[&str] = &["HE", "SHE", "IT", "WHO", "WHICH", "THAT", "AND", "OR", "ALSO"];
/// Words after which an -ing form ("by attacking", "is attacking", "began attacking") is a verb.
const ING_CUES: &[&str] = &[
    "IS",
    "ARE",
    "WAS",
    "WERE",
    "BE",
    "BEEN",
    "AM",
    "'S",
    "'RE",
    "BY",
    "AFTER",
    "BEFORE",
    "WHILE",
    "WITHOUT",
    "OF",
    "SINCE",
    "FROM",
    "UPON",
    "ON",
    "FOR",
    "AND",
    "OR",
    "NOT",
    "N'T",
    "BEGIN",
    "BEGINS",
    "BEGAN",
    "BEGUN",
    "START",
    "STARTS",
    "STARTED",
    "CONTINUE",
    "CONTINUES",
    "CONTINUED",
    "RESUME",
    "RESUMES",
    "RESUMED",
];
/// Subordinating conjunctions: a subordinate clause has its own subject, and ends the stretch
/// of the verb before it.
const SUBORDINATORS: &[&str] =
    &["AFTER", "BEFORE", "WHEN", "WHILE", "BECAUSE", "SINCE", "UNTIL", "ALTHOUGH", "THOUGH", "WHEREAS", "WHERE", "AS"];
/// "in"/"at" before a place.
const IN_AT: &[&str] = &["IN", "AT"];
/// Words that may stand between "in" and a place's name ("in central Mali", "in the Gulf of
/// Oman", "in the capital of Iran").
const PLACE_WORDS: &[&str] = &[
    "THE",
    "OF",
    "CENTRAL",
    "NORTHERN",
    "SOUTHERN",
    "EASTERN",
    "WESTERN",
    "NORTH",
    "SOUTH",
    "EAST",
    "WEST",
    "NORTHEASTERN",
    "NORTHWESTERN",
    "SOUTHEASTERN",
    "SOUTHWESTERN",
    "OCCUPIED",
    "RURAL",
    "GULF",
    "SEA",
    "STRAIT",
    "BAY",
    "COAST",
    "PORT",
    "CITY",
    "REGION",
    "PROVINCE",
    "CAPITAL",
];

// --- Lists compared as upper-case text by the sentence analysis --------------------------------

/// Adverbs skipped inside a verb chain ("has also attacked", "is now sending"), besides words
/// of five letters or more ending in -LY.
pub(crate) const ADVERBS: &[&str] = &["ALSO", "NOW", "ALREADY", "STILL", "AGAIN", "JUST", "EVEN", "EVER", "SOON", "REPORTEDLY", "THEN"];
/// Endings (with "U.S.") of a nationality adjective before an agent noun: "Indian and Pakistani
/// officials", "French and Dutch troops" all take the agent.
pub(crate) const NATIONALITY_ENDINGS: &[&str] = &["AN", "ESE", "ISH", "I", "CH"];
/// Nouns for people that a nationality adjective before them makes civilians of that country
/// when a state organ of the same country acts on them ("UK police released the British
/// detainees").
pub(crate) const PEOPLE_NOUNS: &[&str] = &[
    "DETAINEES", "DETAINEE", "PRISONERS", "PRISONER", "CITIZENS", "CITIZEN", "NATIONALS", "NATIONAL", "CIVILIANS", "PEOPLE",
    "MEN", "WOMEN", "CHILDREN", "STUDENTS", "PROTESTERS", "PROTESTORS", "DEMONSTRATORS", "HOSTAGES", "SUSPECTS", "TOURISTS",
    "RESIDENTS", "VILLAGERS", "FAMILIES", "PASSENGERS", "PILGRIMS", "MUSLIMS", "CHRISTIANS", "VOTERS", "TAXPAYERS",
];
/// Endings of a nationality adjective that, after a determiner, qualifies the noun-or-verb word
/// that follows ("the Venezuelan talks": a noun).
pub(crate) const NATIONALITY_ADJECTIVE_ENDINGS: &[&str] = &["AN", "ESE", "ISH", "I", "IC"];
/// Endings of an adjective (words of five letters or more): a bare verb form after one is a
/// noun ("agricultural reform").
pub(crate) const ADJECTIVE_ENDINGS: &[&str] = &["AL", "IC", "ARY", "IVE", "OUS", "ING", "FUL", "ESE", "IAN", "ERN", "ANT", "ENT"];
/// Envoys: the country after "to" is their post, part of their group ("Russia's ambassador to
/// Iran").
pub(crate) const ENVOYS: &[&str] = &["AMBASSADOR", "AMBASSADORS", "ENVOY", "ENVOYS", "EMISSARY"];
/// Finite auxiliaries and forms of "be"/"have": after a participle that follows a noun, one of
/// these is the clause's own verb, so the participle was a reduced relative ("the Britons freed
/// from custody are expected").
pub(crate) const FINITE: &[&str] =
    &["IS", "ARE", "WAS", "WERE", "HAS", "HAVE", "HAD", "WILL", "WOULD", "CAN", "COULD", "MAY", "MIGHT", "MUST", "SHOULD", "SAID", "SAY", "SAYS"];
/// Irregular participles that are also past tenses, treated like -ed forms in a reduced
/// relative ("a letter sent to him", "talks held in Cairo").
pub(crate) const IRREGULAR_PARTICIPLES: &[&str] =
    &["SENT", "HELD", "TAKEN", "GIVEN", "MADE", "SOLD", "BOUGHT", "BROUGHT", "KEPT", "SHOT", "SEEN", "CAUGHT", "SIGNED", "LED", "PAID", "WRITTEN"];
/// Relative pronouns (and the comma) that start a new clause after a verb: a noun-or-verb word
/// after them can be a verb again.
pub(crate) const RELATIVES: &[&str] = &["WHO", "WHICH", "THAT", ","];

/// Ids of the function words the coder's rules look at (the lists above, interned).
#[derive(Debug, Clone, Default)]
pub(crate) struct Fw {
    pub determiners: Vec<WordId>,
    pub and: Vec<WordId>,
    pub comma: WordId,
    pub the: WordId,
    pub of_in_from: Vec<WordId>,
    pub by: WordId,
    pub to: WordId,
    /// "that": a pattern opening with `(THAT +)` reaches into the clause it introduces.
    pub that: WordId,
    pub negators: Vec<WordId>,
    pub modals: Vec<WordId>,
    pub conditionals: Vec<WordId>,
    pub be: Vec<WordId>,
    pub denials: Vec<WordId>,
    /// Words before "to VERB" that say the act did not (yet) happen: "failed to", "has yet to".
    pub non_factual: Vec<WordId>,
    /// Words that make what follows a belief or expectation ([`BELIEFS`]).
    pub beliefs: Vec<WordId>,
    pub clause_ends: Vec<WordId>,
    pub possessives: Vec<WordId>,
    pub coordinators: Vec<WordId>,
    pub subordinators: Vec<WordId>,
    /// Words after which a bare verb ("will attack", "they attack") is a verb.
    pub base_cues: Vec<WordId>,
    /// Auxiliaries and verb-chain words between a subject and its verb ("is about to").
    pub aux: Vec<WordId>,
    /// Time words that may stand between a subject and its verb ("Iran on Monday said").
    pub time_words: Vec<WordId>,
    /// Prepositions: a bare form after one is a noun ("for reform").
    pub prepositions: Vec<WordId>,
    /// Words after which an -s form ("it attacks") is a verb.
    pub s_cues: Vec<WordId>,
    /// Words after which an -ing form ("by attacking", "is attacking") is a verb.
    pub ing_cues: Vec<WordId>,
    /// "in"/"at" before a place.
    pub in_at: Vec<WordId>,
    /// Words that may stand between "in" and a place's name ("in central Mali", "in the Gulf
    /// of Oman", "in the capital of Iran").
    pub place_words: Vec<WordId>,
}

fn ids(lex: &mut Lexicon, words: &[&str]) -> Vec<WordId> {
    words.iter().map(|w| lex.intern(w)).collect()
}

impl Fw {
    /// Interns the lists, in a fixed order (the first words of a fresh lexicon).
    pub(crate) fn new(lex: &mut Lexicon) -> Fw {
        Fw {
            determiners: ids(lex, DETERMINERS),
            and: ids(lex, AND),
            comma: lex.intern(COMMA),
            the: lex.intern(THE),
            of_in_from: ids(lex, OF_IN_FROM),
            by: lex.intern(BY),
            to: lex.intern(TO),
            that: lex.intern(THAT),
            negators: ids(lex, NEGATORS),
            modals: ids(lex, MODALS),
            conditionals: ids(lex, CONDITIONALS),
            be: ids(lex, BE),
            denials: ids(lex, DENIALS),
            non_factual: ids(lex, NON_FACTUAL),
            beliefs: ids(lex, BELIEFS),
            clause_ends: ids(lex, CLAUSE_ENDS),
            possessives: ids(lex, POSSESSIVES),
            coordinators: ids(lex, COORDINATORS),
            base_cues: ids(lex, BASE_CUES),
            aux: ids(lex, AUX),
            time_words: ids(lex, TIME_WORDS),
            prepositions: ids(lex, PREPOSITIONS),
            s_cues: ids(lex, S_CUES),
            ing_cues: ids(lex, ING_CUES),
            subordinators: ids(lex, SUBORDINATORS),
            in_at: ids(lex, IN_AT),
            place_words: ids(lex, PLACE_WORDS),
        }
    }
}
