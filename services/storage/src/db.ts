import type { PoolClient, Queryable } from '@strongroom/db';

/** Anything a store query runs on: the pool, or a client inside a transaction. */
export type Db = Queryable | PoolClient;

/** An `int8` column (pg returns it as a string) as a number; object sizes and sequence numbers stay far below 2^53. */
export function int8(value: string | number): number {
  return typeof value === 'number' ? value : Number(value);
}
