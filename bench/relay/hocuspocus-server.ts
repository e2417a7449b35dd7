// @hocuspocus/server with no extensions and no hooks (documents in memory only), on 127.0.0.1
// and a free port, in its own process. Prints `{"event":"listening","url":…}` like the relay.
import { Server } from '@hocuspocus/server';

const server = new Server({ port: 0, address: '127.0.0.1', quiet: true, stopOnSignals: false });
await server.listen();
process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${server.address.port}` })}\n`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.destroy().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
