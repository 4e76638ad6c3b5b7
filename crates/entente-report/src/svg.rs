//! Inline SVG charts, drawn from the numbers alone (no script, no external resources). Every
//! piece of text that goes into a chart is escaped here.

use crate::doc::{escape_html as esc, t, Table};
use crate::fmt::{capitalise, int, pct};
use crate::names::country_name;
use entente_analytics::{DyadAnalysis, Partner, TrendSeries};
use std::fmt::Write;

const COOP: &str = "#2f7d4f";
const CONFLICT: &str = "#b8322a";
const INK: &str = "#222";
const GRID: &str = "#ccc";

fn open(w: u32, h: u32, label: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" \
         role=\"img\" aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\">",
        esc(label)
    )
}

fn legend(s: &mut String, x: f64, y: f64) {
    let _ = write!(
        s,
        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{COOP}\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">cooperative (quad 1–2)</text>\
         <rect x=\"{:.1}\" y=\"{:.1}\" width=\"10\" height=\"10\" fill=\"{CONFLICT}\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">conflict (quad 3–4)</text>",
        y - 9.0,
        x + 14.0,
        y,
        x + 150.0,
        y - 9.0,
        x + 164.0,
        y
    );
}

/// Cooperative events up, conflict events down, one bar per period; turning points dashed.
pub(crate) fn timeline(a: &DyadAnalysis) -> (String, Table) {
    let (w, h) = (760.0, 280.0);
    let (left, right, top, bottom) = (48.0, 12.0, 26.0, 40.0);
    let pw = w - left - right;
    let ph = h - top - bottom;
    let n = a.series.len().max(1);
    let up = a.series.iter().map(|p| p.stats.both.cooperative()).max().unwrap_or(0);
    let down = a.series.iter().map(|p| p.stats.both.conflict()).max().unwrap_or(0);
    let total = (up + down).max(1) as f64;
    let zero = top + ph * up as f64 / total;
    let scale = ph / total;
    let bw = pw / n as f64;
    let label = format!(
        "Cooperative and conflict events between {} and {} per {}",
        country_name(&a.a),
        country_name(&a.b),
        a.granularity.unit()
    );
    let mut s = open(w as u32, h as u32, &label);
    legend(&mut s, left, 14.0);
    // Axis and scale.
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{zero:.1}\" x2=\"{:.1}\" y2=\"{zero:.1}\" stroke=\"{INK}\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">0</text>",
        w - right,
        left - 4.0,
        zero + 4.0
    );
    if up > 0 {
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{top}\" x2=\"{:.1}\" y2=\"{top}\" stroke=\"{GRID}\" stroke-dasharray=\"2,3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{COOP}\">{}</text>",
            w - right,
            left - 4.0,
            top + 4.0,
            int(up)
        );
    }
    if down > 0 {
        let _ = write!(
            s,
            "<line x1=\"{left}\" y1=\"{:.1}\" x2=\"{:.1}\" y2=\"{:.1}\" stroke=\"{GRID}\" stroke-dasharray=\"2,3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{CONFLICT}\">−{}</text>",
            top + ph,
            w - right,
            top + ph,
            left - 4.0,
            top + ph,
            int(down)
        );
    }
    let every = n.div_ceil(12).max(1);
    let mut data = Table {
        head: vec![
            a.granularity.unit().to_string(),
            "events".into(),
            "cooperative".into(),
            "conflict".into(),
            "cooperative share".into(),
            "mean Goldstein".into(),
            "per 1,000".into(),
        ],
        numeric: vec![false, true, true, true, true, true, true],
        rows: vec![],
    };
    for (i, p) in a.series.iter().enumerate() {
        let x = left + i as f64 * bw;
        let (c, k) = (p.stats.both.cooperative(), p.stats.both.conflict());
        let bar = (bw * 0.8).max(0.6);
        let tip = format!("{}: {} cooperative, {} conflict", p.period, c, k);
        let _ = write!(s, "<g><title>{}</title>", esc(&tip));
        if c > 0 {
            let hgt = c as f64 * scale;
            let _ = write!(
                s,
                "<rect x=\"{:.2}\" y=\"{:.2}\" width=\"{bar:.2}\" height=\"{hgt:.2}\" fill=\"{COOP}\"/>",
                x + bw * 0.1,
                zero - hgt
            );
        }
        if k > 0 {
            let _ = write!(
                s,
                "<rect x=\"{:.2}\" y=\"{zero:.2}\" width=\"{bar:.2}\" height=\"{:.2}\" fill=\"{CONFLICT}\"/>",
                x + bw * 0.1,
                k as f64 * scale
            );
        }
        s.push_str("</g>");
        if i % every == 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" fill=\"{INK}\">{}</text>",
                x + bw / 2.0,
                h - bottom + 16.0,
                esc(&p.period)
            );
        }
        let st = &p.stats.both;
        data.rows.push(vec![
            vec![t(p.period.clone())],
            vec![t(int(st.events))],
            vec![t(int(c))],
            vec![t(int(k))],
            vec![t(st.cooperative_share.map(pct).unwrap_or_else(|| "–".into()))],
            vec![t(st.goldstein_mean.map(|g| format!("{g:.2}")).unwrap_or_else(|| "–".into()))],
            vec![t(st.events_per_1000.map(|v| format!("{v:.2}")).unwrap_or_else(|| "–".into()))],
        ]);
    }
    for (k, tp) in a.turning_points.iter().enumerate() {
        let Some(i) = a.series.iter().position(|p| p.period == tp.period) else { continue };
        let x = left + i as f64 * bw;
        let what = match tp.series {
            TrendSeries::CooperativeShare => format!("cooperative share {} → {}", pct(tp.before), pct(tp.after)),
            TrendSeries::Volume => format!("events per {} {:.1} → {:.1}", a.granularity.unit(), tp.before, tp.after),
        };
        let _ = write!(
            s,
            "<g><title>{}</title><line x1=\"{x:.1}\" y1=\"{top}\" x2=\"{x:.1}\" y2=\"{:.1}\" stroke=\"#555\" \
             stroke-dasharray=\"5,3\"/><text x=\"{:.1}\" y=\"{:.1}\" fill=\"#555\">T{}</text></g>",
            esc(&format!("T{}: from {}, {what}", k + 1, tp.period)),
            top + ph,
            x + 2.0,
            top + 10.0,
            k + 1
        );
    }
    s.push_str("</svg>");
    (s, data)
}

/// One horizontal stacked bar (cooperative, conflict) per row.
fn hbars(label: &str, rows: &[(String, u64, u64)]) -> String {
    let row_h = 24.0;
    let (w, left, right, top) = (760.0, 190.0, 60.0, 26.0);
    let h = top + row_h * rows.len().max(1) as f64 + 8.0;
    let max = rows.iter().map(|r| r.1 + r.2).max().unwrap_or(0).max(1) as f64;
    let pw = w - left - right;
    let mut s = open(w as u32, h as u32, label);
    legend(&mut s, left, 14.0);
    for (i, (name, c, k)) in rows.iter().enumerate() {
        let y = top + i as f64 * row_h;
        let (wc, wk) = (*c as f64 / max * pw, *k as f64 / max * pw);
        let _ = write!(
            s,
            "<g><title>{}</title><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" fill=\"{INK}\">{}</text>\
             <rect x=\"{left}\" y=\"{:.1}\" width=\"{wc:.2}\" height=\"{:.1}\" fill=\"{COOP}\"/>\
             <rect x=\"{:.2}\" y=\"{:.1}\" width=\"{wk:.2}\" height=\"{:.1}\" fill=\"{CONFLICT}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\">{}</text></g>",
            esc(&format!("{name}: {c} cooperative, {k} conflict")),
            left - 6.0,
            y + row_h * 0.65,
            esc(name),
            y + 4.0,
            row_h - 8.0,
            left + wc,
            y + 4.0,
            row_h - 8.0,
            left + wc + wk + 4.0,
            y + row_h * 0.65,
            int(c + k)
        );
    }
    s.push_str("</svg>");
    s
}

/// Events per domain, cooperative and conflict.
pub(crate) fn domains(a: &DyadAnalysis) -> (String, Table) {
    let rows: Vec<(String, u64, u64)> = a
        .domains
        .iter()
        .map(|d| (d.domain.label().to_string(), d.stats.both.cooperative(), d.stats.both.conflict()))
        .collect();
    let svg = hbars(
        &format!("Events between {} and {} by domain", country_name(&a.a), country_name(&a.b)),
        &rows,
    );
    let mut data = Table {
        head: vec!["domain".into(), "events".into(), "share".into(), "cooperative".into(), "conflict".into()],
        numeric: vec![false, true, true, true, true],
        rows: vec![],
    };
    for d in &a.domains {
        data.rows.push(vec![
            vec![t(d.domain.label())],
            vec![t(int(d.stats.both.events))],
            vec![t(pct(d.share))],
            vec![t(int(d.stats.both.cooperative()))],
            vec![t(int(d.stats.both.conflict()))],
        ]);
    }
    (svg, data)
}

/// A side's partners, cooperative and conflict.
pub(crate) fn partners(side: &str, list: &[Partner]) -> (String, Table) {
    let rows: Vec<(String, u64, u64)> = list
        .iter()
        .map(|p| (format!("{} ({})", capitalise(country_name(&p.country)), p.country), p.cooperative, p.conflict))
        .collect();
    let svg = hbars(&format!("Events of {} with other countries", country_name(side)), &rows);
    let mut data = Table {
        head: vec!["country".into(), "events".into(), "cooperative".into(), "conflict".into(), "cooperative share".into()],
        numeric: vec![false, true, true, true, true],
        rows: vec![],
    };
    for (p, r) in list.iter().zip(rows) {
        data.rows.push(vec![
            vec![t(r.0)],
            vec![t(int(p.events))],
            vec![t(int(p.cooperative))],
            vec![t(int(p.conflict))],
            vec![t(pct(p.cooperative_share))],
        ]);
    }
    (svg, data)
}
