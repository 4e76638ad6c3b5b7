//! The CAMEO event ontology: every code with its name, Goldstein value, root and quad class.
//!
//! The table is CAMEO 1.1b3 as GDELT and ICEWS use it: the 20 roots, every three-digit code and
//! every four-digit code, with the Goldstein values of GDELT's scale. Five codes of the CAMEO
//! 1.1b3 manual that GDELT's scale omits are included too, because the PETRARCH verb dictionaries
//! assign them ([`NOT_IN_GDELT`]); they carry the Goldstein value of their parent.

/// One CAMEO event code.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CodeInfo {
    /// The code, 2 to 4 digits, e.g. `"0841"`.
    pub code: &'static str,
    /// CAMEO's name for it.
    pub name: &'static str,
    /// Goldstein conflict–cooperation value, -10 to +10.
    pub goldstein: f32,
    /// The two-digit root.
    pub root: &'static str,
    /// GDELT's quad class (1–4) of the root.
    pub quad_class: u8,
}

macro_rules! codes {
    ($( $code:literal, $gold:literal, $name:literal; )*) => {
        &[ $( CodeInfo {
            code: $code,
            name: $name,
            goldstein: $gold,
            root: root_of($code),
            quad_class: quad_of($code),
        }, )* ]
    };
}

const fn root_of(code: &'static str) -> &'static str {
    // A `const fn` slice of the first two bytes.
    let b = code.as_bytes();
    match (b[0], b[1]) {
        (b'0', b'1') => "01", (b'0', b'2') => "02", (b'0', b'3') => "03", (b'0', b'4') => "04",
        (b'0', b'5') => "05", (b'0', b'6') => "06", (b'0', b'7') => "07", (b'0', b'8') => "08",
        (b'0', b'9') => "09", (b'1', b'0') => "10", (b'1', b'1') => "11", (b'1', b'2') => "12",
        (b'1', b'3') => "13", (b'1', b'4') => "14", (b'1', b'5') => "15", (b'1', b'6') => "16",
        (b'1', b'7') => "17", (b'1', b'8') => "18", (b'1', b'9') => "19", (b'2', b'0') => "20",
        _ => panic!("CAMEO code outside roots 01-20"),
    }
}

const fn quad_of(code: &'static str) -> u8 {
    let b = code.as_bytes();
    let root = (b[0] - b'0') * 10 + (b[1] - b'0');
    match root {
        1..=5 => 1,
        6..=9 => 2,
        10..=14 => 3,
        _ => 4,
    }
}

/// Codes of the CAMEO 1.1b3 manual (and the PETRARCH dictionaries) that GDELT's Goldstein scale
/// does not list. Their Goldstein value is their parent's.
pub const NOT_IN_GDELT: &[&str] = &["1213", "1214", "176", "1951", "1952"];

/// Every CAMEO code, sorted by code.
pub static CODES: &[CodeInfo] = codes! {
    "01", 0.0, "Make public statement";
    "010", 0.0, "Make statement, not specified below";
    "011", -0.1, "Decline comment";
    "012", -0.4, "Make pessimistic comment";
    "013", 0.4, "Make optimistic comment";
    "014", 0.0, "Consider policy option";
    "015", 0.0, "Acknowledge or claim responsibility";
    "016", -2.0, "Deny responsibility";
    "017", 0.0, "Engage in symbolic act";
    "018", 3.4, "Make empathetic comment";
    "019", 3.4, "Express accord";
    "02", 3.0, "Appeal";
    "020", 3.0, "Make an appeal or request, not specified below";
    "021", 3.4, "Appeal for material cooperation";
    "0211", 3.4, "Appeal for economic cooperation";
    "0212", 3.4, "Appeal for military cooperation";
    "0213", 3.4, "Appeal for judicial cooperation";
    "0214", 3.4, "Appeal for intelligence";
    "022", 3.2, "Appeal for diplomatic cooperation, such as policy support";
    "023", 3.4, "Appeal for aid";
    "0231", 3.4, "Appeal for economic aid";
    "0232", 3.4, "Appeal for military aid";
    "0233", 3.4, "Appeal for humanitarian aid";
    "0234", 3.4, "Appeal for military protection or peacekeeping";
    "024", -0.3, "Appeal for political reform";
    "0241", -0.3, "Appeal for change in leadership";
    "0242", -0.3, "Appeal for policy change";
    "0243", -0.3, "Appeal for rights";
    "0244", -0.3, "Appeal for change in institutions, regime";
    "025", -0.3, "Appeal to yield";
    "0251", -0.3, "Appeal for easing of administrative sanctions";
    "0252", -0.3, "Appeal for easing of popular dissent";
    "0253", -0.3, "Appeal for release of persons or property";
    "0254", -0.3, "Appeal for easing of economic sanctions, boycott, or embargo";
    "0255", -0.3, "Appeal for target to allow international involvement (non-mediation)";
    "0256", -0.3, "Appeal for de-escalation of military engagement";
    "026", 4.0, "Appeal to others to meet or negotiate";
    "027", 4.0, "Appeal to others to settle dispute";
    "028", 4.0, "Appeal to others to engage in or accept mediation";
    "03", 4.0, "Express intent to cooperate";
    "030", 4.0, "Express intent to cooperate, not specified below";
    "031", 5.2, "Express intent to engage in material cooperation";
    "0311", 5.2, "Express intent to cooperate economically";
    "0312", 5.2, "Express intent to cooperate militarily";
    "0313", 5.2, "Express intent to cooperate on judicial matters";
    "0314", 5.2, "Express intent to cooperate on intelligence";
    "032", 4.5, "Express intent to provide diplomatic cooperation";
    "033", 5.2, "Express intent to provide material aid";
    "0331", 5.2, "Express intent to provide economic aid";
    "0332", 5.2, "Express intent to provide military aid";
    "0333", 5.2, "Express intent to provide humanitarian aid";
    "0334", 6.0, "Express intent to provide military protection or peacekeeping";
    "034", 7.0, "Express intent to institute political reform";
    "0341", 7.0, "Express intent to change leadership";
    "0342", 7.0, "Express intent to change policy";
    "0343", 7.0, "Express intent to provide rights";
    "0344", 7.0, "Express intent to change institutions, regime";
    "035", 7.0, "Express intent to yield";
    "0351", 7.0, "Express intent to ease administrative sanctions";
    "0352", 7.0, "Express intent to ease popular dissent";
    "0353", 7.0, "Express intent to release persons or property";
    "0354", 7.0, "Express intent to ease economic sanctions, boycott, or embargo";
    "0355", 7.0, "Express intent to allow international involvement (non-mediation)";
    "0356", 7.0, "Express intent to de-escalate military engagement";
    "036", 4.0, "Express intent to meet or negotiate";
    "037", 5.0, "Express intent to settle dispute";
    "038", 7.0, "Express intent to accept mediation";
    "039", 5.0, "Express intent to mediate";
    "04", 1.0, "Consult";
    "040", 1.0, "Consult, not specified below";
    "041", 1.0, "Discuss by telephone";
    "042", 1.9, "Make a visit";
    "043", 2.8, "Host a visit";
    "044", 2.5, "Meet at a \"third\" location";
    "045", 5.0, "Mediate";
    "046", 7.0, "Engage in negotiation";
    "05", 3.5, "Engage in diplomatic cooperation";
    "050", 3.5, "Engage in diplomatic cooperation, not specified below";
    "051", 3.4, "Praise or endorse";
    "052", 3.5, "Defend verbally";
    "053", 3.8, "Rally support on behalf of";
    "054", 6.0, "Grant diplomatic recognition";
    "055", 7.0, "Apologize";
    "056", 7.0, "Forgive";
    "057", 8.0, "Sign formal agreement";
    "06", 6.0, "Engage in material cooperation";
    "060", 6.0, "Engage in material cooperation, not specified below";
    "061", 6.4, "Cooperate economically";
    "062", 7.4, "Cooperate militarily";
    "063", 7.4, "Engage in judicial cooperation";
    "064", 7.0, "Share intelligence or information";
    "07", 7.0, "Provide aid";
    "070", 7.0, "Provide aid, not specified below";
    "071", 7.4, "Provide economic aid";
    "072", 8.3, "Provide military aid";
    "073", 7.4, "Provide humanitarian aid";
    "074", 8.5, "Provide military protection or peacekeeping";
    "075", 7.0, "Grant asylum";
    "08", 5.0, "Yield";
    "080", 5.0, "Yield, not specified below";
    "081", 5.0, "Ease administrative sanctions";
    "0811", 5.0, "Ease restrictions on political freedoms";
    "0812", 5.0, "Ease ban on political parties or politicians";
    "0813", 5.0, "Ease curfew";
    "0814", 5.0, "Ease state of emergency or martial law";
    "082", 5.0, "Ease political dissent";
    "083", 5.0, "Accede to requests or demands for political reform";
    "0831", 5.0, "Accede to demands for change in leadership";
    "0832", 5.0, "Accede to demands for change in policy";
    "0833", 5.0, "Accede to demands for rights";
    "0834", 5.0, "Accede to demands for change in institutions, regime";
    "084", 7.0, "Return, release, not specified below";
    "0841", 7.0, "Return, release person(s)";
    "0842", 7.0, "Return, release property";
    "085", 7.0, "Ease economic sanctions, boycott, embargo";
    "086", 9.0, "Allow international involvement, not specified below";
    "0861", 9.0, "Receive deployment of peacekeepers";
    "0862", 9.0, "Receive inspectors";
    "0863", 9.0, "Allow delivery of humanitarian aid";
    "087", 9.0, "De-escalate military engagement";
    "0871", 9.0, "Declare truce, ceasefire";
    "0872", 9.0, "Ease military blockade";
    "0873", 9.0, "Demobilize armed forces";
    "0874", 10.0, "Retreat or surrender militarily";
    "09", -2.0, "Investigate";
    "090", -2.0, "Investigate, not specified below";
    "091", -2.0, "Investigate crime, corruption";
    "092", -2.0, "Investigate human rights abuses";
    "093", -2.0, "Investigate military action";
    "094", -2.0, "Investigate war crimes";
    "10", -5.0, "Demand";
    "100", -5.0, "Demand, not specified below";
    "101", -5.0, "Demand material cooperation";
    "1011", -5.0, "Demand economic cooperation";
    "1012", -5.0, "Demand military cooperation";
    "1013", -5.0, "Demand judicial cooperation";
    "1014", -5.0, "Demand intelligence cooperation";
    "102", -5.0, "Demand diplomatic cooperation, such as policy support";
    "103", -5.0, "Demand material aid";
    "1031", -5.0, "Demand economic aid";
    "1032", -5.0, "Demand military aid";
    "1033", -5.0, "Demand humanitarian aid";
    "1034", -5.0, "Demand military protection or peacekeeping";
    "104", -5.0, "Demand political reform";
    "1041", -5.0, "Demand change in leadership";
    "1042", -5.0, "Demand policy change";
    "1043", -5.0, "Demand rights";
    "1044", -5.0, "Demand change in institutions, regime";
    "105", -5.0, "Demand that target yields";
    "1051", -5.0, "Demand easing of administrative sanctions";
    "1052", -5.0, "Demand easing of popular dissent";
    "1053", -5.0, "Demand release of persons or property";
    "1054", -5.0, "Demand easing of economic sanctions, boycott, or embargo";
    "1055", -5.0, "Demand that target allows international involvement (non-mediation)";
    "1056", -5.0, "Demand de-escalation of military engagement";
    "106", -5.0, "Demand meeting, negotiation";
    "107", -5.0, "Demand settling of dispute";
    "108", -5.0, "Demand mediation";
    "11", -2.0, "Disapprove";
    "110", -2.0, "Disapprove, not specified below";
    "111", -2.0, "Criticize or denounce";
    "112", -2.0, "Accuse, not specified below";
    "1121", -2.0, "Accuse of crime, corruption";
    "1122", -2.0, "Accuse of human rights abuses";
    "1123", -2.0, "Accuse of aggression";
    "1124", -2.0, "Accuse of war crimes";
    "1125", -2.0, "Accuse of espionage, treason";
    "113", -2.0, "Rally opposition against";
    "114", -2.0, "Complain officially";
    "115", -2.0, "Bring lawsuit against";
    "116", -2.0, "Find guilty or liable (legally)";
    "12", -4.0, "Reject";
    "120", -4.0, "Reject, not specified below";
    "121", -4.0, "Reject material cooperation";
    "1211", -4.0, "Reject economic cooperation";
    "1212", -4.0, "Reject military cooperation";
    "1213", -4.0, "Reject judicial cooperation";
    "1214", -4.0, "Reject intelligence cooperation";
    "122", -4.0, "Reject request or demand for material aid";
    "1221", -4.0, "Reject request for economic aid";
    "1222", -4.0, "Reject request for military aid";
    "1223", -4.0, "Reject request for humanitarian aid";
    "1224", -4.0, "Reject request for military protection or peacekeeping";
    "123", -4.0, "Reject request or demand for political reform";
    "1231", -4.0, "Reject request for change in leadership";
    "1232", -4.0, "Reject request for policy change";
    "1233", -4.0, "Reject request for rights";
    "1234", -4.0, "Reject request for change in institutions, regime";
    "124", -4.0, "Refuse to yield";
    "1241", -4.0, "Refuse to ease administrative sanctions";
    "1242", -4.0, "Refuse to ease popular dissent";
    "1243", -4.0, "Refuse to release persons or property";
    "1244", -4.0, "Refuse to ease economic sanctions, boycott, or embargo";
    "1245", -4.0, "Refuse to allow international involvement (non-mediation)";
    "1246", -4.0, "Refuse to de-escalate military engagement";
    "125", -5.0, "Reject proposal to meet, discuss, or negotiate";
    "126", -5.0, "Reject mediation";
    "127", -5.0, "Reject plan, agreement to settle dispute";
    "128", -5.0, "Defy norms, law";
    "129", -5.0, "Veto";
    "13", -6.0, "Threaten";
    "130", -4.4, "Threaten, not specified below";
    "131", -5.8, "Threaten non-force";
    "1311", -5.8, "Threaten to reduce or stop aid";
    "1312", -5.8, "Threaten to boycott, embargo, or sanction";
    "1313", -5.8, "Threaten to reduce or break relations";
    "132", -5.8, "Threaten with administrative sanctions";
    "1321", -5.8, "Threaten to impose restrictions on political freedoms";
    "1322", -5.8, "Threaten to ban political parties or politicians";
    "1323", -5.8, "Threaten to impose curfew";
    "1324", -5.8, "Threaten to impose state of emergency or martial law";
    "133", -5.8, "Threaten political dissent, protest";
    "134", -5.8, "Threaten to halt negotiations";
    "135", -5.8, "Threaten to halt mediation";
    "136", -7.0, "Threaten to halt international involvement (non-mediation)";
    "137", -7.0, "Threaten with violent repression";
    "138", -7.0, "Threaten to use military force";
    "1381", -7.0, "Threaten blockade";
    "1382", -7.0, "Threaten occupation";
    "1383", -7.0, "Threaten unconventional violence";
    "1384", -7.0, "Threaten conventional attack";
    "1385", -7.0, "Threaten attack with WMD";
    "139", -7.0, "Give ultimatum";
    "14", -6.5, "Protest";
    "140", -6.5, "Engage in political dissent, not specified below";
    "141", -6.5, "Demonstrate or rally";
    "1411", -6.5, "Demonstrate for leadership change";
    "1412", -6.5, "Demonstrate for policy change";
    "1413", -6.5, "Demonstrate for rights";
    "1414", -6.5, "Demonstrate for change in institutions, regime";
    "142", -6.5, "Conduct hunger strike";
    "1421", -6.5, "Conduct hunger strike for leadership change";
    "1422", -6.5, "Conduct hunger strike for policy change";
    "1423", -6.5, "Conduct hunger strike for rights";
    "1424", -6.5, "Conduct hunger strike for change in institutions, regime";
    "143", -6.5, "Conduct strike or boycott";
    "1431", -6.5, "Conduct strike or boycott for leadership change";
    "1432", -6.5, "Conduct strike or boycott for policy change";
    "1433", -6.5, "Conduct strike or boycott for rights";
    "1434", -6.5, "Conduct strike or boycott for change in institutions, regime";
    "144", -7.5, "Obstruct passage, block";
    "1441", -7.5, "Obstruct passage to demand leadership change";
    "1442", -7.5, "Obstruct passage to demand policy change";
    "1443", -7.5, "Obstruct passage to demand rights";
    "1444", -7.5, "Obstruct passage to demand change in institutions, regime";
    "145", -7.5, "Protest violently, riot";
    "1451", -7.5, "Engage in violent protest for leadership change";
    "1452", -7.5, "Engage in violent protest for policy change";
    "1453", -7.5, "Engage in violent protest for rights";
    "1454", -7.5, "Engage in violent protest for change in institutions, regime";
    "15", -7.2, "Exhibit force posture";
    "150", -7.2, "Demonstrate military or police power, not specified below";
    "151", -7.2, "Increase police alert status";
    "152", -7.2, "Increase military alert status";
    "153", -7.2, "Mobilize or increase police power";
    "154", -7.2, "Mobilize or increase armed forces";
    "16", -4.0, "Reduce relations";
    "160", -4.0, "Reduce relations, not specified below";
    "161", -4.0, "Reduce or break diplomatic relations";
    "162", -5.6, "Reduce or stop material aid";
    "1621", -5.6, "Reduce or stop economic assistance";
    "1622", -5.6, "Reduce or stop military assistance";
    "1623", -5.6, "Reduce or stop humanitarian assistance";
    "163", -8.0, "Impose embargo, boycott, or sanctions";
    "164", -7.0, "Halt negotiations";
    "165", -6.5, "Halt mediation";
    "166", -7.0, "Expel or withdraw, not specified below";
    "1661", -7.0, "Expel or withdraw peacekeepers";
    "1662", -7.0, "Expel or withdraw inspectors, observers";
    "1663", -7.0, "Expel or withdraw aid agencies";
    "17", -7.0, "Coerce";
    "170", -7.0, "Coerce, not specified below";
    "171", -9.2, "Seize or damage property";
    "1711", -9.2, "Confiscate property";
    "1712", -9.2, "Destroy property";
    "172", -5.0, "Impose administrative sanctions";
    "1721", -5.0, "Impose restrictions on political freedoms";
    "1722", -5.0, "Ban political parties or politicians";
    "1723", -5.0, "Impose curfew";
    "1724", -5.0, "Impose state of emergency or martial law";
    "173", -5.0, "Arrest, detain, or charge with legal action";
    "174", -5.0, "Expel or deport individuals";
    "175", -9.0, "Use tactics of violent repression";
    "176", -7.0, "Attack cybernetically";
    "18", -9.0, "Assault";
    "180", -9.0, "Use unconventional violence, not specified below";
    "181", -9.0, "Abduct, hijack, or take hostage";
    "182", -9.5, "Physically assault";
    "1821", -9.0, "Sexually assault";
    "1822", -9.0, "Torture";
    "1823", -10.0, "Kill by physical assault";
    "183", -10.0, "Conduct suicide, car, or other non-military bombing";
    "1831", -10.0, "Carry out suicide bombing";
    "1832", -10.0, "Carry out car bombing";
    "1833", -10.0, "Carry out roadside bombing";
    "184", -8.0, "Use as human shield";
    "185", -8.0, "Attempt to assassinate";
    "186", -10.0, "Assassinate";
    "19", -10.0, "Fight";
    "190", -10.0, "Use conventional military force, not specified below";
    "191", -9.5, "Impose blockade, restrict movement";
    "192", -9.5, "Occupy territory";
    "193", -10.0, "Fight with small arms and light weapons";
    "194", -10.0, "Fight with artillery and tanks";
    "195", -10.0, "Employ aerial weapons";
    "1951", -10.0, "Employ precision-guided aerial munitions";
    "1952", -10.0, "Employ remotely piloted aerial munitions";
    "196", -9.5, "Violate ceasefire";
    "20", -10.0, "Use unconventional mass violence";
    "200", -10.0, "Use unconventional mass violence, not specified below";
    "201", -9.5, "Engage in mass expulsion";
    "202", -10.0, "Engage in mass killings";
    "203", -10.0, "Engage in ethnic cleansing";
    "204", -10.0, "Use weapons of mass destruction";
    "2041", -10.0, "Use chemical, biological, or radiological weapons";
    "2042", -10.0, "Detonate nuclear weapons";
};

/// The entry for `code` (2, 3 or 4 digits), if CAMEO has it.
pub fn lookup(code: &str) -> Option<&'static CodeInfo> {
    CODES.binary_search_by(|c| c.code.cmp(code)).ok().map(|i| &CODES[i])
}

/// The quad class of any code whose root is 01–20, even a code not in the table.
pub fn quad_class(code: &str) -> Option<u8> {
    let root: u8 = code.get(..2)?.parse().ok()?;
    match root {
        1..=5 => Some(1),
        6..=9 => Some(2),
        10..=14 => Some(3),
        15..=20 => Some(4),
        _ => None,
    }
}

/// The name of a two-digit root.
pub fn root_name(root: &str) -> Option<&'static str> {
    lookup(root).map(|c| c.name)
}

/// The code one level up: `"0841"` → `"084"`, `"084"` → `"08"`; `None` for a root or a code
/// not in the table.
pub fn parent(code: &str) -> Option<&'static CodeInfo> {
    lookup(code)?;
    if code.len() <= 2 {
        return None;
    }
    lookup(&code[..code.len() - 1])
}

/// The codes one level below `code`, in order: the three-digit codes of a root, the four-digit
/// codes of a three-digit code. Empty for a leaf or an unknown code.
pub fn children(code: &str) -> impl Iterator<Item = &'static CodeInfo> + '_ {
    // The table is sorted, so the descendants of `code` follow it contiguously.
    let start = match lookup(code) {
        Some(_) => CODES.partition_point(|c| c.code <= code),
        None => CODES.len(),
    };
    CODES[start..]
        .iter()
        .take_while(move |c| c.code.starts_with(code))
        .filter(move |c| c.code.len() == code.len() + 1)
}

/// The 20 roots, `"01"` to `"20"`.
pub fn roots() -> impl Iterator<Item = &'static CodeInfo> {
    CODES.iter().filter(|c| c.code.len() == 2)
}

/// Every three-digit code (including the `0` "not specified below" codes such as `"010"`), in
/// order: the level at which coverage is usually reported.
pub fn three_digit_codes() -> impl Iterator<Item = &'static CodeInfo> {
    CODES.iter().filter(|c| c.code.len() == 3)
}

/// Checks that `code` is in CAMEO and returns its entry.
pub fn check(code: &str) -> crate::Result<&'static CodeInfo> {
    lookup(code).ok_or_else(|| crate::Error::EventCode(code.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn table_is_sorted_and_unique() {
        for w in CODES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
        }
    }

    #[test]
    fn codes_are_well_formed() {
        for c in CODES {
            assert!((2..=4).contains(&c.code.len()), "{}", c.code);
            assert!(c.code.bytes().all(|b| b.is_ascii_digit()), "{}", c.code);
            assert!((-10.0..=10.0).contains(&c.goldstein), "{} {}", c.code, c.goldstein);
            assert!(!c.name.is_empty() && c.name.trim() == c.name, "{}", c.code);
            assert_eq!(c.root, &c.code[..2]);
        }
    }

    #[test]
    fn counts_per_level() {
        let roots: Vec<_> = roots().map(|c| c.code).collect();
        let expected: Vec<String> = (1..=20).map(|r| format!("{r:02}")).collect();
        assert_eq!(roots, expected);
        // Counted by hand from the CAMEO manual, root by root. Three-digit codes:
        // 10 + 9 + 10 + 7 + 8 + 5 + 6 + 8 + 5 + 9 + 7 + 10 + 10 + 6 + 5 + 7 + 7 + 7 + 7 + 5 = 148
        // (one of them, 176, not in GDELT). Four-digit codes: 18 (02) + 18 (03) + 17 (08)
        // + 18 (10) + 5 (11) + 18 (12) + 12 (13) + 20 (14) + 6 (16) + 6 (17) + 6 (18) + 2 (19)
        // + 2 (20) = 148, four of them not in GDELT.
        assert_eq!(three_digit_codes().count(), 148);
        assert_eq!(CODES.iter().filter(|c| c.code.len() == 4).count(), 148);
        assert_eq!(CODES.len(), 20 + 148 + 148);
    }

    #[test]
    fn every_code_has_its_parents() {
        for c in CODES.iter().filter(|c| c.code.len() > 2) {
            let p = parent(c.code).unwrap_or_else(|| panic!("{} has no parent", c.code));
            assert_eq!(p.code, &c.code[..c.code.len() - 1]);
        }
        // Each root has its "not specified below" code 0, each 3-digit parent at least 2 children.
        for r in roots() {
            assert!(lookup(&format!("{}0", r.code)).is_some(), "{}0 missing", r.code);
        }
        for t in three_digit_codes() {
            let n = children(t.code).count();
            assert!(n == 0 || n >= 2, "{} has a single child", t.code);
        }
    }

    #[test]
    fn children_and_three_digit_helpers() {
        let kids: Vec<_> = children("08").map(|c| c.code).collect();
        assert_eq!(kids, ["080", "081", "082", "083", "084", "085", "086", "087"]);
        let kids: Vec<_> = children("084").map(|c| c.code).collect();
        assert_eq!(kids, ["0841", "0842"]);
        assert_eq!(children("0841").count(), 0);
        assert_eq!(children("99").count(), 0);
        assert_eq!(children("").count(), 0);
        assert_eq!(children("0").count(), 0, "a prefix that is not a code has no children");
        assert_eq!(three_digit_codes().next().unwrap().code, "010");
        assert_eq!(three_digit_codes().last().unwrap().code, "204");
        assert_eq!(parent("08").map(|c| c.code), None);
        assert_eq!(parent("9999"), None);
    }

    #[test]
    fn spot_checks() {
        let c = lookup("0841").unwrap();
        assert_eq!((c.name, c.goldstein, c.root, c.quad_class), ("Return, release person(s)", 7.0, "08", 2));
        let c = lookup("195").unwrap();
        assert_eq!((c.name, c.goldstein, c.quad_class), ("Employ aerial weapons", -10.0, 4));
        assert_eq!(lookup("057").unwrap().goldstein, 8.0);
        assert_eq!(lookup("0874").unwrap().goldstein, 10.0);
        assert_eq!(lookup("130").unwrap().goldstein, -4.4);
        assert_eq!(lookup("163").unwrap().goldstein, -8.0);
        assert_eq!(lookup("1056").unwrap().name, "Demand de-escalation of military engagement");
        assert_eq!(lookup("106").unwrap().name, "Demand meeting, negotiation");
        assert_eq!(root_name("14"), Some("Protest"));
        assert!(lookup("21").is_none());
        assert!(lookup("1").is_none());
        assert!(lookup("").is_none());
        assert!(check("0000").is_err());
        assert_eq!(check("173").unwrap().quad_class, 4);
    }

    #[test]
    fn additions_not_in_gdelt_are_present() {
        for code in NOT_IN_GDELT {
            let c = lookup(code).unwrap_or_else(|| panic!("{code} missing"));
            assert_eq!(c.goldstein, parent(code).unwrap().goldstein, "{code}");
        }
    }

    #[test]
    fn quad_classes_follow_gdelt() {
        assert_eq!(quad_class("0231"), Some(1));
        assert_eq!(quad_class("057"), Some(1));
        assert_eq!(quad_class("06"), Some(2));
        assert_eq!(quad_class("0874"), Some(2));
        assert_eq!(quad_class("10"), Some(3));
        assert_eq!(quad_class("145"), Some(3));
        assert_eq!(quad_class("15"), Some(4));
        assert_eq!(quad_class("204"), Some(4));
        assert_eq!(quad_class("21"), None);
        assert_eq!(quad_class("x1"), None);
        for c in CODES {
            assert_eq!(Some(c.quad_class), quad_class(c.code), "{}", c.code);
        }
    }

    /// `../shared/data/cameo/NAME`; `None` (skipped, or a failure under `CI=true`) when missing.
    fn shared(name: &str) -> Option<PathBuf> {
        crate::testdata::shared_data(&format!("cameo/{name}"))
    }

    /// (code, second column) rows of a tab-separated GDELT lookup, header skipped.
    fn rows(path: &PathBuf) -> Vec<(String, String)> {
        let text = std::fs::read_to_string(path).unwrap();
        text.lines()
            .skip(1)
            .filter_map(|l| l.split_once('\t'))
            .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
            .collect()
    }

    #[test]
    fn agrees_with_gdelt_goldstein_scale() {
        let Some(path) = shared("CAMEO.goldsteinscale.txt") else { return };
        let mut problems = Vec::new();
        let rows = rows(&path);
        assert!(rows.len() > 300, "{} rows read", rows.len());
        for (code, value) in &rows {
            let value: f32 = value.parse().unwrap_or_else(|_| panic!("bad value for {code}"));
            match lookup(code) {
                None => problems.push(format!("{code}: missing from CODES")),
                Some(c) if c.goldstein != value => {
                    problems.push(format!("{code}: Goldstein {} here, {value} in GDELT", c.goldstein))
                }
                Some(_) => {}
            }
        }
        // Every code here but the later additions is on GDELT's scale.
        for c in CODES.iter().filter(|c| !NOT_IN_GDELT.contains(&c.code)) {
            if !rows.iter().any(|(code, _)| code == c.code) {
                problems.push(format!("{}: not on GDELT's scale", c.code));
            }
        }
        assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
    }

    #[test]
    fn agrees_with_gdelt_event_codes() {
        let Some(path) = shared("CAMEO.eventcodes.txt") else { return };
        let mut problems = Vec::new();
        for (code, _name) in rows(&path) {
            // One-digit rows are GDELT's quad classes, not codes.
            if code.len() >= 2 && lookup(&code).is_none() {
                problems.push(format!("{code}: missing from CODES"));
            }
        }
        // The file merges 106 into the 1056 line; it must still be here.
        assert!(lookup("106").is_some());
        assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
    }
}
