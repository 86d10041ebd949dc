// NewsTracker tagging on the article page. Plain script, no build step.
//
// The server renders everything: highlights as nested <mark>s, suggestions as dashed spans, the tag panel with a
// form per action. This script makes that faster to use: highlight <-> panel selection, a toolbar over selected
// text (keys C, A, S), the tag dialog with an actor typeahead, one-key accept/dismiss of suggestions, a keyboard
// "passage" mode, and every form posted with fetch() so the page redraws in place. Without it every form still
// works as a normal post.
(() => {
    'use strict';

    const layout = document.getElementById('article-layout');
    if (!layout || !document.getElementById('tag-panel')) {
        return;
    }

    const byId = (id) => document.getElementById(id);
    const all = (selector, root = document) => Array.from(root.querySelectorAll(selector));
    const panel = () => byId('tag-panel');
    const articleBody = () => byId('article-body');
    const isStaff = () => panel()?.dataset.staff === 'true';

    const dialog = byId('tag-dialog');
    const form = byId('tag-form');
    const toolbar = byId('tag-toolbar');
    const suggBar = byId('sugg-bar');
    const passageHelp = byId('passage-help');
    const statusRegion = byId('tag-status');
    const alertBox = byId('tag-alert');

    const KINDS = {
        Claim: { letter: 'C', label: 'claim', title: 'Tag as claim', submit: 'Save claim' },
        ActorMention: { letter: 'A', label: 'actor', title: 'Tag as actor', submit: 'Save actor tag' },
        Source: { letter: 'S', label: 'source', title: 'Tag as source', submit: 'Save source tag' },
    };
    const KEY_TO_KIND = { c: 'Claim', a: 'ActorMention', s: 'Source' };
    const motion = () => (window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth');

    // ---------------------------------------------------------------- messages

    function announce(text) {
        if (!statusRegion) {
            return;
        }
        statusRegion.textContent = '';
        window.setTimeout(() => { statusRegion.textContent = text; }, 40);
    }

    function showAlert(text, { reload = false } = {}) {
        if (!alertBox) {
            window.alert(text);
            return;
        }
        byId('tag-alert-text').textContent = text;
        const reloadButton = alertBox.querySelector('[data-action=reload]');
        reloadButton.hidden = !reload;
        alertBox.hidden = false;
        (reload ? reloadButton : alertBox.querySelector('[data-action=dismiss-alert]')).focus();
    }

    function problemText(result) {
        const data = result.data || {};
        if (result.status === 401) {
            return 'You are signed out. Sign in again, then retry; nothing was saved.';
        }
        const messages = [];
        if (data.errors) {
            for (const list of Object.values(data.errors)) {
                for (const message of list) {
                    if (!messages.includes(message)) {
                        messages.push(message);
                    }
                }
            }
        }
        if (messages.length === 0 && data.detail) {
            messages.push(data.detail);
        }
        if (messages.length === 0) {
            messages.push(`The server answered ${result.status}. Reload the page and try again.`);
        }
        return messages.join(' ');
    }

    // ---------------------------------------------------------------- server round trips

    async function post(target, body) {
        const token = target.querySelector('input[name=__RequestVerificationToken]')?.value
            || document.querySelector('input[name=__RequestVerificationToken]')?.value || '';
        let response;
        try {
            response = await fetch(target.action, {
                method: 'POST',
                body,
                credentials: 'same-origin',
                headers: { Accept: 'application/json', RequestVerificationToken: token },
            });
        } catch {
            return { ok: false, status: 0, data: { detail: 'The server could not be reached. Check the connection and try again; nothing was saved.' } };
        }
        let data = null;
        try {
            data = await response.json();
        } catch {
            data = null;
        }
        return { ok: response.ok, status: response.status, data };
    }

    /** Fetches the page again and swaps the body and the panel, keeping the reader's place. */
    async function refresh() {
        const response = await fetch(window.location.pathname + window.location.search, {
            credentials: 'same-origin',
            headers: { Accept: 'text/html' },
        });
        if (!response.ok) {
            window.location.reload();
            return;
        }
        const fresh = new DOMParser().parseFromString(await response.text(), 'text/html');
        for (const id of ['article-body', 'tag-panel']) {
            const next = fresh.getElementById(id);
            const current = byId(id);
            if (next && current) {
                current.replaceWith(document.importNode(next, true));
            }
        }
        const skip = fresh.querySelector('.tag-skip');
        const currentSkip = document.querySelector('.tag-skip');
        if (skip && currentSkip) {
            currentSkip.replaceWith(document.importNode(skip, true));
        }
        enhance();
    }

    // ---------------------------------------------------------------- highlight <-> panel

    function select(tagId, { focusPanel = false, focusMark = false } = {}) {
        for (const element of all('.is-selected')) {
            element.classList.remove('is-selected');
        }
        const marks = all(`mark[data-tag="${CSS.escape(tagId)}"]`);
        const entry = byId(`tag-${tagId}`);
        for (const mark of marks) {
            mark.classList.add('is-selected');
        }
        entry?.classList.add('is-selected');
        if (focusPanel && entry) {
            entry.scrollIntoView({ block: 'nearest', behavior: motion() });
            entry.focus({ preventScroll: true });
        }
        if (focusMark) {
            const first = byId(`mark-${tagId}`) || marks[0];
            if (first) {
                first.scrollIntoView({ block: 'center', behavior: motion() });
                first.focus({ preventScroll: true });
            }
        }
    }

    document.addEventListener('click', (event) => {
        const goto = event.target.closest('[data-goto]');
        if (goto) {
            event.preventDefault();
            select(goto.dataset.goto, { focusMark: true });
            return;
        }
        if (!window.getSelection().isCollapsed) {
            return; // the end of a drag selecting text, not a click on a highlight
        }
        // The innermost highlight or suggestion under the pointer is the one meant.
        const hit = event.target.closest('mark.tag, .sugg');
        if (hit?.matches('mark.tag')) {
            select(hit.dataset.tag, { focusPanel: true });
        } else if (hit && isStaff() && suggestionShown(hit)) {
            focusSuggestion(hit.dataset.sugg);
        } else if (hit?.closest('mark.tag')) {
            select(hit.closest('mark.tag').dataset.tag, { focusPanel: true });
        }
    });

    // ---------------------------------------------------------------- text offsets

    /** Every text node of the body with its offsets in the version's plain text (blocks carry data-start). */
    function textMap() {
        const nodes = [];
        const root = articleBody();
        if (!root) {
            return nodes;
        }
        for (const block of root.querySelectorAll('[data-start]')) {
            let offset = Number(block.dataset.start);
            const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                nodes.push({ node, block, start: offset, end: offset + node.data.length });
                offset += node.data.length;
            }
        }
        return nodes;
    }

    function pointToOffset(map, container, offset, isEnd) {
        if (container.nodeType === Node.TEXT_NODE) {
            const hit = map.find((m) => m.node === container);
            if (hit) {
                return hit.start + offset;
            }
        }
        // A point between elements (or outside the blocks): the nearest text after a start, before an end.
        const probe = document.createRange();
        probe.setStart(container, offset);
        probe.collapse(true);
        if (!isEnd) {
            const after = map.find((m) => probe.comparePoint(m.node, 0) >= 0);
            return after ? after.start : null;
        }
        let before = null;
        for (const m of map) {
            if (probe.comparePoint(m.node, 0) < 0) {
                before = m;
            }
        }
        return before ? before.end : null;
    }

    /** The plain text between two offsets; the gaps between blocks are the blank lines that join them. */
    function textBetween(map, start, end) {
        let text = '';
        let at = start;
        for (const m of map) {
            if (m.end <= start || m.start >= end) {
                continue;
            }
            if (m.start > at) {
                text += '\n'.repeat(m.start - at);
                at = m.start;
            }
            const from = Math.max(at, m.start);
            const to = Math.min(end, m.end);
            text += m.node.data.slice(from - m.start, to - m.start);
            at = to;
        }
        return text;
    }

    /** The selection as a span of the plain text (whitespace trimmed), or null when it is not in the body. */
    function selectedSpan() {
        const selection = window.getSelection();
        const root = articleBody();
        if (!root || !selection || selection.rangeCount === 0 || selection.isCollapsed) {
            return null;
        }
        const range = selection.getRangeAt(0);
        if (!range.intersectsNode(root)) {
            return null;
        }
        const map = textMap();
        let start = pointToOffset(map, range.startContainer, range.startOffset, false);
        let end = pointToOffset(map, range.endContainer, range.endOffset, true);
        if (start === null || end === null || end <= start) {
            return null;
        }
        const raw = textBetween(map, start, end);
        const exact = raw.trim();
        if (!exact) {
            return null;
        }
        start += raw.length - raw.trimStart().length;
        end -= raw.length - raw.trimEnd().length;
        return { start, end, exact, range };
    }

    /** Without a selection, a focused suggestion or highlight stands for its span (C, A, S tag it). */
    function focusedSpan(target) {
        const entry = target.classList?.contains('sugg') ? suggestionEntry(target.dataset.sugg)
            : target.matches?.('mark.tag') ? byId(`tag-${target.dataset.tag}`) : null;
        if (!entry) {
            return null;
        }
        const start = Number(entry.dataset.start);
        const end = Number(entry.dataset.end);
        return { start, end, exact: textBetween(textMap(), start, end) };
    }

    function selectOffsets(start, end) {
        const map = textMap();
        const first = map.find((m) => m.start <= start && start < m.end);
        const last = map.find((m) => m.start < end && end <= m.end);
        if (!first || !last) {
            return;
        }
        window.getSelection().setBaseAndExtent(first.node, start - first.start, last.node, end - last.start);
    }

    // ---------------------------------------------------------------- the selection toolbar

    let pending = null;
    let frame = 0;

    function place(bar, rect) {
        bar.hidden = false;
        const width = bar.offsetWidth;
        const height = bar.offsetHeight;
        const center = rect.left + rect.width / 2;
        const left = Math.max(8, Math.min(window.innerWidth - width - 8, center - width / 2));
        const below = rect.top < height + 16;
        bar.classList.toggle('below', below);
        bar.style.left = `${left + window.scrollX}px`;
        bar.style.top = `${(below ? rect.bottom + 10 : rect.top - height - 10) + window.scrollY}px`;
        bar.style.setProperty('--arrow-left', `${Math.max(12, Math.min(width - 12, center - left))}px`);
    }

    function updateToolbar() {
        if (!toolbar || !isStaff() || dialog?.open) {
            return;
        }
        const span = selectedSpan();
        if (!span) {
            if (!toolbar.contains(document.activeElement)) {
                toolbar.hidden = true;
                pending = null;
            }
            return;
        }
        pending = span;
        const rects = span.range.getClientRects();
        place(toolbar, rects.length > 0 ? rects[0] : span.range.getBoundingClientRect());
    }

    document.addEventListener('selectionchange', () => {
        window.cancelAnimationFrame(frame);
        frame = window.requestAnimationFrame(updateToolbar);
    });

    toolbar?.addEventListener('mousedown', (event) => event.preventDefault()); // keep the selection
    toolbar?.addEventListener('click', (event) => {
        const button = event.target.closest('[data-tag-kind]');
        if (!button) {
            return;
        }
        // The selection as it is now: if it went away since the toolbar appeared, nothing else is tagged instead.
        const span = selectedSpan();
        if (span) {
            openDialog(button.dataset.tagKind, span);
        } else {
            toolbar.hidden = true;
            pending = null;
            announce('The selection is gone. Select the words to tag again; nothing was tagged.');
            showSelectionGone();
        }
    });

    /** A visible note that the shortcut did nothing because nothing is selected. */
    function showSelectionGone() {
        let note = byId('selection-gone');
        if (!note) {
            note = document.createElement('p');
            note.id = 'selection-gone';
            note.className = 'selection-gone';
            note.setAttribute('role', 'status');
            articleBody()?.before(note);
        }
        note.textContent = 'Nothing is selected, so nothing was tagged. Select the words first, then press C, A or S.';
        note.hidden = false;
        window.clearTimeout(showSelectionGone.timer);
        showSelectionGone.timer = window.setTimeout(() => { note.hidden = true; }, 6000);
    }

    // ---------------------------------------------------------------- suggestions

    function suggestionStarts() {
        return all('.sugg.sugg-start').filter((s) => s.offsetParent !== null && suggestionShown(s));
    }

    function focusSuggestion(key) {
        const first = document.querySelector(`.sugg.sugg-start[data-sugg="${CSS.escape(key)}"]`);
        if (first) {
            first.scrollIntoView({ block: 'center', behavior: motion() });
            first.focus({ preventScroll: true });
        }
    }

    function moveSuggestion(direction, from) {
        const list = suggestionStarts();
        if (list.length === 0) {
            announce('No suggestions left.');
            return;
        }
        let index = list.indexOf(from);
        if (index < 0) {
            // From anywhere else: the first suggestion after (or before) the focused element.
            index = direction > 0
                ? list.findIndex((s) => from && from.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING) - 1
                : list.length;
            if (index < -1) {
                index = -1;
            }
        }
        const next = list[(index + direction + list.length) % list.length];
        focusSuggestion(next.dataset.sugg);
    }

    function suggestionEntry(key) {
        return document.querySelector(`.sugg-entry[data-sugg="${CSS.escape(key)}"]`);
    }

    function showSuggestionBar(element) {
        const entry = suggestionEntry(element.dataset.sugg);
        if (!suggBar || !entry) {
            return;
        }
        for (const current of all('.is-current')) {
            current.classList.remove('is-current');
        }
        for (const part of all(`.sugg[data-sugg="${CSS.escape(element.dataset.sugg)}"]`)) {
            part.classList.add('is-current');
        }
        entry.classList.add('is-current');
        scrollPanelTo(entry);
        suggBar.dataset.sugg = element.dataset.sugg;
        byId('sugg-bar-label').textContent = byId(`sugg-${element.dataset.sugg}-label`)?.textContent || '';
        const rects = element.getClientRects();
        place(suggBar, rects.length > 0 ? rects[0] : element.getBoundingClientRect());
    }

    /** Scrolls the sticky panel (never the page) so that an entry in it is visible. */
    function scrollPanelTo(entry) {
        const box = panel();
        if (!box || box.scrollHeight <= box.clientHeight) {
            return;
        }
        const top = entry.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
        if (top < box.scrollTop + 8 || top + entry.offsetHeight > box.scrollTop + box.clientHeight - 8) {
            box.scrollTop = top - box.clientHeight / 3;
        }
    }

    function hideSuggestionBar() {
        if (suggBar) {
            suggBar.hidden = true;
        }
        for (const current of all('.is-current')) {
            current.classList.remove('is-current');
        }
    }

    document.addEventListener('focusin', (event) => {
        const target = event.target;
        if (target.classList?.contains('sugg') && isStaff() && suggestionShown(target)) {
            showSuggestionBar(target);
        } else if (!suggBar?.contains(target)) {
            hideSuggestionBar();
        }
        if (passage && target !== articleBody() && !dialog?.open) {
            stopPassage(false);
        }
    });

    suggBar?.addEventListener('mousedown', (event) => event.preventDefault());
    suggBar?.addEventListener('click', (event) => {
        const button = event.target.closest('[data-sugg-action]');
        if (button && suggBar.dataset.sugg) {
            if (button.dataset.suggAction === 'accept') {
                acceptSuggestion(suggBar.dataset.sugg);
            } else {
                rejectSuggestion(suggBar.dataset.sugg);
            }
        }
    });

    /** After a suggestion is handled, focus the next one from the same place in the text. */
    function focusSuggestionAfter(start) {
        const next = suggestionStarts().find((s) => Number(suggestionEntry(s.dataset.sugg)?.dataset.start) >= start);
        if (next) {
            focusSuggestion(next.dataset.sugg);
        } else {
            byId('suggestions')?.focus();
        }
    }

    async function acceptSuggestion(key) {
        const entry = suggestionEntry(key);
        const accept = entry?.querySelector('[data-sugg-accept]');
        if (!accept) {
            return;
        }
        if (entry.dataset.kind === 'Claim') {
            // A claim needs wording: the dialog opens with the sentence as the statement.
            const start = Number(entry.dataset.start);
            const exact = new FormData(accept).get('Exact');
            openDialog('Claim', { start, end: Number(entry.dataset.end), exact }, { statement: exact, returnTo: () => focusSuggestionAfter(start) });
            return;
        }
        await sendSuggestion(entry, accept, 'Suggestion accepted.');
    }

    async function rejectSuggestion(key) {
        const entry = suggestionEntry(key);
        const reject = entry?.querySelector('[data-sugg-reject]');
        if (reject) {
            await sendSuggestion(entry, reject, 'Suggestion dismissed.');
        }
    }

    /** Posts a suggestion's accept or dismiss form, redraws, and moves on to the next suggestion. */
    async function sendSuggestion(entry, target, done) {
        const start = Number(entry.dataset.start);
        const result = await post(target, new FormData(target));
        if (!result.ok) {
            showAlert(problemText(result), { reload: result.status === 409 });
            return;
        }
        await refresh();
        announce(result.data?.message || done);
        focusSuggestionAfter(start);
    }

    // Which kinds of suggestion are shown (actor, source, claim) is the editor's choice, kept in this browser.
    const SUGGESTIONS_KEY = 'newstracker.hidden-suggestions';
    const SUGGESTION_KINDS = ['actor', 'source', 'claim'];

    function hiddenKinds() {
        try {
            const stored = JSON.parse(window.localStorage.getItem(SUGGESTIONS_KEY) || '[]');
            return Array.isArray(stored) ? stored.filter((k) => SUGGESTION_KINDS.includes(k)) : [];
        } catch {
            return [];
        }
    }

    function kindOf(sugg) {
        return SUGGESTION_KINDS.find((k) => sugg.classList.contains(`sugg-${k}`));
    }

    function suggestionShown(sugg) {
        return !layout.classList.contains(`hide-sugg-${kindOf(sugg)}`);
    }

    function applySuggestionVisibility(hidden) {
        for (const kind of SUGGESTION_KINDS) {
            layout.classList.toggle(`hide-sugg-${kind}`, hidden.includes(kind));
        }
        layout.classList.toggle('hide-suggestions', hidden.length === SUGGESTION_KINDS.length);
        for (const start of all('.sugg.sugg-start')) {
            if (suggestionShown(start)) {
                start.tabIndex = 0;
            } else {
                start.removeAttribute('tabindex');
            }
        }
        for (const box of all('[data-sugg-kind]')) {
            box.checked = !hidden.includes(box.dataset.suggKind);
        }
        const toggle = document.querySelector('[data-action=toggle-suggestions]');
        if (toggle) {
            toggle.textContent = hidden.length === SUGGESTION_KINDS.length ? 'Show suggestions' : 'Hide suggestions';
        }
    }

    function storeHiddenKinds(hidden) {
        try {
            window.localStorage.setItem(SUGGESTIONS_KEY, JSON.stringify(hidden));
        } catch {
            // private mode: the choice lasts for this page only
        }
        applySuggestionVisibility(hidden);
    }

    document.addEventListener('click', (event) => {
        if (event.target.closest('[data-action=toggle-suggestions]')) {
            const hide = hiddenKinds().length < SUGGESTION_KINDS.length;
            storeHiddenKinds(hide ? [...SUGGESTION_KINDS] : []);
            announce(hide ? 'Suggestions hidden.' : 'Suggestions shown.');
        }
    });

    // The confidence toggle is a plain link (?suggestions=all); with the script it swaps the panel and body in place.
    document.addEventListener('click', async (event) => {
        const link = event.target.closest('[data-action=all-suggestions], [data-action=confident-suggestions]');
        if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
            return;
        }
        event.preventDefault();
        const showAll = link.dataset.action === 'all-suggestions';
        const url = new URL(window.location.href);
        if (showAll) {
            url.searchParams.set('suggestions', 'all');
        } else {
            url.searchParams.delete('suggestions');
        }
        url.hash = '';
        window.history.replaceState(null, '', url);
        await refresh();
        byId('suggestions')?.focus();
        announce(showAll ? 'Showing every suggestion, less certain ones included.' : 'Showing only confident suggestions.');
    });

    document.addEventListener('change', (event) => {
        if (!event.target.matches('[data-sugg-kind]')) {
            return;
        }
        storeHiddenKinds(all('[data-sugg-kind]').filter((box) => !box.checked).map((box) => box.dataset.suggKind));
        const kind = event.target.dataset.suggKind;
        announce(`${kind[0].toUpperCase()}${kind.slice(1)} suggestions ${event.target.checked ? 'shown' : 'hidden'}.`);
    });

    // ---------------------------------------------------------------- panel forms through fetch

    document.addEventListener('submit', async (event) => {
        const target = event.target;
        if (!target.matches('[data-tag-form]')) {
            return;
        }
        event.preventDefault();
        const entry = target.closest('.tag-entry');
        const tagId = entry?.dataset.tag;
        const suggestion = target.closest('.sugg-entry');
        if (suggestion) {
            if (target.matches('[data-sugg-accept]')) {
                acceptSuggestion(suggestion.dataset.sugg);
            } else {
                rejectSuggestion(suggestion.dataset.sugg);
            }
            return;
        }
        const buttons = all('button', target);
        buttons.forEach((b) => { b.disabled = true; });
        const result = await post(target, new FormData(target));
        buttons.forEach((b) => { b.disabled = false; });
        if (!result.ok) {
            showAlert(problemText(result), { reload: result.status === 409 });
            return;
        }
        await refresh();
        announce(result.data?.message || 'Saved.');
        const again = tagId ? byId(`tag-${tagId}`) : null;
        if (again) {
            select(tagId, { focusPanel: true });
        } else {
            panel()?.focus();
        }
    });

    alertBox?.addEventListener('click', (event) => {
        if (event.target.closest('[data-action=reload]')) {
            window.location.reload();
        } else if (event.target.closest('[data-action=dismiss-alert]')) {
            alertBox.hidden = true;
        }
    });

    // ---------------------------------------------------------------- the tag dialog

    let returnFocus = null;
    let afterClose = null;

    function fieldset(kind) {
        return form.querySelector(`.tag-fields[data-kind="${kind}"]`);
    }

    function guessSourceKind(text) {
        if (/according to reports|reportedly|\breports?\b/i.test(text)) {
            return 'UnspecifiedReports';
        }
        if (/official|spokes(?:man|woman|person|people)|aide|diplomat|minister/i.test(text)) {
            return 'Official';
        }
        if (/sources?\b|insider|familiar with|anonymous|unnamed/i.test(text)) {
            return 'Anonymous';
        }
        if (/document|letter|filing|memo|statement/i.test(text)) {
            return 'Document';
        }
        if (/\b(times|post|journal|news|agency|reuters|bbc|cnn|guardian|telegraph)\b/i.test(text)) {
            return 'MediaReport';
        }
        return 'NamedPerson';
    }

    /** A new actor's kind comes from what it is (NATO: organisation, Ukraine: country), asked of the server. */
    async function proposeActorKind(text) {
        const select = byId('tag-actor-kind');
        const asked = text;
        try {
            const response = await fetch(`${window.location.pathname}?handler=ActorKind&name=${encodeURIComponent(text)}`, {
                credentials: 'same-origin',
                headers: { Accept: 'application/json' },
            });
            const data = response.ok ? await response.json() : null;
            // Only if the dialog still holds that name and nobody chose a kind meanwhile.
            if (data?.kind && byId('tag-actor-name').value === asked && !select.dataset.chosen) {
                select.value = data.kind;
            }
        } catch {
            // keep the list's first kind; the editor can change it
        }
    }

    byId('tag-actor-kind')?.addEventListener('change', (event) => {
        event.target.dataset.chosen = 'true';
    });

    function articleSources() {
        const seen = new Map();
        for (const entry of all('.tag-entry[data-kind=Source]')) {
            if (entry.dataset.sourceId && !seen.has(entry.dataset.sourceId)) {
                seen.set(entry.dataset.sourceId, {
                    id: entry.dataset.sourceId,
                    description: entry.dataset.sourceDescription,
                    start: Number(entry.dataset.start),
                    end: Number(entry.dataset.end),
                });
            }
        }
        return Array.from(seen.values());
    }

    function articleActors() {
        const seen = new Map();
        for (const entry of all('.tag-entry[data-kind=ActorMention]')) {
            if (entry.dataset.actorId && !seen.has(entry.dataset.actorId)) {
                seen.set(entry.dataset.actorId, { id: Number(entry.dataset.actorId), name: entry.dataset.actorName, kindLabel: 'in this article' });
            }
        }
        return Array.from(seen.values());
    }

    function renderClaimSources(span) {
        const list = byId('tag-claim-sources');
        list.replaceChildren();
        const sources = articleSources();
        for (const source of sources) {
            const label = document.createElement('label');
            const box = document.createElement('input');
            box.type = 'checkbox';
            box.name = 'SourceIds';
            box.value = source.id;
            // A source tagged inside or right next to the claim's span is most likely what it rests on.
            box.checked = source.start < span.end + 40 && source.end > span.start - 40;
            label.append(box, document.createTextNode(source.description));
            list.append(label);
        }
        byId('tag-claim-sources-empty').hidden = sources.length > 0;
    }

    /** The sentence(s) the span lies in, for the claim's statement: a claim is usually a whole sentence even
     *  when only its core was selected. Spans across blocks keep their own text. */
    function sentenceAround(span) {
        const block = all('[data-start]', articleBody()).find((b) => {
            const start = Number(b.dataset.start);
            return start <= span.start && span.end <= start + b.textContent.length;
        });
        if (!block) {
            return span.exact.replace(/\s+/g, ' ').trim();
        }
        const text = block.textContent;
        const from = span.start - Number(block.dataset.start);
        const to = span.end - Number(block.dataset.start);
        const ends = /[.!?]+["”’)\]]*(?=\s|$)/g;
        let start = 0;
        let end = text.length;
        for (const match of text.matchAll(ends)) {
            const after = match.index + match[0].length;
            if (after <= from) {
                start = after;
            } else if (after >= to) {
                end = after;
                break;
            }
        }
        return text.slice(start, end).replace(/\s+/g, ' ').trim();
    }

    function openDialog(kind, span, options = {}) {
        if (!dialog || !form || !KINDS[kind]) {
            return;
        }
        toolbar.hidden = true;
        hideSuggestionBar();
        returnFocus = document.activeElement && document.activeElement !== document.body ? document.activeElement : articleBody();
        afterClose = options.returnTo || null;
        form.reset();
        const kindSelect = byId('tag-actor-kind');
        if (kindSelect) {
            delete kindSelect.dataset.chosen;
        }
        for (const combo of all('[data-combo]', form)) {
            combo.resetCombo?.();
        }
        const errors = byId('tag-dialog-errors');
        errors.hidden = true;
        errors.replaceChildren();

        form.elements.Kind.value = kind;
        form.elements.Start.value = span.start;
        form.elements.End.value = span.end;
        form.elements.Exact.value = span.exact;
        dialog.dataset.kind = kind;
        byId('tag-dialog-title').textContent = KINDS[kind].title;
        byId('tag-dialog-kind').replaceChildren(letter(kind), document.createTextNode(` New ${KINDS[kind].label} tag`));
        byId('tag-dialog-quote').textContent = span.exact;
        byId('tag-submit').textContent = KINDS[kind].submit;
        for (const set of all('.tag-fields', form)) {
            const on = set.dataset.kind === kind;
            set.hidden = !on;
            set.disabled = !on;
        }

        let first;
        if (kind === 'ActorMention') {
            const name = byId('tag-actor-name');
            name.value = options.name || span.exact;
            if (options.actorKind) {
                byId('tag-actor-kind').value = options.actorKind;
            } else {
                proposeActorKind(name.value);
            }
            first = name;
        } else if (kind === 'Source') {
            byId('tag-source-kind').value = options.sourceKind || guessSourceKind(span.exact);
            byId('tag-source-description').value = span.exact;
            first = byId('tag-source-description');
        } else {
            byId('tag-claim-statement').value = options.statement || sentenceAround(span);
            renderClaimSources(span);
            first = byId('tag-claim-statement');
        }

        dialog.showModal();
        first.focus();
        first.select?.();
        if (kind === 'ActorMention') {
            fieldset('ActorMention').querySelector('[data-combo]').search();
        }
    }

    function letter(kind) {
        const badge = document.createElement('span');
        badge.className = `kind-letter kind-${KINDS[kind].label}`;
        badge.setAttribute('aria-hidden', 'true');
        badge.textContent = KINDS[kind].letter;
        return badge;
    }

    function closeDialog() {
        if (dialog?.open) {
            dialog.close();
        }
    }

    dialog?.addEventListener('close', () => {
        const then = afterClose;
        afterClose = null;
        if (then) {
            then();
            return;
        }
        if (returnFocus && document.contains(returnFocus)) {
            returnFocus.focus({ preventScroll: true });
            if (passage && returnFocus === articleBody()) {
                drawPassage();
            }
        } else {
            articleBody()?.focus?.();
        }
    });

    dialog?.addEventListener('cancel', (event) => {
        // Escape closes an open option list first, the dialog only on a second press.
        const open = form.querySelector('.combo-options:not([hidden])');
        if (open) {
            event.preventDefault();
            open.closest('[data-combo]').closeList();
        }
    });

    dialog?.addEventListener('click', (event) => {
        if (event.target.closest('[data-action=cancel]')) {
            closeDialog();
        } else if (event.target === dialog) {
            closeDialog(); // a click on the backdrop
        }
    });

    dialog?.addEventListener('keydown', (event) => {
        if (event.key === 'Tab') {
            // Keep focus inside the dialog: wrap from the last field to the first and back.
            const focusable = all('input:not([type=hidden]), select, textarea, button, [href]', dialog)
                .filter((e) => !e.disabled && e.offsetParent !== null);
            if (focusable.length === 0) {
                return;
            }
            const first = focusable[0];
            const last = focusable[focusable.length - 1];
            if (event.shiftKey && document.activeElement === first) {
                event.preventDefault();
                last.focus();
            } else if (!event.shiftKey && document.activeElement === last) {
                event.preventDefault();
                first.focus();
            }
        } else if (event.key === 'Enter' && event.target.matches('textarea') && !event.shiftKey) {
            event.preventDefault();
            form.requestSubmit();
        }
    });

    form?.addEventListener('submit', async (event) => {
        event.preventDefault();
        const errors = byId('tag-dialog-errors');
        const unpicked = all('[data-combo]', form).find((combo) => !combo.closest('fieldset').disabled && combo.unpicked?.());
        if (unpicked) {
            const text = document.createElement('p');
            text.textContent = `Pick “${unpicked.input.value.trim()}” from the list of actors, or clear the ${unpicked.querySelector('label').firstChild.textContent.trim().toLowerCase()} field.`;
            errors.replaceChildren(text);
            errors.hidden = false;
            unpicked.input.focus();
            return;
        }
        const fields = new FormData(form);
        const kind = fields.get('Kind');
        if (kind === 'ActorMention' && fields.get('ActorId')) {
            fields.delete('NewActorName');
            fields.delete('NewActorKind');
        }
        for (const [name, value] of Array.from(fields.entries())) {
            if (value === '') {
                fields.delete(name);
            }
        }
        const submit = byId('tag-submit');
        submit.disabled = true;
        const result = await post(form, fields);
        submit.disabled = false;
        if (!result.ok) {
            const text = document.createElement('p');
            text.textContent = problemText(result);
            errors.replaceChildren(text);
            if (result.status === 409) {
                const reload = document.createElement('button');
                reload.type = 'button';
                reload.className = 'button small';
                reload.textContent = 'Reload the page';
                reload.addEventListener('click', () => window.location.reload());
                errors.append(reload);
            }
            errors.hidden = false;
            errors.focus();
            return;
        }
        afterClose = null;
        const saved = result.data?.result;
        closeDialog();
        stopPassage(false);
        await refresh();
        announce(result.data?.message || 'Tagged.');
        if (saved?.id) {
            select(String(saved.id), { focusMark: true });
        }
    });

    // ---------------------------------------------------------------- actor typeahead

    const actorsUrl = () => `${window.location.pathname}?handler=Actors`;

    function setupCombo(root) {
        const input = root.querySelector('[role=combobox]');
        const list = root.querySelector('[role=listbox]');
        const idField = root.querySelector(`input[type=hidden][name="${root.dataset.idName}"]`);
        const hint = root.querySelector('.hint');
        const hintText = hint ? hint.textContent : '';
        const allowNew = root.dataset.allowNew === 'true';
        const newKind = root.closest('.tag-fields')?.querySelector('[data-new-actor]');
        let options = [];
        let active = -1;
        let timer = 0;
        let sequence = 0;

        function setHint(text, picked) {
            if (!hint) {
                return;
            }
            if (!text) {
                hint.textContent = hintText;
                return;
            }
            const strong = document.createElement('span');
            strong.className = 'combo-picked';
            strong.textContent = picked;
            hint.replaceChildren(strong, document.createTextNode(text));
        }

        function render() {
            list.replaceChildren();
            options.forEach((option, index) => {
                const item = document.createElement('li');
                item.id = `${list.id}-${index}`;
                item.setAttribute('role', 'option');
                item.setAttribute('aria-selected', String(index === active));
                const name = document.createElement('span');
                const meta = document.createElement('span');
                meta.className = 'option-meta';
                if (option.type === 'new') {
                    name.className = 'option-new';
                    name.textContent = `Create “${option.name}”`;
                    meta.textContent = 'new actor';
                } else if (option.type === 'none') {
                    item.setAttribute('aria-disabled', 'true');
                    item.className = 'option-none';
                    name.textContent = `No actor called “${option.name}” yet. Tag the actor in the text first (A).`;
                } else {
                    name.textContent = option.name;
                    meta.textContent = option.alias ? `${option.kindLabel} · also “${option.alias}”` : option.kindLabel;
                }
                item.append(name, meta);
                item.addEventListener('mousedown', (event) => event.preventDefault());
                if (option.type !== 'none') {
                    item.addEventListener('click', () => pick(option));
                }
                list.append(item);
            });
            const open = options.length > 0 && document.activeElement === input;
            list.hidden = !open;
            input.setAttribute('aria-expanded', String(open));
            if (open && active >= 0) {
                input.setAttribute('aria-activedescendant', `${list.id}-${active}`);
                byId(`${list.id}-${active}`)?.scrollIntoView({ block: 'nearest' });
            } else {
                input.removeAttribute('aria-activedescendant');
            }
        }

        async function search() {
            const query = input.value.trim();
            const mine = ++sequence;
            let found = [];
            if (query) {
                try {
                    const response = await fetch(`${actorsUrl()}&q=${encodeURIComponent(query)}`, {
                        credentials: 'same-origin',
                        headers: { Accept: 'application/json' },
                    });
                    found = response.ok ? await response.json() : [];
                } catch {
                    found = [];
                }
            } else {
                found = articleActors();
            }
            if (mine !== sequence) {
                return; // a newer keystroke already asked again
            }
            options = found.map((actor) => ({ ...actor, type: 'actor' }));
            if (allowNew && query && !found.some((actor) => actor.name.localeCompare(query, undefined, { sensitivity: 'accent' }) === 0)) {
                options.push({ type: 'new', name: query });
            }
            if (!allowNew && query && options.length === 0) {
                options.push({ type: 'none', name: query });
            }
            active = options.length > 0 && options[0].type !== 'none' ? 0 : -1;
            render();
            if (options.length === 1 && options[0].type === 'none') {
                announce(`No actor called ${query} in the registry.`);
            } else if (options.length > 0 && document.activeElement === input) {
                const what = options[0].type === 'new' ? `create “${options[0].name}”` : options[0].name;
                announce(`${options.length} option${options.length === 1 ? '' : 's'}; ${what} first. Up and down arrows choose, Enter picks.`);
            }
        }

        function pick(option) {
            input.value = option.name;
            if (option.type === 'new') {
                idField.value = '';
                root.classList.remove('has-pick');
                if (newKind) {
                    newKind.hidden = false;
                }
                setHint(' will be created as a new actor. Choose its kind below.', option.name);
            } else {
                idField.value = option.id;
                root.classList.add('has-pick');
                if (newKind) {
                    newKind.hidden = true;
                }
                setHint(` · ${option.kindLabel} · from the registry`, option.name);
            }
            closeList();
            announce(option.type === 'new' ? `New actor ${option.name}.` : `Picked ${option.name}.`);
        }

        function closeList() {
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            input.removeAttribute('aria-activedescendant');
        }

        function move(step) {
            if (options.length === 0 || options[0].type === 'none') {
                return;
            }
            active = (active + step + options.length) % options.length;
            render();
        }

        input.addEventListener('input', () => {
            idField.value = '';
            root.classList.remove('has-pick');
            if (newKind) {
                newKind.hidden = !allowNew;
            }
            setHint('');
            window.clearTimeout(timer);
            timer = window.setTimeout(search, 150);
        });
        input.addEventListener('focus', () => {
            if (!idField.value && !input.value.trim()) {
                search();
            }
        });
        input.addEventListener('blur', () => window.setTimeout(closeList, 100));
        input.addEventListener('keydown', (event) => {
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                event.preventDefault();
                if (list.hidden) {
                    render();
                    if (options.length === 0) {
                        search();
                    }
                }
                move(event.key === 'ArrowDown' ? 1 : -1);
            } else if (event.key === 'Enter') {
                if (!list.hidden && active >= 0) {
                    event.preventDefault();
                    pick(options[active]);
                }
            } else if (event.key === 'Escape') {
                if (!list.hidden) {
                    event.preventDefault();
                    event.stopPropagation();
                    closeList();
                }
            }
        });

        root.search = search;
        /** A typed name that was never picked: the field would be sent empty. */
        root.unpicked = () => !allowNew && input.value.trim() !== '' && !idField.value;
        root.input = input;
        root.closeList = closeList;
        root.resetCombo = () => {
            idField.value = '';
            options = [];
            active = -1;
            root.classList.remove('has-pick');
            if (newKind) {
                newKind.hidden = !allowNew;
            }
            setHint('');
            closeList();
        };
    }

    // ---------------------------------------------------------------- passage mode (keyboard-only selection)

    let passage = null;
    const WORD = /[\p{L}\p{N}]+(?:['’\-.][\p{L}\p{N}]+)*\.?/gu;

    function buildWords() {
        const words = [];
        const root = articleBody();
        const blocks = all('[data-start]', root);
        blocks.forEach((block, blockIndex) => {
            const start = Number(block.dataset.start);
            const text = block.textContent;
            for (const match of text.matchAll(WORD)) {
                let value = match[0];
                // A trailing full stop belongs to the word only in abbreviations such as "U.S.".
                if (value.endsWith('.') && !/\..*\.$/.test(value)) {
                    value = value.slice(0, -1);
                }
                const after = text.slice(match.index + value.length, match.index + value.length + 3);
                words.push({
                    start: start + match.index,
                    end: start + match.index + value.length,
                    block: blockIndex,
                    endsSentence: /^[”"’)\]]*[.!?]/.test(after) || match.index + value.length >= text.length,
                });
            }
        });
        return words;
    }

    function startPassage() {
        const root = articleBody();
        if (!root || !isStaff()) {
            return;
        }
        const words = buildWords();
        if (words.length === 0) {
            return;
        }
        let index = 0;
        const span = selectedSpan();
        if (span) {
            index = Math.max(0, words.findIndex((w) => w.end > span.start));
        } else {
            const top = window.scrollY;
            const marker = all('[data-start]', root).find((b) => b.getBoundingClientRect().bottom > 80);
            const block = marker ? all('[data-start]', root).indexOf(marker) : 0;
            index = Math.max(0, words.findIndex((w) => w.block >= block));
            window.scrollTo({ top });
        }
        passage = { words, anchor: index, focus: index };
        root.tabIndex = -1;
        root.classList.add('passage-mode');
        root.setAttribute('aria-describedby', 'passage-help');
        if (passageHelp) {
            passageHelp.hidden = false;
        }
        root.focus({ preventScroll: true });
        drawPassage();
        announce('Passage mode. Arrow keys move by word, Shift with arrows extends, C, A or S tags the selection, Escape leaves.');
    }

    function stopPassage(clearSelection) {
        if (!passage) {
            return;
        }
        passage = null;
        const root = articleBody();
        root?.classList.remove('passage-mode');
        root?.removeAttribute('aria-describedby');
        root?.removeAttribute('tabindex');
        if (passageHelp) {
            passageHelp.hidden = true;
        }
        if (clearSelection) {
            window.getSelection().removeAllRanges();
        }
    }

    function drawPassage() {
        const { words, anchor, focus } = passage;
        const first = words[Math.min(anchor, focus)];
        const last = words[Math.max(anchor, focus)];
        selectOffsets(first.start, last.end);
        const span = selectedSpan();
        if (span) {
            const rects = span.range.getClientRects();
            const rect = rects[focus >= anchor ? rects.length - 1 : 0] || span.range.getBoundingClientRect();
            if (rect.top < 60 || rect.bottom > window.innerHeight - 90) {
                window.scrollBy({ top: rect.top - window.innerHeight / 2 });
            }
            announce(span.exact);
        }
    }

    function passageKey(event) {
        const { words } = passage;
        const last = words.length - 1;
        const clamp = (i) => Math.max(0, Math.min(last, i));
        let { anchor, focus } = passage;
        const sentenceEnd = (from) => {
            let i = from;
            while (i < last && !words[i].endsSentence) {
                i++;
            }
            return i;
        };
        const sentenceStart = (from) => {
            let i = from;
            while (i > 0 && !words[i - 1].endsSentence) {
                i--;
            }
            return i;
        };
        switch (event.key) {
            case 'ArrowRight':
            case 'ArrowLeft': {
                const step = event.key === 'ArrowRight' ? 1 : -1;
                focus = clamp(focus + step);
                if (!event.shiftKey) {
                    anchor = focus;
                }
                break;
            }
            case 'ArrowDown':
            case 'ArrowUp': {
                const block = words[focus].block + (event.key === 'ArrowDown' ? 1 : -1);
                const found = event.key === 'ArrowDown'
                    ? words.findIndex((w) => w.block >= block)
                    : words.findIndex((w) => w.block === Math.max(0, block));
                focus = found < 0 ? (event.key === 'ArrowDown' ? last : 0) : found;
                anchor = focus;
                break;
            }
            case 'End':
                focus = sentenceEnd(focus);
                if (!event.shiftKey) {
                    anchor = sentenceStart(focus);
                }
                break;
            case 'Home':
                if (event.shiftKey) {
                    focus = sentenceStart(focus);
                } else {
                    anchor = sentenceStart(focus);
                    focus = anchor;
                }
                break;
            case 'Escape':
                event.preventDefault();
                stopPassage(true);
                announce('Left passage mode.');
                return true;
            default:
                return false;
        }
        event.preventDefault();
        passage.anchor = anchor;
        passage.focus = focus;
        drawPassage();
        return true;
    }

    // ---------------------------------------------------------------- keyboard

    document.addEventListener('keydown', (event) => {
        if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || dialog?.open) {
            return;
        }
        const target = event.target;
        if (target.closest?.('input, textarea, select, [contenteditable=""], [contenteditable=true]')) {
            return;
        }
        const staff = isStaff();
        if (passage && target === articleBody() && passageKey(event)) {
            return;
        }
        const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;

        if (staff && target.classList?.contains('sugg') && suggestionShown(target)) {
            if (key === 'y' || key === 'Enter') {
                event.preventDefault();
                acceptSuggestion(target.dataset.sugg);
                return;
            }
            if (key === 'n' || key === 'Delete' || key === 'Backspace') {
                event.preventDefault();
                rejectSuggestion(target.dataset.sugg);
                return;
            }
        }

        if (key === 'Escape' && target.matches?.('.tag-entry')) {
            event.preventDefault();
            select(target.dataset.tag, { focusMark: true });
            return;
        }

        if (key === 'Enter' && target.matches?.('mark.tag')) {
            event.preventDefault();
            select(target.dataset.tag, { focusPanel: true });
            return;
        }

        if (!staff || event.shiftKey) {
            return;
        }
        if (KEY_TO_KIND[key]) {
            // Only what is selected now is tagged (or the suggestion or highlight that has focus); a selection that
            // is gone is said so, never replaced by other words.
            const focused = target.classList?.contains('sugg') || target.matches?.('mark.tag');
            const span = selectedSpan() || (focused ? focusedSpan(target) : null);
            event.preventDefault();
            if (span) {
                openDialog(KEY_TO_KIND[key], span);
            } else {
                announce('Nothing is selected. Select the words to tag first; nothing was tagged.');
                showSelectionGone();
            }
            return;
        }
        const inArticle = target === document.body || target.closest?.('#article-layout, main');
        if ((key === 'j' || key === 'k') && inArticle) {
            event.preventDefault();
            moveSuggestion(key === 'j' ? 1 : -1, target);
        } else if (key === 't' && inArticle) {
            event.preventDefault();
            startPassage();
        }
    });

    document.addEventListener('click', (event) => {
        if (event.target.closest('[data-action=passage]')) {
            startPassage();
        }
    });

    // ---------------------------------------------------------------- start

    // A drag that starts inside a focusable highlight would focus it instead of selecting text, so the
    // highlights under the pointer stop being focusable until the button is released; a plain click still
    // selects (see the click handler above).
    document.addEventListener('mousedown', (event) => {
        const root = articleBody();
        if (event.button !== 0 || !root || !root.contains(event.target)) {
            return;
        }
        const stripped = [];
        for (let element = event.target.closest('[tabindex]'); element && element !== root && root.contains(element); element = element.parentElement?.closest('[tabindex]')) {
            stripped.push([element, element.getAttribute('tabindex')]);
            element.removeAttribute('tabindex');
        }
        if (stripped.length > 0) {
            document.addEventListener('mouseup', () => window.setTimeout(() => {
                for (const [element, value] of stripped) {
                    element.setAttribute('tabindex', value);
                }
            }), { once: true, capture: true });
        }
    }, true);

    /** Shows the script-only controls and makes highlights tab stops; runs again after each redraw. */
    function enhance() {
        for (const mark of all('mark.tag.tag-start')) {
            mark.tabIndex = 0;
        }
        for (const control of all('[data-action=passage], [data-action=toggle-suggestions], .sugg-filter')) {
            control.hidden = !isStaff();
        }
        applySuggestionVisibility(hiddenKinds());
    }

    if (toolbar) {
        document.body.append(toolbar);
    }
    if (suggBar) {
        document.body.append(suggBar);
    }
    for (const combo of all('[data-combo]')) {
        setupCombo(combo);
    }
    enhance();
})();
