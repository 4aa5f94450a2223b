"""Name pools for the synthetic population: native forms and their usual romanisations.

Each pool entry is written ``native:ROMAN1/ROMAN2``: the name in its own script, then the romanisations
seen for it on passports and in other states' records, the most usual first. Vietnamese names are
written once, with their diacritics; their romanisation (diacritics dropped, Đ as D) is derived.
Burmese names have no family name: a name is two to four syllables from the Myanmar pools.

Many names are composed from these parts as people compose them (see "composed names" below and
docs/decisions/0005-realistic-name-diversity.md): Thai and Lao surnames of two or three morphemes,
Khmer given names of two parts, Chinese given names of one or two syllables.
"""

from __future__ import annotations

import bisect
import functools
import random
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class NamePart:
    """One word of a name: its native form (empty for Latin-only names) and its romanisations."""

    native: str
    romanisations: tuple[str, ...]


def _parse(text: str) -> tuple[NamePart, ...]:
    """Read ``native:A/B; native:C`` entries into name parts."""
    parts = []
    for raw in text.replace("\n", ";").split(";"):
        entry = raw.strip()
        if not entry:
            continue
        native, _, romans = entry.partition(":")
        parts.append(NamePart(native.strip(), tuple(r.strip() for r in romans.split("/") if r.strip())))
    return tuple(parts)


def strip_diacritics(text: str) -> str:
    """Vietnamese (or any Latin) text without its diacritics, Đ written D: what a passport prints."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _vietnamese(text: str) -> tuple[NamePart, ...]:
    """Vietnamese words with diacritics; the romanisation is the same word without them."""
    return tuple(NamePart(word, (strip_diacritics(word),)) for word in text.split())


def _latin(text: str) -> tuple[NamePart, ...]:
    """Latin-only names (no native script kept by any of the three states), ``A/B`` variants allowed."""
    return tuple(NamePart("", tuple(word.split("/"))) for word in text.split())


# --- Khmer (KHM) -------------------------------------------------------------------------------------
KHM_FAMILY = _parse("""
សុខ:SOK/SOKH; ជា:CHEA/JEA; ចាន់:CHAN/CHANN; ហេង:HENG/HAENG; គឹម:KIM/KEM; ស៊ុន:SUN/SOUN; យស:YOS/YUOS
លី:LY/LEE; ឈឹម:CHHIM/CHHOEM; ម៉ៅ:MAO/MAU; ពៅ:POV/POU; ស៊ិន:SIN/SEN; ង៉ែត:NGET/NGAET; នួន:NUON/NOUN
ហ៊ុន:HUN/HOUN; ខៀវ:KHIEU/KHIEV; សំ:SAM/SOM; ញឹក:NHEK/NHOEK; ប៊ុន:BUN/BUNN/BOUN; ទេព:TEP/TEB
ឡុង:LONG/LAUNG; ម៉ម:MOM/MORM; ផាត:PHAT/PHATH; ស្រី:SREY/SREI; អ៊ុំ:UM/OUM; ឃុន:KHUN/KHOUN
ជួន:CHUON/CHOUN; កែវ:KEO/KEV/KAEV; សេង:SENG/SAENG; ឈុន:CHHUN/CHHOUN; ស៊ាន:SEAN/SIAN; ពេជ្រ:PICH/PECH
ហុង:HONG/HORNG; ព្រំ:PROM/PROMM; ណុប:NOP/NORB; ឡាយ:LAY/LAI; វង្ស:VONG/VONGS/VUNG; ម៉ែន:MEN/MAEN
ប៉ាង:PANG/BANG; ទូច:TOUCH/TOCH/TUCH; សួន:SUON/SUAN; ឌិត:DITH/DIT; អ៊ុក:OUK/UK; ចេង:CHENG/JENG
ធី:THY/THEY/THI; ផល:PHAL/PHALL; ស៊ឹម:SIM/SOEM; ស្វាយ:SVAY/SVAI; ហ៊ាង:HEANG/HIENG; រស់:ROS/ROUS
ឯក:EK/EAK; ពិន:PIN/PEN; នី:NY/NI/NEE; អ៊ាង:ANG/EANG; គង់:KONG/KORNG; ជ័យ:CHEY/CHAY/JEY
ខាត់:KHAT/KHATT; សយ:SOY/SAOY; រិទ្ធ:RITH/RIT; ប្រាក់:PRAK/BRAK; ឆាយ:CHHAY/CHHAI; ទិត:TITH/TIT
ម៉ាក់:MAK/MAKK; ឈាង:CHHEANG/CHHIENG; ហ៊ួរ:HOUR/HUOR; អ៊ូ:OU/U; ម៉ុក:MOK/MOUK; ទៀង:TEANG/TIENG
វ៉ាន់:VANN/VAN; សាន:SAN/SANN; ភី:PHY/PHI; អ៊ិត:ITH/IT; ប៉ែន:PEN/PAEN
""")

KHM_GIVEN_M = _parse("""
ដារ៉ា:DARA/DARRA; វិចិត្រ:VICHET/VICHETH/VICHEAT; សំណាង:SAMNANG/SOMNANG; ពិសិដ្ឋ:PISETH/PISITH
ធារិទ្ធ:THEARITH/THEARIT; សុវណ្ណ:SOVANN/SOVAN; បូរ៉ា:BORA/BORRA; វីរៈ:VIREAK/VEARAK
ភក្តី:PHEAKDEY/PHEAKDEI/PHEAKDY; សុផល:SOPHAL/SOPHALL; សុភ័ក្ត្រ:SOPHEAK/SOPHEAKT; រិទ្ធី:RITHY/RITHI
សុខា:SOKHA/SOKA; វិសាល:VISAL/VISSAL; សារ៉ាត់:SARATH/SARAT; ច័ន្ទថា:CHANTHA/CHANTA; ពន្លក:PUNLOK/PONLOK
ដាវុធ:DAVUTH/DAVUT; កុសល:KOSAL/KOSSAL; វណ្ណៈ:VANNAK/VANAK; សុខុម:SOKHOM/SOKHUM; បញ្ញា:PANHA/PANNHA
រតនៈ:RATANAK/RATTANAK; ចំរើន:CHAMROEUN/CHAMRERN/CHAMRUEN; សុធី:SOTHY/SOTHI; វុទ្ធី:VUTHY/VUTHI
ស៊ីថា:SITHA/SYTHA; មុន្នី:MONY/MONI; សេរី:SEREY/SEREI; ប៊ុនថន:BUNTHAN/BUNTHORN; កក្កដា:KAKADA/KAKKADA
វិបុល:VIBOL/VIBUL; សុជាតិ:SOCHEAT/SOCHEATH; ឧត្តម:UDOM/OUDOM; សម្បត្តិ:SAMBATH/SAMBAT; ចាន់ណា:CHANNA/CHANA
មករា:MAKARA/MAKKARA; ប៊ុនណា:BUNNA/BOUNNA; សុវត្ថិ:SOVATH/SOVAT; លីហួរ:LIHOUR/LY HOUR
វាសនា:VEASNA/VIASNA; ភារុណ:PHEARUN/PHEARON; វឌ្ឍនា:VATHANA/VATTANA; រដ្ឋា:RATHA/RATTHA
សុខលី:SOKLY/SOKLEE; សុធារ៉ា:SOTHEARA/SOTHARA; ណារិន:NARIN/NAREN; សុខឃឿន:SOKHOEUN/SOKHUEN
ម៉េង:MENG/MAENG; ពិសាល:PISAL/PISSAL; ចន្ថា:CHANTHEA/CHANTHIA; ភិរុណ:PHIRUN/PHIRON
""")

KHM_GIVEN_F = _parse("""
បុប្ផា:BOPHA/BUPPHA; ចិន្តា:CHENDA/CHINDA; សុធា:SOTHEA/SOTHIA; វណ្ណា:VANNA/VANA
ស្រីមុំ:SREYMOM/SREY MOM/SREIMOM; សុភា:SOPHEA/SOPHA; រតនា:RATANA/RATTANA; ផល្លា:PHALLA/PHALA
ម៉ាលី:MALY/MALI; ចាន់ធូ:CHANTHOU/CHANTHU; រស្មី:RASMEY/RASMEI/RASMY; ស្រីនាង:SREYNEANG/SREY NEANG
ដាវី:DAVY/DAVI; សុខនី:SOKNY/SOKNI; ពិសី:PISEY/PISEI; សុភី:SOPHY/SOPHI; ស្រីពៅ:SREYPOV/SREY POV
គន្ធា:KUNTHEA/KUNTHIA; ចន្ទី:CHANTHY/CHANTHI; លក្ខិណា:LEAKHENA/LEAKENA; ស្រីល័ក្ខ:SREYLEAK/SREY LEAK
ស្រីនិច:SREYNICH/SREY NICH; ធីតា:THIDA/THEADA; នារី:NARY/NARI; ស្រីរ័ត្ន:SREYROTH/SREYRATH
មាលា:MEALEA/MALEA; វិច្ឆិកា:VICHHEKA/VICHEKA; ស្រីតូច:SREYTOCH/SREY TOUCH; កញ្ញា:KANHA/KANNHA
ច័ន្ទរស្មី:CHANRASMEY/CHANRASMY; ធារី:THEARY/THEARI; រចនា:ROCHANA/ROCHNA; ស្រីណា:SREYNA/SREY NA
សុគន្ធា:SOKUNTHEA/SOKUNTHIA; ពន្លឺ:PONLEU/PUNLEU; ម៉ារីណា:MARINA/MARRINA; សុខុន:SOKHON/SOKHUN
លីដា:LIDA/LYDA; ស្រីលីន:SREYLIN/SREY LIN; ចរិយា:CHARYA/CHARIYA; សុមាលី:SOMALY/SOMALI
ស៊ីណែត:SINET/SYNETH; បូរី:BOREY/BOREI; ភាវី:PHEAVY/PHEAVI; ដាលីន:DALIN/DALINE
សុវណ្ណារី:SOVANNARY/SOVANARY; មុន្នីរ័ត្ន:MONIROTH/MONIRATH; សុភាព:SOPHEAP/SOPHIEP; ចាន់ថន:CHANTHORN/CHANTHON
""")

# --- Thai (THA) --------------------------------------------------------------------------------------
THA_FAMILY = _parse("""
สมบูรณ์:SOMBOON/SOMBUN; ศรีสุข:SRISUK/SISUK; พรหมมา:PROMMA/PHROMMA; ไชยพร:CHAIYAPORN/CHAIYAPHON
รัตนพันธ์:RATTANAPHAN/RATANAPAN/RATTANAPAN; แสงทอง:SAENGTHONG/SANGTHONG; บุญมา:BOONMA/BUNMA
สุขสวัสดิ์:SUKSAWAT/SOOKSAWAT; ทองดี:THONGDEE/THONGDI/TONGDEE; จันทร์แก้ว:CHANKAEO/JANKAEW/CHANKAEW
วงศ์สวัสดิ์:WONGSAWAT/VONGSAVAT; ศรีวงศ์:SRIWONG/SIWONG; ใจดี:JAIDEE/CHAIDI; สุวรรณ:SUWAN/SUVAN
แก้วมณี:KAEWMANEE/KAEOMANI; มีสุข:MEESUK/MISUK; ปัญญาดี:PANYADEE/PANYADI; เพชรรัตน์:PETCHARAT/PHETCHARAT
ทองคำ:THONGKHAM/TONGKHAM; บุญเรือง:BOONRUANG/BUNRUEANG; สายทอง:SAITHONG/SAITONG; อินทร์แก้ว:INKAEW/INKAEO
ศรีสวัสดิ์:SRISAWAT/SISAWAT; พึ่งบุญ:PHUENGBUN/PUENGBOON; เจริญสุข:CHAROENSUK/JAROENSUK
ชัยมงคล:CHAIMONGKOL/CHAIMONGKHON; วิเศษสุวรรณ:WISETSUWAN/VISETSUVAN; สุขประเสริฐ:SUKPRASERT/SOOKPRASERT
ทองประเสริฐ:THONGPRASERT/TONGPRASERT; ประเสริฐศรี:PRASERTSRI/PRASOETSI; รุ่งเรือง:RUNGRUANG/RUNGRUEANG
มั่นคง:MANKONG/MANKHONG; ศักดิ์ดี:SAKDEE/SAKDI; นาคสุข:NAKSUK/NAKSOOK; บุญยืน:BOONYUEN/BUNYUEN
แก้วกา:KAEWKA/KAEOKA; คงเจริญ:KONGCHAROEN/KHONGCHAROEN; เรืองศรี:RUANGSRI/RUEANGSI; สีดา:SEEDA/SIDA
ทองมา:THONGMA/TONGMA; ศรีทอง:SRITHONG/SITHONG; บุญชู:BOONCHU/BUNCHU; ชูศรี:CHOOSRI/CHUSI
วงศ์ใหญ่:WONGYAI/VONGYAI; ปานทอง:PANTHONG/PANTONG; อ่อนศรี:ONSRI/ONSI; มณีวงศ์:MANEEWONG/MANIWONG
เกษมสุข:KASEMSUK/KASEMSOOK; พันธุ์ดี:PHANDEE/PANDEE; หอมจันทร์:HOMCHAN/HOMJAN
บุญประเสริฐ:BOONPRASERT/BUNPRASOET; แสนสุข:SAENSUK/SANSUK; ดวงดี:DUANGDEE/DUANGDI; ทรัพย์มาก:SUBMAK/SAPMAK
ศรีประเสริฐ:SRIPRASERT/SIPRASOET; นิลสุวรรณ:NILSUWAN/NINSUWAN; อุดมสุข:UDOMSUK/UDOMSOOK
พรมแก้ว:PROMKAEW/PHROMKAEO; กาญจนะ:KANJANA/KANCHANA; ธนากร:THANAKORN/THANAKON
วัฒนา:WATTANA/WATTHANA/VATTANA; สิทธิชัย:SITTICHAI/SITTHICHAI; เพชรสุวรรณ:PETCHSUWAN/PHETSUWAN
""")

THA_GIVEN_M = _parse("""
สมศักดิ์:SOMSAK/SOMSACK; สมชาย:SOMCHAI/SOMCHAY; ณัฐพล:NATTHAPHON/NATTAPOL/NATTHAPHOL
ชัยวัฒน์:CHAIWAT/CHAIYAWAT; ประเสริฐ:PRASERT/PRASOET; สุริยา:SURIYA/SURIYAH; วีระ:WEERA/WIRA/VEERA
อนุชา:ANUCHA/ANUCHAR; ธนพล:THANAPHON/THANAPOL; กิตติ:KITTI/KITTHI; สมบัติ:SOMBAT/SOMBUT
บุญชัย:BOONCHAI/BUNCHAI; วิชัย:WICHAI/VICHAI; อภิชาติ:APICHAT/APHICHAT; ศักดิ์ชัย:SAKCHAI/SAKCHAY
ปรีชา:PREECHA/PRICHA; สุทธิพงษ์:SUTTIPONG/SUTTHIPHONG; ธีรวัฒน์:THEERAWAT/THIRAWAT
ชาญชัย:CHANCHAI/CHARNCHAI; เอกชัย:EKKACHAI/EKACHAI; วัชระ:WATCHARA/VATCHARA; พงศกร:PONGSAKORN/PHONGSAKON
อดิศักดิ์:ADISAK/ADISSAK; นพดล:NOPPADOL/NOPPHADON; ณรงค์:NARONG/NARONGK; สมพงษ์:SOMPONG/SOMPHONG
ประยุทธ:PRAYUT/PRAYUTH; สุรชัย:SURACHAI/SURACHAY; ทวีศักดิ์:TAWEESAK/THAWISAK; บุญมี:BOONMEE/BUNMI
จักรพันธ์:JAKKAPHAN/CHAKKAPHAN; ไพโรจน์:PAIROJ/PHAIROT; สมหมาย:SOMMAI/SOMMAY; อำนาจ:AMNAJ/AMNAT
วิทยา:WITTAYA/WITTHAYA/VITTAYA; ศุภชัย:SUPACHAI/SUPHACHAI; ธวัชชัย:THAWATCHAI/TAWATCHAI
เกียรติศักดิ์:KIATTISAK/KIATISAK; สุเมธ:SUMET/SUMATE; ภานุวัฒน์:PANUWAT/PHANUWAT; ปิยะ:PIYA/PIYAH
ชัยยา:CHAIYA/CHAIYAH; สุชาติ:SUCHAT/SUCHART; มานพ:MANOP/MANOB; บรรจง:BANJONG/BANCHONG
ยุทธนา:YUTTHANA/YUTTANA; อนันต์:ANAN/ANANT; วีรพงษ์:WEERAPONG/WIRAPHONG; สมเกียรติ:SOMKIAT/SOMKIET
ศิริชัย:SIRICHAI/SIRICHAY; ธีระ:THEERA/THIRA
""")

THA_GIVEN_F = _parse("""
จันทร์เพ็ญ:CHANPEN/JANPEN/CHANPHEN; พรทิพย์:PORNTHIP/PHONTHIP/PORNTIP; สมศรี:SOMSRI/SOMSI; มาลี:MALEE/MALI
สุดา:SUDA/SOODA; วันเพ็ญ:WANPEN/WANPHEN; นงลักษณ์:NONGLAK/NONGLUCK; อรุณี:ARUNEE/ARUNI
สุภาพร:SUPAPORN/SUPHAPHON; ปราณี:PRANEE/PRANI; ศิริพร:SIRIPORN/SIRIPHON; กาญจนา:KANJANA/KANCHANA
รัตนา:RATTANA/RATANA; บุญเรือน:BOONRUEN/BUNRUEAN; ดวงใจ:DUANGJAI/DUANGCHAI; นภา:NAPA/NAPHA
อัญชลี:ANCHALEE/ANCHALI; ประไพ:PRAPAI/PRAPHAI; วิไล:WILAI/VILAI; ลำดวน:LAMDUAN/LUMDUAN
สุนันทา:SUNANTA/SUNANTHA; เพ็ญศรี:PENSRI/PHENSI; ทองใบ:THONGBAI/TONGBAI; อำไพ:AMPAI/AMPHAI
นิภา:NIPA/NIPHA; ปัทมา:PATTAMA/PATTHAMA; จิราพร:JIRAPORN/CHIRAPHON; สมพร:SOMPORN/SOMPHON
กัลยา:KANLAYA/KALAYA; ศรีสุดา:SRISUDA/SISUDA; ยุพิน:YUPIN/YUPHIN; บุษบา:BUSSABA/BUTSABA
วรรณา:WANNA/VANNA; สายสุนีย์:SAISUNEE/SAISUNI; เยาวลักษณ์:YAOWALAK/YAOVALAK; พิมพ์ใจ:PIMJAI/PHIMCHAI
ธิดา:THIDA/TIDA; ชุติมา:CHUTIMA/CHUTTIMA; อัมพร:AMPORN/AMPHON; สุกัญญา:SUKANYA/SUKANYAH
ณัฐธิดา:NATTHIDA/NATTIDA; ปิยะนุช:PIYANUCH/PIYANUT; รุ่งนภา:RUNGNAPA/RUNGNAPHA; เพ็ญนภา:PENNAPA/PHENNAPHA
จินตนา:JINTANA/CHINTANA; ดารุณี:DARUNEE/DARUNI; อรทัย:ORATHAI/ORATAI; มยุรี:MAYUREE/MAYURI
วาสนา:WASANA/VASANA; ละมัย:LAMAI/LAMAY
""")

# --- Lao (LAO) ---------------------------------------------------------------------------------------
LAO_FAMILY = _parse("""
ພົມມະວົງ:PHOMMAVONG/PHOMMAWONG; ສີສຸລາດ:SISOULATH/SISULAT; ແກ້ວມະນີ:KEOMANY/KAEOMANI; ວົງສາ:VONGSA/WONGSA
ສຸລິວົງ:SOULIVONG/SULIWONG; ພົມມະຈັນ:PHOMMACHANH/PHOMMACHAN; ຈັນທະວົງ:CHANTHAVONG/JANTHAVONG
ສີຫາລາດ:SIHALATH/SIHALAT; ອິນທະວົງ:INTHAVONG/INTAVONG; ແສງສຸລິຍາ:SENGSOURIYA/SAENGSULIYA
ພັນທະວົງ:PHANTHAVONG/PANTHAVONG; ສີວົງ:SIVONG/SEEVONG; ໄຊຍະວົງ:XAIYAVONG/SAIYAVONG/CHAIYAVONG
ສຸວັນນະລາດ:SOUVANNALATH/SUVANNALAT; ດວງມະນີ:DOUANGMANY/DUANGMANI; ຄຳມະນີ:KHAMMANY/KHAMMANI
ໄຊສົມບັດ:XAISOMBATH/SAISOMBAT; ພິລາວົງ:PHILAVONG/PILAVONG; ວົງພະຈັນ:VONGPHACHANH/WONGPHACHAN
ສີພັນດອນ:SIPHANDONE/SIPHANDON; ແກ້ວວົງສາ:KEOVONGSA/KAEOWONGSA; ລາດສະວົງ:LATSAVONG/LADSAVONG
ພອນສະຫວັນ:PHONSAVANH/PHONSAVAN; ສີລາວົງ:SILAVONG/SEELAVONG; ອຸດົມສຸກ:OUDOMSOUK/UDOMSUK
ສຸກສະຫວັນ:SOUKSAVANH/SUKSAVAN; ຈັນທະລາ:CHANTHALA/JANTHALA; ວິລະວົງ:VILAVONG/WILAWONG
ສົມບັດ:SOMBATH/SOMBAT; ພົມສະຫວັນ:PHOMSAVANH/PHOMSAVAN; ໄຊຍະສານ:XAIYASANE/SAIYASAN
ແສງອາລຸນ:SENGALOUN/SAENGALUN; ລັດຕະນະ:LATTANA/RATTANA; ບຸນທະວົງ:BOUNTHAVONG/BUNTHAVONG
ດາລາວົງ:DALAVONG/DARAVONG; ສີທິລາດ:SITHILATH/SITHILAT; ມະນີວົງ:MANIVONG/MANEEVONG; ອິນທະລາ:INTHALA/INTALA
ກິດຕິສັກ:KITTISACK/KITTISAK; ພູມມາ:PHOUMMA/PHUMMA; ຄຳພູ:KHAMPHOU/KHAMPHU; ວັນນະວົງ:VANNAVONG/WANNAWONG
ສີສົມພອນ:SISOMPHONE/SISOMPHON; ແກ້ວພິທູນ:KEOPHITHOUN/KAEOPHITHUN; ສຸລິຍະ:SOULIYA/SULIYA
ທອງສະຫວັດ:THONGSAVATH/THONGSAVAT; ຫຼວງລາດ:LUANGLATH/LOUANGLAT; ຈັນທະສອນ:CHANTHASONE/JANTHASON
ໄຊຍະລາດ:XAYALATH/SAIYALAT; ພັນທະລີ:PHANTHALY/PANTHALI; ຄຳແພງ:KHAMPHAENG/KHAMPHENG
ສີສະຫວາດ:SISAVATH/SISAWAT; ບົວລະພາ:BOUALAPHA/BUALAPHA; ແສງຈັນ:SENGCHANH/SAENGCHAN
ດວງສະຫວັນ:DOUANGSAVANH/DUANGSAVAN; ອ່ອນສີ:ONSY/ONSI; ພົມມະສອນ:PHOMMASONE/PHOMMASON
ໄຊຍະເສນ:XAIYASENG/SAIYASEN; ສີປະເສີດ:SIPRASEUTH/SIPASOET; ບຸດສະດີ:BOUTSADY/BUTSADI; ວົງໄຊ:VONGXAY/WONGSAI
ມີໄຊ:MIXAY/MISAI
""")

LAO_GIVEN_M = _parse("""
ສົມພອນ:SOMPHONE/SOMPHON; ບຸນມີ:BOUNMY/BUNMI; ສົມສັກ:SOMSACK/SOMSAK; ຄຳພອນ:KHAMPHONE/KHAMPHON
ບົວພັນ:BOUAPHANH/BUAPHAN; ສີສຸກ:SISOUK/SISUK; ທອງລຸນ:THONGLOUN/THONGLUN; ບຸນທັນ:BOUNTHANH/BUNTHAN
ຄຳສິງ:KHAMSING/KHAMSINH; ບຸນເຫຼືອ:BOUNLEUA/BUNLUEA; ສົມບູນ:SOMBOUN/SOMBUN; ວັນໄຊ:VANXAY/WANSAI
ສີລາ:SILA/SEELA; ພູວົງ:PHOUVONG/PHUVONG; ຈັນທອນ:CHANTHONE/JANTHON; ບຸນຈັນ:BOUNCHANH/BUNCHAN
ສົມຈິດ:SOMCHITH/SOMCHIT; ຄຳໃສ:KHAMSAY/KHAMSAI; ທອງສີ:THONGSY/THONGSI; ບຸນຍົງ:BOUNYONG/BUNYONG
ອຸດອນ:OUDONE/UDON; ສຸລິພົງ:SOULIPHONG/SULIPHONG; ໄຊສົມພອນ:XAISOMPHONE/SAISOMPHON; ພູມີ:PHOUMY/PHUMI
ສົມຫວັງ:SOMVANG/SOMWANG; ເພັດ:PHETH/PHET; ສີທອນ:SITHONE/SITHON; ບຸນຖົມ:BOUNTHOM/BUNTHOM
ວຽງສະຫວັນ:VIENGSAVANH/WIANGSAVAN; ຄຳຫຼ້າ:KHAMLA/KHAMLAR; ສຸກສົມບູນ:SOUKSOMBOUN/SUKSOMBUN
ທອງພັນ:THONGPHANH/THONGPHAN; ສົມດີ:SOMDY/SOMDI; ບຸນລ້ອມ:BOUNLOM/BUNLOM; ຄຳມັນ:KHAMMANH/KHAMMAN
ແສງເພັດ:SENGPHETH/SAENGPHET; ອານຸສອນ:ANOUSONE/ANUSON; ພອນໄຊ:PHONXAY/PHONSAI; ສີເພັດ:SIPHETH/SIPHET
ທອງຄຳ:THONGKHAM/TONGKHAM; ວິໄຊ:VIXAY/WICHAI; ສົມສະໜຸກ:SOMSANOUK/SOMSANUK; ບຸນເພັງ:BOUNPHENG/BUNPHENG
ໄຊຍະສິດ:XAYASITH/SAIYASIT; ພູທອນ:PHOUTHONE/PHUTHON; ຄຳແສງ:KHAMSENG/KHAMSAENG; ອາລຸນ:ALOUN/ALUN
ສຸກສະຫວັນ:SOUKSAVANH/SUKSAVAN; ບຸນເລີດ:BOUNLERTH/BUNLOET; ຄຳເພັດ:KHAMPHET/KHAMPHETH; ບຸນສີ:BOUNSY/BUNSI
""")

LAO_GIVEN_F = _parse("""
ວິໄລ:VILAY/WILAI; ບົວສີ:BOUASY/BUASI; ນ້ອຍ:NOY/NOI; ດວງຈັນ:DOUANGCHANH/DUANGCHAN; ມະນີວອນ:MANIVONE/MANIWON
ສຸກສະໄໝ:SOUKSAMAY/SUKSAMAI; ພອນທິບ:PHONETHIP/PHONTHIP; ແສງດາວ:SENGDAO/SAENGDAO
ຈັນທະລີ:CHANTHALY/JANTHALI; ນາລີ:NALY/NALI; ສີດາ:SIDA/SEEDA; ອຳພອນ:AMPHONE/AMPHON; ດາວວອນ:DAOVONE/DAOWON
ວັນດີ:VANDY/WANDI; ສົມຈັນ:SOMCHANH/SOMCHAN; ທິບພະວັນ:THIPPHAVANH/THIPPHAWAN; ບຸນທະວີ:BOUNTHAVY/BUNTHAWI
ອາລີ:ALY/ALI; ມະນີສອນ:MANISONE/MANISON; ສີສະໄໝ:SISAMAY/SISAMAI; ວຽງຄຳ:VIENGKHAM/WIANGKHAM
ຈັນເພັງ:CHANPHENG/JANPHENG; ນິດ:NITH/NIT; ຄຳສຸກ:KHAMSOUK/KHAMSUK; ບົວວອນ:BOUAVONE/BUAWON
ສຸດາລັດ:SOUDALATH/SUDALAT; ລັດດາ:LATDA/LADDA; ມາລີ:MALY/MALI; ອຸໄລ:OULAY/ULAI; ຈັນສຸດາ:CHANSOUDA/JANSUDA
ແສງຈັນ:SENGCHANH/SAENGCHAN; ທອງມີ:THONGMY/THONGMI; ນວນ:NOUANE/NUAN; ສີພອນ:SIPHONE/SIPHON
ວັນເພັງ:VANPHENG/WANPHENG; ບຸນມາ:BOUNMA/BUNMA; ດາລາ:DALA/DARA; ສົມພິດ:SOMPHITH/SOMPHIT
ເພັດສະໝອນ:PHETSAMONE/PHETSAMON; ໄພວັນ:PHAIVANH/PHAIWAN; ຈັນສີ:CHANSY/JANSI; ອິນປັນ:INPANH/INPAN
ພອນສະຫວັນ:PHONSAVANH/PHONSAVAN; ຄຳແພງ:KHAMPHAENG/KHAMPHENG; ບົວພາ:BOUAPHA/BUAPHA; ສຸດາວັນ:SOUDAVANH/SUDAWAN
ມະໄລ:MALAY/MALAI; ນາງນ້ອຍ:NANGNOY/NANGNOI; ທິດາ:THIDA/TIDA; ສຸພາພອນ:SOUPHAPHONE/SUPHAPHON
""")

# --- Vietnamese (VNM) --------------------------------------------------------------------------------
VNM_FAMILY = _vietnamese("""
NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ ĐINH ĐÀO TRỊNH MAI TRƯƠNG
LƯƠNG LÂM CAO HÀ TÔ LA QUÁCH TẠ THÁI KIỀU CHU TRIỆU VƯƠNG PHÙNG LƯU TĂNG DIỆP KHỔNG THÂN LỤC CÙ
CÔNG BẠCH NÔNG MẠC TỐNG VĂN ÂU HỨA TÔN LÃ KHÚC ĐOÀN ĐÀM TIÊU LỘC HÀN NGHIÊM GIANG LỢI
""")
VNM_MIDDLE_M = _vietnamese("VĂN ĐỨC QUỐC HỮU MINH THANH CÔNG XUÂN ĐÌNH NGỌC")
VNM_MIDDLE_F = _vietnamese("THỊ NGỌC THU KIM THANH MINH HỒNG BẢO PHƯƠNG THỊ THỊ")
VNM_GIVEN_M = _vietnamese("""
MINH HÙNG DŨNG TUẤN HẢI NAM QUANG THẮNG LONG SƠN PHONG KHOA BÌNH CƯỜNG ĐỨC HIẾU HUY KHÁNH LỢI NGHĨA
PHÚC TÂM THÀNH TOÀN TRUNG VINH VIỆT HOÀNG AN BẢO ĐẠT DUY HẬU HIỂN KIÊN LÂM LỘC NHÂN PHÁT QUÂN SANG
TÀI THÔNG TIẾN TRÍ TRỌNG TÚ XUÂN ĐĂNG KHẢI THỊNH
""")
VNM_GIVEN_F = _vietnamese("""
LAN HOA MAI HƯƠNG HẰNG THẢO TRANG LINH NGỌC HÀ THU HẠNH PHƯƠNG YẾN NHUNG DUNG LOAN HIỀN THÚY VÂN ANH CHI
DIỆP GIANG HUYỀN KIM LIÊN LY MY NGA NHI OANH QUYÊN QUỲNH THANH THỦY TIÊN TRÂM UYÊN VY ĐÀO NGÂN PHƯỢNG
SEN THẮM THƠ TUYẾT HẠ NHƯ
""")

# --- Burmese (MMR): no family name; a name is two or three of these syllables ------------------------
MMR_SYLLABLES_M = _parse("""
ကျော်:KYAW/KYAWE; မင်း:MIN/MINN/MING; အောင်:AUNG/AUNGG; ဆန်း:SAN/SANN; ဝင်း:WIN/WINN; နိုင်:NAING/NAINE
ထွန်း:TUN/HTUN/TUNN; မြင့်:MYINT/MYINN; သန့်:THANT/THANN; ဇော်:ZAW/ZAWW; လှ:HLA/LA; သိန်း:THEIN/THEINN/THEN
ဌေး:HTAY/HTEI/TAY; ကို:KO/KOE; ထက်:HTET/HTAT; ပိုင်:PAING/PAINE; ဖြိုး:PHYO/PHYOE/PYO; သူ:THU/THOO
ရဲ:YE/YAY; လင်း:LIN/LINN; စိုး:SOE/SO; ဦး:OO/U; ညွန့်:NYUNT/NYUN; မောင်:MAUNG/MG; ထင်:HTIN/TIN
တင်:TIN/TINN; ဝေ:WAI/WAY/WE; ဟန်:HAN/HANN; ဥက္ကာ:OAKKAR/OKKAR; ဘ:BA/BAR; ညီ:NYI/NYEE
ကောင်း:KAUNG/KAUNGG; ရွှေ:SHWE/SHWAY; ငြိမ်း:NYEIN/NYAIN; သွင်:THWIN/THWINN; လွင်:LWIN/LWINN
ဇေယျ:ZEYA/ZAYAR; သက်:THET/THAT; ဖုန်း:PHONE/PHONN; ရှိန်:SHEIN/SHANE; ကြည်:KYI/CHI; ဆွေ:SWE/SWAY
ဟိန်း:HEIN/HEINN; ချမ်း:CHAN/CHANN; သော်:THAW/THAWE; ကြိုင်:KYAING/CHAING; ဝတ်:WUT/WOOT
ချစ်:CHIT/CHITT; ဇွဲ:ZWE/ZWAY; အုန်း:OHN/ONE; ပြည့်:PYAE/PYE; ညို:NYO/NYOE; ထိုက်:HTIKE/HTAIK
""")
MMR_SYLLABLES_F = _parse("""
စု:SU/SOO; မြ:MYA/MYAR; ခင်:KHIN/KHINE; နု:NU/NOO; ချို:CHO/CHOE; ဇင်:ZIN/ZINN; မာ:MAR/MA
နွယ်:NWE/NWAY; စန္ဒာ:SANDAR/SANDA; ယု:YU/YUU; မိုး:MOE/MOH; ဖြူ:PHYU/PYU; ခိုင်:KHAING/KHINE
ဆု:SU/HSU; မြတ်:MYAT/MYATT; သဉ္ဇာ:THINZAR/THINZA; ပါ:PA/PAR; မိ:MI/ME; ဂျူး:JU/JUE; သီ:THI/THEE
တာ:TAR/TA; ယဉ်:YIN/YINN; ဝါ:WA/WAR; ငွေ:NGWE/NGWAY; ပွင့်:PWINT/PWINN; ရတနာ:YADANAR/YADANA
ပန်း:PAN/PANN; ဖူး:PHOO/PHU; လေး:LAY/LEI; အေး:AYE/AYEE; ဒွေး:DWE/DWAY; ဇာ:ZAR/ZA; ထား:HTAR/HTA
နန္ဒာ:NANDAR/NANDA; မေ:MAY/ME; ရည်:YI/YEE; နေ:NAY/NE; လ:LA/LAR; ထွေး:HTWE/HTWAY; အိ:EI/EII
ဦ:OO/U; ဖြိုး:PHYO/PHYOE; သူ:THU/THOO; မြင့်:MYINT/MYINN; ဝင်း:WIN/WINN; နှင်း:HNIN/NHIN
နန်း:NANG/NAN; သဇင်:THAZIN/TAZIN
""")

# --- others: Latin only -----------------------------------------------------------------------------
CHN_FAMILY = _latin("WANG LI ZHANG LIU CHEN YANG HUANG ZHAO WU ZHOU XU SUN MA ZHU HU GUO HE LIN GAO LUO")
CHN_GIVEN_M = _latin("WEI QIANG LEI JUN YONG JIE TAO MING CHAO HAO BIN PENG GANG HUI XIN")
CHN_GIVEN_F = _latin("FANG NA MIN JING LI YAN JUAN XIA LING TING YING HONG MEI XIU LAN")
IDN_FAMILY = _latin("SANTOSO WIJAYA SETIAWAN HIDAYAT SAPUTRA KURNIAWAN NUGROHO PRATAMA SUSANTO RAHAYU HALIM LUBIS")
IDN_GIVEN_M = _latin("BUDI AGUS ADI EKO DEDI HENDRA RUDI ANDI JOKO WAHYU IWAN YUSUF")
IDN_GIVEN_F = _latin("SITI DEWI SRI ANI RINA PUTRI INDAH WULAN LESTARI YANTI NUR FITRI")
PHL_FAMILY = _latin("SANTOS REYES CRUZ BAUTISTA OCAMPO GARCIA MENDOZA TORRES TOMAS ANDRADA CASTILLO FLORES RAMOS")
PHL_GIVEN_M = _latin("JUAN JOSE MARK JOHN MICHAEL RODEL JERICHO ARIEL RONALDO EDGAR NOEL")
PHL_GIVEN_F = _latin("MARIA ANA JOCELYN MARICEL ROWENA KRISTINE JOY LIZA ROSALIE GRACE ANGELICA")

# --- composed names ----------------------------------------------------------------------------------
# Real populations carry far more names than the pools above list. Names are made the way people make
# them (docs/decisions/0005-realistic-name-diversity.md): Thai and Lao surnames of two or three
# morphemes, each new surname being unique to its lineage (ศรี+สุข+วงศ์); Khmer given names of two
# parts (ស្រី+មុំ SREYMOM, សុខ+ហេង SOKHENG) and family names that were a forefather's given name; Chinese
# given names of one or two syllables; Burmese names of two to four syllables, any of them shared by both
# sexes; Indonesian names of personal names with or without a clan or family name. Each composed word is
# spelled by joining its parts' spellings (SRI+SUK+WONG), as people spell their own compound names.

THA_SURNAME_FIRST = _parse("""
ศรี:SRI/SI; สุข:SUK/SOOK; ทอง:THONG/TONG; บุญ:BOON/BUN; แก้ว:KAEW/KAEO; วงศ์:WONG/VONG; จันทร์:CHAN/JAN
ชัย:CHAI/CHAY; แสง:SAENG/SANG; เพชร:PETCH/PHET; มณี:MANEE/MANI; สาย:SAI; พรหม:PROM/PHROM
เรือง:RUANG/RUEANG; ดวง:DUANG; หอม:HOM; นาค:NAK; ศักดิ์:SAK; รุ่ง:RUNG; มั่น:MAN; เจริญ:CHAROEN/JAROEN
ใจ:JAI/CHAI; ปาน:PAN; อ่อน:ON; แสน:SAEN/SAN; นิล:NIL/NIN; เกษม:KASEM; อุดม:UDOM; คง:KONG/KHONG
ยิ่ง:YING; เลิศ:LERT/LOET; งาม:NGAM; ธรรม:THAM/TAM; เงิน:NGERN/NGOEN; ทิพย์:THIP/TIP; บัว:BUA
เทพ:THEP/TEP; มหา:MAHA; สม:SOM; เย็น:YEN; ช้าง:CHANG; สิงห์:SING; พึ่ง:PHUENG/PUENG; ชื่น:CHUEN/CHUN
""")
THA_SURNAME_NEXT = _parse("""
สุข:SUK/SOOK; ทอง:THONG/TONG; ดี:DEE/DI; มา:MA; ประเสริฐ:PRASERT/PRASOET; วงศ์:WONG/VONG
สวัสดิ์:SAWAT/SAVAT; แก้ว:KAEW/KAEO; ศรี:SRI/SI; มณี:MANEE/MANI; เจริญ:CHAROEN/JAROEN; พันธ์:PHAN/PAN
สกุล:SAKUL/SAKUN; ชัย:CHAI/CHAY; คำ:KHAM/KAM; งาม:NGAM; เรือง:RUANG/RUEANG; ใหญ่:YAI; ทิพย์:THIP/TIP
กุล:KUL/KUN; ภักดี:PHAKDEE/PAKDEE; สมบูรณ์:SOMBOON/SOMBUN; บุญ:BOON/BUN; ธรรม:THAM/TAM; ศักดิ์:SAK
อนันต์:ANAN/ANANT; ไพศาล:PAISAN/PHAISAN; สุวรรณ:SUWAN/SUVAN; ชู:CHU/CHOO; จันทร์:CHAN/JAN
เพชร:PETCH/PHET; พงษ์:PONG/PHONG; นาค:NAK; เดช:DET/DECH; ทวี:THAWEE/TAWEE; มงคล:MONGKOL/MONGKHON
ประสิทธิ์:PRASIT/PRASITH; รักษ์:RAK; วิเศษ:WISET/VISET; ยืน:YUEN; เดือน:DUEAN/DUAN; ทรัพย์:SAP/SUB
""")

LAO_SURNAME_FIRST = _parse("""
ພົມມະ:PHOMMA/POMMA; ສີ:SI/SEE; ແກ້ວ:KEO/KAEO; ຈັນທະ:CHANTHA/JANTHA; ອິນທະ:INTHA/INTA; ໄຊຍະ:XAIYA/SAIYA
ສຸວັນນະ:SOUVANNA/SUVANNA; ພັນທະ:PHANTHA/PANTHA; ຄຳ:KHAM/KAM; ບຸນ:BOUN/BUN; ແສງ:SENG/SAENG
ດວງ:DOUANG/DUANG; ສຸກ:SOUK/SUK; ທອງ:THONG/TONG; ວົງ:VONG/WONG; ພອນ:PHON/PON; ວິລະ:VILA/WILA
ສຸລິ:SOULI/SULI; ມະນີ:MANI/MANEE; ດາລາ:DALA/DARA; ບົວ:BOUA/BUA; ລັດສະ:LATSA/LADSA; ສົມ:SOM
""")
LAO_SURNAME_NEXT = _parse("""
ວົງ:VONG/WONG; ລາດ:LATH/LAT; ສາ:SA; ຈັນ:CHANH/CHAN; ມະນີ:MANY/MANI; ສະຫວັນ:SAVANH/SAVAN; ສອນ:SONE/SON
ລາ:LA; ພອນ:PHONE/PHON; ໄຊ:XAY/SAI; ສີ:SY/SI; ສຸກ:SOUK/SUK; ທອງ:THONG/TONG; ພັນ:PHANH/PHAN
ເພັດ:PHETH/PHET; ດີ:DY/DI; ສົມບັດ:SOMBATH/SOMBAT; ສະຫວາດ:SAVATH/SAWAT; ສັກ:SACK/SAK; ຄຳ:KHAM/KAM
ແພງ:PHAENG/PHENG; ລີ:LY/LI; ວັນ:VANH/VAN; ມາ:MA
""")

# Khmer given names of two parts: a first part, then a syllable of the pools' own (SREY+MOM, SOK+HENG).
# Left out as second parts: ម៉ម MOM, គង់ KONG, រស់ ROS, ធី THY, which the Khmer romaniser misreads inside
# a compound (SREYMM, SOKKNG), so a native-only record of such a name could not be read back.
KHM_GIVEN_FIRST_F = _parse("ស្រី:SREY/SREI; ចាន់:CHAN/CHANN; សុ:SO")
KHM_GIVEN_FIRST_M = _parse("សុខ:SOK/SOKH; ប៊ុន:BUN/BOUN; ចាន់:CHAN/CHANN; វណ្ណ:VANN/VAN; ពេជ្រ:PICH/PECH; សំ:SAM/SOM")
KHM_GIVEN_NEXT = _parse("""
ហេង:HENG/HAENG; លី:LY/LEE; ជា:CHEA/JEA; គឹម:KIM/KEM; នី:NY/NI/NEE; ផល:PHAL/PHALL; រិទ្ធ:RITH/RIT
ពេជ្រ:PICH/PECH; ឡុង:LONG/LAUNG; កែវ:KEO/KEV; សាន:SAN/SANN; ហុង:HONG/HORNG; ម៉ៅ:MAO/MAU
សេង:SENG/SAENG; ឡាយ:LAY/LAI; ពិន:PIN/PEN; ពៅ:POV/POU; ដា:DA; ណា:NA; ថា:THA/TA; រ៉ា:RA
ធូ:THOU/THU; ម៉ុក:MOK/MOUK
""")

CHN_FAMILY_WEIGHTED = _latin("""
WANG LI ZHANG LIU CHEN YANG HUANG ZHAO WU ZHOU XU SUN MA ZHU HU GUO HE LIN GAO LUO ZHENG LIANG XIE SONG TANG
HAN FENG DENG CAO PENG ZENG XIAO TIAN DONG PAN YUAN CAI JIANG YU DU YE CHENG WEI SU LU DING REN YAO SHEN
ZHONG CUI TAN FAN LIAO SHI JIN JIA XIA FU FANG ZOU XIONG BAI MENG QIN QIU HOU YIN XUE YAN DUAN LEI LONG TAO
MAO HAO GU GONG SHAO WAN QIAN DAI OU MO KONG XIANG CHANG KANG NIU SHANG WEN HONG BAO YI GE ZHUANG LAI
""")
# Shares of the most common Chinese surnames (per cent, mainland China), then falling as 1/rank.
_CHN_TOP_SHARES = (7.4, 7.2, 6.4, 5.4, 4.5, 3.1, 2.2, 2.1, 2.0, 1.9)
CHN_FAMILY_WEIGHTS = tuple(
    _CHN_TOP_SHARES[i] if i < len(_CHN_TOP_SHARES) else 20 / (i + 1) for i in range(len(CHN_FAMILY_WEIGHTED))
)
CHN_SYLLABLES_M = _latin("""
WEI JUN JIAN YONG JIE TAO MING CHAO HAO BIN PENG GANG HUI XIN QIANG LEI BO FENG LONG HAI TIAN YU HONG GUO ZHI
WEN DONG LIANG CHENG KAI RUI YANG HAN XUAN ZE YI JIA ZHEN SHENG FEI LIN XIANG NING KANG HUA QING SONG YUAN
RONG XIONG PING XU HENG ZHONG DE JING GUANG SHAN JIN TING ZI QI WU LU SHUN FU DA
""")
CHN_SYLLABLES_F = _latin("""
FANG NA MIN JING LI YAN JUAN XIA LING TING YING HONG MEI XIU LAN HUI XUE QIAN YUE YUN QIN WEN JIA XIN YI YU
SHAN DAN LU NI PING ZHEN QING FEI RUO XI HUA LIAN SHU YAO MENG XIAO CHUN FENG ZI HAN XUAN TONG QIONG LE
WAN JIAO YUAN RONG SI MIAO LIN NAN CUI FEN
""")

IDN_GIVEN_M_MORE = _latin("""
BUDI AGUS ADI EKO DEDI HENDRA RUDI ANDI JOKO WAHYU IWAN YUSUF MUHAMMAD AHMAD BAMBANG HARI SURYA DWI TRI
BAYU RIZKY FAJAR DIMAS ARIF HADI TEGUH SLAMET SUPRIYADI HERU ARI DANI RIZAL FIRMAN HENDRO YUDI IMAM ANTON
BENNY ERWIN FERRY HERMAN INDRA JAYA KUSNADI LUKMAN MULYADI NANANG PURNOMO RAHMAT SAIFUL SUGENG TAUFIK UMAR
WAWAN YOGI ZAINAL ABDUL AZIZ BAGUS CAHYO DENNY EDI GILANG HASAN ILHAM IRFAN KRISNA PUTRA RAMADHAN SETYO
SURYADI TOMMY WIDODO YOGA ANDIKA DONI EKA FIKRI GALIH IKHSAN REZA ADITYA ARDIAN BUDIMAN DARMAWAN FAISAL
HERMANTO JUNAIDI KURNIADI MAHMUD NOVAL RIDWAN SUTRISNO SUPARMAN TONI WIRAWAN YANTO
""")
IDN_GIVEN_F_MORE = _latin("""
SITI DEWI SRI ANI RINA PUTRI INDAH WULAN LESTARI YANTI NUR FITRI AYU NOVI RATNA DIAN ERNA IKA LINA MEGA NINA
RANI SARI TUTI WATI YULI DWI TRI EKA NURUL AISYAH ANISA CITRA DESI ELLY FARAH HANI INTAN KARTIKA MAYA NIA
OKTAVIA PRATIWI RAHMA SELVI TIARA UMI VINA WIDYA YUNI ZAHRA AMELIA BUNGA DINDA FEBRI GITA HERLINA IRMA
JULIA KURNIA LUSI MELATI NOVITA RIA SUSI WAHYUNI YULIANA ANGGRAINI PERMATA PUSPITA SETIAWATI HANDAYANI
KUSUMAWATI NINGSIH ASTUTI DAMAYANTI FATIMAH HASANAH KHADIJAH MARLINA NURHAYATI PURWANTI RETNO SUMARNI
SULASTRI TRIANA UTAMI WINDA YUSTINA
""")
IDN_FAMILY_MORE = _latin("""
SANTOSO WIJAYA SETIAWAN HIDAYAT SAPUTRA KURNIAWAN NUGROHO PRATAMA SUSANTO RAHAYU HALIM LUBIS SIREGAR
NASUTION HARAHAP SIMANJUNTAK SITUMORANG PANJAITAN SINAGA SIMATUPANG HUTAPEA TAMBUNAN MANURUNG SIHOMBING
SILALAHI GINTING TARIGAN SEMBIRING GUNAWAN SALIM KUSUMA HARTONO WIBOWO PRASETYO SETIADI SUGIARTO HARYANTO
SYAHPUTRA HAKIM RAHMAN TANOTO HUSAIN NAINGGOLAN PARDEDE SIAHAAN SIMAMORA HUTAGALUNG MARPAUNG TOBING
PURBA DAULAY RANGKUTI POHAN SUMANTRI SUDIRMAN HUTABARAT LIMBONG SITORUS MANALU WAROUW TUMEWU SONDAKH
POLII LUMENTUT RUMAGIT PANGEMANAN TANUWIJAYA SUTANTO HALIMAN LIMANTO HIDAYATULLAH SIHITE
""")

PHL_FAMILY_MORE = _latin("""
SANTOS REYES CRUZ BAUTISTA OCAMPO GARCIA MENDOZA TORRES TOMAS ANDRADA CASTILLO FLORES RAMOS VILLANUEVA
GONZALES AQUINO CASTRO RIVERA FERNANDEZ LOPEZ MARQUEZ DIAZ GOMEZ NAVARRO PASCUAL SALAZAR
SANCHEZ VALDEZ VILLAREAL ABAD ABELLA ACOSTA AGUILAR ALCANTARA ALVAREZ AMBROSIO ANGELES ARELLANO AUSTRIA
BALTAZAR BARRERA BELTRAN BERNARDO BONIFACIO BUENAVENTURA CABRERA CALDERON CAMACHO CANLAS CARPIO CORPUZ
CORTEZ CUSTODIO DAVID DIMAGUILA DOMINGO DUMLAO ENRIQUEZ ESCOBAR ESGUERRA ESPINOSA ESTRADA EUGENIO
FAJARDO FELICIANO FRANCISCO GALANG GATCHALIAN GERONIMO GUEVARA GUTIERREZ HERNANDEZ IGNACIO JACINTO
JAVIER JIMENEZ LACSON LAGMAN LAUREL LEGASPI LIM LUNA MACARAEG MAGBANUA MAGLAYA MALLARI MANALO MANUEL
MARTINEZ MATEO MEDINA MERCADO MIRANDA MONTEMAYOR MORALES NATIVIDAD NEPOMUCENO OLIVEROS ORTIZ PADILLA
PAGUIO PALMA PANGILINAN PAREDES PEREZ PINEDA PONCE PUNZALAN QUIAMBAO QUINTO RAMIREZ RIVERO ROBLES
RODRIGUEZ ROMERO ROQUE ROSALES SAMONTE SARMIENTO SERRANO SORIANO SUAREZ TAN TOLENTINO
UMALI VALENZUELA VELASCO VERGARA VICENTE YAP ZAMORA ZARATE
""")
PHL_GIVEN_M_MORE = _latin("""
JUAN JOSE MARK JOHN MICHAEL RODEL JERICHO ARIEL RONALDO EDGAR NOEL ANTONIO BENJAMIN CARLO DANILO EDUARDO
EMMANUEL ERNESTO FERDINAND FRANCIS GABRIEL GERARDO JAYSON JEFFREY JOEL JOMAR JONATHAN JOSHUA KENNETH LEO
MANUEL MARVIN MELVIN NESTOR PAOLO PATRICK RAFAEL RAMON REYNALDO RICARDO ROBERTO ROGELIO ROMEO RUEL RYAN
SAMUEL VICENTE VIRGILIO WILFREDO ALVIN ARNEL BERNARD CHRISTIAN DENNIS DOMINGO ELMER FROILAN GILBERT
HERMINIO ISIDRO JERRY JUNREY KEVIN LORENZO MARLON NELSON OSCAR PEDRO RENATO RODRIGO SERGIO TEODORO
""")
PHL_GIVEN_F_MORE = _latin("""
MARIA ANA JOCELYN MARICEL ROWENA KRISTINE JOY LIZA ROSALIE GRACE ANGELICA AILEEN ALMA ANALYN CARMELA
CATHERINE CRISTINA DIANA DOLORES ELENA EVELYN FLORENCE GLORIA HAZEL IRENE JENNIFER JOSEPHINE JUDY
LEONORA LORNA LUZVIMINDA MARIBEL MARILOU MARISSA MELANIE MERCEDES MICHELLE NORMA PATRICIA PRECIOUS
RACHELLE REGINA ROSARIO ROSEMARIE SHEILA TERESA VILMA VIRGINIA ARLENE BEATRIZ CHARMAINE DARLENE
EDNA FE GEMMA IMELDA JANET LEAH MAE NENITA PERLA RHODORA SUSANA WILMA ZENAIDA
""")

MMR_SYLLABLES_M_MORE = _parse("""
မျိုး:MYO/MYOE; သန်း:THAN/THANN; ရန်:YAN/YANN; နောင်:NAUNG; ကြီး:GYI/KYI; စန်း:SAN/SANN; ခန့်:KHANT/KHANN
ထူး:HTOO/HTU; ဘို:BO/BOE; တင့်:TINT/TIN; ငယ်:NGE/NGAE; ဝဏ္ဏ:WUNNA/WANNA; ထွန်:HTUN/TUN; သိုက်:THAIK/THIKE
""")
MMR_SYLLABLES_F_MORE = _parse("""
နီ:NI/NEE; ဝင့်:WINT/WINN; မွန်:MON/MUN; ရီ:YI/YEE; ငြိမ်း:NYEIN/NYAIN; ခိုင်:KHAING/KHINE; ဆွေ:SWE/SWAY
ချမ်း:CHAN/CHANN; စန်း:SAN/SANN; ကြည်:KYI/CHI; လှ:HLA/LA; ရွှေ:SHWE/SHWAY; သင်း:THIN/THINN
""")

VNM_MIDDLE_M_MORE = _vietnamese("TRỌNG QUANG GIA BẢO HOÀNG TUẤN TRUNG THẾ VIẾT ANH")
VNM_MIDDLE_F_MORE = _vietnamese("THÙY MỸ DIỆU KHÁNH HOÀI NHƯ TUYẾT LỆ THẢO YẾN")
VNM_GIVEN_M_MORE = _vietnamese("""
ANH CHÍ ĐẠI ĐÔNG GIA HIỆP HÒA KHANG KHÔI LÂN LỰC MẠNH NHẬT PHI PHƯỚC QUÝ TÂN THIỆN THUẬN TÍN TRƯỜNG TÙNG
VŨ VƯƠNG DANH ĐỊNH HÀO HIỆU HƯNG KIỆT LUÂN NGUYÊN SĨ TẤN THÁI THIÊN TOẢN TRIỀU TUỆ VỸ CHIẾN CƯỜNG ĐÔ
""")
VNM_GIVEN_F_MORE = _vietnamese("""
ÁNH BÍCH CHÂU DIỄM ĐIỆP DUYÊN GẤM HÂN HOÀI HỒNG HUỆ KHÁNH KIỀU LỆ LIỄU LỤA MẪN NGUYỆT NHÀN NHẠN QUẾ
SƯƠNG TÂM THOA THƯ THƯƠNG TRÀ TRINH TƯƠI XUÂN YÊN ÁI HẢO KHUÊ LAM MƠ TRÚC TUYỀN VI ĐIỂM HIỀN
""")


def _merged(*pools: tuple[NamePart, ...]) -> tuple[NamePart, ...]:
    """The pools' entries, each native form (or Latin spelling) once, in first-seen order."""
    seen: dict[tuple[str, str], NamePart] = {}
    for pool in pools:
        for part in pool:
            seen.setdefault((part.native, part.romanisations[0]), part)
    return tuple(seen.values())


@functools.cache
def compose(parts: tuple[NamePart, ...], spaced: bool = False) -> NamePart:
    """One word made of ``parts``: the native forms joined, spelled by joining the parts' spellings.

    The usual spelling joins each part's usual one; then one part varied at a time (what another
    passport or another state writes); with ``spaced``, the usual parts written apart last (SREY MOM,
    XIAO MING), as some records write them. At most four spellings.
    """
    best = [p.romanisations[0] for p in parts]
    forms = ["".join(best)]
    for i, part in enumerate(parts):
        for option in part.romanisations[1:]:
            forms.append("".join([*best[:i], option, *best[i + 1 :]]))
    forms = list(dict.fromkeys(forms))[: 4 - spaced]
    if spaced:
        forms.append(" ".join(best))
    return NamePart("".join(p.native for p in parts), tuple(dict.fromkeys(forms)))


def pick(rng: random.Random, items: Sequence[NamePart]) -> NamePart:
    """One item, uniformly."""
    return items[int(rng.random() * len(items))]


class WeightedPool:
    """Name parts drawn by weight (one random number, a binary search over the cumulative weights)."""

    def __init__(self, items: Sequence[NamePart], weights: Sequence[float]) -> None:
        """Keep the items and their cumulative weights."""
        self.items = tuple(items)
        total = 0.0
        cumulative = []
        for weight in weights:
            total += weight
            cumulative.append(total)
        self.cumulative = cumulative
        self.total = total

    def pick(self, rng: random.Random) -> NamePart:
        """One item, by weight."""
        index = bisect.bisect_right(self.cumulative, rng.random() * self.total)
        return self.items[min(index, len(self.items) - 1)]


CHN_FAMILY_POOL = WeightedPool(CHN_FAMILY_WEIGHTED, CHN_FAMILY_WEIGHTS)
IDN_GIVEN_M_ALL = _merged(IDN_GIVEN_M, IDN_GIVEN_M_MORE)
IDN_GIVEN_F_ALL = _merged(IDN_GIVEN_F, IDN_GIVEN_F_MORE)
IDN_FAMILY_ALL = _merged(IDN_FAMILY, IDN_FAMILY_MORE)
PHL_FAMILY_ALL = _merged(PHL_FAMILY, PHL_FAMILY_MORE)
PHL_GIVEN_M_ALL = _merged(PHL_GIVEN_M, PHL_GIVEN_M_MORE)
PHL_GIVEN_F_ALL = _merged(PHL_GIVEN_F, PHL_GIVEN_F_MORE)
MMR_SYLLABLES_M_ALL = _merged(MMR_SYLLABLES_M, MMR_SYLLABLES_M_MORE)
MMR_SYLLABLES_F_ALL = _merged(MMR_SYLLABLES_F, MMR_SYLLABLES_F_MORE)
VNM_MIDDLE_M_ALL = VNM_MIDDLE_M + VNM_MIDDLE_M_MORE
VNM_MIDDLE_F_ALL = VNM_MIDDLE_F + VNM_MIDDLE_F_MORE
VNM_GIVEN_M_ALL = _merged(VNM_GIVEN_M, VNM_GIVEN_M_MORE)
VNM_GIVEN_F_ALL = _merged(VNM_GIVEN_F, VNM_GIVEN_F_MORE)


def _parts(rng: random.Random, first: Sequence[NamePart], following: Sequence[NamePart], count: int) -> NamePart:
    """A word of ``count`` parts: one from ``first``, then from ``following``, no part twice in a row."""
    parts = [pick(rng, first)]
    for _ in range(count - 1):
        index = int(rng.random() * len(following))
        if following[index].native == parts[-1].native:
            index = (index + 1) % len(following)
        parts.append(following[index])
    return compose(tuple(parts))


def thai_surname(rng: random.Random) -> NamePart:
    """A Thai surname: one of the listed ones (10%), else two morphemes (80%) or three (10%)."""
    u = rng.random()
    if u < 0.1:
        return pick(rng, THA_FAMILY)
    return _parts(rng, THA_SURNAME_FIRST, THA_SURNAME_NEXT, 2 if u < 0.9 else 3)


def lao_surname(rng: random.Random) -> NamePart:
    """A Lao surname: one of the listed ones (10%), else two morphemes (80%) or three (10%)."""
    u = rng.random()
    if u < 0.1:
        return pick(rng, LAO_FAMILY)
    return _parts(rng, LAO_SURNAME_FIRST, LAO_SURNAME_NEXT, 2 if u < 0.9 else 3)


def khmer_given(rng: random.Random, female: bool) -> NamePart:
    """A Khmer given name: one of the listed ones (half), else two parts (SREY+MOM, SOK+HENG)."""
    if rng.random() < 0.5:
        return pick(rng, KHM_GIVEN_F if female else KHM_GIVEN_M)
    first = pick(rng, KHM_GIVEN_FIRST_F if female else KHM_GIVEN_FIRST_M)
    return compose((first, pick(rng, KHM_GIVEN_NEXT)), spaced=first.romanisations[0] == "SREY")


def khmer_family(rng: random.Random) -> NamePart:
    """A Khmer family name: a listed one (half), else a forefather's given name, as Cambodians took them."""
    if rng.random() < 0.5:
        return pick(rng, KHM_FAMILY)
    return khmer_given(rng, female=False)


def chinese_given(rng: random.Random, female: bool) -> NamePart:
    """A Chinese given name: one syllable (20%) or two, joined as passports write them (XIAOMING)."""
    syllables = CHN_SYLLABLES_F if female else CHN_SYLLABLES_M
    first = pick(rng, syllables)
    if rng.random() < 0.2:
        return first
    return compose((first, pick(rng, syllables)), spaced=True)


def burmese_name(rng: random.Random, female: bool) -> list[NamePart]:
    """Two (45%), three (45%) or four syllables, one in five from the other sex's pool."""
    own, other = (MMR_SYLLABLES_F_ALL, MMR_SYLLABLES_M_ALL) if female else (MMR_SYLLABLES_M_ALL, MMR_SYLLABLES_F_ALL)
    u = rng.random()
    count = 2 if u < 0.45 else (3 if u < 0.9 else 4)
    return [pick(rng, other if rng.random() < 0.2 else own) for _ in range(count)]


# Employers and recruitment agencies named as sponsors; some carry commas and quotes for RFC 4180 quoting.
SPONSORS: tuple[str, ...] = (
    "ASIA PACIFIC RECRUITMENT",
    "RIVERSIDE FISHERIES EMPLOYMENT",
    "ABC Manpower Co., Ltd.",
    "GOLDEN LAND MANPOWER CO., LTD.",
    "MEKONG LABOUR SERVICES",
    "SIAM SEAFOOD PROCESSING CO., LTD.",
    "ANGKOR OVERSEAS EMPLOYMENT AGENCY",
    "CHONBURI GARMENT FACTORY",
    'SUN "RISE" CONSTRUCTION CO., LTD.',
    "RAYONG RUBBER PLANTATION",
    "POIPET GRAND CASINO RESORT",
    "SAIGON WORKFORCE JSC",
    "VIENTIANE TRADING & LOGISTICS",
    "BANGKOK HOME CARE SERVICES",
    "TRAT FRUIT PACKING CO-OP",
    "PHNOM PENH CONSTRUCTION GROUP",
    "NONG KHAI AGRO INDUSTRY",
    "LAO-THAI BORDER TRANSPORT CO., LTD.",
    "KAMPOT SALT WORKS",
    "HA TIEN SEAFOOD EXPORT JSC",
)
