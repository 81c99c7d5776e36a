import { rmSync } from 'node:fs';
import { BUILD_DIR_ENV } from './compiled-gateway';

/** Removes this run's compiled copy of the gateway. */
export default function globalTeardown(): void {
  const dir = process.env[BUILD_DIR_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
}
