// Progressive enhancement only: every form works without this file.
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form instanceof HTMLFormElement && form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
});

// Drag a row of the agenda to another place: submits that row's "Flyt til plads" form, so dragging does exactly
// what typing the number does (and works the same without a mouse).
document.querySelectorAll("table.agenda-order tr[data-move-item]").forEach((row) => {
  row.draggable = true;
  row.addEventListener("dragstart", (event) => {
    event.dataTransfer.setData("text/plain", row.dataset.moveItem);
    event.dataTransfer.effectAllowed = "move";
  });
  row.addEventListener("dragover", (event) => { event.preventDefault(); row.classList.add("drop-target"); });
  row.addEventListener("dragleave", () => row.classList.remove("drop-target"));
  row.addEventListener("drop", (event) => {
    event.preventDefault();
    row.classList.remove("drop-target");
    const moved = document.querySelector(`tr[data-move-item="${CSS.escape(event.dataTransfer.getData("text/plain"))}"]`);
    const form = moved && moved.querySelector("form.move-to");
    if (!form || moved === row) return;
    form.querySelector("input[name=position]").value = row.dataset.movePosition;
    form.requestSubmit();
  });
});
