package dev.tcpconform.bench;

import dev.tcpconform.core.bed.VethPair;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints the table of {@code ./tcpconform bench}: the machine, every figure of the run's figures
 * file, the ratios, and whether each target of issue 7 is met. Facts come from the file; this
 * class only draws the verdicts.
 */
public final class BenchReport {

  private static final double GIB_KIB = 1024.0 * 1024.0;

  private final Map<String, String> f;
  private final List<String[]> rows = new ArrayList<>();
  private int met;
  private int judged;

  private BenchReport(Map<String, String> figures) {
    this.f = figures;
  }

  public static void main(String[] args) {
    BenchReport report = new BenchReport(Figures.read(Path.of(args[0])));
    System.out.print(report.render());
  }

  private String render() {
    StringBuilder out = new StringBuilder();
    out.append("tcpconform bench\n");
    out.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(cpuModel()).append(", kernel ").append(read("/proc/sys/kernel/osrelease"))
        .append(", Java ").append(System.getProperty("java.version"))
        .append(", ").append(libpcap())
        .append(f.containsKey("scapy.version") ? ", Scapy " + f.get("scapy.version") : "")
        .append('\n');
    out.append("load average (1 min): ").append(f.getOrDefault("machine.loadStart", "?"))
        .append(" at the start, ").append(read("/proc/loadavg").split(" ")[0])
        .append(" at the end; other processes on the machine share its cores, so rates vary"
            + " from run to run\n\n");

    section("1 crafting + serialising (JMH, 1 thread)");
    codec("craftSyn", "SYN + 5 options, builder + FrameEncoder", true);
    codec("craftData", "PSH,ACK + 1000 B, builder + FrameEncoder", false);
    section("2 parsing captured frames (JMH, 1 thread)");
    codec("parseSyn", "SYN + 5 options, FrameDecoder", true);
    codec("parseData", "PSH,ACK + 1000 B, FrameDecoder", false);
    injection();
    capture();
    roundTrip();
    startupAndMemory();

    int[] width = {0, 0, 0, 0};
    for (String[] r : rows) {
      for (int i = 0; i < r.length; i++) {
        width[i] = Math.max(width[i], r[i].length());
      }
    }
    String format = "%-" + width[0] + "s  %-" + width[1] + "s  %-" + width[2] + "s  %s%n";
    out.append(String.format(Locale.ROOT, format, "measurement", "figure", "target", "met"));
    for (String[] r : rows) {
      out.append(r[1].isEmpty() && r[2].isEmpty()
          ? r[0] + "\n"
          : String.format(Locale.ROOT, format, (Object[]) r));
    }
    out.append(String.format(Locale.ROOT, "%ntargets met: %d of %d%n", met, judged));
    return out.toString();
  }

  private void section(String title) {
    rows.add(new String[] {title, "", "", ""});
  }

  private void row(String what, String figure) {
    rows.add(new String[] {"  " + what, figure, "", ""});
  }

  private void judged(String what, String figure, String target, Boolean ok) {
    judged++;
    if (Boolean.TRUE.equals(ok)) {
      met++;
    }
    rows.add(new String[] {"  " + what, figure, target,
        ok == null ? "not measured" : ok ? "yes" : "NO"});
  }

  private void codec(String method, String what, boolean judged) {
    Double v = num("codec." + method);
    String figure = v == null ? "-" : rate(v) + " +- " + rate(num("codec." + method + ".error"));
    if (judged) {
      judged(what, figure, "> 2 M/s", v == null ? null : v > 2e6);
    } else {
      row(what, figure);
    }
  }

  private void injection() {
    section("3 crafted + injected on a veth, same frames, same run (74-byte SYN, medians of "
        + InjectionBenchmark.ROUNDS + " alternating rounds)");
    Double harness = num("inject.harness");
    Double plain = num("inject.plain");
    Double scapy = num("scapy.craft_send");
    row("harness: built + Wire.inject on PcapLink", harness == null ? "-"
        : rate(harness) + " (rounds " + f.get("inject.harness.rounds") + ")");
    row("plain libpcap: sendPacket(prepared byte[])", plain == null ? "-"
        : rate(plain) + " (rounds " + f.get("inject.plain.rounds") + ")");
    if (f.containsKey("scapy.missing")) {
      row("Scapy", f.get("scapy.missing"));
    } else {
      row("Scapy: crafted + sent per packet, one L2 socket", rate(scapy));
      row("Scapy: sendp(prepared list of packets)", rate(num("scapy.sendp_list")));
      row("Scapy: pre-serialized bytes, one L2 socket", rate(num("scapy.raw_send")));
    }
    Double craft = num("codec.craftSyn");
    if (craft != null && plain != null) {
      // Wire.inject no longer parses what it sent (SentFrame), so the bound is craft + send
      row("craft + plain send, from the rates above", rate(1 / (1 / craft + 1 / plain))
          + " (the crafter's and the send's share of Wire.inject)");
    }
    judged("harness / Scapy (crafted + sent)", ratio(harness, scapy), ">= 100x",
        harness == null || scapy == null ? null : harness / scapy >= 100);
    judged("harness / plain libpcap", ratio(harness, plain), ">= 0.7x",
        harness == null || plain == null ? null : harness / plain >= 0.7);
  }

  private void capture() {
    Double rate = num("capture.rate");
    section("4 capture by the harness (Wire on PcapLink) at the other end of the veth");
    if (rate == null) {
      judged("no loss at 200,000 frames/s", "-", "received = sent", null);
      return;
    }
    double sent = num("capture.sent");
    double received = num("capture.received");
    double achieved = num("capture.achievedRate");
    double dropped = num("capture.pcapDropped");
    boolean atRate = achieved >= 0.98 * rate;
    row("that end with the kernel's default offloads: sender reached", fmt(achieved, 0)
        + " frames/s" + (atRate ? "" : " (short of the rate)"));
    row("  libpcap dropped (ring full) / kernel backlog dropped", fmt(dropped, 0) + " / "
        + fmt(num("capture.backlogDropped"), 0));
    row("  received / sent", fmt(received, 0) + " / " + fmt(sent, 0));
    Double laneReceived = num("capture.lane.received");
    if (laneReceived != null) {
      double laneRate = num("capture.lane.achievedRate");
      double laneDropped = num("capture.lane.pcapDropped");
      row("as a lane's harness end is (offloads off, MTU " + VethPair.HARNESS_END_MTU + "): sender reached",
          fmt(laneRate, 0) + " frames/s" + (laneRate >= 0.98 * rate ? "" : " (short of the rate)"));
      row("  libpcap dropped (ring full) / kernel backlog dropped", fmt(laneDropped, 0) + " / "
          + fmt(num("capture.lane.backlogDropped"), 0));
      judged("  received / sent", fmt(laneReceived, 0) + " / "
          + fmt(num("capture.lane.sent"), 0), "no loss", laneReceived.equals(
              num("capture.lane.sent")) && laneDropped == 0 && laneRate >= 0.98 * rate);
    }
    Double linkReceived = num("capture.link.received");
    if (linkReceived != null) {
      double linkRate = num("capture.link.achievedRate");
      row("the link alone (PcapLink read + decode, no Wire): received / sent", fmt(linkReceived, 0)
          + " / " + fmt(num("capture.link.sent"), 0) + " (sender " + fmt(linkRate, 0) + "/s"
          + (linkRate >= 0.98 * rate ? ")" : ", short of the rate)"));
    }
  }

  private void roundTrip() {
    section("5 round trip on a Linux lane: SYN to a closed port, RST,ACK matched by nextSegment ("
        + fmt(num("rtt.exchanges"), 0) + " exchanges)");
    Double p99 = num("rtt.added.p99Us");
    row("round trip: send -> nextSegment returns, median / p99 / max", micros("rtt.roundTrip"));
    row("on the wire: SYN sent -> RST captured, median / p99 / max", micros("rtt.wire"));
    row("plain libpcap, same lane, interleaved: round trip", micros("rtt.plain.roundTrip"));
    row("plain libpcap: return - capture timestamp", micros("rtt.plain.added"));
    judged("harness-added: match - capture timestamp, median / p99 / max", micros("rtt.added"),
        "p99 < 200 us", p99 == null ? null : p99 < 200);
  }

  private void startupAndMemory() {
    section("6 start-up (a fresh JVM, one lane) and memory of a whole run");
    Double lane = num("startup.laneReadyMs");
    row("java launched -> main", ms(num("startup.mainMs")));
    row("java launched -> test bed up", ms(num("startup.bedUpMs")));
    judged("java launched -> first lane ready", ms(lane), "< 2 s",
        lane == null ? null : lane < 2000);
    Double pss = num("memory.harness.peakPssKiB");
    if (pss == null) {
      judged("peak memory, harness JVM + agents", f.getOrDefault("memory.skipped", "-"),
          "< 1 GiB", null);
      return;
    }
    Double rss = num("memory.harness.peakRssKiB");
    row("suite run sampled", f.getOrDefault("memory.suite", "?"));
    row("harness JVM alone, VmHWM", gib(num("memory.harness.jvmHwmKiB")));
    row("Maven's own JVM, VmHWM (the build, not the harness)",
        gib(num("memory.maven.hwmKiB")));
    row("peak sum of PSS (shared pages split among sharers)", gib(pss));
    // judged on the larger figure: the RSS sum counts shared pages once per process
    double peak = rss == null ? pss : Math.max(pss, rss);
    judged("peak, harness JVM + agents + helpers ("
        + f.getOrDefault("memory.harness.processesAtPeak", "?") + " processes, "
        + f.getOrDefault("memory.harness.agentsAtPeak", "?") + " agents), sum of RSS",
        gib(rss), "< 1 GiB", peak < GIB_KIB);
  }

  private Double num(String key) {
    String v = f.get(key);
    if (v == null) {
      return null;
    }
    try {
      return Double.parseDouble(v);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private String micros(String key) {
    Double m = num(key + ".medianUs");
    return m == null ? "-" : fmt(m, 1) + " / " + fmt(num(key + ".p99Us"), 1) + " / "
        + fmt(num(key + ".maxUs"), 0) + " us";
  }

  private static String rate(Double v) {
    if (v == null) {
      return "-";
    }
    if (v >= 1e6) {
      return fmt(v / 1e6, 2) + " M/s";
    }
    if (v >= 1e4) {
      return fmt(v / 1e3, 0) + " k/s";
    }
    return fmt(v / 1e3, 2) + " k/s";
  }

  private static String ratio(Double a, Double b) {
    return a == null || b == null ? "-" : fmt(a / b, a / b >= 10 ? 0 : 2) + "x";
  }

  private static String ms(Double v) {
    return v == null ? "-" : fmt(v / 1000, 2) + " s";
  }

  private static String gib(Double kib) {
    return kib == null ? "-" : fmt(kib / 1024, 0) + " MiB";
  }

  private static String fmt(Double v, int decimals) {
    if (v == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static String cpuModel() {
    for (String line : read("/proc/cpuinfo").lines().toList()) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).trim();
      }
    }
    return "CPU model unknown";
  }

  private static String libpcap() {
    try {
      return org.pcap4j.core.Pcaps.libVersion().replace(" version ", " ").split(" \\(")[0];
    } catch (RuntimeException | UnsatisfiedLinkError e) {
      return "libpcap unknown";
    }
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path)).trim();
    } catch (IOException e) {
      return "?";
    }
  }
}
