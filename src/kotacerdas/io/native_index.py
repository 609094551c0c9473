"""The native index input form: a framework YAML plus a CSV/XLSX keyed by kabupaten/kota code.

The framework is a tree; leaves are indicators::

    code: Kesiapan
    name: Indeks Kesiapan Smart City
    groups: [island_group, type]          # optional Group columns (registry columns are added)
    denominators: [population]            # optional Denominator columns of the data
    children:
      - code: Suprastruktur
        children:
          - {code: ekppd, name: Skor EKPPD, direction: 1, weight: 1}
          - {code: budget, denominator: population}

The data has a ``code`` column (``63.71`` or ``6371``) checked against the region registry, and one
column per indicator. Both are converted to COINr's iData/iMeta so one engine serves both forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kotacerdas.engine.indicators.table import InputTable
from kotacerdas.errors import InputError, Location
from kotacerdas.io.index_tables import read_index_table, read_table

if TYPE_CHECKING:  # the registry and pandas only for the annotations: COINr-form CSV inputs (index
    # build) load neither
    import pandas as pd

    from kotacerdas.io.registry import Registry

REGISTRY_GROUPS = ("type", "province", "island_group")


def _fail(file: str, message: str, *, code: str, **params: object) -> InputError:
    return InputError(message, location=Location(file=file), code=code, params=params)


def framework_to_meta(tree: dict[str, Any], file: str = "framework") -> pd.DataFrame:
    """Turn a framework tree into an iMeta table (levels from depth; leaves must share one depth)."""
    rows: list[dict[str, Any]] = []
    depths: dict[str, int] = {}

    def height(node: dict[str, Any]) -> int:
        kids = node.get("children") or []
        return 1 if not kids else 1 + max(height(k) for k in kids)

    def walk(node: Any, parent: str | None, level: int) -> None:
        if not isinstance(node, dict) or "code" not in node:
            if parent is None:
                raise _fail(file, "every node needs a code (under the top)", code="top_node_without_code")
            raise _fail(
                file, f"every node needs a code (under {parent})", code="node_without_code", parent=parent
            )
        code = str(node["code"])
        if code in depths:
            raise _fail(
                file,
                f"the code {code!r} appears twice in the framework",
                code="framework_code_twice",
                node=code,
            )
        kids = node.get("children") or []
        if not kids and level != 1:
            raise _fail(
                file,
                f"indicator {code!r} sits at level {level}; all indicators must be at the same depth",
                code="indicator_depth",
                node=code,
                level=level,
            )
        depths[code] = level
        rows.append({
            "iCode": code, "iName": node.get("name", code), "Level": level, "Parent": parent,
            "Direction": node.get("direction", 1), "Weight": node.get("weight", 1),
            "Type": "Indicator" if not kids else "Aggregate", "Denominator": node.get("denominator"),
            "Target": node.get("target"),
        })  # fmt: skip
        for kid in kids:
            walk(kid, code, level - 1)

    walk(tree, None, height(tree))
    for col in tree.get("groups", []) or []:
        rows.append({"iCode": str(col), "iName": str(col), "Type": "Group"})
    for col in tree.get("denominators", []) or []:
        rows.append({"iCode": str(col), "iName": str(col), "Type": "Denominator"})
    rows.sort(key=lambda r: (r.get("Level") is None, r.get("Level") or 0))
    import pandas as pd  # here: the native form builds its iMeta as a frame; COINr CSV inputs need no pandas

    return pd.DataFrame(rows)


def read_native(
    framework_path: str | Path, data_path: str | Path, registry: Registry | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read the native form and return (iData, iMeta); region codes are validated by the registry."""
    # here: only the native form reads a framework YAML and combines frames
    import pandas as pd
    import yaml

    fpath = Path(framework_path)
    try:
        tree = yaml.safe_load(fpath.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise _fail(
            str(fpath), f"cannot read the framework: {exc}", code="unreadable_framework", reason=str(exc)
        ) from None
    if not isinstance(tree, dict):
        raise _fail(
            str(fpath),
            "the framework must be a mapping with code and children",
            code="framework_not_a_mapping",
        )
    meta = framework_to_meta(tree, str(fpath))
    table = read_table(data_path)
    if "code" not in table.columns:
        raise InputError(
            "no 'code' column",
            location=Location(file=str(data_path), row=1, column="code"),
            code="missing_column",
            params={"wanted": "'code'"},
        )
    # local import: only the native form checks region codes; COINr iData/iMeta runs need not load it
    from kotacerdas.io.registry import load_registry

    reg = registry or load_registry()
    regions = [
        reg.get(c, Location(file=str(data_path), row=i + 2, column="code"))
        for i, c in enumerate(table["code"])
    ]
    data = table.drop(columns=["code", "name"], errors="ignore")
    data.insert(0, "uCode", [r.code for r in regions])
    data.insert(1, "uName", [r.name for r in regions])
    extra = []
    for col in REGISTRY_GROUPS:
        if col not in data.columns:
            data[col] = [getattr(r, col) for r in regions]
            extra.append({"iCode": col, "iName": col, "Type": "Group"})
    meta = pd.concat([meta, pd.DataFrame(extra)], ignore_index=True) if extra else meta
    return data, meta


def read_index_inputs(
    data_path: str | Path, meta_path: str | Path
) -> tuple[InputTable | pd.DataFrame, InputTable | pd.DataFrame]:
    """iData and iMeta for the engine: a framework ``.yaml`` as META means the native form, else COINr's
    (CSV read without pandas)."""
    if Path(meta_path).suffix.lower() in (".yaml", ".yml"):
        return read_native(meta_path, data_path)
    return read_index_table(data_path), read_index_table(meta_path)
