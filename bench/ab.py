#!/usr/bin/env python3
"""One change's effect: two server binaries, the same scenario, taking turns on the same dataset.

    python3 bench/ab.py /tmp/ustaz-before .build/release/ustaz verify lesson --data /tmp/national --rounds 3

Each round starts binary A, runs each scenario with wrk, stops it, then does the same with binary B, so
both see the same noise of a shared machine. Prints the median req/s and p99 of each, the ratio B/A, and
nginx's static file in the same run as the ceiling. Commit messages of hot-path changes quote its output.
"""
import argparse
import os
import random
import sqlite3
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as bench  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("before")
    parser.add_argument("after")
    parser.add_argument("scenarios", nargs="+", choices=["verify", "verify-json", "lesson", "static", "healthz", "pdf", "mixed"])
    parser.add_argument("--data", help="a seeded data folder (default: the one `make bench` seeds)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=5)
    args = parser.parse_args()
    os.makedirs(bench.WORK, exist_ok=True)
    folder = args.data or bench.seeded_folder()[0]
    db = sqlite3.connect(os.path.join(folder, "ustaz.sqlite"))
    db.execute("DELETE FROM session")
    rng = random.Random(bench.SEED)
    sessions = bench.make_sessions(db, 6000, rng)
    scripts, _ = bench.scenario_scripts(db, sessions, bench.course_forms(db), rng)
    serial, holder_cookie, signin_login = bench.slow_work_setup(db)
    db.close()
    holder = bench.LUA_COMMON + f"wrk.headers['Cookie'] = 'ustaz_session={holder_cookie}'\n"
    scripts["pdf"] = holder
    paths = {"static": "/static/app.css", "healthz": "/healthz", "pdf": f"/certificates/{serial}/pdf"}

    def measure(service, name):
        if name == "mixed":
            # The figure of the mixed scenario is the verification beside the slow work.
            return bench.mixed(service, scripts["verify"], serial, holder_cookie, signin_login)["mixed-verify"]
        if name == "pdf":
            return bench.wrk(service.base + paths[name], scripts[name], connections=1, threads=1, duration=args.seconds)
        return bench.wrk(service.base + paths.get(name, "/"), scripts.get(name), duration=args.seconds)
    runs = {(side, name): [] for side in ("before", "after") for name in args.scenarios}
    nginx = bench.Nginx(4096)
    ceiling = []
    try:
        for round_number in range(args.rounds):
            ceiling.append(bench.wrk(nginx.url, duration=args.seconds))
            for side in ("before", "after"):
                bench.USTAZ = os.path.abspath(getattr(args, side))
                service = bench.Service(folder)
                try:
                    # A fresh server computes the coverage report in the background and has a cold cache: let it
                    # settle before measuring.
                    bench.wrk(service.base + "/", scripts["verify"], duration=5)
                    for name in args.scenarios:
                        runs[(side, name)].append(measure(service, name))
                finally:
                    service.stop()
            bench.log(f"round {round_number + 1} of {args.rounds} done")
    finally:
        nginx.stop()
    nginx_rps = statistics.median(r["rps"] for r in ceiling)
    print(f"\nnginx static file: {nginx_rps:,.0f} req/s (median of {args.rounds})\n")
    print("| scenario | before req/s | after req/s | after/before | before p50 / p99 ms | after p50 / p99 ms | after × nginx |")
    print("|---|---|---|---|---|---|---|")
    for name in args.scenarios:
        before = statistics.median(r["rps"] for r in runs[("before", name)])
        after = statistics.median(r["rps"] for r in runs[("after", name)])
        p50_before, p50_after = (statistics.median(r["p50"] for r in runs[(side, name)]) for side in ("before", "after"))
        p99_before, p99_after = (statistics.median(r["p99"] for r in runs[(side, name)]) for side in ("before", "after"))
        print(f"| {name} | {before:,.0f} | {after:,.0f} | {after / before:.2f} | {p50_before:.1f} / {p99_before:.1f} | "
              f"{p50_after:.1f} / {p99_after:.1f} | {after / nginx_rps:.2f} |")


if __name__ == "__main__":
    main()
