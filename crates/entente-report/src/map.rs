//! The map of where the pair's events happened: an inline SVG of the region around the places,
//! country outlines from Natural Earth (bundled by the `world-data` crate; no tiles, no
//! network), one circle per place sized by its events. Every string is escaped here.

use crate::doc::{escape_html as esc, t, Table};
use crate::fmt::int;
use entente_analytics::knowledge::PlaceFact;
use std::fmt::Write;
use std::sync::OnceLock;

/// Country outlines: ISO3 and rings of (lon, lat).
struct Outline {
    iso3: String,
    rings: Vec<Vec<(f32, f32)>>,
    /// lon min, lat min, lon max, lat max.
    bbox: (f32, f32, f32, f32),
}

fn outlines() -> &'static [Outline] {
    static OUTLINES: OnceLock<Vec<Outline>> = OnceLock::new();
    OUTLINES.get_or_init(|| {
        let data = world_data::load();
        let mut out: Vec<Outline> = data
            .countries
            .into_values()
            .map(|c| {
                let rings: Vec<Vec<(f32, f32)>> =
                    c.polygons.iter().map(|p| p.exterior().0.iter().map(|q| (q.x, q.y)).collect()).collect();
                let mut bbox = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
                for &(x, y) in rings.iter().flatten() {
                    bbox = (bbox.0.min(x), bbox.1.min(y), bbox.2.max(x), bbox.3.max(y));
                }
                Outline { iso3: c.iso_a3, rings, bbox }
            })
            .collect();
        out.sort_by(|a, b| a.iso3.cmp(&b.iso3));
        out
    })
}

/// The region shown: the places' extent with a margin, at least 24° by 14°, inside the world.
fn region(places: &[PlaceFact]) -> (f64, f64, f64, f64) {
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for p in places {
        x0 = x0.min(p.lon);
        x1 = x1.max(p.lon);
        y0 = y0.min(p.lat);
        y1 = y1.max(p.lat);
    }
    let (mx, my) = (((x1 - x0) * 0.15).max(12.0 - (x1 - x0) / 2.0).max(3.0), ((y1 - y0) * 0.15).max(7.0 - (y1 - y0) / 2.0).max(2.0));
    ((x0 - mx).max(-180.0), (y0 - my).max(-85.0), (x1 + mx).min(180.0), (y1 + my).min(85.0))
}

/// Ramer–Douglas–Peucker: the points of `pts` needed to stay within `eps` pixels of the line.
fn simplify(pts: &[(f64, f64)], eps: f64) -> Vec<(f64, f64)> {
    if pts.len() < 3 {
        return pts.to_vec();
    }
    let mut keep = vec![false; pts.len()];
    keep[0] = true;
    keep[pts.len() - 1] = true;
    let mut stack = vec![(0, pts.len() - 1)];
    while let Some((i, j)) = stack.pop() {
        let (ax, ay) = pts[i];
        let (bx, by) = pts[j];
        let (dx, dy) = (bx - ax, by - ay);
        let len = (dx * dx + dy * dy).sqrt();
        let mut best = (0.0, 0);
        for (k, &(x, y)) in pts.iter().enumerate().take(j).skip(i + 1) {
            let dist = if len == 0.0 { ((x - ax).powi(2) + (y - ay).powi(2)).sqrt() } else { ((x - ax) * dy - (y - ay) * dx).abs() / len };
            if dist > best.0 {
                best = (dist, k);
            }
        }
        if best.0 > eps {
            keep[best.1] = true;
            stack.push((i, best.1));
            stack.push((best.1, j));
        }
    }
    pts.iter().zip(keep).filter(|(_, k)| *k).map(|(p, _)| *p).collect()
}

/// The map SVG and its data as a table (for Markdown), or `None` without places.
pub(crate) fn map(places: &[PlaceFact], a: &str, b: &str, label: &str) -> Option<(String, Table)> {
    if places.is_empty() {
        return None;
    }
    let (lon0, lat0, lon1, lat1) = region(places);
    // Equirectangular, with longitude shrunk by the cosine of the middle latitude.
    let k = ((lat0 + lat1) / 2.0).to_radians().cos().max(0.2);
    let w = 760.0;
    let h = (w * (lat1 - lat0) / ((lon1 - lon0) * k)).clamp(240.0, 560.0);
    let px = |lon: f64| (lon - lon0) / (lon1 - lon0) * w;
    let py = |lat: f64| (lat1 - lat) / (lat1 - lat0) * h;
    let mut s = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w:.0} {h:.0}\" width=\"100%\" role=\"img\" \
         aria-label=\"{}\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"{w:.0}\" height=\"{h:.0}\" fill=\"#eef4f8\"/>",
        esc(label)
    );
    for o in outlines() {
        let (bx0, by0, bx1, by1) = o.bbox;
        if f64::from(bx1) < lon0 || f64::from(bx0) > lon1 || f64::from(by1) < lat0 || f64::from(by0) > lat1 {
            continue;
        }
        let fill = if o.iso3 == a || o.iso3 == b { "#f3e3c3" } else { "#fbfbf8" };
        let mut d = String::new();
        for ring in &o.rings {
            // Rings outside the region or under two pixels across (islets) are left out.
            let (mut rx0, mut ry0, mut rx1, mut ry1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for &(x, y) in ring {
                let (x, y) = (f64::from(x), f64::from(y));
                (rx0, ry0, rx1, ry1) = (rx0.min(x), ry0.min(y), rx1.max(x), ry1.max(y));
            }
            if rx1 < lon0 || rx0 > lon1 || ry1 < lat0 || ry0 > lat1 || (px(rx1) - px(rx0)).max(py(ry0) - py(ry1)) < 2.0 {
                continue;
            }
            let pts: Vec<(f64, f64)> = ring.iter().map(|&(x, y)| (px(f64::from(x)), py(f64::from(y)))).collect();
            let kept = simplify(&pts, 1.0);
            if kept.len() < 3 {
                continue;
            }
            for (n, (x, y)) in kept.iter().enumerate() {
                let _ = write!(d, "{}{x:.0} {y:.0}", if n == 0 { "M" } else { "L" });
            }
            d.push('Z');
        }
        if !d.is_empty() {
            let _ = write!(s, "<path d=\"{d}\" fill=\"{fill}\" stroke=\"#8a8a8a\" stroke-width=\"0.6\"><title>{}</title></path>", esc(&o.iso3));
        }
    }
    let max = places.iter().map(|p| p.events).max().unwrap_or(1).max(1) as f64;
    for p in places.iter().rev() {
        let r = 3.0 + 12.0 * (p.events as f64 / max).sqrt();
        let colour = match p.dataset.as_str() {
            "entente" => "#1f5fa8",
            "icews" => "#b8322a",
            _ => "#6a3d9a",
        };
        let _ = write!(
            s,
            "<g><title>{}</title><circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"{r:.1}\" fill=\"{colour}\" fill-opacity=\"0.6\" stroke=\"#fff\" stroke-width=\"0.8\"/></g>",
            esc(&format!("{} ({}): {} events, {}", p.name, p.country.as_deref().unwrap_or("-"), p.events, p.dataset)),
            px(p.lon),
            py(p.lat)
        );
    }
    // Names of the busiest places.
    for p in places.iter().take(8) {
        let _ = write!(s, "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"#222\">{}</text>", px(p.lon) + 6.0, py(p.lat) - 6.0, esc(&p.name));
    }
    s.push_str("</svg>");
    let mut data = Table {
        head: vec!["place".into(), "country".into(), "lat".into(), "lon".into(), "events".into(), "dataset".into()],
        numeric: vec![false, false, true, true, true, false],
        rows: vec![],
    };
    for p in places.iter().take(40) {
        data.rows.push(vec![
            vec![t(p.name.clone())],
            vec![t(p.country.clone().unwrap_or_else(|| "–".into()))],
            vec![t(format!("{:.2}", p.lat))],
            vec![t(format!("{:.2}", p.lon))],
            vec![t(int(p.events))],
            vec![t(p.dataset.clone())],
        ]);
    }
    Some((s, data))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(name: &str, lat: f64, lon: f64, events: u64) -> PlaceFact {
        PlaceFact { name: name.into(), country: Some("IRN".into()), lat, lon, dataset: "icews".into(), events }
    }

    #[test]
    fn map_draws_outlines_places_and_escapes_names() {
        let places = vec![place("Tehran", 35.69, 51.39, 12), place("<script>alert(1)</script>", 43.1, 44.8, 2)];
        let (svg, data) = map(&places, "RUS", "IRN", "Where events happened").unwrap();
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("<title>IRN</title>"), "Iran's outline is drawn");
        assert!(svg.contains("#f3e3c3"), "the pair's countries are highlighted");
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(!svg.contains("<script"), "place names are escaped");
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.len() < 150_000, "simplified outlines keep the SVG small: {} bytes", svg.len());
        assert_eq!(data.rows.len(), 2);
        assert!(map(&[], "RUS", "IRN", "x").is_none());
    }

    #[test]
    fn simplify_keeps_corners_and_drops_collinear_points() {
        let line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (2.0, 5.0)];
        assert_eq!(simplify(&line, 0.5), vec![(0.0, 0.0), (2.0, 0.0), (2.0, 5.0)]);
    }
}
