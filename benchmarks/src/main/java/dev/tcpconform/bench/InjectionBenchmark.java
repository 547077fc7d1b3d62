package dev.tcpconform.bench;

import dev.tcpconform.core.HarnessException;
import dev.tcpconform.core.link.PcapLink;
import dev.tcpconform.core.link.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Frames per second injected on one veth, in one run and on the same interface:
 *
 * <ul>
 *   <li><b>harness</b>: each SYN built from scratch and injected through {@link Wire#inject} on a
 *       {@link PcapLink}, as a test's {@code TcpPeer.send} does it (encode, the 198.18.0.0/15 check
 *       on the bytes, send, the segment as sent for the record and for the peer that sent it,
 *       made by {@code SentFrame} as for every segment that sets no raw field, record; the
 *       capture armed on the same interface, the record cleared every 4096 frames as a new test
 *       would);
 *   <li><b>plain</b>: the same SYNs serialized in advance, sent with pcap4j's
 *       {@code PcapHandle.sendPacket(byte[])} and nothing else;
 *   <li><b>Scapy</b> (Debian's python3-scapy, run by /usr/bin/python3): each SYN crafted and sent
 *       on one layer-2 socket; for reference also {@code sendp} of a prepared list of packets and
 *       pre-serialized bytes on one socket.
 * </ul>
 *
 * Harness and plain alternate for {@link #ROUNDS} rounds and each keeps its median, so a burst of
 * load from another process on the machine does not fall on one side only.
 */
final class InjectionBenchmark {

  static final int ROUNDS = 3;
  private static final int BATCH = 256;
  private static final Duration WARMUP = Duration.ofMillis(1500);
  private static final Duration MEASURE = Duration.ofSeconds(2);
  private static final Duration SCAPY_MEASURE = Duration.ofSeconds(3);

  private final BenchVeth veth;
  private final Figures figures;
  private final Path work;

  InjectionBenchmark(BenchVeth veth, Figures figures, Path work) {
    this.veth = veth;
    this.figures = figures;
    this.work = work;
  }

  void run() {
    double[] harness = new double[ROUNDS];
    double[] plain = new double[ROUNDS];
    byte[][] prepared = BenchFrames.preparedSyns(1024);
    long[] seq = {0};
    for (int r = 0; r < ROUNDS; r++) {
      Duration warmup = r == 0 ? WARMUP : Duration.ofMillis(300);
      try (Wire wire = new Wire(PcapLink.open(veth.a(), "arp or host " + BenchFrames.TARGET))) {
        wire.start();
        wire.beginTest("bench", "bench.pcap");
        int[] sinceClear = {0};
        harness[r] = rate(warmup, MEASURE, () -> {
          for (int i = 0; i < BATCH; i++) {
            wire.inject(BenchFrames.syn(seq[0]++));
          }
          sinceClear[0] += BATCH;
          if (sinceClear[0] >= 4096) {
            wire.beginTest("bench", "bench.pcap");
            sinceClear[0] = 0;
          }
        });
      }
      try (Pcap pcap = Pcap.sender(veth.a())) {
        int[] next = {0};
        plain[r] = rate(warmup, MEASURE, () -> {
          for (int i = 0; i < BATCH; i++) {
            pcap.send(prepared[next[0]++ & 1023]);
          }
        });
      }
      System.err.printf(Locale.ROOT, "bench: injection round %d: harness %.0f/s, plain %.0f/s%n",
          r + 1, harness[r], plain[r]);
    }
    figures.put("inject.harness", Stats.median(harness));
    figures.put("inject.plain", Stats.median(plain));
    figures.put("inject.harness.rounds", join(harness));
    figures.put("inject.plain.rounds", join(plain));
    scapy();
  }

  /** Frames per second of {@code batch} ({@link #BATCH} frames a call), after a warm-up. */
  static double rate(Duration warmup, Duration measure, Runnable batch) {
    long end = System.nanoTime() + warmup.toNanos();
    while (System.nanoTime() < end) {
      batch.run();
    }
    long start = System.nanoTime();
    long frames = 0;
    long now;
    end = start + measure.toNanos();
    do {
      batch.run();
      frames += BATCH;
      now = System.nanoTime();
    } while (now < end);
    return frames * 1e9 / (now - start);
  }

  private void scapy() {
    Path python = Path.of("/usr/bin/python3");
    if (!Files.isExecutable(python)) {
      figures.put("scapy.missing", "no /usr/bin/python3 (apt-get install -y python3-scapy)");
      return;
    }
    Path script = work.resolve("scapy_inject.py");
    try (InputStream in = InjectionBenchmark.class.getResourceAsStream("scapy_inject.py")) {
      Files.createDirectories(work);
      Files.write(script, in.readAllBytes());
    } catch (IOException | NullPointerException e) {
      throw new HarnessException("cannot write the Scapy benchmark to " + script + ": " + e);
    }
    List<String> argv = new ArrayList<>(List.of(python.toString(), script.toString(), veth.a(),
        String.valueOf(SCAPY_MEASURE.toMillis() / 1000.0), BenchFrames.PEER_MAC,
        BenchFrames.TARGET_MAC, BenchFrames.PEER, BenchFrames.TARGET,
        String.valueOf(BenchFrames.PEER_PORT), String.valueOf(BenchFrames.TARGET_PORT)));
    String out;
    try {
      Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new HarnessException("the Scapy benchmark did not finish within 120 s");
      }
      out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        figures.put("scapy.missing", "Scapy benchmark failed (exit " + p.exitValue() + "): "
            + lastLine(out) + " (apt-get install -y python3-scapy)");
        return;
      }
    } catch (IOException e) {
      throw new HarnessException("cannot run " + python + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HarnessException("interrupted while the Scapy benchmark ran", e);
    }
    // lines "<mode> <frames> <seconds>", and "version <v>"
    for (String line : out.strip().lines().toList()) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2 && f[0].equals("version")) {
        figures.put("scapy.version", f[1]);
      } else if (f.length == 3) {
        figures.put("scapy." + f[0], Double.parseDouble(f[1]) / Double.parseDouble(f[2]));
      }
    }
  }

  private static String lastLine(String s) {
    List<String> lines = s.strip().lines().toList();
    return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
  }

  private static String join(double[] values) {
    StringBuilder b = new StringBuilder();
    for (double v : values) {
      b.append(b.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.0f", v));
    }
    return b.toString();
  }
}
