package dev.tcpconform.core.bed;

import dev.tcpconform.core.HarnessException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Checks, before anything is created, that this machine can run the harness; each problem is one
 * line that says what is wrong and what to do.
 */
public final class Preflight {

  private Preflight() {}

  public static void check() {
    if (!isRoot()) {
      throw new HarnessException(
          "tcpconform needs root to create network namespaces and capture frames: run it as root");
    }
    for (String[] tool : new String[][] {
        {"ip", "iproute2"}, {"ethtool", "ethtool"}, {"nft", "nftables"}}) {
      if (!onPath(tool[0])) {
        throw new HarnessException(tool[0] + " is not installed: run 'apt-get install -y "
            + tool[1] + "' (./tcpconform does it for you)");
      }
    }
    try {
      org.pcap4j.core.Pcaps.libVersion();
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new HarnessException(
          "libpcap is not installed: run 'apt-get install -y libpcap0.8' (./tcpconform does it for you)");
    }
  }

  static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0"); // effective UID
        }
      }
    } catch (IOException e) {
      return false;
    }
    return false;
  }

  static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/sbin:/usr/bin:/sbin:/bin")
        .split(":")) {
      if (Files.isExecutable(Path.of(dir, tool))) {
        return true;
      }
    }
    return Files.isExecutable(Path.of("/usr/sbin", tool)) || Files.isExecutable(Path.of("/sbin", tool));
  }
}
