//! Actor codes: a primary code (ISO3 country, IGO/NGO, or armed group) followed by agent codes.
//!
//! CAMEO actor codes are strings of three-letter segments: `IRNMIL` is Iran's military,
//! `RUSGOV` Russia's government, `IGOUNO` the UN, `USAGOVLEG` the US legislature.

use crate::{Error, Result};
use std::fmt;

/// Agent codes (CAMEO "roles and sectors"), the second and later segments of an actor code.
pub const AGENTS: &[(&str, &str)] = &[
    ("GOV", "government"),
    ("MIL", "military"),
    ("REB", "rebels"),
    ("OPP", "political opposition"),
    ("PTY", "political party"),
    ("BUS", "business"),
    ("MED", "media"),
    ("JUD", "judiciary"),
    ("LEG", "legislature"),
    ("CVL", "civilians"),
    ("COP", "police"),
    ("SPY", "intelligence"),
    ("ELI", "elites"),
    ("EDU", "education"),
    ("HLH", "health"),
    ("LAB", "labour"),
    ("REF", "refugees"),
    ("CRM", "criminals"),
    ("AGR", "agriculture"),
    ("ENV", "environment"),
    ("HRI", "human rights"),
    ("IGO", "intergovernmental organisation"),
    ("NGO", "non-governmental organisation"),
    ("INS", "insurgents"),
    ("SEP", "separatists"),
    ("MOD", "moderate"),
    ("RAD", "radical"),
    ("REL", "religious"),
    ("UAF", "unaligned armed forces"),
    ("IMG", "international militarized group"),
    ("SET", "settlers"),
    ("DEV", "development"),
    ("MNC", "multinational corporation"),
    ("NGM", "non-governmental movement"),
    ("ATH", "atheist"),
    ("STA", "state"),
    ("JEW", "Jewish"),
    ("MUS", "Muslim"),
    ("CHR", "Christian"),
    ("BUD", "Buddhist"),
    ("HIN", "Hindu"),
];

/// A parsed actor code.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode {
    code: String,
}

impl ActorCode {
    /// Parses a code made of three-letter upper-case segments (letters or digits).
    pub fn parse(s: &str) -> Result<ActorCode> {
        let err = |reason| Error::ActorCode { input: s.to_string(), reason };
        if s.is_empty() {
            return Err(err("empty"));
        }
        if s.len() % 3 != 0 {
            return Err(err("length is not a multiple of 3"));
        }
        if !s.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
            return Err(err("expected upper-case letters and digits"));
        }
        Ok(ActorCode { code: s.to_string() })
    }

    /// The whole code.
    pub fn as_str(&self) -> &str {
        &self.code
    }

    /// The first segment: a country, IGO/NGO or group code.
    pub fn primary(&self) -> &str {
        &self.code[..3]
    }

    /// The ISO3 country of the actor, if its first segment is a country code.
    pub fn country(&self) -> Option<&str> {
        let p = self.primary();
        if is_agent(p) || matches!(p, "IGO" | "NGO" | "IMG" | "MNC" | "UIS") {
            None
        } else {
            Some(p)
        }
    }

    /// The agent segments after the primary one (and the primary itself when it is an agent,
    /// as in `MIL` alone).
    pub fn agents(&self) -> impl Iterator<Item = &str> {
        let start = if is_agent(self.primary()) { 0 } else { 3 };
        (start..self.code.len()).step_by(3).map(move |i| &self.code[i..i + 3])
    }

    /// The first agent segment, if any.
    pub fn agent(&self) -> Option<&str> {
        self.agents().next()
    }
}

/// Is `seg` one of the known agent codes?
pub fn is_agent(seg: &str) -> bool {
    AGENTS.iter().any(|(c, _)| *c == seg)
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_country_and_agents() {
        let a = ActorCode::parse("USAGOVLEG").unwrap();
        assert_eq!(a.country(), Some("USA"));
        assert_eq!(a.agents().collect::<Vec<_>>(), vec!["GOV", "LEG"]);
        let u = ActorCode::parse("IGOUNO").unwrap();
        assert_eq!(u.country(), None);
        let m = ActorCode::parse("MIL").unwrap();
        assert_eq!(m.agent(), Some("MIL"));
    }

    #[test]
    fn rejects_bad_codes() {
        assert!(ActorCode::parse("").is_err());
        assert!(ActorCode::parse("RUSS").is_err());
        assert!(ActorCode::parse("rus").is_err());
    }
}
