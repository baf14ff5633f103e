// "Show Patch Sites": the patch sites the ftrace core found in an assembly document, with their
// words in each state, as the protocol's entries.
import type { DocumentAnalysis } from '../driver';
import { hexAddress } from './decode-markdown';
import { uriOfFile } from './locations';
import { hex8, type PatchSitesResult } from './protocol';

export function patchSitesOf(a: DocumentAnalysis): PatchSitesResult {
  if (a.degraded) return { sites: [], message: `highlighting only (${a.degraded})` };
  if (a.kind !== 'asm') return { sites: [], message: a.kind === 'c' ? 'patch sites are listed for assembly files (use `aarch64-ftrace patch-sites` for objects)' : 'not an assembly document' };
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
