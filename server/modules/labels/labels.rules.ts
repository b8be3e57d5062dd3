// Pure rules of device labels and scan reports (扫码报修, issue 16 §2).

/** Label stock the sheet PDF is laid out for (mm). */
export const LABEL_SIZES = ['a4_3x8', 'a4_4x10', 'single_50x30'] as const;
export type LabelSize = (typeof LABEL_SIZES)[number];

export interface SheetLayout {
  /** Page size in mm. */
  pageW: number;
  pageH: number;
  cols: number;
  rows: number;
  /** One label in mm. */
  labelW: number;
  labelH: number;
  /** Offset of the first label from the page's top-left corner (mm). */
  marginX: number;
  marginY: number;
}

/** A4 3×8 of 70×37 mm (no margins), A4 4×10 of 48.5×25.4 mm, a 50×30 mm roll label per page. */
export function sheetLayout(size: LabelSize): SheetLayout {
  switch (size) {
    case 'a4_3x8':
      return { pageW: 210, pageH: 297, cols: 3, rows: 8, labelW: 70, labelH: 37, marginX: 0, marginY: 0.5 };
    case 'a4_4x10':
      return { pageW: 210, pageH: 297, cols: 4, rows: 10, labelW: 48.5, labelH: 25.4, marginX: 8, marginY: 21.5 };
    case 'single_50x30':
      return { pageW: 50, pageH: 30, cols: 1, rows: 1, labelW: 50, labelH: 30, marginX: 0, marginY: 0 };
  }
}

/** Pages a sheet of `n` labels takes. */
export const labelPages = (n: number, size: LabelSize) => Math.max(1, Math.ceil(n / (sheetLayout(size).cols * sheetLayout(size).rows)));

/** Where label `i` (0-based) goes: page, and its top-left corner in mm. */
export function labelSlot(i: number, size: LabelSize) {
  const l = sheetLayout(size);
  const perPage = l.cols * l.rows;
  const k = i % perPage;
  return { page: Math.floor(i / perPage), x: l.marginX + (k % l.cols) * l.labelW, y: l.marginY + Math.floor(k / l.cols) * l.labelH };
}

/** What an anonymous visitor may see of the serial: its last four characters (the label prints it anyway). */
export function serialTail(serial: string): string {
  return serial.length <= 4 ? serial : `…${serial.slice(-4)}`;
}

export type Viewer = 'staff' | 'customer' | 'anonymous';

/**
 * Who opens a scanned label: staff; a hospital user of the device's own hospital; anyone else —
 * including another hospital's user, who sees and reports exactly as an anonymous visitor does.
 */
export function scanViewer(user: { roles: readonly string[]; customerId: string | null } | null, deviceCustomerId: string): Viewer {
  if (!user) return 'anonymous';
  if (!user.roles.includes('customer_user')) return 'staff';
  return user.customerId === deviceCustomerId ? 'customer' : 'anonymous';
}

/** The refusals of this module's rules (literal types, so the message-code scan can follow them). */
export type ScanReportRefusal = 'scan_report_handled';
export type LabelSheetRefusal = 'label_selection_required';
export type CallbackPhoneRefusal = 'scan_phone_invalid';

/** A held report can be converted or dismissed once. */
export function scanReportHandledRefusal(status: 'held' | 'converted' | 'dismissed'): ScanReportRefusal | null {
  return status === 'held' ? null : 'scan_report_handled';
}

/** A label sheet names its devices either by id or by the device list's filter, not both and not neither. */
export function labelSelectionRefusal(byIds: boolean, byFilter: boolean): LabelSheetRefusal | null {
  return byIds === byFilter ? 'label_selection_required' : null;
}

/** A phone number a dispatcher can call back: 7–20 digits, optional +, spaces and dashes. */
export function callbackPhoneRefusal(phone: string): CallbackPhoneRefusal | null {
  const digits = phone.replace(/[\s-]/g, '');
  return /^\+?\d{7,20}$/.test(digits) ? null : 'scan_phone_invalid';
}

/** The scan report states, for the DTOs (the table file keeps its own copy: tables load apart). */
export const SCAN_REPORT_STATUSES_DTO = ['held', 'converted', 'dismissed'] as const;
