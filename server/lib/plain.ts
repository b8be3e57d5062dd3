// Rows leave the server as JSON: timestamps become ISO strings. Response schemas describe
// this plain shape (ARCHITECTURE: keep response schemas free of transforms).
export type Plain<T> = {
  [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K];
};

export function plain<T extends object>(row: T): Plain<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) out[k] = v instanceof Date ? v.toISOString() : v;
  return out as Plain<T>;
}
