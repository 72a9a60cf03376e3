"""Closed-loop HTTP load for bench-serve.sh: C clients (threads, one
keep-alive connection each) ask GET URL_PREFIX + quote(query) in turn for
SECONDS; prints "clients req/s p50_ms p99_ms errors".
usage: serve_load.py HOST PORT URL_PREFIX QUERIES_FILE CLIENTS SECONDS"""
import http.client
import sys
import threading
import time
import urllib.parse

host, port, prefix, qfile = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
clients, seconds = int(sys.argv[5]), float(sys.argv[6])
queries = [urllib.parse.quote(q.strip(), safe="") for q in open(qfile, encoding="utf-8") if q.strip()]
lat, errors = [], [0]
lock = threading.Lock()
stop = time.monotonic() + seconds


def client(k):
    conn = http.client.HTTPConnection(host, port, timeout=30)
    mine, i = [], k
    while time.monotonic() < stop:
        t0 = time.perf_counter()
        try:
            conn.request("GET", prefix + queries[i % len(queries)])
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                raise OSError(r.status)
            mine.append(time.perf_counter() - t0)
        except OSError:
            with lock:
                errors[0] += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=30)
        i += clients
    with lock:
        lat.extend(mine)


t0 = time.monotonic()
ts = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
for t in ts:
    t.start()
for t in ts:
    t.join()
lat.sort()
n = len(lat)
pct = lambda p: lat[min(n - 1, int(n * p))] * 1e3 if n else float("nan")
print("%d clients: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors"
      % (clients, n / (time.monotonic() - t0), pct(0.50), pct(0.99), errors[0]))
