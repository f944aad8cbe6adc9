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


def test_star_level_is_the_lower_of_band_and_minima() -> None:
    # 1.1 below its *** minimum: 20 + 20 + 20 + 5 + 10 + 20 + 5 = 80 points, band 4, but 2★.
    answers = mini_answers(**{"1_1": 1, "1_2": 2, "2_1": 3, "2_2": 2})
    result = score(MINI_EDITION, "I.1.a", answers)
    assert result.total == 80
    assert result.band_stars == 4
    assert result.minima_stars == 2
    assert result.stars == 2
    assert not result.certifiable
    assert result.next_stars == 3
    assert result.points_needed == 0
    assert [(b.criterion, b.current, b.needed) for b in result.blocking] == [("1.1", "1", "2")]


def test_blocking_names_every_criterion_below_the_next_levels_minimum() -> None:
    answers = mini_answers(**{"1_1": 3, "1_2": 2, "2_1": 3, "2_2": 1, "3_2": "a2"})
    result = score(MINI_EDITION, "I.1.a", answers)
    assert result.total == 20 + 20 + 20 + 0 + 10 + 20 + 5
    assert result.stars == 4
    assert result.band_stars == 5
    assert result.points_needed == 0
    assert [(b.criterion, b.current, b.needed, b.stars) for b in result.blocking] == [
        ("2.2", "1", "2", 5)]


def test_rejection_note_eliminates_the_product() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers(), findings=["1.1"])
    assert result.rejected
    assert not result.certifiable
    assert result.rejections == ("1.1: Bị loại nếu không rõ nguồn gốc",)


def test_dossier_rejection_uses_the_sheet_rules() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers(), dossier_rejected=True)
    assert result.rejections == ("Hồ sơ bị loại: Giả mạo hồ sơ",)
    assert not result.certifiable


def test_gate_note_zeroes_the_rest_of_its_part() -> None:
    result = score(MINI_EDITION, "I.1.a", mini_answers(), findings=["3.1"])
    assert result.criteria["3.1"] == 10
    assert result.criteria["3.2"] == 0
    assert result.criteria["4"] == 0
    assert result.parts["C"] == 10


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
    assert result.total == 100
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
    assert result.stars == min(result.band_stars, result.minima_stars)
    improvable = [c for c in sheet.criteria if _better(c, answers[c.code])]
    if not improvable:
        return
    criterion = pick.draw(st.sampled_from(improvable))
    better = dict(answers, **{criterion.code: pick.draw(st.sampled_from(
        _better(criterion, answers[criterion.code])))})
    improved = score(edition, sheet, better)
    assert improved.total >= result.total
    assert improved.stars >= result.stars


def test_every_shipped_sheet_sums_to_its_part_maxima() -> None:
    assert SHIPPED, "no shipped editions found"
    for edition in SHIPPED:
        expected = {p.code: p.max for p in edition.parts}
        for sheet in edition.product_sets:
            assert {p.part: p.max for p in sheet.parts} == expected, sheet.code


