#!/usr/bin/env python3
"""Where a request's CPU time goes: samples the release server with `perf` while wrk drives one scenario.

    python3 bench/profile.py verify            # or: verify-json, lesson, quiz, healthz, static, pdf
    python3 bench/profile.py verify --data /tmp/national --seconds 8

Uses the national dataset of `make bench` (or --data), the same server settings and the same wrk
scripts, and prints the share of samples by part of the stack (SQLite, GRDB, HTTP layer, page building,
logging, the Swift runtime, malloc, the kernel…) with the heaviest symbols, plus the request rate seen
while sampling (perf slows the server a little; compare shares, not rates). bench/results/profile-*.md
keep the breakdowns before and after each change to the hot path.
"""
import argparse
import collections
import hashlib
import os
import random
import re
import secrets
import sqlite3
import subprocess
import sys
import threading

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402  (the benchmark's own server, wrk and dataset helpers)

# Checked in order; the first pattern that matches a sample's library or symbol names its part.
PARTS = [
    ("kernel: sockets, epoll, scheduling", lambda dso, sym: dso.startswith("[kernel")),
    ("SQLite", lambda dso, sym: "libsqlite3" in dso or sym.startswith("sqlite3")),
    ("GRDB", lambda dso, sym: module(sym) == "GRDB"),
    ("libmicrohttpd", lambda dso, sym: "libmicrohttpd" in dso or sym.startswith("MHD_")),
    ("zlib (gzip)", lambda dso, sym: "libz" in dso or sym.startswith(("deflate", "crc32", "adler32"))),
    ("crypto", lambda dso, sym: "BoringSSL" in sym or module(sym) in ("Crypto", "Credentials")),
    ("malloc and free", lambda dso, sym: os.path.basename(dso).startswith("libc") and "libcairo" not in dso and re.search(r"malloc|free|_int_|tcache|cfree|realloc|calloc", sym)),
    ("Swift runtime: reference counting", lambda dso, sym: re.search(r"swift_(retain|release|bridgeObject|unknownObject|isUniquely)", sym)),
    ("Swift runtime: other", lambda dso, sym: "libswiftCore" in dso and sym.startswith("swift_")),
    ("Swift strings and collections", lambda dso, sym: "libswiftCore" in dso),
    ("Foundation", lambda dso, sym: "Foundation" in dso),
    ("Swift concurrency, dispatch, locks", lambda dso, sym: re.search(r"dispatch|libswift_Concurrency|Synchronization", dso)
                                                           or re.search(r"pthread_mutex|futex|__lll_lock", sym)),
    ("HTTP layer (HTTPServer)", lambda dso, sym: module(sym) == "HTTPServer"),
    ("store (UstazStore)", lambda dso, sym: module(sym) == "UstazStore"),
    ("pages (UstazWeb)", lambda dso, sym: module(sym) in ("UstazWeb", "UstazCore")),
    ("logging (access log)", lambda dso, sym: module(sym) in ("Logging", "ustaz")),
    ("Swift strings and collections", lambda dso, sym: module(sym) == "Swift"),
    ("libc: memory copies, other", lambda dso, sym: os.path.basename(dso).startswith("libc.so") or os.path.basename(dso).startswith("libc-")),
]


def module(symbol):
    """The module a mangled Swift symbol is declared in ("Swift" for the standard library's own types)."""
    match = re.match(r"^\$s(?:(\d+)(\w+)|S)", symbol)
    if not match:
        return None
    if match.group(1) is None:
        return "Swift"
    return match.group(2)[:int(match.group(1))]


def part_of(dso, symbol):
    for name, test in PARTS:
        if test(dso, symbol):
            return name
    return "other: " + os.path.basename(dso)


def demangle(symbols):
    try:
        out = subprocess.run(["swift", "demangle", "--simplified", "--compact"], input="\n".join(symbols),
                             capture_output=True, text=True, check=True).stdout.split("\n")
        return dict(zip(symbols, out))
    except (OSError, subprocess.CalledProcessError):
        return {s: s for s in symbols}


def scenario(name, folder):
    """The path wrk asks for and its Lua script (None for a plain GET)."""
    if name in ("healthz", "static"):
        return {"healthz": "/healthz", "static": "/static/app.css"}[name], None
    db = sqlite3.connect(os.path.join(folder, "ustaz.sqlite"))
    if name == "pdf":
        # A certificate's PDF as its holder downloads it, as in `make bench`.
        serial, holder = db.execute("""
            SELECT c.serial, c.person_id FROM credential c JOIN person p ON p.id = c.person_id
            WHERE c.kind = 'teacher' AND c.revoked_at IS NULL AND p.password_hash IS NOT NULL LIMIT 1 OFFSET 1000""").fetchone()
        cookie = secrets.token_urlsafe(32)
        db.execute("INSERT INTO session (id_hash, person_id, csrf_token, created_at, last_seen_at, expires_at) "
                   "VALUES (?, ?, 'x', '2026-01-01T00:00:00Z', '2099-01-01T00:00:00Z', '2099-01-01T00:00:00Z')",
                   (hashlib.sha256(cookie.encode()).hexdigest(), holder))
        db.commit()
        db.close()
        return f"/certificates/{serial}/pdf", bench.LUA_COMMON + f"wrk.headers['Cookie'] = 'ustaz_session={cookie}'\n"
    db.execute("DELETE FROM session")
    rng = random.Random(bench.SEED)
    sessions = bench.make_sessions(db, 6000, rng)
    scripts, _ = bench.scenario_scripts(db, sessions, bench.course_forms(db), rng)
    db.close()
    return "/", scripts[name]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("scenario", choices=["verify", "verify-json", "lesson", "quiz", "healthz", "static", "pdf"])
    parser.add_argument("--data", help="a seeded data folder (default: the one `make bench` seeds)")
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--ustaz", help="the server binary (default: .build/release/ustaz)")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    if args.ustaz:
        bench.USTAZ = os.path.abspath(args.ustaz)
    os.makedirs(bench.WORK, exist_ok=True)
    folder = args.data or bench.seeded_folder()[0]
    path, script = scenario(args.scenario, folder)
    service = bench.Service(folder)
    perf_data = os.path.join(bench.WORK, f"perf-{args.scenario}.data")
    result = {}
    try:
        load = threading.Thread(target=lambda: result.update(bench.wrk(service.base + path, script, duration=args.seconds + 2,
                                                                        **({"connections": 1, "threads": 1} if args.scenario == "pdf" else {}))))
        load.start()
        subprocess.run(["perf", "record", "-F", "1999", "-g", "-o", perf_data, "-p", str(service.process.pid),
                        "--", "sleep", str(args.seconds)], check=True, capture_output=True)
        load.join()
    finally:
        service.stop()

    # Only the threads that answer requests, libmicrohttpd's workers and the slow lane's: start-up work in the background
    # (the coverage report computed ahead of its first visitor) is not part of a request.
    threads = ",".join(["MHD-worker"] + [f"ustaz-slow-{index}" for index in range(8)])
    report = subprocess.run(["perf", "report", "-i", perf_data, "--stdio", "--no-children", "-g", "none", "--comms", threads,
                             "--sort", "dso,sym", "--percent-limit", "0"], capture_output=True, text=True, check=True).stdout
    # CPU time per request: the answering threads' samples over the requests wrk completed while perf sampled.
    counts = subprocess.run(["perf", "report", "-i", perf_data, "--stdio", "-n", "--no-children", "--comms", threads, "--sort", "comm", "-g", "none"],
                            capture_output=True, text=True, check=True).stdout
    samples = sum(int(m.group(1)) for m in re.finditer(r"^\s*[\d.]+%\s+(\d+)\s+\S", counts, re.M))
    cpu_per_request = samples / 1999 / max(1, result.get("rps", 0) * args.seconds) * 1e6
    rows = []
    for line in report.splitlines():
        match = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[^\]]+\]\s+(.*)$", line)
        if match:
            rows.append((float(match.group(1)), match.group(2), match.group(3).strip()))
    names = demangle([sym for _, _, sym in rows])
    parts = collections.Counter()
    for share, dso, sym in rows:
        parts[part_of(dso, sym)] += share
    print(f"# CPU profile: {args.scenario}\n")
    print(f"{result.get('rps', 0):,.0f} req/s while sampling ({args.seconds} s at 1,999 Hz); samples on the threads that "
          "answer requests only (libmicrohttpd's workers and the slow lane).\n")
    print(f"CPU time on those threads: about {cpu_per_request:,.0f} µs per request ({samples:,} samples).\n")
    print("| part of the stack | share of samples |\n|---|---|")
    for name, share in parts.most_common():
        if share >= 0.5:
            print(f"| {name} | {share:.1f}% |")
    print(f"\nHeaviest symbols:\n\n| share | part | symbol |\n|---|---|---|")
    for share, dso, sym in rows[:args.top]:
        shown = names.get(sym, sym).replace("|", "\\|")
        print(f"| {share:.1f}% | {part_of(dso, sym)} | `{shown[:110]}` |")


if __name__ == "__main__":
    main()
