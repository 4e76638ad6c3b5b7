//! `cargo run -p entente-coder --example explain -- DICT_DIR YYYY-MM-DD "SENTENCE"`: the same
//! output as `entente explain`, without building the CLI.

use entente_coder::CoderBuilder;
use entente_core::Date;
use entente_dict::Dictionaries;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [dir, date, sentence] = args.as_slice() else {
        eprintln!("usage: explain DICT_DIR|builtin YYYY-MM-DD SENTENCE");
        std::process::exit(2);
    };
    let dicts = if dir == "builtin" { Dictionaries::builtin() } else { Dictionaries::load_dir(dir).expect("dictionaries") };
    let date = Date::parse(date).expect("date");
    let coder = CoderBuilder::new(&dicts).build().expect("coder");
    print!("{}", coder.explain(sentence, date));
}
