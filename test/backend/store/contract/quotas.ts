// The store contract for per-user LLM quotas and usage aggregates: run against every store (SQLite and DynamoDB on moto).

import assert from 'node:assert/strict';
import { DEFAULT_QUOTA_USER, type ChatUserUsage, type Store } from '../../../../backend/src/store/types';

function usage(key: string, fields: Partial<ChatUserUsage> = {}): ChatUserUsage {
  return {
    userNodeDate: key,
    recordType: 'AGGREGATE',
    userId: 'N:user:u1',
    computeNodeId: 'n1',
    period: 'day',
    totalInputTokens: 1200,
    totalOutputTokens: 300,
    estimatedCostUsd: 0.25,
    requestCount: 3,
    updatedAt: '2026-12-07T10:00:00Z',
    ...fields,
  };
}

/** Registers the quotas contract; `current()` is the fresh, empty store of the running test. */
export function describeQuotasContract(current: () => Store): void {
  describe('LLM quotas and usage', () => {
    let store: Store;
    beforeEach(() => {
      store = current();
    });

    it("keeps one row per (node, user), the default row included, and lists a node's rows by user id", async () => {
      const row = {
        computeNodeId: 'n1',
        userId: 'N:user:u2',
        dailyCostUsd: 2,
        notes: 'pilot',
        updatedBy: 'N:user:u1',
        updatedAt: '2026-12-07T10:00:00Z',
      };
      await store.quotas.put(row);
      await store.quotas.put({ computeNodeId: 'n1', userId: DEFAULT_QUOTA_USER, monthlyCostUsd: 0 });
      await store.quotas.put({ computeNodeId: 'n2', userId: 'N:user:u2', perWorkflowUsd: 0.1 });
      assert.deepEqual(await store.quotas.get('n1', 'N:user:u2'), row);
      // Replacing a row drops the axes the new row leaves out.
      await store.quotas.put({ computeNodeId: 'n1', userId: 'N:user:u2', monthlyCostUsd: 5 });
      assert.deepEqual(await store.quotas.get('n1', 'N:user:u2'), {
        computeNodeId: 'n1',
        userId: 'N:user:u2',
        monthlyCostUsd: 5,
      });
      assert.deepEqual(
        (await store.quotas.listByNode('n1')).map((r) => r.userId),
        ['N:user:u2', DEFAULT_QUOTA_USER],
      );
      await store.quotas.delete('n1', 'N:user:u2');
      await store.quotas.delete('n1', 'N:user:missing');
      assert.equal(await store.quotas.get('n1', 'N:user:u2'), undefined);
      assert.deepEqual(await store.quotas.get('n1', DEFAULT_QUOTA_USER), {
        computeNodeId: 'n1',
        userId: DEFAULT_QUOTA_USER,
        monthlyCostUsd: 0,
      });
      assert.equal((await store.quotas.listByNode('n2')).length, 1);
    });

    it('reads usage aggregates by key and record type', async () => {
      const day = usage('N:user:u1#n1#2026-12-07');
      await store.quotas.putUsage(day);
      assert.deepEqual(await store.quotas.getUsage(day.userNodeDate, 'AGGREGATE'), day);
      assert.equal(await store.quotas.getUsage(day.userNodeDate, 'OTHER'), undefined);
      assert.equal(await store.quotas.getUsage('N:user:u1#n1#2026-12', 'AGGREGATE'), undefined);
    });
  });
}
