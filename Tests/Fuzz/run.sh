#!/usr/bin/env bash
# Fuzzes every decoder for a bounded time: libFuzzer with AddressSanitizer, one run per target.
#   bash Tests/Fuzz/run.sh [SECONDS_PER_TARGET] [TARGET ...]      (default 30 s, every target)
# Seeds come from the shipped sample data and built-in templates; crashes land in .build/fuzz/<target>/ and fail the
# run. Every module is built with -sanitize=fuzzer,address.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-30}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(policy configuration calendar template answers mapping cases-csv surveys-csv timestamps header tickets contacts
        surveys zendesk-tables mapped-cases mapped-contacts mapped-surveys state-distribution state-grouped
        state-compliance state-scale state-report records)
fi
root="$(cd ../.. && pwd)"
# The targets are a static library built with the sanitizers; swiftc links it into an executable whose main is
# libFuzzer's (SwiftPM's own executables name their entry point, which clashes with libFuzzer's main).
swift build -c debug --product FuzzTargets -Xswiftc -sanitize=fuzzer,address
bin="$(swift build -c debug --show-bin-path)"
binary="$bin/fuzz-decoders"
printf '' > "$bin/fuzz-main.swift"
swiftc -sanitize=fuzzer,address -parse-as-library "$bin/fuzz-main.swift" -o "$binary" -L "$bin" -lFuzzTargets \
    -lFoundation -lFoundationEssentials -lFoundationInternationalization -Xlinker -rpath -Xlinker "$bin" 2> "$bin/link.log" \
    || { cat "$bin/link.log" >&2; exit 1; }

seed() {  # target directory: copy the seeds of a target
    local target="$1" dir="$2"
    local data="$root/Examples/SampleData/Data"
    local fixtures="$root/Tests/ServiceImportTests/Fixtures"
    case "$target" in
        policy) python3 -c "import json,sys; print(json.dumps(json.load(open('$data/service-levels.json'))['policy']))" > "$dir/policy.json" ;;
        configuration) cp "$data/service-levels.json" "$dir/" ;;
        calendar) python3 -c "import json; [print(json.dumps(c), file=open('$dir/'+k+'.json','w')) for k,c in json.load(open('$data/service-levels.json'))['calendars'].items()]" ;;
        template) cp "$root"/Sources/ServiceAudit/Templates/*.json "$dir/" ;;
        answers) python3 -c "import json; print(json.dumps(json.load(open('$data/audit.json'))['answers']))" > "$dir/answers.json"
                 printf '[{"item": "CH-1", "choice": "meets"}, {"item": "CH-2", "notApplicable": true, "reason": "x"}]' > "$dir/small.json" ;;
        mapping) printf '{"shape": "eventPerRow", "columns": {"case": "a", "at": "b", "type": "c"}, "timestamps": {"pattern": "dd/MM/yyyy HH:mm", "timeZone": "Europe/London"}}' > "$dir/event.json"
                 printf '{"shape": "ticketPerRow", "columns": {"id": "a", "created": "b"}, "values": {"priority": {"P1": "urgent"}}}' > "$dir/ticket.json" ;;
        cases-csv) head -c 4000 "$data/cases.csv" > "$dir/events.csv"
                   printf 'id;created_at;first_reply_at;solved_at;channel;priority;team;agent;customer_id;customer_role;segments;tags\r\nT-1;2026-11-23T09:00:00Z;;;"e;mail";high;;;;;;\r\n' > "$dir/tickets.csv" ;;
        surveys-csv) head -c 3000 "$data/surveys.csv" > "$dir/surveys.csv" ;;
        timestamps) printf 'dd/MMM/yy h:mm a\n02/Mar/26 9:14 AM\n1h 20m\n1.234,5\n' > "$dir/jira.txt"
                    printf "yyyy-MM-dd'T'HH:mm:ss.SSSXXX\n2026-03-02T09:14:00.250+01:00\n00:04:12\n0x10\n" > "$dir/iso.txt"
                    printf 'EEE, d MMMM yyyy HH:mm:ss Z\nMon, 2 March 2026 09:14:00 -0800\n' > "$dir/rfc.txt" ;;
        header) cp "$fixtures"/*.csv "$dir/"
                printf 'Labels;Labels;Status [System]\nLabels[2];labels[*];#3\n' > "$dir/references.csv" ;;
        tickets) for f in zendesk-csv-export freshdesk-ticket-export jira-service-management-issues servicenow-incidents \
                     intercom-conversations; do head -c 6000 "$fixtures/$f.csv" > "$dir/$f.csv"; done
                 head -c 4000 "$data/cases.csv" > "$dir/events.csv" ;;
        contacts) for f in five9-call-log genesys-cloud-interactions amazon-connect-contact-records; do
                      head -c 6000 "$fixtures/$f.csv" > "$dir/$f.csv"; done ;;
        zendesk-tables) for f in "$fixtures"/zendesk-tables/*.csv; do
                            printf '=== %s\n' "$(basename "$f" .csv)"; cat "$f"; done > "$dir/tables.txt" ;;
        mapped-cases|mapped-contacts|mapped-surveys)
            # A preset's mapping as a user would write it, a line "=====", then the start of its fixture.
            local kind="${target#mapped-}" presets="$root/Sources/ServiceImport/Presets/Documents"
            for preset in "$presets"/*.json; do
                local name; name="$(basename "$preset" .json)"
                python3 -c "import json,sys; d=json.load(open('$preset')); sys.exit(0 if d['kind']=='$kind' else 1)" || continue
                local fixture="$fixtures/$name.csv"
                [ -f "$fixture" ] || fixture="$root/Tests/ServiceSatisfactionTests/Fixtures/$name.csv"
                [ -f "$fixture" ] || continue
                { python3 -c "import json; print(json.dumps(json.load(open('$preset'))['mapping']))"; printf '=====\n'
                  head -c 6000 "$fixture"; } > "$dir/$name.txt"
            done ;;
        state-*|records) ;;  # written by the fuzz binary itself (FUZZ_SEEDS): encoded states and records
        surveys) for f in qualtrics-responses surveymonkey-responses; do
                     head -c 6000 "$root/Tests/ServiceSatisfactionTests/Fixtures/$f.csv" > "$dir/$f.csv"; done
                 head -c 3000 "$data/surveys.csv" > "$dir/surveys.csv" ;;
    esac
}

status=0
for target in "${targets[@]}"; do
    work="$root/.build/fuzz/$target"
    mkdir -p "$work/corpus" "$work/seeds"
    seed "$target" "$work/seeds"
    echo "=== fuzz $target for ${seconds}s"
    # -max_len 1 MiB: deep nesting and large documents (libFuzzer's default follows the seeds, a few KiB).
    if ! FUZZ_TARGET="$target" FUZZ_DATA="$root/Examples/SampleData/Data" FUZZ_SEEDS="$work/seeds" "$binary" \
        "$work/corpus" "$work/seeds" -max_total_time="$seconds" \
        -rss_limit_mb=4096 -timeout=10 -max_len=1048576 -artifact_prefix="$work/" -print_final_stats=1 \
        > "$work/log.txt" 2>&1; then
        echo "fuzz: $target found a crash; see $work/log.txt and the crash-* input beside it" >&2
        tail -40 "$work/log.txt" >&2
        status=1
    else
        grep -E "stat::number_of_executed_units|stat::new_units_added" "$work/log.txt" | sed "s/^/  /"
    fi
done
exit $status
