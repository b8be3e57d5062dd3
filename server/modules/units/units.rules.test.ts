// Table tests of the organisation rules (issue 15 §1, R-ORG-1).
import { describe, expect, it } from 'vitest';
import {
  branchReportAbilities,
  branchReportStepRefusal,
  copiesCompanyManagers,
  unitCycleRefusal,
  unitPlacementRefusal,
  unitRecipients,
} from './units.rules.ts';

describe('R-ORG-1: where a unit may sit', () => {
  it.each([
    ['branch', null, null],
    ['branch', 'branch', 'unit_branch_top_level'],
    ['service_centre', null, null],
    ['service_centre', 'branch', null],
    ['service_centre', 'team', 'unit_parent_kind'],
    ['team', 'branch', null],
    ['team', 'service_centre', null],
    ['team', null, 'unit_team_needs_parent'],
    ['team', 'team', 'unit_team_needs_parent'],
  ] as const)('%s under %s → %s', (kind, parent, expected) => {
    expect(unitPlacementRefusal(kind, parent)).toBe(expected);
  });

  it('a unit cannot sit below itself', () => {
    expect(unitCycleRefusal('a', ['b', 'a'])).toBe('unit_parent_cycle');
    expect(unitCycleRefusal('a', ['b'])).toBeNull();
    expect(unitCycleRefusal(undefined, ['b'])).toBeNull();
  });
});

describe('R-ORG-1: who gets a unit-routed notice', () => {
  it.each([
    ['always', 'sla_warning', true],
    ['always', 'morning_notice', true],
    ['breaches', 'sla_warning', false],
    ['breaches', 'morning_notice', false],
    ['breaches', 'sla_breach', true],
    ['breaches', 'emergency', true],
    ['never', 'sla_breach', false],
    ['never', 'emergency', false],
  ] as const)('copy %s, %s → company managers copied: %s', (copy, event, expected) => {
    expect(copiesCompanyManagers(copy, event)).toBe(expected);
  });

  it.each([
    // [unit chain managers nearest first, copy, event, expected]
    [['team-lead', 'branch-boss'], 'breaches', 'sla_warning', ['team-lead']],
    [[null, 'branch-boss'], 'breaches', 'sla_warning', ['branch-boss']],
    [[null, 'branch-boss'], 'breaches', 'sla_breach', ['branch-boss', 'sm1', 'sm2']],
    [['sm1'], 'always', 'sla_warning', ['sm1', 'sm2']],
    [[], 'never', 'sla_warning', ['sm1', 'sm2']],
    [[null, null], 'never', 'emergency', ['sm1', 'sm2']],
  ] as const)('chain %j, %s, %s → %j', (chain, copy, event, expected) => {
    expect(unitRecipients(chain, ['sm1', 'sm2'], copy, event)).toEqual(expected);
  });
});

describe('seed 002 §12: the branch daily report’s steps', () => {
  it.each([
    ['draft', 'sign', null],
    ['draft', 'refresh', null],
    ['draft', 'receive', 'branch_report_not_signed'],
    ['signed', 'sign', 'branch_report_not_draft'],
    ['signed', 'refresh', 'branch_report_not_draft'],
    ['signed', 'receive', null],
    ['received', 'receive', 'branch_report_not_signed'],
  ] as const)('%s → %s: %s', (status, step, expected) => {
    expect(branchReportStepRefusal(status, step)).toBe(expected);
  });

  it('only the unit’s manager signs; head office (not him) receives', () => {
    const who = { managesUnit: true, maySign: true, mayReceive: true, mayPrepare: true };
    expect(branchReportAbilities('draft', who)).toEqual({ sign: true, refresh: true, receive: false });
    expect(branchReportAbilities('signed', who)).toEqual({ sign: false, refresh: false, receive: false });
    expect(branchReportAbilities('signed', { ...who, managesUnit: false })).toEqual({ sign: false, refresh: false, receive: true });
    expect(branchReportAbilities('draft', { ...who, managesUnit: false })).toEqual({ sign: false, refresh: true, receive: false });
  });
});
