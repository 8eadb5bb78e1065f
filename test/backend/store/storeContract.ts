// The contract every Store implementation must meet, by resource, run against SQLite and DynamoDB (moto).

import type { Store } from '../../../backend/src/store/types';
import { describeAccessContract } from './contract/access';
import { describeAccountsContract } from './contract/accounts';
import { describeJobsContract } from './contract/jobs';
import { describeNodesContract } from './contract/nodes';
import { describeQuotasContract } from './contract/quotas';
import { describeWorkspacesContract } from './contract/workspaces';

export { account, job, node, ownerRow } from './contract/records';

/** Registers the contract suite; `open` gives a fresh, empty store for each test. */
export function describeStoreContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store | undefined;
    beforeEach(async () => {
      store = await open();
    });
    afterEach(async () => {
      await store?.close();
      store = undefined;
    });
    const current = () => store!;
    describeAccountsContract(current);
    describeWorkspacesContract(current);
    describeNodesContract(current);
    describeAccessContract(current);
    describeJobsContract(current);
    describeQuotasContract(current);
  });
}
