"""Reading UN/EDIFACT PAXLST passenger and crew lists, on the published sample messages (tests/fixtures/paxlst)."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderlink.screening.paxlst import PassengerList, PaxlstError, Traveller, parse_paxlst
from borderlink.values.dates import PartialDate

PAXLST = Path(__file__).parent.parent / "fixtures" / "paxlst"


def sample(name: str) -> str:
    """Read a fixture exactly as stored (CRLF line ends included)."""
    return (PAXLST / name).read_bytes().decode("utf-8")


WILLIAMS = "NAD+FL+++WILLIAMS:JOHN:DONALD+235 WESTERN ROAD SUITE 203+SLEAFORD+:::LINCS+PE224T5+GBR'"


def guide_example() -> list[str]:
    """The guide's example 5.1, one segment a line."""
    return sample("wco_mig_5_1_single_sector.edi").splitlines()


def recount(lines: list[str]) -> str:
    """Join one-segment-a-line text, setting UNT's segment count to the lines from UNH to UNT."""
    start = next(i for i, line in enumerate(lines) if line.startswith("UNH"))
    end = next(i for i, line in enumerate(lines) if line.startswith("UNT"))
    reference = lines[end].split("+")[2]
    lines = [*lines[:end], f"UNT+{end - start + 1}+{reference}", *lines[end + 1 :]]
    return "\n".join(lines) + "\n"


def replace_line(lines: list[str], old: str, new: str) -> list[str]:
    assert old in lines, old
    return [new if line == old else line for line in lines]


def only(text: str) -> PassengerList:
    lists = parse_paxlst(text)
    assert len(lists) == 1
    return lists[0]


def without_raw(paxlst: PassengerList) -> PassengerList:
    return dataclasses.replace(paxlst, travellers=tuple(dataclasses.replace(t, segments="") for t in paxlst.travellers))


# --- the published examples ------------------------------------------------------------------------------


def test_it_reads_the_guides_single_sector_passenger_example() -> None:
    paxlst = only(sample("wco_mig_5_1_single_sector.edi"))

    assert paxlst == PassengerList(
        message_ref="PAX001",
        sender="ZZAIRLINE",
        recipient="CUSTOMS",
        prepared_at=datetime(2013, 6, 20, 9, 0),
        is_crew_list=False,
        carrier="ZZ",
        flight_number="ZZ123",
        departure_airport="SYD",
        departure_time=datetime(2013, 6, 21, 9, 0),
        arrival_airport="HNL",
        arrival_time=datetime(2013, 6, 21, 22, 0),
        travellers=paxlst.travellers,
        declared_count=160,
    )
    assert paxlst.travellers == (
        Traveller(
            family_name="WILLIAMS",
            given_names="JOHN DONALD",
            sex="M",
            birth_date=PartialDate(1972, 9, 7),
            nationality="GBR",
            document_type="P",
            document_number="MB140241",
            document_issuing_state="GBR",
            document_expiry=date(2015, 12, 31),
            place_of_birth="AMBER HILL GBR",
            residence_country="GBR",
            role="passenger",
            position=1,
            segments=paxlst.travellers[0].segments,
            errors=(),
        ),
    )


def test_it_keeps_the_raw_segments_of_each_traveller() -> None:
    lines = guide_example()
    first, last = (
        lines.index("NAD+FL+++WILLIAMS:JOHN:DONALD+235 WESTERN ROAD SUITE 203+SLEAFORD+:::LINCS+PE224T5+GBR'"),
        29,
    )

    traveller = only(sample("wco_mig_5_1_single_sector.edi")).travellers[0]

    assert lines[last] == "LOC+91+GBR'"
    assert traveller.segments == "\n".join(lines[first : last + 1])


def test_it_reads_both_passengers_of_the_guides_progressive_flight() -> None:
    paxlst = only(sample("wco_mig_5_3_progressive.edi"))

    # Two legs BCN-IAD and IAD-SFO, all LOC+92: the list is announced for the first, into the country.
    assert (paxlst.flight_number, paxlst.carrier) == ("XZ877", "XZ")
    assert (paxlst.departure_airport, paxlst.departure_time) == ("BCN", datetime(2014, 7, 8, 11, 0))
    assert (paxlst.arrival_airport, paxlst.arrival_time) == ("IAD", datetime(2014, 7, 8, 17, 0))
    assert paxlst.declared_count == 2
    assert [(t.position, t.family_name, t.given_names, t.sex, t.birth_date) for t in paxlst.travellers] == [
        (1, "MARTINEZ", "JULIO XAVIER", "M", PartialDate(1968, 2, 23)),
        (2, "MARTINEZ", "SORINA MARIA", "F", PartialDate(1969, 6, 6)),
    ]
    assert [(t.document_number, t.document_expiry, t.nationality) for t in paxlst.travellers] == [
        ("YY3478621", date(2018, 12, 30), "ESP"),
        ("TRQWE9980", date(2017, 9, 16), "ESP"),
    ]


def test_it_refuses_the_guides_crew_example_as_published_for_its_unt_count() -> None:
    # The transcription of example 5.2 says UNT+20 but holds 21 segments from UNH to UNT.
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(sample("wco_mig_5_2_crew.edi"))

    assert (caught.value.segment, caught.value.tag) == (21, "UNT")
    assert str(caught.value) == (
        "segment 21 (UNT) of message 'PAX001': segment count '20' does not match the 21 segments from UNH to UNT"
    )


def test_it_reads_a_crew_list() -> None:
    paxlst = only(sample("wco_mig_5_2_crew.edi").replace("UNT+20+PAX001'", "UNT+21+PAX001'"))

    assert paxlst.is_crew_list is True
    assert paxlst.declared_count == 8
    (member,) = paxlst.travellers
    assert (member.role, member.family_name, member.given_names, member.nationality) == (
        "crew",
        "CLARK",
        "MICHAEL",
        "CAN",
    )
    assert (member.document_number, member.document_expiry, member.residence_country) == (
        "MB140241",
        date(2015, 10, 21),
        "CAN",
    )


def test_it_reads_the_cbp_progressive_example_with_segments_run_together() -> None:
    # Leading spaces, two segments on one line, a '*' repetition character in UNA, no documents.
    paxlst = only(sample("gtas_apis_message.edi"))

    assert (paxlst.sender, paxlst.recipient, paxlst.prepared_at) == ("AIR1", "DHS", datetime(2007, 2, 18, 15, 45))
    assert (paxlst.flight_number, paxlst.departure_airport, paxlst.arrival_airport) == ("AA123", "ATL", "ORD")
    assert [(t.family_name, t.given_names, t.birth_date, t.document_number) for t in paxlst.travellers] == [
        ("CLARK", "MICHAEL", PartialDate(1972, 9, 7), None),
        ("CLARK", "CHERYL", PartialDate(1973, 4, 7), None),
    ]
    assert all(t.errors == () for t in paxlst.travellers)


def test_it_refuses_text_after_the_interchange() -> None:
    # The CBP sample carries a stray "13Nov09" line after UNZ.
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(sample("gtas_multiple_flight_leg.edi"))

    assert caught.value.segment == 51
    assert "'13Nov09' is not an EDIFACT segment" in str(caught.value)


def test_it_takes_the_flight_from_the_leg_that_has_loc_125_and_87() -> None:
    text = sample("gtas_multiple_flight_leg.edi").removesuffix("\n13Nov09")

    paxlst = only(text)

    assert (paxlst.flight_number, paxlst.departure_airport, paxlst.arrival_airport) == ("QQ827", "JFK", "CDG")
    assert (paxlst.departure_time, paxlst.arrival_time) == (datetime(2008, 8, 10, 20, 0), datetime(2008, 8, 11, 6, 30))
    assert [(t.family_name, t.document_number, t.document_expiry, t.residence_country) for t in paxlst.travellers] == [
        ("BARRETT", "YY3478621G", date(2008, 12, 30), "FRA"),
        ("LANG", "TRQWE99800", date(2009, 9, 16), "ESP"),
    ]


def test_it_names_the_unt_segment_when_its_count_is_wrong() -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(sample("gtas_airline2.edi"))

    assert (caught.value.segment, caught.value.tag) == (111, "UNT")
    assert "segment 111 (UNT)" in str(caught.value)
    assert "segment count '121' does not match the 111 segments" in str(caught.value)


def test_it_reads_a_real_message_with_non_default_separators() -> None:
    # UNA:*.? $ -- '*' between elements, '$' ends a segment, CRLF between segments.
    text = sample("gtas_airline2.edi").replace("UNT*121*140211180 0$", "UNT*111*1402111800$")

    paxlst = only(text)

    assert (paxlst.sender, paxlst.recipient, paxlst.message_ref) == ("SDT", "JMAPIS", "1402111800")
    assert (paxlst.carrier, paxlst.flight_number, paxlst.departure_airport, paxlst.arrival_airport) == (
        "TN",
        "TN506",
        "BRE",
        "YEU",
    )
    assert paxlst.declared_count == 136  # as declared; the message holds ten
    assert [t.family_name for t in paxlst.travellers] == [
        "BETTON",
        "TRIBBLE",
        "RIDER",
        "COOLEY",
        "YOUNG",
        "ELLIOTT",
        "WHITLOCK",
        "WESLEY",
        "STEWART",
        "LOWE",
    ]
    first = paxlst.travellers[0]
    assert (first.given_names, first.birth_date, first.document_number, first.document_expiry) == (
        "DAVID",
        PartialDate(1954, 10, 16),
        "178556534",
        date(2018, 2, 21),
    )
    assert first.segments.startswith("NAD*FL***BETTON:DAVID:$\nATT*2**M$")


# --- syntax ----------------------------------------------------------------------------------------------


def test_it_honours_a_una_with_other_separators_and_release_character() -> None:
    plain = "\n".join(guide_example())
    table = str.maketrans({":": "^", "+": "|", "'": "~"})
    translated = "UNA^|.! ~" + plain.translate(table).replace("WILLIAMS^", "O!~WILLIAMS^")

    paxlst = only(translated)

    assert paxlst.travellers[0].family_name == "O~WILLIAMS"  # '!' releases the terminator '~'
    expected = only(sample("wco_mig_5_1_single_sector.edi").replace("WILLIAMS:", "O~WILLIAMS:"))
    assert without_raw(paxlst) == without_raw(expected)


def test_it_reads_a_released_apostrophe_and_other_released_characters() -> None:
    lines = replace_line(
        guide_example(),
        WILLIAMS,
        "NAD+FL+++O?'BRIEN?+SMYTHE:JOHN?:PAUL:DONALD??'",
    )

    traveller = only("\n".join(lines)).travellers[0]

    assert (traveller.family_name, traveller.given_names) == ("O'BRIEN+SMYTHE", "JOHN:PAUL DONALD?")
    assert traveller.segments.startswith("NAD+FL+++O?'BRIEN?+SMYTHE:JOHN?:PAUL:DONALD??'\n")


def test_it_ignores_whitespace_and_line_breaks_between_segments() -> None:
    reference = only(sample("wco_mig_5_1_single_sector.edi"))

    assert only("".join(guide_example())) == reference
    assert only("\r\n  \t".join(guide_example()) + "\r\n") == reference


def test_it_reads_a_bare_message_without_interchange_envelope() -> None:
    lines = guide_example()
    bare = "\n".join(lines[2:-2])

    paxlst = only(bare)

    assert (paxlst.sender, paxlst.recipient, paxlst.prepared_at) == (None, None, None)
    assert paxlst.travellers[0].birth_date == PartialDate(1972, 9, 7)


def test_it_reads_several_messages_of_one_interchange() -> None:
    passengers, crew = parse_paxlst(sample("synthetic_two_messages.edi"))

    assert (passengers.message_ref, passengers.is_crew_list, crew.message_ref, crew.is_crew_list) == (
        "M1",
        False,
        "M2",
        True,
    )
    assert [(t.family_name, t.role) for t in passengers.travellers] == [
        ("O'BRIEN", "passenger"),
        ("SOK", "passenger"),
        ("LEE", "in_transit_passenger"),
    ]
    assert [(t.family_name, t.role) for t in crew.travellers] == [
        ("CHAIYAPORN", "crew"),
        ("NGUYEN", "in_transit_crew"),
    ]
    # Format 203 flight times in the crew list, 201 in the passenger list: the same flight.
    assert crew.departure_time == passengers.departure_time == datetime(2026, 3, 1, 10, 10)
    assert (passengers.sender, crew.recipient) == ("BORDERLINK TEST", "KHMAPI")


def test_it_keeps_partial_birth_dates_unspecified_sex_and_icao_state_codes() -> None:
    passengers, crew = parse_paxlst(sample("synthetic_two_messages.edi"))
    obrien, sok, lee = passengers.travellers

    assert (obrien.place_of_birth, obrien.residence_country, obrien.given_names) == ("ST. JOHN'S", "IRL", "MARY ANN")
    assert (sok.birth_date, sok.sex) == (PartialDate(1998), "X")  # DTM+329:980000, ATT+2++U
    assert (lee.birth_date, lee.sex) == (PartialDate(2002, 4, 17), "X")  # CCYYMMDD with format 102
    assert (lee.nationality, lee.document_issuing_state, lee.document_expiry) == ("DEU", "DEU", date(2031, 1, 1))
    assert crew.travellers[0].birth_date == PartialDate(1980, 2, 29)


# --- dates -----------------------------------------------------------------------------------------------


def with_birth_date(value: str) -> Traveller:
    lines = replace_line(guide_example(), "DTM+329:720907'", f"DTM+329:{value}'")
    return only("\n".join(lines)).travellers[0]


def test_it_keeps_a_traveller_with_a_bad_birth_date_and_names_the_segment() -> None:
    traveller = with_birth_date("991332")

    assert traveller.errors == (
        "segment 13 (DTM): date of birth '991332' is not a valid YYMMDD date (month 13 is outside 1-12)",
    )
    assert traveller.birth_date is None
    assert (traveller.family_name, traveller.document_number) == ("WILLIAMS", "MB140241")
    assert "DTM+329:991332'" in traveller.segments


NOT_YYMMDD = "segment 13 (DTM): date of birth {!r} is not a valid YYMMDD date"


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ("7209", NOT_YYMMDD.format("7209")),
        ("720231", NOT_YYMMDD.format("720231") + " (day 31 does not exist in 1972-02)"),
        ("720007", NOT_YYMMDD.format("720007") + " (day 7 is given without a month)"),
        ("20720907", "segment 13 (DTM): date of birth 2072-09-07 is after the date of the message (2013-06-20)"),
        (
            "720907:203",
            "segment 13 (DTM): date of birth '720907' has format code '203', neither 101 (YYMMDD) nor 102 (CCYYMMDD)",
        ),
    ],
)
def test_it_names_what_is_wrong_with_a_birth_date(value: str, error: str) -> None:
    assert with_birth_date(value).errors == (error,)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("130620", PartialDate(2013, 6, 20)),  # the day the message was prepared
        ("130621", PartialDate(1913, 6, 21)),  # a day later would be in the future: a century ago
        ("990101", PartialDate(1999, 1, 1)),
        ("720900", PartialDate(1972, 9)),
        ("19720907:102", PartialDate(1972, 9, 7)),
    ],
)
def test_it_puts_a_birth_date_in_the_century_that_is_not_in_the_future(value: str, expected: PartialDate) -> None:
    traveller = with_birth_date(value)

    assert (traveller.birth_date, traveller.errors) == (expected, ())


def test_it_keeps_a_bad_expiry_date_with_the_traveller() -> None:
    lines = replace_line(guide_example(), "DTM+36:151231'", "DTM+36:151232'")

    traveller = only("\n".join(lines)).travellers[0]

    assert traveller.errors == (
        "segment 27 (DTM): document expiry date '151232' is not a valid YYMMDD date (day is out of range for month)",
    )
    assert (traveller.document_number, traveller.document_expiry) == ("MB140241", None)


def test_it_refuses_a_flight_time_that_is_not_a_time_and_names_the_segment() -> None:
    lines = replace_line(guide_example(), "DTM+189:1306210900:201'", "DTM+189:1306211960:201'")

    with pytest.raises(PaxlstError) as caught:
        parse_paxlst("\n".join(lines))

    assert (caught.value.segment, caught.value.tag) == (8, "DTM")
    assert str(caught.value) == (
        "segment 8 (DTM) of message 'PAX001': departure time '1306211960' is not a valid date and time "
        "(minute must be in 0..59)"
    )


# --- per-traveller problems ------------------------------------------------------------------------------


def test_it_names_unknown_codes_and_keeps_the_other_travellers_whole() -> None:
    text = sample("wco_mig_5_3_progressive.edi")
    second = text.index("NAD+FL+++MARTINEZ:SORINA")
    text = text[:second] + text[second:].replace("NAT+2+ESP'", "NAT+2+ZZZ'", 1).replace("ATT+2++F'", "ATT+2++Q'", 1)

    first, bad = only(text).travellers

    assert first.errors == ()
    assert bad.errors == (
        "segment 30 (ATT): sex 'Q' is not M, F, X or U",
        "segment 36 (NAT): nationality 'ZZZ' is not an ISO 3166-1 alpha-3 or ICAO 9303 code",
    )
    assert (bad.sex, bad.nationality, bad.document_number) == (None, None, "TRQWE9980")


def test_it_keeps_a_traveller_of_an_unknown_kind_for_quarantine() -> None:
    lines = replace_line(guide_example(), WILLIAMS, "NAD+ZZ+++WILLIAMS'")

    traveller = only("\n".join(lines)).travellers[0]

    assert traveller.role == "unknown"
    assert traveller.errors == (
        "segment 11 (NAD): party qualifier 'ZZ' is not FL (passenger), FM (crew), DDU (in-transit passenger) "
        "or DDT (in-transit crew)",
    )


def test_it_takes_the_travel_document_rather_than_the_visa() -> None:
    lines = guide_example()
    at = lines.index("DOC+P+MB140241'")
    lines = [*lines[:at], "DOC+V+99685108'", "DTM+36:220427'", "LOC+91+USA'", *lines[at:]]

    traveller = only(recount(lines)).travellers[0]

    assert (traveller.document_type, traveller.document_number, traveller.document_issuing_state) == (
        "P",
        "MB140241",
        "GBR",
    )
    assert traveller.document_expiry == date(2015, 12, 31)


# --- whole-message problems ------------------------------------------------------------------------------


def drop(lines: list[str], *prefixes: str) -> list[str]:
    return [line for line in lines if not line.startswith(prefixes)]


@pytest.mark.parametrize(
    ("text", "segment", "tag", "message"),
    [
        ("", None, None, "no PAXLST message: the text has no UNH message header"),
        ("   \n", None, None, "no PAXLST message: the text has no UNH message header"),
        ("hello world", 1, None, "interchange segment 1: 'hello world' is not an EDIFACT segment"),
        ("UNA:+.", None, None, "UNA service string advice 'UNA:+.' is cut short"),
        ("UNA::.? 'UNH+1+PAXLST'", None, None, "must be four different characters"),
        ("UNH+1+PAXLST:D:05B:UN:IATA'BGM+745'UNT+3+1'NAD+FL+++X?", 4, None, "ends with the release character"),
        ("BGM+745'", 1, "BGM", "interchange segment 1 (BGM): expected UNB (interchange header) or UNH"),
        ("UNB+UNOA:4+A+B+130620:0900+1'UNZ+0+1'", 2, "UNZ", "the interchange holds no UNH message"),
    ],
)
def test_it_refuses_text_that_is_not_a_passenger_list(
    text: str, segment: int | None, tag: str | None, message: str
) -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(text)

    assert (caught.value.segment, caught.value.tag) == (segment, tag)
    assert message in str(caught.value)


def test_it_refuses_a_message_without_tdt() -> None:
    lines = drop(guide_example(), "TDT", "LOC+125", "LOC+87", "DTM+189", "DTM+232")

    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(recount(lines))

    assert caught.value.tag == "TDT"
    assert str(caught.value) == "message 'PAX001' has no TDT segment: the flight is unknown"


def test_it_refuses_an_interchange_cut_short() -> None:
    lines = guide_example()

    with pytest.raises(PaxlstError, match=r"interchange segment 1 \(UNB\): interchange '000000001' has no UNZ"):
        parse_paxlst("\n".join(lines[:-1]))
    with pytest.raises(PaxlstError, match=r"segment 1 \(UNH\) of message 'PAX001': the message has no UNT trailer"):
        parse_paxlst("\n".join(lines[:20]))


UNB = "UNB+UNOA:4+ZZAIRLINE+CUSTOMS+130620:0900+000000001'"
UNH = "UNH+PAX001+PAXLST:D:15B:UN:IATA'"


@pytest.mark.parametrize(
    ("old", "new", "segment", "tag", "message"),
    [
        ("UNZ+1+000000001'", "UNZ+2+000000001'", 34, "UNZ", "control count '2' does not match the 1 messages"),
        ("UNZ+1+000000001'", "UNZ+1+000000002'", 34, "UNZ", "control reference '000000002' does not match"),
        ("UNE+1+000000001'", "UNE+3+000000001'", 33, "UNE", "control count '3' does not match the 1 messages"),
        ("UNT+30+PAX001'", "UNT+30+PAX002'", 30, "UNT", "message reference 'PAX002' does not match 'PAX001'"),
        (UNH, UNH.replace("PAXLST:", "CUSRES:"), 1, "UNH", "message type 'CUSRES' is not PAXLST"),
        ("BGM+745'", "BGM+266'", 2, "BGM", "document code '266' is neither 745 (passengers) nor 250 (crew)"),
        ("CNT+42:160'", "CNT+42:MANY'", 29, "CNT", "control total 'MANY' is not a number"),
        (UNB, UNB.replace("130620", "131320"), 1, "UNB", "date and time of preparation 131320:0900 is not a date"),
    ],
)
def test_it_names_the_envelope_or_header_segment_at_fault(
    old: str, new: str, segment: int, tag: str, message: str
) -> None:
    with pytest.raises(PaxlstError) as caught:
        parse_paxlst("\n".join(replace_line(guide_example(), old, new)))

    assert (caught.value.segment, caught.value.tag) == (segment, tag)
    assert message in str(caught.value)


def test_it_refuses_segments_after_the_control_total() -> None:
    lines = guide_example()
    at = lines.index("CNT+42:160'")
    lines = [*lines[: at + 1], "NAD+FL+++LATE:COMER'", *lines[at + 1 :]]

    with pytest.raises(PaxlstError) as caught:
        parse_paxlst(recount(lines))

    assert (caught.value.segment, caught.value.tag) == (30, "NAD")


# --- never anything but PaxlstError ----------------------------------------------------------------------

EDIFACT_ALPHABET = "UNABGHTZEDOCLMFSXP0123456789+:'? \n*$."


def parse_or_refuse(text: str) -> None:
    try:
        lists = parse_paxlst(text)
    except PaxlstError as exc:
        assert str(exc)
        return
    assert lists
    for paxlst in lists:
        assert all(isinstance(t, Traveller) for t in paxlst.travellers)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_it_raises_only_paxlst_error_on_arbitrary_text(text: str) -> None:
    parse_or_refuse(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=EDIFACT_ALPHABET, max_size=200).map(lambda body: "UNA:+.? '" + body))
def test_it_raises_only_paxlst_error_on_edifact_like_text(text: str) -> None:
    parse_or_refuse(text)


@st.composite
def mutated_samples(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(["wco_mig_5_1_single_sector.edi", "synthetic_two_messages.edi"]))
    chars = list(sample(text))
    for _ in range(draw(st.integers(1, 8))):
        at = draw(st.integers(0, len(chars)))
        action = draw(st.sampled_from(["delete", "insert", "replace"]))
        new = draw(st.sampled_from(EDIFACT_ALPHABET))
        if action == "insert" or not chars or at == len(chars):
            chars.insert(at, new)
        elif action == "delete":
            del chars[at]
        else:
            chars[at] = new
    return "".join(chars)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_samples())
def test_it_raises_only_paxlst_error_on_mutated_samples(text: str) -> None:
    parse_or_refuse(text)
