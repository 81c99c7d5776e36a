import { Readable } from 'node:stream';
import { InputLine, ResellerListError } from '../../../src/audit/input/input-line';
import { readResellerList } from '../../../src/audit/input/reseller-list';
import { auditInProcess } from '../../support/audit-runner';

const CHUNK = 64 * 1024;

/** A stream of `chunks` generated chunks (endless when Infinity), counting how many were read. */
function generated(first: string, filler: string, chunks: number, last = ''): { stream: Readable; read: () => number } {
  let read = 0;
  const block = filler.repeat(Math.ceil(CHUNK / filler.length)).slice(0, CHUNK);
  async function* produce(): AsyncGenerator<Buffer> {
    read += 1;
    yield Buffer.from(first);
    for (let i = 0; i < chunks; i += 1) {
      read += 1;
      yield Buffer.from(block);
    }
    if (last) yield Buffer.from(last);
  }
  return { stream: Readable.from(produce(), { objectMode: false }), read: () => read };
}

async function all(lines: AsyncIterable<InputLine>): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

describe('Audit input: bounded, linear, bad lines as bad input', () => {
  it('stops at a CSV header longer than the limit, having read only about the limit, even from an endless stream', async () => {
    const input = generated('', 'a', Infinity);
    const list = await readResellerList(input.stream);
    await expect(all(list.lines)).rejects.toThrow(
      new ResellerListError('its header (line 1) is longer than 65536 bytes; is it a CSV list?'),
    );
    // 64 KiB plus the few chunks the stream reads ahead: the rest of the endless header was never read.
    expect(input.read()).toBeLessThanOrEqual(8);
  });

  it('reports a 256 KB line without a newline after the header as one bad line', async () => {
    const input = generated('mpnId,name\n1000001,a\n', 'b', 4);
    const lines = await all((await readResellerList(input.stream)).lines);
    expect(lines).toEqual([
      { line: 2, mpnId: '1000001', tenantId: null },
      { line: 3, unreadable: 'longer than 65536 bytes (see --max-line-bytes); not read' },
    ]);
  });

  it('reports a JSON line over the limit as bad input and goes on with the next line', async () => {
    const input = generated('{"mpnId": "1000001"}\n{"mpnId": "1000002", "padding": "', 'x', 16, '"}\n{"mpnId": "1000003"}\n');
    const lines = await all((await readResellerList(input.stream)).lines);
    expect(lines).toEqual([
      { line: 1, mpnId: '1000001', tenantId: null },
      { line: 2, unreadable: 'longer than 65536 bytes (see --max-line-bytes); not read' },
      { line: 3, mpnId: '1000003', tenantId: null },
    ]);
  });

  it('takes the limit from --max-line-bytes and reports an over-long line with its number', async () => {
    const padding = 'x'.repeat(300);
    const stdin = `{"mpnId": "1000001"}\n{"mpnId": "1000002", "note": "${padding}"}\n`;
    const { stdout } = await auditInProcess(['--regions', 'UNITED_STATES', '--format', 'json', '--max-line-bytes', '128'], { stdin });
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => [record.line, record.inputProblem])).toEqual([
      [1, null],
      [2, 'longer than 128 bytes (see --max-line-bytes); not read'],
    ]);
  });

  it('reports a line with an unclosed quote once, and reads every line after it', async () => {
    const stdin = 'mpnId,name\n1000001,a\n"1000002,b\n1000003,c\n1000004,"d\n1000005,e\n';
    const lines = await all((await readResellerList(Readable.from([Buffer.from(stdin)]))).lines);
    expect(lines).toEqual([
      { line: 2, mpnId: '1000001', tenantId: null },
      { line: 3, unreadable: expect.stringMatching(/^not valid CSV \(.*quote/) },
      { line: 4, mpnId: '1000003', tenantId: null },
      { line: 5, unreadable: expect.stringMatching(/^not valid CSV \(.*quote/) },
      { line: 6, mpnId: '1000005', tenantId: null },
    ]);
    const { stdout } = await auditInProcess(['--regions', 'UNITED_STATES', '--format', 'json'], { stdin });
    const records = stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records.map((record) => record.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('keeps a CRLF line of exactly the limit, and a multi-byte character split across chunks', async () => {
    const id = '1000001';
    const prefix = `{"mpnId": "${id}", "p": "`;
    const exact = `${prefix}${'x'.repeat(64 - prefix.length - 2)}"}`;
    expect(Buffer.byteLength(exact)).toBe(64);
    const text = `${exact}\r\n{"mpnId": "1000002", "name": "Açaí"}\n`;
    const bytes = Buffer.from(text);
    const split = bytes.indexOf(Buffer.from('ç')) + 1;
    const lines = await all(
      (await readResellerList(Readable.from([bytes.subarray(0, split), bytes.subarray(split)]), { maxLineBytes: 64 })).lines,
    );
    expect(lines).toEqual([
      { line: 1, mpnId: id, tenantId: null },
      { line: 2, mpnId: '1000002', tenantId: null },
    ]);
  });
});
