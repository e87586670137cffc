"""The peers' side of the survey workloads, and the input generator and cross-check.

    python survey.py generate ROWS input.csv
    python survey.py run input.csv scores.csv [weighted]     # numpy; prints one timing line
    python survey.py check ours.csv theirs.csv [weighted]

numpy reads the columns into arrays first (not timed), then, timed: weight sums per segment and point with
`bincount`, the NPS with its adjusted-Wald interval (Bonett and Price's +3 adjustment, as the library), and the CSAT
favourable share (4-5) with Wilson and Clopper-Pearson (scipy's beta quantiles) intervals, at 95 %, on Kish's
effective n. Best of three, wall and process CPU time, one thread.
"""

import csv
import math
import sys
import time

SEGMENTS = 50
Z = 1.959963984540054


def generate(rows: int, path: str) -> None:
    import numpy as np

    rng = np.random.default_rng(2026)
    segments = rng.integers(0, SEGMENTS, rows)
    nps = rng.choice(11, rows, p=[0.04, 0.02, 0.03, 0.04, 0.05, 0.08, 0.09, 0.15, 0.15, 0.15, 0.20])
    csat = rng.choice(5, rows, p=[0.08, 0.10, 0.17, 0.35, 0.30]) + 1
    weights = np.round(rng.uniform(0.1, 3.0, rows), 2)
    with open(path, "w") as handle:
        handle.write("segment,nps,csat,weight\n")
        for start in range(0, rows, 1_000_000):
            end = min(rows, start + 1_000_000)
            handle.write(
                "".join(
                    f"s{s:02d},{n},{c},{w:.2f}\n"
                    for s, n, c, w in zip(segments[start:end], nps[start:end], csat[start:end], weights[start:end])
                )
            )


def run(path: str, output: str, weighted: bool) -> None:
    import numpy as np
    from scipy.stats import beta

    import pandas as pd

    table = pd.read_csv(path)
    labels = sorted(table["segment"].unique())
    code = {label: position for position, label in enumerate(labels)}
    segments = table["segment"].map(code).to_numpy(np.int64)
    nps = table["nps"].to_numpy(np.int64)
    csat = table["csat"].to_numpy(np.int64)
    weights = table["weight"].to_numpy(np.float64) if weighted else None
    del table
    count = len(labels)

    def score():
        w = weights
        npsw = np.bincount(segments * 11 + nps, weights=w, minlength=count * 11).reshape(count, 11)
        csatw = np.bincount(segments * 5 + (csat - 1), weights=w, minlength=count * 5).reshape(count, 5)
        squares = np.bincount(segments, weights=w * w, minlength=count) if w is not None else npsw.sum(1)
        total = npsw.sum(1)
        n = total * total / squares
        p = npsw[:, 9:].sum(1) / total
        d = npsw[:, :7].sum(1) / total
        size = n + 3
        ap, ad = (p * n + 0.75) / size, (d * n + 0.75) / size
        centre = ap - ad
        half = Z * np.sqrt(np.maximum(0, ap + ad - centre * centre) / size)
        nps_value = (p - d) * 100
        nps_low = np.maximum(-100, (centre - half) * 100)
        nps_high = np.minimum(100, (centre + half) * 100)
        ctotal = csatw.sum(1)
        share = csatw[:, 3:].sum(1) / ctotal
        cn = ctotal * ctotal / squares
        z2 = Z * Z
        wcentre = (share + z2 / (2 * cn)) / (1 + z2 / cn)
        whalf = Z / (1 + z2 / cn) * np.sqrt(share * (1 - share) / cn + z2 / (4 * cn * cn))
        successes = np.minimum(cn, share * cn)
        cp_low = np.where(successes == 0, 0, beta.ppf(0.025, successes, cn - successes + 1))
        cp_high = np.where(successes == cn, 1, beta.ppf(0.975, successes + 1, cn - successes))
        return (npsw, csatw, total, nps_value, nps_low, nps_high, share, np.maximum(0, wcentre - whalf),
                np.minimum(1, wcentre + whalf), cp_low, cp_high)

    best_wall, best_cpu, result = math.inf, math.inf, None
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.process_time()
        result = score()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    npsw, csatw = result[0], result[1]
    with open(output, "w", newline="") as handle:
        out = csv.writer(handle, lineterminator="\n")
        out.writerow(["segment", "nps", "nps_low", "nps_high", "csat", "wilson_low", "wilson_high", "cp_low",
                      "cp_high", "nps_weights", "csat_weights"])
        for i, label in enumerate(labels):
            out.writerow([label, *(repr(float(result[k][i])) for k in range(3, 11)),
                          " ".join(repr(float(v)) for v in npsw[i]), " ".join(repr(float(v)) for v in csatw[i])])
    answers = 2 * len(segments)
    name = "survey-weighted" if weighted else "survey"
    print(f"{name} {answers} answers: {answers / best_cpu:.0f} answers/s "
          f"(wall {best_wall:.3f} s, cpu {best_cpu:.3f} s, {answers / best_wall:.0f} answers/s by wall)")


def check(ours: str, theirs: str, weighted: bool) -> None:
    """Weight sums per point exactly when unweighted (relative 1e-12 weighted: numpy sums in its own order); scores
    and intervals to relative 1e-9 (Clopper-Pearson 1e-7: two beta-quantile implementations)."""

    def load(path):
        with open(path) as handle:
            return {r["segment"]: r for r in csv.DictReader(handle)}

    a, b = load(ours), load(theirs)
    if a.keys() != b.keys():
        sys.exit(f"segments differ: {sorted(a)} against {sorted(b)}")
    for segment, row in a.items():
        other = b[segment]
        for field in ["nps_weights", "csat_weights"]:
            mine = [float(v) for v in row[field].split()]
            yours = [float(v) for v in other[field].split()]
            tolerance = 1e-12 if weighted else 0
            if len(mine) != len(yours) or any(abs(x - y) > tolerance * max(1, abs(y)) for x, y in zip(mine, yours)):
                sys.exit(f"{segment} {field}: {mine} against {yours}")
        for field in ["nps", "nps_low", "nps_high", "csat", "wilson_low", "wilson_high", "cp_low", "cp_high"]:
            tolerance = 1e-7 if field.startswith("cp") else 1e-9
            if not math.isclose(float(row[field]), float(other[field]), rel_tol=tolerance, abs_tol=1e-12):
                sys.exit(f"{segment} {field}: {row[field]} against {other[field]}")
    print(f"agree: {len(a)} segments")


if __name__ == "__main__":
    command = sys.argv[1]
    if command == "generate":
        generate(int(sys.argv[2]), sys.argv[3])
    elif command == "run":
        run(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "weighted")
    elif command == "check":
        check(sys.argv[2], sys.argv[3], len(sys.argv) > 4 and sys.argv[4] == "weighted")
