#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (ASan + UBSan) into build-fuzz/ (or
# $HOOKSCOPE_FUZZ_BUILD_DIR) and runs each for SECONDS (default 60), starting from its committed
# corpus. Prints targets, executions and crashes; exits 1 when any target crashed, leaked or
# timed out. Crash inputs land in build-fuzz/crashes/<target>/: fix the bug, then keep the input
# in tests/fuzz/regressions/<target>/ so every normal test run replays it.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${HOOKSCOPE_FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${1:-60}
shift || true
clang=${CLANGXX:-$(command -v clang++-14 || command -v clang++)}

launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
# Our code gets coverage instrumentation without libFuzzer's main; only the fuzz executables
# link -fsanitize=fuzzer (tests/fuzz/CMakeLists.txt). Qt itself is gcc-built and uninstrumented.
flags="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
flags+=" -fno-omit-frame-pointer -gline-tables-only"
if [ ! -f "$build/build.ninja" ]; then
    cmake -S "$root" -B "$build" -G Ninja "${launcher[@]}" -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_CXX_COMPILER="$clang" -DCMAKE_CXX_FLAGS="$flags" \
        -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" -DHOOKSCOPE_FUZZ=ON >/dev/null
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    mapfile -t targets < <(cd "$root/tests/fuzz/corpus" && ls)
fi
cmake --build "$build" --target "${targets[@]}" -j"${HOOKSCOPE_JOBS:-2}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$root/tests/sanitize/lsan.supp:print_suppressions=0}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
symbolizer=$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)
[ -n "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=${ASAN_SYMBOLIZER_PATH:-$symbolizer}
export QT_QPA_PLATFORM=offscreen

failed=0
rows=()
for target in "${targets[@]}"; do
    work="$build/corpus/$target"
    crashes="$build/crashes/$target"
    log="$build/logs/$target.log"
    mkdir -p "$work" "$crashes" "$(dirname "$log")"
    # New inputs go to the work corpus in the build dir; the committed seeds stay as they are.
    status=0
    "$build/tests/fuzz/$target" "$work" "$root/tests/fuzz/corpus/$target" \
        -max_total_time="$seconds" -timeout=30 -rss_limit_mb=3072 -max_len=65536 \
        -print_final_stats=1 -artifact_prefix="$crashes/" >"$log" 2>&1 || status=$?
    execs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*$' || true)
    found=$(find "$crashes" -type f | wc -l)
    if [ "$status" -ne 0 ] || [ "$found" -gt 0 ]; then
        failed=1
    fi
    rows+=("$(printf '%-22s %12s %8s %6s' "$target" "${execs:-?}" "$found" "$status")")
done

printf '%-22s %12s %8s %6s\n' target execs crashes exit
printf '%s\n' "${rows[@]}"
if [ "$failed" -ne 0 ]; then
    echo "crash inputs and logs: $build/crashes/, $build/logs/" >&2
fi
exit "$failed"
