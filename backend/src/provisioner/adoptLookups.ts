// Lookups for adopting resources whose import id AWS assigns (not a name we chose): a file
// system is found again by its creation token, a mount target by file system and subnet, a
// security group by name and VPC.

import { DescribeSecurityGroupsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { DescribeFileSystemsCommand, DescribeMountTargetsCommand, EFSClient } from '@aws-sdk/client-efs';
import type { AwsCredentials, AwsTarget } from './terraform';

/** Finds ids of resources that an interrupted run created. */
export interface AdoptLookups {
  /** The id (`fs-…`) of the file system created with this token, if there is one. */
  fileSystemByCreationToken(token: string): Promise<string | undefined>;
  /** The id (`fsmt-…`) of the file system's mount target in this subnet. */
  mountTarget(fileSystemId: string, subnetId: string): Promise<string | undefined>;
  /** The id (`sg-…`) of the security group with this name in this VPC. */
  securityGroup(name: string, vpcId: string): Promise<string | undefined>;
}

/** Lookups with the run's credentials (kept in memory only) against the run's target. */
export function awsAdoptLookups(credentials: AwsCredentials, target: AwsTarget): AdoptLookups {
  const config = { region: target.region, endpoint: target.endpoint, credentials, maxAttempts: 3 };
  const efs = new EFSClient(config);
  const ec2 = new EC2Client(config);
  return {
    async fileSystemByCreationToken(token) {
      const out = await efs.send(new DescribeFileSystemsCommand({ CreationToken: token }));
      return out.FileSystems?.[0]?.FileSystemId;
    },
    async mountTarget(fileSystemId, subnetId) {
      const out = await efs.send(new DescribeMountTargetsCommand({ FileSystemId: fileSystemId }));
      return out.MountTargets?.find((m) => m.SubnetId === subnetId)?.MountTargetId;
    },
    async securityGroup(name, vpcId) {
      const filters = [
        { Name: 'group-name', Values: [name] },
        { Name: 'vpc-id', Values: [vpcId] },
      ];
      const out = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters }));
      return out.SecurityGroups?.[0]?.GroupId;
    },
  };
}
