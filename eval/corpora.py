#!/usr/bin/env python3
"""Precision and recall of styrlint on hand-written corpora with planted
defects and look-alikes.

Each folder eval/corpora/<name>/ is a corpus written by someone who had not
read styrlint's code, with:

  expected.tsv    path, line, rule, text, note: the real defects planted
  lookalikes.tsv  path, line, rule, text, note: text that looks like a
                  defect but is not
  README.md       the organisation, its history and the date to check with
                  (a line `--today YYYY-MM-DD`)

A finding counts as right when a row of expected.tsv has its path, rule
and line; as wrong when a row of lookalikes.tsv does; any other finding is
listed as unexpected, to be read by hand (and then added to one of the two
files). Recall is the share of expected rows found.

  python3 eval/corpora.py              # table per corpus and rule
  python3 eval/corpora.py --list       # every wrong, unexpected and missed row
  python3 eval/corpora.py --min-precision 0.95 --min-stale-recall 0.9
                                       # exit 1 below these (tests/precision.rs)
"""

import argparse
import csv
import json
import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
# Rules about a document as a whole: a finding matches an expected row of
# the same document and rule whatever line each gives.
DOC_LEVEL = {"missing-metadata", "orphan-document", "missing-follow-up", "wrong-decision-level",
             "review-overdue", "outdated-derivation", "level-inversion", "hierarchy-cycle"}


def rows(path):
    if not path.exists():
        return []
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def today_of(folder):
    readme = folder / "README.md"
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    m = re.search(r"--today[ =`]*(\d{4}-\d{2}-\d{2})", text)
    return m.group(1) if m else "2025-01-01"


def run(folder, today):
    exe = os.environ.get("STYRLINT", str(ROOT / "target" / "release" / "styrlint"))
    r = subprocess.run([exe, "check", str(folder), "--format", "json", "--today", today],
                       capture_output=True)
    if r.returncode not in (0, 1):
        sys.exit(f"styrlint failed on {folder}: {r.stderr.decode()[:2000]}")
    return json.loads(r.stdout)["diagnostics"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--list", action="store_true")
    ap.add_argument("--min-precision", type=float,
                    help="exit 1 when any rule's precision over all corpora is below this")
    ap.add_argument("--min-stale-recall", type=float,
                    help="exit 1 when stale-reference finds less of what was planted")
    args = ap.parse_args()
    overall = defaultdict(lambda: defaultdict(int))
    for folder in sorted(p for p in (HERE / "corpora").iterdir() if (p / "expected.tsv").exists()):
        today = today_of(folder)
        diags = [d for d in run(folder, today)
                 if not d["path"].endswith(("expected.tsv", "lookalikes.tsv"))]
        expected = rows(folder / "expected.tsv")
        lookalikes = rows(folder / "lookalikes.tsv")
        want = {(r["path"], int(r["line"]), r["rule"]) for r in expected}
        wrong = {(r["path"], int(r["line"]), r["rule"]) for r in lookalikes}
        stats = defaultdict(lambda: {"n": 0, "right": 0, "wrong": 0, "other": 0, "expected": 0, "found": 0})
        found = set()
        listing = []
        def normal(path, line, rule):
            return (path, 0 if rule in DOC_LEVEL else line, rule)
        want = {normal(*k) for k in want}
        wrong = {normal(*k) for k in wrong}
        for d in diags:
            k = normal(d["path"], d["range"]["start"]["line"], d["rule"])
            s = stats[d["rule"]]
            s["n"] += 1
            if k in want:
                s["right"] += 1
                found.add(k)
            elif k in wrong:
                s["wrong"] += 1
                listing.append(("WRONG", k, d["message"]))
            else:
                s["other"] += 1
                listing.append(("UNEXPECTED", k, d["message"]))
        for k in want:
            stats[k[2]]["expected"] += 1
            if k in found:
                stats[k[2]]["found"] += 1
            else:
                listing.append(("MISSED", k, ""))
        print(f"{folder.name} (--today {today})")
        print(f"  {'rule':24} {'n':>4} {'right':>5} {'wrong':>5} {'other':>5}  precision  recall")
        tot = defaultdict(int)
        for rule, s in sorted(stats.items()):
            judged = s["right"] + s["wrong"]
            prec = f"{s['right'] / judged:.2f}" if judged else "—"
            rec = f"{s['found']}/{s['expected']}" if s["expected"] else "—"
            print(f"  {rule:24} {s['n']:4} {s['right']:5} {s['wrong']:5} {s['other']:5}  {prec:>9}  {rec}")
            for key, v in s.items():
                tot[key] += v
                overall[rule][key] += v
        judged = tot["right"] + tot["wrong"]
        print(f"  {'all':24} {tot['n']:4} {tot['right']:5} {tot['wrong']:5} {tot['other']:5}  "
              f"{(tot['right'] / judged if judged else 0):9.2f}  {tot['found']}/{tot['expected']}")
        if args.list:
            for kind, (path, line, rule), msg in sorted(listing, key=lambda x: (x[0], x[1])):
                print(f"  {kind:10} {path}:{line} {rule}  {msg[:140]}")
        print()
    failed = []
    for rule, s in sorted(overall.items()):
        judged = s["right"] + s["wrong"]
        if args.min_precision is not None and judged and s["right"] / judged < args.min_precision:
            failed.append(f"{rule}: precision {s['right']}/{judged}")
    stale = overall.get("stale-reference")
    if args.min_stale_recall is not None and stale and stale["expected"]:
        if stale["found"] / stale["expected"] < args.min_stale_recall:
            failed.append(f"stale-reference: recall {stale['found']}/{stale['expected']}")
    if failed:
        print("below the bar: " + "; ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
