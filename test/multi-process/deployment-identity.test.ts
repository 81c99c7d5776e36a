import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { EmulatorProcess, createProcessGroup } from '../support/gateway-processes';

const ELIGIBILITY = `query ($mpnId: ID) { orderEligibility(order: { mpnId: $mpnId, region: UNITED_STATES }) { canSubmit verified } }`;

/**
 * Deployments sharing one Redis: a sandbox audit (its configuration file forgotten) given
 * production's MPA_REDIS_URL, and production itself, whose Partner Center is a second
 * emulator that disagrees with the sandbox's about two resellers. Each must only ever see
 * its own entries.
 */
describe('Deployments sharing one Redis', () => {
  jest.setTimeout(90_000);
  const group = createProcessGroup();
  let production: EmulatorProcess;
  let list = '';

  beforeAll(async () => {
    await group.start();
    production = await group.emulator();
    // In production's Partner Center, 1000001 has neither signed nor a relationship, and 1000002 has signed.
    await production.putReseller('1000001', {
      tenantId: '00000000-0000-0000-0000-000001000001',
      homeRegion: 'UNITED_STATES',
      signedRegions: [],
      relationships: {},
    });
    await production.setAgreement('1000002', 'UNITED_STATES', true);
    list = path.join(group.folder, 'resellers.csv');
    writeFileSync(list, 'mpnId\n1000001\n1000002\n');
  });
  afterAll(() => group.stop());

  it("answers production from its own Partner Center after a sandbox audit used production's Redis", async () => {
    const audit = await group.audit(
      ['--input', list, '--regions', 'UNITED_STATES', '--out', path.join(group.folder, 'sandbox-report.csv')],
      {
        env: { MPA_REDIS_URL: group.redis.url },
      },
    );
    expect(audit.stderr).toContain('SANDBOX MODE');
    expect(audit.code).toBe(1);
    await production.clearCalls();

    const gateway = await group.gateway({ config: group.emulatorConfig(production, ['UNITED_STATES']) });
    const unsigned = await gateway.graphql(ELIGIBILITY, { mpnId: '1000001' });
    const signed = await gateway.graphql(ELIGIBILITY, { mpnId: '1000002' });
    expect(unsigned.data!.orderEligibility).toEqual({ canSubmit: false, verified: true });
    expect(signed.data!.orderEligibility).toEqual({ canSubmit: true, verified: true });
    expect((await production.calls()).count).toBe(2);
    await gateway.stop();
  });

  it("stops a sandbox process at start when Redis holds a real deployment's entries, unless told to share it", async () => {
    // A real deployment: App+User credentials (its token authority need not answer for it to start).
    const real = await group.gateway({
      config: group.emulatorConfig(production, ['UNITED_STATES'], {
        auth: { authorityHost: 'https://127.0.0.1:9' },
        accounts: [
          {
            region: 'UNITED_STATES',
            tenantId: '10000000-0000-0000-0000-000000000015',
            clientId: '20000000-0000-0000-0000-000000000015',
            clientSecret: 'made-up-secret',
            refreshToken: 'made-up-refresh-token',
          },
        ],
      }),
    });
    const args = ['--input', list, '--regions', 'UNITED_STATES', '--out', path.join(group.folder, 'refused-report.csv')];
    const refused = await group.audit(args, { env: { MPA_REDIS_URL: group.redis.url } });
    expect(refused.code).toBe(78);
    const lines = refused.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^audit: cache\.redisUrl: .*real Partner Center deployment.*cache\.allowSharedRedisWithSandbox/);
    expect(refused.stderr).not.toContain('made-up');

    // A sandbox gateway given the same Redis stops at start the same way.
    const gateway = await group.gatewayThatStops({ config: {}, env: { MPA_REDIS_URL: group.redis.url } });
    expect(gateway.code).toBe(1);
    expect(gateway.stderr.trim().split('\n')).toEqual([
      expect.stringMatching(/^cache\.redisUrl: this Redis holds the entries of a real Partner Center deployment \(UNITED_STATES\)/),
    ]);

    const allowed = await group.audit(args, { env: { MPA_REDIS_URL: group.redis.url, MPA_ALLOW_SHARED_REDIS_WITH_SANDBOX: 'true' } });
    expect(allowed.code).toBe(1);
    await real.stop();
  });
});
