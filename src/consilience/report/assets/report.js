"use strict";
(function () {
  var data = JSON.parse(document.getElementById("consilience-data").textContent);
  var title = document.getElementById("viewer-title");
  var meta = document.getElementById("viewer-meta");
  var body = document.getElementById("viewer-text");
  var toggle = document.getElementById("show-removed");
  var current = null;
  var activeLink = null;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Render an article's text, with the cited span in <mark> and, if asked, the removed
  // furniture shown where it was cut. Article text only ever goes in through textContent.
  function render() {
    if (!current) return;
    var art = data.articles[current.id];
    if (!art) return;
    var text = art.text;
    var hs = current.start, he = current.end;
    var removed = toggle.checked ? art.removed.slice() : [];
    removed.sort(function (a, b) { return a[0] - b[0]; });
    var cuts = [0, text.length];
    if (hs !== null) cuts.push(hs, he);
    removed.forEach(function (r) { cuts.push(r[0]); });
    cuts = cuts.filter(function (c, i, all) { return c >= 0 && c <= text.length && all.indexOf(c) === i; })
      .sort(function (a, b) { return a - b; });
    body.textContent = "";
    var mark = null;
    var ri = 0;
    for (var i = 0; i < cuts.length; i++) {
      var pos = cuts[i];
      while (ri < removed.length && removed[ri][0] === pos) {
        var piece = el("span", "removed", removed[ri][1]);
        piece.setAttribute("data-reason", removed[ri][2]);
        body.appendChild(piece);
        ri++;
      }
      if (i + 1 >= cuts.length) break;
      var chunk = document.createTextNode(text.slice(pos, cuts[i + 1]));
      if (hs !== null && pos >= hs && cuts[i + 1] <= he && he > hs) {
        if (!mark) { mark = el("mark"); body.appendChild(mark); }
        mark.appendChild(chunk);
      } else {
        body.appendChild(chunk);
      }
    }
    title.textContent = art.title || current.id;
    var bits = [art.outlet || "unknown outlet"];
    if (art.published) bits.push(art.published);
    bits.push(current.id);
    if (hs !== null) bits.push("characters " + hs + "\u2013" + he);
    meta.textContent = bits.join(" \u00b7 ");
    if (art.url) {
      var link = el("a", "source-url", "original");
      link.href = art.url;
      link.rel = "noopener noreferrer";
      meta.appendChild(document.createTextNode(" \u00b7 "));
      meta.appendChild(link);
    }
    if (mark) mark.scrollIntoView({ block: "center" });
    else body.scrollTop = 0;
  }

  function show(id, start, end) {
    current = { id: id, start: start, end: end };
    render();
  }

  document.addEventListener("click", function (ev) {
    var target = ev.target.closest ? ev.target.closest("a.cite, button.open, button.furniture") : null;
    if (!target) return;
    ev.preventDefault();
    var id = target.getAttribute("data-article");
    if (target.classList.contains("cite")) {
      if (activeLink) activeLink.classList.remove("active");
      activeLink = target;
      target.classList.add("active");
      show(id, parseInt(target.getAttribute("data-start"), 10),
        parseInt(target.getAttribute("data-end"), 10));
    } else {
      if (target.classList.contains("furniture")) toggle.checked = true;
      show(id, null, null);
    }
  });
  toggle.addEventListener("change", render);
  // Long single-source lists arrive as citations only; their text is the article's own.
  function fill(details) {
    var list = details.querySelector("ul.claims");
    if (!list || list.childNodes.length) return;
    (data.lazy[details.getAttribute("data-story")] || []).forEach(function (refs) {
      var first = refs[0], art = data.articles[first[0]];
      if (!art) return;
      var li = el("li", "claim v-single-source", art.text.slice(first[2], first[3]).replace(/\s+/g, " ") + " ");
      refs.forEach(function (r) {
        var a = el("a", "cite", "[" + r[1] + "]");
        a.href = "#";
        a.setAttribute("data-article", r[0]);
        a.setAttribute("data-start", r[2]);
        a.setAttribute("data-end", r[3]);
        li.appendChild(a);
      });
      list.appendChild(li);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("details.lazy"), function (d) {
    d.addEventListener("toggle", function () { if (d.open) fill(d); });
  });
  function citeLink(r) {
    var a = el("a", "cite", "[" + r[1] + "]");
    a.href = "#";
    a.setAttribute("data-article", r[0]);
    a.setAttribute("data-start", r[2]);
    a.setAttribute("data-end", r[3]);
    return a;
  }
  var QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb";
  function fillQuotes(details) {
    var list = details.querySelector("dl.quotes");
    if (!list || list.childNodes.length) return;
    var last = null;
    (data.quotes[details.getAttribute("data-story")] || []).forEach(function (q) {
      var r = q[2], art = data.articles[r[0]];
      if (!art) return;
      if (q[0] !== last) { list.appendChild(el("dt", "speaker", q[0])); last = q[0]; }
      var words = art.text.slice(r[2], r[3]).replace(/\s+/g, " ");
      if (q[1] && QUOTE_MARKS.indexOf(words.charAt(0)) < 0) words = "\u201c" + words + "\u201d";
      var dd = el("dd", q[1] ? "direct" : "indirect", words + " ");
      dd.appendChild(citeLink(r));
      list.appendChild(dd);
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("details.lazy-quotes"), function (d) {
    d.addEventListener("toggle", function () { if (d.open) fillQuotes(d); });
  });
  // A citation's tooltip: its outlet and the cited sentence, filled in on first hover.
  document.addEventListener("mouseover", function (ev) {
    var link = ev.target.closest ? ev.target.closest("a.cite") : null;
    if (!link || link.title) return;
    var art = data.articles[link.getAttribute("data-article")];
    if (!art) return;
    var s = parseInt(link.getAttribute("data-start"), 10), e = parseInt(link.getAttribute("data-end"), 10);
    link.title = (art.outlet || link.getAttribute("data-article")) + ": " + art.text.slice(s, e);
  });
})();
