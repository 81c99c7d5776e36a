import http from 'node:http';
import https from 'node:https';
import { AddressInfo } from 'node:net';
import selfsigned from 'selfsigned';

export interface TlsFront {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** PEM of the front's self-signed certificate: the CA a client must trust. */
  readonly caPem: string;
  close(): Promise<void>;
}

/**
 * An HTTPS front relaying every request to `targetUrl`, with a self-signed certificate: what a
 * TLS-inspecting proxy or a private front looks like to a client that must trust its CA.
 */
export async function startTlsFront(targetUrl: string): Promise<TlsFront> {
  const pems = selfsigned.generate([{ name: 'commonName', value: '127.0.0.1' }], {
    days: 1,
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  const front = https.createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
    const relay = http.request(`${targetUrl}${req.url}`, { headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(relay);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  return {
    url: `https://127.0.0.1:${(front.address() as AddressInfo).port}`,
    caPem: pems.cert,
    close: async () => {
      front.closeAllConnections();
      await new Promise((resolve) => front.close(resolve));
    },
  };
}
