//! What the organisation requires of its documents: the front-matter fields
//! each type must have (`missing-metadata`) and the bodies that may adopt
//! each type (`wrong-decision-level`). Defaults come from data; the config
//! (`[required-metadata]`, `[decision-levels]`, `[body-levels]`) changes them.

use serde::Deserialize;
use styrlint_graph::{Body, DocKind, KindTable};
use styrlint_parse::frontmatter::{Key, key_names, lookup_key};
use styrlint_parse::{Lang, ascii_fold, name_key};

/// Both tables.
#[derive(Clone, Debug, Default)]
pub struct Requirements {
    /// Required front-matter fields per type.
    pub metadata: MetadataRequirements,
    /// Body levels and the level each type requires.
    pub decision: DecisionLevels,
}

/// One required field: any one of these keys will do
/// (`aktualitetsprövas | giltig_till`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Field(pub Vec<Key>);

impl Field {
    /// `aktualitetsprövas` or `aktualitetsprövas eller giltig_till`, in the
    /// document's language.
    pub fn describe(&self, lang: Lang) -> String {
        let names: Vec<String> = self
            .0
            .iter()
            .map(|k| {
                let (sv, en) = key_names(*k);
                format!("`{}`", lang.pick(sv, en))
            })
            .collect();
        names.join(lang.pick(" eller ", " or "))
    }
}

/// The fields a document in force must have, per type.
#[derive(Clone, Debug)]
pub struct MetadataRequirements {
    default: Vec<Field>,
    /// (type as configured, fields); matched through the kind table.
    per_type: Vec<(String, Vec<Field>)>,
}

impl Default for MetadataRequirements {
    fn default() -> Self {
        MetadataRequirements {
            default: vec![
                Field(vec![Key::Type]),
                Field(vec![Key::DecidedBy]),
                Field(vec![Key::Adopted]),
                Field(vec![Key::ReviewBy, Key::ValidUntil]),
            ],
            per_type: Vec::new(),
        }
    }
}

impl MetadataRequirements {
    /// Sets the fields of one type, or of every type not listed when `typ`
    /// is `*`. Each field is a key in any spelling; alternatives are joined
    /// with `|`. Errors name the field that is no key.
    pub fn set(&mut self, typ: &str, fields: &[String]) -> Result<(), String> {
        let parsed = fields
            .iter()
            .map(|f| parse_field(f))
            .collect::<Result<Vec<_>, _>>()?;
        if typ.trim() == "*" {
            self.default = parsed;
        } else {
            self.per_type.retain(|(t, _)| fold(t) != fold(typ));
            self.per_type.push((typ.to_string(), parsed));
        }
        Ok(())
    }

    /// The fields a document of this type must have. `kind` is the type it
    /// names (if known), `written` the `typ` value as written. Types outside
    /// the hierarchy (registers) need none unless the config lists them.
    pub fn for_type(
        &self,
        kinds: &KindTable,
        kind: Option<&DocKind>,
        written: Option<&str>,
    ) -> &[Field] {
        let configured = self.per_type.iter().find(|(t, _)| match kind {
            Some(k) => kinds.lookup(t).is_some_and(|c| c.name == k.name),
            None => written.is_some_and(|w| fold(w) == fold(t)),
        });
        match (configured, kind) {
            (Some((_, f)), _) => f,
            (None, Some(k)) if k.level.is_none() => &[],
            _ => &self.default,
        }
    }
}

fn parse_field(f: &str) -> Result<Field, String> {
    let keys = f
        .split('|')
        .map(|k| lookup_key(k).ok_or_else(|| format!("`{}` is no front-matter key", k.trim())))
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err("an empty field".into());
    }
    Ok(Field(keys))
}

/// Body levels (from the register's kind column) and the level each
/// document type requires of the body that adopts it.
#[derive(Clone, Debug)]
pub struct DecisionLevels {
    /// (folded kind word, level), longest words first.
    kinds: Vec<(String, u8)>,
    /// Level → (Swedish, English) description.
    labels: Vec<(u8, String, String)>,
    /// (type as written in the data or config, required level).
    required: Vec<(String, u8)>,
    /// Where no statute fixes who adopts what (`law = "none"`), the levels
    /// that differ: a board adopts its committees' charters.
    without_law: Vec<(String, u8)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Data {
    levels: Vec<LevelData>,
    required: std::collections::BTreeMap<String, u8>,
    #[serde(default, rename = "required-without-law")]
    required_without_law: std::collections::BTreeMap<String, u8>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelData {
    level: u8,
    sv: String,
    en: String,
    kinds: Vec<String>,
}

const DATA: &str = include_str!("../data/decision_levels.toml");

impl Default for DecisionLevels {
    fn default() -> Self {
        // The data ships with the binary and is checked by a test.
        let data: Data = toml::from_str(DATA).unwrap_or(Data {
            levels: Vec::new(),
            required: Default::default(),
            required_without_law: Default::default(),
        });
        let mut out = DecisionLevels {
            kinds: Vec::new(),
            labels: Vec::new(),
            required: data.required.into_iter().collect(),
            without_law: data.required_without_law.into_iter().collect(),
        };
        for l in data.levels {
            out.labels.push((l.level, l.sv, l.en));
            for k in l.kinds {
                out.set_body_level(&k, l.level);
            }
        }
        out
    }
}

impl DecisionLevels {
    /// Gives bodies of a kind a level (adds the kind if new).
    pub fn set_body_level(&mut self, kind: &str, level: u8) {
        let key = fold(kind);
        self.kinds.retain(|(k, _)| *k != key);
        self.kinds.push((key, level));
        self.kinds
            .sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()).then(a.cmp(b)));
    }

    /// Sets the level a type requires.
    pub fn set_required(&mut self, typ: &str, level: u8) {
        self.required.retain(|(t, _)| fold(t) != fold(typ));
        self.required.push((typ.to_string(), level));
    }

    /// The level of a body, from its kind: an exact match, else the longest
    /// word of four letters or more that the kind ends with.
    pub fn body_level(&self, body: &Body) -> Option<u8> {
        let kind = fold(body.kind.as_deref()?);
        if kind.is_empty() {
            return None;
        }
        if let Some((_, l)) = self.kinds.iter().find(|(k, _)| *k == kind) {
            return Some(*l);
        }
        self.kinds
            .iter()
            .find(|(k, _)| k.chars().count() >= 4 && kind.ends_with(k.as_str()))
            .map(|(_, l)| *l)
    }

    /// The level a document type requires of the body adopting it.
    pub fn required(&self, kinds: &KindTable, kind: &DocKind) -> Option<u8> {
        self.required
            .iter()
            .rev()
            .find(|(t, _)| kinds.lookup(t).is_some_and(|k| k.name == kind.name))
            .map(|(_, l)| *l)
    }

    /// [`DecisionLevels::required`] under a legal frame: without a statute
    /// (`law = "none"`) the data's `[required-without-law]` levels apply
    /// where they differ.
    pub fn required_under(&self, kinds: &KindTable, kind: &DocKind, statute: bool) -> Option<u8> {
        if !statute
            && let Some((_, l)) = self
                .without_law
                .iter()
                .find(|(t, _)| kinds.lookup(t).is_some_and(|k| k.name == kind.name))
        {
            return Some(*l).max(self.required(kinds, kind));
        }
        self.required(kinds, kind)
    }

    /// How a level reads in a message: "nämnd eller styrelse".
    pub fn label(&self, level: u8, lang: Lang) -> String {
        self.labels
            .iter()
            .find(|(l, _, _)| *l == level)
            .map(|(_, sv, en)| lang.pick(sv.clone(), en.clone()))
            .unwrap_or_else(|| lang.pick(format!("nivå {level}"), format!("level {level}")))
    }
}

fn fold(s: &str) -> String {
    ascii_fold(&name_key(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(kind: &str) -> Body {
        let c = crate::testing::corpus(&format!(
            "<!-- file: r.md -->\n| Organ | Typ |\n|---|---|\n| X | {kind} |\n"
        ));
        c.bodies[0].clone()
    }

    #[test]
    fn the_shipped_data_parses() {
        let data: Data = toml::from_str(DATA).expect("decision_levels.toml");
        assert_eq!(data.levels.len(), 5);
        let kinds = KindTable::default();
        for t in data.required.keys() {
            assert!(kinds.lookup(t).is_some(), "unknown type {t}");
        }
    }

    #[test]
    fn body_levels_come_from_the_kind_column() {
        let d = DecisionLevels::default();
        for (kind, level) in [
            ("fullmäktige", Some(1)),
            ("Kommunfullmäktige", Some(1)),
            ("styrelse", Some(2)),
            ("kommunstyrelse", Some(2)),
            ("socialnämnd", Some(2)),
            ("Governing Board", Some(2)),
            ("utskott", Some(3)),
            ("arbetsutskott", Some(3)),
            ("committee", Some(3)),
            ("steering committee", Some(5)),
            ("förvaltning", Some(4)),
            ("ledningsgrupp", Some(4)),
            ("styrgrupp", Some(5)),
            ("råd", Some(5)),
            ("working group", Some(5)),
            ("roll", None),
            ("bolag", None),
            ("council", None),
            ("", None),
        ] {
            assert_eq!(d.body_level(&body(kind)), level, "{kind}");
        }
        let mut d = d;
        d.set_body_level("direktion", 3);
        assert_eq!(d.body_level(&body("Direktion")), Some(3));
    }

    #[test]
    fn required_levels_follow_the_kind_table_in_both_languages() {
        let d = DecisionLevels::default();
        let kinds = KindTable::default();
        let req = |t: &str| d.required(&kinds, kinds.lookup(t).expect(t));
        assert_eq!(req("reglemente"), Some(1));
        assert_eq!(req("charter"), Some(1));
        assert_eq!(req("Policy"), Some(2));
        assert_eq!(req("action plan"), Some(3));
        assert_eq!(req("terms of reference"), Some(4));
        assert_eq!(req("rutin"), None);
        let mut d = d;
        d.set_required("policy", 1);
        assert_eq!(
            d.required(&kinds, kinds.lookup("policy").expect("policy")),
            Some(1)
        );
    }

    #[test]
    fn metadata_requirements_are_configurable_per_type() {
        let kinds = KindTable::default();
        let mut m = MetadataRequirements::default();
        let k = |t: &str| kinds.lookup(t);
        assert_eq!(m.for_type(&kinds, k("plan"), Some("plan")).len(), 4);
        assert!(
            m.for_type(&kinds, k("register"), Some("register"))
                .is_empty()
        );
        m.set("procedure", &["type".into(), "ansvarig".into()])
            .expect("valid");
        assert_eq!(
            m.for_type(&kinds, k("rutin"), Some("rutin")),
            [Field(vec![Key::Type]), Field(vec![Key::Owner])]
        );
        m.set("*", &["typ".into(), "review_by | giltig_till".into()])
            .expect("valid");
        assert_eq!(
            m.for_type(&kinds, None, None)[1],
            Field(vec![Key::ReviewBy, Key::ValidUntil])
        );
        assert_eq!(
            m.for_type(&kinds, k("plan"), None)[1].describe(Lang::Sv),
            "`aktualitetsprövas` eller `giltig_till`"
        );
        assert!(
            m.set("plan", &["färg".into()])
                .unwrap_err()
                .contains("färg")
        );
    }
}
