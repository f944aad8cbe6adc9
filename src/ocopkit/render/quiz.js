/* ocopkit: review questions answered in the browser (ocopkit.render.pages.questions).
 * Each <fieldset data-question> holds its choices as inputs, the correct ones marked
 * data-correct. A single, true/false or option question is checked when a choice is picked; a
 * multiple-choice one when "Kiểm tra" is pressed. The fieldset then carries
 * data-answered="correct" or "wrong", the feedback says so and the explanation opens. Plain
 * script: it runs from file://, in the ZIM and offline. */
(function () {
  "use strict";
  var sections = document.querySelectorAll(".ocop-quiz");
  if (!sections.length) return;

  function letters(inputs) {
    return Array.prototype.filter.call(inputs, function (input) {
      return input.hasAttribute("data-correct");
    }).map(function (input) {
      return input.parentNode.textContent.trim().split(".")[0];
    }).join(", ");
  }

  Array.prototype.forEach.call(sections, function (section) {
    var questions = section.querySelectorAll("fieldset[data-question]");
    var score = section.querySelector(".ocop-quiz-score");
    function tally() {
      var answered = section.querySelectorAll("fieldset[data-answered]").length;
      var right = section.querySelectorAll("fieldset[data-answered='correct']").length;
      score.textContent = "Đã trả lời " + answered + "/" + questions.length + " câu, đúng "
        + right + " câu." + (answered === questions.length
          ? (right === questions.length ? " Bạn đã nắm vững bài này." :
             " Hãy đọc lại phần giải thích của các câu chưa đúng.") : "");
    }
    Array.prototype.forEach.call(questions, function (fieldset) {
      var inputs = fieldset.querySelectorAll("input");
      var feedback = fieldset.querySelector(".ocop-q-feedback");
      var details = fieldset.querySelector(".ocop-q-answer");
      function check() {
        var picked = Array.prototype.some.call(inputs, function (i) { return i.checked; });
        if (!picked) {
          feedback.textContent = "Hãy chọn ít nhất một đáp án.";
          return;
        }
        var right = Array.prototype.every.call(inputs, function (input) {
          return input.checked === input.hasAttribute("data-correct");
        });
        fieldset.setAttribute("data-answered", right ? "correct" : "wrong");
        feedback.textContent = right ? "Đúng." : "Chưa đúng. Đáp án đúng: " + letters(inputs) + ".";
        details.open = true;
        tally();
      }
      var button = fieldset.querySelector("[data-action='check']");
      if (button) {
        button.hidden = false;
        button.addEventListener("click", check);
      } else {
        Array.prototype.forEach.call(inputs, function (input) {
          input.addEventListener("change", check);
        });
      }
    });
  });
})();
