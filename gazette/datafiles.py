"""Where the project's data files are: the ontology, the shapes, the site's templates, the registries
and the example queries. In a source checkout they are the folders at its top; a wheel carries them
as package data under `gongbao_data/` (see pyproject.toml), beside the code's packages."""
from __future__ import annotations

from pathlib import Path

_TOP = Path(__file__).resolve().parent.parent
# name -> (folder in a checkout, folder in an installed wheel)
_FOLDERS = {
    "ontology": ("ontology", "gongbao_data/ontology"),
    "shapes": ("shapes", "gongbao_data/shapes"),
    "site": ("site", "gongbao_data/site"),
    "registry": ("sources/registry", "gongbao_data/registry"),
    "queries": ("queries", "gongbao_data/queries"),
}


def folder(name: str) -> Path:
    checkout, wheel = _FOLDERS[name]
    here = _TOP / checkout
    return here if here.is_dir() else _TOP / wheel


def checkout() -> Path | None:
    """The source checkout the code runs from, or None in an installed wheel (no node_modules, no tests)."""
    return _TOP if (_TOP / "pyproject.toml").is_file() else None


ONTOLOGY = folder("ontology") / "gongbao.ttl"
SHAPES = folder("shapes") / "gongbao-shapes.ttl"
REGISTRY = folder("registry")
SITE = folder("site")
QUERIES = folder("queries")
