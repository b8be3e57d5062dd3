// Work-order kinds (issue 12 item 1), pure: one table per kind of which steps of the R-WO-1
// lifecycle apply, which report fields the review requires, which service-report variant is
// printed, how the job is charged and which SLA clock it runs. A repair keeps every rule it had.
import { workOrderStatus } from '../../db/enums.ts';
import type { Category } from './workorders.fee.rules.ts';
import type { WorkOrderStatus } from './workorders.rules.ts';

export const WORK_ORDER_KINDS = ['repair', 'installation', 'maintenance', 'upgrade', 'training', 'consultation', 'return_exchange'] as const;
export type WorkOrderKind = (typeof WORK_ORDER_KINDS)[number];
/** Kinds created directly by the office (POST /work-orders); a repair comes from a service request (R-REQ-1). */
export const DIRECT_KINDS = WORK_ORDER_KINDS.filter((k) => k !== 'repair') as Exclude<WorkOrderKind, 'repair'>[];

const ALL: readonly WorkOrderStatus[] = workOrderStatus.enumValues;
const without = (...out: WorkOrderStatus[]) => ALL.filter((s) => !out.includes(s));

/**
 * The statuses each kind passes through; a transition into a status outside its kind's set is
 * illegal. installation: dispatched → accepted → on_the_way → on_site (site check, installing;
 * waiting for a missing part allowed) → resolved (= installed and commissioned, seed 003
 * 安装、调试运行) → signed_off (customer consent to the written test results, seed 003) → reviewed
 * → closed; nothing is taken back to the workshop. training: no parts, no workshop. consultation
 * (on-site technical consultation, seed 004 §5.1): the short path, no parts, no workshop.
 * return_exchange (seed 003 包修、包换、包退): the unit may be taken back, no waiting for parts.
 */
export const KIND_STATUSES: Record<WorkOrderKind, ReadonlySet<WorkOrderStatus>> = {
  repair: new Set(ALL),
  installation: new Set(without('taken_back')),
  maintenance: new Set(without('taken_back')),
  upgrade: new Set(without('taken_back')),
  training: new Set(without('waiting_parts', 'taken_back')),
  consultation: new Set(without('waiting_parts', 'taken_back')),
  return_exchange: new Set(without('waiting_parts')),
};

export const kindAllows = (kind: WorkOrderKind, status: WorkOrderStatus) => KIND_STATUSES[kind].has(status);

/** Kinds that record parts used (training and consultation have no parts step). */
export const kindHasParts = (kind: WorkOrderKind) => kindAllows(kind, 'waiting_parts') || kind === 'return_exchange';

export type ReviewField = 'phenomenon' | 'cause' | 'actions' | 'testResults' | 'labourMinutes';

/**
 * R-WO-5 per kind: the report fields customer service needs before archiving. A repair: the
 * phenomenon, the actions, the verification and (on site) the cause. An installation: the work
 * done and the commissioning test results given to the customer in writing (seed 003
 * 调试成功后，供方应书面给用户提供测试结果). Maintenance/inspection and upgrade: what was done
 * and the readings/verification. Training: the content taught. Consultation: the question and
 * the answer. Return/exchange: the defect and what was returned or exchanged.
 */
export const REVIEW_FIELDS: Record<WorkOrderKind, readonly ReviewField[]> = {
  repair: ['phenomenon', 'cause', 'actions', 'testResults'],
  installation: ['actions', 'testResults'],
  maintenance: ['actions', 'testResults'],
  upgrade: ['actions', 'testResults'],
  training: ['actions'],
  consultation: ['phenomenon', 'actions'],
  return_exchange: ['phenomenon', 'actions'],
};

/** Fields the creation of a kind requires (POST /work-orders), beyond device and description. */
export const CREATE_REQUIRED: Record<Exclude<WorkOrderKind, 'repair'>, readonly ('plannedDate' | 'originWorkOrderId')[]> = {
  // Seed 003: installation within 1–3 working days of the notice — the day is agreed at once.
  installation: ['plannedDate'],
  maintenance: ['plannedDate'],
  upgrade: ['plannedDate'],
  training: ['plannedDate'],
  consultation: [],
  // Seed 003 开箱检验、安装调试…包修、包换、包退: the job or defect it comes from is named.
  return_exchange: ['originWorkOrderId'],
};

/**
 * The service-report variant printed for a kind (workorders.pdf.ts): its title and the labels of
 * the report's sections, in the seeds' wording. 验收报告 (acceptance certificate) is the
 * installations module's own document, not a work-order report.
 */
export interface ReportVariant {
  title: string;
  phenomenon: string;
  cause: string;
  actions: string;
  testResults: string;
  /** Whether the parts table is printed. */
  parts: boolean;
}
export const REPORT_VARIANTS: Record<WorkOrderKind, ReportVariant> = {
  repair: { title: '服务报告', phenomenon: '故障现象', cause: '原因分析', actions: '处理措施', testResults: '维修验证', parts: true },
  installation: { title: '安装调试报告', phenomenon: '安装条件', cause: '现场检查', actions: '安装过程', testResults: '调试测试结果', parts: true },
  maintenance: { title: '保养/巡检报告', phenomenon: '设备状况', cause: '发现问题', actions: '保养/巡检内容', testResults: '检测读数', parts: true },
  upgrade: { title: '升级报告', phenomenon: '升级前版本', cause: '升级原因', actions: '升级内容', testResults: '升级验证', parts: true },
  training: { title: '培训记录', phenomenon: '培训对象', cause: '培训需求', actions: '培训内容', testResults: '考核情况', parts: false },
  consultation: { title: '技术咨询记录', phenomenon: '咨询问题', cause: '问题分析', actions: '解答内容', testResults: '用户确认', parts: false },
  return_exchange: { title: '退换货记录', phenomenon: '质量问题', cause: '原因分析', actions: '退换处理', testResults: '验证结果', parts: true },
};

/**
 * The fee rule per kind, applied once at creation (the category the job is billed under, like a
 * repair's coverage at intake, R-FE-1):
 * - installation and training are free under the sales contract (seed 003 承诺书: 在接到安装通知
 *   1-3个工作日内，负责上门进行…安装、调试运行、操作培训; 免费为客户的操作人员进行现场技术培训);
 * - consultation is free (seed 003 §6: 长期为客户提供技术咨询、现场支持服务);
 * - return/exchange is free when the unit is under warranty or the defect was found at unpacking or
 *   installation (seed 003: 开箱检验、安装调试…实行包修、包换、包退…承担…一切费用), else by coverage;
 * - maintenance/inspection and upgrade follow the unit's coverage (seed 003 §3: 在保修期内…均免费
 *   安装或升级服务，保修期外…只收取适当的成本费、人工费和差旅费).
 * 'warranty' is the product's 免费服务 category.
 */
export function categoryForKind(kind: WorkOrderKind, coverage: Category, originKind: WorkOrderKind | null = null): Category {
  switch (kind) {
    case 'installation':
    case 'training':
    case 'consultation':
      return 'warranty';
    case 'return_exchange':
      return coverage === 'warranty' || originKind === 'installation' ? 'warranty' : coverage;
    default:
      return coverage;
  }
}

/** Seed 003: 在接到安装通知1-3个工作日内 — the documented default when the SLA policy names none. */
export const DEFAULT_KIND_WORKING_DAYS: Partial<Record<WorkOrderKind, number>> = { installation: 3 };
