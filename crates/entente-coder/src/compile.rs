//! Dictionaries into matching structures: tries of interned words, verb forms, sorted patterns.

use crate::lexicon::{compile_phrase, Lexicon, PWord, PhraseTrie, WordId};
use crate::syntax::Fw;
use entente_dict::{Actor, CodeSpec, Dictionaries, Element, Origin, Phrase};
use std::collections::BTreeMap;

/// A compiled pattern element.
#[derive(Debug, Clone)]
pub(crate) enum Elem {
    Word(PWord),
    Synset(u32),
    Source,
    Target,
    Compound,
    /// `^`: skips one noun phrase (an actor group, or a run of plain words).
    Skip,
    Prep(WordId, Vec<Elem>),
    Group(Vec<Elem>),
}

/// A compiled verb pattern: the elements before the verb and after it.
#[derive(Debug, Clone)]
pub(crate) struct CPattern {
    pub before: Vec<Elem>,
    pub after: Vec<Elem>,
    pub code: CodeSpec,
    pub origin: Origin,
    /// The pattern as written, for `explain`.
    pub text: String,
    /// Concrete elements: more specific patterns are tried first.
    pub specificity: u32,
    /// Literal words the pattern cannot match without: a cheap filter before matching.
    pub required: Vec<PWord>,
}

fn required_words(els: &[Elem], out: &mut Vec<PWord>) {
    for e in els {
        match e {
            Elem::Word(w) => out.push(*w),
            Elem::Prep(p, obj) => {
                out.push(PWord { id: *p, stem: false });
                required_words(obj, out);
            }
            Elem::Group(g) => required_words(g, out),
            Elem::Synset(_) | Elem::Source | Elem::Target | Elem::Compound | Elem::Skip => {}
        }
    }
}

/// A compiled verb block.
#[derive(Debug, Clone)]
pub(crate) struct CBlock {
    pub name: String,
    pub code: CodeSpec,
    pub patterns: Vec<CPattern>,
}

/// One verb of a block.
#[derive(Debug, Clone)]
pub(crate) struct CVerb {
    pub block: u32,
    /// The head word's base form ("SEND"): tells a bare verb from its -s, -ed, -ing forms.
    pub base: WordId,
    pub code: Option<CodeSpec>,
    pub words: String,
    pub origin: Origin,
}

/// A compiled agent.
#[derive(Debug, Clone)]
pub(crate) struct CAgent {
    pub code: String,
    pub suffix: bool,
    pub origin: Origin,
}

/// Everything the coder needs, compiled once.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub lex: Lexicon,
    pub actor_trie: PhraseTrie,
    pub actors: Vec<Actor>,
    pub agent_trie: PhraseTrie,
    pub agents: Vec<CAgent>,
    pub verb_trie: PhraseTrie,
    pub verbs: Vec<CVerb>,
    pub blocks: Vec<CBlock>,
    /// Each synonym set's phrases as a trie.
    pub synsets: Vec<PhraseTrie>,
    pub discard_trie: PhraseTrie,
    pub discards: Vec<(bool, Origin, String)>,
    pub fw: Fw,
    /// Patterns skipped at build time (unknown synset, no verb), for diagnostics.
    pub warnings: Vec<String>,
}

fn synset_key(map: &BTreeMap<String, Vec<Phrase>>, name: &str) -> Option<String> {
    let bare = name.trim_start_matches('&');
    [format!("&{bare}"), bare.to_string(), format!("&{}", bare.trim_end_matches('_')), format!("&{bare}_")]
        .into_iter()
        .find(|k| map.contains_key(k))
}

/// Phrases of a synset with nested `&SET` entries spliced in and PETRARCH-2 brackets dropped.
fn expand_synset(
    lex: &mut Lexicon,
    map: &BTreeMap<String, Vec<Phrase>>,
    key: &str,
    depth: u32,
    out: &mut Vec<Vec<PWord>>,
) {
    let Some(phrases) = map.get(key) else { return };
    for p in phrases {
        if p.words.len() == 1 && p.words[0].starts_with('&') {
            if depth < 4 {
                if let Some(k) = synset_key(map, &p.words[0]) {
                    expand_synset(lex, map, &k, depth + 1, out);
                }
            }
            continue;
        }
        let words: Vec<String> = p
            .words
            .iter()
            .map(|w| w.trim_matches(|c| c == '(' || c == ')' || c == '{' || c == '}').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() || words.iter().any(|w| w.starts_with('&')) {
            continue;
        }
        out.push(compile_phrase(lex, &words, p.stem));
    }
}

struct PatternCompiler<'a> {
    dicts: &'a Dictionaries,
    synset_ids: BTreeMap<String, u32>,
    synsets: Vec<PhraseTrie>,
}

impl PatternCompiler<'_> {
    fn synset(&mut self, lex: &mut Lexicon, name: &str) -> Option<u32> {
        let key = synset_key(&self.dicts.synsets, name)?;
        if let Some(&id) = self.synset_ids.get(&key) {
            return Some(id);
        }
        let mut phrases = Vec::new();
        expand_synset(lex, &self.dicts.synsets, &key, 0, &mut phrases);
        let mut trie = PhraseTrie::new();
        for p in &phrases {
            trie.insert(p, 0);
        }
        let id = self.synsets.len() as u32;
        self.synsets.push(trie);
        self.synset_ids.insert(key, id);
        Some(id)
    }

    /// Compiles elements; `None` when one cannot match (an unknown synset).
    fn elems(&mut self, lex: &mut Lexicon, els: &[Element], spec: &mut u32) -> Option<Vec<Elem>> {
        let mut out = Vec::with_capacity(els.len());
        for e in els {
            let c = match e {
                Element::Verb => continue,
                Element::Skip => Elem::Skip,
                Element::Word { text, stem } => {
                    *spec += 1;
                    // Multi-word literals joined with `_` in the files become several words.
                    let parts: Vec<String> = text.split('_').filter(|w| !w.is_empty()).map(str::to_string).collect();
                    if parts.len() > 1 {
                        let ws = compile_phrase(lex, &parts, *stem);
                        out.extend(ws.into_iter().map(Elem::Word));
                        continue;
                    }
                    let w = text.trim_end_matches('_');
                    if w.is_empty() {
                        continue;
                    }
                    // As in phrases, a stem under four letters matches exactly ("AT" is no
                    // prefix of "ATTACK").
                    let stem = *stem && w.chars().count() >= 4;
                    let id = if stem { lex.intern_stem(w) } else { lex.intern(w) };
                    Elem::Word(PWord { id, stem })
                }
                Element::Synset(name) => {
                    *spec += 1;
                    Elem::Synset(self.synset(lex, name)?)
                }
                // An actor slot is a condition too: it makes a pattern more specific.
                Element::Source => {
                    *spec += 1;
                    Elem::Source
                }
                Element::Target => {
                    *spec += 1;
                    Elem::Target
                }
                Element::Compound => {
                    *spec += 1;
                    Elem::Compound
                }
                Element::Prep { prep, object } => {
                    *spec += 1;
                    let obj = self.elems(lex, object, spec)?;
                    Elem::Prep(lex.intern(prep), obj)
                }
                Element::Group(g) => {
                    let inner = self.elems(lex, g, spec)?;
                    if inner.is_empty() {
                        continue;
                    }
                    Elem::Group(inner)
                }
            };
            out.push(c);
        }
        Some(out)
    }
}

fn pattern_text(els: &[Element]) -> String {
    fn one(e: &Element, out: &mut Vec<String>) {
        match e {
            Element::Verb => out.push("*".into()),
            Element::Word { text, stem } => out.push(if *stem { text.clone() } else { format!("{text}_") }),
            Element::Synset(s) => out.push(if s.starts_with('&') { s.clone() } else { format!("&{s}") }),
            Element::Source => out.push("$".into()),
            Element::Target => out.push("+".into()),
            Element::Skip => out.push("^".into()),
            Element::Compound => out.push("%".into()),
            Element::Prep { prep, object } => {
                let mut inner = vec![prep.clone()];
                object.iter().for_each(|o| one(o, &mut inner));
                out.push(format!("({})", inner.join(" ")));
            }
            Element::Group(g) => {
                let mut inner = Vec::new();
                g.iter().for_each(|o| one(o, &mut inner));
                out.push(format!("{{{}}}", inner.join(" ")));
            }
        }
    }
    let mut out = Vec::new();
    els.iter().for_each(|e| one(e, &mut out));
    if !els.contains(&Element::Verb) {
        out.insert(0, "*".into());
    }
    out.join(" ")
}

impl Compiled {
    pub fn new(d: &Dictionaries) -> Compiled {
        let mut lex = Lexicon::default();
        let fw = Fw::new(&mut lex);
        let mut warnings = Vec::new();

        let mut actor_trie = PhraseTrie::new();
        for (i, a) in d.actors.iter().enumerate() {
            for p in &a.phrases {
                let ws = compile_phrase(&mut lex, &p.words, p.stem);
                actor_trie.insert(&ws, i as u32);
            }
        }

        let mut agent_trie = PhraseTrie::new();
        let mut agents = Vec::with_capacity(d.agents.len());
        for (i, a) in d.agents.iter().enumerate() {
            for p in &a.phrases {
                let ws = compile_phrase(&mut lex, &p.words, p.stem);
                agent_trie.insert(&ws, i as u32);
            }
            agents.push(CAgent { code: a.code.trim_matches('~').to_string(), suffix: a.suffix, origin: a.origin.clone() });
        }

        let mut pc = PatternCompiler {
            dicts: d,
            synset_ids: BTreeMap::new(),
            synsets: Vec::new(),
        };
        let mut verb_trie = PhraseTrie::new();
        let mut verbs = Vec::new();
        let mut blocks = Vec::with_capacity(d.verbs.len());
        for (bi, b) in d.verbs.iter().enumerate() {
            let mut patterns = Vec::with_capacity(b.patterns.len());
            for p in &b.patterns {
                let vpos = p.elements.iter().position(|e| *e == Element::Verb).unwrap_or(0);
                let (pre, post) = if p.elements.contains(&Element::Verb) {
                    (&p.elements[..vpos], &p.elements[vpos + 1..])
                } else {
                    (&p.elements[..0], &p.elements[..])
                };
                let mut spec = 0;
                let before = pc.elems(&mut lex, pre, &mut spec);
                let after = pc.elems(&mut lex, post, &mut spec);
                match (before, after) {
                    (Some(before), Some(after)) => patterns.push(CPattern {
                        required: {
                            let mut r = Vec::new();
                            required_words(&before, &mut r);
                            required_words(&after, &mut r);
                            r.sort_by_key(|w| (w.id, w.stem));
                            r.dedup();
                            r
                        },
                        before,
                        after,
                        code: p.code.clone(),
                        origin: p.origin.clone(),
                        text: pattern_text(&p.elements),
                        specificity: spec,
                    }),
                    _ => warnings.push(format!(
                        "{}:{}: pattern uses an unknown synonym set; skipped",
                        p.origin.file, p.origin.line
                    )),
                }
            }
            // Most specific first; ties keep file order (the sort is stable).
            patterns.sort_by_key(|p| std::cmp::Reverse(p.specificity));
            blocks.push(CBlock { name: b.name.clone(), code: b.code.clone(), patterns });
            for v in &b.verbs {
                if v.words.is_empty() {
                    continue;
                }
                let vi = verbs.len() as u32;
                let head = v.head.min(v.words.len() - 1);
                let base = lex.intern(v.words[head].split('_').next().unwrap_or(""));
                verbs.push(CVerb {
                    block: bi as u32,
                    base,
                    code: v.code.clone(),
                    words: v.words.join(" "),
                    origin: v.origin.clone(),
                });
                let mut forms: Vec<&str> = v.forms.iter().map(String::as_str).collect();
                if forms.is_empty() {
                    forms.push(&v.words[head]);
                }
                for f in forms {
                    let mut ws = v.words.clone();
                    ws[head] = f.to_string();
                    let ws: Vec<String> = ws.iter().flat_map(|w| w.split('_')).filter(|w| !w.is_empty()).map(str::to_string).collect();
                    let ph = compile_phrase(&mut lex, &ws, false);
                    verb_trie.insert(&ph, vi);
                }
            }
        }

        let mut discard_trie = PhraseTrie::new();
        let mut discards = Vec::new();
        for (i, ds) in d.discards.iter().enumerate() {
            let ws = compile_phrase(&mut lex, &ds.phrase.words, ds.phrase.stem);
            discard_trie.insert(&ws, i as u32);
            discards.push((ds.story, ds.origin.clone(), ds.phrase.words.join(" ")));
        }

        Compiled {
            lex,
            actor_trie,
            actors: d.actors.clone(),
            agent_trie,
            agents,
            verb_trie,
            verbs,
            blocks,
            synsets: pc.synsets,
            discard_trie,
            discards,
            fw,
            warnings,
        }
    }
}
