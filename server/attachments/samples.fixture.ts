/**
 * The smallest byte strings that carry each format's real signature, so tests exercise sniffing on
 * what cameras and phones actually produce without binary fixture files.
 */

const bytes = (...parts: (string | number[] | Buffer)[]) =>
  Buffer.concat(parts.map((part) => (typeof part === 'string' ? Buffer.from(part, 'latin1') : Buffer.from(part))));

const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];

/** An ISO media `ftyp` box: size, "ftyp", major brand, minor version, compatible brands. */
const ftyp = (major: string, compatible: string[]) =>
  bytes(u32(16 + 4 * compatible.length), 'ftyp', major, u32(0), ...compatible);

export const SAMPLES = {
  // SOI then a JFIF APP0 segment.
  jpeg: bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], 'JFIF', [0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]),
  // Signature then the IHDR chunk of a 1×1 RGBA image (length, type, data, CRC).
  png: bytes(
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    u32(13),
    'IHDR',
    u32(1),
    u32(1),
    [0x08, 0x06, 0x00, 0x00, 0x00],
    [0x1f, 0x15, 0xc4, 0x89],
  ),
  webp: bytes('RIFF', [0x1a, 0x00, 0x00, 0x00], 'WEBPVP8L', [0x0d, 0x00, 0x00, 0x00, 0x2f, 0x00, 0x00, 0x00]),
  gif: bytes('GIF89a', [0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00]),
  heic: bytes(ftyp('heic', ['mif1', 'heic']), u32(0)),
  heifMif1: bytes(ftyp('mif1', ['mif1', 'heic']), u32(0)),
  avif: bytes(ftyp('avif', ['avif', 'mif1', 'miaf']), u32(0)),
  avifAsMif1: bytes(ftyp('mif1', ['mif1', 'avif', 'miaf']), u32(0)),
  pdf: bytes('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'),
};
