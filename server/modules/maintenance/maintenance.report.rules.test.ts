// 月度巡检报告 pure rules (issue 13 §1; seed 002): the month's bounds and trend window, the summary
// counted from fixed data, the printed range, the file name; and the renderer on fixed data (no
// database): a Chinese PDF with a trend chart, also for an empty month.
import { describe, expect, it } from 'vitest';
import { renderMonthlyReport } from './maintenance.report.pdf.ts';
import { type MonthlyReportData, monthBounds, type ReportVisit, rangeText, reportFileName, summarise } from './maintenance.report.rules.ts';

const visit = (over: Partial<ReportVisit> = {}): ReportVisit => ({
  workOrderId: 'wo1',
  workOrderNumber: 'GD20260305-001',
  workOrderStatus: 'signed',
  date: '2026-03-05',
  engineerName: '李工',
  arrivedAt: '2026-03-05T01:30:00.000Z',
  departedAt: '2026-03-05T02:40:00.000Z',
  onSiteMinutes: 70,
  tasks: [
    { key: 'clean', label: '清洁染色槽', done: true, note: null },
    { key: 'pump', label: '检查计量泵', done: false, note: '泵管无磨损，本次不更换' },
  ],
  readings: [
    {
      checkKey: 'oven_temp',
      label: '烘干温度',
      value: '60.5',
      numericValue: 60.5,
      unit: '°C',
      min: 58,
      max: 62,
      expected: null,
      status: 'in_range',
      outOfRange: false,
      instrumentCode: 'YQ-01',
      instrumentName: '温度计',
    },
    {
      checkKey: 'reagent_volume',
      label: '试剂加注量偏差',
      value: '7.2',
      numericValue: 7.2,
      unit: '%',
      min: null,
      max: 5,
      expected: null,
      status: 'high',
      outOfRange: true,
      instrumentCode: 'YQ-01',
      instrumentName: '温度计',
    },
  ],
  findings: [
    { description: '废液管老化，已更换', fixedOnSpot: true, requestNumber: null, open: false },
    { description: '计量泵需更换', fixedOnSpot: false, requestNumber: 'BX20260305-002', open: true },
  ],
  signerName: '王红',
  contentVersion: 1,
  ...over,
});

const data: MonthlyReportData = {
  companyName: 'MedService 医疗器械售后服务中心',
  customerId: 'c1',
  customerName: '仁和医院',
  month: '2026-03',
  generatedAt: '2026-04-01T02:00:00.000Z',
  devices: [
    {
      deviceId: 'd1',
      serialNumber: 'ST5020-21-0031',
      modelName: '全自动染色机 ST5020',
      departmentName: '病理科',
      location: '3楼',
      underContract: true,
      visits: [visit()],
      trends: [
        {
          checkKey: 'oven_temp',
          label: '烘干温度',
          unit: '°C',
          min: 58,
          max: 62,
          points: ['10-03', '11-04', '12-02', '01-06', '02-03', '03-05'].map((d, i) => ({
            date: `${i < 3 ? 2025 : 2026}-${d}`,
            value: String(59 + i * 0.4),
            numericValue: 59 + i * 0.4,
            outOfRange: false,
          })),
        },
        {
          checkKey: 'leak',
          label: '试剂渗漏',
          unit: null,
          min: null,
          max: null,
          points: [{ date: '2026-03-05', value: '无渗漏', numericValue: null, outOfRange: false }],
        },
      ],
    },
    { deviceId: 'd2', serialNumber: 'X-2', modelName: '切片机', departmentName: null, location: null, underContract: true, visits: [], trends: [] },
    { deviceId: 'd3', serialNumber: 'X-3', modelName: '旧设备', departmentName: null, location: null, underContract: false, visits: [], trends: [] },
  ],
  plannedVisits: [
    {
      visitId: 'v1',
      deviceId: 'd1',
      serialNumber: 'ST5020-21-0031',
      plannedDate: '2026-03-05',
      engineerName: '李工',
      status: 'done',
      overdue: false,
      workOrderNumber: 'GD1',
    },
    {
      visitId: 'v2',
      deviceId: 'd2',
      serialNumber: 'X-2',
      plannedDate: '2026-03-20',
      engineerName: null,
      status: 'notified',
      overdue: true,
      workOrderNumber: null,
    },
    {
      visitId: 'v3',
      deviceId: 'd2',
      serialNumber: 'X-2',
      plannedDate: '2026-03-25',
      engineerName: null,
      status: 'missed',
      overdue: false,
      workOrderNumber: null,
    },
  ],
};

describe('monthBounds: the month and its six-month trend window', () => {
  it.each([
    ['2026-03', '2026-03-01', '2026-03-31', '2025-10-01'],
    ['2024-02', '2024-02-01', '2024-02-29', '2023-09-01'],
    ['2026-12', '2026-12-01', '2026-12-31', '2026-07-01'],
    ['2026-06', '2026-06-01', '2026-06-30', '2026-01-01'],
  ])('%s → %s … %s, trend from %s', (m, from, to, trendFrom) => {
    expect(monthBounds(m)).toEqual({ from, to, trendFrom });
  });
});

describe('summarise (seed 002 月度巡检报告 概况)', () => {
  it('counts systems under maintenance or visited, planned vs done, overdue, missed, readings out of range and open findings', () => {
    expect(summarise(data)).toEqual({
      systems: 2,
      plannedVisits: 3,
      doneVisits: 1,
      overdueVisits: 1,
      missedVisits: 1,
      recordedVisits: 1,
      readings: 2,
      outOfRange: 1,
      findings: 2,
      openFindings: 1,
    });
  });
  it('a device visited though no longer under contract still counts as a system of the month', () => {
    const d = { ...data, devices: [{ ...data.devices[2], visits: [visit()] }] };
    expect(summarise(d).systems).toBe(1);
  });
  it('an empty month is all zeros', () => {
    expect(Object.values(summarise({ devices: [], plannedVisits: [] })).every((n) => n === 0)).toBe(true);
  });
});

describe('rangeText and reportFileName', () => {
  it.each([
    [{ min: 58, max: 62, expected: null, unit: '°C' }, '58–62 °C'],
    [{ min: 2, max: null, expected: null, unit: null }, '≥ 2'],
    [{ min: null, max: 5, expected: null, unit: '%' }, '≤ 5 %'],
    [{ min: null, max: null, expected: '无渗漏', unit: null }, '无渗漏'],
    [{ min: null, max: null, expected: null, unit: null }, '—'],
  ])('%o → %s', (r, text) => expect(rangeText(r)).toBe(text));
  it('the ASCII file name keeps only safe characters of the customer code', () => {
    expect(reportFileName('RH-01', '2026-03')).toBe('inspection-report-RH-01-2026-03.pdf');
    expect(reportFileName('仁和', '2026-03')).toBe('inspection-report-customer-2026-03.pdf');
  });
});

/** Pages of a pdfkit PDF (page objects are not compressed). */
const pages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;

describe('renderMonthlyReport (pure, fixed data)', () => {
  it('renders a PDF with the visit, the trend chart and the page footer', async () => {
    const pdf = await renderMonthlyReport({ ...data, summary: summarise(data) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(5000);
  });
  it('renders an empty month too', async () => {
    const empty = { ...data, devices: [], plannedVisits: [] };
    const pdf = await renderMonthlyReport({ ...empty, summary: summarise(empty) });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The page footer stays inside the page (it never pushes a blank page of its own).
    expect(pages(pdf)).toBe(1);
  });
  it('a long month breaks over pages, the table headers repeated, without blank pages', async () => {
    const many = { ...data, devices: [{ ...data.devices[0], visits: Array.from({ length: 12 }, (_, i) => visit({ workOrderId: `wo${i}` })) }] };
    const pdf = await renderMonthlyReport({ ...many, summary: summarise(many) });
    expect(pages(pdf)).toBeGreaterThan(2);
    expect(pages(pdf)).toBeLessThan(12);
  });
});
