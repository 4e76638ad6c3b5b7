//! The periods of the series: every period from `from` (else the first event) to `to` (else
//! the last event), empty ones included, each with A's and B's volume.

use super::{Directions, Stats, MAX_PERIODS};
use crate::input::DyadInput;
use crate::{Error, Result};
use entente_core::Date;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// One period of the series.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Period {
    /// Its label: `YYYY-MM` for months, the first day for weeks and days.
    pub period: String,
    /// Its first day.
    pub start: Date,
    /// The pair's events in it.
    pub stats: Directions<Stats>,
    /// All events of A in it.
    pub volume_a: u64,
    /// All events of B in it.
    pub volume_b: u64,
}

/// The periods (with volumes, no events yet) and each label's index, or an error when there are
/// more than [`MAX_PERIODS`].
pub(super) fn periods(
    input: &DyadInput,
    first_event: Option<Date>,
    last_event: Option<Date>,
) -> Result<(Vec<Period>, HashMap<String, usize>)> {
    let g = input.granularity;
    // The periods: from `from` (else the first event) to `to` (else the last event).
    let mut series: Vec<Period> = vec![];
    let mut index: HashMap<String, usize> = HashMap::new();
    if let (Some(start), Some(end)) = (input.from.or(first_event), input.to.or(last_event)) {
        let mut p = g.start_of(start);
        while p <= end {
            if series.len() >= MAX_PERIODS {
                return Err(Error::Input(format!(
                    "{start} to {end} has more than {MAX_PERIODS} {}s: choose a coarser granularity \
                     or a shorter range",
                    g.unit()
                )));
            }
            let label = g.label(p);
            index.insert(label.clone(), series.len());
            series.push(Period {
                volume_a: input.volume_a.get(&label).copied().unwrap_or(0),
                volume_b: input.volume_b.get(&label).copied().unwrap_or(0),
                period: label,
                start: p,
                stats: Directions::default(),
            });
            p = g.next(p);
        }
    }
    Ok((series, index))
}
