import type { BenchCase } from '../lib/bench-case';
import { measurePlan, type PlannedCall } from '../lib/measure-plan';
import { createInProcessAuthorize } from '../policy/in-process-authorize';
import { startPolicyBenchServer } from '../policy/policy-bench-server';
import { measurePolicyEvaluation } from '../policy/policy-evaluation';
import { policyReport, type PolicyMeasurement, type PolicyOperation, type PolicyPath } from '../policy/policy-report';

/** The client concurrencies measured: the 16 and 64, and 1 for the latency of a lone call. */
const CONCURRENCIES = [1, 16, 64] as const;

/** Policy evaluations per second in-process, and Authorize over gRPC beside an empty RPC on the same server. */
export const benchCase: BenchCase = {
  description: 'policy evaluation in-process, and Authorize over gRPC beside the handler in-process and an empty RPC on the same server',
  async run(context) {
    // First, with nothing else running in the process: the figure is for one core.
    context.progress('policy: evaluation in-process');
    const evaluation = measurePolicyEvaluation(context.settings);
    // Starts PostgreSQL when DATABASE_URL is unset, and sets it: the bench server's database is made there.
    await context.postgresUrl();
    const server = await startPolicyBenchServer();
    const inProcess = createInProcessAuthorize(server.kms, server.request);
    try {
      const measurements: PolicyMeasurement[] = [evaluation.measurement];
      for (const concurrency of CONCURRENCIES) {
        const clients = server.connect();
        const plan: PlannedCall<PolicyOperation, PolicyPath>[] = [
          { operation: 'empty RPC', path: 'gRPC', call: () => clients.health.check({ service: '' }) },
          { operation: 'Authorize', path: 'gRPC', call: () => clients.policy.authorize(server.request) },
          { operation: 'Authorize', path: 'in-process', call: () => inProcess.authorize() },
        ];
        try {
          measurements.push(...(await measurePlan(context, 'policy', plan, concurrency)));
        } finally {
          clients.channel.close();
        }
      }
      for (const line of policyReport(measurements, evaluation.allowedBy)) context.print(line);
    } finally {
      inProcess.close();
      await server.close();
    }
  },
};
