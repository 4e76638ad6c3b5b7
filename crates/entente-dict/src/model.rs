//! The in-memory dictionaries: one immutable [`Dictionaries`] value that the coder reads.
//!
//! Everything here is plain data. The readers (PETRARCH-1/TABARI and PETRARCH-2 formats) and the
//! built-in dictionaries produce it; the coder compiles it into its own matching structures.
//! Words are stored upper-case, as in the PETRARCH files; multi-word phrases are split into words
//! (PETRARCH joins them with `_`).

use entente_core::Date;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Where an entry was defined: shown by `entente explain` and in error messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Origin {
    /// File name (or `builtin:NAME` for the built-in dictionaries).
    pub file: Arc<str>,
    /// 1-based line number.
    pub line: u32,
}

/// A phrase of one or more upper-case words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// The words, upper-case, e.g. `["WHITE", "HOUSE"]`.
    pub words: Vec<String>,
    /// TABARI/PETRARCH stem matching: when true the last word matches any word that starts
    /// with it (`AFGHAN` matches `AFGHANS`); a trailing `_` in the files makes it exact (false).
    pub stem: bool,
}

/// A dated role of an actor: `[IRNGOV 20130803-20210803]`, `[RUSGOV >20000507]`, `[USA]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Role {
    /// The actor code in force, e.g. `IRNGOV`.
    pub code: String,
    /// First day the role applies (inclusive); `None` means since always.
    pub from: Option<Date>,
    /// Last day the role applies (inclusive); `None` means until now.
    pub to: Option<Date>,
}

impl Role {
    /// Does this role apply on `date`? An undated role always applies.
    pub fn covers(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }

    /// Has the role any date restriction?
    pub fn is_dated(&self) -> bool {
        self.from.is_some() || self.to.is_some()
    }
}

/// An actor: the names it goes by and the codes it has had.
#[derive(Debug, Clone, PartialEq)]
pub struct Actor {
    /// The main name first, then the synonyms (`+` lines).
    pub phrases: Vec<Phrase>,
    /// Its roles; the coder picks a dated role covering the document's date, else an undated one.
    pub roles: Vec<Role>,
    /// Where it was defined.
    pub origin: Origin,
}

impl Actor {
    /// The code this actor has on `date`: a dated role that covers it wins over an undated one.
    pub fn code_on(&self, date: Date) -> Option<&str> {
        self.roles
            .iter()
            .find(|r| r.is_dated() && r.covers(date))
            .or_else(|| self.roles.iter().find(|r| !r.is_dated()))
            .map(|r| r.code.as_str())
    }
}

/// An agent: a word for a kind of actor ("soldiers", "foreign minister") and its code.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// Its names; plural forms are already generated.
    pub phrases: Vec<Phrase>,
    /// The agent code(s) it adds, e.g. `GOV`, or `BUDEDU` for two segments.
    pub code: String,
    /// PETRARCH `[~GOV]` appends the code after the actor's (true); `[GOV~]` puts it first.
    pub suffix: bool,
    /// Where it was defined.
    pub origin: Origin,
}

/// A CAMEO code in a verb block or pattern: `[042]`, a paired `[042:043]`, or the null `[---]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeSpec {
    /// The event code, e.g. `042`; `None` for `---` (matches, but codes no event).
    pub code: Option<String>,
    /// For a paired code, the code of the complementary event from target to source.
    pub paired: Option<String>,
}

/// A verb, one of the words or phrases of a verb block.
#[derive(Debug, Clone, PartialEq)]
pub struct Verb {
    /// The words of the verb's base form, e.g. `["CARRY", "OUT"]`.
    pub words: Vec<String>,
    /// Index in `words` of the word that inflects (0 for `CARRY OUT`).
    pub head: usize,
    /// Every form of the head word (base, -s, -ed, -ing and the irregular ones), upper-case.
    pub forms: Vec<String>,
    /// The verb's own code when it differs from its block's.
    pub code: Option<CodeSpec>,
    /// Where it was defined.
    pub origin: Origin,
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// `*`: the verb itself.
    Verb,
    /// A literal word (upper-case); `stem` as in [`Phrase::stem`].
    Word {
        /// The word.
        text: String,
        /// Prefix match.
        stem: bool,
    },
    /// `&NAME`: any phrase of the synonym set.
    Synset(String),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `^`: skip the next noun phrase (TABARI).
    Skip,
    /// `%`: a compound actor is both source and target (TABARI).
    Compound,
    /// PETRARCH-2 `(TO BORDER)`: a prepositional phrase, the preposition then its object.
    Prep {
        /// The preposition, e.g. `TO`.
        prep: String,
        /// Its object's elements (may hold `+`, `$`, words, synsets).
        object: Vec<Element>,
    },
    /// PETRARCH-2 `{ARMS SHIPMENT}`: a noun phrase of several words.
    Group(Vec<Element>),
}

/// A verb pattern: `- * (TO BORDER) [154] # comment`.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// The elements in order; [`Element::Verb`] marks the verb's position (absent means after
    /// the verb).
    pub elements: Vec<Element>,
    /// The code the pattern assigns.
    pub code: CodeSpec,
    /// Where it was defined.
    pub origin: Origin,
}

/// A verb block: `--- ATTACK [190] ---`, its verbs and patterns.
#[derive(Debug, Clone, PartialEq)]
pub struct VerbBlock {
    /// The block's name, e.g. `ATTACK`.
    pub name: String,
    /// The default code of every verb in the block without a matching pattern.
    pub code: CodeSpec,
    /// The verbs.
    pub verbs: Vec<Verb>,
    /// The patterns, in file order.
    pub patterns: Vec<Pattern>,
    /// Where the block header is.
    pub origin: Origin,
}

/// A PETRARCH-2 transformation: `~ a (a b ATTACK) SAY = a b 015`, kept for the coder's
/// attribution rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The left side's tokens, e.g. `["a", "(", "a", "b", "ATTACK", ")", "SAY"]`.
    pub lhs: Vec<String>,
    /// The source variable of the result, e.g. `a`.
    pub source: String,
    /// The target variable of the result, e.g. `b`.
    pub target: String,
    /// The resulting code: a CAMEO code or a verb-block name / variable such as `Q`.
    pub code: String,
    /// Where it was defined.
    pub origin: Origin,
}

/// A discard phrase: a sentence (or with `story`, a whole document) that contains it is not coded.
#[derive(Debug, Clone, PartialEq)]
pub struct Discard {
    /// The phrase.
    pub phrase: Phrase,
    /// Discard the whole story, not only the sentence.
    pub story: bool,
    /// Where it was defined.
    pub origin: Origin,
}

/// An issue phrase (`Phoenix.IssueCoding.txt`): text that marks a document as about an issue.
#[derive(Debug, Clone, PartialEq)]
pub struct Issue {
    /// The category, e.g. `EDUCATION`.
    pub category: String,
    /// The phrase's words, lower-case as in the file, with PETRARCH's `n:`/`+` marks removed.
    pub phrase: Phrase,
    /// The issue code, e.g. `EARLY_CHILDHOOD_EDUCATION`; empty for a negative (`~`) phrase.
    pub code: String,
    /// A `~` phrase: text that looks like the issue but is not.
    pub negative: bool,
    /// Where it was defined.
    pub origin: Origin,
}

/// A problem that did not stop the reading: stray bytes, an entry skipped as broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// File name.
    pub file: Arc<str>,
    /// 1-based line.
    pub line: u32,
    /// The entry (or bytes) concerned.
    pub entry: String,
    /// What was wrong.
    pub message: String,
    /// True when the entry was skipped; false for a warning (the entry was read).
    pub skipped: bool,
}

impl std::fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.skipped { "skipped" } else { "warning" };
        write!(f, "{}:{}: {kind}: {}: {:?}", self.file, self.line, self.message, self.entry)
    }
}

/// All the dictionaries the coder uses.
#[derive(Debug, Clone, Default)]
pub struct Dictionaries {
    /// Actors: countries, people, organisations, groups.
    pub actors: Vec<Actor>,
    /// Agents.
    pub agents: Vec<Agent>,
    /// Verb blocks.
    pub verbs: Vec<VerbBlock>,
    /// Synonym sets by name, with the `&`: `&CURRENCY`.
    pub synsets: BTreeMap<String, Vec<Phrase>>,
    /// PETRARCH-2 transformations.
    pub transformations: Vec<Transformation>,
    /// Discards.
    pub discards: Vec<Discard>,
    /// Issues.
    pub issues: Vec<Issue>,
    /// Warnings and skipped entries met while reading.
    pub diagnostics: Vec<Diagnostic>,
}
