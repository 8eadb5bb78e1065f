// Workspace enablements, DynamoDB half: production's account-workspace table
// (`accountUuid`/`workspaceId`; GSI `workspaceId-index`).

import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionally, type DynamoDatabase } from '../dynamoClient';
import type { EnablementRecord, WorkspaceStore } from '../types';

export function dynamoWorkspaces(d: DynamoDatabase): WorkspaceStore {
  const { t } = d;
  return {
    create: (e) =>
      conditionally(() =>
        d.doc.send(
          new PutCommand({
            TableName: t.workspaces,
            Item: e,
            ConditionExpression: 'attribute_not_exists(accountUuid)',
          }),
        ),
      ),
    get: (accountUuid, workspaceId) => d.get<EnablementRecord>(t.workspaces, { accountUuid, workspaceId }),
    listByAccount: (a) => d.byIndex<EnablementRecord>(t.workspaces, undefined, 'accountUuid', a),
    listByWorkspace: (w) => d.byIndex<EnablementRecord>(t.workspaces, 'workspaceId-index', 'workspaceId', w),
    async delete(accountUuid, workspaceId) {
      await d.doc.send(new DeleteCommand({ TableName: t.workspaces, Key: { accountUuid, workspaceId } }));
    },
  };
}
