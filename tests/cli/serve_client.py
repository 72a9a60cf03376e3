"""A tmserver client written from Translate Toolkit's protocol
(translate/services/tmserver.py): GET /tmserver/SRC/TGT/unit/TEXT with the
text URL-encoded, the answer a JSON list of {source, target, quality, ...}.
Also the few JSON API calls the serve tests make.

usage: serve_client.py BASE tmserver SRC TGT TEXT    -> "quality\tsource\ttarget" lines
       serve_client.py BASE get PATH                 -> status, then the body
       serve_client.py BASE post PATH BODY [TOKEN]   -> status, then the body
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request


def request(url, data=None, token=None, method=None):
    req = urllib.request.Request(url, data=data, method=method)
    if token:
        req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(req, timeout=30) as res:
            return res.status, res.read().decode("utf-8")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8")


def main():
    base, what = sys.argv[1], sys.argv[2]
    if what == "tmserver":
        src, tgt, text = sys.argv[3:6]
        # as Virtaal's and Pootle's clients do: the text quoted into the path
        url = "%s/tmserver/%s/%s/unit/%s" % (base, src, tgt, urllib.parse.quote(text, safe=""))
        status, body = request(url)
        if status != 200:
            sys.exit("HTTP %d: %s" % (status, body))
        for c in json.loads(body):
            print("%d\t%s\t%s" % (c["quality"], c["source"], c["target"]))
    elif what == "get":
        status, body = request(base + sys.argv[3])
        print(status)
        print(body, end="")
    elif what == "post":
        token = sys.argv[5] if len(sys.argv) > 5 else None
        status, body = request(base + sys.argv[3], sys.argv[4].encode("utf-8"), token, "POST")
        print(status)
        print(body, end="")


main()
