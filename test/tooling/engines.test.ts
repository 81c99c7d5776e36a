import { readFileSync } from 'node:fs';
import path from 'node:path';
import semver from 'semver';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[] }>;
};

/** The oldest Node release of each line `engines` supports, e.g. 20.17.0 and 22.9.0. */
const oldestSupported = new semver.Range(manifest.engines.node).set.map(
  (comparators) => semver.minVersion(new semver.Range(comparators.map((c) => c.value).join(' ')))!.version,
);

describe('Supported Node versions', () => {
  it('are Node 20 and Node 22', () => {
    expect(oldestSupported.map((version) => semver.major(version))).toEqual([20, 22]);
    expect(semver.satisfies(process.version, manifest.engines.node)).toBe(true);
  });

  it.each(oldestSupported)('suit every installed package on Node %s, so npm ci prints no EBADENGINE', (version) => {
    const refusing = Object.entries(lock.packages)
      .filter(([name, entry]) => name && entry.engines && !Array.isArray(entry.engines) && entry.engines.node)
      .filter(([, entry]) => !semver.satisfies(version, (entry.engines as { node: string }).node, { includePrerelease: true }))
      .map(([name, entry]) => `${name.replace(/^.*node_modules\//, '')} wants ${(entry.engines as { node: string }).node}`);
    expect(refusing).toEqual([]);
  });
});
