/* ocopkit: the service worker of an online site (ocopkit.render.savesite).
 *
 * - Every page and file the reader opens is fetched from the network first and kept in this
 *   build's cache; without a network the kept copy answers (pages not kept: the site's 404).
 * - The home page's button asks it to store every file of offline-files.json (PDFs if asked).
 * - A new build has a new VERSION, so a new worker: it stores the new files (all of them if the
 *   reader had saved the site) before taking over, then deletes the old build's cache.
 */
"use strict";

var VERSION = __VERSION__;
var CACHE = "ocop-" + VERSION;
var LIST = __FILE_LIST__;
var MARK = "ocop-saved.json"; /* in a cache: the reader saved the whole site ({"pdfs": …}) */

function scoped(path) { return new URL(path, self.registration.scope).href; }

function listOf() {
  return fetch(scoped(LIST), { cache: "no-store" }).then(function (response) {
    if (!response.ok) throw new Error("offline-files.json: " + response.status);
    return response.json();
  });
}

function store(cache, list, pdfs, progress) {
  /* Every file of the list into ``cache``, a few at a time; a failure fails the whole. */
  var entries = list.files.concat(pdfs ? list.pdfs : []);
  var done = 0, next = 0;
  function worker() {
    if (next >= entries.length) return Promise.resolve();
    var url = scoped(entries[next++][0]);
    return fetch(url, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return cache.put(url, response);
    }).then(function () {
      done += 1;
      if (progress) progress(done, entries.length);
      return worker();
    });
  }
  return Promise.all([worker(), worker(), worker(), worker()]).then(function () {
    return cache.put(scoped(MARK), new Response(JSON.stringify({ pdfs: !!pdfs }),
                                                { headers: { "Content-Type": "application/json" } }));
  });
}

function savedBefore() {
  /* {"pdfs": …} if an older build's cache holds the mark, else null. */
  return caches.keys().then(function (keys) {
    var old = keys.filter(function (key) { return key.indexOf("ocop-") === 0 && key !== CACHE; });
    return old.reduce(function (found, key) {
      return found.then(function (value) {
        if (value) return value;
        return caches.open(key).then(function (cache) { return cache.match(scoped(MARK)); })
          .then(function (response) { return response ? response.json() : null; });
      });
    }, Promise.resolve(null));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(savedBefore().then(function (saved) {
    if (!saved) return undefined;
    return Promise.all([caches.open(CACHE), listOf()]).then(function (both) {
      return store(both[0], both[1], saved.pdfs, null);
    });
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("ocop-") === 0 && key !== CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (url.href === scoped(LIST) || url.href === scoped("sw.js")) return;
  event.respondWith(caches.open(CACHE).then(function (cache) {
    return fetch(request).then(function (response) {
      if (response.ok && response.type === "basic") cache.put(request, response.clone());
      return response;
    }, function (error) {
      return cache.match(request, { ignoreSearch: true }).then(function (kept) {
        if (kept) return kept;
        if (request.mode === "navigate") {
          return cache.match(scoped("404.html")).then(function (page) {
            if (page) return page;
            throw error;
          });
        }
        throw error;
      });
    });
  }));
});

self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "save") return;
  var client = event.source;
  function tell(message) { if (client) client.postMessage(message); }
  event.waitUntil(Promise.all([caches.open(CACHE), listOf()]).then(function (both) {
    return store(both[0], both[1], data.pdfs, function (done, total) {
      tell({ type: "progress", done: done, total: total });
    });
  }).then(function () { tell({ type: "saved", version: VERSION }); },
          function (error) { tell({ type: "failed", message: String(error) }); }));
});
