//! Discard lists (`Phoenix.discards.txt`): one phrase a line; `+` discards the whole story,
//! otherwise only the sentence; a trailing `_` makes the phrase exact.

use crate::model::{Discard, Dictionaries};
use crate::text::{self, Ctx};

/// Reads a discard list into `d`.
pub fn read_discards(file: &str, text: &str, d: &mut Dictionaries) {
    let mut ctx = Ctx::new(file, d);
    let lines = text::lines(text, &mut ctx);
    for line in &lines {
        let t = line.text.trim();
        if t.is_empty() {
            continue;
        }
        let (story, rest) = match t.strip_prefix('+') {
            Some(r) => (true, r),
            None => (false, t),
        };
        if rest.contains(['[', ']']) {
            ctx.skip(line.no, line.raw, "discards take no code");
            continue;
        }
        match text::phrase(rest) {
            Some(phrase) => {
                let origin = ctx.origin(line.no);
                ctx.dicts.discards.push(Discard { phrase, story, origin });
            }
            None => ctx.skip(line.no, line.raw, "empty discard phrase"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn story_and_sentence_discards() {
        let mut d = Dictionaries::default();
        read_discards(
            "d.txt",
            "# head\nMONTHS LATER\n+World Golf Championships   # pas\nBASEBALL_ ;x\n+\n1914\n",
            &mut d,
        );
        assert_eq!(d.discards.len(), 4);
        assert_eq!(d.discards[0].phrase.words, vec!["MONTHS", "LATER"]);
        assert!(!d.discards[0].story);
        assert!(d.discards[1].story);
        assert_eq!(d.discards[1].phrase.words, vec!["WORLD", "GOLF", "CHAMPIONSHIPS"]);
        assert!(!d.discards[2].phrase.stem);
        assert_eq!(d.discards[3].origin.line, 6);
        assert_eq!(d.diagnostics.len(), 1);
        assert_eq!(d.diagnostics[0].line, 5);
    }
}
