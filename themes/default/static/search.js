/* Site search for bulletin: Chinese-first, offline, from file:// and any subfolder.
 *
 * The index is a set of plain scripts written by `bulletin build` under search/
 * (see src/render/search/index.rs). They call the BulletinSearch global, so they load with
 * <script src> where fetch and modules are unavailable (file://, USB copies, kiosks).
 * Only search/base.js and the shards holding the query's terms are loaded, and only the
 * document files of the results on screen. A small site's base.js holds its one shard and
 * every page's title and summary: its first results show before their document files.
 *
 * The tokenizer below applies rules.json (shipped inside base.js) exactly as
 * src/render/search/tokenize.rs does, and expands residents' words (户口本 → 户口簿) as
 * synonyms.rs does; tests/search_parity.rs checks them on shared cases.
 */
(function (root) {
  'use strict';

  var SEP = 0;
  var HAN = 1;
  var WORD = 2;
  var MAX_GRAM = 3;
  // Terms and characters looked at per query: a pasted paragraph must not load the index.
  var MAX_TERMS = 12;
  var MAX_RUN = 24;

  /* ---------- code points (JS strings are UTF-16; the index counts code points) ---------- */

  function codePoints(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      out.push(c);
    }
    return out;
  }

  function fromCodePoints(cps) {
    var s = '';
    for (var i = 0; i < cps.length; i++) {
      var c = cps[i];
      if (c > 0xffff) {
        c -= 0x10000;
        s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
      } else {
        s += String.fromCharCode(c);
      }
    }
    return s;
  }

  /* ---------- rules: folding and classes ---------- */

  function hexRanges(list) {
    return list.map(function (r) { return [parseInt(r[0], 16), parseInt(r[1], 16)]; });
  }

  function within(ranges, cp) {
    for (var i = 0; i < ranges.length; i++) {
      if (cp >= ranges[i][0] && cp <= ranges[i][1]) return true;
    }
    return false;
  }

  // rules: the parsed rules.json; t2s: "戶户證证…" pairs of Traditional and Simplified;
  // syn: residents' words → the pages' words, folded ({"户口本": "户口簿", …}).
  function compileRules(rules, t2s, syn) {
    var foldChars = {};
    Object.keys(rules.fold_chars).forEach(function (k) {
      foldChars[codePoints(k)[0]] = codePoints(rules.fold_chars[k])[0];
    });
    var ranges = rules.fold_ranges.map(function (r) {
      return [parseInt(r.first, 16), parseInt(r.last, 16), r.shift];
    });
    var t2sMap = {};
    var pairs = codePoints(t2s || '');
    for (var i = 0; i + 1 < pairs.length; i += 2) t2sMap[pairs[i]] = pairs[i + 1];
    var han = hexRanges(rules.han);
    var word = hexRanges(rules.word);
    var cache = {};
    // Returns [class, folded code point]; the same order of steps as Rules::fold_slow.
    function fold(cp) {
      var hit = cache[cp];
      if (hit) return hit;
      var f = foldChars[cp];
      if (f === undefined) {
        f = cp;
        for (var j = 0; j < ranges.length; j++) {
          if (cp >= ranges[j][0] && cp <= ranges[j][1]) { f = cp + ranges[j][2]; break; }
        }
      }
      if (t2sMap[f] !== undefined) f = t2sMap[f];
      var cls = within(han, f) ? HAN : within(word, f) ? WORD : SEP;
      return (cache[cp] = [cls, f]);
    }
    syn = syn || {};
    var synMax = 0;
    Object.keys(syn).forEach(function (k) { synMax = Math.max(synMax, codePoints(k).length); });
    return { fold: fold, levels: rules.impact_levels, syn: syn, synMax: synMax };
  }

  /* ---------- tokenizer (mirror of tokenize.rs) ---------- */

  // Runs of folded text: {kind: 'han' | 'word', text, start} with start in code points.
  function tokenize(text, R) {
    var cps = codePoints(text);
    var out = [];
    var cur = SEP;
    var buf = [];
    var start = 0;
    function flush() {
      if (buf.length) {
        out.push({ kind: cur === HAN ? 'han' : 'word', text: fromCodePoints(buf), start: start });
        buf = [];
      }
    }
    for (var i = 0; i < cps.length; i++) {
      var f = R.fold(cps[i]);
      if (f[0] !== cur) {
        flush();
        cur = f[0];
        start = i;
      }
      if (f[0] !== SEP) buf.push(f[1]);
    }
    flush();
    return out;
  }

  // Every n-gram of a Han run: unigrams, then bigrams, then trigrams (as for_each_gram).
  function grams(run, minN, maxN) {
    var cps = codePoints(run);
    var out = [];
    for (var n = minN; n <= maxN; n++) {
      for (var i = 0; i + n <= cps.length; i++) out.push(fromCodePoints(cps.slice(i, i + n)));
    }
    return out;
  }

  // The index terms of a text, in the order tokenize.rs::terms gives them.
  function terms(text, R) {
    var out = [];
    tokenize(text, R).forEach(function (t) {
      if (t.kind === 'word') out.push(t.text);
      else Array.prototype.push.apply(out, grams(t.text, 1, MAX_GRAM));
    });
    return out;
  }

  // A folded Han run with each resident's word replaced by the pages' word, longest word
  // first at each place (as Synonyms::expand): {text, also: [pages' words]}, or null.
  function expand(run, R) {
    var cps = codePoints(run);
    var out = '';
    var also = [];
    var i = 0;
    while (i < cps.length) {
      var n = Math.min(R.synMax, cps.length - i);
      for (; n > 0; n--) {
        var key = fromCodePoints(cps.slice(i, i + n));
        if (Object.prototype.hasOwnProperty.call(R.syn, key)) break;
      }
      if (n > 0) {
        var to = R.syn[fromCodePoints(cps.slice(i, i + n))];
        out += to;
        if (also.indexOf(to) < 0) also.push(to);
        i += n;
      } else {
        out += fromCodePoints([cps[i]]);
        i++;
      }
    }
    return also.length ? { text: out, also: also } : null;
  }

  // FNV-1a over code points with a final mix, as codec.rs::term_hash.
  function hash(term) {
    var h = 0x811c9dc5;
    var cps = codePoints(term);
    for (var i = 0; i < cps.length; i++) {
      h = (h ^ cps[i]) >>> 0;
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h = (h ^ (h >>> 16)) >>> 0;
    h = Math.imul(h, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    return h;
  }

  /* ---------- posting lists ---------- */

  var ALPHABET = '0123456789abcdefghijklmnopqrstuvABCDEFGHIJKLMNOPQRSTUVWXYZ-_wxyz';
  var DIGIT = {};
  for (var a = 0; a < ALPHABET.length; a++) DIGIT[ALPHABET.charCodeAt(a)] = a;

  // "gap*32 + impact" v6 numbers → {ids, imp} with ids ascending.
  function decodeList(s) {
    var ids = [];
    var imp = [];
    var v = 0;
    var id = -1;
    for (var i = 0; i < s.length; i++) {
      var d = DIGIT[s.charCodeAt(i)];
      if (d === undefined) break;
      v = v * 32 + (d & 31);
      if (d < 32) {
        id += Math.floor(v / 32) + 1;
        ids.push(id);
        imp.push(v % 32);
        v = 0;
      }
    }
    return { ids: ids, imp: imp };
  }

  var EMPTY = { ids: [], imp: [] };

  function find(list, id) {
    var lo = 0;
    var hi = list.ids.length - 1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      var v = list.ids[mid];
      if (v === id) return mid;
      if (v < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  function intersect(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { out.push(a[i]); i++; j++; }
      else if (a[i] < b[j]) i++;
      else j++;
    }
    return out;
  }

  function union(a, b) {
    var out = [];
    var i = 0;
    var j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  function toSet(ids) {
    var s = {};
    for (var i = 0; i < ids.length; i++) s[ids[i]] = true;
    return s;
  }

  /* ---------- the engine ---------- */

  // One registry per page: index scripts call BulletinSearch.base/shard/meta/doc.
  var registry = { base: null, shards: {}, meta: [], docs: {} };

  // load(path) → Promise that settles once the script at index-relative `path` has run.
  function Engine(load) {
    this.load = load;
    this.loading = {};
    this.lists = {};
    this.R = null;
  }

  Engine.prototype.require = function (path) {
    if (!this.loading[path]) {
      var self = this;
      this.loading[path] = this.load(path).catch(function (e) {
        delete self.loading[path];
        throw e;
      });
    }
    return this.loading[path];
  };

  Engine.prototype.ready = function () {
    var self = this;
    return this.require('base.js').then(function () {
      if (!registry.base) throw new Error('search/base.js did not register');
      if (!self.R) {
        self.base = registry.base;
        self.R = compileRules(self.base.rules, self.base.t2s, self.base.syn);
      }
      return self;
    });
  };

  Engine.prototype.shardOf = function (term) {
    return hash(term) & (this.base.shards - 1);
  };

  // Loads the shards of `keys`; resolves when their lists can be read with list().
  Engine.prototype.fetchKeys = function (keys) {
    var self = this;
    var wanted = {};
    keys.forEach(function (k) {
      var n = self.shardOf(k);
      if (!registry.shards[n]) wanted[n] = true;
    });
    return Promise.all(Object.keys(wanted).map(function (n) {
      return self.require('s/' + n + '.js');
    }));
  };

  Engine.prototype.list = function (key) {
    var hit = this.lists[key];
    if (hit) return hit;
    var shard = registry.shards[this.shardOf(key)];
    var raw = shard && Object.prototype.hasOwnProperty.call(shard, key) ? shard[key] : null;
    return (this.lists[key] = raw ? decodeList(raw) : EMPTY);
  };

  Engine.prototype.idf = function (list) {
    var n = this.base.n;
    var df = list.ids.length;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  };

  // Contribution of one index term to a document: IDF × (field class + saturation).
  Engine.prototype.gramScore = function (key, id) {
    var list = this.list(key);
    var at = find(list, id);
    if (at < 0) return 0;
    var levels = this.R.levels;
    var v = list.imp[at];
    return this.idf(list) * (Math.floor(v / levels) + (v % levels + 0.5) / levels);
  };

  // The terms of a query: Han runs, words, and runs of Latin words that may be pinyin
  // typed with spaces ("hu kou"), which also match as one joined word.
  Engine.prototype.parse = function (q) {
    var toks = tokenize(q, this.R).slice(0, MAX_TERMS);
    var out = [];
    for (var i = 0; i < toks.length; i++) {
      var t = toks[i];
      if (t.kind === 'han') {
        var cps = codePoints(t.text);
        var text = cps.length > MAX_RUN ? fromCodePoints(cps.slice(0, MAX_RUN)) : t.text;
        var term = { kind: 'han', text: text, len: Math.min(cps.length, MAX_RUN) };
        // A resident's word in it: the run is looked up as typed or as expanded.
        var alt = expand(text, this.R);
        if (alt) { term.alt = alt.text; term.also = alt.also; }
        out.push(term);
        continue;
      }
      var group = [t.text];
      while (/^[a-z]+$/.test(t.text) && i + 1 < toks.length && toks[i + 1].kind === 'word' && /^[a-z]+$/.test(toks[i + 1].text)) {
        group.push(toks[++i].text);
      }
      if (group.length > 1) out.push({ kind: 'words', words: group, text: group.join('') });
      else out.push({ kind: 'word', text: t.text });
    }
    return out;
  };

  // Index keys a Han string is looked up by: itself up to trigrams, else its trigrams.
  function hanKeys(text) {
    var n = codePoints(text).length;
    return n <= MAX_GRAM ? [text] : grams(text, MAX_GRAM, MAX_GRAM);
  }

  // The Han strings a term stands for: as typed, and as expanded.
  function forms(term) {
    return term.alt ? [term.text, term.alt] : [term.text];
  }

  function termKeys(term) {
    if (term.kind === 'han') return term.alt ? hanKeys(term.text).concat(hanKeys(term.alt)) : hanKeys(term.text);
    if (term.kind === 'word') return [term.text];
    return [term.text].concat(term.words);
  }

  // Documents holding the Han string as a phrase (trigrams make 3+ characters exact
  // enough; displayed results are verified against their text, see verify()).
  Engine.prototype.hanSet = function (text) {
    var self = this;
    var keys = hanKeys(text);
    var ids = this.list(keys[0]).ids;
    for (var i = 1; i < keys.length && ids.length; i++) ids = intersect(ids, self.list(keys[i]).ids);
    return ids;
  };

  Engine.prototype.termSet = function (term) {
    if (term.kind === 'han') return term.alt ? union(this.hanSet(term.text), this.hanSet(term.alt)) : this.hanSet(term.text);
    if (term.kind === 'word') return this.list(term.text).ids;
    var all = this.list(term.words[0]).ids;
    for (var i = 1; i < term.words.length; i++) all = intersect(all, this.list(term.words[i]).ids);
    return union(this.list(term.text).ids, all);
  };

  Engine.prototype.keysScore = function (keys, id) {
    var s = 0;
    for (var i = 0; i < keys.length; i++) s += this.gramScore(keys[i], id);
    return s;
  };

  // One wrong character in a Han term of 4+ characters: for each position, the pieces
  // left and right of it (2+ characters each) must all be present.
  function fuzzyPieces(text) {
    var cps = codePoints(text);
    var n = cps.length;
    var out = [];
    if (n < 4) return out;
    for (var k = 0; k < n; k++) {
      var pieces = [];
      if (k >= 2) pieces.push(fromCodePoints(cps.slice(0, k)));
      if (n - k - 1 >= 2) pieces.push(fromCodePoints(cps.slice(k + 1)));
      if (pieces.length) out.push(pieces);
    }
    return out;
  }

  // Longest parts of a Han string (2+ characters) that occur somewhere, left to right:
  // how a colloquial question ("户口迁入要带什么") finds the official page.
  Engine.prototype.segment = function (text) {
    var cps = codePoints(text);
    var parts = [];
    var i = 0;
    while (i < cps.length - 1) {
      var found = 0;
      for (var len = cps.length - i; len >= 2; len--) {
        var sub = fromCodePoints(cps.slice(i, i + len));
        if (this.hanSet(sub).length) { parts.push(sub); found = len; break; }
      }
      i += found || 1;
    }
    return parts;
  };

  // Runs a query. Resolves to {query, terms, tiers: [exact, near, partial], marks}, each
  // tier a list of {id, score, expired, marks}, best first. The announced count is the
  // exact tier: pages holding every term as written.
  Engine.prototype.search = function (q) {
    var self = this;
    return this.ready().then(function () {
      var parsed = self.parse(q);
      var keys = [];
      parsed.forEach(function (t) { keys = keys.concat(termKeys(t)); });
      return self.fetchKeys(keys).then(function () { return self.rank(q, parsed); });
    });
  };

  Engine.prototype.rank = function (q, parsed) {
    var self = this;
    var e = this.base.e;
    var result = { query: q, terms: parsed, tiers: [[], [], []], also: [] };
    if (!parsed.length) return Promise.resolve(result);
    var sets = parsed.map(function (t) { return self.termSet(t); });
    var exact = sets[0];
    for (var i = 1; i < sets.length; i++) exact = intersect(exact, sets[i]);
    var termMarks = [];
    parsed.forEach(function (t) { Array.prototype.push.apply(termMarks, t.kind === 'words' ? t.words : forms(t)); });
    parsed.forEach(function (t) {
      (t.also || []).forEach(function (w) { if (result.also.indexOf(w) < 0) result.also.push(w); });
    });
    exact.forEach(function (id) {
      var s = 0;
      parsed.forEach(function (t) { s += self.keysScore(termKeys(t), id); });
      result.tiers[0].push({ id: id, score: s, expired: id >= e, marks: termMarks, cover: 0 });
    });
    var needMore = exact.length === 0 || sets.some(function (s) { return !s.length; });
    var extra = [];
    if (needMore) {
      // Bigrams of the terms that matched nothing, for fuzzy pieces and segmentation.
      parsed.forEach(function (t, i) {
        if (t.kind === 'han' && !sets[i].length && t.len > 2) {
          forms(t).forEach(function (f) { extra = extra.concat(grams(f, 2, 2)); });
        }
      });
    }
    return this.fetchKeys(extra).then(function () {
      var seen = toSet(exact);
      if (exact.length === 0) self.near(parsed, sets, seen, result);
      self.partial(parsed, sets, seen, result);
      result.tiers.forEach(function (tier, n) {
        tier.sort(n === 2 ? byCover : byScore);
      });
      return result;
    });
  };

  function byScore(a, b) {
    return (a.expired - b.expired) || (b.score - a.score) || (a.id - b.id);
  }

  function byCover(a, b) {
    return (b.cover - a.cover) || byScore(a, b);
  }

  // Near tier: every term matches exactly or with one wrong character.
  Engine.prototype.near = function (parsed, sets, seen, result) {
    var self = this;
    var fuzzy = parsed.map(function (t) {
      return t.kind === 'han' ? fuzzyPieces(t.text) : [];
    });
    if (!fuzzy.some(function (f) { return f.length; })) return;
    var marks = [];
    var ok = parsed.map(function (t, i) {
      var ids = sets[i];
      fuzzy[i].forEach(function (pieces) {
        var hit = self.hanSet(pieces[0]);
        for (var p = 1; p < pieces.length; p++) hit = intersect(hit, self.hanSet(pieces[p]));
        if (hit.length) marks = marks.concat(pieces);
        ids = union(ids, hit);
      });
      return ids;
    });
    var ids = ok[0];
    for (var i = 1; i < ok.length; i++) ids = intersect(ids, ok[i]);
    ids.forEach(function (id) {
      if (seen[id]) return;
      seen[id] = true;
      var s = 0;
      parsed.forEach(function (t) {
        var keys = t.kind === 'han' ? grams(t.text, 2, MAX_GRAM) : termKeys(t);
        s += self.keysScore(keys, id);
      });
      result.tiers[1].push({ id: id, score: s, expired: id >= self.base.e, marks: marks, cover: 0 });
    });
  };

  // Partial tier: pages holding some of the terms, or parts of a term found nowhere whole.
  Engine.prototype.partial = function (parsed, sets, seen, result) {
    var self = this;
    var parts = [];
    parsed.forEach(function (t, i) {
      if (sets[i].length) parts.push({ text: t.text, keys: termKeys(t), ids: sets[i], weight: t.kind === 'han' ? t.len : 2, marks: t.kind === 'words' ? t.words : forms(t) });
      else if (t.kind === 'han' && t.len > 2) {
        var found = {};
        forms(t).forEach(function (f) {
          self.segment(f).forEach(function (p) {
            if (found[p]) return;
            found[p] = true;
            parts.push({ text: p, keys: hanKeys(p), ids: self.hanSet(p), weight: codePoints(p).length, marks: [p] });
          });
        });
      }
    });
    if (parts.length < 2 && sets.every(function (s) { return s.length; })) return;
    var byId = {};
    parts.forEach(function (p) {
      p.ids.forEach(function (id) {
        if (seen[id]) return;
        var r = byId[id];
        if (!r) r = byId[id] = { id: id, score: 0, expired: id >= self.base.e, marks: [], cover: 0 };
        r.cover += p.weight;
        r.score += self.keysScore(p.keys, id);
        Array.prototype.push.apply(r.marks, p.marks);
      });
    });
    Object.keys(byId).forEach(function (id) { result.tiers[2].push(byId[id]); });
  };

  // Loads the document files of `hits`; resolves to their data.
  Engine.prototype.docs = function (hits) {
    var self = this;
    return Promise.all(hits.map(function (h) { return self.require('d/' + h.id + '.js'); })).then(function () {
      return hits.map(function (h) { return registry.docs[h.id]; });
    });
  };

  // The display data base.js has for `hits` (no text to verify or cut snippets from),
  // or null when it lacks one.
  Engine.prototype.metas = function (hits) {
    var out = hits.map(function (h) { return registry.meta[h.id]; });
    return out.every(Boolean) ? out : null;
  };

  /* ---------- text of a document: folding for verification and highlighting ---------- */

  // The folded copy of a text has the same UTF-16 length: every fold maps a BMP character
  // to a BMP character (rules.json promises one code point each), so offsets line up.
  function foldText(text, R) {
    var cps = codePoints(text);
    var out = [];
    for (var i = 0; i < cps.length; i++) {
      var f = R.fold(cps[i]);
      out.push(f[0] === SEP ? cps[i] : f[1]);
    }
    return fromCodePoints(out);
  }

  function docTexts(doc) {
    return [doc.t, doc.s, doc.c || ''].concat(doc.g || [], doc.h || [], doc.m || [], doc.p || [], [doc.b || '']);
  }

  // Whether every Han term of 4+ characters really occurs in the document as written:
  // trigram intersection can, rarely, match scattered trigrams.
  Engine.prototype.verify = function (doc, parsed) {
    var R = this.R;
    var folded = docTexts(doc).map(function (t) { return foldText(t, R); });
    return parsed.every(function (t) {
      if (t.kind !== 'han' || t.len < 4) return true;
      return forms(t).some(function (form) {
        return codePoints(form).length < 4 || folded.some(function (f) { return f.indexOf(form) >= 0; });
      });
    });
  };

  // Matches of `marks` in text as [start, end) UTF-16 ranges, longest mark first, not
  // overlapping. Words match only whole words.
  function findMarks(text, marks, R) {
    var folded = foldText(text, R);
    var sorted = marks.filter(function (m, i) { return m && marks.indexOf(m) === i; }).sort(function (a, b) { return b.length - a.length; });
    var taken = [];
    sorted.forEach(function (m) {
      var isWord = /^[0-9a-z]+$/.test(m);
      var from = 0;
      var at;
      while ((at = folded.indexOf(m, from)) >= 0) {
        var end = at + m.length;
        from = at + 1;
        if (isWord && (/[0-9a-z]/.test(folded.charAt(at - 1)) || /[0-9a-z]/.test(folded.charAt(end)))) continue;
        if (taken.some(function (r) { return at < r[1] && end > r[0]; })) continue;
        taken.push([at, end]);
      }
    });
    return taken.sort(function (a, b) { return a[0] - b[0]; });
  }

  /* ---------- the page ---------- */

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

  function markHtml(text, ranges) {
    var html = '';
    var pos = 0;
    ranges.forEach(function (r) {
      html += escapeHtml(text.slice(pos, r[0])) + '<mark>' + escapeHtml(text.slice(r[0], r[1])) + '</mark>';
      pos = r[1];
    });
    return html + escapeHtml(text.slice(pos));
  }

  var SNIPPET_BEFORE = 24;
  var SNIPPET_LENGTH = 110;

  // The passage to show: where a mark first occurs (summary, checklist, steps, headings,
  // then body), else the summary.
  function snippet(doc, marks, R) {
    var fields = [doc.s || ''].concat(doc.m || [], doc.p || [], doc.h || [], [doc.b || '']);
    for (var i = 0; i < fields.length; i++) {
      var text = fields[i];
      var ranges = findMarks(text, marks, R);
      if (!ranges.length) continue;
      var start = Math.max(0, ranges[0][0] - SNIPPET_BEFORE);
      var end = Math.min(text.length, start + SNIPPET_LENGTH);
      // Do not cut a surrogate pair in half.
      if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start--;
      if (end < text.length && /[\ud800-\udbff]/.test(text.charAt(end - 1))) end++;
      var inside = ranges.filter(function (r) { return r[0] >= start && r[1] <= end; })
        .map(function (r) { return [r[0] - start, r[1] - start]; });
      return (start > 0 ? '…' : '') + markHtml(text.slice(start, end), inside) + (end < text.length ? '…' : '');
    }
    var s = doc.s || doc.b || '';
    return escapeHtml(s.length > SNIPPET_LENGTH ? s.slice(0, SNIPPET_LENGTH) + '…' : s);
  }

  function fill(template, values) {
    return String(template || '').replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m;
    });
  }

  var PAGE = 10;

  // `version` (the build's time) goes on every index script's address: after a new build
  // is published, a browser that cached parts of the old index asks for new ones instead
  // of mixing them. Servers and file:// ignore the query. encodeURI leaves the build's time
  // as it is, so the address is the one search.html preloads.
  function scriptLoader(base, version) {
    var query = version ? '?v=' + encodeURI(version) : '';
    return function (path) {
      return new Promise(function (resolve, reject) {
        var s = document.createElement('script');
        s.src = base + path + query;
        s.async = true;
        s.onload = function () { resolve(); };
        s.onerror = function () { reject(new Error('cannot load ' + base + path)); };
        document.head.appendChild(s);
      });
    };
  }

  function Page(box) {
    this.box = box;
    this.form = document.querySelector('[data-search-form]');
    this.input = this.form && this.form.querySelector('input[name="q"]');
    this.status = document.querySelector('[data-search-status]');
    this.more = document.querySelector('[data-search-more]');
    this.words = box.dataset;
    this.engine = new Engine(scriptLoader(box.getAttribute('data-search-index') || './',
      box.getAttribute('data-search-version')));
    this.root = box.getAttribute('data-search-root') || '../';
    this.seq = 0;
    this.result = null;
    this.shown = 0;
  }

  Page.prototype.start = function () {
    var self = this;
    if (!this.form || !this.input) return;
    var q = '';
    try { q = new URLSearchParams(location.search).get('q') || ''; } catch (e) { q = ''; }
    this.input.value = q;
    this.form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      self.remember();
      self.run(self.input.value);
    });
    this.input.addEventListener('input', function () { self.run(self.input.value); });
    this.input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown') {
        var first = self.box.querySelector('a');
        if (first) { ev.preventDefault(); first.focus(); }
      }
    });
    this.box.addEventListener('keydown', function (ev) { self.arrowKeys(ev); });
    if (this.more) this.more.addEventListener('click', function () { self.showMore(); });
    if (q) this.run(q);
  };

  // Keeps the query in the address bar so the page can be shared or bookmarked.
  Page.prototype.remember = function () {
    try {
      var url = location.pathname + '?q=' + encodeURIComponent(this.input.value);
      history.replaceState(null, '', url);
    } catch (e) { /* file:// in some browsers: the query still works, only the URL stays */ }
  };

  // Up and down move between results; Escape returns to the box.
  Page.prototype.arrowKeys = function (ev) {
    var links = Array.prototype.slice.call(this.box.querySelectorAll('a'));
    var at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (ev.key === 'ArrowDown' && at + 1 < links.length) { ev.preventDefault(); links[at + 1].focus(); }
    else if (ev.key === 'ArrowUp') { ev.preventDefault(); (at > 0 ? links[at - 1] : this.input).focus(); }
    else if (ev.key === 'Escape') { ev.preventDefault(); this.input.focus(); }
  };

  Page.prototype.say = function (text) {
    if (this.status) this.status.textContent = text;
  };

  Page.prototype.run = function (q) {
    var self = this;
    var seq = ++this.seq;
    q = q.trim();
    if (!q) {
      this.result = null;
      this.box.innerHTML = '';
      this.box.removeAttribute('data-query');
      if (this.more) this.more.hidden = true;
      this.say('');
      return Promise.resolve();
    }
    this.say(this.words.textLoading || '…');
    return this.engine.search(q).then(function (result) {
      if (seq !== self.seq) return;
      self.result = result;
      self.shown = 0;
      self.box.innerHTML = '';
      return self.showMore(seq, true);
    }).catch(function (err) {
      if (seq !== self.seq) return;
      self.say(self.words.textError || String(err));
      self.box.setAttribute('data-error', String(err && err.message || err));
    });
  };

  function all(result) {
    return result.tiers[0].concat(result.tiers[1], result.tiers[2]);
  }

  // Shows the next PAGE results: loads their document files, verifies exact matches and
  // moves any false ones down to the near tier before drawing.
  Page.prototype.showMore = function (seq, first) {
    var self = this;
    seq = seq || this.seq;
    var result = this.result;
    if (!result) return Promise.resolve();
    var hits = all(result).slice(this.shown, this.shown + PAGE);
    var early = first && this.engine.metas(hits);
    // Drawn at once from base.js, replaced below once the documents verify them; the
    // count is announced only then.
    if (early) hits.forEach(function (h, i) { self.draw(h, early[i]).setAttribute('data-early', ''); });
    return this.engine.docs(hits).then(function (docs) {
      if (seq !== self.seq) return;
      // A reader who moved to a result drawn early keeps their place when it is redrawn.
      var active = document.activeElement;
      var kept = active && self.box.contains(active) ? active.getAttribute('href') : null;
      Array.prototype.forEach.call(self.box.querySelectorAll('[data-early]'), function (li) {
        li.parentNode.removeChild(li);
      });
      var demoted = hits.filter(function (h, i) {
        return result.tiers[0].indexOf(h) >= 0 && !self.engine.verify(docs[i], result.terms);
      });
      if (demoted.length) {
        result.tiers[0] = result.tiers[0].filter(function (h) { return demoted.indexOf(h) < 0; });
        result.tiers[1] = demoted.concat(result.tiers[1]);
        return self.showMore(seq, first);
      }
      hits.forEach(function (h, i) { self.draw(h, docs[i]); });
      if (kept && !self.box.contains(document.activeElement)) {
        Array.prototype.some.call(self.box.querySelectorAll('a'), function (a) {
          return a.getAttribute('href') === kept && (a.focus(), true);
        });
      }
      self.shown += hits.length;
      self.box.setAttribute('data-query', result.query);
      if (self.more) self.more.hidden = self.shown >= all(result).length;
      if (first) self.announce();
    });
  };

  Page.prototype.listFor = function (tier) {
    var exact = tier === 0;
    var cls = exact ? 'search-exact' : 'search-related';
    var list = this.box.querySelector('ol.' + cls);
    if (!list) {
      if (!exact) {
        var h = document.createElement('h2');
        h.className = 'search-related-heading';
        h.textContent = this.words.textRelated || '';
        this.box.appendChild(h);
      }
      list = document.createElement('ol');
      list.className = 'search-list ' + cls;
      this.box.appendChild(list);
    }
    return list;
  };

  Page.prototype.draw = function (hit, doc) {
    var R = this.engine.R;
    var tier = this.result.tiers[0].indexOf(hit) >= 0 ? 0 : 1;
    var li = document.createElement('li');
    li.className = 'search-result' + (hit.expired ? ' is-expired' : '');
    var kind = this.words['kind' + doc.k.charAt(0).toUpperCase() + doc.k.slice(1)] || doc.k;
    var meta = '<span class="search-kind">' + escapeHtml(kind) + '</span>';
    if (doc.d) {
      // A guide's date is its last update, said so as its lists say it.
      if (doc.v) meta += ' ' + escapeHtml(this.words.textUpdated || '');
      meta += ' <time' + (doc.i ? ' datetime="' + escapeHtml(doc.i) + '"' : '') + '>' + escapeHtml(doc.d) + '</time>';
    }
    if (doc.x) meta += ' <strong class="search-expired">' + escapeHtml(this.words.textExpired || '') + '</strong>';
    li.innerHTML = '<a href="' + escapeHtml(this.root + doc.u) + '">' +
      '<span class="search-title">' + markHtml(doc.t, findMarks(doc.t, hit.marks, R)) + '</span>' +
      '<span class="search-meta">' + meta + '</span>' +
      '<span class="search-snippet">' + snippet(doc, hit.marks, R) + '</span></a>';
    return this.listFor(tier).appendChild(li);
  };

  Page.prototype.announce = function () {
    var r = this.result;
    var exact = r.tiers[0].length;
    var other = r.tiers[1].length + r.tiers[2].length;
    var values = { n: exact, m: other, q: r.query, w: r.also.join(this.words.textAlsoJoin || ', ') };
    var text;
    if (exact && other) text = fill(this.words.textCount, values) + fill(this.words.textCountMore, values);
    else if (exact) text = fill(this.words.textCount, values);
    else if (other) text = fill(this.words.textNoneExact, values);
    else text = fill(this.words.textNone, values);
    // Which pages' words were searched besides the query, so the count can be trusted.
    if (r.also.length) text += fill(this.words.textAlso, values);
    this.box.setAttribute('data-count', String(exact));
    this.say(text);
  };

  var api = {
    base: function (b) { registry.base = b; },
    shard: function (n, map) { registry.shards[n] = map; },
    meta: function (list) { registry.meta = list; },
    doc: function (id, d) { registry.docs[id] = d; },
    Engine: Engine,
    compileRules: compileRules,
    tokenize: tokenize,
    terms: terms,
    expand: expand,
    hash: hash,
    decodeList: decodeList,
    snippet: snippet,
    findMarks: findMarks
  };
  root.BulletinSearch = api;

  if (typeof document !== 'undefined') {
    var boot = function () {
      var box = document.querySelector('[data-search-results]');
      if (box) new Page(box).start();
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', boot);
    else boot();
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
