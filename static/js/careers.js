// The career paths' flow diagram (a Sankey diagram, drawn by Apache ECharts as SVG).
// The figures come from the page's JSON (the "career-flow" element), the same figures as
// the table, which is what screen readers read: the diagram is hidden from them.
(function () {
  "use strict";

  var data = document.getElementById("career-flow");
  var box = document.getElementById("careers-chart");
  if (!data || !box || typeof window.echarts === "undefined") {
    return;
  }
  var flow = JSON.parse(data.textContent);
  if (!flow.nodes.length) {
    return;
  }
  box.hidden = false;

  var narrow = function () {
    return box.clientWidth < 600;
  };
  var chart = window.echarts.init(box, null, { renderer: "svg" });

  var draw = function () {
    chart.setOption({
      animation: false,
      aria: { enabled: false },
      tooltip: { show: false },
      series: [{
        type: "sankey",
        orient: narrow() ? "vertical" : "horizontal",
        left: 8,
        right: narrow() ? 8 : 160,
        top: 8,
        bottom: narrow() ? 48 : 8,
        nodeAlign: "left",
        nodeGap: 12,
        draggable: false,
        emphasis: { focus: "adjacency" },
        data: flow.nodes.map(function (node) {
          return { name: node.name, depth: node.depth, label: { formatter: node.label } };
        }),
        links: flow.links,
        itemStyle: { color: "#005eb8", borderWidth: 0 },
        lineStyle: { color: "#41b6e6", opacity: 0.45 },
        label: {
          color: "#212b32",
          fontSize: narrow() ? 11 : 13,
          width: narrow() ? 80 : 150,
          overflow: "break",
          position: narrow() ? "bottom" : "right"
        }
      }]
    }, true);
  };

  draw();
  window.addEventListener("resize", function () {
    chart.resize();
    draw();
  });
})();
