// Makes the ts-proto code in libs/contracts/src/gen keep every map key,
// `__proto__` included. ts-proto fills a map field's object with
// `map[key] = value`, and on a plain object the key `__proto__` calls the
// prototype setter instead of adding an entry: the entry was silently
// dropped (an encryption context `{"__proto__": "tenant"}` bound nothing,
// user metadata of that name vanished). Each such assignment becomes
// Object.defineProperty, which always adds an own entry. Run by
// `npm run proto:generate` after `buf generate`. It fails when it finds
// no such assignment at all, or an indexed assignment keyed by one of the
// variables ts-proto uses for map keys that it does not know how to
// rewrite, so a new ts-proto is less likely to bring the hole back
// unnoticed. (fromJSON already defines its entries for map<string, message>
// fields since ts-proto 2.12.1; its other reducers are rewritten here.)
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const GENERATED = 'libs/contracts/src/gen';

/** The assignments ts-proto writes into map objects: in decode, in toJSON, and in the fromJSON and fromPartial reducers. */
const MAP_ASSIGNMENTS = [
  /(?<target>message\.\w+)\[(?<key>entry\d+\.key)\] = (?<value>entry\d+\.value);/g,
  /(?<target>obj\.\w+)\[(?<key>k)\] = (?<value>[^;]+);/g,
  /(?<target>acc)\[(?<key>key)\] = (?<value>.+);/g,
];

function ownEntry(target, key, value) {
  return `Object.defineProperty(${target}, ${key}, { value: ${value}, enumerable: true, configurable: true, writable: true });`;
}

function rewrite(source) {
  let count = 0;
  const rewritten = MAP_ASSIGNMENTS.reduce(
    (text, pattern) =>
      text.replace(pattern, (...match) => {
        const { target, key, value } = match.at(-1);
        count++;
        return ownEntry(target, key, value);
      }),
    source,
  );
  return { rewritten, count };
}

function generatedFiles(directory) {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return generatedFiles(path);
    return entry.name.endsWith('.pb.ts') ? [path] : [];
  });
}

let total = 0;
for (const file of generatedFiles(GENERATED)) {
  const source = readFileSync(file, 'utf8');
  const { rewritten, count } = rewrite(source);
  const left = /\w+\[(entry\d+\.key|k|key)\] = /.exec(rewritten);
  if (left !== null) throw new Error(`${file}: a map assignment this script does not know: ${left[0]}`);
  if (count > 0) writeFileSync(file, rewritten);
  total += count;
}
if (total === 0) throw new Error('no map assignments found: has ts-proto changed how it writes map fields?');
console.log(`proto-own-map-keys: ${total} map assignments keep every key`);
