"""Review questions as HTML: on the site (answered in the browser by ``quiz.js``), on the
trainee handout (a worksheet with boxes, no answers) and on the trainer handout (the key).

The site's contract, which the script and the tests rely on: each question is a
``<fieldset data-question>`` holding its choices as inputs, the correct ones marked
``data-correct``; once answered it carries ``data-answered="correct"`` or ``"wrong"``. Without
JavaScript the answers and explanations still show, collapsed. The whole section is left out
of the search index (``data-search-exclude``).
"""

from __future__ import annotations

from importlib.resources import files

from ocopkit.content.questions import Question
from ocopkit.render.html import esc

TITLE = "Câu hỏi ôn tập"
SCRIPT = "assets/javascripts/ocop-quiz.js"
BOX, TICKED = "☐", "☑"
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
KIND_HINTS = {"single": "Chọn một đáp án.", "multiple": "Chọn mọi đáp án đúng rồi bấm "
              "\"Kiểm tra\".", "true-false": "Đúng hay sai?",
              "option": "Chọn mức phù hợp của tiêu chí."}


def _letter(i: int) -> str:
    return LETTERS[i] if i < len(LETTERS) else str(i + 1)


def _answer(question: Question) -> str:
    right = [f"{_letter(i)}. {c.text}" for i, c in enumerate(question.choices) if c.correct]
    return "; ".join(right)


def _legend(number: int, question: Question) -> str:
    about = (f'<span class="ocop-q-criterion">Tiêu chí {esc(question.criterion)}</span> '
             if question.criterion else "")
    return (f'<span class="ocop-q-number">Câu {number}.</span> {about}{esc(question.text)} '
            f'<span class="ocop-q-hint">{esc(KIND_HINTS[question.kind])}</span>')


def quiz_html(questions: tuple[Question, ...], slug: str) -> str:
    """The questions of guide ``slug`` for the site."""
    parts = ['<section class="ocop-quiz" data-search-exclude>',
             '<p class="ocop-quiz-intro">Trả lời từng câu: trang cho biết ngay đúng hay sai '
             "và giải thích vì sao. Không có gì được gửi đi; tải lại trang để làm lại.</p>"]
    for n, question in enumerate(questions, start=1):
        name = f"q-{slug}-{n}"
        kind = "checkbox" if question.kind == "multiple" else "radio"
        choices = "".join(
            f'<label class="ocop-q-choice"><input type="{kind}" name="{esc(name)}" '
            f'value="{i}"{" data-correct" if c.correct else ""}> '
            f"<span>{esc(_letter(i))}. {esc(c.text)}</span></label>"
            for i, c in enumerate(question.choices))
        check = ('<p><button type="button" class="md-button" data-action="check" hidden>'
                 "Kiểm tra</button></p>" if question.kind == "multiple" else "")
        parts.append(
            f'<fieldset class="ocop-question" data-question data-kind="{esc(question.kind)}" '
            f'id="{esc(name)}"><legend>{_legend(n, question)}</legend>{choices}{check}'
            '<p class="ocop-q-feedback" role="status" aria-live="polite"></p>'
            '<details class="ocop-q-answer"><summary>Đáp án và giải thích</summary>'
            f"<p><strong>Đáp án: {esc(_answer(question))}.</strong></p>"
            f"<p>{esc(question.explanation)}</p></details></fieldset>")
    parts.append('<p class="ocop-quiz-score" role="status" aria-live="polite" '
                 f'data-total="{len(questions)}"></p></section>')
    return "".join(parts)


def worksheet_html(questions: tuple[Question, ...] | list[Question],
                   title: str = TITLE) -> str:
    """The trainee handout's worksheet: each question with a box per choice, no answers."""
    items = []
    for n, question in enumerate(questions, start=1):
        choices = "".join(f'<div class="check"><span class="box">{BOX}</span>'
                          f"{esc(_letter(i))}. {esc(c.text)}</div>"
                          for i, c in enumerate(question.choices))
        items.append(f'<div class="question"><p class="q">{_legend(n, question)}</p>'
                     f"{choices}</div>")
    return (f'<section class="worksheet"><h2>{esc(title)}</h2><p>Đánh dấu vào ô trước câu trả '
            f"lời của bạn.</p>{''.join(items)}</section>")


def answer_key_html(questions: tuple[Question, ...] | list[Question],
                    title: str = f"{TITLE}: đáp án") -> str:
    """The trainer handout's key: each question, its answer and the explanation."""
    items = []
    for n, question in enumerate(questions, start=1):
        choices = "".join(f'<div class="check"><span class="box">'
                          f"{TICKED if c.correct else BOX}</span>"
                          f"{esc(_letter(i))}. {esc(c.text)}</div>"
                          for i, c in enumerate(question.choices))
        items.append(f'<div class="question"><p class="q">{_legend(n, question)}</p>{choices}'
                     f'<p class="key"><strong>Đáp án: {esc(_answer(question))}.</strong> '
                     f"{esc(question.explanation)}</p></div>")
    return (f'<section class="answer-key"><h2>{esc(title)}</h2>{"".join(items)}'
            "</section>")


def quiz_script() -> str:
    """The browser side (``quiz.js`` beside the render package)."""
    return files("ocopkit.render").joinpath("quiz.js").read_text(encoding="utf-8")
