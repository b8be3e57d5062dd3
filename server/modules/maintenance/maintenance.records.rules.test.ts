// R-PM-2 (issue 13 §2): the evidence a maintenance visit needs, and the suspicious patterns the
// manager's "巡检证据异常" list shows — table tests of the pure rules.
import { describe, expect, it } from 'vitest';
import { evidenceMissing, type VisitEvidence } from '../workorders/index.ts';
import {
  evidenceExceptions,
  identicalReadings,
  onSiteMinutes,
  readingFingerprint,
  reusedPhotos,
  shortVisits,
  signaturesOutsideWindow,
  type VisitFacts,
} from './maintenance.records.rules.ts';

const at = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`);
const complete: VisitEvidence = {
  arrivedAt: at('09:00'),
  departedAt: at('11:00'),
  tasks: [{ key: 'clean', label: '清洁', marked: true }],
  checks: [{ key: 'temp', label: '温度', read: true }],
  photosRequired: 2,
  photoTimes: [at('09:30'), at('10:30')],
  signature: { signerName: '王主任', meaning: '确认保养已完成' },
};

describe('R-PM-2 evidenceMissing: a visit counts as done only with its evidence', () => {
  it('a complete visit lacks nothing, at either stage', () => {
    expect(evidenceMissing(complete)).toEqual([]);
    expect(evidenceMissing(complete, 'signed')).toEqual([]);
  });
  it('no record at all: the record is what is missing', () => {
    expect(evidenceMissing(null).map((m) => m.code)).toEqual(['evidence_record']);
  });
  it.each<[string, Partial<VisitEvidence>, string[]]>([
    ['no arrival (and so no photo inside a window)', { arrivedAt: null }, ['evidence_arrival', 'evidence_photos']],
    ['no departure', { departedAt: null }, ['evidence_departure', 'evidence_photos']],
    ['a task not marked', { tasks: [{ key: 'clean', label: '清洁', marked: false }] }, ['evidence_task']],
    ['a check not read', { checks: [{ key: 'temp', label: '温度', read: false }] }, ['evidence_reading']],
    ['a photo taken before the arrival does not count', { photoTimes: [at('08:00'), at('10:00')] }, ['evidence_photos']],
    ['a photo taken after the departure does not count', { photoTimes: [at('10:00'), at('12:00')] }, ['evidence_photos']],
    ['photos at the window bounds count', { photoTimes: [at('09:00'), at('11:00')] }, []],
    ['no photos required, none taken', { photosRequired: 0, photoTimes: [] }, []],
  ])('%s', (_n, patch, codes) => {
    expect(evidenceMissing({ ...complete, ...patch }).map((m) => m.code)).toEqual(codes);
  });
  it('the signature (with name and meaning) is needed once signed (review, close), not to resolve', () => {
    const unsigned = { ...complete, signature: null };
    expect(evidenceMissing(unsigned)).toEqual([]);
    expect(evidenceMissing(unsigned, 'signed').map((m) => m.code)).toEqual(['evidence_signature']);
    expect(evidenceMissing({ ...complete, signature: { signerName: ' ', meaning: '确认' } }, 'signed').map((m) => m.code)).toEqual(['evidence_signature']);
  });
  it('the missing photos name how many are required and how many count', () => {
    expect(evidenceMissing({ ...complete, photoTimes: [at('10:00')] })).toEqual([{ code: 'evidence_photos', required: 2, inWindow: 1 }]);
  });
});

const visit = (id: string, patch: Partial<VisitFacts> = {}): VisitFacts => ({
  recordId: `r-${id}`,
  workOrderId: id,
  deviceId: 'd1',
  engineerId: 'e1',
  arrivedAt: at('09:00'),
  departedAt: at('11:00'),
  minOnSiteMinutes: 60,
  readings: { temp: '20.1', pressure: '101' },
  photoHashes: [`h-${id}`],
  signedAt: at('10:55'),
  ...patch,
});

describe('R-PM-2 suspicious patterns (巡检证据异常)', () => {
  it('onSiteMinutes: null until both times are known', () => {
    expect(onSiteMinutes(at('09:00'), at('10:30'))).toBe(90);
    expect(onSiteMinutes(at('09:00'), null)).toBeNull();
  });
  it('a single reading is no fingerprint; values are compared trimmed, keys in any order', () => {
    expect(readingFingerprint({ temp: '20' })).toBeNull();
    expect(readingFingerprint({ b: ' 2', a: '1' })).toBe(readingFingerprint({ a: '1', b: '2' }));
  });
  it.each<[string, VisitFacts[], string[]]>([
    ['two visits of a device with identical readings are both flagged', [visit('a'), visit('b', { engineerId: 'e2' })], ['a', 'b']],
    ['one engineer writing the same readings on two devices is flagged', [visit('a'), visit('b', { deviceId: 'd2' })], ['a', 'b']],
    ['different readings are not', [visit('a'), visit('b', { readings: { temp: '20.3', pressure: '101' } })], []],
    ['other device and other engineer are not', [visit('a'), visit('b', { deviceId: 'd2', engineerId: 'e2' })], []],
  ])('identical readings: %s', (_n, visits, flagged) => {
    expect(
      identicalReadings(visits)
        .map((e) => e.workOrderId)
        .sort(),
    ).toEqual(flagged);
  });
  it.each<[string, Partial<VisitFacts>, number | null]>([
    ['shorter than the minimum', { departedAt: at('09:45') }, 45],
    ['exactly the minimum passes', { departedAt: at('10:00') }, null],
    ['a visit still open is not judged', { departedAt: null }, null],
    ['a template without a minimum', { minOnSiteMinutes: 0, departedAt: at('09:05') }, null],
  ])('short visit: %s', (_n, patch, minutes) => {
    const out = shortVisits([visit('a', patch)]);
    expect(out.map((e) => e.params.minutes)).toEqual(minutes == null ? [] : [minutes]);
  });
  it('a photo (same sha256) in two visits flags both, naming the other', () => {
    const out = reusedPhotos([visit('a', { photoHashes: ['x', 'y'] }), visit('b', { photoHashes: ['x'] }), visit('c', { photoHashes: ['z'] })]);
    expect(out).toEqual([
      { kind: 'photo_reused', workOrderId: 'a', related: ['b'], params: { photos: 1 } },
      { kind: 'photo_reused', workOrderId: 'b', related: ['a'], params: { photos: 1 } },
    ]);
  });
  it('the same photo twice in one visit is not reuse', () => {
    expect(reusedPhotos([visit('a', { photoHashes: ['x', 'x'] })])).toEqual([]);
  });
  it.each<[string, Date | null, number | null]>([
    ['signed during the visit', at('10:00'), null],
    ['signed on the way out, within 15 minutes', at('11:10'), null],
    ['signed before the arrival', at('08:30'), 30],
    ['signed an hour after leaving', at('12:00'), 60],
    ['not signed yet', null, null],
  ])('signature window: %s', (_n, signedAt, minutes) => {
    const out = signaturesOutsideWindow([visit('a', { signedAt })]);
    expect(out.map((e) => e.params.minutes)).toEqual(minutes == null ? [] : [minutes]);
  });
  it('evidenceExceptions lists every pattern, kinds in order', () => {
    const out = evidenceExceptions([visit('a', { departedAt: at('09:30'), signedAt: at('12:00') }), visit('b', { photoHashes: ['h-a'] })]);
    expect(out.map((e) => `${e.kind}:${e.workOrderId}`)).toEqual([
      'identical_readings:a',
      'identical_readings:b',
      'short_visit:a',
      'photo_reused:a',
      'photo_reused:b',
      'signature_outside_window:a',
    ]);
  });
});
