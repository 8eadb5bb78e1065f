// Compute-node names: what a name may look like, and a name already in use on the account (the
// API accepts duplicates, so the wizard warns and the tree tells them apart). No editor types here.

import type { ComputeNode } from '../api/computeNodes';
import { formatApiTime } from '../util/time';

/** Node names become resource names in the user's account: keep them simple. */
export function validateNodeName(name: string): string | undefined {
  if (!name) return 'A name is required';
  if (name.length > 64) return 'At most 64 characters';
  if (!/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/.test(name))
    return 'Letters, digits, spaces, dots, dashes and underscores; start with a letter or digit';
  return undefined;
}

/** The nodes of `account` named `name` (the API does not refuse a second one). */
export function sameNamed(nodes: readonly ComputeNode[], name: string | undefined): ComputeNode[] {
  const wanted = name?.trim().toLowerCase();
  return wanted ? nodes.filter((n) => n.name.trim().toLowerCase() === wanted) : [];
}

/** The warning for a name already in use, naming when the other node was created. */
export function duplicateWarning(nodes: readonly ComputeNode[], name: string): string | undefined {
  const twins = sameNamed(nodes, name);
  if (twins.length === 0) return undefined;
  const when = twins.map((n) => formatApiTime(n.createdAt)).filter(Boolean);
  return `This account already has a node named "${twins[0]!.name}"${when.length ? ` (created ${when.join(', ')})` : ''}: the tree will tell them apart by creation time`;
}

/**
 * What tells `node` apart from the other nodes of `nodes` with its name: undefined when it has no
 * twin, else its creation time to the second, and the start of its uuid as well when a twin was
 * created in the same second (or neither time can be read).
 */
export function twinTag(nodes: readonly ComputeNode[], node: ComputeNode, locale?: string): string | undefined {
  const twins = sameNamed(nodes, node.name).filter((n) => n.uuid !== node.uuid);
  if (twins.length === 0) return undefined;
  const when = (n: ComputeNode) => formatApiTime(n.createdAt, locale, { seconds: true });
  const mine = when(node);
  const clash = !mine || twins.some((t) => when(t) === mine);
  return [mine && `created ${mine}`, clash && `#${node.uuid.slice(0, 8)}`].filter(Boolean).join(' ');
}
