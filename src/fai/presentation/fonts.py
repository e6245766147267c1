"""Chinese text in charts: the Noto Sans CJK SC face from the PyPI package
``noto-cjk-sans-otc`` (SIL OFL), registered with matplotlib on demand.

The package ships one OpenType collection whose *first* face is Japanese; we
name the Simplified-Chinese face explicitly. Nothing happens at ``import fai``:
plotting code calls :func:`use_chinese_font` before it draws.
"""

from __future__ import annotations

import functools
from pathlib import Path

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
