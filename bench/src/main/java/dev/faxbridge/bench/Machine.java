package dev.faxbridge.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The machine a run measured: cores, memory, CPU model, Java. */
record Machine(int cores, long memoryMib, String cpu, String java, String os) {

  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        memTotalKib() / 1024,
        cpuModel(),
        System.getProperty("java.vm.name")
            + " "
            + System.getProperty("java.runtime.version")
            + " ("
            + System.getProperty("java.vendor")
            + ")",
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"));
  }

  private static long memTotalKib() {
    return firstLine(Path.of("/proc/meminfo"), "MemTotal:")
        .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")))
        .orElse(0L);
  }

  private static String cpuModel() {
    return firstLine(Path.of("/proc/cpuinfo"), "model name")
        .map(l -> l.substring(l.indexOf(':') + 1).trim())
        .orElse("unknown");
  }

  private static Optional<String> firstLine(Path file, String prefix) {
    try {
      List<String> lines = Files.readAllLines(file);
      return lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
