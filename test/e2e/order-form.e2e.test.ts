import fetch from 'node-fetch';
import { useListeningSandbox } from '../support/sandbox-gateway';

const CART_QUERY = `query Cart($orders: [MpaOrderLineInput!]!) {
  orderEligibilities(orders: $orders) {
    lineId canSubmit retryable
    mpaStatus { __typename ... on MpaStatusOutcome { message } ... on MpaPartnerCenterError { code } }
    guidance { headline actions mayTakeTimeToUpdate }
  }
}`;

describe('Order form over HTTP', () => {
  const sandbox = useListeningSandbox();

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(sandbox.url(), { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

  it('tells which cart lines block Submit and why', async () => {
    const response = await post(
      {
        query: CART_QUERY,
        variables: {
          orders: [
            { lineId: 'office-365', mpnId: '1000001', region: 'UNITED_STATES' },
            { lineId: 'azure-plan', mpnId: '1000002', region: 'UNITED_STATES' },
            { lineId: 'dynamics', mpnId: '1000003', region: 'UNITED_STATES' },
            { lineId: 'teams', tenantId: '00000000-0000-0000-0000-000001000001', region: 'UNITED_STATES' },
            { lineId: 'defender', mpnId: '1000503', region: 'UNITED_STATES' },
          ],
        },
      },
      { 'accept-language': 'pt-PT' },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
    const { data, errors } = await response.json();
    expect(errors).toBeUndefined();
    const lines = data.orderEligibilities;
    expect(lines.map((line: { lineId: string; canSubmit: boolean }) => [line.lineId, line.canSubmit])).toEqual([
      ['office-365', true],
      ['azure-plan', false],
      ['dynamics', false],
      ['teams', true],
      ['defender', false],
    ]);
    expect(lines[1]).toMatchObject({
      retryable: false,
      mpaStatus: { __typename: 'MpaNotSigned', code: '2203' },
      guidance: { headline: 'Contrato de Parceiro por aceitar na região Estados Unidos', mayTakeTimeToUpdate: true },
    });
    expect(lines[2].guidance.actions[0]).toBe('Use o MPN ID (PGA/PLA) do revendedor para a região Estados Unidos, se existir.');
    expect(lines[4]).toMatchObject({ retryable: true, mpaStatus: { __typename: 'MpaPartnerCenterUnavailable' } });
    expect(lines[0].guidance).toBeNull();
  });

  it('answers a GET query when the client sends a preflight header', async () => {
    const query = encodeURIComponent('{ cspRegions { region } }');
    const response = await fetch(`${sandbox.url()}?query=${query}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect((await response.json()).data.cspRegions).toHaveLength(5);
  });

  it('refuses a GET without a preflight header (CSRF prevention)', async () => {
    const query = encodeURIComponent('{ cspRegions { region } }');
    const response = await fetch(`${sandbox.url()}?query=${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/CSRF/);
  });

  it('answers malformed JSON with 400 and a typed error', async () => {
    const response = await fetch(sandbox.url(), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: 'The request body is not valid JSON.', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('answers an unknown field with a validation error, not a crash', async () => {
    const response = await post({ query: '{ nope }' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('answers a bad enum value with a typed error and no upstream call', async () => {
    sandbox.gateway().emulator!.clearCalls();
    const response = await post({ query: '{ reseller(mpnId: "1000001") { mpaStatus(region: ATLANTIS) { __typename } } }' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(sandbox.gateway().emulator!.callCount()).toBe(0);
  });

  it('serves /healthz and 404 elsewhere', async () => {
    const base = sandbox.url().replace(/\/graphql$/, '');
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/nothing`)).status).toBe(404);
  });
});
