"""The ranking test set: queries as readers type them, in both languages, with the pages a reader would want
first (any of them at rank 1 is right; the first found at rank r counts 1/r). test_ranking.py reports mean
reciprocal rank and recall at 10 and fails below thresholds set from measurement (BENCHMARKS.md)."""

from __future__ import annotations

C, L = "chaoyang-2021-2025/", "liaoning-2021-2025/"

# (language, query, what kind of query, acceptable first pages)
QUERIES: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("zh", "膨润土", "mineral", ("minerals/bentonite/",)),
    ("zh", "砂石土", "mineral", ("minerals/sand-gravel-earth/",)),
    ("zh", "地热", "mineral", ("minerals/geothermal/",)),
    ("zh", "萤石", "mineral", ("minerals/fluorite/",)),
    ("zh", "菱镁矿", "mineral", ("minerals/magnesite/",)),
    ("zh", "三稀", "policy term", ("minerals/three-rare/", "glossary/")),
    ("zh", "ZC4", "code", ("zones/beipiao-qizhangzi-erdaogou/", C + "box3/ZC4/")),
    ("zh", "ZK5", "code", ("zones/lingyuan-shanzuizi-town-kazuo-dachengzi-town/", C + "box2/ZK5/")),
    ("zh", "GK10000000002", "code", ("zones/beipiao-baoguo-chaoyang-damiao/", C + "box4/GK10000000002/")),
    ("zh", "北票二道沟", "zone", ("zones/beipiao-erdaogou/",)),
    ("zh", "祁杖子", "zone", ("zones/beipiao-qizhangzi-erdaogou/",)),
    ("zh", "重点开采区", "zone type", ("zones/key-mining-area/",)),
    ("zh", "重点勘查区", "zone type", ("zones/key-exploration-area/",)),
    ("zh", "开采规划区块", "zone type", ("zones/mining-planning-block/",)),
    ("zh", "辽宁省矿产资源总体规划", "plan", (L,)),
    ("zh", "朝阳市规划", "plan", (C,)),
    ("zh", "净矿出让", "policy term", (L + "ch8/s2/", C + "ch4/s3/ss3/")),
    ("zh", "五矿共治", "policy term", (C + "ch2/s3/ss1/", L + "ch6/s5/", L + "ch1/s1/")),
    ("zh", "压覆", "policy term", (L + "ch8/s3/", L + "ch6/s2/")),
    ("zh", "绿色矿山", "policy term", (C + "ch6/s2/", L + "ch7/s2/", C + "ch6/s2/ss2/")),
    ("zh", "最低开采规模", "phrase", (C + "ch5/s3/ss2/", C + "ch5/s3/ss2/i1/", C + "box5/")),
    ("zh", "砂石土 最低规模", "several words", (C + "ch5/s2/ss1/i3/", C + "ch5/s3/ss1/i1/", L + "ch6/s5/")),
    ("zh", "探矿权 投放", "several words", (C + "ch4/s3/ss3/", L + "ch5/s2/", C + "ch4/s2/ss3/")),
    ("zh", "矿山地质环境 治理", "several words", (C + "ch6/s3/", C + "ch6/s3/ss3/i1/", C + "ch3/s3/ss1/i3/",
                                             C + "ch7/s3/ss3/", L + "ch7/s3/")),
    ("zh", "铁矿 新增资源储量", "several words", (L + "box1/1/", C + "box1/2/", L + "box1/")),
    ("zh", "50万吨", "number", (C + "ch5/s3/ss1/i1/", L + "ch6/s5/")),
    ("zh", "膨闰土", "typo", ("minerals/bentonite/",)),
    ("zh", "沙石", "variant", ("minerals/sand-gravel-earth/",)),
    ("zh", "bentonite", "other language", ("minerals/bentonite/",)),
    ("zh", "green mine", "other language", (C + "ch6/s2/", L + "ch7/s2/", C + "ch6/s2/ss2/")),
    ("zh", "key mining area", "other language", ("zones/key-mining-area/",)),
    ("en", "bentonite", "mineral", ("minerals/bentonite/",)),
    ("en", "geothermal", "mineral", ("minerals/geothermal/",)),
    ("en", "magnesite", "mineral", ("minerals/magnesite/",)),
    ("en", "fluorite", "mineral", ("minerals/fluorite/",)),
    ("en", "ZK5", "code", ("zones/lingyuan-shanzuizi-town-kazuo-dachengzi-town/", C + "box2/ZK5/")),
    ("en", "Qizhangzi", "zone", ("zones/beipiao-qizhangzi-erdaogou/", L + "box7/9/", C + "box3/ZC4/")),
    ("en", "key mining areas", "zone type, plural", ("zones/key-mining-area/",)),
    ("en", "key exploration areas", "zone type, plural", ("zones/key-exploration-area/",)),
    ("en", "exploration planning blocks", "zone type, plural", ("zones/exploration-planning-block/",)),
    ("en", "Liaoning plan", "plan", (L,)),
    ("en", "minimum mining scales", "plural", (C + "ch5/s3/ss2/", C + "ch5/s3/ss2/i1/", C + "box5/")),
    ("en", "green mines", "policy term, plural", (C + "ch6/s2/", L + "ch7/s2/", C + "ch6/s2/ss2/")),
    ("en", "clean-ore granting", "policy term", (L + "ch8/s2/", C + "ch4/s3/ss3/")),
    ("en", "sand and gravel minimum scale", "several words", (C + "ch5/s2/ss1/i3/", C + "ch5/s3/ss1/i1/",
                                                               L + "ch6/s5/")),
    ("en", "granting of mining rights", "several words", (L + "ch8/s2/", C + "ch4/s3/ss3/")),
    ("en", "mine geological environment restoration", "several words", (C + "ch6/s3/ss3/i1/", L + "ch7/s3/",
                                                                         C + "ch6/s3/")),
    ("en", "geological hazards", "plural", (C + "ch7/s3/ss2/", C + "ch2/s3/ss1/", C + "ch6/s3/ss3/i2/")),
    ("en", "benonite", "typo", ("minerals/bentonite/",)),
    ("en", "bentonit", "typo", ("minerals/bentonite/",)),
    ("en", "膨润土", "other language", ("minerals/bentonite/",)),
    ("en", "绿色矿山", "other language", (C + "ch6/s2/", L + "ch7/s2/", C + "ch6/s2/ss2/")),
]

# Chinese terms whose every page must be found (substring ground truth): no recall lost to segmentation.
RECALL_TERMS = ["膨润土", "祁杖子", "最低开采规模", "集中开采区", "北票二道沟", "砂石土", "地热", "萤石", "菱镁",
                "绿色矿山", "净矿出让", "压覆", "重点勘查区", "探矿权", "生态修复", "钼", "铁", "干热岩", "三稀",
                "矿业权出让", "地质灾害", "50万吨"]
