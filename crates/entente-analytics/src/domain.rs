//! Which field of relations a CAMEO code is about: military, economic, diplomatic,
//! political/verbal, humanitarian or legal.
//!
//! Every code maps to exactly one domain, so domain counts add up to the event count. The
//! mapping is by *subject matter*, not by intensity: "demand military aid" (1032) is military
//! just as "provide military aid" (072) is; the quad class already says whether it is verbal or
//! material, cooperative or conflictual. Codes whose CAMEO definition names no subject
//! (statements, unspecified appeals, demands, criticism, threats, protest) fall to
//! political/verbal. The table is [`RULES`], longest prefix first; it is reproduced in the crate
//! documentation and in ARCHITECTURE.md.

use serde::{Deserialize, Serialize};

/// A field of relations between two states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Domain {
    /// Armed force, arms, alerts, military aid and cooperation, intelligence, peacekeeping,
    /// ceasefires, violence.
    Military,
    /// Trade, economic cooperation and aid, sanctions, embargoes, boycotts.
    Economic,
    /// Meetings, visits, negotiation, mediation, agreements, recognition, diplomatic ties.
    Diplomatic,
    /// Statements, appeals, demands, criticism, rejections, threats and protest that name no
    /// other field.
    Political,
    /// Humanitarian aid, asylum, aid agencies.
    Humanitarian,
    /// Courts, investigations, arrests, detention, release, expulsions, administrative
    /// sanctions, judicial cooperation, inspections, breaches of law.
    Legal,
}

impl Domain {
    /// All domains, in the order a guide presents them.
    pub const ALL: [Domain; 6] = [
        Domain::Military,
        Domain::Economic,
        Domain::Diplomatic,
        Domain::Political,
        Domain::Humanitarian,
        Domain::Legal,
    ];

    /// The domain's name in prose.
    pub fn label(self) -> &'static str {
        match self {
            Domain::Military => "military",
            Domain::Economic => "economic",
            Domain::Diplomatic => "diplomatic",
            Domain::Political => "political/verbal",
            Domain::Humanitarian => "humanitarian",
            Domain::Legal => "legal",
        }
    }

    /// The domain of a CAMEO code (2–4 digits, leading zeros kept). Unknown codes are political.
    pub fn of(code: &str) -> Domain {
        // Codes are at most 4 digits, so the longest matching prefix is found by trying the
        // code itself and then each shorter prefix.
        for len in (2..=code.len().min(4)).rev() {
            let prefix = &code[..len];
            if let Some((_, d)) = RULES.iter().find(|(p, _)| *p == prefix) {
                return *d;
            }
        }
        Domain::Political
    }
}

use Domain::*;

/// The mapping: a code belongs to the domain of its longest prefix listed here, else to
/// [`Domain::Political`]. Grouped by CAMEO root.
pub const RULES: &[(&str, Domain)] = &[
    // 02 appeal
    ("0211", Economic), ("0212", Military), ("0213", Legal), ("0214", Military),
    ("022", Diplomatic), ("0231", Economic), ("0232", Military), ("0233", Humanitarian),
    ("0234", Military), ("0251", Legal), ("0253", Legal), ("0254", Economic),
    ("0255", Diplomatic), ("0256", Military), ("026", Diplomatic), ("027", Diplomatic),
    ("028", Diplomatic),
    // 03 express intent to cooperate
    ("0311", Economic), ("0312", Military), ("0313", Legal), ("0314", Military),
    ("032", Diplomatic), ("0331", Economic), ("0332", Military), ("0333", Humanitarian),
    ("0334", Military), ("0351", Legal), ("0353", Legal), ("0354", Economic),
    ("0355", Diplomatic), ("0356", Military), ("036", Diplomatic), ("037", Diplomatic),
    ("038", Diplomatic), ("039", Diplomatic),
    // 04 consult, 05 diplomatic cooperation
    ("04", Diplomatic), ("05", Diplomatic),
    // 06 material cooperation
    ("061", Economic), ("062", Military), ("063", Legal), ("064", Military),
    // 07 provide aid
    ("071", Economic), ("072", Military), ("073", Humanitarian), ("074", Military),
    ("075", Humanitarian),
    // 08 yield
    ("081", Legal), ("084", Legal), ("085", Economic), ("086", Diplomatic),
    ("0861", Military), ("0862", Legal), ("0863", Humanitarian), ("087", Military),
    // 09 investigate
    ("09", Legal),
    // 10 demand
    ("1011", Economic), ("1012", Military), ("1013", Legal), ("1014", Military),
    ("102", Diplomatic), ("1031", Economic), ("1032", Military), ("1033", Humanitarian),
    ("1034", Military), ("1051", Legal), ("1053", Legal), ("1054", Economic),
    ("1055", Diplomatic), ("1056", Military), ("106", Diplomatic), ("107", Diplomatic),
    ("108", Diplomatic),
    // 11 disapprove
    ("1121", Legal), ("1122", Legal), ("1123", Military), ("1124", Legal), ("1125", Legal),
    ("115", Legal), ("116", Legal),
    // 12 reject
    ("1211", Economic), ("1212", Military), ("1213", Legal), ("1214", Military),
    ("1221", Economic), ("1222", Military), ("1223", Humanitarian), ("1224", Military),
    ("1241", Legal), ("1243", Legal), ("1244", Economic), ("1245", Diplomatic),
    ("1246", Military), ("125", Diplomatic), ("126", Diplomatic), ("127", Diplomatic),
    ("128", Legal), ("129", Diplomatic),
    // 13 threaten
    ("1311", Economic), ("1312", Economic), ("1313", Diplomatic), ("132", Legal),
    ("134", Diplomatic), ("135", Diplomatic), ("136", Diplomatic), ("137", Military),
    ("138", Military),
    // 15 force posture
    ("15", Military),
    // 16 reduce relations
    ("161", Diplomatic), ("1621", Economic), ("1622", Military), ("1623", Humanitarian),
    ("163", Economic), ("164", Diplomatic), ("165", Diplomatic), ("166", Diplomatic),
    ("1661", Military), ("1662", Legal), ("1663", Humanitarian),
    // 17 coerce
    ("171", Legal), ("172", Legal), ("173", Legal), ("174", Legal), ("175", Military),
    ("176", Military),
    // 18 assault, 19 fight, 20 mass violence
    ("18", Military), ("19", Military), ("20", Military),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        let cases = [
            ("0841", Legal),       // release persons: legal, from 084
            ("0862", Legal),       // receive inspectors
            ("0861", Military),    // receive peacekeepers, more specific than 086
            ("086", Diplomatic),   // allow international involvement
            ("0871", Military),    // ceasefire
            ("163", Economic),     // sanctions
            ("1623", Humanitarian),
            ("1123", Military),    // accuse of aggression
            ("1121", Legal),       // accuse of crime
            ("112", Political),    // accuse, unspecified
            ("042", Diplomatic),
            ("057", Diplomatic),
            ("010", Political),
            ("190", Military),
            ("1951", Military),
            ("073", Humanitarian),
            ("0233", Humanitarian),
            ("0256", Military),
            ("060", Political),    // material cooperation, subject unspecified
            ("", Political),
            ("9", Political),
        ];
        for (code, want) in cases {
            assert_eq!(Domain::of(code), want, "{code}");
        }
    }

    #[test]
    fn rules_name_real_codes_once() {
        let mut seen = std::collections::HashSet::new();
        for (p, _) in RULES {
            assert!(entente_core::cameo::lookup(p).is_some(), "{p} is not a CAMEO code");
            assert!(seen.insert(*p), "{p} listed twice");
        }
    }
}
