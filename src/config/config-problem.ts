import type { z } from 'zod';
import { VALUE_NOT_REPEATED } from './url-credentials';

/** A rule's own wording is a verb phrase ("must be a GUID", "is required: …"); zod's defaults are not. */
const OWN_WORDING = /^(must|is|cannot|may) /;

/** What a value must be, in plain words, from one zod issue. */
function requirementOf(issue: z.core.$ZodIssue): string {
  if (OWN_WORDING.test(issue.message)) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      switch (issue.expected) {
        case 'number':
          return 'must be a number';
        case 'int':
          return 'must be a whole number';
        case 'boolean':
          return 'must be true or false';
        case 'string':
          return 'must be text';
        case 'array':
          return 'must be a list';
        case 'object':
          return 'must be a JSON object';
        default:
          return `must be of type ${issue.expected}`;
      }
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} entries`;
      return issue.inclusive ? `must be at least ${issue.minimum}` : `must be greater than ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entries`;
      return issue.inclusive ? `must be at most ${issue.maximum}` : `must be less than ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return `is not accepted (${issue.message})`;
  }
}

/** How a value appears in a message: shown, kept back (it may be a secret), too big to show (an object or list), or absent. */
export type ShownValue =
  | { readonly kind: 'shown'; readonly value: string | number | boolean }
  | { readonly kind: 'hidden' }
  | { readonly kind: 'structured' }
  | { readonly kind: 'absent' };

/** A URL's user information (`scheme://user:password@`) is never shown: only `scheme://…@` stays. */
const withoutUserInfo = (text: string) => text.replace(/:\/\/[^\s/?#@"'<>]*@/g, '://…@');

const plain = (value: string | number | boolean) => (typeof value === 'string' ? JSON.stringify(withoutUserInfo(value)) : String(value));

/**
 * One configuration problem as one sentence naming the key, where it was set and its value:
 * `port is "abc" (from the environment variable PORT), but it must be a number.`
 */
export function describeConfigProblem(key: string, source: string, value: ShownValue, requirement: string): string {
  if (value.kind === 'shown') return `${key} is ${plain(value.value)} (from ${source}), but it ${requirement}.`;
  if (value.kind === 'hidden') return `${key} (from ${source}; its value is not repeated here) ${requirement}.`;
  return `${key} (from ${source}) ${requirement}.`;
}

/** The sentences for one zod issue: unknown keys give one each. */
export function describeConfigIssue(
  issue: z.core.$ZodIssue,
  keyOf: (path: readonly PropertyKey[]) => string,
  sourceOf: (key: string) => string,
  valueOf: (path: readonly PropertyKey[]) => ShownValue,
): string[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((name) => {
      const key = keyOf([...issue.path, name]);
      return describeConfigProblem(key, sourceOf(key), { kind: 'absent' }, 'is not a setting this gateway knows');
    });
  }
  const key = keyOf(issue.path);
  const value: ShownValue =
    issue.code === 'custom' && issue.params?.[VALUE_NOT_REPEATED] === true ? { kind: 'hidden' } : valueOf(issue.path);
  const requirement = issue.code === 'invalid_type' && value.kind === 'absent' ? 'is required' : requirementOf(issue);
  return [describeConfigProblem(key, sourceOf(key), value, requirement)];
}
