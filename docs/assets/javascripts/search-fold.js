/* ocopkit: Vietnamese search that forgives missing diacritics.
 *
 * Loaded before Material's bundle (as a polyfill), it wraps the search worker:
 * - queries are normalised to NFC, so text typed in decomposed Unicode matches the index;
 * - results whose title or text contain the whole query as a phrase come first: the exact
 *   (accented) phrase first, then the phrase with diacritics folded (so "dong thap" puts the
 *   page about "Đồng Tháp" above pages that only have "cộng đồng" and "thấp").
 * The index itself carries folded words (added at build time by ocopkit.search); folding here
 * mirrors ocopkit.search.fold_diacritics.
 */
(function () {
  "use strict";
  var Base = window.Worker;
  if (typeof Base !== "function") return;

  function fold(text) {
    return text.replace(/[đð]/g, "d").replace(/[ĐÐ]/g, "D").normalize("NFD")
      .replace(/[\u0300-\u036f]/g, "").normalize("NFC").toLowerCase();
  }
  function plain(html) {
    return String(html || "").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
  }
  function phraseRank(group, exact, folded) {
    var best = 2;
    for (var i = 0; i < group.length; i++) {
      var doc = group[i], hay = plain(doc.title) + " " + plain(doc.text);
      if (exact && hay.toLowerCase().indexOf(exact) !== -1) return 0;
      if (folded && fold(hay).indexOf(folded) !== -1) best = 1;
    }
    return best;
  }
  function rerank(items, query) {
    var words = query.trim().split(/\s+/);
    if (words.length < 2) return items;
    var exact = words.join(" ").toLowerCase(), folded = fold(exact);
    return items.map(function (group, i) {
      return { group: group, i: i, rank: phraseRank(group, exact, folded) };
    }).sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
      .map(function (entry) { return entry.group; });
  }

  function SearchWorker(url, options) {
    var worker = new Base(url, options);
    var query = "";
    var post = worker.postMessage.bind(worker);
    worker.postMessage = function (message, transfer) {
      if (message && message.type === 2 && typeof message.data === "string") {
        query = message.data.normalize("NFC");
        message = { type: 2, data: query };
      }
      return transfer === undefined ? post(message) : post(message, transfer);
    };
    var listen = worker.addEventListener.bind(worker);
    worker.addEventListener = function (type, handler, opts) {
      if (type !== "message" || typeof handler !== "function") return listen(type, handler, opts);
      return listen(type, function (event) {
        var data = event.data;
        if (data && data.type === 3 && data.data && Array.isArray(data.data.items)) {
          var items = rerank(data.data.items, query);
          data = { type: 3, data: Object.assign({}, data.data, { items: items }) };
          return handler({ data: data, target: event.target, type: event.type });
        }
        return handler(event);
      }, opts);
    };
    return worker;
  }
  SearchWorker.prototype = Base.prototype;
  window.Worker = SearchWorker;
})();
