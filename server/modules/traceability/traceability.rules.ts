// Traceability (R-REG-5, issue 14 §5). Pure: no I/O.

/** Where a unit stood, as its audit trail records it (the device row's state after a write). */
export interface PlacementState {
  customerId: string | null;
  siteId: string | null;
  departmentId: string | null;
  location: string | null;
}
export interface PlacementChange extends PlacementState {
  at: Date;
  actorName: string | null;
}
export interface Placement extends PlacementState {
  from: Date;
  /** Null while the unit still stands there. */
  to: Date | null;
  actorName: string | null;
}

const same = (a: PlacementState, b: PlacementState) =>
  a.customerId === b.customerId && a.siteId === b.siteId && a.departmentId === b.departmentId && (a.location ?? '') === (b.location ?? '');

/**
 * Sites over time (R-REG-5 "sites over time"): the device record's successive states, oldest
 * first, folded into periods — a new period starts only when the hospital, site, department or
 * location actually changed; each period ends when the next starts.
 */
export function placementsFrom(changes: readonly PlacementChange[]): Placement[] {
  const sorted = [...changes].sort((a, b) => a.at.getTime() - b.at.getTime());
  const out: Placement[] = [];
  for (const c of sorted) {
    const last = out.at(-1);
    if (last && same(last, c)) continue;
    if (last) last.to = c.at;
    out.push({ customerId: c.customerId, siteId: c.siteId, departmentId: c.departmentId, location: c.location, from: c.at, to: null, actorName: c.actorName });
  }
  return out;
}

/**
 * A part lot or serial as typed by a user, for matching: trimmed, case-insensitive. Lots are
 * printed on labels in mixed case ("LOT-a12"), so "lot-A12" must find them too.
 */
export const normalizedCode = (s: string) => s.trim().toLowerCase();

/** An Excel sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31) || 'Sheet';
}

// ---- a table cell's lines in the dossier PDF -----------------------------------------------------

// Ideographs, kana, CJK and full-width punctuation: a line may break before any of them.
const CJK = '\\u2e80-\\u9fff\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uffef';
// The usual Chinese line-breaking rule: closing punctuation never starts a line, opening never ends one.
const CLOSE = '，。、；：！？）】》」』〉”’…%,.;:!?)\\]}';
const OPEN = '（【《「『〈“‘([{';
/**
 * The unbreakable pieces of a line, each with its punctuation and trailing spaces: one ideograph,
 * or a run of other letters up to a hyphen (a line may break after "BENCH-" but not inside
 * "W-000005"); then any other character alone, so that every character is in some piece.
 */
const PIECES = new RegExp(`[${OPEN}]*(?:[${CJK}]|(?:[^\\s${CJK}-]|-(?=\\d))+-?)[${CLOSE}]*\\s*|\\s+|[^]`, 'gu');

/**
 * A table cell's text as the lines it takes in a column `width` wide, `widthOf` measuring a
 * string in the cell's font: explicit line breaks kept, a line broken before an ideograph or at a
 * space, a word longer than the column broken between its characters. Nothing is dropped.
 * (pdfkit's own wrapping does the same with a Unicode line breaker per cell, at many times the cost
 * on a dossier with ~2,000 rows.)
 */
export function cellLines(text: string, width: number, widthOf: (s: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n?|\n/)) {
    let line = '';
    let w = 0;
    const flush = () => {
      lines.push(line.trimEnd());
      line = '';
      w = 0;
    };
    for (const piece of paragraph.match(PIECES) ?? []) {
      const visible = piece.trimEnd();
      // Like pdfkit's own wrapping, a piece fits with its trailing space.
      if (line !== '' && w + widthOf(piece) > width) flush();
      if (line === '' && visible === '') continue;
      if (line === '' && widthOf(visible) > width) {
        for (const ch of piece) {
          const cw = widthOf(ch);
          if (line !== '' && w + cw > width && ch.trim() !== '') flush();
          line += ch;
          w += cw;
        }
        continue;
      }
      line += piece;
      w += widthOf(piece);
    }
    flush();
  }
  return lines;
}
