import net from 'node:net';
import { exchange } from '../../../src/partner-center/client/exchange';
import { createPartnerCenterDispatcher } from '../../../src/partner-center/client/dispatcher';

/**
 * The pool's connect timeout is the call's own timeout, so the two timers race; whichever
 * fires first, a connection or TLS handshake that never completes is Partner Center timing
 * out, not a broken network. Here the pool's timer is made to fire first, as it sometimes
 * did on a busy machine.
 */
describe('An exchange whose connection never completes', () => {
  let silent: net.Server;
  let port: number;
  const sockets = new Set<net.Socket>();
  beforeAll(async () => {
    // Accepts connections and never speaks: a TLS handshake that never completes.
    silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    port = (silent.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('is a timeout when the pool gives up connecting first', async () => {
    const dispatcher = createPartnerCenterDispatcher({ connectTimeoutMs: 100 });
    try {
      const result = await exchange(
        dispatcher,
        { origin: `https://127.0.0.1:${port}`, path: '/v1/agreements', headers: {} },
        { timeoutMs: 30_000, maxBodyBytes: 1_024 },
      );
      expect(result).toEqual({ failure: 'timeout' });
    } finally {
      await dispatcher.destroy();
    }
  });

  it('is a network failure when the connection is refused', async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const dispatcher = createPartnerCenterDispatcher({ connectTimeoutMs: 5_000 });
    try {
      const result = await exchange(
        dispatcher,
        { origin: `http://127.0.0.1:${closedPort}`, path: '/', headers: {} },
        { timeoutMs: 5_000, maxBodyBytes: 1_024 },
      );
      expect(result).toEqual({ failure: 'network' });
    } finally {
      await dispatcher.destroy();
    }
  });
});
