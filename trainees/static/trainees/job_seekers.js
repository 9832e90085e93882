// Search before add: as the officer types a NIK, or a name and birth date, show who is
// already registered. The form works without this; the server refuses duplicates anyway.
(() => {
  const form = document.querySelector("[data-check-url]");
  if (!form) return;
  const box = document.getElementById("duplicate-matches");
  const value = (name) => (form.querySelector(`[data-duplicate-check=${name}]`) || {}).value || "";
  let timer = null;
  let shown = "";     // the query whose answer is on the screen (or on its way)
  let busy = false;   // one request at a time: a newer query waits for the answer in flight
  const check = () => {
    const params = new URLSearchParams({
      nik: value("nik"), name: value("name"), birth_date: value("birth_date"),
    });
    const query = params.toString();
    if (busy || query === shown) return;
    busy = true;
    shown = query;
    fetch(`${form.dataset.checkUrl}?${query}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => { box.innerHTML = html; })
      .catch(() => {})
      .finally(() => { busy = false; check(); }); // typed on meanwhile? ask again
  };
  form.addEventListener("input", (event) => {
    if (!event.target.matches("[data-duplicate-check]")) return;
    clearTimeout(timer);
    timer = setTimeout(check, 300);
  });
  // On a new registration, what was typed (or filled in by the browser) before this script
  // ran counts too; a correction starts from the person's own data, so it waits for typing.
  if (!form.dataset.person && ["nik", "name", "birth_date"].some((name) => value(name))) check();
})();
