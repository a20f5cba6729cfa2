// Limits shared by the server and the web app, so a form refuses what the API would.
export const LIST_DEFAULT_LIMIT = 50;
export const LIST_MAX_LIMIT = 500;
export const EXPORT_MAX_ROWS = 100_000;
export const BODY_LIMIT_BYTES = 1_048_576;
export const UPLOAD_LIMIT_BYTES = 10 * 1_048_576;
export const PASSWORD_MIN_LENGTH = 10;
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_LOCK_MINUTES = 15;
export const SESSION_TTL_HOURS = 12;

/** Minimum strength: length, at least three character classes, not the username. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  if (password.length < PASSWORD_MIN_LENGTH) problems.push(`must be at least ${PASSWORD_MIN_LENGTH} characters`);
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < 3) problems.push('must mix at least three of: lower case, upper case, digits, symbols');
  if (username && password.toLowerCase().includes(username.toLowerCase())) problems.push('must not contain the username');
  return problems;
}
