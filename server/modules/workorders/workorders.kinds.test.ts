// Issue 12 item 1: each kind's state machine, required report fields, report variant and fee
// rule as tables (workorders.kinds.ts), and the installation clock of seed 003 (sla.rules).
import { describe, expect, it } from 'vitest';
import { defaultChinaCalendar } from '../../lib/calendar.cn.ts';
import { stepTerm } from '../../lib/glossary.ts';
import { installationDue } from '../sla/index.ts';
import { categoryForKind, KIND_STATUSES, kindHasParts, REPORT_VARIANTS, WORK_ORDER_KINDS, type WorkOrderKind } from './workorders.kinds.ts';
import {
  type Actor,
  actionsFor,
  checkTransition,
  linkRefusal,
  missingForReview,
  nextSteps,
  TRANSITIONS,
  WORK_ORDER_STATUSES,
  type WorkOrderStatus,
} from './workorders.rules.ts';

const ALL_ACTORS: Actor[] = ['lead', 'helper', 'dispatch', 'review', 'customer', 'manager'];

/** Statuses reachable from `new` for a kind, following only its own steps. */
function reachable(kind: WorkOrderKind): Set<WorkOrderStatus> {
  const seen = new Set<WorkOrderStatus>(['new']);
  const queue: WorkOrderStatus[] = ['new'];
  while (queue.length) {
    for (const to of nextSteps(queue.shift() as WorkOrderStatus, ALL_ACTORS, kind)) if (!seen.has(to)) seen.add(to) && queue.push(to);
  }
  return seen;
}

describe('issue 12: each kind has its own steps (state machine table)', () => {
  it.each([
    ['repair', [], ['waiting_parts', 'taken_back']],
    ['installation', ['taken_back'], ['on_the_way', 'on_site', 'waiting_parts', 'signed_off']],
    ['maintenance', ['taken_back'], ['waiting_parts']],
    ['upgrade', ['taken_back'], ['waiting_parts']],
    ['training', ['waiting_parts', 'taken_back'], ['on_site', 'signed_off']],
    ['consultation', ['waiting_parts', 'taken_back'], ['resolved']],
    ['return_exchange', ['waiting_parts'], ['taken_back']],
  ] as const)('%s: never passes through %j, does pass through %j, and ends archived or cancelled', (kind, never, passes) => {
    const r = reachable(kind);
    for (const s of never) expect(r.has(s), s).toBe(false);
    for (const s of passes) expect(r.has(s), s).toBe(true);
    expect(r.has('closed')).toBe(true);
    expect(r.has('cancelled')).toBe(true);
  });

  it('a repair keeps every step of R-WO-1 (no kind = repair)', () => {
    for (const from of WORK_ORDER_STATUSES) {
      expect(nextSteps(from, ALL_ACTORS, 'repair')).toEqual(nextSteps(from, ALL_ACTORS));
      expect(actionsFor(from, ALL_ACTORS, 'repair')).toEqual(actionsFor(from, ALL_ACTORS));
    }
  });

  it('a training job on site cannot wait for parts: illegal transition; a repair can', () => {
    expect(checkTransition('on_site', 'waiting_parts', ['lead'], 'no part', 'training')).toBe('illegal_transition');
    expect(checkTransition('on_site', 'waiting_parts', ['lead'], 'no part', 'repair')).toBeNull();
    expect(checkTransition('on_site', 'taken_back', ['lead'], null, 'installation')).toBe('illegal_transition');
    expect(checkTransition('on_site', 'resolved', ['lead'], null, 'installation')).toBeNull();
  });

  it('every kind only steps into its own statuses, and its expected next step is one of them', () => {
    for (const kind of WORK_ORDER_KINDS) {
      for (const from of WORK_ORDER_STATUSES) {
        for (const a of actionsFor(from, ALL_ACTORS, kind)) expect(KIND_STATUSES[kind].has(a.to), `${kind} ${from}→${a.to}`).toBe(true);
        // Every status a kind may be in still has a way on (or is final).
        if (KIND_STATUSES[kind].has(from) && TRANSITIONS[from].length) expect(nextSteps(from, ALL_ACTORS, kind).length, `${kind} ${from}`).toBeGreaterThan(0);
      }
    }
  });

  it('training and consultation have no parts step; installation, maintenance, upgrade and return/exchange do', () => {
    expect(WORK_ORDER_KINDS.filter((k) => !kindHasParts(k))).toEqual(['training', 'consultation']);
  });
});

describe('issue 12 / R-WO-5: required report fields per kind (missingForReview)', () => {
  const empty = { category: 'warranty' as const, arrivedAt: new Date(), phenomenon: null, cause: null, actions: null, testResults: null, labourMinutes: 0 };
  it.each([
    ['repair', ['phenomenon', 'cause', 'actions', 'testResults']],
    ['installation', ['actions', 'testResults']],
    ['maintenance', ['actions', 'testResults']],
    ['upgrade', ['actions', 'testResults']],
    ['training', ['actions']],
    ['consultation', ['phenomenon', 'actions']],
    ['return_exchange', ['phenomenon', 'actions']],
  ] as const)('an empty %s report misses %j', (kind, missing) => {
    expect(missingForReview({ ...empty, kind })).toEqual(missing);
  });
  it('a paid maintenance visit also needs the labour time it bills', () => {
    expect(missingForReview({ ...empty, kind: 'maintenance', category: 'paid', actions: '保养', testResults: '正常' })).toEqual(['labourMinutes']);
  });
});

describe('issue 12: the service-report variant per kind (PDF titles in Chinese)', () => {
  it.each([
    ['repair', '服务报告'],
    ['installation', '安装调试报告'],
    ['maintenance', '保养/巡检报告'],
    ['upgrade', '升级报告'],
    ['training', '培训记录'],
    ['return_exchange', '退换货记录'],
  ] as const)('%s → %s', (kind, title) => {
    expect(REPORT_VARIANTS[kind].title).toBe(title);
  });
  it('a kind names its own steps: an installation resolved is 安装调试完成, a repair stays 已修复', () => {
    expect(stepTerm('installation', 'resolved', 'zh-CN')).toBe('安装调试完成');
    expect(stepTerm('training', 'resolved', 'en-US')).toBe('Trained');
    expect(stepTerm('repair', 'resolved', 'zh-CN')).toBe('已修复');
  });
});

describe('issue 12: fee rule per kind (seed 003)', () => {
  it.each([
    ['installation', 'paid', null, 'warranty'], // 安装、调试运行、操作培训 under the sales contract
    ['training', 'paid', null, 'warranty'], // 免费为客户的操作人员进行现场技术培训
    ['consultation', 'paid', null, 'warranty'], // 长期为客户提供技术咨询
    ['return_exchange', 'paid', 'installation', 'warranty'], // 开箱检验、安装调试…包换、包退
    ['return_exchange', 'warranty', 'repair', 'warranty'],
    ['return_exchange', 'paid', 'repair', 'paid'],
    ['maintenance', 'contract', null, 'contract'],
    ['upgrade', 'warranty', null, 'warranty'], // 保修期内…免费安装或升级
    ['upgrade', 'paid', null, 'paid'], // 保修期外…只收取适当的成本费、人工费和差旅费
  ] as const)('%s with coverage %s (origin %s) is billed as %s', (kind, coverage, origin, expected) => {
    expect(categoryForKind(kind, coverage, origin)).toBe(expected);
  });
});

describe('seed 003 / R-IN-2: the installation clock counts 1–3 working days from the notice', () => {
  const cal = defaultChinaCalendar();
  const sh = (local: string) => new Date(`${local}+08:00`);
  it.each([
    // Monday notice: Tue, Wed, Thu → Thursday's close.
    ['2026-11-30T10:00:00', 3, '2026-12-03T17:30:00'],
    // Friday notice: Mon, Tue, Wed (the weekend does not count).
    ['2026-11-27T16:00:00', 3, '2026-12-02T17:30:00'],
    // A Saturday notice: Mon, Tue, Wed.
    ['2026-11-28T10:00:00', 3, '2026-12-02T17:30:00'],
    // National Day 2026: notice on 30 Sep; 1–7 Oct are holidays; Sat 10 Oct is a 调休 working day.
    ['2026-09-30T10:00:00', 3, '2026-10-10T17:30:00'],
    ['2026-09-30T10:00:00', 1, '2026-10-08T17:30:00'],
  ])('notice %s, %i working days → due %s', (notice, days, due) => {
    const r = installationDue(cal, sh(notice), days);
    expect(r.dueAt.toISOString()).toBe(sh(due).toISOString());
    expect(r.target.basis).toBe('working');
  });
});

describe('issue 12 item 2: an installation job is not resolved before its installation is commissioned (linkRefusal)', () => {
  const lead: Actor[] = ['lead'];
  it.each([
    // [installation status or none, kind, from, refusal]
    ['notified', 'installation', 'on_site', 'installation_not_commissioned'],
    ['installing', 'installation', 'on_site', 'installation_not_commissioned'],
    ['installing', 'installation', 'accepted', 'installation_not_commissioned'],
    ['commissioned', 'installation', 'on_site', null],
    ['accepted', 'installation', 'on_site', null],
    ['handed_over', 'installation', 'waiting_parts', null],
    [null, 'installation', 'on_site', null], // created directly by the office: no record to wait for
    ['installing', 'return_exchange', 'on_site', null], // only the installation job is held
  ] as const)('installation %s, %s job from %s → resolved: %s', (inst, kind, from, refusal) => {
    const links = { installation: inst ? { status: inst } : null };
    expect(linkRefusal(from, 'resolved', kind, links)).toBe(refusal);
    expect(checkTransition(from, 'resolved', lead, null, kind, links)).toBe(refusal);
    // The abilities and the actions come from the same rule.
    expect(nextSteps(from, lead, kind, links).includes('resolved')).toBe(refusal === null);
    expect(actionsFor(from, lead, kind, links).some((a) => a.to === 'resolved')).toBe(refusal === null);
  });
  it('only the step to resolved is held; a report sent back from signed_off is not', () => {
    const links = { installation: { status: 'installing' } };
    expect(linkRefusal('on_site', 'waiting_parts', 'installation', links)).toBeNull();
    expect(linkRefusal('signed_off', 'resolved', 'installation', links)).toBeNull();
  });
});
