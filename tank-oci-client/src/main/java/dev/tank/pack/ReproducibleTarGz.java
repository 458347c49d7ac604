package dev.tank.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes a gzip-compressed POSIX tar whose bytes depend on nothing but the entries given.
 *
 * <p>Every header has mtime 0, uid/gid 0, empty owner names, mode 0644 or 0755 and type "regular
 * file"; names longer than the ustar field go into a PAX {@code path} record with the same fixed
 * fields. The gzip header has mtime 0, no file name and OS "unknown" (255), and the deflate stream
 * is zlib level 9 with the default strategy. Written by hand rather than with a tar library because
 * libraries stamp the current time, the user name or their own padding, which is exactly what a
 * reproducible build cannot have.
 */
final class ReproducibleTarGz {
  private static final int BLOCK = 512;

  private final ByteArrayOutputStream tar = new ByteArrayOutputStream();

  /** Appends one regular file. Callers add entries in sorted order. */
  void add(String path, byte[] content, boolean executable) {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length > 100) {
      byte[] record = paxRecord("path", path);
      writeHeader(("PaxHeaders/" + shortName(path)).getBytes(StandardCharsets.UTF_8), record.length, 0644, (byte) 'x');
      writePadded(record);
      name = shortName(path).getBytes(StandardCharsets.UTF_8);
    }
    writeHeader(name, content.length, executable ? 0755 : 0644, (byte) '0');
    writePadded(content);
  }

  /** Finishes the archive (two zero blocks) and returns it gzip-compressed. */
  byte[] finish() {
    tar.writeBytes(new byte[BLOCK * 2]);
    return gzip(tar.toByteArray());
  }

  private static String shortName(String path) {
    // A stable stand-in for the ustar name field; readers use the PAX path instead.
    byte[] b = path.getBytes(StandardCharsets.UTF_8);
    String tail = path.substring(path.lastIndexOf('/') + 1);
    byte[] t = tail.getBytes(StandardCharsets.UTF_8);
    if (t.length <= 100) {
      return tail;
    }
    return new String(b, b.length - 100, 100, StandardCharsets.ISO_8859_1).replaceAll("[^A-Za-z0-9._-]", "_");
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int len = body.getBytes(StandardCharsets.UTF_8).length;
    int total = len + String.valueOf(len).length();
    if (String.valueOf(total).length() != String.valueOf(len).length()) {
      total = len + String.valueOf(total).length();
    }
    return (total + body).getBytes(StandardCharsets.UTF_8);
  }

  private void writeHeader(byte[] name, long size, int mode, byte type) {
    byte[] h = new byte[BLOCK];
    System.arraycopy(name, 0, h, 0, Math.min(name.length, 100));
    octal(h, 100, 8, mode);
    octal(h, 108, 8, 0);
    octal(h, 116, 8, 0);
    octal(h, 124, 12, size);
    octal(h, 136, 12, 0);
    h[156] = type;
    byte[] magic = "ustar\0".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(magic, 0, h, 257, 6);
    h[263] = '0';
    h[264] = '0';
    octal(h, 329, 8, 0);
    octal(h, 337, 8, 0);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    octal(h, 148, 7, sum);
    h[155] = ' ';
    tar.writeBytes(h);
  }

  private static void octal(byte[] h, int off, int len, long value) {
    String s = Long.toOctalString(value);
    int digits = len - 1;
    if (s.length() > digits) {
      throw new IllegalArgumentException("value too large for tar field: " + value);
    }
    s = "0".repeat(digits - s.length()) + s;
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(b, 0, h, off, digits);
    h[off + digits] = 0;
  }

  private void writePadded(byte[] content) {
    tar.writeBytes(content);
    int rem = content.length % BLOCK;
    if (rem != 0) {
      tar.writeBytes(new byte[BLOCK - rem]);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3 + 64);
    // RFC 1952 header: ID1 ID2 CM=8 FLG=0 MTIME=0 XFL=2 (max compression) OS=255.
    out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, (byte) 0xff});
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      byte[] buf = new byte[65536];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
    } finally {
      deflater.end();
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    writeIntLe(out, (int) crc.getValue());
    writeIntLe(out, data.length);
    return out.toByteArray();
  }

  private static void writeIntLe(OutputStream out, int v) {
    try {
      out.write(v & 0xff);
      out.write((v >>> 8) & 0xff);
      out.write((v >>> 16) & 0xff);
      out.write((v >>> 24) & 0xff);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
