// Strings of the engineer's offline mode (issue 16 §1): banner, unsynced marks, rejected drafts.
export const zh = {
  offline: {
    banner: '离线模式：当前无网络，操作将保存在手机上，恢复网络后自动同步。',
    syncing: '正在同步…',
    unsynced: '未同步（{{n}}）',
    unsyncedAll: '{{n}} 项操作尚未同步',
    synced: '已全部同步',
    syncNow: '立即同步',
    rejected: '{{n}} 项操作被服务器拒绝，请处理',
    stepsTitle: '本机待同步的操作',
    recordedAt: '手机记录时间',
    queued: '待同步',
    rejectedTag: '被拒绝',
    retry: '重试',
    discard: '放弃',
    discardConfirm: '放弃此操作？放弃后不会提交到服务器。',
    kinds: { transition: '状态变更', content: '诊断与处理记录', part: '配件', sign: '客户签字', photo: '照片' },
    notAvailable: '该工单未下载到手机，离线时无法操作。请联网后打开一次。',
    packAt: '离线数据更新于 {{at}}',
    stepKept: '已记录在手机上：{{status}}（联网后自动同步）',
  },
};
