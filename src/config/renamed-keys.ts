/** A configuration key that was renamed: the old name keeps working for one release, with a warning. */
export interface RenamedKey {
  /** The old dotted key, e.g. `resilience.circuitFailureThreshold`. */
  readonly from: string;
  /** The dotted key to use instead. */
  readonly to: string;
  /** How the old value is read, in words (shown in docs/configuration.md). */
  readonly reading: string;
}

/** Every renamed key still accepted. Remove an entry one release after it was added. */
export const RENAMED_KEYS: readonly RenamedKey[] = [
  {
    from: 'resilience.circuitFailureThreshold',
    to: 'resilience.circuitMinimumCalls',
    reading:
      'the same number. The circuit no longer opens after that many consecutive failures: it opens when the share of failed questions in `resilience.circuitWindowMs` reaches `resilience.circuitFailureRate`, once the window holds at least this many questions.',
  },
];

type RawObject = Record<string, unknown>;

const isObject = (value: unknown): value is RawObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A copy of a raw configuration object with every renamed key moved to its new name, and one
 * warning per old key found. When both names are given, the new one wins and the warning says
 * the old one was ignored.
 */
export function applyRenamedKeys(raw: unknown): { readonly raw: unknown; readonly warnings: readonly string[] } {
  if (!isObject(raw)) return { raw, warnings: [] };
  const copy = structuredClone(raw);
  const warnings: string[] = [];
  for (const renamed of RENAMED_KEYS) {
    const fromPath = renamed.from.split('.');
    const parent = fromPath.slice(0, -1).reduce<unknown>((node, part) => (isObject(node) ? node[part] : undefined), copy);
    const last = fromPath[fromPath.length - 1];
    if (!isObject(parent) || !(last in parent)) continue;
    const value = parent[last];
    delete parent[last];
    const toPath = renamed.to.split('.');
    let target: RawObject = copy;
    for (const part of toPath.slice(0, -1)) {
      if (!isObject(target[part])) target[part] = {};
      target = target[part] as RawObject;
    }
    const toLast = toPath[toPath.length - 1];
    if (toLast in target) {
      warnings.push(
        `The configuration key ${renamed.from} is renamed ${renamed.to}; both are given, so ${renamed.from} is ignored. Remove it.`,
      );
    } else {
      target[toLast] = value;
      warnings.push(
        `The configuration key ${renamed.from} is renamed ${renamed.to} and will stop working in the next release; its value is used as ${renamed.to}. Rename it.`,
      );
    }
  }
  return { raw: copy, warnings };
}
