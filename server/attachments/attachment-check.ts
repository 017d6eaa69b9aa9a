import { AppError } from '../errors.ts';

/**
 * Decides whether bytes a citizen sent may be attached to a case. The type comes from the content
 * (magic bytes), never from a file name or a client's claim: both are attacker-controlled, and a
 * "photo" that is really HTML or SVG would be active content when staff open it.
 */

const MIB = 1024 * 1024;
export const MAX_ATTACHMENT_BYTES = 10 * MIB;

export const ALLOWED_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/heic', 'application/pdf'] as const;
export type AllowedMime = (typeof ALLOWED_MIMES)[number];

const EXTENSIONS: Record<AllowedMime, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/heic': 'heic',
  'application/pdf': 'pdf',
};

export type AttachmentRejectionCode = 'empty' | 'too_large' | 'unsupported_type' | 'type_mismatch';
export type AttachmentCheck =
  | { ok: true; mime: AllowedMime; extension: string }
  | { ok: false; code: AttachmentRejectionCode; message: string };

const ALLOWED_LIST = 'JPEG, PNG, WebP, GIF or HEIC images, or PDF documents';

export function checkAttachment(bytes: Buffer, declaredMime?: string): AttachmentCheck {
  if (bytes.length === 0) return reject('empty', 'The attachment is empty.');
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    return reject('too_large', `The attachment is ${mebibytesRoundedUp(bytes.length)} MiB; the limit is ${MAX_ATTACHMENT_BYTES / MIB} MiB.`);
  }
  const mime = detectMime(bytes);
  if (!mime) return reject('unsupported_type', `This file type is not accepted; attach ${ALLOWED_LIST}.`);
  const declared = declaredMime === undefined ? undefined : normaliseDeclaredMime(declaredMime);
  if (declared !== undefined && declared !== mime) {
    return reject('type_mismatch', `The file was declared as ${declaredMime?.trim()} but its content is ${mime}.`);
  }
  return { ok: true, mime, extension: EXTENSIONS[mime] };
}

export function isAllowedMime(mime: string): mime is AllowedMime {
  return (ALLOWED_MIMES as readonly string[]).includes(mime);
}

export function extensionFor(mime: AllowedMime): string {
  return EXTENSIONS[mime];
}

/** The HTTP form of a rejection, for routes that accept uploads. */
export function attachmentRejectionError(rejection: { code: AttachmentRejectionCode; message: string }): AppError {
  const status = { empty: 400, too_large: 413, unsupported_type: 415, type_mismatch: 400 }[rejection.code];
  return new AppError(`attachment_${rejection.code}`, rejection.message, status, true);
}

/** The allowed type these bytes start with, or undefined. Assumes a non-empty buffer. */
export function detectMime(bytes: Buffer): AllowedMime | undefined {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'image/gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'image/webp';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (isHeic(bytes)) return 'image/heic';
  return undefined;
}

const HEIC_BRANDS = new Set(['heic', 'heix', 'mif1']);

/**
 * HEIC is an ISO media file whose leading `ftyp` box names a HEIF brand. `mif1` is the generic
 * HEIF still-image brand that AVIF files list too, so a `mif1` file that also claims `avif` is
 * AVIF, which staff viewers do not open.
 */
function isHeic(bytes: Buffer): boolean {
  if (bytes.length < 16 || ascii(bytes, 4, 8) !== 'ftyp') return false;
  const major = ascii(bytes, 8, 12);
  if (!HEIC_BRANDS.has(major)) return false;
  if (major !== 'mif1') return true;
  const boxEnd = Math.min(bytes.readUInt32BE(0), bytes.length);
  for (let at = 16; at + 4 <= boxEnd; at += 4) {
    const brand = ascii(bytes, at, at + 4);
    if (brand === 'avif' || brand === 'avis') return false;
  }
  return true;
}

const ALIASES: Record<string, AllowedMime> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  // Android cameras and some browsers label the same HEIF container image/heif.
  'image/heif': 'image/heic',
  'application/x-pdf': 'application/pdf',
};

/**
 * Lower-cased, parameters dropped, common aliases folded. Generic "I don't know" labels (which is
 * what WeChat media downloads and many upload widgets send) count as no claim at all.
 */
function normaliseDeclaredMime(declared: string): string | undefined {
  const bare = (declared.split(';')[0] ?? '').trim().toLowerCase();
  if (bare === '' || bare === 'application/octet-stream' || bare === 'binary/octet-stream') return undefined;
  return ALIASES[bare] ?? bare;
}

function reject(code: AttachmentRejectionCode, message: string): AttachmentCheck {
  return { ok: false, code, message };
}

function startsWith(bytes: Buffer, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, index) => bytes[index] === byte);
}

function ascii(bytes: Buffer, start: number, end: number): string {
  return bytes.length >= end ? bytes.toString('latin1', start, end) : '';
}

/** Rounded up so that a file just over the limit never reads as exactly the limit. */
function mebibytesRoundedUp(size: number): string {
  return (Math.ceil((size / MIB) * 10) / 10).toFixed(1);
}
