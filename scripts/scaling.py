#!/usr/bin/env python3
"""Scaling benchmark: for each user-controlled dimension, double it three
times and print the wall time of `styrlint check` and the growth exponent
(log2 of the time ratio per doubling; 1.0 is linear). Not a test: it only
measures (docs/performance.md records the table).

  cargo build --release
  python3 scripts/scaling.py                 # every dimension
  python3 scripts/scaling.py --only links    # one
  STYRLINT=path/to/styrlint python3 scripts/scaling.py

Each case is written into a fresh temporary folder; the time is the best
of three runs, so that the figure is the cost, not the noise.
"""

import argparse
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXE = os.environ.get("STYRLINT", str(ROOT / "target" / "release" / "styrlint"))

REGISTER = """---
typ: register
---
| Organ | Typ | Avvecklad | Ersatt av | Rapporterar till |
|---|---|---|---|---|
| Kommunfullmäktige | fullmäktige | | | |
| Kommunstyrelsen | styrelse | | | Kommunfullmäktige |
| Hållbarhetsutskottet | utskott | 2023-01-31 | Framtidsutskottet | Kommunstyrelsen |
| Framtidsutskottet | utskott | | | Kommunstyrelsen |
"""


def write(root, rel, text):
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(text, encoding="utf-8")


def case_sentence(root, n):
    write(root, "register.md", REGISTER)
    write(root, "plan.md", "# Plan\n\n" + ", ".join(["Hållbarhetsutskottet"] * n) + " bereder.\n")


def case_paragraph(root, n):
    write(root, "register.md", REGISTER)
    write(root, "plan.md", "# Plan\n\n" + " ".join(["Hållbarhetsutskottet bereder."] * n) + "\n")


def case_links(root, n):
    write(root, "register.md", REGISTER)
    for i in range(n):
        write(root, f"d/doc{i}.md", f"# Dokument {i}\n\nSe [bilagan](saknas{i}.md).\n")


def case_same_title(root, n):
    write(root, "register.md", REGISTER)
    for i in range(n):
        write(root, f"m{i}/README.md", "# Minutes\n\nSee [the notes](missing.md).\n")


def case_suppress(root, n):
    write(root, "register.md", REGISTER)
    for i in range(n):
        write(root, f"d/doc{i}.md",
              f"<!-- styrlint-disable-file stale-reference -->\n# Dokument {i}\n\nHållbarhetsutskottet bereder.\n")


def case_claims(root, n):
    rows = "".join(f"| Grupp {i} | arbetsgrupp | | | Kommunstyrelsen |\n" for i in range(n))
    write(root, "register.md", REGISTER + rows)
    write(root, "reglemente.md", "---\ntyp: reglemente\nbeslutad_av: Kommunfullmäktige\n---\n# Reglemente\n\nKommunstyrelsen ansvarar för verksamheten.\n")
    body = "".join(f"Grupp {i} beslutar om fördelning av medel för sociala investeringar.\n\n" for i in range(n))
    write(root, "plan.md", "---\ntyp: plan\nbeslutad_av: Kommunstyrelsen\n---\n# Plan\n\n" + body)


def case_headings(root, n):
    write(root, "register.md", REGISTER)
    body = "".join(f"## Avsnitt {i}\n\nStyrgruppen och Hållbarhetsutskottet bereder.\n\n" for i in range(n))
    write(root, "plan.md", "# Plan\n\n" + body)


def case_rows(root, n):
    write(root, "register.md", REGISTER)
    rows = "".join(f"| Ärende {i} | Hållbarhetsutskottet |\n" for i in range(n))
    write(root, "delegation.md", "---\ntyp: delegationsordning\nbeslutad_av: Kommunstyrelsen\n---\n| Ärende | Delegat |\n|---|---|\n" + rows)


def case_docs(root, n):
    write(root, "register.md", REGISTER)
    for i in range(n):
        write(root, f"d/doc{i}.md",
              f"---\ntyp: plan\nbeslutad_av: Kommunstyrelsen\nbeslutad: 2022-01-01\n---\n# Plan {i}\n\n"
              "Hållbarhetsutskottet bereder. Styrgruppen rapporterar till kommunstyrelsen.\n")


CASES = {
    "sentence": (case_sentence, 2000, "mentions of an abolished body in one sentence"),
    "paragraph": (case_paragraph, 4000, "sentences with an abolished body in one paragraph"),
    "links": (case_links, 1000, "documents with one broken link each"),
    "same-title": (case_same_title, 1000, "documents sharing a title, one broken link each"),
    "suppress": (case_suppress, 1000, "documents with a styrlint-disable-file each"),
    "claims": (case_claims, 100, "bodies claiming the same decision right"),
    "headings": (case_headings, 2000, "headings in one document"),
    "rows": (case_rows, 2000, "rows of a delegation table"),
    "docs": (case_docs, 1000, "documents"),
}


def run(root):
    best = math.inf
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run([EXE, "check", str(root), "--format", "json", "--today", "2024-01-01"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - t)
    return best


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--only")
    ap.add_argument("--steps", type=int, default=4)
    args = ap.parse_args()
    print(f"{'dimension':12} {'n':>7} {'time':>8}  exponent   ({EXE})")
    worst = 0.0
    for name, (make, start, what) in CASES.items():
        if args.only and name != args.only:
            continue
        times = []
        for k in range(args.steps):
            n = start * 2 ** k
            root = Path(tempfile.mkdtemp(prefix="styrlint-scaling-"))
            try:
                make(root, n)
                times.append((n, run(root)))
            finally:
                shutil.rmtree(root, ignore_errors=True)
        for k, (n, t) in enumerate(times):
            exp = ""
            if k > 0 and times[k - 1][1] > 0.02:
                e = math.log2(t / times[k - 1][1])
                exp = f"{e:.2f}"
                if k == len(times) - 1:
                    worst = max(worst, e)
            print(f"{name:12} {n:7} {t:8.3f}  {exp:>8}   {what if k == 0 else ''}")
    print(f"worst last-step exponent: {worst:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
