"""Synthetic benchmark corpus: templated news reports built from the packaged samples.

The packaged samples (``conflictwire/samples``) are the only source text.  Their body
paragraphs become a pool; each generated article takes the opening paragraphs of one
sample (so it leads with a real-looking event), tops up with paragraphs drawn from
the whole pool until it reaches a target length (about 700 words, spread 350-1,200),
and swaps town names, bylines, outlets and publication dates so no two documents
share a content hash and the gazetteer, timex and merge stages see varied input.

Document mix (by article): ~70% plain-text pages, ~10% HTML pages, ~20% articles
inside digest pages of 3-5 articles each.  The text is nonsense as journalism
(paragraphs of different stories side by side) but realistic as load: same
vocabulary, sentence lengths, trigger density and page chrome as the samples.
"""

from __future__ import annotations

import html
import json
import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from conflictwire.samples import sample_dir

TARGET_WORDS = 700
DIGEST_SHARE = 0.20
HTML_SHARE = 0.10

# Notes that name a sample as a sample (and page footers): never copied into generated text.
_NOTE = re.compile(r"editor's note|\bsample\b|©|do not cite|conflictwire", re.I)
# Towns of Iraq and Syria the gazetteer knows; a generated article swaps the
# sample's towns for others of the same country, consistently within the article.
# Capitals stay: "Baghdad said" names a government, not a place.
IRAQ_TOWNS = ["Mosul", "Kirkuk", "Tikrit", "Samarra", "Fallujah", "Ramadi", "Baqubah", "Erbil",
              "Duhok", "Sulaymaniyah", "Basra", "Najaf", "Karbala", "Kut", "Hit", "Haditha", "Al-Qaim",
              "Sinjar", "Tal Afar", "Baiji", "Khanaqin", "Jalawla", "Muqdadiyah", "Balad", "Abu Ghraib",
              "Tarmiyah", "Amerli", "Tuz Khurmatu", "Rutba"]
SYRIA_TOWNS = ["Al-Mayadeen", "Al-Bukamal", "Deir ez-Zor", "Raqqa", "Hasakah", "Qamishli", "Palmyra",
               "Homs", "Hama", "Idlib", "Aleppo", "Manbij", "Kobani", "Daraa", "Tabqa", "Shaddadi"]
FIRST_NAMES = ["Omar", "Layla", "Hussein", "Nour", "Dilan", "Megan", "Sara", "Karim", "Rania", "Ahmed",
               "Hana", "Yusuf", "Maya", "Tariq", "Zainab", "Daniel", "Aisha", "Samir", "Lina", "Bashir"]
LAST_NAMES = ["Farid", "Hassan", "Al-Rubaie", "Khalil", "Rourke", "Jaber", "Saleh", "Mansour", "Haddad",
              "Karim", "Aziz", "Nasser", "Obeidi", "Barzani", "Tamimi", "Fischer", "Qureshi", "Daoud"]
OUTLETS = ["Desert Ledger", "Tigris Tribune", "Levant Wire", "Northern Post", "Euphrates Daily",
           "Capital Beat", "Amman Chronicle", "Gulf Dispatch", "Kurdistan Courier", "Basra Observer"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
# Per-draw probabilities giving those article shares: a digest draw yields 4 articles
# on average, so d = s/(4 - 3s) of draws are digests and HTML draws scale by (1 + 3d).
P_DIGEST = DIGEST_SHARE / (4 - 3 * DIGEST_SHARE)
P_HTML = HTML_SHARE * (1 + 3 * P_DIGEST)
_TOWN_RE = re.compile(r"\b(" + "|".join(re.escape(t) for t in sorted(IRAQ_TOWNS + SYRIA_TOWNS, key=len,
                                                                     reverse=True)) + r")\b")


@dataclass
class Template:
    """One sample story: its headline and body paragraphs."""

    title: str
    paragraphs: list[str]


@dataclass
class CorpusStats:
    documents: int = 0
    articles: int = 0
    words: int = 0
    digests: int = 0
    html_pages: int = 0
    bytes: int = 0


def load_templates(folder: Path | None = None) -> list[Template]:
    """Headlines and body paragraphs of every single-story sample (txt, html, jsonl)."""
    folder = folder or sample_dir()
    templates: list[Template] = []
    for path in sorted(folder.iterdir()):
        if "digest" in path.name:
            continue
        if path.suffix == ".txt":
            templates.append(_txt_template(path.read_text(encoding="utf-8")))
        elif path.suffix == ".html":
            templates.append(_html_template(path.read_text(encoding="utf-8")))
        elif path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    record = json.loads(line)
                    templates.append(Template(record["title"], _body(record["text"].split("\n\n"))))
    return [t for t in templates if t.paragraphs]


def _body(paragraphs: list[str]) -> list[str]:
    # Editor's notes name the sample as a sample: never copy them into generated text.
    return [p.strip() for p in paragraphs if p.strip() and not _NOTE.search(p)]


def _txt_template(text: str) -> Template:
    blocks = text.strip().split("\n\n")
    head = blocks[0].splitlines()
    return Template(head[0].strip(), _body(blocks[1:]))


def _html_template(page: str) -> Template:
    title = html.unescape(re.search(r"<h1>(.*?)</h1>", page, re.S).group(1).strip())
    paragraphs = [html.unescape(re.sub(r"<[^>]+>", "", p)) for p in
                  re.findall(r"<p>(.*?)</p>", page, re.S)]
    return Template(title, _body([p for p in paragraphs if len(p.split()) > 12]))


class Generator:
    """Builds articles and documents from the templates with a seeded RNG (same seed, same corpus)."""

    def __init__(self, seed: int = 7, templates: list[Template] | None = None) -> None:
        self.rng = random.Random(seed)
        self.templates = templates or load_templates()
        self.pool = [p for t in self.templates for p in t.paragraphs]
        self.serial = 0

    # ----------------------------------------------------------------- one article

    def article(self) -> tuple[str, list[str], str, str, date]:
        """(title, paragraphs, author, outlet, published) of a fresh article."""
        self.serial += 1
        lead = self.rng.choice(self.templates)
        target = max(350, min(1200, int(self.rng.gauss(TARGET_WORDS, 200))))
        paragraphs = list(lead.paragraphs[: self.rng.randint(2, 4)])
        words = sum(len(p.split()) for p in paragraphs)
        while words < target:
            extra = self.rng.choice(self.pool)
            paragraphs.append(extra)
            words += len(extra.split())
        swaps: dict[str, str] = {}
        paragraphs = [self._swap_towns(p, swaps) for p in paragraphs]
        title = self._swap_towns(lead.title, swaps)
        author = f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"
        published = date(2019, 1, 1) + timedelta(days=self.rng.randrange(6 * 365))
        return title, paragraphs, author, self.rng.choice(OUTLETS), published

    def _swap_towns(self, text: str, swaps: dict[str, str]) -> str:
        def replace(match: re.Match[str]) -> str:
            town = match.group(0)
            if town not in swaps:
                towns = IRAQ_TOWNS if town in IRAQ_TOWNS else SYRIA_TOWNS
                swaps[town] = self.rng.choice(towns)
            return swaps[town]

        return _TOWN_RE.sub(replace, text)

    # ----------------------------------------------------------------- documents

    def text_page(self) -> str:
        title, paragraphs, author, outlet, published = self.article()
        day = f"{MONTHS[published.month - 1]} {published.day}, {published.year}"
        body = "\n\n".join(paragraphs)
        return f"{title}\nBy {author} | {outlet} | {day}\n\n{body}\n"

    def html_page(self) -> str:
        title, paragraphs, author, outlet, published = self.article()
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:60]
        url = f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{slug}-{self.serial}"
        e = html.escape
        paras = "\n".join(f"  <p>{e(p)}</p>" for p in paragraphs)
        return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{e(title)} | {e(outlet)}</title>
<meta name="author" content="{e(author)}">
<meta property="og:site_name" content="{e(outlet)}">
<meta property="og:title" content="{e(title)}">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published.isoformat()}T10:00:00+03:00">
</head>
<body>
<header class="site-header">
  <a class="logo" href="/">{e(outlet)}</a>
  <nav><ul><li><a href="/iraq">Iraq</a></li><li><a href="/syria">Syria</a></li><li><a href="/region">Region</a></li><li><a href="/opinion">Opinion</a></li></ul></nav>
  <div class="cookie-banner">We use cookies to understand how you use our site. <button>Accept</button></div>
</header>
<main>
<article>
  <h1>{e(title)}</h1>
  <p class="byline">By <span class="author">{e(author)}</span> | <time datetime="{published.isoformat()}">{MONTHS[published.month - 1]} {published.day}, {published.year}</time></p>
{paras}
</article>
<aside class="related"><h2>Related</h2><ul><li><a href="/iraq">More from Iraq</a></li></ul></aside>
</main>
<footer class="site-footer"><p><a href="/about">About</a> | <a href="/privacy">Privacy</a> | <a href="/contact">Contact</a></p><p>&copy; {published.year} {e(outlet)}.</p></footer>
</body>
</html>
"""

    def digest_page(self, n_articles: int) -> str:
        site = self.rng.choice(OUTLETS).upper()
        chrome = [site, "Menu", "News", "Iraq", "Syria", "Analysis", "Log in", "Subscribe",
                  "This site uses cookies. Read our cookie notice.", "Got it",
                  f"The {site.title()} digest: selected reports", "Selected reports from our partners, collected in one page.",
                  "Share on Facebook | Share on X | Copy link"]
        items = []
        for _ in range(n_articles):
            title, paragraphs, author, outlet, published = self.article()
            items.append("\n".join([title, f"By {author} | {outlet} | Last updated: {published:%Y/%m/%d}",
                                    *paragraphs, "Share on Facebook | Share on X | Copy link"]))
        return "\n".join(chrome) + "\n\n" + "\n\n".join(items) + "\n"


def generate(folder: Path, articles: int, seed: int = 7) -> CorpusStats:
    """Write a corpus of about ``articles`` articles to ``folder`` (one file per document)."""
    folder.mkdir(parents=True, exist_ok=True)
    gen = Generator(seed)
    stats = CorpusStats()
    while stats.articles < articles:
        roll = gen.rng.random()
        left = articles - stats.articles
        if roll < P_DIGEST and left >= 3:
            n = min(left, gen.rng.randint(3, 5))
            text, suffix, stats.digests = gen.digest_page(n), ".txt", stats.digests + 1
        elif roll < P_DIGEST + P_HTML:
            n, text, suffix = 1, gen.html_page(), ".html"
            stats.html_pages += 1
        else:
            n, text, suffix = 1, gen.text_page(), ".txt"
        stats.documents += 1
        stats.articles += n
        stats.bytes += len(text.encode("utf-8"))
        stats.words += len(re.sub(r"<[^>]+>", " ", text).split()) if suffix == ".html" else len(text.split())
        (folder / f"doc_{stats.documents:06d}{suffix}").write_text(text, encoding="utf-8")
    save_stats(folder, stats)
    return stats


def stats_file(folder: Path) -> Path:
    """Where a corpus's counts are kept: beside the folder, not in it (it would be ingested)."""
    return folder.parent / f"{folder.name}.stats.json"


def save_stats(folder: Path, stats: CorpusStats) -> None:
    stats_file(folder).write_text(json.dumps(vars(stats)), encoding="utf-8")


def load_stats(folder: Path) -> CorpusStats | None:
    """The counts saved for this corpus folder, or None for a folder no script wrote."""
    saved = stats_file(folder)
    return CorpusStats(**json.loads(saved.read_text(encoding="utf-8"))) if saved.is_file() else None


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.folder, args.articles, args.seed))
