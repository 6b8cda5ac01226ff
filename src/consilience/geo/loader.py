"""Loading a GeoNames country dump (``UA.txt`` from the GeoNames export, tab separated) into the
user's gazetteer: it is parsed, reduced to the feature classes news names (populated places,
administrative areas, water, regions, terrain) and stored as a compact TSV in
``<user data dir>/gazetteer/<NAME>.tsv`` (``$CONSILIENCE_DATA_DIR``, else
``$XDG_DATA_HOME/consilience``, else ``~/.local/share/consilience``). The next gazetteer load
sees the changed files and rebuilds its cached index with them.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from . import gazetteer
from .sources import parse_geonames_dump, store_dump, user_gazetteer_dir


def load_dump(path: str | Path, directory: Path | None = None) -> tuple[Path, int]:
    """Store the places of the GeoNames dump at ``path``; returns (stored file, places kept)."""
    src = Path(path)
    if not src.is_file():
        raise InputError("no such file", input=str(src), reason="missing")
    dest = (directory or user_gazetteer_dir()) / f"{src.stem}.tsv"
    n = store_dump(parse_geonames_dump(src), dest)
    if n == 0:
        dest.unlink(missing_ok=True)
        raise InputError("no places of the kept feature classes (P, A, H, L, T)",
                         input=str(src), reason="empty")
    gazetteer.reset_default()
    return dest, n


def loaded_dumps(directory: Path | None = None) -> list[Path]:
    directory = directory or user_gazetteer_dir()
    return sorted(directory.glob("*.tsv")) if directory.exists() else []
