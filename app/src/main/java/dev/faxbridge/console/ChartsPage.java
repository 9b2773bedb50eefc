package dev.faxbridge.console;

import dev.faxbridge.provider.ringcentral.RateLimitUse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import tools.jackson.databind.json.JsonMapper;

/**
 * Charts where looking beats reading: faxes per day per clinic over the last 30 days, how long
 * faxes took from arriving at RingCentral to delivery, and how much of the rate limit each lane of
 * this node uses now. The series travel in the page as JSON data (no inline script) and {@code
 * console/charts.js} draws them; every chart has its figures as a table beside it.
 */
@Controller
class ChartsPage {

  static final int DAYS = 30;

  private final ConsoleReads reads;
  private final RateLimitUse rateLimits;
  private final JsonMapper json = JsonMapper.builder().build();

  ChartsPage(ConsoleReads reads, RateLimitUse rateLimits) {
    this.reads = reads;
    this.rateLimits = rateLimits;
  }

  /** One day's delivery latency row for the table. */
  public record LatencyRow(LocalDate day, long delivered, String median, String slowest) {}

  @GetMapping("/console/charts")
  String charts(Model model) {
    List<LocalDate> days = reads.lastDays(DAYS);
    Map<String, Map<LocalDate, Long>> perClinic = reads.faxesPerDay(days.get(0));
    Map<LocalDate, ConsoleReads.Latency> latency = reads.latencyPerDay(days.get(0));
    ConsoleTime time = (ConsoleTime) model.getAttribute("time");

    List<Long> x = days.stream().map(d -> d.atStartOfDay(ZoneOffset.UTC).toEpochSecond()).toList();
    Map<String, List<Long>> faxes = new LinkedHashMap<>();
    perClinic.forEach(
        (slug, counts) ->
            faxes.put(slug, days.stream().map(d -> counts.getOrDefault(d, 0L)).toList()));
    List<Double> median = new ArrayList<>();
    List<Double> slowest = new ArrayList<>();
    List<LatencyRow> latencyRows = new ArrayList<>();
    for (LocalDate day : days) {
      ConsoleReads.Latency l = latency.get(day);
      median.add(l == null ? null : l.median().toMillis() / 1000.0);
      slowest.add(l == null ? null : l.slowest().toMillis() / 1000.0);
      if (l != null) {
        latencyRows.add(
            new LatencyRow(day, l.delivered(), time.amount(l.median()), time.amount(l.slowest())));
      }
    }
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("days", x);
    data.put("faxes", faxes);
    data.put("latencyMedian", median);
    data.put("latencySlowest", slowest);
    model.addAttribute("chartData", json.writeValueAsString(data).replace("<", "\\u003c"));
    model.addAttribute("days", days);
    model.addAttribute("perClinic", perClinic);
    model.addAttribute("latencyRows", latencyRows);
    model.addAttribute("lanes", rateLimits.now());
    return "console/charts";
  }
}
