// Inputs that other capabilities own: customer satisfaction from service tickets (C10) and
// diversion cases (C12). Each is a small interface registered at start-up; while none is
// registered its KPI parts are "no data" and their weights go to the parts that have data.
import type { Database } from '../../db/database.js';
import type { PeriodRange } from '../../../shared/dates.js';
import { ticketsSatisfaction } from './satisfaction.tickets.js';

export interface SatisfactionInputs {
  /** complaints received in the period */
  complaints: number;
  /** share 0..1 of complaints first answered within 24 h; null: none to measure */
  firstResponse24h: number | null;
  /** share 0..1 of complaints resolved */
  resolution: number | null;
  /** average confirmation/survey score 1..5; null: no scores */
  survey: number | null;
}

/** A source row shown in the drill-down (a ticket, a survey answer...). */
export interface SourceRow {
  id: string;
  date: string;
  label: string;
  values: Record<string, string | number | boolean | null>;
}

export interface SatisfactionSource {
  /** inputs per dealer for the period; dealers absent from the map have no data */
  forPeriod(db: Database, range: PeriodRange, dealerIds: string[]): Promise<Map<string, SatisfactionInputs>>;
  /** the rows behind one dealer's inputs */
  rows(db: Database, range: PeriodRange, dealerId: string): Promise<SourceRow[]>;
}

export interface DiversionSource {
  casesPerDealer(db: Database, range: PeriodRange, dealerIds: string[]): Promise<Map<string, number>>;
}

// Service tickets feed satisfaction by default; a test or another source may replace it.
let satisfaction: SatisfactionSource | null = ticketsSatisfaction;
let diversion: DiversionSource | null = null;

/** Called by the tickets module (or a test) to feed satisfaction into evaluations. */
export function registerSatisfactionSource(source: SatisfactionSource | null): void {
  satisfaction = source;
}

export function registerDiversionSource(source: DiversionSource | null): void {
  diversion = source;
}

export const satisfactionSource = (): SatisfactionSource | null => satisfaction;
export const diversionSource = (): DiversionSource | null => diversion;
