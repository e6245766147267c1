"""fai.bulletin.source: bulletin files read safely, in the encoding they were saved in."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from fai.bulletin.parse import read_bulletin, to_records
from fai.bulletin.source import MAX_CHARS, decode_text, read_text_file
from fai.errors import InputFormatError

TRAD = "2024年1-8月，全縣固定資產投資完成56.3億元，同比增長12.5%，高於全市3.2個百分點。"


def _figures(text: str) -> list[tuple]:
    return [
        (r["indicator"], r["value_100m_yuan"], r["yoy_pct"])
        for r in to_records(read_bulletin(text))
    ]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16"])
def test_a_traditional_text_in_any_of_its_encodings_gives_its_figures(
    tmp_path: Path, encoding: str
):
    path = tmp_path / "notice.txt"
    path.write_bytes(TRAD.encode(encoding))
    assert _figures(read_text_file(path)) == [("fai_total", 56.3, 12.5)]


def test_gbk_and_big5_are_told_apart_by_the_characters_they_give():
    simplified = "全县固定资产投资增长12.5%，其中工业投资增长8.1%。"
    assert decode_text(simplified.encode("gbk")) == simplified
    assert decode_text(TRAD.encode("big5")) == TRAD


def test_a_utf8_file_with_a_gbk_line_late_in_it_reads_every_line():
    lines = ["1-8月，全县固定资产投资增长12.5%。"] * 60 + ["其中，工业投资增长8.1%。"]
    raw = "\n".join(lines[:-1]).encode("utf-8") + b"\n" + lines[-1].encode("gbk")
    assert decode_text(raw).splitlines()[-1] == lines[-1]


def test_binary_and_undecodable_bytes_are_clear_errors():
    with pytest.raises(InputFormatError, match="binary file"):
        decode_text(b"\x00\x01\x02 1-8\xe6\x9c\x88")
    with pytest.raises(InputFormatError, match="neither UTF-8 nor GBK"):
        decode_text(b"\x81\x30\x81")  # a GB18030 four-byte sequence cut short, not Big5 either


def test_only_regular_files_are_read(tmp_path: Path):
    with pytest.raises(InputFormatError, match="a device, not a regular file"):
        read_text_file("/dev/zero")
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputFormatError, match="a device, not a regular file"):
        read_text_file(link)
    with pytest.raises(InputFormatError, match="a folder"):
        read_text_file(tmp_path)
    with pytest.raises(InputFormatError, match=r"cannot read the file \(no such file or directory\)"):
        read_text_file(tmp_path / "missing.txt")


def test_a_fifo_is_refused_without_blocking(tmp_path: Path):
    fifo = tmp_path / "notice.txt"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_text_file(fifo)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            outcome.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(timeout=5)
    if worker.is_alive():  # unblock the reader before failing
        with open(fifo, "wb"):
            pass
        pytest.fail("reading a FIFO blocked")
    assert len(outcome) == 1 and isinstance(outcome[0], InputFormatError)
    assert "FIFO" in str(outcome[0])


def test_size_is_limited_on_what_is_read(tmp_path: Path):
    path = tmp_path / "big.txt"
    path.write_bytes(TRAD.encode() * 100)
    assert read_text_file(path, max_bytes=len(TRAD.encode()) * 100)
    with pytest.raises(InputFormatError, match="at most"):
        read_text_file(path, max_bytes=1000)
    with pytest.raises(InputFormatError, match="characters"):
        read_bulletin("增" * (MAX_CHARS + 1))
