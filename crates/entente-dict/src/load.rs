//! Loading whole dictionaries: a directory of PETRARCH files, or the built-in set.

use crate::model::{Diagnostic, Dictionaries};
use crate::{actors, agents, discards, issues, text, verbs, Error, Result};
use std::path::Path;
use std::sync::OnceLock;

/// The kind of a dictionary file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// PETRARCH-2 verb patterns (`CAMEO.2.0.txt`).
    VerbsP2,
    /// PETRARCH-1/TABARI verb patterns (`CAMEO.verbpatterns.150430.txt`).
    VerbsP1,
    /// Actors with dated roles.
    Actors,
    /// Agents.
    Agents,
    /// Discards.
    Discards,
    /// Issues.
    Issues,
}

impl Kind {
    /// A short name for messages: `verbs (PETRARCH-2)`, `actors`, ...
    pub fn name(self) -> &'static str {
        match self {
            Kind::VerbsP2 => "verbs (PETRARCH-2)",
            Kind::VerbsP1 => "verbs (PETRARCH-1/TABARI)",
            Kind::Actors => "actors",
            Kind::Agents => "agents",
            Kind::Discards => "discards",
            Kind::Issues => "issues",
        }
    }
}

/// Works out what a file is, from its name first (`...verb...`, `...actors...`, `...agents...`,
/// `...discards...`, `...issue...`), then from its content; verb files are told apart by their
/// pattern syntax. `None` for a file that is no dictionary.
pub fn detect(name: &str, text: &str) -> Option<Kind> {
    let verbs = || match verbs::detect(text) {
        verbs::Syntax::P2 => Kind::VerbsP2,
        verbs::Syntax::P1 => Kind::VerbsP1,
    };
    let base = Path::new(name).file_name().and_then(|f| f.to_str()).unwrap_or(name).to_lowercase();
    if base.contains("verb") {
        return Some(verbs());
    }
    // Things and themes are the coder's extraction dictionaries (`entente_coder::ExtractDicts`
    // reads them from the same directory); their `[...]` lines would look like actors.
    if is_extraction_file(&base) {
        return None;
    }
    for (key, kind) in [
        ("actor", Kind::Actors),
        ("agent", Kind::Agents),
        ("discard", Kind::Discards),
        ("issue", Kind::Issues),
    ] {
        if base.contains(key) {
            return Some(kind);
        }
    }
    // By content: each kind has a mark no other kind has.
    let body = |l: &&str| {
        let t = l.trim();
        !t.is_empty() && !t.starts_with('#') && !t.starts_with("<!")
    };
    let lines: Vec<&str> = text.lines().filter(body).take(2000).collect();
    if lines.iter().any(|l| l.trim_start().to_ascii_uppercase().starts_with("<ISSUE")) {
        return Some(Kind::Issues);
    }
    if lines.iter().any(|l| l.starts_with("---") && l.contains('[')) {
        return Some(verbs());
    }
    if lines.iter().any(|l| l.contains("[~") || l.contains("~]") || (l.starts_with('!') && l.contains('='))) {
        return Some(Kind::Agents);
    }
    let coded = lines.iter().filter(|l| l.contains('[') && l.contains(']')).count();
    if coded > 0 && coded * 4 >= lines.len() {
        return Some(Kind::Actors);
    }
    None
}

/// Is a file (by its lower-case base name) one of the coder's extraction dictionaries, things or
/// themes, which [`Dictionaries::load_dir`] leaves to the coder?
pub fn is_extraction_file(base: &str) -> bool {
    base.contains("thing") || base.contains("theme")
}

/// Reads `text` as a dictionary of `kind` into `d`. Never fails: broken entries become
/// [`Diagnostic`]s and the rest is read.
pub fn read(kind: Kind, file: &str, text: &str, d: &mut Dictionaries) {
    match kind {
        Kind::VerbsP2 => verbs::read_verbs_p2(file, text, d),
        Kind::VerbsP1 => verbs::read_verbs_p1(file, text, d),
        Kind::Actors => actors::read_actors(file, text, d),
        Kind::Agents => agents::read_agents(file, text, d),
        Kind::Discards => discards::read_discards(file, text, d),
        Kind::Issues => issues::read_issues(file, text, d),
    }
}

/// Like [`read`] for raw bytes: invalid UTF-8 is replaced, with a warning per line.
pub fn read_bytes(kind: Kind, file: &str, bytes: &[u8], d: &mut Dictionaries) {
    let text = text::decode(file, bytes, d);
    read(kind, file, &text, d)
}

/// The built-in dictionary files, as (origin name, text).
const BUILTIN: &[(&str, Kind, &str)] = &[
    ("builtin:actors/countries.txt", Kind::Actors, include_str!("../builtin/actors/countries.txt")),
    ("builtin:actors/leaders.txt", Kind::Actors, include_str!("../builtin/actors/leaders.txt")),
    (
        "builtin:actors/leaders_1980_1999.txt",
        Kind::Actors,
        include_str!("../builtin/actors/leaders_1980_1999.txt"),
    ),
    (
        "builtin:actors/organisations.txt",
        Kind::Actors,
        include_str!("../builtin/actors/organisations.txt"),
    ),
    ("builtin:actors/groups.txt", Kind::Actors, include_str!("../builtin/actors/groups.txt")),
    ("builtin:agents.txt", Kind::Agents, include_str!("../builtin/agents.txt")),
    ("builtin:verbs.txt", Kind::VerbsP2, include_str!("../builtin/verbs.txt")),
    ("builtin:discards.txt", Kind::Discards, include_str!("../builtin/discards.txt")),
];

impl Dictionaries {
    /// Adds every entry of `d` to these dictionaries (as `--dict A --dict B` merges A and B):
    /// actors, agents, verbs, synsets, transformations, discards, issues and diagnostics.
    pub fn merge(&mut self, d: Dictionaries) {
        self.actors.extend(d.actors);
        self.agents.extend(d.agents);
        self.verbs.extend(d.verbs);
        for (name, phrases) in d.synsets {
            self.synsets.entry(name).or_default().extend(phrases);
        }
        self.transformations.extend(d.transformations);
        self.discards.extend(d.discards);
        self.issues.extend(d.issues);
        self.diagnostics.extend(d.diagnostics);
    }

    /// The dictionaries built into entente (`builtin/` in this crate), read once per process.
    pub fn builtin() -> Dictionaries {
        static CACHE: OnceLock<Dictionaries> = OnceLock::new();
        CACHE
            .get_or_init(|| {
                let mut d = Dictionaries::default();
                for (name, kind, text) in BUILTIN {
                    read(*kind, name, text, &mut d);
                }
                d
            })
            .clone()
    }

    /// Reads every dictionary file in `dir` (not its subdirectories), in file-name order. Each
    /// file's kind comes from [`detect`]; other files are ignored with a warning (on line 0:
    /// it concerns the whole file). Fails only when the directory or a file cannot be read.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Dictionaries> {
        let dir = dir.as_ref();
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let mut paths = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(io(dir))? {
            let entry = entry.map_err(io(dir))?;
            let path = entry.path();
            if path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        let mut d = Dictionaries::default();
        for path in paths {
            let bytes = std::fs::read(&path).map_err(io(&path))?;
            let name = path.display().to_string();
            let text = text::decode(&name, &bytes, &mut Dictionaries::default()).into_owned();
            let base = path.file_name().and_then(|f| f.to_str()).unwrap_or("").to_lowercase();
            match detect(&name, &text) {
                Some(kind) => read_bytes(kind, &name, &bytes, &mut d),
                None if is_extraction_file(&base) => {}
                None => d.diagnostics.push(Diagnostic {
                    file: name.as_str().into(),
                    line: 0,
                    entry: String::new(),
                    message: "not a dictionary file (verbs, actors, agents, discards, issues); ignored"
                        .into(),
                    skipped: false,
                }),
            }
        }
        Ok(d)
    }

    /// Reads one dictionary file, of the kind [`detect`] finds (or `kind` when given), into
    /// `self`; returns the kind read, or `None` when the file is no dictionary.
    pub fn load_file(&mut self, path: impl AsRef<Path>, kind: Option<Kind>) -> Result<Option<Kind>> {
        let path = path.as_ref();
        let bytes =
            std::fs::read(path).map_err(|source| Error::Io { path: path.to_path_buf(), source })?;
        let name = path.display().to_string();
        let kind = match kind {
            Some(k) => Some(k),
            None => detect(&name, &String::from_utf8_lossy(&bytes)),
        };
        if let Some(k) = kind {
            read_bytes(k, &name, &bytes, self);
        }
        Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_by_name_then_content() {
        assert_eq!(detect("x/Phoenix.agents.txt", ""), Some(Kind::Agents));
        assert_eq!(detect("CAMEO.2.0.txt", "--- A [010] ---\n- * (TO) [010]\n"), Some(Kind::VerbsP2));
        assert_eq!(detect("my.verbs", "--- A [010] ---\n- * TO [010]\n"), Some(Kind::VerbsP1));
        assert_eq!(detect("PETR.Validate.discards.txt", "X"), Some(Kind::Discards));
        assert_eq!(detect("a.txt", "<ISSUE CATEGORY=\"X\">\n"), Some(Kind::Issues));
        assert_eq!(detect("a.txt", "# c\n--- ASK [020] ---\nASK\n"), Some(Kind::VerbsP1));
        assert_eq!(detect("a.txt", "PRESIDENT [~GOV]\n"), Some(Kind::Agents));
        assert_eq!(detect("a.txt", "FRANCE [FRA]\n+FRENCH\nGERMANY\n\t[DEU]\n"), Some(Kind::Actors));
        assert_eq!(detect("README.md", "Some prose.\nMore prose.\n"), None);
        assert_eq!(detect("my.things.txt", "Karkas-17 [WEAPON MIL_DRONES]\n"), None, "the coder's, not actors");
    }

    #[test]
    fn load_dir_reads_known_files_and_warns_on_others() {
        let dir = std::env::temp_dir().join(format!("entente-dict-load-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.actors.txt"), b"FRANCE [FRA]\nBAD\xff_NAME [XXX]\n").unwrap();
        std::fs::write(dir.join("x.agents.txt"), "PRESIDENT [~GOV]\n").unwrap();
        std::fs::write(dir.join("notes.md"), "prose\n").unwrap();
        std::fs::write(dir.join("my.things.txt"), "Karkas-17 [WEAPON MIL_DRONES]\n").unwrap();
        let d = Dictionaries::load_dir(&dir).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(d.actors.len(), 2);
        assert_eq!(d.agents.len(), 1);
        assert_eq!(d.diagnostics.len(), 2, "{:?}", d.diagnostics);
        assert!(d.diagnostics[0].file.ends_with("notes.md"));
        assert!(d.diagnostics[1].file.ends_with("x.actors.txt") && d.diagnostics[1].line == 2);
        assert!(d.diagnostics.iter().all(|x| !x.skipped));
    }

    #[test]
    fn load_file_detects_or_takes_the_kind() {
        let dir = std::env::temp_dir().join(format!("entente-dict-file-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("list.txt");
        std::fs::write(&path, "BASEBALL\n+CRICKET\n").unwrap();
        let mut d = Dictionaries::default();
        // Content alone does not say "discards": not read unless the kind is given.
        assert_eq!(d.load_file(&path, None).unwrap(), None);
        assert_eq!(d.load_file(&path, Some(Kind::Discards)).unwrap(), Some(Kind::Discards));
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(d.discards.len(), 2);
        assert!(d.discards[1].story);
        assert!(matches!(d.load_file(dir.join("gone.txt"), None), Err(Error::Io { .. })));
    }

    #[test]
    fn missing_dir_is_an_io_error() {
        let err = Dictionaries::load_dir("/no/such/dir/entente").unwrap_err();
        assert!(matches!(err, Error::Io { .. }));
        assert!(err.to_string().contains("/no/such/dir/entente"));
        assert!(std::error::Error::source(&err).is_some(), "the I/O cause is kept as the source");
    }
}
