// Strings of the administration screens (users, audit trail), zh-CN (en-US: the .en.ts beside it) (issue 11 item 6).
// Merged statically into the app's resources by web/src/i18n.ts; the keys keep their full paths
// (t('user.…')), so moving a screen does not change its strings.
// Domain terms (statuses, urgency, categories, roles …) come from the one glossary shared with
// the server's PDF and exports (issue 10 item 13).
import { terms } from '../../glossary.ts';

export const zh = {
  user: {
    title: '用户',
    username: '用户名',
    displayName: '姓名',
    roles: '角色',
    customer: '所属医院',
    active: '启用',
    lastLoginAt: '最近登录',
    password: '初始密码',
    resetPassword: '重置密码',
    newPassword: '新密码',
    locale: '语言',
    email: '邮箱',
    usernamePattern: '3–50 位，只能包含字母、数字和 . _ @ -',
    customerRequired: '医院用户必须选择所属医院',
    customerUserAlone: '医院用户不能同时拥有其他角色',
    passwordHint: '至少 10 位，须同时包含字母和数字',
    passwordReset: '密码已重置，该用户的所有会话已退出',
    locales: { 'zh-CN': '简体中文', 'en-US': 'English' },
    roleNames: terms('role', 'zh-CN'),
  },
  audit: {
    title: '审计追踪',
    verify: '校验哈希链',
    verifyOk: '哈希链完整：已校验 {{checked}} 条记录（{{batches}} 个已签名批次），{{unsealed}} 条待封存',
    verifyBroken: '哈希链在链位置 {{seq}} 处断裂（{{reason}}）',
    seq: '序号',
    at: '时间',
    actor: '操作人',
    entity: '对象',
    entityId: '对象 ID',
    action: '动作',
    changes: '变更',
    before: '变更前',
    after: '变更后',
    history: '变更历史',
    actions: terms('auditAction', 'zh-CN'),
    reasons: { hash_mismatch: '哈希值不符', link_mismatch: '链接不符' },
    field: '字段',
    noDiff: '无变更内容',
  },
};
