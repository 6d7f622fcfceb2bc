// The desk in the browser: the live preview, rows to add, remove and reorder, tag chips,
// the overview's filter. Everything works without it (forms post as they are); this adds
// the preview while typing. Chinese input methods compose a word over several keystrokes:
// nothing is sent while a composition is open, and no field's value is ever rewritten
// while typing, so no character is lost or doubled.
(function () {
  "use strict";
  var form = document.getElementById("page-form");
  var composing = false;
  var timer = 0;
  var sent = 0;
  var EMPTY = '<p style="font:18px/1.6 sans-serif;padding:1rem">改好标红的错误后，这里会显示居民看到的样子。</p>';

  function schedule() {
    if (!form || !form.dataset.preview) return;
    clearTimeout(timer);
    timer = setTimeout(preview, 200);
  }

  function findingItem(f) {
    var li = document.createElement("li");
    li.className = f.error ? "is-error" : "is-warning";
    li.textContent = (f.error ? "错误：" : "提醒：") + f.message + (f.hint ? " " + f.hint : "");
    return li;
  }

  function showFindings(findings) {
    var lists = form.querySelectorAll("[data-findings]");
    var byKey = {};
    lists.forEach(function (ul) { ul.textContent = ""; byKey[ul.dataset.findings] = ul; });
    findings.forEach(function (f) {
      var ul = byKey[f.field || ""] || byKey[""];
      if (ul) ul.appendChild(findingItem(f));
      var box = ul && ul.closest(".more");
      if (box && f.field) box.open = true;
    });
  }

  function preview() {
    if (composing) return;
    var id = ++sent;
    var state = document.getElementById("preview-state");
    if (state) state.textContent = "正在更新…";
    var data = new FormData(form);
    // The photo is sent once, with 保存, not on every keystroke.
    data.delete("image:upload");
    fetch(form.dataset.preview, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (result) {
        if (id !== sent) return;
        var frame = document.getElementById("preview");
        if (frame) frame.srcdoc = result.html || EMPTY;
        showFindings(result.findings || []);
        if (state) {
          state.textContent = result.errors > 0 ? "有 " + result.errors + " 个错误" : "已更新";
        }
        form.dataset.previewed = String(id);
      })
      .catch(function () { if (state && id === sent) state.textContent = "预览暂时无法更新"; });
  }

  function rowTools(li) {
    if (li.querySelector(".row-tools")) return;
    var tools = document.createElement("span");
    tools.className = "row-tools";
    [["↑", "上移", -1], ["↓", "下移", 1], ["✕", "删除这一项", 0]].forEach(function (t) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = t[0];
      b.setAttribute("aria-label", t[1]);
      b.addEventListener("click", function () {
        var list = li.parentNode;
        if (t[2] === 0) {
          if (list.children.length > 1) list.removeChild(li);
          else li.querySelectorAll("input").forEach(function (i) { i.value = ""; });
        } else if (t[2] < 0 && li.previousElementSibling) {
          list.insertBefore(li, li.previousElementSibling);
        } else if (t[2] > 0 && li.nextElementSibling) {
          list.insertBefore(li.nextElementSibling, li);
        }
        b.focus();
        schedule();
      });
      tools.appendChild(b);
    });
    li.appendChild(tools);
  }

  function setUpRows(list) {
    Array.prototype.forEach.call(list.children, rowTools);
    var add = document.createElement("button");
    add.type = "button";
    add.className = "small";
    add.textContent = "＋ 加一项";
    add.addEventListener("click", function () {
      var last = list.lastElementChild;
      var row = last.cloneNode(true);
      row.querySelectorAll("input").forEach(function (i) { i.value = ""; });
      row.querySelectorAll("select").forEach(function (s) { s.selectedIndex = 0; });
      var tools = row.querySelector(".row-tools");
      if (tools) row.removeChild(tools);
      list.appendChild(row);
      rowTools(row);
      var first = row.querySelector("input");
      if (first) first.focus();
    });
    list.parentNode.appendChild(add);
  }

  function setUpTags(input) {
    var chips = document.createElement("div");
    chips.className = "tag-chips";
    chips.setAttribute("role", "group");
    chips.setAttribute("aria-label", "已有的标签");
    input.parentNode.insertBefore(chips, input);
    function draw() {
      chips.textContent = "";
      input.value.split(/[、,，;；]/).map(function (t) { return t.trim(); }).filter(Boolean)
        .forEach(function (tag) {
          var b = document.createElement("button");
          b.type = "button";
          b.textContent = tag + " ✕";
          b.setAttribute("aria-label", "去掉标签 " + tag);
          b.addEventListener("click", function () {
            input.value = input.value.split(/[、,，;；]/).map(function (t) { return t.trim(); })
              .filter(function (t) { return t && t !== tag; }).join("、");
            draw();
            input.focus();
            schedule();
          });
          chips.appendChild(b);
        });
    }
    input.addEventListener("change", draw);
    draw();
  }

  if (form) {
    form.addEventListener("compositionstart", function () { composing = true; });
    form.addEventListener("compositionend", function () { composing = false; schedule(); });
    form.addEventListener("input", function (e) { if (!e.isComposing) schedule(); });
    form.addEventListener("change", schedule);
    form.querySelectorAll("[data-rows]").forEach(setUpRows);
    form.querySelectorAll("[data-tags]").forEach(setUpTags);
    if (form.dataset.preview && form.querySelector("[name=_path]").value === "") schedule();
  }

  // Enter in a one-line field would send the form half-written: in a row it adds the
  // next row, elsewhere it does nothing. Saving is the 保存 button's.
  if (form) {
    form.addEventListener("keydown", function (e) {
      var t = e.target;
      if (e.key !== "Enter" || e.isComposing || t.tagName !== "INPUT" || t.type === "submit") return;
      e.preventDefault();
      var row = t.closest("[data-rows] > li");
      if (!row) return;
      var list = row.parentNode;
      var add = list.parentNode.querySelector(":scope > button.small");
      if (row === list.lastElementChild && add) add.click();
      else {
        var next = row.nextElementSibling && row.nextElementSibling.querySelector("input");
        if (next) next.focus();
      }
    });
  }

  document.querySelectorAll("button[data-confirm]").forEach(function (b) {
    b.addEventListener("click", function (e) {
      if (!window.confirm(b.dataset.confirm)) e.preventDefault();
    });
  });

  document.querySelectorAll("form[data-confirm]").forEach(function (f) {
    f.addEventListener("submit", function (e) {
      if (!window.confirm(f.dataset.confirm)) e.preventDefault();
    });
  });

  var filter = document.getElementById("filter");
  if (filter) {
    filter.addEventListener("input", function () {
      var q = filter.value.trim();
      document.querySelectorAll(filter.dataset.filter).forEach(function (el) {
        el.hidden = q !== "" && el.dataset.title.indexOf(q) < 0;
      });
    });
  }
})();
