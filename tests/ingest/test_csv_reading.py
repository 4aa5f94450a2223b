"""A CSV file reads the same records whether or not the one-pass path can take it."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from borderlink.ingest.mapping.spec import FormatSpec
from borderlink.ingest.readers import CsvReader, Records, column_of_lines

FORMAT = FormatSpec(type="csv", columns=("record_no", "surname", "sponsor"))
HEADER = "record_no,surname,sponsor\r\n"


def _both(text: str) -> tuple[Records, Records]:
    reader = CsvReader(text, FORMAT, broken_encoding=False)
    return reader.read_all(), Records.collect(CsvReader(text, FORMAT, broken_encoding=False))


def _summary(read: Records) -> tuple[object, ...]:
    return (
        read.parsed(),
        read.raws,
        read.positions,
        [(u.position, u.raw, u.reason, u.detail, u.record_id) for u in read.unreadable],
    )


def test_quoted_commas_blank_lines_and_short_rows_keep_their_line_numbers() -> None:
    text = HEADER + (
        '1,SOK,"ABC Manpower Co., Ltd."\r\n'
        "\r\n"
        "2,CHEA\r\n"
        '3,LY,"SUN ""RISE"" CONSTRUCTION"\r\n'
        "4,KIM,,extra\r\n"
        "5,HENG,\r\n"
    )
    fast, careful = _both(text)
    assert _summary(fast) == _summary(careful)
    assert fast.positions == [2, 5, 7]
    assert fast.records[1] == ["3", "LY", 'SUN "RISE" CONSTRUCTION']
    assert [(u.position, u.detail) for u in fast.unreadable] == [
        (4, "line 4: expected 3 fields, found 2"),
        (6, "line 6: expected 3 fields, found 4"),
    ]


def test_a_record_over_two_lines_is_read_whole() -> None:
    text = HEADER + '1,SOK,"FIRST LINE\r\nSECOND LINE"\r\n2,CHEA,\r\n'
    fast, careful = _both(text)
    assert _summary(fast) == _summary(careful)
    assert fast.positions == [2, 4]
    assert fast.raws[0] == '1,SOK,"FIRST LINE\r\nSECOND LINE"\r\n'


def test_a_quote_that_never_closes_loses_only_its_own_line() -> None:
    text = HEADER + '1,SOK,"OPEN\r\n2,CHEA,\r\n3,LY,\r\n'
    fast, careful = _both(text)
    assert _summary(fast) == _summary(careful)
    assert fast.positions == [3, 4]
    assert fast.unreadable[0].position == 2


_PIECES = ["A", "ក", ",", '"', " ", "\r\n", "\n", "\r", "\x00", "\u2028"]
_FIELD = st.lists(st.sampled_from(_PIECES), max_size=6).map("".join)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.tuples(_FIELD, st.booleans()), min_size=0, max_size=4), max_size=8),
    st.sampled_from(["\r\n", "\n", "\r"]),
)
def test_any_file_reads_the_same_both_ways(rows: list[list[tuple[str, bool]]], newline: str) -> None:
    """Fields quoted or not, line by line, with any line ending: a quote-free line is split, not parsed."""
    lines = []
    for row in rows:
        fields = ['"' + f.replace('"', '""') + '"' if quoted else f for f, quoted in row]
        lines.append(",".join(fields))
    fast, careful = _both(HEADER + newline.join(lines))
    assert _summary(fast) == _summary(careful)


def test_a_quote_free_line_is_kept_whole_until_it_is_mapped() -> None:
    """Splitting waits for whichever process maps the record; the fields come out the same."""
    text = HEADER + '1,SOK,ABC\r\n2,CHEA,"X, Y"\r\n3,LY\r\n4,KIM,Z\n'
    read = CsvReader(text, FORMAT, broken_encoding=False).read_all()
    assert read.split_on == ","
    assert read.records == ["1,SOK,ABC\r\n", ["2", "CHEA", "X, Y"], "4,KIM,Z\n"]
    assert read.parsed() == [["1", "SOK", "ABC"], ["2", "CHEA", "X, Y"], ["4", "KIM", "Z"]]
    assert column_of_lines(read.records, ",", 0, 3) == ["1", "2", "4"]
    assert column_of_lines(read.records, ",", 2, 3) == ["ABC", "X, Y", "Z"]
    assert [u.position for u in read.unreadable] == [4]


def test_only_cr_and_lf_end_a_record_not_unicode_line_separators() -> None:
    text = HEADER + "1,SOK,A\u2028B\x85C\x0cD\r\n2,CHEA,\n"
    read = CsvReader(text, FORMAT, broken_encoding=False).read_all()
    assert read.parsed() == [["1", "SOK", "A\u2028B\x85C\x0cD"], ["2", "CHEA", ""]]
    assert read.positions == [2, 3]
