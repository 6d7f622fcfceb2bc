// The JS half of the tokenizer parity test (tests/search_parity.rs): tokenizes every case
// with search.js and the shared rules.json, expands each Han run with the synonyms, and
// prints what it got as JSON.
//
// Usage: node parity.js <search.js> <rules.json> <t2s pairs file> <cases file> <synonyms.json>
'use strict';
const fs = require('fs');
const vm = require('vm');

const [searchJs, rulesFile, t2sFile, casesFile, synFile] = process.argv.slice(2);
const ctx = vm.createContext({});
vm.runInContext(fs.readFileSync(searchJs, 'utf8'), ctx, { filename: 'search.js' });
const S = ctx.BulletinSearch;
const R = S.compileRules(JSON.parse(fs.readFileSync(rulesFile, 'utf8')), fs.readFileSync(t2sFile, 'utf8'),
  JSON.parse(fs.readFileSync(synFile, 'utf8')));
const cases = fs.readFileSync(casesFile, 'utf8').split('\n').filter((l) => l && !l.startsWith('#'))
  .map((l) => JSON.parse(l));
const out = cases.map((text) => {
  const terms = Array.from(S.terms(text, R));
  const tokens = Array.from(S.tokenize(text, R));
  return {
    text,
    tokens: tokens.map((t) => [t.kind, t.text, t.start]),
    expanded: tokens.filter((t) => t.kind === 'han').map((t) => {
      const e = S.expand(t.text, R);
      return e && { text: e.text, also: Array.from(e.also) };
    }),
    terms,
    hashes: terms.map((t) => S.hash(t)),
  };
});
process.stdout.write(JSON.stringify(out));
