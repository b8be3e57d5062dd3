// Server messages: attachments (issue 12 item 0), zh-CN and en-US.
// Merged into the one catalogue by server/lib/i18n.ts (listed in i18n.catalog.ts).
import type { Catalog } from '../../lib/i18n.ts';

export const attachmentsMessages = {
  attachment_too_large: {
    'zh-CN': '附件过大（上限 {limit}），请压缩后再上传。',
    'en-US': 'The attachment is too large (limit {limit}); reduce it and upload again.',
  },
  attachment_type_not_allowed: {
    'zh-CN': '不支持该文件类型（按文件内容识别为：{detected}）。只接受 JPEG、PNG、WebP、HEIC 图片，PDF，以及 Word/Excel（.docx/.xlsx）文件。',
    'en-US':
      'This kind of file is not accepted (its content is: {detected}). Only JPEG, PNG, WebP and HEIC images, PDF, and Word/Excel (.docx/.xlsx) files are.',
  },
  attachment_no_file: { 'zh-CN': '请选择要上传的文件（字段 file）。', 'en-US': 'Choose a file to upload (the part named file).' },
  attachment_empty: { 'zh-CN': '上传的文件是空的。', 'en-US': 'The uploaded file is empty.' },
  attachment_not_active: {
    'zh-CN': '该附件已被替换或撤回（状态：{status}），不能再次操作。',
    'en-US': 'This attachment was already replaced or withdrawn (status: {status}).',
  },
  attachment_owner_unknown: { 'zh-CN': '不支持的附件所属记录类型：{kind}', 'en-US': 'Attachments cannot be attached to records of kind {kind}.' },
  attachment_blob_missing: {
    'zh-CN': '附件内容暂时无法读取，请稍后重试或联系管理员。',
    'en-US': 'The attachment content cannot be read right now; try again later or contact the administrator.',
  },
  'field.attachment_owner_mismatch': { 'zh-CN': '被替换的附件不属于同一记录', 'en-US': 'The replaced attachment belongs to another record' },
  'label.ownerKind': { 'zh-CN': '所属记录类型', 'en-US': 'owner kind' },
  'label.ownerPart': { 'zh-CN': '所属步骤/检查项', 'en-US': 'step or checklist item' },
  'label.caption': { 'zh-CN': '说明', 'en-US': 'caption' },
  'label.supersedes': { 'zh-CN': '替换的附件', 'en-US': 'replaced attachment' },
  'label.file': { 'zh-CN': '文件', 'en-US': 'file' },
  'label.reason': { 'zh-CN': '原因', 'en-US': 'reason' },
} satisfies Catalog;
