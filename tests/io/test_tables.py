"""The one CSV reader: encodings, row numbers, header rules, errors, and the finite-number parser."""

from __future__ import annotations

import codecs

import numpy as np
import pytest

from kotacerdas.errors import InputError, Location
from kotacerdas.io.tables import (
    ENCODING_HINT,
    Row,
    parse_column,
    parse_number,
    parse_optional_number,
    read_csv,
)

TEXT = "code,nama\n63.71,Banjarmasin\n32.73,Bandung Kulón\n"


def where(exc: pytest.ExceptionInfo[InputError]) -> tuple[str | None, int | None, str | None]:
    loc = exc.value.location
    return loc.file, loc.row, loc.column


@pytest.mark.parametrize(
    ("content", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),  # Python writes a byte-order mark
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
    ],
)
def test_utf8_and_utf16_with_bom_read_the_same(content, encoding):
    table = read_csv(content, name="x.csv")
    assert (table.file, table.encoding, table.header) == ("x.csv", encoding, ("code", "nama"))
    assert table.rows == (Row(2, ("63.71", "Banjarmasin")), Row(3, ("32.73", "Bandung Kulón")))


def test_latin1_is_refused_unless_asked_for(tmp_path):
    path = tmp_path / "l.csv"
    path.write_bytes(TEXT.encode("latin-1"))
    with pytest.raises(InputError) as exc:
        read_csv(path)
    assert where(exc) == (str(path), 3, None)
    assert exc.value.message == (
        "the file is not UTF-8/UTF-16 text: byte 0xF3 at offset 45 cannot be read (latin-1 or Windows-1252?)"
    )
    assert exc.value.hint == ENCODING_HINT
    table = read_csv(path, latin1=True)
    assert (table.encoding, table.rows[1].cells[1]) == ("latin-1", "Bandung Kulón")


def test_utf16_without_bom_is_refused_with_the_reason():
    with pytest.raises(InputError, match="NUL bytes: it looks like UTF-16 without a byte-order mark"):
        read_csv(TEXT.encode("utf-16-le"), name="u.csv")


def test_bad_utf16_after_a_bom_is_refused():
    with pytest.raises(InputError, match="not UTF-16 text"):
        read_csv(codecs.BOM_UTF16_LE + b"a\x00,\x00\x00\xdc", name="u.csv")


def test_rows_are_numbered_as_a_spreadsheet_shows_them():
    content = b'a,b\n\n1, 2 \n,\n"multi\nline",3\n4,5\n'
    table = read_csv(content, name="s.csv")
    assert [r.number for r in table.rows] == [3, 5, 6]
    assert table.rows[0].cells == ("1", "2")  # cells are stripped
    assert table.rows[1].cells == ("multi\nline", "3")


def test_without_header_every_row_is_data():
    table = read_csv(b"p1,r1,0.5\np2,r1,1\n", name="a.csv", header=False)
    assert table.header == ()
    assert [r.number for r in table.rows] == [1, 2]


@pytest.mark.parametrize(
    ("content", "row", "column", "message"),
    [
        (b"", None, None, "the file is empty"),
        (b"\n , \n", None, None, "the file is empty"),
        (b"a,b,a\n1,2,3\n", 1, "a", "column 'a' appears twice"),
        (
            b'a\n"' + b"x" * 200_000 + b'"\n',
            2,
            None,
            "not a valid CSV: field larger than field limit (131072)",
        ),
    ],
)
def test_bad_files(content, row, column, message):
    with pytest.raises(InputError) as exc:
        read_csv(content, name="f.csv")
    assert where(exc) == ("f.csv", row, column)
    assert exc.value.message == message


def test_missing_file(tmp_path):
    with pytest.raises(InputError) as exc:
        read_csv(tmp_path / "none.csv")
    assert (where(exc), exc.value.message) == ((str(tmp_path / "none.csv"), None, None), "file not found")


def test_width_index_and_records():
    table = read_csv(b"code,x,y\n1,2,3\n4,5\n", name="w.csv")
    assert table.index("uCode", "code") == 0
    with pytest.raises(InputError) as exc:
        table.index("uCode")
    assert (where(exc), exc.value.message, exc.value.hint) == (
        ("w.csv", 1, None),
        "no 'uCode' column",
        "columns: code, x, y",
    )
    assert list(table.records()) == [
        (2, {"code": "1", "x": "2", "y": "3"}),
        (3, {"code": "4", "x": "5", "y": ""}),
    ]
    with pytest.raises(InputError) as exc:
        table.check_width()
    assert (where(exc), exc.value.message) == (("w.csv", 3, None), "expected 3 cells, found 2")


@pytest.mark.parametrize(
    ("cell", "value"), [("1.5", 1.5), (" -2e3 ", -2000.0), ("1e308", 1e308), (7, 7.0), (0.25, 0.25)]
)
def test_parse_number_accepts_finite_numbers(cell, value):
    assert parse_number(cell, Location("f.csv", 2, "x")) == value


@pytest.mark.parametrize(
    ("cell", "message"),
    [
        ("inf", "score 'inf' is not a finite number"),
        ("-inf", "score '-inf' is not a finite number"),
        ("Infinity", "score 'Infinity' is not a finite number"),
        ("nan", "score 'nan' is not a finite number"),
        ("1e400", "score '1e400' is not a finite number"),
        ("-1e400", "score '-1e400' is not a finite number"),
        (float("nan"), "score nan is not a finite number"),
        ("abc", "score 'abc' is not a number"),
        ("1_000", "score '1_000' is not a number"),
        ("", "score '' is not a number"),
        (True, "score True is not a number"),
    ],
)
def test_parse_number_refuses_with_the_location(cell, message):
    with pytest.raises(InputError) as exc:
        parse_number(cell, Location("f.csv", 4, "s"), what="score")
    assert (where(exc), exc.value.message) == (("f.csv", 4, "s"), message)


def test_optional_numbers_allow_empty_and_na_only():
    loc = Location("f.csv", 2, "x")
    assert parse_optional_number("", loc) is None
    assert parse_optional_number(" NA ", loc) is None
    assert parse_optional_number(None, loc) is None
    assert parse_optional_number("3", loc) == 3.0
    with pytest.raises(InputError, match="'nan' is not a finite number"):
        parse_optional_number("nan", loc)
    with pytest.raises(InputError) as exc:
        parse_optional_number("x", loc)
    assert exc.value.hint == "leave the cell empty for a missing value"


def test_parse_column_is_vectorised_and_names_the_first_bad_cell():
    table = read_csv(b"id,v\na,1\n\nb,2.5\nc,inf\nd,x\n", name="c.csv")
    with pytest.raises(InputError) as exc:
        parse_column(table, 1, "v", what="value")
    assert (where(exc), exc.value.message) == (("c.csv", 5, "v"), "value 'inf' is not a finite number")
    good = read_csv(b"id,v\na,1\nb,2.5\n", name="c.csv")
    np.testing.assert_array_equal(parse_column(good, 1, "v"), [1.0, 2.5])
