"""The peers' side of the kpi-fold workload, and the input generator and cross-check.

    python kpi_fold.py generate ROWS input.csv
    python kpi_fold.py run PEER input.csv groups.csv [THREADS]   # PEER: polars, duckdb, pandas; one timing line
    python kpi_fold.py check ours.csv theirs.csv input.csv   # counts and means exactly, quantiles by rank

Each peer reads the file into its own frame first (not timed, as the library's side builds its cases untimed), then,
timed, derives the UTC day from the creation instant (the library buckets the instant inside its fold too), groups by
channel x priority x day and computes count, mean, median and p90 of the first-reply seconds: best of three, wall and
process CPU time, one thread.
"""

import csv
import math
import os
import random
import sys
import time

CHANNELS = ["email", "chat", "phone", "webForm"]
PRIORITIES = ["urgent", "high", "normal", "low"]
START = 1_788_220_800  # 2026-09-01T00:00:00Z; 90 days: 4 x 4 x 90 = 1,440 groups


def generate(rows: int, path: str) -> None:
    rng = random.Random(2026)
    with open(path, "w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["channel", "priority", "created", "first_reply"])
        for _ in range(rows):
            created = START + rng.randrange(90 * 86_400)
            reply = round(rng.lognormvariate(math.log(3_600), 1.2))
            out.writerow([rng.choice(CHANNELS), rng.choice(PRIORITIES), created, reply])


def timed(fold):
    best_wall, best_cpu, result = math.inf, math.inf, None
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        result = fold()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return best_wall, best_cpu, result


def run(peer: str, path: str, output: str, threads: int = 1) -> None:
    if peer == "polars":
        import polars as pl

        frame = pl.read_csv(path)

        def fold():
            days = frame.with_columns((pl.col("created") // 86_400).alias("day"))
            return days.group_by(["channel", "priority", "day"]).agg(
                pl.len().alias("count"),
                pl.col("first_reply").mean().alias("mean"),
                pl.col("first_reply").median().alias("median"),
                pl.col("first_reply").quantile(0.9, "linear").alias("p90"),
            )

        wall, cpu, result = timed(fold)
        rows = result.rows()
    elif peer == "duckdb":
        import duckdb

        connection = duckdb.connect()
        connection.execute(f"SET threads TO {threads}")
        connection.execute(f"CREATE TABLE t AS SELECT * FROM read_csv_auto('{path}')")
        query = (
            "SELECT channel, priority, created // 86400 AS day, count(*), avg(first_reply), median(first_reply), "
            "quantile_cont(first_reply, 0.9) FROM t GROUP BY channel, priority, day"
        )
        wall, cpu, rows = timed(lambda: connection.execute(query).fetchall())
    elif peer == "pandas":
        import pandas as pd

        frame = pd.read_csv(path)

        def fold():
            # Vectorised aggregations (a Python lambda per group would be the slow way to use pandas).
            day = (frame["created"] // 86_400).rename("day")
            grouped = frame.groupby([frame["channel"], frame["priority"], day])["first_reply"]
            result = grouped.agg(["count", "mean", "median"])
            result["p90"] = grouped.quantile(0.9)
            return result

        wall, cpu, result = timed(fold)
        rows = [(*key, *values) for key, values in zip(result.index, result.itertuples(index=False))]
    else:
        sys.exit(f"unknown peer {peer}")
    with open(output, "w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["channel", "priority", "day", "count", "mean", "median", "p90"])
        for row in sorted(rows, key=lambda r: (r[0], r[1], int(r[2]))):
            out.writerow(row)
    records = sum(1 for _ in open(path)) - 1
    print(
        f"kpi-fold {records} records: {records / cpu:.0f} records/s "
        f"(wall {wall:.3f} s, cpu {cpu:.3f} s, {records / wall:.0f} records/s by wall)"
    )


def check(ours: str, theirs: str, source: str) -> None:
    """Counts and means exactly; each quantile between the order statistics that bracket its rank (definitions differ:
    the sketch answers a rank, a data frame interpolates between two), widened by the sketch's 1 % bins."""

    def load(path):
        with open(path) as handle:
            return {(r["channel"], r["priority"], int(float(r["day"]))): r for r in csv.DictReader(handle)}

    values = {}
    with open(source) as handle:
        for r in csv.DictReader(handle):
            key = (r["channel"], r["priority"], int(r["created"]) // 86_400)
            values.setdefault(key, []).append(float(r["first_reply"]))
    a, b = load(ours), load(theirs)
    if a.keys() != b.keys() or a.keys() != values.keys():
        sys.exit(f"groups differ: {len(a)} ours, {len(b)} theirs, {len(values)} in the input")
    for key, row in a.items():
        other = b[key]
        data = sorted(values[key])
        if int(row["count"]) != int(float(other["count"])) or int(row["count"]) != len(data):
            sys.exit(f"{key}: count {row['count']} against {other['count']}")
        if not math.isclose(float(row["mean"]), float(other["mean"]), rel_tol=1e-9):
            sys.exit(f"{key}: mean {row['mean']} against {other['mean']}")
        for field, q in [("median", 0.5), ("p90", 0.9)]:
            rank = q * (len(data) - 1)
            low, high = data[math.floor(rank)] * 0.99, data[math.ceil(rank)] * 1.01
            for who, value in [("ours", float(row[field])), ("theirs", float(other[field]))]:
                if not low <= value <= high:
                    sys.exit(f"{key}: {who} {field} {value} outside [{low}, {high}]")
    print(f"agree: {len(a)} groups (counts and means exactly, quantiles within their order statistics)")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif command == "run":
        threads = int(sys.argv[5]) if len(sys.argv) > 5 else 1
        os.environ["POLARS_MAX_THREADS"] = str(threads)  # read when polars is first imported
        run(sys.argv[2], sys.argv[3], sys.argv[4], threads)
    elif command == "check":
        check(sys.argv[2], sys.argv[3], sys.argv[4])
