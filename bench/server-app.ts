// `npm run bench` child: the real Qudao app (buildApp, production settings) on the database the
// parent prepared (DATABASE_URL). Logs go wherever the parent points stdout (default: discarded)
// at QUDAO_LOG_LEVEL (default info, as in production). Reports its port over IPC.
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../src/server/config.js';
import { openDatabase } from '../src/server/db/database.js';
import { buildApp } from '../src/server/app.js';

const config = loadConfig(process.env, { port: 0, host: '127.0.0.1' });
const database = openDatabase(config.databaseUrl);
const built = await buildApp(config, { database, serveWeb: false });
await built.app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (built.app.server.address() as AddressInfo).port });

// The parent asks for this process's CPU time around each measurement: CPU per request does not
// depend on what else the machine is doing, unlike requests per second.
process.on('message', (msg) => {
  if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});

process.on('SIGTERM', () => {
  void built.close().then(() => process.exit(0));
});
