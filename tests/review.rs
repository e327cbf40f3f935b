//! `styrlint review`: stamps parents into the front matter, atomically,
//! and nothing else; the stamps clear `outdated-derivation` until a parent's
//! text changes.

#![allow(clippy::unwrap_used)]

use std::path::Path;
use std::process::{Command, Output};

fn styrlint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn outdated(dir: &Path) -> Vec<String> {
    let o = styrlint(
        dir,
        &[
            "check",
            ".",
            "--format",
            "json",
            "--today",
            "2023-11-30",
            "--select",
            "outdated-derivation",
        ],
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["message"].as_str().unwrap().to_string())
        .collect()
}

const PARENT: &str = "---\ntitel: Färdplan\ntyp: färdplan\nbeslutad: 2022-03-07\nreviderad: 2023-01-30\n---\n# Färdplan\n\nText om färdplanen.\n";
const CHILD: &str = "---\r\ntitel: Grupp\r\ntyp: arbetsbeskrivning\r\nbeslutad: 2022-05-16\r\nbygger_på:\r\n  - Färdplan\r\n  - Finns inte\r\nstatus: gällande\r\n---\r\n# Grupp\r\n\r\nBrödtexten   ska   stå kvar  orörd.\r\n";

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("styrlint.toml"), "").unwrap();
    std::fs::write(dir.path().join("fardplan.md"), PARENT).unwrap();
    std::fs::write(dir.path().join("grupp.md"), CHILD).unwrap();
    dir
}

#[test]
fn review_stamps_the_front_matter_only_and_clears_the_finding() {
    let dir = corpus();
    let child = dir.path().join("grupp.md");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&child, std::fs::Permissions::from_mode(0o640)).unwrap();
    }
    assert_eq!(outdated(dir.path()).len(), 1);

    let o = styrlint(dir.path(), &["review", "grupp.md"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("writing"), "{err}");
    assert!(err.contains("skipping `Finns inte`"), "{err}");

    let after = std::fs::read_to_string(&child).unwrap();
    // The old front matter stays as it was, the stamp goes before the
    // closing fence, and the body is byte for byte the same.
    let fence = CHILD.find("---\r\n#").unwrap();
    assert!(after.starts_with(&CHILD[..fence]));
    assert!(after.ends_with(&CHILD[fence..]));
    let fm = &after[..after.len() - (CHILD.len() - fence)];
    assert!(
        fm.contains("status: gällande\r\ngranskad_mot:\r\n  Färdplan: 2023-01-30 sha256:"),
        "{fm}"
    );
    assert!(!after.contains("\n\n"), "line ends kept: {after:?}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&child).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("styrlint-review"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(outdated(dir.path()).is_empty());

    // A second run changes nothing.
    let o = styrlint(dir.path(), &["review", "grupp.md"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing written"));
    assert_eq!(std::fs::read_to_string(&child).unwrap(), after);

    // A silent edit of the parent (no new date) brings the finding back ...
    let parent = dir.path().join("fardplan.md");
    std::fs::write(&parent, PARENT.replace("Text om", "Ändrad text om")).unwrap();
    let found = outdated(dir.path());
    assert_eq!(found.len(), 1);
    assert!(found[0].contains("har ändrats"), "{found:?}");
    // ... and a new review replaces the stamp instead of adding one.
    assert!(
        styrlint(dir.path(), &["review", "grupp.md"])
            .status
            .success()
    );
    let again = std::fs::read_to_string(&child).unwrap();
    assert_eq!(again.matches("granskad_mot").count(), 1);
    assert_eq!(again.matches("  Färdplan: ").count(), 1);
    assert_ne!(again, after);
    assert!(outdated(dir.path()).is_empty());
}

#[test]
fn dry_run_writes_nothing_and_bad_targets_fail_cleanly() {
    let dir = corpus();
    let o = styrlint(dir.path(), &["review", "grupp.md", "--dry-run"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stdout).contains("granskad_mot:"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("grupp.md")).unwrap(),
        CHILD
    );

    let o = styrlint(dir.path(), &["review", "saknas.md"]);
    assert_eq!(o.status.code(), Some(2));
    // A document that builds on nothing: nothing to write, not an error.
    let o = styrlint(dir.path(), &["review", "fardplan.md"]);
    assert!(o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("nothing to write"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("fardplan.md")).unwrap(),
        PARENT
    );
}

#[test]
fn the_requirement_tables_in_the_config_are_validated_and_applied() {
    let dir = corpus();
    let toml = dir.path().join("styrlint.toml");
    std::fs::write(&toml, "[required-metadata]\nplan = [\"typ\", \"färg\"]\n").unwrap();
    let o = styrlint(dir.path(), &["check"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("`färg` is no front-matter key"));

    std::fs::write(&toml, "[decision-levels]\npolicy = 0\n").unwrap();
    assert_eq!(styrlint(dir.path(), &["check"]).status.code(), Some(2));

    // The arbetsbeskrivning lacks beslutad_av and a review date by default;
    // the config can ask for less.
    let check = |dir: &Path| {
        let o = styrlint(
            dir,
            &["check", "--format", "json", "--select", "missing-metadata"],
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["diagnostics"].as_array().unwrap().len()
    };
    std::fs::write(&toml, "").unwrap();
    assert_eq!(check(dir.path()), 2);
    std::fs::write(
        &toml,
        "[required-metadata]\n\"*\" = [\"typ\", \"adopted\"]\n",
    )
    .unwrap();
    assert_eq!(check(dir.path()), 0);
}
