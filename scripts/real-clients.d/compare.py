"""Compares a driver's JSON (what a client read through the gateway) with the simulator's facts.

Usage: compare.py DRIVER_JSON FACTS_JSON; exit status 1 and the differences when they disagree.
Report frames: every scalar the XML holds must appear in the JSON with the same value, and each
list the XML holds must appear with the same length and scalars. Everything else: equal.
"""
import json
import sys


def text(value):
    """A JSON scalar as EM's XML writes it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def frame_matches(got, facts, key, problems):
    for name, expected in facts["scalars"].items():
        if text(got.get(name)) != expected and not (expected == "" and got.get(name) is None):
            problems.append(f"{key}.{name}: client read {got.get(name)!r}, simulator holds {expected!r}")
    for name, items in facts["lists"].items():
        value = got.get(name)
        # A list wrapper: {"Days": {"Day": [...]}} or {"Day": [...]} depending on the element.
        if isinstance(value, dict) and len(value) == 1:
            value = next(iter(value.values()))
        if not isinstance(value, list) or len(value) != len(items):
            problems.append(f"{key}.{name}: client read {value!r}, simulator holds {len(items)} items")
            continue
        for index, (row, expected) in enumerate(zip(value, items)):
            for field, want in expected.items():
                if text(row.get(field)) != want:
                    problems.append(f"{key}.{name}[{index}].{field}: client read {row.get(field)!r}, simulator holds {want!r}")


def main():
    got = json.load(open(sys.argv[1]))
    facts = json.load(open(sys.argv[2]))
    problems = []
    for key, expected in facts.items():
        if key not in got:
            problems.append(f"{key}: missing from the client's output")
        elif isinstance(expected, dict) and "scalars" in expected:
            frame_matches(got[key], expected, key, problems)
        elif key == "repositories":
            rows = [{k: text(v) for k, v in row.items()} for row in got[key]]
            if rows != expected:
                problems.append(f"{key}: client read {rows}, simulator holds {expected}")
        elif json.loads(json.dumps(got[key])) != expected:
            problems.append(f"{key}: client read {got[key]!r}, simulator holds {expected!r}")
    for problem in problems:
        print("MISMATCH " + problem)
    if problems:
        sys.exit(1)
    print(f"ok: {len(facts)} values equal what the simulator holds")


if __name__ == "__main__":
    main()
