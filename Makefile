# The two commands of the README: `make run` and `make test`. Everything else serves them.
SWIFT ?= swift
USTAZ_DATA ?= ./data
export USTAZ_DATA

.PHONY: run test deps test-deps build release demo check-courses bench clean browser-test fuzz

run: deps release
	.build/release/ustaz serve

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	/usr/bin/python3 Tests/Browser/e2e.py
	scripts/api-schema-check.sh .build/debug/ustaz
	scripts/fuzz.sh $(FUZZ_SECONDS)
	.build/debug/ustaz courses check Courses

# The headless-Chromium tests alone (needs a debug build).
browser-test:
	/usr/bin/python3 Tests/Browser/e2e.py

demo: deps release
	.build/release/ustaz demo --data ./data-demo

deps:
	@scripts/install-deps.sh run

test-deps:
	@scripts/install-deps.sh test

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product ustaz

# Each fuzz target for FUZZ_SECONDS (make test: 10 s each; e.g. make fuzz FUZZ_SECONDS=3600 for a long run).
FUZZ_SECONDS ?= 10
fuzz: build
	scripts/fuzz.sh $(FUZZ_SECONDS)

check-courses: build
	.build/debug/ustaz courses check Courses

# The benchmark suite (release build, national dataset, wrk and nginx); writes bench/results/latest.md and the README table.
bench: release
	@scripts/install-deps.sh bench
	python3 bench/run.py

clean:
	rm -rf .build .build-fuzz .build-bench
