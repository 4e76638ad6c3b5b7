//! JSON responses that are safe to embed: `<`, `>` and `&` are written as `\u003c`, `\u003e`
//! and `\u0026`. Event text is news text, and a sentence quoting `</script>` must not become
//! markup if a client ever pastes a response into a page. In serialised JSON these characters
//! can only occur inside strings, so replacing them keeps the document equal.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// A JSON body with HTML-significant characters escaped.
pub struct Json<T>(pub T);

/// `value` as JSON text with `<`, `>`, `&` escaped.
pub fn to_string<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let raw = serde_json::to_string(value)?;
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            c => out.push(c),
        }
    }
    Ok(out)
}

impl<T: Serialize> IntoResponse for Json<T> {
    fn into_response(self) -> Response {
        match to_string(&self.0) {
            Ok(body) => (
                [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                body,
            )
                .into_response(),
            Err(e) => {
                tracing::error!(error = %e, "cannot serialise a response");
                (
                    StatusCode::INTERNAL_SERVER_ERROR,
                    [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))],
                    r#"{"error":"internal server error; the details are in the server log"}"#,
                )
                    .into_response()
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes_markup_and_round_trips() {
        let text = "a <script>alert(1)</script> & \"b\"";
        let s = super::to_string(&serde_json::json!({ "text": text })).unwrap();
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'), "{s}");
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["text"], text);
    }
}
