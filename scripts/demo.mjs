// npm run demo: the main job on a bundled fixture, through the CLI (dist/cli.js).
// Today: assemble the words of an ftrace callsite with our encoder and decode them back as
// objdump prints them. Later issues add the listing, ABI check and patch-site previews of
// test-fixtures/entry-ftrace.S here.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const cli = (args) => {
  try {
    return execFileSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8' });
  } catch (e) {
    return e.stdout || String(e); // the CLI prints 'error: …' and exits 1
  }
};
const lines = readFileSync('test-fixtures/demo/callsite.tsv', 'utf8').split('\n');
console.log('aarch64-ftrace demo — an ftrace callsite, encoded and decoded (test-fixtures/demo/callsite.tsv)\n');
for (const line of lines) {
  if (line.startsWith('# ') && !line.includes('ADDRESS')) {
    if (/after|^# An/.test(line)) console.log(line);
    continue;
  }
  const m = /^([0-9a-f]+)\t(.+)$/.exec(line);
  if (!m) continue;
  const [, addr, insn] = m;
  const enc = cli(['encode', '--address', '0x' + addr, insn]).trim();
  if (enc.startsWith('error:')) {
    console.log(`  ${addr}:  ${insn.padEnd(28)} → ${enc}`);
    continue;
  }
  const word = enc.split('\t')[0];
  const dec = cli(['decode', '--address', '0x' + addr, word]).trim();
  console.log(`  ${addr}:  ${insn.padEnd(28)} → ${word} → ${dec.split('\t')[1]}`);
}
