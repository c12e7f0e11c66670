// Draws the dashboard charts from the JSON data block; the tables next to them already show every figure,
// so without JavaScript (or without Chart.js) nothing is lost.
(function () {
  "use strict";
  var block = document.getElementById("dashboard-data");
  if (!block || typeof window.Chart === "undefined") { return; }
  var data = JSON.parse(block.textContent);
  var text = data.text;  // axis titles and names, translated by the server

  function axis(title, extra) {
    var options = { title: { display: true, text: title }, beginAtZero: true, ticks: { precision: 0 } };
    return Object.assign(options, extra || {});
  }
  var palette = ["#2f5d8a", "#b58b00", "#8e24aa", "#1a7f37", "#c62828", "#5f6b7a", "#d4661a", "#00838f"];

  function canvas(id) {
    var element = document.getElementById(id);
    if (element) { element.parentElement.classList.add("has-chart"); }
    return element;
  }

  var flow = canvas("chart-flow");
  if (flow) {
    new window.Chart(flow, {
      type: "line",
      data: {
        labels: data.days,
        datasets: data.series.map(function (s, i) {
          return { label: s.label, data: s.values, borderColor: palette[i], backgroundColor: palette[i], tension: 0.2 };
        })
      },
      options: { responsive: true, maintainAspectRatio: false,
                 scales: { x: { title: { display: true, text: text.day } }, y: axis(text.claims) } }
    });
  }

  var backlog = canvas("chart-backlog");
  if (backlog && data.backlog.length) {
    new window.Chart(backlog, {
      type: "bar",
      data: {
        labels: data.backlog.map(function (r) { return r.queue; }),
        datasets: [{ label: text.open_claims, data: data.backlog.map(function (r) { return r.open; }),
                     backgroundColor: palette[0] }]
      },
      options: { responsive: true, maintainAspectRatio: false, indexAxis: "y", plugins: { legend: { display: false } },
                 scales: { x: axis(text.open_claims) } }
    });
  }

  var work = canvas("chart-work");
  if (work && data.work.length) {
    new window.Chart(work, {
      type: "bar",
      data: {
        labels: data.work.map(function (r) { return r.actor; }),
        datasets: data.families.map(function (family, i) {
          return { label: family, data: data.work.map(function (r) { return r.counts[i]; }),
                   backgroundColor: palette[i % palette.length] };
        })
      },
      options: { responsive: true, maintainAspectRatio: false,
                 scales: { x: { stacked: true, title: { display: true, text: text.person } },
                           y: axis(text.finished, { stacked: true }) } }
    });
  }
})();
