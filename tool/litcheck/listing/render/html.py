"""HTML: one self-contained page (inline CSS and JS, no network requests) with a filter box and a
copy-as-BibTeX button per entry.

Every value from the library or the notes is HTML-escaped (a title with `<script>` shows as
text); the formatted references come from `litcheck.listing.styles.render_inlines`, which escapes each
text run and only links http(s)/ftp/mailto targets. A Content-Security-Policy forbids loading
anything from the network, so the page works offline and cannot leak who opened it.
"""

from __future__ import annotations

import re
from html import escape

from litcheck.library.entry import released
from litcheck.listing import display
from litcheck.listing.render.bib import entry_bibtex
from litcheck.listing.render.common import format_all, style_title
from litcheck.listing.render.summaries import summary_html, summary_plain

FORMAT = "html"
STYLED = True  # entries are formatted in a citation style
DOCUMENT = True  # a document people read: sections by topic unless asked otherwise

CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"

CSS = """
body{font:16px/1.5 Georgia,'Times New Roman',serif;max-width:50rem;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
h1{font-size:1.6rem;margin-bottom:.3rem}h2{font-size:1.25rem;border-bottom:1px solid #ccc;margin-top:2rem}
.meta,.tools,.count{font:14px/1.4 system-ui,sans-serif;color:#555}
.tools{position:sticky;top:0;background:#fff;padding:.5rem 0;border-bottom:1px solid #eee}
#filter{font:inherit;width:60%;padding:.3rem .5rem}
ol.entries{list-style:none;padding:0}
li.entry{margin:0 0 1.1rem;padding-left:1.5rem;text-indent:-1.5rem}
li.entry>*{text-indent:0}
.summary{margin:.3rem 0 .2rem}
.unverified{color:#a11;font-weight:bold}
.state-confirmed{color:#1a6b2a}.state-partly{color:#8a5a00}.state-unconfirmed{color:#a11}
button.copy{font:12px system-ui,sans-serif;margin-left:.5rem;cursor:pointer}
pre.bibtex{display:none}
.hidden{display:none}
"""

JS = """
(function(){
  var box=document.getElementById('filter'), count=document.getElementById('count');
  var entries=[].slice.call(document.querySelectorAll('li.entry'));
  function apply(){
    var words=box.value.toLowerCase().split(/\\s+/).filter(Boolean), shown={};
    entries.forEach(function(li){
      var text=li.getAttribute('data-search');
      var ok=words.every(function(w){return text.indexOf(w)>=0;});
      li.classList.toggle('hidden',!ok);
      if(ok){shown[li.getAttribute('data-key')]=1;}
    });
    [].forEach.call(document.querySelectorAll('section.group'),function(s){
      s.classList.toggle('hidden',!s.querySelector('li.entry:not(.hidden)')&&words.length>0);
    });
    count.textContent=Object.keys(shown).length+' shown';
  }
  box.addEventListener('input',apply);
  document.addEventListener('click',function(ev){
    var b=ev.target.closest('button.copy'); if(!b){return;}
    var text=b.parentNode.querySelector('pre.bibtex').textContent;
    function done(){b.textContent='Copied';setTimeout(function(){b.textContent='Copy BibTeX';},1500);}
    function fallback(){var t=document.createElement('textarea');t.value=text;document.body.appendChild(t);t.select();
      try{document.execCommand('copy');done();}catch(e){}document.body.removeChild(t);}
    if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(text).then(done,fallback);}else{fallback();}
  });
  apply();
})();
"""



def _paragraphs(text: str) -> str:
    """Commentary/introduction (Markdown we wrote) as escaped paragraphs; no markup is interpreted."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text or "") if p.strip()]
    return "".join(f"<p>{escape(' '.join(p.split()))}</p>" for p in parts)


def render(reading, library, options) -> str:
    style = options.style
    entries = reading.entries()
    formatted = format_all(entries, style, ("html", "plain"), cite=False)
    style_name = style_title(style)
    out = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           f'<meta http-equiv="Content-Security-Policy" content="{CSP}">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{escape(reading.title)}</title>", f"<style>{CSS}</style>", "</head>", "<body>",
           f"<h1>{escape(reading.title)}</h1>"]
    if reading.introduction:
        out.append(f'<div class="intro">{_paragraphs(reading.introduction)}</div>')
    out.append(f'<p class="meta">{len(entries)} works; references formatted in {escape(style_name)}.</p>')
    out.append('<div class="tools"><label>Filter: <input id="filter" type="search" '
               'placeholder="words in the reference, note, topic or key" autocomplete="off"></label> '
               '<span id="count" class="count"></span></div>')
    for section in reading.sections:
        out.append('<section class="group">')
        if section.heading:
            out.append(f"<h2>{escape(section.heading)}</h2>")
        if section.commentary:
            out.append(f'<div class="commentary">{_paragraphs(section.commentary)}</div>')
        out.append('<ol class="entries">')
        for entry in released(section.entries):
            fmt = formatted[entry.key]
            note = summary_plain(library, entry.key)
            state = entry.status or "not recorded"
            title = display.of(entry).title  # decoded once, stored for an indexed file's entries
            search = " ".join([fmt.reference["plain"], title, note, entry.key, state, entry.kind,
                               " ".join(entry.keywords)]).lower()
            ref_html = fmt.reference["html"] or escape(title)
            out.append(f'<li class="entry" id="{escape(entry.key)}" data-key="{escape(entry.key)}" '
                       f'data-search="{escape(search, quote=True)}">')
            out.append(f'<div class="reference">{ref_html}</div>')
            if note:
                out.append(f'<p class="summary">{summary_html(library, entry.key)}</p>')
            topics = ", ".join(entry.keywords)
            out.append(f'<div class="meta"><span class="state-{escape(state.replace(" ", "-"))}">'
                       f'Verification: {escape(state)}</span>'
                       + (f" · {escape(entry.kind)}" if entry.kind else "")
                       + (f" · {escape(topics)}" if topics else "")
                       + f" · <code>{escape(entry.key)}</code>"
                       + '<button class="copy" type="button">Copy BibTeX</button>'
                       + f'<pre class="bibtex">{escape(entry_bibtex(entry))}</pre></div>')
            out.append("</li>")
        out.append("</ol>")
        if not section.entries:
            out.append(f'<p class="meta">{escape(section.empty_message())}</p>')
        out.append("</section>")
    out += [f"<script>{JS}</script>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
