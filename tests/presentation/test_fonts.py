"""The bundled CJK font renders Chinese without missing glyphs."""

from __future__ import annotations

import warnings

import matplotlib

matplotlib.use("Agg")

from fai.presentation import fonts


def test_sc_face_is_used_even_after_seaborn_theme(tmp_path):
    import matplotlib.pyplot as plt
    import seaborn as sns
    from matplotlib import font_manager

    sns.set_theme()
    assert fonts.use_chinese_font() == "Noto Sans CJK SC"
    entry = font_manager.findfont(font_manager.FontProperties(family=["sans-serif"]))
    assert str(entry).endswith("NotoSansCJK-Regular.ttc")
    assert getattr(entry, "face_index", None) == 2  # the SC face, not the Japanese default
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fig, ax = plt.subplots()
        ax.set_title("全国固定资产投资同比增长3.3%，民间投资下降0.4%")
        fig.savefig(tmp_path / "t.png")
        plt.close(fig)
    assert not [w for w in caught if "Glyph" in str(w.message)]


def test_fontconfig_file_points_at_the_packaged_font(tmp_path):
    conf = fonts.fontconfig_file(tmp_path)
    assert str(fonts.font_path().parent) in conf.read_text(encoding="utf-8")


def test_a_page_cut_from_the_cached_base_font_has_the_same_glyphs_as_from_the_whole_font(monkeypatch):
    """The base font (GB 2312, kept in the cache folder) only speeds cutting: same characters, same
    outlines; a character outside it (镕, GBK only) is cut from the whole collection."""
    import io

    from fontTools.pens.recordingPen import RecordingPen
    from fontTools.ttLib import TTFont

    from fai.presentation import fonts

    def outlines(data: bytes) -> dict:
        font = TTFont(io.BytesIO(data))
        glyphs = font.getGlyphSet()
        out = {}
        for code, name in font.getBestCmap().items():
            pen = RecordingPen()
            glyphs[name].draw(pen)
            out[chr(code)] = pen.value
        return out

    text = "全国固定资产投资同比增长5.7%（1—6月）"
    assert fonts.base_font() is not None and "镕" not in fonts.base_font()[1]
    fast = fonts._cut_page_font(text)
    monkeypatch.setattr(fonts, "base_font", lambda: None)
    whole = fonts._cut_page_font(text)
    assert outlines(fast) == outlines(whole)
    rare = fonts._cut_page_font("朱镕基")
    assert "镕" in outlines(rare)


def test_the_base_font_holds_the_signs_of_figures():
    """A page showing −5.7 % (U+2212, as the reports write a minus) is cut from the cached base
    font, not from the whole 16 MB collection (five times slower)."""
    chars = fonts.base_characters()
    assert all(c in chars for c in "−–%‰·—…（）")


def test_a_page_font_is_cut_once_and_read_from_the_cache_after(monkeypatch, tmp_path):
    monkeypatch.setenv("FAI_CACHE", str(tmp_path))
    first = fonts.subset_page_font.__wrapped__("全国投资 1—6月")
    kept = list((tmp_path / "page-fonts").glob("*.woff"))
    assert len(kept) == 1 and kept[0].read_bytes() == first

    def no_cutting(chars):
        raise AssertionError("cut again")

    monkeypatch.setattr(fonts, "_cut_page_font", no_cutting)
    assert fonts.subset_page_font.__wrapped__("全国投资 1—6月") == first
    kept[0].write_bytes(first[: len(first) // 2])  # damaged: cut again
    monkeypatch.undo()
    monkeypatch.setenv("FAI_CACHE", str(tmp_path))
    assert fonts.subset_page_font.__wrapped__("全国投资 1—6月")[:4] == b"wOFF"
    assert fonts._whole_page_font(kept[0].read_bytes())


def test_the_page_font_cache_keeps_the_newest(tmp_path):
    import os

    for i in range(6):
        path = tmp_path / (f"{i}.woff2" if i == 0 else f"{i}.woff")  # 0: cut as WOFF2 before
        path.write_bytes(b"x")
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    fonts._evict(tmp_path, kept=4)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["3.woff", "4.woff", "5.woff"]
