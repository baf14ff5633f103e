// The `aarch64-ftrace/status` notification: after each analysis, the era and config a document
// was analysed with (the VS Code client shows it in the status bar). Sent only when it changed.
import type { ServerCapabilities } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../driver';
import type { Feature, ServerContext } from './context';
import type { AnalysisService } from './analysis-service';
import { STATUS, type StatusParams } from './protocol';

export function statusOf(a: DocumentAnalysis): StatusParams {
  const env = a.env;
  const configCount = [...env.defines.keys()].filter((k) => k.startsWith('CONFIG_')).length;
  const details = [
    `era ${env.era.name} (${env.era.kernels}), ${env.eraReason}`,
    `config: ${configCount} CONFIG_* symbols from ${env.configSource}`,
    `asm-offsets: ${env.asmOffsets.buildStatus === 'loaded' ? env.asmOffsets.buildFile : `built-in table for era ${env.era.name}`}`,
    `include paths: ${env.includePaths.length ? env.includePaths.join(', ') : 'none (built-in kernel header fallbacks)'}`,
    ...env.problems.map((p) => `problem: ${p}`),
  ];
  if (a.timings.totalMs > 0) details.push(`last analysis ${a.timings.totalMs.toFixed(1)} ms`);
  return {
    uri: a.uri,
    era: env.era.name,
    source: env.eraSource,
    configCount,
    details,
    analysis: a.degraded ? 'degraded' : a.active ? 'full' : 'none',
  };
}

export function statusFeature(service: AnalysisService): Feature {
  return {
    name: 'status',
    capabilities(_caps: ServerCapabilities) {
      // a custom notification
    },
    register(ctx: ServerContext) {
      const last = new Map<string, string>();
      service.onAnalysed((a) => {
        const s = statusOf(a);
        // the timing changes every time: compare without it
        const key = JSON.stringify({ ...s, details: s.details.filter((d) => !d.startsWith('last analysis')) });
        if (last.get(a.uri) === key) return;
        last.set(a.uri, key);
        for (const p of a.env.problems) ctx.log.warn(`${a.uri}: ${p}`);
        void ctx.connection.sendNotification(STATUS, s).catch((err: unknown) => ctx.log.error('status notification failed', err));
      });
      service.onClosed((uri) => last.delete(uri));
    },
  };
}

