#!/usr/bin/env bash
# Peak memory and time of `service-report` streaming a one-row-per-ticket export into the report: generated exports
# of each size given (1,000,000 and 10,000,000 rows by default; about 115 bytes a row), the shipped policy, a fixed
# evaluation instant and --unique-ids (ids unique by construction, so nothing per row is kept). Prints one line per
# size:
#     report-memory ROWS cases | peak RSS N MB | wall S s | cpu S s | R cases/s
# measured by /usr/bin/time -v. The report goes to .build/report-memory/report-ROWS.json.
#
#     bash Benchmarks/report-memory.sh [ROWS...]
set -euo pipefail
cd "$(dirname "$0")/.."
work=.build/report-memory
mkdir -p "$work"
swift build -c release --product service-report > /dev/null
bin="$(swift build -c release --show-bin-path)/service-report"
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000000 10000000)
for rows in "${sizes[@]}"; do
    file="$work/tickets-$rows.csv"
    if [ ! -f "$file" ]; then
        python3 - "$rows" "$file" << 'PY'
import random, sys, time
rows, path = int(sys.argv[1]), sys.argv[2]
rng = random.Random(2026)
start = 1_758_000_000  # 2025-09-16: a year of tickets before the evaluation instant
iso = lambda t: time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))
channels, priorities = ["email", "chat", "phone"], ["low", "normal", "high", "urgent"]
with open(path, "w") as out:
    out.write("id,created_at,first_reply_at,solved_at,channel,priority,team,agent,customer_id,customer_role,segments,tags\n")
    for number in range(rows):
        created = start + rng.randrange(420 * 86_400)
        reply_after = 60 + rng.randrange(2 * 86_400)
        reply = "" if rng.random() < 0.1 else iso(created + reply_after)
        solved = "" if rng.random() < 0.2 else iso(created + reply_after + 60 + rng.randrange(6 * 86_400))
        out.write(f"T-{number},{iso(created)},{reply},{solved},{rng.choice(channels)},{rng.choice(priorities)},"
                  f"team-{number % 7},A-{rng.randrange(200)},,,,\n")
PY
    fi
    /usr/bin/time -v "$bin" --cases "$file" --ticket-per-row --unique-ids \
        --policy Examples/SampleData/Data/service-levels.json --as-of 2026-11-14T00:00:00Z \
        --no-html --format json --quiet > "$work/report-$rows.json" 2> "$work/time-$rows.txt"
    rss="$(sed -n 's/.*Maximum resident set size (kbytes): \([0-9]*\).*/\1/p' "$work/time-$rows.txt")"
    wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): \(.*\)/\1/p' "$work/time-$rows.txt")"
    user="$(sed -n 's/.*User time (seconds): \(.*\)/\1/p' "$work/time-$rows.txt")"
    sys="$(sed -n 's/.*System time (seconds): \(.*\)/\1/p' "$work/time-$rows.txt")"
    awk -v rows="$rows" -v rss="$rss" -v wall="$wall" -v user="$user" -v sys="$sys" 'BEGIN {
        n = split(wall, parts, ":"); seconds = 0
        for (i = 1; i <= n; i++) seconds = seconds * 60 + parts[i]
        printf "report-memory %d cases | peak RSS %.0f MB | wall %.1f s | cpu %.1f s | %.0f cases/s\n",
            rows, rss / 1024, seconds, user + sys, rows / (user + sys)
    }'
done
