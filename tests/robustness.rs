//! The bad-input suite (issue 9): every input a user's folder may hold gets
//! a clear answer, nothing panics, nothing hangs.
//!
//! Each case builds a corpus in a temporary folder: the bad input plus a
//! control document, `kontroll.md`, with one known finding (a broken link).
//! The binary runs on it with `--format json` under a timeout; every case
//! asserts the exit status, the exact diagnostic (or stderr message) the
//! bad input gets, and that the control document was still checked.
//!
//! The cases are data: `docs/robustness.md` holds their table (input, what
//! styrlint does), and `the_robustness_doc_lists_every_case` fails when it
//! drifts; `STYRLINT_UPDATE_DOCS=1` rewrites it.

#![allow(clippy::unwrap_used)]

use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long one run may take (a debug build, two at a time on a busy CI
/// machine) before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(120);

/// The control document and its finding.
const CONTROL: &str = "# Kontroll\n\nSe [bilagan](bilaga.md).\n";
const CONTROL_MESSAGE: &str = "länken pekar på `bilaga.md`, som inte finns";

/// One bad input.
struct Case {
    /// The input, as the table in docs/robustness.md names it.
    input: &'static str,
    /// What styrlint does with it, for the table.
    answer: &'static str,
    /// Writes the bad input into the corpus folder (the control document
    /// is already there).
    setup: fn(&Path),
    /// Asserts what the run reported.
    check: fn(&Run),
}

/// What one run produced.
struct Run {
    dir: PathBuf,
    code: i32,
    json: Value,
    stderr: String,
}

impl Run {
    fn diags(&self) -> &[Value] {
        self.json["diagnostics"].as_array().map_or(&[], |v| v)
    }

    /// The one diagnostic of `rule` on `path` with exactly `message`.
    fn find(&self, rule: &str, path: &str, message: &str) -> &Value {
        self.diags()
            .iter()
            .find(|d| d["rule"] == rule && d["path"] == path && d["message"] == message)
            .unwrap_or_else(|| {
                panic!(
                    "no {rule} on {path} saying {message:?}; got:\n{}",
                    self.listing()
                )
            })
    }

    fn has_rule_on(&self, rule: &str, path: &str) -> bool {
        self.diags()
            .iter()
            .any(|d| d["rule"] == rule && d["path"] == path)
    }

    /// Every diagnostic on `path`, as `rule: message` lines.
    fn on(&self, path: &str) -> Vec<String> {
        self.diags()
            .iter()
            .filter(|d| d["path"] == path)
            .map(|d| format!("{}: {}", str(&d["rule"]), str(&d["message"])))
            .collect()
    }

    fn listing(&self) -> String {
        self.diags()
            .iter()
            .take(20)
            .map(|d| {
                format!(
                    "  {} {} {}\n",
                    str(&d["rule"]),
                    str(&d["path"]),
                    str(&d["message"])
                )
            })
            .collect()
    }

    fn documents(&self) -> u64 {
        self.json["summary"]["documents"].as_u64().unwrap_or(0)
    }

    /// The byte offset of the first `needle` in a file as written.
    fn offset_in(&self, path: &str, needle: &[u8]) -> u64 {
        let bytes = std::fs::read(self.dir.join(path)).unwrap();
        bytes
            .windows(needle.len())
            .position(|w| w == needle)
            .unwrap() as u64
    }
}

fn str(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(p, bytes).unwrap();
}

/// A config for the case's corpus.
fn config(dir: &Path, toml: &str) {
    write(dir, "styrlint.toml", toml);
}

const FM_POLICY: &str = "---\ntyp: policy\nbeslutad_av: Kommunfullmäktige\nbeslutad: 2023-01-01\naktualitetsprövas: 2030-01-01\n---\n";

const CASES: &[Case] = &[
    Case {
        input: "Invalid UTF-8 (Latin-1 text)",
        answer: "`unreadable-file` (error) naming the first bad byte and its line; not parsed",
        setup: |d| {
            write(
                d,
                "x.md",
                b"# Rubrik\n\nKommunstyrelsen \xe5terrapporterar.\n",
            )
        },
        check: |r| {
            r.find(
                "unreadable-file",
                "x.md",
                "filen är inte giltig UTF-8: byte 26 (rad 3) ingår inte i något UTF-8-tecken",
            );
        },
    },
    Case {
        input: "UTF-16 with BOM (little- and big-endian)",
        answer: "`unreadable-file` (error): saved as UTF-16, save as UTF-8",
        setup: |d| {
            let le: Vec<u8> = "\u{feff}# Hej\n"
                .encode_utf16()
                .flat_map(u16::to_le_bytes)
                .collect();
            let be: Vec<u8> = "\u{feff}# Hej\n"
                .encode_utf16()
                .flat_map(u16::to_be_bytes)
                .collect();
            write(d, "le.md", le);
            write(d, "be.md", be);
        },
        check: |r| {
            for p in ["le.md", "be.md"] {
                r.find(
                    "unreadable-file",
                    p,
                    "filen är sparad som UTF-16; styrlint läser UTF-8",
                );
            }
        },
    },
    Case {
        input: "UTF-8 with a BOM",
        answer: "Read normally; front matter after the BOM is found; spans count the BOM's 3 bytes",
        setup: |d| {
            write(
                d,
                "x.md",
                format!("\u{feff}{FM_POLICY}# Hej\n\nSe [x](saknas.md).\n"),
            )
        },
        check: |r| {
            let d = r.find(
                "broken-link",
                "x.md",
                "länken pekar på `saknas.md`, som inte finns",
            );
            assert_eq!(d["offset"], r.offset_in("x.md", b"[x]"));
            assert!(
                !r.has_rule_on("missing-metadata", "x.md"),
                "{:?}",
                r.on("x.md")
            );
        },
    },
    Case {
        input: "CRLF line ends; lone CR line ends",
        answer: "Both read as line ends (front matter, headings, lines and columns); spans point into the original bytes",
        setup: |d| {
            let text = format!("{FM_POLICY}# Hej\n\nSe [x](saknas.md).\n");
            write(d, "crlf.md", text.replace('\n', "\r\n"));
            write(d, "cr.md", text.replace('\n', "\r"));
        },
        check: |r| {
            for p in ["crlf.md", "cr.md"] {
                let d = r.find(
                    "broken-link",
                    p,
                    "länken pekar på `saknas.md`, som inte finns",
                );
                assert_eq!(d["offset"], r.offset_in(p, b"[x]"), "{p}");
                assert_eq!(d["range"]["start"]["line"], 9, "{p}");
                assert_eq!(d["range"]["start"]["column"], 4, "{p}");
                assert!(!r.has_rule_on("missing-metadata", p), "{p}: {:?}", r.on(p));
                assert!(!r.has_rule_on("invalid-metadata", p), "{p}: {:?}", r.on(p));
            }
        },
    },
    Case {
        input: "NFD text (decomposed å, ä, ö)",
        answer: "Matched as NFC: a decomposed heading, link fragment or body name is found; spans point into the decomposed bytes",
        setup: |d| {
            write(
                d,
                "x.md",
                "# Ha\u{308}llbarhet\n\nSe [a](#ha\u{308}llbarhet), [b](#hällbarhet) och [c](#nej).\n",
            )
        },
        check: |r| {
            assert_eq!(
                r.on("x.md"),
                ["broken-link: rubriken `#nej` finns inte i det här dokumentet"]
            );
            let d = r.find(
                "broken-link",
                "x.md",
                "rubriken `#nej` finns inte i det här dokumentet",
            );
            assert_eq!(d["offset"], r.offset_in("x.md", b"[c]"));
        },
    },
    Case {
        input: "An empty file",
        answer: "A document with no findings of its own (id from the file name)",
        setup: |d| write(d, "x.md", ""),
        check: |r| {
            assert!(r.on("x.md").is_empty(), "{:?}", r.on("x.md"));
            assert_eq!(r.documents(), 2);
        },
    },
    Case {
        input: "A file of only front matter (with and without a final newline)",
        answer: "A document with its metadata and no body; only metadata findings",
        setup: |d| {
            write(d, "x.md", FM_POLICY);
            write(d, "y.md", FM_POLICY.trim_end());
        },
        check: |r| {
            assert!(r.on("x.md").is_empty(), "{:?}", r.on("x.md"));
            assert!(r.on("y.md").is_empty(), "{:?}", r.on("y.md"));
            assert_eq!(r.documents(), 3);
        },
    },
    Case {
        input: "A 50 MB Markdown file (default limit 20 MB)",
        answer: "`unreadable-file` (error): larger than `max-file-size`; not read (the size is checked before reading)",
        setup: |d| {
            let line = "Kommunstyrelsen följer upp planen varje år. ".repeat(20) + "\n";
            let n = 50_000_000 / line.len() + 1;
            write(d, "stor.md", line.repeat(n));
        },
        check: |r| {
            r.find(
                "unreadable-file",
                "stor.md",
                "filen är 50 MB, större än gränsen 20 MB (max-file-size); den läses inte",
            );
        },
    },
    Case {
        input: "A file over a configured `max-file-size = \"1 kB\"`",
        answer: "`unreadable-file` (error) with both sizes; files under the limit are read",
        setup: |d| {
            config(d, "max-file-size = \"1 kB\"\n");
            write(d, "x.md", format!("# X\n\n{}\n", "ord ".repeat(500)));
        },
        check: |r| {
            r.find(
                "unreadable-file",
                "x.md",
                "filen är 2 kB, större än gränsen 1 kB (max-file-size); den läses inte",
            );
        },
    },
    Case {
        input: "A bad `max-file-size` in styrlint.toml",
        answer: "The run fails with exit status 2 and says how to write a size",
        setup: |d| config(d, "max-file-size = \"tio MB\"\n"),
        check: |r| {
            assert!(
                r.stderr.contains("max-file-size = \"tio MB\": write a number of bytes or a size such as \"20 MB\", \"512 kB\" or \"1 GiB\""),
                "{}",
                r.stderr
            );
        },
    },
    Case {
        input: "A binary file named .md",
        answer: "`unreadable-file` (error): binary, not Markdown text (a NUL byte in the first 8 kB)",
        setup: |d| {
            write(
                d,
                "x.md",
                (0..=255u8).cycle().take(4096).collect::<Vec<u8>>(),
            )
        },
        check: |r| {
            r.find(
                "unreadable-file",
                "x.md",
                "filen är binär, inte Markdown-text",
            );
        },
    },
    Case {
        input: "A folder named x.md",
        answer: "Not a document; the Markdown files inside it are",
        setup: |d| write(d, "x.md/inne.md", "# Inne\n\nSe [y](saknas.md).\n"),
        check: |r| {
            assert!(r.on("x.md").is_empty());
            r.find(
                "broken-link",
                "x.md/inne.md",
                "länken pekar på `saknas.md`, som inte finns",
            );
        },
    },
    Case {
        input: "A symbolic link loop (a file link to itself, two links to each other, a folder link to its parent)",
        answer: "Each looping `.md` link gets `unreadable-file` (error) with the system's message; the folder loop is walked once",
        setup: |d| {
            #[cfg(unix)]
            {
                use std::os::unix::fs::symlink;
                symlink("self.md", d.join("self.md")).unwrap();
                symlink("b.md", d.join("a.md")).unwrap();
                symlink("a.md", d.join("b.md")).unwrap();
                std::fs::create_dir(d.join("sub")).unwrap();
                symlink("..", d.join("sub/upp")).unwrap();
            }
        },
        check: |r| {
            if cfg!(unix) {
                for p in ["self.md", "a.md", "b.md"] {
                    r.find(
                        "unreadable-file",
                        p,
                        "filen kan inte läsas: Too many levels of symbolic links (os error 40)",
                    );
                }
                // The control document was read once, not again through sub/upp.
                assert_eq!(r.documents(), 1);
            }
        },
    },
    Case {
        input: "A symbolic link to a file outside the root",
        answer: "Followed: the file it points to is read as a document under the link's path (as git and editors show it); `--fix` writes through the link",
        setup: |d| {
            #[cfg(unix)]
            {
                let outside = d.parent().unwrap().join(format!(
                    "{}-utanför.md",
                    d.file_name().unwrap().to_string_lossy()
                ));
                std::fs::write(&outside, "# Utanför\n\nSe [z](saknas.md).\n").unwrap();
                std::os::unix::fs::symlink(&outside, d.join("länk.md")).unwrap();
            }
        },
        check: |r| {
            if cfg!(unix) {
                r.find(
                    "broken-link",
                    "länk.md",
                    "länken pekar på `saknas.md`, som inte finns",
                );
            }
        },
    },
    Case {
        input: "An unreadable file (mode 000)",
        answer: "`unreadable-file` (error) with the system's message; when run as root (who may read it anyway) it is read normally",
        setup: |d| {
            write(d, "x.md", "# X\n\nSe [y](saknas.md).\n");
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                std::fs::set_permissions(d.join("x.md"), std::fs::Permissions::from_mode(0o000))
                    .unwrap();
            }
        },
        check: |r| {
            // Whether this process can read it despite mode 000 (root can).
            if std::fs::read(r.dir.join("x.md")).is_ok() {
                r.find(
                    "broken-link",
                    "x.md",
                    "länken pekar på `saknas.md`, som inte finns",
                );
            } else {
                r.find(
                    "unreadable-file",
                    "x.md",
                    "filen kan inte läsas: Permission denied (os error 13)",
                );
            }
        },
    },
    Case {
        input: "Front matter that is never closed",
        answer: "`invalid-metadata` (error) on the opening `---`; the rest is read as Markdown",
        setup: |d| write(d, "x.md", "---\ntyp: policy\n# Hej\n\nSe [y](saknas.md).\n"),
        check: |r| {
            let d = r.find(
                "invalid-metadata",
                "x.md",
                "front matter öppnas med `---` men stängs aldrig",
            );
            assert_eq!(d["offset"], 0);
            assert!(r.has_rule_on("broken-link", "x.md"));
        },
    },
    Case {
        input: "Front matter with tabs",
        answer: "`invalid-metadata` (error) with the YAML parser's message at the tab",
        setup: |d| write(d, "x.md", "---\ntyp:\tpolicy\n---\n# Hej\n"),
        check: |r| {
            let d = r.find(
                "invalid-metadata",
                "x.md",
                "front matter är inte giltig YAML: ':' must be followed by a valid YAML whitespace",
            );
            assert_eq!(d["range"]["start"]["line"], 2);
        },
    },
    Case {
        input: "Front matter with a duplicate key",
        answer: "`invalid-metadata` (error) on the second occurrence",
        setup: |d| write(d, "x.md", "---\ntyp: policy\ntyp: plan\n---\n# Hej\n"),
        check: |r| {
            let d = r.find(
                "invalid-metadata",
                "x.md",
                "nyckeln `typ` står två gånger i front matter",
            );
            assert_eq!(d["range"]["start"]["line"], 3);
        },
    },
    Case {
        input: "Front matter with wrong types (a list where a date belongs, a mapping where a list belongs)",
        answer: "`invalid-metadata` (error) naming the key, the expected and the found shape",
        setup: |d| {
            write(
                d,
                "x.md",
                "---\ntyp: policy\nbeslutad: [2023-01-01]\nbygger_på: {a: b}\n---\n# Hej\n",
            )
        },
        check: |r| {
            r.find(
                "invalid-metadata",
                "x.md",
                "`beslutad` ska vara ett datum (ÅÅÅÅ-MM-DD), inte en lista",
            );
            r.find(
                "invalid-metadata",
                "x.md",
                "`bygger_på` ska vara en lista, inte en tabell av nycklar",
            );
        },
    },
    Case {
        input: "Dates 2023-02-30 and 23-1-1",
        answer: "`invalid-metadata` (error): the day does not exist; not of the form YYYY-MM-DD",
        setup: |d| {
            write(
                d,
                "x.md",
                "---\ntyp: policy\nbeslutad: 2023-02-30\nreviderad: 23-1-1\n---\n# Hej\n",
            )
        },
        check: |r| {
            r.find(
                "invalid-metadata",
                "x.md",
                "`beslutad`: datumet `2023-02-30` finns inte",
            );
            r.find(
                "invalid-metadata",
                "x.md",
                "`reviderad`: `23-1-1` är inte ett datum på formen ÅÅÅÅ-MM-DD",
            );
        },
    },
    Case {
        input: "A register table with ragged rows, a row without a name and an escaped pipe in a cell",
        answer: "Short rows read as far as they go, extra cells ignored; the nameless row gets `invalid-metadata` (error); `\\|` stays in the cell",
        setup: |d| {
            write(
                d,
                "register.md",
                "---\ntyp: register\n---\n# Register\n\n\
                 | Organ | Typ | Rapporterar till |\n|---|---|---|\n\
                 | Kommunstyrelsen | styrelse |\n\
                 | Tekniska nämnden | nämnd | Kommunstyrelsen | extra | mer |\n\
                 | | utskott | Kommunstyrelsen |\n\
                 | Råd A \\| B | råd | Kommunstyrelsen |\n",
            )
        },
        check: |r| {
            r.find(
                "invalid-metadata",
                "register.md",
                "registerrad utan namn på organet",
            );
            assert_eq!(r.json["summary"]["bodies"], 3);
            assert!(!r.has_rule_on("unknown-body", "register.md"));
        },
    },
    Case {
        input: "Lists and block quotes nested 10,000 levels deep",
        answer: "Read without deep recursion (the Markdown parser is iterative); no findings of their own",
        setup: |d| {
            write(d, "lista.md", format!("{}text\n", "- ".repeat(10_000)));
            write(d, "citat.md", format!("{} text\n", ">".repeat(10_000)));
            let mut lines = String::new();
            for i in 0..10_000 {
                lines.push_str(&"> ".repeat(i % 50));
                lines.push_str("- ");
                lines.push_str(&"  ".repeat(i % 40));
                lines.push_str("- punkt\n");
            }
            write(d, "blandat.md", lines);
        },
        check: |r| {
            for p in ["lista.md", "citat.md", "blandat.md"] {
                assert!(r.on(p).is_empty(), "{p}: {:?}", r.on(p));
            }
            assert_eq!(r.documents(), 4);
        },
    },
    Case {
        input: "A line of 10 MB",
        answer: "Read and checked like any paragraph (time linear in its length)",
        setup: |d| {
            let mut s = String::from("# Lång\n\n");
            s.push_str(&"ord ".repeat(2_500_000));
            s.push_str("[x](saknas.md)\n");
            write(d, "lang.md", s);
        },
        check: |r| {
            r.find(
                "broken-link",
                "lang.md",
                "länken pekar på `saknas.md`, som inte finns",
            );
        },
    },
    Case {
        input: "A 2 MB paragraph of 45,000 sentences, each naming a body and a mandate verb",
        answer: "Read and checked in linear time (this input took minutes before the mandate reader grouped mentions by block and sentence)",
        setup: |d| {
            write(
                d,
                "register.md",
                "---\ntyp: register\n---\n# Register\n\n| Organ | Typ | Rapporterar till |\n|---|---|---|\n| Kommunstyrelsen | styrelse | |\n",
            );
            let mut s = String::from("# Plan\n\n");
            s.push_str(&"Kommunstyrelsen följer upp planen varje år. ".repeat(45_000));
            s.push_str("Se [x](saknas.md).\n");
            write(d, "plan.md", s);
        },
        check: |r| {
            r.find(
                "broken-link",
                "plan.md",
                "länken pekar på `saknas.md`, som inte finns",
            );
        },
    },
    Case {
        input: "A register where bodies replace each other in a cycle and report to themselves",
        answer: "No hang: each mention of an abolished body is `stale-reference` naming its chain of successors up to where it turns back, with no fix; `--fix` stops",
        setup: |d| {
            write(
                d,
                "register.md",
                "---\ntyp: register\n---\n# Register\n\n\
                 | Organ | Typ | Avvecklad | Ersatt av | Rapporterar till |\n|---|---|---|---|---|\n\
                 | Rådet A | råd | 2020-01-01 | Rådet B | Rådet A |\n\
                 | Rådet B | råd | 2020-01-01 | Rådet C | Rådet B |\n\
                 | Rådet C | råd | 2020-01-01 | Rådet A | |\n",
            );
            write(d, "plan.md", "# Plan\n\nRådet A följer upp planen.\n");
        },
        check: |r| {
            r.find(
                "stale-reference",
                "plan.md",
                "`Rådet A`: Rådet A avvecklades 2020-01-01 och ersattes av Rådet B, som 2020-01-01 ersattes av Rådet C, som också har avvecklats",
            );
        },
    },
    Case {
        input: "A document that builds on itself (and replaces itself)",
        answer: "`hierarchy-cycle` (error): the document builds on itself",
        setup: |d| {
            write(
                d,
                "x.md",
                "---\nid: x\ntyp: policy\nbygger_på: [x]\nersätter: [x]\n---\n# X\n",
            )
        },
        check: |r| {
            r.find("hierarchy-cycle", "x.md", "X bygger på sig självt");
        },
    },
    Case {
        input: "10,000 links in one file",
        answer: "Every broken one reported (`broken-link`, 10,000 findings); time linear in the number of links",
        setup: |d| {
            let mut s = String::from("# Länkar\n\n");
            for i in 0..10_000 {
                s.push_str(&format!(
                    "- [länk {i}](saknas-{i}.md#rubrik) och [egen](#länkar)\n"
                ));
            }
            write(d, "x.md", s);
        },
        check: |r| {
            assert_eq!(
                r.diags()
                    .iter()
                    .filter(|d| d["path"] == "x.md" && d["rule"] == "broken-link")
                    .count(),
                10_000
            );
            r.find(
                "broken-link",
                "x.md",
                "länken pekar på `saknas-9999.md`, som inte finns",
            );
        },
    },
];

/// Runs `styrlint check --format json` on `dir` with a timeout; panics on a
/// hang or a crash.
fn run(dir: &Path, extra: &[&str]) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_styrlint"))
        .args(["check", ".", "--format", "json", "--today", "2024-01-01"])
        .args(extra)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run styrlint");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut v = Vec::new();
        out.read_to_end(&mut v).ok();
        v
    });
    let err_reader = std::thread::spawn(move || {
        let mut s = String::new();
        err.read_to_string(&mut s).ok();
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().ok();
            child.wait().ok();
            panic!("styrlint hung: no answer after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let stdout = out_reader.join().unwrap();
    let stderr = err_reader.join().unwrap();
    let code = status.code().unwrap_or(-1);
    assert!(
        matches!(code, 0..=2),
        "exit status {code} (101 is a panic):\n{stderr}"
    );
    let json = if stdout.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&stdout)
            .unwrap_or_else(|e| panic!("output is not JSON: {e}\n{stderr}"))
    };
    Run {
        dir: dir.to_path_buf(),
        code,
        json,
        stderr,
    }
}

/// Runs one case in a fresh folder and checks it.
fn run_case(case: &Case) {
    let tmp = tempfile::tempdir().unwrap();
    // The corpus is a folder inside the temporary one, so that a case can
    // put files next to it ("outside the root").
    let dir = tmp.path().join("korpus");
    std::fs::create_dir(&dir).unwrap();
    write(&dir, "kontroll.md", CONTROL);
    (case.setup)(&dir);
    let r = run(&dir, &[]);
    if r.json.is_null() {
        // The run itself failed (a bad config): status 2 and a message.
        assert_eq!(r.code, 2, "{}", r.stderr);
    } else {
        // The control document was still checked, and its error sets the
        // status.
        r.find("broken-link", "kontroll.md", CONTROL_MESSAGE);
        assert_eq!(r.code, 1, "{}", r.stderr);
    }
    (case.check)(&r);
    // Make the folder removable again (mode 000 files are, but be safe).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let p = dir.join("x.md");
        if p.is_file() {
            std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o644)).ok();
        }
    }
}

#[test]
fn every_bad_input_gets_a_clear_answer() {
    // Two cases at a time; failures are collected so that one run names
    // every case that fails.
    let failures = std::sync::Mutex::new(Vec::new());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|s| {
        for _ in 0..2 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                    let Some(case) = CASES.get(i) else { break };
                    let result = std::panic::catch_unwind(|| run_case(case));
                    if let Err(e) = result {
                        let msg = e
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        failures
                            .lock()
                            .unwrap()
                            .push(format!("{}: {msg}", case.input));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The table of docs/robustness.md, from [`CASES`].
fn table() -> String {
    let mut t = String::from("| input | what styrlint does |\n|---|---|\n");
    for c in CASES {
        t.push_str(&format!(
            "| {} | {} |\n",
            c.input.replace('|', "\\|"),
            c.answer.replace('|', "\\|")
        ));
    }
    t
}

const BEGIN: &str = "<!-- cases: generated from tests/robustness.rs; do not edit -->\n";
const END: &str = "<!-- end of cases -->\n";

#[test]
fn the_robustness_doc_lists_every_case() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../docs/robustness.md");
    let doc = std::fs::read_to_string(&path).unwrap();
    let (Some(b), Some(e)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("docs/robustness.md lacks the markers {BEGIN:?} and {END:?}");
    };
    let current = &doc[b + BEGIN.len()..e];
    let expected = table();
    if std::env::var_os("STYRLINT_UPDATE_DOCS").is_some() {
        let new = format!("{}{BEGIN}{expected}{}", &doc[..b], &doc[e..]);
        std::fs::write(&path, new).unwrap();
    } else {
        assert_eq!(
            current, expected,
            "docs/robustness.md is out of date; run `STYRLINT_UPDATE_DOCS=1 cargo test -p styrlint-cli --test robustness`"
        );
    }
}
