// Differential decode over every executable section of every module of a Debian arm64 kernel
// (about 20 M words), through GNU objdump -d on the .ko files themselves.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { decode, decodeText } from '../server/src/isa';
import { OBJDUMP, hasTool, normalizeObjdump } from './support/gnu-oracle';
import { classify, isKnown, loadKnownDifferences } from './support/known-differences';
import { requireOracle } from './support/oracle-gate';
import { repoRoot } from './support/repo';

const LINE = /^\s*([0-9a-f]+):\t([0-9a-f]{8}) \t(.*)$/;
// data inside code ($d mapping symbols) is printed as a directive, not an instruction
const RELOC = /^\t+([0-9a-f]+): R_AARCH64_/;
const DATA = /^\.(word|short|hword|byte|xword|dword)\b/;

test('objdump: every instruction word of every module of a Debian arm64 kernel', (t) => {
  const dir = join(repoRoot(), '.oracle-cache/kernel/modules');
  if (!requireOracle(t, hasTool(OBJDUMP) && existsSync(join(dir, '.done')), 'GNU objdump or the kernel modules in .oracle-cache/kernel/modules')) return;
  const files = readdirSync(dir).filter((f) => f.endsWith('.ko'));
  const known = loadKnownDifferences();
  let words = 0;
  let same = 0;
  let knownDiff = 0;
  const bad: string[] = [];
  let badCount = 0;
  let relocatedTargets = 0;
  let file = '';
  const compare = (m: RegExpExecArray, relocated: boolean) => {
    const w = parseInt(m[2], 16) >>> 0;
    const pc = BigInt('0x' + m[1]);
    // a relocated branch shows its symbol's address, which the word alone does not hold
    if (relocated && decode(w, pc)?.operands.some((o) => o.role === 'label')) {
      relocatedTargets++;
      return;
    }
    const gnu = normalizeObjdump(m[3]);
    const ours = decodeText(w, pc) ?? '<undefined>';
    words++;
    if (ours === gnu) same++;
    else if (isKnown(known, w, classify(ours, gnu))) knownDiff++;
    else if (badCount++ < 30) bad.push(`${file} @${m[1]} ${m[2]}: gnu '${gnu}' ours '${ours}'`);
  };
  for (let i = 0; i < files.length; i += 100) {
    const batch = files.slice(i, i + 100);
    const r = spawnSync(OBJDUMP, ['-d', '-r', '-z', ...batch], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 30 });
    assert.equal(r.status, 0, r.stderr);
    let pending: RegExpExecArray | null = null;
    for (const line of r.stdout.split('\n')) {
      const rel = RELOC.exec(line);
      if (rel) {
        if (pending && rel[1] === pending[1]) {
          compare(pending, true);
          pending = null;
        }
        continue;
      }
      if (pending) compare(pending, false);
      pending = null;
      if (line.endsWith('file format elf64-littleaarch64')) file = line.split(':')[0];
      const m = LINE.exec(line);
      if (m && !DATA.test(m[3])) pending = m;
    }
    if (pending) compare(pending, false);
  }
  t.diagnostic(`${files.length} modules, ${words} instruction words compared: ${same} identical, ${knownDiff} in known-differences classes, ${badCount} unexplained; ${relocatedTargets} relocated branch targets not compared`);
  assert.ok(words > 1_000_000, `only ${words} words found`);
  assert.equal(badCount, 0, bad.join('\n'));
});
