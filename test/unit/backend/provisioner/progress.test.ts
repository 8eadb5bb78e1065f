// A run's progress from Terraform's -json UI events, as `terraform apply -json` and
// `terraform destroy -json` emit them (event shapes recorded from Terraform 1.11).

import assert from 'node:assert/strict';
import { createProgressTracker, type RunProgress } from '../../../../backend/src/provisioner/progress';

const hook = (type: string, action: string, addr = 'module.compute_node.aws_iam_role.orchestrator') => ({
  type,
  hook: { resource: { addr }, action },
});
const summary = (operation: string, add: number, change: number, remove: number) => ({
  type: 'change_summary',
  changes: { add, change, import: 0, remove, operation },
});

describe('backend provisioner/progress', () => {
  it('reports init, the plan, then each completed change of an apply; reads of data sources do not count', () => {
    const seen: RunProgress[] = [];
    const t = createProgressTracker('apply', (p) => seen.push(p));
    t.enter('init');
    t.enter('plan');
    t.event(hook('apply_start', 'read', 'module.compute_node.data.aws_iam_policy_document.x'));
    t.event(hook('apply_complete', 'read', 'module.compute_node.data.aws_iam_policy_document.x'));
    t.event({ type: 'planned_change' });
    t.event(summary('plan', 2, 0, 1));
    t.event(hook('apply_start', 'delete'));
    t.event(hook('apply_complete', 'delete'));
    t.event(hook('apply_start', 'create'));
    t.event(hook('apply_complete', 'create'));
    t.event(hook('apply_complete', 'create'));
    t.event(summary('apply', 2, 0, 1));
    assert.deepEqual(seen, [
      { stage: 'plan', resourcesDone: 0, resourcesTotal: null },
      { stage: 'plan', resourcesDone: 0, resourcesTotal: 3 },
      { stage: 'apply', resourcesDone: 0, resourcesTotal: 3 },
      { stage: 'apply', resourcesDone: 1, resourcesTotal: 3 },
      { stage: 'apply', resourcesDone: 2, resourcesTotal: 3 },
      { stage: 'apply', resourcesDone: 3, resourcesTotal: 3 },
    ]);
  });

  it('starts the counts again when a retried apply plans again', () => {
    const seen: RunProgress[] = [];
    const t = createProgressTracker('apply', (p) => seen.push(p));
    t.enter('plan');
    t.event(summary('plan', 5, 0, 0));
    t.event(hook('apply_complete', 'create'));
    t.enter('plan');
    t.event(summary('plan', 4, 0, 0));
    assert.deepEqual(seen.at(-1), { stage: 'plan', resourcesDone: 0, resourcesTotal: 4 });
  });

  it('reports a destroy as one stage, counted against the destroy plan', () => {
    const seen: RunProgress[] = [];
    const t = createProgressTracker('destroy', (p) => seen.push(p));
    t.enter('destroy');
    t.event(summary('plan', 0, 0, 2));
    t.event(hook('apply_start', 'delete'));
    t.event(hook('apply_complete', 'delete'));
    t.event(summary('destroy', 0, 0, 2));
    assert.deepEqual(seen, [
      { stage: 'destroy', resourcesDone: 0, resourcesTotal: null },
      { stage: 'destroy', resourcesDone: 0, resourcesTotal: 2 },
      { stage: 'destroy', resourcesDone: 1, resourcesTotal: 2 },
    ]);
  });
});
