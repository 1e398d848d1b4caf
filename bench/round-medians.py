"""The medians of side-by-side load rounds (bench/side-by-side.sh): for each build, store and
connection count, the median requests per second and gateway CPU of each path, and the median
and spread of every ratio of two paths' rates within a round (400/404 when both ran):
`bench/round-medians.py DIR`, where DIR holds the rounds' reports as before-N.md and after-N.md."""
import glob
import re
import statistics
import sys

ROW = re.compile(r"\| (SQLite|PostgreSQL) \| (\d{3}) \| (\d+) \| (\d+) \| \d+ \| \d+ \| ([\d.]+) \|")
RATIOS = [("400", "404"), ("404", "401"), ("201", "404")]


def rounds(directory, build):
    """Each round's cells: (store, path, connections) -> (req/s, gateway CPU µs per request)."""
    found = []
    for name in sorted(glob.glob(f"{directory}/{build}-*.md"), key=lambda n: int(re.findall(r"(\d+)\.md$", n)[0])):
        cells = {}
        for line in open(name):
            match = ROW.match(line)
            if match:
                store, path, connections, rate, cpu = match.groups()
                cells[(store, path, int(connections))] = (int(rate), float(cpu))
        found.append(cells)
    return found


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: bench/round-medians.py DIR")
    directory = sys.argv[1]
    print("| build | rounds | store | connections | ratio | median | spread | rates (median req/s) | gateway CPU µs (median) |")
    print("|---|---:|---|---:|---|---:|---|---|---|")
    for build in ("before", "after"):
        taken = rounds(directory, build)
        keys = sorted({key for cells in taken for key in cells}, key=lambda k: (k[0], k[2], k[1]))
        for store, connections in sorted({(k[0], k[2]) for k in keys}, key=lambda k: (k[0] != "SQLite", k[1])):
            for top, bottom in RATIOS:
                a, b = (store, top, connections), (store, bottom, connections)
                both = [cells for cells in taken if a in cells and b in cells]
                if not both:
                    continue
                ratios = [cells[a][0] / cells[b][0] for cells in both]
                rates = ", ".join(
                    f"{path} {statistics.median(cells[(store, path, connections)][0] for cells in both):,.0f}"
                    for path in (bottom, top)
                )
                cpus = ", ".join(
                    f"{path} {statistics.median(cells[(store, path, connections)][1] for cells in both):.1f}"
                    for path in (bottom, top)
                )
                print(
                    f"| {build} | {len(both)} | {store} | {connections} | {top}/{bottom} "
                    f"| **{statistics.median(ratios):.2f}** | {min(ratios):.2f}–{max(ratios):.2f} | {rates} | {cpus} |"
                )


main()
