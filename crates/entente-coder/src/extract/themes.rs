//! Themes: a taxonomy that refines the domains of the guide (military, economic, diplomatic,
//! political, humanitarian, legal, technology), assigned per sentence from cue words and from
//! the named things found, and per document by aggregation. The taxonomy and its cues are
//! `builtin/themes.txt` in `entente-dict`, documented in `crates/entente-coder/THEMES.md`.
//!
//! # The themes file
//!
//! ```text
//! MIL_DRONES [military] Drones and loitering munitions: use, supply, production
//!     drone* | UAV | unmanned aerial vehicle | loitering munition
//! ```
//!
//! A line starting in the first column opens a theme: its id (capitals, digits, `_`), its
//! domain in brackets and a description. Indented lines under it are its cues, separated by
//! `|`: a cue ending in `*` matches any word it begins (`sanction*`: sanctions, sanctioned),
//! others whole words with a plural `s`; capitals and `=` work as for things' aliases. A
//! theme already defined (by the built-in file) may be opened again without domain to add cues.
//! Broken lines are diagnostics naming file and line; the rest is read.

use entente_dict::{Diagnostic, Origin};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// The domains a theme may refine: the guide's six, and technology (cyber, space).
pub const DOMAINS: &[&str] = &["military", "economic", "diplomatic", "political", "humanitarian", "legal", "technology"];

/// A theme of the taxonomy.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    /// Its id, e.g. `MIL_DRONES`.
    pub id: String,
    /// Its domain, one of [`DOMAINS`].
    pub domain: String,
    /// What it covers.
    pub description: String,
    /// Its cue words and phrases as written (with `*` and `=` marks).
    pub cues: Vec<String>,
    /// Where it was defined.
    pub origin: Origin,
}

/// A theme of one sentence (and so of every event coded from it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ThemeHit {
    /// Index of the sentence in the document.
    pub sentence: u32,
    /// The theme's id.
    pub theme: String,
    /// The theme's domain.
    pub domain: String,
    /// The words that assigned it first in the sentence (a cue or a thing's name as written).
    pub cue: String,
    /// The canonical name of the thing that assigned it, when it was a thing.
    pub via: Option<String>,
    /// Byte span of `cue` in the sentence.
    pub span: (usize, usize),
    /// Character span of `cue` in the sentence.
    pub chars: (usize, usize),
    /// How many cues and things of the theme the sentence has.
    pub hits: u32,
}

/// A theme of a whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocTheme {
    /// The theme's id.
    pub theme: String,
    /// The theme's domain.
    pub domain: String,
    /// Sentences that carry it.
    pub sentences: u32,
    /// Cues and things of it over the document.
    pub hits: u32,
    /// The first sentence that carries it.
    pub first_sentence: u32,
}

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// Reads a themes file into `themes`; broken lines become diagnostics.
pub(crate) fn read_themes(file: &str, text: &str, themes: &mut Vec<Theme>, diags: &mut Vec<Diagnostic>) {
    let file: Arc<str> = file.into();
    let mut current: Option<usize> = None;
    for (n, line) in text.lines().enumerate() {
        let lineno = n as u32 + 1;
        let body = line.split('#').next().unwrap_or("");
        if body.trim().is_empty() {
            continue;
        }
        let mut diag = |message: String, skipped: bool| {
            diags.push(Diagnostic { file: file.clone(), line: lineno, entry: line.trim().to_string(), message, skipped })
        };
        if body.starts_with(char::is_whitespace) {
            let Some(t) = current else {
                diag("cue line before any theme".into(), true);
                continue;
            };
            for cue in body.split('|') {
                let cue = cue.trim();
                if cue.is_empty() || cue == "*" || cue == "=" {
                    diag("empty cue; the others are kept".into(), false);
                } else {
                    themes[t].cues.push(cue.to_string());
                }
            }
            continue;
        }
        current = None;
        let body = body.trim();
        let (id, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        if !valid_id(id) {
            diag("a theme id is capitals, digits and _".into(), true);
            continue;
        }
        let rest = rest.trim();
        let existing = themes.iter().position(|t| t.id == id);
        if rest.is_empty() {
            match existing {
                Some(i) => current = Some(i),
                None => diag(format!("new theme {id} needs [domain] and a description"), true),
            }
            continue;
        }
        let Some(r) = rest.strip_prefix('[') else {
            diag("expected [domain] after the id".into(), true);
            continue;
        };
        let Some((domain, description)) = r.split_once(']') else {
            diag("no ']' after the domain".into(), true);
            continue;
        };
        let domain = domain.trim().to_lowercase();
        if !DOMAINS.contains(&domain.as_str()) {
            diag(format!("unknown domain {domain:?} (one of {})", DOMAINS.join(", ")), true);
            continue;
        }
        match existing {
            Some(i) => {
                diag(format!("theme {id} defined again; its cues are added, the first definition stays"), false);
                current = Some(i);
            }
            None => {
                themes.push(Theme {
                    id: id.to_string(),
                    domain,
                    description: description.trim().to_string(),
                    cues: Vec::new(),
                    origin: Origin { file: file.clone(), line: lineno },
                });
                current = Some(themes.len() - 1);
            }
        }
    }
}

/// Document themes from sentence themes: by sentences carrying each, most first (ties by
/// first sentence).
pub(crate) fn aggregate(hits: &[ThemeHit]) -> Vec<DocTheme> {
    let mut out: Vec<DocTheme> = Vec::new();
    for h in hits {
        match out.iter_mut().find(|d| d.theme == h.theme) {
            Some(d) => {
                d.sentences += 1;
                d.hits += h.hits;
            }
            None => out.push(DocTheme { theme: h.theme.clone(), domain: h.domain.clone(), sentences: 1, hits: h.hits, first_sentence: h.sentence }),
        }
    }
    out.sort_by(|a, b| b.sentences.cmp(&a.sentences).then(b.hits.cmp(&a.hits)).then(a.first_sentence.cmp(&b.first_sentence)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::things::ExtractDicts;
    use crate::CoderBuilder;
    use entente_core::{Date, Document};
    use entente_dict::Dictionaries;

    fn coder() -> crate::Coder {
        CoderBuilder::new(&Dictionaries::builtin()).build().unwrap()
    }

    fn ids(hits: &[ThemeHit]) -> Vec<&str> {
        hits.iter().map(|h| h.theme.as_str()).collect()
    }

    #[test]
    fn cues_assign_themes_with_their_span() {
        let c = coder();
        let s = "Tehran and Moscow agreed to settle bilateral trade in national currencies and to link their payment systems.";
        let h = c.themes(s);
        assert_eq!(ids(&h), vec!["ECON_TRADE", "ECON_CURRENCY", "ECON_BANKING"], "{h:#?}");
        assert_eq!(h[1].cue, "national currencies");
        assert_eq!(&s[h[1].span.0..h[1].span.1], "national currencies");
        assert_eq!(h[1].domain, "economic");
        // Stems: "sanctioned" is a sanctions cue; "drones" a drone cue.
        assert_eq!(ids(&c.themes("Washington sanctioned three firms.")), vec!["ECON_SANCTIONS"]);
        assert!(ids(&c.themes("Kamikaze drones hit the grid.")).contains(&"MIL_DRONES"));
    }

    #[test]
    fn things_assign_their_themes() {
        let c = coder();
        let h = c.themes("The Kinzhal was fired from a MiG-31.");
        assert_eq!(ids(&h), vec!["MIL_MISSILES", "MIL_AIRCRAFT"]);
        assert_eq!(h[0].via.as_deref(), Some("Kinzhal"));
        assert_eq!(h[0].cue, "Kinzhal");
    }

    #[test]
    fn a_negative_cue_stops_the_theme() {
        let c = coder();
        assert!(ids(&c.themes("Experts on artificial intelligence met in Kazan.")) == vec!["TECH_ADVANCED"]);
        assert!(!ids(&c.themes("Iran asked for sanctions relief.")).contains(&"HUM_AID"));
        assert!(ids(&c.themes("Iran asked for humanitarian relief.")).contains(&"HUM_AID"));
    }

    #[test]
    fn document_themes_aggregate_the_sentences_and_events_share_them() {
        let c = coder();
        let doc = Document {
            id: "d".into(),
            date: Date::new(2024, 1, 2).unwrap(),
            text: "Iran sent drones to Russia. The sanctions bite. More drones followed, with Shahed-136s among them.".into(),
        };
        let (coded, x) = c.code_with_extraction(&doc);
        assert_eq!(coded.events.len(), c.code(&doc).events.len(), "extraction changes no event");
        let drones = x.doc_themes.iter().find(|d| d.theme == "MIL_DRONES").unwrap();
        assert_eq!((drones.sentences, drones.first_sentence), (2, 0));
        assert_eq!(drones.hits, 3);
        assert_eq!(x.doc_themes[0].theme, "MIL_DRONES", "most sentences first");
        // Themes per event: by the event's sentence.
        let ev = coded.events.iter().find(|e| e.source == "IRN" && e.target == "RUS").expect("IRN -> RUS");
        assert!(x.themes.iter().any(|t| t.sentence == ev.sentence && t.theme == "MIL_DRONES"));
    }

    #[test]
    fn a_malformed_theme_line_is_named_and_the_rest_is_read() {
        let mut d = ExtractDicts::default();
        d.read_themes("t.txt", "    orphan cue\nMIL_X [militry] Misspelt domain\n    x\nbad id [military] x\nMIL_Y [military] Fine\n    why | | zed*\n");
        assert_eq!(d.themes.len(), 1);
        assert_eq!(d.themes[0].cues, vec!["why", "zed*"]);
        let lines: Vec<u32> = d.diagnostics.iter().map(|g| g.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 6], "{:#?}", d.diagnostics);
        assert!(d.diagnostics.iter().all(|g| &*g.file == "t.txt"));
    }

    #[test]
    fn the_taxonomy_covers_every_domain_and_is_documented() {
        let d = ExtractDicts::builtin();
        for dom in DOMAINS {
            assert!(d.themes.iter().any(|t| t.domain == *dom), "{dom}");
        }
        let doc = include_str!("../../THEMES.md");
        for t in &d.themes {
            assert!(!t.cues.is_empty(), "{} has no cue", t.id);
            assert!(doc.contains(&format!("`{}`", t.id)), "{} is not in THEMES.md", t.id);
        }
    }
}
