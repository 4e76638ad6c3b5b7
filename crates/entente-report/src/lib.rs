//! An entente dyad analysis as a media guide: one self-contained HTML file (inline CSS with a
//! print stylesheet, inline SVG charts, no script), Markdown, or JSON.
//!
//! - [`render`] (or [`html`], [`markdown`], [`json`]) takes a [`DyadAnalysis`] from
//!   `entente-analytics` and returns the document as a string.
//! - [`Format`] picks the output, e.g. from a file extension with [`Format::from_path`].
//! - [`SECTIONS`] lists the guide's sections (id, title) in order: summary, military
//!   cooperation, economic relations, political and diplomatic relations (each with the themes
//!   that rose and fell), facts and figures, named things, who said what, where it happened (a
//!   map), fault lines and friction, third parties, trend and outlook, key events, methods and
//!   data.
//!
//! ```
//! use entente_analytics::{analyze, AnalysisOptions, DyadInput, EventRow};
//! let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
//! let mut e = EventRow::new("2019-01-22".parse().unwrap(), "RUS", "IRN", "042").unwrap();
//! e.text = Some("Lavrov visited Tehran <script>alert(1)</script>".into());
//! input.events.push(e);
//! let analysis = analyze(&input, &AnalysisOptions::default()).unwrap();
//! let html = entente_report::html(&analysis);
//! assert!(html.contains("Military cooperation") && html.contains("<svg"));
//! assert!(!html.contains("<script"));
//! ```
//!
//! The main design decision: the prose is built once, as a small tree of *unescaped* text
//! (paragraphs, lists, tables, cited events), and each renderer escapes every string as it
//! writes it. News text and document ids are untrusted; with one place that writes them per
//! format, there is no path that forgets to escape. The prose itself is generated from the
//! analysis's figures and cited events only: each sentence carries its number or its evidence.
#![deny(missing_docs)]

mod doc;
mod fmt;
mod guide;
mod html;
mod knowledge;
#[cfg(feature = "store")]
pub mod load;
mod map;
mod markdown;
mod names;
mod svg;

pub use doc::{escape_html, escape_markdown};
pub use entente_analytics::DyadAnalysis;
pub use guide::SECTIONS;
pub use names::{country_codes, country_name, is_country_code};

/// An output format of the guide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One self-contained HTML file.
    Html,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// The analysis itself as pretty-printed JSON.
    Json,
}

impl Format {
    /// The format for a file name's extension: `.html`/`.htm`, `.md`/`.markdown`, `.json`.
    pub fn from_path(path: &std::path::Path) -> Option<Format> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "html" | "htm" => Some(Format::Html),
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            _ => None,
        }
    }
}

/// The guide as self-contained HTML.
pub fn html(a: &DyadAnalysis) -> String {
    html::render(&guide::build(a))
}

/// The guide as Markdown.
pub fn markdown(a: &DyadAnalysis) -> String {
    markdown::render(&guide::build(a))
}

/// The analysis as pretty-printed JSON (every figure the guide is built from), with `<`, `>`
/// and `&` in strings written as `\u003c`, `\u003e` and `\u0026` (as the API's other JSON,
/// and as its OpenAPI document says): news text quoting `</script>` stays inert if the JSON is
/// ever embedded in a page. The document is equal to the unescaped one.
pub fn json(a: &DyadAnalysis) -> String {
    let mut out = Vec::new();
    let mut ser = serde_json::Serializer::with_formatter(&mut out, HtmlSafe(serde_json::ser::PrettyFormatter::new()));
    // Serialising plain data with string keys cannot fail.
    serde::Serialize::serialize(a, &mut ser).expect("the analysis serialises");
    // serde_json writes UTF-8 only.
    String::from_utf8(out).expect("JSON is UTF-8") + "\n"
}

/// serde_json's pretty printer, escaping `<`, `>` and `&` inside strings.
struct HtmlSafe<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for HtmlSafe<'_> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(&mut self, w: &mut W, fragment: &str) -> std::io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['<', '>', '&']) {
            w.write_all(rest[..at].as_bytes())?;
            w.write_all(match rest.as_bytes()[at] {
                b'<' => b"\\u003c",
                b'>' => b"\\u003e",
                _ => b"\\u0026",
            })?;
            rest = &rest[at + 1..];
        }
        w.write_all(rest.as_bytes())
    }
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(&mut self, w: &mut W, first: bool) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// A theme id as a reader's label: `MIL_AIR_DEFENCE` or `military.air_defence` → "air defence"
/// (unescaped: the caller escapes it as it writes it).
pub fn theme_label(id: &str) -> String {
    knowledge::theme_name(id)
}

/// The guide's map of where a pair's events happened, as one inline SVG document (country
/// outlines bundled in the binary, a circle per place; every name escaped), or `None` when no
/// place has coordinates. `label` is the image's accessible name.
pub fn map_svg(places: &[entente_analytics::knowledge::PlaceFact], a: &str, b: &str, label: &str) -> Option<String> {
    map::map(places, a, b, label).map(|(svg, _)| svg)
}

/// The guide in `format`.
pub fn render(a: &DyadAnalysis, format: Format) -> String {
    match format {
        Format::Html => html(a),
        Format::Markdown => markdown(a),
        Format::Json => json(a),
    }
}
