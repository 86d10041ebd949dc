// Feeds page: while a check run is under way, show its progress without reloading, then reload once it
// ends so the table shows the new statuses. The page works without this script.
(function () {
    "use strict";
    var panel = document.getElementById("poll-progress");
    if (!panel || panel.getAttribute("data-running") !== "true" || !window.fetch) {
        return;
    }

    var url = panel.getAttribute("data-progress-url");
    function set(field, value) {
        var element = panel.querySelector("[data-field='" + field + "']");
        if (!element) {
            return;
        }
        if (element.tagName === "PROGRESS") {
            element.max = Math.max(1, value.max);
            element.value = value.value;
        } else {
            element.textContent = String(value);
        }
    }

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
            .then(function (response) { return response.ok ? response.json() : null; })
            .then(function (progress) {
                if (!progress) {
                    return;
                }
                var run = progress.current;
                if (!run) {
                    window.location.reload();
                    return;
                }
                set("checked", run.checked);
                set("claimed", run.claimed);
                set("added", run.articlesAdded);
                set("failed", run.failed);
                set("bar", { max: run.claimed, value: run.checked });
                set("inflight", run.inFlight.length ? run.inFlight.join(", ") : "—");
                window.setTimeout(poll, 2000);
            })
            .catch(function () { window.setTimeout(poll, 5000); });
    }

    window.setTimeout(poll, 2000);
}());
