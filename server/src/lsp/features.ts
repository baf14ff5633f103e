// The language features, in registration order, sharing one analysis service (one driver, one
// analysis per document version). server.ts lists `createFeatures()`; a new feature is one line here.
import { AnalysisService } from './analysis-service';
import { codeActionsFeature } from './code-actions';
import { codeLensFeature } from './code-lens';
import { commandsFeature } from './commands';
import { completionFeature } from './completion';
import type { Feature } from './context';
import { diagnosticsFeature } from './diagnostics';
import { hoverFeature } from './hover';
import { inlayHintsFeature } from './inlay-hints';
import { navigationFeature } from './navigation';
import { referencesFeature } from './references';
import { semanticTokensFeature } from './semantic-tokens';
import { patchSitesOf } from './patch-sites';
import { statusFeature } from './status';
import { workspaceSymbolsFeature } from './workspace-symbols';

export function createFeatures(service: AnalysisService = new AnalysisService()): Feature[] {
  return [
    service,
    diagnosticsFeature(service),
    statusFeature(service),
    hoverFeature(service),
    inlayHintsFeature(service),
    codeActionsFeature(service),
    codeLensFeature(service),
    navigationFeature(service),
    referencesFeature(service),
    semanticTokensFeature(service),
    completionFeature(service),
    workspaceSymbolsFeature(service),
    commandsFeature(service, patchSitesOf),
  ];
}
