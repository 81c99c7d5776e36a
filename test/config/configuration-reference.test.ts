import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configurationRows, renderConfigurationPage } from '../../scripts/config-reference';

/** docs/configuration.md is generated from the configuration schema; every key there has a meaning. */
describe('The configuration reference', () => {
  it('is what the schema generates (run `npm run docs:config` after changing a key)', () => {
    expect(readFileSync(path.join(__dirname, '../../docs/configuration.md'), 'utf8')).toBe(renderConfigurationPage());
  });

  it('documents every key with a doc comment in the schema', () => {
    const undocumented = configurationRows()
      .filter((row) => row.doc === '')
      .map((row) => row.key);
    expect(undocumented).toEqual([]);
  });

  it('names each scalar key an operator sets by environment variable with its variable', () => {
    const page = renderConfigurationPage();
    expect(page).toContain('| `cache.redisUrl` | `MPA_REDIS_URL` | none (memory only) |');
    expect(page).toContain('| `resilience.circuitFailureThreshold` | `resilience.circuitMinimumCalls` |');
  });
});
