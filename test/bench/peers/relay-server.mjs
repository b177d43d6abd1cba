// The floor of collaboration servers: @y/websocket-server 0.1.1 (y-websocket's own server, in memory, no
// persistence, no authentication). Every new document starts from TEMPLATE_FILE, like the other two.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setContentInitializor, setupWSConnection } from '@y/websocket-server/utils';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';

const template = new Uint8Array(readFileSync(process.env.TEMPLATE_FILE));
setContentInitializor(async (doc) => Y.applyUpdate(doc, template));
const wss = new WebSocketServer({ noServer: true });
wss.on('connection', setupWSConnection);
const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('okay'));
server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)));
server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
