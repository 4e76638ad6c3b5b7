//! Actor codes: a primary code (ISO3 country, IGO/NGO, or armed group) followed by agent codes.
//!
//! CAMEO actor codes are strings of three-letter segments: `IRNMIL` is Iran's military,
//! `RUSGOV` Russia's government, `IGOUNO` the UN, `USAGOVLEG` the US legislature.

use crate::{Error, Result};
use std::fmt;

/// Agent codes (CAMEO "roles and sectors"), the second and later segments of an actor code:
/// CAMEO's domestic roles, its sectors, its international types, its religion codes, and the
/// few codes the PETRARCH dictionaries use beyond CAMEO (`MUS`, `STA`, `REL`).
pub const AGENTS: &[(&str, &str)] = &[
    // Domestic roles.
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
    // International types.
    ("INT", "international or transnational, generic"),
    ("PKO", "peacekeepers"),
    // CAMEO religion codes not listed above (CAMEO writes Muslim as MOS; PETRARCH also uses MUS).
    ("ADR", "African diasporic religion"),
    ("ALE", "Alevi"),
    ("BAH", "Baha'i"),
    ("CON", "Confucian"),
    ("CPT", "Coptic"),
    ("CTH", "Catholic"),
    ("DOX", "Orthodox Christian"),
    ("DRZ", "Druze"),
    ("HSD", "Hasidic"),
    ("ITR", "indigenous tribal religion"),
    ("JAN", "Jain"),
    ("JHW", "Jehovah's Witness"),
    ("LDS", "Latter Day Saints"),
    ("MOS", "Muslim"),
    ("MRN", "Maronite"),
    ("NRM", "new religious movement"),
    ("PAG", "pagan"),
    ("PRO", "Protestant"),
    ("SFI", "Sufi"),
    ("SHI", "Shia"),
    ("SHN", "Shinto"),
    ("SIK", "Sikh"),
    ("SUN", "Sunni"),
    ("TAO", "Taoist"),
    ("UDX", "ultra-Orthodox Jewish"),
    ("ZRO", "Zoroastrian"),
];

/// First segments that are neither a country nor an agent: CAMEO's unidentified state actor.
const NON_COUNTRY_PRIMARIES: &[&str] = &["UIS"];

/// Agent codes that are also ISO3 country codes (Mauritius, Saint Helena). As the first segment
/// they are read as the country, since actor dictionaries start country actors with them.
const ALSO_COUNTRIES: &[&str] = &["MUS", "SHN"];

/// Is the first segment an agent (as in `MIL` alone, or `IGOUNO`) rather than a country?
fn primary_is_agent(p: &str) -> bool {
    is_agent(p) && !ALSO_COUNTRIES.contains(&p)
}

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
        if s.as_bytes().chunks(3).any(|seg| seg.len() != 3) {
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

    /// The country of the actor: its first segment unless that is an agent (`IGO`, `MIL`) or
    /// CAMEO's unidentified state `UIS`. This is the code as the dictionary wrote it: an ISO3
    /// code, a CAMEO code that differs from ISO's (`ROM`) or one of CAMEO's region codes (`AFR`,
    /// `MEA`); no list of countries is checked, so new codes pass through.
    /// [`crate::country::iso3`] turns it into the ISO code the store keeps (or `None`).
    pub fn country(&self) -> Option<&str> {
        let p = self.primary();
        if primary_is_agent(p) || NON_COUNTRY_PRIMARIES.contains(&p) {
            None
        } else {
            Some(p)
        }
    }

    /// The agent segments after the primary one (and the primary itself when it is an agent,
    /// as in `MIL` alone).
    pub fn agents(&self) -> impl Iterator<Item = &str> {
        let start = if primary_is_agent(self.primary()) { 0 } else { 3 };
        (start..self.code.len()).step_by(3).map(move |i| &self.code[i..i + 3])
    }

    /// The first agent segment, if any.
    pub fn agent(&self) -> Option<&str> {
        self.agents().next()
    }
}

/// CAMEO's codes for regions ("Europe", "the Middle East", "the West"): places and blocs
/// that news names, not states that act.
pub const REGIONS: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM", "MDT", "MEA", "NAF", "NMR", "PGS",
    "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
];

/// Is `seg` a CAMEO region code (see [`REGIONS`])?
pub fn is_region(seg: &str) -> bool {
    REGIONS.contains(&seg)
}

/// Is `seg` one of the known agent codes?
pub fn is_agent(seg: &str) -> bool {
    agent_name(seg).is_some()
}

/// What an agent code stands for: `"MIL"` → `"military"`.
pub fn agent_name(seg: &str) -> Option<&'static str> {
    AGENTS.iter().find(|(c, _)| *c == seg).map(|&(_, name)| name)
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
        assert!(ActorCode::parse("RUSGOVM").is_err());
        assert!(ActorCode::parse("---").is_err());
        assert!(ActorCode::parse("RUS GOV").is_err());
        assert!(ActorCode::parse("ÉTA").is_err());
        assert!(ActorCode::parse(" RUS").is_err());
    }

    #[test]
    fn errors_name_the_input_and_reason() {
        match ActorCode::parse("RUSG") {
            Err(Error::ActorCode { input, reason }) => {
                assert_eq!(input, "RUSG");
                assert!(reason.contains("multiple of 3"), "{reason}");
            }
            other => panic!("unexpected {other:?}"),
        }
        let msg = ActorCode::parse("usa").unwrap_err().to_string();
        assert!(msg.contains("\"usa\"") && msg.contains("upper-case"), "{msg}");
    }

    #[test]
    fn parses_the_shapes_of_real_codes() {
        struct Case {
            code: &'static str,
            country: Option<&'static str>,
            agents: &'static [&'static str],
        }
        let cases = [
            Case { code: "USA", country: Some("USA"), agents: &[] },
            Case { code: "IRNMIL", country: Some("IRN"), agents: &["MIL"] },
            Case { code: "RUSGOVSPY", country: Some("RUS"), agents: &["GOV", "SPY"] },
            Case { code: "IGOUNO", country: None, agents: &["IGO", "UNO"] },
            Case { code: "NGOHRIAMN", country: None, agents: &["NGO", "HRI", "AMN"] },
            Case { code: "SYRUAF", country: Some("SYR"), agents: &["UAF"] },
            Case { code: "NGMMOSRAD", country: None, agents: &["NGM", "MOS", "RAD"] },
            Case { code: "UIS", country: None, agents: &[] },
            Case { code: "UISMIL", country: None, agents: &["MIL"] },
            Case { code: "IMGSUNINS", country: None, agents: &["IMG", "SUN", "INS"] },
            Case { code: "PKO", country: None, agents: &["PKO"] },
            Case { code: "MUS", country: Some("MUS"), agents: &[] },
            Case { code: "MUSGOV", country: Some("MUS"), agents: &["GOV"] },
            Case { code: "EGYMUS", country: Some("EGY"), agents: &["MUS"] },
            Case { code: "AFGTAL", country: Some("AFG"), agents: &["TAL"] },
            Case { code: "SOMAS2", country: Some("SOM"), agents: &["AS2"] },
        ];
        for c in cases {
            let a = ActorCode::parse(c.code).unwrap_or_else(|e| panic!("{}: {e}", c.code));
            assert_eq!(a.as_str(), c.code);
            assert_eq!(a.to_string(), c.code);
            assert_eq!(a.country(), c.country, "{}", c.code);
            assert_eq!(a.agents().collect::<Vec<_>>(), c.agents, "{}", c.code);
            assert_eq!(a.agent(), c.agents.first().copied(), "{}", c.code);
            assert_eq!(a.primary(), &c.code[..3]);
        }
    }

    #[test]
    fn agent_list_covers_cameo_roles_and_is_unique() {
        for w in ["COP", "GOV", "INS", "JUD", "MIL", "OPP", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
            "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF",
            "MOD", "RAD", "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "SET", "PKO", "MOS", "CTH"]
        {
            assert!(is_agent(w), "{w} missing");
        }
        assert_eq!(agent_name("SPY"), Some("intelligence"));
        assert_eq!(agent_name("USA"), None);
        let mut codes: Vec<_> = AGENTS.iter().map(|a| a.0).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate agent code");
        assert!(AGENTS.iter().all(|(c, name)| ActorCode::parse(c).is_ok() && !name.is_empty()));
    }

    #[test]
    fn builtin_agents_use_known_codes() {
        // The built-in agent dictionary lives in entente-dict; its codes must be ones known here.
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../entente-dict/builtin/agents.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("skipping: {} not found", path.display());
            return;
        };
        let mut entries = 0;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("");
            let Some(open) = line.find('[') else { continue };
            let code = line[open + 1..].split(']').next().unwrap_or("").trim().trim_matches('~');
            entries += 1;
            assert!(ActorCode::parse(code).is_ok(), "line {}: bad code {code:?}", n + 1);
            for seg in ActorCode::parse(code).unwrap().agents() {
                assert!(is_agent(seg), "line {}: unknown agent {seg} in {code}", n + 1);
            }
        }
        assert!(entries >= 150, "{entries} agents");
    }

    /// Rows `CODE<TAB>LABEL` of a GDELT lookup under `../shared/data/cameo`, header skipped.
    fn lookup_codes(name: &str) -> Option<Vec<String>> {
        let p = crate::testdata::shared_data(&format!("cameo/{name}"))?;
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        Some(text.lines().skip(1).filter_map(|l| l.split('\t').next()).map(|c| c.trim().to_string()).collect())
    }

    #[test]
    fn agents_cover_gdelt_types_and_never_shadow_a_country() {
        // Organisation codes in GDELT's type list are second segments (IGOUNO), not roles.
        const ORGANISATIONS: &[&str] = &["AMN", "IRC", "GRP", "UNO", "UIS"];
        let (Some(types), Some(religions), Some(countries)) = (
            lookup_codes("CAMEO.actortype.txt"),
            lookup_codes("CAMEO.religion.txt"),
            lookup_codes("CAMEO.country.txt"),
        ) else {
            return;
        };
        let missing: Vec<_> = types
            .iter()
            .chain(&religions)
            .filter(|c| c.len() == 3 && !is_agent(c) && !ORGANISATIONS.contains(&c.as_str()))
            .collect();
        assert!(missing.is_empty(), "agent codes missing: {missing:?}");
        // A country code that is also an agent must be listed, or `country()` would lose it.
        let clashes: Vec<_> =
            countries.iter().filter(|c| is_agent(c) && !ALSO_COUNTRIES.contains(&c.as_str())).collect();
        assert!(countries.len() > 200, "{} countries read", countries.len());
        assert!(clashes.is_empty(), "agent codes that are countries: {clashes:?}");
    }
}
