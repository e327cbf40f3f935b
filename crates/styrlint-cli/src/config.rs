//! `styrlint.toml`: where the corpus root is and how to check it.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use styrlint_graph::lexicon::Words;
use styrlint_graph::{KindTable, Options};
use styrlint_parse::{Date, Lang, Severity};
use styrlint_rules::requirements::Requirements;
use styrlint_rules::{PathOverride, Settings};

/// The config file's name.
pub const FILE_NAME: &str = "styrlint.toml";

/// The settings of `styrlint.toml`. Unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Paths to leave out, in `.gitignore` syntax, relative to the root.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// Paths of fixed documents (minutes, reports, decisions): globs
    /// relative to the root; a folder means everything under it.
    #[serde(default)]
    pub fixed: Vec<String>,
    /// The legal frame mandate rules apply: `"kommunallagen"` (Swedish
    /// municipalities and regions) or `"none"` (the organisation's own
    /// articles only). Default: kommunallagen for a Swedish corpus, none
    /// for an English one.
    #[serde(default)]
    pub law: Option<String>,
    /// The language of the tool's own messages and of documents too short
    /// to tell: `sv` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// Per-rule severity: `"error"`, `"warning"`, `"info"` or `"off"`.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
    /// Document type → level (1 is the top); new types may be added.
    #[serde(default)]
    pub levels: BTreeMap<String, u8>,
    /// Use styrlint's shipped list of repealed Swedish statutes and terms
    /// (default: true).
    #[serde(default)]
    pub builtin_externals: Option<bool>,
    /// Front-matter fields a document in force must have, per type (`"*"`:
    /// every type not listed); alternatives joined with `|`.
    #[serde(default)]
    pub required_metadata: BTreeMap<String, Vec<String>>,
    /// Document type → the lowest body level (highest number) that may
    /// adopt it.
    #[serde(default)]
    pub decision_levels: BTreeMap<String, u8>,
    /// Body kind (the register's `Typ` column) → level (1 = fullmäktige).
    #[serde(default)]
    pub body_levels: BTreeMap<String, u8>,
    /// Severities for some paths: `[[overrides]]` with `paths` and `rules`.
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Words added to the lexicon (same keys as the shipped
    /// `data/lexicon/*.toml`, e.g. `generic_nouns`, `[lexicon.mandate]`).
    #[serde(default)]
    pub lexicon: Option<Words>,
    /// Files larger than this are reported (`unreadable-file`) and not
    /// read: bytes (`20000000`) or a size with a unit (`"20 MB"`,
    /// `"512 kB"`, `"1 GiB"`). Default: [`DEFAULT_MAX_FILE_SIZE`].
    #[serde(default)]
    pub max_file_size: Option<SizeValue>,
}

/// The default `max-file-size`: 20 MB, far above any real steering document
/// (the largest in the fixtures is under 20 kB) and small enough that a
/// stray export or log file named `.md` does not exhaust memory.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 20_000_000;

/// A size as written in `styrlint.toml`: a number of bytes or a string
/// with a unit.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub enum SizeValue {
    /// Bytes.
    Bytes(u64),
    /// `"20 MB"`, `"512 kB"`, `"1 GiB"`, `"300"`.
    Text(String),
}

impl SizeValue {
    /// The size in bytes, or why it is not a size.
    pub fn bytes(&self) -> Result<u64, String> {
        match self {
            SizeValue::Bytes(n) => Ok(*n),
            SizeValue::Text(s) => parse_size(s).ok_or_else(|| {
                format!(
                    "max-file-size = \"{s}\": write a number of bytes or a size such as \"20 MB\", \"512 kB\" or \"1 GiB\""
                )
            }),
        }
    }
}

/// Parses `"20 MB"`, `"1.5GB"`, `"512 KiB"`, `"300 B"`, `"300"`: kB, MB and
/// GB are powers of 1000, KiB, MiB and GiB powers of 1024; units are not
/// case-sensitive.
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (number, unit) = s.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" => 1_000,
        "m" | "mb" => 1_000_000,
        "g" | "gb" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return None,
    };
    let bytes = number * factor as f64;
    (bytes.is_finite() && bytes >= 0.0 && bytes < u64::MAX as f64).then_some(bytes as u64)
}

/// Rule severities for the documents under some paths.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Override {
    /// Paths relative to the root, in glob syntax (`arkiv/**`).
    pub paths: Vec<String>,
    /// Rule → `"error"`, `"warning"`, `"info"` or `"off"`.
    pub rules: BTreeMap<String, String>,
}

/// A config that could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys.
    #[error("{path}: {message}")]
    Invalid {
        /// The file.
        path: PathBuf,
        /// The parser's message, with line and column.
        message: String,
    },
}

impl Config {
    /// Reads a config file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let config: Config = toml::from_str(&text).map_err(|e| ConfigError::Invalid {
            path: path.to_path_buf(),
            message: e.to_string().trim_end().to_string(),
        })?;
        config.validate(path)?;
        Ok(config)
    }

    fn validate(&self, path: &Path) -> Result<(), ConfigError> {
        let invalid = |message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            message,
        };
        if let Some(l) = &self.language
            && Lang::parse(l).is_none()
        {
            return Err(invalid(format!(
                "language = \"{l}\": write \"sv\" or \"en\""
            )));
        }
        let tables = std::iter::once(("rules", &self.rules))
            .chain(self.overrides.iter().map(|o| ("overrides", &o.rules)));
        for (table, rules) in tables {
            for (rule, sev) in rules {
                if styrlint_rules::find_rule(rule).is_none() {
                    return Err(invalid(format!(
                        "[{table}]: unknown rule `{rule}` (see `styrlint rules`)"
                    )));
                }
                if sev != "off" && Severity::parse(sev).is_none() {
                    return Err(invalid(format!(
                        "[{table}] {rule} = \"{sev}\": write \"error\", \"warning\", \"info\" or \"off\""
                    )));
                }
            }
        }
        self.path_overrides().map_err(invalid)?;
        globs("fixed", &self.fixed).map_err(invalid)?;
        if let Some(l) = &self.law
            && styrlint_rules::Law::parse(l).is_none()
        {
            return Err(invalid(format!(
                "law = \"{l}\": write \"kommunallagen\" or \"none\""
            )));
        }
        if let Some(size) = &self.max_file_size {
            size.bytes().map_err(invalid)?;
        }
        self.requirements().map_err(invalid)?;
        for (table, map) in [
            ("decision-levels", &self.decision_levels),
            ("body-levels", &self.body_levels),
        ] {
            for (k, level) in map {
                if !(1..=9).contains(level) {
                    return Err(invalid(format!(
                        "[{table}] {k} = {level}: write a level from 1 (the top) to 9"
                    )));
                }
            }
        }
        Ok(())
    }

    /// Required metadata and decision levels: the defaults with the
    /// config's tables applied.
    pub fn requirements(&self) -> Result<Requirements, String> {
        let mut r = Requirements::default();
        for (typ, fields) in &self.required_metadata {
            r.metadata
                .set(typ, fields)
                .map_err(|e| format!("[required-metadata] {typ}: {e}"))?;
        }
        for (typ, level) in &self.decision_levels {
            r.decision.set_required(typ, *level);
        }
        for (kind, level) in &self.body_levels {
            r.decision.set_body_level(kind, *level);
        }
        Ok(r)
    }

    /// The size above which a file is reported and not read, in bytes.
    pub fn max_file_size(&self) -> u64 {
        self.max_file_size
            .as_ref()
            .and_then(|s| s.bytes().ok())
            .unwrap_or(DEFAULT_MAX_FILE_SIZE)
    }

    /// The configured language, if any.
    pub fn language(&self) -> Option<Lang> {
        self.language.as_deref().and_then(Lang::parse)
    }

    /// The default language.
    pub fn lang(&self) -> Lang {
        self.language
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// The document types with the config's levels applied.
    pub fn kinds(&self) -> KindTable {
        let mut kinds = KindTable::default();
        for (typ, level) in &self.levels {
            kinds.set_level(typ, Some(*level));
        }
        kinds
    }

    /// The settings a run starts from: severities, per-path overrides and
    /// requirements from the config; the command line adds --select and
    /// --ignore.
    pub fn settings(&self, today: Date) -> Result<Settings, String> {
        let mut settings = Settings::new(today);
        settings.severity.extend(self.severities());
        settings.requirements = self.requirements()?;
        settings.overrides = self.path_overrides()?;
        settings.law = self.law.as_deref().and_then(styrlint_rules::Law::parse);
        Ok(settings)
    }

    /// How to build the corpus: document types, lexicon, external list.
    pub fn options(&self) -> Options {
        let mut options = Options {
            kinds: self.kinds(),
            builtin_externals: self.builtin_externals.unwrap_or(true),
            fixed: globs("fixed", &self.fixed)
                .ok()
                .filter(|_| !self.fixed.is_empty()),
            language: self.language.as_deref().and_then(Lang::parse),
            ..Options::default()
        };
        if let Some(words) = &self.lexicon {
            options.lexicon.extend(words.clone());
        }
        options
    }

    fn path_overrides(&self) -> Result<Vec<PathOverride>, String> {
        self.overrides
            .iter()
            .map(|o| {
                let paths = globs("[[overrides]] paths", &o.paths)?;
                let severity = o
                    .rules
                    .iter()
                    .map(|(rule, sev)| (rule.clone(), Severity::parse(sev)))
                    .collect();
                Ok(PathOverride { paths, severity })
            })
            .collect()
    }

    /// Per-rule severities; `None` means off.
    pub fn severities(&self) -> impl Iterator<Item = (String, Option<Severity>)> + '_ {
        self.rules
            .iter()
            .map(|(rule, sev)| (rule.clone(), Severity::parse(sev)))
    }
}

/// A set of path globs relative to the root, as `fixed` and `[[overrides]]`
/// take them: "arkiv/" and "arkiv" mean everything under it too.
fn globs(setting: &str, patterns: &[String]) -> Result<globset::GlobSet, String> {
    let mut b = globset::GlobSetBuilder::new();
    for p in patterns {
        let glob = globset::GlobBuilder::new(p.trim_start_matches("./"))
            .literal_separator(true)
            .build()
            .map_err(|e| format!("{setting}: {e}"))?;
        b.add(glob);
        let dir = format!("{}/**", p.trim_end_matches('/').trim_start_matches("./"));
        if let Ok(g) = globset::Glob::new(&dir) {
            b.add(g);
        }
    }
    b.build().map_err(|e| format!("{setting}: {e}"))
}

/// The corpus root for a path: the nearest folder at or above it holding
/// `styrlint.toml`, else the folder itself (a file's own folder).
pub fn find_root(path: &Path) -> (PathBuf, Option<PathBuf>) {
    let start = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    for dir in start.ancestors() {
        let candidate = dir.join(FILE_NAME);
        if candidate.is_file() {
            return (dir.to_path_buf(), Some(candidate));
        }
    }
    (start, None)
}

/// The commented config `styrlint init` writes. Every setting is shown with
/// its default, commented out, so the file changes nothing until edited.
pub const TEMPLATE: &str = r#"# styrlint.toml: settings for styrlint (see docs/configuration.md).
# This file also marks the root of the corpus: every .md file below it is a
# document. Everything here is optional; the values shown are the defaults.

# Files and folders to leave out, in .gitignore syntax (files .gitignore
# hides are left out anyway).
exclude = ["README.md"]

# Language of styrlint's own messages and of documents too short to tell.
# Default: the language most of the documents are written in.
# language = "sv"    # or "en"

# Fixed documents: records published once (minutes, reports, decisions,
# press releases). They are right about their own date: only a name that
# was already gone on that date is stale in them, and the steering rules do
# not apply. styrlint recognises them by type, by a date in the path and by
# words such as "protokoll", "minutes" or "arkiv" in titles and folders;
# list here what it cannot tell.
# fixed = ["protokoll/", "**/*-minutes.md"]

# The legal frame of the mandate rules: "kommunallagen" (Swedish
# municipalities and regions) or "none" (only what your own articles or
# charter reserve). Default: kommunallagen for a Swedish corpus, none for
# an English one.
# law = "kommunallagen"

# Use styrlint's list of repealed Swedish statutes and renamed terms.
# builtin-externals = true

# Files larger than this are reported (unreadable-file) and not read:
# bytes, or a size such as "20 MB", "512 kB", "1 GiB".
# max-file-size = "20 MB"

# Severity per rule: "error", "warning", "info" or "off".
[rules]
# stale-reference = "error"
# goal-without-indicator = "warning"

# Severities for some paths; later entries win.
# [[overrides]]
# paths = ["arkiv/**"]
# rules = { stale-reference = "off", review-overdue = "off" }

# Document type → level (1 is the top). New types may be added.
[levels]
# "verksamhetsplan" = 4

# Fields a document in force must have, per type ("*": every other type);
# alternatives joined with "|".
[required-metadata]
# "*" = ["typ", "beslutad_av", "beslutad", "aktualitetsprövas|giltig_till"]

# Document type → the lowest body level (highest number) that may adopt it.
[decision-levels]
# policy = 1

# Body kind (the register's Typ column) → level (1 = fullmäktige).
[body-levels]
# "samverkansråd" = 5

# Words added to the lexicon (same keys as crates/styrlint-graph/data/lexicon).
[lexicon]
# generic_nouns = ["ledningsråd"]
# history_headings = ["tidigare beslut"]
# [lexicon.mandate]
# decides = ["avgör"]
"#;

/// Writes a commented `styrlint.toml` into `dir`; refuses to overwrite one.
pub fn init(dir: &Path) -> Result<PathBuf, String> {
    let path = dir.join(FILE_NAME);
    if path.exists() {
        return Err(format!(
            "{} already exists; styrlint init does not overwrite it",
            path.display()
        ));
    }
    std::fs::write(&path, TEMPLATE).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_is_a_valid_config_that_changes_nothing() {
        let config: Config = toml::from_str(TEMPLATE).unwrap();
        config.validate(Path::new("styrlint.toml")).unwrap();
        assert_eq!(config.exclude, ["README.md"]);
        assert!(config.rules.is_empty() && config.overrides.is_empty() && config.levels.is_empty());
    }

    #[test]
    fn fixed_globs_law_and_language_are_read_and_checked() {
        let config: Config = toml::from_str(
            "fixed = [\"protokoll/\", \"**/*-minutes.md\"]\nlaw = \"none\"\nlanguage = \"en\"\n",
        )
        .unwrap();
        config.validate(Path::new("x")).unwrap();
        let options = config.options();
        let fixed = options.fixed.as_ref().unwrap();
        assert!(fixed.is_match("protokoll/2021/a.md"));
        assert!(fixed.is_match("board/2021-board-minutes.md"));
        assert!(!fixed.is_match("planer/protokoll.md"));
        assert_eq!(options.language, Some(Lang::En));
        let s = config.settings(Date::parse("2024-01-01").unwrap()).unwrap();
        assert_eq!(s.law, Some(styrlint_rules::Law::None));
        assert!(Config::default().options().fixed.is_none());
        for bad in ["law = \"sharia\"\n", "fixed = [\"a[\"]\n"] {
            let c: Config = toml::from_str(bad).unwrap();
            assert!(c.validate(Path::new("x")).is_err(), "{bad}");
        }
    }

    #[test]
    fn overrides_and_lexicon_are_read_and_checked() {
        let config: Config = toml::from_str(
            "[[overrides]]\npaths = [\"arkiv/\"]\nrules = { stale-reference = \"off\" }\n[lexicon]\ngeneric_nouns = [\"ledningsråd\"]\n",
        )
        .unwrap();
        config.validate(Path::new("x")).unwrap();
        let s = config.settings(Date::parse("2024-01-01").unwrap()).unwrap();
        assert!(s.overrides[0].paths.is_match("arkiv/2019/plan.md"));
        assert!(!s.overrides[0].paths.is_match("planer/arkiv.md"));
        assert!(
            config
                .options()
                .lexicon
                .words
                .generic_nouns
                .contains(&"ledningsråd".to_string())
        );
        let bad: Config = toml::from_str(
            "[[overrides]]\npaths = [\"a\"]\nrules = { stale-refrence = \"off\" }\n",
        )
        .unwrap();
        let err = bad.validate(Path::new("x")).unwrap_err().to_string();
        assert!(err.contains("unknown rule `stale-refrence`"), "{err}");
        let err = toml::from_str::<Config>("[lexicon]\ngeneric_noun = [\"x\"]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("generic_noun"), "{err}");
    }

    #[test]
    fn max_file_size_takes_bytes_or_a_size_with_a_unit() {
        for (toml_text, bytes) in [
            ("max-file-size = 1234", 1234),
            ("max-file-size = \"10 MB\"", 10_000_000),
            ("max-file-size = \"1.5GB\"", 1_500_000_000),
            ("max-file-size = \"512 KiB\"", 512 * 1024),
            ("max-file-size = \"2 mib\"", 2 << 20),
            ("max-file-size = \"300\"", 300),
            ("", DEFAULT_MAX_FILE_SIZE),
        ] {
            let config: Config = toml::from_str(toml_text).unwrap();
            config.validate(Path::new("x")).unwrap();
            assert_eq!(config.max_file_size(), bytes, "{toml_text}");
        }
        for bad in ["\"ten MB\"", "\"10 MBs\"", "\"-1 MB\"", "\"1e999\""] {
            let config: Config = toml::from_str(&format!("max-file-size = {bad}")).unwrap();
            let err = config.validate(Path::new("x")).unwrap_err().to_string();
            assert!(err.contains("write a number of bytes"), "{err}");
        }
        assert!(toml::from_str::<Config>("max-file-size = -1").is_err());
    }
}
