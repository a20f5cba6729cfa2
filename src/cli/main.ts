import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { loadConfig, projectRoot, sqlitePath, type Config } from '../server/config.js';
import { openDatabase, StartupError } from '../server/db/database.js';
import { migrateToLatest } from '../server/db/migrate.js';
import { systemClock } from '../server/core/clock.js';
import { systemCaller } from '../server/core/caller.js';
import { verifyChain } from '../server/core/audit.js';
// The app, the services and the demo load on demand: `migrate`, `backup` or `audit verify` start
// in about half the time without them.
import type { Prepared } from '../server/bootstrap.js';
import { ROLES, type Role } from '../shared/permissions.js';
import { AppError } from '../server/core/errors.js';

const USAGE = `qudao <command>
  start                  build the web app if needed, then serve with the demo data (npm start)
  serve                  migrate and serve the API and the web app
  migrate                bring the database schema up to date
  seed --demo            seed the demo dataset into an empty database
  users create --username U --password P --role R [--display-name N] [--dealer-id D] [--regions 440000,450000]
  audit verify           check the audit hash chain (exit 1 when broken)
  backup <file>          consistent online copy of the SQLite database
  restore <file>         replace the SQLite database with a backup (stop the server first)
Settings: PORT, HOST, DATABASE_URL, QUDAO_DATA_DIR, QUDAO_ADMIN_PASSWORD, QUDAO_DEMO, QUDAO_LOG_LEVEL`;

function buildWebIfNeeded() {
  const index = path.join(projectRoot, 'dist/web/index.html');
  const srcDir = path.join(projectRoot, 'src/web');
  // A directory's mtime changes only when entries are added or removed, so look at every file.
  const newest = (dir: string): number =>
    readdirSync(dir, { withFileTypes: true }).reduce((max, entry) => {
      const full = path.join(dir, entry.name);
      return Math.max(max, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
    }, 0);
  const sources = [srcDir, path.join(projectRoot, 'src/shared')].filter((dir) => existsSync(dir));
  const stale = !existsSync(index) || Math.max(...sources.map(newest)) > statSync(index).mtimeMs;
  if (!stale) return;
  console.log('Building the web app (vite build)...');
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new StartupError('The web app failed to build (see above); the API would still work with `qudao serve`.');
}

function printStartup(config: Config, prepared: Prepared, address: string | null, demoPassword: string) {
  if (address) {
    console.log(`\nQudao ${config.version} is running on ${config.dialect}: ${address}`);
    console.log(`  API docs: ${address}/api/docs`);
  } else {
    console.log(`\nQudao ${config.version}: the ${config.dialect} database is ready.`);
  }
  if (prepared.adminCreated) {
    console.log(`  admin / ${prepared.adminCreated.password}${prepared.adminCreated.generated ? '   (generated: shown once, change it after login)' : ''}`);
  }
  if (prepared.demo) {
    console.log(`  Demo data: ${prepared.demo.dealers} dealers, ${prepared.demo.products} products. Demo logins (password ${demoPassword}):`);
    for (const l of prepared.demo.logins) console.log(`    ${l.username.padEnd(15)} ${l.role.padEnd(17)} ${l.note}`);
  }
}

async function serve(config: Config) {
  const [{ prepareDatabase }, { buildApp }, { DEMO_PASSWORD }, { startScheduler }, { scheduledJobs }] = await Promise.all([
    import('../server/bootstrap.js'),
    import('../server/app.js'),
    import('../server/seed/demo.js'),
    import('../server/core/scheduler.js'),
    import('../server/jobs.js'),
  ]);
  const database = openDatabase(config.databaseUrl);
  const prepared = await prepareDatabase(config, database, systemClock);
  const built = await buildApp(config, { database });
  const address = await built.app.listen({ port: config.port, host: config.host });
  printStartup(config, prepared, address.replace('0.0.0.0', '127.0.0.1'), DEMO_PASSWORD);
  // Business periods and SLA calendars are Chinese; the scheduler fires on Beijing time.
  const scheduler = startScheduler({ db: database.db, clock: systemClock, timezone: 'Asia/Shanghai', log: built.app.log }, scheduledJobs);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    built.app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    scheduler.stop();
    const timer = setTimeout(() => process.exit(1), 15_000);
    timer.unref();
    // server.close() only drops the connections idle at that moment: a keep-alive connection
    // whose request was still in flight would hold it open until the keep-alive timeout (and the
    // timer above). Drop each one as soon as its response is out.
    const sweep = setInterval(() => built.app.server.closeIdleConnections(), 50);
    sweep.unref();
    await built.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

async function withDatabase<T>(config: Config, fn: (db: ReturnType<typeof openDatabase>) => Promise<T>): Promise<T> {
  const database = openDatabase(config.databaseUrl);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  const env = { ...process.env };
  if (command === 'start' && env.QUDAO_DEMO === undefined) env.QUDAO_DEMO = '1';
  const config = loadConfig(env);
  switch (command) {
    case 'start':
      buildWebIfNeeded();
      await serve(config);
      return -1;
    case 'serve':
      await serve(config);
      return -1;
    case 'migrate':
      return withDatabase(config, async ({ db }) => {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The schema is up to date.');
        return 0;
      });
    case 'seed': {
      if (sub !== '--demo') {
        console.error('Usage: qudao seed --demo');
        return 2;
      }
      const [{ prepareDatabase }, { seedDemoDataset }, { DEMO_PASSWORD }] = await Promise.all([
        import('../server/bootstrap.js'),
        import('../server/seed/dataset.js'),
        import('../server/seed/demo.js'),
      ]);
      return withDatabase(config, async (database) => {
        const prepared = await prepareDatabase(config, database, systemClock, { demo: false });
        const dealers = await database.db.selectFrom('dealers').select('id').limit(1).execute();
        if (dealers.length) {
          console.error('The database already has dealers; the demo seeds only into an empty database.');
          return 1;
        }
        const demo = await seedDemoDataset(database.db, systemClock, { months: config.demoMonths });
        printStartup(config, { ...prepared, demo }, null, DEMO_PASSWORD);
        return 0;
      });
    }
    case 'users': {
      if (sub !== 'create') {
        console.error('Usage: qudao users create --username U --password P --role R');
        return 2;
      }
      const { values } = parseArgs({
        args: rest,
        options: {
          username: { type: 'string' },
          password: { type: 'string' },
          role: { type: 'string' },
          'display-name': { type: 'string' },
          'dealer-id': { type: 'string' },
          regions: { type: 'string' },
        },
      });
      if (!values.username || !values.password || !values.role || !ROLES.includes(values.role as Role)) {
        console.error(`--username, --password and --role (${ROLES.join('|')}) are required`);
        return 2;
      }
      const { createUser } = await import('../server/modules/users/users.service.js');
      return withDatabase(config, async (database) => {
        await migrateToLatest(database.db);
        const ctx = { db: database.db, clock: systemClock, caller: { ...systemCaller, name: 'cli' }, requestId: null };
        const user = await createUser(ctx, {
          username: values.username!,
          password: values.password!,
          role: values.role as Role,
          displayName: values['display-name'] ?? values.username!,
          dealerId: values['dealer-id'] ?? null,
          regionCodes: values.regions ? values.regions.split(',') : [],
        });
        console.log(`Created user ${user.username} (${user.role}) ${user.id}`);
        return 0;
      });
    }
    case 'audit': {
      if (sub !== 'verify') {
        console.error('Usage: qudao audit verify');
        return 2;
      }
      return withDatabase(config, async ({ db }) => {
        const result = await verifyChain(db);
        console.log(JSON.stringify(result, null, 2));
        return result.valid ? 0 : 1;
      });
    }
    case 'backup': {
      if (config.dialect === 'postgres') {
        console.error('On PostgreSQL use pg_dump (e.g. pg_dump -Fc "$DATABASE_URL" > qudao.dump) and pg_restore.');
        return 1;
      }
      if (!sub) {
        console.error('Usage: qudao backup <file>');
        return 2;
      }
      const file = sqlitePath(config.databaseUrl);
      if (!existsSync(file)) {
        console.error(`There is no database at ${file} to back up (check QUDAO_DATA_DIR or DATABASE_URL).`);
        return 1;
      }
      const target = path.resolve(sub);
      mkdirSync(path.dirname(target), { recursive: true });
      const source = new SQLite(file, { fileMustExist: true });
      try {
        await source.backup(target);
      } finally {
        source.close();
      }
      console.log(`Backed up to ${target}`);
      return 0;
    }
    case 'restore': {
      if (config.dialect === 'postgres') {
        console.error('On PostgreSQL use pg_restore with a pg_dump archive.');
        return 1;
      }
      if (!sub || !existsSync(sub)) {
        console.error('Usage: qudao restore <file> (the file must exist)');
        return 2;
      }
      const backup = new SQLite(path.resolve(sub), { readonly: true, fileMustExist: true });
      try {
        let check: unknown;
        let hasSchema = { n: 0 };
        try {
          check = backup.pragma('integrity_check', { simple: true });
          hasSchema = backup.prepare("select count(*) as n from sqlite_master where name in ('dealers','audit_entries')").get() as { n: number };
        } catch (error) {
          check = (error as Error).message; // e.g. "file is not a database"
        }
        if (check !== 'ok' || hasSchema.n !== 2) {
          console.error(`${sub} is not a healthy Qudao backup (integrity: ${String(check)})`);
          return 1;
        }
        const target = sqlitePath(config.databaseUrl);
        mkdirSync(path.dirname(target), { recursive: true });
        await backup.backup(target);
      } finally {
        backup.close();
      }
      console.log(`Restored ${sub} into ${sqlitePath(config.databaseUrl)}`);
      return 0;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error) => {
    if (error instanceof StartupError) {
      console.error(`qudao: ${error.message}`);
      process.exit(error.exitCode);
    }
    if (error instanceof AppError) {
      console.error(`qudao: ${error.detail}`);
      process.exit(1);
    }
    console.error(error);
    process.exit(1);
  },
);
