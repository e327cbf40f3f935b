//! Dates from git: when the root is a git checkout, the date of the last
//! commit that touched a file dates a fixed document that says nothing of
//! its date itself (SPEC §2.3.1). One `git log` for all files, stopped as
//! soon as every file asked about has its date.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use styrlint_graph::{Options, standing};
use styrlint_parse::{Date, Document};

/// The last commit dates of the fixed documents that have no date of their
/// own (front matter, title or path). Empty when the root is no git
/// checkout or git is not installed.
pub fn dates_of_undated_fixed(
    root: &Path,
    docs: &[Document],
    options: &Options,
) -> HashMap<String, Date> {
    let none = HashMap::new();
    let wanted: HashSet<String> = docs
        .iter()
        .filter(|d| {
            let f = standing::facts(
                d,
                &options.kinds,
                &options.lexicon,
                options.fixed.as_ref(),
                &none,
            );
            f.is_fixed() && f.date.is_none()
        })
        .map(|d| d.path.clone())
        .collect();
    if wanted.is_empty() {
        return HashMap::new();
    }
    last_commit_dates(root, &wanted)
}

/// The date of the last commit that touched each of `wanted` (paths
/// relative to `root`, `/`-separated).
pub fn last_commit_dates(root: &Path, wanted: &HashSet<String>) -> HashMap<String, Date> {
    let mut out = HashMap::new();
    let child = Command::new("git")
        .arg("-C")
        .arg(root)
        .args([
            "-c",
            "core.quotePath=false",
            "log",
            "--relative",
            "--name-only",
            "--format=%x00%cs",
            "--",
            ".",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn();
    let Ok(mut child) = child else {
        return out;
    };
    if let Some(stdout) = child.stdout.take() {
        let mut date: Option<Date> = None;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(d) = line.strip_prefix('\0') {
                date = Date::parse(d.trim()).ok();
                continue;
            }
            let path = line.trim_end();
            if path.is_empty() {
                continue;
            }
            if let Some(d) = date
                && wanted.contains(path)
                && !out.contains_key(path)
            {
                out.insert(path.to_string(), d);
                if out.len() == wanted.len() {
                    break;
                }
            }
        }
    }
    // Stopped early or finished: either way the process is done with.
    let _ = child.kill();
    let _ = child.wait();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn git(dir: &Path, args: &[&str], date: &str) -> bool {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .env("GIT_AUTHOR_DATE", date)
            .env("GIT_COMMITTER_DATE", date)
            .env("GIT_AUTHOR_NAME", "t")
            .env("GIT_AUTHOR_EMAIL", "t@example.org")
            .env("GIT_COMMITTER_NAME", "t")
            .env("GIT_COMMITTER_EMAIL", "t@example.org")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    #[test]
    fn reads_the_last_commit_of_each_file_in_one_pass() {
        let tmp = std::env::temp_dir().join(format!("styrlint-git-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&tmp);
        let sub = tmp.join("docs/möten");
        std::fs::create_dir_all(&sub).unwrap();
        if !git(&tmp, &["init", "-q"], "2020-01-01T12:00:00Z") {
            return; // no git on this machine
        }
        std::fs::write(sub.join("a.md"), "a").unwrap();
        std::fs::write(sub.join("b.md"), "b").unwrap();
        assert!(git(&tmp, &["add", "."], "2021-03-04T12:00:00Z"));
        assert!(git(&tmp, &["commit", "-qm", "one"], "2021-03-04T12:00:00Z"));
        std::fs::write(sub.join("b.md"), "b2").unwrap();
        assert!(git(
            &tmp,
            &["commit", "-qam", "two"],
            "2022-05-06T12:00:00Z"
        ));
        let wanted: HashSet<String> = ["möten/a.md", "möten/b.md", "möten/c.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        // The root is a folder inside the checkout: paths are relative to it.
        let got = last_commit_dates(&tmp.join("docs"), &wanted);
        assert_eq!(
            got.get("möten/a.md"),
            Date::parse("2021-03-04").ok().as_ref()
        );
        assert_eq!(
            got.get("möten/b.md"),
            Date::parse("2022-05-06").ok().as_ref()
        );
        assert_eq!(got.get("möten/c.md"), None);
        // Not a checkout: nothing, and no error.
        let plain = std::env::temp_dir().join(format!("styrlint-nogit-{}", std::process::id()));
        std::fs::create_dir_all(&plain).unwrap();
        assert!(last_commit_dates(&plain, &wanted).is_empty());
        let _ = std::fs::remove_dir_all(&tmp);
        let _ = std::fs::remove_dir_all(&plain);
    }
}
