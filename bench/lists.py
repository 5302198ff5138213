#!/usr/bin/env python3
"""List pages at national scale: server time and uncompressed HTML size of every list page, its searches,
filters and a deep page, as an administrator and as a region's coordinator, on the synthetic national dataset.

    bench/lists.py --ustaz .build/release/ustaz --data FOLDER-SEEDED-WITH-ustaz-seed--synthetic

Prints a Markdown table (the README's "List pages at national scale"); a page over 100 ms or 150 KB is
marked. Times are medians of 7 requests on the same host (so they include the loopback round trip).
"""
import argparse
import html
import http.cookiejar
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TIME_BUDGET_MS = 100
SIZE_BUDGET = 150 * 1024


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Visitor:
    """A browser without a browser: cookies, and the form token of the page it last read."""

    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def get(self, path):
        request = urllib.request.Request(self.base + path, headers={"Accept-Language": "ru"})
        started = time.perf_counter()
        with self.opener.open(request, timeout=60) as response:
            body = response.read()
            return response.status, body, (time.perf_counter() - started) * 1000

    def sign_in(self, login, password):
        _, page, _ = self.get("/signin")
        token = re.search(rb'name="_csrf" value="([^"]+)"', page).group(1).decode()
        form = urllib.parse.urlencode({"_csrf": token, "login": login, "password": password}).encode()
        with self.opener.open(urllib.request.Request(self.base + "/signin", data=form), timeout=60) as response:
            response.read()
        if not any(cookie.name == "ustaz_session" for cookie in self.jar):
            raise SystemExit(f"lists: could not sign in as {login}")


def measure(visitor, path, runs=7):
    times = []
    for _ in range(runs):
        status, body, elapsed = visitor.get(path)
        if status != 200:
            raise SystemExit(f"lists: {path} answered {status}")
        times.append(elapsed)
    # The list's rows: table rows after the last table head, or the items of a list of items.
    rows = body.split(b"</thead>")[-1].count(b"<tr") if b"</thead>" in body else 0
    items = re.search(rb'<ul class="items">(.*?)</ul>', body, re.S)
    if items:
        rows += items.group(1).count(b"<li")
    return statistics.median(times), len(body), rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ustaz", default=os.path.join(ROOT, ".build/release/ustaz"))
    parser.add_argument("--data", required=True)
    parser.add_argument("--region", default="almaty")
    args = parser.parse_args()

    port = free_port()
    log = open(os.path.join(args.data, "lists-server.log"), "w")
    env = dict(os.environ, USTAZ_LOG_LEVEL="warning")
    server = subprocess.Popen([args.ustaz, "serve", "--data", args.data, "--port", str(port), "--resources", ROOT],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        admin = Visitor(base)
        admin.sign_in("admin", "ustaz-synthetic")
        coordinator = Visitor(base)
        coordinator.sign_in(f"coord.{args.region}", "ustaz-synthetic")
        # A name and a school that exist in the dataset, for realistic searches.
        _, people, _ = admin.get("/people?page=40")
        name = html.unescape(re.findall(r'<td><a href="/people/\d+"><bdi>([^<]+)</bdi></a>', people.decode())[3])
        surname = name.split()[0]
        _, trainers, _ = admin.get("/fidelity")
        trainer = html.unescape(re.findall(r'<td><a href="/lineage/\d+">([^<]+)</a>', trainers.decode())[0]).split()[0]
        q = urllib.parse.quote
        pages = [
            ("admin", admin, "/cohorts"),
            ("admin", admin, f"/cohorts?region={args.region}&status=finished"),
            ("admin", admin, f"/cohorts?trainer={q(trainer)}"),
            ("admin", admin, "/cohorts?course=primary-teachers&page=100"),
            ("admin", admin, "/people"),
            ("admin", admin, f"/people?q={q(surname)}"),
            ("admin", admin, f"/people?q={q(surname.lower())}&region={args.region}"),
            ("admin", admin, "/people?page=1000"),
            ("admin", admin, "/schools"),
            ("admin", admin, "/schools?q=%D1%88%D0%BA%D0%BE%D0%BB%D0%B0"),
            ("admin", admin, "/fidelity"),
            ("admin", admin, f"/fidelity?trainer={q(trainer)}"),
            ("admin", admin, "/admin/master-trainers"),
            ("admin", admin, "/admin/audit"),
            ("admin", admin, "/review"),
            ("admin", admin, "/practicals"),
            ("coordinator", coordinator, "/cohorts"),
            ("coordinator", coordinator, "/cohorts?status=running&page=3"),
            ("coordinator", coordinator, "/fidelity"),
            ("coordinator", coordinator, "/practicals"),
            ("coordinator", coordinator, "/coverage"),
        ]
        # Warm each scope's caches first, as a running service would have them.
        for _, visitor, path in pages:
            visitor.get(path)
        print(f"| Page | As | Server time (median of 7) | HTML | Rows |")
        print(f"|---|---|---|---|---|")
        over = 0
        for who, visitor, path in pages:
            elapsed, size, rows = measure(visitor, path)
            flag = "" if elapsed <= TIME_BUDGET_MS and size <= SIZE_BUDGET else " **over budget**"
            over += bool(flag)
            shown = urllib.parse.unquote(path).replace("|", "\\|")
            print(f"| `{shown}` | {who} | {elapsed:.1f} ms | {size / 1024:.1f} KB | {rows}{flag} |")
        print(f"\n{len(pages) - over} of {len(pages)} pages within {TIME_BUDGET_MS} ms and {SIZE_BUDGET // 1024} KB")
        return 1 if over else 0
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
