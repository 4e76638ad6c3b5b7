//! Numbers in prose.

/// `1234567` → `1,234,567`.
pub(crate) fn int(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::with_capacity(s.len() + s.len() / 3);
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `0.625` → `62.5%`.
pub(crate) fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// A signed figure with two decimals: `+1.25`, `−0.50`.
pub(crate) fn signed(x: f64) -> String {
    if x < 0.0 {
        format!("−{:.2}", -x)
    } else {
        format!("+{x:.2}")
    }
}

/// `n word` or `n words`.
pub(crate) fn count(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{} {word}s", int(n))
    }
}

/// The first letter upper-case ("the United States" → "The United States").
pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures() {
        assert_eq!(int(0), "0");
        assert_eq!(int(625), "625");
        assert_eq!(int(1234567), "1,234,567");
        assert_eq!(pct(0.625), "62.5%");
        assert_eq!(signed(-0.5), "−0.50");
        assert_eq!(count(1, "event"), "1 event");
        assert_eq!(count(1200, "event"), "1,200 events");
        assert_eq!(capitalise("the United States"), "The United States");
    }
}
