import net from 'node:net';
import { ConfigError, GatewayConfig } from '../config/gateway-config';

/**
 * Whether a URL's host is this machine's loopback interface, written as an address
 * (127.0.0.0/8 or ::1). Names are not trusted here: what `localhost` resolves to is up to the
 * host's resolver, and an address is what the connection will use.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[(.*)\]$/, '$1');
  if (net.isIPv4(host)) return host.startsWith('127.');
  // URL parsing has already shortened every spelling of ::1 to this one.
  return net.isIPv6(host) && host === '::1';
}

/**
 * Outside sandbox mode, the URLs that decide who is trusted (the JWKS that signs client
 * tokens) and what an order may do (Partner Center's answers) must be https: on plain http
 * anyone on the path could sign their own tokens or answer "signed" for any reseller. Plain
 * http stays accepted for a loopback address, where nothing crosses a network (a local
 * emulator or an identity provider's sidecar, as tests and the benchmark run them). Each
 * problem is one line naming the key and its value.
 */
export function checkTransportSecurity(config: GatewayConfig, sandbox: boolean): void {
  if (sandbox) return;
  const urls: Array<[key: string, value: string | undefined]> = [
    ['partnerCenter.baseUrl', config.partnerCenter.baseUrl],
    ['clientAuth.jwt.jwksUrl', config.clientAuth.jwt?.jwksUrl],
  ];
  const problems: string[] = [];
  for (const [key, value] of urls) {
    if (value === undefined) continue;
    const url = new URL(value);
    if (url.protocol === 'https:' || isLoopbackHost(url.hostname)) continue;
    // Credentials in a URL are never shown.
    if (url.username || url.password) [url.username, url.password] = ['***', ''];
    problems.push(
      `Invalid configuration: ${key} is ${JSON.stringify(url.href)}, but outside sandbox mode it must be an https:// URL (plain http:// is accepted for a loopback address only, such as 127.0.0.1 or [::1]).`,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems.join('\n'));
}
