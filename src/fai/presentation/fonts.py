"""Chinese text in charts: the Noto Sans CJK SC face from the PyPI package
``noto-cjk-sans-otc`` (SIL OFL), registered with matplotlib on demand.

The package ships one OpenType collection whose *first* face is Japanese; we
name the Simplified-Chinese face explicitly. Nothing happens at ``import fai``:
plotting code calls :func:`use_chinese_font` before it draws.
"""

from __future__ import annotations

import functools
from pathlib import Path

from fai.cleaning.hanzi import gb2312_hanzi

FAMILY = "Noto Sans CJK SC"


@functools.lru_cache(maxsize=1)
def font_path() -> Path:
    """Path of the bundled NotoSansCJK-Regular.ttc inside site-packages.

    >>> font_path().name
    'NotoSansCJK-Regular.ttc'
    """
    import noto_cjk_sans_otc

    return Path(str(noto_cjk_sans_otc.FONT_PATH))


@functools.lru_cache(maxsize=1)
def _register() -> None:
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(font_path()))


def use_chinese_font() -> str:
    """Register the bundled CJK font and make its SC face matplotlib's default.

    Call it after ``seaborn.set_theme`` (which resets font settings). Returns
    the family name in use.

    >>> use_chinese_font()
    'Noto Sans CJK SC'
    """
    import matplotlib as mpl

    _register()
    mpl.rcParams["font.family"] = "sans-serif"
    mpl.rcParams["font.sans-serif"] = [FAMILY, "DejaVu Sans"]
    mpl.rcParams["axes.unicode_minus"] = False
    return FAMILY


def fontconfig_file(directory: Path) -> Path:
    """Write a fontconfig file that points at the bundled font (for Chromium).

    Set ``FONTCONFIG_FILE`` to the returned path so a headless browser renders
    Chinese HTML text with the same font as the charts.
    """
    directory.mkdir(parents=True, exist_ok=True)
    conf = directory / "fonts.conf"
    conf.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{font_path().parent}</dir>\n"
        "  <dir>/usr/share/fonts</dir>\n"
        f"  <cachedir>{directory / 'cache'}</cachedir>\n"
        "  <alias><family>sans-serif</family><prefer><family>Noto Sans CJK SC</family></prefer></alias>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    return conf


WEB_FAMILY = "FAI Noto Sans SC"  # the family name of the subset a report embeds
SC_FACE = 2  # Noto Sans CJK SC within the collection (JP, KR, SC, TC, HK …)
_DROPPED = ("GSUB", "GPOS", "GDEF", "BASE", "VORG", "vhea", "vmtx")  # vertical and layout: not needed


BASE_VERSION = "2"  # of the cached base font below: change it when BASE_CHARACTERS change


def base_characters() -> str:
    """What the cached base font holds: the 6,763 hanzi of GB 2312, ASCII and the
    punctuation and signs of Chinese figures (the minus sign − of −5.7 %, ‰, ℃ …) — every character of the bundled reports and of almost any
    region's name (a page with another character is cut from the whole font)."""
    ascii_ = "".join(chr(c) for c in range(0x20, 0x7F))
    return ascii_ + "".join(gb2312_hanzi()) + "，。、；：？！（）【】《》“”‘’—…·％－＋／～　０１２３４５６７８９×÷±≤≥→←↑↓−–‰℃•≈≠"


def cache_dir() -> Path:
    """Where fai keeps what it can make again (``FAI_CACHE``, else ``$XDG_CACHE_HOME/fai``,
    else ``~/.cache/fai``)."""
    import os

    if os.environ.get("FAI_CACHE"):
        return Path(os.environ["FAI_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "fai"


def _subset(font, chars: str, flavor: str | None, *, unhinted: bool = False):
    """``font`` cut to the glyphs of ``chars``, saved as ``flavor`` (None: OpenType).

    ``unhinted``: the font has no hints left (the cached base font), so the pass that removes
    them, which runs every glyph's outline program, is skipped (a third of a page's cutting)."""
    import io

    from fontTools import subset

    options = subset.Options()
    options.layout_features = []
    options.hinting = unhinted  # True keeps hints: there are none to keep
    options.notdef_outline = True
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.drop_tables += list(_DROPPED)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=chars)
    subsetter.subset(font)
    font.flavor = flavor
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _full_font():
    from fontTools.ttLib import TTFont

    font = TTFont(str(font_path()), fontNumber=SC_FACE, lazy=True)
    for tag in _DROPPED:  # before subsetting: their tables are never decompiled
        if tag in font:
            del font[tag]
    return font


def _stamp() -> str:
    """What the cached fonts depend on: :data:`BASE_VERSION`, the collection, fontTools."""
    import hashlib

    import fontTools

    return hashlib.sha256(f"{BASE_VERSION}|{font_path().name}|{font_path().stat().st_size}|"
                          f"{fontTools.version}".encode()).hexdigest()[:16]


def _keep(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` in the cache, atomically; False when the cache is not writable."""
    import os
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


@functools.lru_cache(maxsize=1)
def base_font() -> tuple[bytes, frozenset[str]] | None:
    """The SC face cut to :func:`base_characters` (1.5 MB of OpenType), kept in
    :func:`cache_dir`: made once per machine (about 6 s), after which cutting a page's
    glyphs from it takes 0.07 s instead of 0.35 s from the whole 16 MB collection.
    None when the cache cannot be written (then every page is cut from the whole font)."""
    chars = base_characters()
    path = cache_dir() / f"noto-sans-sc-base-{_stamp()}.otf"
    try:
        return path.read_bytes(), frozenset(chars)
    except OSError:
        pass
    data = _subset(_full_font(), chars, None)
    return (data, frozenset(chars)) if _keep(path, data) else None


PAGE_FONTS_KEPT = 2000  # cut page fonts kept in the cache (about 25 kB each); the oldest go first


@functools.lru_cache(maxsize=64)
def subset_page_font(chars: str) -> bytes:
    """The bundled Noto Sans CJK SC cut to the glyphs of ``chars``, as WOFF
    (a page's 150–400 characters: 15–45 kB).

    Cut once per set of characters and kept in :func:`cache_dir` (``page-fonts/``, the newest
    :data:`PAGE_FONTS_KEPT`): a report run again, or another with the same characters, reads
    its font (1 ms) instead of cutting it (0.1 s from the cached :func:`base_font`).

    >>> subset_page_font("全国投资")[:4]
    b'wOFF'
    """
    import hashlib

    key = hashlib.sha256(f"{_stamp()}|{chars}".encode()).hexdigest()[:32]
    path = cache_dir() / "page-fonts" / f"{key}.woff"
    try:
        data = path.read_bytes()
        if _whole_page_font(data):
            return data
    except OSError:
        pass
    data = _cut_page_font(chars)
    if _keep(path, data):
        _evict(path.parent, PAGE_FONTS_KEPT)
    return data


def _whole_page_font(data: bytes) -> bool:
    """A WOFF file as long as its header says (a damaged cache file is cut again)."""
    return data[:4] == b"wOFF" and len(data) >= 12 and int.from_bytes(data[8:12], "big") == len(data)


def _evict(folder: Path, kept: int) -> None:
    """Remove the oldest files of ``folder`` beyond ``kept`` (down to three quarters of it)."""
    try:
        # (.woff2: page fonts cut as WOFF2 by an earlier fai, evicted as the oldest)
        files = [(p.stat().st_mtime, p) for p in folder.iterdir() if p.suffix in (".woff", ".woff2")]
    except OSError:
        return
    if len(files) <= kept:
        return
    for _, path in sorted(files)[: len(files) - kept * 3 // 4]:
        path.unlink(missing_ok=True)


def _cut_page_font(chars: str) -> bytes:
    """Cut the glyphs of ``chars`` as WOFF: from the cached base font when it holds them all.

    Bounding boxes are not recalculated (the base font's are kept: they hold every glyph,
    which is all a browser asks of them). WOFF (zlib), not WOFF2 (Brotli): a page's font is
    cut in 0.07 s instead of 0.19 s and is only ~8 % larger (30 kB against 28 kB). Chromium
    150 fails a data: font now and then whatever its format (measured: WOFF 1 load in 100,
    WOFF2 4 in 100)."""
    import io

    from fontTools.ttLib import TTFont

    base = base_font()
    if base is not None and set(chars) <= base[1]:
        font = TTFont(io.BytesIO(base[0]), lazy=True, recalcBBoxes=False)
        return _subset(font, chars, "woff", unhinted=True)
    return _subset(_full_font(), chars, "woff")


def font_face_css(text: str) -> str:
    """An ``@font-face`` rule embedding the glyphs of ``text`` (base64 WOFF), so a
    page renders its Chinese on a machine without any CJK font.

    >>> font_face_css("全国")[:40]
    '@font-face{font-family:"FAI Noto Sans SC'
    """
    import base64

    chars = "".join(sorted({c for c in text if c.isprintable() and not c.isspace()} | {" "}))
    data = base64.b64encode(subset_page_font(chars)).decode("ascii")
    return (f'@font-face{{font-family:"{WEB_FAMILY}";src:url(data:font/woff;base64,{data}) format("woff");'
            "font-display:block}")
