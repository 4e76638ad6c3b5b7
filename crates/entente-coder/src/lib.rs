//! Coder (under construction).
