// moto for tests: fails loudly when moto_server is missing.

import { startMoto, type MotoServer } from '../../../backend/src/sandbox/moto';
import { requireTool } from '../../../scripts/harness/tools';

export async function startTestMoto(): Promise<MotoServer> {
  requireTool('moto_server', 'install moto with its server extra: pip install "moto[server]"');
  return startMoto();
}
