"""Scoring: exact results on a small edition, and properties over every shipped sheet."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ocopkit import AnswerError, load_catalogue, load_edition, score
from ocopkit.criteria.model import Criterion, Edition, ProductSet

from .conftest import DOCS, MINI

MINI_EDITION = load_edition(MINI)
SHIPPED = load_catalogue(DOCS / "criteria").editions
SHIPPED_26 = next(e for e in SHIPPED if e.id == "qd-26-2026")


def _sheet(code: str) -> ProductSet:
    sheet = SHIPPED_26.product_set(code)
    assert sheet is not None
    return sheet


def best() -> dict[str, object]:
    return mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 3, "2_2": 2, "3_2": "a2"})
SHEETS = [(e, s) for e in (*SHIPPED, MINI_EDITION) for s in e.product_sets]


def mini_answers(**changes: object) -> dict[str, object]:
    answers: dict[str, object] = {"1.1": 2, "1.2": 1, "2.1": 1, "3.1": 2, "3.2": "b2", "4": 2}
    answers.update({k.replace("_", "."): v for k, v in changes.items()})
    return answers


def test_points_add_up_per_group_part_and_total() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers())
    assert result.criteria == {"1.1": 10, "1.2": 5, "2.1": 0, "2.2": 0, "3.1": 10, "3.2": 20,
                               "4": 5}
    assert result.groups == {"1": 15, "2": 0, "3": 30, "4": 5}
    assert result.parts == {"A": 15, "B": 0, "C": 35}
    assert result.total == 50
    assert (result.band_stars, result.minima_stars, result.stars) == (3, 3, 3)
    assert result.certifiable


def test_condition_not_met_scores_zero_and_needs_no_answer() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers())
    assert result.not_applicable == ("2.2",)
    with_story = score(MINI_EDITION, "I.1.a", mini_answers(**{"2_1": 2, "2_2": 2}))
    assert with_story.not_applicable == ()
    assert with_story.criteria["2.2"] == 5
    with pytest.raises(AnswerError, match=r"missing answers for criteria: 2\.2"):
        score(MINI_EDITION, "I.1.a", mini_answers(**{"2_1": 2}))


def test_short_of_a_3_star_minimum_a_product_gets_its_band_but_no_recognised_level() -> None:
    # "Dấu sao là yêu cầu tối thiểu phải đạt theo các cấp độ sao" (26/2026, note under each
    # sheet); 2 stars is "từ 30 đến dưới 50 điểm" (Điều 3.3.d), so 80 points are not 2 stars.
    # 1.1 below its *** minimum: 20 + 20 + 20 + 5 + 10 + 20 + 5 = 80 points, band 4.
    answers = mini_answers(**{"1_1": 1, "1_2": 2, "2_1": 3, "2_2": 2})
    result = score(MINI_EDITION, "I.1.a", answers)
    assert result.total == 80
    assert result.band_stars == 4
    assert result.minima_stars == 2
    assert result.stars is None
    assert not result.certifiable
    assert [(b.criterion, b.stars) for b in result.unmet] == [("1.1", 4)]
    assert result.verdict == ("Theo điểm: 4 sao; không đủ điều kiện công nhận 4 sao: tiêu chí "
                              "1.1 chưa đạt ô tối thiểu; không đủ điều kiện công nhận ở hạng nào")
    assert result.next_stars == 3
    assert result.points_needed == 0
    assert [(b.criterion, b.current, b.needed) for b in result.blocking] == [("1.1", "1", "2")]


def test_short_of_a_5_star_minimum_a_product_is_recognised_at_the_level_its_minima_reach(
        ) -> None:
    answers = mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 3, "2_2": 1, "3_2": "a2"})
    result = score(MINI_EDITION, "I.1.a", answers)
    assert (result.total, result.band_stars, result.minima_stars, result.stars) == (95, 5, 4, 4)
    assert result.certifiable
    assert result.verdict == ("Theo điểm: 5 sao; không đủ điều kiện công nhận 5 sao: tiêu chí "
                              "2.2 chưa đạt ô tối thiểu; xếp hạng: 4 sao")


def test_blocking_names_every_criterion_below_the_next_levels_minimum() -> None:
    answers = mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 3, "2_2": 1, "3_2": "a2"})
    result = score(MINI_EDITION, "I.1.a", answers)
    assert result.total == 20 + 20 + 20 + 0 + 10 + 20 + 5
    assert result.stars == 4
    assert result.band_stars == 5
    assert result.points_needed == 0
    assert [(b.criterion, b.current, b.needed, b.stars) for b in result.blocking] == [
        ("2.2", "1", "2", 5)]


def test_a_rejected_product_gets_no_stars_and_nothing_to_improve() -> None:
    result = score(MINI_EDITION, "I.1.a", best(), findings=["1.1"])
    assert result.rejected and result.total == 100
    assert (result.band_stars, result.minima_stars, result.stars) == (None, None, None)
    assert not result.certifiable
    assert (result.next_stars, result.blocking, result.points_needed) == (None, (), 0)
    assert result.rejections == ("1.1: Bị loại nếu không rõ nguồn gốc",)
    assert result.verdict == "Bị loại, không xếp hạng: 1.1: Bị loại nếu không rõ nguồn gốc"


def test_dossier_rejection_uses_the_sheet_rules_and_no_made_up_one() -> None:
    result = score(MINI_EDITION, "I.1.a", best(), dossier_rejected=True)
    assert result.rejections == ("Hồ sơ bị loại: Giả mạo hồ sơ",)
    assert result.stars is None and not result.certifiable
    tourism = next(e for e in SHIPPED if e.id == "qd-26-2026").product_set("VI.1")
    assert tourism is not None and not tourism.rejection_rules
    with pytest.raises(AnswerError, match=r"sheet VI\.1 has no rejection rule"):
        score(SHIPPED_26, "VI.1", best_answers(tourism), dossier_rejected=True)


def test_a_group_gate_stops_only_the_rest_of_its_group() -> None:
    # I.1.a 6.1 "Không xem xét các chỉ tiêu khác …": the other sensory indicators only.
    result = score(MINI_EDITION, "I.1.a", mini_answers(), findings=["3.1"])
    assert result.criteria["3.1"] == 10
    assert result.criteria["3.2"] == 0
    assert result.criteria["4"] == 5
    assert result.gated == ("3.2",)
    real = score(SHIPPED_26, "I.1.a", best_answers(_sheet("I.1.a")), findings=["6.1"])
    assert set(real.gated) == {"6.2", "6.3", "6.4"}
    assert real.total == 100 - sum(max(o.points for o in _sheet("I.1.a").criterion(c).options)
                                   for c in ("6.2", "6.3", "6.4"))


def test_a_sheet_gate_stops_every_later_criterion() -> None:
    # I.1.b 6.1 "… sẽ không đánh giá các bước tiếp theo".
    sheet = _sheet("I.1.b")
    result = score(SHIPPED_26, sheet, best_answers(sheet), findings=["6.1"])
    codes = [c.code for c in sheet.criteria]
    assert list(result.gated) == codes[codes.index("6.1") + 1:]
    assert all(result.criteria[c] == 0 for c in result.gated)


def test_a_gate_worded_on_zero_points_applies_from_the_answers() -> None:
    # II.2.a 6.4 "Nếu được 0 điểm tại một trong các chỉ tiêu trên, sẽ không đánh giá các bước
    # tiếp theo": no finding needed, and none accepted.
    sheet = _sheet("II.2.a")
    answers = best_answers(sheet)
    assert score(SHIPPED_26, sheet, answers).gated == ()
    group = next(g for g in sheet.groups if g.code == "6")
    first = group.criteria[0]
    zero = next((o.key for o in first.options if o.points == 0), "0")
    result = score(SHIPPED_26, sheet, dict(answers, **{first.code: zero}))
    codes = [c.code for c in sheet.criteria]
    assert list(result.gated) == codes[codes.index("6.4") + 1:]
    with pytest.raises(AnswerError, match=r"finding '6\.4'"):
        score(SHIPPED_26, sheet, answers, findings=["6.4"])


def test_an_eligibility_note_is_a_precondition_and_its_finding_excludes_the_product() -> None:
    sheet = _sheet("I.1.a")
    result = score(SHIPPED_26, sheet, best_answers(sheet))
    assert result.eligibility and result.eligibility[0].startswith(
        "Không đánh giá những sản phẩm có tính phổ biến")
    excluded = score(SHIPPED_26, sheet, best_answers(sheet), findings=["2.1"])
    assert excluded.rejected and excluded.stars is None
    assert excluded.rejections[0].startswith("Không thuộc đối tượng đánh giá (2.1)")


@settings(max_examples=500, deadline=None)
@given(total=st.floats(min_value=0, max_value=100, allow_nan=False))
def test_every_total_from_0_to_100_falls_in_exactly_one_band(total: float) -> None:
    for edition in (*SHIPPED, MINI_EDITION):
        assert sum(1 for b in edition.star_bands if b.contains(total)) == 1
        assert edition.band_for(total).contains(total)


def test_bands_are_half_open_as_the_decision_words_them() -> None:
    # "Hạng 4 sao … Tổng điểm trung bình đạt từ 70 đến dưới 90 điểm" (26/2026, Điều 3.3.b)
    e = SHIPPED_26
    assert [e.band_for(t).stars for t in (0, 29.99, 30, 49.5, 69.5, 70, 89.6, 89.99, 90, 100)] \
        == [1, 1, 2, 2, 3, 4, 4, 4, 5, 5]
    assert [b.label for b in e.star_bands] == ["dưới 30", "từ 30 đến dưới 50",
                                               "từ 50 đến dưới 70", "từ 70 đến dưới 90",
                                               "từ 90 đến 100"]
    with pytest.raises(ValueError):
        e.band_for(100.5)


def test_zero_answer_means_no_option_met() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers(**{"1_2": 0}))
    assert result.criteria["1.2"] == 0


def test_bad_answers_are_all_listed() -> None:
    answers = mini_answers(**{"1_1": 7, "3_2": 2})
    answers["9.9"] = 1
    del answers["4"]
    with pytest.raises(AnswerError) as info:
        score(MINI_EDITION, "I.1.a", answers)
    assert info.value.issues == [
        ("1.1", "criterion 1.1: expected one of 0, 1, 2, 3, got 7"),
        ("3.2", "criterion 3.2: expected one of 0, a1, a2, b1, b2, got 2"),
        ("9.9", "unknown criterion '9.9' for product set I.1.a"),
        (None, "missing answers for criteria: 4"),
    ]


def test_unknown_product_set_is_an_answer_error() -> None:
    with pytest.raises(AnswerError, match=r"unknown product set 'X\.9'"):
        score(MINI_EDITION, "X.9", {})


# --- properties over every sheet --------------------------------------------------------------

def best_answers(sheet: ProductSet) -> dict[str, str]:
    return {c.code: max(c.options, key=lambda o: o.points).key for c in sheet.criteria}


@pytest.mark.parametrize(("edition", "sheet"), SHEETS,
                         ids=[f"{e.id}-{s.code}" for e, s in SHEETS])
def test_best_options_give_100_points_and_top_stars(edition: Edition, sheet: ProductSet) -> None:
    result = score(edition, sheet, best_answers(sheet))
    # A part recorded as printed (sum_note) keeps its printed sum: 1048's VI.1 tops at 99.
    short = sum(p.max for p in edition.parts) - sum(p.max for p in sheet.parts)
    assert short == (1 if (edition.id, sheet.code) == ("qd-1048-2019", "VI.1") else 0)
    assert result.total == 100 - short
    assert result.stars == edition.max_stars == 5
    assert result.certifiable
    assert result.blocking == ()


def answer_sets() -> st.SearchStrategy[tuple[Edition, ProductSet, dict[str, str]]]:
    def for_sheet(pair: tuple[Edition, ProductSet]) -> st.SearchStrategy[
            tuple[Edition, ProductSet, dict[str, str]]]:
        edition, sheet = pair
        choices = {c.code: st.sampled_from([o.key for o in c.options]) for c in sheet.criteria}
        return st.fixed_dictionaries(choices).map(lambda a: (edition, sheet, a))

    return st.sampled_from(SHEETS).flatmap(for_sheet)


def _better(criterion: Criterion, key: str) -> list[str]:
    current = criterion.option(key)
    assert current is not None
    return [o.key for o in criterion.options if o.points > current.points]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=answer_sets(), pick=st.data())
def test_total_is_the_sum_of_parts_and_a_better_option_never_lowers_stars(
        data: tuple[Edition, ProductSet, dict[str, str]], pick: st.DataObject) -> None:
    edition, sheet, answers = data
    result = score(edition, sheet, answers)
    assert result.total == sum(result.parts.values())
    assert result.parts == {p.part: sum(result.groups[g.code] for g in p.groups)
                            for p in sheet.parts}
    level = min(result.band_stars or 0, result.minima_stars or 0)
    assert result.stars in (level, None)
    assert result.stars == result.band_stars or result.unmet
    improvable = [c for c in sheet.criteria if _better(c, answers[c.code])]
    if not improvable:
        return
    criterion = pick.draw(st.sampled_from(improvable))
    better = dict(answers, **{criterion.code: pick.draw(st.sampled_from(
        _better(criterion, answers[criterion.code])))})
    improved = score(edition, sheet, better)
    assert improved.total >= result.total
    assert (improved.band_stars or 0) >= (result.band_stars or 0)
    assert (improved.minima_stars or 0) >= (result.minima_stars or 0)


def test_every_shipped_sheet_sums_to_its_part_maxima() -> None:
    assert SHIPPED, "no shipped editions found"
    for edition in SHIPPED:
        expected = {p.code: p.max for p in edition.parts}
        for sheet in edition.product_sets:
            sums = {p.part: p.max for p in sheet.parts}
            noted = {p.part for p in sheet.parts if p.sum_note}
            assert {k: v for k, v in sums.items() if k not in noted} == {
                k: v for k, v in expected.items() if k not in noted}, sheet.code
            assert all(sums[k] != expected[k] for k in noted), sheet.code




# --- a council's sheets for one product -------------------------------------------------------

def test_a_council_averages_totals_with_decimals_and_grades_the_average() -> None:
    from ocopkit.scoring import council

    high = score(MINI_EDITION, "I.1.a", best())  # 100
    mid = score(MINI_EDITION, "I.1.a", mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 3,
                                                       "2_2": 2, "3_2": "a1"}))  # 90
    low = score(MINI_EDITION, "I.1.a", mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 2,
                                                       "2_2": 2, "3_2": "a1"}))  # 80
    assert (high.total, mid.total, low.total) == (100, 90, 80)
    result = council(MINI_EDITION, [mid, low, low])  # "Tổng điểm trung bình": 250 / 3
    assert result.average == pytest.approx(83.3333, abs=1e-3)
    assert (result.band_stars, result.stars) == (4, 4)
    assert council(MINI_EDITION, [high, mid, low]).band_stars == 5  # exactly 90


def test_a_council_minimum_holds_on_the_average_of_that_criterion() -> None:
    from ocopkit.scoring import council

    ok = score(MINI_EDITION, "I.1.a", best())  # 1.1 at 20 points (*** needs 10)
    short = score(MINI_EDITION, "I.1.a", mini_answers(**{"1_1": 1, "1_2": 2, "2_1": 3,
                                                         "2_2": 2, "3_2": "a2"}))  # 1.1: 0
    assert short.stars is None
    result = council(MINI_EDITION, [ok, short, short])
    one_one = next(m for m in result.minima if m.criterion == "1.1")
    assert (one_one.stars, one_one.needed_points, one_one.members_reaching) == (3, 10, 1)
    assert one_one.average_points == pytest.approx(20 / 3)
    assert result.stars is None and "1.1" in result.verdict
    two = council(MINI_EDITION, [ok, ok, short])
    assert next(m for m in two.minima if m.criterion == "1.1").average_points >= 10
    assert two.stars == two.band_stars
    assert any("council minima" in line for line in two.as_dict()["interpretation"])


def test_one_members_rejection_makes_the_council_result_rejected() -> None:
    from ocopkit.scoring import council

    result = council(MINI_EDITION, [score(MINI_EDITION, "I.1.a", best()),
                                    score(MINI_EDITION, "I.1.a", best(), findings=["1.1"])])
    assert result.rejected and result.stars is None and result.band_stars is None
    assert result.rejections == ("thành viên 2: 1.1: Bị loại nếu không rõ nguồn gốc",)


def test_a_gate_worded_on_its_own_zero_applies_from_the_answer() -> None:
    # 1048/QĐ-TTg, sheet I.3.3, 6.1: "Nếu bị 0 Điểm, sẽ không đánh giá các bước tiếp theo".
    edition = next(e for e in SHIPPED if e.id == "qd-1048-2019")
    sheet = edition.product_set("I.3.3")
    assert sheet is not None
    gate = sheet.criterion("6.1")
    assert gate is not None and [(n.scope, n.derived) for n in gate.notes
                                 if n.kind == "gate"] == [("sheet", "zero")]
    answers = best_answers(sheet)
    assert score(edition, sheet, answers).gated == ()
    zero = next((o.key for o in gate.options if o.points == 0), "0")
    result = score(edition, sheet, dict(answers, **{"6.1": zero}))
    codes = [c.code for c in sheet.criteria]
    assert list(result.gated) == codes[codes.index("6.1") + 1:]
