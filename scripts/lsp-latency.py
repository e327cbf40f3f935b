#!/usr/bin/env python3
"""Time from didChange to publishDiagnostics: `styrlint lsp` on a corpus.

Usage: scripts/lsp-latency.py BINARY ROOT DOCUMENT EDITS

Opens DOCUMENT (relative to ROOT), then sends EDITS full-text changes 0.4 s
apart, alternately adding and removing a broken link so that every edit
changes the diagnostics, and reports the time from each didChange to the
publishDiagnostics of that version. Measures; asserts nothing.
"""
import json, subprocess, sys, time, os, statistics, pathlib
binary, root, rel, n = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), sys.argv[3], int(sys.argv[4])
p = subprocess.Popen([binary, "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
def send(m):
    b = json.dumps(m).encode(); p.stdin.write(b"Content-Length: %d\r\n\r\n" % len(b) + b); p.stdin.flush()
def read():
    n = None
    while True:
        l = p.stdout.readline()
        if not l: raise SystemExit("eof")
        l = l.strip()
        if not l: break
        if l.lower().startswith(b"content-length:"): n = int(l.split(b":")[1])
    return json.loads(p.stdout.read(n))
def wait(pred):
    while True:
        m = read()
        if pred(m): return m
uri = (root / rel).as_uri()
send({"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":None,"rootUri":root.as_uri(),"capabilities":{},"initializationOptions":{"today":"2023-11-30"}}})
wait(lambda m: m.get("id") == 1)
send({"jsonrpc":"2.0","method":"initialized","params":{}})
text = (root / rel).read_text()
t0 = time.perf_counter()
send({"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":uri,"languageId":"markdown","version":1,"text":text}}})
wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri)
print(f"first diagnostics after didOpen: {(time.perf_counter()-t0)*1000:.1f} ms")
lat = []
for v in range(2, n + 2):
    body = text + ("\n[x](saknas-%d.md)\n" % v if v % 2 == 0 else "")
    time.sleep(0.4)
    t = time.perf_counter()
    send({"jsonrpc":"2.0","method":"textDocument/didChange","params":{"textDocument":{"uri":uri,"version":v},"contentChanges":[{"text":body}]}})
    wait(lambda m: m.get("method") == "textDocument/publishDiagnostics" and m["params"]["uri"] == uri and m["params"].get("version") == v)
    lat.append((time.perf_counter() - t) * 1000)
send({"jsonrpc":"2.0","id":2,"method":"shutdown","params":None}); wait(lambda m: m.get("id") == 2)
send({"jsonrpc":"2.0","method":"exit","params":None}); p.wait(5)
lat.sort()
print(f"didChange -> publishDiagnostics over {n} edits: median {statistics.median(lat):.1f} ms, min {lat[0]:.1f}, max {lat[-1]:.1f}")
