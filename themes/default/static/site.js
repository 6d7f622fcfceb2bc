/* bulletin default theme: the large-text switch, the print button and the expiry check.
   Plain ES5, no dependencies; every part works from file:// and fails quietly. */
(function () {
  "use strict";
  var doc = document;
  var html = doc.documentElement;
  var KEY = "bulletin-large";

  function each(selector, fn) {
    var list = doc.querySelectorAll(selector);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  /* Large text (适老化). The class is set before paint by the inline script in <head>;
     here the buttons get their state and flip it. localStorage may throw (file://,
     private mode): then the choice lasts for this page only. */
  function isLarge() { return /(^|\s)large(\s|$)/.test(html.className); }
  function setLarge(on) {
    html.className = html.className.replace(/(^|\s)large(?=\s|$)/g, "") + (on ? " large" : "");
    each("[data-large-toggle]", function (b) { b.setAttribute("aria-pressed", on ? "true" : "false"); });
    try { if (on) localStorage.setItem(KEY, "1"); else localStorage.removeItem(KEY); } catch (e) { /* not stored */ }
  }
  each("[data-large-toggle]", function (b) {
    b.setAttribute("aria-pressed", isLarge() ? "true" : "false");
    b.addEventListener("click", function () { setLarge(!isLarge()); });
  });

  /* Print buttons (guides). */
  each("[data-print]", function (b) {
    b.addEventListener("click", function () { window.print(); });
  });

  /* Expiry that holds without a rebuild. An element with data-expires="<RFC 3339>" is past
     once the reader's clock passes it: it gets the class "is-expired"; inside it,
     [data-when-expired] is shown and [data-until-expired] hidden; an element that also has
     data-hide-when-expired (an urgent banner) is hidden, and an urgent list left empty too.
     The build stays the source of truth: this only ever moves things towards expired. */
  function checkExpiry() {
    var now = Date.now();
    each("[data-expires]", function (el) {
      var at = Date.parse(el.getAttribute("data-expires"));
      if (isNaN(at) || now < at || el.getAttribute("data-expired") === "1") return;
      el.setAttribute("data-expired", "1");
      if (el.hasAttribute("data-hide-when-expired")) { el.hidden = true; return; }
      el.className += " is-expired";
      var shown = el.querySelectorAll("[data-when-expired]");
      for (var i = 0; i < shown.length; i++) shown[i].hidden = false;
      var gone = el.querySelectorAll("[data-until-expired]");
      for (var j = 0; j < gone.length; j++) gone[j].hidden = true;
    });
    each("[data-urgent]", function (box) {
      if (!box.querySelector("li:not([hidden])")) box.hidden = true;
    });
  }
  checkExpiry();
  /* A kiosk may keep a page open for days. */
  window.setInterval(checkExpiry, 5 * 60 * 1000);
})();
