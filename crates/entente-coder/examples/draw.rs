//! `cargo run -p entente-coder --example draw -- amounts|places SEED N`: draws sentences for a
//! hand-annotated extraction set and prints them with their text, for the annotator only
//! (`corpus doc sentence hash split text`, tab-separated). The set file keeps the pointers and
//! the annotations, never the text. `amounts`: prose sentences with a digit; `places`: prose
//! sentences with a location preposition before a capitalised word. N per corpus.

use entente_coder::eval::{self, Corpus};
use entente_coder::{CoderBuilder, Dictionaries};

fn has_place_phrase(s: &str) -> bool {
    let w: Vec<&str> = s.split_whitespace().collect();
    w.windows(2).any(|p| {
        matches!(p[0], "in" | "at" | "near" | "outside" | "across" | "into" | "from" | "off")
            && p[1].chars().next().is_some_and(char::is_uppercase)
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let kind = args.first().map(String::as_str).unwrap_or("amounts");
    let seed: u64 = args.get(1).and_then(|s| s.parse().ok()).unwrap_or(20261203);
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(150);
    let news = std::env::var("ENTENTE_NEWS").unwrap_or_else(|_| "../shared/data/news".into());
    let dicts = Dictionaries::builtin();
    let coder = CoderBuilder::new(&dicts).build().expect("coder");
    for corpus in Corpus::ALL {
        let (docs, _) = eval::read_corpus(std::path::Path::new(&news), corpus).expect("corpus");
        let docs = &docs[..];
        let items = match kind {
            "places" => eval::draw(&coder, corpus, docs, seed, n, kind, has_place_phrase),
            _ => eval::draw(&coder, corpus, docs, seed, n, "amounts", |s| s.chars().any(|c| c.is_ascii_digit())),
        };
        for it in items {
            let doc = docs.iter().find(|d| d.id == it.doc).expect("doc");
            let text = coder.sentences(&doc.text)[it.sentence as usize];
            let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
            println!("{}\t{}\t{}\t{}\t{}\t{}\t{}", corpus.name(), it.doc, it.sentence, it.hash, it.split.name(), doc.date, text);
        }
    }
}
