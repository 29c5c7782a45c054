#!/usr/bin/env python3
"""Each test class's time from the last run's reports, slowest first, with a total per plugin.

    python3 tools/test-times/test-times.py [target] [--top N]

Reads target/surefire-reports (mvn test) and target/failsafe-reports (what mvn verify adds). The times are
JUnit's per class, the Spring context's start included in the first class that needs it; which tests are
slow is what decides what goes in src/test/integration-tests.txt.
"""
import argparse
import pathlib
import xml.etree.ElementTree as ElementTree


def classes(reports):
    for report in sorted(reports.glob("TEST-*.xml")):
        suite = ElementTree.parse(report).getroot()
        yield (float(suite.get("time", "0")), int(suite.get("tests", "0")), int(suite.get("failures", "0"))
               + int(suite.get("errors", "0")), int(suite.get("skipped", "0")), suite.get("name"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", default="target")
    parser.add_argument("--top", type=int, default=0, help="only the N slowest classes of each plugin")
    args = parser.parse_args()
    for plugin in ("surefire", "failsafe"):
        reports = pathlib.Path(args.target) / f"{plugin}-reports"
        if not reports.is_dir():
            continue
        rows = sorted(classes(reports), reverse=True)
        print(f"{plugin}: {len(rows)} classes, {sum(r[1] for r in rows)} tests, "
              f"{sum(r[2] for r in rows)} failed, {sum(r[0] for r in rows):.1f} s in all")
        for seconds, tests, failed, skipped, name in rows[:args.top or None]:
            note = (f", {failed} failed" if failed else "") + (f", {skipped} skipped" if skipped else "")
            print(f"  {seconds:7.1f} s  {tests:4d} tests{note}  {name}")


if __name__ == "__main__":
    main()
