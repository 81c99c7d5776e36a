import 'reflect-metadata';
import * as guidance from '../../src/guidance/guidance';
import { Gateway } from '../../src/compose/gateway';
import { execute, startSandboxGateway } from '../support/sandbox-gateway';

// 1000002 has not signed: every check answers, and the agreement check has guidance to give.
const ORDER = { region: 'UNITED_STATES', mpnId: '1000002' };

describe('OrderEligibility: messages and guidance are rendered only when a field asks for them', () => {
  let gateway: Gateway;
  let messages: jest.SpyInstance;
  let guidances: jest.SpyInstance;
  beforeAll(async () => {
    gateway = await startSandboxGateway({});
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    messages = jest.spyOn(guidance, 'renderGuidanceMessage');
    guidances = jest.spyOn(guidance, 'renderGuidance');
  });
  afterEach(() => jest.restoreAllMocks());

  const ask = async (selection: string) => {
    const result = await execute(gateway, `query ($order: MpaOrderLineInput!) { orderEligibility(order: $order) { ${selection} } }`, {
      order: ORDER,
    });
    expect(result.errors).toBeUndefined();
    return result.data!.orderEligibility as Record<string, any>;
  };

  it('renders nothing for canSubmit, the checks and their answers without message or guidance', async () => {
    const answer = await ask(
      'canSubmit verified checks { __typename passed ... on MpaAgreementCheck { status { __typename } } ... on MpaRelationshipCheck { relationship { __typename } } } mpaStatus { __typename }',
    );
    expect(answer.canSubmit).toBe(false);
    expect(answer.mpaStatus.__typename).toBe('MpaNotSigned');
    expect(messages).not.toHaveBeenCalled();
    expect(guidances).not.toHaveBeenCalled();
  });

  it('renders one message per answer whose message is selected, and no guidance', async () => {
    const answer = await ask(
      'mpaStatus { ... on MpaStatusOutcome { message } } checks { ... on MpaRelationshipCheck { relationship { ... on MpaRelationshipOutcome { message } } } ... on MpaPartnerOfRecordCheck { partnerOfRecord { ... on MpaPartnerOfRecordOutcome { message } } } }',
    );
    expect(answer.mpaStatus.message).toEqual(expect.stringContaining('1000002'));
    expect(messages).toHaveBeenCalledTimes(3);
    expect(guidances).not.toHaveBeenCalled();
  });

  it('renders the agreement guidance when guidance is selected, and no message', async () => {
    const answer = await ask('guidance { headline }');
    expect(answer.guidance.headline.length).toBeGreaterThan(0);
    expect(guidances).toHaveBeenCalledTimes(1);
    expect(messages).not.toHaveBeenCalled();
  });
});
