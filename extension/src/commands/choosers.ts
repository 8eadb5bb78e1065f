// Searchable choices of people, teams and workspaces by name, with a way to type an id the list
// does not have; and a retry loop that shows a refused request's reason in the same picker, with
// what the user picked or typed still selected.

import * as vscode from 'vscode';
import { ApiError } from '../api/client';
import type { DirectoryUser, TeamEntry } from '../api/directory';
import type { People } from '../people/people';
import { UserCancelled } from './commandRunner';

/** One choice: a name to show and the id to send. */
export interface Choice extends vscode.QuickPickItem {
  readonly id: string;
}

const TYPE_ID = '$(edit) Enter an id…';

/** A quick pick; `active` is preselected (the earlier answer), `problem` replaces the placeholder. */
export async function pickChoice<T extends vscode.QuickPickItem>(
  title: string,
  placeholder: string,
  items: readonly T[],
  active?: (item: T) => boolean,
  problem?: string,
): Promise<T> {
  const qp = vscode.window.createQuickPick<T>();
  qp.title = title;
  qp.placeholder = problem ? `${problem}. Pick again, or press Escape` : placeholder;
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  qp.items = items;
  const preselected = active && items.find(active);
  if (preselected) qp.activeItems = [preselected];
  try {
    return await new Promise<T>((resolve, reject) => {
      qp.onDidAccept(() => {
        const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
        if (chosen) resolve(chosen);
      });
      qp.onDidHide(() => reject(new UserCancelled()));
      qp.show();
    });
  } finally {
    qp.dispose();
  }
}

/** An input box for an id of the form `pattern`, prefilled with `value`; `problem` shows as its error. */
export async function inputId(
  title: string,
  prompt: string,
  pattern: RegExp,
  example: string,
  value?: string,
  problem?: string,
): Promise<string> {
  const box = vscode.window.createInputBox();
  box.title = title;
  box.prompt = prompt;
  box.placeholder = example;
  box.value = value ?? '';
  box.ignoreFocusOut = true;
  box.validationMessage = problem;
  try {
    return await new Promise<string>((resolve, reject) => {
      box.onDidChangeValue(
        (v) => (box.validationMessage = !v.trim() || pattern.test(v.trim()) ? undefined : `Expected ${example}`),
      );
      box.onDidAccept(() => {
        const v = box.value.trim();
        if (pattern.test(v)) resolve(v);
        else box.validationMessage = `Expected ${example}`;
      });
      box.onDidHide(() => reject(new UserCancelled()));
      box.show();
    });
  } finally {
    box.dispose();
  }
}

/**
 * Runs `attempt` until the API accepts it. A refusal (an ApiError other than a cancellation) is
 * logged and handed to the next attempt, which asks again with the earlier answer kept.
 */
export async function untilAccepted(
  attempt: (problem: string | undefined) => Promise<void>,
  log: { warn(m: string): void },
): Promise<void> {
  let problem: string | undefined;
  for (;;) {
    try {
      await attempt(problem);
      return;
    } catch (err) {
      if (!(err instanceof ApiError) || err.kind === 'cancelled') throw err;
      log.warn(`Refused, asking again: ${err.message}`);
      problem = err.message;
    }
  }
}

/** People as choices: name, email, role; search matches any of them. */
export function userChoices(users: readonly DirectoryUser[], people: People): Choice[] {
  return users
    .map((u) => ({ id: u.id, label: people.userLabel(u.id), description: u.email || undefined, detail: u.role }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function teamChoices(teams: readonly TeamEntry[]): Choice[] {
  return teams
    .map((t) => ({
      id: t.team.id,
      label: t.team.name || t.team.id,
      description: t.memberCount === undefined ? undefined : `${t.memberCount} member${t.memberCount === 1 ? '' : 's'}`,
    }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** What was picked or typed: the id, and the name to use in messages. */
export interface Picked {
  readonly id: string;
  readonly label: string;
  readonly typed: boolean;
}

/**
 * A choice among `choices` (undefined: the list could not be had), or an id typed in. The earlier
 * answer `last` is preselected or prefilled; `problem` says why it is asked again.
 */
export async function chooseOrType(
  title: string,
  what: { readonly noun: string; readonly pattern: RegExp; readonly example: string },
  choices: readonly Choice[] | undefined,
  last: Picked | undefined,
  problem: string | undefined,
): Promise<Picked> {
  const typeId = { id: '', label: TYPE_ID, description: `a ${what.noun} not listed here`, alwaysShow: true };
  if (choices && !(last?.typed && problem)) {
    const placeholder = choices.length ? `Search ${what.noun}s by name` : `No ${what.noun} left to choose: enter an id`;
    const chosen = await pickChoice(title, placeholder, [...choices, typeId], (c) => c.id === last?.id, problem);
    if (chosen !== typeId) return { id: chosen.id, label: chosen.label, typed: false };
  }
  const id = await inputId(
    title,
    `The ${what.noun}'s Pennsieve id`,
    what.pattern,
    what.example,
    last?.typed ? last.id : undefined,
    last?.typed ? problem : undefined,
  );
  return { id, label: id, typed: true };
}
