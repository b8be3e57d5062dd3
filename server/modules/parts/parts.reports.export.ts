// The Excel columns of the parts reports (format=xlsx): one list per report, headed in both
// languages, labels in the reader's language.
import type { ExportColumn } from '../../lib/excel.ts';
import type { Locale } from '../../lib/i18n.ts';
import { kindLabel, reasonLabel } from './parts.labels.ts';
import type { reorderSuggestions } from './parts.purchasing.ts';
import type { consumption, slowMovers, stockByWarehouse, workOrderCosts } from './parts.reports.ts';

type RowOf<F extends (...args: never[]) => Promise<unknown[]>> = Awaited<ReturnType<F>>[number];

/** A report's workbook: its name in each language and its columns for a reader's language. */
export interface ReportExport<T> {
  nameZh: string;
  nameEn: string;
  columns: (locale: Locale) => ExportColumn<T>[];
}

export const stockByWarehouseExport: ReportExport<RowOf<typeof stockByWarehouse>> = {
  nameZh: '分仓库存',
  nameEn: 'stock-by-warehouse',
  columns: (locale) => [
    { key: 'code', zh: '仓库编号', en: 'Code', value: (r) => r.warehouseCode },
    { key: 'name', zh: '仓库', en: 'Warehouse', width: 24, value: (r) => r.warehouseName },
    { key: 'kind', zh: '类型', en: 'Kind', value: (r) => kindLabel(r.kind, locale) },
    { key: 'lines', zh: '品项数', en: 'Lines', value: (r) => r.lines },
    { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
    { key: 'value', zh: '金额', en: 'Value', value: (r) => Number(r.value) },
  ],
};

export const consumptionExport: ReportExport<RowOf<typeof consumption>> = {
  nameZh: '备件消耗',
  nameEn: 'consumption',
  columns: () => [
    { key: 'key', zh: '分组', en: 'Group', width: 18, value: (r) => r.key },
    { key: 'label', zh: '名称', en: 'Name', width: 26, value: (r) => r.label },
    { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
    { key: 'cost', zh: '金额', en: 'Cost', value: (r) => Number(r.cost) },
  ],
};

export const workOrderCostsExport: ReportExport<RowOf<typeof workOrderCosts>> = {
  nameZh: '工单备件成本',
  nameEn: 'work-order-parts-cost',
  columns: () => [
    { key: 'wo', zh: '工单', en: 'Work order', width: 20, value: (r) => r.workOrderNumber },
    { key: 'lines', zh: '出库笔数', en: 'Issues', value: (r) => r.lines },
    { key: 'qty', zh: '数量', en: 'Quantity', value: (r) => r.qty },
    { key: 'cost', zh: '金额', en: 'Cost', value: (r) => Number(r.cost) },
  ],
};

export const slowMoversExport: ReportExport<RowOf<typeof slowMovers>> = {
  nameZh: '呆滞备件',
  nameEn: 'slow-movers',
  columns: () => [
    { key: 'code', zh: '备件编号', en: 'Part', value: (r) => r.partCode },
    { key: 'name', zh: '名称', en: 'Name', width: 26, value: (r) => r.partName },
    { key: 'onHand', zh: '库存', en: 'On hand', value: (r) => r.onHand },
    { key: 'value', zh: '金额', en: 'Value', value: (r) => Number(r.value) },
    { key: 'last', zh: '最近出库', en: 'Last issued', width: 22, value: (r) => r.lastIssueAt },
  ],
};

export const reorderExport: ReportExport<RowOf<typeof reorderSuggestions>> = {
  nameZh: '补货清单',
  nameEn: 'reorder',
  columns: (locale) => [
    { key: 'code', zh: '备件编号', en: 'Part', value: (r) => r.partCode },
    { key: 'name', zh: '名称', en: 'Name', width: 26, value: (r) => r.partName },
    { key: 'onHand', zh: '库存', en: 'On hand', value: (r) => r.onHand },
    { key: 'min', zh: '最低库存', en: 'Minimum', value: (r) => r.minStock },
    { key: 'eOnHand', zh: '应急库存', en: 'Emergency on hand', value: (r) => r.emergencyOnHand },
    { key: 'eLevel', zh: '应急储备量', en: 'Emergency level', value: (r) => r.emergencyLevel },
    { key: 'forecast', zh: '在修需求', en: 'Forecast', value: (r) => r.forecast },
    { key: 'qty', zh: '建议采购', en: 'Suggested', value: (r) => r.suggestedQty },
    { key: 'reason', zh: '原因', en: 'Reason', value: (r) => reasonLabel(r.reason, locale) },
  ],
};
