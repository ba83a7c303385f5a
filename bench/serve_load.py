#!/usr/bin/env python3
"""Load on `warta serve`: C concurrent clients (threads with keep-alive connections) for
D seconds on a mix of page and API requests; prints requests/s, errors, p50/p99 per
kind and overall, the server's memory before the load and then every second under it
(RSS and how much of it is anonymous memory rather than mapped index files; by thirds
of the run, and the peak), the server's thread count, and the
server's CPU time per request (user + system over the run: less noisy than latency on
a shared machine, since it does not count the time a request waits).

With --unique, no search, timeline or entities query repeats: each is `(BASE) OR WORD`,
a base query or a word of the corpus's own vocabulary (drawn from the titles and
snippets of the first hits), never sent before, so the server's answer cache cannot
help and each query matches at least what its base query matches.

    bench/serve_load.py URL PID [--clients 64] [--seconds 30] [--queries FILE] [--unique]
"""
import argparse, http.client, os, random, statistics, sys, threading, time, urllib.parse

ap = argparse.ArgumentParser()
ap.add_argument("url")
ap.add_argument("pid", type=int)
ap.add_argument("--clients", type=int, default=64)
ap.add_argument("--seconds", type=float, default=30)
ap.add_argument("--queries", default=None)
ap.add_argument("--skip", default="", help="comma-separated kinds left out of the mix")
ap.add_argument("--unique", action="store_true", help="no query is sent twice")
args = ap.parse_args()

u = urllib.parse.urlsplit(args.url)
host, port = u.hostname, u.port
words = ["korea", "putin", "jokowi", "banjir", "gempa", "harga beras", "vaksin",
         "\"korea utara\"", "prabowo", "inflasi", "pemilu", "rupiah", "jakarta",
         "timnas", "kpk", "covid", "anies", "listrik", "sekolah", "presiden"]
if args.queries:
    words = [l.strip() for l in open(args.queries, encoding="utf-8") if l.strip()][:200]

def q(s):
    return urllib.parse.quote(s)

def fetch_ids():
    c = http.client.HTTPConnection(host, port, timeout=30)
    ids, vocab = [], set()
    import json, re
    for i, w in enumerate(words):
        c.request("GET", "/api/search?limit=100&q=" + q(w))
        r = c.getresponse(); body = r.read()
        if r.status == 200:
            hits = json.loads(body)["hits"]
            if i < 10:
                ids += [h["id"] for h in hits[:20]]
            for h in hits:
                vocab.update(x for x in re.findall(r"\w+", (h.get("title") or "") + " " + (h.get("snippet") or ""))
                             if len(x) > 3 and not x.isdigit())
    return ids or ["0"], sorted(x.lower() for x in vocab)

ids, vocab = fetch_ids()
sent = set()
sent_lock = threading.Lock()

def query():
    """A search query: a base word, or with --unique a base word and a corpus word
    never sent before."""
    if not args.unique:
        return random.choice(words)
    with sent_lock:
        while True:
            # OR: at least the base word's matches, so no cheaper than the base query.
            s = "(" + random.choice(words) + ") OR " + random.choice(vocab)
            if s not in sent:
                sent.add(s)
                return s
# kind -> (weight, path maker)
mix = [
    ("page_search", 4, lambda: "/?q=" + q(query())),
    ("api_search", 3, lambda: "/api/search?q=" + q(query())),
    ("page_article", 2, lambda: "/article/" + random.choice(ids)),
    ("api_article", 1, lambda: "/api/article/" + random.choice(ids)),
    ("api_timeline", 1, lambda: "/api/timeline?by=year&q=" + q(query())),
    ("api_entities", 1, lambda: "/api/entities?top=10&q=" + q(query())),
]
mix = [m for m in mix if m[0] not in args.skip.split(",")]
kinds = [k for k, w, _ in mix for _ in range(w)]
makers = {k: m for k, _, m in mix}
lat = {k: [] for k, _, _ in mix}
errors = []
stop = time.monotonic() + args.seconds
lock = threading.Lock()

def client(seed):
    rnd = random.Random(seed)
    c = http.client.HTTPConnection(host, port, timeout=30)
    mine = {k: [] for k in lat}
    errs = []
    while time.monotonic() < stop:
        kind = rnd.choice(kinds)
        path = makers[kind]()
        t0 = time.perf_counter()
        try:
            c.request("GET", path)
            r = c.getresponse(); r.read()
            if r.status != 200:
                errs.append((r.status, path))
        except Exception as e:
            errs.append((str(e), path))
            c = http.client.HTTPConnection(host, port, timeout=30)
            continue
        mine[kind].append(time.perf_counter() - t0)
    with lock:
        for k, v in mine.items():
            lat[k] += v
        errors.extend(errs)

def rss_kb(field):
    for line in open(f"/proc/{args.pid}/status"):
        if line.startswith(field):
            return int(line.split()[1])
    return 0

def cpu_seconds():
    # utime and stime, fields 14 and 15 of /proc/PID/stat, in clock ticks.
    fields = open(f"/proc/{args.pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

# The memory before the load, then a sample each second under it (the first one
# second in): flat means the samples under load do not rise.
idle_rss, idle_anon = rss_kb("VmRSS:"), rss_kb("RssAnon:")
samples, anon, nthreads = [], [], []
cpu_start = cpu_seconds()
threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
t_start = time.monotonic()
for t in threads: t.start()
while True:
    time.sleep(1)
    if not any(t.is_alive() for t in threads):
        break
    samples.append(rss_kb("VmRSS:"))
    anon.append(rss_kb("RssAnon:"))
    nthreads.append(rss_kb("Threads:"))
for t in threads: t.join()
cpu = cpu_seconds() - cpu_start
elapsed = time.monotonic() - t_start

def pct(v, p):
    v = sorted(v)
    return v[min(len(v) - 1, int(p * len(v)))] * 1000 if v else float("nan")

total = sum(len(v) for v in lat.values())
print(f"clients {args.clients}, {elapsed:.1f} s, {total} requests, {total/elapsed:.0f} req/s, {len(errors)} errors")
print(f"server CPU {cpu:.1f} s, {1000 * cpu / max(total, 1):.2f} ms per request")
for k, v in lat.items():
    print(f"  {k:<13} n={len(v):>6}  p50 {pct(v, .5):7.1f} ms  p99 {pct(v, .99):7.1f} ms")
allv = [x for v in lat.values() for x in v]
print(f"  {'all':<13} n={len(allv):>6}  p50 {pct(allv, .5):7.1f} ms  p99 {pct(allv, .99):7.1f} ms")
print("RSS samples (MB):", " ".join(str(s // 1024) for s in samples))
print("anonymous (MB):  ", " ".join(str(s // 1024) for s in anon))
print("threads:         ", " ".join(str(s) for s in nthreads))
def thirds(v):
    n = max(1, len(v) // 3)
    return "/".join(f"{statistics.mean(p)/1024:.0f}" for p in (v[:n], v[n:-n] or v[:n], v[-n:]))
print(f"server before the load: RSS {idle_rss/1024:.0f} MB, anonymous {idle_anon/1024:.0f} MB")
print(f"server RSS by thirds {thirds(samples)} MB, peak {max(samples)/1024:.0f} MB, VmHWM {rss_kb('VmHWM:')/1024:.0f} MB; "
      f"anonymous by thirds {thirds(anon)} MB, peak {max(anon)/1024:.0f} MB")
if args.unique:
    print(f"unique queries sent: {len(sent)} (vocabulary {len(vocab)} words)")
for e in errors[:5]:
    print("  error:", e, file=sys.stderr)
sys.exit(1 if errors else 0)
