/// <reference types="vite/client" />
// Every UI string but the login page's, in English: the counterpart of ./messages.ts, loaded
// instead of it when the session's language is en-US, or when the user switches to it.
import { domainOf } from './catalogue-domains.ts';
import i18n, { boot } from './i18n.ts';
import type { zh } from './messages.ts';

const en: typeof zh = {
  ...boot.en,
  menu: {
    dashboard: 'Dashboard',
    registry: 'Customers & devices',
    customers: 'Customers',
    devices: 'Devices',
    models: 'Device models',
    contracts: 'Contracts',
    imports: 'Import',
    admin: 'Administration',
    users: 'Users',
    audit: 'Audit trail',
    service: 'Service',
    requests: 'Repair register',
    newRequest: 'Register a request',
    newWorkOrder: 'New work order (installation, maintenance, training…)',
    reportFault: 'Report a fault',
    myRequests: 'My requests',
    dispatch: 'Dispatch board',
    myWork: 'My work',
    workOrders: 'Work orders',
    reviews: 'Report review',
  },
  common: {
    search: 'Search',
    searchPlaceholder: 'Type to search',
    create: 'New',
    edit: 'Edit',
    delete: 'Delete',
    save: 'Save',
    cancel: 'Cancel',
    export: 'Export Excel',
    actions: 'Actions',
    detail: 'Details',
    all: 'All',
    yes: 'Yes',
    no: 'No',
    total: '{{total}} in total',
    saved: 'Saved',
    draftRestored: 'Your unsaved input was restored (kept on the phone when the app went to the background or the page was closed).',
    draftStale: 'There is unsaved input, but the record has changed since. Check it after restoring, then save.',
    draftRestore: 'Restore',
    draftDiscard: 'Discard',
    deleted: 'Deleted',
    confirmDelete: 'Delete this record? The deletion is kept in the audit trail.',
    loading: 'Loading…',
    none: 'None',
    back: 'Back',
    createdAt: 'Created',
    updatedAt: 'Updated',
    version: 'Version',
    notes: 'Notes',
    phone: 'Phone',
    address: 'Address',
    name: 'Name',
    code: 'Code',
    conflict: 'Someone else changed this record; reload and try again.',
    forbidden: 'You do not have permission to view this page.',
  },
  // issue 10 items 13–14 (glossary words on screens, navigation)
  ux: {
    workOrderNo: 'Work order',
    ratings: 'Ratings (attitude / skill / arrival time / keeping promises)',
    auditRecord: 'Record',
    notFound: 'Page not found',
    notFoundHint: 'There is no page at {{path}}; it may have moved, or the address is mistyped.',
    home: 'Back to the dashboard',
  },
  notify: { title: 'Notifications', empty: 'No notifications', markAll: 'Mark all read' },
  // issue 10 item 11 (helper D): the bell groups notices by day and record, in local time.
  notifyView: {
    today: 'Today',
    yesterday: 'Yesterday',
    repeated: '{{n}} times',
    pdf: 'Download PDF',
    other: 'Other notices',
    kinds: {
      customer_assigned: 'Engineer assigned',
      customer_on_site: 'Engineer on site',
      customer_resolved: 'Repaired: please sign',
      customer_survey: 'Satisfaction survey',
      customer_archived: 'Service report archived',
      maintenance_notice: 'Planned maintenance notice',
      maintenance_reschedule: 'Hospital asks to move maintenance',
      maintenance_overdue: 'Maintenance overdue',
      maintenance_dispatch_refused: 'Maintenance work order not dispatched',
      followup_due: 'Follow-up due',
      followup_escalated: 'Follow-up problem to approve',
      followup_approved: 'Handling plan approved',
      complaint_major: 'Major complaint',
      complaint_assigned: 'Complaint to handle',
      complaint_deadline: 'Complaint deadline reached',
      emergency_request: 'Emergency request',
      sla_warning: 'SLA warning',
      sla_breach: 'SLA breach',
      loaner_needed: 'Loaner needed',
      work_order_assigned: 'Work order assigned',
      work_order_returned: 'Report sent back',
      request_registered: 'New request',
      same_day_missed: 'Not solved the same day',
      missed_call_overdue: 'Missed call not returned in time',
      instrument_due_soon: 'Instrument calibration due soon',
      instrument_overdue: 'Instrument calibration overdue',
      consultation_escalated: 'Consultation to research',
      handbook_digest: 'Service handbook: what’s new',
    },
  },
};

// Each domain's catalogue is found by its file name, so a new domain is listed nowhere.
const domains = import.meta.glob<{ en: object }>('./**/i18n.en.ts', { eager: true });

/** The en-US catalogues by domain (folder); no two share a top-level key (i18n.test.ts). */
export const catalogues: Record<string, object> = {
  shell: en,
  ...Object.fromEntries(Object.entries(domains).map(([file, m]) => [domainOf(file), m.en])),
};

i18n.addResourceBundle('en-US', 'translation', Object.assign({}, ...Object.values(catalogues)), true, true);
