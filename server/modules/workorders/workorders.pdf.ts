// The service report as a PDF (服务报告 / 服务凭证, R-WO-4/5, seed 002 §3–8): what was
// reported, what was done, the customer's signature and the review, for any status (an
// unsigned order shows an empty signature box). Chinese text is set in Noto Sans SC from the
// @expo-google-fonts/noto-sans-sc package, embedded as a subset, so nothing but Node is needed.
import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.ts';
import { customers, departments, devices, serviceRequests, sites, users } from '../../db/schema.ts';
import type { Principal } from '../../lib/access.ts';
import { stepTerm, term } from '../../lib/glossary.ts';
import { COMPANY_NAME, openPdf } from '../../lib/pdf.ts';
import { formatMinutes } from '../reports/index.ts';
import { manifestationLine } from '../signatures/index.ts';
import { getWorkOrder } from './queries/get.ts';
import { REPORT_VARIANTS } from './workorders.kinds.ts';
import { workOrderReviews, workOrderSignatures } from './workorders.tables.ts';

type Detail = Awaited<ReturnType<typeof getWorkOrder>>;

/** The fee block of a paid job, read defensively: the fee module may not be present. */
interface FeeView {
  chargeable: boolean;
  currency: string;
  priceListVersion: number | null;
  labour: string;
  parts: string;
  travel: string;
  callOut: string;
  total: string;
  unpricedParts: number;
  paid: string;
  balance: string;
  payments?: { method: 'collected' | 'invoiced'; reference: string; amount: string; at: string; recordedByName: string }[];
}

export interface ReportData {
  wo: Detail;
  departmentName: string | null;
  siteName: string | null;
  siteAddress: string | null;
  customerAddress: string | null;
  udi: string | null;
  leadName: string | null;
  helperNames: string[];
  /** The signature of the current content version, with its image. */
  signature: { signerName: string; meaning: string; signedAt: Date; contentVersion: number; contentHash: string; imagePng: string } | null;
  /** An older version was signed, then sent back for correction. */
  earlierSignedVersion: number | null;
  review: { reviewerName: string; at: Date; verdict: 'approved' | 'returned'; comments: string | null } | null;
}

export async function loadReport(ex: Executor, user: Principal, id: string): Promise<ReportData> {
  const wo = await getWorkOrder(ex, user, id); // access: a hospital user sees only their own (404 otherwise)
  const [ctx] = await ex
    .select({
      departmentName: departments.name,
      siteName: sites.name,
      siteAddress: sites.address,
      customerAddress: customers.address,
      udi: devices.udi,
    })
    .from(serviceRequests)
    .innerJoin(customers, eq(customers.id, serviceRequests.customerId))
    .innerJoin(devices, eq(devices.id, serviceRequests.deviceId))
    .leftJoin(departments, eq(departments.id, serviceRequests.departmentId))
    .leftJoin(sites, eq(sites.id, serviceRequests.siteId))
    .where(eq(serviceRequests.id, wo.requestId));
  const team = [wo.leadEngineerId, ...wo.helperIds].filter((x): x is string => Boolean(x));
  const people = team.length ? await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, team)) : [];
  const nameOf = (uid: string) => people.find((p) => p.id === uid)?.name ?? uid;
  const [sig] = await ex
    .select()
    .from(workOrderSignatures)
    .where(eq(workOrderSignatures.workOrderId, id))
    .orderBy(desc(workOrderSignatures.contentVersion))
    .limit(1);
  const [rev] = await ex
    .select()
    .from(workOrderReviews)
    .where(and(eq(workOrderReviews.workOrderId, id), eq(workOrderReviews.contentVersion, wo.contentVersion)))
    .orderBy(desc(workOrderReviews.at))
    .limit(1);
  const current = sig && sig.contentVersion === wo.contentVersion ? sig : null;
  return {
    wo,
    ...ctx,
    leadName: wo.leadEngineerId ? nameOf(wo.leadEngineerId) : null,
    helperNames: wo.helperIds.map(nameOf),
    signature: current,
    earlierSignedVersion: sig && !current ? sig.contentVersion : null,
    review: rev ? { reviewerName: rev.reviewerName, at: rev.at, verdict: rev.verdict, comments: rev.comments } : null,
  };
}

// Layout (A4 in points).
const M = 40;
const W = 595.28 - 2 * M;
const BOTTOM = 841.89 - M - 26; // room for the footer
const LABEL_W = 78;
const PAD = 3;
const GRAY = '#555555';
const LINE = '#999999';
const FILL = '#eeeeee';

export async function renderReport(d: ReportData, timeZone: string, now = new Date()): Promise<Buffer> {
  // Issue 12: the report variant of the job's kind (服务报告, 安装调试报告, 培训记录, …; workorders.kinds).
  const v = REPORT_VARIANTS[d.wo.kind];
  const docTitle = d.wo.kind === 'repair' ? '服务报告（服务凭证）' : v.title;
  const { doc, done } = await openPdf({
    size: 'A4',
    margin: M,
    bufferPages: true,
    info: { Title: `${v.title} ${d.wo.number}`, Author: COMPANY_NAME, Subject: docTitle },
  });

  const wo = d.wo;
  const fmt = (v: string | Date | null | undefined) =>
    v
      ? new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(
          typeof v === 'string' ? new Date(v) : v,
        )
      : '';
  const val = (v: string | null | undefined) => (v?.trim() ? v : '—');
  let y = M;

  const ensure = (h: number) => {
    if (y + h > BOTTOM) {
      doc.addPage();
      y = M;
    }
  };
  const textH = (s: string, width: number, font = 'R', size = 9) => doc.font(font).fontSize(size).heightOfString(s, { width, lineGap: 1 });

  const heading = (title: string) => {
    ensure(16 + 20);
    doc.rect(M, y, W, 16).fillAndStroke(FILL, LINE);
    doc
      .fillColor('black')
      .font('B')
      .fontSize(9.5)
      .text(title, M + PAD, y + 1.5, { width: W - 2 * PAD, lineBreak: false });
    y += 16;
  };

  /** A row of one or two label/value cells with borders; long values wrap. */
  const row = (...cells: [string, string][]) => {
    const cellW = W / cells.length;
    const valW = cellW - LABEL_W - 2 * PAD;
    const h = Math.max(16, ...cells.map(([, v]) => textH(v, valW) + 2 * PAD), ...cells.map(([l]) => textH(l, LABEL_W - 2 * PAD) + 2 * PAD));
    ensure(h);
    cells.forEach(([label, value], i) => {
      const x = M + i * cellW;
      doc.rect(x, y, LABEL_W, h).fillAndStroke(FILL, LINE);
      doc.rect(x + LABEL_W, y, cellW - LABEL_W, h).stroke(LINE);
      doc
        .fillColor(GRAY)
        .font('R')
        .fontSize(9)
        .text(label, x + PAD, y + PAD, { width: LABEL_W - 2 * PAD });
      doc
        .fillColor('black')
        .font('R')
        .fontSize(9)
        .text(value, x + LABEL_W + PAD, y + PAD, { width: valW, lineGap: 1 });
    });
    y += h;
  };

  /** A table with a header row. */
  const table = (cols: { title: string; width: number; align?: 'left' | 'right' }[], rows: string[][]) => {
    const total = cols.reduce((a, c) => a + c.width, 0);
    const widths = cols.map((c) => (c.width / total) * W);
    const line = (cells: string[], header: boolean) => {
      const h = Math.max(16, ...cells.map((c, i) => textH(c, widths[i] - 2 * PAD, header ? 'B' : 'R', 8.5) + 2 * PAD));
      ensure(h);
      let x = M;
      cells.forEach((c, i) => {
        if (header) doc.rect(x, y, widths[i], h).fillAndStroke(FILL, LINE);
        else doc.rect(x, y, widths[i], h).stroke(LINE);
        doc
          .fillColor('black')
          .font(header ? 'B' : 'R')
          .fontSize(8.5)
          .text(c, x + PAD, y + PAD, { width: widths[i] - 2 * PAD, align: header ? 'left' : (cols[i].align ?? 'left') });
        x += widths[i];
      });
      y += h;
    };
    line(
      cols.map((c) => c.title),
      true,
    );
    for (const r of rows) line(r, false);
  };

  // Title block.
  doc.fillColor(GRAY).font('R').fontSize(9).text(COMPANY_NAME, M, y, { width: W, align: 'left' });
  y += 14;
  doc.fillColor('black').font('B').fontSize(18).text(docTitle, M, y, { width: W, align: 'center' });
  y += 26;
  doc
    .font('R')
    .fontSize(9)
    .text(`工单号：${wo.number}    报修单号：${wo.requestNumber}    状态：${stepTerm(wo.kind, wo.status, 'zh-CN')}    内容版本：v${wo.contentVersion}`, M, y, {
      width: W,
      align: 'center',
    });
  y += 16;

  heading('客户与设备');
  row(['客户', wo.customerName], ['科室', val(d.departmentName)]);
  row(['院区/地点', val(d.siteName)], ['地址', val(d.siteAddress ?? d.customerAddress)]);
  row(['报修人', wo.reporterName], ['联系电话', wo.reporterPhone]);
  row(['设备型号', wo.modelName], ['序列号', wo.serialNumber]);
  row(['UDI', val(d.udi)]);

  const repair = wo.kind === 'repair';
  heading(repair ? '报修信息' : '工单信息');
  // Enum words come from the glossary, as on the screens (issue 10 item 13).
  row(
    ['服务类别', term('serviceCategory', wo.category, 'zh-CN')],
    repair ? ['紧急程度', term('urgency', wo.urgency, 'zh-CN')] : ['工单类型', term('workOrderKind', wo.kind, 'zh-CN')],
  );
  row([repair ? '报修时间' : '通知时间', fmt(wo.receivedAt)], ['负责工程师', val(d.leadName)]);
  if (!repair && wo.plannedDate) row(['计划日期', wo.plannedDate]);
  if (d.helperNames.length) row(['协助人员', d.helperNames.join('、')]);
  row([repair ? '故障描述' : '工作内容', wo.faultDescription]);

  heading('服务过程');
  row(['派工时间', fmt(wo.dispatchedAt)], ['接单时间', fmt(wo.acceptedAt)]);
  row(['出发时间', fmt(wo.onTheWayAt)], ['到达现场', fmt(wo.arrivedAt)]);
  row([repair ? '修复时间' : '完成时间', fmt(wo.resolvedAt)], ['客户签字', fmt(d.signature?.signedAt)]);
  row(['工时', formatMinutes(wo.labourMinutes, 'zh-CN')], ['路程时间', formatMinutes(wo.travelMinutes, 'zh-CN')]);

  heading(repair ? '诊断与处理' : '工作记录');
  row([v.phenomenon, val(wo.phenomenon)]);
  row([v.cause, val(wo.cause)]);
  row([v.actions, val(wo.actions)]);
  row([v.testResults, val(wo.testResults)]);
  row(['向客户说明', val(wo.explanation)]);

  if (v.parts) heading(repair ? '更换配件' : '使用配件');
  const money = (n: number) => n.toFixed(2);
  let partsTotal = 0;
  let unpriced = 0;
  const partRows = wo.parts.map((p, i) => {
    const qty = Number(p.quantity);
    const price = p.unitPrice === null ? null : Number(p.unitPrice);
    // Issue 12 item 2: a line under its accessory warranty is free (配件保修至 …, seed 003 质保不延长).
    const covered = p.accessoryWarrantyUntil ?? null;
    if (!covered && price === null) unpriced++;
    else if (!covered && price !== null) partsTotal += qty * price;
    return [
      String(i + 1),
      p.partNo ?? '',
      p.name,
      String(qty),
      price === null ? '' : money(price),
      covered ? '0.00' : price === null ? '' : money(qty * price),
      [covered && `配件保修至 ${covered}（免费）`, p.removedSerial && `拆下 ${p.removedSerial}`, p.installedSerial && `装上 ${p.installedSerial}`]
        .filter(Boolean)
        .join('；'),
    ];
  });
  if (!v.parts) {
    // Training and consultation have no parts step (workorders.kinds).
  } else if (partRows.length) {
    table(
      [
        { title: '序号', width: 6 },
        { title: '料号', width: 14 },
        { title: '名称', width: 24 },
        { title: '数量', width: 8, align: 'right' },
        { title: '单价', width: 11, align: 'right' },
        { title: '金额', width: 11, align: 'right' },
        { title: '序列号', width: 26 },
      ],
      partRows,
    );
  } else {
    row(['配件', '无']);
  }

  // R-WO-4 / R-FE-1: the fee as priced by the work-order module (when it provides one).
  const fee = (wo as { fee?: FeeView }).fee;
  if (fee?.chargeable) {
    heading('费用');
    const cur = fee.currency === 'CNY' ? '¥' : fee.currency;
    row(['工时费', `${cur} ${fee.labour}`], ['配件费', `${cur} ${fee.parts}${fee.unpricedParts ? `（另有 ${fee.unpricedParts} 项未定价）` : ''}`]);
    row(['差旅费', `${cur} ${fee.travel}`], ['出车费', `${cur} ${fee.callOut}`]);
    row(
      ['费用合计', `${cur} ${fee.total}${fee.priceListVersion ? `（价目表 v${fee.priceListVersion}）` : ''}`],
      ['已收 / 未收', `${cur} ${fee.paid} / ${cur} ${fee.balance}`],
    );
    for (const p of fee.payments ?? []) {
      row([p.method === 'collected' ? '现场收费' : '开具发票', `${cur} ${p.amount}    ${p.reference}    ${fmt(p.at)}    ${p.recordedByName}`]);
    }
  } else if (wo.category === 'paid') {
    heading('费用');
    row(
      ['配件金额', `¥ ${money(partsTotal)}${unpriced ? `（另有 ${unpriced} 项未定价）` : ''}`],
      ['工时 / 路程', `${formatMinutes(wo.labourMinutes, 'zh-CN')} / ${formatMinutes(wo.travelMinutes, 'zh-CN')}`],
    );
  }

  // Signature.
  heading('客户确认');
  const boxH = 74;
  ensure(boxH);
  const imgW = 220;
  doc.rect(M, y, imgW, boxH).stroke(LINE);
  doc.rect(M + imgW, y, W - imgW, boxH).stroke(LINE);
  const s = d.signature;
  if (s) {
    try {
      const png = Buffer.from(s.imagePng.slice(s.imagePng.indexOf(',') + 1), 'base64');
      doc.image(png, M + PAD, y + PAD, { fit: [imgW - 2 * PAD, boxH - 2 * PAD], align: 'center', valign: 'center' });
    } catch {
      doc
        .fillColor(GRAY)
        .font('R')
        .fontSize(9)
        .text('（签名图像无法显示）', M + PAD, y + boxH / 2 - 6, { width: imgW - 2 * PAD, align: 'center' });
    }
    const lines = [`签字人：${s.signerName}`, `签字时间：${fmt(s.signedAt)}`, `签字含义：${s.meaning}`, `签署内容版本：v${s.contentVersion}`];
    doc
      .fillColor('black')
      .font('R')
      .fontSize(9)
      .text(lines.join('\n'), M + imgW + 8, y + 8, { width: W - imgW - 16, lineGap: 3 });
  } else {
    doc
      .fillColor(GRAY)
      .font('R')
      .fontSize(9)
      .text('（客户签字）', M + PAD, y + boxH - 18, { width: imgW - 2 * PAD, align: 'center' });
    const note = d.earlierSignedVersion ? `v${d.earlierSignedVersion} 已签字，经审核退回更正；本版本（v${wo.contentVersion}）尚未签字。` : '尚未签字。';
    doc
      .fillColor('black')
      .font('R')
      .fontSize(9)
      .text(`签字人：\n\n签字时间：\n\n${note}`, M + imgW + 8, y + 8, { width: W - imgW - 16 });
  }
  y += boxH;

  heading('审核');
  const r = d.review;
  row(['审核人', r ? r.reviewerName : '—'], ['审核时间', r ? fmt(r.at) : '—']);
  if (r) row(['审核结论', r.verdict === 'approved' ? '通过，已归档' : `退回：${val(r.comments)}`]);
  // R-AU-1 (issue 14 §6): every electronic signature of the work order printed as its manifestation (name, time, meaning, hash).
  for (const e of wo.eSignatures) row(['电子签名', manifestationLine({ ...e, signedAt: new Date(e.signedAt) }, timeZone)]);

  // Footer on every page: content version, the signed content's hash, page numbers.
  const range = doc.bufferedPageRange();
  const hash = s ? `签署内容 SHA-256：${s.contentHash}` : '未签字';
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const fy = 841.89 - M - 20;
    doc
      .moveTo(M, fy - 4)
      .lineTo(M + W, fy - 4)
      .stroke(LINE);
    doc.fillColor(GRAY).font('R').fontSize(7);
    doc.text(`${wo.number} · 内容版本 v${wo.contentVersion} · ${hash}`, M, fy, { width: W, align: 'left', lineBreak: false, height: 9 });
    doc.text(`生成于 ${fmt(now)}（${timeZone}）    第 ${i + 1}/${range.count} 页`, M, fy + 9, { width: W, align: 'right', lineBreak: false, height: 9 });
  }
  doc.end();
  return done;
}
