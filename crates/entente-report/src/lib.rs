//! Renders a dyad analysis as a media guide.
