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

// Where a mouse or pen is available, the secretary may drag an agenda item onto the place it
// should take: its move form posts that place (`to`) and htmx swaps in the renumbered agenda.
// The move up and move down buttons stay for keyboards and touch (WCAG 2.5.7).
if (window.matchMedia("(pointer: fine)").matches) {
  const PLACE = "[data-agenda-place]";
  const TARGET = "steerco-agenda-item--drop-target";
  let dragged = null;
  const placeOf = (event) => event.target.closest?.(PLACE);
  const clearTarget = () =>
    document.querySelectorAll(`.${TARGET}`).forEach((item) => item.classList.remove(TARGET));
  const markDraggable = () =>
    document.querySelectorAll(PLACE).forEach((item) => {
      item.draggable = true;
    });

  document.addEventListener("dragstart", (event) => {
    dragged = placeOf(event);
    if (dragged) {
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", dragged.dataset.agendaPlace);
    }
  });
  document.addEventListener("dragover", (event) => {
    const over = placeOf(event);
    if (dragged && over && over !== dragged) {
      event.preventDefault();
      clearTarget();
      over.classList.add(TARGET);
    }
  });
  document.addEventListener("dragend", () => {
    dragged = null;
    clearTarget();
  });
  document.addEventListener("drop", (event) => {
    const over = placeOf(event);
    const form = dragged?.querySelector(".steerco-item-move");
    clearTarget();
    if (!over || over === dragged || !form) return;
    event.preventDefault();
    const to = document.createElement("input");
    to.type = "hidden";
    to.name = "to";
    to.value = over.dataset.agendaPlace;
    form.append(to);
    form.requestSubmit();
    dragged = null;
  });
  markDraggable();
  document.body.addEventListener("htmx:afterSettle", markDraggable);
}
