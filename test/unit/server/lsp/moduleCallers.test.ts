// The index of which Terraform folders call a folder as a local module.

import { strict as assert } from 'node:assert';
import { ModuleCallers } from '../../../../server/src/analysis/moduleCallers';
import { TempWorkspace } from './helpers/workspace';

describe('ModuleCallers', () => {
  let ws: TempWorkspace;

  beforeEach(() => {
    ws = new TempWorkspace({
      'envs/prod/main.tf': 'module "app" {\n  source = "../../modules/app"\n}\n',
      'modules/app/main.tf': 'module "role" {\n  source = "../role"\n}\n',
      'modules/role/main.tf': 'resource "aws_iam_role" "this" {}\n',
      'node_modules/x/main.tf': 'module "role" {\n  source = "../../modules/role"\n}\n',
      '.hidden/main.tf': 'module "role" {\n  source = "../modules/role"\n}\n',
    });
  });

  afterEach(() => ws.dispose());

  it('finds direct callers and the roots above nested calls (not node_modules, not hidden folders)', () => {
    const callers = new ModuleCallers();
    assert.deepEqual(callers.callersOf(ws.path('modules/role'), ws.dir), [ws.path('modules/app')]);
    assert.deepEqual(callers.rootCallersOf(ws.path('modules/role'), ws.dir), [ws.path('envs/prod')]);
    assert.deepEqual(callers.rootCallersOf(ws.path('envs/prod'), ws.dir), []);
  });

  it('follows a file that changes: an open buffer adds a call, a deleted file drops its calls', () => {
    let buffer: string | undefined;
    const callers = new ModuleCallers((path) => (path === ws.path('main.tf') ? buffer : undefined));
    assert.deepEqual(callers.callersOf(ws.path('modules/role'), ws.dir), [ws.path('modules/app')]);
    buffer = 'module "r" {\n  source = "./modules/role"\n}\n';
    callers.update(ws.path('main.tf'));
    assert.deepEqual(callers.callersOf(ws.path('modules/role'), ws.dir), [ws.dir, ws.path('modules/app')].sort());
    buffer = undefined;
    callers.update(ws.path('main.tf'));
    assert.deepEqual(callers.callersOf(ws.path('modules/role'), ws.dir), [ws.path('modules/app')]);
  });
});
