// Words for a node in transition: the sandbox's provisioning stage (init, plan, apply, destroy;
// resources done out of total) and the time since the change began. No editor types here.

import type { ComputeNode } from '../api/computeNodes';

const STAGES: Readonly<Record<string, string>> = {
  init: 'initializing',
  plan: 'planning',
  apply: 'applying',
  destroy: 'destroying',
};

/** "applying: 12 of 19 resources", "planning", or undefined (production sends no stage). */
export function stageText(node: Pick<ComputeNode, 'provisioning'>): string | undefined {
  const p = node.provisioning;
  if (!p) return undefined;
  const stage = STAGES[p.stage] ?? p.stage;
  if (p.resourcesDone === undefined || (p.stage !== 'apply' && p.stage !== 'destroy')) return stage;
  return p.resourcesTotal === undefined
    ? `${stage}: ${p.resourcesDone} resources`
    : `${stage}: ${p.resourcesDone} of ${p.resourcesTotal} resources`;
}

/** "45 s", "2 min 05 s", "1 h 02 min". */
export function elapsedText(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/**
 * The progress notification's message: status, stage when known, elapsed time since `since`
 * (the backend's `startedAt` when it sends one, else when following began).
 */
export function progressMessage(node: ComputeNode, followedSince: number, now: number): string {
  const started = node.provisioning?.startedAt ? Date.parse(node.provisioning.startedAt) : NaN;
  const since = Number.isFinite(started) ? Math.min(started, now) : followedSince;
  return [node.status, stageText(node), `${elapsedText(now - since)} elapsed`].filter(Boolean).join(' · ');
}
