// AWS-side helpers for tests against moto: the customer's side (scripts/harness/backend/customer.ts,
// shared with the benchmarks) and reading what provisioning left in S3.

import { S3Client } from '@aws-sdk/client-s3';
import { customerCredentials } from '../../../scripts/harness/backend/customer';

export {
  createCrossAccountRole,
  customerCredentials,
  customerIam,
  registerCustomerAccount,
} from '../../../scripts/harness/backend/customer';

export async function customerS3(endpoint: string, accountId: string): Promise<S3Client> {
  return new S3Client({
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: await customerCredentials(endpoint, accountId),
  });
}
