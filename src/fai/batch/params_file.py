"""Params files read bounded: regular files of at most 100 kB, at most 20 YAML aliases (a "billion
laughs" bomb is refused), and no error that echoes more than a line of what was read."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from fai.batch.templates import project_path
from fai.errors import ParameterError

MAX_PARAMS_BYTES = 100_000
MAX_ALIASES = 20  # YAML aliases (*name) in one params file: a few are handy, thousands are a bomb


def params_files(sources: Sequence[str | Path]) -> list[Path]:
    """The params files named by files and folders (``_*.yaml`` are defaults, not regions)."""
    files: list[Path] = []
    for source in sources or [project_path("params")]:
        path = Path(source)
        if path.is_dir():
            files += sorted(p for p in path.iterdir()
                            if p.suffix in (".yaml", ".yml") and not p.name.startswith(("_", ".")))
        elif path.is_file():
            files.append(path)
        else:
            raise ParameterError(f"{path}: no such params file or folder — expected a .yaml file "
                                 "or a folder of them (e.g. params/)")
    return list(dict.fromkeys(files))


def show(value: Any, limit: int = 60) -> str:
    """A value for an error message: its repr on one line, at most ``limit`` characters."""
    try:
        text = repr(value) if not isinstance(value, (list, dict)) else _short_repr(value, limit)
    except RecursionError:
        text = f"<a {type(value).__name__}>"
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_repr(value: Any, limit: int) -> str:
    """repr of a list or dict that stops after ``limit`` characters (never walks a bomb)."""
    out: list[str] = []
    size = 0

    def walk(v: Any, depth: int) -> None:
        nonlocal size
        if size > limit or depth > 20:
            return
        if isinstance(v, list):
            items: Iterable[Any] = v
            out.append("[")
            for i, item in enumerate(items):
                if size > limit:
                    break
                if i:
                    out.append(", ")
                walk(item, depth + 1)
            out.append("]")
        elif isinstance(v, dict):
            out.append("{")
            for i, (k, item) in enumerate(v.items()):
                if size > limit:
                    break
                out.append(("" if not i else ", ") + f"{k!r}: ")
                walk(item, depth + 1)
            out.append("}")
        else:
            out.append(repr(v)[: limit + 1])
        size = sum(map(len, out))

    walk(value, 0)
    return "".join(out)


def _bounded_loader(path: Path) -> type:
    """A SafeLoader that refuses more than :data:`MAX_ALIASES` aliases (a "billion laughs" bomb)."""
    import yaml

    class Loader(yaml.SafeLoader):
        aliases = 0

        def compose_node(self, parent: Any, index: Any) -> Any:
            if self.check_event(yaml.AliasEvent):
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    mark = self.peek_event().start_mark
                    raise ParameterError(file=str(path), where=f"line {mark.line + 1}",
                                         found=f"more than {MAX_ALIASES} YAML aliases (*name)",
                                         expected="a params file without alias chains (write the values out)")
            return super().compose_node(parent, index)

    return Loader


def read_yaml(path: Path) -> dict[str, Any]:
    """A params file as a dict; syntax errors name the file and line.

    Read bounded: a regular file of at most :data:`MAX_PARAMS_BYTES` bytes, at most
    :data:`MAX_ALIASES` YAML aliases.
    """
    import yaml

    if not path.is_file():
        raise ParameterError(file=str(path), found="not a regular file", expected="a YAML params file")
    with path.open("rb") as f:
        raw = f.read(MAX_PARAMS_BYTES + 1)
    if len(raw) > MAX_PARAMS_BYTES:
        raise ParameterError(file=str(path), found=f"more than {MAX_PARAMS_BYTES:,} bytes",
                             expected="a short YAML params file (region:, templates:, parameters:)")
    try:
        data = yaml.load(raw.decode("utf-8"), Loader=_bounded_loader(path))  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        problem = show(str(getattr(exc, "problem", None) or exc), 120).strip("'\"")
        raise ParameterError(f"{path}{where}: not valid YAML ({problem})") from None
    except UnicodeDecodeError:
        raise ParameterError(f"{path}: not UTF-8 text — expected a YAML params file") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ParameterError(f"{path}: holds a {type(data).__name__} — expected a mapping "
                             "(region:, templates:, parameters:)")
    return data
