//! The CAMEO event ontology: every code with its name, Goldstein value, root and quad class.

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

/// Every CAMEO code, sorted by code.
pub static CODES: &[CodeInfo] = codes! {
    "01", 0.0, "Make public statement";
    "02", 3.0, "Appeal";
    "03", 4.0, "Express intent to cooperate";
    "04", 1.0, "Consult";
    "05", 3.5, "Engage in diplomatic cooperation";
    "06", 6.0, "Engage in material cooperation";
    "07", 7.0, "Provide aid";
    "08", 5.0, "Yield";
    "0841", 5.0, "Return, release person(s)";
    "09", -2.0, "Investigate";
    "10", -5.0, "Demand";
    "11", -2.0, "Disapprove";
    "12", -4.0, "Reject";
    "13", -6.0, "Threaten";
    "14", -6.5, "Protest";
    "15", -7.2, "Exhibit force posture";
    "16", -4.0, "Reduce relations";
    "17", -7.0, "Coerce";
    "18", -9.0, "Assault";
    "19", -10.0, "Fight";
    "20", -10.0, "Use unconventional mass violence";
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for w in CODES.windows(2) {
            assert!(w[0].code < w[1].code, "{} before {}", w[0].code, w[1].code);
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
        assert_eq!(lookup("0841").unwrap().quad_class, 2);
    }
}
