/* ocopkit self-assessment calculator: plain JavaScript, no framework, no request.
 *
 * The sheet is embedded in the page (<script type="application/json" id="ocop-sheet">, from
 * `ocopkit criteria export`). Scoring mirrors ocopkit.scoring exactly: option points; "0" or
 * nothing chosen scores 0; a criterion whose "applies_if" is not met scores 0; a gate stops the
 * rest of its group or of the sheet (its "scope"), found by the assessor or derived from zero
 * points; bands are half-open ("từ 70 đến dưới 90"); a level is recognised only when its marked
 * minima hold (else the highest level whose minima hold, if it is recognised at all); a
 * rejected or ineligible product gets no stars.
 *
 * The page shows a two-line summary pinned to the bottom of the screen (#ocop-result) and the
 * full result at the end of the form (#ocop-detail): one sentence each for the band by points,
 * what the marked minima allow and the outcome, with the same star numbers as
 * ocopkit.scoring.score() (band_stars, stars, unmet). Answers, findings and the three text
 * fields are kept in the address fragment ("a=1.1:3,4.1:4&f=2.1&d=1&sp=…&cs=…&ng=…") and on
 * the device; a fragment that is not such a state (a cut link, an anchor) changes nothing.
 * The QR code of that address, printed with the sheet, comes from the vendored
 * qrcode-generator (assets/vendor/qrcode-generator/qrcode.js, loaded from beside this script,
 * on calculator pages only).
 */
(function () {
  "use strict";
  var script = document.currentScript && document.currentScript.src;
  var form = document.querySelector("form.ocop-calc");
  var dataNode = document.getElementById("ocop-sheet");
  if (!form || !dataNode) return;
  var data = JSON.parse(dataNode.textContent);
  var sheet = data.product_set, edition = data.edition;
  var criteria = [], byCode = {}, partOf = {};
  sheet.parts.forEach(function (part) {
    part.groups.forEach(function (group) {
      group.criteria.forEach(function (c) {
        criteria.push(c); byCode[c.code] = c; partOf[c.code] = part.part;
      });
    });
  });
  var storeKey = "ocop-calc:" + edition.edition + ":" + sheet.code;

  function option(c, key) {
    for (var i = 0; i < c.options.length; i++) if (c.options[i].key === key) return c.options[i];
    return null;
  }
  function applies(c, chosen) {
    var cond = c.applies_if;
    if (!cond) return true;
    var target = byCode[cond.criterion], opt = target && option(target, chosen[cond.criterion]);
    return !!opt && cond.options.indexOf(opt.number) !== -1;
  }
  function required(c, stars) {
    var best = null;
    c.options.forEach(function (o) {
      if (o.marker !== null && o.marker <= stars &&
          (!best || o.points > best.points || (o.points === best.points && o.marker > best.marker))) {
        best = o;
      }
    });
    return best;
  }

  /* The same result as ocopkit.scoring.score(edition, sheet, answers, findings, dossier). */
  function bandFor(total) {
    var bands = edition.star_bands;
    for (var i = 0; i < bands.length; i++) {
      var b = bands[i];
      if (total >= b.from && (b.below === null ? total <= 100 : total < b.below)) return b;
    }
    return bands[bands.length - 1];
  }
  function recognised(stars) {
    var rec = null;
    edition.recognition.forEach(function (r) { if (r.stars === stars) rec = r; });
    return !!rec && rec.certificate;
  }
  function blockers(points, notApplicable, chosen, stars) {
    var out = [];
    criteria.forEach(function (c) {
      var need = required(c, stars);
      if (!need || notApplicable.indexOf(c.code) !== -1 || points[c.code] >= need.points) return;
      var cur = option(c, chosen[c.code]);
      out.push({ criterion: c.code, name: c.name, stars: stars, current: cur ? cur.key : null,
                 current_points: points[c.code], needed: need.key, needed_points: need.points });
    });
    return out;
  }
  function verdict(band, stars, short) {
    if (!short.length) return "Xếp hạng: " + stars + " sao";
    var head = "Theo điểm: " + band + " sao; không đủ điều kiện công nhận " + band +
      " sao: tiêu chí " + short.join(", ") + " chưa đạt ô tối thiểu";
    return stars !== null ? head + "; xếp hạng: " + stars + " sao"
      : head + "; không đủ điều kiện công nhận ở hạng nào";
  }
  function score(chosen, findings, dossierRejected) {
    var notApplicable = criteria.filter(function (c) { return !applies(c, chosen); })
      .map(function (c) { return c.code; });
    var gated = {}, rejections = [], points = {}, order = criteria.map(function (c) { return c.code; });
    if (dossierRejected) {
      sheet.rejection_rules.forEach(function (r) { rejections.push("Hồ sơ bị loại: " + r); });
    }
    sheet.parts.forEach(function (part) {
      part.groups.forEach(function (g) {
        g.criteria.forEach(function (c, i) {
          var opt = option(c, chosen[c.code]);
          var counts = notApplicable.indexOf(c.code) === -1 && !gated[c.code];
          points[c.code] = opt && counts ? opt.points : 0;
          var found = findings.indexOf(c.code) !== -1;
          c.notes.forEach(function (n) {
            if (n.kind === "rejection" && found) rejections.push(c.code + ": " + n.text);
            else if (n.kind === "eligibility" && found) {
              rejections.push("Không thuộc đối tượng đánh giá (" + c.code + "): " + n.text);
            } else if (n.kind === "gate") {
              var on = n.derived === "zero"
                ? notApplicable.indexOf(c.code) === -1 && points[c.code] === 0
                : n.derived === "zero_above"
                  ? g.criteria.slice(0, i).some(function (a) {
                    return notApplicable.indexOf(a.code) === -1 && points[a.code] === 0;
                  })
                  : found;
              if (!on) return;
              var codes = n.scope === "group" ? g.criteria.map(function (a) { return a.code; })
                : order;
              codes.slice(codes.indexOf(c.code) + 1).forEach(function (k) { gated[k] = true; });
            }
          });
        });
      });
    });
    var groups = {}, parts = {}, total = 0;
    sheet.parts.forEach(function (part) {
      parts[part.part] = 0;
      part.groups.forEach(function (g) {
        groups[g.code] = g.criteria.reduce(function (s, c) { return s + points[c.code]; }, 0);
        parts[part.part] += groups[g.code];
      });
      total += parts[part.part];
    });
    var gatedList = order.filter(function (k) { return gated[k]; });
    var result = { total: total, parts: parts, groups: groups, criteria: points,
                   not_applicable: notApplicable, gated: gatedList, rejections: rejections,
                   rejected: rejections.length > 0, band_stars: null, minima_stars: null,
                   stars: null, certifiable: false, unmet: [], next_stars: null,
                   points_needed: 0, blocking: [] };
    if (result.rejected) {
      result.verdict = "Bị loại, không xếp hạng: " + rejections.join("; ");
      return result;
    }
    var band = bandFor(total).stars;
    var levels = edition.star_bands.map(function (b) { return b.stars; })
      .sort(function (a, b) { return a - b; });
    var minima = 0;
    for (var li = 0; li < levels.length; li++) {
      if (blockers(points, notApplicable, chosen, levels[li]).length) break;
      minima = levels[li];
    }
    minima = minima || levels[0];
    var stars = minima >= band ? band : (recognised(minima) ? minima : null);
    var unmet = minima >= band ? [] : blockers(points, notApplicable, chosen, band);
    var reached = stars !== null ? stars : minima;
    var maxStars = levels[levels.length - 1];
    if (reached < maxStars) {
      var next = reached + 1;
      edition.star_bands.forEach(function (b) {
        if (b.stars === next) result.points_needed = Math.max(0, Math.ceil(b.from - total));
      });
      result.next_stars = next;
      result.blocking = blockers(points, notApplicable, chosen, next);
    }
    result.band_stars = band; result.minima_stars = minima; result.stars = stars;
    result.certifiable = stars !== null && recognised(stars);
    result.unmet = unmet;
    result.verdict = verdict(band, stars, unmet.map(function (b) { return b.criterion; }));
    return result;
  }

  /* --- reading and keeping the answers ------------------------------------------------------ */
  var FIELD_KEYS = { product: "sp", producer: "cs", date: "ng" };
  var FIELD_MAX = 120;
  var STATE_KEYS = ["a", "f", "d", "sp", "cs", "ng"];
  var fieldInputs = Array.prototype.slice.call(document.querySelectorAll("input[data-field]"));

  function readFields() {
    var fields = {};
    fieldInputs.forEach(function (input) {
      fields[input.dataset.field] = input.value.slice(0, FIELD_MAX);
    });
    return fields;
  }
  function readForm() {
    var chosen = {}, findings = [];
    criteria.forEach(function (c) {
      var checked = form.querySelector('input[type=radio][name="' + c.code + '"]:checked');
      if (checked && !checked.disabled) chosen[c.code] = checked.value;
    });
    form.querySelectorAll('input[name="finding"]:checked').forEach(function (box) {
      findings.push(box.value);
    });
    var dossier = form.querySelector('input[name="dossier_rejected"]');
    return { chosen: chosen, findings: findings, dossier: !!(dossier && dossier.checked),
             fields: readFields() };
  }
  function encode(state) {
    var pairs = criteria.filter(function (c) { return state.chosen[c.code] !== undefined; })
      .map(function (c) { return c.code + ":" + state.chosen[c.code]; });
    var out = "a=" + pairs.join(",");
    if (state.findings.length) out += "&f=" + state.findings.join(",");
    if (state.dossier) out += "&d=1";
    Object.keys(FIELD_KEYS).forEach(function (name) {
      var value = state.fields[name];
      if (value) out += "&" + FIELD_KEYS[name] + "=" + encodeURIComponent(value);
    });
    return out;
  }
  function parts(text) {
    return String(text || "").replace(/^#/, "").split("&").map(function (part) {
      var i = part.indexOf("=");
      return i < 0 ? [part, ""] : [part.slice(0, i), part.slice(i + 1)];
    });
  }
  /* Whether a fragment or stored text is a calculator state (not an anchor or junk). */
  function isState(text) {
    return parts(text).some(function (kv) { return STATE_KEYS.indexOf(kv[0]) !== -1; });
  }
  /* Any fragment or stored text is accepted: what cannot be read is ignored (a broken link
     must not hide the calculator). */
  function decode(text) {
    var state = { chosen: Object.create(null), findings: [], dossier: false, fields: {} };
    parts(text).forEach(function (kv) {
      var value;
      try { value = decodeURIComponent(kv[1]); } catch (e) { return; }
      if (kv[0] === "a") value.split(",").forEach(function (p) {
        var i = p.indexOf(":");
        if (i > 0) state.chosen[p.slice(0, i)] = p.slice(i + 1);
      });
      if (kv[0] === "f" && value) state.findings = value.split(",");
      if (kv[0] === "d") state.dossier = value === "1";
      Object.keys(FIELD_KEYS).forEach(function (name) {
        if (kv[0] === FIELD_KEYS[name]) state.fields[name] = value.slice(0, FIELD_MAX);
      });
    });
    return state;
  }
  function apply(state) {
    form.querySelectorAll("input[type=radio]").forEach(function (r) {
      r.checked = state.chosen[r.name] === r.value;
    });
    form.querySelectorAll('input[name="finding"]').forEach(function (b) {
      b.checked = state.findings.indexOf(b.value) !== -1;
    });
    var dossier = form.querySelector('input[name="dossier_rejected"]');
    if (dossier) dossier.checked = state.dossier;
    fieldInputs.forEach(function (input) {
      input.value = state.fields[input.dataset.field] || "";
    });
  }

  /* --- wording: one sentence each for the band, the minima and the outcome ----------------- */
  var lowestMarker = null;
  criteria.forEach(function (c) {
    c.options.forEach(function (o) {
      if (o.marker !== null && (lowestMarker === null || o.marker < lowestMarker)) {
        lowestMarker = o.marker;
      }
    });
  });
  function range(stars) {
    var b = edition.star_bands.filter(function (x) { return x.stars === stars; })[0];
    if (b.below === null) return "từ " + b.from + " đến 100 điểm";
    if (!b.from) return "dưới " + b.below + " điểm";
    return "từ " + b.from + " đến dưới " + b.below + " điểm";
  }
  function wording(r) {
    if (r.rejected) {
      return { band: "", minima: "", outcome: "Kết quả: bị loại, không xếp hạng.",
               short: "bị loại, không xếp hạng" };
    }
    var band = r.band_stars, stars = r.stars, out = {};
    var codes = r.unmet.map(function (b) { return b.criterion; }).join(", ");
    out.band = "Theo tổng điểm: " + band + " sao (" + r.total + " điểm, trong khoảng " +
      range(band) + ").";
    if (lowestMarker === null) {
      out.minima = "Phiếu này không có ô tối thiểu (ô có dấu sao).";
    } else if (band < lowestMarker) {
      out.minima = "Hạng " + band + " sao không có ô tối thiểu; ô tối thiểu (ô có dấu sao) " +
        "chỉ đặt cho hạng " + lowestMarker + " sao trở lên.";
    } else if (!r.unmet.length) {
      out.minima = "Đạt mọi ô tối thiểu (ô có dấu sao) của hạng " + band + " sao.";
    } else {
      out.minima = "Chưa đạt ô tối thiểu của hạng " + band + " sao ở tiêu chí " + codes + "; " +
        (stars !== null ? "các ô tối thiểu chỉ đủ cho hạng " + stars + " sao."
          : "các ô tối thiểu chưa đủ cho hạng nào được công nhận.");
    }
    if (stars === null) {
      out.outcome = "Kết quả: chưa đủ điều kiện để được công nhận ở hạng nào.";
      out.short = "chưa được công nhận";
    } else if (stars < band) {
      out.outcome = "Kết quả: " + stars + " sao, hạng được công nhận và cấp giấy chứng " +
        "nhận; thấp hơn hạng theo tổng điểm vì còn thiếu ô tối thiểu.";
      out.short = stars + " sao (thiếu ô tối thiểu)";
    } else if (r.certifiable) {
      out.outcome = "Kết quả: " + stars + " sao, hạng được công nhận và cấp giấy chứng nhận.";
      out.short = stars + " sao";
    } else {
      out.outcome = "Kết quả: " + stars + " sao; hạng " + stars + " sao không được công " +
        "nhận và không được cấp giấy chứng nhận.";
      out.short = stars + " sao, không công nhận";
    }
    return out;
  }
  /* An option by its words (with its case, inside cases), never by its number. */
  function optionText(c, key) {
    var opt = option(c, key);
    if (!opt) return null;
    var kase = (c.cases || []).filter(function (k) { return k.options.indexOf(key) !== -1; })[0];
    return (kase ? kase.name + ": " : "") + opt.text;
  }

  /* --- showing the result ----------------------------------------------------------------- */
  var out = document.getElementById("ocop-result");
  var detail = document.getElementById("ocop-detail");
  if (!out || !detail) return;
  var body = detail.querySelector(".ocop-result-body");
  var shareInput = detail.querySelector(".ocop-share-link");
  var qrBox = detail.querySelector(".ocop-qr-code");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
  }
  function criterionId(code) { return "ocop-c-" + code; }
  function jumpLink(c) {
    var a = el("a", "Tiêu chí " + c.code + ". " + c.name);
    a.href = "#" + criterionId(c.code);
    a.dataset.jump = c.code;
    return a;
  }
  function adviceItem(b) {
    var c = byCode[b.criterion], li = el("li"), need = option(c, b.needed);
    li.appendChild(jumpLink(c));
    var current = optionText(c, b.current);
    li.appendChild(document.createTextNode(": cần đạt ít nhất “" + optionText(c, b.needed) +
      "” (" + b.needed_points + " điểm, ô tối thiểu " + need.marker + " sao); hiện " +
      (current ? "đang ở “" + current + "”." : "chưa đạt lựa chọn nào.")));
    return li;
  }
  function advice(r) {
    var box = document.createDocumentFragment();
    if (r.rejected) return box;
    if (r.next_stars === null) {
      box.appendChild(el("p", "Sản phẩm đã ở hạng cao nhất."));
      return box;
    }
    var list = el("ul", undefined, "ocop-advice");
    if (r.points_needed) {
      list.appendChild(el("li", "Cần thêm ít nhất " + r.points_needed + " điểm (hạng " +
        r.next_stars + " sao là " + range(r.next_stars) + ")."));
    }
    r.blocking.forEach(function (b) { list.appendChild(adviceItem(b)); });
    box.appendChild(el("h3", (r.stars === null ? "Để được công nhận " : "Để lên ") +
      r.next_stars + " sao"));
    box.appendChild(list);
    var more = r.unmet.filter(function (u) {
      return !r.blocking.some(function (b) {
        return b.criterion === u.criterion && b.needed === u.needed;
      });
    });
    if (more.length && r.band_stars > r.next_stars) {
      var rest = el("ul", undefined, "ocop-advice");
      more.forEach(function (b) { rest.appendChild(adviceItem(b)); });
      box.appendChild(el("h3", "Để được công nhận " + r.band_stars + " sao (hạng theo tổng " +
        "điểm)"));
      box.appendChild(rest);
    }
    return box;
  }
  function partsTable(r) {
    var names = {};
    (edition.parts || []).forEach(function (p) { names[p.code] = p.name; });
    var table = el("table", undefined, "ocop-result-parts"), tbody = el("tbody");
    sheet.parts.forEach(function (part) {
      var row = el("tr");
      row.appendChild(el("th", "Phần " + part.part + (names[part.part] ? ". " +
        names[part.part] : "")));
      row.appendChild(el("td", r.parts[part.part] + "/" + part.max));
      tbody.appendChild(row);
    });
    var total = el("tr", undefined, "ocop-result-total");
    total.appendChild(el("th", "Tổng điểm"));
    total.appendChild(el("td", r.total + "/100"));
    tbody.appendChild(total);
    table.appendChild(tbody);
    return table;
  }
  function showDetail(r, words, unanswered) {
    body.textContent = "";
    body.appendChild(partsTable(r));
    [["band", "ocop-band"], ["minima", "ocop-minima"], ["outcome", "ocop-outcome"]]
      .forEach(function (pair) {
        if (words[pair[0]]) body.appendChild(el("p", words[pair[0]], pair[1]));
      });
    if (r.rejected) {
      var reasons = el("ul", undefined, "ocop-rejected");
      r.rejections.forEach(function (text) { reasons.appendChild(el("li", text)); });
      body.appendChild(reasons);
    }
    if (r.gated.length) {
      body.appendChild(el("p", "Không chấm (điều kiện dừng đánh giá): tiêu chí " +
        r.gated.join(", ") + "."));
    }
    if (unanswered) {
      body.appendChild(el("p", "Còn " + unanswered + " tiêu chí chưa chọn (đang tính 0 điểm).",
        "ocop-unanswered"));
    }
    body.appendChild(advice(r));
    body.appendChild(el("p", "Kết quả tự đánh giá chỉ để tham khảo; hạng chính thức do Hội " +
      "đồng đánh giá quyết định.", "ocop-disclaimer"));
  }
  function showSummary(r, words, unanswered) {
    var line = out.querySelector(".ocop-summary-line");
    line.textContent = "";
    line.appendChild(el("strong", r.total + "/100 điểm"));
    line.appendChild(document.createTextNode(" · "));
    line.appendChild(el("strong", words.short, r.rejected ? "ocop-rejected" : "ocop-stars"));
    out.querySelector(".ocop-summary-left").textContent = unanswered
      ? " · còn " + unanswered + " chưa chọn" : "";
  }
  function showFields(fields) {
    document.querySelectorAll("[data-field-print]").forEach(function (node) {
      node.textContent = fields[node.dataset.fieldPrint] || "";
    });
  }

  /* --- the share link and its QR code ------------------------------------------------------ */
  var qrSource = script ? new URL("../vendor/qrcode-generator/qrcode.js", script).href : null;
  /* A copy opened from disk shares the page's address on the published site, if it has one:
     nobody else can open a file:// address. */
  var online = location.protocol === "file:" ? detail.querySelector(".ocop-share")
    .getAttribute("data-online") : "";
  function shareLink(encoded) {
    return (online || location.href.split("#")[0]) + "#" + encoded;
  }
  function drawQr(link) {
    if (typeof window.qrcode !== "function" || !qrBox) return;
    var qr = null;
    ["M", "L"].some(function (level) {
      try {
        qr = window.qrcode(0, level);
        qr.addData(link, "Byte");
        qr.make();
        return true;
      } catch (e) { qr = null; return false; }  /* too long for this level */
    });
    qrBox.textContent = "";
    if (!qr) {
      qrBox.appendChild(el("p", "Đường dẫn quá dài để in thành mã QR."));
      return;
    }
    var ns = "http://www.w3.org/2000/svg", n = qr.getModuleCount(), quiet = 4, d = [];
    for (var row = 0; row < n; row++) {
      for (var col = 0; col < n; col++) {
        if (qr.isDark(row, col)) d.push("M" + (col + quiet) + " " + (row + quiet) + "h1v1h-1z");
      }
    }
    var size = n + 2 * quiet, svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 " + size + " " + size);
    svg.setAttribute("shape-rendering", "crispEdges");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", "Mã QR của đường dẫn phiếu");
    var back = document.createElementNS(ns, "rect");
    back.setAttribute("width", String(size));
    back.setAttribute("height", String(size));
    back.setAttribute("fill", "#fff");
    var path = document.createElementNS(ns, "path");
    path.setAttribute("d", d.join(""));
    path.setAttribute("fill", "#000");
    svg.appendChild(back);
    svg.appendChild(path);
    qrBox.appendChild(svg);
  }
  function loadQr() {
    if (typeof window.qrcode === "function" || !qrSource) return;
    var tag = document.createElement("script");
    tag.src = qrSource;
    tag.onload = function () {
      if (window.qrcode.stringToBytesFuncs && window.qrcode.stringToBytesFuncs["UTF-8"]) {
        window.qrcode.stringToBytes = window.qrcode.stringToBytesFuncs["UTF-8"];
      }
      drawQr(shareInput.value);
    };
    document.head.appendChild(tag);
  }

  function render() {
    var state = readForm();
    criteria.forEach(function (c) {
      var on = applies(c, state.chosen);
      form.querySelectorAll('input[type=radio][name="' + c.code + '"]').forEach(function (r) {
        r.disabled = !on;
      });
      var box = form.querySelector('fieldset[data-criterion="' + c.code + '"]');
      if (box) box.classList.toggle("ocop-na", !on);
    });
    state = readForm();
    var r = score(state.chosen, state.findings, state.dossier);
    out.dataset.total = String(r.total);
    out.dataset.stars = String(r.stars);
    out.dataset.bandStars = String(r.band_stars);
    out.dataset.minimaStars = String(r.minima_stars);
    out.dataset.certifiable = r.certifiable ? "true" : "false";
    out.dataset.rejected = r.rejected ? "true" : "false";
    out.dataset.parts = JSON.stringify(r.parts);
    out.dataset.groups = JSON.stringify(r.groups);
    out.dataset.blocking = JSON.stringify(r.blocking);
    out.dataset.unmet = JSON.stringify(r.unmet);
    out.dataset.gated = JSON.stringify(r.gated);
    out.dataset.verdict = r.verdict;
    out.dataset.pointsNeeded = String(r.points_needed);
    var unanswered = criteria.filter(function (c) {
      return state.chosen[c.code] === undefined && applies(c, state.chosen);
    }).length;
    var words = wording(r);
    showSummary(r, words, unanswered);
    showDetail(r, words, unanswered);
    showFields(state.fields);
    sheet.parts.forEach(function (part) {
      part.groups.forEach(function (g) {
        var cell = form.querySelector('[data-group-total="' + g.code + '"]');
        if (cell) cell.textContent = r.groups[g.code] + "/" + g.max;
      });
      var pcell = form.querySelector('[data-part-total="' + part.part + '"]');
      if (pcell) pcell.textContent = r.parts[part.part] + "/" + part.max;
    });
    var encoded = encode(state);
    try { localStorage.setItem(storeKey, encoded); } catch (e) { /* private mode */ }
    if (location.hash.slice(1) !== encoded) history.replaceState(null, "", "#" + encoded);
    var link = shareLink(encoded);
    if (shareInput.value !== link) {
      shareInput.value = link;
      drawQr(link);
    }
  }

  /* --- moving around: the summary's link and the links to criteria, without a new fragment - */
  function jumpTo(target, focusable) {
    target.scrollIntoView({ block: "start" });
    if (focusable) focusable.focus({ preventScroll: true });
  }
  out.querySelector("[data-action=detail]").addEventListener("click", function (event) {
    event.preventDefault();
    jumpTo(detail, detail);
  });
  detail.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-jump]");
    if (!link) return;
    event.preventDefault();
    var box = document.getElementById(criterionId(link.dataset.jump));
    if (!box) return;
    jumpTo(box, box.querySelector("input:checked:not(:disabled)") ||
      box.querySelector("input:not(:disabled)"));
  });

  /* --- copy, print, reset with a question first and an undo after ------------------------- */
  var copyStatus = detail.querySelector(".ocop-copy-status");
  function copied(ok) {
    copyStatus.textContent = ok ? "Đã sao chép đường dẫn."
      : "Không tự sao chép được: hãy chọn đường dẫn ở trên rồi sao chép.";
  }
  function copyBySelection() {
    shareInput.focus();
    shareInput.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    copied(ok);
  }
  detail.querySelector("[data-action=copy]").addEventListener("click", function () {
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareInput.value).then(function () { copied(true); },
        copyBySelection);
    } else {
      copyBySelection();
    }
  });
  document.querySelectorAll("[data-action=print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
  var UNDO_SECONDS = 15;
  var resetButton = detail.querySelector("[data-action=reset]");
  var confirmBox = detail.querySelector(".ocop-confirm");
  var undoBox = detail.querySelector(".ocop-undo");
  var undoState = null, undoTimer = null;
  function askReset(open) {
    confirmBox.hidden = !open;
    resetButton.setAttribute("aria-expanded", open ? "true" : "false");
    (open ? confirmBox.querySelector("[data-action=reset-cancel]") : resetButton).focus();
  }
  function endUndo(message) {
    clearTimeout(undoTimer);
    undoState = null;
    undoBox.textContent = message || "";
  }
  resetButton.addEventListener("click", function () { askReset(confirmBox.hidden); });
  confirmBox.addEventListener("keydown", function (event) {
    if (event.key === "Escape") askReset(false);
  });
  confirmBox.querySelector("[data-action=reset-cancel]").addEventListener("click", function () {
    askReset(false);
  });
  confirmBox.querySelector("[data-action=reset-confirm]").addEventListener("click", function () {
    var before = readForm();
    apply({ chosen: {}, findings: [], dossier: false, fields: before.fields });
    confirmBox.hidden = true;
    resetButton.setAttribute("aria-expanded", "false");
    render();
    endUndo();
    undoState = before;
    undoBox.appendChild(document.createTextNode("Đã xóa các lựa chọn. "));
    var undo = el("button", "Hoàn tác", "md-button");
    undo.type = "button";
    undo.dataset.action = "undo";
    undo.addEventListener("click", function () {
      var state = undoState;
      if (!state) return;
      apply(state);
      render();
      endUndo("Đã khôi phục các lựa chọn.");
      undoTimer = setTimeout(endUndo, UNDO_SECONDS * 1000);
    });
    undoBox.appendChild(undo);
    undo.focus();
    undoTimer = setTimeout(endUndo, UNDO_SECONDS * 1000);
  });

  var initial = isState(location.hash) ? location.hash : null;
  if (!initial) { try { initial = localStorage.getItem(storeKey); } catch (e) { initial = null; } }
  if (initial) apply(decode(initial));
  /* A new choice after "Làm lại từ đầu" ends the undo: it would bring back the old answers
     over the new ones. */
  form.addEventListener("change", function () { if (undoState) endUndo(); render(); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  fieldInputs.forEach(function (input) { input.addEventListener("input", render); });
  window.addEventListener("hashchange", function () {
    if (isState(location.hash)) apply(decode(location.hash));
    render();
  });
  out.hidden = false;
  detail.hidden = false;
  form.classList.add("ocop-calc-live");
  document.querySelectorAll(".ocop-calc-fields").forEach(function (box) {
    box.classList.add("ocop-calc-live");
  });
  if (location.protocol === "file:") {
    detail.querySelector(online ? ".ocop-share-online" : ".ocop-share-local").hidden = false;
  }
  render();
  loadQr();
})();
