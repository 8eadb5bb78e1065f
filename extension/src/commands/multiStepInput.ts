// A multi-step quick input with a Back button: each step returns the next step, and Back
// re-runs the previous one with its earlier answer still selected.

import * as vscode from 'vscode';
import { UserCancelled } from './commandRunner';

class Back extends Error {
  override readonly name = 'Back';
}

export type Step = (input: MultiStepInput) => Promise<Step | undefined>;

export interface PickOptions<T extends vscode.QuickPickItem> {
  readonly placeholder: string;
  /** A promise shows the step busy until the items arrive. */
  readonly items: readonly T[] | Promise<readonly T[]>;
  readonly active?: (item: T) => boolean;
  /** Nothing is highlighted: Enter alone chooses nothing (for answers the user must choose, e.g. an attestation). */
  readonly noDefault?: boolean;
}

export interface TextOptions {
  readonly prompt: string;
  readonly value?: string;
  readonly placeholder?: string;
  readonly validate: (value: string) => string | undefined;
  /** A warning that does not block accepting (e.g. a name already in use). */
  readonly warn?: (value: string) => string | undefined;
}

export class MultiStepInput {
  private current: vscode.QuickInput | undefined;
  private readonly history: Step[] = [];

  private constructor(
    private readonly title: string,
    private readonly totalSteps: () => number,
  ) {}

  /** Runs from `start` until a step returns undefined; the user's Escape throws UserCancelled. */
  static async run(title: string, totalSteps: () => number, start: Step): Promise<void> {
    const input = new MultiStepInput(title, totalSteps);
    try {
      let step: Step | undefined = start;
      while (step) {
        input.history.push(step);
        try {
          step = await step(input);
        } catch (err) {
          if (!(err instanceof Back)) throw err;
          input.history.pop();
          step = input.history.pop();
        }
      }
    } finally {
      input.current?.dispose();
    }
  }

  async pick<T extends vscode.QuickPickItem>(opts: PickOptions<T>): Promise<T> {
    const qp = vscode.window.createQuickPick<T>();
    this.prepare(qp);
    qp.placeholder = opts.placeholder;
    qp.matchOnDescription = true;
    const show = (items: readonly T[]) => {
      qp.items = items;
      const active = opts.active ? items.find(opts.active) : undefined;
      if (active) qp.activeItems = [active];
      else if (opts.noDefault) qp.activeItems = [];
      qp.busy = false;
    };
    const listeners: vscode.Disposable[] = [];
    try {
      return await new Promise<T>((resolve, reject) => {
        listeners.push(
          qp.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && reject(new Back())),
          qp.onDidAccept(() => {
            const chosen = qp.selectedItems[0] ?? qp.activeItems[0];
            if (chosen) resolve(chosen);
          }),
          qp.onDidHide(() => reject(new UserCancelled())),
        );
        if (Array.isArray(opts.items)) show(opts.items as readonly T[]);
        else {
          qp.busy = true;
          (opts.items as Promise<readonly T[]>).then(show, reject);
        }
        this.replace(qp);
      });
    } finally {
      for (const l of listeners) l.dispose();
    }
  }

  async text(opts: TextOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    this.prepare(box);
    box.prompt = opts.prompt;
    box.value = opts.value ?? '';
    box.placeholder = opts.placeholder;
    const listeners: vscode.Disposable[] = [];
    try {
      return await new Promise<string>((resolve, reject) => {
        listeners.push(
          box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && reject(new Back())),
          box.onDidChangeValue((v) => (box.validationMessage = v ? message(opts, v.trim()) : undefined)),
          box.onDidAccept(() => {
            const problem = opts.validate(box.value.trim());
            box.validationMessage = message(opts, box.value.trim());
            if (!problem) resolve(box.value.trim());
          }),
          box.onDidHide(() => reject(new UserCancelled())),
        );
        this.replace(box);
      });
    } finally {
      for (const l of listeners) l.dispose();
    }
  }

  private prepare(input: vscode.QuickPick<vscode.QuickPickItem> | vscode.InputBox): void {
    input.title = this.title;
    input.step = this.history.length;
    input.totalSteps = Math.max(this.totalSteps(), this.history.length);
    input.ignoreFocusOut = true;
    input.buttons = this.history.length > 1 ? [vscode.QuickInputButtons.Back] : [];
  }

  private replace(next: vscode.QuickInput): void {
    this.current?.dispose();
    this.current = next;
    next.show();
  }
}

/** The error, else the warning (shown, but Enter still accepts). */
function message(opts: TextOptions, value: string): string | vscode.InputBoxValidationMessage | undefined {
  const error = opts.validate(value);
  if (error) return error;
  const warning = opts.warn?.(value);
  return warning ? { message: warning, severity: vscode.InputBoxValidationSeverity.Warning } : undefined;
}
