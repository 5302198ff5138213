#!/usr/bin/python3
"""A copy of the course catalogue with a fixture figure, table, citation and classroom kit added to the first
two lessons of primary-teachers, for tests of figures and kits that must not depend on the shipped content.

    python3 Tests/Fixtures/kit_overlay.py COURSES DESTINATION

copies COURSES to DESTINATION (which must not exist) and applies kit-overlay/ to the copy. Used by the Swift
tests and by Tests/Browser/e2e.py, so both see the same fixture.
"""
import os
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OVERLAY = os.path.join(HERE, "kit-overlay")
COURSE = "primary-teachers"
LESSONS = ["01-what-is-ai", "02-how-machines-learn"]
KIT = "[worksheet, answer-key, exit-ticket, cards, parent-letter]"


def apply(courses):
    course = os.path.join(courses, COURSE)
    template = os.path.join(OVERLAY, "lesson")
    yaml_path = os.path.join(course, "course.yaml")
    with open(yaml_path, encoding="utf-8") as file:
        yaml = file.read().split("\n")
    for number, folder in enumerate(LESSONS):
        lesson = os.path.join(course, folder)
        shutil.copytree(os.path.join(template, "figures"), os.path.join(lesson, "figures"), dirs_exist_ok=True)
        # Each lesson's figure differs a little, so each has its own address (and page weights count each).
        for name in os.listdir(os.path.join(lesson, "figures")):
            path = os.path.join(lesson, "figures", name)
            with open(path, encoding="utf-8") as file:
                svg = file.read()
            with open(path, "w", encoding="utf-8") as file:
                file.write(svg.replace("#e8f3fc", "#e8f3f%d" % (number + 2)))
        shutil.copytree(os.path.join(template, "kit"), os.path.join(lesson, "kit"), dirs_exist_ok=True)
        for language in ["kk", "ru", "en"]:
            path = os.path.join(lesson, language + ".md")
            with open(path, encoding="utf-8") as file:
                lines = file.read().split("\n")
            at = next(i for i, line in enumerate(lines) if line.rstrip().endswith("{#explanation}"))
            with open(os.path.join(template, f"placement.{language}.md"), encoding="utf-8") as file:
                placement = file.read().rstrip("\n").split("\n")
            lines[at + 1:at + 1] = placement + [""]
            with open(path, "w", encoding="utf-8") as file:
                file.write("\n".join(lines))
        # The lesson's entry in course.yaml lists the kit (replacing a kit list it may already have).
        lesson_id = folder.split("-", 1)[1]
        start = yaml.index(f"  - id: {lesson_id}")
        end = next((i for i in range(start + 1, len(yaml)) if not yaml[i].startswith("    ")), len(yaml))
        entry = [line for line in yaml[start + 1:end] if not line.strip().startswith("kit:")]
        yaml[start + 1:end] = entry + [f"    kit: {KIT}"]
    with open(yaml_path, "w", encoding="utf-8") as file:
        file.write("\n".join(yaml))
    sources = os.path.join(course, "sources.yaml")
    with open(os.path.join(OVERLAY, "sources.yaml"), encoding="utf-8") as file:
        entry = file.read()
    if os.path.exists(sources):
        with open(sources, encoding="utf-8") as file:
            existing = file.read().rstrip("\n") + "\n"
    else:
        existing = "sources:\n"
    with open(sources, "w", encoding="utf-8") as file:
        file.write(existing + entry)


def copy_with_overlay(courses, destination):
    shutil.copytree(courses, destination)
    apply(destination)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    copy_with_overlay(sys.argv[1], sys.argv[2])
