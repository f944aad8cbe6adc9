/* ocopkit: register the site's service worker; run the home page's "save" button
 * (ocopkit.render.savesite). Online builds only. */
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || location.protocol === "file:") return;
  var base;
  try {
    base = new URL(JSON.parse(document.getElementById("__config").textContent).base,
                   location.href);
  } catch (error) { return; }
  navigator.serviceWorker.register(new URL(__SERVICE_WORKER__, base).href,
                                   { scope: base.href }).catch(function () {});

  function megabytes(bytes) {
    return (bytes / 1048576).toLocaleString("vi-VN", { maximumFractionDigits: 1 }) + " MB";
  }
  var sizes = document.querySelector(".ocop-save-sizes");
  var box = document.querySelector(".ocop-save");
  if (!box && !sizes) return;
  var listed = fetch(new URL(__FILE_LIST__, base).href, { cache: "no-store" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .catch(function () { return null; });
  if (sizes) {
    listed.then(function (list) {
      if (!list) return;
      sizes.querySelector("[data-ocop-size='files']").textContent =
        list.files.length + " tệp, " + megabytes(list.bytes);
      sizes.querySelector("[data-ocop-size='pdfs']").textContent =
        list.pdfs.length + " tệp, " + megabytes(list.pdf_bytes);
      sizes.hidden = false;
    });
  }
  if (!box) return;
  var none = document.querySelector(".ocop-save-none");
  var status = box.querySelector(".ocop-save-status");
  var button = box.querySelector("[data-action='save-site']");
  var pdfs = box.querySelector("input[name='save-pdfs']");

  function state(name, text) {
    box.setAttribute("data-state", name);
    status.textContent = text;
    button.disabled = name === "saving";
  }

  listed.then(function (list) {
    if (!list) return;
    box.querySelector(".ocop-save-size").textContent =
      "(" + list.files.length + " tệp, " + megabytes(list.bytes) + ")";
    box.querySelector(".ocop-save-pdf-size").textContent =
      "(thêm " + list.pdfs.length + " tệp, " + megabytes(list.pdf_bytes) + ")";
    box.hidden = false;
    if (none) none.hidden = true;
  });

  navigator.serviceWorker.addEventListener("message", function (event) {
    var data = event.data || {};
    if (data.type === "progress") {
      state("saving", "Đang lưu: " + data.done + "/" + data.total + " tệp…");
    } else if (data.type === "saved") {
      state("saved", "Đã lưu xong. Trên máy này, trang đọc được cả khi không có mạng; khi trang "
            + "được cập nhật, bản lưu tự thay bằng bản mới lần sau bạn mở trang có mạng.");
    } else if (data.type === "failed") {
      state("failed", "Chưa lưu được (mạng bị ngắt?). Hãy thử lại khi có mạng.");
    }
  });
  button.addEventListener("click", function () {
    state("saving", "Đang chuẩn bị…");
    navigator.serviceWorker.ready.then(function (registration) {
      registration.active.postMessage({ type: "save", pdfs: pdfs.checked });
    });
  });
})();
