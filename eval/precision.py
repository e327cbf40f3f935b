#!/usr/bin/env python3
"""Real-world precision of styrlint: run it on public governance repositories
with registers written from their git history, and score every finding
against judgements made by hand.

For each folder eval/repos/<name>/ holding a repo.toml:

  repo.toml        slug, pinned commit, --today, source format
  register.md      the bodies, written from the repository's history (every
                   abolished row cites its commit in a Source/Källa column)
  styrlint.toml    optional settings for the corpus (copied into its root)
  judgements.tsv   path, line, rule, text, verdict (TP/FP/?), reason
  known-stale.tsv  path, line, text, body, reason: stale references found
                   by reading the repository without the tool

the repository is taken from its bare mirror (STYRLINT_MIRRORS, default
/work/.mirror/<owner>+<name>/repo) at the pinned commit, LaTeX sources are
turned into Markdown with pandoc, the register and config are copied in,
and the styrlint binary (STYRLINT, default target/release/styrlint) is run
with --format json. The repositories' text is never committed: only these
facts about it.

Repositories whose mirror is absent are skipped (as in CI). Usage:

  python3 eval/precision.py                 # table per repository and rule
  python3 eval/precision.py --markdown      # the same, for docs/precision.md
  python3 eval/precision.py --unjudged      # list findings not judged yet
  python3 eval/precision.py --add-unjudged  # append them to judgements.tsv as '?'
  python3 eval/precision.py --only NAME     # one repository
"""

import argparse
import csv
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
WORK = HERE / ".work"
# Findings about links are checked mechanically, not judged by hand.
UNJUDGED_RULES = {"broken-link"}
FIELDS = ["path", "line", "rule", "text", "verdict", "reason"]
KNOWN_FIELDS = ["path", "line", "text", "body", "reason"]


def mirror_of(slug):
    base = Path(os.environ.get("STYRLINT_MIRRORS", "/work/.mirror"))
    m = base / slug.replace("/", "+") / "repo"
    return m if m.exists() else None


def materialise(name, cfg, mirror):
    """The corpus at the pinned commit, Markdown only, with our register."""
    dest = WORK / name
    stamp = dest / ".styrlint-eval-stamp"
    # The converter is part of the stamp: a change to it converts again.
    converter = ""
    if cfg.get("source") == "latex":
        import hashlib
        h = hashlib.sha256(Path(__file__).read_bytes())
        lua = HERE / "latex_to_markdown.lua"
        if lua.exists():
            h.update(lua.read_bytes())
        converter = ":" + h.hexdigest()[:16]
    want = cfg["commit"] + ":" + cfg.get("source", "markdown") + converter
    if not (stamp.exists() and stamp.read_text() == want):
        if dest.exists():
            shutil.rmtree(dest)
        dest.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "--git-dir", str(mirror), "archive", cfg["commit"]],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
        if cfg.get("source") == "latex":
            latex_to_markdown(dest)
        stamp.write_text(want)
    # Register and config are ours: copied every run, so edits take effect.
    folder = HERE / "repos" / name
    shutil.copy(folder / "register.md", dest / "styrlint-register.md")
    cfg_file = folder / "styrlint.toml"
    target_cfg = dest / "styrlint.toml"
    if cfg_file.exists():
        shutil.copy(cfg_file, target_cfg)
    elif target_cfg.exists():
        target_cfg.unlink()
    return dest


LATEX_FILTER = HERE / "latex_to_markdown.lua"


def latex_to_markdown(dest):
    """Every LaTeX document (a file with \\documentclass) becomes a GFM file
    next to it. The files it \\input's are inlined first, so fragments, class
    files and preambles get no Markdown of their own. The source is prepared
    for pandoc (see prepare_latex) and latex_to_markdown.lua tidies the result."""
    if shutil.which("pandoc") is None:
        sys.exit("pandoc is needed for LaTeX sources (apt-get install pandoc)")
    for tex in sorted(dest.rglob("*.tex")):
        md = tex.with_suffix(".md")
        source = strip_latex_comments(tex.read_text(encoding="utf-8", errors="replace"))
        if not re.search(r"\\documentclass\b", source):
            continue  # an included fragment or a preamble: not a document
        text = prepare_latex(inline_latex_inputs(source, tex.parent, set()))
        m = re.search(r"\\setcounter\s*\{secnumdepth\}\s*\{\s*(-?\d+)\s*\}", text)
        secnumdepth = m.group(1) if m else "3"
        r = subprocess.run(
            ["pandoc", "-f", "latex", "-t", "gfm", "--wrap=none",
             "--lua-filter", str(LATEX_FILTER), "-M", f"secnumdepth={secnumdepth}", "-o", str(md)],
            input=text,
            capture_output=True,
            text=True,
            cwd=tex.parent,
        )
        if r.returncode != 0:
            print(f"  note: pandoc could not convert {tex.relative_to(dest)}: {r.stderr.strip()[:200]}",
                  file=sys.stderr)


def strip_latex_comments(text):
    """Drop % comments (not \\%) up to the end of their line."""
    out = []
    for line in text.split("\n"):
        m = re.search(r"(?<!\\)(?:\\\\)*%", line)
        out.append(line[:m.end() - 1] if m else line)
    return "\n".join(out)


def inline_latex_inputs(text, folder, seen):
    """Replace \\input{f} and \\include{f} by the text of f (relative to the
    document's folder, as LaTeX resolves it); packages and missing files go."""
    def file_of(name):
        name = name.strip()
        for cand in (name, name + ".tex"):
            f = folder / cand
            if f.is_file() and f.suffix == ".tex":
                return f
        return None

    def repl(m):
        f = file_of(m.group(1) or m.group(2))
        if f is None or f in seen:
            return ""
        body = strip_latex_comments(f.read_text(encoding="utf-8", errors="replace"))
        return "\n" + inline_latex_inputs(body, folder, seen | {f}) + "\n"

    return re.sub(r"\\(?:input|include)\s*(?:\{([^}]*)\}|\s([^\s\\{}]+))", repl, text)


def braced(text, i):
    """The end (exclusive) of the balanced {...} group starting at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == "\\":
            continue
        if c == "{" and (j == 0 or text[j - 1] != "\\"):
            depth += 1
        elif c == "}" and text[j - 1] != "\\":
            depth -= 1
            if depth == 0:
                return j + 1
    return len(text)


def skip_args(text, i, n):
    """Position after n brace groups (and any [..] options) from text[i]."""
    for _ in range(n):
        while i < len(text) and text[i] in " \t\n":
            i += 1
        while i < len(text) and text[i] == "[":
            i = bracketed(text, i)
        while i < len(text) and text[i] in " \t\n":
            i += 1
        if i < len(text) and text[i] == "{":
            i = braced(text, i)
    return i


def skip_options(text, i):
    """Position after any [..] options at text[i] (spaces allowed before)."""
    j = i
    while j < len(text) and text[j] in " \t":
        j += 1
    while j < len(text) and text[j] == "[":
        j = bracketed(text, j)
        i = j
    return i


def bracketed(text, i):
    """The end (exclusive) of the [...] option starting at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        c = text[j]
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif c == "]" and depth == 0:
            return j + 1
    return len(text)


def expand_document_commands(text):
    """Expand the macros a document defines with xparse's \\DeclareDocumentCommand
    / \\NewDocumentCommand (arguments m and o), which pandoc cannot read;
    \\ifthenelse{\\isempty{..}}, \\hyperlink and \\hypertarget in their bodies
    are resolved to plain text."""
    pat = re.compile(r"\\(?:DeclareDocumentCommand|NewDocumentCommand|RenewDocumentCommand)\s*")
    macros = {}
    while True:
        m = pat.search(text)
        if not m:
            break
        i = m.end()
        if text[i] == "{":
            j = braced(text, i)
            name = text[i + 1:j - 1].strip()
        else:
            n = re.match(r"\\[A-Za-z@]+", text[i:])
            name, j = n.group(0), i + n.end()
        spec, j = arg_at(text, j)
        body, j = arg_at(text, j)
        macros[name.lstrip("\\")] = (spec.split(), body)
        text = text[:m.start()] + text[j:]
    if not macros:
        return text

    def simplify(body):
        while True:
            m = re.search(r"\\ifthenelse\s*\{\s*\\isempty\s*(?=\{)", body)
            if not m:
                break
            val, i = arg_at(body, m.end())
            i = body.index("}", i) + 1  # the end of the condition group
            yes, i = arg_at(body, i)
            no, i = arg_at(body, i)
            body = body[:m.start()] + (yes if not val.strip() else no) + body[i:]
        for cmd in ("hyperlink", "hypertarget"):
            while True:
                m = re.search(r"\\" + cmd + r"\s*(?=\{)", body)
                if not m:
                    break
                i = braced(body, m.end() if body[m.end()] == "{" else m.end())
                shown, i = arg_at(body, i)
                body = body[:m.start()] + shown + body[i:]
        return body

    call = re.compile(r"\\(" + "|".join(re.escape(n) for n in macros) + r")(?![A-Za-z@])")
    for _ in range(10):  # macros may use each other
        out, pos, found = [], 0, False
        for m in call.finditer(text):
            if m.start() < pos:
                continue
            spec, body = macros[m.group(1)]
            i, args = m.end(), []
            for kind in spec:
                j = i
                while j < len(text) and text[j] in " \t\n":
                    j += 1
                if kind == "o":
                    if j < len(text) and text[j] == "[":
                        k = bracketed(text, j)
                        args.append(text[j + 1:k - 1])
                        i = k
                    else:
                        args.append("")
                elif j < len(text) and text[j] == "{":
                    a, i = arg_at(text, j)
                    args.append(a)
                else:
                    args.append("")
            expanded = re.sub(r"#(\d)", lambda g: args[int(g.group(1)) - 1]
                              if int(g.group(1)) <= len(args) else "", body)
            out.append(text[pos:m.start()] + simplify(expanded))
            pos, found = i, True
        out.append(text[pos:])
        text = "".join(out)
        if not found:
            break
    return text


def remove_command(text, name, nargs):
    """Remove every \\name with its n arguments (a definition, a layout call)."""
    pat = re.compile(r"\\" + re.escape(name) + r"(?![A-Za-z@])\*?")
    out, pos = [], 0
    for m in pat.finditer(text):
        if m.start() < pos:
            continue
        out.append(text[pos:m.start()])
        pos = skip_args(text, skip_options(text, m.end()), nargs)
    out.append(text[pos:])
    return "".join(out)


def arg_at(text, i):
    """The first {...} argument after position i, and the position after it."""
    while text[i] in " \t\n":
        i += 1
    if text[i] != "{":
        return "", i
    j = braced(text, i)
    return text[i + 1:j - 1], j


def flatten_nested_tabulars(text):
    """A tabular inside a table cell (a cell broken over lines) becomes its
    text on one line: pandoc cannot read nested tabulars."""
    tok = re.compile(r"\\(begin|end)\{tabular\}")
    while True:
        depth, start, changed = 0, None, False
        for m in tok.finditer(text):
            if m.group(1) == "begin":
                depth += 1
                if depth == 2:
                    start = m.start()
            else:
                if depth == 2 and start is not None:
                    inner = text[start:m.end()]
                    body = re.sub(r"^\\begin\{tabular\}(\[[^\]]*\])?", "", inner)
                    body = body[braced(body, 0):] if body.startswith("{") else body
                    body = body[: -len("\\end{tabular}")]
                    body = re.sub(r"\\\\(\[[^\]]*\])?", " ", body).replace("&", " ")
                    text = text[:start] + "{" + " ".join(body.split()) + "}" + text[m.end():]
                    changed = True
                    break
                depth -= 1
        if not changed:
            return text


# Environments that only lay out the page: their begin (with its arguments)
# and end are dropped, their content kept.
LAYOUT_ENVIRONMENTS = {"adjustwidth": 2, "multicols": 1, "wrapfigure": 2, "minipage": 1,
                       "stadgeavsnitt": 0, "protokoll": 0, "titlingpage": 0}
# Environments whose content is a picture: dropped whole.
PICTURE_ENVIRONMENTS = ["tikzpicture"]
# Commands dropped with their arguments: page furniture, logos, table rules.
DROPPED_COMMANDS = {"setheader": 3, "Dsymbol": 0, "Dlogo": 0, "Dsymbolsmall": 0, "Dlogosmall": 0,
                    "addlinespace": 0, "cmidrule": 1, "makeheadfoot": 0, "makehf": 0,
                    "tableofcontents": 0, "marginpar": 1}


def prepare_latex(text):
    """Rewrite the constructs of these documents that pandoc cannot read
    (class-defined list environments, \\paragraf, nested tabulars) into
    standard LaTeX, and drop page layout."""
    text = expand_document_commands(text)
    # reglemlista is a labelled list defined with \\begin{list}: a description.
    for env in ("reglemlista",):
        text = remove_command(text, "newenvironment{" + env + "}", 2)
        text = text.replace("\\begin{" + env + "}", "\\begin{description}")
        text = text.replace("\\end{" + env + "}", "\\end{description}")
    # fetlista{word} / attlista: every item starts with a bold word ("att").
    text = text.replace("\\begin{attlista}", "\\begin{fetlista}{att}")
    text = text.replace("\\end{attlista}", "\\end{fetlista}")
    out, pos = [], 0
    for m in re.finditer(r"\\begin\{fetlista\}", text):
        if m.start() < pos:
            continue
        word, after = arg_at(text, m.end())
        out.append(text[pos:m.start()] + "\\begin{fetlista}" + word + "\n\n\\begin{itemize}")
        pos = after
    out.append(text[pos:])
    text = "".join(out).replace("\\end{fetlista}", "\\end{itemize}\\end{fetlista}")
    # \\paragraf[skip]{number}{title}: a numbered article of the statutes.
    out, pos = [], 0
    for m in re.finditer(r"\\paragraf(?![A-Za-z@])(\[[^\]]*\])?", text):
        if m.start() < pos:
            continue
        num, i = arg_at(text, m.end())
        title, i = arg_at(text, i)
        out.append(text[pos:m.start()] + "\\subsection*{§" + num.strip() + " " + title.strip() + "}")
        pos = i
    out.append(text[pos:])
    text = "".join(out)
    # \\maketitle: the title as an unnumbered top heading.
    m = re.search(r"\\title\s*(?=\{)", text)
    if m:
        title, _ = arg_at(text, m.end())
        title = re.sub(r"\s*\\\\\s*", " – ", title).strip()
        text = re.sub(r"\\maketitle(?![A-Za-z@])", lambda _: "\\section*{" + title + "}", text)
    text = re.sub(r"\\tthdump\s*(?=\{)", "", text)
    text = re.sub(r"\\textemdash(?![A-Za-z@])(\{\})?", "---", text)
    text = re.sub(r"\\textendash(?![A-Za-z@])(\{\})?", "--", text)
    for env, nargs in LAYOUT_ENVIRONMENTS.items():
        text = remove_command(text, "begin{" + env + "}", nargs)
        text = text.replace("\\end{" + env + "}", "")
    for env in PICTURE_ENVIRONMENTS:
        text = re.sub(r"\\begin\{" + env + r"\}.*?\\end\{" + env + r"\}", "", text, flags=re.S)
    for cmd, nargs in DROPPED_COMMANDS.items():
        text = remove_command(text, cmd, nargs)
    return flatten_nested_tabulars(text)


def run_styrlint(root, today):
    exe = os.environ.get("STYRLINT", str(ROOT / "target" / "release" / "styrlint"))
    r = subprocess.run(
        [exe, "check", str(root), "--format", "json", "--today", today],
        capture_output=True,
    )
    if r.returncode not in (0, 1):
        sys.exit(f"styrlint failed on {root} ({r.returncode}): {r.stderr.decode()[:2000]}")
    return json.loads(r.stdout)


def finding_text(root, d):
    try:
        data = (root / d["path"]).read_bytes()
    except OSError:
        return ""
    t = data[d["offset"]: d["offset"] + d["length"]].decode("utf-8", "replace")
    t = " ".join(t.split())
    return t[:80]


def key(path, line, rule, text):
    return (path, int(line), rule, text)


def read_tsv(path, fields):
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        missing = [k for k in fields if k not in r]
        if missing:
            sys.exit(f"{path}: missing columns {missing}")
    return rows


def append_tsv(path, fields, rows):
    new = not path.exists()
    with path.open("a", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields, delimiter="\t", quoting=csv.QUOTE_NONE,
                           escapechar="\\", lineterminator="\n")
        if new:
            w.writeheader()
        for r in rows:
            # One row per line: tabs and line breaks in a message would
            # split it.
            w.writerow({k: " ".join(str(v).split()) for k, v in r.items()})


def evaluate(name, cfg, args):
    mirror = mirror_of(cfg["slug"])
    if mirror is None:
        print(f"skipped {name}: no mirror of {cfg['slug']}", file=sys.stderr)
        return None
    root = materialise(name, cfg, mirror)
    out = run_styrlint(root, cfg["today"])
    folder = HERE / "repos" / name
    judged = {key(r["path"], r["line"], r["rule"], r["text"]): r
              for r in read_tsv(folder / "judgements.tsv", FIELDS)}
    per_rule = defaultdict(lambda: {"n": 0, "tp": 0, "fp": 0, "unjudged": 0})
    unjudged = []
    found_stale = set()
    for d in out["diagnostics"]:
        rule = d["rule"]
        line = d["range"]["start"]["line"]
        text = finding_text(root, d)
        if rule == "stale-reference":
            found_stale.add((d["path"], line))
        if rule in UNJUDGED_RULES:
            continue
        s = per_rule[rule]
        s["n"] += 1
        j = judged.get(key(d["path"], line, rule, text))
        verdict = j["verdict"] if j else "?"
        if verdict == "TP":
            s["tp"] += 1
        elif verdict == "FP":
            s["fp"] += 1
        else:
            s["unjudged"] += 1
            unjudged.append({"path": d["path"], "line": line, "rule": rule, "text": text,
                             "verdict": "?", "reason": d["message"].replace("\t", " ")[:300]})
    known = read_tsv(folder / "known-stale.tsv", KNOWN_FIELDS)
    hits = sum(1 for k in known if (k["path"], int(k["line"])) in found_stale)
    if args.add_unjudged and unjudged:
        fresh, seen = [], set(judged)
        for u in unjudged:
            k = key(u["path"], u["line"], u["rule"], u["text"])
            if k not in seen:
                seen.add(k)
                fresh.append(u)
        append_tsv(folder / "judgements.tsv", FIELDS, fresh)
    return {"rules": dict(per_rule), "known": len(known), "recalled": hits,
            "unjudged": unjudged, "docs": out["summary"]["documents"],
            "bodies": out["summary"]["bodies"]}


def fmt_precision(s):
    judged = s["tp"] + s["fp"]
    return f"{s['tp'] / judged:.2f}" if judged else "—"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--unjudged", action="store_true")
    ap.add_argument("--add-unjudged", action="store_true")
    ap.add_argument("--only")
    ap.add_argument("--min-precision", type=float,
                    help="exit 1 when a rule's precision over all repositories is below this")
    args = ap.parse_args()
    results = {}
    for cfg_path in sorted((HERE / "repos").glob("*/repo.toml")):
        name = cfg_path.parent.name
        if args.only and name != args.only:
            continue
        cfg = tomllib.loads(cfg_path.read_text())
        r = evaluate(name, cfg, args)
        if r is not None:
            results[name] = r
    if not results:
        print("no repositories evaluated (no mirrors present)")
        return 0
    totals = defaultdict(lambda: {"n": 0, "tp": 0, "fp": 0, "unjudged": 0})
    rows = []
    for name, r in results.items():
        for rule, s in sorted(r["rules"].items()):
            rows.append((name, rule, s))
            for k in s:
                totals[rule][k] += s[k]
    if args.markdown:
        print("| repository | documents | bodies | rule | findings | TP | FP | unjudged | precision |")
        print("|---|---|---|---|---|---|---|---|---|")
        for name, rule, s in rows:
            r = results[name]
            print(f"| {name} | {r['docs']} | {r['bodies']} | {rule} | {s['n']} | {s['tp']} | {s['fp']} "
                  f"| {s['unjudged']} | {fmt_precision(s)} |")
        print()
        print("| rule | findings | TP | FP | unjudged | precision |")
        print("|---|---|---|---|---|---|")
        for rule, s in sorted(totals.items()):
            print(f"| {rule} | {s['n']} | {s['tp']} | {s['fp']} | {s['unjudged']} | {fmt_precision(s)} |")
        print()
        print("| repository | verified stale references | found | recall |")
        print("|---|---|---|---|")
        for name, r in results.items():
            rec = f"{r['recalled'] / r['known']:.2f}" if r["known"] else "—"
            print(f"| {name} | {r['known']} | {r['recalled']} | {rec} |")
    else:
        print(f"{'repository':32} {'rule':24} {'n':>4} {'TP':>4} {'FP':>4} {'?':>4}  precision")
        for name, rule, s in rows:
            print(f"{name:32} {rule:24} {s['n']:4} {s['tp']:4} {s['fp']:4} {s['unjudged']:4}  {fmt_precision(s)}")
        print()
        for rule, s in sorted(totals.items()):
            print(f"{'all':32} {rule:24} {s['n']:4} {s['tp']:4} {s['fp']:4} {s['unjudged']:4}  {fmt_precision(s)}")
        print()
        for name, r in results.items():
            print(f"recall {name}: {r['recalled']} of {r['known']} verified stale references")
    if args.unjudged:
        for name, r in results.items():
            for u in r["unjudged"]:
                print(f"{name}\t{u['path']}:{u['line']}\t{u['rule']}\t{u['text']}\t{u['reason'][:160]}")
    if args.min_precision is not None:
        low = [rule for rule, s in totals.items()
               if s["tp"] + s["fp"] and s["tp"] / (s["tp"] + s["fp"]) < args.min_precision]
        if low:
            print(f"precision below {args.min_precision}: {', '.join(sorted(low))}", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
