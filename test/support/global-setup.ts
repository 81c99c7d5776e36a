import path from 'node:path';
import { buildWeb } from '../../scripts/build-web';
import { BUILD_DIR_ENV, WEB_DIR_ENV, newBuildDir } from './compiled-gateway';
import { MissingPrerequisiteError, ensureTestPrerequisites } from './test-prerequisites';

/**
 * Jest's global setup: finds (or, as root, installs with apt) the programs the suite starts,
 * so that `npm ci && npm test` is all a fresh Debian machine needs. When they cannot be had,
 * it stops before any test starts, with one line saying what to install. Then it compiles the
 * browser files once, as `npm run build` does, where the compiled gateway looks for them.
 */
export default async function globalSetup(): Promise<void> {
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
}
