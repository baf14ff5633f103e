// npm run demo: the product's main job on the bundled default, through the CLI (dist/cli.js).
// test-fixtures/entry-ftrace.S is arm64 ftrace entry code in the kernel's style: `check` proves
// its trampolines keep their ABI contracts, and catches the bugs in a copy broken on purpose
// (test-fixtures/demo/broken-ftrace.S); `listing` shows what it assembles to, objdump-like,
// without a toolchain; `patch-sites` shows the words ftrace writes at each patch site.
// Exits 1 when a step does not give what it shows (the correct file clean, the broken one caught).
import { spawnSync } from 'node:child_process';

const ENTRY = 'test-fixtures/entry-ftrace.S';
const BROKEN = 'test-fixtures/demo/broken-ftrace.S';
const LISTING_LINES = 16;
const WIDTH = 118;

let failed = false;
const cli = (args, note = '') => {
  console.log(`\n$ aarch64-ftrace ${args.join(' ')}${note}`);
  const r = spawnSync(process.execPath, ['dist/cli.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.stderr) process.stderr.write(r.stderr);
  return { out: r.stdout, code: r.status };
};
const expect = (ok, what) => {
  if (!ok) {
    console.error(`demo: ${what}`);
    failed = true;
  }
};
const cut = (line) => (line.length > WIDTH ? line.slice(0, WIDTH - 1) + '…' : line);
const print = (lines) => console.log(lines.map((l) => '  ' + cut(l)).join('\n'));
/** Long diagnostics wrapped at spaces (they are the point), continuation lines indented. */
const wrap = (line) => {
  const out = [];
  let rest = line;
  while (rest.length > WIDTH) {
    const at = rest.lastIndexOf(' ', WIDTH);
    if (at <= 8) break;
    out.push(rest.slice(0, at));
    rest = '      ' + rest.slice(at + 1);
  }
  return [...out, rest];
};
const heading = (text) => console.log(`\n── ${text} ${'─'.repeat(Math.max(0, WIDTH - text.length - 4))}`);

console.log('aarch64-ftrace demo — the arm64 ftrace entry code in test-fixtures/entry-ftrace.S');

heading('check: the ABI of every trampoline, as CI and the editor see it');
for (const era of [[], ['--era', '6.2-with-args']]) {
  const r = cli(['check', ...era, ENTRY]);
  expect(r.code === 0 && r.out === '', `check ${ENTRY} should be clean, got exit ${r.code}`);
  print([r.code === 0 && r.out === '' ? 'no problems (exit status 0)' : r.out.trimEnd()]);
}
const broken = cli(['check', BROKEN]);
print(broken.out.trimEnd().split('\n').flatMap(wrap));
print([`(exit status ${broken.code})`]);
expect(broken.code === 1, `check ${BROKEN} should exit 1, got ${broken.code}`);
for (const code of ['abi/restore-slot-mismatch', 'abi/callee-saved-clobbered']) expect(broken.out.includes(`[${code}]`), `check ${BROKEN} should report ${code}`);

heading('listing: what the file assembles to (GNU as semantics, kernel headers from built-in fallbacks)');
const listing = cli(['listing', ENTRY]);
expect(listing.code === 0, `listing ${ENTRY} exited ${listing.code}`);
const all = listing.out.trimEnd().split('\n');
print([...all.slice(0, LISTING_LINES), `… ${all.length - LISTING_LINES} more lines (--format tsv for one line per word, json for the source maps)`]);
expect(/^\s+0:\td503245f \tbti\tc/m.test(listing.out), 'the listing should start ftrace_caller with bti c (d503245f)');

heading('patch-sites: the words ftrace writes, state by state');
const showSites = (args) => {
  const r = cli([...args, '--format', 'json'], '   (summarised below)');
  expect(r.code === 0, `patch-sites exited ${r.code}`);
  const j = JSON.parse(r.out);
  const lines = [];
  for (const s of j.sites) {
    const name = s.symbol && s.symbol !== s.kind ? `${s.kind} ${s.symbol}` : s.kind;
    lines.push(`${s.address}  ${name}${s.line ? ` (line ${s.line})` : ''}${s.inRange === false ? '  OUT OF BL RANGE' : ''}`);
    for (const st of s.states) lines.push(`    ${st.name.padEnd(15)} ${(st.word ?? '?').padEnd(17)} ${st.text}${st.writer ? `   [${st.writer}]` : ''}`);
  }
  print(lines.length ? lines : ['no patch sites']);
  return j.sites.length;
};
console.log('\n  Default era (newest, CALL_OPS): ftrace patches the entry of each traced function.');
expect(showSites(['patch-sites', '--function', '0xffff800080123458']) >= 3, 'a CALL_OPS callsite has an ops literal, mov x9, x30 and a bl');
console.log('\n  WITH_ARGS without CALL_OPS (6.2): ftrace_caller calls the tracer through the ftrace_call site.');
expect(
  showSites(['patch-sites', '--era', '6.2-with-args', '--load-address', '0xffff800080010000', '--tracer', '0xffff8000801a0000', ENTRY]) === 1,
  'entry-ftrace.S has one patch site (ftrace_call) in the 6.2 era',
);

console.log(`\n${failed ? 'demo: FAILED (see above)' : 'Done. Same results in the editor: npm run package, then install aarch64-ftrace.vsix.'}`);
process.exitCode = failed ? 1 : 0;
