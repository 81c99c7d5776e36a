import { Emulator, EmulatorOptions, startEmulator } from '../../src/emulator/partner-center/emulator-server';

/**
 * One emulator for the enclosing `describe`: started before its tests, closed after, with
 * its faults and call log cleared before each test. Read it through the returned function.
 */
export function useEmulator(options: EmulatorOptions = {}): () => Emulator {
  let emulator: Emulator | undefined;
  beforeAll(async () => {
    emulator = await startEmulator(options);
  });
  afterAll(() => emulator?.close());
  beforeEach(() => {
    emulator!.faults.clear();
    emulator!.clearCalls();
  });
  return () => emulator!;
}
