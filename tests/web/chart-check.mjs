// What is wrong with the charts of an open page, as the reader sees them
// (used by layout.mjs and charts.mjs). For every chart shown (an <svg
// class="chart"> with a size; the other drawing of the same chart is hidden):
//   - every text is inside the chart (nothing cut at an edge);
//   - no two labels of the time axis (<g class="x-labels">) overlap;
//   - no text is drawn smaller than 11 CSS pixels;
//   - a figure shows exactly one drawing of its chart.
// Returns a list of messages, empty when all is well.
export const MIN_TEXT_PX = 11;

export function chartProblems(page) {
  return page.evaluate((minPx) => {
    const out = [];
    for (const figure of document.querySelectorAll(".chart-figure")) {
      const shown = [...figure.querySelectorAll("svg.chart")].filter((svg) => svg.getBoundingClientRect().width > 0);
      if (shown.length !== 1) out.push(`a chart figure shows ${shown.length} drawings (expected one)`);
    }
    for (const svg of document.querySelectorAll("svg.chart")) {
      const box = svg.getBoundingClientRect();
      if (box.width === 0) continue;
      const name = (svg.querySelector("title")?.textContent || "chart").trim();
      const where = `${name} (${svg.getAttribute("class")}, ${Math.round(box.width)}px wide)`;
      const scale = svg.getScreenCTM().a;
      for (const t of svg.querySelectorAll("text")) {
        const r = t.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) {
          out.push(`${where}: "${t.textContent}" is cut: its box [${Math.round(r.left - box.left)}, ${Math.round(r.right - box.left)}] × [${Math.round(r.top - box.top)}, ${Math.round(r.bottom - box.top)}] leaves the chart (${Math.round(box.width)} × ${Math.round(box.height)})`);
        }
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < minPx - 0.05) out.push(`${where}: "${t.textContent}" is drawn at ${px.toFixed(1)}px, under ${minPx}px`);
      }
      const labels = [...svg.querySelectorAll(".x-labels text")].map((t) => ({ text: t.textContent, r: t.getBoundingClientRect() }));
      if (svg.querySelectorAll("circle").length > 0 && labels.length === 0) out.push(`${where}: the time axis has no labels`);
      for (let i = 0; i < labels.length; i++) {
        for (let j = i + 1; j < labels.length; j++) {
          const a = labels[i].r;
          const b = labels[j].r;
          if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) {
            out.push(`${where}: the labels "${labels[i].text}" and "${labels[j].text}" overlap`);
          }
        }
      }
    }
    return out;
  }, MIN_TEXT_PX);
}

/// The labels of the time axis of the charts shown, for the log.
export function shownLabels(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("svg.chart")]
      .filter((svg) => svg.getBoundingClientRect().width > 0)
      .map((svg) => [...svg.querySelectorAll(".x-labels text")].map((t) => t.textContent).join(" | ")),
  );
}
