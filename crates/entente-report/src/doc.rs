//! The guide as a small document tree of unescaped text. Renderers escape every string at the
//! last moment, so no path from news text to output skips escaping.

/// Inline text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Span {
    /// Plain text.
    T(String),
    /// Emphasised figure or name.
    B(String),
    /// A link: text and an http(s) URL (anything else is rendered as text).
    Link(String, String),
    /// A quoted sentence from the news (untrusted).
    Quote(String),
}

/// A table: header and rows of inline text.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Table {
    pub head: Vec<String>,
    pub rows: Vec<Vec<Vec<Span>>>,
    /// Columns to right-align (figures).
    pub numeric: Vec<bool>,
}

/// A block of the guide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// A subheading.
    H3(String),
    /// A paragraph.
    P(Vec<Span>),
    /// A bulleted list.
    List(Vec<Vec<Span>>),
    /// A table.
    Table(Table),
    /// A chart: SVG built by `svg.rs` (whose text is escaped there), a caption, and the same
    /// data as a table for Markdown.
    Figure { svg: String, caption: String, data: Table },
    /// Cited events.
    Evidence(Vec<Vec<Span>>),
}

/// A section of the guide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Section {
    pub id: &'static str,
    pub title: String,
    pub blocks: Vec<Block>,
}

/// The whole guide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Guide {
    pub title: String,
    pub subtitle: String,
    pub sections: Vec<Section>,
}

pub(crate) fn t(s: impl Into<String>) -> Span {
    Span::T(s.into())
}
pub(crate) fn b(s: impl Into<String>) -> Span {
    Span::B(s.into())
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newline have no place in a guide.
            c if c.is_control() && c != '\n' && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Escapes text for Markdown: punctuation with an inline Markdown meaning gets a backslash, and the
/// HTML-significant characters become entities, so that neither Markdown nor raw HTML in news
/// text reaches the reader's renderer. Line breaks become spaces (a table cell or list item
/// must stay on one line).
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Parentheses and `!` need no escape: with `[` and `]` escaped no link or image
            // can form.
            '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() && c != '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Whether `url` may be a link target: http or https, no whitespace or quotes.
pub(crate) fn linkable(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("http://") || lower.starts_with("https://"))
        && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '\'' || c == '<' || c == '>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_html(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;");
        assert_eq!(escape_markdown("<b>*bold*</b> [x](javascript:1)"),
            r"&lt;b&gt;\*bold\*&lt;/b&gt; \[x\](javascript:1)");
        assert_eq!(escape_markdown("a|b\nc"), r"a\|b c");
        assert!(linkable("https://example.com/a?b=1"));
        assert!(!linkable("javascript:alert(1)"));
        assert!(!linkable("https://x.com/\"onmouseover=\"alert(1)"));
        assert!(!linkable("48311910"));
    }
}
