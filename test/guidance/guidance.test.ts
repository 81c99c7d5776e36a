import { GuidanceKey } from '../../src/guidance/guidance-catalogue';
import { CATALOGUES, SUPPORTED_LOCALES, negotiateLocale, renderGuidance, renderGuidanceMessage } from '../../src/guidance/guidance';
import { OUTCOME_KINDS } from '../../src/partner-center/outcome/outcome';

const KEYS: GuidanceKey[] = [
  ...OUTCOME_KINDS,
  'regionNotConfigured',
  'submittedUnverified',
  'relationshipActive',
  'relationshipMissing',
  'relationshipNotActive',
  'relationshipUnknown',
  'relationshipUnverified',
];

describe('Guidance catalogues', () => {
  it('are discovered from the locales folder', () => {
    expect([...SUPPORTED_LOCALES].sort()).toEqual(['en-US', 'pt-PT']);
  });

  it.each(SUPPORTED_LOCALES.flatMap((locale) => KEYS.map((key) => [locale, key])))(
    '%s has complete text for %s, with every placeholder filled',
    (locale, key) => {
      const catalogue = CATALOGUES.get(locale)!;
      expect(catalogue.guidance[key as GuidanceKey]).toBeDefined();
      for (const values of [
        {
          region: 'EUROPE' as const,
          mpnId: '1234567',
          resellerRegion: 'BRAZIL' as const,
          retryAfterSeconds: 9,
          relationshipState: 'Suspended',
        },
        { region: 'EUROPE' as const, tenantId: '00000000-0000-0000-0000-000000000001' },
      ]) {
        const rendered = renderGuidance(key as GuidanceKey, locale, values);
        expect(renderGuidanceMessage(key as GuidanceKey, locale, values)).toBe(rendered.message);
        for (const text of [rendered.message, rendered.headline, rendered.whatItMeans, ...rendered.actions]) {
          expect(text.trim().length).toBeGreaterThan(0);
          expect(text).not.toMatch(/\{\w+\}/);
        }
      }
    },
  );

  it.each(SUPPORTED_LOCALES)('%s never calls a tenant ID an MPN ID, nor an MPN ID a tenant ID', (locale) => {
    const tenantId = '7f000000-0000-4000-8000-000000000001';
    const texts = (rendered: ReturnType<typeof renderGuidance>) => [
      rendered.message,
      rendered.headline,
      rendered.whatItMeans,
      ...rendered.actions,
    ];
    for (const key of KEYS) {
      for (const text of texts(renderGuidance(key, locale, { region: 'EUROPE', tenantId, retryAfterSeconds: 2 }))) {
        expect(text).not.toContain(`MPN ID ${tenantId}`);
      }
      for (const text of texts(renderGuidance(key, locale, { region: 'EUROPE', mpnId: '7654321', retryAfterSeconds: 2 }))) {
        expect(text).not.toMatch(/(tenant|inquilino)( ID)? 7654321/i);
      }
    }
  });

  it.each([
    ['en-US', 0, '0 seconds'],
    ['en-US', 1, '1 second'],
    ['en-US', 2, '2 seconds'],
    ['pt-PT', 0, '0 segundos'],
    ['pt-PT', 1, '1 segundo'],
    ['pt-PT', 2, '2 segundos'],
  ])('%s says a wait of %d as "%s"', (locale, retryAfterSeconds, words) => {
    const rendered = renderGuidance('throttled', locale, { region: 'EUROPE', mpnId: '1', retryAfterSeconds });
    expect(rendered.actions[0]).toMatch(new RegExp(` ${words}[ ,.]`));
  });

  it('writes different text per locale for every key', () => {
    const en = CATALOGUES.get('en-US')!;
    const pt = CATALOGUES.get('pt-PT')!;
    for (const key of KEYS) expect(pt.guidance[key].headline).not.toBe(en.guidance[key].headline);
  });
});

describe('negotiateLocale', () => {
  it.each([
    [null, null, 'en-US'],
    ['pt-PT', null, 'pt-PT'],
    ['PT-pt', null, 'pt-PT'],
    ['pt-BR', null, 'pt-PT'],
    ['xx', 'pt;q=0.8, en;q=0.9', 'en-US'],
    [null, 'fr, pt;q=0.5', 'pt-PT'],
    [null, 'fr, de', 'en-US'],
    [null, '*', 'en-US'],
    [null, ';;;garbage,,', 'en-US'],
  ])('picks a locale for argument %p and Accept-Language %p', (requested, header, expected) => {
    expect(negotiateLocale(requested, header)).toBe(expected);
  });
});
