//! What the coder takes from a sentence besides its events, in the same pass over the text:
//! places (where the reported act happened, resolved through a gazetteer).

pub mod places;
pub mod places_eval;

pub use places::{Gazetteer, GazetteerEntry, GazetteerError, Place, PlaceKind};
