from __future__ import annotations

import io

import openpyxl

from sunshine.surveys import charts, export, selectors, services
from tests.surveys.conftest import close, good_answers, ids


def answered(survey, n=3):
    q, _o = ids(survey)
    for i in range(n):
        answers = {**good_answers(survey, text=f"联系我13812345678，第{i}条"), str(q[2]): 5 if i else 3}
        services.submit_response(survey=survey, respondent=f"r{i}", answers=answers)
    return survey


def test_results_count_each_option_and_each_point_of_the_scale(open_survey):
    results = selectors.results(answered(open_survey))
    assert [(b.label, b.count, b.percent) for b in results[0].bars] == [("小学", 3, 100), ("初中", 0, 0)]
    assert [b.count for b in results[2].bars] == [0, 0, 1, 0, 2]
    assert results[2].mean == 4.33


def test_text_answers_are_listed_with_personal_data_masked(open_survey):
    texts = selectors.results(answered(open_survey))[3].texts
    assert len(texts) == 3
    assert all("13812345678" not in t for t in texts)
    assert "13812345678" in selectors.results(open_survey, mask=False)[3].texts[0]


def test_the_chart_is_an_svg_with_a_title(open_survey):
    result = selectors.results(answered(open_survey))[0]
    svg = charts.bar_chart(result, result.question.text)
    assert svg.startswith("<svg")
    assert 'role="img"' in svg
    assert f'<title id="chart-{result.question.pk}-title">您的孩子在哪个学段？</title>' in svg


def test_exports_have_one_row_per_response(open_survey):
    answered(open_survey)
    lines = export.as_csv(open_survey).decode("utf-8-sig").splitlines()
    assert len(lines) == 4
    assert "学区划分; 收费" in lines[1]
    book = openpyxl.load_workbook(io.BytesIO(export.as_xlsx(close(open_survey))))
    sheet = book.active
    assert sheet is not None
    assert sheet.max_row == 4
