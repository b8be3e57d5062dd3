// Organisation rules (issue 15 §1, R-ORG-1). Pure: no I/O.
import type { BRANCH_REPORT_STATUSES, MANAGER_COPY, UNIT_KINDS } from './units.tables.ts';

export type UnitKind = (typeof UNIT_KINDS)[number];
export type ManagerCopy = (typeof MANAGER_COPY)[number];
export type BranchReportStatus = (typeof BRANCH_REPORT_STATUSES)[number];
/** The notices routed by unit: SLA warning / breach, the dispatch morning notice, emergency calls. */
export type UnitEvent = 'sla_warning' | 'sla_breach' | 'morning_notice' | 'emergency';

/**
 * R-ORG-1: where a unit may sit. A team lives inside a branch or a service centre; a service
 * centre may sit inside a branch; a branch is top level. Returns a message code or null.
 */
export function unitPlacementRefusal(
  kind: UnitKind,
  parentKind: UnitKind | null,
): 'unit_team_needs_parent' | 'unit_parent_kind' | 'unit_branch_top_level' | null {
  if (kind === 'team') return parentKind === 'branch' || parentKind === 'service_centre' ? null : 'unit_team_needs_parent';
  if (kind === 'service_centre') return parentKind === null || parentKind === 'branch' ? null : 'unit_parent_kind';
  return parentKind === null ? null : 'unit_branch_top_level';
}

/** The unit would become its own ancestor. */
export function unitCycleRefusal(unitId: string | undefined, ancestorIds: readonly string[]): 'unit_parent_cycle' | null {
  return unitId && ancestorIds.includes(unitId) ? 'unit_parent_cycle' : null;
}

/** A unit's manager is an active staff member (never a hospital user). */
export function unitManagerRefusal(roles: readonly string[], active: boolean): 'unit_manager_not_staff' | null {
  return !active || roles.length === 0 || roles.includes('customer_user') ? 'unit_manager_not_staff' : null;
}

/** R-ORG-1: whether the company's service managers get a copy of this notice. Emergencies count as breaches. */
export function copiesCompanyManagers(copy: ManagerCopy, event: UnitEvent): boolean {
  if (copy === 'always') return true;
  if (copy === 'never') return false;
  return event === 'sla_breach' || event === 'emergency';
}

/**
 * R-ORG-1: who gets a unit-routed notice. The unit's manager chain (the customer's unit's
 * manager first, else the nearest manager above); the company's service managers by the copy
 * rule. No unit manager found (customer without a unit): every service manager, as before.
 */
export function unitRecipients(chainManagers: readonly (string | null)[], companyManagers: readonly string[], copy: ManagerCopy, event: UnitEvent): string[] {
  const first = chainManagers.find((m): m is string => !!m);
  if (!first) return [...companyManagers];
  const out = [first];
  if (copiesCompanyManagers(copy, event)) for (const m of companyManagers) if (!out.includes(m)) out.push(m);
  return out;
}

/** 分公司日报 (seed 002 §12): which step a report may take now. */
export function branchReportStepRefusal(
  status: BranchReportStatus,
  step: 'sign' | 'receive' | 'refresh',
): 'branch_report_not_draft' | 'branch_report_not_signed' | null {
  if (step === 'sign' || step === 'refresh') return status === 'draft' ? null : 'branch_report_not_draft';
  return status === 'signed' ? null : 'branch_report_not_signed';
}

/** What the caller may do with a report (the web shows buttons from these). */
export function branchReportAbilities(status: BranchReportStatus, who: { managesUnit: boolean; maySign: boolean; mayReceive: boolean; mayPrepare: boolean }) {
  return {
    sign: status === 'draft' && who.maySign && who.managesUnit,
    refresh: status === 'draft' && who.mayPrepare,
    receive: status === 'signed' && who.mayReceive && !who.managesUnit,
  };
}
