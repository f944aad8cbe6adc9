/* ocopkit: wide tables on narrow screens.
 *
 * A table wider than the screen scrolls sideways inside its own box (Material's wrapper for
 * Markdown tables, a wrapper added here for the generated ones), and a line above it says so:
 * on a phone the cut-off columns were otherwise easy to miss. The line appears only while the
 * table is wider than its box, and the box can be scrolled with the keyboard.
 */
(function () {
  "use strict";
  var HINT = "Bảng rộng hơn màn hình: vuốt sang ngang để xem hết \u2192";

  function box(table) {
    var wrap = table.closest(".md-typeset__scrollwrap, .ocop-scroll");
    if (wrap) return wrap;
    wrap = document.createElement("div");
    wrap.className = "ocop-scroll";
    table.parentNode.insertBefore(wrap, table);
    wrap.appendChild(table);
    return wrap;
  }

  function update(wrap) {
    var hint = wrap.previousElementSibling;
    var has = hint && hint.classList.contains("ocop-scroll-hint");
    var wide = wrap.scrollWidth > wrap.clientWidth + 1;
    if (wide && !has) {
      hint = document.createElement("p");
      hint.className = "ocop-scroll-hint";
      hint.textContent = HINT;
      wrap.parentNode.insertBefore(hint, wrap);
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", HINT);
    } else if (!wide && has) {
      hint.remove();
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
    }
  }

  function all() {
    var seen = [];
    document.querySelectorAll(".md-typeset table").forEach(function (table) {
      var wrap = box(table);
      if (seen.indexOf(wrap) === -1) seen.push(wrap);
    });
    seen.forEach(update);
  }

  var timer = null;
  window.addEventListener("load", all);
  window.addEventListener("resize", function () {
    clearTimeout(timer);
    timer = setTimeout(all, 150);
  });
})();
