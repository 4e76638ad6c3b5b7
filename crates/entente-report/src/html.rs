//! The guide as one self-contained HTML file: inline CSS (with a print stylesheet) and inline
//! SVG, no script, no external resource.

use crate::doc::{escape_html as esc, linkable, Block, Guide, Span, Table};
use std::fmt::Write;

const CSS: &str = r#"
:root { --ink: #222; --muted: #666; --rule: #ddd; --coop: #2f7d4f; --conflict: #b8322a; }
* { box-sizing: border-box; }
body { font: 16px/1.55 Georgia, "Times New Roman", serif; color: var(--ink); max-width: 860px;
       margin: 2rem auto; padding: 0 1rem; }
header h1 { font-size: 2rem; margin: 0 0 .2rem; }
header p { color: var(--muted); margin: 0 0 1rem; font-family: sans-serif; font-size: .9rem; }
nav ol { columns: 2; font-family: sans-serif; font-size: .9rem; }
h2 { border-bottom: 2px solid var(--ink); padding-bottom: .2rem; margin-top: 2.2rem; }
h3 { font-family: sans-serif; font-size: 1rem; margin-bottom: .3rem; }
table { border-collapse: collapse; margin: .8rem 0; font-family: sans-serif; font-size: .85rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .25rem .6rem; text-align: left; vertical-align: top; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: 1rem 0; }
figcaption { font-family: sans-serif; font-size: .8rem; color: var(--muted); }
details { font-family: sans-serif; font-size: .8rem; }
ol.evidence { padding-left: 1.2rem; }
ol.evidence li { margin: .4rem 0; }
q { font-style: italic; }
q::before { content: "“"; } q::after { content: "”"; }
a { color: #1a4f8b; word-break: break-all; }
footer { margin-top: 3rem; color: var(--muted); font-size: .8rem; font-family: sans-serif; }
@media print {
  body { font-size: 10.5pt; max-width: none; margin: 0; }
  nav, details { display: none; }
  h2 { break-after: avoid; }
  figure, table, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  a[href]::after { content: " <" attr(href) ">"; font-size: 8pt; color: var(--muted); }
}
"#;

fn spans(out: &mut String, s: &[Span]) {
    for x in s {
        match x {
            Span::T(v) => out.push_str(&esc(v)),
            Span::B(v) => {
                let _ = write!(out, "<strong>{}</strong>", esc(v));
            }
            Span::Quote(v) => {
                let _ = write!(out, "<q>{}</q>", esc(v));
            }
            Span::Link(text, url) if linkable(url) => {
                let _ = write!(out, "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>", esc(url), esc(text));
            }
            Span::Link(text, _) => out.push_str(&esc(text)),
        }
    }
}

fn table(out: &mut String, t: &Table) {
    out.push_str("<table><thead><tr>");
    for h in &t.head {
        let _ = write!(out, "<th>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            out.push_str(if t.numeric.get(i).copied().unwrap_or(false) { "<td class=\"n\">" } else { "<td>" });
            spans(out, cell);
            out.push_str("</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

pub(crate) fn render(g: &Guide) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<header><h1>{}</h1><p>{}</p></header>\n<nav><ol>",
        esc(&g.title),
        esc(&g.title),
        esc(&g.subtitle)
    );
    for s in &g.sections {
        let _ = write!(out, "<li><a href=\"#{}\">{}</a></li>", s.id, esc(&s.title));
    }
    out.push_str("</ol></nav>\n");
    for s in &g.sections {
        let _ = writeln!(out, "<section id=\"{}\">\n<h2>{}</h2>", s.id, esc(&s.title));
        for bl in &s.blocks {
            match bl {
                Block::H3(h) => {
                    let _ = writeln!(out, "<h3>{}</h3>", esc(h));
                }
                Block::P(p) => {
                    out.push_str("<p>");
                    spans(&mut out, p);
                    out.push_str("</p>\n");
                }
                Block::List(items) => {
                    out.push_str("<ul>");
                    for i in items {
                        out.push_str("<li>");
                        spans(&mut out, i);
                        out.push_str("</li>");
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table(t) => table(&mut out, t),
                Block::Figure { svg, caption, data } => {
                    // `svg` is built by svg.rs, which escapes every string it writes.
                    let _ = write!(out, "<figure>{svg}<figcaption>{}</figcaption>", esc(caption));
                    out.push_str("<details><summary>Data</summary>");
                    table(&mut out, data);
                    out.push_str("</details></figure>\n");
                }
                Block::Evidence(items) => {
                    out.push_str("<ol class=\"evidence\">");
                    for i in items {
                        out.push_str("<li>");
                        spans(&mut out, i);
                        out.push_str("</li>");
                    }
                    out.push_str("</ol>\n");
                }
            }
        }
        out.push_str("</section>\n");
    }
    out.push_str("<footer>Generated by entente. Figures are counts of coded news events, not measurements of the relationship itself; read them with the cited evidence.</footer>\n</body>\n</html>\n");
    out
}
