//! The dashboard: one HTML page, a stylesheet and a small script, compiled into the binary.
//! The page carries no data; the script fetches it from the JSON API and puts every piece of
//! text into the page with `textContent`, never as markup.

/// The dashboard's script.
pub const SCRIPT: &str = include_str!("../assets/dashboard.js");
/// The dashboard's stylesheet.
pub const STYLE: &str = include_str!("../assets/dashboard.css");
/// The API description (OpenAPI 3).
pub const OPENAPI: &str = include_str!("../openapi.json");
const PAGE: &str = include_str!("../assets/dashboard.html");

/// The page, with the CAMEO roots filled in as filter options.
pub fn page() -> String {
    let mut roots = String::new();
    for r in entente_core::cameo::roots() {
        roots.push_str(&format!(
            "<option value=\"{}\">{} {}</option>",
            escape(r.root),
            escape(r.root),
            escape(r.name)
        ));
    }
    PAGE.replace("{{ROOT_OPTIONS}}", &roots)
}

/// `s` with the five HTML-significant characters escaped, for text and quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn page_lists_the_twenty_roots_and_the_openapi_file_parses() {
        let p = super::page();
        assert!(p.contains("<option value=\"01\">01 ") && p.contains("<option value=\"20\">20 "));
        assert!(!p.contains("{{"));
        let v: serde_json::Value = serde_json::from_str(super::OPENAPI).unwrap();
        assert_eq!(v["openapi"].as_str().map(|s| &s[..2]), Some("3."));
    }
}
