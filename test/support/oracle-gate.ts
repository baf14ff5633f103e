// Decides whether an oracle-backed test runs: a missing oracle fails under CI=true and is
// skipped, with the reason, elsewhere.
import { TestContext } from 'node:test';
import assert from 'node:assert/strict';

export function requireOracle(t: TestContext, available: boolean, what: string): boolean {
  if (available) return true;
  const msg = `${what} is not installed (run 'node scripts/test-setup.mjs' as root)`;
  if (process.env.CI === 'true') assert.fail(`CI=true: ${msg}`);
  t.skip(msg);
  return false;
}
