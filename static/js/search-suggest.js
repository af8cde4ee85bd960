/*
 * Title suggestions for the search boxes: progressive enhancement, no framework, same origin.
 *
 * Every form with role="search" whose text input is named "q" gets a combobox (ARIA 1.2
 * pattern): typing asks <form action>suggest/?q=… (or the input's data-suggest-url) for up
 * to eight titles, shown in a listbox. Up/Down move the active option (aria-activedescendant),
 * Enter opens it, Escape closes the list, Tab leaves it. Without JavaScript the forms submit
 * as usual.
 */
(function () {
  "use strict";

  var MIN_LENGTH = 2;
  var DELAY = 150;
  var counter = 0;

  function suggestUrl(form, input) {
    if (input.dataset.suggestUrl) return input.dataset.suggestUrl;
    var action = form.getAttribute("action") || "";
    return action.replace(/\/?$/, "/") + "suggest/";
  }

  function enhance(form, input) {
    var id = "search-suggestions-" + (++counter);
    var listbox = document.createElement("ul");
    var timer = null;
    var items = [];
    var active = -1;
    var lastQuery = "";
    var controller = null;

    listbox.id = id;
    listbox.className = "search-suggest";
    listbox.setAttribute("role", "listbox");
    listbox.hidden = true;
    if (input.labels && input.labels[0]) {
      if (!input.labels[0].id) input.labels[0].id = id + "-label";
      listbox.setAttribute("aria-labelledby", input.labels[0].id);
    }
    form.classList.add("search-suggest__form");
    // The list opens right under its input: both in an anchor of the input's size.
    var anchor = document.createElement("div");
    anchor.className = "search-suggest__anchor";
    input.insertAdjacentElement("beforebegin", anchor);
    anchor.appendChild(input);
    anchor.appendChild(listbox);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id);
    input.setAttribute("autocomplete", "off");

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var options = listbox.querySelectorAll("[role=option]");
      if (!options.length) return;
      active = (index + options.length) % options.length;
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    }

    function render(suggestions) {
      items = suggestions;
      listbox.textContent = "";
      if (!items.length) {
        close();
        return;
      }
      items.forEach(function (item, i) {
        var option = document.createElement("li");
        var title = document.createElement("span");
        var kind = document.createElement("span");
        option.id = id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.className = "search-suggest__option";
        title.className = "search-suggest__title";
        title.textContent = item.title;
        kind.className = "search-suggest__kind";
        kind.textContent = item.kind_label || "";
        option.appendChild(title);
        option.appendChild(document.createTextNode(" "));
        option.appendChild(kind);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
        });
        option.addEventListener("click", function () {
          window.location.assign(item.url);
        });
        listbox.appendChild(option);
      });
      active = -1;
      input.removeAttribute("aria-activedescendant");
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) return;
      lastQuery = query;
      if (query.length < MIN_LENGTH) {
        render([]);
        return;
      }
      if (controller) controller.abort();
      controller = "AbortController" in window ? new AbortController() : null;
      fetch(suggestUrl(form, input) + "?q=" + encodeURIComponent(query), {
        headers: { Accept: "application/json" },
        credentials: "same-origin",
        signal: controller ? controller.signal : undefined,
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === query) render(data.suggestions || []);
        })
        .catch(function () {
          /* aborted or offline: the form still works */
        });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      if (event.key === "ArrowDown") {
        if (!open && items.length) {
          listbox.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        if (items.length) {
          event.preventDefault();
          setActive(active + 1);
        }
      } else if (event.key === "ArrowUp") {
        if (open) {
          event.preventDefault();
          setActive(active - 1);
        }
      } else if (event.key === "Enter") {
        if (open && active >= 0 && items[active]) {
          event.preventDefault();
          window.location.assign(items[active].url);
        }
      } else if (event.key === "Escape") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(close, 100);
    });
  }

  function init() {
    document.querySelectorAll('form[role="search"]').forEach(function (form) {
      var input = form.querySelector('input[name="q"]');
      if (input && !input.hasAttribute("role") && window.fetch) enhance(form, input);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
