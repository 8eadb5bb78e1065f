// AssumeRole against moto: the session, the duration, and failures as AWS would produce them.

import assert from 'node:assert/strict';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { EMULATOR_CREDENTIALS } from '../../../backend/src/app';
import { assumeAccountRole, AssumeRoleError, SESSION_SECONDS } from '../../../backend/src/provisioner/assumeRole';
import { roleTemplate } from '../../../backend/src/provisioner/rolePolicy';
import type { MotoServer } from '../../../backend/src/sandbox/moto';
import { createCrossAccountRole } from '../support/aws';
import { startTestMoto } from '../support/moto';

describe('assumeAccountRole (moto)', () => {
  let moto: MotoServer;
  const customer = '210987654321';
  before(async () => {
    moto = await startTestMoto();
  });
  after(async () => {
    await moto?.stop();
  });

  const config = () => ({
    target: { region: 'us-east-1', endpoint: moto.endpoint },
    baseCredentials: EMULATOR_CREDENTIALS,
    provisionerAccountId: '123456789012',
  });

  it('assumes the role with the external ID, session pennsieve-<identifier>, for one hour', async () => {
    const template = roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' });
    await createCrossAccountRole(moto.endpoint, customer, template);
    const before = Date.now();
    const creds = await assumeAccountRole(config(), {
      accountId: customer,
      roleName: template.roleName,
      externalId: template.externalId,
      identifier: '0a1b2c3d',
    });
    assert.ok(creds.accessKeyId && creds.secretAccessKey && creds.sessionToken);
    const lifetime = (creds.expiration?.getTime() ?? 0) - before;
    assert.ok(Math.abs(lifetime - SESSION_SECONDS * 1000) < 120_000, `credentials last ${lifetime} ms`);
    const sts = new STSClient({ region: 'us-east-1', endpoint: moto.endpoint, credentials: creds });
    const me = await sts.send(new GetCallerIdentityCommand({}));
    sts.destroy();
    assert.equal(me.Account, customer);
    assert.equal(me.Arn, `arn:aws:sts::${customer}:assumed-role/${template.roleName}/pennsieve-0a1b2c3d`);
  });

  it('fails like AWS for a wrong external ID, a missing role and an unusable account', async () => {
    const template = roleTemplate({ environment: 'sandbox', provisionerAccountId: '123456789012' });
    await createCrossAccountRole(moto.endpoint, customer, template);
    const attempt = (fields: { accountId?: string; roleName?: string; externalId?: string }) =>
      assumeAccountRole(config(), {
        accountId: customer,
        roleName: template.roleName,
        externalId: template.externalId,
        identifier: '0a1b2c3d',
        ...fields,
      });
    await assert.rejects(
      attempt({ externalId: 'wrong' }),
      (err: unknown) =>
        err instanceof AssumeRoleError && /AccessDenied: the external ID does not match/.test(err.message),
    );
    await assert.rejects(
      attempt({ roleName: 'Pennsieve-Compute-sandbox-deadbeef' }),
      (err: unknown) => err instanceof AssumeRoleError && /NoSuchEntity/.test(err.message),
    );
    await assert.rejects(
      attempt({ accountId: 'not-an-account' }),
      (err: unknown) => err instanceof AssumeRoleError && /no usable role/.test(err.message),
    );
  });
});
