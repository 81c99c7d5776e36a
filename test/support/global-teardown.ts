import { rmSync } from 'node:fs';
import { BUILD_DIR_ENV } from './compiled-gateway';
import type { SharedBuildGlobal } from './global-setup';

/** Ends the build the global setup started if it still runs, and removes this run's compiled copy of the gateway. */
export default function globalTeardown(): void {
  const build = (globalThis as SharedBuildGlobal).mpaSharedBuild;
  if (build && build.exitCode === null && build.signalCode === null) build.kill('SIGKILL');
  const dir = process.env[BUILD_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
