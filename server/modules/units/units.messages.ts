// Server messages: organisation (issue 15 §1, R-ORG-1) and branch daily reports (seed 002 §12), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const unitsMessages = {
  unit_team_needs_parent: {
    'zh-CN': '服务小组必须隶属于一个分公司或服务中心。',
    'en-US': 'A team must sit inside a branch or a service centre.',
  },
  unit_parent_kind: {
    'zh-CN': '服务中心只能隶属于分公司（或不设上级）。',
    'en-US': 'A service centre can only sit inside a branch (or at the top).',
  },
  unit_branch_top_level: {
    'zh-CN': '分公司是最上级单元，不能设置上级单元。',
    'en-US': 'A branch is a top-level unit and has no parent.',
  },
  unit_parent_cycle: {
    'zh-CN': '上级单元不能是本单元或其下级单元。',
    'en-US': 'The parent cannot be the unit itself or one of its own teams.',
  },
  unit_manager_not_staff: {
    'zh-CN': '负责人必须是在职的公司员工（不能是医院用户或已停用账号）。',
    'en-US': 'The manager must be an active staff member (not a hospital user or a disabled account).',
  },
  branch_report_not_draft: {
    'zh-CN': '该分公司日报已签字报送，不能再修改或重复签字。',
    'en-US': 'This branch daily report is already signed and forwarded; it cannot change or be signed again.',
  },
  branch_report_not_signed: {
    'zh-CN': '只有已签字报送、尚未接收的分公司日报可以由总部确认接收。',
    'en-US': 'Only a signed report not yet received can be acknowledged by head office.',
  },
  'label.parentId': { 'zh-CN': '上级单元', 'en-US': 'parent unit' },
  'label.managerId': { 'zh-CN': '负责人', 'en-US': 'manager' },
  'label.unitId': { 'zh-CN': '所属单元', 'en-US': 'unit' },
  'label.day': { 'zh-CN': '日期', 'en-US': 'day' },
  'label.units': { 'zh-CN': '组织单元', 'en-US': 'units' },
  'label.branch_daily_reports': { 'zh-CN': '分公司日报', 'en-US': 'branch daily reports' },
} satisfies Catalog;
