//! FIPS 10-4 country codes (GDELT's geography columns) → ISO 3166-1 alpha-3, written by hand.

use std::collections::HashMap;
use std::sync::LazyLock;

static FIPS: &[(&str, &str)] = &[
    ("AA", "ABW"), ("AC", "ATG"), ("AE", "ARE"), ("AF", "AFG"), ("AG", "DZA"), ("AJ", "AZE"),
    ("AL", "ALB"), ("AM", "ARM"), ("AN", "AND"), ("AO", "AGO"), ("AQ", "ASM"), ("AR", "ARG"),
    ("AS", "AUS"), ("AU", "AUT"), ("AV", "AIA"), ("AY", "ATA"), ("BA", "BHR"), ("BB", "BRB"),
    ("BC", "BWA"), ("BD", "BMU"), ("BE", "BEL"), ("BF", "BHS"), ("BG", "BGD"), ("BH", "BLZ"),
    ("BK", "BIH"), ("BL", "BOL"), ("BM", "MMR"), ("BN", "BEN"), ("BO", "BLR"), ("BP", "SLB"),
    ("BR", "BRA"), ("BT", "BTN"), ("BU", "BGR"), ("BV", "BVT"), ("BX", "BRN"), ("BY", "BDI"),
    ("CA", "CAN"), ("CB", "KHM"), ("CD", "TCD"), ("CE", "LKA"), ("CF", "COG"), ("CG", "COD"),
    ("CH", "CHN"), ("CI", "CHL"), ("CJ", "CYM"), ("CK", "CCK"), ("CM", "CMR"), ("CN", "COM"),
    ("CO", "COL"), ("CQ", "MNP"), ("CS", "CRI"), ("CT", "CAF"), ("CU", "CUB"), ("CV", "CPV"),
    ("CW", "COK"), ("CY", "CYP"), ("DA", "DNK"), ("DJ", "DJI"), ("DO", "DMA"), ("DR", "DOM"),
    ("EC", "ECU"), ("EG", "EGY"), ("EI", "IRL"), ("EK", "GNQ"), ("EN", "EST"), ("ER", "ERI"),
    ("ES", "SLV"), ("ET", "ETH"), ("EZ", "CZE"), ("FG", "GUF"), ("FI", "FIN"), ("FJ", "FJI"),
    ("FK", "FLK"), ("FM", "FSM"), ("FO", "FRO"), ("FP", "PYF"), ("FR", "FRA"), ("FS", "ATF"),
    ("GA", "GMB"), ("GB", "GAB"), ("GG", "GEO"), ("GH", "GHA"), ("GI", "GIB"), ("GJ", "GRD"),
    ("GK", "GGY"), ("GL", "GRL"), ("GM", "DEU"), ("GP", "GLP"), ("GQ", "GUM"), ("GR", "GRC"),
    ("GT", "GTM"), ("GV", "GIN"), ("GY", "GUY"), ("GZ", "PSE"), ("HA", "HTI"), ("HK", "HKG"),
    ("HM", "HMD"), ("HO", "HND"), ("HR", "HRV"), ("HU", "HUN"), ("IC", "ISL"), ("ID", "IDN"),
    ("IM", "IMN"), ("IN", "IND"), ("IO", "IOT"), ("IR", "IRN"), ("IS", "ISR"), ("IT", "ITA"),
    ("IV", "CIV"), ("IZ", "IRQ"), ("JA", "JPN"), ("JE", "JEY"), ("JM", "JAM"), ("JO", "JOR"),
    ("KE", "KEN"), ("KG", "KGZ"), ("KN", "PRK"), ("KR", "KIR"), ("KS", "KOR"), ("KT", "CXR"),
    ("KU", "KWT"), ("KV", "XKX"), ("KZ", "KAZ"), ("LA", "LAO"), ("LE", "LBN"), ("LG", "LVA"),
    ("LH", "LTU"), ("LI", "LBR"), ("LO", "SVK"), ("LS", "LIE"), ("LT", "LSO"), ("LU", "LUX"),
    ("LY", "LBY"), ("MA", "MDG"), ("MB", "MTQ"), ("MC", "MAC"), ("MD", "MDA"), ("MF", "MYT"),
    ("MG", "MNG"), ("MH", "MSR"), ("MI", "MWI"), ("MJ", "MNE"), ("MK", "MKD"), ("ML", "MLI"),
    ("MN", "MCO"), ("MO", "MAR"), ("MP", "MUS"), ("MR", "MRT"), ("MT", "MLT"), ("MU", "OMN"),
    ("MV", "MDV"), ("MX", "MEX"), ("MY", "MYS"), ("MZ", "MOZ"), ("NC", "NCL"), ("NE", "NIU"),
    ("NF", "NFK"), ("NG", "NER"), ("NH", "VUT"), ("NI", "NGA"), ("NL", "NLD"), ("NO", "NOR"),
    ("NP", "NPL"), ("NR", "NRU"), ("NS", "SUR"), ("NU", "NIC"), ("NZ", "NZL"), ("OD", "SSD"),
    ("PA", "PRY"), ("PC", "PCN"), ("PE", "PER"), ("PK", "PAK"), ("PL", "POL"), ("PM", "PAN"),
    ("PO", "PRT"), ("PP", "PNG"), ("PS", "PLW"), ("PU", "GNB"), ("QA", "QAT"), ("RE", "REU"),
    ("RI", "SRB"), ("RM", "MHL"), ("RN", "MAF"), ("RO", "ROU"), ("RP", "PHL"), ("RQ", "PRI"),
    ("RS", "RUS"), ("RW", "RWA"), ("SA", "SAU"), ("SB", "SPM"), ("SC", "KNA"), ("SE", "SYC"),
    ("SF", "ZAF"), ("SG", "SEN"), ("SH", "SHN"), ("SI", "SVN"), ("SL", "SLE"), ("SM", "SMR"),
    ("SN", "SGP"), ("SO", "SOM"), ("SP", "ESP"), ("ST", "LCA"), ("SU", "SDN"), ("SV", "SJM"),
    ("SW", "SWE"), ("SX", "SGS"), ("SY", "SYR"), ("SZ", "CHE"), ("TB", "BLM"), ("TD", "TTO"),
    ("TH", "THA"), ("TI", "TJK"), ("TK", "TCA"), ("TL", "TKL"), ("TN", "TON"), ("TO", "TGO"),
    ("TP", "STP"), ("TS", "TUN"), ("TT", "TLS"), ("TU", "TUR"), ("TV", "TUV"), ("TW", "TWN"),
    ("TX", "TKM"), ("TZ", "TZA"), ("UC", "CUW"), ("UG", "UGA"), ("UK", "GBR"), ("UP", "UKR"),
    ("US", "USA"), ("UV", "BFA"), ("UY", "URY"), ("UZ", "UZB"), ("VC", "VCT"), ("VE", "VEN"),
    ("VI", "VGB"), ("VM", "VNM"), ("VQ", "VIR"), ("VT", "VAT"), ("WA", "NAM"), ("WE", "PSE"),
    ("WF", "WLF"), ("WI", "ESH"), ("WS", "WSM"), ("WZ", "SWZ"), ("YM", "YEM"), ("ZA", "ZMB"),
    ("ZI", "ZWE"), ("NN", "SXM"),
    // Codes GDELT writes that FIPS 10-4 lists apart from the states above: Serbia's earlier
    // code, Serbia and Montenegro (ISO's former SCG), the Netherlands Antilles (former ANT),
    // and small territories ISO counts with a larger entry (Jan Mayen with Svalbard, the US
    // Pacific islands and Navassa as UMI, the French Indian Ocean islands as ATF, Ashmore and
    // Cartier and the Coral Sea Islands with Australia). Oceans (OS), and the Paracel and
    // Spratly Islands (PF, PG), have no country: NULL.
    ("RB", "SRB"), ("YI", "SCG"), ("NT", "ANT"), ("JN", "SJM"), ("BQ", "UMI"), ("DQ", "UMI"),
    ("FQ", "UMI"), ("HQ", "UMI"), ("JQ", "UMI"), ("KQ", "UMI"), ("LQ", "UMI"), ("MQ", "UMI"),
    ("WQ", "UMI"), ("BS", "ATF"), ("EU", "ATF"), ("GO", "ATF"), ("JU", "ATF"), ("TE", "ATF"),
    ("AT", "AUS"), ("CR", "AUS"),
];

static BY_CODE: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| FIPS.iter().copied().collect());

/// The ISO3 code for a FIPS 10-4 country code; `None` for empty or unknown codes.
pub fn iso3(fips: &str) -> Option<&'static str> {
    BY_CODE.get(fips).copied()
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_pairs() {
        assert_eq!(super::iso3("RS"), Some("RUS"));
        assert_eq!(super::iso3("IR"), Some("IRN"));
        assert_eq!(super::iso3("UK"), Some("GBR"));
        assert_eq!(super::iso3("GM"), Some("DEU"));
        assert_eq!(super::iso3(""), None);
        let mut codes: Vec<_> = super::FIPS.iter().map(|p| p.0).collect();
        codes.sort();
        let n = codes.len();
        codes.dedup();
        assert_eq!(n, codes.len());
        assert_eq!(super::iso3("RB"), Some("SRB"));
        assert_eq!(super::iso3("OS"), None);
    }

    /// Every code this table gives is one the store's country columns may hold.
    #[test]
    fn every_value_is_iso() {
        for (fips, iso) in super::FIPS {
            assert!(entente_core::country::is_iso3(iso), "{fips} → {iso}");
        }
    }
}
