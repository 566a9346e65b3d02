import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { displayPath, projectRoot } from '../../src/paths.js';
import { CommandFailure } from '../command.js';

// `npm run auth:token`: a key pair of this machine's own (in data/dev-auth/, or --keys <folder>) and
// a token signed with it, so the service can run with identity checks locally (tests of roles, a
// frontend against a local service) without an identity provider. The settings it prints make the
// service trust that key only.

const KEY_DIR = 'data/dev-auth';
const DEV_ISSUER = 'http://localhost/dev-issuer';
const DEV_AUDIENCE = 'data-product-portal';

/** The local key pair, made on first use (ES256); the private key never leaves this folder. */
function localKeys(folder: string): { privateKey: KeyObject; publicFile: string } {
  const privateFile = path.join(folder, 'private.pem');
  const publicFile = path.join(folder, 'public.pem');
  if (!existsSync(privateFile)) {
    const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    mkdirSync(folder, { recursive: true });
    writeFileSync(privateFile, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
      mode: 0o600,
    });
    writeFileSync(publicFile, pair.publicKey.export({ type: 'spki', format: 'pem' }));
    console.error(`Made a key pair for local tokens in ${displayPath(folder)}/.`);
  }
  const privateKey = createPrivateKey(readFileSync(privateFile));
  // Re-derive the public key so a hand-edited public.pem cannot disagree with the private one.
  writeFileSync(publicFile, createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }));
  return { privateKey, publicFile };
}

/** Puts the roles where AUTH_ROLES_CLAIM says the service reads them (a dotted path nests). */
function rolesClaim(claimPath: string, roles: string[]): Record<string, unknown> {
  return claimPath
    .split('.')
    .reduceRight<unknown>((value, segment) => ({ [segment]: value }), roles) as Record<
    string,
    unknown
  >;
}

export async function authToken(args: readonly string[]): Promise<undefined> {
  const { values } = parseArgs({
    args: [...args],
    options: {
      roles: { type: 'string', default: '' },
      subject: { type: 'string', default: 'local-developer' },
      expires: { type: 'string', default: '1h' },
      keys: { type: 'string', default: KEY_DIR },
    },
  });
  if (process.env.NODE_ENV === 'production')
    throw new CommandFailure(
      'auth:token mints tokens with a key of this machine: it is for local tests, not production.',
    );
  const issuer = process.env.AUTH_ISSUER || DEV_ISSUER;
  const audience = process.env.AUTH_AUDIENCE?.split(',')[0]?.trim() || DEV_AUDIENCE;
  const claimPath = process.env.AUTH_ROLES_CLAIM || 'roles';
  const roles = values.roles
    .split(',')
    .map((role) => role.trim())
    .filter(Boolean);
  const { privateKey, publicFile } = localKeys(path.resolve(projectRoot, values.keys));
  const token = await new SignJWT(rolesClaim(claimPath, roles))
    .setProtectedHeader({ alg: 'ES256' })
    .setIssuer(issuer)
    .setAudience(audience)
    .setSubject(values.subject)
    .setIssuedAt()
    .setExpirationTime(values.expires)
    .sign(privateKey);
  const publicKey = displayPath(publicFile);
  if (process.env.AUTH_PUBLIC_KEY && process.env.AUTH_PUBLIC_KEY !== publicKey)
    console.error(
      `Note: AUTH_PUBLIC_KEY is set to another key; this token verifies against ${publicKey}.`,
    );
  console.error(
    `Start the service with: AUTH_ISSUER=${issuer} AUTH_AUDIENCE=${audience} AUTH_PUBLIC_KEY=${publicKey}`,
  );
  // The token alone on standard output: TOKEN=$(npm run -s auth:token -- --roles admin)
  console.log(token);
  return undefined;
}
