// Isolate-side JavaScript: `$crypto`, pure JavaScript SHA-256, SHA-1, MD5 and HMAC over UTF-8 strings
// (the isolate has no WebCrypto or node:crypto). Tested against node:crypto in stdlib-crypto.test.ts.
export const stdlibCryptoSource = String.raw`
const SHA256_K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];
const MD5_S = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21];
const MD5_K = [];
for (let i = 0; i < 64; i++) MD5_K.push(mathFloor(mathAbs(Math.sin(i + 1)) * 4294967296) | 0);

// Message padding shared by the three hashes: 0x80, zeros, then the bit length in 8 bytes.
function padded(bytes, littleEndian) {
  const data = bytes.slice();
  const bits = bytes.length * 8;
  data.push(0x80);
  while (data.length % 64 !== 56) data.push(0);
  const low = bits >>> 0;
  const high = mathFloor(bits / 4294967296) >>> 0;
  const length = [];
  for (let i = 0; i < 4; i++) length.push((low >>> (8 * i)) & 255);
  for (let i = 0; i < 4; i++) length.push((high >>> (8 * i)) & 255);
  if (!littleEndian) length.reverse();
  for (const byte of length) data.push(byte);
  return data;
}

function wordsToBytes(words, littleEndian) {
  const bytes = [];
  for (const word of words) {
    for (let i = 0; i < 4; i++) bytes.push((word >>> (littleEndian ? 8 * i : 24 - 8 * i)) & 255);
  }
  return bytes;
}

function rotl(x, n) {
  return (x << n) | (x >>> (32 - n));
}

function sha256Bytes(bytes) {
  const data = padded(bytes, false);
  const h = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
  const w = [];
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3];
    }
    for (let i = 16; i < 64; i++) {
      const s0 = rotl(w[i - 15], 25) ^ rotl(w[i - 15], 14) ^ (w[i - 15] >>> 3);
      const s1 = rotl(w[i - 2], 15) ^ rotl(w[i - 2], 13) ^ (w[i - 2] >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, k] = h;
    for (let i = 0; i < 64; i++) {
      const t1 = (k + (rotl(e, 26) ^ rotl(e, 21) ^ rotl(e, 7)) + ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      const t2 = ((rotl(a, 30) ^ rotl(a, 19) ^ rotl(a, 10)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    const next = [a, b, c, d, e, f, g, k];
    for (let i = 0; i < 8; i++) h[i] = (h[i] + next[i]) | 0;
  }
  return wordsToBytes(h, false);
}

function sha1Bytes(bytes) {
  const data = padded(bytes, false);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
  const w = [];
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      w[i] = (data[j] << 24) | (data[j + 1] << 16) | (data[j + 2] << 8) | data[j + 3];
    }
    for (let i = 16; i < 80; i++) w[i] = rotl(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
    let [a, b, c, d, e] = h;
    for (let i = 0; i < 80; i++) {
      const f = i < 20 ? (b & c) | (~b & d) : i < 40 ? b ^ c ^ d : i < 60 ? (b & c) | (b & d) | (c & d) : b ^ c ^ d;
      const k = i < 20 ? 0x5a827999 : i < 40 ? 0x6ed9eba1 : i < 60 ? 0x8f1bbcdc : 0xca62c1d6;
      const t = (rotl(a, 5) + f + e + k + w[i]) | 0;
      e = d;
      d = c;
      c = rotl(b, 30);
      b = a;
      a = t;
    }
    const next = [a, b, c, d, e];
    for (let i = 0; i < 5; i++) h[i] = (h[i] + next[i]) | 0;
  }
  return wordsToBytes(h, false);
}

function md5Bytes(bytes) {
  const data = padded(bytes, true);
  const h = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476];
  const m = [];
  for (let offset = 0; offset < data.length; offset += 64) {
    for (let i = 0; i < 16; i++) {
      const j = offset + i * 4;
      m[i] = data[j] | (data[j + 1] << 8) | (data[j + 2] << 16) | (data[j + 3] << 24);
    }
    let [a, b, c, d] = h;
    for (let i = 0; i < 64; i++) {
      const round = i >> 4;
      const f = round === 0 ? (b & c) | (~b & d) : round === 1 ? (d & b) | (~d & c) : round === 2 ? b ^ c ^ d : c ^ (b | ~d);
      const g = round === 0 ? i : round === 1 ? (5 * i + 1) % 16 : round === 2 ? (3 * i + 5) % 16 : (7 * i) % 16;
      const rotated = rotl((a + f + MD5_K[i] + m[g]) | 0, MD5_S[round * 4 + (i % 4)]);
      a = d;
      d = c;
      c = b;
      b = (b + rotated) | 0;
    }
    const next = [a, b, c, d];
    for (let i = 0; i < 4; i++) h[i] = (h[i] + next[i]) | 0;
  }
  return wordsToBytes(h, true);
}

function hmacBytes(hash, key, message) {
  let block = key.length > 64 ? hash(key) : key.slice();
  while (block.length < 64) block.push(0);
  const inner = block.map((byte) => byte ^ 0x36).concat(message);
  const outer = block.map((byte) => byte ^ 0x5c).concat(hash(inner));
  return hash(outer);
}

function encodeDigest(bytes, encoding, where) {
  if (encoding === undefined || encoding === 'hex') {
    let out = '';
    for (const byte of bytes) out += (byte < 16 ? '0' : '') + byte.toString(16);
    return out;
  }
  if (encoding === 'base64') return base64FromBytes(bytes);
  throw new RangeError(where + ' encoding is "hex" or "base64"');
}

function digestFunction(name, hash) {
  return (text, encoding) => encodeDigest(hash(utf8Encode(requireString(text, '$crypto.' + name))), encoding, '$crypto.' + name);
}

function hmacFunction(name, hash) {
  return (key, message, encoding) => {
    const where = '$crypto.' + name;
    const mac = hmacBytes(hash, utf8Encode(requireString(key, where + ' key')), utf8Encode(requireString(message, where + ' message')));
    return encodeDigest(mac, encoding, where);
  };
}

const $crypto = {
  sha256: digestFunction('sha256', sha256Bytes),
  sha1: digestFunction('sha1', sha1Bytes),
  md5: digestFunction('md5', md5Bytes),
  hmacSha256: hmacFunction('hmacSha256', sha256Bytes),
  hmacSha1: hmacFunction('hmacSha1', sha1Bytes),
};
`;
