import pino from 'pino';
import { Gateway, createGateway } from '../../../src/compose/gateway';
import { parseGatewayConfig } from '../../../src/config/gateway-config';
import { captureLogs } from '../../support/log-capture';
import { execute, startSandboxGateway } from '../../support/sandbox-gateway';

const ELIGIBILITY = `query ($order: MpaOrderLineInput!, $locale: String) {
  orderEligibility(order: $order, locale: $locale) {
    lineId canSubmit region retryable
    reseller { mpnId tenantId }
    mpaStatus { __typename ... on MpaStatusOutcome { message } }
    guidance { headline whatItMeans actions learnMoreUrl mayTakeTimeToUpdate locale }
  }
}`;

const FAQ = 'https://docs.microsoft.com/partner-center/mpa-indirect-provider-faq';

type Case = {
  order: Record<string, string>;
  typename: string;
  retryable: boolean;
  mayTakeTime: boolean;
  en: string;
  pt: string;
  link?: string | null;
};

/** Every union member, reached from the test identifiers, with its headline in both locales. */
const CASES: Case[] = [
  {
    order: { mpnId: '1000002' },
    typename: 'MpaNotSigned',
    retryable: false,
    mayTakeTime: true,
    en: 'Partner Agreement not yet accepted for United States',
    pt: 'Contrato de Parceiro por aceitar na região Estados Unidos',
    link: FAQ,
  },
  {
    order: { mpnId: '1000003' },
    typename: 'MpaCspRegionMismatch',
    retryable: false,
    mayTakeTime: true,
    en: 'This MPN ID belongs to another CSP region',
    pt: 'Este MPN ID pertence a outra região CSP',
    link: FAQ,
  },
  {
    order: { mpnId: '1000004' },
    typename: 'MpaMpnIdNotRecognized',
    retryable: false,
    mayTakeTime: true,
    en: 'MPN ID not recognised',
    pt: 'MPN ID não reconhecido',
  },
  {
    order: { mpnId: '1000005' },
    typename: 'MpaNotIndirectReseller',
    retryable: false,
    mayTakeTime: true,
    en: 'Not enrolled as a CSP indirect reseller',
    pt: 'Sem inscrição como revendedor indireto CSP',
    link: FAQ,
  },
  {
    order: { tenantId: '00000000-0000-0000-0000-000001000005' },
    typename: 'MpaTenantNotFound',
    retryable: false,
    mayTakeTime: false,
    en: 'No Partner Center account for this tenant',
    pt: 'Sem conta no Partner Center para este inquilino',
  },
  {
    order: { tenantId: '00000000-0000-0000-0000-000001000002' },
    typename: 'MpaTenantNotSigned',
    retryable: false,
    mayTakeTime: true,
    en: 'Partner Agreement not yet accepted',
    pt: 'Contrato de Parceiro por aceitar',
    link: FAQ,
  },
  {
    order: { mpnId: '12x' },
    typename: 'MpaInvalidResellerId',
    retryable: false,
    mayTakeTime: false,
    en: 'Check the MPN ID',
    pt: 'Verifique o MPN ID',
    link: null,
  },
  {
    order: { tenantId: 'x' },
    typename: 'MpaInvalidResellerId',
    retryable: false,
    mayTakeTime: false,
    en: 'Check the tenant ID',
    pt: 'Verifique o ID de inquilino',
    link: null,
  },
  {
    order: { mpnId: '1', tenantId: '00000000-0000-0000-0000-000001000005' },
    typename: 'MpaInvalidResellerId',
    retryable: false,
    mayTakeTime: false,
    en: 'One identifier, please',
    pt: 'Apenas um identificador',
  },
  {
    order: {},
    typename: 'MpaInvalidResellerId',
    retryable: false,
    mayTakeTime: false,
    en: 'Reseller identifier missing',
    pt: 'Falta o identificador do revendedor',
  },
  {
    order: { mpnId: '1000001', region: 'KOREA' },
    typename: 'MpaRegionNotConfigured',
    retryable: false,
    mayTakeTime: false,
    en: 'Region not available',
    pt: 'Região indisponível',
    link: null,
  },
  {
    order: { mpnId: '1000429' },
    typename: 'MpaPartnerCenterUnavailable',
    retryable: true,
    mayTakeTime: false,
    en: 'Please try again shortly',
    pt: 'Tente novamente dentro de momentos',
    link: null,
  },
  {
    order: { mpnId: '1000502' },
    typename: 'MpaPartnerCenterUnavailable',
    retryable: true,
    mayTakeTime: false,
    en: 'Please try again shortly',
    pt: 'Tente novamente dentro de momentos',
  },
  {
    order: { mpnId: '1000401' },
    typename: 'MpaPartnerCenterUnavailable',
    retryable: false,
    mayTakeTime: false,
    en: 'We cannot check agreements right now',
    pt: 'De momento não conseguimos verificar contratos',
  },
  {
    order: { mpnId: '1000777' },
    typename: 'MpaUnrecognizedAnswer',
    retryable: false,
    mayTakeTime: false,
    en: 'The agreement could not be confirmed',
    pt: 'Não foi possível confirmar o contrato',
    link: 'https://example.com/future',
  },
];

describe('Query.orderEligibility', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway();
  });
  afterAll(() => gateway.stop());

  async function eligibility(order: Record<string, string>, locale?: string, acceptLanguage?: string) {
    const result = await execute(gateway, ELIGIBILITY, { order: { region: 'UNITED_STATES', ...order }, locale }, acceptLanguage);
    expect(result.errors).toBeUndefined();
    return result.data!.orderEligibility;
  }

  it('lets a signed reseller submit, with no guidance', async () => {
    expect(await eligibility({ mpnId: '1000001', lineId: 'L1' })).toEqual({
      lineId: 'L1',
      canSubmit: true,
      region: 'UNITED_STATES',
      retryable: false,
      reseller: { mpnId: '1000001', tenantId: null },
      mpaStatus: { __typename: 'MpaSigned', message: 'The reseller has accepted the Microsoft Partner Agreement for United States.' },
      guidance: null,
    });
  });

  describe.each(CASES.map((c) => [c.typename, JSON.stringify(c.order), c] as const))('%s for %s', (_name, _order, c) => {
    it('blocks Submit and explains in en-US', async () => {
      const answer = await eligibility(c.order);
      expect(answer).toMatchObject({ canSubmit: false, retryable: c.retryable, mpaStatus: { __typename: c.typename } });
      expect(answer.guidance).toMatchObject({ headline: c.en, locale: 'en-US', mayTakeTimeToUpdate: c.mayTakeTime });
      expect(answer.guidance.whatItMeans.length).toBeGreaterThan(20);
      expect(answer.guidance.actions.length).toBeGreaterThan(0);
      if (c.link !== undefined) expect(answer.guidance.learnMoreUrl).toBe(c.link);
      for (const text of [answer.guidance.headline, answer.guidance.whatItMeans, ...answer.guidance.actions, answer.mpaStatus.message]) {
        expect(text).not.toMatch(/\{\w+\}/);
      }
    });

    it('explains in pt-PT when asked by the locale argument', async () => {
      const answer = await eligibility(c.order, 'pt-PT');
      expect(answer.guidance).toMatchObject({ headline: c.pt, locale: 'pt-PT', mayTakeTimeToUpdate: c.mayTakeTime });
      for (const text of [answer.guidance.whatItMeans, ...answer.guidance.actions, answer.mpaStatus.message]) {
        expect(text).not.toMatch(/\{\w+\}/);
      }
    });
  });

  it("names the reseller's own region in region-mismatch guidance", async () => {
    const answer = await eligibility({ mpnId: '1000008' });
    expect(answer.guidance.whatItMeans).toBe(
      "Each MPN ID belongs to one CSP region. The reseller's MPN ID 1000008 belongs to Brazil, so it cannot be used for an order placed from United States.",
    );
    const pt = await eligibility({ mpnId: '1000009' }, 'pt-PT');
    expect(pt.guidance.whatItMeans).toBe(
      'Cada MPN ID pertence a uma única região CSP. O MPN ID 1000009 do revendedor pertence a outra região CSP, pelo que não pode ser usado numa encomenda feita a partir da região Estados Unidos.',
    );
    const ptKnown = await eligibility({ mpnId: '1000003' }, 'pt-PT');
    expect(ptKnown.guidance.whatItMeans).toContain('O MPN ID 1000003 do revendedor pertence à região Europa, pelo que');
  });

  it('says how long to wait when throttled', async () => {
    // Its own gateway: a 30 s throttle holds every call of the account for 30 s.
    const throttled = await startSandboxGateway();
    try {
      throttled.emulator!.faults.setFor('1000001', { failure: { type: 'throttle', retryAfterSeconds: 30 } });
      const ask = async (locale?: string) =>
        (await execute(throttled, ELIGIBILITY, { order: { region: 'UNITED_STATES', mpnId: '1000001' }, locale })).data!.orderEligibility;
      const answer = await ask();
      expect(answer.guidance.actions).toEqual(['Wait 30 seconds, then check again.']);
      expect(answer.mpaStatus.message).toBe('Partner Center is limiting how often it can be asked; try again in 30 seconds.');
      const pt = await ask('pt-PT');
      expect(pt.guidance.actions).toEqual(['Aguarde 30 segundos e verifique novamente.']);
    } finally {
      await throttled.stop();
    }
  });

  it('says "1 second" and "1 segundo", with plural rules for other counts', async () => {
    gateway.emulator!.faults.setFor('1234567', { failure: { type: 'throttle', retryAfterSeconds: 1 } });
    const one = await eligibility({ mpnId: '1234567' });
    expect(one.mpaStatus.message).toBe('Partner Center is limiting how often it can be asked; try again in 1 second.');
    expect(one.guidance.actions).toEqual(['Wait 1 second, then check again.']);
    expect((await eligibility({ mpnId: '1234567' }, 'pt-PT')).guidance.actions).toEqual(['Aguarde 1 segundo e verifique novamente.']);
    gateway.emulator!.faults.setFor('1234567', { failure: { type: 'throttle', retryAfterSeconds: 0 } });
    expect((await eligibility({ mpnId: '1234567' })).guidance.actions).toEqual(['Wait 0 seconds, then check again.']);
    expect((await eligibility({ mpnId: '1234567' }, 'pt-PT')).guidance.actions).toEqual(['Aguarde 0 segundos e verifique novamente.']);
    gateway.emulator!.faults.clear();
  });

  describe('with a tenant ID', () => {
    const tenantId = '7f000000-0000-4000-8000-000000000001';
    const texts = (answer: { mpaStatus: { message: string }; guidance: { headline: string; whatItMeans: string; actions: string[] } }) => [
      answer.mpaStatus.message,
      answer.guidance.headline,
      answer.guidance.whatItMeans,
      ...answer.guidance.actions,
    ];
    afterEach(() => gateway.emulator!.faults.clear());

    it('never calls it an MPN ID when Partner Center says it has not signed', async () => {
      gateway.emulator!.faults.setFor(tenantId, { failure: { type: 'status', status: 200, body: { isAgreementSigned: false } } });
      const en = await eligibility({ tenantId });
      expect(en.mpaStatus.__typename).toBe('MpaNotSigned');
      expect(en.guidance.actions[0]).toBe(`Sign in to Partner Center with the reseller's account (tenant ID ${tenantId}).`);
      const pt = await eligibility({ tenantId }, 'pt-PT');
      expect(pt.guidance.actions[0]).toBe(`Inicie sessão no Partner Center com a conta do revendedor (ID de inquilino ${tenantId}).`);
      for (const text of [...texts(en), ...texts(pt)]) expect(text).not.toContain(`MPN ID ${tenantId}`);
    });

    it.each([
      ['1000123', 'MpaNotSigned'],
      ['1000015', 'MpaMpnIdNotRecognized'],
      ['1000016', 'MpaNotIndirectReseller'],
    ])('never calls the tenant ID of %s an MPN ID (%s), in en-US or pt-PT', async (mpnId, typename) => {
      const tenant = `00000000-0000-0000-0000-00000${mpnId}`;
      for (const locale of ['en-US', 'pt-PT']) {
        const answer = await eligibility({ tenantId: tenant }, locale);
        expect(answer.mpaStatus.__typename).toBe(typename);
        const all = texts(answer).join('\n');
        expect(all).toContain(tenant);
        expect(all).not.toContain(`MPN ID ${tenant}`);
      }
    });
  });

  it('prefers the locale argument over Accept-Language, and falls back to en-US', async () => {
    expect((await eligibility({ mpnId: '1000002' }, 'en-US', 'pt-PT')).guidance.locale).toBe('en-US');
    expect((await eligibility({ mpnId: '1000002' }, undefined, 'pt-PT')).guidance.locale).toBe('pt-PT');
    expect((await eligibility({ mpnId: '1000002' }, 'pt')).guidance.locale).toBe('pt-PT');
    expect((await eligibility({ mpnId: '1000002' }, 'fr-FR', 'de')).guidance.locale).toBe('en-US');
  });

  it('echoes an invalid identifier as typed', async () => {
    const answer = await eligibility({ mpnId: ' 12x ' });
    expect(answer.reseller).toEqual({ mpnId: '12x', tenantId: null });
  });
});

describe('Query.cspRegions', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway();
  });
  afterAll(() => gateway.stop());

  it('lists the configured regions with names in the asked locale', async () => {
    const result = await execute(gateway, '{ cspRegions(locale: "pt-PT") { region name } }');
    expect(result.data!.cspRegions).toEqual([
      { region: 'UNITED_STATES', name: 'Estados Unidos' },
      { region: 'CANADA', name: 'Canadá' },
      { region: 'EUROPE', name: 'Europa' },
      { region: 'BRAZIL', name: 'Brasil' },
      { region: 'JAPAN', name: 'Japão' },
    ]);
  });
});

describe('OrderEligibility when no check is enforced (checks.allowNothingEnforced)', () => {
  const LINE = `query ($order: MpaOrderLineInput!) { orderEligibility(order: $order) {
    canSubmit verified retryable checks { __typename mode } mpaStatus { __typename } } }`;
  const gateways: Gateway[] = [];
  afterAll(() => Promise.all(gateways.map((gateway) => gateway.stop())));
  const gatewayWith = async (agreement: 'reportOnly' | 'off', relationship: 'reportOnly' | 'off') => {
    const gateway = await startSandboxGateway({ checks: { agreement, relationship, partnerOfRecord: 'off', allowNothingEnforced: true } });
    gateways.push(gateway);
    return gateway;
  };

  it('says so in one warning line at start', async () => {
    const logs = captureLogs();
    const gateway = await createGateway({
      config: parseGatewayConfig({
        port: 0,
        checks: { agreement: 'reportOnly', relationship: 'off', partnerOfRecord: 'off', allowNothingEnforced: true },
      }),
      logger: pino({ level: 'warn' }, logs.stream),
    });
    gateways.push(gateway);
    const warnings = logs.lines
      .map((line) => JSON.parse(line) as { level: number; msg: string })
      .filter((line) => line.msg.includes('allowNothingEnforced'));
    expect(warnings.map((line) => [line.level, line.msg])).toEqual([
      [40, 'checks.allowNothingEnforced is on and no check is enforced: every order is allowed, and none is verified'],
    ]);
  });

  it.each([
    ['off', 'off'],
    ['reportOnly', 'reportOnly'],
    ['reportOnly', 'off'],
  ] as const)('never confirms an order (agreement %s, relationship %s): allowed, but unverified', async (agreement, relationship) => {
    const gateway = await gatewayWith(agreement, relationship);
    const answer = (await execute(gateway, LINE, { order: { mpnId: '1000002', region: 'UNITED_STATES' } })).data!.orderEligibility;
    expect(answer).toMatchObject({ canSubmit: true, verified: false, mpaStatus: { __typename: 'MpaNotSigned' } });
  });

  it.each([
    ['an identifier that is not one', { mpnId: 'not-an-id', region: 'UNITED_STATES' }, 'MpaInvalidResellerId'],
    ['no identifier', { region: 'UNITED_STATES' }, 'MpaInvalidResellerId'],
    ['a region without an account', { mpnId: '1000001', region: 'KOREA' }, 'MpaRegionNotConfigured'],
  ])('blocks a line with %s, whatever the checks', async (_name, order, typename) => {
    for (const [agreement, relationship] of [
      ['off', 'off'],
      ['reportOnly', 'reportOnly'],
    ] as const) {
      const gateway = await gatewayWith(agreement, relationship);
      const answer = (await execute(gateway, LINE, { order })).data!.orderEligibility;
      expect(answer).toMatchObject({ canSubmit: false, verified: true, retryable: false, mpaStatus: { __typename: typename } });
    }
  });
});
