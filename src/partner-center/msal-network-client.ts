import https from 'node:https';
import { rootCertificates } from 'node:tls';
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from '@azure/msal-node';
import fetch from 'node-fetch';

/**
 * msal-node's HTTP client with our own TLS agent: used when the authority's certificate
 * must be trusted explicitly (a private CA, or the emulator's self-signed authority). Node's
 * usual roots stay trusted.
 */
export function createMsalNetworkClient(options: { readonly caCertificate: string }): INetworkModule {
  const agent = new https.Agent({ keepAlive: true, ca: [...rootCertificates, options.caCertificate] });
  async function send<T>(method: 'GET' | 'POST', url: string, request?: NetworkRequestOptions, timeoutMs?: number): Promise<NetworkResponse<T>> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs ?? 10_000);
    try {
      const response = await fetch(url, { method, headers: request?.headers, body: request?.body, agent, signal: controller.signal as never });
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
