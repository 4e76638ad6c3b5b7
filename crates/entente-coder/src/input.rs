//! Documents from JSON objects, as `entente code` reads its JSON Lines (and the Python package
//! its rows): `id`, `date` and `text` (or `title` + `body`), with the same messages for bad ones.

use entente_core::{Date, Document};
use serde_json::Value;

/// Builds a document from one JSON object: `id`, `date` and `text` (or `title` + `body`).
/// An empty `id` in the result means the line had none; the caller names it after the line.
pub fn document_from_json(value: Value, default_date: Option<Date>) -> Result<Document, String> {
    let Value::Object(mut obj) = value else {
        return Err(format!("expected a JSON object, found {}", kind(&value)));
    };
    let id = match obj.remove("id") {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("`id` must be a string or a number, found {}", kind(&other))),
    };
    let date = match obj.get("date") {
        None | Some(Value::Null) => match default_date {
            Some(d) => d,
            None => return Err("missing `date` (YYYY-MM-DD; or give --date)".to_string()),
        },
        Some(Value::String(s)) => parse_date(s)?,
        Some(Value::Number(n)) => parse_date(&n.to_string())?,
        Some(other) => return Err(format!("`date` must be a string, found {}", kind(other))),
    };
    let mut field = |name: &str| -> Result<Option<String>, String> {
        match obj.remove(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(format!("`{name}` must be a string, found {}", kind(&other))),
        }
    };
    let text = match (field("text")?, field("body")?, field("title")?) {
        (Some(text), _, _) => text,
        (None, Some(body), Some(title)) if !title.trim().is_empty() => {
            // The headline is a sentence of its own; a blank line keeps it apart from the body.
            format!("{}\n\n{body}", title.trim_end())
        }
        (None, Some(body), _) => body,
        (None, None, Some(title)) => title,
        (None, None, None) => return Err("missing `text` (or `body`)".to_string()),
    };
    Ok(Document { id, date, text })
}

/// Parses a document date: `YYYY-MM-DD`, `YYYYMMDD`, or a date-time whose first ten characters
/// are `YYYY-MM-DD` (`1987-02-26T15:01:01`, as in Reuters-21578).
pub fn parse_date(s: &str) -> Result<Date, String> {
    let t = s.trim();
    let day = match t.get(..10) {
        Some(d) if t.len() > 10 && matches!(t.as_bytes()[10], b'T' | b't' | b' ') => d,
        _ => t,
    };
    Date::parse(day).map_err(|e| format!("bad `date`: {e}"))
}

/// What a JSON value is, for messages.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

