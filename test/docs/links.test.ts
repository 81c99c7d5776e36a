import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { anchorsIn, brokenLinks, linksIn, slugOf } from './markdown-links';

const ROOT = path.resolve(__dirname, '../..');

/** README.md and every page of docs/, as paths from the repository's root. */
function documentationFiles(): string[] {
  const pages = readdirSync(path.join(ROOT, 'docs')).filter((name) => name.endsWith('.md'));
  return ['README.md', ...pages.sort().map((name) => path.join('docs', name))];
}

/** A throwaway repository holding `files` (path → text). */
function repositoryWith(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'mpa-doc-links-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('Links in README and docs/', () => {
  it('all resolve: files exist, anchors match a heading, external addresses are well formed', () => {
    const files = documentationFiles();
    expect(files).toEqual(
      expect.arrayContaining(['README.md', 'docs/configuration.md', 'docs/frontend.md', 'docs/operations.md', 'docs/security.md']),
    );
    const broken = brokenLinks(ROOT, files).map((link) => `${link.file}:${link.line} ${link.target}: ${link.problem}`);
    expect(broken).toEqual([]);
  });

  it('README links to a page for every reader', () => {
    const targets = linksIn('README.md', readFileSync(path.join(ROOT, 'README.md'), 'utf8')).map((link) => link.target.split('#')[0]);
    for (const page of documentationFiles().filter((file) => file !== 'README.md')) expect(targets).toContain(page);
  });
});

describe('The link checker', () => {
  const page = [
    '# Guide',
    '## `MpaStatus` members',
    '## Partner Center credentials (App+User)',
    "## Partner of record (Microsoft's verdict)",
    '## Repeated',
    '## Repeated',
    '```md',
    '## Not a heading, inside a fence',
    '[fenced](missing.md)',
    '```',
    'Inline code is not a link: `[x](missing.md)`.',
  ].join('\n');

  it("makes GitHub's anchors: lower case, spaces to '-', punctuation dropped, repeats numbered", () => {
    expect([...anchorsIn(page)]).toEqual([
      'guide',
      'mpastatus-members',
      'partner-center-credentials-appuser',
      'partner-of-record-microsofts-verdict',
      'repeated',
      'repeated-1',
    ]);
    expect(slugOf('Caching, retries, and when Partner Center is down')).toBe('caching-retries-and-when-partner-center-is-down');
    expect(slugOf("Advisory MPA-2026-01 (critical): a client's query text could run as code")).toBe(
      'advisory-mpa-2026-01-critical-a-clients-query-text-could-run-as-code',
    );
  });

  it('passes links that resolve, and ignores code', () => {
    const root = repositoryWith({
      'README.md':
        '[guide](docs/guide.md), [its status table](docs/guide.md#mpastatus-members), [top](#readme), ![shot](docs/shot.png)\n# Readme\n<https://learn.microsoft.com/partner-center/>\n',
      'docs/guide.md': `${page}\n[back](../README.md#readme) and [here](#repeated-1) and [the\ncredentials](#partner-center-credentials-appuser) and [Microsoft](https://learn.microsoft.com/en-us/partner-center/developer/headers)\n`,
      'docs/shot.png': 'png',
    });
    expect(brokenLinks(root, ['README.md', 'docs/guide.md'])).toEqual([]);
  });

  it('fails on a missing file, an anchor no heading makes, and a malformed address, naming file and line', () => {
    const root = repositoryWith({
      'README.md':
        '# Readme\n\nSee [the guide](docs/gide.md).\nSee [members](docs/guide.md#mpastatus-member).\n[Microsoft](https//learn.microsoft.com) [there](#nowhere)\n',
      'docs/guide.md': page,
    });
    expect(brokenLinks(root, ['README.md']).map(({ line, target, problem }) => ({ line, target, problem }))).toEqual([
      { line: 3, target: 'docs/gide.md', problem: 'no such file: docs/gide.md' },
      { line: 4, target: 'docs/guide.md#mpastatus-member', problem: 'no heading in docs/guide.md makes the anchor #mpastatus-member' },
      { line: 5, target: 'https//learn.microsoft.com', problem: 'no such file: https/learn.microsoft.com' },
      { line: 5, target: '#nowhere', problem: 'no heading in README.md makes the anchor #nowhere' },
    ]);
  });

  it('fails on an http(s) address that is not well formed, without fetching it', () => {
    const root = repositoryWith({
      'README.md': '[a](https://) [b](https://localhost) [c](ftp://example.com/x) [d](mailto:ops@example.com)\n',
    });
    expect(brokenLinks(root, ['README.md']).map((link) => link.target)).toEqual(['https://', 'https://localhost', 'ftp://example.com/x']);
  });
});
