"""Checks for pre-commit: `check_files.py xml FILE...` (well-formed), `check_files.py po FILE...`."""

import sys

from lxml import etree


def check_xml(path):
    etree.parse(path)


def check_po(path):
    import polib

    po = polib.pofile(path)
    if path.endswith(".po"):
        untranslated = [e.msgid for e in po.untranslated_entries() if not e.obsolete]
        if untranslated:
            raise ValueError(f"{len(untranslated)} untranslated entries, e.g. {untranslated[0][:60]!r}")


def main(kind, paths):
    failed = 0
    for path in paths:
        try:
            {"xml": check_xml, "po": check_po}[kind](path)
        except Exception as exc:
            print(f"{path}: {exc}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2:]))
