// @y/websocket-server 0.1.1 as its README runs it (src/server.js: an http server whose upgrades
// go to `setupWSConnection`, docs in memory, no persistence), on 127.0.0.1 and a free port, in
// its own process. One difference from `npx y-websocket`: the `ws` is the repo's 8.x, the same
// as the Counterpart relay's, instead of the 6.x the package pulls in, so both servers sit on
// the same WebSocket implementation. Prints `{"event":"listening","url":…}` like the relay.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { setupWSConnection } from '@y/websocket-server/utils';

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);

const server = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'text/plain' });
  res.end('okay');
});
server.on('upgrade', (req, socket, head) => {
  wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ event: 'listening', url: `http://127.0.0.1:${port}` })}\n`);
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
