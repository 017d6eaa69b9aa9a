import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAttachmentStore, type AttachmentStore } from './attachment-store.ts';
import { SAMPLES } from './samples.fixture.ts';

const PNG_SHA256 = createHash('sha256').update(SAMPLES.png).digest('hex');

describe('storing attachments by their content', () => {
  let dir: string;
  let store: AttachmentStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jiesu-attachments-'));
    store = createAttachmentStore(join(dir, 'not-yet-created'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('saves under the hash, sharded by its first two hex digits, creating directories as needed', async () => {
    const saved = await store.save(SAMPLES.png, 'image/png');

    expect(saved).toEqual({
      sha256: PNG_SHA256,
      size: SAMPLES.png.length,
      mime: 'image/png',
      path: join(dir, 'not-yet-created', PNG_SHA256.slice(0, 2), `${PNG_SHA256}.png`),
      existed: false,
    });
    expect(await readFile(saved.path)).toEqual(SAMPLES.png);
  });

  it('stores the same photo sent twice once, and says it already had it', async () => {
    const first = await store.save(SAMPLES.png, 'image/png');
    const second = await store.save(Buffer.from(SAMPLES.png), 'image/png');

    expect(second).toEqual({ ...first, existed: true });
    expect(await readdir(join(dir, 'not-yet-created', PNG_SHA256.slice(0, 2)))).toEqual([`${PNG_SHA256}.png`]);
  });

  it('leaves no temporary files behind, even when the same bytes are saved concurrently', async () => {
    const results = await Promise.all([1, 2, 3].map(() => store.save(SAMPLES.jpeg, 'image/jpeg')));

    expect(new Set(results.map((result) => result.path)).size).toBe(1);
    const shard = join(dir, 'not-yet-created', results[0]!.sha256.slice(0, 2));
    expect(await readdir(shard)).toEqual([`${results[0]!.sha256}.jpg`]);
  });

  it('reads back what it saved, whatever the extension', async () => {
    const pdf = await store.save(SAMPLES.pdf, 'application/pdf');
    const heic = await store.save(SAMPLES.heic, 'image/heic');

    expect(await store.read(pdf.sha256)).toEqual(SAMPLES.pdf);
    expect(await store.read(heic.sha256.toUpperCase())).toEqual(SAMPLES.heic);
  });

  it('reads nothing for an unknown hash or for anything that is not a hash', async () => {
    await store.save(SAMPLES.png, 'image/png');

    expect(await store.read('0'.repeat(64))).toBeUndefined();
    expect(await store.read(`../${PNG_SHA256.slice(0, 2)}/${PNG_SHA256}`)).toBeUndefined();
    expect(await store.read('')).toBeUndefined();
  });

  it('refuses a type that did not come from the attachment check', async () => {
    await expect(store.save(Buffer.from('<html></html>'), 'text/html')).rejects.toMatchObject({ code: 'attachment_unchecked' });
  });
});
