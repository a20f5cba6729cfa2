export interface EffectiveRange {
  id: string;
  effective_from: string;
  effective_to: string | null;
}

/** The price list in force on a date: covering it, and of those the one that started last. */
export function listInForce<T extends EffectiveRange>(lists: T[], on: string): T | undefined {
  return lists
    .filter((l) => l.effective_from <= on && (l.effective_to === null || on <= l.effective_to))
    .sort((a, b) => (a.effective_from === b.effective_from ? b.id.localeCompare(a.id) : b.effective_from.localeCompare(a.effective_from)))[0];
}
