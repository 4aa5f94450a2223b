#!/usr/bin/env python3
"""Independent synthetic border-crossing exports, written from DESIGN.md sections 3-5 alone.

This script does not import borderlink and was written without reading borderlink's own
generator, name pools or identity code.  It simulates travellers crossing between Cambodia,
Thailand and Viet Nam (and to/from Laos, Myanmar, China and elsewhere) over some weeks and
writes, in ``--out``:

  khm-gdi.csv   Cambodia GDI export (UTF-8 with BOM, CRLF, RFC 4180)
  tha-ib.jsonl  Thailand Immigration Bureau export (JSON Lines, Buddhist Era dates)
  vnm-xnc.xml   Viet Nam XNC export (XML, root DuLieuXuatNhapCanh)
  truth.csv     record_id,person_id  (record_id = "<source>:<source record id>")
  stats.json    what was generated and how often each variation was planted

Usage: python tools/independent_synth.py --out DIR [--persons N] [--days D] [--seed S]

RATES (probabilities; "per record" means drawn independently for every record written)
------------------------------------------------------------------------------------
ALT_ROMANISATION      0.05  per record kept by a state other than the document's issuer:
                            one name word carries another spelling of the same name
                            (SOKH for SOK, CHAIYAPHON for CHAIYAPORN, SREY MOM for SREYMOM)
ALT_ROMANISATION_PASS 0.15  the same, when the document is a border pass or ID card, or there is
                            none (no MRZ: the officer keys the name from the card or hears it)
NATIVE_ONLY_PASS      0.45  per record of a Cambodian on a border pass / national ID in
                            khm-gdi, or of a Thai on a border pass / ID card in tha-ib:
                            only the native-script name is given (Latin fields empty)
NATIVE_WITH_LATIN     0.80  per khm-gdi record of a Cambodian on a passport (name_km filled);
                            0.85 per tha-ib record of a Thai on a passport (name_th filled)
LAO_THAI_SCRIPT       0.30  per tha-ib record of a Lao national: name_th holds the name in
                            Thai script (beside the Latin passport name)
ORDER_SWAP            0.04  per record in a foreign state's export: family and given names
                            exchanged (DARA SOK), or a Vietnamese export writes a foreign
                            name given-name first
VN_MIDDLE_VARIANT     0.06  per foreign record of a Vietnamese: the middle name dropped
                            (NGUYEN / LAN) or moved into the family name (NGUYEN THI / LAN)
VN_NO_DIACRITICS      0.02  per vnm-xnc record of a Vietnamese citizen: typed without diacritics
TYPO_LATIN            0.03  per record with a Latin name: one typing slip in one name word
                            (adjacent key, dropped, doubled or transposed letter)
TYPO_NATIVE           0.015 per native-script-only record: one slip in the native name
                            (a register sign or tone mark dropped, a similar letter)
DOB_SWAP              0.05  per record whose birth day is <= 12 and != month (about 1.8% of
                            all records): day and month of birth exchanged
DOB_YEAR_ONLY_RECORD  0.01  per record: only the birth year given although it is known
DOB_PARTIAL_PERSON    0.03  per Cambodian/Burmese/Lao person: only the year of birth is known
                            (00/00/YYYY) on every record
MULTI_DOCUMENT        0.08  per adult: a second document (passport + border pass / ID card,
                            or a passport renewed during the period)
MINOR_SHARE           ~0.10 of persons are minors travelling with a parent (0.16 of migrant,
                            tourist and family travellers bring 1-3 children); 0.60 of them on no
                            document of their own (doc_type NONE / document null / no GiayTo)
MRZ_PRESENT           0.70  per khm-gdi passport record: the mrz column is filled
MRZ_BAD_CHECK         0.03  per MRZ written: one check digit wrong
DOC_NUMBER_SLIP       0.01  per record with a document: the typed number has one wrong
                            character (the MRZ, when present, keeps the right one, so it
                            disagrees with the typed fields)
SEX_UNSPECIFIED       0.01  per record: sex X / UNSPECIFIED / Khác
SEX_WRONG             0.003 per record: the other sex keyed
FORMULA               0.01  per khm-gdi / tha-ib record: the sponsor / employer (7 in 10) or the
                            vehicle field holds a spreadsheet formula (=HYPERLINK(...), =CMD|...,
                            +1+1, @SUM(...)); vnm-xnc has no free-text field
THAI_ID_DASHES        0.50  per khm-gdi record of a Thai ID card: number written 1-2345-67890-12-3
DEFECT                0.0015 per record: a row that must be quarantined (bad date, unknown
                            checkpoint, bad direction, truncated JSON line)
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

RATES = {
    "ALT_ROMANISATION": 0.05,
    "ALT_ROMANISATION_PASS": 0.15,
    "NATIVE_ONLY_PASS": 0.45,
    "NATIVE_WITH_LATIN_KHM": 0.80,
    "NATIVE_WITH_LATIN_THA": 0.85,
    "LAO_THAI_SCRIPT": 0.30,
    "ORDER_SWAP": 0.04,
    "VN_MIDDLE_VARIANT": 0.06,
    "VN_NO_DIACRITICS": 0.02,
    "TYPO_LATIN": 0.03,
    "TYPO_NATIVE": 0.015,
    "DOB_SWAP": 0.05,
    "DOB_YEAR_ONLY_RECORD": 0.01,
    "DOB_PARTIAL_PERSON": 0.03,
    "MULTI_DOCUMENT": 0.08,
    "MINOR_NO_DOCUMENT": 0.60,
    "MRZ_PRESENT": 0.70,
    "MRZ_BAD_CHECK": 0.03,
    "DOC_NUMBER_SLIP": 0.01,
    "SEX_UNSPECIFIED": 0.01,
    "SEX_WRONG": 0.003,
    "FORMULA": 0.01,
    "THAI_ID_DASHES": 0.50,
    "DEFECT": 0.0015,
}

TZ = dt.timezone(dt.timedelta(hours=7))

# --------------------------------------------------------------------------------------
# Names.  Each word: native script (or None), then the Latin spellings people carry, the
# most common first.  Built by hand from common Khmer, Thai, Vietnamese, Lao and Burmese
# names and the spellings seen on passports (GDI/UNGEGN-like Khmer spellings and their
# French-influenced variants, Thai passport spellings beside RTGS, Lao French-style spellings).
# --------------------------------------------------------------------------------------

# Khmer family names: (khmer, [spellings], weight)
KHM_FAMILY = [
    ("សុខ", ["SOK", "SOKH", "SOKE"], 10),
    ("ចាន់", ["CHAN", "CHANN", "CHAND"], 8),
    ("គឹម", ["KIM", "KEUM", "KEM"], 6),
    ("ហេង", ["HENG", "HAENG"], 5),
    ("លី", ["LY", "LEE", "LI"], 5),
    ("ម៉ៅ", ["MAO", "MAU"], 3),
    ("ស៊ុន", ["SUN", "SON", "SOUN"], 3),
    ("ឈឹម", ["CHHIM", "CHHEUM", "CHIM"], 3),
    ("ប៉ែន", ["PEN", "PAEN", "PENN"], 2),
    ("អ៊ុក", ["OUK", "UK", "OUKH"], 2),
    ("កែវ", ["KEO", "KEV", "KAEV", "KEOV"], 4),
    ("ទេព", ["TEP", "TEB"], 2),
    ("ខៀវ", ["KHIEU", "KHIEV", "KHEAV"], 2),
    ("ហ៊ុន", ["HUN", "HOUN", "HUNN"], 3),
    ("ព្រំ", ["PROM", "PRUM", "PROMM"], 2),
    ("ឡុង", ["LONG", "LAUNG"], 2),
    ("យិន", ["YIN", "YEN", "YINN"], 2),
    ("នួន", ["NUON", "NOUN", "NUONN"], 2),
    ("ជា", ["CHEA", "CHIA"], 4),
    ("សេង", ["SENG", "SENGH"], 3),
    ("ភី", ["PHY", "PHI", "PHEE"], 1),
    ("រស់", ["ROS", "RUOS", "RUAS"], 2),
    ("ពៅ", ["POV", "PEOU", "PEOV"], 1),
    ("យស", ["YOS", "YUOS", "YOUS"], 1),
    ("ម៉ម", ["MOM", "MOMM"], 1),
    ("សួន", ["SUON", "SOUN", "SUAN"], 2),
    ("វង្ស", ["VONG", "VANG", "VONGS"], 2),
    ("ទូច", ["TOUCH", "TUCH", "TOUCHE"], 2),
    ("ឃុន", ["KHUN", "KHON", "KHOUN"], 1),
    ("នី", ["NY", "NI", "NEE"], 1),
    ("អ៊ឹម", ["IM", "EM", "OEM"], 2),
    ("លឹម", ["LIM", "LEM", "LEUM"], 2),
    ("ឡាយ", ["LAY", "LAI", "LAYE"], 1),
    ("ហួត", ["HUOT", "HOUT", "HUOTH"], 2),
    ("អ៊ុំ", ["UM", "OUM", "UMM"], 2),
    ("ប៊ុន", ["BUN", "BUNN", "BOUN"], 2),
    ("ស៊ឹម", ["SIM", "SEM", "SEUM"], 1),
    ("ស៊ាន", ["SEAN", "SIAN", "SEANG"], 1),
    ("ឆាយ", ["CHHAY", "CHHAI", "CHAY"], 2),
    ("ថាច់", ["THACH", "TACH", "THACHH"], 1),
    ("ស្រេង", ["SRENG", "SRAENG"], 1),
    ("ម៉ុក", ["MOK", "MOUK"], 1),
    ("សំ", ["SAM", "SOM", "SAMM"], 1),
    ("ពេជ្រ", ["PICH", "PECH", "PEJ"], 1),
    ("ឯក", ["EK", "EAK", "AEK"], 1),
    ("ហ៊ាង", ["HANG", "HEANG", "HEAN"], 1),
    ("អ៊ូច", ["OUCH", "UCH", "OUCHE"], 1),
    ("ឈុន", ["CHHUN", "CHUN", "CHHOUN"], 1),
    ("ផាន់", ["PHAN", "PHANN"], 1),
    ("ម៉េង", ["MENG", "MENGH"], 1),
    ("ស៊ីន", ["SINN", "SIN", "SEN"], 1),
    ("តាំង", ["TANG", "TAING", "TAENG"], 1),
    ("ម៉ែន", ["MEN", "MAEN", "MENN"], 1),
    ("សាន", ["SAN", "SANN"], 1),
    ("ឌី", ["DY", "DI", "DEE"], 1),
    ("យ៉ង", ["YANG", "YONG"], 1),
]

# Khmer given names: (khmer, [spellings], sex M/F/U)
KHM_GIVEN = [
    ("ដារ៉ា", ["DARA", "DARAH", "DARRA"], "U"),
    ("សុភា", ["SOPHEA", "SOPHA", "SOPHEAR"], "F"),
    ("សុភាព", ["SOPHEAP", "SOPHEAB", "SOPHAP"], "F"),
    ("ចន្ថា", ["CHANTHA", "CHANTHEA", "CHANTA"], "F"),
    ("ចាន់ធូ", ["CHANTHOU", "CHANTHO", "CHANTHOUR"], "F"),
    ("សុខា", ["SOKHA", "SOKHAR", "SOKA"], "U"),
    ("វណ្ណា", ["VANNA", "VANA", "VANNAH"], "U"),
    ("រតនា", ["RATANA", "RATTANA", "ROTANA", "RATHANA"], "F"),
    ("បុប្ផា", ["BOPHA", "BOPPHA", "BUPHA"], "F"),
    ("ចិន្តា", ["CHENDA", "CHINDA", "CHENTA"], "F"),
    ("សុធា", ["SOTHEA", "SOTHA", "SOTHEAR"], "U"),
    ("ពិសី", ["PISEY", "PISEI", "PISSEY"], "F"),
    ("ធីតា", ["THIDA", "TIDA", "THITA"], "F"),
    ("វិចិត្រ", ["VICHET", "VICHETH", "VICHETR"], "M"),
    ("ផល្លា", ["PHALLA", "PHALA", "PHALLAH"], "F"),
    ("សុវណ្ណ", ["SOVANN", "SOVAN", "SAVANN"], "M"),
    ("វិសាល", ["VISAL", "VEASAL", "VISSAL"], "M"),
    ("ពិសិដ្ឋ", ["PISETH", "PISET", "PISITH"], "M"),
    ("មករា", ["MAKARA", "MAKKARA", "MAKARAH"], "M"),
    ("ស្រីមុំ", ["SREYMOM", "SREY MOM", "SREIMOM"], "F"),
    ("ស្រីនាង", ["SREYNEANG", "SREY NEANG", "SREINEANG"], "F"),
    ("ស្រីពៅ", ["SREYPOV", "SREY POV", "SREYPEOU"], "F"),
    ("ស្រីលក្ខ", ["SREYLEAK", "SREY LEAK", "SREYLAK"], "F"),
    ("ស្រីរ័ត្ន", ["SREYROTH", "SREY ROTH", "SREYRATH"], "F"),
    ("រដ្ឋា", ["RATHA", "RATTHA", "RADTHA"], "M"),
    ("សុភ័ក្ត្រ", ["SOPHEAK", "SOPHEAKTRA", "SOPHEAKT"], "U"),
    ("បូរ៉ា", ["BORA", "BORAH", "BORRA"], "M"),
    ("សំណាង", ["SAMNANG", "SOMNANG", "SAMNANGH"], "M"),
    ("ម៉ាលីស", ["MALIS", "MALISS", "MEALEAS"], "F"),
    ("លីដា", ["LIDA", "LYDA", "LIDAR"], "F"),
    ("ធារី", ["THEARY", "THEARI", "TEARY"], "F"),
    ("ណារី", ["NARY", "NARI", "NARIE"], "F"),
    ("សុផល", ["SOPHAL", "SOPHOL", "SOPHALL"], "M"),
    ("វុទ្ធី", ["VUTHY", "VUTHI", "VOUTHY"], "M"),
    ("ឧត្តម", ["UDOM", "OUDOM", "UTTAM"], "M"),
    ("កុសល", ["KOSAL", "KOSSAL", "KAUSAL"], "M"),
    ("សារ៉ាត", ["SARATH", "SARAT", "SARATT"], "M"),
    ("ប៊ុនថន", ["BUNTHON", "BUNTHORN", "BUNTHAN"], "M"),
    ("ធារ៉ា", ["THEARA", "TEARA", "THEARAH"], "M"),
    ("គន្ធា", ["KUNTHEA", "KOUNTHEA", "KANTHA"], "F"),
    ("ចំរើន", ["CHAMROEUN", "CHAMREUN", "CHAMRAEN"], "M"),
    ("ភារម្យ", ["PHEARUM", "PHEAROM", "PHARUM"], "M"),
    ("វាសនា", ["VEASNA", "VEASANA", "VASNA"], "M"),
    ("ចាន់ណា", ["CHANNA", "CHANA", "CHANNAH"], "U"),
    ("សុខុម", ["SOKHOM", "SOKHUM", "SOKOM"], "M"),
    ("បញ្ញា", ["PANHA", "PANNHA", "BANHA"], "M"),
    ("ចរិយា", ["CHARIYA", "CHAREYA", "CHARYA"], "F"),
    ("កញ្ញា", ["KANHA", "KANNHA", "KANHAR"], "F"),
    ("មុន្នី", ["MONY", "MONNY", "MONI"], "U"),
    ("រស្មី", ["RASMEY", "RAKSMEY", "REAKSMEY", "RAKSMEI"], "F"),
    ("សម្ផស្ស", ["SAMPHOS", "SOMPHOS", "SAMPHOAS"], "F"),
    ("វិបុល", ["VIBOL", "VIBUL", "VEBOL"], "M"),
    ("លក្ខិណា", ["LEAKHENA", "LAKHENA", "LEAKENA"], "F"),
    ("ចន្ទ្រា", ["CHANTREA", "CHANTRA", "CHANTRIA"], "F"),
    ("ប៊ុនធឿន", ["BUNTHOEUN", "BUNTHEUN", "BUNTHOEURN"], "M"),
    ("សុវណ្ណារី", ["SOVANNARY", "SOVANARY", "SOVANNARI"], "F"),
    ("រិទ្ធ", ["RITH", "RITHY", "RIT"], "M"),
    ("បុរី", ["BOREY", "BOREI", "BORY"], "M"),
    ("ជឿន", ["CHOEUN", "CHEURN", "CHOEURN"], "M"),
    ("សិរី", ["SEREY", "SERY", "SEREI"], "U"),
    ("សុខលី", ["SOKLY", "SOKHLY", "SOK LY"], "U"),
    ("ពិសាខ", ["PISAK", "PISAKH", "PISAC"], "M"),
    ("ស្រីនិច", ["SREYNICH", "SREY NICH", "SREINICH"], "F"),
    ("តុលា", ["TOLA", "TULA", "TOLLA"], "M"),
    ("ម៉ារ៉ា", ["MARA", "MARRA", "MARAH"], "U"),
]

# Thai given names: (thai, [passport spellings], sex)
THA_GIVEN = [
    ("สมชาย", ["SOMCHAI", "SOMCHAY"], "M"),
    ("สมศักดิ์", ["SOMSAK", "SOMSUK"], "M"),
    ("ประเสริฐ", ["PRASERT", "PRASOET", "PRASERD"], "M"),
    ("วิชัย", ["WICHAI", "VICHAI", "WICHAY"], "M"),
    ("สุนทร", ["SUNTHON", "SUNTHORN", "SOONTORN"], "M"),
    ("ณัฐพล", ["NATTHAPHON", "NATTAPHON", "NATTAPON", "NUTTAPOL"], "M"),
    ("ธนพล", ["THANAPHON", "THANAPOL", "TANAPON"], "M"),
    ("อนุชา", ["ANUCHA", "ANUCHAR"], "M"),
    ("กิตติ", ["KITTI", "KITTHI", "KITTY"], "M"),
    ("สุรชัย", ["SURACHAI", "SURACHAY", "SURACHAYE"], "M"),
    ("ชัยวัฒน์", ["CHAIWAT", "CHAIYAWAT", "CHAIWATH"], "M"),
    ("อำนาจ", ["AMNAT", "AMNARD", "UMNAT"], "M"),
    ("ชาตรี", ["CHATRI", "CHATREE"], "M"),
    ("วีระ", ["WIRA", "WEERA", "VEERA"], "M"),
    ("สมบัติ", ["SOMBAT", "SOMBUT"], "M"),
    ("บุญมี", ["BUNMI", "BOONMEE", "BOONMI"], "M"),
    ("ทองดี", ["THONGDI", "THONGDEE", "TONGDEE"], "M"),
    ("ศักดิ์ชัย", ["SAKCHAI", "SAKCHAY", "SAKDICHAI"], "M"),
    ("ธีรวัฒน์", ["THIRAWAT", "TEERAWAT", "THEERAWAT"], "M"),
    ("พงศกร", ["PHONGSAKON", "PONGSAKORN", "PHONGSAKORN"], "M"),
    ("อภิชาติ", ["APHICHAT", "APICHART", "APICHAT"], "M"),
    ("วรวุฒิ", ["WORAWUT", "VORAVUT", "WORAWUTH"], "M"),
    ("สุริยา", ["SURIYA", "SURIYAH"], "M"),
    ("เกรียงไกร", ["KRIANGKRAI", "KRIENGKRAI", "KRAIANGKRAI"], "M"),
    ("ศิริพร", ["SIRIPHON", "SIRIPORN", "SIRIPON"], "F"),
    ("สุภาพร", ["SUPHAPHON", "SUPAPORN", "SUPHAPORN"], "F"),
    ("กาญจนา", ["KANCHANA", "KARNJANA", "KANJANA"], "F"),
    ("จันทร์เพ็ญ", ["CHANPHEN", "CHANPEN", "JANPEN"], "F"),
    ("มาลี", ["MALI", "MALEE"], "F"),
    ("นภา", ["NAPHA", "NAPA"], "F"),
    ("พรทิพย์", ["PHONTHIP", "PORNTHIP", "PORNTIP"], "F"),
    ("วันเพ็ญ", ["WANPHEN", "WANPEN"], "F"),
    ("อรุณี", ["ARUNI", "ARUNEE"], "F"),
    ("รัตนา", ["RATTANA", "RATANA"], "F"),
    ("ปราณี", ["PRANI", "PRANEE"], "F"),
    ("สุดารัตน์", ["SUDARAT", "SUDARATH"], "F"),
    ("ดวงใจ", ["DUANGCHAI", "DUANGJAI"], "F"),
    ("สมหญิง", ["SOMYING", "SOMYINGH"], "F"),
    ("อัญชลี", ["ANCHALI", "ANCHALEE", "UNCHALEE"], "F"),
    ("เพ็ญศรี", ["PHENSI", "PENSRI", "PHENSRI"], "F"),
    ("นงลักษณ์", ["NONGLAK", "NONGLUCK", "NONGLUK"], "F"),
    ("วิไลวรรณ", ["WILAIWAN", "VILAIWAN", "WILAIWARN"], "F"),
    ("ปิยะนุช", ["PIYANUT", "PIYANUCH"], "F"),
    ("สุนิสา", ["SUNISA", "SOONISA"], "F"),
    ("ชนิดา", ["CHANIDA", "CHANEEDA"], "F"),
    ("กนกวรรณ", ["KANOKWAN", "KANOKWARN"], "F"),
    ("ธิดารัตน์", ["THIDARAT", "TIDARAT"], "F"),
    ("อุไร", ["URAI", "OURAI"], "F"),
    ("บุษบา", ["BUTSABA", "BUSSABA", "BUDSABA"], "F"),
]

THA_FAMILY = [
    ("สมบูรณ์", ["SOMBUN", "SOMBOON"]),
    ("ศรีสุข", ["SISUK", "SRISUK", "SRISOOK"]),
    ("ไชยพร", ["CHAIYAPHON", "CHAIYAPORN", "CHAIYAPON"]),
    ("พรหมมา", ["PHROMMA", "PROMMA", "PROMMAR"]),
    ("รัตนพันธ์", ["RATTANAPHAN", "RATANAPAN", "RATTANAPAN"]),
    ("แสงทอง", ["SAENGTHONG", "SANGTHONG", "SAENGTONG"]),
    ("บุญมา", ["BUNMA", "BOONMA"]),
    ("ทองคำ", ["THONGKHAM", "TONGKAM", "THONGKAM"]),
    ("สุขสวัสดิ์", ["SUKSAWAT", "SOOKSAWAT", "SUKSAWAD"]),
    ("วงศ์ใหญ่", ["WONGYAI", "VONGYAI"]),
    ("ศรีวงศ์", ["SIWONG", "SRIWONG"]),
    ("จันทร์แก้ว", ["CHANKAEO", "CHANKAEW", "JANKAEW"]),
    ("แก้วมณี", ["KAEOMANI", "KAEWMANEE", "KAEWMANI"]),
    ("มีสุข", ["MISUK", "MEESUK", "MEESOOK"]),
    ("ใจดี", ["CHAIDI", "JAIDEE", "JAIDI"]),
    ("พิทักษ์", ["PHITHAK", "PITAK", "PITHAK"]),
    ("อินทร์แก้ว", ["INKAEO", "INKAEW"]),
    ("ชัยมงคล", ["CHAIMONGKHON", "CHAIMONGKOL"]),
    ("ปัญญาดี", ["PANYADI", "PANYADEE"]),
    ("บุญเรือง", ["BUNRUEANG", "BOONRUANG", "BOONRUENG"]),
    ("เพชรรัตน์", ["PHETCHARAT", "PETCHARAT", "PETCHRAT"]),
    ("ทองสุข", ["THONGSUK", "TONGSUK", "THONGSOOK"]),
    ("หอมจันทร์", ["HOMCHAN", "HOMJAN"]),
    ("สายทอง", ["SAITHONG", "SAITONG"]),
    ("คำแก้ว", ["KHAMKAEO", "KHAMKAEW", "KUMKAEW"]),
    ("ศรีประเสริฐ", ["SIPRASOET", "SRIPRASERT"]),
    ("วงศ์สวัสดิ์", ["WONGSAWAT", "VONGSAWAT"]),
    ("นาคสุข", ["NAKSUK", "NAKSOOK"]),
    ("ปานทอง", ["PANTHONG", "PANTONG"]),
    ("ยอดดี", ["YOTDI", "YODDEE"]),
    ("บุญประเสริฐ", ["BUNPRASOET", "BOONPRASERT"]),
    ("เจริญสุข", ["CHAROENSUK", "CHAROENSOOK", "JAROENSUK"]),
    ("สุวรรณศรี", ["SUWANNASI", "SUWANNASRI", "SUWANSRI"]),
    ("ธนากร", ["THANAKON", "THANAKORN", "TANAKORN"]),
    ("อ่อนศรี", ["ONSI", "ONSRI", "AONSRI"]),
    ("ทองมา", ["THONGMA", "TONGMA"]),
    ("ศรีทอง", ["SITHONG", "SRITHONG", "SRITONG"]),
    ("แก้วใส", ["KAEOSAI", "KAEWSAI"]),
    ("พึ่งบุญ", ["PHUENGBUN", "PUENGBOON", "PHUNGBOON"]),
    ("กิตติศักดิ์", ["KITTISAK", "KITTISUK"]),
    ("วัฒนสุข", ["WATTHANASUK", "WATTANASUK", "WATANASOOK"]),
    ("ขันแก้ว", ["KHANKAEO", "KHANKAEW"]),
    ("บุญช่วย", ["BUNCHUAI", "BOONCHUAY", "BOONCHUAI"]),
    ("สีดา", ["SIDA", "SEEDA"]),
]

# Vietnamese (with diacritics); weights roughly follow published surname frequencies.
VNM_FAMILY = [
    ("NGUYỄN", 38),
    ("TRẦN", 11),
    ("LÊ", 9),
    ("PHẠM", 7),
    ("HOÀNG", 3),
    ("HUỲNH", 3),
    ("PHAN", 4),
    ("VŨ", 2),
    ("VÕ", 2),
    ("ĐẶNG", 2),
    ("BÙI", 2),
    ("ĐỖ", 1.5),
    ("HỒ", 1.3),
    ("NGÔ", 1.3),
    ("DƯƠNG", 1),
    ("LÝ", 0.5),
    ("ĐINH", 0.6),
    ("TRƯƠNG", 0.6),
    ("MAI", 0.4),
    ("LƯƠNG", 0.4),
    ("TÔ", 0.3),
]
VNM_MIDDLE_M = [
    "VĂN",
    "VĂN",
    "VĂN",
    "HỮU",
    "ĐỨC",
    "MINH",
    "QUỐC",
    "THANH",
    "CÔNG",
    "XUÂN",
    "ĐÌNH",
    "QUANG",
    "NGỌC",
    "TRỌNG",
]
VNM_MIDDLE_F = ["THỊ", "THỊ", "THỊ", "THỊ", "NGỌC", "THU", "THANH", "KIM", "THÙY", "MỸ", "HỒNG", "BẢO", "PHƯƠNG"]
VNM_GIVEN_M = [
    "HÙNG",
    "DŨNG",
    "TUẤN",
    "NAM",
    "SƠN",
    "HẢI",
    "LONG",
    "QUANG",
    "HIẾU",
    "KHÁNH",
    "BÌNH",
    "CƯỜNG",
    "ĐỨC",
    "THẮNG",
    "PHÚC",
    "TIẾN",
    "TOÀN",
    "HUY",
    "MINH",
    "TÂM",
    "TRUNG",
    "THÀNH",
    "VINH",
    "AN",
    "PHONG",
    "HOÀNG",
    "LỢI",
    "TÀI",
    "ĐẠT",
    "HÒA",
    "KHOA",
    "NGHĨA",
    "THỊNH",
    "LỘC",
    "DUY",
]
VNM_GIVEN_F = [
    "LAN",
    "HƯƠNG",
    "MAI",
    "ANH",
    "LINH",
    "HÀ",
    "TRANG",
    "HOA",
    "PHƯƠNG",
    "THẢO",
    "HẰNG",
    "THU",
    "YẾN",
    "VY",
    "NHUNG",
    "HẠNH",
    "LOAN",
    "NGA",
    "OANH",
    "DUNG",
    "NHI",
    "TRÂM",
    "HUYỀN",
    "GIANG",
    "THÚY",
    "VÂN",
    "NGỌC",
    "QUYÊN",
    "XUÂN",
    "DIỆP",
    "MY",
    "TUYẾT",
    "LỤA",
    "HIỀN",
]

# Lao: Latin spellings (Lao passports, French-influenced, then Thai-typed ones) + Thai script.
LAO_GIVEN = [
    (["SOMPHONE", "SOMPHON", "SOMPHONH"], "สมพอน"),
    (["SOUKSAVANH", "SOUKSAVAN", "SUKSAVAN"], "สุกสะหวัน"),
    (["KHAMPHONE", "KHAMPHON"], "คำพอน"),
    (["BOUNMY", "BOUNMI", "BUNMY"], "บุนมี"),
    (["VILAYPHONE", "VILAYPHON", "VILAIPHONE"], "วิไลพอน"),
    (["PHETSAMONE", "PHETSAMON"], "เพ็ดสะหมอน"),
    (["MANIVONE", "MANIVON", "MANYVONE"], "มะนีวอน"),
    (["NOY", "NOI"], "น้อย"),
    (["CHANSAMONE", "CHANSAMON"], "จันสะหมอน"),
    (["SENGDAO", "SAENGDAO"], "แสงดาว"),
    (["THONGSAVATH", "THONGSAVAT"], "ทองสะหวาด"),
    (["KHAMLA", "KHAMLAR"], "คำหล้า"),
    (["VIENGKHAM", "VIANGKHAM"], "เวียงคำ"),
    (["PHOUTHONE", "PHOUTHON", "PHUTHONE"], "พูทอน"),
    (["BOUASONE", "BUASONE", "BOUASON"], "บัวสอน"),
    (["KHAMSING", "KHAMSINH"], "คำสิง"),
    (["OUDONE", "OUDON", "UDONE"], "อุดอน"),
    (["LATSAMY", "LATSAMI", "LADSAMY"], "ลัดสะหมี"),
]
LAO_FAMILY = [
    (["PHOMMACHANH", "PHOMMACHAN", "PHOMMACHANE"], "พมมะจัน"),
    (["KEOMANY", "KEOMANI", "KAEOMANY"], "แก้วมะนี"),
    (["VONGSA", "VONGSAR"], "วงสา"),
    (["SISOUK", "SISUK", "SYSOUK"], "สีสุก"),
    (["CHANTHAVONG", "CHANTHAVONH", "JANTHAVONG"], "จันทะวง"),
    (["INTHAVONG", "INTHAVONH"], "อินทะวง"),
    (["SENGSOURIYA", "SENGSOURYA", "SAENGSURIYA"], "แสงสุริยา"),
    (["PHANTHAVONG", "PHANTHAVONH"], "พันทะวง"),
    (["XAYAVONG", "SAYAVONG", "XAIYAVONG"], "ไซยะวง"),
    (["XAYSANA", "SAYSANA", "XAISANA"], "ไซสะนา"),
    (["KHOUNTHAVONG", "KHUNTHAVONG"], "ขุนทะวง"),
    (["LUANGLATH", "LUANGLAT", "LOUANGLATH"], "หลวงลาด"),
    (["SOUVANNAVONG", "SUVANNAVONG"], "สุวันนะวง"),
    (["VONGPHACHANH", "VONGPHACHAN"], "วงพะจัน"),
    (["SAYASITH", "XAYASITH"], "ไซยะสิด"),
    (["DOUANGMALA", "DUANGMALA"], "ดวงมาลา"),
    (["PHIMMASONE", "PHIMMASON"], "พิมมะสอน"),
]

# Burmese words (no family name), spellings people carry, sex leaning.
MMR_WORDS_M = [
    ["AUNG"],
    ["KYAW"],
    ["MIN", "MINN"],
    ["HTET", "HTAT"],
    ["NAING", "NAINE"],
    ["WIN", "WINN"],
    ["ZAW", "ZAWE"],
    ["MYO", "MYOE"],
    ["THU", "THUU"],
    ["HLAING", "LAING"],
    ["HTUN", "TUN"],
    ["SOE", "SOW"],
    ["THANT", "THAN"],
    ["PAING", "PAINE"],
    ["KO", "KOE"],
    ["YE", "YAY"],
    ["PYAE", "PYAY"],
    ["PHYO", "PHYOE"],
    ["THEIN", "HTEIN"],
    ["MYINT", "MYINTT"],
    ["LWIN", "LWINN"],
    ["OO", "U"],
    ["NAY", "NE"],
    ["LIN", "LINN"],
    ["ZEYAR", "ZEYA"],
    ["KHANT", "KANT"],
    ["SITT", "SIT"],
    ["MAUNG", "MG"],
    ["THIHA", "THI HA"],
    ["WAI", "WAII"],
]
MMR_WORDS_F = [
    ["KHIN"],
    ["NILAR", "NI LAR", "NILA"],
    ["THIDA", "THI DA"],
    ["SU", "SUU"],
    ["HNIN", "NHIN"],
    ["EI", "EAI"],
    ["CHO", "CHOE"],
    ["YU", "YUU"],
    ["MAY", "MEI"],
    ["THET", "THAT"],
    ["NYEIN", "NYEIN"],
    ["MOE", "MOH"],
    ["ZIN", "ZINN"],
    ["AYE", "AYEE"],
    ["SAN", "SANN"],
    ["MYAT", "MYATT"],
    ["PHYU", "PHU"],
    ["THAZIN", "THA ZIN"],
    ["SANDAR", "SANDA"],
    ["YADANAR", "YADANA"],
    ["NWE", "NWAY"],
    ["MAR", "MAR"],
    ["LAY", "LEI"],
    ["HTWE", "TWE"],
    ["KHAING", "KHINE"],
    ["EAINT", "EINT"],
    ["PWINT", "PWINT"],
    ["WAI", "WAII"],
    ["WIN", "WINN"],
]

CHN_FAMILY = [
    ("WANG", 7),
    ("LI", 7),
    ("ZHANG", 7),
    ("LIU", 5),
    ("CHEN", 5),
    ("YANG", 3),
    ("HUANG", 2),
    ("ZHAO", 2),
    ("WU", 2),
    ("ZHOU", 2),
    ("XU", 1.5),
    ("SUN", 1.5),
    ("MA", 1.2),
    ("ZHU", 1.2),
    ("HU", 1.1),
    ("GUO", 1),
    ("HE", 1),
    ("LIN", 1),
    ("LUO", 0.8),
    ("GAO", 0.8),
]
CHN_GIVEN_SYL = [
    "WEI",
    "FANG",
    "NA",
    "MIN",
    "JING",
    "LI",
    "QIANG",
    "LEI",
    "JUN",
    "YANG",
    "YONG",
    "YAN",
    "JIE",
    "TAO",
    "MING",
    "CHAO",
    "XIU",
    "YING",
    "XIAO",
    "HAO",
    "YU",
    "JIAN",
    "PING",
    "GANG",
    "HUI",
    "XIN",
    "LING",
    "HONG",
    "BO",
    "PENG",
    "ZHEN",
    "KAI",
]

# Other travellers: (nationality, family, given) with spelling variants where they exist.
OTHER_NAMES = {
    "IDN": {
        "single": [
            ["SUPRIYADI"],
            ["SUTRISNO"],
            ["WAHYUDI"],
            ["SUHARTO", "SOEHARTO"],
            ["SUGIARTO", "SOEGIARTO"],
            ["MULYADI"],
            ["SUPARMAN"],
        ],
        "two": [
            ("SETIAWAN", ["BUDI"]),
            ("HIDAYAH", ["NUR", "NURUL"]),
            ("AMINAH", ["SITI"]),
            ("RIZKI", ["MUHAMMAD", "MUHAMAD", "MOHAMMAD"]),
            ("LESTARI", ["DEWI"]),
            ("SARI", ["PUTRI"]),
            ("SAPUTRA", ["ANDI"]),
        ],
    },
    "PHL": {
        "two": [
            ("DELA CRUZ", ["MARIA CLARA"]),
            ("SANTOS", ["JOHN PAUL"]),
            ("REYES", ["MARY JOY"]),
            ("GARCIA", ["JOSE"]),
            ("BAUTISTA", ["ANGELICA"]),
            ("MENDOZA", ["MARK ANTHONY"]),
            ("VILLANUEVA", ["KRISTINE"]),
            ("DE LEON", ["RICARDO"]),
        ]
    },
    "MYS": {
        "single": [
            ["AHMAD BIN ISMAIL"],
            ["NURUL AIN BINTI HASSAN"],
            ["MOHD FAIZAL BIN ABDULLAH", "MOHAMAD FAIZAL BIN ABDULLAH"],
            ["SITI NORHAYATI BINTI OMAR"],
        ],
        "two": [("TAN", ["WEI MING"]), ("LIM", ["KAH HENG"]), ("WONG", ["MEI LING"])],
    },
    "KOR": {
        "two": [
            ("KIM", ["MINJUN", "MIN JUN"]),
            ("LEE", ["SEOYEON", "SEO YEON"]),
            ("PARK", ["JIHOON", "JI HOON"]),
            ("CHOI", ["YUNA"]),
            ("JUNG", ["HYUNWOO", "HYUN WOO"]),
        ]
    },
    "DEU": {"two": [("MUELLER", ["THOMAS"]), ("SCHMIDT", ["ANNA"]), ("SCHNEIDER", ["LUKAS"])]},
    "FRA": {"two": [("LEFEVRE", ["CAMILLE"]), ("MARTIN", ["JULIEN"]), ("DUBOIS", ["CHLOE"])]},
    "USA": {"two": [("SMITH", ["JOHN"]), ("JOHNSON", ["EMILY"]), ("WILLIAMS", ["MICHAEL"]), ("BROWN", ["SARAH"])]},
    "AUS": {"two": [("TAYLOR", ["JACK"]), ("WILSON", ["OLIVIA"]), ("NGUYEN", ["DAVID"])]},
    "GBR": {"two": [("JONES", ["OLIVER"]), ("EVANS", ["AMELIA"]), ("O'BRIEN", ["SEAN"])]},
}

SPONSORS = [
    "ASIA PACIFIC RECRUITMENT",
    "GOLDEN LOTUS MANPOWER CO., LTD.",
    "SIAM SEAFOOD EXPORT",
    "MEKONG HUMAN RESOURCES",
    "ROYAL CROWN CASINO",
    "KOH KONG FISHERIES",
    "BAVET SEZ GARMENT",
    "SAMUT SAKHON FROZEN FOOD",
    "PHNOM PENH CONSTRUCTION GROUP",
    "VIETCAM TRADING",
    "NEW STAR ONLINE TECHNOLOGY",
    "RUBY BAY RESORT",
    "CHONBURI AGRO CO., LTD.",
    "LUCKY DRAGON ENTERTAINMENT",
    "ANGKOR LABOUR SUPPLY",
    "SONG MEKONG LOGISTICS",
]
FORMULAS = [
    '=HYPERLINK("http://x","click")',
    "=CMD|' /C calc'!A0",
    "+1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    '=IMPORTXML("http://x","//a")',
]


# --------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------


def strip_vi(text: str) -> str:
    """Vietnamese (or any Latin) text without diacritics, Đ as D."""
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def weighted(rng: random.Random, items, weights):
    return rng.choices(items, weights=weights, k=1)[0]


def pick_spelling(rng: random.Random, spellings: list[str]) -> int:
    """Index of the spelling a person carries: the first most often."""
    w = [0.62, 0.25, 0.09, 0.04][: len(spellings)]
    return weighted(rng, list(range(len(spellings))), w)


KEYS = ["QWERTYUIOP", "ASDFGHJKL", "ZXCVBNM"]
ADJ: dict[str, str] = {}
for _r, row in enumerate(KEYS):
    for i, c in enumerate(row):
        near = []
        if i > 0:
            near.append(row[i - 1])
        if i < len(row) - 1:
            near.append(row[i + 1])
        ADJ[c] = "".join(near)


def latin_typo(rng: random.Random, word: str) -> str:
    letters = [i for i, c in enumerate(word) if c.isalpha() and c.isascii()]
    if len(letters) < 3:
        return word
    i = rng.choice(letters[1:])  # people rarely slip on the first letter
    op = rng.choice(["sub", "del", "dup", "swap"])
    if op == "sub" and word[i] in ADJ:
        return word[:i] + rng.choice(ADJ[word[i]]) + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "dup":
        return word[:i] + word[i] + word[i:]
    if op == "swap" and i + 1 < len(word) and word[i + 1].isalpha():
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + word[i] + word[i:]


KHMER_SIMILAR = {
    "ត": "ដ",
    "ដ": "ត",
    "ប": "ព",
    "ព": "ប",
    "ស": "ឆ",
    "ក": "គ",
    "គ": "ក",
    "ន": "ណ",
    "ណ": "ន",
    "ល": "ឡ",
    "ឡ": "ល",
    "ុ": "ូ",
    "ូ": "ុ",
    "ិ": "ី",
    "ី": "ិ",
    "េ": "ែ",
    "ែ": "េ",
}
THAI_SIMILAR = {
    "ร": "ล",
    "ล": "ร",
    "ต": "ด",
    "ด": "ต",
    "ศ": "ส",
    "ส": "ศ",
    "พ": "ผ",
    "ท": "ธ",
    "ธ": "ท",
    "ิ": "ี",
    "ี": "ิ",
    "ุ": "ู",
    "ู": "ุ",
    "น": "ณ",
}
DROPPABLE = set("៉៊់៌្់ ่้๊๋์")


def native_typo(rng: random.Random, text: str) -> str:
    drops = [i for i, c in enumerate(text) if c in DROPPABLE and c not in "្"]
    if drops and rng.random() < 0.5:
        i = rng.choice(drops)
        return text[:i] + text[i + 1 :]
    table = KHMER_SIMILAR if any("\u1780" <= c <= "\u17ff" for c in text) else THAI_SIMILAR
    subs = [i for i, c in enumerate(text) if c in table]
    if not subs:
        return text
    i = rng.choice(subs)
    return text[:i] + table[text[i]] + text[i + 1 :]


def check_digit(s: str) -> str:
    total = 0
    for i, c in enumerate(s):
        if c == "<":
            v = 0
        elif c.isdigit():
            v = int(c)
        else:
            v = ord(c) - 55
        total += v * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_name(family: str, given: str) -> str:
    def clean(t: str) -> str:
        t = strip_vi(t).upper().replace("'", "")
        return "".join(c if "A" <= c <= "Z" else "<" for c in t)

    return clean(family) + "<<" + clean(given) if given else clean(family)


def make_mrz(
    issuer: str,
    family: str,
    given: str,
    number: str,
    nationality: str,
    dob: BirthDate,
    sex: str,
    expiry: dt.date,
    bad_check: bool,
    rng: random.Random,
) -> str:
    l1 = ("P<" + issuer + mrz_name(family, given) + "<" * 44)[:44]
    num = (number + "<" * 9)[:9]
    yy = f"{dob.year % 100:02d}"
    mm = f"{dob.month:02d}" if dob.month else "<<"
    dd = f"{dob.day:02d}" if dob.day else "<<"
    d = yy + mm + dd
    e = expiry.strftime("%y%m%d")
    personal = "<" * 14
    parts = [
        num,
        check_digit(num),
        nationality,
        d,
        check_digit(d),
        sex if sex in "MF" else "<",
        e,
        check_digit(e),
        personal,
        check_digit(personal),
    ]
    composite = check_digit(parts[0] + parts[1] + parts[3] + parts[4] + parts[6] + parts[7] + parts[8] + parts[9])
    if bad_check:
        which = rng.choice([1, 4, 7, 10])
        if which == 10:
            composite = str((int(composite) + rng.randint(1, 9)) % 10)
        else:
            parts[which] = str((int(parts[which]) + rng.randint(1, 9)) % 10)
    l2 = "".join(parts) + composite
    assert len(l2) == 44, l2
    return l1 + "|" + l2


@dataclass
class BirthDate:
    year: int
    month: int  # 0 unknown
    day: int  # 0 unknown


# --------------------------------------------------------------------------------------
# persons
# --------------------------------------------------------------------------------------


@dataclass
class Word:
    spellings: list[str]  # Latin spellings (for Vietnamese: diacritic form first, never varied)
    native: str | None = None  # Khmer / Thai script
    thai: str | None = None  # Thai-script rendering (Lao names)
    carried: int = 0  # index of the spelling on the person's documents


@dataclass
class Document:
    type: str  # passport | border_pass | id_card
    number: str
    issuer: str
    expiry: dt.date
    valid_from_day: int = 0
    valid_to_day: int = 10_000


@dataclass
class Person:
    pid: str
    nationality: str
    sex: str
    dob: BirthDate
    family: list[Word]
    given: list[Word]
    kind: str  # khm, tha, vnm, lao, mmr, chn, single (no family name), latin
    docs: list[Document] = field(default_factory=list)
    minor: bool = False
    guardian: Person | None = None
    home: str = ""
    profile: str = ""


def rand_digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def thai_id(rng: random.Random) -> str:
    d = [rng.choice("12345678")] + [rng.choice("0123456789") for _ in range(11)]
    s = sum(int(x) * (13 - i) for i, x in enumerate(d))
    return "".join(d) + str((11 - s % 11) % 10)


def doc_number(rng: random.Random, nat: str, dtype: str) -> str:
    if dtype == "passport":
        return {
            "KHM": lambda: "N" + rand_digits(rng, 8),
            "THA": lambda: rng.choice(["AA", "AB", "AC"]) + rand_digits(rng, 7),
            "VNM": lambda: rng.choice(["C", "P"]) + rand_digits(rng, 7),
            "MMR": lambda: "M" + rng.choice("ABCDE") + rand_digits(rng, 6),
            "LAO": lambda: "P" + rand_digits(rng, 7),
            "CHN": lambda: "E" + rng.choice("ABCDGH") + rand_digits(rng, 7),
        }.get(nat, lambda: rng.choice("ABCDEFGHKLMNPRSTX") + rand_digits(rng, 8))()
    if dtype == "border_pass":
        return {"KHM": "KB", "THA": "BP", "VNM": "GT", "LAO": "LB"}.get(nat, "BP") + rand_digits(rng, 7)
    # id_card
    if nat == "THA":
        return thai_id(rng)
    if nat == "VNM":
        return "0" + f"{rng.randint(1, 96):02d}" + rand_digits(rng, 9)
    return rand_digits(rng, 9)


def name_for(rng: random.Random, nat: str, sex: str, family_from: Person | None = None):
    """(family words, given words, kind)."""
    if nat == "KHM":
        if family_from is not None and family_from.kind == "khm":
            # children: the father's family name, or (often in Cambodia) his given name
            src = family_from.family if rng.random() < 0.7 else family_from.given[:1]
            fam = [Word(list(w.spellings), w.native, carried=w.carried) for w in src]
        else:
            f = weighted(rng, KHM_FAMILY, [x[2] for x in KHM_FAMILY])
            fam = [Word(f[1], f[0])]
        pool = [g for g in KHM_GIVEN if g[2] in (sex, "U")]
        g = rng.choice(pool)
        given = [Word(g[1], g[0])]
        if rng.random() < 0.12:  # a second given word
            g2 = rng.choice([x for x in pool if x is not g])
            given.append(Word(g2[1], g2[0]))
        return fam, given, "khm"
    if nat == "THA":
        if family_from is not None and family_from.kind == "tha":
            fam = [Word(list(w.spellings), w.native, carried=w.carried) for w in family_from.family]
        else:
            f = rng.choice(THA_FAMILY)
            fam = [Word(f[1], f[0])]
        g = rng.choice([x for x in THA_GIVEN if x[2] == sex])
        return fam, [Word(g[1], g[0])], "tha"
    if nat == "VNM":
        if family_from is not None and family_from.kind == "vnm":
            fam = [Word(list(family_from.family[0].spellings))]
        else:
            fam = [Word([weighted(rng, [f for f, _ in VNM_FAMILY], [w for _, w in VNM_FAMILY])])]
        mid = rng.choice(VNM_MIDDLE_M if sex == "M" else VNM_MIDDLE_F)
        giv = rng.choice(VNM_GIVEN_M if sex == "M" else VNM_GIVEN_F)
        given = [Word([mid]), Word([giv])]
        if rng.random() < 0.08:  # two-word given name: NGUYỄN THỊ THU HƯƠNG
            given.insert(1, Word([rng.choice(VNM_GIVEN_M if sex == "M" else VNM_GIVEN_F)]))
        return fam, given, "vnm"
    if nat == "LAO":
        if family_from is not None and family_from.kind == "lao":
            fam = [Word(list(w.spellings), thai=w.thai, carried=w.carried) for w in family_from.family]
        else:
            f = rng.choice(LAO_FAMILY)
            fam = [Word(f[0], thai=f[1])]
        g = rng.choice(LAO_GIVEN)
        return fam, [Word(g[0], thai=g[1])], "lao"
    if nat == "MMR":
        pool = MMR_WORDS_M if sex == "M" else MMR_WORDS_F
        n = weighted(rng, [1, 2, 3, 4], [0.03, 0.42, 0.48, 0.07])
        words = [Word(list(rng.choice(pool))) for _ in range(n)]
        return [], words, "mmr"
    if nat == "CHN":
        if family_from is not None and family_from.kind == "chn":
            fam = [Word(list(family_from.family[0].spellings))]
        else:
            fam = [Word([weighted(rng, [f for f, _ in CHN_FAMILY], [w for _, w in CHN_FAMILY])])]
        if rng.random() < 0.35:
            given = [Word([rng.choice(CHN_GIVEN_SYL)])]
        else:
            a, b = rng.choice(CHN_GIVEN_SYL), rng.choice(CHN_GIVEN_SYL)
            given = [Word([a + b, a + " " + b])]
        return fam, given, "chn"
    table = OTHER_NAMES[nat]
    if "single" in table and (rng.random() < 0.5 or "two" not in table):
        return [], [Word(list(rng.choice(table["single"])))], "single"
    fam_name, givens = rng.choice(table["two"])
    return [Word([fam_name])], [Word(list(givens))], "latin"


# --------------------------------------------------------------------------------------
# geography and routes
# --------------------------------------------------------------------------------------

SOURCE_OF = {"KHM": "khm-gdi", "THA": "tha-ib", "VNM": "vnm-xnc"}
AIRPORT = {"KHM": "PNH", "THA": "BKK", "VNM": "NOIBAI"}
# (from, to) -> list of (exit checkpoint in from or None, entry checkpoint in to or None, minutes, land, weight)
ROUTES: dict[tuple[str, str], list[tuple[str | None, str | None, tuple[int, int], bool, float]]] = {}


def _route(a, b, cpa, cpb, minutes, land, w):
    ROUTES.setdefault((a, b), []).append((cpa, cpb, minutes, land, w))
    ROUTES.setdefault((b, a), []).append((cpb, cpa, minutes, land, w))


_route("KHM", "THA", "POI", "ARY", (10, 70), True, 6)
_route("KHM", "THA", "CYM", "HLK", (10, 50), True, 2)
_route("KHM", "THA", "PNH", "BKK", (150, 300), False, 2)
_route("KHM", "VNM", "BAV", "MOCBAI", (10, 60), True, 5)
_route("KHM", "VNM", "KOR", "VINHXUONG", (15, 80), True, 2)
_route("KHM", "VNM", "PNH", "NOIBAI", (180, 330), False, 1)
_route("THA", "VNM", "BKK", "NOIBAI", (170, 320), False, 1)
_route("THA", "LAO", "NKI", None, (15, 40), True, 1)
_route("VNM", "LAO", "CAUTREO", None, (15, 40), True, 1)
for _s in ("KHM", "THA", "VNM"):
    _route(_s, "XXX", AIRPORT[_s], None, (120, 600), False, 1)

LAND_OPEN = (6, 22)


@dataclass
class Crossing:
    when: dt.datetime  # local time
    source: str
    checkpoint: str
    direction: str  # entry | exit
    purpose: str
    sponsor: str | None
    vehicle: str | None
    group: int  # crossings of one family share a group id (companions)


def pick_route(rng: random.Random, a: str, b: str, doc: Document) -> tuple:
    options = ROUTES[(a, b)]
    if doc.type != "passport":
        land = [o for o in options if o[3]]
        if land:
            options = land
    return weighted(rng, options, [o[4] for o in options])


# --------------------------------------------------------------------------------------
# the generator
# --------------------------------------------------------------------------------------


class Generator:
    def __init__(self, persons: int, days: int, seed: int, start: dt.date):
        self.rng = random.Random(seed)
        self.n_persons = persons
        self.days = days
        self.start = start
        self.persons: list[Person] = []
        self.stats: Counter = Counter()
        self.records: list[dict] = []  # generic records, rendered per source later
        self.group_seq = 0

    # -- population --------------------------------------------------------------
    def make_population(self) -> None:
        rng = self.rng
        nat_weights = {
            "KHM": 40,
            "THA": 20,
            "VNM": 19,
            "MMR": 6,
            "LAO": 4,
            "CHN": 5,
            "IDN": 1.2,
            "PHL": 1,
            "MYS": 0.8,
            "KOR": 1,
            "DEU": 0.4,
            "FRA": 0.4,
            "USA": 0.5,
            "AUS": 0.4,
            "GBR": 0.3,
        }
        nats = list(nat_weights)
        i = 0
        while len(self.persons) < self.n_persons:
            nat = weighted(rng, nats, [nat_weights[n] for n in nats])
            adult = self.make_person(nat, minor=False)
            self.persons.append(adult)
            # families: an adult travelling with children (and their minors' lack of documents)
            if adult.profile in ("migrant", "tourist", "family") and rng.random() < 0.16:
                for _ in range(weighted(rng, [1, 2, 3], [0.55, 0.35, 0.10])):
                    child = self.make_person(nat, minor=True, guardian=adult)
                    self.persons.append(child)
            i += 1

    def make_person(self, nat: str, minor: bool, guardian: Person | None = None) -> Person:
        rng = self.rng
        sex = rng.choice("MF")
        ref = self.start + dt.timedelta(days=self.days)
        if minor:
            age_days = rng.randint(200, 17 * 365)
            if (
                guardian is not None
                and guardian.minor is False
                and rng.random() < 0.05
                and any(p.guardian is guardian for p in self.persons[-2:])
            ):
                sib = [p for p in self.persons[-2:] if p.guardian is guardian][-1]
                b = sib.dob  # twins
                dob = BirthDate(b.year, b.month, b.day)
            else:
                d = self.start - dt.timedelta(days=age_days)
                dob = BirthDate(d.year, d.month, d.day)
        else:
            d = ref - dt.timedelta(days=rng.randint(18 * 365 + 30, 68 * 365))
            dob = BirthDate(d.year, d.month, d.day)
            if nat in ("KHM", "MMR", "LAO") and rng.random() < RATES["DOB_PARTIAL_PERSON"]:
                dob = BirthDate(d.year, 0, 0)
                self.stats["person_dob_partial"] += 1
        fam, given, kind = name_for(rng, nat, sex, guardian)
        for w in fam + given:
            if not w.carried:
                w.carried = pick_spelling(rng, w.spellings)
        pid = f"P{len(self.persons) + 1:06d}"
        p = Person(pid, nat, sex, dob, fam, given, kind, minor=minor, guardian=guardian)
        # where they live and how they travel
        if minor:
            p.home = guardian.home
            p.profile = "minor"
            self.stats["persons_minor"] += 1
            if rng.random() < RATES["MINOR_NO_DOCUMENT"]:
                self.stats["persons_minor_no_document"] += 1
            else:
                p.docs.append(self.new_doc(nat, "passport"))
            return p
        p.home, p.profile = self.choose_profile(nat)
        dtype = "passport"
        if p.profile == "commuter":
            dtype = {
                "KHM": weighted(rng, ["border_pass", "id_card"], [0.85, 0.15]),
                "THA": weighted(rng, ["border_pass", "id_card"], [0.6, 0.4]),
                "VNM": weighted(rng, ["border_pass", "id_card"], [0.8, 0.2]),
            }[nat]
        p.docs.append(self.new_doc(nat, dtype))
        if rng.random() < RATES["MULTI_DOCUMENT"]:
            self.stats["persons_multi_document"] += 1
            if nat in ("KHM", "THA", "VNM") and rng.random() < 0.65:
                other = (
                    "passport"
                    if dtype != "passport"
                    else ("border_pass" if nat != "THA" or rng.random() < 0.5 else "id_card")
                )
                p.docs.append(self.new_doc(nat, other))
                self.stats["persons_multi_document_pass_and_passport"] += 1
            else:  # a passport renewed during the period
                switch = rng.randint(3, self.days - 3)
                old = p.docs[0]
                old.valid_to_day = switch
                new = self.new_doc(nat, old.type)
                new.valid_from_day = switch
                p.docs.append(new)
                self.stats["persons_multi_document_renewed"] += 1
        return p

    def new_doc(self, nat: str, dtype: str) -> Document:
        rng = self.rng
        years = {"passport": 10, "border_pass": 2, "id_card": 8}[dtype]
        expiry = self.start + dt.timedelta(days=rng.randint(20, years * 365))
        if rng.random() < 0.004:
            expiry = self.start - dt.timedelta(days=rng.randint(1, 300))
            self.stats["documents_expired"] += 1
        return Document(dtype, doc_number(rng, nat, dtype), nat, expiry)

    def choose_profile(self, nat: str) -> tuple[str, str]:
        rng = self.rng
        if nat == "KHM":
            prof = weighted(
                rng,
                ["commuter", "migrant", "worker_abroad", "tourist", "trader", "flyer", "family"],
                [0.18, 0.24, 0.15, 0.15, 0.12, 0.08, 0.08],
            )
            home = "THA" if prof == "worker_abroad" else "KHM"
            return home, prof
        if nat == "THA":
            prof = weighted(
                rng, ["commuter", "tourist", "gambler", "trader", "flyer", "family"], [0.18, 0.25, 0.2, 0.12, 0.15, 0.1]
            )
            return "THA", prof
        if nat == "VNM":
            prof = weighted(
                rng, ["commuter", "trader", "migrant", "tourist", "flyer", "family"], [0.14, 0.26, 0.2, 0.18, 0.12, 0.1]
            )
            return "VNM", prof
        if nat == "MMR":
            prof = weighted(rng, ["worker_abroad", "migrant", "flyer"], [0.6, 0.25, 0.15])
            return ("THA" if prof == "worker_abroad" else "XXX"), prof
        if nat == "LAO":
            return "LAO", weighted(rng, ["trader", "tourist", "migrant", "family"], [0.35, 0.3, 0.25, 0.1])
        if nat == "CHN":
            return "XXX", weighted(rng, ["flyer", "tourist", "migrant"], [0.4, 0.35, 0.25])
        # XXX: anywhere outside the three reporting states and Laos (arrives and leaves by air)
        return "XXX", weighted(rng, ["tourist", "flyer", "migrant"], [0.6, 0.25, 0.15])

    # -- travel ------------------------------------------------------------------
    def simulate(self) -> None:
        for i, p in enumerate(self.persons):
            if p.minor:
                continue
            kids = [c for c in self.persons[i + 1 : i + 4] if c.guardian is p]
            last = None  # a crossing never starts before the previous one ended
            for trip in self.itinerary(p):
                # each trip: list of (from, to, day offset)
                for a, b, day in trip["legs"]:
                    last = self.cross(p, kids, a, b, day, trip, last) or last

    def itinerary(self, p: Person) -> list[dict]:
        rng = self.rng
        D = self.days
        home = p.home
        trips = []
        prof = p.profile
        doc_nat = p.nationality

        def dest_for() -> str:
            if home == "KHM":
                if prof == "commuter":
                    return weighted(rng, ["THA", "VNM"], [0.75, 0.25])
                return weighted(rng, ["THA", "VNM", "XXX"], [0.6, 0.3, 0.1])
            if home == "THA":
                if doc_nat == "MMR" or prof == "worker_abroad":
                    return weighted(rng, ["KHM", "XXX"], [0.65, 0.35]) if doc_nat == "MMR" else "KHM"
                if prof == "commuter":
                    return "KHM"
                return weighted(rng, ["KHM", "VNM", "LAO", "XXX"], [0.6, 0.15, 0.15, 0.1])
            if home == "VNM":
                if prof == "commuter":
                    return "KHM"
                return weighted(rng, ["KHM", "THA", "LAO", "XXX"], [0.65, 0.1, 0.15, 0.1])
            if home == "LAO":
                return weighted(rng, ["THA", "VNM"], [0.6, 0.4])
            return weighted(rng, ["KHM", "THA", "VNM"], [0.45, 0.3, 0.25])

        if prof == "commuter":
            n = rng.randint(2, 10)
            days = sorted(rng.sample(range(D - 1), min(n, D - 1)))
            for d in days:
                dest = dest_for()
                stay = 0 if rng.random() < 0.7 else rng.randint(1, 2)
                trips.append(
                    {
                        "legs": [(home, dest, d), (dest, home, min(d + stay, D - 1))],
                        "purpose": rng.choice(["business", "family", "work", "other"]),
                    }
                )
            return trips
        n_trips = {
            "migrant": 1,
            "worker_abroad": weighted(rng, [1, 2], [0.7, 0.3]),
            "tourist": 1,
            "gambler": weighted(rng, [1, 2, 3, 4], [0.4, 0.3, 0.2, 0.1]),
            "trader": rng.randint(1, 5),
            "flyer": weighted(rng, [1, 2, 3], [0.5, 0.35, 0.15]),
            "family": weighted(rng, [1, 2], [0.8, 0.2]),
        }.get(prof, 1)
        cursor = rng.randint(0, D // 2)
        for _ in range(n_trips):
            if cursor >= D - 1:
                break
            dest = dest_for()
            if prof in ("migrant",) and rng.random() < 0.5:
                # one way (went to work and stayed), or two hops
                legs = [(home, dest, cursor)]
                if dest in ("THA", "VNM", "KHM") and rng.random() < 0.2:
                    nxt = rng.choice([s for s in ("KHM", "THA", "VNM") if s != dest and (dest, s) in ROUTES])
                    legs.append((dest, nxt, min(cursor + rng.randint(1, 5), D - 1)))
                trips.append({"legs": legs, "purpose": "work"})
                break
            stay = {
                "trader": rng.randint(0, 3),
                "gambler": rng.randint(0, 3),
                "tourist": rng.randint(2, 14),
                "flyer": rng.randint(1, 7),
                "family": rng.randint(2, 10),
                "worker_abroad": rng.randint(2, 12),
                "migrant": rng.randint(5, 25),
            }.get(prof, 3)
            back = min(cursor + stay, D - 1)
            legs = [(home, dest, cursor)]
            if prof == "tourist" and dest in ("KHM", "THA", "VNM") and rng.random() < 0.25 and back - cursor >= 4:
                # onward to a third country, then home
                third = rng.choice(
                    [s for s in ("KHM", "THA", "VNM") if s != dest and s != home and (dest, s) in ROUTES] or [home]
                )
                mid = cursor + (back - cursor) // 2
                legs.append((dest, third, mid))
                if (third, home) in ROUTES:
                    legs.append((third, home, back))
            else:
                if back < D - 1 or rng.random() < 0.5:
                    legs.append((dest, home, back))
            purpose = {
                "trader": "business",
                "gambler": "tourism",
                "tourist": "tourism",
                "flyer": rng.choice(["business", "tourism", "official", "study", "transit"]),
                "family": "family",
                "worker_abroad": "family",
                "migrant": "work",
            }.get(prof, "other")
            trips.append({"legs": legs, "purpose": purpose})
            cursor = back + rng.randint(1, 6)
        return trips

    def doc_for(self, p: Person, day: int, land: bool) -> Document | None:
        docs = [d for d in p.docs if d.valid_from_day <= day < d.valid_to_day]
        if not docs:
            return None
        if len(docs) > 1:
            passes = [d for d in docs if d.type != "passport"]
            pps = [d for d in docs if d.type == "passport"]
            if land and passes and self.rng.random() < 0.6:
                return passes[0]
            return pps[0] if pps else docs[0]
        return docs[0]

    def cross(
        self, p: Person, kids: list[Person], a: str, b: str, day: int, trip: dict, not_before: dt.datetime | None
    ) -> dt.datetime | None:
        rng = self.rng
        if (a, b) not in ROUTES:
            self.stats["legs_without_route"] += 1
            return None
        doc0 = self.doc_for(p, day, True)
        cpa, cpb, minutes, land, _ = pick_route(rng, a, b, doc0 or Document("passport", "", "", self.start))
        doc = self.doc_for(p, day, land)
        hour = rng.randint(LAND_OPEN[0], LAND_OPEN[1] - 2) if land else rng.randint(0, 23)
        t_exit = dt.datetime.combine(self.start + dt.timedelta(days=day), dt.time(hour, rng.randint(0, 59)))
        if not_before is not None and t_exit < not_before + dt.timedelta(minutes=30):
            t_exit = not_before + dt.timedelta(minutes=rng.randint(30, 300))
        t_entry = t_exit + dt.timedelta(minutes=rng.randint(*minutes))
        purpose = trip["purpose"]
        sponsor = None
        if purpose == "work":
            sponsor = trip.setdefault("sponsor", rng.choice(SPONSORS) if rng.random() < 0.7 else None)
        vehicle = None
        if land and rng.random() < 0.15:
            vehicle = trip.setdefault(
                "vehicle",
                rng.choice(
                    [
                        f"{rng.randint(1, 9)}{rng.choice('ABCDE')}-{rng.randint(1000, 9999)}",
                        f"{rng.choice(['กข', 'ฒม', 'บท', 'ขค'])} {rng.randint(1000, 9999)} สระแก้ว",
                        f"{rng.randint(50, 72)}{rng.choice('ABCDFH')}-{rng.randint(100, 999)}.{rng.randint(10, 99)}",
                    ]
                ),
            )
        self.group_seq += 1
        group = self.group_seq
        legs = []
        if a in SOURCE_OF and cpa:
            legs.append(("exit", SOURCE_OF[a], cpa, t_exit))
        if b in SOURCE_OF and cpb:
            legs.append(("entry", SOURCE_OF[b], cpb, t_entry))
        for direction, source, cp, when in legs:
            adult_rec = self.add_record(p, doc, source, cp, direction, when, purpose, sponsor, vehicle, group, None)
            for k in kids:
                kdoc = self.doc_for(k, day, land)
                self.add_record(k, kdoc, source, cp, direction, when, purpose, None, vehicle, group, adult_rec)
        return t_entry

    def add_record(self, p, doc, source, cp, direction, when, purpose, sponsor, vehicle, group, adult_rec):
        rec = {
            "person": p,
            "doc": doc,
            "source": source,
            "checkpoint": cp,
            "direction": direction,
            "when": when,
            "purpose": purpose,
            "sponsor": sponsor,
            "vehicle": vehicle,
            "group": group,
            "adult": adult_rec,
        }
        self.records.append(rec)
        return rec

    # -- rendering one record's traveller ------------------------------------------
    def render_names(self, rec: dict) -> dict:
        """Latin family/given and native name for one record, with the planted variations."""
        rng = self.rng
        p: Person = rec["person"]
        doc: Document | None = rec["doc"]
        source = rec["source"]
        state = {"khm-gdi": "KHM", "tha-ib": "THA", "vnm-xnc": "VNM"}[source]
        foreign = state != p.nationality
        is_pass = doc is None or doc.type != "passport"

        words = p.family + p.given
        spell = {id(w): w.spellings[w.carried] for w in words}
        # other romanisation of one word in another state's record
        if foreign and p.kind != "vnm":
            rate = RATES["ALT_ROMANISATION_PASS"] if is_pass else RATES["ALT_ROMANISATION"]
            variable = [w for w in words if len(set(w.spellings)) > 1]
            if variable and rng.random() < rate:
                w = rng.choice(variable)
                alts = [s for s in w.spellings if s != w.spellings[w.carried]]
                spell[id(w)] = rng.choice(alts)
                self.stats["var_alt_romanisation"] += 1

        def latin(ws):
            out = []
            for w in ws:
                s = spell[id(w)]
                if p.kind == "vnm" and (source != "vnm-xnc" or p.nationality != "VNM"):
                    s = strip_vi(s)
                out.append(s)
            return out

        fam = latin(p.family)
        giv = latin(p.given)

        # Vietnamese: diacritics at home; middle-name handling abroad
        if p.kind == "vnm":
            if source == "vnm-xnc" and rng.random() < RATES["VN_NO_DIACRITICS"]:
                fam = [strip_vi(x) for x in fam]
                giv = [strip_vi(x) for x in giv]
                self.stats["var_vn_no_diacritics"] += 1
            if foreign and len(giv) >= 2 and rng.random() < RATES["VN_MIDDLE_VARIANT"]:
                if rng.random() < 0.5:
                    giv = giv[1:]
                    self.stats["var_vn_middle_dropped"] += 1
                else:
                    fam = fam + giv[:1]
                    giv = giv[1:]
                    self.stats["var_vn_middle_in_family"] += 1

        # names without a family name (Burmese, some Indonesians and Malaysians): each export splits
        if p.kind in ("mmr", "single"):
            allw = giv
            if source == "vnm-xnc":
                fam, giv = allw[:1], allw[1:]
            else:
                style = rng.random()
                if len(allw) == 1 or style < 0.3:
                    fam, giv = allw, []
                    if source == "tha-ib" and rng.random() < 0.5:
                        fam, giv = [], allw
                elif style < 0.7:
                    fam, giv = allw[-1:], allw[:-1]
                else:
                    fam, giv = allw[:1], allw[1:]

        # order swapped in a foreign state's export
        if foreign and fam and giv and p.kind not in ("mmr", "single") and rng.random() < RATES["ORDER_SWAP"]:
            fam, giv = giv, fam
            self.stats["var_order_swap"] += 1

        family = " ".join(fam)
        given = " ".join(giv)

        # native script
        native = None
        latin_present = True
        if source == "khm-gdi" and p.kind == "khm":
            nat_text = " ".join(w.native for w in p.family + p.given)
            if is_pass:
                native = nat_text
                if rng.random() < RATES["NATIVE_ONLY_PASS"]:
                    latin_present = False
            elif rng.random() < RATES["NATIVE_WITH_LATIN_KHM"]:
                native = nat_text
        elif source == "tha-ib" and p.kind == "tha":
            nat_text = " ".join(w.native for w in p.given + p.family)  # Thai order: given family
            if is_pass:
                native = nat_text
                if rng.random() < RATES["NATIVE_ONLY_PASS"]:
                    latin_present = False
            elif rng.random() < RATES["NATIVE_WITH_LATIN_THA"]:
                native = nat_text
        elif source == "tha-ib" and p.kind == "lao" and rng.random() < RATES["LAO_THAI_SCRIPT"]:
            native = " ".join(w.thai for w in p.given + p.family)
            self.stats["var_lao_thai_script"] += 1

        if not latin_present:
            family, given = "", ""
            self.stats["var_native_only"] += 1
            if rng.random() < RATES["TYPO_NATIVE"]:
                native = native_typo(rng, native)
                self.stats["var_typo_native"] += 1
        else:
            if rng.random() < RATES["TYPO_LATIN"]:
                parts = [("f", i, x) for i, x in enumerate(family.split(" ")) if x] + [
                    ("g", i, x) for i, x in enumerate(given.split(" ")) if x
                ]
                parts = [x for x in parts if len(x[2]) >= 3]
                if parts:
                    which, i, word = rng.choice(parts)
                    slip = latin_typo(rng, word)
                    if which == "f":
                        ws = family.split(" ")
                        ws[i] = slip
                        family = " ".join(ws)
                    else:
                        ws = given.split(" ")
                        ws[i] = slip
                        given = " ".join(ws)
                    if slip != word:
                        self.stats["var_typo_latin"] += 1
        return {"family": family, "given": given, "native": native}

    def render_person_fields(self, rec: dict) -> dict:
        rng = self.rng
        p: Person = rec["person"]
        b = p.dob
        y, m, d = b.year, b.month, b.day
        if m and d and d <= 12 and d != m and rng.random() < RATES["DOB_SWAP"]:
            m, d = d, m
            self.stats["var_dob_swapped"] += 1
        elif m and rng.random() < RATES["DOB_YEAR_ONLY_RECORD"]:
            m, d = 0, 0
            self.stats["var_dob_year_only_record"] += 1
        sex = p.sex
        r = rng.random()
        if r < RATES["SEX_UNSPECIFIED"]:
            sex = "X"
            self.stats["var_sex_unspecified"] += 1
        elif r < RATES["SEX_UNSPECIFIED"] + RATES["SEX_WRONG"]:
            sex = "F" if sex == "M" else "M"
            self.stats["var_sex_wrong"] += 1
        number = None
        if rec["doc"] is not None:
            number = rec["doc"].number
            if rng.random() < RATES["DOC_NUMBER_SLIP"]:
                i = rng.randrange(1, len(number))
                c = number[i]
                repl = (
                    rng.choice([x for x in "0123456789" if x != c])
                    if c.isdigit()
                    else rng.choice([x for x in "ABCDEFGHJKLMNPRSTUVWXYZ" if x != c])
                )
                number = number[:i] + repl + number[i + 1 :]
                self.stats["var_doc_number_slip"] += 1
        return {"dob": BirthDate(y, m, d), "sex": sex, "number": number}

    def free_text(self, rec: dict) -> tuple[str | None, str | None]:
        """(vehicle, sponsor) of a record, one of them a spreadsheet formula at FORMULA."""
        vehicle, sponsor = rec["vehicle"], rec["sponsor"]
        if self.rng.random() < RATES["FORMULA"]:
            self.stats["var_formula"] += 1
            if self.rng.random() < 0.7:
                sponsor = self.rng.choice(FORMULAS)
            else:
                vehicle = self.rng.choice(FORMULAS)
        return vehicle, sponsor

    # -- writers -------------------------------------------------------------------
    def write(self, out: str) -> None:
        os.makedirs(out, exist_ok=True)
        by_source = defaultdict(list)
        for rec in self.records:
            by_source[rec["source"]].append(rec)
        for recs in by_source.values():
            recs.sort(key=lambda r: (r["when"], r["group"], r["adult"] is not None))
        # ids
        for i, rec in enumerate(by_source["khm-gdi"], 1):
            rec["id"] = f"KH-{rec['checkpoint']}-{rec['when'].year}-{i:06d}"
        for i, rec in enumerate(by_source["tha-ib"], 1):
            rec["id"] = f"TM6-{rec['when'].year + 543}-{i:07d}"
        for i, rec in enumerate(by_source["vnm-xnc"], 1):
            rec["id"] = f"VN-{rec['checkpoint']}-{i:07d}"
        truth = []
        for source in ("khm-gdi", "tha-ib", "vnm-xnc"):
            for rec in by_source[source]:
                truth.append((f"{source}:{rec['id']}", rec["person"].pid))
                self.stats[f"records_{source}"] += 1
                rec["names"] = self.render_names(rec)
                rec["fields"] = self.render_person_fields(rec)
                if rec["adult"] is not None:
                    self.stats["records_minor_with_companion"] += 1
                if rec["doc"] is None:
                    self.stats["records_no_document"] += 1
                rec["defect"] = None
                if self.rng.random() < RATES["DEFECT"]:
                    rec["defect"] = self.rng.choice(
                        ["bad_date", "unknown_checkpoint", "bad_direction"]
                        + (["truncated"] if source == "tha-ib" else [])
                    )
                    self.stats[f"defect_{rec['defect']}"] += 1
        self.write_khm(os.path.join(out, "khm-gdi.csv"), by_source["khm-gdi"])
        self.write_tha(os.path.join(out, "tha-ib.jsonl"), by_source["tha-ib"])
        self.write_vnm(os.path.join(out, "vnm-xnc.xml"), by_source["vnm-xnc"])
        with open(os.path.join(out, "truth.csv"), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(["record_id", "person_id"])
            w.writerows(truth)
        self.stats["persons"] = len(self.persons)
        self.stats["persons_with_records"] = len({r["person"].pid for r in self.records})
        self.stats["records"] = len(self.records)
        cross_native = sum(
            1
            for r in self.records
            if r.get("names") and r["names"]["native"] and not r["names"]["family"] and not r["names"]["given"]
        )
        self.stats["records_native_only"] = cross_native
        with open(os.path.join(out, "stats.json"), "w", encoding="utf-8") as f:
            json.dump({"rates": RATES, "counts": dict(sorted(self.stats.items()))}, f, indent=1, ensure_ascii=False)

    def partial(self, dob: BirthDate, fmt: str, calendar_offset: int = 0) -> str:
        y = dob.year + calendar_offset
        if fmt == "ddmmyyyy":
            return f"{dob.day:02d}/{dob.month:02d}/{y}"
        if fmt == "tha":
            if not dob.month:
                return str(y) if self.rng.random() < 0.5 else f"00/00/{y}"
            return f"{dob.day:02d}/{dob.month:02d}/{y}"
        if not dob.month:
            return str(y)
        return f"{y}-{dob.month:02d}-{dob.day:02d}"

    def write_khm(self, path: str, recs: list[dict]) -> None:
        rng = self.rng
        header = [
            "record_no",
            "checkpoint",
            "movement",
            "movement_time",
            "surname",
            "given_names",
            "name_km",
            "sex",
            "birth_date",
            "nationality",
            "doc_type",
            "doc_number",
            "doc_issuer",
            "doc_expiry",
            "mrz",
            "purpose",
            "accompanying_record_no",
            "vehicle",
            "sponsor",
        ]
        with open(path, "w", newline="", encoding="utf-8-sig") as f:
            w = csv.writer(f, lineterminator="\r\n")
            w.writerow(header)
            for rec in recs:
                p, n, fl, doc = rec["person"], rec["names"], rec["fields"], rec["doc"]
                when = rec["when"].strftime("%d/%m/%Y %H:%M")
                cp = rec["checkpoint"]
                movement = "IN" if rec["direction"] == "entry" else "OUT"
                if rec["defect"] == "bad_date":
                    when = "31/02/" + when[6:]
                elif rec["defect"] == "unknown_checkpoint":
                    cp = "ZZZ"
                elif rec["defect"] in ("bad_direction", "truncated"):
                    movement = "SIDEWAYS"
                doc_type = {"passport": "PP", "border_pass": "BP", "id_card": "NID", None: "NONE"}[doc and doc.type]
                number = fl["number"] or ""
                if (
                    doc is not None
                    and doc.type == "id_card"
                    and doc.issuer == "THA"
                    and rng.random() < RATES["THAI_ID_DASHES"]
                    and len(number) == 13
                ):
                    number = f"{number[0]}-{number[1:5]}-{number[5:10]}-{number[10:12]}-{number[12]}"
                    self.stats["var_thai_id_dashes"] += 1
                mrz = ""
                if doc is not None and doc.type == "passport" and rng.random() < RATES["MRZ_PRESENT"]:
                    bad = rng.random() < RATES["MRZ_BAD_CHECK"]
                    if bad:
                        self.stats["var_mrz_bad_check"] += 1
                    self.stats["mrz_written"] += 1
                    fam_c = " ".join(x.spellings[x.carried] for x in p.family)
                    giv_c = " ".join(x.spellings[x.carried] for x in p.given)
                    if p.kind in ("mmr", "single"):
                        fam_c, giv_c = giv_c, ""
                    mrz = make_mrz(
                        doc.issuer, fam_c, giv_c, doc.number, p.nationality, p.dob, p.sex, doc.expiry, bad, rng
                    )
                    if number != doc.number or fl["dob"] != p.dob:
                        self.stats["var_mrz_disagrees_with_typed"] += 1
                vehicle, sponsor = self.free_text(rec)
                w.writerow(
                    [
                        rec["id"],
                        cp,
                        movement,
                        when,
                        n["family"],
                        n["given"],
                        n["native"] or "",
                        fl["sex"],
                        self.partial(fl["dob"], "ddmmyyyy"),
                        p.nationality,
                        doc_type,
                        number,
                        doc.issuer if doc else "",
                        doc.expiry.strftime("%d/%m/%Y") if doc else "",
                        mrz,
                        rec["purpose"].upper(),
                        rec["adult"]["id"] if rec["adult"] else "",
                        vehicle or "",
                        sponsor or "",
                    ]
                )

    def write_tha(self, path: str, recs: list[dict]) -> None:
        rng = self.rng
        purpose = {
            "tourism": "TOURISM",
            "work": "EMPLOYMENT",
            "business": "BUSINESS",
            "family": "VISIT",
            "study": "STUDY",
            "transit": "TRANSIT",
            "official": "OFFICIAL",
            "other": "OTHER",
        }
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            for rec in recs:
                p, n, fl, doc = rec["person"], rec["names"], rec["fields"], rec["doc"]
                when = rec["when"]
                sex = {"M": "MALE", "F": "FEMALE", "X": "UNSPECIFIED"}[fl["sex"]]
                visa = None
                if p.nationality != "THA":
                    if rec["purpose"] == "work":
                        visa = {"category": "NON-LA", "number": "LA" + rand_digits(rng, 8)}
                    elif p.nationality in (
                        "KHM",
                        "VNM",
                        "LAO",
                        "MMR",
                        "IDN",
                        "PHL",
                        "MYS",
                        "KOR",
                        "DEU",
                        "FRA",
                        "USA",
                        "AUS",
                        "GBR",
                    ):
                        visa = {"category": "VISA-EXEMPT", "number": None}
                    else:
                        visa = {"category": "TR", "number": "TR" + rand_digits(rng, 8)}
                document = None
                if doc is not None:
                    document = {
                        "type": {"passport": "PASSPORT", "border_pass": "BORDER_PASS", "id_card": "ID_CARD"}[doc.type],
                        "number": fl["number"],
                        "country": doc.issuer,
                        "expiry": f"{doc.expiry.day:02d}/{doc.expiry.month:02d}/{doc.expiry.year + 543}",
                    }
                direction = "ARRIVAL" if rec["direction"] == "entry" else "DEPARTURE"
                date = f"{when.day:02d}/{when.month:02d}/{when.year + 543}"
                cp = rec["checkpoint"]
                if rec["defect"] == "bad_date":
                    date = f"30/02/{when.year + 543}"
                elif rec["defect"] == "unknown_checkpoint":
                    cp = "XYZ"
                elif rec["defect"] == "bad_direction":
                    direction = "SIDEWAYS"
                obj = {
                    "tm_ref": rec["id"],
                    "checkpoint": cp,
                    "direction": direction,
                    "date": date,
                    "time": when.strftime("%H:%M:%S"),
                    "first_name": n["given"] or None,
                    "last_name": n["family"] or None,
                    "name_th": n["native"],
                    "gender": sex,
                    "birth_date": self.partial(fl["dob"], "tha", 543),
                    "nationality": p.nationality,
                    "document": document,
                    "visa": visa,
                    "vehicle": None,
                    "companions": [rec["adult"]["id"]] if rec["adult"] else [],
                    "employer": None,
                    "purpose": purpose[rec["purpose"]],
                }
                obj["vehicle"], obj["employer"] = self.free_text(rec)
                line = json.dumps(obj, ensure_ascii=False)
                if rec["defect"] == "truncated":
                    line = line[: len(line) // 2]
                f.write(line + "\n")

    def write_vnm(self, path: str, recs: list[dict]) -> None:
        purpose = {
            "tourism": "DU LỊCH",
            "work": "LAO ĐỘNG",
            "business": "CÔNG TÁC",
            "family": "THĂM THÂN",
            "study": "HỌC TẬP",
            "transit": "QUÁ CẢNH",
            "official": "CÔNG VỤ",
            "other": "KHÁC",
        }
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write('<?xml version="1.0" encoding="UTF-8"?>\n<DuLieuXuatNhapCanh>\n')
            for rec in recs:
                p, n, fl, doc = rec["person"], rec["names"], rec["fields"], rec["doc"]
                when = rec["when"].strftime("%Y-%m-%dT%H:%M:%S") + "+07:00"
                loai = "NC" if rec["direction"] == "entry" else "XC"
                cp = rec["checkpoint"]
                if rec["defect"] == "bad_date":
                    when = "not-a-date"
                elif rec["defect"] == "unknown_checkpoint":
                    cp = "HANOI-GA"
                elif rec["defect"] == "bad_direction":
                    loai = "ZZ"
                full = " ".join(x for x in (n["family"], n["given"]) if x)
                sex = {"M": "Nam", "F": "Nữ", "X": "Khác"}[fl["sex"]]
                parts = [
                    f"<SoHieu>{escape(rec['id'])}</SoHieu>",
                    f"<CuaKhau>{escape(cp)}</CuaKhau>",
                    f"<Loai>{loai}</Loai>",
                    f"<ThoiGian>{escape(when)}</ThoiGian>",
                    f"<HoTen>{escape(full)}</HoTen>",
                    f"<GioiTinh>{sex}</GioiTinh>",
                    f"<NgaySinh>{self.partial(fl['dob'], 'iso')}</NgaySinh>",
                    f"<QuocTich>{p.nationality}</QuocTich>",
                ]
                if doc is not None:
                    loai_gt = {"passport": "HC", "border_pass": "GTT", "id_card": "CCCD"}[doc.type]
                    parts.append(
                        f"<GiayTo loai={quoteattr(loai_gt)} so={quoteattr(fl['number'])} "
                        f"noiCap={quoteattr(doc.issuer)} hetHan={quoteattr(doc.expiry.isoformat())}/>"
                    )
                parts.append(f"<MucDich>{purpose[rec['purpose']]}</MucDich>")
                if rec["adult"]:
                    parts.append(f"<NguoiDiCung>{escape(rec['adult']['id'])}</NguoiDiCung>")
                f.write("<BanGhi>" + "".join(parts) + "</BanGhi>\n")
            f.write("</DuLieuXuatNhapCanh>\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--persons", type=int, default=14000)
    ap.add_argument("--days", type=int, default=42)
    ap.add_argument("--seed", type=int, default=20261129)
    ap.add_argument("--start", default="2026-10-01")
    args = ap.parse_args()
    g = Generator(args.persons, args.days, args.seed, dt.date.fromisoformat(args.start))
    g.make_population()
    g.simulate()
    g.write(args.out)
    c = g.stats
    print(  # noqa: T201 - a command-line tool reports what it wrote
        f"persons {c['persons']} (with records {c['persons_with_records']}), records {c['records']}: "
        f"khm-gdi {c['records_khm-gdi']}, tha-ib {c['records_tha-ib']}, vnm-xnc {c['records_vnm-xnc']}"
    )
    prefixes = ("var_", "defect_", "persons_", "records_", "mrz", "documents")
    print(json.dumps({k: v for k, v in sorted(c.items()) if k.startswith(prefixes)}, indent=1))  # noqa: T201


if __name__ == "__main__":
    main()
