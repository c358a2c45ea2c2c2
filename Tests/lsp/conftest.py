"""End-to-end tests of `pmlint lsp` with a real LSP client (pytest-lsp, pygls, lsprotocol).

The server is the built binary: $PMLINT, else .build/debug/pmlint. Each test works on its own
copy of examples/northwind-portal, so edits applied by a test can be written and checked.
"""
import json
import os
import pathlib
import shutil
import subprocess

import pytest

REPOSITORY = pathlib.Path(__file__).resolve().parents[2]
PMLINT = os.environ.get("PMLINT") or str(REPOSITORY / ".build" / "debug" / "pmlint")
AS_OF = "2026-11-20"


@pytest.fixture
def project(tmp_path):
    folder = tmp_path / "northwind"
    shutil.copytree(REPOSITORY / "examples" / "northwind-portal", folder)
    # A repository of its own, so nothing above the copy is read.
    (tmp_path / ".git").mkdir()
    return folder


def check(folder):
    """`pmlint check --format json` on a folder: exit code and findings."""
    run = subprocess.run([PMLINT, "check", str(folder), "--as-of", AS_OF, "--format", "json"],
                         capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1", "LANG": "C"})
    assert run.returncode in (0, 1), run.stderr
    return run.returncode, json.loads(run.stdout)["findings"]


def apply_edits(text, edits):
    """Applies LSP text edits (UTF-16 positions) to a text, last first."""
    lines = text.splitlines(keepends=True) + [""]

    def offset(position):
        before = "".join(lines[:position.line])
        line = lines[position.line] if position.line < len(lines) else ""
        units, index = 0, 0
        while index < len(line) and units < position.character:
            units += 2 if ord(line[index]) > 0xFFFF else 1
            index += 1
        return len(before) + index

    for edit in sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


def position_of(text, needle, occurrence=0, delta=0):
    """The LSP position (line, UTF-16 character) of the n-th occurrence of a string, plus delta."""
    from lsprotocol import types
    index = -1
    for _ in range(occurrence + 1):
        index = text.index(needle, index + 1)
    index += delta
    line = text.count("\n", 0, index)
    column = index - (text.rfind("\n", 0, index) + 1)
    character = sum(2 if ord(c) > 0xFFFF else 1 for c in text[index - column:index])
    return types.Position(line=line, character=character)
