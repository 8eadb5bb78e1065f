import { strict as assert } from 'node:assert';
import { BACKEND_OPTIONS, backendConfig, parseFlags, UsageError } from '../../../backend/src/config';

const config = (...argv: string[]) =>
  backendConfig(parseFlags(['--data', '/tmp/d', ...argv], BACKEND_OPTIONS), { identitiesFile: '/tmp/i.yaml' });

describe('backend flags: --store-endpoint', () => {
  it('gives the DynamoDB store its own endpoint, apart from the emulated customer account', () => {
    const c = config(
      '--aws-endpoint',
      'http://127.0.0.1:5000',
      '--store',
      'dynamodb',
      '--store-endpoint',
      'http://127.0.0.1:5001',
    );
    assert.equal(c.awsEndpoint, 'http://127.0.0.1:5000');
    assert.equal(c.storeEndpoint, 'http://127.0.0.1:5001');
  });

  it('is absent unless given (the store then uses --aws-endpoint)', () => {
    assert.equal(config('--aws-endpoint', 'http://127.0.0.1:5000', '--store', 'dynamodb').storeEndpoint, undefined);
  });

  it('is refused without --store dynamodb', () => {
    assert.throws(
      () => config('--store-endpoint', 'http://127.0.0.1:5001'),
      (e: unknown) => e instanceof UsageError,
    );
  });
});
