//! Arbitrary input never panics the coder, and every span it reports lies inside its sentence.

use entente_coder::CoderBuilder;
use entente_core::{Date, Document};
use entente_dict::Dictionaries;
use proptest::prelude::*;
use std::sync::OnceLock;

fn coder() -> &'static entente_coder::Coder {
    static C: OnceLock<entente_coder::Coder> = OnceLock::new();
    C.get_or_init(|| CoderBuilder::new(&Dictionaries::builtin()).build().unwrap())
}

fn check(text: &str) {
    let doc = Document { id: "p".into(), date: Date::new(2024, 1, 1).unwrap(), text: text.to_string() };
    let coded = coder().code(&doc);
    for e in &coded.events {
        for (s, t) in [e.spans.source, e.spans.target, e.spans.verb].into_iter().flatten() {
            assert!(s < t && t <= e.text.len() && e.text.is_char_boundary(s) && e.text.is_char_boundary(t));
        }
        assert_ne!(e.source, e.target);
    }
    let _ = coder().explain(text, doc.date);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings(s in "\\PC{0,300}") {
        check(&s);
    }

    #[test]
    fn news_like_strings(words in prop::collection::vec(prop::sample::select(vec![
        "Russia", "Iran", "and", "attacked", "did", "not", "was", "by", "to", "'s", "U.S.", "Mr.", ".",
        ",", "said", "the", "military", "sent", "drones", "signed", "treaty", "\"", "-", "(Reuters)",
        "MOSCOW,", "\n\n", "n't", "Putin", "if", "could", "denied", "refused", "’", "ü", "--",
    ]), 0..60)) {
        check(&words.join(" "));
    }
}
