// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  appraisals: {
    menu: 'Monthly appraisal',
    title: 'Monthly appraisal',
    month: 'Month',
    generate: 'Draw up the month',
    generated: '{{created}} appraisals created, {{penalties}} penalties',
    engineer: 'Person',
    status: 'Status',
    statuses: { draft: 'To assess', assessed: 'Assessed (to acknowledge)', acknowledged: 'Acknowledged' },
    kpiScore: 'KPI score',
    rating: 'Customer rating',
    supervisor: 'Supervisor',
    penalties: 'Penalties (CNY)',
    rewards: 'Rewards (CNY)',
    score: 'Score',
    scoreHelp: 'Score = KPIs 40% + customer rating 30% (4 → 100) + supervisor 30%; a missing part’s weight goes to the others.',
    kpis: 'KPIs of the month',
    orders: 'Orders',
    items: 'Penalties and rewards',
    kind: 'Kind',
    kinds: { penalty: 'Penalty (乐捐)', reward: 'Reward' },
    reason: 'Reason',
    amount: 'Amount (CNY)',
    addItem: 'Add penalty / reward',
    assess: 'Assess',
    comment: 'Comment',
    acknowledge: 'Acknowledge',
    note: 'Note',
    save: 'Save',
    empty: 'No appraisals for this month yet; press “Draw up the month”.',
  },
};
