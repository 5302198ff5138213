#!/usr/bin/env python3
"""Writes Tests/Fixtures/Courses/fixture-teachers: a small course in the bank format of Courses/FORMAT.md,
with keys spread by design, so tests prove the draw, feedback and checker mechanics without the shipped content.
Run from the repository root; the output is committed, rerun only to change it."""
import os, shutil

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "Courses")
COURSE = os.path.join(ROOT, "fixture-teachers")
LANGS = ["kk", "ru", "en"]
# Words that make every item's wording its own (no two items of the course look alike).
WORDS = ("amber basil cedar delta ember fjord grove heron iris jade kelp lotus maple nectar onyx pearl quartz raven sage tulip "
         "umber violet willow xenon yarrow zinnia acorn birch clover dune elm fern garnet hazel ivy juniper kestrel larch moss "
         "nutmeg olive poppy quince reed spruce thyme urchin vetch walnut yew zephyr aster bramble coral dahlia egret flint "
         "gorse holly indigo jasper kale lilac myrtle nettle orchid pine quail rowan sorrel teal ulmus vale wren yucca zest").split()
SECTION = {"kk": ["Мақсаттар", "Түсіндіру", "Сабақ", "Құрылғысыз нұсқа", "Талқылау", "Сөздік"],
           "ru": ["Цели", "Объяснение", "Занятие", "Вариант без устройств", "Обсуждение", "Словарь"],
           "en": ["Objectives", "Explanation", "Activity", "Unplugged", "Discussion", "Vocabulary"]}
PART = {"kk": "Бөлім", "ru": "Часть", "en": "Part"}
ANCHORS = ["part-one", "part-two", "part-three"]
LESSONS = 8


def word(n):
    return WORDS[n % len(WORDS)] + ("" if n < len(WORDS) else str(n // len(WORDS)))


def say(lang, en, ru, kk):
    return {"en": en, "ru": ru, "kk": kk}[lang]


def lesson_md(number, lang):
    head = SECTION[lang]
    lines = [f"# {say(lang, 'Fixture lesson', 'Учебный урок', 'Үлгі сабақ')} {number}", "", f"## {head[0]} {{#objectives}}", ""]
    for o in range(1, 5):
        lines.append(f"- {say(lang, 'Objective', 'Цель', 'Мақсат')} {o} {say(lang, 'of lesson', 'урока', 'сабақ')} {number}. {{#o{o}}}")
    lines += ["", f"## {head[1]} {{#explanation}}", ""]
    for i, anchor in enumerate(ANCHORS):
        lines += [f"### {PART[lang]} {i + 1} {{#{anchor}}}", "",
                  f"{say(lang, 'Text of part', 'Текст части', 'Бөлім мәтіні')} {i + 1}, {say(lang, 'lesson', 'урок', 'сабақ')} {number}.", ""]
    for section, anchor in zip(head[2:], ["activity", "unplugged", "discussion", "vocabulary"]):
        body = "- **term** — meaning" if anchor == "vocabulary" else "- " + say(lang, "A step.", "Шаг.", "Қадам.")
        lines += [f"## {section} {{#{anchor}}}", "", body, ""]
    return "\n".join(lines)


def text(fn):
    return "\n".join(f"{'  ' * 0}{lang}: \"{fn(lang)}\"" for lang in LANGS)


def block(key, fn, indent):
    pad = " " * indent
    return f"{pad}{key}:\n" + "\n".join(f"{pad}  {lang}: \"{fn(lang)}\"" for lang in LANGS)


def quiz_yaml(number):
    out = ["draw: 6", "questions:"]
    counter = [number * 100]

    def fresh():
        counter[0] += 1
        return word(counter[0])

    for item in range(1, 13):
        objective = f"o{(item - 1) % 4 + 1}"
        reread = ANCHORS[(item - 1) % 3] if item % 4 else "activity"
        topic = f"{fresh()} {fresh()}"
        if item <= 6:
            kind, key_at = "single", (item + number) % 4
        elif item <= 8:
            kind, key_at = "multiple", (item + number) % 3
        elif item <= 10:
            kind, key_at = "truefalse", None
        else:
            kind, key_at = "ordering", None
        out += [f"  - id: q{item}", f"    kind: {kind}", f"    objective: {objective}", f"    reread: {reread}",
                block("prompt", lambda l: say(l, f"Lesson {number}, item {item}: what holds for {topic}?",
                                              f"Урок {number}, вопрос {item}: что верно про {topic}?",
                                              f"{number}-сабақ, {item}-сұрақ: {topic} туралы не дұрыс?"), 4),
                "    options:"]
        if kind == "truefalse":
            keyed_true = (item + number) % 2 == 0
            for oid, label in [("true", say_tf(True)), ("false", say_tf(False))]:
                correct = (oid == "true") == keyed_true
                out += [f"      - id: \"{oid}\"", f"        correct: {'true' if correct else 'false'}",
                        block("text", lambda l, lb=label: lb[l], 8),
                        block("why", lambda l, c=correct: say(l, "Correct." if c else "Not so; reread the part.",
                                                             "Верно." if c else "Нет; перечитайте часть.",
                                                             "Дұрыс." if c else "Жоқ; бөлімді қайта оқыңыз."), 8)]
            continue
        count = 4
        for index in range(count):
            option_word = fresh()
            if kind == "ordering":
                correct = None
            elif kind == "single":
                correct = index == key_at
            else:
                correct = index in (key_at, key_at + 1)
            # The key is short; one distractor is longer, except in every fifth single-choice item.
            long_key = kind == "single" and (number + item) % 5 == 0
            pad = 3 if (correct and long_key) else (0 if correct else (2 if index == (key_at or 0) + 2 - count * ((key_at or 0) + 2 >= count) else 1))
            if kind == "multiple":
                pad = 0 if correct else 2
            filler = " ".join(fresh() for _ in range(pad))
            step = f"{index + 1}" if kind == "ordering" else ""
            out += [f"      - id: {'abcd'[index]}"]
            if correct is not None:
                out += [f"        correct: {'true' if correct else 'false'}"]
            out += [block("text", lambda l, w=option_word, f=filler, s=step: (say(l, "step", "шаг", "қадам") + f" {s} " if s else "") + f"{w} {f}".strip(), 8),
                    block("why", lambda l, c=correct: say(l, "Correct." if c else "See the part again.",
                                                         "Верно." if c else "Смотрите часть ещё раз.",
                                                         "Дұрыс." if c else "Бөлімді қайта қараңыз."), 8)]
    return "\n".join(out) + "\n"


def say_tf(value):
    return {"kk": "Дұрыс" if value else "Бұрыс", "ru": "Верно" if value else "Неверно", "en": "True" if value else "False"}


def course_yaml():
    lessons = "\n".join(f"  - id: lesson-{n}\n    minutes: 30\n    competencies: [teacher.foundations.acquire]" for n in range(1, LESSONS + 1))
    return f"""id: fixture-teachers
credential: teacher
audience: "1-4"
pass_mark: 70
max_attempts: 3
practical: required
title: {{ kk: "Үлгі курс", ru: "Учебный курс", en: "Fixture course" }}
summary: {{ kk: "Тексеруге арналған курс.", ru: "Курс для проверок.", en: "A course for tests." }}
lessons:
{lessons}
"""


shutil.rmtree(COURSE, ignore_errors=True)
os.makedirs(COURSE)
open(os.path.join(COURSE, "course.yaml"), "w").write(course_yaml())
for n in range(1, LESSONS + 1):
    folder = os.path.join(COURSE, f"{n:02d}-lesson-{n}")
    os.makedirs(folder)
    for lang in LANGS:
        open(os.path.join(folder, f"{lang}.md"), "w").write(lesson_md(n, lang) + "\n")
    open(os.path.join(folder, "quiz.yaml"), "w").write(quiz_yaml(n))
