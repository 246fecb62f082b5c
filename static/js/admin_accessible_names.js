/* Accessible names the admin's own scripts leave out.
 *
 * 1. The autocomplete pickers (select2).
 * select2 hides the real <select> and shows a combobox named only by the chosen option's
 * text, inside a span it marks role="textbox": with nothing chosen, both are nameless. Name
 * the combobox by the field's <label> (or the select's aria-label, in a tabular inline row)
 * followed by the chosen text, and let that text be plain text.
 *
 * 2. The filter boxes of a two-list picker (SelectFilter2.js): their magnifier icon carries
 * an aria-label, which a plain span may not; as an image it may.
 *
 * Widgets added later (a new inline row) are named as they appear. */
(function () {
    "use strict";

    function labelFor(select) {
        const label = select.id ? document.querySelector('label[for="' + select.id + '"]') : null;
        if (label) {
            if (!label.id) {
                label.id = select.id + "-label";
            }
            return { id: label.id };
        }
        const text = select.getAttribute("aria-label");
        return text ? { text: text } : null;
    }

    function name(select) {
        const container = select.nextElementSibling;
        if (!container || !container.classList.contains("select2")) {
            return;
        }
        const combobox = container.querySelector('.select2-selection[role="combobox"]');
        const label = labelFor(select);
        if (!combobox || !label) {
            return;
        }
        const rendered = container.querySelector(".select2-selection__rendered");
        if (rendered) {
            rendered.removeAttribute("role");
            rendered.removeAttribute("aria-readonly");
        }
        if (label.id) {
            const ids = [label.id];
            if (rendered && rendered.id) {
                ids.push(rendered.id);
            }
            combobox.setAttribute("aria-labelledby", ids.join(" "));
        } else {
            combobox.removeAttribute("aria-labelledby");
            combobox.setAttribute("aria-label", label.text);
        }
    }

    function nameAll() {
        document.querySelectorAll("select.admin-autocomplete").forEach(name);
        document
            .querySelectorAll(".search-label-icon[aria-label]:not([role])")
            .forEach(function (icon) {
                icon.setAttribute("role", "img");
            });
    }

    window.addEventListener("load", function () {
        nameAll();
        new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
    });
})();
