//! Country codes as the store keeps them: ISO 3166-1 alpha-3, whichever dataset an event came from.
//!
//! GDELT and entente's coder write CAMEO's country codes, which are ISO 3166-1 alpha-3 except for
//! a few codes ([`CAMEO_TO_ISO`]: Romania `ROM`, where ISO and ICEWS write `ROU`) and CAMEO's
//! regions (`AFR`, `EUR`, `MEA`, [`crate::actor::REGIONS`]), which are not countries. [`iso3`]
//! turns any of these into the code the store's `source_country`, `target_country` and
//! `place_country` columns hold, or `None` for a region or a code that names no country. Written
//! by hand from ISO 3166 and CAMEO (facts).
//!
//! ```
//! use entente_core::country;
//! assert_eq!(country::iso3("ROM"), Some("ROU"));
//! assert_eq!(country::iso3("RUS"), Some("RUS"));
//! assert_eq!(country::iso3("EUR"), None);
//! ```

/// The 249 current ISO 3166-1 alpha-3 codes, sorted.
pub const ISO3: &[&str] = &[
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS", "AUT", "AZE",
    "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ", "BMU", "BOL", "BRA", "BRB",
    "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV", "CMR", "COD", "COG", "COK", "COL", "COM",
    "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU", "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI",
    "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK", "FRA", "FRO", "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN",
    "GLP", "GMB", "GNB", "GNQ", "GRC", "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN",
    "IDN", "IMN", "IND", "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ",
    "KHM", "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA", "MAC",
    "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG", "MNP", "MOZ", "MRT",
    "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC", "NIU", "NLD", "NOR", "NPL", "NRU",
    "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL", "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT",
    "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP", "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM",
    "SRB", "SSD", "STP", "SUR", "SVK", "SVN", "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL",
    "TKM", "TLS", "TON", "TTO", "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT",
    "VEN", "VGB", "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
];

/// Codes the store keeps beside [`ISO3`]: Kosovo's `XKX` (ISO has none; `XKX` is the
/// user-assigned code the EU and the IMF use), and the alpha-3 codes ISO 3166-1 had for states
/// that have since dissolved (now in ISO 3166-3), for events that happened while they existed:
/// the Netherlands Antilles, Czechoslovakia, East Germany, Serbia and Montenegro, the Soviet
/// Union and Yugoslavia. No successor is guessed for them.
pub const EXTRA: &[(&str, &str)] = &[
    ("XKX", "Kosovo (user-assigned)"),
    ("ANT", "Netherlands Antilles (until 2010)"),
    ("CSK", "Czechoslovakia (until 1993)"),
    ("DDR", "East Germany (until 1990)"),
    ("SCG", "Serbia and Montenegro (until 2006)"),
    ("SUN", "Soviet Union (until 1992)"),
    ("YUG", "Yugoslavia (until 2003)"),
];

/// CAMEO country codes that differ from ISO 3166-1 alpha-3 → the code the store keeps. GDELT's
/// CAMEO country table and the CAMEO actor dictionaries (PETRARCH's, entente's) write these.
pub const CAMEO_TO_ISO: &[(&str, &str)] = &[
    // Romania: ROM was ISO's code until 2002.
    ("ROM", "ROU"),
    // East Timor (Timor-Leste): TMP was ISO's code until 2002.
    ("TMP", "TLS"),
    ("IMY", "IMN"),
    ("MTN", "MNE"),
    ("KSV", "XKX"),
    // The West Bank and the Gaza Strip: ISO's PSE covers both, as ICEWS's "Occupied
    // Palestinian Territory" does.
    ("WSB", "PSE"),
    ("GZS", "PSE"),
    // Baghdad, which CAMEO lists among its countries, stands for Iraq.
    ("BAG", "IRQ"),
    // The Soviet Union: CAMEO's USR, ISO's former SUN.
    ("USR", "SUN"),
];

/// Is `code` a code the country columns may hold: a current ISO 3166-1 alpha-3 code or one of
/// [`EXTRA`]?
pub fn is_iso3(code: &str) -> bool {
    ISO3.binary_search(&code).is_ok() || EXTRA.iter().any(|(c, _)| *c == code)
}

/// The code the store keeps for a CAMEO or ISO country code: the ISO code for the CAMEO codes
/// of [`CAMEO_TO_ISO`], the code itself when it already is one ([`is_iso3`]), and `None` for
/// CAMEO's regions (`AFR`, `EUR`, `WST`), the empty string, `0` (GDELT's "unknown") and any
/// other code that names no country.
pub fn iso3(code: &str) -> Option<&'static str> {
    if let Some(&(_, iso)) = CAMEO_TO_ISO.iter().find(|(c, _)| *c == code) {
        return Some(iso);
    }
    if let Ok(i) = ISO3.binary_search(&code) {
        return Some(ISO3[i]);
    }
    EXTRA.iter().find(|(c, _)| *c == code).map(|(c, _)| *c)
}

/// For a code that is not a country: why, as a sentence, and the code to use instead if there is
/// one. For messages that refuse such a code ("ROM is CAMEO's code for Romania; use ROU").
pub fn explain_non_iso(code: &str) -> Option<String> {
    if is_iso3(code) {
        return None;
    }
    if let Some(&(_, iso)) = CAMEO_TO_ISO.iter().find(|(c, _)| *c == code) {
        return Some(format!("{code} is a CAMEO code; the store holds ISO 3166-1 codes: use {iso}"));
    }
    if crate::actor::is_region(code) {
        return Some(format!("{code} is a CAMEO region, not a country; the store keeps no country for it"));
    }
    Some(format!("{code} is not an ISO 3166-1 alpha-3 country code"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every CAMEO code that differs from ISO, one pair at a time.
    #[test]
    fn each_cameo_code_maps_to_its_iso_code() {
        let expected = [
            ("ROM", "ROU"),
            ("TMP", "TLS"),
            ("IMY", "IMN"),
            ("MTN", "MNE"),
            ("KSV", "XKX"),
            ("WSB", "PSE"),
            ("GZS", "PSE"),
            ("BAG", "IRQ"),
            ("USR", "SUN"),
        ];
        assert_eq!(expected.len(), CAMEO_TO_ISO.len());
        for (cameo, iso) in expected {
            assert_eq!(iso3(cameo), Some(iso), "{cameo}");
            assert!(is_iso3(iso), "{iso} is kept");
            assert!(!is_iso3(cameo), "{cameo} is not an ISO code");
        }
    }

    #[test]
    fn no_region_survives() {
        for r in crate::actor::REGIONS {
            assert_eq!(iso3(r), None, "{r}");
            assert!(!is_iso3(r), "{r}");
            assert!(explain_non_iso(r).unwrap().contains("region"), "{r}");
        }
        assert_eq!(crate::actor::REGIONS.len(), 25);
        for other in ["", "0", "IGO", "NGO", "UIS", "KNT", "SRP", "rus", "RUSGOV"] {
            assert_eq!(iso3(other), None, "{other:?}");
        }
    }

    #[test]
    fn iso_codes_pass_unchanged() {
        assert_eq!(ISO3.len(), 249);
        assert!(ISO3.windows(2).all(|w| w[0] < w[1]), "sorted, no duplicates");
        for c in ISO3 {
            assert_eq!(iso3(c), Some(*c));
            assert!(c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()), "{c}");
        }
        for (c, _) in EXTRA {
            assert_eq!(iso3(c), Some(*c));
            assert!(ISO3.binary_search(c).is_err(), "{c} is not a current code");
        }
        for (cameo, _) in CAMEO_TO_ISO {
            assert!(ISO3.binary_search(cameo).is_err() && !crate::actor::is_region(cameo), "{cameo}");
        }
        assert_eq!(explain_non_iso("RUS"), None);
        assert_eq!(explain_non_iso("ROM").unwrap(), "ROM is a CAMEO code; the store holds ISO 3166-1 codes: use ROU");
    }

    /// GDELT's CAMEO country table (`../shared/data/cameo/CAMEO.country.txt`): every code is an
    /// ISO code kept as it is, a mapped code, a region, or GDELT's `0` ("unknown"). A missing file
    /// skips the test, saying so, except under `CI=true`, where it fails.
    #[test]
    fn every_code_of_gdelts_cameo_country_table_is_accounted_for() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cameo/CAMEO.country.txt");
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(std::env::var("CI").as_deref() != Ok("true"), "{} is missing: CI must have ../shared/data", path.display());
            eprintln!("skipped: {} not found (CI has it)", path.display());
            return;
        };
        let (mut same, mut mapped, mut regions) = (0, 0, 0);
        for line in text.lines().skip(1) {
            let Some((code, name)) = line.split_once('\t') else { continue };
            if code == "0" {
                assert_eq!(iso3(code), None);
            } else if crate::actor::is_region(code) {
                regions += 1;
                assert_eq!(iso3(code), None, "{code} {name}");
            } else if let Some(&(_, iso)) = CAMEO_TO_ISO.iter().find(|(c, _)| *c == code) {
                mapped += 1;
                assert_eq!(iso3(code), Some(iso), "{code} {name}");
            } else {
                same += 1;
                assert!(is_iso3(code), "{code} ({name}) is neither ISO, mapped nor a region");
            }
        }
        assert_eq!(regions, 25);
        assert_eq!(mapped, 7, "ROM TMP IMY MTN WSB GZS BAG");
        assert!(same > 200, "{same}");
    }
}
