# The two commands of the README: `make run` and `make test`. Everything else serves them.
SWIFT ?= swift
USTAZ_DATA ?= ./data
export USTAZ_DATA

.PHONY: run test deps test-deps build release demo check-courses bench clean

run: deps release
	.build/release/ustaz serve

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	.build/debug/ustaz courses check Courses
	scripts/api-schema-check.sh .build/debug/ustaz

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

check-courses: build
	.build/debug/ustaz courses check Courses

clean:
	rm -rf .build
