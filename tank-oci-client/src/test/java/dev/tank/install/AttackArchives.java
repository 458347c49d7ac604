package dev.tank.install;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

/**
 * Writes tar.gz archives header byte by header byte, so tests can build what no honest writer
 * produces (absolute names, links, devices, lying PAX records) without commons-compress normalising
 * it away on the write side.
 */
final class AttackArchives {
  static final byte FILE = '0';
  static final byte HARD_LINK = '1';
  static final byte SYMLINK = '2';
  static final byte CHAR_DEVICE = '3';
  static final byte BLOCK_DEVICE = '4';
  static final byte DIRECTORY = '5';
  static final byte FIFO = '6';

  private static final int RECORD = 512;
  private static final int BLOCK = 10240;

  private AttackArchives() {}

  /** A gzip-compressed tar with the entries {@code body} writes and a proper end marker. */
  static byte[] tarGz(Consumer<Tar> body) {
    return gzip(
        tar -> {
          body.accept(tar);
          tar.end();
        });
  }

  /** A gzip-compressed stream of whatever {@code body} writes, with no end marker added. */
  static byte[] gzip(Consumer<Tar> body) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gzip = new GZIPOutputStream(bytes, 64 * 1024)) {
      body.accept(new Tar(gzip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** A raw tar writer on top of any stream. */
  static final class Tar {
    private final OutputStream out;
    private long written;

    Tar(OutputStream out) {
      this.out = out;
    }

    Tar file(String name, String text) {
      return entry(name, FILE, 0644, "", text.getBytes(UTF_8));
    }

    Tar executable(String name, String text) {
      return entry(name, FILE, 0755, "", text.getBytes(UTF_8));
    }

    Tar directory(String name) {
      return entry(name, DIRECTORY, 0755, "", new byte[0]);
    }

    Tar symlink(String name, String target) {
      return entry(name, SYMLINK, 0777, target, new byte[0]);
    }

    Tar hardLink(String name, String target) {
      return entry(name, HARD_LINK, 0644, target, new byte[0]);
    }

    Tar entry(String name, byte type, int mode, String linkName, byte[] data) {
      header(name, type, mode, data.length, linkName);
      return data(data).pad();
    }

    /** A file of {@code size} zero bytes, streamed so the test never holds it in memory. */
    Tar zeros(String name, long size) {
      header(name, FILE, 0644, size, "");
      byte[] chunk = new byte[64 * 1024];
      for (long left = size; left > 0; left -= chunk.length) {
        write(chunk, (int) Math.min(chunk.length, left));
      }
      return pad();
    }

    /** A local PAX record set ('x') that applies to the next entry. */
    Tar pax(String... keysAndValues) {
      byte[] records = paxRecords(keysAndValues);
      header("PaxHeaders/next", (byte) 'x', 0644, records.length, "");
      return data(records).pad();
    }

    /** A global PAX record set ('g') that applies to every later entry. */
    Tar globalPax(String... keysAndValues) {
      byte[] records = paxRecords(keysAndValues);
      header("GlobalHead", (byte) 'g', 0644, records.length, "");
      return data(records).pad();
    }

    /** A GNU long-name record ('L') that names the next entry. */
    Tar gnuLongName(String name) {
      byte[] data = (name + "\0").getBytes(UTF_8);
      header("././@LongLink", (byte) 'L', 0644, data.length, "");
      return data(data).pad();
    }

    /** One ustar header; the caller writes the data and padding. */
    Tar header(String name, byte type, int mode, long size, String linkName) {
      byte[] h = new byte[RECORD];
      text(h, 0, 100, name);
      octal(h, 100, 8, mode);
      octal(h, 108, 8, 1000);
      octal(h, 116, 8, 1000);
      octal(h, 124, 12, size);
      octal(h, 136, 12, 1_700_000_000L);
      h[156] = type;
      text(h, 157, 100, linkName);
      text(h, 257, 6, "ustar");
      text(h, 263, 2, "00");
      text(h, 265, 32, "tank");
      text(h, 297, 32, "tank");
      octal(h, 329, 8, 0);
      octal(h, 337, 8, 0);
      Arrays.fill(h, 148, 156, (byte) ' ');
      long sum = 0;
      for (byte b : h) {
        sum += b & 0xff;
      }
      octal(h, 148, 7, sum);
      write(h, RECORD);
      return this;
    }

    Tar data(byte[] data) {
      write(data, data.length);
      return this;
    }

    /** Zero bytes up to the next record boundary. */
    Tar pad() {
      int rest = (int) (written % RECORD);
      if (rest != 0) {
        write(new byte[RECORD - rest], RECORD - rest);
      }
      return this;
    }

    /** The end-of-archive marker (two zero records) and padding to a 10 KiB block. */
    Tar end() {
      write(new byte[2 * RECORD], 2 * RECORD);
      int rest = (int) (written % BLOCK);
      if (rest != 0) {
        write(new byte[BLOCK - rest], BLOCK - rest);
      }
      return this;
    }

    private void write(byte[] bytes, int length) {
      try {
        out.write(bytes, 0, length);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      written += length;
    }
  }

  private static byte[] paxRecords(String... keysAndValues) {
    ByteArrayOutputStream records = new ByteArrayOutputStream();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      byte[] body = (" " + keysAndValues[i] + "=" + keysAndValues[i + 1] + "\n").getBytes(UTF_8);
      // The length prefix counts its own digits.
      int length = body.length + 1;
      while (length != body.length + String.valueOf(length).length()) {
        length = body.length + String.valueOf(length).length();
      }
      records.writeBytes(String.valueOf(length).getBytes(UTF_8));
      records.writeBytes(body);
    }
    return records.toByteArray();
  }

  private static void text(byte[] header, int offset, int length, String value) {
    byte[] bytes = value.getBytes(UTF_8);
    if (bytes.length > length) {
      throw new IllegalArgumentException("does not fit in " + length + " bytes: " + value);
    }
    System.arraycopy(bytes, 0, header, offset, bytes.length);
  }

  /** Zero-padded octal in {@code length - 1} digits and a NUL, as ustar writes numbers. */
  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    if (digits.length() > length - 1) {
      throw new IllegalArgumentException("does not fit in " + length + " bytes: " + value);
    }
    text(header, offset, length, "0".repeat(length - 1 - digits.length()) + digits);
  }
}
