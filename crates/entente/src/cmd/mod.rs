//! One module per subcommand; each has `Args` (clap) and `run`.

pub mod cluster;
pub mod code;
pub mod demo;
pub mod dict;
pub mod eval;
pub mod explain;
pub mod follow;
pub mod guide;
pub mod output;
pub mod serve;
pub mod store;
pub mod validate;
