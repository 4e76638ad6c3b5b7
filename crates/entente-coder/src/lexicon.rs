//! Interned words and phrase tries: the dictionaries compiled into integer lookups.
//!
//! Every word of every dictionary gets a [`WordId`] at build time; each token of a sentence is
//! looked up once, and all later matching compares integers. Stem entries (`AFGHAN` matching
//! `AFGHANS`) are found by looking up the token's prefixes of the lengths that stem words have.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// An interned upper-case word.
pub(crate) type WordId = u32;

/// The id of a token that is in no dictionary.
pub(crate) const NO_WORD: WordId = u32::MAX;

/// FxHash (rustc's hasher): fast for short keys; no HashDoS concern for dictionary words.
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            h = (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        for &b in chunks.remainder() {
            h = (h.rotate_left(5) ^ b as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
        self.0 = h;
    }
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, i: u32) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_usize(&mut self, i: usize) {
        self.write_u64(i as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A `HashMap` with [`FxHasher`].
pub(crate) type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// The word table.
#[derive(Debug, Default)]
pub(crate) struct Lexicon {
    ids: FxMap<Box<str>, WordId>,
    words: Vec<Box<str>>,
    /// Words that some phrase uses as a stem (prefix match), by id.
    is_stem: Vec<bool>,
    /// The stem words alone: a token's prefixes are looked up here, where most miss without
    /// comparing strings (in `ids` every short word such as "THE" would be a hit to compare).
    stems: FxMap<Box<str>, WordId>,
    /// The distinct byte lengths of stem words, ascending.
    stem_lens: Vec<usize>,
    /// `ids` and `stems` again for words of at most 15 bytes (nearly all), keyed by [`pack`]:
    /// hashed and compared inline, with no pointer to follow to the word's bytes.
    short_ids: HashMap<u128, WordId, BuildHasherDefault<EdgeHasher>>,
    short_stems: HashMap<u128, WordId, BuildHasherDefault<EdgeHasher>>,
    /// The first four bytes of every stem word, hashed into 2^16 bits ([`head_key`]): a token
    /// whose key is not in starts with no stem, and most are rejected without a lookup.
    stem_heads: Vec<u64>,
}

/// A word of at most 15 bytes with its length, in one integer.
#[inline]
pub(crate) fn pack(w: &[u8]) -> Option<u128> {
    if w.len() > 15 {
        return None;
    }
    let mut b = [0u8; 16];
    b[..w.len()].copy_from_slice(w);
    b[15] = w.len() as u8;
    Some(u128::from_le_bytes(b))
}

/// A hash, 0-65535, of the first four bytes of `w` (at least four long).
#[inline]
fn head_key(w: &[u8]) -> usize {
    (u32::from_le_bytes([w[0], w[1], w[2], w[3]]).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

impl Lexicon {
    /// The id of `word`, adding it if new.
    pub fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.words.len() as WordId;
        self.words.push(word.into());
        self.ids.insert(word.into(), id);
        if let Some(k) = pack(word.as_bytes()) {
            self.short_ids.insert(k, id);
        }
        self.is_stem.push(false);
        id
    }

    /// Marks `word` as used for prefix matching and returns its id.
    pub fn intern_stem(&mut self, word: &str) -> WordId {
        let id = self.intern(word);
        if !self.is_stem[id as usize] {
            self.is_stem[id as usize] = true;
            self.stems.insert(word.into(), id);
            if let Some(k) = pack(word.as_bytes()) {
                self.short_stems.insert(k, id);
            }
            if self.stem_heads.is_empty() {
                self.stem_heads = vec![0; 1024];
            }
            // A stem under four bytes cannot be keyed: then every token is looked up.
            match word.as_bytes() {
                w if w.len() >= 4 => self.stem_heads[head_key(w) / 64] |= 1 << (head_key(w) % 64),
                _ => self.stem_heads.iter_mut().for_each(|b| *b = u64::MAX),
            }
            if let Err(pos) = self.stem_lens.binary_search(&word.len()) {
                self.stem_lens.insert(pos, word.len());
            }
        }
        id
    }

    /// The id of `word` if a dictionary has it.
    pub fn get(&self, word: &str) -> WordId {
        match pack(word.as_bytes()) {
            Some(k) => self.short_ids.get(&k),
            None => self.ids.get(word),
        }
        .copied()
        .unwrap_or(NO_WORD)
    }

    /// Pushes onto `out` the ids of stem words that are prefixes of `word` (including `word`).
    pub fn stems_of(&self, word: &str, out: &mut Vec<WordId>) {
        let w = word.as_bytes();
        if self.stem_heads.is_empty() || w.len() >= 4 && self.stem_heads[head_key(w) / 64] & (1 << (head_key(w) % 64)) == 0 {
            return;
        }
        for &len in &self.stem_lens {
            if len > word.len() {
                break;
            }
            if !word.is_char_boundary(len) {
                continue;
            }
            let found = match pack(&w[..len]) {
                Some(k) => self.short_stems.get(&k),
                None => self.stems.get(&word[..len]),
            };
            if let Some(&id) = found {
                out.push(id);
            }
        }
    }
}

/// One word of a compiled phrase: the id and whether it matches by prefix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct PWord {
    pub id: WordId,
    pub stem: bool,
}

/// Compiles a phrase's words; only the last word of a stem phrase matches by prefix, and only
/// when it has at least four letters.
pub(crate) fn compile_phrase(lex: &mut Lexicon, words: &[String], stem: bool) -> Vec<PWord> {
    let n = words.len();
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            // Stems under four letters ("THE KU", "UN") would swallow unrelated words.
            let st = stem && i + 1 == n && w.chars().count() >= 4;
            let id = if st { lex.intern_stem(w) } else { lex.intern(w) };
            PWord { id, stem: st }
        })
        .collect()
}

/// Hashes a packed `u64` edge key (or a packed word, two of them) with one folded multiply: both halves of the product are
/// mixed from every key bit, so the bucket (low bits) and the tag (top bits) depend on the node
/// and the word alike.
#[derive(Default, Clone, Copy)]
pub(crate) struct EdgeHasher(u64);

impl Hasher for EdgeHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(self.0.rotate_left(8) ^ b as u64);
        }
    }
    fn write_u64(&mut self, i: u64) {
        let m = (i ^ self.0) as u128 * 0x9E37_79B9_7F4A_7C15u128;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
    fn write_u128(&mut self, i: u128) {
        self.write_u64(i as u64);
        self.write_u64((i >> 64) as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A trie of phrases over word ids; each complete phrase carries a payload (an index).
#[derive(Debug, Default)]
pub(crate) struct PhraseTrie {
    /// Edges by [`edge_key`]: one integer to hash and compare instead of a tuple.
    edges: HashMap<u64, u32, BuildHasherDefault<EdgeHasher>>,
    payload: Vec<u32>,
    /// Bit per word id: does an edge leave the root with it (exact or stem)? Most tokens start
    /// no phrase of a given trie, and this rejects them without a hash lookup.
    root_words: Vec<u64>,
}

const NO_PAYLOAD: u32 = u32::MAX;

#[inline]
fn edge_key(node: u32, id: WordId, stem: bool) -> u64 {
    ((node as u64) << 33) | ((stem as u64) << 32) | id as u64
}

impl PhraseTrie {
    pub fn new() -> Self {
        PhraseTrie { edges: HashMap::default(), payload: vec![NO_PAYLOAD], root_words: Vec::new() }
    }

    /// Adds `phrase` with `value`; the first value added for a phrase is kept.
    pub fn insert(&mut self, phrase: &[PWord], value: u32) {
        if phrase.is_empty() {
            return;
        }
        let first = phrase[0].id as usize;
        if self.root_words.len() <= first / 64 {
            self.root_words.resize(first / 64 + 1, 0);
        }
        self.root_words[first / 64] |= 1 << (first % 64);
        let mut node = 0u32;
        for w in phrase {
            let next = self.payload.len() as u32;
            let child = *self.edges.entry(edge_key(node, w.id, w.stem)).or_insert(next);
            if child == next {
                self.payload.push(NO_PAYLOAD);
            }
            node = child;
        }
        if self.payload[node as usize] == NO_PAYLOAD {
            self.payload[node as usize] = value;
        }
    }

    /// The longest phrase starting at token `start`: `(end, value)`, `end` exclusive.
    #[inline]
    pub fn longest(&self, toks: &TokenIds, start: usize) -> Option<(usize, u32)> {
        // Most tokens start no phrase of this trie: rejected here, inlined, before any call.
        if start >= toks.len() {
            return None;
        }
        let id = toks.ids[start];
        let starts = id != NO_WORD && self.at_root(id) || toks.stems(start).iter().any(|&s| self.at_root(s));
        if !starts {
            return None;
        }
        let mut best = None;
        self.walk(toks, 0, start, &mut best);
        best
    }

    #[inline]
    fn at_root(&self, id: WordId) -> bool {
        let i = id as usize;
        self.root_words.get(i / 64).is_some_and(|b| b & (1 << (i % 64)) != 0)
    }

    fn walk(&self, toks: &TokenIds, node: u32, pos: usize, best: &mut Option<(usize, u32)>) {
        if pos >= toks.len() {
            return;
        }
        let step = |child: u32, best: &mut Option<(usize, u32)>| {
            let v = self.payload[child as usize];
            if v != NO_PAYLOAD && best.is_none_or(|(e, _)| pos + 1 > e) {
                *best = Some((pos + 1, v));
            }
            self.walk(toks, child, pos + 1, best);
        };
        let id = toks.ids[pos];
        if id != NO_WORD && (node != 0 || self.at_root(id)) {
            if let Some(&c) = self.edges.get(&edge_key(node, id, false)) {
                step(c, best);
            }
        }
        for &s in toks.stems(pos) {
            if node != 0 || self.at_root(s) {
                if let Some(&c) = self.edges.get(&edge_key(node, s, true)) {
                    step(c, best);
                }
            }
        }
    }
}

/// The word ids of a sentence's tokens, and for each token the stem words it starts with.
#[derive(Debug, Default)]
pub(crate) struct TokenIds {
    pub ids: Vec<WordId>,
    stem_ids: Vec<WordId>,
    stem_ranges: Vec<(u32, u32)>,
}

impl TokenIds {
    pub fn clear(&mut self) {
        self.ids.clear();
        self.stem_ids.clear();
        self.stem_ranges.clear();
    }

    /// Appends a token whose upper-case text is `word`; `wordlike` tokens get stem lookups.
    pub fn push(&mut self, lex: &Lexicon, word: &str, wordlike: bool) {
        self.ids.push(lex.get(word));
        let from = self.stem_ids.len() as u32;
        if wordlike {
            lex.stems_of(word, &mut self.stem_ids);
        }
        self.stem_ranges.push((from, self.stem_ids.len() as u32));
    }

    /// Fills `exact` and `stems` with the sorted, distinct ids present in the sentence.
    pub fn present(&self, exact: &mut Vec<WordId>, stems: &mut Vec<WordId>) {
        exact.clear();
        exact.extend(self.ids.iter().copied().filter(|&i| i != NO_WORD));
        exact.sort_unstable();
        exact.dedup();
        stems.clear();
        stems.extend_from_slice(&self.stem_ids);
        stems.sort_unstable();
        stems.dedup();
    }

    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Stem words that token `i` starts with.
    pub fn stems(&self, i: usize) -> &[WordId] {
        let (a, b) = self.stem_ranges[i];
        &self.stem_ids[a as usize..b as usize]
    }

    /// Does token `i` match `w`?
    pub fn matches(&self, i: usize, w: PWord) -> bool {
        if i >= self.ids.len() {
            return false;
        }
        if w.stem {
            self.stems(i).contains(&w.id)
        } else {
            self.ids[i] == w.id
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(lex: &Lexicon, words: &[&str]) -> TokenIds {
        let mut t = TokenIds::default();
        for w in words {
            t.push(lex, w, true);
        }
        t
    }

    #[test]
    fn longest_phrase_wins_and_stems_match_prefixes() {
        let mut lex = Lexicon::default();
        let mut trie = PhraseTrie::new();
        let p1 = compile_phrase(&mut lex, &["WHITE".into()], false);
        let p2 = compile_phrase(&mut lex, &["WHITE".into(), "HOUSE".into()], false);
        let p3 = compile_phrase(&mut lex, &["AFGHAN".into()], true);
        trie.insert(&p1, 1);
        trie.insert(&p2, 2);
        trie.insert(&p3, 3);
        let t = ids(&lex, &["THE", "WHITE", "HOUSE", "AFGHANS", "AFGHA"]);
        assert_eq!(trie.longest(&t, 0), None);
        assert_eq!(trie.longest(&t, 1), Some((3, 2)));
        assert_eq!(trie.longest(&t, 2), None);
        assert_eq!(trie.longest(&t, 3), Some((4, 3)));
        assert_eq!(trie.longest(&t, 4), None);
        let t = ids(&lex, &["WHITE"]);
        assert_eq!(trie.longest(&t, 0), Some((1, 1)));
    }

    #[test]
    fn first_definition_of_a_phrase_is_kept() {
        let mut lex = Lexicon::default();
        let mut trie = PhraseTrie::new();
        let p = compile_phrase(&mut lex, &["IRAN".into()], false);
        trie.insert(&p, 7);
        trie.insert(&p, 8);
        assert_eq!(trie.longest(&ids(&lex, &["IRAN"]), 0), Some((1, 7)));
    }
}
