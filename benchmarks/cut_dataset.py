#!/usr/bin/env python3
"""Cuts a smaller plan from a dataset, deterministically, for the exact (CP-SAT) reference.

cut_dataset.py SOURCE KAMS ACCOUNTS TARGET

Keeps the first KAMS KAMs in file order and then, in file order, the first ACCOUNTS accounts whose
incumbent (currentKamId) is one of them or absent, whose pin (if pinned) locks them to a kept KAM, and
that some kept KAM may serve (the sector's expertise where required, five years for an A-account:
docs/model.md's defaults), at most half the sector cap per kept expert in a sector that requires
expertise (its accounts are heavy, and the source's teams per sector are not kept whole), so that the
cut can cover every account as its source can.
Forbidden pairs and affinities are kept where both ends are kept. Settings, sectors, regions and
travel overrides are copied unchanged, so every score term means what it means in the source.
"""
import json
import sys

source, kam_count, account_count, target = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
doc = json.load(open(source, encoding="utf-8"))
kams = doc["kams"][:kam_count]
kept_kams = {k["id"] for k in kams}
expertise_required = {s["id"] for s in doc["sectors"] if s.get("expertiseRequired")}


def servable(account):
    return any((account["sectorId"] not in expertise_required or account["sectorId"] in (k.get("sectorIds") or []))
               and (account["tier"] != "A" or (k.get("experienceYears") or 0) >= 5) for k in kams)


cap = {s["id"]: s["maxAccountsPerKam"] for s in doc["sectors"]}
room = {s: sum(1 for k in kams if s in (k.get("sectorIds") or [])) * cap[s] // 2 for s in expertise_required}
accounts = []
for a in doc["accounts"]:
    incumbent = a.get("currentKamId")
    lock = a.get("assignedKamId") or incumbent
    if incumbent is not None and incumbent not in kept_kams:
        continue
    if a.get("pinned") and lock not in kept_kams:
        continue
    if not servable(a) or room.get(a["sectorId"], 1) <= 0:
        continue
    if a["sectorId"] in room:
        room[a["sectorId"]] -= 1
    accounts.append(a)
    if len(accounts) == account_count:
        break
kept_accounts = {a["id"] for a in accounts}
cut = dict(doc)
cut["name"] = f"{doc.get('name', source)} cut to {len(kams)} KAMs, {len(accounts)} accounts"
cut["kams"] = kams
cut["accounts"] = accounts
for key in ("forbiddenPairs", "affinities"):
    if key in doc:
        cut[key] = [p for p in doc[key] if p["kamId"] in kept_kams and p["accountId"] in kept_accounts]
with open(target, "w", encoding="utf-8") as out:
    json.dump(cut, out, ensure_ascii=False, indent=1)
    out.write("\n")
print(f"{target}: {len(kams)} KAMs, {len(accounts)} accounts, "
      f"{len(cut.get('forbiddenPairs', []))} forbidden pairs, {len(cut.get('affinities', []))} affinities")
