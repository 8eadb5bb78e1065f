// Processes a killed backend leaves behind (its Terraform runs live in their own process groups):
// found by their working directory under the test's data folder, and stopped by pid
// (scripts/harness/procfs.ts, shared with the benchmarks).

export { killProcessesUnder, processesUnder } from '../../../scripts/harness/procfs';
