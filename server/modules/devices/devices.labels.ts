// Chinese and English names of device enums, for exports (the web UI has its own copies in
// web/i18n). Wording follows the seed documents.
import type { Locale } from '../../lib/i18n.ts';

const labels: Record<string, [string, string]> = {
  in_service: ['在用', 'In service'],
  down: ['故障停机', 'Down'],
  safety_hold: ['安全停用', 'Safety hold'],
  retired: ['报废', 'Retired'],
  warranty: ['保修（免费服务）', 'Warranty'],
  contract: ['合同服务', 'Contract'],
  paid: ['有偿服务', 'Paid'],
  life_support: ['生命支持', 'Life support'],
  critical_diagnostic: ['关键诊断', 'Critical diagnostic'],
  standard: ['一般', 'Standard'],
  urban: ['市区', 'Urban'],
  suburban: ['郊区', 'Suburban'],
  remote: ['外地', 'Remote'],
  pathology_stainer: ['染色机', 'Pathology stainer'],
  tissue_processor: ['组织脱水机', 'Tissue processor'],
  microtome: ['切片机', 'Microtome'],
  ct: ['CT', 'CT'],
  mri: ['磁共振', 'MRI'],
  xray: ['X 射线机', 'X-ray'],
  ultrasound: ['超声', 'Ultrasound'],
  ventilator: ['呼吸机', 'Ventilator'],
  anesthesia: ['麻醉机', 'Anesthesia'],
  patient_monitor: ['监护仪', 'Patient monitor'],
  infusion_pump: ['输液泵', 'Infusion pump'],
  linac: ['直线加速器', 'Linac'],
  laboratory: ['检验设备', 'Laboratory'],
  other: ['其他', 'Other'],
  maintenance: ['保养合同', 'Maintenance'],
  active: ['生效中', 'Active'],
  upcoming: ['未生效', 'Upcoming'],
  expired: ['已到期', 'Expired'],
};

export function label(value: string | null | undefined, locale: Locale): string {
  if (!value) return '';
  const l = labels[value];
  return l ? l[locale === 'en-US' ? 1 : 0] : value;
}
