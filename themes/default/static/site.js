/* bulletin default theme: large-text switch, print button, expiry check (docs/templates.md). */
(function () {
  "use strict";
  var doc = document, html = doc.documentElement, KEY = "bulletin-large";
  function each(sel, fn) {
    var list = doc.querySelectorAll(sel);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

  /* Large text: the <head> script sets the class before paint; localStorage may throw
     (file://, private mode), then the choice lasts for this page only. */
  function isLarge() { return /(^|\s)large(\s|$)/.test(html.className); }
  function setLarge(on) {
    html.className = html.className.replace(/(^|\s)large(?=\s|$)/g, "") + (on ? " large" : "");
    each("[data-large-toggle]", function (b) { b.setAttribute("aria-pressed", String(on)); });
    try { if (on) localStorage.setItem(KEY, "1"); else localStorage.removeItem(KEY); } catch (e) {}
  }
  each("[data-large-toggle]", function (b) {
    b.setAttribute("aria-pressed", String(isLarge()));
    b.addEventListener("click", function () { setLarge(!isLarge()); });
  });

  each("[data-print]", function (b) {
    b.addEventListener("click", function () { window.print(); });
  });

  /* Past its data-expires (RFC 3339) by the reader's clock, an element gets "is-expired",
     shows its [data-when-expired] and hides its [data-until-expired]; with
     data-hide-when-expired (urgent banners) it is hidden, and an empty banner box too. */
  function checkExpiry() {
    var now = Date.now();
    each("[data-expires]", function (el) {
      var at = Date.parse(el.getAttribute("data-expires"));
      if (isNaN(at) || now < at || el.getAttribute("data-expired")) return;
      el.setAttribute("data-expired", "1");
      if (el.hasAttribute("data-hide-when-expired")) { el.hidden = true; return; }
      el.className += " is-expired";
      var i, show = el.querySelectorAll("[data-when-expired]"), hide = el.querySelectorAll("[data-until-expired]");
      for (i = 0; i < show.length; i++) show[i].hidden = false;
      for (i = 0; i < hide.length; i++) hide[i].hidden = true;
    });
    each("[data-urgent]", function (box) {
      if (!box.querySelector("li:not([hidden])")) box.hidden = true;
    });
  }
  /* Search code fetched while a resident types in a search box */
  each("[data-prefetch]", function (form) {
    form.addEventListener("focusin", function () {
      form.getAttribute("data-prefetch").split(" ").forEach(function (href) {
        var link = doc.createElement("link");
        link.rel = "prefetch";
        link.href = href;
        doc.head.appendChild(link);
      });
    }, { once: true });
  });

  checkExpiry();
  setInterval(checkExpiry, 300000); /* a kiosk may keep a page open for days */
})();
