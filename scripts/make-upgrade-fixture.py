#!/usr/bin/env python3
"""Makes the data an upgrade must keep: a database written by the ustaz binary of THIS checkout, dumped
as SQL and gzipped (zcat to read it) into Tests/UstazStoreTests/Fixtures/. Run it on the last commit before a new migration, so the
fixture holds the schema users have today; UpgradeTests restores it and migrates it forward.

    .venv/bin/python3 scripts/make-upgrade-fixture.py [path/to/ustaz]     (after swift build)

The database is the demo world, plus what the demo leaves empty, done through the running service as
people would: sign-ins (sessions and audit rows), a quiz attempt, a recorded practice lesson, a
coverage setting and a region target. The course versions' stored content is cut to the first block
of each lesson text and the first words of each quiz text (ids and structure stay), to keep the file
small; every other value is as the service wrote it.
"""
import gzip
import html
import http.cookiejar
import json
import os
import re
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
USTAZ = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "debug", "ustaz")
OUT = os.path.join(ROOT, "Tests", "UstazStoreTests", "Fixtures")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Visitor:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def get(self, path):
        with self.opener.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields).encode()
        try:
            with self.opener.open(self.base + path, data) as response:
                return response.status
        except urllib.error.HTTPError as error:
            if error.code in (302, 303):
                return error.code
            raise SystemExit(f"POST {path} answered {error.code}: {error.read().decode()[:400]}")

    def csrf(self, path):
        return re.search(r'name="_csrf" value="([^"]+)"', self.get(path)).group(1)

    def sign_in(self, login, password):
        status = self.post("/signin", [("_csrf", self.csrf("/signin")), ("login", login), ("password", password), ("next", "/me")])
        assert status == 303, f"{login} could not sign in ({status})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def quiz_answers(page):
    """The first choice of every question on a quiz page (positions in order for ordering questions)."""
    fields, seen = [], set()
    for name, value in re.findall(r'<input type="(?:radio|checkbox)" id="[^"]*" name="([^"]+)" value="([^"]+)"', page):
        if name not in seen:
            seen.add(name)
            fields.append((html.unescape(name), html.unescape(value)))
    selects = re.findall(r'<select id="[^"]*" name="([^"]+)"', page)
    for position, name in enumerate(selects):
        question = name.rsplit(".", 1)[0]
        index = [n for n in selects if n.rsplit(".", 1)[0] == question].index(name)
        fields.append((html.unescape(name), str(index + 1)))
    return fields


def shorten(holder, key):
    """A localised text cut to its first 8 characters in each language."""
    holder[key] = {language: text[:8] for language, text in holder[key].items()}


def main():
    work = tempfile.mkdtemp(prefix="ustaz-fixture-")
    data = os.path.join(work, "data")
    demo = subprocess.run([USTAZ, "demo", "--no-serve", "--data", data], cwd=ROOT, check=True, capture_output=True, text=True).stdout
    password = re.search(r"Password for every demo account: (\S+)", demo).group(1)
    database = os.path.join(data, "ustaz.sqlite")
    migrations = [row[0] for row in sqlite3.connect(database).execute("SELECT identifier FROM grdb_migrations ORDER BY rowid")]

    port = free_port()
    server = subprocess.Popen([USTAZ, "serve", "--data", data, "--port", str(port), "--log-level", "error"], cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        admin = Visitor(base)
        admin.sign_in("admin", password)
        token = admin.csrf("/coverage")
        admin.post("/coverage/settings", [("_csrf", token), ("national_target", "350000"), ("target_date", "2028-08-31"),
                                          ("cohort_size", "24"), ("round_weeks", "6")])
        admin.post("/coverage/targets", [("_csrf", token), ("region", "pavlodar"), ("target", "12000"),
                                         ("source", "regional education department, 2026 estimate")])

        db = sqlite3.connect(database)
        person, enrolment, version = db.execute("""
            SELECT p.id, e.id, e.course_version_id FROM person p JOIN enrolment e ON e.person_id = p.id
            WHERE p.login = 'teacher.olga' AND e.completed_at IS NULL""").fetchone()
        content = json.loads(db.execute("SELECT content FROM course_version WHERE id = ?", (version,)).fetchone()[0])
        done = {row[0] for row in db.execute("SELECT lesson_id FROM lesson_progress WHERE enrolment_id = ? AND quiz_passed_at IS NOT NULL", (enrolment,))}
        lesson = next(item["id"] for item in content["lessons"] if item["id"] not in done)
        olga = Visitor(base)
        olga.sign_in("teacher.olga", password)
        olga.get(f"/learn/{enrolment}/{lesson}")
        olga.post(f"/learn/{enrolment}/{lesson}/read", [("_csrf", olga.csrf(f"/learn/{enrolment}/{lesson}"))])
        page = olga.get(f"/learn/{enrolment}/{lesson}/quiz")
        token = re.search(r'name="_csrf" value="([^"]+)"', page).group(1)
        olga.post(f"/learn/{enrolment}/{lesson}/quiz", [("_csrf", token), ("client_key", "upgrade-fixture-1")] + quiz_answers(page))

        cohort, lead_enrolment = db.execute("""
            SELECT c.id, e.id FROM cohort c JOIN enrolment e ON e.cohort_id = c.id JOIN person t ON t.id = c.trainer_id
            WHERE t.login = 'master.trainer' OR t.id IN (SELECT person_id FROM role_grant WHERE role = 'master-trainer')
            ORDER BY e.id LIMIT 1""").fetchone()
        master_login = db.execute("""SELECT p.login FROM person p JOIN cohort c ON c.trainer_id = p.id WHERE c.id = ?""", (cohort,)).fetchone()[0]
        db.close()
        master = Visitor(base)
        master.sign_in(master_login, password)
        master.post(f"/cohorts/{cohort}/practicum/{lead_enrolment}",
                    [("_csrf", master.csrf(f"/cohorts/{cohort}")), ("result", "passed"), ("notes", "Clear aims; the group worked in pairs.")])
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)

    db = sqlite3.connect(database)
    for version_id, blob in db.execute("SELECT id, content FROM course_version").fetchall():
        course = json.loads(blob)
        shorten(course, "summary")
        for item in course["lessons"]:
            for document in item["documents"].values():
                document["sections"] = document["sections"][:1]
                for section in document["sections"]:
                    section["blocks"] = section["blocks"][:1]
            for question in item["quiz"]["questions"]:
                shorten(question, "prompt")
                for option in question["options"]:
                    shorten(option, "text")
                    shorten(option, "why")
        db.execute("UPDATE course_version SET content = ? WHERE id = ?", (json.dumps(course, ensure_ascii=False, separators=(",", ":")).encode(), version_id))
    db.commit()
    empty = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
             if db.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0] == 0]
    dump = "\n".join(db.iterdump()) + "\n"
    db.close()

    commit = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    name = f"schema-{migrations[-1]}.sql.gz"
    text = (f"-- Ustaz database at schema {', '.join(migrations)}: made by scripts/make-upgrade-fixture.py at commit {commit}.\n"
            "-- Never edit: it stands for the data people have before an upgrade (Tests/UstazStoreTests/UpgradeTests.swift).\n"
            + dump).encode()
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, name), "wb") as file:
        file.write(gzip.compress(text, compresslevel=9, mtime=0))
    size = os.path.getsize(os.path.join(OUT, name))
    print(f"make-upgrade-fixture: wrote {os.path.relpath(os.path.join(OUT, name), ROOT)} ({size // 1024} KB, {len(text) // 1024} KB of SQL); "
          f"tables left empty: {', '.join(empty) or 'none'}")


if __name__ == "__main__":
    main()
