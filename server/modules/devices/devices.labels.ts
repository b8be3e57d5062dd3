// Chinese and English names of device and contract enums, for exports: the glossary's words
// (server/lib/glossary.ts, shared with the web UI and the service report).
import { type GlossaryGroup, term } from '../../lib/glossary.ts';
import type { Locale } from '../../lib/i18n.ts';

// The export columns pass bare values; each value belongs to one of these groups. Where two
// groups share a value (warranty, paid) the service category wins, as the exports mean coverage.
const GROUPS: GlossaryGroup[] = ['deviceStatus', 'serviceCategory', 'criticality', 'regionClass', 'deviceCategory', 'contractState', 'customerKind'];

export function label(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  for (const g of GROUPS) {
    const w = term(g, value, locale);
    if (w !== value) return w;
  }
  return value;
}
