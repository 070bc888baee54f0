"""The last step of the hub stage: `./kit grade --json` on the test students' copies must give what
hub/test_hub.py made each of them answer.

Usage: check_grades.py EXPECTED.json GRADE.json
EXPECTED: {student: {exercise id: "solved" | "wrong" | "not attempted"}} (test_hub.py);
GRADE: ./kit grade --json ({"students": […], "exercises": […], "grades": [{student, exercise, status, message}]}).
Prints the table; exit status 1 with one line per difference."""
import json
import sys


def main(expected_path, grade_path):
    expected = json.load(open(expected_path, encoding="utf-8"))
    graded = json.load(open(grade_path, encoding="utf-8"))
    found = {(g["student"], g["exercise"]): g for g in graded.get("grades", [])}
    problems = []
    exercises = sorted({ex for plan in expected.values() for ex in plan})
    print("  %-16s %s" % ("student", "  ".join("%-24s" % ex for ex in exercises)), file=sys.stderr)
    for student, plan in sorted(expected.items()):
        row = []
        for ex in exercises:
            grade = found.get((student, ex))
            got = grade["status"] if grade else "(not graded)"
            row.append("%-24s" % got)
            if got != plan[ex]:
                problems.append("%s %s: graded %r, the student's answer was %r (message: %s)"
                                % (student, ex, got, plan[ex], grade.get("message") if grade else "-"))
            elif got == "wrong" and not (grade.get("message") or "").strip():
                problems.append("%s %s: wrong, but without the check's hint as its message" % (student, ex))
        print("  %-16s %s" % (student, "  ".join(row)), file=sys.stderr)
    for p in problems:
        print("  FAILED: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
