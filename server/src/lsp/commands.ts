// The custom requests behind the client's commands (protocol.ts): "Decode Instruction Word…"
// (decodeWord), "Show Assembled Listing" (listing) and "Show Patch Sites" (patchSites).
import type { ServerCapabilities } from 'vscode-languageserver';
import { formatText } from '../asm/listing';
import { decode } from '../isa';
import type { DocumentAnalysis } from '../driver';
import { guarded } from './connection-log';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { decodeMarkdown } from './decode-markdown';
import { uriOfFile } from './locations';
import {
  DECODE_WORD,
  LISTING,
  PATCH_SITES,
  STATS,
  hex8,
  parseAddress,
  parseWord,
  type DecodeWordParams,
  type DecodeWordResult,
  type ListingLink,
  type ListingParams,
  type ListingResult,
  type PatchSitesParams,
  type PatchSitesResult,
  type StatsParams,
  type StatsResult,
} from './protocol';

/** Lines of a listing (beyond them the listing is cut, with a note). */
const MAX_LISTING_LINES = 200_000;

export function decodeWordRequest(p: DecodeWordParams | undefined): DecodeWordResult {
  if (!p || typeof p.word !== 'string') return { ok: false, error: 'expected { word: string, address?: string }' };
  const w = parseWord(p.word);
  if ('error' in w) return { ok: false, error: w.error };
  const address = parseAddress(typeof p.address === 'string' ? p.address : undefined);
  if (address === undefined) return { ok: false, error: `'${p.address}' is not an address` };
  const d = decode(w.word, address);
  const addressKnown = typeof p.address === 'string' && p.address.trim() !== '';
  return { ok: true, word: hex8(w.word), text: d ? d.text : null, markdown: decodeMarkdown(w.word, address, d, { addressKnown }) };
}

/**
 * The listing of an analysed document: the front end's own objdump-like text (asm/listing.ts, as
 * `aarch64-ftrace listing` prints it), each line that names its source (`// file:line: …`) linked
 * back to that line.
 */
export function listingOf(a: DocumentAnalysis): ListingResult {
  if (a.degraded) return { text: '', links: [], message: `${a.file}: highlighting only (${a.degraded})` };
  const asm = a.assembly;
  if (!asm) return { text: '', links: [], message: a.kind === 'asm' ? 'the document could not be assembled (see the output channel)' : 'only assembly files have a listing' };
  // files are shown by their base name when it is unique, so lines stay short and links exact
  const files = [a.file, ...asm.preprocess.files.filter((f) => f !== a.file)];
  const count = new Map<string, number>();
  for (const f of files) count.set(baseName(f), (count.get(baseName(f)) ?? 0) + 1);
  const shown = new Map<string, string>();
  const path = (f: string) => {
    const b = baseName(f);
    const name = count.get(b) === 1 ? b : f;
    shown.set(name, f);
    return name;
  };
  const body = formatText(asm, { path });
  const lines = body.replace(/\n$/, '').split('\n');
  const head = [`${a.file}: assembled by aarch64-ftrace (era ${a.env.era.name}); addresses are section offsets`, ''];
  const links: ListingLink[] = [];
  const source = /\t\/\/ (.+?):(\d+)(?::|$)/;
  lines.forEach((l, i) => {
    const m = source.exec(l);
    const file = m ? shown.get(m[1]) : undefined;
    if (m && file) links.push({ line: i + head.length, uri: file === a.file ? a.uri : uriOfFile(file), sourceLine: Number(m[2]) - 1 });
  });
  const all = [...head, ...lines];
  if (all.length > MAX_LISTING_LINES) {
    return { text: all.slice(0, MAX_LISTING_LINES).join('\n') + `\n… cut at ${MAX_LISTING_LINES} lines\n`, links: links.filter((l) => l.line < MAX_LISTING_LINES) };
  }
  return { text: all.join('\n') + '\n', links };
}

function baseName(f: string): string {
  const i = f.lastIndexOf('/');
  return i >= 0 ? f.slice(i + 1) : f;
}

export function commandsFeature(service: AnalysisService, patchSites: (a: DocumentAnalysis) => PatchSitesResult): Feature {
  return {
    name: 'commands',
    capabilities(_caps: ServerCapabilities) {
      // custom requests need no capability
    },
    register(ctx: ServerContext) {
      const { connection, log } = ctx;
      connection.onRequest(DECODE_WORD, guarded(log, DECODE_WORD, (p: DecodeWordParams) => decodeWordRequest(p), { ok: false, error: 'internal error (see the output channel)' } as DecodeWordResult));
      connection.onRequest(LISTING, guarded(log, LISTING, async (p: ListingParams, token) => {
        const a = p && typeof p.uri === 'string' ? await service.get(p.uri, token) : undefined;
        return a ? listingOf(a) : { text: '', links: [], message: 'the document is not open' };
      }, { text: '', links: [], message: 'internal error (see the output channel)' } as ListingResult));
      connection.onRequest(PATCH_SITES, guarded(log, PATCH_SITES, async (p: PatchSitesParams, token) => {
        const a = p && typeof p.uri === 'string' ? await service.get(p.uri, token) : undefined;
        return a ? patchSites(a) : { sites: [], message: 'the document is not open' };
      }, { sites: [], message: 'internal error (see the output channel)' } as PatchSitesResult));
      connection.onRequest(STATS, guarded(log, STATS, (p: StatsParams | undefined): StatsResult => {
        const gc = (globalThis as { gc?: () => void }).gc;
        if (p?.gc && gc) gc();
        const m = process.memoryUsage();
        return { rssMiB: m.rss / 1048576, heapUsedMiB: m.heapUsed / 1048576, cachedAnalyses: service.driver.cacheSize, openDocuments: ctx.documents.all().length };
      }, { rssMiB: 0, heapUsedMiB: 0, cachedAnalyses: 0, openDocuments: 0 }));
    },
  };
}
