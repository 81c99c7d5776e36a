import net from 'node:net';
import { useListeningSandbox } from '../support/sandbox-gateway';

/** A raw connection to the gateway, with what it received and a promise of its close. */
function connect(url: string): { socket: net.Socket; received: () => string; closed: Promise<void>; answered: Promise<void> } {
  const { hostname, port } = new URL(url);
  const socket = net.connect(Number(port), hostname);
  let text = '';
  let answer: () => void = () => undefined;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  socket.on('data', (chunk) => {
    text += chunk;
    if (/\r\n\r\n/.test(text)) answer();
  });
  socket.on('error', () => undefined);
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { socket, received: () => text, closed, answered };
}

describe('Slow and hoarding clients', () => {
  jest.setTimeout(30_000);

  describe('with small timeouts', () => {
    const sandbox = useListeningSandbox({ http: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });

    it('closes a connection whose headers never finish (slowloris)', async () => {
      const client = connect(sandbox.url());
      client.socket.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\nX-Slow: 1');
      await client.closed;
      expect(client.received()).not.toContain('200 OK');
    });

    it('closes a connection that keeps trickling header lines, however steadily it sends', async () => {
      const client = connect(sandbox.url());
      client.socket.write('POST /graphql HTTP/1.1\r\nHost: gateway\r\n');
      let sent = 0;
      // One more header line each time the previous one is flushed: the server, not this loop, ends it.
      const trickle = () => {
        if (client.socket.destroyed) return;
        sent += 1;
        client.socket.write(`X-Slow-${sent}: ${sent}\r\n`, () => setImmediate(() => setTimeout(trickle, 20)));
      };
      trickle();
      await client.closed;
      expect(client.received()).not.toContain('200 OK');
    });

    it('closes a connection whose body never finishes', async () => {
      const client = connect(sandbox.url());
      client.socket.write(
        'POST /graphql HTTP/1.1\r\nHost: gateway\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":',
      );
      await client.closed;
      expect(client.received()).not.toContain('200 OK');
    });
  });

  describe('with a connection cap of 2', () => {
    const sandbox = useListeningSandbox({ http: { maxConnections: 2 } });

    it('refuses a third connection while two are open, and keeps the two', async () => {
      const open = [connect(sandbox.url()), connect(sandbox.url())];
      for (const client of open) {
        client.socket.write('GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n');
        await client.answered;
        expect(client.received()).toMatch(/^HTTP\/1\.1 200/);
      }
      const third = connect(sandbox.url());
      third.socket.write('GET /healthz HTTP/1.1\r\nHost: gateway\r\n\r\n');
      await third.closed;
      expect(third.received()).toBe('');
      expect(open.map((client) => client.socket.destroyed)).toEqual([false, false]);
      for (const client of open) client.socket.destroy();
    });
  });
});
