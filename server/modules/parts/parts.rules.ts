// Pure state rules of the parts records (issue 11 item 3): the state each action takes a record
// from. The commands check these and the records' `abilities` (parts.abilities.ts) are computed
// from them, so the web and the endpoints cannot disagree.

export type StocktakeStatus = 'counting' | 'submitted' | 'approved';
export type StocktakeAction = 'count' | 'submit' | 'decide';

/** R-PT-4: counts are entered and submitted while counting; the manager decides a submitted sheet. */
export const STOCKTAKE_FROM: Record<StocktakeAction, StocktakeStatus> = { count: 'counting', submit: 'counting', decide: 'submitted' };

/** Whether a sheet in this state accepts the action (the command answers 409 otherwise). */
export const stocktakeAccepts = (status: StocktakeStatus, action: StocktakeAction) => STOCKTAKE_FROM[action] === status;

export type PlanStatus = 'draft' | 'submitted' | 'approved' | 'rejected';
export type PlanAction = 'submit' | 'decide';

/** R-PT-3: a draft plan is submitted; the service manager decides a submitted one. */
export const PLAN_FROM: Record<PlanAction, PlanStatus> = { submit: 'draft', decide: 'submitted' };

export const planAccepts = (status: PlanStatus, action: PlanAction) => PLAN_FROM[action] === status;

export type PurchaseContractStatus = 'open' | 'received' | 'cancelled';

/** Parts are received against a contract while it is open (until everything ordered arrived). */
export const contractReceives = (status: PurchaseContractStatus) => status === 'open';
