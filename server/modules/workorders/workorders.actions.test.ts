// The obvious next step (issue 10 item 10, R-WO-1): for each state and each person, the primary
// action is the one the process expects; other ways forward follow, then steps back, then cancel.
import { describe, expect, it } from 'vitest';
import { type Actor, actionsFor, EXPECTED_NEXT, nextSteps, TRANSITIONS, WORK_ORDER_STATUSES, type WorkOrderStatus } from './workorders.rules.ts';

const primaryOf = (s: WorkOrderStatus, actors: Actor[]) => actionsFor(s, actors).find((a) => a.emphasis === 'primary');
const shape = (s: WorkOrderStatus, actors: Actor[]) => actionsFor(s, actors).map((a) => `${a.to}:${a.via}:${a.emphasis}`);

describe('primary action per state and person (R-WO-1)', () => {
  it.each([
    ['new', ['dispatch'], 'dispatched', 'dispatch'],
    ['dispatched', ['lead'], 'accepted', 'transition'],
    ['accepted', ['lead'], 'on_the_way', 'transition'],
    ['accepted', ['helper'], 'on_the_way', 'transition'],
    ['on_the_way', ['lead'], 'on_site', 'transition'],
    ['on_site', ['lead'], 'resolved', 'transition'],
    ['waiting_parts', ['lead'], 'on_site', 'transition'],
    ['taken_back', ['lead'], 'resolved', 'return_unit'],
    // After 维修完成 the engineer's first action is the customer's signature, not "not fixed after all".
    ['resolved', ['lead'], 'signed_off', 'sign'],
    ['resolved', ['customer'], 'signed_off', 'sign'],
    // The reviewer approves and archives; sending back is not the big button.
    ['signed_off', ['dispatch', 'review'], 'reviewed', 'review'],
    ['reviewed', ['review', 'manager'], 'closed', 'transition'],
  ] as const)('%s, %j → %s via %s', (status, actors, to, via) => {
    expect(primaryOf(status, [...actors])).toMatchObject({ to, via });
    expect(actionsFor(status, [...actors])[0]).toMatchObject({ to, emphasis: 'primary' });
  });

  it.each([
    ['resolved', ['dispatch', 'review']],
    ['on_site', ['helper']],
    ['dispatched', ['dispatch']],
    ['closed', ['manager']],
    ['cancelled', ['lead']],
    ['signed_off', ['lead']],
  ] as const)('%s for %j has no primary action (the process waits for someone else)', (status, actors) => {
    expect(primaryOf(status, [...actors])).toBeUndefined();
  });

  it('backward and cancelling steps come after, never primary', () => {
    expect(shape('resolved', ['lead'])).toEqual(['signed_off:sign:primary', 'on_site:transition:back']);
    expect(shape('signed_off', ['review'])).toEqual(['reviewed:review:primary', 'resolved:review:back']);
    expect(shape('on_site', ['lead'])).toEqual(['resolved:transition:primary', 'waiting_parts:transition:secondary', 'taken_back:take_back:secondary']);
    expect(shape('accepted', ['lead', 'dispatch'])).toEqual([
      'on_the_way:transition:primary',
      'on_site:transition:secondary',
      'resolved:transition:secondary',
      'dispatched:dispatch:back',
      'cancelled:transition:cancel',
    ]);
    expect(shape('waiting_parts', ['lead'])).toEqual(['on_site:transition:primary', 'on_the_way:transition:secondary', 'resolved:transition:secondary']);
    expect(actionsFor('resolved', ['lead']).find((a) => a.to === 'on_site')?.reason).toBe(true);
  });

  it('covers exactly the steps the state machine allows, for every state and person', () => {
    const people: Actor[][] = [['lead'], ['helper'], ['dispatch', 'review'], ['dispatch', 'review', 'manager'], ['customer'], ['manager'], []];
    for (const s of WORK_ORDER_STATUSES)
      for (const p of people) {
        const acts = actionsFor(s, p);
        expect(acts.map((a) => a.to).sort()).toEqual(nextSteps(s, p).sort());
        expect(acts.filter((a) => a.emphasis === 'primary').length).toBeLessThanOrEqual(1);
        // The expected steps are real steps of the machine.
        for (const to of EXPECTED_NEXT[s]) expect(TRANSITIONS[s].map((t) => t.to)).toContain(to);
      }
  });
});
