//! The guide's sections on what the news says beyond counts: themes per domain, facts and
//! figures, named things, what each side's officials said, and the map (issue #10). Built from
//! the analysis's [`KnowledgeSummary`](entente_analytics::knowledge::KnowledgeSummary) only.

use crate::doc::{b, t, Block, Span, Table};
use crate::fmt::{count, int};
use crate::names::country_name;
use entente_analytics::knowledge::{AmountFact, Cite, ThemeTrend};
use entente_analytics::{Domain, DyadAnalysis};

/// A cited sentence: date, the sentence, the document.
fn cite(c: &Cite) -> Vec<Span> {
    let mut s = vec![b(c.date.to_string()), t(" — ")];
    if let Some(text) = c.text.as_deref().filter(|x| !x.trim().is_empty()) {
        s.push(Span::Quote(text.trim().to_string()));
        s.push(t(" "));
    }
    if crate::doc::linkable(&c.doc_id) {
        s.push(t("Source: "));
        s.push(Span::Link(c.doc_id.clone(), c.doc_id.clone()));
        s.push(t(format!(", sentence {}.", c.sentence)));
    } else {
        s.push(t(format!("Source: document {}, sentence {}.", c.doc_id, c.sentence)));
    }
    s
}

/// A theme id in prose: `MIL_AIR_DEFENCE` or `military.air_defence` → "air defence" (the
/// domain prefix is said by the section).
pub(crate) fn theme_name(id: &str) -> String {
    let id = id.rsplit('.').next().unwrap_or(id);
    let id = match id.split_once('_') {
        Some((prefix, rest)) if prefix.len() <= 5 && prefix.bytes().all(|b| b.is_ascii_uppercase()) => rest,
        _ => id,
    };
    id.replace(['_', '-'], " ").to_lowercase()
}

/// Does a theme of `domain` (the taxonomy's top level) belong in the section of `d`?
fn in_domain(domain: &str, d: Domain) -> bool {
    let top = domain.split(['.', '/']).next().unwrap_or(domain);
    match d {
        Domain::Military => top == "military",
        Domain::Economic => top == "economic",
        Domain::Diplomatic => top == "diplomatic",
        Domain::Political => top == "political",
        Domain::Humanitarian => top == "humanitarian",
        Domain::Legal => top == "legal",
    }
}

/// The domains that have a guide section of their own; themes of any other go with politics.
fn placed(domain: &str) -> bool {
    Domain::ALL.iter().any(|&d| in_domain(domain, d))
}

/// The themes of domain `d` (or, for `None`, of no known domain): which rose, which fell.
pub(crate) fn themes(a: &DyadAnalysis, d: Option<Domain>) -> Vec<Block> {
    let list: Vec<&ThemeTrend> = a
        .knowledge
        .themes
        .iter()
        .filter(|x| match d {
            Some(d) => in_domain(&x.domain, d),
            None => !placed(&x.domain),
        })
        .collect();
    if list.is_empty() {
        return vec![];
    }
    let unit = a.granularity.unit();
    let mut out = vec![Block::P(vec![t(format!(
        "Themes of the sentences that report these events ({}), with the {} of most mentions:",
        list.len(),
        unit
    ))])];
    let mut items = Vec::new();
    let mut evidence = Vec::new();
    for th in &list {
        let peak = th.per_period.iter().max_by(|x, y| x.1.cmp(y.1).then(y.0.cmp(x.0))).map(|(p, n)| format!("{p}: {n}")).unwrap_or_default();
        items.push(vec![
            b(theme_name(&th.theme)),
            t(format!(
                " — {}, {} to {}, {} (peak {peak})",
                count(th.mentions, "sentence"),
                th.first,
                th.last,
                th.trend
            )),
        ]);
        evidence.extend(th.examples.iter().take(1).map(cite));
    }
    out.push(Block::List(items));
    if !evidence.is_empty() {
        out.push(Block::P(vec![t("Sentences that carry them (the latest of each):")]));
        out.push(Block::Evidence(evidence));
    }
    out
}

/// An amount in prose: `4960000000 USD` → "4.96 billion USD", `20 %` → "20%".
pub(crate) fn amount(f: &AmountFact) -> String {
    let v = f.value;
    let num = |x: f64| {
        let s = format!("{x:.2}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    };
    let scaled = if v.abs() >= 1e12 {
        format!("{} trillion", num(v / 1e12))
    } else if v.abs() >= 1e9 {
        format!("{} billion", num(v / 1e9))
    } else if v.abs() >= 1e6 {
        format!("{} million", num(v / 1e6))
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        int(v.abs() as u64)
    } else {
        num(v)
    };
    match f.unit.as_str() {
        "%" => format!("{}%", num(v)),
        "pp" => format!("{} percentage points", num(v)),
        u => format!("{scaled} {u}"),
    }
}

/// Facts and figures: every amount with its date and sentence.
pub(crate) fn figures(a: &DyadAnalysis) -> Vec<Block> {
    let f = &a.knowledge.figures;
    if f.is_empty() {
        return vec![Block::P(vec![t(
            "No amounts (money, percentages, quantities) were extracted from the sentences of these events.",
        )])];
    }
    let mut out = vec![Block::P(vec![t(format!(
        "The amounts given in the sentences that report {} and {}'s events, by date ({}):",
        country_name(&a.a),
        country_name(&a.b),
        count(f.len() as u64, "figure")
    ))])];
    let mut table = Table {
        head: vec!["date".into(), "figure".into(), "as written".into(), "kind".into()],
        numeric: vec![false, true, false, false],
        rows: vec![],
    };
    for x in f {
        table.rows.push(vec![vec![t(x.cite.date.to_string())], vec![t(amount(x))], vec![t(x.surface.clone())], vec![t(x.kind.clone())]]);
    }
    out.push(Block::Table(table));
    out.push(Block::P(vec![t("Their sentences:")]));
    let mut seen = std::collections::HashSet::new();
    let ev: Vec<Vec<Span>> = f
        .iter()
        .filter(|x| seen.insert((x.cite.doc_id.clone(), x.cite.sentence)))
        .map(|x| {
            let mut s = vec![b(amount(x)), t(": ")];
            s.extend(cite(&x.cite));
            s
        })
        .collect();
    out.push(Block::Evidence(ev));
    out
}

/// Named things by first mention.
pub(crate) fn things(a: &DyadAnalysis) -> Vec<Block> {
    let list = &a.knowledge.things;
    if list.is_empty() {
        return vec![Block::P(vec![t("No named weapons, projects, organisations or agreements were found in these sentences.")])];
    }
    let mut table = Table {
        head: vec!["name".into(), "category".into(), "mentions".into(), "first".into(), "last".into()],
        numeric: vec![false, false, true, false, false],
        rows: vec![],
    };
    for x in list {
        table.rows.push(vec![
            vec![b(x.name.clone())],
            vec![t(x.category.clone())],
            vec![t(int(x.mentions))],
            vec![t(x.first.to_string())],
            vec![t(x.last.to_string())],
        ]);
    }
    vec![
        Block::P(vec![t(format!(
            "The weapons, projects, organisations, agreements and currencies named, by first mention ({}):",
            list.len()
        ))]),
        Block::Table(table),
        Block::P(vec![t("Where each first appeared:")]),
        Block::Evidence(
            list.iter()
                .map(|x| {
                    let mut s = vec![b(x.name.clone()), t(": ")];
                    s.extend(cite(&x.first_cite));
                    s
                })
                .collect(),
        ),
    ]
}

/// What each side's officials said.
pub(crate) fn voices(a: &DyadAnalysis) -> Vec<Block> {
    let mut out = vec![];
    for side in [&a.a, &a.b] {
        let qs: Vec<_> = a.knowledge.quotes.iter().filter(|q| &q.side == side).collect();
        out.push(Block::H3(format!("{} ({side})", crate::fmt::capitalise(country_name(side)))));
        if qs.is_empty() {
            out.push(Block::P(vec![t(format!("No quotation of an actor of {} was extracted.", country_name(side)))]));
            continue;
        }
        out.push(Block::Evidence(
            qs.iter()
                .map(|q| {
                    let c = &q.quote;
                    let who = match &c.speaker_code {
                        Some(code) => format!("{} ({code})", c.speaker),
                        None => c.speaker.clone(),
                    };
                    let mut s = vec![b(c.cite.date.to_string()), t(" — "), b(who), t(": "), Span::Quote(c.quote.clone())];
                    s.push(t(if crate::doc::linkable(&c.cite.doc_id) { " Source: " } else { " Source: document " }));
                    if crate::doc::linkable(&c.cite.doc_id) {
                        s.push(Span::Link(c.cite.doc_id.clone(), c.cite.doc_id.clone()));
                    } else {
                        s.push(t(c.cite.doc_id.clone()));
                    }
                    s.push(t("."));
                    s
                })
                .collect(),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn theme_ids_read_as_prose() {
        assert_eq!(super::theme_name("MIL_AIR_DEFENCE"), "air defence");
        assert_eq!(super::theme_name("military.drones"), "drones");
        assert_eq!(super::theme_name("ECON_BANKING"), "banking");
    }
}

/// The map of event places.
pub(crate) fn map(a: &DyadAnalysis) -> Vec<Block> {
    let label = format!("Where events between {} and {} happened", country_name(&a.a), country_name(&a.b));
    match crate::map::map(&a.knowledge.places, &a.a, &a.b, &label) {
        None => vec![Block::P(vec![t(
            "No event places with coordinates in the data (GDELT and ICEWS give them; entente gives them for the places its gazetteer knows).",
        )])],
        Some((svg, data)) => {
            let events: u64 = a.knowledge.places.iter().map(|p| p.events).sum();
            vec![
                Block::P(vec![t(format!(
                    "{} of the pair's events have a place: {} places; circles grow with the events there (blue entente, red ICEWS, purple GDELT).",
                    int(events),
                    int(a.knowledge.places.len() as u64)
                ))]),
                Block::Figure { svg, caption: label, data },
            ]
        }
    }
}
