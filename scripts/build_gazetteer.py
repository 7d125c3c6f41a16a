"""Build speechlint's gazetteer from the administrative-divisions table.

Usage (from the repository root)::

    python scripts/build_gazetteer.py path/to/divisions.csv

Reads ``code,name,short_name,level,parent_code`` (see the data notice,
src/speechlint/data/NOTICE.md) and writes ``src/speechlint/data/gazetteer.csv``
with the columns ``code,name,short,suffix``:

- ``short`` is left empty when it equals the full name (旗, 矿区, one-character stems);
- ``suffix`` is the unit word the self-references follow (县, 市, 自治州, 旗 …);
- level and parent are not stored: they follow from the code (``xx0000`` province,
  ``xxxx00`` prefecture, else county; a county's parent is its prefecture when that
  exists, else its province).  The script checks both against the source and stops
  if a row disagrees, so the loader can derive them safely.

Rerun it when the source table changes, then run
``python scripts/build_place_ordinary_words.py`` (it reads the gazetteer written here).
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path

OUT = Path("src/speechlint/data/gazetteer.csv")

# Longest first: the unit word a name ends with.
SUFFIXES = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "联合旗", "地区", "林区", "特区", "新区", "矿区",
    "省", "市", "县", "区", "旗", "盟", "州",
)


def suffix_of(name: str, short: str) -> str:
    """The unit word: what follows the short name (nationality names dropped), else the name's ending."""
    rest = name[len(short):] if short != name else name
    for s in SUFFIXES:
        if rest.endswith(s) and len(rest) >= len(s) + (short == name):
            return "旗" if s == "联合旗" else s
    if name.endswith("区"):  # 城区, 郊区, 矿区: the whole name is the unit word
        return "区"
    raise ValueError(f"no unit suffix in {name!r}")


def level_of(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def parent_of(code: str, codes: set[str]) -> str:
    level = level_of(code)
    if level == "province":
        return ""
    if level == "prefecture":
        return code[:2] + "0000"
    prefecture = code[:4] + "00"
    return prefecture if prefecture in codes else code[:2] + "0000"


def build(source: Path) -> str:
    with source.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    codes = {r["code"] for r in rows}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["code", "name", "short", "suffix"])
    for r in sorted(rows, key=lambda r: r["code"]):
        code, name, short = r["code"], r["name"], r["short_name"]
        if level_of(code) != r["level"]:
            raise SystemExit(f"{code} {name}: level {r['level']} does not follow from the code")
        if parent_of(code, codes) != r["parent_code"]:
            raise SystemExit(f"{code} {name}: parent {r['parent_code']} does not follow from the code")
        if not name.startswith(short):
            raise SystemExit(f"{code} {name}: short name {short!r} is not a prefix")
        writer.writerow([code, name, "" if short == name else short, suffix_of(name, short)])
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("divisions", type=Path, help="divisions.csv (code,name,short_name,level,parent_code)")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    text = build(args.divisions)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output}: {text.count(chr(10)) - 1} units, {len(text.encode())} bytes", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
