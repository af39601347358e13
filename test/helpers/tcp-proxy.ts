/**
 * A TCP proxy the test controls, between the server nodes and PostgreSQL, to take the database away
 * in the three ways it goes away in production:
 *
 * - `refused`: every open connection is reset (RST, both sides) and new ones are reset on accept —
 *   a database that crashed or restarted;
 * - `partitioned`: nothing closes and nothing gets through: open connections are frozen (bytes wait,
 *   as in the kernel's buffers during a real partition) and new ones are accepted but never reach the
 *   database. `restore()` lets everything flow again, as TCP retransmission does when a partition heals;
 * - `failed-over`: like partitioned, but the connections open until `restore()` never come back (they
 *   went to the old primary); connections opened after `restore()` work.
 *
 *   const proxy = await startTcpProxy({ host: '127.0.0.1', port: 5432 });
 *   proxy.cut('partitioned'); …; proxy.restore();
 */
import net from 'node:net';

export type OutageShape = 'refused' | 'partitioned' | 'failed-over';

export interface TcpProxy {
  port: number;
  /** The same PostgreSQL URL, through the proxy. */
  through(url: string): string;
  cut(shape: OutageShape): void;
  restore(): void;
  /** Connections accepted since start (each a connection attempt by a node). */
  accepted(): number;
  close(): Promise<void>;
}

interface Pair {
  client: net.Socket;
  upstream: net.Socket;
  frozen: boolean;
  /** Lost for good (failed over): never flows again. */
  dead: boolean;
  /** A side closed while frozen: the other learns of it only when the link comes back. */
  closedWhileFrozen: boolean;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: 'open' | OutageShape = 'open';
  let accepted = 0;
  const pairs = new Set<Pair>();

  function flow(pair: Pair): void {
    pair.frozen = false;
    pair.client.pipe(pair.upstream);
    pair.upstream.pipe(pair.client);
    pair.client.resume();
    pair.upstream.resume();
  }

  function freeze(pair: Pair): void {
    pair.frozen = true;
    pair.client.unpipe(pair.upstream);
    pair.upstream.unpipe(pair.client);
    pair.client.pause();
    pair.upstream.pause();
  }

  function destroy(pair: Pair): void {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream.destroy();
  }

  function reset(pair: Pair): void {
    pairs.delete(pair);
    pair.client.resetAndDestroy();
    if (pair.upstream.connecting) pair.upstream.destroy();
    else pair.upstream.resetAndDestroy();
  }

  const server = net.createServer((client) => {
    accepted += 1;
    if (mode === 'refused') {
      client.resetAndDestroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: Pair = { client, upstream, frozen: false, dead: false, closedWhileFrozen: false };
    pairs.add(pair);
    const onEnd = () => {
      if (pair.frozen) pair.closedWhileFrozen = true;
      else destroy(pair);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', () => undefined);
      socket.on('close', onEnd);
    }
    if (mode === 'open') flow(pair);
    else {
      freeze(pair);
      pair.dead = mode === 'failed-over';
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;

  return {
    port,
    through(url) {
      const proxied = new URL(url);
      proxied.hostname = '127.0.0.1';
      proxied.port = String(port);
      return proxied.toString();
    },
    cut(shape) {
      mode = shape;
      for (const pair of [...pairs]) {
        if (shape === 'refused') reset(pair);
        else {
          freeze(pair);
          pair.dead = shape === 'failed-over';
        }
      }
    },
    restore() {
      mode = 'open';
      for (const pair of [...pairs]) {
        if (!pair.frozen || pair.dead) continue;
        if (pair.closedWhileFrozen) destroy(pair);
        else flow(pair);
      }
    },
    accepted: () => accepted,
    async close() {
      for (const pair of [...pairs]) destroy(pair);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
