//! `styrlint.toml`: where the corpus root is and how to check it.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use styrlint_graph::KindTable;
use styrlint_parse::{Lang, Severity};
use styrlint_rules::requirements::Requirements;

/// The config file's name.
pub const FILE_NAME: &str = "styrlint.toml";

/// The settings of `styrlint.toml`. Unknown keys are an error.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// Paths to leave out, in `.gitignore` syntax, relative to the root.
    #[serde(default)]
    pub exclude: Vec<String>,
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
        for (rule, sev) in &self.rules {
            if styrlint_rules::find_rule(rule).is_none() {
                return Err(invalid(format!(
                    "[rules]: unknown rule `{rule}` (see `styrlint rules`)"
                )));
            }
            if sev != "off" && Severity::parse(sev).is_none() {
                return Err(invalid(format!(
                    "[rules] {rule} = \"{sev}\": write \"error\", \"warning\", \"info\" or \"off\""
                )));
            }
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

    /// Per-rule severities; `None` means off.
    pub fn severities(&self) -> impl Iterator<Item = (String, Option<Severity>)> + '_ {
        self.rules
            .iter()
            .map(|(rule, sev)| (rule.clone(), Severity::parse(sev)))
    }
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
