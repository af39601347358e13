/**
 * With HTTP_PROXY / HTTPS_PROXY set, axios used to send every call — Authorization:
 * Bearer rkr_adm_… included — to the proxy in clear, even for a server on 127.0.0.1. A recording proxy
 * on loopback stands in for the proxy: no request may ever reach it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../../../src/main/http/api-client.js';
import { startTestServer, type TestServer } from '../../../helpers/test-server.js';

const PROXY_VARIABLES = ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY', 'all_proxy', 'NO_PROXY', 'no_proxy'];

describe('the API client never goes through an environment proxy', () => {
  let server: TestServer;
  let proxy: Server;
  const recorded: { method?: string; url?: string; authorization?: string }[] = [];
  const saved: Record<string, string | undefined> = {};
  const record = (request: IncomingMessage) => recorded.push({ method: request.method, url: request.url, authorization: request.headers.authorization });

  beforeAll(async () => {
    server = await startTestServer();
    proxy = createServer((request, response) => {
      record(request);
      response.writeHead(502).end();
    });
    proxy.on('connect', (request, socket) => {
      record(request);
      socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done));
    const proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    for (const name of PROXY_VARIABLES) saved[name] = process.env[name];
    for (const name of PROXY_VARIABLES) delete process.env[name];
    for (const name of ['HTTP_PROXY', 'HTTPS_PROXY', 'http_proxy', 'https_proxy', 'ALL_PROXY']) process.env[name] = proxyUrl;
  });

  afterAll(async () => {
    for (const name of PROXY_VARIABLES) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
    await new Promise<void>((done) => proxy.close(() => done()));
    await server.close();
  });

  it('a loopback server is called directly: the token never reaches the proxy', async () => {
    const port = new URL(server.url).port;
    for (const base of [server.url, `http://localhost:${port}`]) {
      const client = createApiClient({ serverUrl: base, getToken: async () => server.adminToken, attempts: 1 });
      await expect(client.health()).resolves.toMatchObject({ status: 'ok' });
      await expect(client.me()).resolves.toMatchObject({ person: { role: 'admin' } });
      await expect(client.listKeys()).resolves.toEqual([]);
    }
    expect(recorded).toEqual([]);
  });
});
