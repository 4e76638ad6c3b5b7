//! Country names as ICEWS spells them → ISO 3166-1 alpha-3 codes, and ICEWS sectors → CAMEO
//! agent codes. Written by hand from ISO 3166 and CAMEO (facts), with the variant spellings
//! ICEWS uses ("Russian Federation", "Moldova, Republic of", "Occupied Palestinian Territory").

use std::collections::HashMap;
use std::sync::LazyLock;

/// (name, ISO3). Several names may map to one code.
static COUNTRIES: &[(&str, &str)] = &[
    ("Afghanistan", "AFG"), ("Aland Islands", "ALA"), ("Albania", "ALB"), ("Algeria", "DZA"),
    ("American Samoa", "ASM"), ("Andorra", "AND"), ("Angola", "AGO"), ("Anguilla", "AIA"),
    ("Antarctica", "ATA"), ("Antigua and Barbuda", "ATG"), ("Argentina", "ARG"),
    ("Armenia", "ARM"), ("Aruba", "ABW"), ("Australia", "AUS"), ("Austria", "AUT"),
    ("Azerbaijan", "AZE"), ("Bahamas", "BHS"), ("Bahrain", "BHR"), ("Bangladesh", "BGD"),
    ("Barbados", "BRB"), ("Belarus", "BLR"), ("Belgium", "BEL"), ("Belize", "BLZ"),
    ("Benin", "BEN"), ("Bermuda", "BMU"), ("Bhutan", "BTN"), ("Bolivia", "BOL"),
    ("Bosnia and Herzegovina", "BIH"), ("Botswana", "BWA"), ("Bouvet Island", "BVT"),
    ("Brazil", "BRA"), ("British Indian Ocean Territory", "IOT"),
    ("British Virgin Islands", "VGB"), ("Virgin Islands, British", "VGB"),
    ("Brunei", "BRN"), ("Brunei Darussalam", "BRN"), ("Bulgaria", "BGR"),
    ("Burkina Faso", "BFA"), ("Burundi", "BDI"), ("Cambodia", "KHM"), ("Cameroon", "CMR"),
    ("Canada", "CAN"), ("Cape Verde", "CPV"), ("Cabo Verde", "CPV"), ("Cayman Islands", "CYM"),
    ("Central African Republic", "CAF"), ("Chad", "TCD"), ("Chile", "CHL"), ("China", "CHN"),
    ("Christmas Island", "CXR"), ("Cocos (Keeling) Islands", "CCK"), ("Colombia", "COL"),
    ("Comoros", "COM"), ("Congo", "COG"), ("Republic of Congo", "COG"),
    ("Congo, Republic of the", "COG"),
    ("Democratic Republic of Congo", "COD"), ("Democratic Republic of the Congo", "COD"),
    ("Congo, The Democratic Republic of the", "COD"), ("Cook Island", "COK"),
    ("Cook Islands", "COK"), ("Costa Rica", "CRI"), ("Cote d'Ivoire", "CIV"),
    ("Côte d'Ivoire", "CIV"), ("Ivory Coast", "CIV"), ("Croatia", "HRV"), ("Cuba", "CUB"),
    ("Curaçao", "CUW"), ("Curacao", "CUW"), ("Cyprus", "CYP"), ("Czech Republic", "CZE"),
    ("Czechia", "CZE"), ("Denmark", "DNK"), ("Djibouti", "DJI"), ("Dominica", "DMA"),
    ("Dominican Republic", "DOM"), ("Ecuador", "ECU"), ("Egypt", "EGY"),
    ("El Salvador", "SLV"), ("Equatorial Guinea", "GNQ"), ("Eritrea", "ERI"),
    ("Estonia", "EST"), ("Ethiopia", "ETH"), ("Eswatini", "SWZ"), ("Swaziland", "SWZ"),
    ("Falkland Islands", "FLK"), ("Falkland Islands (Malvinas)", "FLK"),
    ("Faroe Islands", "FRO"), ("Fiji", "FJI"), ("Finland", "FIN"), ("France", "FRA"),
    ("French Guiana", "GUF"), ("French Polynesia", "PYF"),
    ("French Southern Territories", "ATF"), ("Gabon", "GAB"), ("Gambia", "GMB"),
    ("Georgia", "GEO"), ("Germany", "DEU"), ("Ghana", "GHA"), ("Gibraltar", "GIB"),
    ("Greece", "GRC"), ("Greenland", "GRL"), ("Grenada", "GRD"), ("Guadeloupe", "GLP"),
    ("Guam", "GUM"), ("Guatemala", "GTM"), ("Guernsey", "GGY"), ("Guinea", "GIN"),
    ("Guinea-Bissau", "GNB"), ("Guyana", "GUY"), ("Haiti", "HTI"),
    ("Heard Island and McDonald Islands", "HMD"), ("Holy See", "VAT"),
    ("Holy See (Vatican City State)", "VAT"), ("Vatican City", "VAT"), ("Honduras", "HND"),
    ("Hong Kong", "HKG"), ("Hungary", "HUN"), ("Iceland", "ISL"), ("India", "IND"),
    ("Indonesia", "IDN"), ("Iran", "IRN"), ("Iran, Islamic Republic of", "IRN"),
    ("Iraq", "IRQ"), ("Ireland", "IRL"), ("Isle of Man", "IMN"), ("Israel", "ISR"),
    ("Italy", "ITA"), ("Jamaica", "JAM"), ("Japan", "JPN"), ("Jersey", "JEY"),
    ("Jordan", "JOR"), ("Kazakhstan", "KAZ"), ("Kenya", "KEN"), ("Kiribati", "KIR"),
    ("North Korea", "PRK"), ("Korea, Democratic People's Republic of", "PRK"),
    ("South Korea", "KOR"), ("Korea, Republic of", "KOR"),
    // Kosovo has no ISO code; XKX is the code the EU and the IMF use.
    ("Kosovo", "XKX"), ("Kuwait", "KWT"), ("Kyrgyzstan", "KGZ"), ("Laos", "LAO"),
    ("Lao People's Democratic Republic", "LAO"), ("Latvia", "LVA"), ("Lebanon", "LBN"),
    ("Lesotho", "LSO"), ("Liberia", "LBR"), ("Libya", "LBY"),
    ("Libyan Arab Jamahiriya", "LBY"), ("Liechtenstein", "LIE"), ("Lithuania", "LTU"),
    ("Luxembourg", "LUX"), ("Macao", "MAC"), ("Macau", "MAC"),
    ("Macedonia", "MKD"), ("North Macedonia", "MKD"),
    ("the former Yugoslav Republic of Macedonia", "MKD"),
    ("Macedonia, the former Yugoslav Republic of", "MKD"), ("Madagascar", "MDG"),
    ("Malawi", "MWI"), ("Malaysia", "MYS"), ("Maldives", "MDV"), ("Mali", "MLI"),
    ("Malta", "MLT"), ("Marshall Islands", "MHL"), ("Martinique", "MTQ"),
    ("Mauritania", "MRT"), ("Mauritius", "MUS"), ("Mayotte", "MYT"), ("Mexico", "MEX"),
    ("Micronesia", "FSM"), ("Micronesia, Federated States of", "FSM"),
    ("Moldova", "MDA"), ("Moldova, Republic of", "MDA"), ("Monaco", "MCO"),
    ("Mongolia", "MNG"), ("Montenegro", "MNE"), ("Montserrat", "MSR"), ("Morocco", "MAR"),
    ("Mozambique", "MOZ"), ("Myanmar", "MMR"), ("Burma", "MMR"), ("Namibia", "NAM"),
    ("Nauru", "NRU"), ("Nepal", "NPL"), ("Netherlands", "NLD"),
    ("Netherlands Antilles", "ANT"), ("New Caledonia", "NCL"), ("New Zealand", "NZL"),
    ("Nicaragua", "NIC"), ("Niger", "NER"), ("Nigeria", "NGA"), ("Niue", "NIU"),
    ("Norfolk Island", "NFK"), ("Northern Mariana Islands", "MNP"), ("Norway", "NOR"),
    ("Occupied Palestinian Territory", "PSE"), ("Palestine", "PSE"),
    ("Palestine, State of", "PSE"), ("Oman", "OMN"), ("Pakistan", "PAK"), ("Palau", "PLW"),
    ("Panama", "PAN"), ("Papua New Guinea", "PNG"), ("Paraguay", "PRY"), ("Peru", "PER"),
    ("Philippines", "PHL"), ("Pitcairn", "PCN"), ("Poland", "POL"), ("Portugal", "PRT"),
    ("Puerto Rico", "PRI"), ("Qatar", "QAT"), ("Reunion", "REU"), ("Réunion", "REU"),
    ("Romania", "ROU"), ("Russia", "RUS"), ("Russian Federation", "RUS"), ("Rwanda", "RWA"),
    ("Saint Barthelemy", "BLM"), ("Saint Helena", "SHN"), ("Saint Kitts and Nevis", "KNA"),
    ("Saint Lucia", "LCA"), ("Saint Martin", "MAF"), ("Saint Pierre and Miquelon", "SPM"),
    ("Saint Vincent and the Grenadines", "VCT"), ("Samoa", "WSM"), ("San Marino", "SMR"),
    ("Sao Tome and Principe", "STP"), ("Saudi Arabia", "SAU"), ("Senegal", "SEN"),
    ("Serbia", "SRB"), ("Serbia and Montenegro", "SCG"), ("Seychelles", "SYC"),
    ("Sierra Leone", "SLE"), ("Singapore", "SGP"), ("Sint Maarten", "SXM"),
    ("Slovakia", "SVK"), ("Slovenia", "SVN"), ("Solomon Islands", "SLB"), ("Somalia", "SOM"),
    ("South Africa", "ZAF"), ("South Georgia and the South Sandwich Islands", "SGS"),
    ("South Sudan", "SSD"), ("Spain", "ESP"), ("Sri Lanka", "LKA"), ("Sudan", "SDN"),
    ("Suriname", "SUR"), ("Svalbard and Jan Mayen", "SJM"), ("Sweden", "SWE"),
    ("Switzerland", "CHE"), ("Syria", "SYR"), ("Syrian Arab Republic", "SYR"),
    ("Taiwan", "TWN"), ("Taiwan, Province of China", "TWN"), ("Tajikistan", "TJK"),
    ("Tanzania", "TZA"), ("Tanzania, United Republic of", "TZA"), ("Thailand", "THA"),
    ("Timor-Leste", "TLS"), ("East Timor", "TLS"), ("Togo", "TGO"), ("Tokelau", "TKL"),
    ("Tonga", "TON"), ("Trinidad and Tobago", "TTO"), ("Tunisia", "TUN"), ("Turkey", "TUR"),
    ("Türkiye", "TUR"), ("Turkmenistan", "TKM"), ("Turks and Caicos Islands", "TCA"),
    ("Tuvalu", "TUV"), ("Uganda", "UGA"), ("Ukraine", "UKR"),
    ("United Arab Emirates", "ARE"), ("United Kingdom", "GBR"), ("United States", "USA"),
    ("United States of America", "USA"),
    ("United States Minor Outlying Islands", "UMI"), ("Uruguay", "URY"),
    ("U.S. Virgin Islands", "VIR"), ("Virgin Islands, U.S.", "VIR"), ("Uzbekistan", "UZB"),
    ("Vanuatu", "VUT"), ("Venezuela", "VEN"), ("Vietnam", "VNM"), ("Viet Nam", "VNM"),
    ("Wallis and Futuna", "WLF"), ("Western Sahara", "ESH"), ("Yemen", "YEM"),
    ("Zambia", "ZMB"), ("Zimbabwe", "ZWE"),
];

static BY_NAME: LazyLock<HashMap<&'static str, &'static str>> =
    LazyLock::new(|| COUNTRIES.iter().copied().collect());

/// The ISO3 code of a country name as ICEWS spells it; `None` for unknown names.
pub fn iso3(name: &str) -> Option<&'static str> {
    BY_NAME.get(name.trim()).copied()
}

/// Agent codes in priority order: when an ICEWS actor has several sectors, the most specific
/// one wins (a "Military,Government" actor is MIL, not GOV).
const PRIORITY: &[&str] = &[
    "IGO", "NGO", "MIL", "COP", "SPY", "JUD", "LEG", "REB", "INS", "SEP", "OPP", "PTY", "MED",
    "MNC", "BUS", "EDU", "HLH", "LAB", "REF", "CRM", "AGR", "ENV", "HRI", "REL", "GOV", "ELI",
    "CVL",
];

/// The CAMEO agent for one ICEWS sector name, by keyword; `None` when nothing fits.
fn sector_agent(sector: &str) -> Option<&'static str> {
    let s = sector.to_ascii_lowercase();
    let has = |k: &str| s.contains(k);
    Some(if has("igo") || has("international government organization") {
        "IGO"
    } else if has("nongovernmental") || has("ngo") {
        "NGO"
    } else if has("military") || has("army") || has("navy") || has("air force") || has("defense") {
        "MIL"
    } else if has("police") {
        "COP"
    } else if has("intelligence") {
        "SPY"
    } else if has("judicial") || has("justice") || has("legal") {
        "JUD"
    } else if has("legislative") || has("parliament") || has("house") || has("unicameral") {
        "LEG"
    } else if has("rebel") {
        "REB"
    } else if has("insurgent") {
        "INS"
    } else if has("separatist") {
        "SEP"
    } else if has("opposition") || has("dissident") || has("protest") {
        "OPP"
    } else if has("part") && (has("party") || has("parties")) {
        "PTY"
    } else if has("media") || has("news") {
        "MED"
    } else if has("multinational") {
        "MNC"
    } else if has("business") || has("enterprise") {
        "BUS"
    } else if has("education") {
        "EDU"
    } else if has("health") || has("medical") {
        "HLH"
    } else if has("labor") || has("labour") {
        "LAB"
    } else if has("refugee") || has("displaced") {
        "REF"
    } else if has("criminal") || has("gang") {
        "CRM"
    } else if has("agricultur") {
        "AGR"
    } else if has("environment") {
        "ENV"
    } else if has("human rights") {
        "HRI"
    } else if has("religio") || has("muslim") || has("christian") || has("catholic")
        || has("sunni") || has("shia") || has("hindu") || has("buddhist") || has("jew")
    {
        "REL"
    } else if has("government") || has("executive") || has("ministry") || has("cabinet")
        || has("municipal") || has("provincial") || has("local")
    {
        "GOV"
    } else if has("elite") {
        "ELI"
    } else if has("civilian") || has("general population") {
        "CVL"
    } else {
        return None;
    })
}

/// The CAMEO agent code for an ICEWS comma-separated sector list, e.g.
/// `"Military,Government"` → `MIL`.
pub fn agent_for_sectors(sectors: &str) -> Option<&'static str> {
    sectors
        .split(',')
        .filter_map(sector_agent)
        .min_by_key(|a| PRIORITY.iter().position(|p| p == a).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn icews_spellings() {
        assert_eq!(iso3("Russian Federation"), Some("RUS"));
        assert_eq!(iso3("Iran"), Some("IRN"));
        assert_eq!(iso3("Moldova, Republic of"), Some("MDA"));
        assert_eq!(iso3("Occupied Palestinian Territory"), Some("PSE"));
        assert_eq!(iso3("Democratic Republic of Congo"), Some("COD"));
        assert_eq!(iso3("Congo"), Some("COG"));
        assert_eq!(iso3("Atlantis"), None);
        assert_eq!(iso3(""), None);
    }

    #[test]
    fn every_code_is_three_capitals() {
        for (name, code) in COUNTRIES {
            assert!(code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()), "{name}");
            // The same codes as GDELT's and the coder's columns after mapping.
            assert!(entente_core::country::is_iso3(code), "{name}: {code} is not kept as a country");
        }
        let mut names: Vec<_> = COUNTRIES.iter().map(|c| c.0).collect();
        names.sort();
        let n = names.len();
        names.dedup();
        assert_eq!(n, names.len(), "duplicate name");
    }

    #[test]
    fn sectors_pick_the_most_specific_agent() {
        assert_eq!(agent_for_sectors("Military,Government"), Some("MIL"));
        assert_eq!(agent_for_sectors("Executive,Foreign Ministry,Government"), Some("GOV"));
        assert_eq!(
            agent_for_sectors("International Government Organization,Global"),
            Some("IGO")
        );
        assert_eq!(agent_for_sectors("Police"), Some("COP"));
        assert_eq!(agent_for_sectors("Parties,(National) Major Party"), Some("PTY"));
        assert_eq!(agent_for_sectors("Opposition Major Party (Out Of Government)"), Some("OPP"));
        assert_eq!(agent_for_sectors("Social,Media"), Some("MED"));
        assert_eq!(agent_for_sectors(""), None);
        assert_eq!(agent_for_sectors("Unspecified"), None);
    }
}
