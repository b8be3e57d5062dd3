// R-REG-4: which step of a return may follow which, who may take it, what each decision needs
// before the return is done; 经营办法§38: when a supplier notice is overdue.
import { describe, expect, it } from 'vitest';
import { abilitiesOf, mayTake, missingFollowThrough, noticeOverdue, type ReturnStatus, type ReturnStep, stepAllowed } from './returns.rules.ts';

describe('R-REG-4 return steps (table)', () => {
  it.each<[ReturnStatus, ReturnStep, boolean]>([
    ['registered', 'receive', true],
    ['registered', 'inspect', false],
    ['registered', 'decide', false],
    ['received', 'inspect', true],
    ['received', 'decide', false],
    ['inspected', 'decide', true],
    ['inspected', 'complete', false],
    ['decided', 'complete', true],
    ['decided', 'cancel', true],
    ['done', 'cancel', false],
    ['cancelled', 'receive', false],
    ['cancelled', 'cancel', false],
  ])('%s → %s: %s', (status, step, ok) => {
    expect(stepAllowed(status, step)).toBe(ok);
  });

  it.each<[string, Parameters<typeof mayTake>[0], ReturnStatus, ReturnStep, boolean]>([
    ['an engineer receives', ['engineer'], 'registered', 'receive', true],
    ['an engineer may not inspect', ['engineer'], 'received', 'inspect', false],
    ['quality inspects', ['quality'], 'received', 'inspect', true],
    ['the service manager decides', ['service_manager'], 'inspected', 'decide', true],
    ['the service manager does not inspect', ['service_manager'], 'received', 'inspect', false],
    ['a dispatcher does not decide', ['dispatcher'], 'inspected', 'decide', false],
    ['a hospital user does nothing', ['customer_user'], 'registered', 'receive', false],
    ['quality cannot decide before the inspection', ['quality'], 'received', 'decide', false],
  ])('%s', (_n, roles, status, step, ok) => {
    expect(mayTake(roles, status, step)).toBe(ok);
  });

  it('abilities follow state and role together', () => {
    expect(abilitiesOf(['quality'], 'inspected')).toEqual({ receive: false, inspect: false, decide: true, complete: false, cancel: true });
    expect(abilitiesOf(['customer_user'], 'inspected')).toEqual({ receive: false, inspect: false, decide: false, complete: false, cancel: false });
  });
});

describe('R-REG-4 follow-through each decision needs (table)', () => {
  it.each([
    ['exchange', {}, 'exchangeSerial'],
    ['exchange', { exchangeSerial: 'SN-1' }, null],
    ['refund', { exchangeSerial: 'SN-1' }, 'refundReference'],
    ['refund', { refundReference: ' ' }, 'refundReference'],
    ['refund', { refundReference: 'TK-001' }, null],
    ['repair', {}, 'repairWorkOrderId'],
    ['repair', { repairWorkOrderId: 'wo' }, null],
    ['scrap', {}, 'scrapRecord'],
    ['scrap', { scrapRecord: '报废单 BF-1' }, null],
  ] as const)('%s with %o → %s', (decision, f, missing) => {
    expect(missingFollowThrough(decision, f)).toBe(missing);
  });
});

describe('经营办法§38 supplier notice overdue', () => {
  it.each([
    [{ repliedOn: null, replyDueOn: '2026-12-01' }, '2026-12-02', true],
    [{ repliedOn: null, replyDueOn: '2026-12-02' }, '2026-12-02', false],
    [{ repliedOn: '2026-12-05', replyDueOn: '2026-12-01' }, '2026-12-09', false],
  ])('%o on %s → %s', (n, today, overdue) => {
    expect(noticeOverdue(n, today)).toBe(overdue);
  });
});
