// Issue 16 §3: a phone sends the app to the background (a call, the camera) and may close the tab;
// what the engineer typed and did not save yet comes back when he returns. The form's values are
// kept in localStorage per record with the version they were typed on, laid back over the record
// on return (the same version) or offered (the record changed since), and dropped on save.
// Plain values only (text, numbers): a form with dates would need them revived.
import type { FormInstance } from 'antd';
import { Alert, Button, Space } from 'antd';
import { useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const PREFIX = 'ms-draft:';
/** A draft older than this is stale input nobody came back for. */
const MAX_AGE_MS = 7 * 86_400_000;

interface Draft {
  version: number;
  values: Record<string, unknown>;
  at: number;
}

function read(key: string): Draft | null {
  try {
    const d = JSON.parse(localStorage.getItem(PREFIX + key) ?? 'null') as Draft | null;
    return d && typeof d.version === 'number' && d.values && Date.now() - d.at < MAX_AGE_MS ? d : null;
  } catch {
    return null;
  }
}

export function useFormDraft(form: FormInstance, key: string, version: number) {
  const [state, setState] = useState<'none' | 'restored' | 'stale'>('none');
  // The notice is for coming back; a refetch while typing lays the draft back silently.
  const first = useRef(true);
  /** After the record's values are in the form: lays a draft typed on this version over them. */
  const restore = useCallback(() => {
    const d = read(key);
    const announce = first.current;
    first.current = false;
    if (!d) return;
    if (d.version === version) {
      form.setFieldsValue(d.values);
      if (announce) setState('restored');
    } else if (announce) setState('stale');
  }, [form, key, version]);
  const keep = useCallback(
    (values: Record<string, unknown>) => {
      try {
        localStorage.setItem(PREFIX + key, JSON.stringify({ version, values, at: Date.now() }));
      } catch {
        // Storage full or blocked: the form still works, only the draft is not kept.
      }
    },
    [key, version],
  );
  const onValuesChange = useCallback((_: unknown, all: Record<string, unknown>) => keep(all), [keep]);
  const clear = useCallback(() => {
    localStorage.removeItem(PREFIX + key);
    setState('none');
  }, [key]);
  const takeStale = useCallback(() => {
    const d = read(key);
    if (d) form.setFieldsValue(d.values);
    setState('restored');
    // From now on it is input on the current version.
    keep(form.getFieldsValue());
  }, [form, key, keep]);
  return { state, restore, keep, onValuesChange, clear, takeStale };
}

/** The notice above a form whose unsaved input came back (or waits to be taken back). */
export function DraftNotice({ draft, onDiscard }: { draft: ReturnType<typeof useFormDraft>; onDiscard: () => void }) {
  const { t } = useTranslation();
  if (draft.state === 'none') return null;
  const discard = () => {
    draft.clear();
    onDiscard();
  };
  return (
    <Alert
      type={draft.state === 'stale' ? 'warning' : 'info'}
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="form-draft"
      data-state={draft.state}
      title={t(draft.state === 'stale' ? 'common.draftStale' : 'common.draftRestored')}
      action={
        <Space direction="vertical" size={4}>
          {draft.state === 'stale' && (
            <Button size="small" type="primary" onClick={draft.takeStale} data-testid="form-draft-restore">
              {t('common.draftRestore')}
            </Button>
          )}
          <Button size="small" onClick={discard} data-testid="form-draft-discard">
            {t('common.draftDiscard')}
          </Button>
        </Space>
      }
    />
  );
}
