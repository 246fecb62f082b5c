/* Live preview of a message's rendition in the admin: re-render as the editor types. */
(function () {
    "use strict";

    function debounce(fn, wait) {
        let timer = null;
        return function () {
            clearTimeout(timer);
            timer = setTimeout(fn, wait);
        };
    }

    document.addEventListener("DOMContentLoaded", function () {
        const box = document.getElementById("message-live-preview");
        if (!box) {
            return;
        }
        const form = box.closest("form");
        const image = box.querySelector("img");
        const status = box.querySelector("[role=status]");
        const buttons = box.querySelectorAll("button[data-format]");
        const slideInput = box.querySelector("input[data-slide]");
        let format = "square";
        let objectUrl = null;
        // The words come translated from the page (data-msg-* on the preview box).
        const words = box.dataset;

        function formatName() {
            const pressed = box.querySelector("button[aria-pressed=true]");
            return pressed ? pressed.textContent : format;
        }

        // The status is a polite live region: it speaks only when what it says changes (not
        // "rendering" at every pause in the typing; aria-busy says that).
        function say(text) {
            if (status.textContent !== text) {
                status.textContent = text;
            }
        }

        async function refresh() {
            const data = new FormData(form);
            data.set("preview_format", format);
            // A carousel's slide, numbered from 1 as posted (other layouts have one card).
            const slide = slideInput ? Math.max(1, parseInt(slideInput.value, 10) || 1) : 1;
            data.set("preview_slide", String(slide - 1));
            box.setAttribute("aria-busy", "true");
            try {
                const response = await fetch(box.dataset.url, {
                    method: "POST",
                    body: data,
                    credentials: "same-origin",
                    headers: { "X-Requested-With": "XMLHttpRequest" },
                });
                if (!response.ok) {
                    const problem = await response.json().catch(() => ({}));
                    say(problem.error || words.msgFailed);
                    return;
                }
                const blob = await response.blob();
                if (objectUrl) {
                    URL.revokeObjectURL(objectUrl);
                }
                objectUrl = URL.createObjectURL(blob);
                image.src = objectUrl;
                image.hidden = false;
                // Filled fields the chosen template leaves off the card (JSON, ASCII-escaped).
                let warnings = [];
                try {
                    warnings = JSON.parse(response.headers.get("X-Template-Warnings") || "[]");
                } catch (ignored) {
                    warnings = [];
                }
                say([words.msgReady.replace("{format}", formatName()), ...warnings].join(" "));
            } catch (error) {
                say(words.msgFailed);
            } finally {
                box.removeAttribute("aria-busy");
            }
        }

        const later = debounce(refresh, 600);
        form.addEventListener("input", later);
        form.addEventListener("change", later);
        if (window.django && window.django.jQuery) {
            // Autocomplete widgets (select2) announce changes through jQuery only.
            window.django.jQuery(form).on("change", "select", later);
        }
        buttons.forEach(function (button) {
            button.addEventListener("click", function (event) {
                event.preventDefault();
                format = button.dataset.format;
                buttons.forEach((b) => b.setAttribute("aria-pressed", String(b === button)));
                refresh();
            });
        });
        refresh();
    });
})();
