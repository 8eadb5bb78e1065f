// Every rule, in id order.

import type { Rule } from '../engine/rule';

export const RULES: readonly Rule[] = [];
