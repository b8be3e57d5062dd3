// English strings of ./i18n.ts (zh-CN there, and the shape both follow), in a module of their own
// so a session downloads only its language's strings (issue 17 item 6).
import { terms } from '../../glossary.ts';
import type { zh } from './i18n.ts';

export const en: typeof zh = {
  renewals: {
    menu: { group: 'Renewals', pipeline: 'Renewal pipeline', rate: 'Renewal rate', notices: 'Expiry notices' },
    stages: terms('renewalStage', 'en-US'),
    sources: terms('renewalSource', 'en-US'),
    fromPriceList: 'Quote from the price list',
    years: 'years',
    unpriced: 'not in the price list',
    computed: 'Price-list amount',
    useComputed: 'Use',
    overrideReason: 'Reason for the change',
    f: {
      owner: 'Salesperson',
      month: 'Expiry month',
      customer: 'Customer',
      contract: 'Contract',
      expiresOn: 'Expires',
      quote: 'Quote',
      lostReason: 'Reason lost',
      devices: 'Devices',
      newContract: 'Renewed contract',
      endDate: 'New contract end',
      price: 'Current price',
    },
    all: 'All',
    unassigned: 'Unassigned',
    dragHint: 'Drag a card to another column to move it',
    moveTo: 'Move to',
    quoteTitle: 'Enter the renewal quote',
    lostTitle: 'Mark as lost',
    wonTitle: 'Confirm the renewal',
    wonHint: 'A new contract for the same customer and devices is created, starting the day after the old one ends (no gap), priced at the quote.',
    settings: {
      title: 'Expiry notice settings',
      customerDays: 'Maintenance contract: tell the customer (days before)',
      salesDays: 'Free warranty: report to sales (days before)',
    },
    rate: {
      title: 'Renewal rate',
      byMonth: 'By expiry month',
      byOwner: 'By salesperson',
      total: 'Expiring',
      won: 'Won',
      lost: 'Lost',
      open: 'Open',
      rate: 'Rate',
    },
    notices: {
      title: 'Expiry notices',
      empty: 'No expiry notices',
      letter: 'Download letter',
      sentOn: 'Sent on',
      kind: { customer_expiry: 'Maintenance contract expiry (customer)', sales_warranty_expiry: 'Free warranty expiry (sales)' },
    },
    onContract: 'Renewal',
    none: 'No renewal yet',
  },
};
