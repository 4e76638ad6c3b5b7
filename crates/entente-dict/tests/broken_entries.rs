//! A broken line in any kind of dictionary is reported with its file, line and text, and the
//! entries after it are still read.

use entente_dict::{read, stats, Dictionaries, Kind};

struct Case {
    kind: Kind,
    text: &'static str,
    broken_line: u32,
    broken_entry: &'static str,
}

const CASES: &[Case] = &[
    Case {
        kind: Kind::Actors,
        text: "FRANCE [FRA]\nGERMANY [DEU\nITALY [ITA]\n",
        broken_line: 2,
        broken_entry: "GERMANY [DEU",
    },
    Case {
        kind: Kind::Agents,
        text: "PRESIDENT [~GOV]\nSOLDIER [MIL]\nPOLICE {} [~COP]\n",
        broken_line: 2,
        broken_entry: "SOLDIER [MIL]",
    },
    Case {
        kind: Kind::VerbsP2,
        text: "--- SAY [010] ---\nSAY\n- * (TO {X) [012]\n- * (TO PRESS) [012]\n",
        broken_line: 3,
        broken_entry: "- * (TO {X) [012]",
    },
    Case {
        kind: Kind::VerbsP1,
        text: "--- SAY [010] ---\nSAY\n- * OFFER [01x]\n- * OFFER_TO + [012]\n",
        broken_line: 3,
        broken_entry: "- * OFFER [01x]",
    },
    Case {
        kind: Kind::Discards,
        text: "BASEBALL\nFOOTBALL [X]\nCRICKET\n",
        broken_line: 2,
        broken_entry: "FOOTBALL [X]",
    },
    Case {
        kind: Kind::Issues,
        text: "<ISSUE CATEGORY=\"ENERGY\">\noil [OIL\nn:pipeline [OIL]\n</ISSUE>\n",
        broken_line: 2,
        broken_entry: "oil [OIL",
    },
];

#[test]
fn broken_line_is_reported_and_the_rest_is_read() {
    for case in CASES {
        let mut d = Dictionaries::default();
        read(case.kind, "dir/my.dict", case.text, &mut d);
        assert_eq!(d.diagnostics.len(), 1, "{:?}: {:?}", case.kind, d.diagnostics);
        let x = &d.diagnostics[0];
        assert!(x.skipped, "{:?}", case.kind);
        assert_eq!(&*x.file, "dir/my.dict");
        assert_eq!(x.line, case.broken_line, "{:?}", case.kind);
        assert_eq!(x.entry, case.broken_entry, "{:?}", case.kind);
        let shown = x.to_string();
        assert!(shown.starts_with(&format!("dir/my.dict:{}: skipped: ", case.broken_line)), "{shown}");

        // The entry after the broken one was read, from the right line.
        let after = case.broken_line + 1;
        let lines: Vec<u32> = d
            .actors
            .iter()
            .map(|a| a.origin.line)
            .chain(d.agents.iter().map(|a| a.origin.line))
            .chain(d.verbs.iter().flat_map(|b| &b.patterns).map(|p| p.origin.line))
            .chain(d.discards.iter().map(|x| x.origin.line))
            .chain(d.issues.iter().map(|x| x.origin.line))
            .collect();
        assert!(lines.contains(&after), "{:?}: nothing read from line {after}: {lines:?}", case.kind);
        assert_eq!(stats(&d).skipped, 1);
    }
}
