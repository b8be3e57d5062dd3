// 可疑医疗器械不良事件报告表 (issue 14 §2, R-REG-2): the fields of the national suspicious
// adverse-event report form in ONE place, so the form can follow the regulation. The event's own
// fields (dates, patient impact, description, device problem, actions) live on the record; this
// list holds the rest, stored as jsonb `report_form`. A draft may leave fields empty; submission
// requires every `required` field (`missingFormFields`).
import { z } from 'zod';
import { optionalDate, optionalText } from '../../lib/dto.ts';

export type FormFieldKind = 'text' | 'longtext' | 'date' | 'choice';
export interface FormField {
  key: string;
  zh: string;
  en: string;
  kind: FormFieldKind;
  required: boolean;
  options?: readonly { value: string; zh: string; en: string }[];
  /** Filled from the record when empty (model, serial, UDI, manufacturer). */
  prefill?: 'productName' | 'model' | 'serialNumber' | 'udi' | 'manufacturer';
}

export const REPORT_FORM_FIELDS: readonly FormField[] = [
  {
    key: 'reporterType',
    zh: '报告人类别',
    en: 'Reporter type',
    kind: 'choice',
    required: true,
    options: [
      { value: 'mah', zh: '注册人/备案人', en: 'Registrant (MAH)' },
      { value: 'distributor', zh: '经营企业', en: 'Distributor' },
      { value: 'user', zh: '使用单位', en: 'User facility' },
    ],
  },
  { key: 'reportingUnit', zh: '报告单位名称', en: 'Reporting organisation', kind: 'text', required: true },
  { key: 'contactName', zh: '联系人', en: 'Contact', kind: 'text', required: true },
  { key: 'contactPhone', zh: '联系电话', en: 'Contact phone', kind: 'text', required: true },
  { key: 'patientName', zh: '患者姓名', en: 'Patient name', kind: 'text', required: false },
  {
    key: 'patientSex',
    zh: '患者性别',
    en: 'Patient sex',
    kind: 'choice',
    required: false,
    options: [
      { value: 'male', zh: '男', en: 'Male' },
      { value: 'female', zh: '女', en: 'Female' },
    ],
  },
  { key: 'patientAge', zh: '患者年龄', en: 'Patient age', kind: 'text', required: false },
  { key: 'indication', zh: '预期治疗疾病或作用', en: 'Disease treated / intended effect', kind: 'text', required: false },
  { key: 'injuryManifestation', zh: '伤害表现', en: 'Manifestation of harm', kind: 'longtext', required: false },
  { key: 'productName', zh: '产品名称', en: 'Product name', kind: 'text', required: true, prefill: 'productName' },
  { key: 'registrationNumber', zh: '注册证编号', en: 'Registration certificate no.', kind: 'text', required: true },
  { key: 'model', zh: '型号', en: 'Model', kind: 'text', required: true, prefill: 'model' },
  { key: 'specification', zh: '规格', en: 'Specification', kind: 'text', required: false },
  { key: 'lotNumber', zh: '产品批号', en: 'Lot number', kind: 'text', required: false },
  { key: 'serialNumber', zh: '产品编号', en: 'Serial number', kind: 'text', required: false, prefill: 'serialNumber' },
  { key: 'udi', zh: 'UDI', en: 'UDI', kind: 'text', required: false, prefill: 'udi' },
  { key: 'manufactureDate', zh: '生产日期', en: 'Manufacture date', kind: 'date', required: false },
  { key: 'expiryDate', zh: '有效期至', en: 'Expiry date', kind: 'date', required: false },
  { key: 'mahName', zh: '注册人/备案人名称', en: 'Registrant / MAH', kind: 'text', required: true, prefill: 'manufacturer' },
  {
    key: 'useSite',
    zh: '器械实际使用场所',
    en: 'Place of use',
    kind: 'choice',
    required: true,
    options: [
      { value: 'hospital', zh: '医疗机构', en: 'Healthcare facility' },
      { value: 'home', zh: '家庭', en: 'Home' },
      { value: 'other', zh: '其他', en: 'Other' },
    ],
  },
  { key: 'useProcess', zh: '使用过程', en: 'How the device was used', kind: 'longtext', required: true },
  { key: 'concomitant', zh: '合并用药/械情况说明', en: 'Concomitant drugs / devices', kind: 'longtext', required: false },
  { key: 'causeAnalysis', zh: '事件原因初步分析', en: 'Preliminary cause analysis', kind: 'longtext', required: true },
  { key: 'initialDisposal', zh: '初步处置情况', en: 'Initial measures', kind: 'longtext', required: false },
  { key: 'reporterName', zh: '报告人', en: 'Reporter', kind: 'text', required: true },
];

const fieldSchema = (f: FormField): z.ZodType => {
  if (f.kind === 'choice') return z.union([z.enum((f.options ?? []).map((o) => o.value) as [string, ...string[]]), z.null()]).optional();
  if (f.kind === 'date') return optionalDate();
  return optionalText(f.kind === 'longtext' ? 4000 : 200);
};

/** The form as stored and accepted (every field optional while a draft; unknown keys refused). */
export const reportFormSchema = z.strictObject(Object.fromEntries(REPORT_FORM_FIELDS.map((f) => [f.key, fieldSchema(f)])) as Record<string, z.ZodType>);
export type ReportForm = Record<string, string | null | undefined>;

/** The required fields still empty: submission refuses them (422 ae_form_incomplete). */
export function missingFormFields(form: ReportForm): string[] {
  return REPORT_FORM_FIELDS.filter((f) => f.required && !String(form[f.key] ?? '').trim()).map((f) => f.key);
}

/** The form with empty prefillable fields taken from the record. */
export function prefilledForm(form: ReportForm, from: Partial<Record<NonNullable<FormField['prefill']>, string | null>>): ReportForm {
  const out: ReportForm = { ...form };
  for (const f of REPORT_FORM_FIELDS) {
    if (f.prefill && !String(out[f.key] ?? '').trim() && from[f.prefill]) out[f.key] = from[f.prefill] ?? null;
  }
  return out;
}
