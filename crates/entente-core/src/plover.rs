//! PLOVER event types for CAMEO codes.
//!
//! Every CAMEO code in [`crate::cameo::CODES`] has an explicit entry here: its PLOVER event type
//! and, where the CAMEO code implies them, a PLOVER mode (how: `visit`, `arrest`, `firearms`) and
//! context (about what: `economic`, `military`, `legal`). The vocabulary is PLOVER's (draft 0.8).
//!
//! Two deliberate choices:
//! - PLOVER has no type for CAMEO's bare public statements (010–015, 017: comments, declining to
//!   comment, considering options, claiming responsibility, symbolic acts). They map to
//!   [`STATEMENT`], which is *not* a PLOVER type; [`Plover::is_plover`] tells them apart, so
//!   PLOVER counts can leave them out. The statements that do carry a stance map to PLOVER:
//!   016 deny responsibility → REJECT, 018 empathetic comment → SUPPORT, 019 express accord →
//!   AGREE.
//! - 163 (impose embargo, boycott or sanctions) is SANCTION, mode `restrict`: the PLOVER 2021
//!   crosswalk puts it under COERCE, but analysts look for sanctions under SANCTION, and every
//!   other "reduce relations" code (16x) is SANCTION.

/// The PLOVER type (and mode/context where CAMEO implies one) for a CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plover {
    /// PLOVER event type, e.g. `AID`; [`STATEMENT`] for the statements PLOVER does not code.
    pub event_type: &'static str,
    /// PLOVER mode, e.g. `visit` for CONSULT; empty when none is implied.
    pub mode: &'static str,
    /// PLOVER context, e.g. `military`; empty when none is implied.
    pub context: &'static str,
}

impl Plover {
    /// Is the event type one of PLOVER's own (not [`STATEMENT`])?
    pub fn is_plover(&self) -> bool {
        EVENT_TYPES.contains(&self.event_type)
    }
}

/// The 16 PLOVER event types, cooperative to conflictual.
pub const EVENT_TYPES: &[&str] = &[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
];

/// The event type given to CAMEO's plain statements, which PLOVER does not code. Not a PLOVER type.
pub const STATEMENT: &str = "STATEMENT";

/// (CAMEO code, type, mode, context), sorted by code, one entry per code of the CAMEO table.
static MAP: &[(&str, &str, &str, &str)] = &[
    ("01", STATEMENT, "", ""),
    ("010", STATEMENT, "", ""),
    ("011", STATEMENT, "", ""),
    ("012", STATEMENT, "", ""),
    ("013", STATEMENT, "", ""),
    ("014", STATEMENT, "", ""),
    ("015", STATEMENT, "", ""),
    ("016", "REJECT", "", ""),
    ("017", STATEMENT, "", ""),
    ("018", "SUPPORT", "", ""),
    ("019", "AGREE", "", ""),
    ("02", "REQUEST", "", ""),
    ("020", "REQUEST", "", ""),
    ("021", "REQUEST", "assist", ""),
    ("0211", "REQUEST", "assist", "economic"),
    ("0212", "REQUEST", "assist", "military"),
    ("0213", "REQUEST", "assist", "legal"),
    ("0214", "REQUEST", "assist", "intelligence"),
    ("022", "REQUEST", "assist", "diplomatic"),
    ("023", "REQUEST", "assist", ""),
    ("0231", "REQUEST", "assist", "economic"),
    ("0232", "REQUEST", "assist", "military"),
    ("0233", "REQUEST", "assist", "humanitarian"),
    ("0234", "REQUEST", "assist", "peacekeeping"),
    ("024", "REQUEST", "change", "political_institutions"),
    ("0241", "REQUEST", "change", "executive"),
    ("0242", "REQUEST", "change", "executive"),
    ("0243", "REQUEST", "change", "rights_freedoms"),
    ("0244", "REQUEST", "change", "political_institutions"),
    ("025", "REQUEST", "yield", ""),
    ("0251", "REQUEST", "yield", "legal"),
    ("0252", "REQUEST", "yield", "rights_freedoms"),
    ("0253", "REQUEST", "yield", "legal"),
    ("0254", "REQUEST", "yield", "economic"),
    ("0255", "REQUEST", "yield", "diplomatic"),
    ("0256", "REQUEST", "yield", "military"),
    ("026", "REQUEST", "meet", "diplomatic"),
    ("027", "REQUEST", "meet", "diplomatic"),
    ("028", "REQUEST", "meet", "diplomatic"),
    ("03", "AGREE", "", ""),
    ("030", "AGREE", "", "diplomatic"),
    ("031", "AGREE", "", ""),
    ("0311", "AGREE", "", "economic"),
    ("0312", "AGREE", "", "military"),
    ("0313", "AGREE", "", "legal"),
    ("0314", "AGREE", "", "intelligence"),
    ("032", "AGREE", "", "diplomatic"),
    ("033", "AGREE", "", ""),
    ("0331", "AGREE", "", "economic"),
    ("0332", "AGREE", "", "military"),
    ("0333", "AGREE", "", "humanitarian"),
    ("0334", "AGREE", "", "peacekeeping"),
    ("034", "AGREE", "", "political_institutions"),
    ("0341", "AGREE", "", "executive"),
    ("0342", "AGREE", "", "executive"),
    ("0343", "AGREE", "", "rights_freedoms"),
    ("0344", "AGREE", "", "political_institutions"),
    ("035", "AGREE", "", ""),
    ("0351", "AGREE", "", "legal"),
    ("0352", "AGREE", "", "rights_freedoms"),
    ("0353", "AGREE", "", "legal"),
    ("0354", "AGREE", "", "economic"),
    ("0355", "AGREE", "", "diplomatic"),
    ("0356", "AGREE", "", "military"),
    ("036", "AGREE", "", "diplomatic"),
    ("037", "AGREE", "", "diplomatic"),
    ("038", "AGREE", "", "diplomatic"),
    ("039", "AGREE", "", "diplomatic"),
    ("04", "CONSULT", "", ""),
    ("040", "CONSULT", "", ""),
    ("041", "CONSULT", "phone", ""),
    ("042", "CONSULT", "visit", ""),
    ("043", "CONSULT", "visit", ""),
    ("044", "CONSULT", "third-party", ""),
    ("045", "CONSULT", "", "diplomatic"),
    ("046", "CONSULT", "", "diplomatic"),
    ("05", "SUPPORT", "", "diplomatic"),
    ("050", "SUPPORT", "", "diplomatic"),
    ("051", "SUPPORT", "", "diplomatic"),
    ("052", "SUPPORT", "", "diplomatic"),
    ("053", "SUPPORT", "", "diplomatic"),
    ("054", "SUPPORT", "", "diplomatic"),
    ("055", "SUPPORT", "", "diplomatic"),
    ("056", "SUPPORT", "", "diplomatic"),
    ("057", "SUPPORT", "", "diplomatic"),
    ("06", "COOPERATE", "", ""),
    ("060", "COOPERATE", "", ""),
    ("061", "COOPERATE", "", "economic"),
    ("062", "COOPERATE", "", "military"),
    ("063", "COOPERATE", "", "legal"),
    ("064", "COOPERATE", "", "intelligence"),
    ("07", "AID", "", ""),
    ("070", "AID", "", ""),
    ("071", "AID", "", "economic"),
    ("072", "AID", "", "military"),
    ("073", "AID", "", "humanitarian"),
    ("074", "AID", "", "peacekeeping"),
    ("075", "AID", "", "asylum"),
    ("08", "CONCEDE", "", ""),
    ("080", "CONCEDE", "", ""),
    ("081", "CONCEDE", "", "legal"),
    ("0811", "CONCEDE", "", "rights_freedoms"),
    ("0812", "CONCEDE", "", "democracy"),
    ("0813", "RETREAT", "", "legal"),
    ("0814", "RETREAT", "", "legal"),
    ("082", "CONCEDE", "", "democracy"),
    ("083", "CONCEDE", "", "political_institutions"),
    ("0831", "CONCEDE", "", "executive"),
    ("0832", "CONCEDE", "", "executive"),
    ("0833", "CONCEDE", "", "rights_freedoms"),
    ("0834", "CONCEDE", "", "political_institutions"),
    ("084", "RETREAT", "release", ""),
    ("0841", "RETREAT", "release", "legal"),
    ("0842", "RETREAT", "return", "legal"),
    ("085", "RETREAT", "", "economic"),
    ("086", "RETREAT", "access", "diplomatic"),
    ("0861", "RETREAT", "access", "peacekeeping"),
    ("0862", "RETREAT", "access", "diplomatic"),
    ("0863", "RETREAT", "access", "humanitarian"),
    ("087", "RETREAT", "disarm", "military"),
    ("0871", "RETREAT", "ceasefire", "military"),
    ("0872", "RETREAT", "withdraw", "military"),
    ("0873", "RETREAT", "disarm", "military"),
    ("0874", "RETREAT", "withdraw", "military"),
    ("09", "ACCUSE", "investigate", ""),
    ("090", "ACCUSE", "investigate", ""),
    ("091", "ACCUSE", "investigate", "crime"),
    ("092", "ACCUSE", "investigate", "human_rights"),
    ("093", "ACCUSE", "investigate", "military"),
    ("094", "ACCUSE", "investigate", "legal"),
    ("10", "REQUEST", "", ""),
    ("100", "REQUEST", "", ""),
    ("101", "REQUEST", "assist", ""),
    ("1011", "REQUEST", "assist", "economic"),
    ("1012", "REQUEST", "assist", "military"),
    ("1013", "REQUEST", "assist", "legal"),
    ("1014", "REQUEST", "assist", "intelligence"),
    ("102", "REQUEST", "assist", "diplomatic"),
    ("103", "REQUEST", "assist", ""),
    ("1031", "REQUEST", "assist", "economic"),
    ("1032", "REQUEST", "assist", "military"),
    ("1033", "REQUEST", "assist", "humanitarian"),
    ("1034", "REQUEST", "assist", "peacekeeping"),
    ("104", "REQUEST", "change", "political_institutions"),
    ("1041", "REQUEST", "change", "executive"),
    ("1042", "REQUEST", "change", "executive"),
    ("1043", "REQUEST", "change", "rights_freedoms"),
    ("1044", "REQUEST", "change", "political_institutions"),
    ("105", "REQUEST", "yield", ""),
    ("1051", "REQUEST", "yield", "legal"),
    ("1052", "REQUEST", "yield", "rights_freedoms"),
    ("1053", "REQUEST", "yield", "legal"),
    ("1054", "REQUEST", "yield", "economic"),
    ("1055", "REQUEST", "yield", "diplomatic"),
    ("1056", "REQUEST", "yield", "military"),
    ("106", "REQUEST", "meet", "diplomatic"),
    ("107", "REQUEST", "meet", "diplomatic"),
    ("108", "REQUEST", "meet", "diplomatic"),
    ("11", "ACCUSE", "disapprove", ""),
    ("110", "ACCUSE", "disapprove", ""),
    ("111", "ACCUSE", "disapprove", ""),
    ("112", "ACCUSE", "allege", ""),
    ("1121", "ACCUSE", "allege", "crime"),
    ("1122", "ACCUSE", "allege", "human_rights"),
    ("1123", "ACCUSE", "allege", "military"),
    ("1124", "ACCUSE", "allege", "legal"),
    ("1125", "ACCUSE", "allege", "intelligence"),
    ("113", "ACCUSE", "disapprove", ""),
    ("114", "ACCUSE", "allege", "diplomatic"),
    ("115", "ACCUSE", "allege", "legal"),
    ("116", "ACCUSE", "disapprove", "legal"),
    ("12", "REJECT", "", ""),
    ("120", "REJECT", "", ""),
    ("121", "REJECT", "assist", ""),
    ("1211", "REJECT", "assist", "economic"),
    ("1212", "REJECT", "assist", "military"),
    ("1213", "REJECT", "assist", "legal"),
    ("1214", "REJECT", "assist", "intelligence"),
    ("122", "REJECT", "assist", ""),
    ("1221", "REJECT", "assist", "economic"),
    ("1222", "REJECT", "assist", "military"),
    ("1223", "REJECT", "assist", "humanitarian"),
    ("1224", "REJECT", "assist", "peacekeeping"),
    ("123", "REJECT", "change", "political_institutions"),
    ("1231", "REJECT", "change", "executive"),
    ("1232", "REJECT", "change", "executive"),
    ("1233", "REJECT", "change", "rights_freedoms"),
    ("1234", "REJECT", "change", "political_institutions"),
    ("124", "REJECT", "yield", ""),
    ("1241", "REJECT", "yield", "legal"),
    ("1242", "REJECT", "yield", "rights_freedoms"),
    ("1243", "REJECT", "yield", "legal"),
    ("1244", "REJECT", "yield", "economic"),
    ("1245", "REJECT", "yield", "diplomatic"),
    ("1246", "REJECT", "yield", "military"),
    ("125", "REJECT", "meet", "diplomatic"),
    ("126", "REJECT", "meet", "diplomatic"),
    ("127", "REJECT", "meet", "diplomatic"),
    ("128", "REJECT", "yield", "legal"),
    ("129", "REJECT", "", "diplomatic"),
    ("13", "THREATEN", "", ""),
    ("130", "THREATEN", "", ""),
    ("131", "THREATEN", "", ""),
    ("1311", "THREATEN", "relations", "economic"),
    ("1312", "THREATEN", "restrict", "economic"),
    ("1313", "THREATEN", "relations", "diplomatic"),
    ("132", "THREATEN", "restrict", "legal"),
    ("1321", "THREATEN", "restrict", "rights_freedoms"),
    ("1322", "THREATEN", "ban", "pro_autocracy"),
    ("1323", "THREATEN", "restrict", "pro_autocracy"),
    ("1324", "THREATEN", "restrict", "pro_autocracy"),
    ("133", "THREATEN", "relations", ""),
    ("134", "THREATEN", "relations", "diplomatic"),
    ("135", "THREATEN", "relations", "diplomatic"),
    ("136", "THREATEN", "expel", "diplomatic"),
    ("137", "THREATEN", "violence", "pro_autocracy"),
    ("138", "THREATEN", "violence", "military"),
    ("1381", "THREATEN", "restrict", "military"),
    ("1382", "THREATEN", "territory", "military"),
    ("1383", "THREATEN", "violence", "military"),
    ("1384", "THREATEN", "violence", "military"),
    ("1385", "THREATEN", "violence", "cbrn"),
    ("139", "THREATEN", "", "diplomatic"),
    ("14", "PROTEST", "", ""),
    ("140", "PROTEST", "", ""),
    ("141", "PROTEST", "demo", ""),
    ("1411", "PROTEST", "demo", "executive"),
    ("1412", "PROTEST", "demo", "executive"),
    ("1413", "PROTEST", "demo", "rights_freedoms"),
    ("1414", "PROTEST", "demo", "political_institutions"),
    ("142", "PROTEST", "hunger", ""),
    ("1421", "PROTEST", "hunger", "executive"),
    ("1422", "PROTEST", "hunger", "executive"),
    ("1423", "PROTEST", "hunger", "rights_freedoms"),
    ("1424", "PROTEST", "hunger", "political_institutions"),
    ("143", "PROTEST", "boycott", ""),
    ("1431", "PROTEST", "boycott", "executive"),
    ("1432", "PROTEST", "boycott", "executive"),
    ("1433", "PROTEST", "boycott", "rights_freedoms"),
    ("1434", "PROTEST", "boycott", "political_institutions"),
    ("144", "PROTEST", "obstruct", ""),
    ("1441", "PROTEST", "obstruct", "executive"),
    ("1442", "PROTEST", "obstruct", "executive"),
    ("1443", "PROTEST", "obstruct", "rights_freedoms"),
    ("1444", "PROTEST", "obstruct", "political_institutions"),
    ("145", "PROTEST", "riot", ""),
    ("1451", "PROTEST", "riot", "executive"),
    ("1452", "PROTEST", "riot", "executive"),
    ("1453", "PROTEST", "riot", "rights_freedoms"),
    ("1454", "PROTEST", "riot", "political_institutions"),
    ("15", "MOBILIZE", "", ""),
    ("150", "MOBILIZE", "", ""),
    ("151", "MOBILIZE", "police", ""),
    ("152", "MOBILIZE", "troops", "military"),
    ("153", "MOBILIZE", "police", ""),
    ("154", "MOBILIZE", "troops", "military"),
    ("16", "SANCTION", "", ""),
    ("160", "SANCTION", "", ""),
    ("161", "SANCTION", "withdraw", "diplomatic"),
    ("162", "SANCTION", "discontinue", ""),
    ("1621", "SANCTION", "discontinue", "economic"),
    ("1622", "SANCTION", "discontinue", "military"),
    ("1623", "SANCTION", "discontinue", "humanitarian"),
    ("163", "SANCTION", "restrict", "economic"),
    ("164", "SANCTION", "withdraw", "diplomatic"),
    ("165", "SANCTION", "withdraw", "diplomatic"),
    ("166", "SANCTION", "expel", "diplomatic"),
    ("1661", "SANCTION", "expel", "peacekeeping"),
    ("1662", "SANCTION", "expel", "diplomatic"),
    ("1663", "SANCTION", "expel", "humanitarian"),
    ("17", "COERCE", "", ""),
    ("170", "COERCE", "", ""),
    ("171", "COERCE", "seize", ""),
    ("1711", "COERCE", "seize", ""),
    ("1712", "ASSAULT", "seize", ""),
    ("172", "COERCE", "restrict", "legal"),
    ("1721", "COERCE", "restrict", "rights_freedoms"),
    ("1722", "COERCE", "ban", "pro_autocracy"),
    ("1723", "COERCE", "curfew", "pro_autocracy"),
    ("1724", "COERCE", "martial-law", "pro_autocracy"),
    ("173", "COERCE", "arrest", "legal"),
    ("174", "COERCE", "deport", "legal"),
    ("175", "ASSAULT", "", "pro_autocracy"),
    ("176", "COERCE", "cyber", ""),
    ("18", "ASSAULT", "", ""),
    ("180", "ASSAULT", "", ""),
    ("181", "ASSAULT", "abduct", ""),
    ("182", "ASSAULT", "beat", ""),
    ("1821", "ASSAULT", "sexual", ""),
    ("1822", "ASSAULT", "torture", ""),
    ("1823", "ASSAULT", "beat", ""),
    ("183", "ASSAULT", "explosives", ""),
    ("1831", "ASSAULT", "suicide-attack", ""),
    ("1832", "ASSAULT", "explosives", ""),
    ("1833", "ASSAULT", "explosives", ""),
    ("184", "ASSAULT", "abduct", ""),
    ("185", "ASSAULT", "assassinate", ""),
    ("186", "ASSAULT", "assassinate", ""),
    ("19", "ASSAULT", "", "military"),
    ("190", "ASSAULT", "", "military"),
    ("191", "COERCE", "restrict", "military"),
    ("192", "COERCE", "seize", "military"),
    ("193", "ASSAULT", "firearms", "military"),
    ("194", "ASSAULT", "heavy-weapons", "military"),
    ("195", "ASSAULT", "aerial", "military"),
    ("1951", "ASSAULT", "aerial", "military"),
    ("1952", "ASSAULT", "drone", "military"),
    ("196", "ASSAULT", "", "military"),
    ("20", "ASSAULT", "", ""),
    ("200", "ASSAULT", "massacre", ""),
    ("201", "ASSAULT", "expel", "religion_ethnicity"),
    ("202", "ASSAULT", "massacre", ""),
    ("203", "ASSAULT", "cleansing", "religion_ethnicity"),
    ("204", "ASSAULT", "unconventional", "cbrn"),
    ("2041", "ASSAULT", "unconventional", "cbrn"),
    ("2042", "ASSAULT", "unconventional", "cbrn"),
];

/// The PLOVER mapping for a CAMEO code. A code outside the CAMEO table (GDELT has a few) gets
/// the entry of its longest prefix that is in the table; `None` when there is none.
pub fn for_cameo(code: &str) -> Option<Plover> {
    (2..=code.len()).rev().find_map(|n| {
        let prefix = code.get(..n)?;
        let i = MAP.binary_search_by(|(c, ..)| (*c).cmp(prefix)).ok()?;
        let (_, event_type, mode, context) = MAP[i];
        Some(Plover { event_type, mode, context })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cameo::CODES;

    #[test]
    fn table_is_sorted_and_matches_cameo_exactly() {
        for w in MAP.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[0].0, w[1].0);
        }
        let map_codes: Vec<_> = MAP.iter().map(|e| e.0).collect();
        let cameo_codes: Vec<_> = CODES.iter().map(|c| c.code).collect();
        assert_eq!(map_codes, cameo_codes);
    }

    #[test]
    fn every_type_is_plover_or_statement() {
        for &(code, t, mode, context) in MAP {
            assert!(EVENT_TYPES.contains(&t) || t == STATEMENT, "{code}: {t}");
            for s in [mode, context] {
                assert!(s.bytes().all(|b| b.is_ascii_lowercase() || b == b'_' || b == b'-'), "{code}: {s:?}");
            }
        }
        // Every PLOVER type is reachable from some CAMEO code.
        for t in EVENT_TYPES {
            assert!(MAP.iter().any(|e| e.1 == *t), "{t} unused");
        }
    }

    #[test]
    fn statements_are_marked() {
        for code in ["01", "010", "011", "012", "013", "014", "015", "017"] {
            let p = for_cameo(code).unwrap();
            assert_eq!(p.event_type, STATEMENT, "{code}");
            assert!(!p.is_plover());
        }
        assert_eq!(for_cameo("016").unwrap().event_type, "REJECT");
        assert_eq!(for_cameo("019").unwrap().event_type, "AGREE");
        // Every other root is a real PLOVER type.
        for r in crate::cameo::roots().filter(|r| r.code != "01") {
            assert!(for_cameo(r.code).unwrap().is_plover(), "{}", r.code);
        }
    }

    #[test]
    fn spot_checks() {
        let p = |c| for_cameo(c).unwrap();
        assert_eq!(p("0234"), Plover { event_type: "REQUEST", mode: "assist", context: "peacekeeping" });
        assert_eq!(p("072"), Plover { event_type: "AID", mode: "", context: "military" });
        assert_eq!(p("042"), Plover { event_type: "CONSULT", mode: "visit", context: "" });
        assert_eq!(p("0841").event_type, "RETREAT");
        assert_eq!(p("0831").event_type, "CONCEDE");
        assert_eq!(p("173"), Plover { event_type: "COERCE", mode: "arrest", context: "legal" });
        assert_eq!(p("163").event_type, "SANCTION");
        assert_eq!(p("192").event_type, "COERCE");
        assert_eq!(p("193").mode, "firearms");
        assert_eq!(p("2042").context, "cbrn");
        assert_eq!(p("1121").event_type, "ACCUSE");
        assert_eq!(p("091").mode, "investigate");
    }

    #[test]
    fn unknown_codes_fall_back_to_a_prefix() {
        // GDELT's odd codes and longer codes take their parent's type.
        assert_eq!(for_cameo("0847").unwrap().event_type, "RETREAT");
        assert_eq!(for_cameo("19512").unwrap().mode, "aerial");
        assert_eq!(for_cameo("21"), None);
        assert_eq!(for_cameo("2"), None);
        assert_eq!(for_cameo(""), None);
        assert_eq!(for_cameo("é1"), None);
    }

    /// Codes where this table deliberately differs in type from PLOVER's 2021 crosswalk.
    const DELIBERATE: &[&str] = &["163"];

    #[test]
    fn agrees_with_plover_crosswalk() {
        let Some(path) = crate::testdata::shared_data("cameo/CAMEO2PLOVER-2021.txt") else { return };
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let (mut checked, mut same_mode, mut same_context) = (0, 0, 0);
        let mut problems = Vec::new();
        for (n, line) in text.lines().enumerate() {
            // `0841: RETREAT, release,   legal # Return, release person(s)`
            let line = line.split('#').next().unwrap_or("");
            let Some((code, rest)) = line.split_once(':') else { continue };
            let code = code.trim();
            if code.len() < 3 || !code.bytes().all(|b| b.is_ascii_digit()) {
                // Roots are listed once per type they split into (08: CONCEDE and RETREAT).
                continue;
            }
            let mut fields = rest.split(',').map(str::trim);
            let (t, mode, context) = (
                fields.next().unwrap_or(""),
                fields.next().unwrap_or(""),
                fields.next().unwrap_or(""),
            );
            let Some(ours) = for_cameo(code) else {
                problems.push(format!("line {}: {code} not mapped here", n + 1));
                continue;
            };
            checked += 1;
            if ours.event_type != t && !DELIBERATE.contains(&code) {
                problems.push(format!("line {}: {code} is {} here, {t} in PLOVER", n + 1, ours.event_type));
            }
            same_mode += usize::from(ours.mode == mode);
            same_context += usize::from(ours.context == context);
        }
        eprintln!("PLOVER crosswalk: {checked} codes, mode equal on {same_mode}, context on {same_context}");
        assert!(checked > 250, "only {checked} lines read from {}", path.display());
        assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
    }
}
