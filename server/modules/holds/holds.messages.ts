// Server messages: safety holds (停用, issue 14 §1, R-REG-1), zh-CN and en-US.
import type { Catalog } from '../../lib/i18n.ts';

export const holdsMessages = {
  hold_already_open: {
    'zh-CN': '该设备已处于停用状态（{since}起）：请先解除或报废后再重新停用。',
    'en-US': 'This device is already on safety hold (since {since}); release or retire it before placing another hold.',
  },
  hold_closed: { 'zh-CN': '该停用记录已结束，不能再次处理。', 'en-US': 'This hold is already closed.' },
  hold_device_retired: { 'zh-CN': '该设备已报废，不得继续使用，无需停用。', 'en-US': 'This device is retired and may not be used; it cannot be put on hold.' },
  hold_wo_other_device: {
    'zh-CN': '验证工单{number}不是该设备的工单，不能作为解除停用的依据。',
    'en-US': 'Work order {number} is not for this device and cannot verify its release.',
  },
  hold_wo_before_hold: {
    'zh-CN': '验证工单{number}须在停用之后完成维修/检测，才能作为解除停用的依据。',
    'en-US': 'Work order {number} must have been resolved after the hold was placed to verify the release.',
  },
  hold_wo_no_tests: {
    'zh-CN': '验证工单{number}未填写维修验证（检测结果），不能证明设备安全。',
    'en-US': 'Work order {number} records no test results, so it does not prove the device safe.',
  },
  hold_wo_not_reviewed: {
    'zh-CN': '验证工单{number}尚未审核，审核后才能解除停用。',
    'en-US': 'Work order {number} has not been reviewed yet; the hold can be released only on a reviewed verification.',
  },
  'field.status_set_by_hold': {
    'zh-CN': '设备停用中：状态只能通过解除停用（验证合格）或报废来改变',
    'en-US': 'The device is on safety hold: its status changes only by a verified release or by retiring it',
  },
  'field.password_invalid': { 'zh-CN': '密码不正确', 'en-US': 'Password is not correct' },
  'notify.device_hold_placed.title': { 'zh-CN': '设备停用：请勿使用 {serial}', 'en-US': 'Device on safety hold — do not use {serial}' },
  'notify.device_hold_placed.body': {
    'zh-CN': '{model}（序列号 {serial}，{customer}）已停用，请立即停止使用。原因：{reason}',
    'en-US': '{model} (serial {serial}, {customer}) is on safety hold; stop using it at once. Reason: {reason}',
  },
  'notify.device_hold_closed.title': { 'zh-CN': '设备停用已结束 {serial}', 'en-US': 'Safety hold ended {serial}' },
  'notify.device_hold_closed.body': {
    'zh-CN': '{model}（序列号 {serial}）：{outcome}。{note}',
    'en-US': '{model} (serial {serial}): {outcome}. {note}',
  },
  'label.password': { 'zh-CN': '密码', 'en-US': 'password' },
} satisfies Catalog;
