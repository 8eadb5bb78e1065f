// Every rule, in id order.

import type { Rule } from '../core/rule';
import { boundaryIamMutation } from './boundary/boundaryIamMutation';
import { boundaryServices } from './boundary/boundaryServices';
import { ineffectiveGrant } from './boundary/ineffectiveGrant';
import { roleBoundary } from './boundary/roleBoundary';
import { boundaryPolicyChange } from './crossAccount/boundaryPolicyChange';
import { boundaryStripping } from './crossAccount/boundaryStripping';
import { createRoleWithoutBoundary } from './crossAccount/createRoleWithoutBoundary';
import { escalationThroughRoles } from './crossAccount/escalationThroughRoles';
import { selfModification } from './crossAccount/selfModification';
import { noIamUsers } from './identity/noIamUsers';
import { passRoleStar } from './identity/passRoleStar';
import { s3OutsideBuckets } from './identity/s3OutsideBuckets';
import { servicesOutsideList } from './identity/servicesOutsideList';
import { flowLogs } from './network/flowLogs';
import { internetPath } from './network/internetPath';
import { kmsEncryption } from './network/kmsEncryption';
import { openResourcePolicy } from './resource/openResourcePolicy';
import { processorActions } from './processor/processorActions';
import { logBucketRetention } from './storage/logBucketRetention';
import { malformed } from './syntax/malformed';
import { unknownAction } from './syntax/unknownAction';
import { requiredTags } from './tags/requiredTags';
import { readOnlyRole } from './teams/readOnlyRole';
import { teamTrust } from './teams/teamTrust';
import { externalId } from './trust/externalId';
import { sessionDuration } from './trust/sessionDuration';
import { singleValuedSetOperator } from './trust/singleValuedSetOperator';
import { trustedPrincipal } from './trust/trustedPrincipal';
import { wildcardPrincipal } from './trust/wildcardPrincipal';

export const RULES: readonly Rule[] = [
  wildcardPrincipal,
  externalId,
  trustedPrincipal,
  sessionDuration,
  singleValuedSetOperator,
  openResourcePolicy,
  teamTrust,
  roleBoundary,
  boundaryServices,
  boundaryIamMutation,
  ineffectiveGrant,
  createRoleWithoutBoundary,
  boundaryStripping,
  selfModification,
  boundaryPolicyChange,
  escalationThroughRoles,
  noIamUsers,
  servicesOutsideList,
  readOnlyRole,
  processorActions,
  s3OutsideBuckets,
  passRoleStar,
  internetPath,
  kmsEncryption,
  flowLogs,
  requiredTags,
  logBucketRetention,
  malformed,
  unknownAction,
];
