// The package version, injected by the bundler; "dev" when running from source.
declare const PENNSIEVE_GUARD_VERSION: string | undefined;

export const VERSION: string = typeof PENNSIEVE_GUARD_VERSION === 'string' ? PENNSIEVE_GUARD_VERSION : '0.0.0-dev';
