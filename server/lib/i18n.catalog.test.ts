// The catalogue is assembled from the shared messages and one file per module (issue 11 item 6);
// the split must stay as strict as the single file was. The `@ts-expect-error` line is checked by
// tsc, not by vitest.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { moduleMessages } from './i18n.catalog.ts';
import { type Catalog, type ErrorCode, type FieldCode, isMessageKey, type MessageKey, mergeCatalogs } from './i18n.ts';

describe('message files per module (issue 11 item 6)', () => {
  it('every module file is merged: each of its keys is in the catalogue', () => {
    const modules = join(import.meta.dirname, '..', 'modules');
    const files = readdirSync(modules).filter((m) => readdirSync(join(modules, m)).includes(`${m}.messages.ts`));
    expect(moduleMessages.length).toBe(files.length);
    for (const fragment of moduleMessages) for (const key of Object.keys(fragment)) expect(isMessageKey(key), key).toBe(true);
  });

  it('keys from module files are in the closed types', () => {
    expectTypeOf<'insufficient_stock'>().toExtend<ErrorCode>(); // parts
    expectTypeOf<'time_overlap'>().toExtend<FieldCode>(); // sla
    expectTypeOf<'notify.customer_survey.title'>().toExtend<MessageKey>(); // notifications
    expectTypeOf<'validation_failed'>().toExtend<ErrorCode>(); // shared
  });

  it('an entry needs both languages', () => {
    // @ts-expect-error an entry without its en-US text
    const oneLanguage = { half: { 'zh-CN': '只有中文' } } satisfies Catalog;
    expect(oneLanguage.half['zh-CN']).toBe('只有中文');
  });

  it('a key defined in two files fails when the catalogue loads', () => {
    const a = { same: { 'zh-CN': '甲', 'en-US': 'a' } } satisfies Catalog;
    const b = { same: { 'zh-CN': '乙', 'en-US': 'b' } } satisfies Catalog;
    expect(() => mergeCatalogs(a, b)).toThrow('message "same" is defined twice');
    expect(Object.keys(mergeCatalogs(a, { other: { 'zh-CN': '丙', 'en-US': 'c' } }))).toEqual(['same', 'other']);
  });
});
