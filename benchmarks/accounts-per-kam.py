#!/usr/bin/env python3
"""Accounts per KAM of a solved plan, grouped by the KAM's main sector, against docs/model.md's ranges.

A KAM's main sector is the sector most of its assigned accounts are in (ties: the earlier of its
sectorIds); every other column is a median over the KAMs of that group. Usage: benchmarks/accounts-per-kam.py solved.json [more solved.json ...]
(solved.json from `java -jar target/kam-planner-*.jar solve datasets/dach-medium.json --seconds 30 --output solved.json`).
"""
import collections
import json
import statistics
import sys

# docs/model.md, "Why these defaults"; a sector's group follows its maxAccountsPerKam in the bundled data.
RANGES = {
    "MANUFACTURING": ("manufacturing", 15, 25),
    "SERVICES": ("services/finance", 8, 15),
    "FINANCE": ("services/finance", 8, 15),
    "GREENTECH": ("GreenTech/innovative tech", 5, 10),
    "DIGITAL": ("specialised tech", 5, 8),
    "AUTOMATION": ("specialised tech", 5, 8),
    "B2B_TRADE": ("B2B trade (no documented range)", None, None),
}


def main_sector(kam, accounts):
    counts = collections.Counter(a["sectorId"] for a in accounts)
    order = {s: i for i, s in enumerate(kam.get("sectorIds") or [])}
    return max(counts, key=lambda s: (counts[s], -order.get(s, 99)))


for path in sys.argv[1:]:
    plan = json.load(open(path))
    by_kam = collections.defaultdict(list)
    for account in plan["accounts"]:
        if account.get("assignedKamId"):
            by_kam[account["assignedKamId"]].append(account)
    groups = collections.defaultdict(list)
    for kam in plan["kams"]:
        mine = by_kam.get(kam["id"], [])
        if kam.get("active", True) and mine:
            main = main_sector(kam, mine)
            share = sum(1 for a in mine if a["sectorId"] == main) / len(mine)
            hours = sum(a["workloadMinutes"] for a in mine) / len(mine) / 60
            groups[RANGES[main][0]].append((len(mine), kam["capacityMinutes"] / 60, len(kam.get("sectorIds") or []),
                                            share, hours))
    print(f"\n{path}: {len(plan['kams'])} KAMs, {len(plan['accounts'])} accounts, score {plan.get('score')}")
    print("| KAM's main sector | documented | KAMs | accounts per KAM: median (min–max) | in range | main sector's share | workload h per account | capacity h | sectors per KAM |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name, low, high in sorted({v for v in RANGES.values()}, key=lambda v: v[0]):
        rows = groups.get(name)
        if not rows:
            continue
        counts = [r[0] for r in rows]
        inside = sum(1 for c in counts if low is not None and low <= c <= high)
        documented = f"{low}–{high}" if low is not None else "–"
        print(f"| {name} | {documented} | {len(rows)} | {statistics.median(counts):g} ({min(counts)}–{max(counts)}) | "
              f"{inside if low is not None else '–'} of {len(rows)} | {100 * statistics.median(r[3] for r in rows):.0f} % | "
              f"{statistics.median(r[4] for r in rows):.1f} | {statistics.median(r[1] for r in rows):.0f} | "
              f"{statistics.median(r[2] for r in rows):g} |")
