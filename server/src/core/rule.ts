// The shape of a rule: a small object that reads the model and returns findings.

import type { Catalog } from '../catalog/catalog';
import type { Model } from '../model/model';
import type { Finding } from './finding';
import type { Profile } from './profile';
import type { RuleInfo } from './ruleInfo';

/** What a rule can see. */
export interface RuleContext {
  readonly model: Model;
  readonly profile: Profile;
  readonly catalog: Catalog;
}

export interface Rule extends RuleInfo {
  check(ctx: RuleContext): readonly Finding[];
}
