#!/usr/bin/env bash
# Import throughput and peak memory for every shape on generated 1 M-row files, and a 2 GB ticket file streamed:
#     bash Benchmarks/import-shapes.sh [DIR] [ROWS]        (default /tmp/import-shapes, 1000000)
# Each shape runs in its own process (so that its peak resident set is its own), three times.
set -euo pipefail
cd "$(dirname "$0")/.."
dir="${1:-/tmp/import-shapes}"
rows="${2:-1000000}"
swift build -c release --package-path Benchmarks --product import-shapes-benchmark > /dev/null
bin="$(swift build -c release --package-path Benchmarks --show-bin-path)/import-shapes-benchmark"
[ -f "$dir/tickets.csv" ] || "$bin" generate "$dir" "$rows"
for round in 1 2 3; do
    for shape in tickets events events-grouped contacts surveys surveys-batches surveys-batches-unchecked; do
        case "$shape" in
            tickets) file=tickets.csv ;; events | events-grouped) file=events.csv ;; contacts) file=calls.csv ;;
            surveys | surveys-batches*) file=responses.csv ;;
        esac
        "$bin" "$shape" "$dir/$file"
    done
done
if [ "${BIG:-1}" = 1 ]; then
    [ -f "$dir/big/tickets.csv" ] || "$bin" generate "$dir/big" 1 --tickets-bytes 2000000000
    "$bin" tickets "$dir/big/tickets.csv"
    "$bin" tickets-unchecked "$dir/big/tickets.csv"
fi
