/* bulletin default theme: print button, expiry check, search prefetch (docs/templates.md);
   the reading aids and checklist ticks are in tools.js. */
(function () {
  "use strict";
  var doc = document;
  function each(sel, fn) {
    var list = doc.querySelectorAll(sel);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }

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
