import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { AppError } from '../errors.ts';
import { ALLOWED_MIMES, extensionFor, isAllowedMime } from './attachment-check.ts';

export interface StoredAttachment {
  sha256: string;
  size: number;
  mime: string;
  path: string;
  /** True when these exact bytes were already stored (a citizen sent the same photo twice). */
  existed: boolean;
}

export interface AttachmentStore {
  save(bytes: Buffer, mime: string): Promise<StoredAttachment>;
  read(sha256: string): Promise<Buffer | undefined>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;
const EXTENSIONS = ALLOWED_MIMES.map(extensionFor);

/**
 * Files named by their SHA-256 under `<dir>/<first two hex>/<sha256>.<ext>`: the same photo sent
 * twice is stored once, a case only needs to keep the hash, and the two-character shards keep any
 * one directory small. Bytes must have passed `checkAttachment` first; `mime` is its result.
 */
export function createAttachmentStore(dir: string): AttachmentStore {
  // Resolved once so stored paths stay valid if the process changes directory.
  const root = resolve(dir);
  const shardOf = (sha256: string) => join(root, sha256.slice(0, 2));

  return {
    async save(bytes, mime) {
      if (!isAllowedMime(mime)) {
        throw new AppError('attachment_unchecked', `Refusing to store an attachment of type ${mime}; check it first.`);
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const shard = shardOf(sha256);
      const path = join(shard, `${sha256}.${extensionFor(mime)}`);
      const stored = { sha256, size: bytes.length, mime, path };
      if (await exists(path)) return { ...stored, existed: true };

      await mkdir(shard, { recursive: true });
      await writeAtomically(shard, path, bytes);
      // Two concurrent saves of the same new bytes may both report existed: false; both renames
      // put identical content in place, so the file is still whole and stored once.
      return { ...stored, existed: false };
    },

    async read(sha256) {
      const hash = sha256.toLowerCase();
      // Validated because the hash comes from requests and becomes part of a path.
      if (!SHA256_HEX.test(hash)) return undefined;
      for (const extension of EXTENSIONS) {
        try {
          return await readFile(join(shardOf(hash), `${hash}.${extension}`));
        } catch (error) {
          if (!isNotFound(error)) throw error;
        }
      }
      return undefined;
    },
  };
}

/**
 * Readers must never see half a file, even after a crash: write a temp file in the same directory
 * (rename is only atomic within one file system), flush it, then rename it into place.
 */
async function writeAtomically(directory: string, path: string, bytes: Buffer): Promise<void> {
  const temp = join(directory, `.${randomBytes(8).toString('hex')}.tmp`);
  try {
    // Citizens' photos are personal data: not readable by other users of the machine.
    const handle = await open(temp, 'wx', 0o640);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw error;
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';
}
