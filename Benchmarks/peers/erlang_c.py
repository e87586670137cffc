"""The peers' side of the Erlang C workloads: call-center-tools and pyworkforce, and the input generator and check.

    python erlang_c.py generate ROWS input.csv [ERLANGS]   # ROWS intervals of 10-300 Erlangs, or all of ERLANGS
    python erlang_c.py run PEER input.csv agents.csv       # PEER: call-center-tools, pyworkforce
    python erlang_c.py check ours.csv theirs.csv

Each interval: calls per hour and average handle time; 80 % answered within 20 s, occupancy at most 85 %, shrinkage
30 %. Best of three, wall and process CPU time.
"""

import csv
import math
import random
import sys
import time


def generate(rows: int, path: str, erlangs: float = 0) -> None:
    rng = random.Random(2026)
    with open(path, "w") as handle:
        handle.write("calls_per_hour,aht\n")
        for _ in range(rows):
            aht = rng.randrange(120, 601)
            traffic = erlangs or rng.uniform(10, 300)
            handle.write(f"{round(traffic * 3600 / aht, 3)},{aht}\n")


def run(peer: str, path: str, output: str) -> None:
    with open(path) as handle:
        loads = [(float(r["calls_per_hour"]), float(r["aht"])) for r in csv.DictReader(handle)]
    if peer == "call-center-tools":
        from call_center_tools import calc_staffing

        def staff(calls, aht):
            result = calc_staffing(calls, aht, max_occupancy=0.85, target_answer_time=20,
                                   target_service_level=0.8, shrinkage=0.3)
            return result.agents, result.agents_with_shrinkage
    elif peer == "pyworkforce":
        from pyworkforce.queuing import ErlangC

        def staff(calls, aht):
            erlang = ErlangC(transactions=calls / 2, asa=20 / 60, aht=aht / 60, interval=30, shrinkage=0.3)
            result = erlang.required_positions(service_level=0.8, max_occupancy=0.85)
            return result["raw_positions"], result["positions"]
    else:
        sys.exit(f"unknown peer {peer}")
    best_wall, best_cpu, results = math.inf, math.inf, []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        results = [staff(calls, aht) for calls, aht in loads]
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    with open(output, "w") as handle:
        handle.write("agents,scheduled\n")
        handle.writelines(f"{a},{s}\n" for a, s in results)
    n = len(loads)
    print(f"erlang-c {n} intervals: {n / best_cpu:.0f} intervals/s (wall {best_wall / n:.6f} s, "
          f"cpu {best_cpu / n:.6f} s per interval, {n / best_wall:.0f} intervals/s by wall)")


def check(ours: str, theirs: str) -> None:
    """Agents exactly (interval by interval); scheduled agents are reported, not checked: the tools round the
    shrinkage division differently (call-center-tools rounds half away, the library takes the smallest count whose
    available share covers the agents)."""
    with open(ours) as a, open(theirs) as b:
        mine, yours = list(csv.DictReader(a)), list(csv.DictReader(b))
    differ = [i for i, (x, y) in enumerate(zip(mine, yours)) if int(x["agents"]) != int(float(y["agents"]))]
    if len(mine) != len(yours) or differ:
        sys.exit(f"agents differ in {len(differ)} of {len(mine)} intervals, first at {differ[:5]}")
    scheduled = sum(int(x["scheduled"]) != int(float(y["scheduled"])) for x, y in zip(mine, yours))
    print(f"agree: {len(mine)} intervals (agents exactly; scheduled agents differ in {scheduled})")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 0)
    elif command == "run":
        run(sys.argv[2], sys.argv[3], sys.argv[4])
    elif command == "check":
        check(sys.argv[2], sys.argv[3])
