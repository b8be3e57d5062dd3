// Roles (SPEC §1) and the tiny policy helper every module uses for its permission matrix.
export const ROLES = [
  'admin', // 系统管理员
  'service_manager', // 售后服务经理 / 服务主任
  'dispatcher', // 客服人员 / 业务员
  'engineer', // 售后服务工程师
  'technician', // 维修技师
  'technical_expert', // 技术支持专家
  'parts_admin', // 配件管理员
  'quality', // 质量控制部门
  'sales', // 销售 / 销售总监
  'finance', // 财务
  'executive', // 副总经理 / 管理委员会
  'customer_user', // 医院 / 科室用户 (portal)
] as const;
export type Role = (typeof ROLES)[number];

/** Everyone on the service company's side. */
export const STAFF: readonly Role[] = ROLES.filter((r) => r !== 'customer_user');
export const ALL: readonly Role[] = ROLES;

export interface Principal {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  /** Set for hospital users: every read is restricted to this customer. */
  customerId: string | null;
  locale: string;
}

/** A module's permission matrix: action -> roles allowed. */
export type Policy<A extends string> = Record<A, readonly Role[]>;

export function definePolicy<A extends string>(p: Policy<A>): Policy<A> {
  return p;
}

export function can<A extends string>(user: Principal | null | undefined, policy: Policy<A>, action: A): boolean {
  if (!user) return false;
  const allowed = policy[action];
  return user.roles.some((r) => allowed.includes(r));
}

/**
 * The customer a principal is confined to, or null for staff. A person who is both staff and
 * a customer user cannot exist (the users service refuses it), so this is unambiguous.
 */
export function customerScope(user: Principal): string | null {
  return user.roles.includes('customer_user') ? (user.customerId ?? '00000000-0000-0000-0000-000000000000') : null;
}
