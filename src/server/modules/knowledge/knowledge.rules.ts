// Chinese full-text search without LIKE: text is cut into words by the ICU word segmenter
// (Intl.Segmenter 'zh', a dictionary-based segmentation of Chinese; Latin words and numbers as
// words), lower-cased, particles dropped. Articles and queries go through the same cut.
const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const STOP_WORDS = new Set(['的', '了', '是', '在', '和', '与', '及', '或', '也', '就', '都', '而', '把', '被', '对', '等', 'the', 'a', 'an', 'of', 'to', 'and', 'or', 'is']);
const MAX_TOKEN = 40;

export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.normalize('NFKC'))) {
    if (!s.isWordLike) continue;
    const token = s.segment.toLowerCase().slice(0, MAX_TOKEN);
    if (!STOP_WORDS.has(token)) out.push(token);
  }
  return out;
}

/** Index weights of one article: occurrences in the body, title words count three times. */
export function indexWeights(title: string, body: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const t of tokenize(title)) weights.set(t, (weights.get(t) ?? 0) + 3);
  for (const t of tokenize(body)) weights.set(t, (weights.get(t) ?? 0) + 1);
  return weights;
}

/** The distinct words of a query (at most 20: a pasted paragraph is not a query). */
export const queryTokens = (q: string) => [...new Set(tokenize(q))].slice(0, 20);

/** How many of the query's words an article must contain: all of up to two, otherwise most. */
export const minimumHits = (n: number) => (n <= 2 ? n : Math.ceil(n * 0.6));

/** A short excerpt around the first query word found, for the result list. */
export function snippet(body: string, tokens: string[], length = 120): string {
  const lower = body.toLowerCase();
  const at = Math.min(...tokens.map((t) => lower.indexOf(t)).filter((i) => i >= 0), body.length);
  const start = at >= body.length ? 0 : Math.max(0, at - 30);
  const text = body.slice(start, start + length);
  return `${start > 0 ? '…' : ''}${text}${start + length < body.length ? '…' : ''}`;
}

/**
 * Publishing shows an article to every dealer, so it is HQ's (docs/rules.md: HQ runs the knowledge
 * base for all dealers; a regional manager speaks for its regions only): a regional manager
 * writes and edits drafts, HQ publishes and edits what is published. Null when allowed.
 */
export function publishRefusal(hq: boolean, current: string | null, wanted: string): string | null {
  if (hq) return null;
  if (wanted === 'published') return 'Only HQ publishes an article to all dealers; save it as a draft';
  if (current === 'published') return 'Only HQ edits a published article';
  return null;
}
