import path from 'node:path';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string;
  dialect: 'sqlite' | 'postgres';
  adminPassword: string | undefined;
  demo: boolean;
  /** months of trading history in the demo dataset */
  demoMonths: number;
  logLevel: string;
  webDir: string;
  version: string;
  /** Trust X-Forwarded-* from a reverse proxy (rate limiting by client IP). */
  trustProxy: boolean;
  /** Cookies get the Secure flag (set when served over HTTPS behind a proxy). */
  secureCookies: boolean;
}

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function packageVersion(): string {
  return (JSON.parse(readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export function dialectOf(databaseUrl: string): 'sqlite' | 'postgres' {
  return /^postgres(ql)?:\/\//.test(databaseUrl) ? 'postgres' : 'sqlite';
}

/** A start-up problem the operator must fix: printed as one clear line with an exit code, no stack. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/** Start-up settings (README, "Running it"), read from the environment once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = path.resolve(env.QUDAO_DATA_DIR ?? './data');
  const databaseUrl = env.DATABASE_URL || `sqlite://${path.join(dataDir, 'qudao.sqlite')}`;
  const config: Config = {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir,
    databaseUrl,
    dialect: dialectOf(databaseUrl),
    adminPassword: env.QUDAO_ADMIN_PASSWORD || undefined,
    demo: env.QUDAO_DEMO === '1',
    demoMonths: Number(env.QUDAO_DEMO_MONTHS ?? 24),
    logLevel: env.QUDAO_LOG_LEVEL ?? 'info',
    webDir: path.join(projectRoot, 'dist/web'),
    version: packageVersion(),
    trustProxy: env.QUDAO_TRUST_PROXY === '1',
    secureCookies: env.QUDAO_SECURE_COOKIES === '1',
    ...overrides,
  };
  if (!Number.isInteger(config.demoMonths) || config.demoMonths < 1 || config.demoMonths > 60) {
    throw new StartupError(`QUDAO_DEMO_MONTHS must be an integer 1-60, got "${env.QUDAO_DEMO_MONTHS}"`);
  }
  if (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535) {
    throw new StartupError(`PORT must be an integer 0-65535, got "${env.PORT}"`);
  }
  return config;
}

export function sqlitePath(databaseUrl: string): string {
  return databaseUrl.replace(/^sqlite:\/\//, '').replace(/^file:/, '');
}
