"""pre-commit check of the .po files: every entry is translated, and every entry is in the addon's .pot
(`check_po.py FILE...`): Odoo merges the .pot into the .po when it loads it and drops, silently, what the .pot
lacks: such a translation is never shown.

What the standard hooks leave: pre-commit-hooks' check-xml checks the XML, OCA's oca-checks-po the PO syntax.
"""

import sys
from pathlib import Path

import polib


def untranslated(path):
    return [e.msgid for e in polib.pofile(path).untranslated_entries() if not e.obsolete]


def not_in_pot(path):
    """The entries of the .po at ``path`` that its addon's .pot (i18n/<addon>.pot) lacks."""
    path = Path(path).resolve()
    pot = path.with_name(path.parent.parent.name + ".pot")
    if path.suffix != ".po" or not pot.exists():
        return []
    known = {(e.msgctxt, e.msgid) for e in polib.pofile(str(pot))}
    return [e.msgid for e in polib.pofile(str(path)) if not e.obsolete and (e.msgctxt, e.msgid) not in known]


def main(paths):
    failed = 0
    for path in paths:
        try:
            missing = untranslated(path)
            dropped = not_in_pot(path)
        except Exception as exc:
            print(f"{path}: {exc}")
            failed += 1
            continue
        if dropped:
            print(f"{path}: {len(dropped)} entries missing from the .pot (Odoo drops them), e.g. {dropped[0][:60]!r}")
            failed += 1
        if missing:
            print(f"{path}: {len(missing)} untranslated entries, e.g. {missing[0][:60]!r}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
