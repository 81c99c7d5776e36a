/**
 * How every union and interface of the schema tells its member: each value carries its
 * `__typename`.
 */
export const byTypename = (value: { readonly __typename: string }): string => value.__typename;
