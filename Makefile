# Thin wrapper over the setup script, CMake presets and CTest.
#   make run    installs what is missing, builds, and starts GovDesk on the demo workspace
#   make test   installs what is missing, builds, and runs every test
#   make bench  builds and runs the benchmarks (figures printed, nothing asserted)
BUILD_DIR := build
PRESET    := default

.PHONY: run test bench build deps clean format

deps:
	@./scripts/install-deps

build: deps
	@cmake --preset $(PRESET) >/dev/null
	@cmake --build --preset $(PRESET)

run: build
	@./scripts/run-demo

test: build
	@ctest --preset $(PRESET)

bench: build
	@./tests/bench/run-all $(BUILD_DIR)

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf $(BUILD_DIR)
