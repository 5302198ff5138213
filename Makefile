# The two commands of the README: `make run` and `make test`. Everything else serves them.
SWIFT ?= swift
USTAZ_DATA ?= ./data
export USTAZ_DATA
# Every Python step runs in the project's virtual environment (scripts/install-deps.sh makes it
# from Debian's /usr/bin/python3 with the pinned scripts/requirements-test.txt).
PYTHON := .venv/bin/python3
# Build exactly the dependency versions pinned in Package.resolved (committed); fail if it is out of date.
RESOLVED := --force-resolved-versions

.PHONY: run test deps test-deps build release demo check-courses check-systemd-unit bench clean browser-test fuzz

run: deps release
	.build/release/ustaz serve

# The phases, in this order (README, "Tests").
test: test-deps
	$(SWIFT) build $(RESOLVED) --build-tests
	scripts/swift-tests.sh
	scripts/check-systemd-unit.sh
	.build/debug/ustaz courses check Courses
	$(PYTHON) Tests/Browser/e2e.py
	scripts/api-schema-check.sh .build/debug/ustaz
	scripts/fuzz.sh $(FUZZ_SECONDS)
	.build/debug/ustaz courses check Courses

# The headless-Chromium tests alone (needs a debug build).
browser-test: test-deps
	$(PYTHON) Tests/Browser/e2e.py

demo: deps release
	.build/release/ustaz demo --data ./data-demo

deps:
	@scripts/install-deps.sh run

test-deps:
	@scripts/install-deps.sh test

build: deps
	$(SWIFT) build $(RESOLVED)

release: deps
	$(SWIFT) build $(RESOLVED) -c release --product ustaz

# Each fuzz target for FUZZ_SECONDS (make test: 10 s each; e.g. make fuzz FUZZ_SECONDS=3600 for a long run).
FUZZ_SECONDS ?= 10
fuzz: build
	scripts/fuzz.sh $(FUZZ_SECONDS)

check-courses: build
	.build/debug/ustaz courses check Courses

# deploy/ustaz.service through `systemd-analyze verify` (says so and passes where systemd is absent).
check-systemd-unit:
	scripts/check-systemd-unit.sh

# The benchmark suite (release build, national dataset, wrk and nginx); writes bench/results/latest.md and the README table.
bench: release
	@scripts/install-deps.sh bench
	$(PYTHON) bench/run.py

clean:
	rm -rf .build .build-fuzz .build-bench
