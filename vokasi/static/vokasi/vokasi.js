// Small progressive enhancements; every page works without them.
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target.matches("[data-autosubmit]")) target.form.submit();
});

// Buttons that print the page (cards, signed reports): <button data-print>.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});

// "Back" links on the error pages: the browser's own history when there is one; the
// link's address (the referring page, or home) otherwise.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-back]");
  if (link && window.history.length > 1) {
    event.preventDefault();
    window.history.back();
  }
});
