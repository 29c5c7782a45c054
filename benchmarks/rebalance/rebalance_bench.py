#!/usr/bin/env python3
"""Rebalance timing, from the request to the final plan, over REST against a running service.

    KAM_PLANNER_ADMIN_TOKEN=$TOKEN java -jar target/kam-planner-*.jar --server.port=18082 &
    TOKEN=... benchmarks/rebalance/rebalance_bench.py --dataset dach-large --runs 5 [--source-seconds 30]

The token (a PLANNER or ADMIN one) comes from --token, $TOKEN, or data/admin-token (the first start's).

Solves the dataset once (the source plan), then rebalances it --runs times, each with one KAM leaving
(the KAMs with the most accounts, a different one each run), and prints per run: seconds from the
POST to status COMPLETED, accounts orphaned, moves (forced / chosen), score, and the median.
"""
import argparse
import json
import os
import statistics
import time
import urllib.request

TOKEN = None

def read_token(given):
    if given:
        return given
    if os.environ.get("TOKEN"):
        return os.environ["TOKEN"]
    try:
        with open("data/admin-token") as f:
            return f.read().strip()
    except OSError:
        raise SystemExit("give --token or TOKEN (a PLANNER or ADMIN token), or run where data/admin-token is")

def call(base, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method,
                                 headers={"Content-Type": "application/json",
                                          "Authorization": "Bearer " + TOKEN})
    with urllib.request.urlopen(req, timeout=600) as r:
        return json.loads(r.read())

def wait(base, plan_id, poll=0.05):
    while True:
        status = call(base, "GET", f"/plans/{plan_id}/status")
        if status["status"] not in ("SCHEDULED", "SOLVING"):
            return status
        time.sleep(poll)

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", default="http://localhost:18082")
    ap.add_argument("--dataset", default="dach-large")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--source-seconds", type=int, default=30)
    ap.add_argument("--leavers", type=int, default=1)
    ap.add_argument("--token", help="a PLANNER or ADMIN token (default: $TOKEN, then data/admin-token)")
    args = ap.parse_args()
    global TOKEN
    TOKEN = read_token(args.token)

    doc = call(args.base, "GET", f"/demo-data/{args.dataset}")
    doc.setdefault("settings", {})["terminationSeconds"] = args.source_seconds
    t = time.time()
    source = call(args.base, "POST", "/plans", doc)["id"]
    print(f"source {args.dataset}: {wait(args.base, source)['score']} after {time.time() - t:.1f} s")
    solved = call(args.base, "GET", f"/plans/{source}")
    # A leaver with pinned accounts is refused (400), so those KAMs are not candidates.
    pinned_on = {a.get("assignedKamId") for a in solved["accounts"] if a.get("pinned")}
    busiest = sorted((k for k in solved["kams"] if k["id"] not in pinned_on), key=lambda k: -k.get("accountCount", 0))

    times = []
    for run in range(args.runs):
        leaving = [k["id"] for k in busiest[run * args.leavers:(run + 1) * args.leavers]]
        orphans = sum(k["accountCount"] for k in busiest[run * args.leavers:(run + 1) * args.leavers])
        t = time.time()
        new_id = call(args.base, "POST", f"/plans/{source}/rebalance", {"leavingKamIds": leaving})["id"]
        final = wait(args.base, new_id)
        elapsed = time.time() - t
        times.append(elapsed)
        plan = call(args.base, "GET", f"/plans/{new_id}")
        forced = sum(1 for m in plan["moves"] if m["reason"].startswith("forced"))
        chosen = len(plan["moves"]) - forced
        undone = [w for w in plan.get("warnings", []) if "undone" in w]
        print(f"run {run + 1}: {leaving} leaving, {orphans} orphaned: {elapsed:.2f} s to {final['status']}, "
              f"moves {len(plan['moves'])} (forced {forced}, chosen {chosen}), ratio {len(plan['moves']) / max(orphans, 1):.2f}, "
              f"unassigned {plan['summary']['unassignedAccounts']}, score {final['score']}")
    print(f"median {statistics.median(times):.2f} s, min {min(times):.2f}, max {max(times):.2f}")

if __name__ == "__main__":
    main()
