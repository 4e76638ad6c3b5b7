//! The prose of the guide, generated from the analysis. Every sentence states figures taken
//! from the analysis or cites an event with its evidence; nothing is said that the numbers do
//! not show.

use crate::doc::{b, t, Block, Guide, Section, Span, Table};
use crate::fmt::{capitalise, count, int, pct, signed};
use crate::names::country_name;
use crate::svg;
use entente_analytics::{
    Character, Domain, DomainSummary, DyadAnalysis, KeyEvent, Stats, TrendSeries, DOMAIN_RULES,
};

/// Section ids and titles, in order.
pub const SECTIONS: [(&str, &str); 13] = [
    ("summary", "Summary"),
    ("military", "Military cooperation"),
    ("economic", "Economic relations"),
    ("political", "Political and diplomatic relations"),
    ("figures", "Facts and figures"),
    ("things", "Named things"),
    ("voices", "Who said what"),
    ("map", "Where it happened"),
    ("fault-lines", "Fault lines and friction"),
    ("third-parties", "Third parties"),
    ("trend", "Trend and outlook"),
    ("key-events", "Key events"),
    ("methods", "Methods and data"),
];

struct Ctx<'a> {
    a: &'a DyadAnalysis,
    na: String,
    nb: String,
}

fn dataset_label(d: &str) -> &str {
    match d {
        "icews" => "ICEWS",
        "gdelt" => "GDELT",
        "entente" => "entente",
        other => other,
    }
}

/// An event with its evidence: date, the sentence, who did what to whom, the source.
pub(crate) fn cite(e: &KeyEvent) -> Vec<Span> {
    let mut s = vec![b(e.date.to_string()), t(" — ")];
    if let Some(text) = e.text.as_deref().filter(|x| !x.trim().is_empty()) {
        s.push(Span::Quote(text.trim().to_string()));
        s.push(t(" "));
    }
    let actor = |name: &Option<String>, code: &Option<String>, country: &str| {
        let n = name.clone().or_else(|| code.clone()).unwrap_or_else(|| country.to_string());
        if n == country { n } else { format!("{n} ({country})") }
    };
    s.push(t(format!(
        "{} → {}: {} (CAMEO {}, Goldstein {}, {})",
        actor(&e.source_name, &e.source, &e.source_country),
        actor(&e.target_name, &e.target, &e.target_country),
        e.code_name,
        e.code,
        signed(e.goldstein),
        e.domain.label()
    )));
    if e.reports > 1 {
        s.push(t(format!("; {} merged", count(e.reports, "report"))));
    }
    s.push(t(format!(". Source: {} ", dataset_label(&e.dataset))));
    let docs: Vec<&String> = if e.documents.is_empty() { e.document.iter().collect() } else { e.documents.iter().collect() };
    if docs.is_empty() {
        s.push(t("(no document id)"));
    }
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            s.push(t(", "));
        }
        if crate::doc::linkable(d) {
            s.push(Span::Link(d.to_string(), d.to_string()));
        } else {
            s.push(t(format!("document {d}")));
        }
    }
    s.push(t("."));
    s
}

impl Ctx<'_> {
    fn range(&self) -> (String, String) {
        let a = self.a;
        let from = a.from.or(a.first_event).map(|d| d.to_string()).unwrap_or_else(|| "the start".into());
        let to = a.to.or(a.last_event).map(|d| d.to_string()).unwrap_or_else(|| "the end".into());
        (from, to)
    }

    fn mix(&self, s: &Stats) -> String {
        format!(
            "{} were cooperative ({} verbal, {} material) and {} conflict ({} verbal, {} material)",
            s.cooperative_share.map(pct).unwrap_or_else(|| "–".into()),
            int(s.quad[0]),
            int(s.quad[1]),
            s.cooperative_share.map(|c| pct(1.0 - c)).unwrap_or_else(|| "–".into()),
            int(s.quad[2]),
            int(s.quad[3]),
        )
    }

    fn summary(&self) -> Vec<Block> {
        let a = self.a;
        let s = &a.totals.both;
        let (from, to) = self.range();
        let mut out = vec![];
        if s.events == 0 {
            out.push(Block::P(vec![t(format!(
                "No events between {} and {} were found from {from} to {to} in the data queried \
                 ({}). Every section below is empty for that reason; see Methods and data.",
                self.na,
                self.nb,
                if a.methods.datasets.is_empty() { "no dataset had any".to_string() } else { "none matched".into() }
            ))]));
            return out;
        }
        out.push(Block::P(vec![
            t(format!("From {from} to {to}, ")),
            b(count(s.events, "event")),
            t(format!(
                " between {} and {} were recorded: {} from {} towards {} and {} from {} towards {}. ",
                self.na,
                self.nb,
                int(a.totals.a_to_b.events),
                self.na,
                self.nb,
                int(a.totals.b_to_a.events),
                self.nb,
                self.na
            )),
            t(format!(
                "Of these, {}. The mean Goldstein score was {} on a scale of −10 (most hostile) to +10 (most cooperative).",
                self.mix(s),
                s.goldstein_mean.map(signed).unwrap_or_default()
            )),
        ]));
        if let Some(per) = s.events_per_1000 {
            out.push(Block::P(vec![t(format!(
                "Relative to how much each country is in the news: {per:.2} of every 1,000 events involving either country \
                 in these {} were between the two ({} events of {} and {} of {} in all).",
                count(a.series.len() as u64, a.granularity.unit()),
                int(a.volume.0),
                self.na,
                int(a.volume.1),
                self.nb
            ))]));
        }
        let (ab, ba) = (&a.totals.a_to_b, &a.totals.b_to_a);
        let side = |n: &str, m: &str, x: &Stats| {
            if x.events == 0 {
                format!("{} took no recorded action towards {m}", capitalise(n))
            } else {
                format!(
                    "{}'s {} towards {m} were {} cooperative (mean Goldstein {})",
                    capitalise(n),
                    count(x.events, "action"),
                    x.cooperative_share.map(pct).unwrap_or_default(),
                    x.goldstein_mean.map(signed).unwrap_or_default()
                )
            }
        };
        out.push(Block::P(vec![t(format!(
            "By direction: {}; {}.",
            side(&self.na, &self.nb, ab),
            side(&self.nb, &self.na, ba)
        ))]));
        let mut doms: Vec<&DomainSummary> = a.domains.iter().filter(|d| d.stats.both.events > 0).collect();
        doms.sort_by_key(|d| std::cmp::Reverse(d.stats.both.events));
        let list: Vec<String> = doms
            .iter()
            .map(|d| format!("{} {} ({})", d.domain.label(), int(d.stats.both.events), pct(d.share)))
            .collect();
        out.push(Block::P(vec![t(format!("By domain: {}.", list.join(", ")))]));
        let tps = a.turning_points.len() as u64;
        out.push(Block::P(vec![t(format!(
            "{} in the level of cooperation or of activity, and {} against the grain of the relationship \
             ({} of all); both are detailed below.",
            if tps == 0 { "No turning point".to_string() } else { capitalise(&count(tps, "turning point")) },
            count(a.fault_lines.events, "event"),
            a.fault_lines.share.map(pct).unwrap_or_default()
        ))]));
        let mut head = Table { head: vec!["figure".into(), "value".into()], numeric: vec![false, true], rows: vec![] };
        let mut row = |k: String, v: String| head.rows.push(vec![vec![t(k)], vec![t(v)]]);
        row("Events".into(), int(s.events));
        row(format!("{} → {}", a.a, a.b), int(ab.events));
        row(format!("{} → {}", a.b, a.a), int(ba.events));
        row("Cooperative share".into(), s.cooperative_share.map(pct).unwrap_or_default());
        row("Mean Goldstein".into(), s.goldstein_mean.map(signed).unwrap_or_default());
        row(
            "Events per 1,000 of the two countries' volume".into(),
            s.events_per_1000.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into()),
        );
        row("Fault-line events".into(), int(a.fault_lines.events));
        row("Turning points".into(), int(tps));
        row(
            "First and last event".into(),
            format!(
                "{} – {}",
                a.first_event.map(|d| d.to_string()).unwrap_or_default(),
                a.last_event.map(|d| d.to_string()).unwrap_or_default()
            ),
        );
        out.push(Block::Table(head));
        let (chart, data) = svg::timeline(a);
        out.push(Block::Figure {
            svg: chart,
            caption: format!(
                "Cooperative events (up) and conflict events (down) per {}; dashed lines mark turning points T1, T2, …",
                a.granularity.unit()
            ),
            data,
        });
        let (chart, data) = svg::domains(a);
        out.push(Block::Figure { svg: chart, caption: "Events by domain, cooperative and conflict.".into(), data });
        if let Some(top) = a.key_events.first() {
            out.push(Block::P(vec![t("The most salient event:")]));
            out.push(Block::Evidence(vec![cite(top)]));
        }
        out
    }

    fn domain(&self, d: Domain, heading: bool) -> Vec<Block> {
        let a = self.a;
        let mut out = vec![];
        let Some(ds) = a.domains.iter().find(|x| x.domain == d) else { return out };
        if heading {
            out.push(Block::H3(capitalise(d.label())));
        }
        let s = &ds.stats.both;
        let (from, to) = self.range();
        if s.events == 0 {
            out.push(Block::P(vec![t(format!(
                "No {} events between {} and {} were recorded from {from} to {to}.",
                d.label(),
                self.na,
                self.nb
            ))]));
            out.extend(crate::knowledge::themes(a, Some(d)));
            return out;
        }
        out.push(Block::P(vec![
            b(count(s.events, &format!("{} event", d.label()))),
            t(format!(
                " ({} of all): {}; {} from {} towards {} and {} from {} towards {}; mean Goldstein {}.",
                pct(ds.share),
                self.mix(s),
                int(ds.stats.a_to_b.events),
                self.na,
                self.nb,
                int(ds.stats.b_to_a.events),
                self.nb,
                self.na,
                s.goldstein_mean.map(signed).unwrap_or_default()
            )),
        ]));
        let codes: Vec<String> =
            ds.top_codes.iter().map(|c| format!("{} (CAMEO {}): {}", c.name, c.code, int(c.events))).collect();
        out.push(Block::P(vec![t(format!("Most frequent: {}.", codes.join("; ")))]));
        if !ds.examples.is_empty() {
            out.push(Block::P(vec![t(format!(
                "The most salient {}:",
                if ds.examples.len() == 1 { "event" } else { "events" }
            ))]));
            out.push(Block::Evidence(ds.examples.iter().map(cite).collect()));
        }
        out.extend(crate::knowledge::themes(a, Some(d)));
        out
    }

    fn fault_lines(&self) -> Vec<Block> {
        let a = self.a;
        let f = &a.fault_lines;
        let share = a.totals.both.cooperative_share.unwrap_or(0.0);
        let (kind, against) = match f.character {
            Character::Unknown => {
                return vec![Block::P(vec![t("No events, so no fault lines.")])];
            }
            Character::Cooperative => ("mostly cooperative", "conflict events (quad classes 3–4)"),
            Character::Conflictual => ("mostly conflictual", "cooperative events (quad classes 1–2)"),
        };
        let main = if f.character == Character::Cooperative { share } else { 1.0 - share };
        let mut out = vec![Block::P(vec![t(format!(
            "The relationship is {kind} ({} of events), so its fault lines are its {}: ",
            pct(main),
            against
        )), b(count(f.events, "event")), t(format!(", {} of all.", f.share.map(pct).unwrap_or_default()))])];
        if f.events == 0 {
            return out;
        }
        let mut by: Vec<(&Domain, &u64)> = f.by_domain.iter().collect();
        by.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
        let list: Vec<String> = by.iter().map(|(d, n)| format!("{} {}", d.label(), int(**n))).collect();
        out.push(Block::P(vec![t(format!("By domain: {}.", list.join(", ")))]));
        let unit = a.granularity.unit();
        let mut table = Table {
            head: vec![unit.into(), "domain".into(), "events".into(), "Goldstein sum".into()],
            numeric: vec![false, false, true, true],
            rows: vec![],
        };
        for g in &f.groups {
            table.rows.push(vec![
                vec![t(g.period.clone())],
                vec![t(g.domain.label())],
                vec![t(int(g.events))],
                vec![t(signed(g.goldstein_sum))],
            ]);
        }
        out.push(Block::P(vec![t(format!(
            "The largest concentrations, by {unit} and domain ({} shown):",
            f.groups.len()
        ))]));
        out.push(Block::Table(table));
        for g in f.groups.iter().take(5).filter(|g| !g.examples.is_empty()) {
            out.push(Block::H3(format!("{}: {} ({})", g.period, g.domain.label(), count(g.events, "event"))));
            out.push(Block::Evidence(g.examples.iter().map(cite).collect()));
        }
        out
    }

    fn third_parties(&self) -> Vec<Block> {
        let a = self.a;
        let tp = &a.third_parties;
        let opts = &a.methods.options;
        let mut out = vec![];
        if tp.of_a.is_empty() && tp.of_b.is_empty() {
            out.push(Block::P(vec![t(format!(
                "No events of {} or {} with other countries were available.",
                self.na, self.nb
            ))]));
            return out;
        }
        for (side, name, other, list) in [(&a.a, &self.na, &self.nb, &tp.of_a), (&a.b, &self.nb, &self.na, &tp.of_b)] {
            if list.is_empty() {
                out.push(Block::P(vec![t(format!("No events of {name} with countries other than {other}."))]));
                continue;
            }
            let items: Vec<String> = list
                .iter()
                .take(5)
                .map(|p| {
                    format!(
                        "{} ({}, {} cooperative)",
                        country_name(&p.country),
                        count(p.events, "event"),
                        pct(p.cooperative_share)
                    )
                })
                .collect();
            out.push(Block::P(vec![t(format!(
                "{}'s most frequent counterparts other than {other}: {}.",
                capitalise(name),
                items.join(", ")
            ))]));
            let (chart, data) = svg::partners(side, list);
            out.push(Block::Figure {
                svg: chart,
                caption: format!("Events of {name} with its {} most frequent other counterparts.", list.len()),
                data,
            });
        }
        out.push(Block::H3("Divergent triads".into()));
        if tp.triads.is_empty() {
            out.push(Block::P(vec![t(format!(
                "No third country is courted by one side while in conflict with the other (criteria: at least {} \
                 events with each side, one relation at least {} cooperative, the other at least {} conflict).",
                opts.triad_min_events,
                pct(opts.cooperative_threshold),
                pct(opts.conflict_threshold)
            ))]));
        } else {
            out.push(Block::List(
                tp.triads
                    .iter()
                    .map(|x| {
                        let c = &x.cooperating_relation;
                        let k = &x.conflicting_relation;
                        vec![
                            b(format!("{} ({})", capitalise(country_name(&x.country)), x.country)),
                            t(format!(
                                ": {} cooperates with it ({} of {} cooperative) while {} is in conflict with it ({} of {} conflict).",
                                country_name(&x.cooperating),
                                pct(c.cooperative_share),
                                count(c.events, "event"),
                                country_name(&x.conflicting),
                                pct(1.0 - k.cooperative_share),
                                count(k.events, "event")
                            )),
                        ]
                    })
                    .collect(),
            ));
        }
        out
    }

    fn trend(&self) -> Vec<Block> {
        let a = self.a;
        let unit = a.granularity.unit();
        let mut out = vec![];
        if a.totals.both.events == 0 {
            out.push(Block::P(vec![t("No events, so no trend.")]));
            return out;
        }
        if a.turning_points.is_empty() {
            out.push(Block::P(vec![t(format!(
                "No turning point: neither the cooperative share nor the number of events per {unit} changed level \
                 by more than the noise over these {} (see Methods and data).",
                count(a.series.len() as u64, unit)
            ))]));
        } else {
            let items = a
                .turning_points
                .iter()
                .enumerate()
                .map(|(i, tp)| {
                    let what = match tp.series {
                        TrendSeries::CooperativeShare => format!(
                            "the cooperative share {} from {} (average since {}) to {} (average through {})",
                            if tp.after > tp.before { "rose" } else { "fell" },
                            pct(tp.before),
                            tp.before_from,
                            pct(tp.after),
                            tp.after_to
                        ),
                        TrendSeries::Volume => format!(
                            "activity {} from {:.1} events per {unit} (average since {}) to {:.1} (average through {})",
                            if tp.after > tp.before { "rose" } else { "fell" },
                            tp.before,
                            tp.before_from,
                            tp.after,
                            tp.after_to
                        ),
                    };
                    let mut s = vec![b(format!("T{}, {}", i + 1, tp.period)), t(format!(": {what}."))];
                    if let Some(d) = &tp.domain_shift {
                        s.push(t(format!(
                            " The largest change by domain: {} events, {:.1} → {:.1} per {unit}.",
                            d.domain.label(),
                            d.before,
                            d.after
                        )));
                    }
                    s
                })
                .collect();
            out.push(Block::List(items));
        }
        // First half against second half: a plain comparison that needs no model.
        let n = a.series.len();
        if n >= 2 {
            let half = |r: &[entente_analytics::Period]| {
                let ev: u64 = r.iter().map(|p| p.stats.both.events).sum();
                let co: u64 = r.iter().map(|p| p.stats.both.cooperative()).sum();
                let cl: u64 = co + r.iter().map(|p| p.stats.both.conflict()).sum::<u64>();
                (ev, if cl > 0 { Some(co as f64 / cl as f64) } else { None })
            };
            let (x, y) = a.series.split_at(n / 2);
            let (ex, cx) = half(x);
            let (ey, cy) = half(y);
            out.push(Block::P(vec![t(format!(
                "First half ({} to {}): {}, {} cooperative. Second half ({} to {}): {}, {} cooperative.",
                x[0].period,
                x[x.len() - 1].period,
                count(ex, "event"),
                cx.map(pct).unwrap_or_else(|| "–".into()),
                y[0].period,
                y[y.len() - 1].period,
                count(ey, "event"),
                cy.map(pct).unwrap_or_else(|| "–".into()),
            ))]));
        }
        if let Some(p) = a.series.iter().rev().find(|p| p.stats.both.events > 0) {
            out.push(Block::P(vec![t(format!(
                "Latest {unit} with events, {}: {}, {} cooperative, mean Goldstein {}.",
                p.period,
                count(p.stats.both.events, "event"),
                p.stats.both.cooperative_share.map(pct).unwrap_or_else(|| "–".into()),
                p.stats.both.goldstein_mean.map(signed).unwrap_or_default()
            ))]));
        }
        out.push(Block::P(vec![t(
            "Outlook: this guide does not forecast. The level of the latest segment above is the baseline against \
             which to read new events; a sustained move away from it is what the next turning point would be made of.",
        )]));
        out
    }

    fn key_events(&self) -> Vec<Block> {
        let a = self.a;
        if a.key_events.is_empty() {
            return vec![Block::P(vec![t("No events.")])];
        }
        vec![
            Block::P(vec![t(format!(
                "The {} most salient of {} distinct events (salience = |Goldstein| + 3·ln(reports) + ln(1 + sources) + ln(1 + mentions)):",
                a.key_events.len(),
                int(a.methods.distinct_events)
            ))]),
            Block::Evidence(a.key_events.iter().map(cite).collect()),
        ]
    }

    fn methods(&self) -> Vec<Block> {
        let a = self.a;
        let m = &a.methods;
        let o = &m.options;
        let mut out = vec![];
        let ds: Vec<String> = m.datasets.iter().map(|(d, n)| format!("{} {}", dataset_label(d), int(*n))).collect();
        out.push(Block::P(vec![t(format!(
            "Data: {} between {} ({}) and {} ({}), both directions{}{}.",
            count(m.events, "event"),
            self.na,
            a.a,
            self.nb,
            a.b,
            if ds.is_empty() { String::new() } else { format!(", by dataset: {}", ds.join(", ")) },
            if m.provenance.is_empty() { String::new() } else { format!("; from {}", m.provenance.join("; ")) }
        ))]));
        if let Some(c) = &m.confidence_cut {
            out.push(Block::P(vec![t(format!(
                "Confidence: events coded by entente with a confidence below {:.2} are left out ({} of the {} events \
                 between the two that entente coded); the confidence is the coder's estimate that an event is right \
                 at the level of country pair and CAMEO root. Events of GDELT and ICEWS carry no confidence and are \
                 all kept.",
                c.min,
                int(c.left_out),
                int(c.coded)
            ))]));
        }
        let policy = match m.dedup.as_str() {
            "raw" | "" => "raw: every stored row counts (GDELT re-emissions are replaced at import)",
            "daily" => "daily: one event a day per dataset, source, target and code",
            "root" => "root: GDELT root events only; other datasets untouched",
            other => other,
        };
        out.push(Block::P(vec![t(format!(
            "Counting: the store's dedup policy was {policy}. For key events and citations, reports with the same date, \
             direction and CAMEO code and near-same text (word-set Jaccard similarity ≥ {:.2}, or both without text) are \
             merged: the {} rows are {} distinct events. Series and domain counts use the rows as counted by the store.",
            o.near_duplicate,
            int(m.events),
            int(m.distinct_events)
        ))]));
        out.push(Block::P(vec![t(format!(
            "Codes: CAMEO 1.1b3 event codes; quad classes as GDELT assigns them from the root (01–05 verbal cooperation, \
             06–09 material cooperation, 10–14 verbal conflict, 15–20 material conflict); the cooperative share is quad \
             1–2 over all events; Goldstein values from −10 to +10. Normalised figures divide by all events with {} or {} \
             as source or target country in the same {}s ({} and {}).",
            a.a,
            a.b,
            a.granularity.unit(),
            int(a.volume.0),
            int(a.volume.1)
        ))]));
        out.push(Block::P(vec![t(format!(
            "Turning points: exact penalised least-squares segmentation of the {unit}ly cooperative share ({unit}s with \
             events) and of the {unit}ly event count (square-root scale); penalty 2·ln(n) per change (BIC for a mean \
             change), noise from the median absolute first difference, segments of at least two {unit}s; {} {unit}s.",
            int(m.periods as u64),
            unit = a.granularity.unit()
        ))]));
        out.push(Block::P(vec![t(format!(
            "Fault lines: the relationship is cooperative when at least half its events are; its conflict events are \
             then grouped by {} and domain (and the reverse for a conflictual one). Triads: at least {} events with \
             each side, one relation ≥ {} cooperative, the other ≥ {} conflict.",
            a.granularity.unit(),
            o.triad_min_events,
            pct(o.cooperative_threshold),
            pct(o.conflict_threshold)
        ))]));
        out.push(Block::P(vec![t(
            "Domains: every CAMEO code belongs to one domain by subject matter, by the longest prefix in this table \
             (codes not listed are political/verbal):",
        )]));
        let mut table = Table { head: vec!["domain".into(), "CAMEO codes and prefixes".into()], numeric: vec![false, false], rows: vec![] };
        for d in Domain::ALL {
            let codes: Vec<&str> = DOMAIN_RULES.iter().filter(|(_, x)| *x == d).map(|(c, _)| *c).collect();
            let text = if codes.is_empty() { "everything not listed".to_string() } else { codes.join(" ") };
            table.rows.push(vec![vec![t(d.label())], vec![t(text)]]);
        }
        out.push(Block::Table(table));
        out.push(Block::P(vec![t(format!(
            "Generated by entente {} from the numbers above; the prose states only figures of this analysis and cited events.",
            env!("CARGO_PKG_VERSION")
        ))]));
        out
    }
}

/// Builds the guide.
pub(crate) fn build(a: &DyadAnalysis) -> Guide {
    let cx = Ctx { a, na: country_name(&a.a).to_string(), nb: country_name(&a.b).to_string() };
    let (from, to) = cx.range();
    let mut sections = vec![];
    for (id, title) in SECTIONS {
        let blocks = match id {
            "summary" => cx.summary(),
            "military" => cx.domain(Domain::Military, false),
            "economic" => cx.domain(Domain::Economic, false),
            "political" => {
                let mut v = cx.domain(Domain::Diplomatic, true);
                v.extend(cx.domain(Domain::Political, true));
                v.extend(cx.domain(Domain::Humanitarian, true));
                v.extend(cx.domain(Domain::Legal, true));
                v.extend(crate::knowledge::themes(a, None));
                v
            }
            "figures" => crate::knowledge::figures(a),
            "things" => crate::knowledge::things(a),
            "voices" => crate::knowledge::voices(a),
            "map" => crate::knowledge::map(a),
            "fault-lines" => cx.fault_lines(),
            "third-parties" => cx.third_parties(),
            "trend" => cx.trend(),
            "key-events" => cx.key_events(),
            _ => cx.methods(),
        };
        sections.push(Section { id, title: title.to_string(), blocks });
    }
    Guide {
        title: format!("{} and {}: a media guide", capitalise(&cx.na), cx.nb),
        subtitle: format!("{} – {} · {} ({}) and {} ({}) · events coded with CAMEO", from, to, capitalise(&cx.na), a.a, cx.nb, a.b),
        sections,
    }
}
