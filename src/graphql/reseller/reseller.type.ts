import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { IdentifierCheck, ResellerIdentifierInput, identifierKey, parseResellerIdentifier } from '../../partner-center/reseller-identifier';

@Directive('@key(fields: "mpnId")')
@Directive('@key(fields: "tenantId")')
@ObjectType('Reseller', {
  simpleResolvers: true,
  description: 'A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set.',
})
export class Reseller {
  @Field(() => ID, {
    nullable: true,
    description: 'MPN ID (PGA/PLA) as checked, without leading zeros. Given as typed when it is not a valid MPN ID.',
  })
  mpnId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description: 'CSP tenant ID (Microsoft ID) as checked, as a lower-case GUID. Given as typed when it is not a GUID.',
  })
  tenantId!: string | null;

  /** The identifier check, done once when the reseller is named. */
  check!: IdentifierCheck;
}

function asText(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).trim();
  return text === '' ? null : text;
}

/**
 * A Reseller value from what a client gave. An instance of the class, not a plain object:
 * type-graphql copies a plain root into a new instance for every field resolver it reaches.
 */
export function resellerFrom(input: ResellerIdentifierInput): Reseller {
  const check = parseResellerIdentifier(input);
  const reseller = new Reseller();
  reseller.mpnId = check.ok ? (check.identifier.kind === 'mpnId' ? check.identifier.value : null) : asText(input.mpnId);
  reseller.tenantId = check.ok ? (check.identifier.kind === 'tenantId' ? check.identifier.value : null) : asText(input.tenantId);
  reseller.check = check;
  return reseller;
}

/** How many distinct valid identifiers a list names: only those can cost an upstream question. */
export function distinctResellers(resellers: readonly Reseller[]): number {
  const keys = new Set<string>();
  for (const reseller of resellers) if (reseller.check.ok) keys.add(identifierKey(reseller.check.identifier));
  return keys.size;
}
