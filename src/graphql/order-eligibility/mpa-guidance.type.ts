import { Field, ObjectType } from 'type-graphql';
import { URLResolver } from 'graphql-scalars';

@ObjectType('MpaGuidance', { simpleResolvers: true, description: 'What to tell the partner at the order form, in their language.' })
export class MpaGuidance {
  @Field({ description: 'A short title.' })
  headline!: string;

  @Field({ description: 'What the answer means for this order.' })
  whatItMeans!: string;

  @Field(() => [String], { description: 'Steps to take, in order. Empty when there is nothing to do.' })
  actions!: string[];

  @Field(() => URLResolver, { nullable: true, description: 'Where to read more.' })
  learnMoreUrl!: string | null;

  @Field({ description: 'True when, after acting, Microsoft may take a while to show the change.' })
  mayTakeTimeToUpdate!: boolean;

  @Field({ description: 'The locale the texts are in (en-US when the one asked for is not available).' })
  locale!: string;
}
