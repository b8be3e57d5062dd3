// Display names of the parts module's enum values, for Excel exports.
import type { Locale } from '../../lib/i18n.ts';

const labels: Record<string, [string, string]> = {
  receipt: ['入库', 'Receipt'],
  issue: ['领用出库', 'Issue'],
  return_faulty: ['故障件退回', 'Faulty return'],
  transfer_out: ['调拨出', 'Transfer out'],
  transfer_in: ['调拨入', 'Transfer in'],
  adjustment: ['盘点调整', 'Adjustment'],
  good: ['良品', 'Good'],
  faulty: ['故障件', 'Faulty'],
  central: ['中心库', 'Central'],
  emergency: ['应急备件库', 'Emergency stock'],
  van: ['工程师车载库', 'Engineer van'],
  min_stock: ['低于最低库存', 'Below minimum'],
  forecast: ['在修工单需求', 'Open-work forecast'],
  manual: ['手工', 'Manual'],
};

export function kindLabel(value: string, locale: Locale): string {
  const l = labels[value];
  return l ? l[locale === 'en-US' ? 1 : 0] : value;
}
