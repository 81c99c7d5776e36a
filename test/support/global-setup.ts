import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Config } from '@jest/types';
import { buildWeb } from '../../scripts/build-web';
import { BUILD_DIR_ENV, WEB_DIR_ENV, newBuildDir, startSharedBuild } from './compiled-gateway';
import { MissingPrerequisiteError, ensureTestPrerequisites } from './test-prerequisites';

/**
 * Jest's global setup: finds (or, as root, installs with apt) the programs the suite starts,
 * so that `npm ci && npm test` is all a fresh Debian machine needs. When they cannot be had,
 * it stops before any test starts, with one line saying what to install. Then it compiles the
 * browser files once, as `npm run build` does, where the compiled gateway looks for them, and,
 * when the whole suite runs, starts compiling the gateway for the tests that run its commands.
 */
export default async function globalSetup(globalConfig: Config.GlobalConfig): Promise<void> {
  try {
    // Test workers start after this and inherit the environment.
    Object.assign(process.env, ensureTestPrerequisites());
  } catch (error) {
    if (!(error instanceof MissingPrerequisiteError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  // Tests that start the gateway's commands share one compiled copy, made when first asked for.
  const buildDir = newBuildDir();
  process.env[BUILD_DIR_ENV] = buildDir;
  process.env[WEB_DIR_ENV] = (await buildWeb(path.join(buildDir, 'web'))).outDir;
  // The whole suite (no file pattern) holds tests that need the build: tsc runs beside the
  // in-process tests on the core the one test worker leaves free. A run of chosen files builds
  // only if one of them asks (compiledGateway).
  if (!globalConfig.testPathPattern) (globalThis as SharedBuildGlobal).mpaSharedBuild = startSharedBuild(buildDir);
}

/** What the global teardown reads back: jest runs both in its main process, sharing globals. */
export interface SharedBuildGlobal {
  mpaSharedBuild?: ChildProcess;
}
