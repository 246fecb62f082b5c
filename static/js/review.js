// The review UI's own script: turns a selection in the narrative's text into the code-point
// offsets the server counts in, and lets keyboard users make that selection.
//
// The text is rendered as segments (<span> and <mark>), each with data-start and data-end in
// Unicode code points. JavaScript strings count UTF-16 units, so a position inside a segment
// is converted with Array.from(), which iterates by code point.
(function () {
  "use strict";

  const form = document.getElementById("excerpt-form");
  const container = form && document.getElementById(form.dataset.text);
  if (!form || !container) {
    return;
  }
  const startInput = form.querySelector("input[name=start]");
  const endInput = form.querySelector("input[name=end]");
  const feedback = document.getElementById("selection-feedback");
  const textLength = Number(container.dataset.length);
  const segments = Array.from(container.querySelectorAll("[data-start]"));

  // The feedback's words come translated from the page (data-msg-* on the form), with
  // {start}, {end} and {text} filled in here; English if the page gives none.
  const WORDS = {
    cursor: "Cursor at character {start}. Hold Shift and use the arrow keys to select.",
    selected: "Selected characters {start} to {end}: “{text}”. Press “Mark excerpt” to keep it.",
    keys: "Use the arrow keys to move, and Shift with the arrow keys to select.",
    empty: "Select part of the text first, then press “Mark excerpt”.",
    typed: "Characters {start} to {end}: “{text}”.",
  };
  function words(name, values) {
    const key = "msg" + name.charAt(0).toUpperCase() + name.slice(1);
    const template = form.dataset[key] || WORDS[name];
    return template.replace(/\{(\w+)\}/g, function (whole, field) {
      return values && field in values ? String(values[field]) : whole;
    });
  }

  function codePoints(str) {
    return Array.from(str).length;
  }

  // The code-point offset of a boundary point given as the DOM gives it: (node, offset).
  function offsetOf(node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const segment = node.parentElement && node.parentElement.closest("[data-start]");
      if (segment && container.contains(segment)) {
        if (offset >= node.data.length) {
          // The segment's end as the server counts it (a CRLF is one character in the DOM).
          return Number(segment.dataset.end);
        }
        return Number(segment.dataset.start) + codePoints(node.data.slice(0, offset));
      }
    }
    // Between elements: the start of the first segment at or after the point.
    const point = document.createRange();
    point.setStart(node, offset);
    point.collapse(true);
    for (const segment of segments) {
      if (point.comparePoint(segment, 0) >= 0) {
        return Number(segment.dataset.start);
      }
    }
    return textLength;
  }

  // The selection's span in code points, clipped to the text, or null if it is elsewhere.
  function selectedSpan() {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount === 0) {
      return null;
    }
    const range = selection.getRangeAt(0);
    const whole = document.createRange();
    whole.selectNodeContents(container);
    if (!range.intersectsNode(container)) {
      return null;
    }
    const startsBefore = range.compareBoundaryPoints(Range.START_TO_START, whole) < 0;
    const endsAfter = range.compareBoundaryPoints(Range.END_TO_END, whole) > 0;
    const start = startsBefore ? 0 : offsetOf(range.startContainer, range.startOffset);
    const end = endsAfter ? textLength : offsetOf(range.endContainer, range.endOffset);
    return { start: Math.min(start, end), end: Math.max(start, end), text: range.toString() };
  }

  function say(message, kind) {
    feedback.textContent = message;
    feedback.classList.toggle("feedback--ready", kind === "ready");
    feedback.classList.toggle("feedback--error", kind === "error");
  }

  function preview(text) {
    const flat = text.replace(/\s+/g, " ").trim();
    const chars = Array.from(flat);
    return chars.length > 80 ? chars.slice(0, 77).join("") + "…" : flat;
  }

  function update() {
    const span = selectedSpan();
    if (!span) {
      return; // A selection elsewhere on the page leaves the last one in the form.
    }
    if (span.end === span.start) {
      if (document.activeElement === container) {
        say(words("cursor", { start: span.start }), "");
      }
      return;
    }
    startInput.value = span.start;
    endInput.value = span.end;
    say(
      words("selected", { start: span.start, end: span.end, text: preview(span.text) }),
      "ready"
    );
  }

  document.addEventListener("selectionchange", update);

  // Keyboard selection without caret browsing: arrow keys move a caret kept in the text, and
  // Shift extends the selection from it. Ctrl (or Alt on a Mac) moves by word.
  const MOVES = {
    ArrowLeft: ["left", "character"],
    ArrowRight: ["right", "character"],
    ArrowUp: ["backward", "line"],
    ArrowDown: ["forward", "line"],
    Home: ["backward", "lineboundary"],
    End: ["forward", "lineboundary"],
  };
  container.addEventListener("keydown", function (event) {
    const move = MOVES[event.key];
    const selection = window.getSelection();
    if (!move || !selection || typeof selection.modify !== "function") {
      return;
    }
    const inside =
      selection.rangeCount > 0 && container.contains(selection.getRangeAt(0).startContainer);
    if (!inside) {
      const first = segments.length ? segments[0].firstChild || segments[0] : container;
      selection.collapse(first, 0);
    }
    let granularity = move[1];
    if ((event.ctrlKey || event.altKey) && granularity === "character") {
      granularity = "word";
    }
    selection.modify(event.shiftKey ? "extend" : "move", move[0], granularity);
    event.preventDefault();
    update();
  });

  container.addEventListener("focus", function () {
    if (!startInput.value) {
      say(words("keys"), "");
    }
  });

  form.addEventListener("submit", function (event) {
    const start = Number(startInput.value);
    const end = Number(endInput.value);
    if (startInput.value === "" || endInput.value === "" || !(end > start)) {
      event.preventDefault();
      container.focus();
      say(words("empty"), "error");
    }
  });

  // Typing offsets by hand shows what they cover.
  function showTyped() {
    const start = Number(startInput.value);
    const end = Number(endInput.value);
    if (startInput.value === "" || endInput.value === "" || !(end > start)) {
      return;
    }
    const text = segments
      .map(function (segment) {
        return segment.textContent;
      })
      .join("");
    const typed = preview(Array.from(text).slice(start, end).join(""));
    say(words("typed", { start: start, end: end, text: typed }), "ready");
  }
  startInput.addEventListener("input", showTyped);
  endInput.addEventListener("input", showTyped);
})();
