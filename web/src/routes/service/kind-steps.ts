// Shared by the service strings of both languages (./i18n.ts, ./i18n.en.ts).
import { glossary } from '../../glossary.ts';

/** Issue 12: the steps a kind names its own way, nested by kind (service.woKindSteps.installation.resolved). */
export function kindSteps(locale: 0 | 1) {
  const out: Record<string, Record<string, string>> = {};
  for (const [key, term] of Object.entries(glossary.workOrderKindStep)) {
    const [kind, status] = key.split('.');
    out[kind] = { ...out[kind], [status]: term[locale] };
  }
  return out;
}
