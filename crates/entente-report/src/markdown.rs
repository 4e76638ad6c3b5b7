//! The guide as Markdown (GitHub flavour): the same prose and evidence; each chart becomes its
//! data table.

use crate::doc::{escape_markdown as esc, linkable, Block, Guide, Span, Table};
use std::fmt::Write;

fn spans(s: &[Span]) -> String {
    let mut out = String::new();
    for x in s {
        match x {
            Span::T(v) => out.push_str(&esc(v)),
            Span::B(v) => {
                let _ = write!(out, "**{}**", esc(v));
            }
            Span::Quote(v) => {
                let _ = write!(out, "“{}”", esc(v));
            }
            // An autolink: the URL is checked to hold no space, quote or angle bracket.
            Span::Link(_, url) if linkable(url) => {
                let _ = write!(out, "<{url}>");
            }
            Span::Link(text, _) => out.push_str(&esc(text)),
        }
    }
    out
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "| {} |", t.head.iter().map(|h| esc(h)).collect::<Vec<_>>().join(" | "));
    let align: Vec<&str> =
        (0..t.head.len()).map(|i| if t.numeric.get(i).copied().unwrap_or(false) { "---:" } else { "---" }).collect();
    let _ = writeln!(out, "| {} |", align.join(" | "));
    for row in &t.rows {
        let _ = writeln!(out, "| {} |", row.iter().map(|c| spans(c)).collect::<Vec<_>>().join(" | "));
    }
    out.push('\n');
}

pub(crate) fn render(g: &Guide) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n_{}_\n", esc(&g.title), esc(&g.subtitle));
    for s in &g.sections {
        let _ = writeln!(out, "## {}\n", esc(&s.title));
        for b in &s.blocks {
            match b {
                Block::H3(h) => {
                    let _ = writeln!(out, "### {}\n", esc(h));
                }
                Block::P(p) => {
                    let _ = writeln!(out, "{}\n", spans(p));
                }
                Block::List(items) => {
                    for i in items {
                        let _ = writeln!(out, "- {}", spans(i));
                    }
                    out.push('\n');
                }
                Block::Table(t) => table(&mut out, t),
                Block::Figure { caption, data, .. } => {
                    let _ = writeln!(out, "_{}_\n", esc(caption));
                    table(&mut out, data);
                }
                Block::Evidence(items) => {
                    for (n, i) in items.iter().enumerate() {
                        let _ = writeln!(out, "{}. {}", n + 1, spans(i));
                    }
                    out.push('\n');
                }
            }
        }
    }
    out
}
