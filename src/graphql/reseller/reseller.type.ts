import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { IdentifierCheck, ResellerIdentifierInput } from '../../partner-center/reseller-identifier';
import { NamedReseller, nameReseller } from '../../operation/named-reseller';

@Directive('@key(fields: "mpnId")')
@Directive('@key(fields: "tenantId")')
@ObjectType('Reseller', {
  simpleResolvers: true,
  description: 'A CSP indirect reseller, identified by its MPN ID (PGA/PLA) or by its CSP tenant ID. Exactly one of the two is set.',
})
export class Reseller implements NamedReseller {
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

/**
 * A Reseller value from what a client gave. An instance of the class, not a plain object:
 * type-graphql copies a plain root into a new instance for every field resolver it reaches.
 */
export function resellerFrom(input: ResellerIdentifierInput): Reseller {
  const named = nameReseller(input);
  const reseller = new Reseller();
  reseller.mpnId = named.mpnId;
  reseller.tenantId = named.tenantId;
  reseller.check = named.check;
  return reseller;
}
