import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(__dirname, '../..');
const KINDS_FILE = path.join(ROOT, 'src/partner-center/outcome/outcome-kinds.ts');
const LOCALES = ['en-US', 'pt-PT'].map((locale) => path.join(ROOT, `src/guidance/locales/${locale}.ts`));

/** A hypothetical answer Partner Center might send one day, shown as an existing member. */
const NEW_ROW = `  futureRefusal: { member: 'MpaNotSigned', mayTakeTimeToUpdate: true },\n`;
const NEW_TEXTS = `    futureRefusal: { message: 'm', headline: 'h', whatItMeans: 'w', actions: ['a'] },\n`;

/**
 * The check before, kept so that the next one re-checks only the files whose text (or whose
 * imports' types) changed since, as `tsc --incremental` would: the tests below differ in the
 * locale files alone.
 */
let previous: ts.SemanticDiagnosticsBuilderProgram | undefined;

/** Type-checks the gateway's sources with some files' text replaced; returns the files with errors. */
function filesWithErrors(replace: (file: string, text: string) => string): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    path.join(ROOT, 'tsconfig.build.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  )!;
  const options = { ...config.options, noEmit: true };
  // Versions each file by a hash of the text it reads, replaced or not.
  const host = ts.createIncrementalCompilerHost(options);
  const read = host.readFile.bind(host);
  host.readFile = (file) => {
    const text = read(file);
    return text === undefined ? undefined : replace(path.resolve(file), text);
  };
  const rootNames = config.fileNames.filter((file) => file.startsWith(path.join(ROOT, 'src')));
  const program = ts.createSemanticDiagnosticsBuilderProgram(rootNames, options, host, previous);
  previous = program;
  const errors = [
    ...program.getOptionsDiagnostics(),
    ...program.getGlobalDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...program.getSemanticDiagnostics(),
  ].filter((d) => d.category === ts.DiagnosticCategory.Error);
  return [...new Set(errors.map((d) => path.relative(ROOT, d.file?.fileName ?? '(none)')))].sort();
}

const withRow = (file: string, text: string) =>
  file === KINDS_FILE ? text.replace('  unrecognized: {', `${NEW_ROW}  unrecognized: {`) : text;

describe('Adding an outcome kind', () => {
  jest.setTimeout(120_000);

  it('is one row in the outcome table: the compiler then names exactly the locale texts still missing', () => {
    expect(filesWithErrors(withRow)).toEqual(['src/guidance/locales/en-US.ts', 'src/guidance/locales/pt-PT.ts']);
  });

  it('compiles once each locale has its texts', () => {
    const withTexts = (file: string, text: string) =>
      LOCALES.includes(file) ? text.replace('    unrecognized: {', `${NEW_TEXTS}    unrecognized: {`) : withRow(file, text);
    expect(filesWithErrors(withTexts)).toEqual([]);
  });
});
