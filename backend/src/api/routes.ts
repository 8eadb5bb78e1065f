// Every route the sandbox serves: production's routes 1–22 and 39–41 (reference §3.1).

import { accountRoutes } from './accounts';
import { computeNodeRoutes } from './computeNodes';
import { directoryRoutes } from './directory';
import type { Route } from './http';
import { nodeChangeRoutes } from './nodeChanges';
import { organizationRoutes } from './organization';
import { permissionRoutes } from './permissions';
import { referenceRoutes } from './reference';
import { workspaceRoutes } from './workspaces';

export const allRoutes: readonly Route[] = [
  ...accountRoutes,
  ...workspaceRoutes,
  ...computeNodeRoutes,
  ...nodeChangeRoutes,
  ...permissionRoutes,
  ...organizationRoutes,
  ...referenceRoutes,
  ...directoryRoutes,
];
