// 月度巡检报告 as a Chinese PDF (issue 13 §1; seed 002: 每个系统形成一份月度巡检报告): pure rendering
// of the loaded data (maintenance.report.service.ts) — header, summary, the month's planned visits,
// then one section per device with each visit (on-site window, tasks, readings with 超出范围
// flagged, findings with their repair request, the customer's signature) and a six-month trend
// chart per check, drawn with pdfkit lines. Fonts as in the service report and the expiry letter
// (Noto Sans SC from @expo-google-fonts, embedded as a subset).
import { gridTable, openPdf } from '../../lib/pdf.ts';
import type { VisitStatus } from './maintenance.plans.rules.ts';
import { type MonthlyReportData, type MonthlySummary, rangeText, type TrendSeries } from './maintenance.report.rules.ts';

const M = 40;
const PAGE_W = 595.28;
const PAGE_H = 841.89;
const W = PAGE_W - 2 * M;
/** Content stops here; the footer sits below, still inside the bottom margin (else pdfkit adds a page). */
const BOTTOM = PAGE_H - M - 30;
const FOOTER_Y = PAGE_H - M - 20;

const STATUS_ZH: Record<VisitStatus, string> = {
  planned: '已计划',
  notified: '已通知',
  confirmed: '客户已确认',
  reschedule_requested: '客户申请改期',
  ordered: '已派工',
  done: '已完成',
  missed: '未执行',
  cancelled: '已取消',
};

const cnMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number);
  return `${y}年${m}月`;
};
/** A wall-clock time in the report's time zone: "2026-03-05 09:30". */
function local(iso: string | null, timeZone: string, withDate = true): string {
  if (!iso) return '—';
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return withDate ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : `${p.hour}:${p.minute}`;
}

type Doc = PDFKit.PDFDocument;

export async function renderMonthlyReport(d: MonthlyReportData & { summary: MonthlySummary }, timeZone = 'Asia/Shanghai'): Promise<Buffer> {
  const title = `月度巡检报告 ${d.customerName} ${cnMonth(d.month)}`;
  const { doc, done } = await openPdf({ size: 'A4', margin: M, bufferPages: true, info: { Title: title, Author: d.companyName } });

  let y = M;
  const ensure = (h: number) => {
    if (y + h > BOTTOM) {
      doc.addPage();
      y = M;
    }
  };
  const heading = (text: string, size = 12) => {
    ensure(size + 30);
    y += 6;
    doc.font('B').fontSize(size).fillColor('black').text(text, M, y, { width: W });
    y = doc.y + 4;
  };
  const para = (text: string, size = 9, color = 'black') => {
    doc.font('R').fontSize(size);
    const h = doc.heightOfString(text, { width: W });
    ensure(h + 2);
    doc.fillColor(color).text(text, M, y, { width: W });
    doc.fillColor('black');
    y += h + 2;
  };
  /** A bordered table; `flag` paints a row's text red (超出范围). */
  const table = (widths: number[], head: string[], rows: string[][], flag: (i: number) => boolean = () => false) => {
    const t = gridTable(
      doc,
      {
        left: M,
        widths: widths.map((x) => x * W),
        top: M,
        bottom: BOTTOM,
        fontSize: 8.5,
        pad: 3,
        minRowHeight: 16,
        headFill: '#eeeeee',
        empty: '—',
        repeatHead: head,
      },
      y,
    );
    t.row(head, { head: true });
    rows.forEach((r, i) => {
      t.row(r, { color: flag(i) ? '#c0392b' : undefined });
    });
    y = t.y + 6;
  };

  // ---- header
  doc.font('R').fontSize(9).fillColor('#555555').text(d.companyName, M, y, { width: W, align: 'center' });
  y = doc.y + 2;
  doc.font('B').fontSize(18).fillColor('black').text('月度巡检报告', M, y, { width: W, align: 'center' });
  y = doc.y + 4;
  doc
    .font('R')
    .fontSize(9.5)
    .text(`客户：${d.customerName}    月份：${cnMonth(d.month)}    生成时间：${local(d.generatedAt, timeZone)}`, M, y, { width: W, align: 'center' });
  y = doc.y + 8;
  doc
    .moveTo(M, y)
    .lineTo(M + W, y)
    .stroke('#999999');
  y += 6;

  // ---- summary
  const s = d.summary;
  heading('一、本月概况');
  table(
    [0.25, 0.25, 0.25, 0.25],
    ['项目', '数量', '项目', '数量'],
    [
      ['维护期内系统', String(s.systems), '本月巡检记录', String(s.recordedVisits)],
      ['计划巡检', String(s.plannedVisits), '已完成', String(s.doneVisits)],
      ['逾期未做', String(s.overdueVisits), '未执行', String(s.missedVisits)],
      ['读数', String(s.readings), '超出范围', String(s.outOfRange)],
      ['发现问题', String(s.findings), '未关闭问题', String(s.openFindings)],
    ],
    (i) => (i === 2 && s.overdueVisits > 0) || (i === 3 && s.outOfRange > 0) || (i === 4 && s.openFindings > 0),
  );
  if (d.plannedVisits.length > 0) {
    heading('本月计划巡检', 10);
    table(
      [0.18, 0.27, 0.2, 0.15, 0.2],
      ['计划日期', '设备序列号', '工程师', '状态', '工单号'],
      d.plannedVisits.map((p) => [
        p.plannedDate,
        p.serialNumber,
        p.engineerName ?? '—',
        p.overdue ? `${STATUS_ZH[p.status]}（逾期）` : STATUS_ZH[p.status],
        p.workOrderNumber ?? '—',
      ]),
      (i) => d.plannedVisits[i].overdue,
    );
  }

  // ---- devices
  heading('二、设备巡检明细');
  if (d.devices.length === 0) para('本月该客户没有维护期内的系统，也没有巡检记录。');
  d.devices.forEach((dev, n) => {
    heading(`${n + 1}. ${dev.modelName}  序列号：${dev.serialNumber}`, 11);
    para(`科室：${dev.departmentName ?? '—'}    位置：${dev.location ?? '—'}    ${dev.underContract ? '维护期内' : '非维护期'}`);
    if (dev.visits.length === 0) para('本月无巡检记录。', 9, '#c0392b');
    for (const v of dev.visits) {
      ensure(60);
      y += 2;
      doc
        .font('B')
        .fontSize(9.5)
        .text(
          `巡检日期：${v.date}    工单号：${v.workOrderNumber}    工程师：${v.engineerName ?? '—'}${v.contentVersion > 1 ? `    已更正 (v${v.contentVersion})` : ''}`,
          M,
          y,
          { width: W },
        );
      y = doc.y + 1;
      const window = v.arrivedAt ? `${local(v.arrivedAt, timeZone, false)}–${v.departedAt ? local(v.departedAt, timeZone, false) : '—'}` : '—';
      para(`在场时间：${window}${v.onSiteMinutes === null ? '' : `（${v.onSiteMinutes} 分钟）`}    客户签字：${v.signerName ?? '未签字'}`);
      if (v.tasks.length > 0) {
        table(
          [0.45, 0.15, 0.4],
          ['保养项目', '完成情况', '备注'],
          v.tasks.map((t) => [t.label, t.done === null ? '未记录' : t.done ? '已完成' : '未完成', t.note ?? '']),
          (i) => v.tasks[i].done === false,
        );
      }
      if (v.readings.length > 0) {
        table(
          [0.24, 0.14, 0.2, 0.24, 0.18],
          ['检查项', '读数', '正常范围', '测量仪器', '结果'],
          v.readings.map((r) => [
            r.label,
            `${r.value}${r.unit ? ` ${r.unit}` : ''}`,
            rangeText(r),
            r.instrumentCode ? `${r.instrumentCode} ${r.instrumentName ?? ''}`.trim() : '—',
            r.outOfRange ? (r.status === 'low' ? '超出范围（偏低）' : r.status === 'high' ? '超出范围（偏高）' : '超出范围') : '正常',
          ]),
          (i) => v.readings[i].outOfRange,
        );
      }
      if (v.findings.length > 0) {
        table(
          [0.6, 0.4],
          ['发现问题', '处理'],
          v.findings.map((x) => [x.description, x.fixedOnSpot ? '现场已处理' : `已开维修申请 ${x.requestNumber ?? ''}${x.open ? '（未关闭）' : ''}`]),
          (i) => v.findings[i].open,
        );
      }
    }
    if (dev.trends.length > 0) {
      heading('近6个月读数趋势', 9.5);
      const cw = (W - 12) / 2;
      const ch = 92;
      dev.trends.forEach((t, i) => {
        if (i % 2 === 0) ensure(ch + 6);
        const x = M + (i % 2) * (cw + 12);
        trendChart(doc, t, x, y, cw, ch);
        if (i % 2 === 1 || i === dev.trends.length - 1) y += ch + 6;
      });
    }
  });

  // ---- page numbers
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    doc
      .font('R')
      .fontSize(8)
      .fillColor('#777777')
      .text(`${d.customerName} ${cnMonth(d.month)} 月度巡检报告  第 ${i + 1} / ${range.count} 页`, M, FOOTER_Y, {
        width: W,
        align: 'center',
        lineBreak: false,
      });
  }
  doc.end();
  return done;
}

/** One check's six months as a small line chart (numeric readings) or a compact value row (pass/fail checks). */
function trendChart(doc: Doc, t: TrendSeries, x: number, y: number, w: number, h: number) {
  doc.rect(x, y, w, h).stroke('#cccccc');
  doc
    .font('B')
    .fontSize(8)
    .fillColor('black')
    .text(`${t.label}${t.unit ? `（${t.unit}）` : ''}  范围：${rangeText({ ...t, expected: null, unit: null })}`, x + 4, y + 3, {
      width: w - 8,
      lineBreak: false,
    });
  const pts = t.points.filter((p) => p.numericValue !== null) as (TrendSeries['points'][number] & { numericValue: number })[];
  const top = y + 16;
  const bottom = y + h - 14;
  const left = x + 30;
  const right = x + w - 8;
  if (pts.length === 0) {
    const row = t.points.map((p) => `${p.date.slice(5)} ${p.value}`).join('  ');
    doc
      .font('R')
      .fontSize(7.5)
      .fillColor('black')
      .text(row || '—', x + 4, top + 4, { width: w - 8, height: h - 22 });
    return;
  }
  const values = [...pts.map((p) => p.numericValue), ...(t.min === null ? [] : [t.min]), ...(t.max === null ? [] : [t.max])];
  let lo = Math.min(...values);
  let hi = Math.max(...values);
  if (hi === lo) {
    hi += 1;
    lo -= 1;
  }
  const pad = (hi - lo) * 0.1;
  lo -= pad;
  hi += pad;
  const Y = (v: number) => bottom - ((v - lo) / (hi - lo)) * (bottom - top);
  const X = (i: number) => (pts.length === 1 ? (left + right) / 2 : left + (i / (pts.length - 1)) * (right - left));
  doc.font('R').fontSize(6.5).fillColor('#777777');
  doc.text(fmt(hi - pad), x + 2, top - 2, { width: 26, align: 'right', lineBreak: false });
  doc.text(fmt(lo + pad), x + 2, bottom - 6, { width: 26, align: 'right', lineBreak: false });
  doc.moveTo(left, top).lineTo(left, bottom).lineTo(right, bottom).stroke('#999999');
  for (const bound of [t.min, t.max]) {
    if (bound === null) continue;
    doc.save().moveTo(left, Y(bound)).lineTo(right, Y(bound)).dash(2, { space: 2 }).stroke('#e67e22').restore();
  }
  pts.forEach((p, i) => {
    if (i > 0)
      doc
        .moveTo(X(i - 1), Y(pts[i - 1].numericValue))
        .lineTo(X(i), Y(p.numericValue))
        .stroke('#2f6fb0');
  });
  pts.forEach((p, i) => {
    doc.circle(X(i), Y(p.numericValue), 2).fill(p.outOfRange ? '#c0392b' : '#2f6fb0');
  });
  doc.font('R').fontSize(6.5).fillColor('#555555');
  const step = Math.max(1, Math.ceil(pts.length / 6));
  pts.forEach((p, i) => {
    if (i % step === 0 || i === pts.length - 1) doc.text(p.date.slice(5), X(i) - 14, bottom + 2, { width: 28, align: 'center', lineBreak: false });
  });
  doc.fillColor('black');
}

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Number(v.toFixed(2)).toString());
