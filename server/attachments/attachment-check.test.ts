import { describe, expect, it } from 'vitest';
import { attachmentRejectionError, checkAttachment, MAX_ATTACHMENT_BYTES } from './attachment-check.ts';
import { SAMPLES } from './samples.fixture.ts';

describe('checking an attachment', () => {
  it.each([
    ['a JPEG photo', SAMPLES.jpeg, 'image/jpeg', 'jpg'],
    ['a PNG screenshot', SAMPLES.png, 'image/png', 'png'],
    ['a WebP image', SAMPLES.webp, 'image/webp', 'webp'],
    ['a GIF', SAMPLES.gif, 'image/gif', 'gif'],
    ['an iPhone HEIC photo', SAMPLES.heic, 'image/heic', 'heic'],
    ['a generic HEIF still image', SAMPLES.heifMif1, 'image/heic', 'heic'],
    ['a PDF document', SAMPLES.pdf, 'application/pdf', 'pdf'],
  ])('accepts %s by its content', (_name, bytes, mime, extension) => {
    expect(checkAttachment(bytes)).toEqual({ ok: true, mime, extension });
  });

  it('accepts a type declared the way clients commonly spell it', () => {
    expect(checkAttachment(SAMPLES.jpeg, 'image/jpg').ok).toBe(true);
    expect(checkAttachment(SAMPLES.jpeg, 'IMAGE/JPEG; charset=binary').ok).toBe(true);
    expect(checkAttachment(SAMPLES.heic, 'image/heif').ok).toBe(true);
    expect(checkAttachment(SAMPLES.pdf, 'application/pdf').ok).toBe(true);
  });

  it('takes a generic octet-stream label as no claim about the type', () => {
    expect(checkAttachment(SAMPLES.png, 'application/octet-stream')).toMatchObject({ ok: true, mime: 'image/png' });
  });

  it('rejects an empty file', () => {
    expect(checkAttachment(Buffer.alloc(0))).toMatchObject({ ok: false, code: 'empty', message: 'The attachment is empty.' });
  });

  it('rejects a text file, even one named and declared as a photo', () => {
    const text = Buffer.from('投诉：望京街道花家地北里3号楼夜间施工噪音', 'utf8');
    expect(checkAttachment(text)).toMatchObject({ ok: false, code: 'unsupported_type' });
    expect(checkAttachment(text, 'image/jpeg')).toMatchObject({ ok: false, code: 'unsupported_type' });
  });

  it('rejects an SVG, which is text that could run scripts when opened', () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const result = checkAttachment(svg, 'image/svg+xml');
    expect(result).toMatchObject({ ok: false, code: 'unsupported_type' });
    if (!result.ok) expect(result.message).toContain('JPEG, PNG, WebP, GIF or HEIC images, or PDF documents');
  });

  it('rejects an AVIF image even though it shares the HEIF container', () => {
    expect(checkAttachment(SAMPLES.avif)).toMatchObject({ ok: false, code: 'unsupported_type' });
    expect(checkAttachment(SAMPLES.avifAsMif1)).toMatchObject({ ok: false, code: 'unsupported_type' });
  });

  it('rejects a file whose declared type disagrees with its content', () => {
    expect(checkAttachment(SAMPLES.png, 'image/jpeg')).toEqual({
      ok: false,
      code: 'type_mismatch',
      message: 'The file was declared as image/jpeg but its content is image/png.',
    });
    expect(checkAttachment(SAMPLES.pdf, 'image/png')).toMatchObject({ ok: false, code: 'type_mismatch' });
  });

  it('accepts a file of exactly the maximum size and rejects one byte more', () => {
    const atLimit = Buffer.alloc(MAX_ATTACHMENT_BYTES);
    SAMPLES.jpeg.copy(atLimit);
    expect(checkAttachment(atLimit).ok).toBe(true);

    const over = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1);
    SAMPLES.jpeg.copy(over);
    expect(checkAttachment(over)).toEqual({
      ok: false,
      code: 'too_large',
      message: 'The attachment is 10.1 MiB; the limit is 10 MiB.',
    });
  });

  it('turns a rejection into an exposed API error with a fitting status', () => {
    const tooLarge = checkAttachment(Buffer.alloc(MAX_ATTACHMENT_BYTES + 1));
    if (tooLarge.ok) throw new Error('expected a rejection');
    const error = attachmentRejectionError(tooLarge);
    expect(error).toMatchObject({ code: 'attachment_too_large', status: 413, expose: true, message: tooLarge.message });

    const text = checkAttachment(Buffer.from('hello'));
    if (text.ok) throw new Error('expected a rejection');
    expect(attachmentRejectionError(text).status).toBe(415);
  });
});
