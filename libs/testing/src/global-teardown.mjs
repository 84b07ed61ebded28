// jest globalTeardown: stops the embedded PostgreSQL that global-setup.mjs
// started, if any, and removes its temporary directory (about 40 MB a run).
import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const embedded = globalThis.__strongroomEmbeddedPostgres;
  if (embedded === undefined) return;
  await embedded.postgres.stop();
  rmSync(embedded.parent, { recursive: true, force: true });
}
