/**
 * Waits until `condition` holds, asking again every 20 ms, at most `tries` times (default 500,
 * about 10 s on an idle machine); throws naming `what` when it never does. For a fact another
 * process makes true (a call reaching the emulator, a key appearing in Redis) that sends no
 * event the test could wait on.
 */
export async function eventually(what: string, condition: () => Promise<boolean>, tries = 500): Promise<void> {
  for (let tried = 0; tried < tries; tried += 1) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`never happened: ${what}`);
}
