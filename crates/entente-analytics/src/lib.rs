//! How two states get along, in numbers: the analysis behind an entente guide.
//!
//! - [`DyadInput`]: the events of one pair (A→B and B→A, as [`EventRow`]s with their evidence),
//!   each side's total event volume per period, and each side's event counts with every other
//!   country ([`Counterpart`]). Whoever holds the store fills it in (the CLI does, with SQL
//!   that filters and aggregates in the store), so this crate needs no Arrow or DataFusion and
//!   builds and tests in seconds.
//! - [`analyze`] turns it into a [`DyadAnalysis`]: a series per month (or week, or day) with
//!   counts by quad class and root, Goldstein sum and mean and cooperative share, each per
//!   direction and normalised by the two countries' volume; [`Domain`] breakdowns; turning
//!   points; fault lines; third parties and divergent triads; key events de-duplicated and
//!   ranked, each with its evidence.
//! - The analysis is plain serde data: `entente-report` renders it to HTML, Markdown or JSON.
//!
//! ```
//! use entente_analytics::{analyze, AnalysisOptions, Domain, DyadInput, EventRow};
//! let d = |s: &str| s.parse().unwrap();
//! let mut input = DyadInput { a: "RUS".into(), b: "IRN".into(), ..Default::default() };
//! input.events.push(EventRow::new(d("2019-01-22"), "RUS", "IRN", "042").unwrap());
//! input.events.push(EventRow::new(d("2019-02-03"), "IRN", "RUS", "062").unwrap());
//! input.events.push(EventRow::new(d("2019-02-09"), "RUS", "IRN", "111").unwrap());
//! let a = analyze(&input, &AnalysisOptions::default()).unwrap();
//! assert_eq!(a.totals.both.events, 3);
//! assert_eq!(a.totals.a_to_b.events, 2);
//! assert_eq!(a.series.len(), 2); // 2019-01, 2019-02
//! assert_eq!(a.domains.iter().find(|s| s.domain == Domain::Military).unwrap().stats.both.events, 1);
//! ```
//!
//! # Domains
//!
//! Every CAMEO code belongs to exactly one domain, by subject matter (verbal or material,
//! cooperative or conflictual is the quad class's business): the longest prefix listed below
//! decides, and codes not listed are political/verbal.
//!
//! | domain | CAMEO codes (a prefix covers its sub-codes) |
//! |---|---|
//! | military | 0212 0214 0232 0234 0256 · 0312 0314 0332 0334 0356 · 062 064 · 072 074 · 0861 087 · 1012 1014 1032 1034 1056 · 1123 · 1212 1214 1222 1224 1246 · 137 138 · 15 · 1622 1661 · 175 176 · 18 19 20 |
//! | economic | 0211 0231 0254 · 0311 0331 0354 · 061 · 071 · 085 · 1011 1031 1054 · 1211 1221 1244 · 1311 1312 · 1621 163 |
//! | diplomatic | 022 0255 026 027 028 · 032 0355 036 037 038 039 · 04 · 05 · 086 · 102 1055 106 107 108 · 1245 125 126 127 129 · 1313 134 135 136 · 161 164 165 166 |
//! | humanitarian | 0233 · 0333 · 073 075 · 0863 · 1033 · 1223 · 1623 1663 |
//! | legal | 0213 0251 0253 · 0313 0351 0353 · 063 · 081 084 0862 · 09 · 1013 1051 1053 · 1121 1122 1124 1125 115 116 · 1213 1241 1243 128 · 132 · 1662 · 171 172 173 174 |
//! | political/verbal | everything else: 01, 020 021 023 024 025 0252, 030 031 033 034 035 0352, 060, 070, 080 082 083, 10x/11x/12x/13x not above, 14, 160 162, 170 |
//!
//! Choices worth knowing: intelligence (0214, 064 …) is military; release of persons or property
//! (084), arrests, expulsions of individuals and administrative sanctions are legal; economic
//! sanctions (163, 085 easing them) are economic; receiving inspectors (0862) is legal while
//! receiving peacekeepers (0861) is military; "accuse of aggression" (1123) is military, the other
//! accusations legal.
//!
//! # Turning points
//!
//! Change points in the mean of two series: the cooperative share of the periods that have
//! events, and the event count of every period (on the square-root scale, where count noise is
//! roughly constant). The segmentation is exact penalised least squares with the BIC penalty
//! `2 ln n` and a robust noise estimate; segments are at least two periods long (see
//! [`changepoint`]). Each turning point reports the mean level before and after and the domain
//! whose events per period changed most.
//!
//! # Fault lines, third parties, key events
//!
//! A relationship is cooperative when at least half its events are cooperative (quad 1–2); its
//! fault lines are then its conflict events (quad 3–4), grouped by period and domain, and the
//! reverse for a conflictual one. Third parties come from each side's events with every other
//! country; a triad is a country with at least 5 events with each side, one side's relation
//! being ≥ 60 % cooperative and the other's ≥ 50 % conflict. Key events: reports with the same
//! date, direction and code and near-same text (word-set Jaccard ≥ 0.8, or both without text)
//! are one event; events are ranked by salience, `|Goldstein| + 3 ln(reports) + ln(1 + sources)
//! + ln(1 + mentions)`. All thresholds are in [`AnalysisOptions`].
//!
//! The main design decision: the analysis consumes rows and small aggregates, never the store.
//! The expensive part — finding one pair's events among hundreds of millions, and each side's
//! volume — is a filter and a GROUP BY that the store does well; everything here is linear in the
//! pair's events (quadratic only in the number of periods, for the exact segmentation).
#![deny(missing_docs)]

mod analysis;
pub mod changepoint;
mod domain;
mod error;
mod input;
pub mod knowledge;

pub use analysis::{
    analyze, AnalysisOptions, Character, CodeCount, Directions, DomainShift, DomainSummary,
    DyadAnalysis, FaultGroup, FaultLines, KeyEvent, Methods, Partner, Period, Stats, ThirdParties,
    TrendSeries, Triad, TurningPoint, MAX_PERIODS,
};
pub use domain::{Domain, RULES as DOMAIN_RULES};
pub use error::{Error, Result};
pub use input::{ConfidenceCut, Counterpart, DyadInput, EventRow, Granularity};
