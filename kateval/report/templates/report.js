// kateval report: sort, filter and search over the task x sample grid, and keys for the
// transcript view. It reads only the page's own attributes and text; it never writes markup
// (no innerHTML), so whatever a model wrote stays text.
(function () {
  "use strict";
  const grid = document.getElementById("task-grid");
  if (grid) setUpGrid(grid);
  document.addEventListener("keydown", (e) => {
    const view = document.querySelector(".sample-view:target");
    if (!view || e.target.matches("input, select, textarea")) return;
    if (e.key === "Escape") location.hash = "grid";
    const link = e.key === "ArrowRight" ? view.querySelector("a.next")
      : e.key === "ArrowLeft" ? view.querySelector("a.prev") : null;
    if (link) location.hash = link.getAttribute("href").slice(1);
  });

  function setUpGrid(table) {
    const body = table.tBodies[0];
    const rows = Array.from(body.rows);
    const search = document.getElementById("q");
    const deep = document.getElementById("q-deep");
    const selects = Array.from(document.querySelectorAll("#grid-tools select[data-facet]"));
    const shown = document.getElementById("shown");
    const none = document.getElementById("no-match");
    const texts = new Map();  // task index -> its sample views' text, read on first deep search

    function viewText(index) {
      if (!texts.has(index)) {
        const views = document.querySelectorAll('.sample-view[data-task-index="' + index + '"]');
        texts.set(index, Array.from(views, (v) => v.textContent.toLowerCase()).join("\n"));
      }
      return texts.get(index);
    }

    function apply() {
      const query = search.value.trim().toLowerCase();
      const wanted = selects.filter((s) => s.value).map((s) => [s.dataset.facet, s.value]);
      let count = 0;
      rows.forEach((row, index) => {
        let ok = wanted.every(([facet, value]) => facet === "category"
          ? row.dataset.category === value : row.dataset[facet].includes("|" + value + "|"));
        if (ok && query) {
          ok = row.dataset.search.includes(query) || (deep.checked && viewText(index).includes(query));
        }
        row.hidden = !ok;
        if (ok) count += 1;
        const status = (wanted.find(([facet]) => facet === "status") || [])[1];
        row.querySelectorAll("td.cell[data-status]").forEach((cell) => {
          cell.classList.toggle("dim", Boolean(status) && cell.dataset.status !== status);
        });
      });
      shown.textContent = count === rows.length ? rows.length + " tasks"
        : count + " of " + rows.length + " tasks";
      none.hidden = count > 0;
    }

    function sortBy(button) {
      const th = button.closest("th");
      const key = button.dataset.key;
      const dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
      table.querySelectorAll("thead th").forEach((h) => h.removeAttribute("aria-sort"));
      th.setAttribute("aria-sort", dir);
      const numeric = key === "pass" || key === "cost" || key === "difficulty";
      const value = (row) => numeric ? parseFloat(row.dataset[key]) : row.dataset[key];
      const sorted = rows.slice().sort((a, b) => {
        const x = value(a), y = value(b);
        const order = numeric ? x - y : x.localeCompare(y);
        return (dir === "ascending" ? order : -order) || a.dataset.task.localeCompare(b.dataset.task);
      });
      sorted.forEach((row) => body.appendChild(row));
    }

    search.addEventListener("input", apply);
    deep.addEventListener("change", apply);
    selects.forEach((s) => s.addEventListener("change", apply));
    table.querySelectorAll("button.sort").forEach((b) => b.addEventListener("click", () => sortBy(b)));
    document.getElementById("reset").addEventListener("click", () => {
      search.value = "";
      deep.checked = false;
      selects.forEach((s) => { s.value = ""; });
      apply();
    });
    apply();
  }
})();
// The variants report's A/B table: search and "only tasks that moved".
(function () {
  "use strict";
  const table = document.getElementById("ab-grid");
  if (!table) return;
  const rows = Array.from(table.tBodies[0].rows);
  const search = document.getElementById("ab-q");
  const changed = document.getElementById("ab-changed");
  const shown = document.getElementById("ab-shown");
  function apply() {
    const query = search.value.trim().toLowerCase();
    let count = 0;
    rows.forEach((row) => {
      const ok = (!changed.checked || row.dataset.changed === "1")
        && (!query || row.dataset.task.toLowerCase().includes(query));
      row.hidden = !ok;
      if (ok) count += 1;
    });
    shown.textContent = count === rows.length ? rows.length + " tasks"
      : count + " of " + rows.length + " tasks";
  }
  search.addEventListener("input", apply);
  changed.addEventListener("change", apply);
})();
