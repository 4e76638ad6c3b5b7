//! PLOVER event types for CAMEO codes.

/// The PLOVER type (and mode/context where CAMEO implies one) for a CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plover {
    /// PLOVER event type, e.g. `AID`.
    pub event_type: &'static str,
    /// PLOVER mode, e.g. `military` for AID; empty when none is implied.
    pub mode: &'static str,
    /// PLOVER context, e.g. `military`; empty when none is implied.
    pub context: &'static str,
}

/// (CAMEO code, type, mode, context); more specific codes override their parents.
static MAP: &[(&str, &str, &str, &str)] = &[
    ("01", "AGREE", "", ""),
    ("07", "AID", "", ""),
];

/// The PLOVER mapping for a CAMEO code: the entry for the longest prefix of `code` in the table.
pub fn for_cameo(code: &str) -> Option<Plover> {
    (2..=code.len()).rev().find_map(|n| {
        let prefix = code.get(..n)?;
        MAP.iter()
            .find(|(c, ..)| *c == prefix)
            .map(|&(_, event_type, mode, context)| Plover { event_type, mode, context })
    })
}
