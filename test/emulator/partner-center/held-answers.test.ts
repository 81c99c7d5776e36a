import { request } from 'undici';
import { sandboxToken } from '../../../src/emulator/partner-center/emulated-world';
import { Emulator, startEmulator } from '../../../src/emulator/partner-center/emulator-server';

const putFault = async (emulator: Emulator, identifier: string, rule: unknown) => {
  const response = await request(`${emulator.url}/_emulator/faults/identifier/${identifier}`, {
    method: 'PUT',
    body: JSON.stringify(rule),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.statusCode, body: (await response.body.json()) as Record<string, unknown> };
};

const ask = async (emulator: Emulator, mpnId: string) => {
  const response = await request(`${emulator.url}/v1/compliance/csp/agreementstatus?mpnId=${mpnId}`, {
    headers: { authorization: `Bearer ${sandboxToken('UNITED_STATES')}` },
  });
  const text = await response.body.text();
  return { status: response.statusCode, body: (text ? JSON.parse(text) : undefined) as Record<string, unknown> | undefined };
};

const adminCalls = async (emulator: Emulator) => (await (await request(`${emulator.url}/_emulator/calls`)).body.json()) as { held: number };

describe('Emulator test control: answers held until released', () => {
  let emulator: Emulator;
  afterEach(() => emulator.close());

  it('holds a call until POST /_emulator/held/release, then answers it as the rule says', async () => {
    emulator = await startEmulator({ allowHold: true });
    const rule = { hold: true, failure: { type: 'status', status: 503 }, times: 1 };
    expect(await putFault(emulator, '1000001', rule)).toEqual({ status: 200, body: { applied: rule } });

    let answered = false;
    const held = ask(emulator, '1000001').then((answer) => ((answered = true), answer));
    while ((await adminCalls(emulator)).held === 0) await new Promise((resolve) => setImmediate(resolve));
    // Another identifier is not held.
    expect(await ask(emulator, '1000002')).toMatchObject({ status: 400 });
    expect(answered).toBe(false);

    const release = await request(`${emulator.url}/_emulator/held/release`, { method: 'POST' });
    expect(await release.body.json()).toEqual({ released: 1 });
    expect((await held).status).toBe(503);
    expect((await adminCalls(emulator)).held).toBe(0);
  });

  it('refuses a holding rule unless started with allowHold, as in sandbox mode', async () => {
    emulator = await startEmulator();
    const refused = await putFault(emulator, '1000001', { hold: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatch(/hold is a test control/);
    expect(() => emulator.faults.setGlobal({ hold: true })).toThrow(/allowHold/);
    expect(await ask(emulator, '1000001')).toEqual({ status: 200, body: { isAgreementSigned: true } });
  });

  it('lets held calls go when the emulator closes', async () => {
    emulator = await startEmulator({ allowHold: true });
    emulator.faults.setFor('1000001', { hold: true });
    const held = ask(emulator, '1000001').catch((problem: Error) => problem);
    while (emulator.faults.heldCount() === 0) await new Promise((resolve) => setImmediate(resolve));
    await emulator.close();
    expect(emulator.faults.heldCount()).toBe(0);
    expect(await held).toBeInstanceOf(Error);
    emulator = await startEmulator();
  });
});
