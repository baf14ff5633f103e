// "Show Patch Sites": the patch sites the ftrace core found in a document, with their words in
// each state, as the protocol's entries. Assembly: ftrace_call, ftrace_graph_call and annotated
// labels at the layout's addresses. C: each runtime patch call (ftrace_modify_code,
// aarch64_insn_patch_text*) with its old/new words (folded when constant) and the insn-gen calls
// that build them.
import type { DocumentAnalysis } from '../driver';
import type { CPatchAnnotation } from '../ftrace/c-patch-calls';
import { patchCallersOf, patchSummary } from './code-lens';
import { hexAddress } from './decode-markdown';
import { uriOfFile } from './locations';
import { hex8, type PatchSiteEntry, type PatchSitesResult } from './protocol';

function cEntry(a: DocumentAnalysis, p: CPatchAnnotation): PatchSiteEntry {
  const words = [...(p.validated !== false && p.old ? [['old', p.old] as const] : []), ...(p.new ? [['new', p.new] as const] : [])];
  const builders = words.flatMap(([state, w]) => (w.builder ? [{ state, generator: w.builder.generator, line: w.builder.loc.line, ...(w.word !== undefined ? { word: hex8(w.word) } : {}), text: w.text }] : []));
  return {
    symbol: p.fn ? `${p.fn}()` : p.callee,
    kind: p.callee,
    uri: a.uri,
    line: p.loc.line,
    states: words.map(([name, w]) => ({ name, word: w.word !== undefined ? hex8(w.word) : '?', text: w.text })),
    note: patchSummary(p, patchCallersOf(a, p.fn)),
    ...(builders.length ? { builders } : {}),
  };
}

export function patchSitesOf(a: DocumentAnalysis): PatchSitesResult {
  if (a.degraded) return { sites: [], message: `highlighting only (${a.degraded})` };
  if (a.kind === 'c') {
    if (!a.active) return { sites: [], message: 'this C file is not analysed (see the c.activationPattern and c.activationIncludes settings)' };
    const sites = (a.cAnnotations ?? []).filter((x): x is CPatchAnnotation => x.kind === 'patch').map((p) => cEntry(a, p));
    return sites.length ? { sites } : { sites, message: 'no runtime patch calls (ftrace_modify_code, aarch64_insn_patch_text*) in this file' };
  }
  if (a.kind !== 'asm') return { sites: [], message: 'not an assembly or C document' };
  if (!a.assembly) return { sites: [], message: 'the document could not be assembled (see the output channel)' };
  const sites = (a.patchSites ?? []).map((s) => ({
    symbol: s.label,
    kind: s.kind,
    uri: s.file === a.file ? a.uri : uriOfFile(s.file),
    line: s.line,
    address: hexAddress(s.address),
    states: s.states.map((st) => ({
      name: st.name,
      word: st.word === null ? '?' : typeof st.word === 'bigint' ? `0x${st.word.toString(16)}` : hex8(st.word),
      text: st.text,
    })),
    ...(s.note ? { note: s.note } : s.problem ? { note: s.problem } : {}),
  }));
  return sites.length ? { sites } : { sites, message: `no patch sites in this file (era ${a.env.era.name}: ftrace_call, ftrace_graph_call or a label annotated \`// aarch64-ftrace: patch-site\`)` };
}
