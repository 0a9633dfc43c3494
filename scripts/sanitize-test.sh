#!/usr/bin/env bash
# Builds the whole project and its tests with AddressSanitizer and UndefinedBehaviorSanitizer
# into build-sanitize/ (or $HOOKSCOPE_SANITIZE_BUILD_DIR) and runs the whole test suite
# offscreen. Any ASan report, leak in our code or undefined behaviour fails the test it occurs
# in (UBSan halts on the first error). Extra arguments go to ctest (e.g. -R tst_badinput).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOOKSCOPE_SANITIZE_BUILD_DIR:-$root/build-sanitize}
start=$(date +%s)

"$root/scripts/install-deps.sh"
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
if [ ! -f "$build/build.ninja" ]; then
    # -O1 -g1 (line tables) keep stack traces exact and the build quick; -fno-sanitize-recover makes every UBSan
    # finding fatal, so a test cannot pass over one.
    cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" -DCMAKE_BUILD_TYPE=Sanitize \
        -DCMAKE_CXX_FLAGS="-O1 -g1 -fno-sanitize-recover=undefined" -DHOOKSCOPE_SANITIZE=ON
fi
cmake --build "$build" -j"$(nproc)"

export QT_QPA_PLATFORM=offscreen
# The tests' time bounds are hang guards and their load tests count requests; the sanitizers make
# everything several times slower, so both scale (tests/support/timebound.h).
export HOOKSCOPE_TEST_TIME_SCALE=${HOOKSCOPE_TEST_TIME_SCALE:-5}
# A 64 MiB quarantine (default 256) for freed memory: the stress tests bound Hookscope's peak
# memory, and a full default quarantine alone would be half of that bound.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:detect_stack_use_after_return=0:strict_string_checks=0:quarantine_size_mb=64}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1:suppressions=$root/tests/sanitize/ubsan.supp}
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}
status=0
ctest --test-dir "$build" --output-on-failure -j2 "$@" || status=$?
echo "sanitizer build and tests: $(( $(date +%s) - start )) s" >&2
exit "$status"
