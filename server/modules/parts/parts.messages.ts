// Server messages: spare parts (SPEC §6; issue 10 item 9: parts from the van, transfer requests), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts, issue 11
// item 6); `satisfies Catalog` keeps the literal keys (the closed ErrorCode/FieldCode types)
// and needs both languages in each entry.
import type { Catalog } from '../../lib/i18n.ts';

export const partsMessages = {
  insufficient_stock: {
    'zh-CN': '库存不足：出库数量超过该仓库当前库存，库存不能为负。',
    'en-US': 'Not enough stock: the quantity exceeds what the warehouse holds; stock cannot go negative.',
  },
  stock_busy: { 'zh-CN': '库存正被其他操作占用，请重试。', 'en-US': 'The stock is being changed by another operation; try again.' },
  warehouse_inactive: { 'zh-CN': '该仓库已停用。', 'en-US': 'The warehouse is no longer in use.' },
  part_inactive: { 'zh-CN': '备件 {code} 已停用。', 'en-US': 'Part {code} is no longer in use.' },
  lot_not_tracked: { 'zh-CN': '备件 {code} 不按批次/序列号管理，请勿填写批次号。', 'en-US': 'Part {code} is not lot or serial tracked; leave the lot empty.' },
  quarantine_not_in_van: {
    'zh-CN': '退回的备件须入库到中心库或应急库的隔离（故障）库存，不能放入工程师车载库。',
    'en-US': "Returned parts go into a central or emergency warehouse's quarantine (faulty) stock, not an engineer's van.",
  },
  lot_required: { 'zh-CN': '备件 {code} 须填写批次号/序列号。', 'en-US': 'Part {code} needs a lot or serial number.' },
  serial_qty_one: { 'zh-CN': '备件 {code} 按序列号管理，每个序列号数量为 1。', 'en-US': 'Part {code} is serial tracked: one unit per serial number.' },
  serial_in_stock: { 'zh-CN': '序列号 {serial}（{code}）已在库存中。', 'en-US': 'Serial {serial} ({code}) is already in stock.' },
  same_warehouse: { 'zh-CN': '调出仓库与调入仓库不能相同。', 'en-US': 'The sending and receiving warehouses must differ.' },
  emergency_stock_reserved: {
    'zh-CN': '应急备件库仅供紧急工单使用（R-PT-5）。',
    'en-US': 'Emergency stock is reserved for emergency work orders (R-PT-5).',
  },
  warehouse_not_yours: {
    'zh-CN': '只能从本人的车载库（或紧急工单的应急备件库）领用。',
    'en-US': 'You can draw only from your own van (or emergency stock for an emergency job).',
  },
  van_needs_owner: { 'zh-CN': '车载库须指定所属工程师。', 'en-US': 'A van warehouse needs its engineer.' },
  owner_only_for_van: { 'zh-CN': '只有车载库才有所属工程师。', 'en-US': 'Only a van warehouse has an owning engineer.' },
  stocktake_open: { 'zh-CN': '该仓库已有进行中的盘点单 {number}。', 'en-US': 'The warehouse already has a count in progress ({number}).' },
  stocktake_wrong_status: { 'zh-CN': '盘点单当前状态（{status}）不允许此操作。', 'en-US': 'The count sheet is {status}; this step is not possible now.' },
  stocktake_uncounted: { 'zh-CN': '还有 {count} 行未盘点：{parts}。', 'en-US': '{count} lines are not counted yet: {parts}.' },
  variance_needs_reason: { 'zh-CN': '盘点差异须填写原因：{parts}。', 'en-US': 'Each variance needs a reason: {parts}.' },
  plan_wrong_status: { 'zh-CN': '采购计划当前状态（{status}）不允许此操作。', 'en-US': 'The purchase plan is {status}; this step is not possible now.' },
  plan_not_approved: { 'zh-CN': '采购计划尚未经服务经理批准（{status}）。', 'en-US': 'The purchase plan is not approved by the service manager ({status}).' },
  contract_not_open: { 'zh-CN': '采购合同已{status}，不能再收货。', 'en-US': 'The purchase contract is {status}; nothing more can be received.' },
  over_receipt: { 'zh-CN': '收货数量超过合同未交数量（{open}）。', 'en-US': 'More than the contract still owes ({open}).' },
  'field.insufficient_stock': { 'zh-CN': '库存不足（可用 {available}）', 'en-US': 'Not enough stock ({available} available)' },
  'field.emergency_stock_reserved': { 'zh-CN': '应急备件库仅供紧急工单', 'en-US': 'Emergency stock is for emergency jobs only' },
  'label.partId': { 'zh-CN': '备件', 'en-US': 'part' },
  'label.warehouseId': { 'zh-CN': '仓库', 'en-US': 'warehouse' },
  'label.fromWarehouseId': { 'zh-CN': '调出仓库', 'en-US': 'sending warehouse' },
  'label.toWarehouseId': { 'zh-CN': '调入仓库', 'en-US': 'receiving warehouse' },
  'label.supplierId': { 'zh-CN': '供应商', 'en-US': 'supplier' },
  'label.planId': { 'zh-CN': '采购计划', 'en-US': 'purchase plan' },
  'label.parts_ledger': { 'zh-CN': '备件台账', 'en-US': 'parts ledger' },
  'label.purchase_plans': { 'zh-CN': '采购计划', 'en-US': 'purchase plans' },
  'label.purchase_contracts': { 'zh-CN': '采购合同', 'en-US': 'purchase contracts' },
  'label.stocktakes': { 'zh-CN': '盘点单', 'en-US': 'stocktakes' },
  no_van: {
    'zh-CN': '您还没有车载库，无法申请调拨到车载库；请联系备件管理员为您建立车载库。',
    'en-US': 'You have no van warehouse to receive a transfer; ask the parts administrator to set one up.',
  },
  transfer_source_invalid: {
    'zh-CN': '只能从中心备件库（紧急工单还可从应急备件库）申请调拨，不能从其他工程师的车载库调拨。',
    'en-US': "Parts can be requested from the central store (or, for an emergency job, the emergency store), never from another engineer's van.",
  },
  transfer_request_decided: { 'zh-CN': '该调拨申请已处理（{status}），不能再更改。', 'en-US': 'This transfer request is already decided ({status}).' },
  'notify.parts_transfer_requested.title': { 'zh-CN': '调拨申请 {number}：{part}', 'en-US': 'Transfer requested for {number}: {part}' },
  'notify.parts_transfer_requested.body': {
    'zh-CN': '{by} 申请从{from}调拨 {qty} 件到车载库。',
    'en-US': '{by} asks for {qty} from {from} into their van.',
  },
  'notify.parts_transfer_fulfilled.title': { 'zh-CN': '调拨已发出：{part}', 'en-US': 'Transfer shipped: {part}' },
  'notify.parts_transfer_fulfilled.body': { 'zh-CN': '{qty} 件已调入{to}。', 'en-US': '{qty} moved into {to}.' },
  'notify.parts_transfer_rejected.title': { 'zh-CN': '调拨申请未通过：{part}', 'en-US': 'Transfer request refused: {part}' },
  'notify.parts_transfer_rejected.body': { 'zh-CN': '原因：{reason}', 'en-US': 'Reason: {reason}' },
} satisfies Catalog;
