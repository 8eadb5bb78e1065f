// Test-only: one Catalog over the installed iam-data package, shared by the IAM tests.

import { Catalog } from '../../../../../server/src/catalog/catalog';

/** Catalog construction is cheap (files load lazily), but sharing one keeps the caches warm. */
export const catalog = new Catalog();
