//! `styrlint lsp` driven as an editor drives it: Content-Length framed
//! JSON-RPC over the binary's stdin and stdout. Every read is bounded by a
//! timeout, so a broken server fails the test instead of hanging it.

#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

/// How long any one expectation may take.
const TIMEOUT: Duration = Duration::from_secs(20);

const REGISTER: &str = "\
---
typ: register
titel: Register
---
# Register

| Organ | Typ | Alias | Inrättad | Avvecklad | Ersatt av | Rapporterar till |
|---|---|---|---|---|---|---|
| Kommunstyrelsen | styrelse | KS | 2000-01-01 | | | |
| Hållbarhetsutskottet | utskott | | 2019-01-01 | 2023-01-31 | Utskott Agenda 2030 | Kommunstyrelsen |
| Utskott Agenda 2030 | utskott | | 2023-02-01 | | | Kommunstyrelsen |
";

/// Line 9 (0-based) names the abolished utskott after an `Å`, an `ä` and an
/// emoji outside the Basic Multilingual Plane (two UTF-16 code units).
const POLICY: &str = "\
---
typ: policy
titel: Policy för hållbarhet
beslutad_av: Kommunstyrelsen
beslutad: 2023-05-01
aktualitetsprövas: 2026-12-31
---
# Policy för hållbarhet

Åtgärder 🌱 redovisas för Hållbarhetsutskottet varje år.
";

/// "Åtgärder 🌱 redovisas för " is 25 scalar values but 26 UTF-16 units.
const MENTION_LINE: u64 = 9;
const MENTION_START: u64 = 26;
const MENTION_END: u64 = 26 + 20;

struct Server {
    child: Child,
    stdin: ChildStdin,
    inbox: Receiver<Value>,
    next_id: i64,
    /// Messages read while waiting for something else.
    seen: Vec<Value>,
}

impl Server {
    fn start(root: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_styrlint"))
            .arg("lsp")
            .current_dir(root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdin = child.stdin.take().unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, inbox) = channel();
        std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            while let Some(msg) = read_message(&mut r) {
                if tx.send(msg).is_err() {
                    break;
                }
            }
        });
        let mut s = Server {
            child,
            stdin,
            inbox,
            next_id: 1,
            seen: Vec::new(),
        };
        let root_uri = uri(root, "");
        let init = s.request(
            "initialize",
            json!({
                "processId": null,
                "rootUri": root_uri,
                "capabilities": {},
                "initializationOptions": {"today": "2023-11-30"},
            }),
        );
        assert_eq!(init["serverInfo"]["name"], "styrlint");
        assert!(init["capabilities"]["hoverProvider"].as_bool().unwrap());
        s.notify("initialized", json!({}));
        s
    }

    fn send(&mut self, msg: Value) {
        let body = serde_json::to_string(&msg).unwrap();
        write!(self.stdin, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.stdin.flush().unwrap();
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        let resp = self.wait(&format!("the response to {method}"), |m| {
            m["id"] == json!(id) && m.get("method").is_none()
        });
        assert!(resp.get("error").is_none(), "{method} failed: {resp}");
        resp["result"].clone()
    }

    /// The next message satisfying `want`; others are kept in `seen`.
    fn wait(&mut self, what: &str, want: impl Fn(&Value) -> bool) -> Value {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.inbox.recv_timeout(left) {
                Ok(m) if want(&m) => return m,
                Ok(m) => {
                    // Answer requests from the server so it never waits.
                    if m.get("id").is_some() && m.get("method").is_some() {
                        let id = m["id"].clone();
                        self.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));
                    }
                    self.seen.push(m);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!("timed out waiting for {what}; saw {:#?}", self.seen)
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("the server closed its output while we waited for {what}")
                }
            }
        }
    }

    /// The next publishDiagnostics for `uri` satisfying `want`.
    fn diagnostics(&mut self, uri: &str, what: &str, want: impl Fn(&[Value]) -> bool) -> Value {
        self.wait(what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && want(m["params"]["diagnostics"].as_array().unwrap())
        })["params"]
            .clone()
    }

    fn open(&mut self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
        );
    }

    fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        );
    }

    fn shutdown(mut self) {
        assert_eq!(self.request("shutdown", Value::Null), Value::Null);
        self.notify("exit", Value::Null);
        let deadline = Instant::now() + TIMEOUT;
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                assert!(status.success(), "exit status {status}");
                return;
            }
            assert!(Instant::now() < deadline, "the server did not exit");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(r: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(n) = line.strip_prefix("Content-Length: ") {
            length = n.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    r.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("styrlint.toml"), "").unwrap();
    std::fs::write(dir.path().join("register.md"), REGISTER).unwrap();
    std::fs::write(dir.path().join("policy.md"), POLICY).unwrap();
    dir
}

fn uri(root: &Path, rel: &str) -> String {
    let mut s = format!("file://{}", root.display());
    if !rel.is_empty() {
        s.push('/');
        s.push_str(rel);
    }
    s
}

fn range(l0: u64, c0: u64, l1: u64, c1: u64) -> Value {
    json!({"start": {"line": l0, "character": c0}, "end": {"line": l1, "character": c1}})
}

fn is_stale(d: &Value) -> bool {
    d["code"] == "stale-reference"
}

#[test]
fn diagnostics_hover_code_action_and_fix() {
    let dir = corpus();
    let mut s = Server::start(dir.path());
    let policy = uri(dir.path(), "policy.md");
    s.open(&policy, POLICY);

    let p = s.diagnostics(&policy, "the stale reference", |d| d.iter().any(is_stale));
    assert_eq!(p["version"], 1);
    let d = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| is_stale(d))
        .unwrap()
        .clone();
    // UTF-16 columns: the emoji counts twice, å and ä once.
    assert_eq!(
        d["range"],
        range(MENTION_LINE, MENTION_START, MENTION_LINE, MENTION_END)
    );
    assert_eq!(d["severity"], 1);
    assert_eq!(d["source"], "styrlint");
    let message = d["message"].as_str().unwrap();
    assert!(message.contains("Utskott Agenda 2030"), "{message}");
    assert!(message.contains("\nhelp: "), "{message}");
    // The register row, as related information.
    let related = &d["relatedInformation"][0]["location"];
    assert_eq!(related["uri"], uri(dir.path(), "register.md"));
    assert_eq!(
        related["range"]["start"],
        json!({"line": 9, "character": 0})
    );

    // Hover on the mention shows the register row.
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": policy}, "position": {"line": MENTION_LINE, "character": MENTION_START + 3}}),
    );
    let text = hover["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["contents"]["kind"], "markdown");
    for want in [
        "**Hållbarhetsutskottet**",
        "utskott",
        "2019-01-01",
        "2023-01-31",
        "Utskott Agenda 2030",
        "Kommunstyrelsen",
        "register.md",
    ] {
        assert!(text.contains(want), "hover lacks {want}: {text}");
    }
    assert_eq!(
        hover["range"],
        range(MENTION_LINE, MENTION_START, MENTION_LINE, MENTION_END)
    );
    // Hover elsewhere: nothing.
    let nothing = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": policy}, "position": {"line": 9, "character": 2}}),
    );
    assert_eq!(nothing, Value::Null);

    // The fix as a quick fix.
    let actions = s.request(
        "textDocument/codeAction",
        json!({
            "textDocument": {"uri": policy},
            "range": range(MENTION_LINE, MENTION_START + 1, MENTION_LINE, MENTION_START + 1),
            "context": {"diagnostics": [d]},
        }),
    );
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    let edits = &action["edit"]["changes"][&policy];
    assert_eq!(
        edits,
        &json!([{
            "range": range(MENTION_LINE, MENTION_START, MENTION_LINE, MENTION_END),
            "newText": "Utskott Agenda 2030",
        }])
    );

    // Apply it as the editor would (an incremental change): the finding goes.
    s.change(
        &policy,
        2,
        json!([{
            "range": range(MENTION_LINE, MENTION_START, MENTION_LINE, MENTION_END),
            "text": "Utskott Agenda 2030",
        }]),
    );
    let p = s.diagnostics(&policy, "the fixed document's diagnostics", |d| {
        !d.iter().any(is_stale)
    });
    assert_eq!(p["version"], 2);
    assert_eq!(p["diagnostics"], json!([]));
    s.shutdown();
}

#[test]
fn editing_the_register_republishes_other_open_documents() {
    let dir = corpus();
    let mut s = Server::start(dir.path());
    let policy = uri(dir.path(), "policy.md");
    let register = uri(dir.path(), "register.md");
    s.open(&policy, POLICY);
    s.open(&register, REGISTER);
    s.diagnostics(&policy, "the stale reference", |d| d.iter().any(is_stale));

    // The utskott was never abolished after all: the policy is clean.
    let revived = REGISTER.replace(
        "| 2019-01-01 | 2023-01-31 | Utskott Agenda 2030 |",
        "| 2019-01-01 | | |",
    );
    assert_ne!(revived, REGISTER);
    s.change(&register, 2, json!([{"text": revived}]));
    let p = s.diagnostics(&policy, "the policy's diagnostics cleared", |d| {
        !d.iter().any(is_stale)
    });
    // The policy's own text did not change: its version stays.
    assert_eq!(p["version"], 1);

    // Abolished again: the finding is back, pointing at the new row.
    s.change(&register, 3, json!([{"text": REGISTER}]));
    s.diagnostics(&policy, "the stale reference again", |d| {
        d.iter().any(is_stale)
    });
    s.shutdown();
}

#[test]
fn bursts_of_edits_coalesce_and_stale_versions_are_never_published() {
    let dir = corpus();
    let mut s = Server::start(dir.path());
    let policy = uri(dir.path(), "policy.md");
    let fixed = POLICY.replace("Hållbarhetsutskottet", "Utskott Agenda 2030");
    s.open(&policy, &fixed);
    let p = s.diagnostics(&policy, "the clean policy", |_| true);
    assert_eq!(p["diagnostics"], json!([]));

    // Three quick edits: only the last version's diagnostics are published
    // (the server lints what is queued at once, without waiting).
    s.change(&policy, 2, json!([{"text": POLICY}]));
    s.change(&policy, 3, json!([{"text": fixed}]));
    let moved = POLICY.replace("Åtgärder 🌱", "🌱🌱 Åtgärder 🌱");
    s.change(&policy, 4, json!([{"text": moved}]));
    let p = s.diagnostics(&policy, "the last version's diagnostics", |_| true);
    assert_eq!(p["version"], 4, "{p:#}");
    let d = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| is_stale(d))
        .unwrap()
        .clone();
    assert_eq!(
        d["range"],
        range(
            MENTION_LINE,
            MENTION_START + 5,
            MENTION_LINE,
            MENTION_END + 5
        )
    );
    s.shutdown();
}

#[test]
fn broken_input_still_gets_the_parsers_diagnostics() {
    let dir = corpus();
    let mut s = Server::start(dir.path());
    let broken = uri(dir.path(), "broken.md");
    // A new, unsaved document with front matter that is not YAML.
    s.open(&broken, "---\ntyp: [policy\n: : :\n\u{0}🌱\r---\n# Å\r\n");
    let p = s.diagnostics(&broken, "the parser's diagnostics", |d| !d.is_empty());
    let codes: Vec<&str> = p["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    assert!(codes.contains(&"invalid-metadata"), "{codes:?}");

    // Positions past the end, inside a surrogate pair, reversed ranges.
    for (i, r) in [
        range(99, 0, 99, 5),
        range(3, 1, 3, 1),
        range(2, 4, 0, 0),
        range(0, 99, 1, 0),
    ]
    .into_iter()
    .enumerate()
    {
        s.change(
            &broken,
            2 + i as i64,
            json!([{"range": r, "text": "ö🌱\n"}]),
        );
    }
    // Unknown documents and methods, odd positions: answers, no crash.
    let none = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": "file:///nowhere/x.md"}, "position": {"line": 0, "character": 0}}),
    );
    assert_eq!(none, Value::Null);
    s.diagnostics(&broken, "diagnostics after odd edits", |_| true);
    let hover = s.request(
        "textDocument/hover",
        json!({"textDocument": {"uri": broken}, "position": {"line": 4000, "character": 4000}}),
    );
    assert_eq!(hover, Value::Null);
    s.shutdown();
}

#[test]
fn saving_picks_up_files_created_on_disk() {
    let dir = corpus();
    let mut s = Server::start(dir.path());
    let policy = uri(dir.path(), "policy.md");
    let linking = POLICY.replace("varje år.", "varje år. Se [bilagan](bilaga.pdf).");
    s.open(&policy, &linking);
    s.diagnostics(&policy, "the broken link", |d| {
        d.iter().any(|d| d["code"] == "broken-link")
    });
    std::fs::write(dir.path().join("bilaga.pdf"), "%PDF").unwrap();
    std::fs::write(dir.path().join("policy.md"), &linking).unwrap();
    s.notify(
        "textDocument/didSave",
        json!({"textDocument": {"uri": policy}}),
    );
    s.diagnostics(&policy, "the link resolved after the save", |d| {
        !d.iter().any(|d| d["code"] == "broken-link")
    });
    s.shutdown();
}

#[test]
fn renaming_a_document_republishes_the_documents_built_on_it() {
    let dir = corpus();
    let plan_text =
        "---\ntyp: plan\ntitel: Plan\nbygger_på: [Policy för hållbarhet]\n---\n# Plan\n";
    std::fs::write(dir.path().join("plan.md"), plan_text).unwrap();
    let mut s = Server::start(dir.path());
    let plan = uri(dir.path(), "plan.md");
    let policy = uri(dir.path(), "policy.md");
    s.open(&plan, plan_text);
    s.open(&policy, POLICY);
    let unknown = |d: &[Value]| d.iter().any(|d| d["code"] == "unknown-document");
    let p = s.diagnostics(&plan, "the plan's diagnostics", |_| true);
    assert!(!unknown(p["diagnostics"].as_array().unwrap()), "{p:#}");
    // Rename the policy in its front matter (an incremental edit of line 2).
    s.change(
        &policy,
        2,
        json!([{"range": range(2, 7, 2, 28), "text": "Policy för klimat"}]),
    );
    s.diagnostics(&plan, "the plan's unknown-document", unknown);
    s.shutdown();
}
