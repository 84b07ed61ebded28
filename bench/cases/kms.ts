import { kmsV1 } from '@strongroom/contracts';
import type { BenchCase } from '../lib/bench-case';
import { measurePlan, type PlannedCall } from '../lib/measure-plan';
import { createInProcessKms } from '../kms/in-process-kms';
import { BENCH_ACCOUNT, BENCH_CONTEXT, startKmsBenchServer } from '../kms/kms-bench-server';
import { kmsReport, type KmsMeasurement, type KmsOperation, type KmsPath } from '../kms/kms-report';

/** The client concurrencies measured, as in the issue. */
const CONCURRENCIES = [1, 16, 64] as const;

/** KMS GenerateDataKey and Decrypt over gRPC, beside the same calls in-process and an empty RPC on the same server. */
export const benchCase: BenchCase = {
  description: 'KMS GenerateDataKey and Decrypt over gRPC, in-process, and an empty RPC on the same server',
  async run(context) {
    // Starts PostgreSQL when DATABASE_URL is unset, and sets it: the bench server's database is made there.
    await context.postgresUrl();
    const server = await startKmsBenchServer();
    try {
      const inProcess = createInProcessKms({
        pool: server.database.pool,
        rootKey: server.rootKey,
        caller: server.caller,
        keyId: server.keyId,
        ciphertextBlob: server.ciphertextBlob,
      });
      const principal = { accountId: BENCH_ACCOUNT, arn: '' };
      const measurements: KmsMeasurement[] = [];
      for (const concurrency of CONCURRENCIES) {
        const clients = server.connect();
        const plan: PlannedCall<KmsOperation, KmsPath>[] = [
          { operation: 'empty RPC', path: 'gRPC', call: () => clients.health.check({ service: '' }) },
          {
            operation: 'GenerateDataKey',
            path: 'gRPC',
            call: () => clients.kms.generateDataKey({ principal, keyId: server.keyId, keySpec: kmsV1.DataKeySpec.AES_256, encryptionContext: BENCH_CONTEXT }),
          },
          {
            operation: 'Decrypt',
            path: 'gRPC',
            call: () => clients.kms.decrypt({ principal, ciphertextBlob: server.ciphertextBlob, encryptionContext: BENCH_CONTEXT }),
          },
          { operation: 'GenerateDataKey', path: 'in-process', call: () => inProcess.generateDataKey() },
          { operation: 'Decrypt', path: 'in-process', call: () => inProcess.decrypt() },
        ];
        try {
          measurements.push(...(await measurePlan(context, 'kms', plan, concurrency)));
        } finally {
          clients.channel.close();
        }
      }
      for (const line of kmsReport(measurements)) context.print(line);
    } finally {
      await server.close();
    }
  },
};
