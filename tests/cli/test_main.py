"""The `fai` command: every error ends as one line and an exit status, never a traceback."""

from __future__ import annotations

import errno
import importlib
import subprocess
import sys

from fai.errors import OutputError, SchemaValidationError

cli_main = importlib.import_module("fai.cli.main")  # the module (fai.cli.main is also the function)


def test_errors_are_classified_by_kind():
    code, line = cli_main.describe(OutputError(file="reports", where="", found="is a file",
                                               expected="a folder for the reports"))
    assert (code, line) == (2, "reports: is a file — expected a folder for the reports")
    full = OSError(errno.ENOSPC, "No space left on device", "reports/110000-beijing/growth.html")
    assert cli_main.describe(full) == (2, "reports/110000-beijing/growth.html: no space left on device")
    assert cli_main.describe(PermissionError(errno.EACCES, "Permission denied", "/ro/x"))[0] == 2
    code, line = cli_main.describe(KeyError("region"))
    assert code == 3 and line.startswith("internal error: KeyError: 'region'") and "\n" not in line
    # a FaiError's message is kept whole (a schema error lists every bad row)
    rows = SchemaValidationError("x.csv: 2 bad rows\n  line 3: …\n  line 9: …")
    assert cli_main.describe(rows) == (2, str(rows))


def test_an_unexpected_error_is_one_line_unless_debugging(monkeypatch, capsys):
    def broken(args):
        raise ZeroDivisionError("division by zero")

    parser = cli_main.build_parser()
    monkeypatch.setattr(cli_main, "build_parser", lambda only=None: parser)
    parser.parse_args(["parse", "x.txt"])  # the parse subcommand exists
    for action in parser._subparsers._group_actions:
        action.choices["parse"].set_defaults(handler=broken)
    assert cli_main.main(["parse", "x.txt"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert err.startswith("fai parse: internal error: ZeroDivisionError: division by zero")
    monkeypatch.setenv("FAI_DEBUG", "1")
    assert cli_main.main(["parse", "x.txt"]) == 3
    assert "Traceback" in capsys.readouterr().err


def test_run_out_is_an_existing_file_one_line_exit_2(tmp_path):
    out = tmp_path / "reports"
    out.write_text("not a folder", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "fai.cli", "run", "--out", str(out)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
    assert str(out) in proc.stderr
    assert out.read_text(encoding="utf-8") == "not a folder"


def test_the_command_freezes_its_objects_before_it_exits_and_a_python_caller_does_not(tmp_path):
    """`fai …` skips the exit's garbage collections (gc.freeze: ~0.3–1 s after `fai run`'s last
    line); fai.cli.main([...]) called from Python leaves the caller's collector alone."""
    import gc
    import subprocess
    import sys

    from fai.cli.main import main

    text = tmp_path / "b.txt"
    text.write_text("1—10月份，全国固定资产投资同比增长3.0%。\n", encoding="utf-8")
    before = gc.get_freeze_count()
    assert main(["parse", str(text), "--format", "json"]) == 0
    assert gc.get_freeze_count() == before
    probe = ("import gc, sys\nfrom fai.cli.main import main\n"
             f"sys.argv = ['fai', 'parse', {str(text)!r}, '--format', 'json']\n"
             "code = main()\nprint('FROZEN', gc.get_freeze_count() > 0, code, file=sys.stderr)")
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert "FROZEN True 0" in out.stderr
