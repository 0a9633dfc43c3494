#!/bin/bash
# CPU time and context switches per answered request of bench_pipelineserver (all its threads),
# for two source trees in turn, so that both see the same machine: the figures the machine's other
# load changes least. Each tree needs a Release build-bench/ (tests/bench/run.sh makes it).
#
# usage: tests/bench/pipelinecpu.sh BEFORE_TREE AFTER_TREE [ROUNDS] [SEED]
#        e.g. tests/bench/pipelinecpu.sh ../before . 3 IDENTIFICATION
set -eu
before=$1; after=$2; rounds=${3:-3}; event=${4:-IDENTIFICATION}
here=$(cd "$(dirname "$0")" && pwd)
export HOOKSCOPE_BENCH_BODY=$here/../data/seeds/$event.json HOOKSCOPE_BENCH_EVENT=$event
ticks=$(getconf CLK_TCK)

run() { # run NAME TREE
    work=$(mktemp -d)
    "$2/build-bench/tests/bench/bench_pipelineserver" "$work/s.hookscope" >/dev/null 2>"$work/err" &
    pid=$!
    port=""
    for _ in $(seq 100); do
        port=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$work/err")
        [ -n "$port" ] && break
        sleep 0.1
    done
    cpu_before=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    wrk -t1 -c32 -d5s -s "$here/post.lua" "http://127.0.0.1:$port/" >"$work/wrk" 2>&1
    cpu_after=$(awk '{ print $14 + $15 }' "/proc/$pid/stat")
    switches=$(cat /proc/"$pid"/task/*/status | awk '/ctxt_switches/ { s += $2 } END { print s }')
    kill -INT "$pid"; wait "$pid" || true
    ok=$(sed -n 's/.* ok=\([0-9]*\).*/\1/p' "$work/wrk")
    us=$(sed -n 's/.* duration_us=\([0-9]*\).*/\1/p' "$work/wrk")
    awk -v t=$((cpu_after - cpu_before)) -v hz="$ticks" -v n="$ok" -v us="$us" -v name="$1" \
        -v cs="$switches" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
        printf "%-7s %8d req/s %7.1f us CPU/request %5.2f switches/request (load %s)\n",
            name, n / (us / 1e6), t * 1e6 / hz / n, cs / n, load }'
    rm -rf "$work"
}

echo "bench_pipelineserver, $event seed, wrk -t1 -c32 -d5s"
for _ in $(seq "$rounds"); do
    run before "$before"
    run after "$after"
done
