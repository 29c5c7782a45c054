#!/usr/bin/env python3
"""Recomputes a returned plan document from docs/model.md, independently of the service's code.

Usage: check_plan.py SOLVED.json   -> prints the recomputed score and every mismatch; exit 1 on any.
"""
import json
import math
import sys
from collections import defaultdict

DEFAULTS = {
    "tierMinutes": {"A": 2400, "B": 480, "C": 120},
    "complexityPercent": {"LOW": 75, "MEDIUM": 100, "HIGH": 150},
    "phasePercent": {"ONBOARDING": 150, "ESTABLISHED": 100},
    "visitsPerYear": {"A": 24, "B": 12, "C": 4},
    "unassignedPenalty": {"A": 100, "B": 10, "C": 1},
    "movePenalty": {"A": 2000, "B": 600, "C": 200},
}


def java_round(x):
    return math.floor(x + 0.5)


def check(plan):
    s = plan.get("settings") or {}
    p = {k: {**v, **(s.get(k) or {})} for k, v in DEFAULTS.items()}
    w = defaultdict(lambda: 1, s.get("constraintWeights") or {})
    min_exp = s.get("aTierMinExperienceYears", 5)
    intra = s.get("intraRegionTravelMinutes", 30)
    road, speed = s.get("roadFactor", 1.3), s.get("speedKmh", 80)
    regions = {r["id"]: r for r in plan["regions"]}
    sectors = {x["id"]: x for x in plan["sectors"]}
    kams = {k["id"]: k for k in plan["kams"]}
    overrides = {(o["fromRegionId"], o["toRegionId"]): o["minutes"] for o in plan.get("travelOverrides") or []}
    forbidden = {(f["kamId"], f["accountId"]) for f in plan.get("forbiddenPairs") or []}
    affinity = {(f["kamId"], f["accountId"]): f["penalty"] for f in plan.get("affinities") or []}

    def travel_minutes(r1, r2):
        if (r1, r2) in overrides:
            return overrides[(r1, r2)]
        if (r2, r1) in overrides:
            return overrides[(r2, r1)]
        if r1 == r2:
            return intra
        a, b = regions[r1], regions[r2]
        la1, la2 = math.radians(a["latitude"]), math.radians(b["latitude"])
        h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
            math.radians(b["longitude"] - a["longitude"]) / 2) ** 2
        km = 6371.0 * 2 * math.atan2(math.sqrt(h), math.sqrt(1 - h))
        return java_round(km * road / speed * 60)

    errors = []
    hard = medium = soft = 0
    load, count, travel_by_kam, sector_count = defaultdict(int), defaultdict(int), defaultdict(int), defaultdict(int)
    assigned = moved = total_travel = 0
    for a in plan["accounts"]:
        tier = a["tier"]
        if "workloadOverrideMinutes" in a:
            base = a["workloadOverrideMinutes"]
        else:
            base = java_round(p["tierMinutes"][tier] * p["complexityPercent"][a.get("complexity", "MEDIUM")]
                              * p["phasePercent"][a.get("phase", "ESTABLISHED")] / 10000)
        k = a.get("assignedKamId")
        if k is None:
            medium -= w["Unassigned account"] * p["unassignedPenalty"][tier]
            continue
        kam = kams[k]
        if not kam.get("active", True):
            errors.append(f"{a['id']} is on inactive KAM {k}")
        t = 0 if a.get("remote") else java_round(p["visitsPerYear"][tier] * 2 * travel_minutes(kam["homeRegionId"], a["regionId"]) / 12)
        if a.get("workloadMinutes") != base + t or a.get("travelMinutes") != t:
            errors.append(f"{a['id']}: workload/travel {a.get('workloadMinutes')}/{a.get('travelMinutes')} != {base + t}/{t}")
        assigned += 1
        total_travel += t
        load[k] += base + t
        count[k] += 1
        travel_by_kam[k] += t
        sector_count[(k, a["sectorId"])] += 1
        sector = sectors[a["sectorId"]]
        expert = a["sectorId"] in (kam.get("sectorIds") or [])
        if tier == "A" and kam.get("experienceYears", 0) < min_exp:
            hard -= w["A-account needs experienced KAM"]
        if sector.get("expertiseRequired", False) and not expert:
            hard -= w["Required sector expertise"]
        if not sector.get("expertiseRequired", False) and not expert:
            soft -= w["Preferred sector expertise"] * 300
        if (k, a["id"]) in forbidden:
            hard -= w["Forbidden pair"]
        soft -= w["Travel time"] * t
        if a.get("currentKamId") is not None and a["currentKamId"] != k:
            moved += 1
            soft -= w["Account continuity"] * p["movePenalty"][tier]
        if (k, a["id"]) in affinity:
            soft -= w["Account affinity"] * affinity[(k, a["id"])]
    for (k, sid), c in sector_count.items():
        hard -= w["Sector cap"] * max(0, c - sectors[sid]["maxAccountsPerKam"])
    utils = []
    for kam in plan["kams"]:
        k, cap = kam["id"], kam.get("capacityMinutes", 7200)
        if (kam.get("loadMinutes"), kam.get("accountCount"), kam.get("travelMinutes")) != (load[k], count[k], travel_by_kam[k]):
            errors.append(f"KAM {k}: load/count/travel {kam.get('loadMinutes')}/{kam.get('accountCount')}/{kam.get('travelMinutes')}"
                          f" != {load[k]}/{count[k]}/{travel_by_kam[k]}")
        hard -= w["KAM capacity"] * max(0, load[k] - cap)
        if kam.get("maxAccounts") is not None:
            hard -= w["Max accounts per KAM"] * max(0, count[k] - kam["maxAccounts"])
        if load[k] > 0:
            soft -= w["Balanced workload"] * (load[k] * load[k] // cap)
        if kam.get("active", True):
            utils.append(load[k] / cap)
    score = f"{hard}hard/{medium}medium/{soft}soft"
    if plan.get("score") != score:
        errors.append(f"score {plan.get('score')} != recomputed {score}")
    expected = {"assignedAccounts": assigned, "unassignedAccounts": len(plan["accounts"]) - assigned,
                "movedAccounts": moved, "totalTravelMinutes": total_travel}
    for key, value in expected.items():
        if plan["summary"][key] != value:
            errors.append(f"summary.{key} {plan['summary'][key]} != {value}")
    for key, value in (("utilizationMin", min(utils)), ("utilizationMax", max(utils)),
                       ("utilizationMean", sum(utils) / len(utils))):
        if abs(plan["summary"][key] - value) > 1e-9:
            errors.append(f"summary.{key} {plan['summary'][key]} != {value}")
    return score, min(utils), max(utils), errors


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        document = json.load(f)
    score, lo, hi, problems = check(document)
    print(f"recomputed {score}; reported {document.get('score')}; utilization {lo:.3f}-{hi:.3f} (spread {hi - lo:.3f})")
    for problem in problems[:50]:
        print("MISMATCH", problem)
    sys.exit(1 if problems else 0)
