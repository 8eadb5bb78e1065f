// A realistic Pulumi TypeScript program of a given length for the benchmarks: a boundary policy,
// the cross-account role with its guarantees, then workflows of processor and worker roles written
// in every form the front end reads (JSON.stringify, getPolicyDocument, RolePolicy, attachments,
// spreads, template strings, config) beside the buckets, log groups and functions they serve (about
// one role per 37 lines, like the Terraform bench module). Deterministic: the same call, the same text.

const HEADER = `import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";

const config = new pulumi.Config();
const nodeId = "1a2b3c4d";
const prefix = \`pennsieve-\${nodeId}\`;
const tags = { "pennsieve:compute-node": nodeId };
const logStatement = { Effect: "Allow", Action: ["logs:CreateLogStream", "logs:PutLogEvents"], Resource: "*" };

const boundary = new aws.iam.Policy("boundary", {
    name: \`pennsieve-boundary-\${nodeId}\`,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Sid: "Services",
            Effect: "Allow",
            Action: ["ecs:*", "lambda:*", "states:*", "elasticfilesystem:*", "logs:*", "s3:*", "kms:Decrypt", "ssm:GetParameter"],
            Resource: "*",
        }],
    }),
    tags,
});

const computeRole = new aws.iam.Role("compute", {
    name: \`Pennsieve-Compute-prod-\${nodeId}\`,
    maxSessionDuration: 7200,
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{
            Effect: "Allow",
            Principal: { AWS: "arn:aws:iam::740463337177:root" },
            Action: "sts:AssumeRole",
            Condition: { StringEquals: { "sts:ExternalId": config.require("externalId") } },
        }],
    }),
    tags,
});

new aws.iam.RolePolicy("compute", {
    role: computeRole.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["ecs:*", "states:*", "logs:*"], Resource: "*" },
            { Effect: "Deny", Action: ["iam:CreateRole", "iam:PutRolePermissionsBoundary"], Resource: "*", Condition: { StringNotLike: { "iam:PermissionsBoundary": "arn:aws:iam::*:policy/pennsieve-boundary-*" } } },
            { Effect: "Deny", Action: "iam:DeleteRolePermissionsBoundary", Resource: "*" },
            { Effect: "Deny", Action: ["iam:PutRolePolicy", "iam:DeleteRolePolicy", "iam:AttachRolePolicy", "iam:DetachRolePolicy", "iam:UpdateRole", "iam:UpdateAssumeRolePolicy"], Resource: "arn:aws:iam::*:role/Pennsieve-Compute-*" },
        ],
    }),
});
`;

/** One block of roles and policies (about 60 lines), numbered `i`. */
function block(i: number): string {
  return `
// Workflow ${i}: a processor that mounts EFS and writes logs, and a worker that reads its bucket.
const processorAssume${i} = aws.iam.getPolicyDocumentOutput({
    statements: [{
        effect: "Allow",
        actions: ["sts:AssumeRole"],
        principals: [{ type: "Service", identifiers: ["ecs-tasks.amazonaws.com"] }],
    }],
});

const processor${i} = new aws.iam.Role("processor-${i}", {
    name: \`\${prefix}-processor-${i}\`,
    assumeRolePolicy: processorAssume${i}.json,
    permissionsBoundary: boundary.arn,
    tags,
});

new aws.iam.RolePolicy("processor-${i}", {
    role: processor${i}.id,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            { Effect: "Allow", Action: ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"], Resource: "*" },
            logStatement,
        ],
    }),
});

const worker${i} = new aws.iam.Role("worker-${i}", {
    name: \`\${prefix}-worker-${i}\`,
    assumeRolePolicy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
    }),
    permissionsBoundary: boundary.arn,
    tags,
});

const workerPolicy${i} = new aws.iam.Policy("worker-${i}", {
    name: \`\${prefix}-worker-${i}\`,
    policy: JSON.stringify({
        Version: "2012-10-17",
        Statement: [
            {
                Effect: "Allow",
                Action: ["s3:GetObject", "s3:ListBucket"],
                Resource: [\`arn:aws:s3:::\${prefix}-data-${i}\`, \`arn:aws:s3:::\${prefix}-data-${i}/*\`],
            },
            { ...logStatement, Sid: "Logs${i}" },
        ],
    }),
    tags,
});

new aws.iam.RolePolicyAttachment("worker-${i}", {
    role: worker${i}.name,
    policyArn: workerPolicy${i}.arn,
});

const data${i} = new aws.s3.BucketV2("data-${i}", {
    bucket: \`\${prefix}-data-${i}\`,
    forceDestroy: false,
    tags,
});

new aws.s3.BucketPublicAccessBlock("data-${i}", {
    bucket: data${i}.id,
    blockPublicAcls: true,
    blockPublicPolicy: true,
    ignorePublicAcls: true,
    restrictPublicBuckets: true,
});

const logs${i} = new aws.cloudwatch.LogGroup("workflow-${i}", {
    name: \`/pennsieve/\${nodeId}/workflow-${i}\`,
    retentionInDays: 30,
    tags,
});

export const worker${i}Function = new aws.lambda.Function("worker-${i}", {
    role: worker${i}.arn,
    runtime: "nodejs20.x",
    handler: "index.handler",
    code: new pulumi.asset.FileArchive("./worker"),
    environment: { variables: { BUCKET: data${i}.bucket, LOG_GROUP: logs${i}.name } },
    timeout: 60,
    tags,
});
`;
}

/** A program of at least `lines` lines. */
export function pulumiProgram(lines: number): string {
  let text = HEADER;
  for (let i = 1; text.split('\n').length < lines; i++) text += block(i);
  return text;
}
