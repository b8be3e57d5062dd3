// Server messages: maintenance templates (issue 13 §1, R-PM-1), zh-CN and en-US. Wording from
// seed 004 §4 (保养: 清洁、润滑、紧固、校准、更换易损件, 运行参数).
import type { Catalog } from '../../lib/i18n.ts';

export const maintenanceMessages = {
  'field.range_order': { 'zh-CN': '上限不能小于下限（{min}）', 'en-US': 'Must not be below the minimum ({min})' },
  'field.range_or_expected': {
    'zh-CN': '须填写范围（下限/上限）或期望结果，二者取一',
    'en-US': 'Give either a range (min/max) or an expected result, not both',
  },
  'label.intervalMonths': { 'zh-CN': '保养周期（月）', 'en-US': 'interval (months)' },
  'label.estimatedMinutes': { 'zh-CN': '预计用时（分钟）', 'en-US': 'estimated duration (minutes)' },
  'label.minOnSiteMinutes': { 'zh-CN': '最短在场时间（分钟）', 'en-US': 'minimum time on site (minutes)' },
  'label.photosRequired': { 'zh-CN': '须拍照片数', 'en-US': 'photos required' },
  'label.tasks': { 'zh-CN': '保养项目', 'en-US': 'tasks' },
  'label.checks': { 'zh-CN': '运行参数检查', 'en-US': 'checks' },
  'label.partsKit': { 'zh-CN': '备件包', 'en-US': 'parts kit' },
  'label.partCode': { 'zh-CN': '备件编号', 'en-US': 'part code' },
  'label.min': { 'zh-CN': '下限', 'en-US': 'minimum' },
  'label.max': { 'zh-CN': '上限', 'en-US': 'maximum' },
  'label.expected': { 'zh-CN': '期望结果', 'en-US': 'expected result' },
  'label.category': { 'zh-CN': '设备类别', 'en-US': 'device category' },
} satisfies Catalog;
