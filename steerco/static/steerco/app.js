// Loaded as an external module so the Content-Security-Policy can forbid inline script.
import { initAll } from "/static/govuk/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

// A row saved with htmx carries its confirmation: move focus to it, so that it is read out and
// keyboard users carry on from there.
document.body.addEventListener("htmx:afterSettle", () => {
  const confirmation = document.querySelector("[data-focus-after-swap]");
  if (confirmation) {
    confirmation.removeAttribute("data-focus-after-swap");
    confirmation.focus();
  }
});
