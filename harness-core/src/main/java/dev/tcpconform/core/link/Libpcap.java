package dev.tcpconform.core.link;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.tcpconform.core.HarnessException;
import java.lang.reflect.Field;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.pcap4j.core.PcapHandle;

/**
 * The two libpcap calls made once per frame, {@code pcap_next_ex} and {@code pcap_sendpacket},
 * bound directly with JNA on the {@code pcap_t} a pcap4j {@link PcapHandle} opened. Everything
 * else (opening, options, the filter, statistics, {@code pcap_breakloop}, closing) stays with
 * pcap4j.
 *
 * <p>Why: pcap4j's per-frame wrappers cost more than the frame. {@code getNextRawPacketEx}
 * allocates two JNA {@code PointerByReference}s per call (each a {@code malloc}, an entry in
 * JNA's map of live memory and a cleaner), plus a {@code Timestamp} and two thread-local writes;
 * a bare pcap4j reader measured 3.4-3.9 us of CPU per frame and lost frames at 45-90 k frames/s,
 * where this binding read 400,000 of 400,000 at 134-156 k frames/s with 2.5 us. {@code
 * sendPacket} takes the handle's {@code ReentrantReadWriteLock} as a reader; while the capture
 * thread holds it (it does for as long as it waits in {@code pcap_next_ex}), every other reader
 * goes through the lock's per-thread hold counter ({@code ThreadLocal} set and remove per send):
 * 0.3-0.45 us a frame, 13 % of a 2.3 us send.
 *
 * <p>Without pcap4j's lock, the caller guards the handle against being closed during a call (see
 * {@link PcapLink}). Stateless apart from the reused buffers of {@link Reader}, which belong to
 * one thread.
 */
final class Libpcap {

  static {
    // the library pcap4j loaded, under the same name and property
    String name = System.getProperty("org.pcap4j.core.pcapLibName",
        Platform.isWindows() ? "wpcap" : "pcap");
    Native.register(Libpcap.class, NativeLibrary.getInstance(name));
  }

  private static final Field HANDLE = handleField();

  private Libpcap() {}

  static native int pcap_next_ex(Pointer p, long[] header, long[] data);

  static native int pcap_sendpacket(Pointer p, Pointer buf, int size);

  static native String pcap_geterr(Pointer p);

  /**
   * The {@code pcap_t} behind a pcap4j handle (pcap4j 1.8.2 keeps it in a private field).
   *
   * @throws HarnessException when this pcap4j keeps it elsewhere
   */
  static Pointer pcapT(PcapHandle handle) {
    if (HANDLE == null) {
      throw new HarnessException("pcap4j's PcapHandle has no field 'handle' holding its pcap_t:"
          + " the harness needs pcap4j 1.8.2 (see the parent pom), not another version");
    }
    try {
      return (Pointer) HANDLE.get(handle);
    } catch (IllegalAccessException e) {
      throw new HarnessException("cannot reach the pcap_t of a pcap4j handle: " + e.getMessage(), e);
    }
  }

  private static Field handleField() {
    try {
      Field f = PcapHandle.class.getDeclaredField("handle");
      f.setAccessible(true);
      return f.getType() == Pointer.class ? f : null;
    } catch (NoSuchFieldException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Sends frames from one thread through one native buffer, written with one copy per frame.
   * Why: JNA hands a {@code byte[]} argument to C through {@code Get/ReleaseByteArrayElements},
   * a copy in, a copy back out and a {@code malloc} and {@code free} per call; a buffer kept by
   * the thread costs one copy.
   */
  static final class Sender {

    private Memory buffer = new Memory(2048);

    /** {@code pcap_sendpacket} of {@code frame}; its return value (0 when sent). */
    int send(Pointer pcap, byte[] frame) {
      if (buffer.size() < frame.length) {
        buffer = new Memory(Math.max(frame.length, 2 * buffer.size()));
      }
      buffer.write(0, frame, 0, frame.length);
      return pcap_sendpacket(pcap, buffer, frame.length);
    }
  }

  /**
   * Reads frames from one {@code pcap_t} on one thread: {@code pcap_next_ex} with the two
   * out-pointers in reused arrays, the header read in one copy, the data in another.
   */
  static final class Reader {

    /** {@code struct pcap_pkthdr}: {@code struct timeval ts; bpf_u_int32 caplen, len;}. */
    private static final int TIMEVAL_FIELD = Native.LONG_SIZE;
    private static final int CAPLEN = 2 * TIMEVAL_FIELD;
    private static final int HEADER = CAPLEN + 8;

    private final Pointer pcap;
    private final long[] headerAt = new long[1];
    private final long[] dataAt = new long[1];
    private final byte[] header = new byte[HEADER];
    private final ByteBuffer fields = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder());
    private long epochNanos;

    Reader(Pointer pcap) {
      this.pcap = pcap;
    }

    /**
     * The next frame's bytes, or null when the read timed out with nothing; {@link
     * #epochNanos()} is then its capture time (the handle opened with nanosecond precision).
     *
     * @throws java.io.EOFException after {@code pcap_breakloop}
     * @throws IllegalStateException with libpcap's message when the read failed
     */
    byte[] next() throws java.io.EOFException {
      int r = pcap_next_ex(pcap, headerAt, dataAt);
      if (r == 0) {
        return null;
      }
      if (r == -2) {
        throw new java.io.EOFException("pcap_breakloop");
      }
      if (r != 1) {
        throw new IllegalStateException(pcap_geterr(pcap));
      }
      new Pointer(headerAt[0]).read(0, header, 0, HEADER);
      long seconds = field(0);
      long nanos = field(TIMEVAL_FIELD);
      int caplen = fields.getInt(CAPLEN);
      byte[] raw = new byte[caplen];
      new Pointer(dataAt[0]).read(0, raw, 0, caplen);
      epochNanos = seconds * 1_000_000_000L + nanos;
      return raw;
    }

    long epochNanos() {
      return epochNanos;
    }

    /** A C {@code long} of the header (a field of {@code struct timeval}). */
    private long field(int off) {
      return TIMEVAL_FIELD == 8 ? fields.getLong(off) : fields.getInt(off);
    }
  }
}
