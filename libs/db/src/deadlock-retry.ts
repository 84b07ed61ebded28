import { isSqlState } from './pool';

/** The SQLSTATE of a transaction PostgreSQL rolled back to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

/** How often a deadlock's victim runs in all before its error is the answer. */
const ATTEMPTS = 3;

/**
 * Runs `attempt` (one whole transaction) again when PostgreSQL chose it as
 * a deadlock's victim: it was rolled back whole, so nothing of it stayed and
 * it may run again. Locks taken in one order everywhere keep deadlocks
 * rare; this answers those no order prevents.
 */
export async function retryingDeadlocks<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSqlState(error, DEADLOCK_DETECTED) || tries >= ATTEMPTS) throw error;
    }
  }
}
