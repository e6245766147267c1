"""Params files read bounded: alias bombs, huge values, huge or special files."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fai.batch import plan as P
from fai.errors import ParameterError

ROOT = Path(__file__).resolve().parents[2]
TEST_TEMPLATES = ROOT / "tests" / "notebooks"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


BOMB = """\
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
region: "110000"
templates: *i
"""


def test_a_yaml_alias_bomb_is_refused_quickly(tmp_path):
    folder = write(tmp_path / "params", {"bomb.yaml": BOMB})
    start = time.perf_counter()
    with pytest.raises(ParameterError) as err:
        P.plan([folder], templates=P.find_templates(TEST_TEMPLATES))
    assert time.perf_counter() - start < 5  # not a timing benchmark: the unbounded case never ends
    message = str(err.value)
    assert "bomb.yaml line 4" in message and "more than 20 YAML aliases" in message
    assert "lol" not in message and len(message) < 300


def test_a_few_aliases_are_fine(tmp_path):
    folder = write(tmp_path / "params", {
        "_defaults.yaml": "parameters: &p {period_end: latest}\n",
        "beijing.yaml": "region: '110000'\nparameters: &p {lang: en}\nprobe: *p\n",
    })
    tasks = P.plan([folder], templates=P.find_templates(TEST_TEMPLATES), only=["probe"])
    assert tasks[0].parameters == {"region": "110000", "period_end": "latest", "lang": "en"}


@pytest.mark.parametrize("text", [
    "region: '" + "x" * 10_000 + "'\ntemplates: 5\n",
    "region: '110000'\ntemplates: ['" + "g" * 10_000 + "']\n",
    "region: '110000'\nparameters: {" + "k" * 10_000 + ": 1}\n",
    "region: '110000'\n" + "q" * 10_000 + ": 1\n",
    "region: '110000'\nparameters: [" + ", ".join(["1"] * 5_000) + "]\n",
    "region: '110000'\nsleep: {seconds: '" + "s" * 10_000 + "'}\n",
    "region: '110000\n" + "z" * 10_000,
])
def test_no_error_echoes_more_than_a_line(tmp_path, text):
    folder = write(tmp_path / "params", {"long.yaml": text})
    with pytest.raises(ParameterError) as err:
        P.plan([folder], templates=P.find_templates(TEST_TEMPLATES))
    message = str(err.value)
    assert "\n" not in message and len(message) < 400, message[:500]


def test_a_huge_or_special_params_file_is_not_read(tmp_path):
    folder = write(tmp_path / "params", {"huge.yaml": "region: '110000'\n# " + "x" * 200_000 + "\n"})
    with pytest.raises(ParameterError, match=r"huge.yaml: more than 100,000 bytes"):
        P.plan([folder], templates=P.find_templates(TEST_TEMPLATES))
    (folder / "huge.yaml").unlink()
    os.mkfifo(folder / "fifo.yaml")  # would block a plain read forever
    with pytest.raises(ParameterError, match=r"fifo.yaml: not a regular file"):
        P.plan([folder], templates=P.find_templates(TEST_TEMPLATES))


def test_fai_run_on_an_alias_bomb_exits_2_without_a_traceback(tmp_path):
    folder = write(tmp_path / "params", {"bomb.yaml": BOMB})
    proc = subprocess.run([sys.executable, "-m", "fai.cli", "run", str(folder), "--templates-dir",
                           str(TEST_TEMPLATES), "--out", str(tmp_path / "out"), "--workers", "1"],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr and "aliases" in proc.stderr
    assert len(proc.stderr) < 400
