// hedgeometer serve: send the text (or a dropped file) to this server, show the report it renders.
// The report's HTML comes from the server's templates, where every character of the text is
// escaped; everything this script writes itself goes in as text (textContent), never as markup.
"use strict";

(() => {
  const form = document.getElementById("hm-form");
  const result = document.getElementById("hm-result");
  const status = document.getElementById("hm-status");
  const errorBox = document.getElementById("hm-error");
  const downloads = document.getElementById("hm-downloads");
  const maxFileBytes = Number(form.dataset.maxFileBytes);
  const boxes = [0, 1].map((k) => ({
    zone: document.getElementById(`hm-box-${k}`),
    text: document.getElementById(`hm-text-${k}`),
    file: document.getElementById(`hm-file-${k}`),
    format: document.getElementById(`hm-format-${k}`),
    name: document.getElementById(`hm-name-${k}`),
    dropped: null, // {name, data}: a file to send instead of the text box
    source: null, // the name of the file whose text the box holds, until the text is edited
  }));
  let latest = 0; // only the answer to the latest request is shown
  let links = [];

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function clearMessages() {
    errorBox.hidden = true;
    errorBox.textContent = "";
    status.textContent = "";
  }

  function setDownloads(items) {
    links.forEach((url) => URL.revokeObjectURL(url));
    links = [];
    downloads.replaceChildren();
    if (!items || !items.length) {
      downloads.hidden = true;
      return;
    }
    downloads.append(document.createTextNode("Download:"));
    for (const item of items) {
      const url = URL.createObjectURL(new Blob([item.content], { type: `${item.type};charset=utf-8` }));
      links.push(url);
      const link = document.createElement("a");
      link.href = url;
      link.download = item.filename;
      link.textContent = item.label;
      downloads.append(link);
    }
    downloads.hidden = false;
  }

  function toBase64(buffer) {
    const bytes = new Uint8Array(buffer);
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  async function takeFile(box, file) {
    clearMessages();
    if (file.size > maxFileBytes) {
      showError(`Too large: ${file.name} is ${(file.size / 1048576).toFixed(1)} MB, and this page takes files up to ` +
                `${Math.floor(maxFileBytes / 1048576)} MB. Use 'hedgeometer report FILE'.`);
      return;
    }
    box.dropped = { name: file.name, data: toBase64(await file.arrayBuffer()) };
    box.source = null;
    box.name.textContent = file.name;
    box.text.value = "";
    await score();
  }

  function request() {
    const texts = [];
    for (const box of boxes) {
      if (box.dropped) {
        texts.push({ name: box.dropped.name, file: box.dropped.data, format: box.format.value });
      } else if (box.text.value.trim()) {
        texts.push({ text: box.text.value, format: box.format.value, name: box.source });
      }
    }
    return texts;
  }

  async function score() {
    const texts = request();
    const sent = boxes.map((box) => box.dropped !== null || box.text.value.trim() !== "");
    clearMessages();
    if (!texts.length) {
      showError("Nothing to score: paste a text or drop a .txt, .md or .html file.");
      return;
    }
    const id = ++latest;
    status.textContent = "Scoring…";
    form.setAttribute("aria-busy", "true");
    let response;
    let answer = null;
    try {
      response = await fetch("/api/report", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ texts }),
      });
      answer = await response.json().catch(() => null);
    } catch (error) {
      response = null;
    }
    if (id !== latest) return; // a newer request has been sent since
    form.removeAttribute("aria-busy");
    const dropped = boxes.map((box) => box.dropped !== null);
    boxes.forEach((box) => { box.dropped = null; box.file.value = ""; });
    if (!response) {
      status.textContent = "";
      showError("No answer from hedgeometer: is 'hedgeometer serve' still running in its terminal?");
      return;
    }
    if (!response.ok || !answer || typeof answer.html !== "string") {
      boxes.forEach((box, index) => { if (dropped[index]) box.name.textContent = ""; }); // the error names the file
      status.textContent = "";
      result.replaceChildren();
      setDownloads([]);
      showError(answer && answer.error ? answer.error : `The server answered ${response.status} ${response.statusText}.`);
      return;
    }
    // a dropped file's text (for HTML, the article found in it) goes into its box, read as what it was
    let k = 0;
    boxes.forEach((box, index) => {
      if (!sent[index]) return;
      const scored = answer.texts[k++];
      if (scored && scored.from_file) {
        box.text.value = scored.text;
        box.format.value = scored.format;
        box.name.textContent = box.source = scored.name;
      }
    });
    result.innerHTML = answer.html; // rendered by the server, every character of the text escaped
    setDownloads(answer.downloads);
    status.textContent = answer.summary;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    score();
  });
  document.getElementById("hm-clear").addEventListener("click", () => {
    boxes.forEach((box) => {
      box.text.value = "";
      box.dropped = null;
      box.file.value = "";
      box.name.textContent = "";
      box.source = null;
      box.format.value = "auto";
    });
    latest++;
    form.removeAttribute("aria-busy");
    clearMessages();
    setDownloads([]);
    result.replaceChildren();
    boxes[0].text.focus();
  });
  for (const box of boxes) {
    box.text.addEventListener("paste", () => setTimeout(score, 0)); // after the pasted text is in
    box.text.addEventListener("input", () => { // an edited text is no longer the file's
      box.name.textContent = "";
      box.source = null;
    });
    box.text.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        score();
      }
    });
    box.file.addEventListener("change", () => {
      if (box.file.files.length) takeFile(box, box.file.files[0]);
    });
    box.zone.addEventListener("dragover", (event) => {
      if (event.dataTransfer && Array.from(event.dataTransfer.types).includes("Files")) {
        event.preventDefault();
        box.zone.classList.add("hm-over");
      }
    });
    box.zone.addEventListener("dragleave", () => box.zone.classList.remove("hm-over"));
    box.zone.addEventListener("drop", (event) => {
      box.zone.classList.remove("hm-over");
      const files = event.dataTransfer ? event.dataTransfer.files : null;
      if (files && files.length) { // dropped text is left to the text box
        event.preventDefault();
        takeFile(box, files[0]);
      }
    });
  }
})();
