// A background job's page: ask for its progress every second, move the bar and name its
// status and phase (queued, then running: reading, checking, saving); when the job has
// finished, load the page again to show the result and any row errors.
(function () {
  "use strict";
  var card = document.querySelector("[data-job-status-url]");
  if (!card) return;
  var status = card.getAttribute("data-job-status");
  if (status === "done" || status === "failed") return;
  var url = card.getAttribute("data-job-status-url");
  var bar = card.querySelector("[data-testid=job-progress]");
  var done = card.querySelector("[data-testid=job-done]");
  var total = card.querySelector("[data-testid=job-total]");
  var format = new Intl.NumberFormat(document.documentElement.lang || "id");
  var badge = card.querySelector("[data-testid=job-status]");
  var phase = card.querySelector("[data-testid=job-phase]");
  var script = document.getElementById("job-labels");
  var labels = script ? JSON.parse(script.textContent) : { status: {}, phase: {} };

  function tick() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (job) {
        if (!job) return setTimeout(tick, 3000);
        if (job.status === "done" || job.status === "failed") {
          window.location.reload();
          return;
        }
        if (labels.status[job.status]) badge.textContent = labels.status[job.status];
        phase.textContent = labels.phase[job.phase || ""] || "";
        var p = job.progress || { done: 0, total: 0 };
        bar.value = p.total ? Math.min(100, Math.floor((p.done * 100) / p.total)) : 0;
        done.textContent = format.format(p.done);
        total.textContent = format.format(p.total);
        setTimeout(tick, 1000);
      })
      .catch(function () { setTimeout(tick, 3000); });
  }
  setTimeout(tick, 500);
})();
