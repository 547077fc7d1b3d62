package dev.tcpconform.bench;

import dev.tcpconform.core.HarnessException;
import java.io.EOFException;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.BpfProgram.BpfCompileMode;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;

/**
 * A bare libpcap handle, outside the harness: the baseline the harness is compared with. As a
 * sender its capture filter matches nothing, so the kernel hands it no copies of the frames sent
 * on the interface; as a receiver it is opened as the harness opens its own (immediate mode,
 * nanosecond timestamps, inbound only) and read on the calling thread.
 */
final class Pcap implements AutoCloseable {

  private final String iface;
  private final PcapHandle handle;
  private long lastEpochNanos;

  private Pcap(String iface, PcapHandle handle) {
    this.iface = iface;
    this.handle = handle;
  }

  static Pcap sender(String iface) {
    try {
      PcapHandle h = new PcapHandle.Builder(iface)
          .snaplen(65536)
          .promiscuousMode(PromiscuousMode.NONPROMISCUOUS)
          .timeoutMillis(1)
          .immediateMode(true)
          .build();
      h.setFilter("less 1", BpfCompileMode.OPTIMIZE);
      return new Pcap(iface, h);
    } catch (PcapNativeException | NotOpenException e) {
      throw new HarnessException("cannot open " + iface + " for sending: " + e.getMessage(), e);
    }
  }

  static Pcap receiver(String iface, String filter) {
    try {
      PcapHandle h = new PcapHandle.Builder(iface)
          .snaplen(65536)
          .promiscuousMode(PromiscuousMode.PROMISCUOUS)
          .timeoutMillis(1)
          .immediateMode(true)
          .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
          .bufferSize(8 << 20)
          .direction(PcapHandle.PcapDirection.IN)
          .build();
      h.setFilter(filter, BpfCompileMode.OPTIMIZE);
      return new Pcap(iface, h);
    } catch (PcapNativeException | NotOpenException e) {
      throw new HarnessException("cannot open " + iface + " for capture: " + e.getMessage(), e);
    }
  }

  /**
   * The next captured frame, or null if none came by {@code deadlineNanos} (System.nanoTime);
   * {@link #lastEpochNanos()} is then its capture timestamp.
   */
  byte[] next(long deadlineNanos) {
    while (System.nanoTime() < deadlineNanos) {
      try {
        byte[] raw = handle.getNextRawPacketEx();
        Timestamp ts = handle.getTimestamp();
        lastEpochNanos = Math.floorDiv(ts.getTime(), 1000L) * 1_000_000_000L + ts.getNanos();
        return raw;
      } catch (TimeoutException e) {
        // nothing within the handle's 1 ms: look again
      } catch (PcapNativeException | NotOpenException | EOFException e) {
        throw new HarnessException("capture on " + iface + " failed: " + e.getMessage(), e);
      }
    }
    return null;
  }

  long lastEpochNanos() {
    return lastEpochNanos;
  }

  void send(byte[] frame) {
    try {
      handle.sendPacket(frame);
    } catch (PcapNativeException | NotOpenException e) {
      throw new HarnessException("cannot send on " + iface + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    handle.close();
  }
}
