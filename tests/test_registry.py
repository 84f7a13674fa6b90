"""Mineral and zone registries, and the tagging of every provision with the minerals and zones it names."""

from __future__ import annotations

import pytest
import yaml

from build_tools.pipeline import Checked
from build_tools.registry import Registry, tag_text

from .site_build import ROOT


def minerals_of(text: str, registry: Registry) -> set[str]:
    return {f.split(":", 1)[1] for f in tag_text(text, registry) if f.startswith("mineral:")}


@pytest.mark.parametrize(("text", "present", "absent"), [
    ("在铁岭市开展煤层气勘查", {"coalbed-methane"}, {"iron", "coal"}),
    ("建强钢铁冶金产业集群", set(), {"iron", "gold"}),
    ("以高速铁路、高速公路为骨架", set(), {"iron"}),
    ("辽宁铁法煤炭国家规划矿区", {"coal"}, {"iron"}),
    ("累计投入勘查资金 10.2 亿元，设立基金", set(), {"gold"}),
    ("让这些“真金白银”的激励政策措施落地", set(), {"gold", "silver"}),
    ("绿水青山就是金山银山", set(), {"gold", "silver"}),
    ("非金属矿产和有色金属、贵金属", set(), {"gold"}),
    ("加强磷铁矿共伴生磷和钒钛的综合利用", {"phosphorus", "iron", "vanadium-titanium-magnetite"}, set()),
    ("新增铁资源量 7.4 亿吨，金金属量 32.7 吨", {"iron", "gold"}, set()),
    ("开展瓦房店金刚石重点区调查评价", {"diamond"}, {"gold"}),
    ("全面实施了非煤矿山综合治理", set(), {"coal"}),
    ("限制高硫（灰）煤炭、湿地泥炭、砂金等矿产", {"coal", "wetland-peat", "placer-gold", "gold"}, {"sulfur"}),
    ("提升共伴生金、银、铜、硫和稀散元素等矿产的综合利用率",
     {"gold", "silver", "copper", "sulfur", "three-rare"}, set()),
    ("表土作为铝硅酸盐材料综合利用", set(), {"aluminium"}),
    ("鼓励沿海砂石资源丰富地区向省外部分地区供应砂石资源", {"sand-gravel-earth"}, {"sea-sand"}),
    ("水泥（熔剂）用灰岩、膨润土、珍珠岩", {"cement-limestone", "flux-limestone", "bentonite", "perlite"}, set()),
    ("加大铁、锰、钼、金、萤石、膨润土、磷、石英岩等战略性矿产勘查力度",
     {"iron", "manganese", "molybdenum", "gold", "fluorite", "bentonite", "phosphorus", "quartzite"}, set()),
])
def test_tagging(checked: Checked, text: str, present: set[str], absent: set[str]) -> None:
    found = minerals_of(text, checked.registry)
    assert present <= found, (present - found)
    assert not (absent & found), (absent & found)


def test_zones_tagged_by_name_and_code(checked: Checked) -> None:
    registry = checked.registry
    assert "zone:beipiao-qizhangzi-erdaogou" in tag_text("辽宁北票祁杖子－二道沟", registry)
    assert "zone:beipiao-qizhangzi-erdaogou" in tag_text("ZC4", registry)
    assert "zone-type:key-mining-area" in tag_text("划定 19 个重点开采区", registry)
    # a zone whose name is a bare city is not found in every mention of the city
    assert not {f for f in tag_text("阜新氟化工产业基地", registry) if f.startswith("zone:")}
    # the longer name wins: 辽阳弓长岭 inside 辽阳弓长岭-本溪南芬 is the energy base only
    zones = {f for f in tag_text("辽宁辽阳弓长岭-本溪南芬", registry) if f.startswith("zone:")}
    assert zones == {"zone:liaoyang-gongchangling-benxi-nanfen"}


def test_reviewed_override_applies(checked: Checked) -> None:
    assert "zone:liaoyang-gongchangling" not in checked.tags.of.get("liaoning-2021-2025/ch4/s1/p3", set())


def test_every_mineral_word_of_the_texts_is_registered(checked: Checked) -> None:
    """Every mineral the glossary knows that occurs in either text is an alias of a registered mineral."""
    glossary = yaml.safe_load((ROOT / "tables/glossary.yaml").read_text(encoding="utf-8"))["terms"]
    texts = "".join((ROOT / p.source).read_text(encoding="utf-8") for p in checked.corpus.plans)
    aliases = {a for m in checked.registry.minerals for a in m.aliases}
    missing = sorted(form for entry in glossary if entry["kind"] == "mineral"
                     for form in entry.get("zh_forms") or [] if form in texts and form not in aliases
                     and not any(form in a or a in form for a in aliases))
    assert missing == []


def test_mineral_registry_fields(checked: Checked) -> None:
    registry = checked.registry
    iron = registry.mineral("iron")
    assert iron is not None and {"铁", "铁矿", "铁矿石"} <= set(iron.aliases) and iron.category == "metallic"
    assert {f.flag for f in iron.flags} >= {"strategic", "advantageous", "key-mining"}
    limestone = {m.id for m in registry.minerals if m.group == "limestone"}
    assert limestone == {"cement-limestone", "flux-limestone"}
    assert {m.category for m in registry.minerals} == {"energy", "metallic", "non-metallic", "water-gas"}
    blue = registry.mineral("blue-asbestos")
    assert blue is not None and [f.flag for f in blue.flags] == ["prohibited-mining"]


def test_zone_registry(checked: Checked) -> None:
    registry = checked.registry
    by_type: dict[str, list[str]] = {}
    for zone in registry.zones:
        by_type.setdefault(zone.type, []).append(zone.id)
    assert len(by_type["energy-resource-base"]) == 3
    assert len(by_type["national-planned-mining-area"]) == 12  # Chaoyang's 3 are Liaoning rows
    assert len(by_type["key-exploration-area"]) == 30 + 3  # ZK5, ZK6, ZK7 are Chaoyang's own
    assert len(by_type["key-mining-area"]) == 19 + 2  # ZC7, ZC8
    assert len(by_type["strategic-reserve-area"]) == 1
    assert len(by_type["exploration-development-region"]) == 4
    zc4 = registry.zone("beipiao-qizhangzi-erdaogou")
    assert zc4 is not None and zc4.code == "ZC4" and zc4.level == "省级" and zc4.minerals == ("gold",)
    assert zc4.sources == ("chaoyang-2021-2025/box3/ZC4", "liaoning-2021-2025/box7/9")
    assert zc4.places.zh == "北票市"
    counted = registry.zone("chaoyang-concentrated-mining-areas")
    assert counted is not None and counted.count == 33
    ids = [z.id for z in registry.zones] + [t.id for t in registry.zone_types]
    assert len(ids) == len(set(ids))
