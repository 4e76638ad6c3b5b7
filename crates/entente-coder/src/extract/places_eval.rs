//! Place resolution against a hand-annotated set.
