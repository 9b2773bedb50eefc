// Draws the charts page's series with uPlot from the JSON data block the page carries.
(function () {
  var source = document.getElementById("chart-data");
  if (!source || !window.uPlot) {
    return;
  }
  var data = JSON.parse(source.textContent);
  var palette = ["#0b5cad", "#c2410c", "#17703a", "#7c3aed", "#b3261e", "#0e7490", "#a16207",
                 "#be185d", "#4d7c0f", "#1e40af"];

  function width(element) {
    return Math.max(280, element.clientWidth || 600);
  }

  function draw(element, series, values, yLabel) {
    var options = {
      width: width(element),
      height: 260,
      series: [{}].concat(series),
      axes: [{}, { label: yLabel, size: 60 }],
      scales: { x: { time: true } },
      legend: { live: false }
    };
    var plot = new uPlot(options, [data.days].concat(values), element);
    window.addEventListener("resize", function () {
      plot.setSize({ width: width(element), height: 260 });
    });
    element.setAttribute("data-drawn", "true");
    return plot;
  }

  var faxesElement = document.getElementById("faxes-chart");
  var clinics = Object.keys(data.faxes);
  if (faxesElement && clinics.length > 0) {
    draw(faxesElement,
      clinics.map(function (slug, i) {
        return { label: slug, stroke: palette[i % palette.length], width: 2 };
      }),
      clinics.map(function (slug) { return data.faxes[slug]; }),
      "faxes");
  }

  var latencyElement = document.getElementById("latency-chart");
  if (latencyElement) {
    draw(latencyElement,
      [{ label: "median (s)", stroke: "#0b5cad", width: 2, spanGaps: true },
       { label: "slowest (s)", stroke: "#c2410c", width: 2, spanGaps: true }],
      [data.latencyMedian, data.latencySlowest],
      "seconds");
  }
})();
