"""Write knowledge/places/yemen_districts.yaml (run by hand; output committed).

Yemen's 333 districts (admin2, mudiriyah) by governorate, with the English names of Wikipedia's
"List of districts of Yemen" (OCHA's common operational dataset names, as reproduced in public
repositories).  A district's representative point is the point the public dataset
dr5hn/countries-states-cities-database (ODbL 1.0; its Yemen entries are GeoNames' district
features) gives the place of that name in the same governorate (POINTS in the script is that extract, with
the district list's spelling where the two differ: Craiter -> Crater, Hooth -> Huth, Al Mukha' ->
Al Makha, Sama -> Same'a, 'Ans -> Anss, Harad District -> Harad, Sa'dah -> Sa'adah; the city districts
Dhamar City, Hajjah City and Al Mahwait City take the dataset's point of the city)).  A point farther
from its governorate's point in admin1.yaml than the governorate's extent allows (MAX_KM) is an
error of that dataset (Al Mualla, an Aden district, sits 170 km west of Aden there) and is left
out, as is any district the dataset lacks (the ten districts of Amanat al Asimah, the nine of
Ad Dali, Khur Maksar, Al Khawkhah, Hawrah, Ash Sharyah).  No coordinate is invented.  A district
name resolves with geo_precision 2.

    PYTHONPATH=src .venv/bin/python scripts/make_yemen_districts.py
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "conflictwire" / "knowledge" / "places" / "yemen_districts.yaml"
MAX_KM = {"Hadramaut": 350.0, "Al Maharah": 250.0, "Shabwah": 200.0}  # the three largest governorates
DEFAULT_MAX_KM = 150.0

# governorate (as named in admin1.yaml) -> the district list's names
DISTRICTS = {
    "Abyan": ["Ahwar", "Al Mahfad", "Al Wade'a", "Jayshan", "Khanfir", "Lawdar", "Mudiyah", "Rasad", "Sarar",
              "Sibah", "Zingibar"],
    "Aden": ["Al Buraiqa", "Al Mansura", "Crater", "Dar Sad", "Khur Maksar", "Mualla", "Sheikh Othman", "Tawahi"],
    "Amran": ["Al Ashah", "Al Madan", "Al Qaflah", "Amran", "As Sawd", "As Sudah", "Bani Suraim", "Dhi Bin",
              "Habur Zulaymah", "Harf Sufyan", "Huth", "Iyal Surayh", "Jabal Iyal Yazid", "Khamir", "Kharif",
              "Maswar", "Raydah", "Shaharah", "Suwayr", "Thula"],
    "Al Bayda": ["Al A'rsh", "Al Bayda", "Al Bayda City", "Al Malagim", "Al Quraishyah", "Ar Ryashyyah",
                 "As Sawadiyah", "As Sawma'ah", "Ash Sharyah", "At Taffah", "Az Zahir", "Dhi Na'im", "Maswarah",
                 "Mukayras", "Na'man", "Nati'", "Rada'", "Radman Al Awad", "Sabah", "Wald Rabi'"],
    "Ad Dali": ["Ad Dhale'e", "Al Azariq", "Al Husha", "Al Hussein", "Ash Shu'ayb", "Damt", "Jahaf", "Juban",
                "Qa'atabah"],
    "Dhamar": ["Al Hada", "Al Manar", "Anss", "Dawran Aness", "Dhamar City", "Jabal Ash sharq", "Jahran",
               "Maghirib Ans", "Mayfa'at Anss", "Utmah", "Wusab Al Ali", "Wusab As Safil"],
    "Hadramaut": ["Ad Dis", "Adh Dhlia'ah", "Al Abr", "Al Qaf", "Al Qatn", "Amd", "Ar Raydah Wa Qusayar", "As Sawm",
                  "Ash Shihr", "Brom Mayfa", "Daw'an", "Ghayl Ba Wazir", "Ghayl Bin Yamin", "Hagr As Sai'ar", "Hajr",
                  "Hawrah", "Huraidhah", "Mukalla", "Mukalla City", "Rakhyah", "Rumah", "Sah", "Sayun", "Shibam",
                  "Tarim", "Thamud", "Yabuth", "Zamakh wa Manwakh"],
    "Hajjah": ["Abs", "Aflah Al Yaman", "Aflah Ash Shawm", "Al Jamimah", "Al Maghrabah", "Al Mahabishah",
               "Al Miftah", "Ash Shaghadirah", "Ash Shahil", "Aslem", "Bakil Al Mir", "Bani Al Awam", "Bani Qa'is",
               "Hajjah", "Hajjah City", "Harad", "Hayran", "Khayran Al Muharraq", "Ku'aydinah", "Kuhlan Affar",
               "Kuhlan Ash Sharaf", "Kushar", "Mabyan", "Midi", "Mustaba", "Najrah", "Qafl Shamer", "Qarah",
               "Sharas", "Wadhrah", "Washhah"],
    "Al Hodeidah": ["Ad Dahi", "Ad Durayhimi", "Al Garrahi", "Al Hajjaylah", "Al Hali", "Al Hawak", "Al Khawkhah",
                    "Al Mansuriyah", "Al Marawi'ah", "Al Mighlaf", "Al Mina", "Al Munirah", "Al Qanawis",
                    "Alluheyah", "As Salif", "As Sukhnah", "At Tuhayat", "Az Zaydiyah", "Az Zuhrah", "Bajil",
                    "Bayt al-Faqih", "Bura", "Hays", "Jabal Ra's", "Kamaran", "Zabid"],
    "Ibb": ["Al Dhihar", "Al Makhadir", "Al Mashannah", "Al Qafr", "Al Udayn", "An Nadirah", "Ar Radmah",
            "As Sabrah", "As Saddah", "As Sayyani", "Ash Sha'ir", "Ba'dan", "Dhi As Sufal", "Far Al Udayn",
            "Hazm Al Udayn", "Hubaysh", "Ibb", "Jiblah", "Mudhaykhirah", "Yarim"],
    "Al Jawf": ["Al Ghayl", "Al Hazm", "Al Humaydat", "Al Khalq", "Al Maslub", "Al Matammah", "Al Maton", "Az Zahir",
                "Bart Al Anan", "Khabb wa ash Sha'af", "Kharab Al Marashi", "Rajuzah"],
    "Lahij": ["Al Hawtah", "Al Had", "Al Madaribah Wa Al Arah", "Al Maflahy", "Al Maqatirah", "Al Milah",
              "Al Musaymir", "Al Qabbaytah", "Habil Jabr", "Halimayn", "Radfan", "Tuban", "Tur Al Bahah", "Yafa'a",
              "Yahr"],
    "Marib": ["Al Abdiyah", "Al Jubah", "Bidbadah", "Harib", "Harib Al Qaramish", "Jabal Murad", "Mahliyah",
              "Majzar", "Marib", "Marib City", "Medghal", "Raghwan", "Rahabah", "Sirwah"],
    "Al Maharah": ["Al Ghaydah", "Al Masilah", "Hat", "Hawf", "Huswain", "Man'ar", "Qishn", "Sayhut", "Shahan"],
    "Al Mahwit": ["Al Khabt", "Al Mahwait", "Al Mahwait City", "Ar Rujum", "At Tawilah", "Bani Sa'd", "Hufash",
                  "Milhan", "Shibam Kawkaban"],
    "Raymah": ["Al Jabin", "Al Jafariyah", "As Salafiyah", "Bilad At Ta'am", "Kusmah", "Mazhar"],
    "Amanat al Asimah": ["Al Wahdah", "As Sabain", "Assafi'yah", "At Tahrir", "Ath'thaorah", "Az'zal",
                         "Bani Al Harith", "Ma'ain", "Old City", "Shu'aub"],
    "Sa'dah": ["Al Dhaher", "Al Hashwah", "As Safra", "Baqim", "Ghamr", "Haydan", "Kitaf wa Al Boqe'e", "Majz",
               "Monabbih", "Qatabir", "Razih", "Sa'adah", "Sahar", "Saqayn", "Shada'a"],
    "Shabwah": ["Ain", "Al Talh", "Ar Rawdah", "Arma", "As Said", "Ataq", "Bayhan", "Dhar", "Habban", "Hatib",
                "Jardan", "Mayfa'a", "Merkhah Al Ulya", "Merkhah As Sufla", "Nisab", "Rudum", "Usaylan"],
    "Sana'a": ["Al Haymah Ad Dakhiliyah", "Al Haymah Al Kharijiyah", "Al Husn", "Arhab", "Attyal", "Bani Dhabyan",
               "Bani Hushaysh", "Bani Matar", "Bilad Ar Rus", "Hamdan", "Jihanah", "Khwlan", "Manakhah", "Nihm",
               "Sa'fan", "Sanhan"],
    "Socotra": ["Hidaybu", "Qulensya wa Abd al Kuri"],
    "Taizz": ["Al Makha", "Al Ma'afer", "Al Mawasit", "Al Misrakh", "Al Mudhaffar", "Al Qahirah", "Al Wazi'iyah",
              "As Silw", "Ash Shamayatayn", "At Ta'iziyah", "Dhubab", "Dimnat Khadir", "Hayfan", "Jabal Habashy",
              "Maqbanah", "Mashra'a Wa Hadnan", "Mawiyah", "Mawza", "Sabir Al Mawadim", "Salh", "Same'a",
              "Shara'b Ar Rawnah", "Shara'b As Salam"],
}

# dr5hn/countries-states-cities-database, Yemen: "@governorate" then "name|lat|lon" (the district list's spelling)
POINTS = """
@Aden
Al Buraiqa|12.80377|44.77615
Al Mansura|12.8532|44.9724
Mualla|12.65843|43.42743
Sheikh Othman|12.8864|45.0156
Tawahi|12.7741|44.9941
Crater|12.7731|45.0381
Dar Sad|12.907|44.9784
@Amran
Al Ashah|16.324|43.7874
Al Madan|16.2328|43.639
Al Qaflah|16.33859|43.70361
As Sawd|15.8134|43.777
As Sudah|15.9664|43.7756
Bani Suraim|16.1253|43.9602
Dhi Bin|16.0276|44.1515
Habur Zulaymah|16.035|43.7338
Harf Sufyan|16.41389|43.98571
Huth|16.28397|43.97811
Iyal Surayh|15.7146|43.9974
Jabal Iyal Yazid|15.7717|43.9051
Khamir|15.97653|43.93371
Kharif|15.847|44.0822
Maswar|15.5986|43.6925
Raydah|15.74056|44.05634
Shaharah|16.18|43.70942
Suwayr|16.0611|43.6212
Thula|15.601|43.8252
Amran|15.6594|43.94385
@Abyan
Ahwar|13.6853|46.7556
Al Mahfad|13.9705|46.756
Al Wade'a|13.7136|46.0122
Jayshan|14.1662|46.1723
Khanfir|13.42049|45.68707
Lawdar|13.8059|45.8008
Mudiyah|13.9096|46.2196
Rasad|13.7231|45.2814
Sarar|13.583|45.3508
Sibah|13.8091|45.4023
Zingibar|13.1342|45.4304
@Al Bayda
Al A'rsh|14.3656|44.7778
Al Bayda|13.98523|45.57272
Al Bayda City|13.9849|45.5566
Al Malagim|14.3654|45.3851
Al Quraishyah|14.605|44.8896
Ar Ryashyyah|14.2424|44.7754
As Sawadiyah|14.45198|45.36973
As Sawma'ah|14.1667|45.8311
At Taffah|14.1983|45.3581
Az Zahir|13.9918|45.4218
Dhi Na'im|14.1111|45.4642
Maswarah|14.4027|45.7033
Mukayras|14.032|45.7964
Na'man|14.5939|45.5286
Nati'|14.5539|45.585
Rada'|14.34|44.90874
Radman Al Awad|14.4836|45.2744
Sabah|14.2759|44.67
Wald Rabi'|14.55574|44.90596
@Al Hodeidah
Ad Dahi|15.2232|43.1935
Ad Durayhimi|14.6046|43.0718
Al Garrahi|14.1058|43.4094
Al Hajjaylah|14.9907|43.5823
Al Hali|14.825|43.0014
Al Hawak|14.7601|42.9978
Al Mansuriyah|14.6903|43.3682
Al Marawi'ah|14.8346|43.1965
Al Mighlaf|15.3111|43.1836
Al Mina|14.80775|42.93732
Al Munirah|15.3528|42.9062
Al Qanawis|15.49206|43.13782
Alluheyah|15.63628|42.87157
As Salif|15.22882|42.72542
As Sukhnah|14.7484|43.3342
At Tuhayat|14.10994|43.15979
Az Zaydiyah|15.29586|43.06452
Az Zuhrah|15.7173|43.0637
Bajil|15.07561|43.1735
Bayt al-Faqih|14.48738|43.27815
Bura|14.8982|43.4753
Hays|13.9332|43.4984
Jabal Ra's|14.0309|43.6278
Kamaran|15.3605|42.5854
Zabid|14.27742|43.36841
@Al Jawf
Al Ghayl|16.0914|44.6852
Al Hazm|16.0378|44.9585
Al Humaydat|16.4667|44.4299
Al Khalq|16.0681|44.797
Al Maslub|16.0961|44.5667
Al Matammah|16.1984|44.3902
Al Maton|16.2872|44.6389
Az Zahir|16.3308|44.5244
Bart Al Anan|16.91972|44.51882
Khabb wa ash Sha'af|16.5975|45.7853
Kharab Al Marashi|16.6107|44.2255
Rajuzah|16.6342|44.5042
@Al Maharah
Al Ghaydah|16.2618|52.0816
Al Masilah|15.6399|50.6445
Hat|17.8031|51.675
Hawf|16.6953|52.8182
Huswain|15.723|51.9124
Man'ar|16.5505|50.9879
Qishn|15.6999|51.324
Sayhut|15.5345|51.2869
Shahan|17.5923|52.594
@Al Mahwit
Al Mahwait City|15.47007|43.54481
Al Khabt|15.4817|43.3677
Al Mahwait|15.4117|43.5663
Ar Rujum|15.4101|43.6606
At Tawilah|15.44165|43.77484
Bani Sa'd|15.2355|43.5156
Hufash|15.3747|43.4265
Milhan|15.3224|43.3318
Shibam Kawkaban|15.50277|43.84237
@Dhamar
Dhamar City|14.54274|44.40514
Al Hada|14.8076|44.5679
Al Manar|14.653|44.1164
Anss|14.43606|44.38889
Dawran Aness|14.8288|44.1143
Jabal Ash sharq|14.7296|43.9062
Jahran|14.7331|44.3143
Maghirib Ans|14.4653|44.1233
Mayfa'at Anss|14.5152|44.6106
Utmah|14.4738|43.9483
Wusab Al Ali|14.3344|43.7947
Wusab As Safil|14.2548|43.6325
@Hadramaut
Ad Dis|15.0949|50.0159
Adh Dhlia'ah|15.0139|47.8972
Al Abr|15.9137|47.2288
Al Qaf|17.4287|48.9405
Al Qatn|15.9232|48.2146
Amd|15.3486|47.9286
Ar Raydah Wa Qusayar|15.1841|50.3133
As Sawm|15.998|49.6686
Ash Shihr|14.9723|49.5526
Brom Mayfa|14.3423|48.7281
Daw'an|15.0507|48.3072
Ghayl Ba Wazir|14.8778|49.0245
Ghayl Bin Yamin|15.3896|49.2854
Hagr As Sai'ar|16.3056|47.9537
Hajr|14.4708|48.2774
Huraidhah|15.55425|48.17505
Mukalla|14.54248|49.12424
Mukalla City|14.62033|49.248
Rakhyah|15.4618|47.7728
Rumah|17.8145|51.0759
Sah|15.5342|48.8955
Sayun|15.9831|48.8315
Shibam|15.8703|48.6534
Tarim|16.066|49.0229
Thamud|17.6031|49.7361
Yabuth|14.7182|47.7358
Zamakh wa Manwakh|17.2032|47.7033
@Hajjah
Hajjah City|15.69425|43.60582
Abs|16.0215|43.0485
Aflah Al Yaman|15.9789|43.4111
Aflah Ash Shawm|16.0528|43.412
Al Jamimah|16.0284|43.5297
Al Maghrabah|15.8937|43.6091
Al Mahabishah|15.9287|43.448
Al Miftah|15.961|43.5147
Ash Shaghadirah|15.6061|43.4992
Ash Shahil|15.8553|43.4516
Aslem|16.06|43.2939
Bakil Al Mir|16.5069|43.3615
Bani Al Awam|15.581|43.6079
Bani Qa'is|15.6346|43.3372
Hajjah|15.6816|43.44996
Harad|16.40447|43.07739
Hayran|16.2508|43.0599
Khayran Al Muharraq|16.08964|43.35755
Ku'aydinah|15.8183|43.3599
Kuhlan Affar|15.7554|43.697
Kuhlan Ash Sharaf|16.0231|43.4863
Kushar|16.1709|43.472
Mabyan|15.7717|43.551
Midi|16.19202|42.88913
Mustaba|16.2736|43.2685
Najrah|15.6527|43.5452
Qafl Shamer|15.9087|43.364
Qarah|16.4019|43.474
Sharas|15.7286|43.6546
Wadhrah|15.7142|43.4667
Washhah|16.32158|43.37555
@Ibb
Al Udayn|13.96112|43.96608
Al Dhihar|13.979|44.1526
Al Makhadir|14.13965|44.2033
Al Mashannah|13.9573|44.17
Al Qafr|14.3129|44.03
An Nadirah|14.07398|44.49925
Ar Radmah|14.212|44.5642
As Sabrah|13.8427|44.3386
As Saddah|14.1661|44.3751
As Sayyani|13.8224|44.2118
Ash Sha'ir|14.0318|44.3619
Ba'dan|13.9887|44.3236
Dhi As Sufal|13.82137|44.07775
Far Al Udayn|13.9578|43.7827
Hazm Al Udayn|14.16984|43.93814
Hubaysh|14.116|44.0824
Ibb|13.96667|44.18333
Jiblah|13.9148|44.1213
Mudhaykhirah|13.86608|43.96866
Yarim|14.25388|44.31176
@Lahij
Al Hawtah|13.0624|44.8816
Al Had|13.9783|45.2553
Al Madaribah Wa Al Arah|12.8569|43.9906
Al Maflahy|13.7767|45.1088
Al Maqatirah|13.1372|44.1404
Al Milah|13.3202|44.9267
Al Musaymir|13.4291|44.5914
Al Qabbaytah|13.3275|44.5025
Habil Jabr|13.5921|45.0737
Halimayn|13.7088|44.9443
Radfan|13.4667|44.99
Tuban|13.0921|44.8784
Tur Al Bahah|13.04269|44.41154
Yafa'a|13.862|45.2014
Yahr|13.7227|45.1305
@Marib
Al Abdiyah|14.717|45.3934
Al Jubah|15.1249|45.2868
Bidbadah|15.3981|44.7473
Harib|14.93045|45.3682
Harib Al Qaramish|15.4735|44.6153
Jabal Murad|15.0474|45.1887
Mahliyah|14.6821|45.1832
Majzar|15.8277|44.7941
Marib|15.6213|46.0111
Marib City|15.4156|45.3034
Medghal|15.6384|45.0038
Raghwan|15.7902|45.0694
Rahabah|14.951|45.0885
Sirwah|15.4369|45.0115
@Raymah
Al Jabin|14.6899|43.6196
Al Jafariyah|14.5196|43.5817
As Salafiyah|14.6866|43.8216
Bilad At Ta'am|14.8382|43.6078
Kusmah|14.5474|43.6833
Mazhar|14.5709|43.7607
@Sa'dah
Al Dhaher|16.7314|43.2753
Al Hashwah|16.8884|44.2738
As Safra|17.0142|43.8566
Baqim|17.3781|43.4635
Ghamr|16.98301|43.31608
Haydan|16.7287|43.4849
Kitaf wa Al Boqe'e|17.0808|44.3962
Majz|17.0923|43.5104
Monabbih|17.1693|43.2791
Qatabir|17.3368|43.3311
Razih|16.93704|43.2608
Sa'adah|16.94021|43.76393
Sahar|16.88522|43.68306
Saqayn|16.8601|43.4716
Shada'a|16.8913|43.1871
@Sana'a
Al Haymah Ad Dakhiliyah|15.2722|43.8393
Al Haymah Al Kharijiyah|15.0267|43.85
Al Husn|15.0206|44.5044
Arhab|15.7995|44.2466
Attyal|15.32931|44.57739
Bani Dhabyan|15.0481|44.8718
Bani Hushaysh|15.4505|44.3782
Bani Matar|15.215|44.0498
Bilad Ar Rus|15.0351|44.2514
Hamdan|15.50662|44.0603
Jihanah|15.1919|44.5195
Khwlan|15.2749|44.7686
Manakhah|15.0717|43.6862
Nihm|15.7516|44.5746
Sa'fan|15.0712|43.5827
Sanhan|15.2252|44.3057
@Shabwah
Ain|14.9503|45.6004
Al Talh|15.0826|47.3514
Ar Rawdah|14.4956|47.2746
Arma|15.4127|47.2345
As Said|14.2766|46.8693
Ataq|14.53767|46.83187
Bayhan|14.7619|45.7482
Dhar|15.5036|47.6058
Habban|14.2878|47.1361
Hatib|14.1802|46.4439
Jardan|15.19|46.7338
Mayfa'a|14.3978|47.7404
Merkhah Al Ulya|14.4847|45.9299
Merkhah As Sufla|14.6999|46.1563
Nisab|14.5257|46.4477
Rudum|14.03759|47.83824
Usaylan|15.1703|46.0274
@Socotra
Hidaybu|12.5025|54.0082
Qulensya wa Abd al Kuri|12.55479|53.58671
@Taizz
Al Ma'afer|13.3742|43.9262
Al Mawasit|13.3042|44.1005
Al Misrakh|13.4702|44.0377
Al Mudhaffar|13.5831|43.9927
Al Makha|13.51998|43.42798
Al Qahirah|13.5849|44.0101
Al Wazi'iyah|13.1846|43.7298
As Silw|13.3459|44.2072
Ash Shamayatayn|13.1822|43.98
At Ta'iziyah|13.69479|44.00941
Dhubab|12.9659|43.4724
Dimnat Khadir|13.4386|44.2542
Hayfan|13.2906|44.2607
Jabal Habashy|13.4665|43.881
Maqbanah|13.6212|43.6674
Mashra'a Wa Hadnan|13.5417|43.9983
Mawiyah|13.58461|44.31912
Mawza|13.3782|43.6145
Sabir Al Mawadim|13.5318|44.0462
Salh|13.5839|44.0402
Same'a|13.3809|44.1166
Shara'b Ar Rawnah|13.7336|43.7672
Shara'b As Salam|13.7832|43.8861
"""

# Other spellings reporters and coders use for some districts (added as aliases).
OTHER_SPELLINGS = {
    "Khanfir": ["Khanfar"], "Zingibar": ["Zinjibar"], "Lawdar": ["Lodar"], "Al Khawkhah": ["Khokha", "Al Khokha"],
    "Bayt al-Faqih": ["Bayt al Faqih", "Beit al-Faqih"], "Ad Durayhimi": ["Durayhimi", "Al Durayhimi", "Duraihimi"],
    "At Tuhayat": ["Tuhayta", "Al Tuhayta", "At Tuhayta"], "Hays": ["Hais"], "Zabid": ["Zabeed"],
    "Harad": ["Haradh"], "Midi": ["Maidi", "Meedi"], "Sirwah": ["Serwah"], "Harib": ["Hareeb"],
    "Al Makha": ["Mokha", "Al Mokha", "Mocha", "Al Mukha"], "Dhubab": ["Dhubab", "Bab al-Mandab"],
    "Al Hazm": ["Hazm"], "Nihm": ["Nehm"], "Baqim": ["Baqem"], "Razih": ["Razeh"], "Haydan": ["Heidan"],
    "Ataq": ["Ataq"], "Bayhan": ["Baihan", "Beihan"], "Mukayras": ["Mukeiras"], "Rada'": ["Radaa", "Rada"],
    "Qa'atabah": ["Qatabah", "Qataba"], "Mukalla": ["Mukalla"], "Sayun": ["Seiyun", "Sayun"],
}


def main() -> None:
    from conflictwire.geo import haversine_km
    from conflictwire.knowledge import load_yaml
    from conflictwire.placenames import name_key

    admin1 = {e["name"]: e for e in load_yaml(OUT.parent / "admin1.yaml")["admin1"] if e["country"] == "YE"}
    points: dict[tuple[str, str], tuple[float, float]] = {}
    gov = ""
    for line in POINTS.strip().splitlines():
        if line.startswith("@"):
            gov = line[1:]
        else:
            name, lat, lon = line.split("|")
            points[(gov, name_key(name))] = (float(lat), float(lon))
    lines, missing, far = [], [], []
    for gov, names in DISTRICTS.items():
        g = admin1[gov]
        for name in names:
            point = points.get((gov, name_key(name)))
            if point is None:
                missing.append(f"{name} ({gov})")
                continue
            if haversine_km(point[0], point[1], g["lat"], g["lon"]) > MAX_KM.get(gov, DEFAULT_MAX_KM):
                far.append(f"{name} ({gov})")
                continue
            spellings = [name] + [s for s in OTHER_SPELLINGS.get(name, []) if name_key(s) != name_key(name)]
            aliases = [f"{s} district" for s in spellings] + spellings[1:]
            pid = "ye-district-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") + "-" + name_key(gov)[:6]
            lines.append(f"  - {{id: {pid}, name: {_q(name)}, kind: district, country: YE, admin1: {_q(gov)}, "
                         f"admin2: {_q(name)}, lat: {point[0]:.4f}, lon: {point[1]:.4f}, "
                         f"aliases: [{', '.join(map(_q, aliases))}], source: \"dr5hn/countries-states-cities-database "
                         f"(GeoNames-derived point)\"}}")
    about = __doc__.strip().split("\n\n")[1].splitlines()
    header = "".join(f"# {x}\n" for x in about)
    OUT.write_text(header + "# Generated by scripts/make_yemen_districts.py.\nlayer: minor\nplaces:\n"
                   + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"YE: {len(lines)} of {sum(map(len, DISTRICTS.values()))} districts; no point: {len(missing)}; "
          f"left out as far from their governorate: {far}", file=sys.stderr)
    print("no point: " + ", ".join(missing), file=sys.stderr)


def _q(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
