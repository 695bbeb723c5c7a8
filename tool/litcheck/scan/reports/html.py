"""One self-contained HTML page: each document's extracted text with every flagged span
highlighted by severity; selecting a highlight (or a flag in the list) shows its rule, message
and evidence; filters by rule and severity; counts at the top.

No remote resources (a Content-Security-Policy forbids them), and every piece of document or
library text is escaped: in the page with html.escape, in the embedded flag data as JSON with
`<`, `>` and `&` written as \\u escapes, and the script puts it on the page as text only.
"""

from __future__ import annotations

import json
from collections import Counter
from html import escape

from litcheck import __version__

SEVERITIES = ("error", "warning", "info")

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#fafafa}
header{padding:12px 20px;background:#fff;border-bottom:1px solid #ddd;position:sticky;top:0;z-index:2}
h1{font-size:20px;margin:0 0 6px}h2{font-size:17px;margin:24px 0 8px}
.counts span{display:inline-block;margin-right:14px}
.filters{margin-top:6px}.filters label{margin-right:12px}
main{display:grid;grid-template-columns:minmax(0,1fr) 360px;gap:20px;padding:0 20px 40px}
.text{background:#fff;border:1px solid #ddd;padding:8px 0;font:14px/1.6 ui-monospace,Menlo,monospace;
      white-space:pre-wrap;overflow-wrap:anywhere;counter-reset:none}
.ln{display:block;padding:0 12px 0 60px;text-indent:-48px}
.ln::before{content:attr(data-n);display:inline-block;width:40px;margin-right:8px;text-align:right;color:#999}
mark{background:none;border-bottom:3px solid;cursor:pointer;color:inherit}
mark.error{background:#fde2e1;border-color:#c62828}mark.warning{background:#fff3cd;border-color:#c77700}
mark.info{background:#e3f2fd;border-color:#1565c0}mark.selected{outline:2px solid #222}
.off{background:none!important;border-color:transparent!important;cursor:auto}
aside{position:sticky;top:110px;align-self:start;max-height:calc(100vh - 130px);overflow:auto}
#detail{background:#fff;border:1px solid #ddd;padding:10px 14px;margin-bottom:12px;min-height:60px}
#detail dt{font-weight:600;margin-top:6px}#detail dd{margin:0}
ol.flags{padding-left:22px;margin:0}ol.flags li{margin-bottom:6px;cursor:pointer}
.sev{font-weight:600}.sev.error{color:#c62828}.sev.warning{color:#8a5300}.sev.info{color:#1565c0}
.hidden{display:none}.muted{color:#666}
"""

SCRIPT = """
const flags = JSON.parse(document.getElementById('flag-data').textContent);
const detail = document.getElementById('detail');
function show(id) {
  const f = flags[id];
  document.querySelectorAll('mark.selected').forEach(m => m.classList.remove('selected'));
  document.querySelectorAll('mark').forEach(m => {
    if (m.dataset.flags.split(' ').includes(id)) m.classList.add('selected'); });
  detail.replaceChildren();
  const h = document.createElement('h3'); h.textContent = f.rule; detail.append(h);
  const dl = document.createElement('dl');
  for (const [label, value] of f.fields) {
    const dt = document.createElement('dt'); dt.textContent = label;
    const dd = document.createElement('dd'); dd.textContent = value; dl.append(dt, dd); }
  detail.append(dl); detail.dataset.flag = id;
}
document.querySelectorAll('mark').forEach(m => m.addEventListener('click', () => {
  const visible = m.dataset.flags.split(' ').filter(id => !document.getElementById('item-' + id).classList.contains('hidden'));
  if (visible.length) show(visible[0]); }));
document.querySelectorAll('ol.flags li').forEach(li => li.addEventListener('click', () => {
  show(li.dataset.flag); history.replaceState(null, '', '#' + li.dataset.flag);
  const m = document.querySelector('mark.selected'); if (m) m.scrollIntoView({block: 'center'}); }));
function applyFilters() {
  const rule = document.getElementById('rule-filter').value;
  const sevs = new Set([...document.querySelectorAll('.sev-filter:checked')].map(c => c.value));
  const on = id => (rule === '' || flags[id].rule === rule) && sevs.has(flags[id].severity);
  for (const id of Object.keys(flags))
    document.getElementById('item-' + id).classList.toggle('hidden', !on(id));
  document.querySelectorAll('mark').forEach(m => {
    const ids = m.dataset.flags.split(' ').filter(on);
    m.classList.toggle('off', ids.length === 0);
    for (const s of ['error', 'warning', 'info']) m.classList.toggle(s, ids.some(id => flags[id].severity === s)
      && !ids.some(id => ['error', 'warning', 'info'].indexOf(flags[id].severity) < ['error', 'warning', 'info'].indexOf(s)));
  });
  document.getElementById('shown').textContent = Object.keys(flags).filter(on).length;
}
document.querySelectorAll('#rule-filter, .sev-filter').forEach(c => c.addEventListener('change', applyFilters));
const linked = decodeURIComponent(location.hash.slice(1));  // report.html#d0f3: a link to one flag
if (Object.prototype.hasOwnProperty.call(flags, linked)) show(linked);
"""


def _json_for_script(data) -> str:
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _evidence(flag, library) -> list[tuple[str, str]]:
    fields = [("severity", flag.severity), ("line", str(flag.line)), ("message", flag.message)]
    if flag.evidence:
        fields.append(("evidence", flag.evidence))
    if flag.where != "body":
        fields.append(("where", f"in a {flag.where}"))
    for line, sentence in flag.cited_by:
        fields.append(("cited by", f"line {line}: {sentence}"))
    for key in flag.keys:
        entry = library.get(key) if library is not None else None
        if entry is None:
            fields.append(("library entry", key))
            continue
        who = entry.text("author") or entry.text("editor") or entry.text("institution")
        fields.append(("library entry", f"{key}: {who} ({entry.year or 'n.d.'}). {entry.title}"))
        if entry.text("verification"):
            fields.append(("verification", entry.text("verification")))
    fields.append(("sentence", " ".join(flag.sentence.split())))
    return fields


def _spans(text: str, flags: list[tuple[str, object]]) -> list[tuple[int, int, list[str]]]:
    """Cut `text` at every flag boundary and newline: (start, end, ids of covering flags)."""
    cuts = {0, len(text)}
    for _, f in flags:
        cuts.update((max(0, min(f.start, len(text))), max(0, min(f.end, len(text)))))
    cuts.update(i + 1 for i, ch in enumerate(text) if ch == "\n")
    points = sorted(cuts)
    opening: dict[int, list[str]] = {}
    closing: dict[int, list[str]] = {}
    for fid, f in flags:
        if f.end > f.start:
            opening.setdefault(f.start, []).append(fid)
            closing.setdefault(f.end, []).append(fid)
    active: list[str] = []
    out = []
    for a, b in zip(points, points[1:]):
        active = [i for i in active if i not in closing.get(a, ())] + opening.get(a, [])
        out.append((a, b, list(active)))
    return out


def _document_html(n: int, result, view, data: dict) -> str:
    ids = []
    for k, f in enumerate(result.flags):
        fid = f"d{n}f{k}"
        ids.append((fid, f))
        data[fid] = {"rule": f.rule, "severity": f.severity, "fields": _evidence(f, view.library)}
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    by_id = dict(ids)
    text = result.doc.text
    lines, current, line_no = [], [], 1
    for a, b, active in _spans(text, ids):
        chunk = text[a:b]
        newline = chunk.endswith("\n")
        chunk = escape(chunk.rstrip("\n"))
        if active and chunk:
            worst = min((by_id[i].severity for i in active), key=lambda s: rank.get(s, 9))
            chunk = f'<mark class="{worst}" data-flags="{" ".join(active)}">{chunk}</mark>'
        current.append(chunk)
        if newline or b == len(text):
            lines.append(f'<span class="ln" data-n="{line_no}">{"".join(current)}</span>')
            current, line_no = [], line_no + 1
    items = "".join(
        f'<li id="item-{fid}" data-flag="{fid}"><span class="sev {escape(f.severity)}">{escape(f.severity)}</span> '
        f'<code>{escape(f.rule)}</code> line {f.line}: {escape(f.message)}</li>' for fid, f in ids)
    hidden = len(view.suppressed.get(result.path, []))
    kind = getattr(result.doc, "source_kind", result.doc.fmt)
    return (f'<section class="document" id="doc-{n}"><h2>{escape(result.path)}</h2>'
            f'<p class="muted">{escape(kind)}; {len(result.doc.sentences)} sentences, {len(result.flags)} flags'
            f'{f", {hidden} suppressed" if hidden else ""}; line numbers refer to this extracted text.</p>'
            f'<div class="text">{"".join(lines)}</div></section>', f"<h3>{escape(result.path)}</h3><ol class=\"flags\">{items}</ol>")


def render_html(results, view) -> str:
    data: dict = {}
    docs, lists = [], []
    for n, r in enumerate(results):
        body, listing = _document_html(n, r, view, data)
        docs.append(body)
        lists.append(listing)
    severity_counts = Counter(f.severity for r in results for f in r.flags)
    rule_counts = Counter(f.rule for r in results for f in r.flags)
    hidden = sum(len(v) for v in view.suppressed.values())
    counts = "".join(f'<span class="count" data-severity="{s}"><span class="sev {s}">{s}</span> '
                     f'{severity_counts.get(s, 0)}</span>' for s in SEVERITIES)
    counts += f'<span>shown <b id="shown">{sum(severity_counts.values())}</b></span>'
    if hidden:
        counts += f'<span class="muted">{hidden} suppressed</span>'
    failed = "".join(f"<li>{escape(f.message)}</li>" for f in view.failures)
    options = "".join(f'<option value="{escape(rule)}">{escape(rule)} ({n})</option>'
                      for rule, n in sorted(rule_counts.items()))
    checks = "".join(f'<label><input type="checkbox" class="sev-filter" value="{s}" checked> {s}</label>'
                     for s in SEVERITIES)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>litcheck scan report</title><style>{CSS}</style></head>
<body><header><h1>litcheck scan report</h1>
<div class="counts">{len(results)} document{"" if len(results) == 1 else "s"} · {counts}</div>
<div class="filters"><label>rule <select id="rule-filter"><option value="">all rules</option>{options}</select></label>
{checks}</div></header>
<main><div>{''.join(docs)}{f'<h2>Not scanned</h2><ul class="failures">{failed}</ul>' if failed else ''}</div>
<aside><div id="detail"><p class="muted">Select a highlighted sentence or a flag to see its rule, message and evidence.</p></div>
{''.join(lists)}</aside></main>
<footer class="muted" style="padding:0 20px 20px">litcheck {escape(__version__)}</footer>
<script type="application/json" id="flag-data">{_json_for_script(data)}</script>
<script>{SCRIPT}</script></body></html>
"""
