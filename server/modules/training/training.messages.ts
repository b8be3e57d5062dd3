// Server messages: training (issue 12 item 3, R-TR-1), zh-CN and en-US. Wording after seeds 001/003/004.
import type { Catalog } from '../../lib/i18n.ts';

export const trainingMessages = {
  engineer_not_qualified: {
    'zh-CN': '{engineer}没有{model}的有效上岗资质：维修人员必须经培训合格后方可上岗。如确需派工，请服务经理填写理由后强制指派。',
    'en-US':
      '{engineer} holds no valid qualification for {model}: service staff must be trained and assessed first. A service manager may override with a reason.',
  },
  session_completed: {
    'zh-CN': '培训已完成（已录入考核成绩），不能再修改培训信息。',
    'en-US': 'The training session is completed (assessments are recorded); its details can no longer be changed.',
  },
  override_not_allowed: {
    'zh-CN': '只有服务经理或系统管理员可以强制指派未取得资质的工程师。',
    'en-US': 'Only a service manager or an administrator may assign an unqualified engineer.',
  },
  'field.not_qualified': { 'zh-CN': '未取得该型号的有效上岗资质', 'en-US': 'No valid qualification for this model' },
  'field.model_mismatch': { 'zh-CN': '与所选型号不符', 'en-US': 'Does not match the chosen model' },
  'field.subject_required': { 'zh-CN': '型号与技能须且只须填写一项', 'en-US': 'Give either a model or a skill, not both' },
  'qualification.qualified': { 'zh-CN': '有效', 'en-US': 'valid' },
  'qualification.expired': { 'zh-CN': '已过期', 'en-US': 'expired' },
  'qualification.none': { 'zh-CN': '无资质', 'en-US': 'none' },
  'label.title': { 'zh-CN': '培训主题', 'en-US': 'title' },
  'label.heldOn': { 'zh-CN': '培训日期', 'en-US': 'training date' },
  'label.place': { 'zh-CN': '培训地点', 'en-US': 'place' },
  'label.trainerId': { 'zh-CN': '培训讲师', 'en-US': 'trainer' },
  'label.syllabus': { 'zh-CN': '培训内容', 'en-US': 'syllabus' },
  'label.passMark': { 'zh-CN': '合格分数线', 'en-US': 'pass mark' },
  'label.jobTitle': { 'zh-CN': '职务/职称', 'en-US': 'job title' },
  'label.score': { 'zh-CN': '考核成绩', 'en-US': 'score' },
  'label.year': { 'zh-CN': '年度', 'en-US': 'year' },
  // Shared with the call log's topic (calls): one label per field name, so a neutral word.
  'label.topic': { 'zh-CN': '主题', 'en-US': 'topic' },
  'label.plannedMonth': { 'zh-CN': '计划月份', 'en-US': 'planned month' },
  'label.traineeIds': { 'zh-CN': '参训人员', 'en-US': 'trainees' },
  'label.traineeId': { 'zh-CN': '参训人员', 'en-US': 'trainee' },
  'label.hours': { 'zh-CN': '学时', 'en-US': 'hours' },
  'label.trainer': { 'zh-CN': '培训讲师', 'en-US': 'trainer' },
  'label.selfScore': { 'zh-CN': '自评', 'en-US': 'self assessment' },
  'label.supervisorScore': { 'zh-CN': '主管评价', 'en-US': 'supervisor assessment' },
  'label.customerScore': { 'zh-CN': '客户评价', 'en-US': 'customer assessment' },
  'label.skill': { 'zh-CN': '技能', 'en-US': 'skill' },
  'label.grantedOn': { 'zh-CN': '授予日期', 'en-US': 'granted on' },
  'label.expiresOn': { 'zh-CN': '有效期至', 'en-US': 'expiry date' },
  'label.basis': { 'zh-CN': '授予依据', 'en-US': 'basis' },
  'label.overrideReason': { 'zh-CN': '强制指派理由', 'en-US': 'override reason' },
  'label.leadEngineerId': { 'zh-CN': '主修工程师', 'en-US': 'lead engineer' },
} satisfies Catalog;
