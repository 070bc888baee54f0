"""The teacher's user list for `./kit hub --users FILE`: one student a line, `name password [admin]` (# starts a
comment). Names are Unix account names (each student gets that account). `python3 user_list.py FILE` checks a file:
exit status 2 with one line per problem."""
import re
import sys

UNIX_NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")


def read_user_list(path):
    """{name: (password, admin)} from lines `name password [admin]` (# comments, blank lines ignored)."""
    users, problems = {}, []
    for number, line in enumerate(open(path, encoding="utf-8"), 1):
        words = line.split("#", 1)[0].split()
        if not words:
            continue
        if len(words) not in (2, 3) or (len(words) == 3 and words[2] != "admin"):
            problems.append("line %d: expected `name password [admin]`" % number)
        elif not UNIX_NAME.match(words[0]):
            problems.append("line %d: %r is not a Unix account name (a-z, 0-9, _ and -)" % (number, words[0]))
        elif words[0] in users:
            problems.append("line %d: %s is listed twice" % (number, words[0]))
        else:
            users[words[0]] = (words[1], len(words) == 3)
    if problems:
        raise SystemExit("kit hub: %s: %s" % (path, "; ".join(problems)))
    return users


if __name__ == "__main__":
    try:
        read_user_list(sys.argv[1])
    except SystemExit as e:
        print(e, file=sys.stderr)
        sys.exit(2)
