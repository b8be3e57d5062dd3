import { can, type Principal } from '../../lib/access.ts';
import { partsPolicy } from './parts.policy.ts';
import { contractReceives, type PlanStatus, type PurchaseContractStatus, planAccepts, type StocktakeStatus, stocktakeAccepts } from './parts.rules.ts';
import { mayUseAny } from './parts.service.ts';
import { type TransferRequestStatus, transferRequestNext } from './parts.van.rules.ts';

/**
 * What this caller may do on this count sheet (issue 11 item 3): the policy the endpoint
 * authorizes with and the state the command locks the sheet in (parts.rules.ts). The web shows
 * its buttons by these alone.
 */
export function stocktakeAbilities(user: Principal, status: StocktakeStatus) {
  const may = can(user, partsPolicy, 'stocktake');
  return {
    count: may && stocktakeAccepts(status, 'count'),
    submit: may && stocktakeAccepts(status, 'submit'),
    decide: can(user, partsPolicy, 'approveStocktake') && stocktakeAccepts(status, 'decide'),
  };
}

/** What this caller may do on this purchase plan (R-PT-3), as the submit and decide endpoints decide. */
export function planAbilities(user: Principal, status: PlanStatus) {
  return {
    submit: can(user, partsPolicy, 'plan') && planAccepts(status, 'submit'),
    decide: can(user, partsPolicy, 'approvePlan') && planAccepts(status, 'decide'),
  };
}

/** What this caller may do on this purchase contract, as the receive endpoint decides. */
export function purchaseContractAbilities(user: Principal, status: PurchaseContractStatus) {
  return { receive: can(user, partsPolicy, 'receive') && contractReceives(status) };
}

/** Who may withdraw a transfer request: the engineer who asked, or a role over every warehouse. */
export const mayWithdraw = (user: Principal, requestedById: string | null) => requestedById === user.id || mayUseAny(user);

/** What this caller may do on this transfer request (R-PT-1), as the fulfil, reject and cancel endpoints decide. */
export function transferRequestAbilities(user: Principal, r: { status: TransferRequestStatus; requestedById: string | null }) {
  const open = (step: 'fulfil' | 'reject' | 'cancel') => transferRequestNext(r.status, step) !== null;
  const keeps = can(user, partsPolicy, 'transfer');
  return {
    fulfil: keeps && open('fulfil'),
    reject: keeps && open('reject'),
    cancel: can(user, partsPolicy, 'issue') && open('cancel') && mayWithdraw(user, r.requestedById),
  };
}
