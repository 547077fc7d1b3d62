package dev.tcpconform.bench;

import dev.tcpconform.core.link.Captured;
import dev.tcpconform.core.link.Flow;
import dev.tcpconform.core.link.PcapLink;
import dev.tcpconform.core.link.Wire;
import dev.tcpconform.crafter.Ipv4Address;
import java.io.IOException;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Capture without loss at a stated rate: {@link #FRAMES} prepared SYNs sent from one end of the
 * veth at {@link #RATE} frames/s (paced by spinning on {@code System.nanoTime}), captured at the
 * other end by the harness as a lane does it: a {@link Wire} on a {@link PcapLink} (decode,
 * demultiplex, record, ARP observer), the frames consumed from their flow by a test thread that
 * clears the record every 50,000 frames (a test's record holds one test's frames). Reports what
 * reached the flow against what was sent, and libpcap's drop count.
 *
 * <p>Run twice: first with the receiving end as a lane's harness end is (the kernel's default
 * offloads on, as {@code VethPair} leaves them there), then with its segmentation and receive
 * offloads off. With offloads on, libpcap cannot bound a frame by the MTU and gives every slot of
 * its ring the whole 64 KiB snapshot length, so the 16 MiB buffer holds only about 250 frames.
 * Then once more with the link alone ({@link #runLinkAlone}), to tell what the link loses from
 * what the wire's path adds.
 */
final class CaptureBenchmark {

  static final int RATE = Integer.getInteger("tcpconform.bench.captureRate", 200_000);
  static final int FRAMES = Integer.getInteger("tcpconform.bench.captureFrames", 2 * RATE);
  private static final Duration QUIET = Duration.ofMillis(500);

  private final BenchVeth veth;
  private final Figures figures;

  CaptureBenchmark(BenchVeth veth, Figures figures) {
    this.veth = veth;
    this.figures = figures;
  }

  /** Measures with the receiving end as it is; figures under {@code prefix}. */
  void run(String prefix) throws InterruptedException {
    byte[][] prepared = BenchFrames.preparedSyns(1024);
    try (Wire wire = new Wire(PcapLink.open(veth.b(), "arp or host " + BenchFrames.TARGET));
        Pcap pcap = Pcap.sender(veth.a())) {
      Flow flow = wire.openListener(Ipv4Address.parse(BenchFrames.TARGET),
          BenchFrames.TARGET_PORT);
      wire.start();
      wire.beginTest("bench", "capture.pcap");
      long droppedBefore = Math.max(0, wire.dropped());
      AtomicLong received = new AtomicLong();
      AtomicBoolean sending = new AtomicBoolean(true);
      long backlogBefore = backlogDrops();
      Thread consumer =
          new Thread(() -> consume(wire, flow, received, sending), "bench-consumer");
      consumer.start();
      long elapsed = sendPaced(pcap, prepared);
      sending.set(false);
      consumer.join();
      long dropped = wire.dropped() - droppedBefore;
      figures.put(prefix + ".backlogDropped", backlogDrops() - backlogBefore);
      figures.put(prefix + ".rate", RATE);
      figures.put(prefix + ".sent", FRAMES);
      figures.put(prefix + ".achievedRate", FRAMES * 1e9 / elapsed);
      figures.put(prefix + ".received", received.get());
      figures.put(prefix + ".pcapDropped", dropped);
    }
  }

  /**
   * The same frames taken by a {@link PcapLink} alone, into a sink that counts them: libpcap's
   * read and the decoding of each frame, on the link's capture thread, without the {@link Wire}'s
   * demultiplexing, record, ARP observer and consuming thread. What this loses the wire's path
   * cannot win back; figures under {@code prefix}.
   */
  void runLinkAlone(String prefix) throws InterruptedException {
    byte[][] prepared = BenchFrames.preparedSyns(1024);
    AtomicLong received = new AtomicLong();
    try (PcapLink link = PcapLink.open(veth.b(), "arp or host " + BenchFrames.TARGET);
        Pcap pcap = Pcap.sender(veth.a())) {
      link.start(c -> received.incrementAndGet());
      long droppedBefore = Math.max(0, link.dropped());
      long elapsed = sendPaced(pcap, prepared);
      long last = -1;
      while (received.get() != last) { // until none came for QUIET
        last = received.get();
        Thread.sleep(QUIET.toMillis());
      }
      figures.put(prefix + ".sent", FRAMES);
      figures.put(prefix + ".achievedRate", FRAMES * 1e9 / elapsed);
      figures.put(prefix + ".received", received.get());
      figures.put(prefix + ".pcapDropped", link.dropped() - droppedBefore);
    }
  }

  /** Sends {@link #FRAMES} frames at {@link #RATE}, paced by spinning; the nanoseconds it took. */
  private static long sendPaced(Pcap pcap, byte[][] prepared) {
    long period = 1_000_000_000L / RATE;
    long start = System.nanoTime() + 1_000_000;
    for (int i = 0; i < FRAMES; i++) {
      long due = start + i * period;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      pcap.send(prepared[i & 1023]);
    }
    return System.nanoTime() - start;
  }

  /** Takes the flow's frames until sending has ended and none came for {@link #QUIET}. */
  private static void consume(Wire wire, Flow flow, AtomicLong received, AtomicBoolean sending) {
    long sinceClear = 0;
    while (true) {
      Captured c = flow.poll(System.nanoTime() + QUIET.toNanos());
      if (c == null) {
        if (sending.get()) {
          continue;
        }
        return;
      }
      received.incrementAndGet();
      if (++sinceClear == 50_000) {
        wire.beginTest("bench", "capture.pcap");
        sinceClear = 0;
      }
    }
  }

  /**
   * Frames the kernel dropped on this machine, all CPUs, before any capture saw them (the
   * per-CPU input backlog was full: {@code /proc/net/softnet_stat}, second column). Counts the
   * whole machine's traffic, so other processes' drops add to it.
   */
  static long backlogDrops() {
    long sum = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc/net/softnet_stat"))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 1) {
          sum += Long.parseLong(f[1], 16);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return sum;
  }
}
