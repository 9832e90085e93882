// Search before add: as the officer types a NIK, or a name and birth date, show who is
// already registered. The form works without this; the server refuses duplicates anyway.
(() => {
  const form = document.querySelector("[data-check-url]");
  if (!form) return;
  const box = document.getElementById("duplicate-matches");
  const value = (name) => (form.querySelector(`[data-duplicate-check=${name}]`) || {}).value || "";
  let timer = null;
  let last = "";
  const check = () => {
    const params = new URLSearchParams({
      nik: value("nik"), name: value("name"), birth_date: value("birth_date"),
    });
    const query = params.toString();
    if (query === last) return;
    last = query;
    fetch(`${form.dataset.checkUrl}?${query}`, { credentials: "same-origin" })
      .then((response) => (response.ok ? response.text() : ""))
      .then((html) => { if (query === last) box.innerHTML = html; }) // a late answer to an older query is dropped
      .catch(() => {});
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
