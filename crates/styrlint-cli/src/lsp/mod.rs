//! `styrlint lsp`: a language server over stdio.
//!
//! The server keeps a workspace index: the text of every document of the
//! corpus (the editor's text for open documents, the disk's for the rest)
//! and, in the lint thread, the parsed documents and the corpus. An edit
//! replaces one text. The main loop first handles every message already
//! queued (a burst of keystrokes is one change), then the lint thread
//! re-parses the changed documents only, updates the corpus (in place when
//! the edit leaves names and registers alone, else by building it again)
//! and lints the open documents, and the main loop republishes the
//! diagnostics of every open document whose diagnostics changed, so an
//! edited register row or a renamed document shows in the documents that
//! mention it. A result linted from a text the editor has since changed is
//! stale and is not published; the next lint follows at once.
//!
//! Positions are UTF-16 code units, as LSP requires; the conversion from
//! styrlint's byte spans happens in [`convert`].

mod convert;
mod hover;
mod worker;

use crate::config::{Config, find_root};
use crate::loader;
use convert::Text;
use crossbeam_channel::{Receiver, Sender, select};
use lsp_server::{Connection, ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types as lt;
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use styrlint_graph::Options;
use styrlint_parse::{Date, Diagnostic, Document, LineIndex};
use styrlint_rules::Settings;
use worker::{Env, Job, Outcome, Snapshot};

/// Runs the server on stdin/stdout until the client says `exit` or goes
/// away. Exit status 0 after `shutdown` + `exit`, 1 otherwise (as LSP asks).
pub fn run() -> Result<ExitCode, String> {
    let (conn, io) = Connection::stdio();
    let Some((id, params)) = wait_for_initialize(&conn) else {
        return Ok(ExitCode::from(1));
    };
    let mut server = Server::start(conn, id, &params)?;
    let code = server.main_loop();
    // Closing the connection lets the writer thread flush and end.
    drop(server);
    io.join()
        .map_err(|e| format!("language server connection: {e}"))?;
    Ok(code)
}

/// Reads messages until `initialize`; requests before it get an error.
fn wait_for_initialize(conn: &Connection) -> Option<(RequestId, lt::InitializeParams)> {
    for msg in &conn.receiver {
        match msg {
            Message::Request(r) if r.method == req::Initialize::METHOD => {
                match serde_json::from_value(r.params) {
                    Ok(p) => return Some((r.id, p)),
                    Err(e) => {
                        let resp = error(r.id, ErrorCode::InvalidParams, e.to_string());
                        let _ = conn.sender.send(resp.into());
                    }
                }
            }
            Message::Request(r) => {
                let resp = error(r.id, ErrorCode::ServerNotInitialized, "not initialized");
                let _ = conn.sender.send(resp.into());
            }
            Message::Notification(n) if n.method == note::Exit::METHOD => return None,
            _ => {}
        }
    }
    None
}

/// An open document.
struct Open {
    /// The URI as the client wrote it.
    uri: lt::Url,
    /// The client's version of the text.
    version: i32,
}

struct Server {
    conn: Connection,
    env: Arc<Env>,
    /// Where the config came from, to reload it when it changes.
    config_path: Option<PathBuf>,
    /// The date from `initializationOptions.today`, if given.
    today: Option<Date>,
    /// Text of every document of the corpus, by relative path.
    texts: BTreeMap<String, Arc<str>>,
    /// Every file under the root.
    files: BTreeSet<String>,
    /// Documents that could not be read, by path.
    unreadable: HashMap<String, Diagnostic>,
    /// Parsed documents from the initial load, for the first job.
    seed: Vec<Document>,
    open: HashMap<String, Open>,
    jobs: Sender<Job>,
    results: Receiver<Outcome>,
    busy: bool,
    /// Something changed since the last lint was started.
    dirty: bool,
    /// Documents whose text changed (or that were added or removed) since
    /// the last job: the next job sends only these.
    changes: BTreeSet<String>,
    /// The file list changed since the last job.
    files_changed: bool,
    /// The next job sends the whole workspace (first job, new
    /// configuration, after a failure).
    full: bool,
    snapshot: Option<Box<Snapshot>>,
    /// What the client was last sent, by path.
    published: HashMap<String, Vec<lt::Diagnostic>>,
    shutdown: bool,
    watch_files: bool,
}

impl Server {
    fn start(
        conn: Connection,
        id: RequestId,
        params: &lt::InitializeParams,
    ) -> Result<Self, String> {
        let capabilities = lt::ServerCapabilities {
            position_encoding: Some(lt::PositionEncodingKind::UTF16),
            text_document_sync: Some(lt::TextDocumentSyncCapability::Options(
                lt::TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(lt::TextDocumentSyncKind::INCREMENTAL),
                    will_save: None,
                    will_save_wait_until: None,
                    save: Some(lt::TextDocumentSyncSaveOptions::SaveOptions(
                        lt::SaveOptions {
                            include_text: Some(false),
                        },
                    )),
                },
            )),
            hover_provider: Some(lt::HoverProviderCapability::Simple(true)),
            code_action_provider: Some(lt::CodeActionProviderCapability::Options(
                lt::CodeActionOptions {
                    code_action_kinds: Some(vec![lt::CodeActionKind::QUICKFIX]),
                    ..Default::default()
                },
            )),
            ..Default::default()
        };
        let result = lt::InitializeResult {
            capabilities,
            server_info: Some(lt::ServerInfo {
                name: "styrlint".into(),
                version: Some(env!("CARGO_PKG_VERSION").into()),
            }),
        };
        let _ = conn.sender.send(ok(id, result).into());

        let given = client_root(params)
            .or_else(|| std::env::current_dir().ok())
            .ok_or("no workspace folder, and no current folder")?;
        let (root, config_path) = find_root(&given);
        let today = params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("today"))
            .and_then(|t| t.as_str())
            .and_then(|t| Date::parse(t).ok());
        let watch_files = params
            .capabilities
            .workspace
            .as_ref()
            .and_then(|w| w.did_change_watched_files)
            .and_then(|w| w.dynamic_registration)
            .unwrap_or(false);
        let (jobs, job_rx) = crossbeam_channel::unbounded();
        let (result_tx, results) = crossbeam_channel::unbounded();
        worker::spawn(job_rx, result_tx).map_err(|e| format!("cannot start a thread: {e}"))?;
        let mut server = Server {
            conn,
            env: Arc::new(Env {
                root: root.clone(),
                lang: Default::default(),
                exclude: Vec::new(),
                max_file_size: crate::config::DEFAULT_MAX_FILE_SIZE,
                settings: Settings::new(today.unwrap_or_else(crate::today)),
                options: Options::default(),
            }),
            config_path,
            today,
            texts: BTreeMap::new(),
            files: BTreeSet::new(),
            unreadable: HashMap::new(),
            seed: Vec::new(),
            open: HashMap::new(),
            jobs,
            results,
            busy: false,
            dirty: false,
            changes: BTreeSet::new(),
            files_changed: true,
            full: true,
            snapshot: None,
            published: HashMap::new(),
            shutdown: false,
            watch_files,
        };
        server.load_config();
        let loaded = loader::load(
            &root,
            &server.env.exclude,
            Some(server.env.lang),
            server.env.max_file_size,
        );
        server.files = loaded.files;
        for d in loaded.diagnostics {
            server.unreadable.insert(d.path.clone(), d);
        }
        for doc in &loaded.docs {
            server.texts.insert(doc.path.clone(), doc.text.clone());
        }
        server.seed = loaded.docs;
        server.dirty = true;
        Ok(server)
    }

    /// Reads `styrlint.toml` (again) into the environment. A broken config
    /// is reported to the user and the defaults are used.
    fn load_config(&mut self) {
        let config = match &self.config_path {
            Some(p) => match Config::load(p) {
                Ok(c) => c,
                Err(e) => {
                    self.show(lt::MessageType::ERROR, format!("styrlint: {e}"));
                    Config::default()
                }
            },
            None => Config::default(),
        };
        let today = self.today.unwrap_or_else(crate::today);
        let settings = config.settings(today).unwrap_or_else(|e| {
            self.show(lt::MessageType::ERROR, format!("styrlint: {e}"));
            Settings::new(today)
        });
        self.full = true;
        self.env = Arc::new(Env {
            root: self.env.root.clone(),
            lang: config.lang(),
            exclude: config.exclude.clone(),
            max_file_size: config.max_file_size(),
            settings,
            options: config.options(),
        });
    }

    fn main_loop(&mut self) -> ExitCode {
        let inbox = self.conn.receiver.clone();
        let mut results = self.results.clone();
        loop {
            if self.dirty && !self.busy {
                self.start_job();
            }
            select! {
                recv(inbox) -> msg => match msg {
                    Ok(msg) => {
                        if let Some(code) = self.handle(msg) {
                            return code;
                        }
                        // Everything already queued first: a burst of
                        // edits is linted once, after its last message.
                        while let Ok(msg) = inbox.try_recv() {
                            if let Some(code) = self.handle(msg) {
                                return code;
                            }
                        }
                    }
                    // The client went away without `exit`.
                    Err(_) => return ExitCode::from(1),
                },
                recv(results) -> outcome => match outcome {
                    Ok(outcome) => self.on_outcome(outcome),
                    Err(_) => {
                        self.busy = false;
                        self.dirty = false;
                        results = crossbeam_channel::never();
                        self.log(lt::MessageType::ERROR, "styrlint: the lint thread ended".into());
                    }
                },
            }
        }
    }

    fn handle(&mut self, msg: Message) -> Option<ExitCode> {
        match msg {
            Message::Request(r) => self.on_request(r),
            Message::Notification(n) => {
                if n.method == note::Exit::METHOD {
                    return Some(if self.shutdown {
                        ExitCode::SUCCESS
                    } else {
                        ExitCode::from(1)
                    });
                }
                if let Err(e) = self.on_notification(n) {
                    self.log(lt::MessageType::WARNING, format!("styrlint: {e}"));
                }
            }
            Message::Response(_) => {}
        }
        None
    }

    fn on_request(&mut self, r: Request) {
        let Request { id, method, params } = r;
        let resp = if self.shutdown {
            error(id, ErrorCode::InvalidRequest, "the server is shutting down")
        } else {
            match method.as_str() {
                req::Shutdown::METHOD => {
                    self.shutdown = true;
                    ok(id, ())
                }
                req::HoverRequest::METHOD => match parse::<lt::HoverParams>(params) {
                    Ok(p) => ok(id, self.on_hover(&p)),
                    Err(e) => error(id, ErrorCode::InvalidParams, e),
                },
                req::CodeActionRequest::METHOD => match parse::<lt::CodeActionParams>(params) {
                    Ok(p) => ok(id, self.on_code_action(&p)),
                    Err(e) => error(id, ErrorCode::InvalidParams, e),
                },
                _ => error(
                    id,
                    ErrorCode::MethodNotFound,
                    format!("unknown method {method}"),
                ),
            }
        };
        self.send(resp.into());
    }

    fn on_notification(&mut self, n: Notification) -> Result<(), String> {
        match n.method.as_str() {
            note::Initialized::METHOD => self.register_watchers(),
            note::DidOpenTextDocument::METHOD => {
                let p: lt::DidOpenTextDocumentParams = parse(n.params)?;
                let doc = p.text_document;
                let Some(path) = self.rel_path(&doc.uri) else {
                    return Ok(());
                };
                if !self.texts.contains_key(&path) && !self.is_document(&path) {
                    return Ok(());
                }
                let open = Open {
                    uri: doc.uri,
                    version: doc.version,
                };
                self.open.insert(path.clone(), open);
                let changed = self.set_text(&path, doc.text);
                let linted = self
                    .snapshot
                    .as_deref()
                    .is_some_and(|s| s.scope.contains(&path));
                if changed || !linted {
                    self.dirty = true;
                }
                // Linted already and unchanged from disk: the current
                // snapshot answers at once.
                self.publish();
            }
            note::DidChangeTextDocument::METHOD => {
                let p: lt::DidChangeTextDocumentParams = parse(n.params)?;
                let Some(path) = self.rel_path(&p.text_document.uri) else {
                    return Ok(());
                };
                let Some(current) = self.texts.get(&path) else {
                    return Ok(());
                };
                let mut text = current.to_string();
                for change in p.content_changes {
                    match change.range {
                        None => text = change.text,
                        Some(range) => {
                            let lines = LineIndex::new(&text);
                            let span = Text::new(&text, &lines).span(range);
                            text.replace_range(span, &change.text);
                        }
                    }
                }
                if let Some(open) = self.open.get_mut(&path) {
                    open.version = p.text_document.version;
                }
                self.set_text(&path, text);
                self.dirty = true;
            }
            note::DidSaveTextDocument::METHOD => {
                let p: lt::DidSaveTextDocumentParams = parse(n.params)?;
                if let Some(path) = self.rel_path(&p.text_document.uri)
                    && let Some(text) = p.text
                    && self.texts.contains_key(&path)
                {
                    self.set_text(&path, text);
                }
                // A saved file may be new on disk: links to it now resolve.
                self.sync_with_disk(&HashSet::new());
                self.dirty = true;
            }
            note::DidCloseTextDocument::METHOD => {
                let p: lt::DidCloseTextDocumentParams = parse(n.params)?;
                let Some(path) = self.rel_path(&p.text_document.uri) else {
                    return Ok(());
                };
                if self.open.remove(&path).is_some() {
                    self.published.remove(&path);
                    self.notify::<note::PublishDiagnostics>(lt::PublishDiagnosticsParams {
                        uri: p.text_document.uri,
                        diagnostics: Vec::new(),
                        version: None,
                    });
                }
                // The disk's text counts again.
                self.sync_with_disk(&HashSet::from([path]));
                self.dirty = true;
            }
            note::DidChangeWatchedFiles::METHOD => {
                let p: lt::DidChangeWatchedFilesParams = parse(n.params)?;
                let changed: HashSet<String> = p
                    .changes
                    .iter()
                    .filter_map(|c| self.rel_path(&c.uri))
                    .collect();
                let config_changed = p
                    .changes
                    .iter()
                    .any(|c| c.uri.path().ends_with(crate::config::FILE_NAME));
                if config_changed {
                    self.reload_root();
                }
                self.sync_with_disk(&changed);
                self.dirty = true;
            }
            _ => {}
        }
        Ok(())
    }

    /// A config file appeared, changed or went away: find the root again
    /// (a new styrlint.toml above may move it) and reload everything.
    fn reload_root(&mut self) {
        let (root, config_path) = find_root(&self.env.root);
        self.config_path = config_path;
        if root != self.env.root {
            self.show(
                lt::MessageType::WARNING,
                "styrlint: the corpus root moved; restart the language server".into(),
            );
        }
        self.load_config();
    }

    fn on_hover(&self, p: &lt::HoverParams) -> Option<lt::Hover> {
        let doc = &p.text_document_position_params;
        let path = self.rel_path(&doc.text_document.uri)?;
        let snap = self.fresh_snapshot(&path)?;
        let offset = snap.text(&path)?.offset(doc.position);
        hover::hover(snap, &path, offset)
    }

    fn on_code_action(&self, p: &lt::CodeActionParams) -> Option<lt::CodeActionResponse> {
        let path = self.rel_path(&p.text_document.uri)?;
        let snap = self.fresh_snapshot(&path)?;
        let span = snap.text(&path)?.span(p.range);
        let diags = snap.diags.get(&path)?;
        let lsp = snap.lsp.get(&path)?;
        let range_of = |f: &str, s: &std::ops::Range<usize>| {
            // Never offer an edit computed from a text the editor has
            // changed since.
            self.fresh_snapshot(f)?;
            snap.range_of(f, s)
        };
        let uri = |f: &str| match self.open.get(f) {
            Some(o) => Some(o.uri.clone()),
            None => snap.env.uri(f),
        };
        let mut actions = Vec::new();
        for (d, ld) in diags.iter().zip(lsp) {
            let Some(fix) = &d.fix else { continue };
            if d.span.start > span.end || span.start > d.span.end {
                continue;
            }
            let Some(edit) = convert::workspace_edit(fix, &range_of, &uri) else {
                continue;
            };
            actions.push(lt::CodeActionOrCommand::CodeAction(lt::CodeAction {
                title: fix.description.clone(),
                kind: Some(lt::CodeActionKind::QUICKFIX),
                diagnostics: Some(vec![ld.clone()]),
                edit: Some(edit),
                is_preferred: Some(true),
                ..Default::default()
            }));
        }
        Some(actions)
    }

    /// The snapshot, when it was linted from the current text of `path`.
    fn fresh_snapshot(&self, path: &str) -> Option<&Snapshot> {
        let snap = self.snapshot.as_deref()?;
        same(snap.texts.get(path)?, self.texts.get(path)?).then_some(snap)
    }

    fn on_outcome(&mut self, outcome: Outcome) {
        self.busy = false;
        match outcome {
            Outcome::Done(snap) => {
                self.snapshot = Some(snap);
                self.publish();
            }
            Outcome::Failed(why) => {
                // The lint thread starts over: send it everything.
                self.full = true;
                self.log(
                    lt::MessageType::ERROR,
                    format!("styrlint: linting failed (a bug; please report it): {why}"),
                );
            }
        }
    }

    /// Sends the diagnostics of every open document whose diagnostics
    /// changed, unless its text changed since the snapshot was linted.
    fn publish(&mut self) {
        let Some(snap) = self.snapshot.as_deref() else {
            return;
        };
        let mut out = Vec::new();
        for (path, open) in &self.open {
            let (Some(now), Some(linted)) = (self.texts.get(path), snap.texts.get(path)) else {
                continue;
            };
            // Not linted (opened since), or linted from another text.
            if !snap.scope.contains(path) || !same(now, linted) {
                continue;
            }
            let diags = snap.lsp.get(path).cloned().unwrap_or_default();
            if self.published.get(path) == Some(&diags) {
                continue;
            }
            out.push((path.clone(), open.uri.clone(), open.version, diags));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        for (path, uri, version, diags) in out {
            self.notify::<note::PublishDiagnostics>(lt::PublishDiagnosticsParams {
                uri,
                diagnostics: diags.clone(),
                version: Some(version),
            });
            self.published.insert(path, diags);
        }
    }

    fn start_job(&mut self) {
        self.dirty = false;
        let changes = std::mem::take(&mut self.changes);
        let (texts, changes) = if std::mem::take(&mut self.full) {
            (Some(self.texts.clone()), Vec::new())
        } else {
            let changes = changes
                .into_iter()
                .map(|p| {
                    let text = self.texts.get(&p).cloned();
                    (p, text)
                })
                .collect();
            (None, changes)
        };
        let job = Job {
            env: self.env.clone(),
            texts,
            changes,
            files: std::mem::take(&mut self.files_changed).then(|| self.files.clone()),
            extra: self.unreadable.values().cloned().collect(),
            seed: std::mem::take(&mut self.seed),
            scope: self
                .open
                .keys()
                .filter(|p| self.texts.contains_key(*p))
                .cloned()
                .collect(),
        };
        if self.jobs.send(job).is_ok() {
            self.busy = true;
        } else {
            self.full = true;
        }
    }

    /// Stores a document's text; true when it differs from the stored one.
    fn set_text(&mut self, path: &str, text: String) -> bool {
        if self.texts.get(path).is_some_and(|t| **t == *text) {
            return false;
        }
        self.texts.insert(path.to_string(), Arc::from(text));
        self.changes.insert(path.to_string());
        true
    }

    /// Brings the index in line with the disk: the file list, documents
    /// added or removed, and the disk's text of `changed` documents that
    /// are not open.
    fn sync_with_disk(&mut self, changed: &HashSet<String>) {
        let (md, files) = loader::walk(&self.env.root, &self.env.exclude);
        self.files = files;
        self.files_changed = true;
        let listed: HashSet<&str> = md.iter().map(|(rel, _)| rel.as_str()).collect();
        let open = &self.open;
        let changes = &mut self.changes;
        self.texts.retain(|p, _| {
            let keep = listed.contains(p.as_str()) || open.contains_key(p);
            if !keep {
                changes.insert(p.clone());
            }
            keep
        });
        self.unreadable.retain(|p, _| listed.contains(p.as_str()));
        for (rel, abs) in &md {
            if self.open.contains_key(rel)
                || (self.texts.contains_key(rel) && !changed.contains(rel))
            {
                continue;
            }
            match loader::read(rel, abs, self.env.lang, self.env.max_file_size) {
                Ok(text) => {
                    self.unreadable.remove(rel);
                    self.set_text(rel, text);
                }
                Err(d) => {
                    if self.texts.remove(rel).is_some() {
                        self.changes.insert(rel.clone());
                    }
                    self.unreadable.insert(rel.clone(), *d);
                }
            }
        }
    }

    /// True when a path not yet in the index is a document of the corpus:
    /// a Markdown file the walk finds (not excluded, not ignored), or a new
    /// Markdown file not yet saved.
    fn is_document(&mut self, path: &str) -> bool {
        let (md, files) = loader::walk(&self.env.root, &self.env.exclude);
        self.files = files;
        self.files_changed = true;
        if md.iter().any(|(rel, _)| rel == path) {
            return true;
        }
        let lower = path.to_lowercase();
        let markdown = lower.ends_with(".md") || lower.ends_with(".markdown");
        let hidden = path.split('/').any(|c| c.starts_with('.'));
        let abs: PathBuf = path
            .split('/')
            .fold(self.env.root.clone(), |p, c| p.join(c));
        markdown && !hidden && !abs.exists()
    }

    /// The root-relative, `/`-separated path of a `file:` URI under the
    /// root.
    fn rel_path(&self, uri: &lt::Url) -> Option<String> {
        if uri.scheme() != "file" {
            return None;
        }
        let path = uri.to_file_path().ok()?;
        let root = &self.env.root;
        let rel = match path.strip_prefix(root) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => {
                // The client and the root may spell the folder differently
                // (a symlink, `..`): compare canonical forms.
                let root = std::fs::canonicalize(root).ok()?;
                let path = canonical_lenient(&path)?;
                path.strip_prefix(&root).ok()?.to_path_buf()
            }
        };
        let rel = crate::rel_string(&rel);
        (!rel.is_empty()).then_some(rel)
    }

    fn register_watchers(&mut self) {
        if !self.watch_files {
            return;
        }
        let watchers = ["**/*.md", "**/*.markdown", "**/styrlint.toml"]
            .into_iter()
            .map(|g| lt::FileSystemWatcher {
                glob_pattern: lt::GlobPattern::String(g.into()),
                kind: None,
            })
            .collect();
        let options = lt::DidChangeWatchedFilesRegistrationOptions { watchers };
        let params = lt::RegistrationParams {
            registrations: vec![lt::Registration {
                id: "styrlint-watch".into(),
                method: note::DidChangeWatchedFiles::METHOD.into(),
                register_options: serde_json::to_value(options).ok(),
            }],
        };
        let request = Request {
            id: RequestId::from("styrlint-register-watchers".to_string()),
            method: req::RegisterCapability::METHOD.into(),
            params: serde_json::to_value(params).unwrap_or_default(),
        };
        self.send(request.into());
    }

    fn notify<N: lt::notification::Notification>(&self, params: N::Params) {
        let params = serde_json::to_value(params).unwrap_or_default();
        self.send(Notification::new(N::METHOD.into(), params).into());
    }

    /// A message in the client's log.
    fn log(&self, typ: lt::MessageType, message: String) {
        self.notify::<note::LogMessage>(lt::LogMessageParams { typ, message });
    }

    /// A message shown to the user.
    fn show(&self, typ: lt::MessageType, message: String) {
        self.notify::<note::ShowMessage>(lt::ShowMessageParams { typ, message });
    }

    fn send(&self, msg: Message) {
        // A closed connection ends the main loop through the reader.
        let _ = self.conn.sender.send(msg);
    }
}

/// The folder the client opened: the first workspace folder, else the
/// root URI, else the root path.
fn client_root(params: &lt::InitializeParams) -> Option<PathBuf> {
    let folder = params
        .workspace_folders
        .as_ref()
        .and_then(|f| f.first())
        .map(|f| &f.uri);
    #[allow(deprecated)]
    let uri = folder.or(params.root_uri.as_ref());
    if let Some(path) = uri.and_then(|u| u.to_file_path().ok()) {
        return Some(path);
    }
    #[allow(deprecated)]
    params.root_path.as_ref().map(PathBuf::from)
}

/// The canonical form of a path whose last component may not exist yet.
fn canonical_lenient(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = std::fs::canonicalize(path) {
        return Some(p);
    }
    let parent = std::fs::canonicalize(path.parent()?).ok()?;
    Some(parent.join(path.file_name()?))
}

/// True when two texts are the same (cheaply when they are one `Arc`).
fn same(a: &Arc<str>, b: &Arc<str>) -> bool {
    Arc::ptr_eq(a, b) || a == b
}

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Result<P, String> {
    serde_json::from_value(params).map_err(|e| e.to_string())
}

fn ok(id: RequestId, result: impl serde::Serialize) -> Response {
    Response {
        id,
        response_result: Ok(serde_json::to_value(result).unwrap_or_default()),
    }
}

fn error(id: RequestId, code: ErrorCode, message: impl Into<String>) -> Response {
    Response::new_err(id, code as i32, message.into())
}
