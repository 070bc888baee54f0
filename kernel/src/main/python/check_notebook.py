"""Checks an executed notebook for what nbconvert does not: a cell tagged `raises-exception` must really fail (else
a failure shown on purpose could silently stop failing), and when such a cell has a line comment
`// throws: TEXT`, its error, read as "Name: message", must contain TEXT.
Usage: check_notebook.py EXECUTED.ipynb…  (one line per problem on stderr, exit status 1 if any)"""
import json
import sys

MARKER = "// throws:"


def problems(nb):
    """The problems of one executed notebook (a dict as nbformat's JSON), as one line each."""
    found = []
    code_cells = [c for c in nb.get("cells", []) if c.get("cell_type") == "code"]
    for number, cell in enumerate(code_cells, 1):
        if "raises-exception" not in cell.get("metadata", {}).get("tags", []):
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        first = source.strip().splitlines()[0] if source.strip() else ""
        if not errors:
            found.append("code cell %d is tagged raises-exception but did not fail: %s" % (number, first))
            continue
        said = "%s: %s" % (errors[0].get("ename", ""), errors[0].get("evalue", ""))
        for line in source.splitlines():
            if MARKER in line:
                want = line.split(MARKER, 1)[1].strip()
                if want not in said:
                    found.append("code cell %d should fail with '%s' but failed with '%s'" % (number, want, said))
    return found


def main(paths):
    failed = False
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for problem in problems(json.load(f)):
                print("%s: %s" % (path, problem), file=sys.stderr)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
