#!/usr/bin/env bash
# Load benchmark of the trigger endpoint (docs/benchmark.md): starts a release `delivery-host serve` on
# the embedded default (SQLite in a fresh data directory, the outbox channel as the local sink that
# deliveries go to while the load runs) and drives `POST /v1/workflows/welcome/trigger` with wrk on
# 127.0.0.1 only. Prints accepted triggers per second and p50/p99 latency. Not a test: run it by hand.
#
# Environment: DURATION (seconds, default 15), CONNECTIONS (default 64), THREADS (wrk threads, default 2),
# BINARY (a delivery-host binary to run instead of building one, e.g. a copy kept for an A/B comparison),
# ROUNDS (default 1: each round starts a fresh host and data directory; with more, a last summary gives
# the median, lowest and highest rate and the median CPU per trigger, since rates vary a lot run to run).
set -euo pipefail
cd "$(dirname "$0")/../.."
scripts/install-system-packages wrk curl

duration=${DURATION:-15}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
rounds=${ROUNDS:-1}
if [ -n "${BINARY:-}" ]; then
    binary=$BINARY
else
    swift build -c release --product delivery-host >&2
    binary="$(swift build -c release --show-bin-path)/delivery-host"
fi

run_round() {
    work=$(mktemp -d)
    "$binary" serve --data-dir "$work/data" --port 0 >"$work/banner.txt" 2>"$work/host.log" &
    host_pid=$!
    for _ in $(seq 1 600); do
        grep -q "development API key" "$work/banner.txt" 2>/dev/null && break
        sleep 0.1
    done
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/banner.txt" | head -1)
    key=$(sed -n 's/.*development API key: \([^ ]*\).*/\1/p' "$work/banner.txt")
    [ -n "$url" ] && [ -n "$key" ] || { echo "error: the host did not start; its log:" >&2; cat "$work/host.log" >&2; exit 1; }

    cat >"$work/trigger.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $key"
wrk.headers["Content-Type"] = "application/json"
local counter = 0
request = function()
    counter = counter + 1
    local body = string.format(
        '{"recipients":[{"id":"load-%d","email":"load-%d@example.com"}],"data":{"name":"Load %d"}}',
        counter % 1000, counter % 1000, counter)
    return wrk.format(nil, nil, nil, body)
end
done = function(summary, latency, requests)
    local accepted = summary.requests - summary.errors.status - summary.errors.connect
        - summary.errors.read - summary.errors.write - summary.errors.timeout
    io.write(string.format("RESULT accepted=%d seconds=%.3f non2xx=%d socket_errors=%d p50_ms=%.2f p99_ms=%.2f\n",
        accepted, summary.duration / 1e6, summary.errors.status,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
LUA

    # The host's CPU time (user + system, in clock ticks) and the machine's idle time (idle + iowait, all
    # CPUs) from /proc, read around the load.
    host_ticks() { awk '{ print $14 + $15 }' "/proc/$host_pid/stat"; }
    idle_ticks() { awk '/^cpu / { print $5 + $6 }' /proc/stat; }
    # Time the hypervisor ran something else while this machine's vCPUs wanted to run (steal, all CPUs).
    steal_ticks() { awk '/^cpu / { print $9 }' /proc/stat; }
    ticks_before=$(host_ticks)
    idle_before=$(idle_ticks)
    steal_before=$(steal_ticks)
    echo "== wrk: $threads threads, $connections connections, ${duration}s against $url (loopback only)"
    wrk -t"$threads" -c"$connections" -d"${duration}s" --latency -s "$work/trigger.lua" \
        "$url/v1/workflows/welcome/trigger" | tee "$work/wrk.txt"
    ticks_after=$(host_ticks)
    idle_after=$(idle_ticks)
    steal_after=$(steal_ticks)
    load=$(cut -d' ' -f1 /proc/loadavg)
    # The host's own histogram of request durations: how long triggers spent inside the handler.
    handler=$(curl -s -H "Authorization: Bearer $key" "$url/metrics" \
        | awk '/^deliveryhost_http_request_duration_seconds_(sum|count)\{.*trigger/ { v[$1 ~ /_sum/ ? "s" : "c"] = $2 }
               END { if (v["c"] > 0) printf "%.2f", v["s"] / v["c"] * 1000 }')
    result=$(grep '^RESULT' "$work/wrk.txt")
    accepted=$(sed -n 's/.*accepted=\([0-9]*\).*/\1/p' <<<"$result")
    seconds=$(sed -n 's/.*seconds=\([0-9.]*\).*/\1/p' <<<"$result")
    sleep 2
    delivered=$(wc -l <"$work/data/outbox/outbox.jsonl" 2>/dev/null || echo 0)
    echo
    echo "== summary"
    awk -v a="$accepted" -v s="$seconds" 'BEGIN { printf "accepted triggers per second: %.0f (target: 10000)\n", a / s }'
    sed -n 's/.*p50_ms=\([0-9.]*\) p99_ms=\([0-9.]*\).*/latency: p50 \1 ms, p99 \2 ms/p' <<<"$result"
    sed -n 's/.*non2xx=\([0-9]*\) socket_errors=\([0-9]*\).*/rejected: \1 non-2xx, \2 socket errors/p' <<<"$result"
    awk -v t="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" -v a="$accepted" \
        'BEGIN { printf "host CPU per accepted trigger: %.0f us (user + system, during the load)\n", t / hz * 1e6 / a }'
    awk -v t="$((idle_after - idle_before))" -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
        'BEGIN { printf "idle CPU during the load: %.2f cores of %d\n", t / hz / s, '"$(nproc)"' }'
    awk -v t="$((steal_after - steal_before))" -v hz="$(getconf CLK_TCK)" -v s="$seconds" \
        'BEGIN { printf "stolen by the hypervisor during the load: %.2f cores\n", t / hz / s }'
    [ -n "$handler" ] && echo "mean time inside the trigger handler: $handler ms (the host's request-duration histogram)"
    echo "load average (1 min) at the end of the load: $load"
    echo "messages delivered to the outbox sink during the run (+2 s): $delivered"
    rates+=("$(awk -v a="$accepted" -v s="$seconds" 'BEGIN { printf "%.0f", a / s }')")
    cpus+=("$(awk -v t="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" -v a="$accepted" \
        'BEGIN { printf "%.0f", t / hz * 1e6 / a }')")
    stop_host
}

# Stops the round's host and removes its data directory.
stop_host() {
    kill -TERM "$host_pid" 2>/dev/null || true
    wait "$host_pid" 2>/dev/null || true
    rm -rf "$work"
}

# The middle value of its arguments (the lower middle for an even count).
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

host_pid=""
work=""
trap 'stop_host' EXIT
rates=()
cpus=()
for round in $(seq 1 "$rounds"); do
    [ "$rounds" -gt 1 ] && echo "=== round $round of $rounds"
    run_round
done
if [ "$rounds" -gt 1 ]; then
    sorted=$(printf '%s\n' "${rates[@]}" | sort -n)
    echo
    echo "=== $rounds rounds"
    echo "accepted triggers per second: median $(median "${rates[@]}"), lowest $(head -1 <<<"$sorted"), highest $(tail -1 <<<"$sorted") (target: 10000)"
    echo "each round: ${rates[*]}"
    echo "host CPU per accepted trigger: median $(median "${cpus[@]}") us"
fi
