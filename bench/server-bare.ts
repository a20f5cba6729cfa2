// `npm run bench` child: a bare Fastify hello-world, the baseline every ratio is measured against.
// Reports its port to the parent over IPC; SIGTERM closes it.
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as AddressInfo).port });

// The parent asks for this process's CPU time around each measurement: CPU per request does not
// depend on what else the machine is doing, unlike requests per second.
process.on('message', (msg) => {
  if (msg === 'cpu') process.send?.({ cpu: process.cpuUsage() });
});

process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
