//! No bytes make a reader panic, and every diagnostic points at a line of the input.

use entente_dict::{read_bytes, Dictionaries, Kind};
use proptest::prelude::*;

const KINDS: [Kind; 6] =
    [Kind::VerbsP2, Kind::VerbsP1, Kind::Actors, Kind::Agents, Kind::Discards, Kind::Issues];

fn check(bytes: &[u8]) {
    let lines = bytes.split(|&b| b == b'\n').count() as u32;
    for kind in KINDS {
        let mut d = Dictionaries::default();
        read_bytes(kind, "fuzz.txt", bytes, &mut d);
        for x in &d.diagnostics {
            assert!(x.line >= 1 && x.line <= lines, "{kind:?}: {x} (input has {lines} lines)");
        }
        let _ = entente_dict::stats(&d);
    }
    let text = String::from_utf8_lossy(bytes);
    let _ = entente_dict::detect("fuzz.txt", &text);
}

/// Text made of the characters the formats give meaning to, so that the fuzzing reaches past
/// the first "not a valid line" check.
fn petrarch_text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("---".to_string()),
        Just("- ".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("&".to_string()),
        Just("+".to_string()),
        Just("*".to_string()),
        Just("$".to_string()),
        Just("^".to_string()),
        Just("%".to_string()),
        Just("~".to_string()),
        Just("_".to_string()),
        Just("!".to_string()),
        Just("=".to_string()),
        Just(":".to_string()),
        Just("/".to_string()),
        Just("<".to_string()),
        Just(">".to_string()),
        Just("-".to_string()),
        Just("#".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<ISSUE CATEGORY=\"X\">".to_string()),
        Just("</ISSUE>".to_string()),
        Just("n:".to_string()),
        Just("v:".to_string()),
        Just("\n".to_string()),
        Just("\t".to_string()),
        Just(" ".to_string()),
        Just("\u{1a}".to_string()),
        Just("É".to_string()),
        "[A-Z]{1,6}",
        "[0-9]{1,10}",
    ];
    prop::collection::vec(token, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check(&bytes);
    }

    #[test]
    fn arbitrary_strings(s in ".{0,300}") {
        check(s.as_bytes());
    }

    #[test]
    fn petrarch_like_text(s in petrarch_text()) {
        check(s.as_bytes());
    }

    #[test]
    fn structured_lines(
        lines in prop::collection::vec(
            prop_oneof![
                Just("&SYN".to_string()),
                Just("+WORD_TWO".to_string()),
                Just("--- BLOCK [010] ---".to_string()),
                "[A-Z_+]{1,12}( \\{[A-Z_+ ]{0,20}\\})?( \\[[0-9:-]{0,9}\\])?",
                "- [*$+^%&A-Z_(){} /]{0,30} \\[[0-9:-]{0,9}\\]",
                "~ [a-z() A-Z]{0,20} = [a-z0-9 ]{0,10}",
                "\t\\[[A-Z]{0,9} [<>]?[0-9]{0,8}-?[0-9]{0,8}\\]",
                "!P! = [A-Z, ]{0,20}",
                "[A-Z!_]{1,12} (\\{[A-Z_ ]{0,10}\\} )?\\[[~A-Z ]{0,8}\\]",
            ],
            0..30,
        )
    ) {
        check(lines.join("\n").as_bytes());
    }
}

#[test]
fn pathological_inputs() {
    let long_word = "A".repeat(100_000);
    let alternatives = format!("--- B [010] ---\nB\n- * {} [010]\n", vec!["A/B/C/D"; 40].join(" "));
    let nested = format!("--- B [010] ---\nB\n- * {}X{} [010]\n", "(P ".repeat(500), ")".repeat(500));
    let deep = format!("--- B [010] ---\nB\n- * {}X [010]\n", "(P ".repeat(200_000));
    let pluses = format!("<ISSUE CATEGORY=\"X\">\n{} [X]\n", vec!["a"; 64].join("+"));
    let synsets = format!("&A\n+{}\n&B\n+{}\n", vec!["W"; 100].join("\n+"), vec!["&A"; 30].join(" "));
    let long_synset = format!("&A\n+X\n--- B [010] ---\nB\n- * {} [010]\n", vec!["&A"; 50_000].join("_"));
    let many_members = format!("&A\n{}\n", (0..50_000).map(|i| format!("+W{i}")).collect::<Vec<_>>().join("\n"));
    let subs = format!("!A! = {}\n{} [~GOV]\n", vec!["X"; 50].join(","), "!A!".repeat(20));
    for input in [
        long_word.as_str(),
        alternatives.as_str(),
        nested.as_str(),
        deep.as_str(),
        pluses.as_str(),
        synsets.as_str(),
        long_synset.as_str(),
        many_members.as_str(),
        subs.as_str(),
        "\u{feff}FRANCE [FRA]\r\n+FRENCH\r\n",
        "<!-- never closed\nFRANCE [FRA]\n",
        "\t[USA 20200101-20210101]\n",
        "- * [010]\n",
        "&\n+\n---\n---  [---]  ---\n",
    ] {
        check(input.as_bytes());
    }
    // The expansions are bounded: one pattern line never yields thousands of patterns.
    let mut d = Dictionaries::default();
    read_bytes(Kind::VerbsP2, "alt.txt", alternatives.as_bytes(), &mut d);
    assert!(d.verbs[0].patterns.is_empty());
    assert!(d.diagnostics.iter().any(|x| x.skipped && x.message.contains("alternatives")));
}
