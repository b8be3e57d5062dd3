// Excel exports of traceability (R-REG-5): the dossier as a workbook with one sheet per section,
// and the "who has it?" results (part lot/serial → units; model → units) as one sheet each.
import type ExcelJS from 'exceljs';
import { newWorkbook } from '../../lib/excel.ts';
import type { Locale } from '../../lib/i18n.ts';
import { sheetName } from './traceability.rules.ts';
import type { Dossier, ModelTraceRow, PartTraceRow } from './traceability.service.ts';

type Cell = string | number | boolean | null | undefined;
interface Col<T> {
  zh: string;
  en: string;
  width?: number;
  value: (r: T) => Cell;
}

function addSheet<T>(wb: ExcelJS.Workbook, title: string, cols: Col<T>[], rows: readonly T[], locale: Locale) {
  const ws = wb.addWorksheet(sheetName(title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = cols.map((c, i) => ({ header: locale === 'en-US' ? c.en : c.zh, key: `c${i}`, width: c.width ?? 16 }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(cols.map((c, i) => [`c${i}`, c.value(r) ?? null])));
  if (cols.length) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: cols.length } };
}

const iso = (d: Date | string | null | undefined) => (d instanceof Date ? d.toISOString() : (d ?? null));

export async function dossierWorkbook(d: Dossier, locale: Locale): Promise<Buffer> {
  const en = locale === 'en-US';
  const wb = await newWorkbook();
  const u = d.unit;
  type KV = { k: string; v: Cell };
  const facts: KV[] = [
    { k: en ? 'Model' : '型号', v: `${u.modelName} (${u.modelCode})` },
    { k: en ? 'Serial number' : '序列号', v: u.serialNumber },
    { k: 'UDI', v: u.udi },
    { k: en ? 'Manufacturer' : '生产企业', v: u.manufacturer },
    { k: en ? 'Regulatory class' : '管理类别', v: u.regulatoryClass },
    { k: en ? 'Implantable' : '植入', v: u.implantable },
    { k: en ? 'Software version' : '软件版本', v: u.softwareVersion },
    { k: en ? 'Status' : '状态', v: u.status },
    { k: en ? 'Customer' : '客户', v: u.customerName },
    { k: en ? 'Site' : '院区', v: u.siteName },
    { k: en ? 'Department' : '科室', v: u.departmentName },
    { k: en ? 'Location' : '位置', v: u.location },
    { k: en ? 'Installed' : '安装日期', v: u.installDate },
    { k: en ? 'Accepted' : '验收日期', v: u.acceptanceDate },
    { k: en ? 'Warranty end' : '保修截止', v: u.warrantyEnd },
  ];
  addSheet(
    wb,
    en ? 'Device' : '设备',
    [
      { zh: '项目', en: 'Item', width: 20, value: (r: KV) => r.k },
      { zh: '内容', en: 'Value', width: 40, value: (r: KV) => r.v },
    ],
    facts,
    locale,
  );
  addSheet(
    wb,
    en ? 'Sites over time' : '使用地点变更',
    [
      { zh: '起', en: 'From', width: 22, value: (p) => iso(p.from) },
      { zh: '止', en: 'To', width: 22, value: (p) => iso(p.to) },
      { zh: '客户', en: 'Customer', width: 24, value: (p) => p.customerName },
      { zh: '院区', en: 'Site', value: (p) => p.siteName },
      { zh: '科室', en: 'Department', value: (p) => p.departmentName },
      { zh: '位置', en: 'Location', value: (p) => p.location },
      { zh: '记录人', en: 'Recorded by', value: (p) => p.actorName },
    ],
    d.placements,
    locale,
  );
  addSheet(
    wb,
    en ? 'Contracts' : '服务合同',
    [
      { zh: '合同编号', en: 'Number', width: 20, value: (c) => c.number },
      { zh: '类型', en: 'Kind', value: (c) => c.kind },
      { zh: '起始', en: 'Start', value: (c) => c.startDate },
      { zh: '截止', en: 'End', value: (c) => c.endDate },
      { zh: '服务级别', en: 'SLA', value: (c) => c.slaPolicy },
      { zh: '年保养次数', en: 'Visits per year', value: (c) => c.visitsPerYear },
    ],
    d.contracts,
    locale,
  );
  addSheet(
    wb,
    en ? 'Work orders' : '工单',
    [
      { zh: '工单号', en: 'Number', width: 18, value: (w) => w.number },
      { zh: '类型', en: 'Kind', value: (w) => w.kind },
      { zh: '状态', en: 'Status', value: (w) => w.status },
      { zh: '创建', en: 'Created', width: 22, value: (w) => iso(w.createdAt) },
      { zh: '完成', en: 'Resolved', width: 22, value: (w) => iso(w.resolvedAt) },
      { zh: '关闭', en: 'Closed', width: 22, value: (w) => iso(w.closedAt) },
      { zh: '工程师', en: 'Engineer', value: (w) => w.engineerName },
      { zh: '故障描述', en: 'Fault', width: 30, value: (w) => w.fault },
      { zh: '原因', en: 'Cause', width: 24, value: (w) => w.cause },
      { zh: '处理措施', en: 'Actions', width: 30, value: (w) => w.actions },
      { zh: '维修验证', en: 'Test results', width: 24, value: (w) => w.testResults },
    ],
    d.workOrders,
    locale,
  );
  addSheet(
    wb,
    en ? 'Parts' : '更换备件',
    [
      { zh: '日期', en: 'Date', width: 22, value: (p) => iso(p.at) },
      { zh: '工单号', en: 'Work order', width: 18, value: (p) => p.workOrderNumber },
      { zh: '备件编号', en: 'Part no.', value: (p) => p.partNo },
      { zh: '名称', en: 'Name', width: 24, value: (p) => p.name },
      { zh: '数量', en: 'Qty', width: 8, value: (p) => Number(p.quantity) },
      { zh: '批次号', en: 'Lot', value: (p) => p.lot },
      { zh: '装上序列号', en: 'Installed serial', value: (p) => p.installedSerial },
      { zh: '拆下序列号', en: 'Removed serial', value: (p) => p.removedSerial },
      { zh: '来源', en: 'Source', value: (p) => p.source },
    ],
    d.parts,
    locale,
  );
  for (const s of d.sections) {
    addSheet(
      wb,
      en ? s.titleEn : s.titleZh,
      [
        { zh: '日期', en: 'Date', width: 22, value: (e) => iso(e.at) },
        { zh: '类别', en: 'Kind', value: (e) => e.kind },
        { zh: '编号', en: 'Number', width: 18, value: (e) => e.number },
        { zh: '内容', en: 'Content', width: 50, value: (e) => e.title },
        { zh: '状态', en: 'Status', value: (e) => e.status },
      ],
      s.entries,
      locale,
    );
  }
  addSheet(
    wb,
    en ? 'Signatures' : '电子签名',
    [
      { zh: '签名时间', en: 'Signed at', width: 22, value: (s) => iso(s.signedAt) },
      { zh: '签名人', en: 'Signer', value: (s) => s.signerName },
      { zh: '含义', en: 'Meaning', width: 40, value: (s) => s.meaningText },
      { zh: '记录', en: 'Record', value: (s) => s.number ?? s.entity },
      { zh: '内容摘要', en: 'Content hash', width: 30, value: (s) => s.contentHash },
      { zh: '签名显示', en: 'Manifestation', width: 60, value: (s) => s.manifestation },
    ],
    d.signatures,
    locale,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function partTraceWorkbook(rows: readonly PartTraceRow[], locale: Locale): Promise<Buffer> {
  const en = locale === 'en-US';
  const wb = await newWorkbook();
  addSheet(
    wb,
    en ? 'Who has it' : '批次追溯',
    [
      { zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
      { zh: '设备序列号', en: 'Device serial', width: 18, value: (r) => r.serialNumber },
      { zh: '型号', en: 'Model', width: 20, value: (r) => r.modelName },
      { zh: '设备状态', en: 'Device status', value: (r) => r.deviceStatus },
      { zh: '装上/拆下', en: 'Fitted/removed', value: (r) => (r.direction === 'fitted' ? (en ? 'fitted' : '装上') : en ? 'removed' : '拆下') },
      { zh: '日期', en: 'Date', width: 22, value: (r) => iso(r.at) },
      { zh: '工单号', en: 'Work order', width: 18, value: (r) => r.workOrderNumber },
      { zh: '备件编号', en: 'Part no.', value: (r) => r.partNo },
      { zh: '备件名称', en: 'Part', width: 22, value: (r) => r.partName },
      { zh: '数量', en: 'Qty', width: 8, value: (r) => Number(r.quantity) },
      { zh: '批次号', en: 'Lot', value: (r) => r.lot },
      { zh: '装上序列号', en: 'Installed serial', value: (r) => r.installedSerial },
      { zh: '拆下序列号', en: 'Removed serial', value: (r) => r.removedSerial },
    ],
    rows,
    locale,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function modelTraceWorkbook(rows: readonly ModelTraceRow[], locale: Locale): Promise<Buffer> {
  const en = locale === 'en-US';
  const wb = await newWorkbook();
  addSheet(
    wb,
    en ? 'Units of the model' : '型号设备',
    [
      { zh: '客户', en: 'Customer', width: 24, value: (r) => r.customerName },
      { zh: '序列号', en: 'Serial number', width: 18, value: (r) => r.serialNumber },
      { zh: '型号', en: 'Model', width: 20, value: (r) => r.modelName },
      { zh: '软件版本', en: 'Software version', value: (r) => r.softwareVersion },
      { zh: '状态', en: 'Status', value: (r) => r.status },
      { zh: '院区', en: 'Site', value: (r) => r.siteName },
      { zh: '位置', en: 'Location', value: (r) => r.location },
      { zh: '验收日期', en: 'Accepted', value: (r) => r.acceptanceDate },
    ],
    rows,
    locale,
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
