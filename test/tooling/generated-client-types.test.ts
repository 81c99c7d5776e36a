import path from 'node:path';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import { CartEligibilityDocument, CartEligibilityQuery } from '../../examples/generated/graphql';
import { viewOf } from '../../examples/mpa-status-view';
import { Gateway } from '../../src/compose/gateway';
import { startSandboxGateway } from '../support/sandbox-gateway';

describe('Generated client types', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startSandboxGateway();
  });
  afterAll(() => gateway.stop());

  it('type a real cart answer that a client switches on exhaustively', async () => {
    const response = await gateway.apollo.executeOperation<CartEligibilityQuery>(
      {
        query: CartEligibilityDocument,
        variables: {
          orders: [
            { mpnId: '1000001', region: 'UNITED_STATES' },
            { mpnId: '1000003', region: 'UNITED_STATES' },
            { mpnId: 'bad', region: 'UNITED_STATES' },
            { mpnId: '1000001', region: 'KOREA' },
            { mpnId: '1000429', region: 'UNITED_STATES' },
            { mpnId: '1000777', region: 'UNITED_STATES' },
          ],
        },
      },
      { contextValue: gateway.createContext() },
    );
    if (response.body.kind !== 'single') throw new Error('expected a single result');
    const lines = response.body.singleResult.data!.orderEligibilities;
    expect(lines.map((line) => viewOf(line.mpaStatus).tone)).toEqual(['ok', 'action', 'action', 'error', 'wait', 'error']);
    expect(viewOf(lines[1].mpaStatus).text).toMatch(/\(EUROPE\)$/);
    expect(viewOf(lines[4].mpaStatus).text).toMatch(/\(1s\)$/);
  });

  it('stop compiling the exhaustive switch when the union gains a member', () => {
    const source = readFileSync(path.join(__dirname, '../../examples/mpa-status-view.ts'), 'utf8').replace(
      "import type { MpaStatusFieldsFragment } from './generated/graphql';",
      "import type { MpaStatusFieldsFragment as Known } from './generated/graphql';\n" +
        "type MpaStatusFieldsFragment = Known | { __typename: 'MpaFutureMember'; message: string };",
    );
    // The edit above found its line: otherwise the check below would compile the file unchanged.
    expect(source).toContain("'MpaFutureMember'");
    const fileName = path.join(__dirname, '../../examples/mpa-status-view.future.ts');
    const options: ts.CompilerOptions = {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      skipLibCheck: true,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    host.readFile = (name) => (path.resolve(name) === fileName ? source : readFile(name));
    host.fileExists = (
      (exists) => (name: string) =>
        path.resolve(name) === fileName || exists(name)
    )(host.fileExists.bind(host));
    const program = ts.createProgram([fileName], options, host);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(errors).toEqual([expect.stringMatching(/"MpaFutureMember".*not assignable to parameter of type 'never'/)]);
  });
});
