// Decode-time name tables (register × arrangement texts …) are built once per distinct shape and
// shared by every row that binds the same shape: hundreds of rows, one copy of each table.
const TABLES = new Map<string, unknown>();

export function sharedTable<T>(key: string, build: () => T): T {
  let t = TABLES.get(key) as T | undefined;
  if (t === undefined) TABLES.set(key, (t = build()));
  return t;
}
