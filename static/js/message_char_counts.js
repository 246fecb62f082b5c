/* Live character counts in the admin's message form, against the chosen template's limits.
 *
 * The limits come from the page (#message-char-counts, written from campaigns.limits), never
 * from this file. A length is counted as the server counts it: code points of the text with
 * CRLF as one line break, trimmed and NFC-composed (not grapheme clusters). The server still
 * refuses a text over its limit; this only shows it coming.
 *
 * Each counter is tied to its field by aria-describedby (read when the field has focus); the
 * one polite live region speaks only when a field goes over its limit or back within it, or
 * when the chosen template comes to need a quote the form does not have. */
(function () {
    "use strict";

    function fill(template, values) {
        return template.replace(/\{(\w+)\}/g, function (whole, key) {
            return key in values ? String(values[key]) : whole;
        });
    }

    function counted(text) {
        return Array.from(text.replace(/\r\n/g, "\n").trim().normalize("NFC")).length;
    }

    document.addEventListener("DOMContentLoaded", function () {
        const config = document.getElementById("message-char-counts");
        if (!config) {
            return;
        }
        const form = config.closest("form");
        const limits = JSON.parse(config.dataset.limits);
        const layouts = JSON.parse(config.dataset.layouts);
        const announcer = config.querySelector("[role=status]");
        const texts = config.dataset;
        const counters = new Map();
        const wasOver = new Map();

        function labelOf(input) {
            const label = form.querySelector('label[for="' + input.id + '"]');
            return label ? label.textContent.trim().replace(/[:：]$/, "") : input.name;
        }

        function layout() {
            const select = form.querySelector('[name="template"]');
            return (select && layouts[select.value]) || texts.defaultLayout;
        }

        function hasQuotes() {
            const pickers = form.querySelectorAll('select[name^="excerpt_links-"][name$="-excerpt"]');
            return Array.from(pickers).some(function (picker) {
                if (!picker.value) {
                    return false;
                }
                const prefix = picker.name.slice(0, -"excerpt".length);
                const remove = form.querySelector('[name="' + prefix + 'DELETE"]');
                return !(remove && remove.checked);
            });
        }

        function update(input, rules) {
            const rule = rules[input.dataset.charCount];
            const counter = counters.get(input);
            if (!rule || !counter) {
                return;
            }
            const count = counted(input.value);
            const limit = rule.limit;
            const over = limit !== null && count > limit;
            let text;
            if (limit === null) {
                text = fill(texts.textUnlimited, { count: count });
            } else if (over) {
                text = fill(texts.textOver, { count: count, limit: limit, over: count - limit });
            } else {
                text = fill(texts.textCount, { count: count, limit: limit });
            }
            if (rule.shown === false) {
                text += " " + texts.textNotShown;
            }
            counter.textContent = text;
            counter.classList.toggle("cms-char-count--over", over);
            if (over) {
                input.setAttribute("aria-invalid", "true");
                input.dataset.charCountInvalid = "true";
            } else if (input.dataset.charCountInvalid) {
                // Only what this script set: a server error keeps its aria-invalid.
                input.removeAttribute("aria-invalid");
                delete input.dataset.charCountInvalid;
            }
            if (wasOver.has(input) && wasOver.get(input) !== over) {
                const words = over ? texts.textAnnounceOver : texts.textAnnounceFits;
                announcer.textContent = fill(words, { field: labelOf(input), over: count - limit });
            }
            wasOver.set(input, over);
        }

        function rulesNow() {
            const byLayout = limits[layout()] || limits[texts.defaultLayout];
            return byLayout[hasQuotes() ? "quotes" : "no_quotes"];
        }

        // A carousel or a photo card draws nothing without a quote: say so while none is chosen.
        const needsQuotes = config.querySelector(".cms-needs-quotes");
        let neededQuotes = null;

        function updateNeedsQuotes() {
            const byLayout = limits[layout()] || limits[texts.defaultLayout];
            const missing = Boolean(byLayout.needs_quotes) && !hasQuotes();
            needsQuotes.hidden = !missing;
            if (neededQuotes !== null && missing && !neededQuotes) {
                announcer.textContent = needsQuotes.textContent;
            }
            neededQuotes = missing;
        }

        function updateAll() {
            const rules = rulesNow();
            counters.forEach(function (counter, input) {
                update(input, rules);
            });
            updateNeedsQuotes();
        }

        form.querySelectorAll("[data-char-count]").forEach(function (input) {
            const counter = document.createElement("div");
            counter.id = input.id + "_charcount";
            counter.className = "help cms-char-count";
            const row = input.closest(".flex-container") || input;
            row.after(counter);
            const described = input.getAttribute("aria-describedby");
            input.setAttribute("aria-describedby", (described ? described + " " : "") + counter.id);
            counters.set(input, counter);
        });

        form.addEventListener("input", function (event) {
            if (counters.has(event.target)) {
                update(event.target, rulesNow());
            }
        });
        // The template, the excerpts and their delete boxes change which limits apply.
        form.addEventListener("change", updateAll);
        document.addEventListener("formset:added", updateAll);
        document.addEventListener("formset:removed", updateAll);
        if (window.django && window.django.jQuery) {
            // Autocomplete widgets (select2) announce changes through jQuery only.
            window.django.jQuery(form).on("change", "select", updateAll);
        }
        updateAll();
    });
})();
