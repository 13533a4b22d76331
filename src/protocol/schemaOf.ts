// A compile-time link between a TypeScript type owned by a lower layer and the zod schema that validates it on the
// wire, checked in both directions: the schema may accept nothing that is not a T, and every T must be accepted.
// An edit intent added to the graph's union and not to the schema (or the reverse) fails to compile, naming the
// missing member, instead of being dropped at run time.
import type { z } from 'zod';

/** The members of T that the schema's output does not cover; `never` when it covers all of them. */
type Uncovered<T, Output> = T extends unknown ? ([T] extends [Output] ? never : T) : never;

/**
 * `schemaOf<T>()(schema)` returns `schema` unchanged. It compiles only when the schema's output is exactly T: an
 * output wider than T fails the `z.ZodType<T>` bound, and a T member that the schema misses shows up as the
 * `notAcceptedBySchema` property the argument lacks.
 */
export function schemaOf<T>() {
  return <S extends z.ZodType<T>>(
    schema: S & ([Uncovered<T, z.output<S>>] extends [never] ? unknown : { notAcceptedBySchema: Uncovered<T, z.output<S>> }),
  ): S => schema;
}
