#!/usr/bin/env python3
"""Crawl two running copies of the Buurtplatform site in lock-step and compare every public answer.

    python3 scripts/compare-pages.py BASE_A BASE_B OUTDIR [--max 600] [--extra URL ...] [--extra-file FILE]
                     [--langs en,ar,tr,pl,uk] [--variants 3] [--diff-lines 40]

BASE_A is the reference ("before"), BASE_B the candidate ("after"). Every URL is fetched from A and then
from B, sequentially, in the same order. Links are read from both answers (a[href], link rel=alternate,
iframe[src], any href to an .ics feed) and followed breadth-first, staying on the site and off /backoffice,
/account, /taal/ and form actions; at most --variants query strings per path. Every path found is also
visited under each language prefix (/en/..., /ar/...). /embed/{gemeente}/{wijk} and .../poster pages are
added for each wijk and meeting place seen.

Normalised before comparing (per-process values, never content):
  * __RequestVerificationToken values, Input.Stamp (time trap) values, nonce="..." attributes;
  * agenda-link-NNN ids (string.GetHashCode of the feed path, randomised per .NET process);
  * ?v= fingerprints of a static file, only when that file's bytes differ between A and B (reported);
  * DTSTAMP lines in .ics feeds, only when the stamp is within 2 hours of the crawl ("now").
Output: OUTDIR/a/NNNN.body, OUTDIR/b/NNNN.body, OUTDIR/urls.tsv, OUTDIR/diffs/NNNN.diff, OUTDIR/summary.txt
"""
import argparse, datetime, difflib, hashlib, html.parser, json, os, re, sys, time
import urllib.error, urllib.parse, urllib.request

LANGS_DEFAULT = "en,ar,tr,pl,uk"
SKIP_PREFIXES = ("/backoffice", "/account", "/taal/", "/taal", "/signin", "/login", "/logout")
STATIC_EXT = (".css", ".js", ".svg", ".png", ".jpg", ".jpeg", ".webp", ".gif", ".ico", ".woff", ".woff2",
              ".webmanifest", ".pdf", ".avif")


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


OPENER = urllib.request.build_opener(NoRedirect)


EXTRA_HEADERS = {}


def fetch(url, headers=None, timeout=60):
    req = urllib.request.Request(url, headers=dict(EXTRA_HEADERS, **(headers or {})))
    req.add_header("User-Agent", "compare-pages/1.0")
    t0 = time.time()
    try:
        with OPENER.open(req, timeout=timeout) as r:
            return r.status, dict(r.headers.items()), r.read(), time.time() - t0
    except urllib.error.HTTPError as e:
        body = e.read() if e.fp else b""
        return e.code, dict(e.headers.items()) if e.headers else {}, body, time.time() - t0
    except Exception as e:  # connection refused, timeout
        return 0, {}, ("ERROR " + repr(e)).encode(), time.time() - t0


class LinkParser(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "link" and a.get("href") and ("alternate" in (a.get("rel") or "").split()):
            self.links.append(a["href"])
        elif tag in ("iframe",) and a.get("src"):
            self.links.append(a["src"])
        elif a.get("href", "").split("?")[0].endswith(".ics"):
            self.links.append(a["href"])


def links_of(body, ctype):
    if "html" not in ctype:
        return []
    p = LinkParser()
    try:
        p.feed(body.decode("utf-8", "replace"))
    except Exception:
        pass
    # also the text of embed snippets (<iframe src=...> shown as code)
    text = body.decode("utf-8", "replace")
    for m in re.finditer(r'(?:src|href)=(?:&quot;|")([^"&]+)(?:&quot;|")', text):
        if "/embed/" in m.group(1):
            p.links.append(m.group(1))
    return p.links


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base_a")
    ap.add_argument("base_b")
    ap.add_argument("outdir")
    ap.add_argument("--max", type=int, default=600)
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--extra-file")
    ap.add_argument("--seeds", default="/,/agenda,/zoeken,/privacy")
    ap.add_argument("--langs", default=LANGS_DEFAULT)
    ap.add_argument("--variants", type=int, default=3)
    ap.add_argument("--diff-lines", type=int, default=40)
    ap.add_argument("--public-base", action="append", default=[],
                    help="other origins that count as this site (e.g. Site:PublicBaseUrl)")
    ap.add_argument("--header", action="append", default=[],
                    help="'Name: value' sent with every request (e.g. X-Forwarded-Proto: https behind a trusted proxy)")
    args = ap.parse_args()
    for h in args.header:
        k, v = h.split(":", 1)
        EXTRA_HEADERS[k.strip()] = v.strip()

    base_a, base_b = args.base_a.rstrip("/"), args.base_b.rstrip("/")
    out = args.outdir
    for d in ("a", "b", "diffs"):
        os.makedirs(os.path.join(out, d), exist_ok=True)
    langs = [l for l in args.langs.split(",") if l]
    same_site = {urllib.parse.urlsplit(b).netloc for b in [base_a, base_b] + args.public_base}

    extras = list(args.extra)
    if args.extra_file:
        with open(args.extra_file) as f:
            extras += [l.strip() for l in f if l.strip() and not l.startswith("#")]

    import heapq
    heap, seen, per_path, per_activity_dates = [], set(), {}, {}
    queue = []  # fetched order
    counter = [0]
    date_ics = re.compile(r"^(.*)/\d{4}-\d{2}-\d{2}\.ics$")

    def strip_lang(path):
        for l in langs:
            if path == "/" + l or path.startswith("/" + l + "/"):
                return path[len(l) + 1:] or "/"
        return path

    def priority(path):
        # 0: Dutch pages and the extras; 1: other languages' pages and the feeds; 2: one-date .ics files
        if date_ics.match(path):
            return 2
        if path.endswith(".ics") or strip_lang(path) != path:
            return 1
        return 0

    def add(u, lang_variants=True, prio=None):
        if u.startswith("webcal://"):
            u = "http://" + u[len("webcal://"):]
        s = urllib.parse.urlsplit(u)
        if s.scheme not in ("", "http", "https") or (s.netloc and s.netloc not in same_site):
            return
        path = s.path or "/"
        if any(path == p.rstrip("/") or path.startswith(p if p.endswith("/") else p + "/") for p in SKIP_PREFIXES):
            return
        if path.startswith("/umbraco/") and u not in extras:
            return
        if path.lower().endswith(STATIC_EXT) or path.startswith(("/media/", "/css/", "/js/", "/lib/", "/img/", "/icons/")):
            return
        rel = path + ("?" + s.query if s.query else "")
        if rel in seen:
            return
        if s.query:
            n = per_path.get(path, 0)
            if n >= args.variants and u not in extras:
                return
            per_path[path] = n + 1
        m = date_ics.match(strip_lang(path))
        if m:  # a single date's .ics: at most 2 per activity (per language)
            k = (path[:len(path) - len(strip_lang(path))], m.group(1))
            if per_activity_dates.get(k, 0) >= 2:
                return
            per_activity_dates[k] = per_activity_dates.get(k, 0) + 1
        seen.add(rel)
        counter[0] += 1
        heapq.heappush(heap, (priority(path) if prio is None else prio, counter[0], rel))
        if lang_variants:
            bare = strip_lang(path)
            q = ("?" + s.query) if s.query else ""
            for cand in [bare] + ["/" + l + (bare if bare != "/" else "") for l in langs]:
                add(cand + q, lang_variants=False)
            # posters and embeds of wijken and meeting places
            parts = [p for p in bare.split("/") if p]
            if bare.endswith(".ics"):
                parts = []
            if len(parts) == 2 and not bare.startswith(("/embed", "/api", "/agenda", "/zoeken")):
                add("/embed" + bare, lang_variants=True)
                add(bare + "/poster", lang_variants=True)
            if len(parts) == 4 and parts[2] == "ontmoetingsplekken":
                add(bare + "/poster", lang_variants=True)
                add("/embed/%s/%s/%s" % (parts[0], parts[1], parts[3]), lang_variants=True)

    for s in args.seeds.split(","):
        add(s)
    for e in extras:
        add(e, lang_variants=False, prio=0)

    rows, results = [], []
    crawl_start = datetime.datetime.now(datetime.timezone.utc)
    i = 0
    while heap and i < args.max:
        rel = heapq.heappop(heap)[2]
        queue.append(rel)
        ra = fetch(base_a + rel)
        rb = fetch(base_b + rel)
        results.append((rel, ra, rb))
        for r in (ra, rb):
            ct = r[1].get("Content-Type", "")
            for l in links_of(r[2], ct):
                add(urllib.parse.urljoin(rel, l.split("#")[0]))
            if r[0] in (301, 302, 303, 307, 308) and r[1].get("Location"):
                add(urllib.parse.urljoin(rel, r[1]["Location"]))
        i += 1
        if i % 50 == 0:
            print("  fetched %d (%d waiting)" % (i, len(heap)), file=sys.stderr, flush=True)
    not_fetched = sorted(h[2] for h in heap)
    with open(os.path.join(out, "not-fetched.txt"), "w") as f:
        f.write("\n".join(not_fetched) + "\n")

    # static files referenced with ?v=: compare bytes to decide whether fingerprints may differ
    fp_re = re.compile(r'((?:src|href)="([^"?]+)\?v=)([^"&]+)')
    assets = set()
    for rel, ra, rb in results:
        for r in (ra, rb):
            if "html" in r[1].get("Content-Type", ""):
                for m in fp_re.finditer(r[2].decode("utf-8", "replace")):
                    assets.add(m.group(2))
    asset_differs = {}
    for a in sorted(assets):
        pa = urllib.parse.urljoin(base_a + "/", a.lstrip("/")) if not a.startswith("http") else a
        pb = urllib.parse.urljoin(base_b + "/", a.lstrip("/")) if not a.startswith("http") else a
        fa, fb = fetch(pa), fetch(pb)
        asset_differs[a] = (fa[0], fb[0], hashlib.sha256(fa[2]).hexdigest()[:12], hashlib.sha256(fb[2]).hexdigest()[:12])

    host_a, host_b = urllib.parse.urlsplit(base_a).netloc, urllib.parse.urlsplit(base_b).netloc

    def near_now(v):
        try:
            d = datetime.datetime.strptime(v, "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
            return abs((d - crawl_start).total_seconds()) < 7200
        except ValueError:
            return False

    def normalise(rel, ctype, body, used=None):
        t = body.decode("utf-8", "replace")
        used = used if used is not None else set()

        def sub(name, pattern, repl, text, **kw):
            new = re.sub(pattern, repl, text, **kw)
            if new != text:
                used.add(name)
            return new
        t = sub("antiforgery", r'(name="__RequestVerificationToken"[^>]*?value=")[^"]*', r"\1TOKEN", t)
        t = sub("antiforgery", r'(value=")[^"]*("[^>]*name="__RequestVerificationToken")', r"\1TOKEN\2", t)
        t = sub("time-trap", r'(name="Input\.Stamp"[^>]*?value=")[^"]*', r"\1STAMP", t)
        t = sub("time-trap", r'(value=")[^"]*("[^>]*name="Input\.Stamp")', r"\1STAMP\2", t)
        t = sub("csp-nonce", r'nonce="[^"]*"', 'nonce="NONCE"', t)
        # _Subscribe.cshtml: id = "agenda-link-" + Math.Abs(FeedPath.GetHashCode()), randomised per process
        t = sub("agenda-link-hash", r'agenda-link-\d+', 'agenda-link-HASH', t)
        # the requested host (OpenAPI servers[].url): each instance listens on its own port
        if host_b != host_a:
            t = sub("request-host", re.escape(host_b), host_a, t)

        def fp(m):
            a = m.group(2)
            st = asset_differs.get(a)
            if st and st[2] != st[3]:
                return m.group(1) + "FINGERPRINT"
            return m.group(0)
        new = fp_re.sub(fp, t)
        if new != t:
            used.add("fingerprint")
        t = new
        if "calendar" in ctype or rel.split("?")[0].endswith(".ics"):
            # DTSTAMP / LAST-MODIFIED that are 'now' (within 2 h of the crawl): the import time of this data folder
            t = sub("ics-now-stamp", r"(DTSTAMP|LAST-MODIFIED):(\d{8}T\d{6}Z)",
                    lambda m: m.group(1) + ":NOW" if near_now(m.group(2)) else m.group(0), t)
        return t

    def without_cultures(text):
        def strip(o):
            if isinstance(o, dict):
                return {k: strip(v) for k, v in o.items() if k != "cultures"}
            if isinstance(o, list):
                return [strip(v) for v in o]
            return o
        try:
            return json.dumps(strip(json.loads(text)), sort_keys=False)
        except ValueError:
            return None

    def lines_for_diff(ctype, t):
        if "json" in ctype:
            try:
                return json.dumps(json.loads(t), indent=1, ensure_ascii=False).splitlines()
            except ValueError:
                pass
        if "html" in ctype or "xml" in ctype:
            t = re.sub(r">\s*<", ">\n<", t)
        return [l.rstrip() for l in t.splitlines()]

    identical, raw_identical, differing = 0, 0, []
    norm_counts = {}
    with open(os.path.join(out, "urls.tsv"), "w") as f:
        f.write("n\turl\tstatus_a\tstatus_b\tctype_a\tctype_b\tlen_a\tlen_b\tsame_raw\tsame_normalised\tsec_a\tsec_b\n")
        for n, (rel, ra, rb) in enumerate(results):
            cta, ctb = ra[1].get("Content-Type", ""), rb[1].get("Content-Type", "")
            for side, r in (("a", ra), ("b", rb)):
                with open(os.path.join(out, side, "%04d.body" % n), "wb") as g:
                    g.write(r[2])
                with open(os.path.join(out, side, "%04d.meta" % n), "w") as g:
                    g.write("%s %s\n%s\n" % (r[0], rel, json.dumps(r[1], indent=1)))
            same_raw = ra[0] == rb[0] and cta == ctb and ra[2] == rb[2]
            used_a, used_b = set(), set()
            na, nb = normalise(rel, cta, ra[2], used_a), normalise(rel, ctb, rb[2], used_b)
            loc_a, loc_b = ra[1].get("Location", ""), rb[1].get("Location", "")
            same = ra[0] == rb[0] and cta == ctb and na == nb and loc_a == loc_b
            raw_identical += same_raw
            if same and not same_raw:
                for k in used_a | used_b:
                    norm_counts[k] = norm_counts.get(k, 0) + 1
            identical += same
            f.write("%d\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%.2f\t%.2f\n" % (
                n, rel, ra[0], rb[0], cta, ctb, len(ra[2]), len(rb[2]), same_raw, same, ra[3], rb[3]))
            if not same:
                head = []
                if ra[0] != rb[0]:
                    head.append("status: %s -> %s" % (ra[0], rb[0]))
                if cta != ctb:
                    head.append("content-type: %s -> %s" % (cta, ctb))
                if loc_a != loc_b:
                    head.append("location: %s -> %s" % (loc_a, loc_b))
                if "json" in cta and ra[0] == rb[0] and na != nb:
                    ca, cb = without_cultures(na), without_cultures(nb)
                    if ca is not None and ca == cb:
                        head.append("JSON equal but for 'cultures'")
                d = list(difflib.unified_diff(lines_for_diff(cta, na), lines_for_diff(ctb, nb),
                                              "before" + rel, "after" + rel, n=1, lineterm=""))
                with open(os.path.join(out, "diffs", "%04d.diff" % n), "w") as g:
                    g.write("\n".join(head + d) + "\n")
                differing.append((n, rel, head, d))

    s = []
    s.append("A=%s B=%s crawled %s" % (base_a, base_b, crawl_start.isoformat()))
    s.append("URLs: %d  identical (normalised): %d  byte-identical: %d  differing: %d" % (
        len(results), identical, raw_identical, len(differing)))
    s.append("normalisations that made a raw difference equal (URLs): " + (", ".join(
        "%s: %d" % kv for kv in sorted(norm_counts.items())) or "none"))
    s.append("discovered but not fetched (cap %d): %d, see not-fetched.txt" % (args.max, len(not_fetched)))
    st = {}
    for rel, ra, rb in results:
        st[(ra[0], rb[0])] = st.get((ra[0], rb[0]), 0) + 1
    s.append("status pairs (A,B): " + ", ".join("%s->%s: %d" % (k[0], k[1], v) for k, v in sorted(st.items())))
    same_assets = [a for a, v in asset_differs.items() if v[2] == v[3] and v[0] == v[1]]
    diff_assets = [a for a in asset_differs if a not in same_assets]
    s.append("static files with ?v=: %d with equal bytes and status on both (%s), %d differing%s" % (
        len(same_assets), ", ".join("%s %s" % (a, asset_differs[a][0]) for a in sorted(same_assets) if not re.match(r"^/(en|ar|tr|pl|uk)/", a)),
        len(diff_assets), "".join("\n    DIFFERS %s: %s %s / %s %s" % ((a,) + asset_differs[a]) for a in sorted(diff_assets))))
    s.append("")
    for n, rel, head, d in differing:
        changed = sum(1 for l in d if l[:1] in "+-" and not l.startswith(("+++", "---")))
        s.append("=== %04d %s  (%d changed lines) %s" % (n, rel, changed, "; ".join(head)))
        for l in d[2:2 + args.diff_lines]:
            s.append("    " + l[:300])
        if len(d) > 2 + args.diff_lines:
            s.append("    ... (%d more diff lines in diffs/%04d.diff)" % (len(d) - 2 - args.diff_lines, n))
    text = "\n".join(s) + "\n"
    with open(os.path.join(out, "summary.txt"), "w") as f:
        f.write(text)
    print("\n".join(s[:7]))
    print("differing URLs (%d):" % len(differing))
    for n, rel, head, d in differing:
        changed = sum(1 for l in d if l[:1] in "+-" and not l.startswith(("+++", "---")))
        print("  %04d %-70s %4d lines %s" % (n, rel, changed, "; ".join(head)))
    print("full diffs: %s/summary.txt and %s/diffs/" % (out, out))


if __name__ == "__main__":
    main()
