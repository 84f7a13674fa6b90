"""Reference-manager files beside the pages: cite.ris and cite.json (CSL-JSON) for every plan, division, box and
row, in each language; a division's files hold its paragraphs' records too.

Input: the renderer and a language. Output: `StaticFile`s (linked from each page's citation box).
"""

from __future__ import annotations

from .. import citations
from ..addresses import DEFAULT_LANGUAGE, division_url, plan_url, row_url, table_url
from ..model import Plan
from ..references import Record, records_csl, records_ris
from .base import Renderer, StaticFile

RIS, CSL = "cite.ris", "cite.json"


def files(r: Renderer, lang: str) -> list[StaticFile]:
    out: list[StaticFile] = []
    language = "zh-Hans" if lang == DEFAULT_LANGUAGE else lang
    for plan in r.corpus.plans:
        title = plan.title.zh if lang == DEFAULT_LANGUAGE else citations.title_en(plan)

        def record(key: str, part_zh: str, part_en: str, url: str, *, _title: str = title) -> Record:
            return Record(key, _title, part_zh if lang == DEFAULT_LANGUAGE else part_en, r.absolute(url, lang),
                          language)

        out += _pair(plan, plan_url(plan), [record(plan.id, "", "", plan_url(plan))], lang)
        for division in plan.divisions():
            url = division_url(plan, division)
            zh = citations.division_part_zh(plan, division)
            en = _en_part(citations.division_en(plan, division), plan)
            records = [record(f"{plan.id}/{division.path}", zh, en, url)]
            records += [record(f"{plan.id}/{division.path}/{p.id}", f"{zh}第{citations.cn_ordinal(int(p.id[1:]))}段",
                               f"{en}, para. {p.id[1:]}", f"{url}#{p.id}") for p in division.paragraphs]
            out += _pair(plan, url, records, lang)
        for table in plan.tables:
            out += _pair(plan, table_url(plan, table), [record(
                f"{plan.id}/{table.id}", table.number, _en_part(citations.table_en(plan, table), plan),
                table_url(plan, table))], lang)
            for row in table.rows:
                zh_row = citations.table_zh(plan, table, row).split("》", 1)[1]
                out += _pair(plan, row_url(plan, table, row), [record(
                    f"{plan.id}/{table.id}/{row.key}", zh_row, _en_part(citations.table_en(plan, table, row), plan),
                    row_url(plan, table, row))], lang)
    return out


def _en_part(full: str, plan: Plan) -> str:
    return full.removeprefix(citations.title_en(plan)).removeprefix(", ")


def _pair(plan: Plan, url: str, records: list[Record], lang: str) -> list[StaticFile]:
    return [StaticFile(f"{url}{RIS}", lang, records_ris(plan, records)),
            StaticFile(f"{url}{CSL}", lang, records_csl(plan, records))]
