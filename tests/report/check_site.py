#!/usr/bin/python3
"""check_site.py - check a polidex report by walking its files.

    check_site.py DIR ALLOWED_URLS_FILE VERSION

For every HTML file: every local link (href, src) resolves to a file of
the report; no attribute holds an http(s) URL but an <a href> to one of
the documents' source URLs (ALLOWED_URLS_FILE, one a line); nothing is
loaded from elsewhere (no src, no @import, no url() to a network); the
headings go in order from one h1; every table has header cells with a
scope; every SVG chart has a text equivalent; each page names the as-of
date and polidex VERSION. Every file is at most 2 MB. Prints one line per
problem, then "pages N links N external N largest N problems N".
"""
import html.parser
import os
import re
import sys
import urllib.parse

MAX_BYTES = 2 * 1000 * 1000


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []  # (tag, attr, value)
        self.headings = []
        self.tables = 0
        self.th_scoped = 0
        self.th_in_tables = 0
        self.svgs = 0
        self.svgs_labelled = 0
        self.stack = []
        self.in_style = False
        self.style = []
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            if v is not None and k in ("href", "src", "action", "formaction", "poster", "data", "srcset", "xlink:href"):
                self.links.append((tag, k, v))
            elif v is not None and re.search(r"https?://", v) and k not in ("content",):
                self.links.append((tag, k, v))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if tag == "table":
            self.tables += 1
        if tag == "th":
            self.th_in_tables += 1
            if a.get("scope") in ("col", "row", "colgroup", "rowgroup"):
                self.th_scoped += 1
        if tag == "svg":
            self.svgs += 1
            if a.get("role") == "img" and (a.get("aria-label") or a.get("aria-labelledby")):
                self.svgs_labelled += 1
        if tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style.append(data)
        else:
            self.text.append(data)


def main():
    top, allowed_file, version = sys.argv[1], sys.argv[2], sys.argv[3]
    allowed = {l.strip() for l in open(allowed_file, encoding="utf-8") if l.strip()}
    problems = []
    pages = links = external = largest = 0
    for root, _, files in os.walk(top):
        for name in files:
            path = os.path.join(root, name)
            size = os.path.getsize(path)
            largest = max(largest, size)
            if size > MAX_BYTES:
                problems.append(f"{path}: {size} bytes, over 2 MB")
            if name.endswith(".css"):
                css = open(path, encoding="utf-8").read()
                if re.search(r"@import|url\(", css):
                    problems.append(f"{path}: the stylesheet loads something")
            if not name.endswith(".html"):
                continue
            pages += 1
            raw = open(path, encoding="utf-8").read()
            p = Page()
            p.feed(raw)
            p.close()
            for tag, attr, value in p.links:
                links += 1
                if re.match(r"(?i)\s*(https?:)?//", value):
                    external += 1
                    if not (tag == "a" and attr == "href" and value in allowed):
                        problems.append(f"{path}: <{tag} {attr}> to the network: {value}")
                    continue
                if re.match(r"(?i)\s*[a-z][a-z0-9+.-]*:", value):
                    problems.append(f"{path}: <{tag} {attr}> with a scheme: {value}")
                    continue
                target = urllib.parse.unquote(value.split("#", 1)[0])
                if not target:
                    continue
                dest = os.path.normpath(os.path.join(os.path.dirname(path), target))
                if not os.path.isfile(dest):
                    problems.append(f"{path}: broken link {value}")
                elif not os.path.abspath(dest).startswith(os.path.abspath(top) + os.sep):
                    problems.append(f"{path}: link out of the report {value}")
            if re.search(r"https?://", "".join(p.style)) or re.search(r"@import|url\(", "".join(p.style)):
                problems.append(f"{path}: a style loads something")
            h = p.headings
            if not h or h[0] != 1 or h.count(1) != 1:
                problems.append(f"{path}: headings {h[:8]}: not one h1 first")
            for a, b in zip(h, h[1:]):
                if b > a + 1:
                    problems.append(f"{path}: heading h{a} then h{b}")
                    break
            if p.th_in_tables != p.th_scoped:
                problems.append(f"{path}: {p.th_in_tables - p.th_scoped} th without scope")
            if p.svgs != p.svgs_labelled:
                problems.append(f"{path}: {p.svgs - p.svgs_labelled} svg without a text equivalent")
            text = " ".join(p.text)
            if "polidex " + version not in text or "Data as of" not in text:
                problems.append(f"{path}: no as-of date and version in the footer")
    for pr in problems[:50]:
        print(pr)
    print(f"pages {pages} links {links} external {external} largest {largest} problems {len(problems)}")


main()
