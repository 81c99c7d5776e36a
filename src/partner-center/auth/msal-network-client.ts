import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import fetch from 'node-fetch';

export interface MsalNetworkClientOptions {
  /** Default none. PEM of an extra CA to trust for the authority (a private CA, the emulator's); Node's roots stay trusted. */
  readonly caCertificate?: string;
  /** Default `10_000`. Longest any request to the authority may take, GET or POST, in ms. */
  readonly timeoutMs?: number;
}

/**
 * msal-node's HTTP client, with a timeout on every request (msal's own client has none on
 * POSTs, so a hung token endpoint would hang every refresh) and, optionally, an extra CA.
 */
export function createMsalNetworkClient(options: MsalNetworkClientOptions = {}): INetworkModule {
  const timeoutMs = options.timeoutMs ?? 10_000;
  if (!Number.isInteger(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`MsalNetworkClient: timeoutMs must be a positive integer, got ${String(options.timeoutMs)}`);
  }
  const agent = new https.Agent({
    keepAlive: true,
    ...(options.caCertificate ? { ca: [...rootCertificates, options.caCertificate] } : {}),
  });
  async function send<T>(
    method: 'GET' | 'POST',
    url: string,
    request?: NetworkRequestOptions,
    requestTimeoutMs?: number,
  ): Promise<NetworkResponse<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), Math.min(timeoutMs, requestTimeoutMs ?? timeoutMs));
    try {
      const response = await fetch(url, {
        method,
        headers: request?.headers,
        body: request?.body,
        agent,
        signal: controller.signal as never,
      });
      const text = await response.text();
      const headers: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        headers[name] = value;
      });
      return { status: response.status, headers, body: (text ? JSON.parse(text) : {}) as T };
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    sendGetRequestAsync: (url, request, timeout) => send('GET', url, request, timeout),
    sendPostRequestAsync: (url, request) => send('POST', url, request),
  };
}
