// jest globalTeardown: stops the embedded PostgreSQL that global-setup.mjs started, if any.
export default async function globalTeardown() {
  await globalThis.__strongroomEmbeddedPostgres?.stop();
}
