import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../../../src/config/gateway-config';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';
import { Gateway } from '../../../src/compose/gateway';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';
import { TlsFront, startTlsFront } from '../../support/tls-front';

describe('partnerCenter.caCertificateFile', () => {
  let emulator: Emulator;
  let front: TlsFront;
  let caFile: string;
  const gateways: Gateway[] = [];
  const query =
    '{ reseller(mpnId: "1000001") { mpaStatus(region: UNITED_STATES) { __typename ... on MpaPartnerCenterUnavailable { reason } } } }';

  beforeAll(async () => {
    emulator = await startEmulator();
    // Partner Center reached through a TLS front whose CA is not a public one.
    front = await startTlsFront(emulator.url);
    caFile = path.join(mkdtempSync(path.join(tmpdir(), 'mpa-ca-')), 'front-ca.pem');
    writeFileSync(caFile, front.caPem);
  });
  afterAll(async () => {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await front.close();
    await emulator.close();
  });

  const gatewayWith = async (caCertificateFile?: string) => {
    const gateway = await startSandboxGateway({
      partnerCenter: { baseUrl: front.url, caCertificateFile },
      accounts: [{ region: 'UNITED_STATES', staticToken: sandboxToken('UNITED_STATES') }],
      clientAuth: { allowAnonymous: true },
    });
    gateways.push(gateway);
    return gateway;
  };

  it('is trusted for Partner Center calls besides the usual roots', async () => {
    const gateway = await gatewayWith(caFile);
    const result = await execute(gateway, query);
    expect(result.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaSigned' });
    expect(emulator.calls().at(-1)).toMatchObject({ mpnId: '1000001', status: 200 });
  });

  it('without it, the private front is not trusted and the status says Partner Center is unreachable', async () => {
    const gateway = await gatewayWith();
    const before = emulator.callCount();
    const result = await execute(gateway, query);
    expect(result.data!.reseller.mpaStatus).toEqual({ __typename: 'MpaPartnerCenterUnavailable', reason: 'NETWORK_ERROR' });
    expect(emulator.callCount()).toBe(before);
  });

  it('names the key when the file cannot be read', async () => {
    const attempt = gatewayWith('/nonexistent/ca.pem');
    await expect(attempt).rejects.toThrow(ConfigError);
    await expect(attempt).rejects.toThrow('partnerCenter.caCertificateFile: cannot read /nonexistent/ca.pem');
  });
});
