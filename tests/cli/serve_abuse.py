"""Hostile clients for the tumac serve tests (532). Each prints one line
that the test compares; a lookup by a well-behaved client runs alongside.

usage: serve_abuse.py PORT bigbody MB          -> status of a declared MB-megabyte body
       serve_abuse.py PORT chunked MB          -> status of a chunked MB-megabyte body
       serve_abuse.py PORT flood N AT_ONCE     -> "flood N done, lookups ok K/K"
       serve_abuse.py PORT slow SECONDS        -> "slow closed after S s, lookups ok K/K"
"""
import socket
import sys
import threading
import time
import urllib.request

PORT = int(sys.argv[1])
LOOKUP = ("http://127.0.0.1:%d/api/lookup?src=en&tgt=sr-Latn&q=Young%%20people%%20and%%20"
          "mayors%%20discuss%%20youth%%20participation" % PORT)


def lookup_ok():
    """A well-behaved client: one lookup, True if it got a 200 with matches."""
    try:
        with urllib.request.urlopen(LOOKUP, timeout=20) as r:
            return r.status == 200 and b'"matches":[' in r.read()
    except OSError:
        return False


def status_of(sock):
    data = b""
    try:
        while b"\r\n" not in data:
            chunk = sock.recv(4096)
            if not chunk:
                break
            data += chunk
    except OSError:
        pass
    return data.split(b" ")[1].decode() if data.startswith(b"HTTP/") else "none"


def big_body(mb, chunked):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    head = "POST /api/units HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n\r\n" if chunked else "Content-Length: %d\r\n\r\n" % (mb << 20)
    s.sendall(head.encode())
    piece = b"[" * (1 << 16)
    if chunked:
        piece = b"%x\r\n" % len(piece) + piece + b"\r\n"
    try:  # the server may answer and close long before the body is sent
        for _ in range(mb * 16):
            s.sendall(piece)
    except OSError:
        pass
    print(status_of(s))


def flood(n, at_once):
    """n connections, at most at_once open: each sends half a request and closes."""
    sem = threading.BoundedSemaphore(at_once)
    results = []

    def one():
        try:
            c = socket.create_connection(("127.0.0.1", PORT), timeout=10)
            c.sendall(b"GET /api/stats HTTP/1.1\r\nHost: x\r\n")
            c.close()
        except OSError:
            pass
        finally:
            sem.release()

    def meanwhile():
        for _ in range(5):
            results.append(lookup_ok())

    side = threading.Thread(target=meanwhile)
    side.start()
    threads = []
    for _ in range(n):
        sem.acquire()
        t = threading.Thread(target=one)
        t.start()
        threads.append(t)
        if len(threads) > 1000:
            for x in threads:
                x.join()
            threads = []
    for x in threads:
        x.join()
    side.join()
    results.append(lookup_ok())  # and after it
    print("flood %d done, lookups ok %d/%d" % (n, sum(results), len(results)))


def slow(limit):
    """Headers sent a byte at a time, then silence: the server must not wait
    for us forever, and answers others meanwhile."""
    s = socket.create_connection(("127.0.0.1", PORT), timeout=limit + 20)
    for b in b"GET /api/stats HTTP/1.1\r\nHo":
        s.send(bytes([b]))
        time.sleep(0.01)
    ok = [lookup_ok() for _ in range(5)]
    t0 = time.monotonic()
    try:
        while s.recv(4096):
            pass
    except OSError:
        pass
    print("slow closed after %s s, lookups ok %d/%d"
          % ("<=%d" % limit if time.monotonic() - t0 <= limit else "more than %d" % limit,
             sum(ok), len(ok)))


what = sys.argv[2]
if what == "bigbody":
    big_body(int(sys.argv[3]), False)
elif what == "chunked":
    big_body(int(sys.argv[3]), True)
elif what == "flood":
    flood(int(sys.argv[3]), int(sys.argv[4]))
elif what == "slow":
    slow(int(sys.argv[3]))
