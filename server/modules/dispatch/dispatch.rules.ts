// Dispatch rules (R-DSP-1, R-DSP-2), pure. The system ranks; the dispatcher decides.
import { type BusinessCalendar, nextCloseOfBusiness } from '../../lib/calendar.ts';

export interface Candidate {
  userId: string;
  name: string;
  /** Model ids and categories the engineer is trained on. */
  modelIds: readonly string[];
  categories: readonly string[];
  /** Work orders not yet resolved. */
  openLoad: number;
  /** Cities (or provinces) the engineer covers. */
  areas: readonly string[];
}

export interface Job {
  modelId: string;
  category: string;
  city: string | null;
  province: string | null;
}

export interface Ranked {
  userId: string;
  name: string;
  score: number;
  reasons: ('model_skill' | 'category_skill' | 'same_area' | 'light_load')[];
  openLoad: number;
}

/**
 * R-DSP-2: skill on the model weighs most, then being in the area, then a light load. Ties
 * are broken by name so the list is stable between refreshes.
 */
export function rankEngineers(job: Job, candidates: readonly Candidate[]): Ranked[] {
  return candidates
    .map((c) => {
      const reasons: Ranked['reasons'] = [];
      let score = 0;
      if (c.modelIds.includes(job.modelId)) {
        score += 50;
        reasons.push('model_skill');
      } else if (c.categories.includes(job.category)) {
        score += 30;
        reasons.push('category_skill');
      }
      if ((job.city && c.areas.includes(job.city)) || (job.province && c.areas.includes(job.province))) {
        score += 25;
        reasons.push('same_area');
      }
      const loadScore = Math.max(0, 20 - 5 * c.openLoad);
      if (c.openLoad <= 1) reasons.push('light_load');
      score += loadScore;
      return { userId: c.userId, name: c.name, score, reasons, openLoad: c.openLoad };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name));
}

/**
 * R-DSP-1: a request still undispatched when the working day ends is flagged for priority
 * dispatch next morning. The flag is due at the first close of business after it arrived.
 */
export function undispatchedFlagAt(cal: BusinessCalendar, receivedAt: Date): Date {
  return nextCloseOfBusiness(cal, receivedAt);
}
