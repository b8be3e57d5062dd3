// Display names of the parts module's enum values, for Excel exports: the glossary's words
// (server/lib/glossary.ts, shared with the web UI).
import { type GlossaryGroup, term } from '../../lib/glossary.ts';
import type { Locale } from '../../lib/i18n.ts';

// 'emergency' is both a warehouse kind and a reorder reason: the group order here means
// that the warehouse kind wins for a bare value; the reorder report's reason column uses reasonLabel.
const GROUPS: GlossaryGroup[] = ['ledgerKind', 'partCondition', 'warehouseKind', 'reorderReason', 'partTracking'];

export function kindLabel(value: string, locale: Locale): string {
  for (const g of GROUPS) {
    const w = term(g, value, locale);
    if (w !== value) return w;
  }
  return value;
}

export function reasonLabel(value: string, locale: Locale): string {
  return term('reorderReason', value, locale);
}
