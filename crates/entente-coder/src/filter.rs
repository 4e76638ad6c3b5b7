//! Events the analysis found that are not interactions between political actors, dropped
//! before anyone sees them (the real-news dev split showed each kind; `eval/CODING.md` says
//! why they are not events):
//! - a region on either side ("Europe", "Asia", "the West"): CAMEO has codes for regions,
//!   but news names them as places and markets ("other European markets"), not as actors;
//! - a target that is the source's own country, bare ("the British government sold British
//!   Airways to the British public", "Rosneft ... forced by Russia"): a state or its organs
//!   acting on the country as a whole is no interaction between two actors.

use crate::analyze::Ev;
use entente_core::actor::is_region;

fn primary(c: &str) -> &str {
    c.get(..3).unwrap_or("")
}

/// Should `ev` be kept?
pub(crate) fn keep(ev: &Ev) -> bool {
    if is_region(primary(&ev.source)) || is_region(primary(&ev.target)) {
        return false;
    }
    let bare_own_country = ev.target.len() == 3 && ev.source.len() > 3 && primary(&ev.source) == ev.target;
    !bare_own_country
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str, t: &str) -> Ev {
        Ev { source: s.into(), target: t.into(), code: "040".into(), source_toks: (0, 1), target_toks: None, verb_toks: (1, 2), verb_index: 0 }
    }

    #[test]
    fn regions_and_own_country_targets_are_dropped() {
        assert!(keep(&ev("RUS", "IRN")));
        assert!(keep(&ev("GBRCOP", "GBRCVL")), "domestic events between two agents stay");
        assert!(keep(&ev("IGOEEC", "GBR")));
        assert!(!keep(&ev("IRL", "EUR")));
        assert!(!keep(&ev("WST", "RUS")));
        assert!(!keep(&ev("GBRGOV", "GBR")));
        assert!(!keep(&ev("RUSBUS", "RUS")));
    }
}
