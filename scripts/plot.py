#!/usr/bin/env python3
"""Writes docs/img/scaling.svg: wall time of `styrlint check` and of the rg
floor against the number of documents (log-log), from the figures in
docs/performance.md (edit DATA after rerunning scripts/bench.sh)."""
import math, pathlib

# documents -> (styrlint seconds, rg seconds)
DATA = {1000: (0.23, 0.63), 10000: (1.53, 0.69), 100000: (18.3, 2.12)}

W, H, M = 560, 360, 60
xs = [math.log10(n) for n in DATA]
ys = [math.log10(v) for pair in DATA.values() for v in pair if v > 0]
x0, x1 = min(xs) - 0.1, max(xs) + 0.1
y0, y1 = math.floor(min(ys)), math.ceil(max(ys))
px = lambda x: M + (x - x0) / (x1 - x0) * (W - 2 * M)
py = lambda y: H - M - (y - y0) / (y1 - y0) * (H - 2 * M)
out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<line x1="{M}" y1="{H-M}" x2="{W-M}" y2="{H-M}" stroke="black"/>',
       f'<line x1="{M}" y1="{M}" x2="{M}" y2="{H-M}" stroke="black"/>',
       f'<text x="{W/2}" y="{H-15}" text-anchor="middle">documents (log scale)</text>',
       f'<text x="15" y="{H/2}" transform="rotate(-90 15 {H/2})" text-anchor="middle">wall time, s (log scale)</text>',
       f'<text x="{W/2}" y="25" text-anchor="middle" font-size="14">styrlint check vs the rg floor, 5,000 bodies, 2 cores</text>']
for n in DATA:
    x = px(math.log10(n))
    out.append(f'<text x="{x}" y="{H-M+18}" text-anchor="middle">{n:,}</text>')
for e in range(y0, y1 + 1):
    y = py(e)
    out.append(f'<line x1="{M}" y1="{y}" x2="{W-M}" y2="{y}" stroke="#ddd"/>')
    out.append(f'<text x="{M-6}" y="{y+4}" text-anchor="end">{10**e:g}</text>')
for idx, (name, colour) in enumerate([("styrlint check", "#c0392b"), ("rg -i -F -f (floor)", "#2471a3")]):
    pts = [(px(math.log10(n)), py(math.log10(v[idx]))) for n, v in DATA.items() if v[idx] > 0]
    out.append('<polyline fill="none" stroke="%s" stroke-width="2" points="%s"/>' % (colour, " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)))
    for (x, y), (n, v) in zip(pts, DATA.items()):
        out.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{x+6:.1f}" y="{y-6:.1f}" fill="{colour}">{v[idx]:.2f} s</text>')
    out.append(f'<text x="{M+10}" y="{M+15+idx*16}" fill="{colour}">{name}</text>')
out.append('</svg>')
path = pathlib.Path(__file__).resolve().parent.parent / "docs/img/scaling.svg"
path.parent.mkdir(exist_ok=True)
path.write_text("\n".join(out) + "\n")
print(path)
