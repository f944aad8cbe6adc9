/* ocopkit self-assessment calculator: plain JavaScript, no framework, no request.
 *
 * The sheet is embedded in the page (<script type="application/json" id="ocop-sheet">, from
 * `ocopkit criteria export`). Scoring mirrors ocopkit.scoring exactly: option points; "0" or
 * nothing chosen scores 0; a criterion whose "applies_if" is not met scores 0; a gate stops the
 * rest of its group or of the sheet (its "scope"), found by the assessor or derived from zero
 * points; bands are half-open ("từ 70 đến dưới 90"); a level is recognised only when its marked
 * minima hold (else the highest level whose minima hold, if it is recognised at all); a
 * rejected or ineligible product gets no stars.
 */
(function () {
  "use strict";
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
    return { chosen: chosen, findings: findings, dossier: !!(dossier && dossier.checked) };
  }
  function encode(state) {
    var pairs = Object.keys(state.chosen).map(function (k) { return k + ":" + state.chosen[k]; });
    var out = "a=" + pairs.join(",");
    if (state.findings.length) out += "&f=" + state.findings.join(",");
    if (state.dossier) out += "&d=1";
    return out;
  }
  /* Any fragment or stored text is accepted: what cannot be read is ignored (a broken link
     must not hide the calculator). */
  function decode(text) {
    var state = { chosen: Object.create(null), findings: [], dossier: false };
    String(text || "").replace(/^#/, "").split("&").forEach(function (part) {
      var kv = part.split("="), value;
      try { value = decodeURIComponent(kv[1] || ""); } catch (e) { return; }
      if (kv[0] === "a") value.split(",").forEach(function (p) {
        var i = p.indexOf(":");
        if (i > 0) state.chosen[p.slice(0, i)] = p.slice(i + 1);
      });
      if (kv[0] === "f" && value) state.findings = value.split(",");
      if (kv[0] === "d") state.dossier = value === "1";
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
  }

  /* --- showing the result ----------------------------------------------------------------- */
  var out = document.getElementById("ocop-result");
  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (cls) node.className = cls;
    return node;
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
    var body = out.querySelector(".ocop-result-body");
    body.textContent = "";
    var unanswered = criteria.filter(function (c) {
      return state.chosen[c.code] === undefined && applies(c, state.chosen);
    }).length;
    body.appendChild(el("p", "Tổng điểm: " + r.total + "/100 (" + Object.keys(r.parts).map(
      function (p) { return "Phần " + p + ": " + r.parts[p]; }).join(", ") + ")", "ocop-total"));
    if (!r.rejected) {
      body.appendChild(el("p", "Hạng theo tổng điểm: " + r.band_stars + " sao. Đạt mọi yêu cầu " +
        "tối thiểu đến hạng " + r.minima_stars + " sao."));
    }
    body.appendChild(el("p", r.verdict + " — " + (r.certifiable
      ? "đủ điều kiện được công nhận, cấp giấy chứng nhận."
      : "chưa đủ điều kiện được công nhận."), r.rejected ? "ocop-rejected" : "ocop-stars"));
    if (r.gated.length) {
      body.appendChild(el("p", "Không chấm (điều kiện dừng đánh giá): tiêu chí " +
        r.gated.join(", ") + "."));
    }
    if (unanswered) {
      body.appendChild(el("p", "Còn " + unanswered + " tiêu chí chưa chọn (đang tính 0 điểm).",
        "ocop-unanswered"));
    }
    if (r.next_stars !== null && !r.rejected) {
      var list = el("ul");
      if (r.points_needed) {
        list.appendChild(el("li", "Để đạt " + r.next_stars + " sao: cần thêm " + r.points_needed +
          " điểm."));
      }
      r.blocking.forEach(function (b) {
        list.appendChild(el("li", "Để đạt " + b.stars + " sao: cải thiện tiêu chí " + b.criterion +
          " " + b.name + " (từ " + (b.current ? "lựa chọn " + b.current : "chưa đạt lựa chọn nào") +
          " lên lựa chọn " + b.needed + ")."));
      });
      if (list.children.length) body.appendChild(list);
    }
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
  }

  var initial = location.hash.length > 1 ? location.hash : null;
  if (!initial) { try { initial = localStorage.getItem(storeKey); } catch (e) { initial = null; } }
  if (initial) apply(decode(initial));
  form.addEventListener("change", render);
  var reset = form.querySelector("[data-action=reset]");
  if (reset) reset.addEventListener("click", function () {
    apply({ chosen: {}, findings: [], dossier: false });
    try { localStorage.removeItem(storeKey); } catch (e) { /* ignore */ }
    render();
  });
  var print = form.querySelector("[data-action=print]");
  if (print) print.addEventListener("click", function () { window.print(); });
  window.addEventListener("hashchange", function () { apply(decode(location.hash)); render(); });
  out.hidden = false;
  form.classList.add("ocop-calc-live");
  render();
})();
