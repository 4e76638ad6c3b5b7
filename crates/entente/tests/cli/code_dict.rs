//! `entente code --dict`: the user's own PETRARCH-format dictionaries.

use crate::util::*;

// A made-up world, so that only these dictionaries can code it.
const VERBS: &str = "--- PRAISE [051] ---\nPRAISE\nCOMMEND\n- * + [051]\n- * [---] BROKEN ( (\n";
const ACTORS: &str = "FREEDONIA_ [FRE]\nSYLVANIA_ [SYL\nGROZNIA_ [GRZ]\n";
const TEXT: &str = "Freedonia praised Groznia. Sylvania praised Freedonia.";

#[test]
fn broken_entries_are_named_and_the_rest_is_used() {
    let dir = dir_with(&[("world.verbs.txt", VERBS.as_bytes()), ("world.actors.txt", ACTORS.as_bytes())]);
    let r = run(&["code", "--dict", path_str(dir.path())], doc("a", "2022-02-24", TEXT).as_bytes());
    r.assert_ok();
    r.assert_stderr_has("world.actors.txt:2:");
    r.assert_stderr_has("SYLVANIA_ [SYL");
    r.assert_stderr_has("world.verbs.txt:5:");
    let events = r.events();
    assert_eq!(events.len(), 1, "{r}");
    let e = &events[0];
    assert_eq!((e["source"].as_str(), e["target"].as_str(), e["code"].as_str()), (Some("FRE"), Some("GRZ"), Some("051")));
}

#[test]
fn several_directories_are_merged() {
    let verbs = dir_with(&[("world.verbs.txt", VERBS.as_bytes())]);
    let actors = dir_with(&[("world.actors.txt", ACTORS.as_bytes())]);
    let r = run(
        &["code", "--dict", path_str(verbs.path()), "--dict", path_str(actors.path())],
        doc("a", "2022-02-24", TEXT).as_bytes(),
    );
    r.assert_ok();
    assert_eq!(r.events().len(), 1, "{r}");
}

#[test]
fn own_dictionaries_replace_the_built_in_ones() {
    let dir = dir_with(&[("world.verbs.txt", VERBS.as_bytes()), ("world.actors.txt", ACTORS.as_bytes())]);
    let real = doc("a", "2022-02-24", "France and Germany signed an agreement.");
    assert!(!run(&["code"], real.as_bytes()).events().is_empty());
    let r = run(&["code", "--dict", path_str(dir.path())], real.as_bytes());
    r.assert_ok();
    assert!(r.events().is_empty(), "{r}");
}

#[test]
fn missing_directory_is_an_error_naming_it() {
    let r = run(&["code", "--dict", "/no/such/dictionaries"], doc("a", "2022-02-24", TEXT).as_bytes());
    r.assert_failed();
    r.assert_stderr_has("/no/such/dictionaries");
    assert_eq!(r.stdout, "");
}

#[test]
fn phoenix_dictionaries_load_and_code() {
    let Some(dir) = shared_data("petrarch/dictionaries") else { return };
    let r = run(&["code", "--dict", path_str(&dir)], doc("a", "2022-02-24", "France and Germany signed an agreement.").as_bytes());
    r.assert_ok();
    assert!(!r.events().is_empty(), "{r}");
}

#[test]
fn a_dictionary_error_leaves_an_earlier_output_file_alone() {
    let dir = dir_with(&[("events.jsonl", b"earlier results\n")]);
    let out = dir.path().join("events.jsonl");
    let r = run(&["code", "--dict", "/no/such/dictionaries", "-o", path_str(&out)], doc("a", "2022-02-24", TEXT).as_bytes());
    r.assert_failed();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "earlier results\n");
}
