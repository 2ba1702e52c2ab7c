"""pre-commit check of the .po files: every entry is translated (`check_po.py FILE...`).

What the standard hooks leave: pre-commit-hooks' check-xml checks the XML, OCA's oca-checks-po the PO syntax.
"""

import sys

import polib


def untranslated(path):
    return [e.msgid for e in polib.pofile(path).untranslated_entries() if not e.obsolete]


def main(paths):
    failed = 0
    for path in paths:
        try:
            missing = untranslated(path)
        except Exception as exc:
            print(f"{path}: {exc}")
            failed += 1
            continue
        if missing:
            print(f"{path}: {len(missing)} untranslated entries, e.g. {missing[0][:60]!r}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
