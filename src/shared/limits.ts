// Limits shared by the server and the web app, so a form refuses what the API would.
export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 500;
export const EXPORT_MAX_ROWS = 100_000;
export const BODY_LIMIT_BYTES = 1_048_576;
export const UPLOAD_LIMIT_BYTES = 10 * 1_048_576;
export const PASSWORD_MIN_LENGTH = 10;

// PostgreSQL cannot store U+0000 in text or JSON, nor an unpaired UTF-16 surrogate (it has no
// UTF-8 form); SQLite stores both, so the API refuses them on both dialects alike. In `u` mode a
// valid surrogate pair is one code point, so this class matches only NUL and unpaired halves.
// eslint-disable-next-line no-control-regex -- matching NUL is the point
export const UNSTORABLE_TEXT = /[\u0000\uD800-\uDFFF]/u;

/** Why `text` cannot be stored as database text, or undefined when it can (one regex test). */
export function unstorableText(text: string): string | undefined {
  if (!UNSTORABLE_TEXT.test(text)) return undefined;
  return text.includes('\u0000') ? 'must not contain NUL (\\u0000) characters' : 'must not contain unpaired UTF-16 surrogates';
}

/** Minimum strength: length, at least three character classes, not the username. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('must mix at least three of: lower case, upper case, digits, symbols');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  return problems;
}
