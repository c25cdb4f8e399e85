// Offline checks for the Bicep templates, for machines without the Bicep CLI:
//  1. syntax: every .bicep file parses with the tree-sitter Bicep grammar (no ERROR / MISSING nodes);
//  2. wiring: main.parameters.json names only main.bicep parameters and covers those without defaults; each module
//     call passes only declared parameters, all required ones, and reads only declared outputs.
// It is NOT a compiler (no types, API versions or property names): run `az bicep build` where available.
// Usage: npm install --no-audit --no-fund && node check-bicep.js ..   (argument: the infra folder)
'use strict';
const fs = require('fs');
const path = require('path');
const Parser = require('web-tree-sitter');

const infra = path.resolve(process.argv[2] || '..');
const problems = [];

function bicepFiles(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'tools' ? [] : bicepFiles(p);
    return e.name.endsWith('.bicep') ? [p] : [];
  });
}

function params(src) {
  const out = new Map();
  for (const m of src.matchAll(/^param (\w+) \w+( =)?/gm)) out.set(m[1], Boolean(m[2]));
  return out;
}

async function checkSyntax(files) {
  await Parser.init();
  const wasm = require.resolve('tree-sitter-bicep/tree-sitter-bicep.wasm');
  const parser = new Parser();
  parser.setLanguage(await Parser.Language.load(wasm));
  for (const file of files) {
    const tree = parser.parse(fs.readFileSync(file, 'utf8'));
    const walk = node => {
      if (node.type === 'ERROR' || node.isMissing) {
        const what = node.isMissing ? `missing ${node.type}` : 'syntax error';
        problems.push(`${path.relative(infra, file)}:${node.startPosition.row + 1}:${node.startPosition.column + 1}: ${what}`);
      }
      node.children.forEach(walk);
    };
    walk(tree.rootNode);
  }
}

function checkWiring() {
  const main = fs.readFileSync(path.join(infra, 'main.bicep'), 'utf8');
  const mainParams = params(main);
  const file = JSON.parse(fs.readFileSync(path.join(infra, 'main.parameters.json'), 'utf8')).parameters;
  for (const k of Object.keys(file)) if (!mainParams.has(k)) problems.push(`main.parameters.json: unknown parameter ${k}`);
  for (const [k, hasDefault] of mainParams) if (!hasDefault && !(k in file)) problems.push(`main.bicep: ${k} has no default and no value`);

  const moduleRe = /^module (\w+) '([^']+)' = (?:if \([^)]*\) )?\{([\s\S]*?)^\}/gm;
  for (const [, name, rel, body] of main.matchAll(moduleRe)) {
    const src = fs.readFileSync(path.join(infra, rel), 'utf8');
    const declared = params(src);
    const block = /^ {2}params: \{([\s\S]*?)^ {2}\}/m.exec(body);
    const passed = block ? [...block[1].matchAll(/^ {4}(\w+):/gm)].map(m => m[1]) : [];
    for (const p of passed) if (!declared.has(p)) problems.push(`module ${name}: passes unknown parameter ${p}`);
    for (const [p, hasDefault] of declared) if (!hasDefault && !passed.includes(p)) problems.push(`module ${name}: misses ${p}`);
    const outputs = new Set([...src.matchAll(/^output (\w+)/gm)].map(m => m[1]));
    for (const m of main.matchAll(new RegExp(`\\b${name}\\.outputs\\.(\\w+)`, 'g'))) {
      if (!outputs.has(m[1])) problems.push(`module ${name}: reads unknown output ${m[1]}`);
    }
  }
}

(async () => {
  const files = bicepFiles(infra);
  await checkSyntax(files);
  checkWiring();
  for (const p of problems) console.log(p);
  console.log(`bicep offline check: ${files.length} files, ${problems.length} problem(s)`);
  process.exit(problems.length ? 1 : 0);
})();
