import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { IdentifierCheck, ResellerIdentifierInput, parseResellerIdentifier } from '../../partner-center/reseller-identifier';

@Directive('@key(fields: "mpnId")')
@Directive('@key(fields: "tenantId")')
@ObjectType('Reseller', {
  description:
    'A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. The one not given is filled in when a region account\'s reseller list holds the reseller.',
})
export class Reseller {
  @Field(() => ID, {
    nullable: true,
    description:
      'MPN ID (PGA/PLA) as checked, without leading zeros; given as typed when it is not a valid MPN ID. For a reseller named by tenant ID, the one a reseller list holds, else null.',
  })
  mpnId!: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'CSP tenant ID (Microsoft ID) as checked, as a lower-case GUID; given as typed when it is not a GUID. For a reseller named by MPN ID, the one a reseller list holds, else null.',
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

/** A Reseller value from what a client gave. */
export function resellerFrom(input: ResellerIdentifierInput): Reseller {
  const check = parseResellerIdentifier(input);
  return {
    mpnId: check.ok ? (check.identifier.kind === 'mpnId' ? check.identifier.value : null) : asText(input.mpnId),
    tenantId: check.ok ? (check.identifier.kind === 'tenantId' ? check.identifier.value : null) : asText(input.tenantId),
    check,
  };
}
