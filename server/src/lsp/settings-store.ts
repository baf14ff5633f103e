// Where the server's settings come from. Pull first (`workspace/configuration`, per document
// scope: VS Code, Neovim and eglot all answer it); when the client cannot answer, the settings of
// the last `workspace/didChangeConfiguration` (or the defaults). Every change is announced so the
// analyses are redone.
import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, SECTION, normalizeSettings, type Settings } from '../settings';
import type { Log } from './connection-log';

/** How long a `workspace/configuration` answer may take before the pushed settings are used. */
const PULL_TIMEOUT_MS = 2_000;

export class SettingsStore {
  /** Settings sent with didChangeConfiguration (clients that push rather than answer a pull). */
  private pushed: Settings = DEFAULT_SETTINGS;
  /** False once the client failed to answer a pull: no more pulls this session. */
  private pullWorks = true;
  private readonly perUri = new Map<string, Promise<Settings>>();
  private readonly resolved = new Map<string, Settings>();
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly connection: Connection | undefined,
    private readonly log: Log,
  ) {}

  /** The settings for a document (cached until the configuration changes). */
  get(uri: string): Promise<Settings> {
    let p = this.perUri.get(uri);
    if (!p) {
      p = this.pull(uri).then((s) => {
        this.resolved.set(uri, s);
        return s;
      });
      this.perUri.set(uri, p);
    }
    return p;
  }

  /** The settings already known for a document, without waiting. */
  peek(uri: string): Settings {
    return this.resolved.get(uri) ?? this.pushed;
  }

  /** A didChangeConfiguration notification: `settings` may hold our section (a push) or be null. */
  changed(settings: unknown): void {
    if (settings && typeof settings === 'object' && SECTION in (settings as object)) this.pushed = normalizeSettings(settings);
    this.perUri.clear();
    this.resolved.clear();
    for (const l of this.listeners) l();
  }

  forget(uri: string): void {
    this.perUri.delete(uri);
    this.resolved.delete(uri);
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private async pull(uri: string): Promise<Settings> {
    if (!this.connection || !this.pullWorks) return this.pushed;
    try {
      const answer: unknown = await Promise.race([
        this.connection.workspace.getConfiguration({ scopeUri: uri, section: SECTION }),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`no answer within ${PULL_TIMEOUT_MS} ms`)), PULL_TIMEOUT_MS).unref()),
      ]);
      // null: the client knows no such section; use what was pushed (or the defaults)
      if (answer === null || answer === undefined || typeof answer !== 'object') return this.pushed;
      return normalizeSettings(answer);
    } catch (err) {
      this.pullWorks = false;
      this.log.warn(`workspace/configuration failed (${err instanceof Error ? err.message : String(err)}); using pushed or default settings`);
      return this.pushed;
    }
  }
}
