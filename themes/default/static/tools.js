/* bulletin default theme: reading aids (large text, high contrast, wider spacing, read
   aloud), checklist ticks kept per page, the menu open on wide screens (docs/templates.md).
   Everything is here, offline: no vendor's toolbar script. */
(function () {
  "use strict";
  var doc = document, html = doc.documentElement, win = window;
  function each(sel, fn) {
    var list = doc.querySelectorAll(sel);
    for (var i = 0; i < list.length; i++) fn(list[i]);
  }
  /* localStorage may throw (file:// in some browsers, private mode): then a choice lasts
     for this page only. */
  function load(key) { try { return localStorage.getItem(key); } catch (e) { return null; } }
  function save(key, value) {
    try { if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, value); } catch (e) {}
  }

  /* Modes: a class on <html> (set before paint by the <head> script), remembered as
     "bulletin-<mode>". [data-large-toggle] is the switch older themes wrote. */
  function has(mode) { return (" " + html.className + " ").indexOf(" " + mode + " ") >= 0; }
  function modeOf(b) { return b.getAttribute("data-mode") || "large"; }
  function show() {
    each("[data-mode],[data-large-toggle]", function (b) { b.setAttribute("aria-pressed", String(has(modeOf(b)))); });
  }
  each("[data-mode],[data-large-toggle]", function (b) {
    b.addEventListener("click", function () {
      var mode = modeOf(b), on = !has(mode);
      html.className = (" " + html.className + " ").replace(" " + mode + " ", " ").trim() + (on ? " " + mode : "");
      save("bulletin-" + mode, on ? "1" : null);
      show();
    });
  });
  show();

  /* Read aloud: the page's main text, in the browser's own Chinese voice. Shown only when
     there is one; pressed again, it stops. Long text goes in sentences, as some engines
     stop after a few hundred characters. */
  var speech = win.speechSynthesis, Utterance = win.SpeechSynthesisUtterance;
  function voice() {
    var lang = (html.getAttribute("lang") || "zh").slice(0, 2).toLowerCase(), all = speech.getVoices() || [];
    for (var i = 0; i < all.length; i++) if (String(all[i].lang).toLowerCase().indexOf(lang) === 0) return all[i];
    return null;
  }
  function speakButtons(fn) { each("[data-speak]", fn); }
  function offerSpeech() {
    var ok = !!voice();
    speakButtons(function (b) { b.hidden = !ok; });
  }
  if (speech && Utterance) {
    offerSpeech();
    if (speech.addEventListener) speech.addEventListener("voiceschanged", offerSpeech);
    speakButtons(function (b) {
      b.addEventListener("click", function () {
        var pressed = b.getAttribute("aria-pressed") === "true";
        speech.cancel();
        if (pressed) { b.setAttribute("aria-pressed", "false"); return; }
        var main = doc.getElementById("main"), v = voice();
        var parts = String(main ? main.innerText : "").match(/[^。！？；\n]+[。！？；]?/g) || [];
        parts = parts.filter(function (p) { return /\S/.test(p); });
        if (!parts.length || !v) return;
        b.setAttribute("aria-pressed", "true");
        parts.forEach(function (text, i) {
          var u = new Utterance(text);
          u.voice = v;
          u.lang = v.lang;
          if (i === parts.length - 1) u.onend = u.onerror = function () { b.setAttribute("aria-pressed", "false"); };
          speech.speak(u);
        });
      });
    });
  }

  /* Checklist ticks, kept per page on this device until 清空. */
  var KEY = "bulletin-ticks:" + location.pathname;
  var boxes = doc.querySelectorAll(".checklist input[type=checkbox]");
  var ticked = (load(KEY) || "").split(",");
  function remember() {
    var on = [];
    for (var i = 0; i < boxes.length; i++) if (boxes[i].checked) on.push(i);
    save(KEY, on.length ? on.join(",") : null);
  }
  for (var i = 0; i < boxes.length; i++) {
    if (ticked.indexOf(String(i)) >= 0) boxes[i].checked = true;
    boxes[i].addEventListener("change", remember);
  }
  each("[data-ticks-clear]", function (b) {
    b.addEventListener("click", function () {
      for (var i = 0; i < boxes.length; i++) boxes[i].checked = false;
      remember();
    });
  });

  /* Wide screens show the menu always; style.css does it where browsers let it style a
     closed <details>, this does it elsewhere. */
  if (win.matchMedia && win.matchMedia("(min-width:40em)").matches) each("[data-menu]", function (d) { d.open = true; });
})();
