//! Integration tests of the `entente` command line: the built binary, run as a user would.
//! One module per topic.

#[path = "cli/util.rs"]
mod util;

#[path = "cli/code_input.rs"]
mod code_input;

#[path = "cli/code_output.rs"]
mod code_output;

#[path = "cli/code_events.rs"]
mod code_events;

#[path = "cli/code_dict.rs"]
mod code_dict;

#[path = "cli/code_confidence.rs"]
mod code_confidence;

#[path = "cli/store_sql.rs"]
mod store_sql;

#[path = "cli/ingest_input.rs"]
mod ingest_input;

#[path = "cli/vocabulary.rs"]
mod vocabulary;
